/* ft-cli-checks.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli.h"

#include "ft-check-pipeline.h"
#include "ft-cost.h"
#include "ft-format.h"
#include "ft-models.h"
#include "ft-notebook.h"
#include "ft-stats.h"
#include "ft-tokenizer.h"
#include "ft-validation-summary.h"
#include "ft-validator.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* exemplar-cli validate [--model M] [--encoding E] [--limit N] [--json]
 *                       [--notebook] [--validation-file F] FILE
 * exemplar-cli stats [--model M] [--encoding E] [--json] FILE
 *
 * The JSON document of --json is described in README.md ("Command line").
 */

#define JSON_SCHEMA "exemplar-validate/1"

typedef struct
{
  char         *model;
  char         *encoding;
  char         *provider;
  char         *method;
  gint64        limit;
  int           workers;
  gboolean      json;
  gboolean      notebook;
  char         *validation_file;
  char        **files;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->model, g_free);
  g_clear_pointer (&options->encoding, g_free);
  g_clear_pointer (&options->provider, g_free);
  g_clear_pointer (&options->method, g_free);
  g_clear_pointer (&options->validation_file, g_free);
  g_clear_pointer (&options->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The --json document, streamed.
 *
 * It is exactly the text json-glib writes for the whole document with
 * pretty printing and an indent of 2 ("key" : value), but it is written
 * piece by piece: each finding as soon as it is found, so that memory does
 * not grow with the number of findings. json-glib writes every member and
 * every element, at the depth it has in the document (its layout depends
 * on the depth: an empty object is indented by it), inside a wrapper that
 * is cut off again; this adds only the top-level braces, the brackets of
 * the streamed array and the commas between. The document is closed even
 * after an error, so the output stays valid JSON; the tests regenerate the
 * parsed output with json-glib and compare.
 */
typedef struct
{
  guint n_members;    /* written in the top-level object */
  guint n_elements;   /* written in the open array, if any */
  guint in_array : 1;
} JsonStream;

/* Prints what json-glib writes for @wrapper, less @prefix and @suffix. */
static void
json_stream_print_unwrapped (JsonNode   *wrapper,
                             const char *prefix,
                             const char *suffix)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, wrapper);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  if (G_UNLIKELY (length < strlen (prefix) + strlen (suffix) ||
                  !g_str_has_prefix (text, prefix) || !g_str_has_suffix (text, suffix)))
    {
      g_critical ("json-glib laid out “%s” in an unexpected way", text);
      return;
    }

  fwrite (text + strlen (prefix), 1, length - strlen (prefix) - strlen (suffix), stdout);
}

static void
json_stream_begin (JsonStream *stream)
{
  memset (stream, 0, sizeof *stream);
  fputs ("{", stdout);
}

/* Writes a member of the top-level object; takes @value (%NULL: null). */
static void
json_stream_take_member (JsonStream *stream,
                         const char *name,
                         JsonNode   *value)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) wrapper = NULL;

  g_assert (!stream->in_array);

  json_object_set_member (object, name,
                          value != NULL ? value : json_node_init_null (json_node_alloc ()));
  wrapper = json_node_init_object (json_node_alloc (), object);

  fputs (stream->n_members++ > 0 ? ",\n  " : "\n  ", stdout);
  json_stream_print_unwrapped (wrapper, "{\n  ", "\n}");
}

static void
json_stream_add_string_member (JsonStream *stream,
                               const char *name,
                               const char *value)
{
  json_stream_take_member (stream, name,
                           value != NULL ? json_node_init_string (json_node_alloc (), value)
                                         : NULL);
}

/* Opens an array member of the top-level object, for elements to follow. */
static void
json_stream_begin_array_member (JsonStream *stream,
                                const char *name)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) wrapper = NULL;

  g_assert (!stream->in_array);

  /* An empty array writes as "[]": everything up to "]" is the opening. */
  json_object_set_array_member (object, name, json_array_new ());
  wrapper = json_node_init_object (json_node_alloc (), object);

  fputs (stream->n_members++ > 0 ? ",\n  " : "\n  ", stdout);
  json_stream_print_unwrapped (wrapper, "{\n  ", "]\n}");
  stream->in_array = TRUE;
  stream->n_elements = 0;
}

