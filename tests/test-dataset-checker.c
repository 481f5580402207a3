/* test-dataset-checker.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset-checker.h"
#include "ft-dataset.h"
#include "ft-import.h"

#include <locale.h>
#include <string.h>

/* The checker includes the dataset and the checks headers together, which
 * only works since the two FtExampleKind enums were told apart; this file
 * compiling is part of the test.
 */

#define PAIR(u, a) \
  "{\"role\": \"user\", \"content\": \"" u "\"}, {\"role\": \"assistant\", \"content\": \"" a "\"}"

typedef struct
{
  char      *dir;
  FtDataset *dataset;
  gboolean   loaded;
  GError    *error;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = ft_test_make_tmp_dir ();
  fixture->dataset = ft_dataset_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->dataset);
  g_clear_error (&fixture->error);
  ft_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;

  ft_dataset_load_finish (FT_DATASET (object), result, &fixture->error);
  fixture->loaded = TRUE;
}

static void
load_text (Fixture    *fixture,
           const char *contents)
{
  g_autofree char *path = ft_test_write_file (fixture->dir, "data.jsonl", contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fixture->loaded = FALSE;
  ft_dataset_load_async (fixture->dataset, file, NULL, load_done_cb, fixture);
}

static void
wait_loaded (Fixture *fixture)
{
  FT_TEST_WAIT (fixture->loaded);
  g_assert_no_error (fixture->error);
}

static void
wait_checked (FtDatasetChecker *checker)
{
  ft_dataset_checker_flush (checker);
  FT_TEST_WAIT (!ft_dataset_checker_get_busy (checker));
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static FtExample *
example_at (Fixture *fixture,
            guint    position)
{
  return ft_dataset_peek_example (fixture->dataset, position);
}

static FtIssue *
find_issue (FtDatasetChecker *checker,
            FtIssueCode       code,
            guint            *n_found)
{
  GListModel *issues = ft_dataset_checker_get_issues (checker);
  FtIssue *found = NULL;

  *n_found = 0;
  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      if (ft_issue_get_code_id (issue) == code)
        {
          (*n_found)++;
          found = issue;
        }
    }

  return found;
}

static const char *five_lines =
  "{\"messages\": [" PAIR ("Where is my order?", "It ships tomorrow.") "]}\n"
  "{\"messages\": [" PAIR ("Do you repair bikes?", "Yes, on weekdays.") "]}\n"
  "\n"
  "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}\n"
  "{\"messages\": [" PAIR ("Where is my order?", "It ships tomorrow.") "]}\n"
  "{\"messages\": [{\"role\": \"robot\", \"content\": \"Beep\"}, {\"role\": \"assistant\", "
  "\"content\": \"Boop\"}]}\n";

static void
test_checker_load (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  FtValidationSummary *summary;
  FtExampleReport *report;
  FtIssue *issue;
  guint n_found;
  guint n_checked = 0;
  GListModel *issues;

  g_signal_connect_swapped (checker, "checked", G_CALLBACK (count_signal), &n_checked);

  load_text (fixture, five_lines);
  g_assert_true (ft_dataset_checker_get_busy (checker));
  wait_loaded (fixture);
  wait_checked (checker);

  g_assert_cmpuint (n_checked, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 5);

  /* Every example has a report, at its position. */
  for (guint i = 0; i < 5; i++)
    {
      FtExampleReport *checked = ft_dataset_checker_get_report (checker,
                                                                example_at (fixture, i));

      g_assert_nonnull (checked);
      g_assert_cmpuint (ft_example_report_get_n_messages (checked), ==,
                        ft_example_get_n_messages (example_at (fixture, i)));
    }

  report = ft_dataset_checker_get_report (checker, example_at (fixture, 0));
  g_assert_cmpint (ft_example_report_get_total_tokens (report), >, 5);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, example_at (fixture, 2),
                                                     FT_ISSUE_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, example_at (fixture, 3),
                                                     FT_ISSUE_SEVERITY_WARNING), >=, 1);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, example_at (fixture, 0),
                                                     FT_ISSUE_SEVERITY_ERROR), ==, 0);

  /* The duplicate names the line the examples are on now. */
  issue = find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpuint (ft_issue_get_line (issue), ==, 4);
  g_assert_cmpuint (ft_issue_get_other_line (issue), ==, 1);
  g_assert_true (ft_dataset_checker_get_issue_example (checker, issue) == example_at (fixture, 3));

  /* The broken line, by example. */
  issue = find_issue (checker, FT_ISSUE_INVALID_JSON, &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_true (ft_dataset_checker_get_issue_example (checker, issue) == example_at (fixture, 2));

  /* Errors come first. */
  issues = ft_dataset_checker_get_issues (checker);
  for (guint i = 1; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) a = g_list_model_get_item (issues, i - 1);
      g_autoptr(FtIssue) b = g_list_model_get_item (issues, i);

      g_assert_cmpint (ft_issue_get_severity (a), <=, ft_issue_get_severity (b));
    }

  summary = ft_dataset_checker_get_summary (checker);
  g_assert_nonnull (summary);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (summary), ==, 5);
  g_assert_cmpuint (ft_validation_summary_get_n_broken (summary), ==, 1);
  g_assert_cmpint (ft_validation_summary_get_method (summary), ==, FT_DATASET_METHOD_SUPERVISED);
  g_assert_cmpfloat (ft_dataset_checker_get_progress (checker), ==, 1.0);
}

