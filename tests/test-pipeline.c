/* test-pipeline.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-check-pipeline.h"
#include "ft-checks-test-utils.h"
#include "ft-error.h"

#include <locale.h>
#include <string.h>

static char *
data_path (const char *dir,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static GInputStream *
open_stream (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileInputStream *stream = g_file_read (file, NULL, &error);

  g_assert_no_error (error);
  return G_INPUT_STREAM (stream);
}

/* A file of n examples, with a blank line, a broken line and duplicates
 * sprinkled in, so that it spans many batches.
 */
static GBytes *
make_big_file (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i == 1000)
        g_string_append (text, "\n");
      else if (i == 2000)
        g_string_append (text, "{\"messages\": [\n");
      else
        g_string_append_printf (text,
                                "{\"messages\": [{\"role\": \"user\", \"content\": \"Question "
                                "%u, with some words to count\"}, "
                                "{\"role\": \"assistant\", \"content\": \"Answer %u: %s\"}]}\n",
                                i % 3000, i % 3000, i % 2 ? "yes" : "no, not at all");
    }

  return g_string_free_to_bytes (text);
}

static void
collect_cb (FtExampleReport *report,
            gpointer         user_data)
{
  GPtrArray *reports = user_data;

  g_ptr_array_add (reports, ft_example_report_ref (report));
}

static void
assert_same_reports (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      FtExampleReport *x = g_ptr_array_index (a, i);
      FtExampleReport *y = g_ptr_array_index (b, i);

      g_assert_cmpuint (ft_example_report_get_line (x), ==, ft_example_report_get_line (y));
      g_assert_cmpint (ft_example_report_get_index (x), ==, ft_example_report_get_index (y));
      g_assert_cmpint (ft_example_report_get_kind (x), ==, ft_example_report_get_kind (y));
      g_assert_cmpint (ft_example_report_get_total_tokens (x),
                       ==,
                       ft_example_report_get_total_tokens (y));
      g_assert_cmpint (ft_example_report_get_assistant_tokens (x),
                       ==,
                       ft_example_report_get_assistant_tokens (y));
      g_assert_cmpuint (ft_example_report_get_n_issues (x), ==, ft_example_report_get_n_issues (y));
      g_assert_cmpuint (ft_example_report_get_exact_hash (x),
                        ==,
                        ft_example_report_get_exact_hash (y));
      for (guint j = 0; j < ft_example_report_get_n_issues (x); j++)
        g_assert_cmpstr (ft_issue_get_code (ft_example_report_get_issue (x, j)), ==,
                         ft_issue_get_code (ft_example_report_get_issue (y, j)));
    }
}

static void
test_pipeline_order (void)
{
  g_autoptr(GBytes) bytes = make_big_file (5000);
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) three = NULL;
  g_autoptr(GPtrArray) streamed = ft_test_new_report_array ();
  g_autoptr(FtValidationSummary) s1 = NULL;
  g_autoptr(FtValidationSummary) s3 = NULL;
  g_autoptr(GError) error = NULL;

  for (guint workers = 1; workers <= 3; workers += 2)
    {
      g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
      FtValidationSummary *summary;
      GPtrArray *reports = NULL;

      ft_check_pipeline_set_n_workers (pipeline, workers);
      if (workers == 3)
        ft_check_pipeline_set_report_func (pipeline, collect_cb, g_ptr_array_ref (streamed),
                                           (GDestroyNotify)g_ptr_array_unref);
      summary = ft_check_pipeline_run (pipeline, stream, &reports, NULL, &error);
      g_assert_no_error (error);

      if (workers == 1)
        {
          s1 = summary;
          one = reports;
        }
      else
        {
          s3 = summary;
          three = reports;
        }
    }

  /* Line order, whatever the number of workers; the callback sees the same. */
  g_assert_cmpuint (one->len, ==, 5000);
  for (guint i = 0; i < one->len; i++)
    g_assert_cmpuint (ft_example_report_get_line (g_ptr_array_index (one, i)), ==, i + 1);
  assert_same_reports (one, three);
  assert_same_reports (one, streamed);

  g_assert_cmpint (ft_example_report_get_kind (g_ptr_array_index (one, 1000)),
                   ==,
                   FT_LINE_KIND_BLANK);
  g_assert_cmpint (ft_example_report_get_index (g_ptr_array_index (one, 1001)), ==, 1000);
  g_assert_cmpint (ft_example_report_get_kind (g_ptr_array_index (one, 2000)),
                   ==,
                   FT_LINE_KIND_BROKEN);
  g_assert_true (ft_test_report_has (g_ptr_array_index (one, 2000), FT_ISSUE_INVALID_JSON));
  g_assert_cmpuint (ft_issue_get_column (ft_example_report_get_issue (g_ptr_array_index (one, 2000),
                                                                      0)),
                    >,
                    0);

  g_assert_cmpuint (ft_validation_summary_get_n_lines (s1), ==, 5000);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (s1), ==, 4999);
  g_assert_cmpuint (ft_validation_summary_get_n_broken (s1), ==, 1);
  g_assert_cmpuint (ft_validation_summary_get_n_counted (s1), ==, 4998);
  g_assert_cmpint (ft_validation_summary_get_billed_tokens (s1),
                   ==,
                   ft_validation_summary_get_billed_tokens (s3));
  /* Lines 3001-5000 repeat 1-2000 (minus the blank and the broken one). */
  g_assert_cmpuint (g_list_model_get_n_items (ft_validation_summary_get_issues (s1)), ==,
                    g_list_model_get_n_items (ft_validation_summary_get_issues (s3)));
  g_assert_cmpuint (ft_validation_summary_count_issues (s1, FT_ISSUE_SEVERITY_WARNING), >=, 1998);
}