/* Writes an element of the open array; takes @value. */
static void
json_stream_take_element (JsonStream *stream,
                          JsonNode   *value)
{
  g_autoptr(JsonArray) inner = json_array_new ();
  g_autoptr(JsonArray) outer = json_array_new ();
  g_autoptr(JsonNode) wrapper = NULL;

  g_assert (stream->in_array);

  /* Two levels deep, as in the document: [[value]]. */
  json_array_add_element (inner, value);
  json_array_add_array_element (outer, g_steal_pointer (&inner));
  wrapper = json_node_init_array (json_node_alloc (), outer);

  fputs (stream->n_elements++ > 0 ? ",\n    " : "\n    ", stdout);
  json_stream_print_unwrapped (wrapper, "[\n  [\n    ", "\n  ]\n]");
}

static void
json_stream_end_array (JsonStream *stream)
{
  if (!stream->in_array)
    return;

  fputs (stream->n_elements > 0 ? "\n  ]" : "]", stdout);
  stream->in_array = FALSE;
}

static void
json_stream_end (JsonStream *stream)
{
  json_stream_end_array (stream);
  fputs (stream->n_members > 0 ? "\n}\n" : "}\n", stdout);
}

/* What one run prints while it streams. */
typedef struct
{
  const char        *display_name;
  JsonStream        *json;              /* the --json document, or NULL */
  gboolean           quiet;
  gboolean           track_broken;
  FtExampleReport   *first_broken;
} Printer;

static void
print_json_issue (Printer    *printer,
                  FtIssue    *issue)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, printer->display_name);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, (gint64)ft_issue_get_line (issue));
  json_builder_set_member_name (builder, "column");
  json_builder_add_int_value (builder, ft_issue_get_column (issue));
  json_builder_set_member_name (builder, "example");
  json_builder_add_int_value (builder, ft_issue_get_example_index (issue));
  json_builder_set_member_name (builder, "message_index");
  json_builder_add_int_value (builder, ft_issue_get_message_index (issue));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder,
                                 ft_issue_severity_to_string (ft_issue_get_severity (issue)));
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, ft_issue_get_code (issue));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, ft_issue_get_message (issue));
  json_builder_set_member_name (builder, "other_line");
  json_builder_add_int_value (builder, (gint64)ft_issue_get_other_line (issue));
  json_builder_end_object (builder);

  json_stream_take_element (printer->json, json_builder_get_root (builder));
}

static void
print_issue (Printer *printer,
             FtIssue *issue)
{
  if (printer->quiet)
    return;

  if (printer->json != NULL)
    {
      print_json_issue (printer, issue);
      return;
    }

  if (ft_issue_get_line (issue) > 0)
    printf ("%s:%" G_GUINT64_FORMAT ": %s: %s [%s]\n",
            printer->display_name,
            ft_issue_get_line (issue),
            ft_issue_severity_to_string (ft_issue_get_severity (issue)),
            ft_issue_get_message (issue),
            ft_issue_get_code (issue));
  else
    printf ("%s: %s: %s [%s]\n",
            printer->display_name,
            ft_issue_severity_to_string (ft_issue_get_severity (issue)),
            ft_issue_get_message (issue),
            ft_issue_get_code (issue));
}

static void
print_report_cb (FtExampleReport *report,
                 gpointer         user_data)
{
  Printer *printer = user_data;

  if (printer->track_broken && printer->first_broken == NULL &&
      ft_example_report_get_notebook_failure (report) == FT_NOTEBOOK_FAILURE_LOAD)
    printer->first_broken = ft_example_report_ref (report);

  for (guint i = 0; i < ft_example_report_get_n_issues (report); i++)
    print_issue (printer, ft_example_report_get_issue (report, i));
}

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream;

  if (strcmp (path, "-") == 0)
    return g_unix_input_stream_new (0, FALSE);

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: the first %s is a file name, the second the system's reason. */
                   _("cannot read “%s”: %s"), display_name, local_error->message);
      return NULL;
    }

  return G_INPUT_STREAM (stream);
}

static FtValidator *
make_validator (Options  *options,
                GError  **error)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();

  ft_validator_set_notebook (validator, options->notebook);
  if (options->model != NULL)
    ft_validator_set_model (validator, options->model);

  if (options->encoding != NULL)
    {
      FtEncoding encoding;

      if (!ft_encoding_from_string (options->encoding, &encoding))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("unknown encoding “%s”; use cl100k_base or o200k_base"),
                       options->encoding);
          return NULL;
        }
      ft_validator_set_encoding (validator, encoding);
    }

  if (options->limit < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("the token limit must be a positive number"));
      return NULL;
    }
  ft_validator_set_token_limit (validator, options->limit);

  if (options->method != NULL)
    {
      FtDatasetMethod method;

      if (!ft_dataset_method_from_string (options->method, &method))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("unknown method “%s”; use auto, sft, dpo or rft"), options->method);
          return NULL;
        }
      ft_validator_set_method (validator, method);
    }

  return g_steal_pointer (&validator);
}

