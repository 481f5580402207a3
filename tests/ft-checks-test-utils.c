/* ft-checks-test-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-checks-test-utils.h"

#include <string.h>

GPtrArray *
ft_test_new_report_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)ft_example_report_unref);
}

/* Splits a file into lines the way a JSONL reader does (LF or CRLF, a
 * final line without newline counts, a final newline does not start a
 * line) and checks each one as the pipeline does, with
 * ft_validator_check_line(). With detected, the method is decided from the
 * lines first, as the pipeline does, and stored there.
 */
GPtrArray *
ft_test_check_file (FtValidator     *validator,
                    const char      *path,
                    FtDatasetMethod *detected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (FtJsonlLine));
  g_autoptr(FtValidator) checker = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *reports;
  gsize length;
  char *p;
  char *end;
  guint kinds[FT_LINE_N_KINDS] = { 0 };
  gint64 index = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  p = contents;
  end = contents + length;
  while (p < end)
    {
      char *nl = memchr (p, '\n', end - p);
      char *line_end = nl != NULL ? nl : end;
      g_autoptr(JsonNode) node = NULL;
      FtJsonlLine line;

      if (line_end > p && line_end[-1] == '\r')
        line_end--;
      *line_end = '\0';

      ft_jsonl_line_init (&line, 0, p, line_end - p);
      g_array_append_val (lines, line);

      if (line.status == FT_LINE_OK && (node = ft_jsonl_parse_line (&line, NULL, NULL)) != NULL)
        kinds[ft_validator_classify_node (node)]++;

      p = nl != NULL ? nl + 1 : end;
    }

  checker = ft_validator_copy (validator);
  if (detected != NULL && ft_validator_get_method (checker) == FT_DATASET_METHOD_AUTO)
    ft_validator_set_method (checker, ft_validator_detect_method (kinds, FT_LINE_N_KINDS));
  g_assert_true (ft_validator_prepare (checker, NULL));

  reports = ft_test_new_report_array ();
  for (guint i = 0; i < lines->len; i++)
    {
      const FtJsonlLine *line = &g_array_index (lines, FtJsonlLine, i);
      gboolean blank = line->status == FT_LINE_BLANK;

      g_ptr_array_add (reports, ft_validator_check_line (checker, line, i + 1,
                                                         blank ? -1 : index++, parser));
    }

  if (detected != NULL)
    *detected = ft_validator_get_method (checker);

  return reports;
}

FtValidationSummary *
ft_test_summarize_file (FtValidator  *validator,
                        const char   *path,
                        GPtrArray   **reports_out)
{
  FtDatasetMethod method = FT_DATASET_METHOD_AUTO;
  g_autoptr(GPtrArray) reports = ft_test_check_file (validator, path, &method);
  g_autoptr(FtValidator) checker = ft_validator_copy (validator);
  FtValidationSummary *summary;

  /* The summary needs the method the lines were checked with. */
  ft_validator_set_method (checker, method);
  summary = ft_validation_summary_new_from_reports (checker, reports);

  if (reports_out != NULL)
    *reports_out = g_steal_pointer (&reports);

  return summary;
}

gboolean
ft_test_report_has (FtExampleReport *report,
                    FtIssueCode      code)
{
  for (guint i = 0; i < ft_example_report_get_n_issues (report); i++)
    {
      if (ft_issue_get_code_id (ft_example_report_get_issue (report, i)) == code)
        return TRUE;
    }

  return FALSE;
}

guint
ft_test_count_code (GPtrArray   *reports,
                    FtIssueCode  code)
{
  guint n = 0;

  for (guint i = 0; i < reports->len; i++)
    {
      FtExampleReport *report = g_ptr_array_index (reports, i);

      for (guint j = 0; j < ft_example_report_get_n_issues (report); j++)
        {
          if (ft_issue_get_code_id (ft_example_report_get_issue (report, j)) == code)
            n++;
        }
    }

  return n;
}

guint
ft_test_count_lines_with (GPtrArray   *reports,
                          FtIssueCode  code)
{
  guint n = 0;

  for (guint i = 0; i < reports->len; i++)
    n += ft_test_report_has (g_ptr_array_index (reports, i), code);

  return n;
}