static void
test_pipeline_same_as_direct (void)
{
  g_autofree char *path = data_path ("real", "zava-retail-agent.tools.jsonl");
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GInputStream) stream = open_stream (path);
  g_autoptr(GPtrArray) direct = ft_test_check_file (validator, path, NULL);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  ft_check_pipeline_set_keep_reports (pipeline, TRUE);
  summary = ft_check_pipeline_run (pipeline, stream, &reports, NULL, &error);
  g_assert_no_error (error);
  assert_same_reports (direct, reports);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES), ==, 25);
}

static void
test_pipeline_detects_rft (void)
{
  g_autofree char *path = data_path ("real", "countdown-rft.train.jsonl");
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GInputStream) stream = open_stream (path);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = ft_check_pipeline_run (pipeline, stream, &reports, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_validation_summary_get_method (summary), ==, FT_DATASET_METHOD_REINFORCEMENT);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_MISSING_ASSISTANT_MESSAGE), ==, 0);
  g_assert_cmpuint (ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR), ==, 0);
  /* The caller's validator is left alone. */
  g_assert_cmpint (ft_validator_get_method (validator), ==, FT_DATASET_METHOD_AUTO);
}

static void
test_pipeline_lines (void)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  FtCheckLine lines[] = {
    { 4, (char *)"{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": "
                 "\"assistant\", \"content\": \"Hello\"}]}" },
    { 9, (char *)"{\"messages\": [{\"role\": \"bot\", \"content\": \"Hi\"}]}" },
    { 12, (char *)"{\"messages\": " },
    { 13, (char *)"  " },
    /* A NUL byte inside: the length says where the line ends. */
    { 14, (char *)"{\"messages\": []}\0 more", 23 },
  };

  summary = ft_check_pipeline_run_lines (pipeline,
                                         lines,
                                         G_N_ELEMENTS (lines),
                                         &reports,
                                         NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 5);
  g_assert_cmpuint (ft_example_report_get_line (g_ptr_array_index (reports, 1)), ==, 9);
  g_assert_cmpint (ft_example_report_get_total_tokens (g_ptr_array_index (reports, 0)), ==, 13);
  g_assert_true (ft_test_report_has (g_ptr_array_index (reports, 1), FT_ISSUE_UNKNOWN_ROLE));
  g_assert_true (ft_test_report_has (g_ptr_array_index (reports, 2), FT_ISSUE_INVALID_JSON));
  g_assert_true (ft_test_report_has (g_ptr_array_index (reports, 3), FT_ISSUE_BLANK_LINE));
  g_assert_true (ft_test_report_has (g_ptr_array_index (reports, 4), FT_ISSUE_CONTAINS_NUL));
  g_assert_cmpuint (ft_validation_summary_get_n_examples (summary), ==, 4);
}