static FtValidationSummary *
check_file (FtValidator  *validator,
            Options      *options,
            const char   *path,
            Printer      *printer,
            GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(FtCheckPipeline) pipeline = NULL;

  stream = open_input (path, error);
  if (stream == NULL)
    return NULL;

  pipeline = ft_check_pipeline_new (validator);
  ft_check_pipeline_set_n_workers (pipeline, (guint)MAX (options->workers, 0));
  ft_check_pipeline_set_report_func (pipeline, print_report_cb, printer, NULL);

  return ft_check_pipeline_run (pipeline, stream, NULL, NULL, error);
}

/* Human-readable summary */

static const char *
describe_method (FtDatasetMethod method)
{
  switch (method)
    {
    case FT_DATASET_METHOD_PREFERENCE:
      return _("preference (DPO) data");
    case FT_DATASET_METHOD_REINFORCEMENT:
      return _("reinforcement fine-tuning data");
    case FT_DATASET_METHOD_PROMPT_COMPLETION:
      return _("legacy prompt/completion data");
    case FT_DATASET_METHOD_AUTO:
    case FT_DATASET_METHOD_SUPERVISED:
    default:
      return _("supervised fine-tuning data");
    }
}

static void
print_series (const char          *title,
              const FtSeriesStats *stats)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *median = NULL;
  g_autofree char *p10 = NULL;
  g_autofree char *p90 = NULL;

  if (stats == NULL)
    return;

  min = ft_format_integer (stats->min);
  max = ft_format_integer (stats->max);
  mean = g_strdup_printf ("%.1f", stats->mean);
  median = g_strdup_printf ("%.1f", stats->median);
  p10 = g_strdup_printf ("%.1f", stats->p10);
  p90 = g_strdup_printf ("%.1f", stats->p90);

  /* Translators: a table row: a title, then the statistics of a series. */
  printf (_("  %-18s min %s, max %s, mean %s, median %s, 10th–90th percentile %s–%s\n"),
          title, min, max, mean, median, p10, p90);
}

static char *
describe_limit (FtValidationSummary *summary)
{
  gint64 n_limit = ft_validation_summary_get_token_limit (summary);
  g_autofree char *limit = ft_format_integer (n_limit);
  const char *model = ft_validation_summary_get_model (summary);

  switch (ft_validation_summary_get_token_limit_source (summary))
    {
    case FT_TOKEN_LIMIT_SOURCE_MODEL:
      /* Translators: the first %s is a number of tokens, the second a model. */
      return g_strdup_printf (ngettext ("%s token per example (%s)",
                                        "%s tokens per example (%s)", (gulong)n_limit),
                              limit, model);
    case FT_TOKEN_LIMIT_SOURCE_ASSUMED:
      /* Translators: the first %s is a number of tokens, the second a model. */
      return g_strdup_printf (ngettext ("%s token per example (assumed: no official limit is "
                                        "known for %s)",
                                        "%s tokens per example (assumed: no official limit is "
                                        "known for %s)", (gulong)n_limit),
                              limit, model);
    case FT_TOKEN_LIMIT_SOURCE_EXPLICIT:
      /* Translators: %s is a number of tokens. */
      return g_strdup_printf (ngettext ("%s token per example (--limit)",
                                        "%s tokens per example (--limit)", (gulong)n_limit),
                              limit);
    case FT_TOKEN_LIMIT_SOURCE_NOTEBOOK:
    default:
      /* Translators: %s is a number of tokens. */
      return g_strdup_printf (ngettext ("%s token per example (the cookbook notebook’s default; "
                                        "give --model for the model’s)",
                                        "%s tokens per example (the cookbook notebook’s default; "
                                        "give --model for the model’s)", (gulong)n_limit),
                              limit);
    }
}

