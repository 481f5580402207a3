/* ft-notebook.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-notebook"

#include "config.h"

#include "ft-notebook.h"
#include "ft-error.h"
#include "ft-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/**
 * ft_notebook_format_limit:
 * @limit: a token limit
 *
 * Writes the limit as the notebook's text does: the current version says
 * "16,385", the earlier one "4096". Other limits are grouped with commas,
 * like the current version. Not localized: this is the notebook's text.
 *
 * Returns: (transfer full): the text
 */
char *
ft_notebook_format_limit (gint64 limit)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, limit);
  GString *out;
  gsize len = strlen (digits);
  gsize first;

  if (limit == FT_NOTEBOOK_TOKEN_LIMIT_BEFORE || limit < 0)
    return g_steal_pointer (&digits);

  out = g_string_new (NULL);
  first = len % 3 == 0 ? 3 : len % 3;
  g_string_append_len (out, digits, first);
  for (gsize i = first; i < len; i += 3)
    {
      g_string_append_c (out, ',');
      g_string_append_len (out, digits + i, 3);
    }

  return g_string_free (out, FALSE);
}

/**
 * ft_notebook_failure_to_string:
 * @failure: a #FtNotebookFailure
 *
 * Returns: a translated explanation of why the notebook raises
 */
const char *
ft_notebook_failure_to_string (FtNotebookFailure failure)
{
  switch (failure)
    {
    case FT_NOTEBOOK_FAILURE_NONE:
      return _("the notebook gets through this file");
    case FT_NOTEBOOK_FAILURE_LOAD:
      return _("the line is empty or not valid JSON, so the notebook cannot load the file");
    case FT_NOTEBOOK_FAILURE_NOT_AN_OBJECT:
      return _("the example is not a JSON object, so ex[\"messages\"] raises a TypeError");
    case FT_NOTEBOOK_FAILURE_NO_MESSAGES:
      return _("the example has no “messages”, so ex[\"messages\"] raises a KeyError");
    case FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE:
      return _("“messages” is null, a number or a boolean, which cannot be iterated (TypeError)");
    case FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT:
      return _("a message is not a JSON object, so message[\"role\"] raises a TypeError");
    case FT_NOTEBOOK_FAILURE_MISSING_ROLE:
      return _("a message has no “role”, so message[\"role\"] raises a KeyError");
    case FT_NOTEBOOK_FAILURE_ASSISTANT_WITHOUT_CONTENT:
      return _("an assistant message has no “content”, so message[\"content\"] raises a KeyError");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
append_distribution (GString             *out,
                     const char          *name,
                     const FtSeriesStats *stats)
{
  g_autofree char *mean = ft_stats_format_double (stats->mean);
  g_autofree char *median = ft_stats_format_double (stats->median);
  g_autofree char *p10 = ft_stats_format_double (stats->p10);
  g_autofree char *p90 = ft_stats_format_double (stats->p90);

  g_string_append_printf (out, "\n#### Distribution of %s:\n", name);
  g_string_append_printf (out, "min / max: %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "\n",
                          stats->min, stats->max);
  g_string_append_printf (out, "mean / median: %s, %s\n", mean, median);
  g_string_append_printf (out, "p5 / p95: %s, %s\n", p10, p90);
}

/**
 * ft_notebook_render:
 * @summary: the summary of a file checked in notebook mode (see
 *   #FtValidator:notebook)
 * @error: return location for a #GError
 *
 * Produces exactly what the cookbook notebook prints for the file
 * (dataset-checks.md §1–§5), the "First example:" echo aside. Where the
 * statistics cell would raise, the statistics are replaced by
 * %FT_NOTEBOOK_RAISES_LINE; ft_validation_summary_get_notebook_failure()
 * says why.
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 *   (%FT_DATASET_ERROR_PARSE) when the notebook cannot even load the file
 */
char *
ft_notebook_render (FtValidationSummary  *summary,
                    GError              **error)
{
  GString *out;
  FtNotebookCounter order[FT_NOTEBOOK_N_COUNTERS];
  guint n_order;
  guint64 line = 0;
  FtNotebookFailure failure;
  guint64 n;
  gint64 limit;
  gint64 billed;
  guint epochs;
  g_autofree char *limit_text = NULL;

  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (summary), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  failure = ft_validation_summary_get_notebook_failure (summary, &line);
  if (failure == FT_NOTEBOOK_FAILURE_LOAD)
    {
      g_autofree char *line_text = ft_format_integer ((gint64)line);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   /* Translators: %s is a line number. */
                   _("The notebook cannot load this file: line %s is empty or not valid JSON, "
                     "and it stops there."),
                   line_text);
      return NULL;
    }

  n = ft_validation_summary_get_n_examples (summary);
  out = g_string_new (NULL);
  g_string_append_printf (out, "Num examples: %" G_GUINT64_FORMAT "\n", n);

  n_order = ft_validation_summary_get_notebook_order (summary, order);
  if (n_order == 0)
    {
      g_string_append (out, "No errors found\n");
    }
  else
    {
      g_string_append (out, "Found errors:\n");
      for (guint i = 0; i < n_order; i++)
        g_string_append_printf (out, "%s: %u\n",
                                ft_notebook_counter_to_string (order[i]),
                                ft_validation_summary_get_notebook_count (summary, order[i]));
    }

  if (failure != FT_NOTEBOOK_FAILURE_NONE || n == 0 ||
      ft_validation_summary_get_n_counted (summary) != n)
    {
      g_string_append (out, "\n" FT_NOTEBOOK_RAISES_LINE "\n");
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, "Num examples missing system message: %" G_GUINT64_FORMAT "\n",
                          ft_validation_summary_get_n_missing_system (summary));
  g_string_append_printf (out, "Num examples missing user message: %" G_GUINT64_FORMAT "\n",
                          ft_validation_summary_get_n_missing_user (summary));

  append_distribution (out, "num_messages_per_example",
                       ft_validation_summary_get_messages_stats (summary));
  append_distribution (out, "num_total_tokens_per_example",
                       ft_validation_summary_get_total_tokens_stats (summary));
  append_distribution (out, "num_assistant_tokens_per_example",
                       ft_validation_summary_get_assistant_tokens_stats (summary));

  limit = ft_validation_summary_get_token_limit (summary);
  limit_text = ft_notebook_format_limit (limit);
  billed = ft_validation_summary_get_billed_tokens (summary);
  epochs = ft_validation_summary_get_n_epochs (summary);

  g_string_append_printf (out, "\n%" G_GUINT64_FORMAT " examples may be over the %s token "
                                                      "limit, they will be truncated during "
                                                      "fine-tuning\n",
                          ft_validation_summary_get_n_over_limit (summary), limit_text);
  g_string_append_printf (out, "Dataset has ~%" G_GINT64_FORMAT " tokens that will be charged "
                                                                "for during training\n",
                          billed);
  g_string_append_printf (out, "By default, you'll train for %u epochs on this dataset\n", epochs);
  g_string_append_printf (out, "By default, you'll be charged for ~%" G_GINT64_FORMAT " tokens\n",
                          billed * (gint64)epochs);

  return g_string_free (out, FALSE);
}
