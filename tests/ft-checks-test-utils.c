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

static void
free_node (gpointer data)
{
  if (data != NULL)
    json_node_unref (data);
}

/* Splits a file into lines the way a JSONL reader does (LF or CRLF, a
 * final line without newline counts, a final newline does not start a
 * line) and checks each one: blank lines, lines json-glib cannot parse,
 * and the rest. With detected, the method is decided from the lines first,
 * as the pipeline does, and stored there.
 */
GPtrArray *
ft_test_check_file (FtValidator     *validator,
                    const char      *path,
                    FtDatasetMethod *detected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (free_node);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FtValidator) checker = NULL;
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
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) parse_error = NULL;

      if (line_end > p && line_end[-1] == '\r')
        line_end--;
      *line_end = '\0';

      gboolean blank = TRUE;

      for (const char *q = p; *q != '\0' && blank; q++)
        blank = g_ascii_isspace (*q);

      if (blank)
        {
          g_ptr_array_add (nodes, NULL);
          g_ptr_array_add (errors, NULL);
        }
      else if (json_parser_load_from_data (parser, p, -1, &parse_error))
        {
          JsonNode *root = json_parser_get_root (parser);

          g_ptr_array_add (nodes, json_node_ref (root));
          g_ptr_array_add (errors, NULL);
          kinds[ft_validator_classify_node (root)]++;
        }
      else
        {
          g_ptr_array_add (nodes, NULL);
          g_ptr_array_add (errors, g_strdup (parse_error->message));
        }

      p = nl != NULL ? nl + 1 : end;
    }

  checker = ft_validator_copy (validator);
  if (detected != NULL && ft_validator_get_method (checker) == FT_DATASET_METHOD_AUTO)
    ft_validator_set_method (checker, ft_validator_detect_method (kinds, FT_LINE_N_KINDS));
  g_assert_true (ft_validator_prepare (checker, NULL));

  reports = ft_test_new_report_array ();
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      const char *message = g_ptr_array_index (errors, i);

      if (node != NULL)
        g_ptr_array_add (reports, ft_validator_check_node (checker, node, i + 1, index++));
      else if (message != NULL)
        g_ptr_array_add (reports, ft_validator_check_broken (checker, i + 1, index++,
                                                             FT_ISSUE_INVALID_JSON, 0, message));
      else
        g_ptr_array_add (reports, ft_validator_check_blank (checker, i + 1));
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