static void
print_cost (FtValidationSummary *summary,
            const char          *provider)
{
  g_autoptr(FtPriceTable) table = NULL;
  g_autoptr(GError) error = NULL;
  FtCostEstimate estimate;
  const char *model = ft_validation_summary_get_model (summary);

  if (model == NULL)
    {
      printf ("%s\n", _("Estimated cost: unknown (give --model to price the training)"));
      return;
    }

  table = ft_price_table_new_default (&error);
  if (table == NULL)
    {
      /* Translators: %s is the reason. */
      printf (_("Estimated cost: unknown (the price table cannot be read: %s)\n"), error->message);
      return;
    }

  ft_validation_summary_estimate_cost (summary, table, provider, &estimate);

  if (estimate.known)
    {
      g_autofree char *amount = ft_cost_format_amount (estimate.amount_micros,
                                                       estimate.price->currency);
      g_autofree char *price = ft_cost_format_amount (estimate.price->micros,
                                                      estimate.price->currency);

      /* Translators: an amount, then a provider, a model, a price and a date. */
      printf (_("Estimated cost: %s (%s %s at %s per 1M training tokens, prices as of %s; "
                "check the provider’s pricing page)\n"),
              amount, provider, estimate.price->model, price, estimate.price->as_of);
    }
  else if (estimate.price != NULL && estimate.price->unit == FT_PRICE_UNIT_PER_HOUR)
    {
      g_autofree char *price = ft_cost_format_amount (estimate.price->micros,
                                                      estimate.price->currency);

      /* Translators: a model and a price per hour. */
      printf (_("Estimated cost: unknown (%s is billed per hour of training, %s an hour, not "
                "per token)\n"),
              estimate.price->model, price);
    }
  else
    {
      /* Translators: a provider and a model. */
      printf (_("Estimated cost: unknown (no trustworthy price is known for %s %s)\n"),
              provider,
              model);
    }
}

static void
print_summary (FtValidationSummary *summary,
               const char          *display_name,
               const char          *provider,
               gboolean             with_findings)
{
  guint64 n_broken = ft_validation_summary_get_n_broken (summary);
  guint64 n_examples = ft_validation_summary_get_n_examples (summary);
  guint64 n_over = ft_validation_summary_get_n_over_limit (summary);
  const char *model = ft_validation_summary_get_model (summary);
  guint epochs = ft_validation_summary_get_n_epochs (summary);
  gint64 billed_tokens = ft_validation_summary_get_billed_tokens (summary);
  g_autofree char *n_examples_text = ft_format_integer ((gint64)n_examples);
  g_autofree char *billed = ft_format_integer (billed_tokens);
  g_autofree char *trained = ft_format_integer (billed_tokens * (gint64)epochs);
  g_autofree char *limit = describe_limit (summary);
  g_autofree char *over = ft_format_integer ((gint64)n_over);

  printf ("\n");
  /* Translators: a file name, a number of examples and what kind of data it is. */
  printf (ngettext ("%s: %s example, checked as %s\n", "%s: %s examples, checked as %s\n",
                    (gulong)n_examples),
          display_name, n_examples_text,
          describe_method (ft_validation_summary_get_method (summary)));
  if (n_broken > 0)
    {
      g_autofree char *broken = ft_format_integer ((gint64)n_broken);

      /* Translators: %s is a number of lines. */
      printf (ngettext ("  %s of them could not be read\n", "  %s of them could not be read\n",
                        (gulong)n_broken),
              broken);
    }

  /* Translators: %s is an encoding such as cl100k_base. */
  printf (_("Tokens, counted with %s:\n"),
          ft_encoding_to_string (ft_validation_summary_get_encoding (summary)));
  print_series (_("per example"), ft_validation_summary_get_total_tokens_stats (summary));
  print_series (_("assistant"), ft_validation_summary_get_assistant_tokens_stats (summary));
  print_series (_("messages"), ft_validation_summary_get_messages_stats (summary));
  /* Translators: the limit, then a number of examples. */
  printf (ngettext ("Limit: %s; %s example over it\n", "Limit: %s; %s examples over it\n",
                    (gulong)n_over),
          limit, over);

  if (epochs > 0)
    {
      /* Translators: a number of tokens. */
      g_autofree char *per_epoch = g_strdup_printf (ngettext ("~%s token per epoch",
                                                              "~%s tokens per epoch",
                                                              (gulong)billed_tokens),
                                                    billed);
      /* Translators: a number of epochs. */
      g_autofree char *n_epochs = g_strdup_printf (ngettext ("%u epoch", "%u epochs", epochs),
                                                   epochs);
      /* Translators: the tokens of the whole training. */
      g_autofree char *total = g_strdup_printf (ngettext ("~%s billed token",
                                                          "~%s billed tokens",
                                                          (gulong)(billed_tokens * epochs)),
                                                trained);

      /* Translators: "Training: ~1,200 tokens per epoch × 3 epochs (…) = ~3,600 billed tokens" */
      printf (_("Training: %s × %s (the default estimate) = %s\n"), per_epoch, n_epochs, total);
    }

  print_cost (summary, provider);

  if (model != NULL && g_strcmp0 (provider, "openai") == 0)
    {
      const FtModelInfo *info = ft_models_lookup (model);

      if (info != NULL && g_strcmp0 (info->provider, "openai") == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autofree char *notice = ft_models_get_shutdown_notice (model, now);

          /* Translators: %s is a notice about OpenAI's fine-tuning shutdown. */
          printf (_("Note: %s\n"), notice);
        }
    }

  if (with_findings)
    {
      guint64 n_errors = ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR);
      guint64 n_warnings = ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_WARNING);
      guint64 n_infos = ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_INFO);
      g_autofree char *n_errors_text = ft_format_integer ((gint64)n_errors);
      g_autofree char *n_warnings_text = ft_format_integer ((gint64)n_warnings);
      g_autofree char *n_infos_text = ft_format_integer ((gint64)n_infos);
      /* Translators: %s is a number of errors. */
      g_autofree char *errors = g_strdup_printf (ngettext ("%s error", "%s errors", n_errors),
                                                 n_errors_text);
      /* Translators: %s is a number of warnings. */
      g_autofree char *warnings = g_strdup_printf (ngettext ("%s warning", "%s warnings",
                                                             n_warnings),
                                                   n_warnings_text);
      /* Translators: %s is a number of notes. */
      g_autofree char *infos = g_strdup_printf (ngettext ("%s note", "%s notes", n_infos),
                                                n_infos_text);

      /* Translators: counts of errors, warnings and notes. */
      printf (_("Findings: %s, %s, %s\n"), errors, warnings, infos);
    }
}

