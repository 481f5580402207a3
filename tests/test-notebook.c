/* test-notebook.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-checks-test-utils.h"
#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-notebook.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

typedef struct
{
  const char *input;
  const char *expected;
  gint64      limit;
} NotebookCase;

static const NotebookCase cases[] = {
  { "toy_chat_fine_tuning.jsonl", "toy_chat_fine_tuning.expected-16385.txt", 0 },
  { "toy_chat_fine_tuning.jsonl", "toy_chat_fine_tuning.expected-4096.txt", 4096 },
  { "names_unicode.jsonl", "names_unicode.expected.txt", 0 },
  { "format_edge_cases.jsonl", "format_edge_cases.expected.txt", 0 },
};

static char *
render_file (const char  *name,
             gint64       limit,
             GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "dataprep", name, NULL);
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;

  ft_validator_set_notebook (validator, TRUE);
  ft_validator_set_token_limit (validator, limit);
  reports = ft_test_check_file (validator, path, NULL);
  summary = ft_validation_summary_new_from_reports (validator, reports);

  return ft_notebook_render (summary, error);
}

static void
test_notebook_fixture (gconstpointer data)
{
  const NotebookCase *c = data;
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST,
                                                          "data",
                                                          "dataprep",
                                                          c->expected,
                                                          NULL);
  g_autofree char *expected = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
  g_assert_no_error (error);

  output = render_file (c->input, c->limit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (output, ==, expected);
}

static void
test_notebook_limit_text (void)
{
  g_autofree char *a = ft_notebook_format_limit (16385);
  g_autofree char *b = ft_notebook_format_limit (4096);
  g_autofree char *c = ft_notebook_format_limit (65536);
  g_autofree char *d = ft_notebook_format_limit (100);
  g_autofree char *e = ft_notebook_format_limit (1000000);

  g_assert_cmpstr (a, ==, "16,385");
  g_assert_cmpstr (b, ==, "4096");
  g_assert_cmpstr (c, ==, "65,536");
  g_assert_cmpstr (d, ==, "100");
  g_assert_cmpstr (e, ==, "1,000,000");
}

static void
test_notebook_unloadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ft-notebook-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autofree char *output = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "blank.jsonl", NULL);
  g_assert_true (g_file_set_contents (path,
                                      "{\"messages\": [{\"role\": \"user\", \"content\": "
                                      "\"Hi\"}]}\n"
                                      "\n"
                                      "{\"messages\": [{\"role\": \"user\", \"content\": "
                                      "\"Hi\"}]}\n",
                                      -1, &error));

  ft_validator_set_notebook (validator, TRUE);
  reports = ft_test_check_file (validator, path, NULL);
  summary = ft_validation_summary_new_from_reports (validator, reports);
  output = ft_notebook_render (summary, &error);
  g_assert_null (output);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 2"));

  g_unlink (path);
  g_rmdir (dir);
}

static char *
render_path (const char  *path,
             GError     **error)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;

  ft_validator_set_notebook (validator, TRUE);
  reports = ft_test_check_file (validator, path, NULL);
  summary = ft_validation_summary_new_from_reports (validator, reports);

  return ft_notebook_render (summary, error);
}

/* Python's json keeps a lone surrogate escape and tiktoken counts it as
 * U+FFFD: the notebook's numbers for a file with such escapes are those of
 * the same file with U+FFFD written out.
 */
static void
test_notebook_lone_surrogates (void)
{
  static const char * const contents[] = {
    "Smile \\ud83d!", "\\udc00 at the start", "at the end \\ud83d", "two \\ud800\\ud800",
    "high then letter \\ud800\\u0041", "a pair \\ud83d\\ude00 is fine", "low then high "
    "\\ude00\\ud83d", "plain text",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ft-notebook-XXXXXX", &error);
  g_autofree char *escaped_path = NULL;
  g_autofree char *written_path = NULL;
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autoptr(GString) written = g_string_new (NULL);
  g_autofree char *escaped_output = NULL;
  g_autofree char *written_output = NULL;

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *copy = g_strdup (contents[i]);
      g_autoptr(GString) text = NULL;
      gsize n;

      g_string_append_printf (escaped,
                              "{\"messages\": [{\"role\": \"user\", \"content\": \"%s\"}, "
                              "{\"role\": \"assistant\", \"content\": \"%s\"}]}\n",
                              contents[i], contents[i]);

      /* The same text with each lone surrogate written as U+FFFD. */
      n = ft_json_replace_lone_surrogates (copy, strlen (copy));
      text = g_string_new (copy);
      g_string_replace (text, "\\ufffd", "\xef\xbf\xbd", 0);
      g_string_replace (text, "\\ud83d\\ude00", "\xf0\x9f\x98\x80", 0);
      g_string_replace (text, "\\u0041", "A", 0);
      g_assert_null (strstr (text->str, "\\u"));
      g_assert_true (n > 0 || strstr (contents[i], "pair") != NULL ||
                     strstr (contents[i], "plain") != NULL);
      g_string_append_printf (written,
                              "{\"messages\": [{\"role\": \"user\", \"content\": \"%s\"}, "
                              "{\"role\": \"assistant\", \"content\": \"%s\"}]}\n",
                              text->str, text->str);
    }

  escaped_path = g_build_filename (dir, "escaped.jsonl", NULL);
  written_path = g_build_filename (dir, "written.jsonl", NULL);
  g_assert_true (g_file_set_contents (escaped_path, escaped->str, -1, &error));
  g_assert_true (g_file_set_contents (written_path, written->str, -1, &error));

  escaped_output = render_path (escaped_path, &error);
  g_assert_no_error (error);
  written_output = render_path (written_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (escaped_output, "Num examples: 8\nNo errors found\n"));
  g_assert_cmpstr (escaped_output, ==, written_output);

  g_unlink (escaped_path);
  g_unlink (written_path);
  g_rmdir (dir);
}

static void
test_notebook_empty (void)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autofree char *output = NULL;

  ft_validator_set_notebook (validator, TRUE);
  summary = ft_validation_summary_new_from_reports (validator, reports);
  output = ft_notebook_render (summary, NULL);
  g_assert_cmpstr (output, ==, "Num examples: 0\nNo errors found\n\n" FT_NOTEBOOK_RAISES_LINE "\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ft/notebook/%s", cases[i].expected);

      g_test_add_data_func (path, &cases[i], test_notebook_fixture);
    }
  g_test_add_func ("/ft/notebook/limit-text", test_notebook_limit_text);
  g_test_add_func ("/ft/notebook/unloadable", test_notebook_unloadable);
  g_test_add_func ("/ft/notebook/empty", test_notebook_empty);
  g_test_add_func ("/ft/notebook/lone-surrogates", test_notebook_lone_surrogates);

  return g_test_run ();
}