static void
test_pipeline_cancel (void)
{
  g_autoptr(GBytes) bytes = make_big_file (3000);
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  summary = ft_check_pipeline_run (pipeline, stream, NULL, cancellable, &error);
  g_assert_null (summary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  FtValidationSummary *summary;
  GPtrArray           *reports;
  GError              *error;
  GThread             *main_thread;
  guint                n_progress;
  guint64              last_lines;
  gboolean             done;
} AsyncState;

static void
progress_cb (FtCheckPipeline *pipeline,
             guint64          bytes_read,
             guint64          n_lines,
             AsyncState      *state)
{
  /* Delivered in the main context. */
  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (n_lines, >=, state->last_lines);
  state->last_lines = n_lines;
  state->n_progress++;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->summary = ft_check_pipeline_run_finish (FT_CHECK_PIPELINE (object), result,
                                                 &state->reports, &state->error);
  state->done = TRUE;
}

static void
test_pipeline_async (void)
{
  g_autoptr(GBytes) bytes = make_big_file (3000);
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  AsyncState state = { 0 };

  state.main_thread = g_thread_self ();
  ft_check_pipeline_set_keep_reports (pipeline, TRUE);
  g_signal_connect (pipeline, "progress", G_CALLBACK (progress_cb), &state);
  ft_check_pipeline_run_async (pipeline, stream, NULL, run_cb, &state);

  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  /* The final progress is queued before the result. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.summary);
  g_assert_cmpuint (state.reports->len, ==, 3000);
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_cmpuint (state.last_lines, ==, 3000);
  g_assert_cmpuint (ft_validation_summary_get_n_lines (state.summary), ==, 3000);

  g_clear_object (&state.summary);
  g_clear_pointer (&state.reports, g_ptr_array_unref);
}

static void
test_pipeline_async_cancel (void)
{
  g_autoptr(GBytes) bytes = make_big_file (3000);
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  state.main_thread = g_thread_self ();
  g_cancellable_cancel (cancellable);
  ft_check_pipeline_run_async (pipeline, stream, cancellable, run_cb, &state);

  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (state.summary);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
}

typedef struct
{
  FtExampleReport     *report;
  FtValidationSummary *summary;
  GError              *error;
  gboolean             done;
} OneState;

static void
check_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OneState *state = user_data;

  state->report = ft_validator_check_text_finish (FT_VALIDATOR (object), result, &state->error);
  state->done = TRUE;
}

static void
summarize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OneState *state = user_data;

  state->summary = ft_validation_summary_new_from_reports_finish (result, &state->error);
  state->done = TRUE;
}

static FtExampleReport *
check_text (FtValidator *validator,
            const char  *text,
            guint64      line)
{
  OneState state = { 0 };

  ft_validator_check_text_async (validator,
                                 text,
                                 line,
                                 (gint64)line - 1,
                                 NULL,
                                 check_text_cb,
                                 &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  return state.report;
}

static void
test_pipeline_edit_async (void)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(GPtrArray) reports = ft_test_new_report_array ();
  OneState state = { 0 };

  /* Not prepared: the first check loads the tokenizer. */
  g_ptr_array_add (reports, check_text (validator, "{\"messages\": [{\"role\": \"user\", "
                                                   "\"content\": \"Hi\"}, {\"role\": "
                                                   "\"assistant\", \"content\": \"Hello\"}]}", 1));
  g_ptr_array_add (reports, check_text (validator, "{\"messages\": [{\"role\": \"user\", "
                                                   "\"content\": \"Hi\"}, {\"role\": "
                                                   "\"assistant\", \"content\": \"Hello\"}]}", 2));
  g_ptr_array_add (reports, check_text (validator, "{\"messages\": [", 3));
  g_ptr_array_add (reports, check_text (validator, "", 4));

  g_assert_true (ft_validator_is_prepared (validator));
  g_assert_cmpint (ft_example_report_get_total_tokens (g_ptr_array_index (reports, 0)), ==, 13);
  g_assert_true (ft_test_report_has (g_ptr_array_index (reports, 2), FT_ISSUE_INVALID_JSON));
  g_assert_cmpuint (ft_issue_get_line (ft_example_report_get_issue (g_ptr_array_index (reports, 2),
                                                                    0)),
                    ==,
                    3);
  g_assert_true (ft_test_report_has (g_ptr_array_index (reports, 3), FT_ISSUE_BLANK_LINE));

  /* The dataset-level pass over the kept reports, off the main thread. */
  ft_validation_summary_new_from_reports_async (validator, reports, NULL, summarize_cb, &state);
  g_ptr_array_set_size (reports, 0);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (state.error);
  g_assert_cmpuint (ft_validation_summary_get_n_lines (state.summary), ==, 4);
  g_assert_cmpuint (ft_validation_summary_count_issues (state.summary, FT_ISSUE_SEVERITY_WARNING),
                    >=,
                    2);
  g_clear_object (&state.summary);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/pipeline/order", test_pipeline_order);
  g_test_add_func ("/ft/pipeline/same-as-direct", test_pipeline_same_as_direct);
  g_test_add_func ("/ft/pipeline/detects-rft", test_pipeline_detects_rft);
  g_test_add_func ("/ft/pipeline/lines", test_pipeline_lines);
  g_test_add_func ("/ft/pipeline/cancel", test_pipeline_cancel);
  g_test_add_func ("/ft/pipeline/async", test_pipeline_async);
  g_test_add_func ("/ft/pipeline/async-cancel", test_pipeline_async_cancel);
  g_test_add_func ("/ft/pipeline/edit-async", test_pipeline_edit_async);

  return g_test_run ();
}