/* JSON */

static void
add_series (JsonBuilder         *builder,
            const char          *name,
            const FtSeriesStats *stats)
{
  json_builder_set_member_name (builder, name);
  if (stats == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "min");
  json_builder_add_int_value (builder, stats->min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, stats->max);
  json_builder_set_member_name (builder, "sum");
  json_builder_add_int_value (builder, stats->sum);
  json_builder_set_member_name (builder, "mean");
  json_builder_add_double_value (builder, stats->mean);
  json_builder_set_member_name (builder, "median");
  json_builder_add_double_value (builder, stats->median);
  json_builder_set_member_name (builder, "p10");
  json_builder_add_double_value (builder, stats->p10);
  json_builder_set_member_name (builder, "p90");
  json_builder_add_double_value (builder, stats->p90);
  json_builder_end_object (builder);
}

static const char *
limit_source_to_string (FtTokenLimitSource source)
{
  switch (source)
    {
    case FT_TOKEN_LIMIT_SOURCE_EXPLICIT:
      return "explicit";
    case FT_TOKEN_LIMIT_SOURCE_MODEL:
      return "model";
    case FT_TOKEN_LIMIT_SOURCE_ASSUMED:
      return "assumed";
    case FT_TOKEN_LIMIT_SOURCE_NOTEBOOK:
    default:
      return "notebook";
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_cost (JsonBuilder         *builder,
          FtValidationSummary *summary,
          const char          *provider)
{
  g_autoptr(FtPriceTable) table = ft_price_table_new_default (NULL);
  const FtPriceEntry *price;
  FtCostEstimate estimate;
  gboolean priced;

  ft_validation_summary_estimate_cost (summary, table, provider, &estimate);
  price = estimate.price;
  priced = price != NULL && price->unit != FT_PRICE_UNIT_UNKNOWN;

  json_builder_set_member_name (builder, "cost");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "known");
  json_builder_add_boolean_value (builder, estimate.known);
  add_string_or_null (builder, "provider", provider);
  add_string_or_null (builder, "model",
                      price != NULL ? price->model : ft_validation_summary_get_model (summary));
  json_builder_set_member_name (builder, "amount_micros");
  if (estimate.known)
    json_builder_add_int_value (builder, estimate.amount_micros);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "currency", price != NULL ? price->currency : NULL);
  json_builder_set_member_name (builder, "price_micros");
  if (priced)
    json_builder_add_int_value (builder, price->micros);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "price_unit",
                      !priced ? NULL
                              : price->unit == FT_PRICE_UNIT_PER_HOUR ? "hour" : "1m_tokens");
  add_string_or_null (builder, "as_of", price != NULL ? price->as_of : NULL);
  add_string_or_null (builder, "source", price != NULL ? price->source : NULL);
  json_builder_end_object (builder);
}

