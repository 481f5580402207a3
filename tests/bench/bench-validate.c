/* bench-validate.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bench-util.h"
#include "ft-check-pipeline.h"
#include "ft-jsonl-reader.h"
#include "ft-validation-summary.h"
#include "ft-validator.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* Usage: bench-validate [FILE.jsonl]
 *
 * Runs the streaming validation (what `exemplar-cli validate` does: read,
 * parse with json-glib, count tokens exactly, check, dataset-level pass)
 * over FILE with 1 and with 2 worker threads, each in a fresh process so
 * that its peak RSS (VmHWM) is its own, and prints MB/s and memory. Then
 * it times the stages on one thread (reading, json-glib parsing, the whole
 * check) and the dataset-level pass over 100,000 kept reports. Without
 * FILE, a 100,000-example file (about 200 MB) is generated into a
 * temporary directory first.
 */

/* User and system time of the whole process so far. On a shared machine
 * the wall time depends on who else runs; MB per CPU second does much
 * less, and times the number of free cores it is the attainable speed.
 */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("Cannot stat %s", path);

  return st.st_size;
}

/* Reads the file once so that the numbers measure the work, not the disk.
 * It is read, not mapped: mapped pages would count in the peak RSS.
 */
static void
warm_cache (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree char *buffer = g_malloc (1024 * 1024);

  if (stream == NULL)
    g_error ("Cannot read %s", path);

  while (g_input_stream_read (G_INPUT_STREAM (stream), buffer, 1024 * 1024, NULL, NULL) > 0)
    ;
}

static GInputStream *
open_stream (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileInputStream *stream = g_file_read (file, NULL, &error);

  if (stream == NULL)
    g_error ("%s", error->message);

  return G_INPUT_STREAM (stream);
}

/* Child: one pipeline run with n_workers, printing one result line. */
static int
run_child (const char *path,
           guint       n_workers)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint64 size = file_size (path);
  gint64 start;
  double seconds;
  double cpu_start;
  double cpu;
  const FtSeriesStats *tokens;

  warm_cache (path);
  /* Loading the tokenizer is a one-time cost, measured on its own. */
  start = g_get_monotonic_time ();
  if (!ft_validator_prepare (validator, &error))
    g_error ("%s", error->message);
  g_print ("  tokenizer load:          %.1f ms\n", seconds_since (start) * 1000);

  pipeline = ft_check_pipeline_new (validator);
  ft_check_pipeline_set_n_workers (pipeline, n_workers);
  stream = open_stream (path);

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  summary = ft_check_pipeline_run (pipeline, stream, NULL, NULL, &error);
  seconds = seconds_since (start);
  cpu = cpu_seconds () - cpu_start;
  if (summary == NULL)
    g_error ("%s", error->message);

  tokens = ft_validation_summary_get_total_tokens_stats (summary);
  g_print ("  %u worker%s:               %.2f s, %.1f MB/s, peak RSS (VmHWM) %.1f MB\n",
           n_workers, n_workers == 1 ? " " : "s", seconds, size / 1e6 / seconds,
           ft_bench_read_status_kb ("VmHWM:") / 1024.0);
  g_print ("    CPU %.2f s (%.1f MB per CPU second; %.0f%% of %u cores busy with this run)\n",
           cpu, size / 1e6 / cpu, 100 * cpu / seconds / g_get_num_processors (),
           g_get_num_processors ());
  g_print ("    examples %" G_GUINT64_FORMAT ", counted %" G_GUINT64_FORMAT
           ", tokens %" G_GINT64_FORMAT
           ", errors %" G_GUINT64_FORMAT ", warnings %" G_GUINT64_FORMAT "\n",
           ft_validation_summary_get_n_examples (summary),
           ft_validation_summary_get_n_counted (summary),
           tokens != NULL ? tokens->sum : 0,
           ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR),
           ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_WARNING));

  return 0;
}