static void
test_checker_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  g_autoptr(GListModel) example_issues = NULL;
  FtExampleReport *before[5];
  FtMessage *message;
  guint n_found;

  load_text (fixture, five_lines);
  wait_loaded (fixture);
  wait_checked (checker);

  for (guint i = 0; i < 5; i++)
    before[i] = ft_dataset_checker_get_report (checker, example_at (fixture, i));

  /* Example 2 becomes the same as example 1 (and 4). */
  message = g_list_model_get_item (ft_example_get_messages (example_at (fixture, 1)), 1);
  ft_message_set_content (message, "It ships tomorrow.");
  g_object_unref (message);
  message = g_list_model_get_item (ft_example_get_messages (example_at (fixture, 1)), 0);
  ft_message_set_content (message, "Where is my order?");
  g_object_unref (message);

  /* Scheduled, not run yet. */
  g_assert_true (ft_dataset_checker_get_busy (checker));
  wait_checked (checker);

  /* Only the edited example was checked again. */
  for (guint i = 0; i < 5; i++)
    {
      FtExampleReport *after = ft_dataset_checker_get_report (checker, example_at (fixture, i));

      if (i == 1)
        g_assert_true (after != before[i]);
      else
        g_assert_true (after == before[i]);
    }

  find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 2);
  example_issues = ft_dataset_checker_dup_example_issues (checker, example_at (fixture, 1));
  g_assert_cmpuint (g_list_model_get_n_items (example_issues), ==, 1);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, example_at (fixture, 1),
                                                     FT_ISSUE_SEVERITY_WARNING), ==, 1);

  /* Fixing the broken line in place. */
  g_assert_true (ft_example_set_text (example_at (fixture, 2),
                                      "{\"messages\": [" PAIR ("Hi", "Hello!") "]}", NULL));
  wait_checked (checker);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, example_at (fixture, 2),
                                                     FT_ISSUE_SEVERITY_ERROR), ==, 0);
  find_issue (checker, FT_ISSUE_INVALID_JSON, &n_found);
  g_assert_cmpuint (n_found, ==, 0);
  g_assert_cmpuint (ft_validation_summary_get_n_broken (ft_dataset_checker_get_summary (checker)),
                    ==,
                    0);
}

static void
test_checker_structure (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  g_autoptr(FtExample) added = NULL;
  g_autoptr(FtExample) removed = NULL;
  FtExampleReport *kept;
  FtIssue *issue;
  guint n_found;

  load_text (fixture, five_lines);
  wait_loaded (fixture);
  wait_checked (checker);
  kept = ft_dataset_checker_get_report (checker, example_at (fixture, 0));

  /* A new example first: the duplicate now is on line 5, of line 2. */
  added = ft_example_new_from_text ("{\"messages\": [" PAIR ("New", "Example") "]}", -1);
  ft_dataset_insert (fixture->dataset, 0, added);
  wait_checked (checker);
  g_assert_nonnull (ft_dataset_checker_get_report (checker, added));
  g_assert_true (ft_dataset_checker_get_report (checker, example_at (fixture, 1)) == kept);
  issue = find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpuint (ft_issue_get_line (issue), ==, 5);
  g_assert_cmpuint (ft_issue_get_other_line (issue), ==, 2);

  /* Removing the first copy leaves no duplicate. */
  removed = g_object_ref (example_at (fixture, 1));
  ft_dataset_remove (fixture->dataset, 1);
  wait_checked (checker);
  find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 0);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (ft_dataset_checker_get_summary (checker)),
                    ==,
                    5);

  /* Putting it back (as undo does) brings its report along. */
  ft_dataset_insert (fixture->dataset, 1, removed);
  wait_checked (checker);
  g_assert_true (ft_dataset_checker_get_report (checker, removed) == kept);
  find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 1);
}