static void
add_summary (JsonBuilder         *builder,
             FtValidationSummary *summary,
             const char          *provider,
             gboolean             with_cost)
{
  FtNotebookCounter order[FT_NOTEBOOK_N_COUNTERS];
  guint n_order = ft_validation_summary_get_notebook_order (summary, order);
  gint64 billed = ft_validation_summary_get_billed_tokens (summary);
  guint epochs = ft_validation_summary_get_n_epochs (summary);
  FtTokenLimitSource limit_source = ft_validation_summary_get_token_limit_source (summary);
  FtNotebookFailure failure = ft_validation_summary_get_notebook_failure (summary, NULL);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "method",
                      ft_dataset_method_to_string (ft_validation_summary_get_method (summary)));
  add_string_or_null (builder, "encoding",
                      ft_encoding_to_string (ft_validation_summary_get_encoding (summary)));
  add_string_or_null (builder, "model", ft_validation_summary_get_model (summary));
  add_int (builder, "lines", (gint64)ft_validation_summary_get_n_lines (summary));
  add_int (builder, "examples", (gint64)ft_validation_summary_get_n_examples (summary));
  add_int (builder, "broken", (gint64)ft_validation_summary_get_n_broken (summary));
  add_int (builder, "counted", (gint64)ft_validation_summary_get_n_counted (summary));
  add_int (builder, "errors",
           (gint64)ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR));
  add_int (builder, "warnings",
           (gint64)ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_WARNING));
  add_int (builder, "infos",
           (gint64)ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_INFO));
  add_int (builder, "token_limit", ft_validation_summary_get_token_limit (summary));
  add_string_or_null (builder, "token_limit_source", limit_source_to_string (limit_source));
  add_int (builder, "examples_over_limit",
           (gint64)ft_validation_summary_get_n_over_limit (summary));
  add_series (builder, "messages", ft_validation_summary_get_messages_stats (summary));
  add_series (builder, "total_tokens", ft_validation_summary_get_total_tokens_stats (summary));
  add_series (builder, "assistant_tokens",
              ft_validation_summary_get_assistant_tokens_stats (summary));
  add_int (builder, "billed_tokens", billed);
  add_int (builder, "epochs", epochs);
  add_int (builder, "trained_tokens", billed * (gint64)epochs);
  if (with_cost)
    add_cost (builder, summary, provider);

  json_builder_set_member_name (builder, "notebook");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "counters");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_order; i++)
    add_int (builder, ft_notebook_counter_to_string (order[i]),
             ft_validation_summary_get_notebook_count (summary, order[i]));
  json_builder_end_object (builder);
  add_int (builder, "missing_system", (gint64)ft_validation_summary_get_n_missing_system (summary));
  add_int (builder, "missing_user", (gint64)ft_validation_summary_get_n_missing_user (summary));
  json_builder_set_member_name (builder, "fails");
  json_builder_add_boolean_value (builder, failure != FT_NOTEBOOK_FAILURE_NONE);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static JsonNode *
summary_to_json (FtValidationSummary *summary,
                 FtValidationSummary *validation,
                 const char          *provider,
                 gboolean             with_cost)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "training");
  add_summary (builder, summary, provider, with_cost);
  json_builder_set_member_name (builder, "validation");
  if (validation != NULL)
    add_summary (builder, validation, provider, FALSE);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Shared parsing */

static gboolean
parse_options (int          argc,
               char       **argv,
               const char  *verb,
               gboolean     validate,
               Options     *options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("exemplar-cli %s", verb);
  const GOptionEntry common[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &options->model,
      N_("The model to train: chooses the encoding, the token limit and the price"), N_("MODEL") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &options->encoding,
      N_("Count with ENCODING (cl100k_base or o200k_base) whatever the model"), N_("ENCODING") },
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &options->provider,
      N_("Price with PROVIDER’s table (openai, azure-openai, nebius); default openai"),
      N_("PROVIDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print one JSON document (see README.md)"), NULL },
    { "workers", 0, 0, G_OPTION_ARG_INT, &options->workers,
      N_("Use N worker threads (default: one per core)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files, NULL, NULL },
    { NULL }
  };
  const GOptionEntry validate_entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT64, &options->limit,
      N_("Flag examples over N tokens (default: the model’s limit, or 16,385)"), N_("N") },
    { "notebook", 0, 0, G_OPTION_ARG_NONE, &options->notebook,
      N_("Print exactly what OpenAI’s cookbook data-prep notebook prints"), NULL },
    { "validation-file", 0, 0, G_OPTION_ARG_FILENAME, &options->validation_file,
      N_("Also check the validation file F and its overlap with FILE"), N_("F") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &options->method,
      N_("Check as METHOD data: auto (default), sft, dpo or rft"), N_("METHOD") },
    { NULL }
  };

  g_set_prgname (prgname);
  context = g_option_context_new (_("FILE"));
  if (validate)
    g_option_context_set_summary (context,
                                  _("Checks a JSONL fine-tuning file: OpenAI’s format rules "
                                    "and this app’s own, "
                                    "exact token counts, statistics, epochs and an estimated cost. "
                                    "FILE may be “-” for standard input. Exits with 0 when "
                                    "there are no "
                                    "errors, 1 when there are, 2 when the input cannot be read."));
  else
    g_option_context_set_summary (context,
                                  _("Prints the statistics of a JSONL fine-tuning file: "
                                    "messages and exact "
                                    "token counts per example, epochs, billed tokens and an "
                                    "estimated cost."));
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (validate)
    g_option_context_add_main_entries (context, validate_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FALSE;
    }

  if (options->files == NULL || g_strv_length (options->files) != 1)
    {
      ft_cli_print_error (_("give exactly one FILE (or “-” for standard input)"));
      return FALSE;
    }

  if (options->workers < 0 || options->workers > 256)
    {
      ft_cli_print_error (_("--workers must be between 0 and 256"));
      return FALSE;
    }

  if (options->notebook &&
      (options->json || options->validation_file != NULL || options->method != NULL))
    {
      ft_cli_print_error (_("--notebook prints only the notebook’s output; it cannot be "
                            "combined with --json, --validation-file or --method"));
      return FALSE;
    }

  if (options->provider == NULL)
    options->provider = g_strdup ("openai");

  return TRUE;
}