/* Child: the stages on the calling thread alone. */
static int
run_stages (const char *path)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint64 size = file_size (path);

  warm_cache (path);
  if (!ft_validator_prepare (validator, NULL))
    g_error ("Cannot load the tokenizer");

  for (guint stage = 0; stage < 3; stage++)
    {
      static const char *names[] = {
        "read lines (JSONL reader)",
        "+ strict scan + json-glib",
        "+ tokens and checks",
      };
      g_autoptr(GInputStream) stream = open_stream (path);
      g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (stream);
      FtJsonlLine line;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      double seconds;
      double cpu;

      while (ft_jsonl_reader_next (reader, &line, NULL, NULL))
        {
          if (stage == 0 || line.status != FT_LINE_OK)
            continue;

          if (!ft_jsonl_line_validate (&line, NULL, NULL) ||
              !json_parser_load_from_data (parser, line.text, line.length, NULL))
            continue;

          if (stage == 2)
            {
              JsonNode *root = json_parser_get_root (parser);
              FtExampleReport *report = ft_validator_check_node (validator, root, line.number, 0);

              ft_example_report_unref (report);
            }
        }

      seconds = seconds_since (start);
      cpu = cpu_seconds () - cpu_start;
      g_print ("  %-26s %.2f s, %.1f MB/s, %.1f MB per CPU second\n",
               names[stage], seconds, size / 1e6 / seconds, size / 1e6 / cpu);
    }

  return 0;
}

static int
spawn_child (const char *self,
             const char *mode,
             const char *path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, mode, path, NULL);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    {
      g_printerr ("bench-validate %s failed: %s\n", mode, error->message);
      return 1;
    }

  return 0;
}

/* The dataset-level pass over kept reports, as the GUI runs it after an
 * edit. Takes the best of five.
 */
static void
time_dataset_pass (const char *path)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GInputStream) stream = open_stream (path);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;
  double best = G_MAXDOUBLE;
  guint n;

  pipeline = ft_check_pipeline_new (validator);
  ft_check_pipeline_set_keep_reports (pipeline, TRUE);
  summary = ft_check_pipeline_run (pipeline, stream, &reports, NULL, &error);
  if (summary == NULL)
    g_error ("%s", error->message);

  n = MIN (reports->len, 100000);
  first = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (first, g_ptr_array_index (reports, i));

  for (guint round = 0; round < 5; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(FtValidationSummary) again = NULL;

      again = ft_validation_summary_new_from_reports (validator, first);

      best = MIN (best, seconds_since (start));
      if (ft_validation_summary_get_n_lines (again) != n)
        g_error ("The dataset-level pass lost reports");
    }

  g_print ("  dataset-level pass:       %.1f ms for %u reports (best of 5)\n", best * 1000, n);
  g_print ("  peak RSS with all reports kept: %.1f MB\n",
           ft_bench_read_status_kb ("VmHWM:") / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  int status = 0;

  setlocale (LC_ALL, "");

  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[3], (guint)g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 3 && strcmp (argv[1], "--stages") == 0)
    return run_stages (argv[2]);

  if (argc > 2)
    {
      g_printerr ("Usage: bench-validate [FILE.jsonl]\n");
      return 2;
    }

  path = ft_bench_dataset_path (argc == 2 ? argv[1] : NULL, &tmp_dir);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  g_print ("file: %s, %.1f MB, %u cores\n", path, file_size (path) / 1e6, g_get_num_processors ());
  g_print ("streaming validation (cl100k_base, exact counts; target ≥ 40 MB/s, < 100 MB RSS):\n");
  for (guint workers = 1; workers <= 2; workers++)
    {
      g_autofree char *mode = g_strdup_printf ("%u", workers);
      g_autoptr(GSubprocess) process = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE,
                                  &error,
                                  self,
                                  "--child",
                                  mode,
                                  path,
                                  NULL);
      if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
        {
          g_printerr ("bench-validate --child %s failed: %s\n", mode, error->message);
          g_clear_error (&error);
          status = 1;
        }
    }

  g_print ("stages on one thread:\n");
  status |= spawn_child (self, "--stages", path);

  g_print ("dataset-level pass (target: 100k reports well under 100 ms):\n");
  time_dataset_pass (path);

  ft_bench_remove_dataset (path, tmp_dir);

  return status;
}