static void
test_checker_model (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  FtExampleReport *before;
  FtExampleReport *after;

  load_text (fixture, five_lines);
  wait_loaded (fixture);
  wait_checked (checker);

  /* Without a model: the notebook's encoding and limit. */
  g_assert_null (ft_dataset_checker_get_model (checker));
  before = ft_dataset_checker_get_report (checker, example_at (fixture, 0));
  g_assert_cmpint (ft_validation_summary_get_token_limit (ft_dataset_checker_get_summary (checker)),
                   ==, 16385);

  ft_dataset_checker_set_model (checker, "gpt-4o-mini-2024-07-18");
  g_assert_cmpint (ft_dataset_checker_get_encoding (checker), ==, FT_ENCODING_O200K_BASE);
  wait_checked (checker);
  after = ft_dataset_checker_get_report (checker, example_at (fixture, 0));
  g_assert_nonnull (after);
  g_assert_true (after != before);
  g_assert_cmpint (ft_validation_summary_get_token_limit (ft_dataset_checker_get_summary (checker)),
                   ==, 65536);

  /* An unknown model counts with the fallback encoding. */
  ft_dataset_checker_set_fallback_encoding (checker, FT_ENCODING_CL100K_BASE);
  ft_dataset_checker_set_model (checker, "my-own-model");
  g_assert_cmpint (ft_dataset_checker_get_encoding (checker), ==, FT_ENCODING_CL100K_BASE);
  wait_checked (checker);
  g_assert_nonnull (ft_dataset_checker_get_report (checker, example_at (fixture, 0)));
}

/* Many lines of different lengths: a report at the wrong position shows
 * as a wrong message count.
 */
static char *
make_varied_lines_full (guint    n,
                        gboolean blank_lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, "{\"messages\": [");
      for (guint j = 0; j <= i % 4; j++)
        g_string_append_printf (text, "%s" PAIR ("Question %u.%u", "Answer %u.%u"),
                                j > 0 ? ", " : "", i, j, i, j);
      g_string_append (text, "]}\n");
      if (blank_lines && i % 97 == 0)
        g_string_append (text, "\n");
    }

  return g_string_free (text, FALSE);
}

static char *
make_varied_lines (guint n)
{
  return make_varied_lines_full (n, TRUE);
}

static void
assert_reports_match (FtDatasetChecker *checker,
                      FtDataset        *dataset)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (dataset));

  for (guint i = 0; i < n; i++)
    {
      FtExample *example = ft_dataset_peek_example (dataset, i);
      FtExampleReport *report = ft_dataset_checker_get_report (checker, example);

      g_assert_nonnull (report);
      g_assert_cmpuint (ft_example_report_get_n_messages (report), ==,
                        ft_example_get_n_messages (example));
    }
}

static void
remove_first_once (FtDataset *dataset,
                   guint      position,
                   guint      removed,
                   guint      added,
                   gboolean  *done)
{
  if (*done || added == 0)
    return;

  *done = TRUE;
  ft_dataset_remove (dataset, 0);
}

static void
test_checker_big_load (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  g_autofree char *lines = make_varied_lines (3000);
  gboolean removed = FALSE;
  gulong handler;

  /* Undisturbed: the file check's reports go to the examples. */
  load_text (fixture, lines);
  wait_loaded (fixture);
  wait_checked (checker);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 3000);
  assert_reports_match (checker, fixture->dataset);

  /* A removal while loading: the examples are checked from memory. */
  handler = g_signal_connect (fixture->dataset, "items-changed",
                              G_CALLBACK (remove_first_once), &removed);
  load_text (fixture, lines);
  wait_loaded (fixture);
  g_signal_handler_disconnect (fixture->dataset, handler);
  g_assert_true (removed);
  wait_checked (checker);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 2999);
  assert_reports_match (checker, fixture->dataset);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (ft_dataset_checker_get_summary (checker)),
                    ==, 2999);
}