/* validate --notebook */

static int
run_notebook (FtValidator *validator,
              Options     *options)
{
  const char *path = options->files[0];
  g_autofree char *display_name = g_filename_display_name (path);
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  Printer printer = { .display_name = display_name, .quiet = TRUE, .track_broken = TRUE };
  FtNotebookCounter order[FT_NOTEBOOK_N_COUNTERS];
  FtNotebookFailure failure;
  guint64 failure_line = 0;
  guint64 skipped;
  guint64 special;

  summary = check_file (validator, options, path, &printer, &error);
  if (summary == NULL)
    {
      ft_cli_print_error ("%s", error->message);
      g_clear_pointer (&printer.first_broken, ft_example_report_unref);
      return FT_CLI_EXIT_FAILURE;
    }

  output = ft_notebook_render (summary, &error);
  if (output == NULL)
    {
      FtExampleReport *broken = printer.first_broken;

      /* The notebook's loading cell raises: say where and why. */
      if (broken != NULL && ft_example_report_get_n_issues (broken) > 0)
        {
          g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                   ft_example_report_get_line (broken));

          /* Translators: a file name, a line number and the reason. */
          ft_cli_print_error (_("%s:%s: the notebook cannot load this file: %s"),
                              display_name, line,
                              ft_issue_get_message (ft_example_report_get_issue (broken, 0)));
        }
      else
        ft_cli_print_error ("%s: %s", display_name, error->message);
      g_clear_pointer (&printer.first_broken, ft_example_report_unref);
      return FT_CLI_EXIT_FAILURE;
    }
  g_clear_pointer (&printer.first_broken, ft_example_report_unref);

  fputs (output, stdout);

  failure = ft_validation_summary_get_notebook_failure (summary, &failure_line);
  if (failure != FT_NOTEBOOK_FAILURE_NONE)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, failure_line);

      /* Translators: a file name, a line number and the reason. */
      g_printerr (_("exemplar-cli: %s:%s: the notebook’s statistics cell raises here: %s\n"),
                  display_name, line, ft_notebook_failure_to_string (failure));
    }
  else if (ft_validation_summary_get_n_examples (summary) == 0)
    g_printerr (_("exemplar-cli: %s: the file has no examples; the notebook’s statistics cell "
                  "raises on an empty file\n"),
                display_name);

  skipped = ft_validation_summary_get_n_skipped_values (summary);
  if (failure == FT_NOTEBOOK_FAILURE_NONE && skipped > 0)
    {
      g_autofree char *count = ft_format_integer ((gint64)skipped);

      /* Translators: %s is a number of message values. */
      g_printerr (ngettext ("exemplar-cli: note: %s message value is not text; the notebook "
                            "raises on it, so it was not counted here\n",
                            "exemplar-cli: note: %s message values are not text; the notebook "
                            "raises on them, so they were not counted here\n",
                            skipped),
                  count);
    }

  special = ft_validation_summary_get_n_special_token_examples (summary);
  if (failure == FT_NOTEBOOK_FAILURE_NONE && special > 0)
    {
      g_autofree char *count = ft_format_integer ((gint64)special);

      /* Translators: %s is a number of examples. */
      g_printerr (ngettext ("exemplar-cli: note: %s example contains special-token text such "
                            "as <|endoftext|>; the notebook raises on it, it was counted as "
                            "ordinary text here\n",
                            "exemplar-cli: note: %s examples contain special-token text such "
                            "as <|endoftext|>; the notebook raises on them, they were counted "
                            "as ordinary text here\n",
                            special),
                  count);
    }

  if (failure != FT_NOTEBOOK_FAILURE_NONE || ft_validation_summary_get_n_examples (summary) == 0 ||
      ft_validation_summary_get_notebook_order (summary, order) > 0)
    return FT_CLI_EXIT_FINDINGS;

  return FT_CLI_EXIT_OK;
}

/* validate */

int
ft_cli_validate (int    argc,
                 char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(FtValidator) validator = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(FtValidationSummary) validation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *validation_name = NULL;
  Printer printer = { 0 };
  JsonStream json;
  guint64 n_errors;

  if (!parse_options (argc, argv, "validate", TRUE, &options))
    return FT_CLI_EXIT_FAILURE;

  validator = make_validator (&options, &error);
  if (validator == NULL)
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  if (options.notebook)
    return run_notebook (validator, &options);

  display_name = g_filename_display_name (options.files[0]);
  printer.display_name = display_name;

  if (options.json)
    {
      printer.json = &json;
      json_stream_begin (&json);
      json_stream_add_string_member (&json, "schema", JSON_SCHEMA);
      json_stream_add_string_member (&json, "file", display_name);
      json_stream_begin_array_member (&json, "issues");
    }

  summary = check_file (validator, &options, options.files[0], &printer, &error);
  if (summary == NULL)
    {
      if (options.json)
        json_stream_end (&json);
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  /* The dataset-level findings come once the whole file is read. */
  for (guint i = 0; i < g_list_model_get_n_items (ft_validation_summary_get_issues (summary)); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (ft_validation_summary_get_issues (summary),
                                                        i);

      print_issue (&printer, issue);
    }
  n_errors = ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR);

  if (options.validation_file != NULL)
    {
      g_autoptr(GPtrArray) overlap = NULL;
      g_autoptr(FtValidator) checker = ft_validator_copy (validator);
      Printer validation_printer = printer;
      GListModel *validation_issues;

      /* The validation file has to be the same kind of data. */
      ft_validator_set_method (checker, ft_validation_summary_get_method (summary));
      validation_name = g_filename_display_name (options.validation_file);
      validation_printer.display_name = validation_name;

      validation = check_file (checker,
                               &options,
                               options.validation_file,
                               &validation_printer,
                               &error);
      if (validation == NULL)
        {
          if (options.json)
            json_stream_end (&json);
          ft_cli_print_error ("%s", error->message);
          return FT_CLI_EXIT_FAILURE;
        }

      validation_issues = ft_validation_summary_get_issues (validation);
      for (guint i = 0; i < g_list_model_get_n_items (validation_issues); i++)
        {
          g_autoptr(FtIssue) issue = g_list_model_get_item (validation_issues, i);

          print_issue (&validation_printer, issue);
        }

      overlap = ft_validation_summary_find_overlap (validation, summary);
      for (guint i = 0; i < overlap->len; i++)
        print_issue (&validation_printer, g_ptr_array_index (overlap, i));

      n_errors += ft_validation_summary_count_issues (validation, FT_ISSUE_SEVERITY_ERROR);
    }

  if (options.json)
    {
      json_stream_end_array (&json);
      json_stream_add_string_member (&json, "validation_file", validation_name);
      json_stream_take_member (&json, "summary",
                               summary_to_json (summary, validation, options.provider, TRUE));
      json_stream_end (&json);
    }
  else
    {
      print_summary (summary, display_name, options.provider, TRUE);
      if (validation != NULL)
        print_summary (validation, validation_name, options.provider, TRUE);
    }

  return n_errors > 0 ? FT_CLI_EXIT_FINDINGS : FT_CLI_EXIT_OK;
}

/* stats */

int
ft_cli_stats (int    argc,
              char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(FtValidator) validator = NULL;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  Printer printer = { 0 };

  if (!parse_options (argc, argv, "stats", FALSE, &options))
    return FT_CLI_EXIT_FAILURE;

  validator = make_validator (&options, &error);
  if (validator == NULL)
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  display_name = g_filename_display_name (options.files[0]);
  printer.display_name = display_name;
  printer.quiet = TRUE;

  summary = check_file (validator, &options, options.files[0], &printer, &error);
  if (summary == NULL)
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  if (options.json)
    {
      JsonStream json;

      json_stream_begin (&json);
      json_stream_add_string_member (&json, "schema", JSON_SCHEMA);
      json_stream_add_string_member (&json, "file", display_name);
      json_stream_take_member (&json, "summary",
                               summary_to_json (summary, NULL, options.provider, TRUE));
      json_stream_end (&json);
    }
  else
    {
      print_summary (summary, display_name, options.provider, FALSE);
    }

  return FT_CLI_EXIT_OK;
}