static void
test_checker_adopt (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  g_autofree char *lines = make_varied_lines_full (3000, FALSE);
  g_autoptr(GString) text = g_string_new (lines);
  FtExample *last;
  FtIssue *issue;
  guint n_found;
  guint n_checked = 0;

  /* Without blank lines the file check is adopted as it is, duplicates
   * included.
   */
  g_string_append (text, "{\"messages\": [" PAIR ("Question 1.0", "Answer 1.0") ", "
                   PAIR ("Question 1.1", "Answer 1.1") "]}\n");
  g_signal_connect_swapped (checker, "checked", G_CALLBACK (count_signal), &n_checked);
  load_text (fixture, text->str);
  wait_loaded (fixture);
  wait_checked (checker);

  g_assert_cmpuint (n_checked, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 3001);
  assert_reports_match (checker, fixture->dataset);
  issue = find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpuint (ft_issue_get_line (issue), ==, 3001);
  g_assert_cmpuint (ft_issue_get_other_line (issue), ==, 2);
  g_assert_true (ft_dataset_checker_get_issue_example (checker, issue) ==
                 ft_dataset_peek_example (fixture->dataset, 3000));
  last = ft_dataset_peek_example (fixture->dataset, 3000);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, last, FT_ISSUE_SEVERITY_WARNING),
                    ==, 1);

  /* Later edits are checked as usual. */
  g_assert_true (ft_example_set_text (ft_dataset_peek_example (fixture->dataset, 3000),
                                      "{\"messages\": [" PAIR ("New", "Text") "]}", NULL));
  wait_checked (checker);
  find_issue (checker, FT_ISSUE_DUPLICATE_EXAMPLE, &n_found);
  g_assert_cmpuint (n_found, ==, 0);
  assert_reports_match (checker, fixture->dataset);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  ft_dataset_import_finish (FT_DATASET (object), result, NULL, &fixture->error);
  fixture->loaded = TRUE;
}

static void
test_checker_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FtDatasetChecker) checker = ft_dataset_checker_new (fixture->dataset);
  g_autofree char *path = ft_test_write_file (fixture->dir, "faq.csv",
                                              "question,answer\n"
                                              "Do you sell helmets?,Yes.\n"
                                              "Are you open on Sunday?,No.\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ft_dataset_import_async (fixture->dataset, file, NULL, NULL, import_done_cb, fixture);
  wait_loaded (fixture);
  wait_checked (checker);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 2);
  assert_reports_match (checker, fixture->dataset);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (ft_dataset_checker_get_summary (checker)),
                    ==, 2);
}

static void
test_checker_dispose_while_checking (Fixture       *fixture,
                                     gconstpointer  data)
{
  FtDatasetChecker *checker = ft_dataset_checker_new (fixture->dataset);
  g_autofree char *lines = make_varied_lines (2000);

  load_text (fixture, lines);
  g_assert_true (ft_dataset_checker_get_busy (checker));

  /* Going away mid-check cancels cleanly; the load goes on. */
  g_assert_finalize_object (checker);
  wait_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 2000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ft/dataset-checker/load", Fixture, NULL,
              fixture_setup, test_checker_load, fixture_teardown);
  g_test_add ("/ft/dataset-checker/edit", Fixture, NULL,
              fixture_setup, test_checker_edit, fixture_teardown);
  g_test_add ("/ft/dataset-checker/structure", Fixture, NULL,
              fixture_setup, test_checker_structure, fixture_teardown);
  g_test_add ("/ft/dataset-checker/model", Fixture, NULL,
              fixture_setup, test_checker_model, fixture_teardown);
  g_test_add ("/ft/dataset-checker/big-load", Fixture, NULL,
              fixture_setup, test_checker_big_load, fixture_teardown);
  g_test_add ("/ft/dataset-checker/adopt", Fixture, NULL,
              fixture_setup, test_checker_adopt, fixture_teardown);
  g_test_add ("/ft/dataset-checker/import", Fixture, NULL,
              fixture_setup, test_checker_import, fixture_teardown);
  g_test_add ("/ft/dataset-checker/dispose-while-checking", Fixture, NULL,
              fixture_setup, test_checker_dispose_while_checking, fixture_teardown);

  return g_test_run ();
}
