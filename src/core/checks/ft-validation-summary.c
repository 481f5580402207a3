/* ft-validation-summary.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-validation-summary"

#include "config.h"

#include "ft-validation-summary.h"
#include "ft-checks-private.h"
#include "ft-format.h"
#include "ft-models.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Duplicate detection keeps 16 bytes per distinct example in an
 * open-addressing table, for at most this many examples: the table then
 * takes at most 32 MB, so memory stays bounded whatever the file size.
 */
#define DEFAULT_MAX_HASHED (1u << 20)

typedef struct
{
  guint64 near;    /* 0: empty */
  guint32 exact;   /* low bits of the exact hash */
  guint32 line;    /* the first line with this pair */
} DupSlot;

typedef struct
{
  DupSlot *slots;
  gsize    mask;
  gsize    n_used;
  gsize    max_used;
  guint64  n_skipped;
} DupMap;

typedef struct
{
  guint64 line;
  gint64  index;
  guint64 keys;   /* bit i: grader key i is present */
} GraderLine;

struct _FtSummaryBuilder
{
  FtValidator         *validator;
  FtTrainingConstants  constants;
  FtDatasetMethod      method;

  FtHistogram         *messages;          /* of counted examples */
  FtHistogram         *total_tokens;
  FtHistogram         *assistant_tokens;
  GArray              *grader_lines;      /* of GraderLine */
  GHashTable          *grader_keys;       /* name → bit + 1 */
  GPtrArray           *issues;            /* dataset-level FtIssue */
  DupMap               duplicates;

  guint64              n_lines;
  guint64              n_examples;
  guint64              n_counted;
  guint64              n_broken;
  guint64              n_severity[3];
  guint64              kind_counts[FT_LINE_N_KINDS];
  guint64              n_over_limit;
  gint64               billed_tokens;
  guint64              n_legacy_functions;
  guint64              n_with_images;

  guint64              notebook_counts[FT_NOTEBOOK_N_COUNTERS];
  FtNotebookCounter    notebook_order[FT_NOTEBOOK_N_COUNTERS];
  guint                n_notebook_order;
  guint64              n_missing_system;
  guint64              n_missing_user;
  FtNotebookFailure    notebook_failure;
  guint64              notebook_failure_line;
  guint64              n_skipped_values;
  guint64              n_special_token;
};

struct _FtValidationSummary
{
  GObject              parent_instance;

  FtSummaryBuilder    *data;
  GListStore          *issues;
  FtSeriesStats        messages_stats;
  FtSeriesStats        total_stats;
  FtSeriesStats        assistant_stats;
  char                *model;
  gint64               token_limit;
  FtTokenLimitSource   token_limit_source;
  FtEncoding           encoding;
  guint                n_epochs;
};

G_DEFINE_FINAL_TYPE (FtValidationSummary, ft_validation_summary, G_TYPE_OBJECT)

/* Duplicate map */

static void
dup_map_init (DupMap *map,
              gsize   max_used)
{
  map->mask = 1023;
  map->slots = g_new0 (DupSlot, map->mask + 1);
  map->n_used = 0;
  map->max_used = max_used;
  map->n_skipped = 0;
}

static void
dup_map_clear (DupMap *map)
{
  g_clear_pointer (&map->slots, g_free);
}

static DupSlot *
dup_map_free_slot (DupSlot *slots,
                   gsize    mask,
                   guint64  near)
{
  gsize i = (gsize)near & mask;

  while (slots[i].near != 0)
    i = (i + 1) & mask;

  return &slots[i];
}

static void
dup_map_grow (DupMap *map)
{
  DupSlot *old = map->slots;
  gsize old_size = map->mask + 1;

  map->mask = old_size * 2 - 1;
  map->slots = g_new0 (DupSlot, map->mask + 1);

  for (gsize i = 0; i < old_size; i++)
    {
      if (old[i].near != 0)
        *dup_map_free_slot (map->slots, map->mask, old[i].near) = old[i];
    }

  g_free (old);
}

/* Looks up an example: sets *exact_line to the first line with the same
 * exact and near hashes, or else *near_line to the first line with the
 * same near hash (0 when none), and remembers the example when it is new
 * and there is room.
 */
static void
dup_map_check (DupMap  *map,
               guint64  near,
               guint64  exact,
               guint64  line,
               guint64 *exact_line,
               guint64 *near_line)
{
  guint32 exact32 = (guint32)exact;
  gsize i = (gsize)near & map->mask;

  *exact_line = 0;
  *near_line = 0;

  for (; map->slots[i].near != 0; i = (i + 1) & map->mask)
    {
      DupSlot *slot = &map->slots[i];

      if (slot->near != near)
        continue;

      if (slot->exact == exact32)
        {
          *exact_line = slot->line;
          *near_line = 0;
          return;
        }

      if (*near_line == 0 || slot->line < *near_line)
        *near_line = slot->line;
    }

  if (map->n_used >= map->max_used)
    {
      map->n_skipped++;
      return;
    }

  map->slots[i].near = near;
  map->slots[i].exact = exact32;
  map->slots[i].line = (guint32)MIN (line, G_MAXUINT32);
  if (++map->n_used * 2 > map->mask)
    dup_map_grow (map);
}

/* The first line with this near hash, or 0. */
static guint64
dup_map_lookup_near (const DupMap *map,
                     guint64       near)
{
  guint64 first = 0;

  for (gsize i = (gsize)near & map->mask; map->slots[i].near != 0; i = (i + 1) & map->mask)
    {
      if (map->slots[i].near == near && (first == 0 || map->slots[i].line < first))
        first = map->slots[i].line;
    }

  return first;
}

/* Builder */

/**
 * ft_summary_builder_new:
 * @validator: the validator the reports come from
 *
 * Returns: (transfer full): a new builder; feed it with
 *   ft_summary_builder_add() in line order
 */
FtSummaryBuilder *
ft_summary_builder_new (FtValidator *validator)
{
  FtSummaryBuilder *builder;

  g_return_val_if_fail (FT_IS_VALIDATOR (validator), NULL);

  builder = g_new0 (FtSummaryBuilder, 1);
  builder->validator = g_object_ref (validator);
  builder->method = ft_validator_get_method (validator);
  ft_validator_get_constants (validator, &builder->constants);
  builder->messages = ft_histogram_new ();
  builder->total_tokens = ft_histogram_new ();
  builder->assistant_tokens = ft_histogram_new ();
  builder->grader_lines = g_array_new (FALSE, FALSE, sizeof (GraderLine));
  builder->issues = g_ptr_array_new_with_free_func (g_object_unref);
  builder->grader_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dup_map_init (&builder->duplicates, DEFAULT_MAX_HASHED);

  return builder;
}

/* For tests: a smaller bound on the examples kept for duplicates. */
void
_ft_summary_builder_set_max_hashed (FtSummaryBuilder *builder,
                                    gsize             max_hashed)
{
  g_assert (builder != NULL);
  g_assert (builder->n_lines == 0);

  builder->duplicates.max_used = max_hashed;
}

/**
 * ft_summary_builder_free:
 * @builder: (transfer full): a builder
 *
 * Frees a builder that was not finished.
 */
void
ft_summary_builder_free (FtSummaryBuilder *builder)
{
  if (builder == NULL)
    return;

  g_clear_object (&builder->validator);
  g_clear_pointer (&builder->messages, ft_histogram_free);
  g_clear_pointer (&builder->total_tokens, ft_histogram_free);
  g_clear_pointer (&builder->assistant_tokens, ft_histogram_free);
  g_clear_pointer (&builder->grader_lines, g_array_unref);
  g_clear_pointer (&builder->grader_keys, g_hash_table_unref);
  g_clear_pointer (&builder->issues, g_ptr_array_unref);
  dup_map_clear (&builder->duplicates);
  g_free (builder);
}

static void
add_dataset_issue (FtSummaryBuilder *builder,
                   FtIssue          *issue)
{
  builder->n_severity[ft_issue_get_severity (issue)]++;
  g_ptr_array_add (builder->issues, issue);
}

static void
check_duplicates (FtSummaryBuilder *builder,
                  FtExampleReport  *report,
                  guint64           line,
                  gint64            index)
{
  guint64 exact_line;
  guint64 near_line;
  g_autofree char *other = NULL;
  g_autofree char *message = NULL;
  FtIssue *issue;

  if (report->near_hash == 0)
    return;

  dup_map_check (&builder->duplicates, report->near_hash, report->exact_hash, line,
                 &exact_line, &near_line);

  if (exact_line != 0)
    {
      other = ft_format_integer ((gint64)exact_line);
      /* Translators: %s is a line number. */
      message = g_strdup_printf (_("This example is the same as the one on line %s. Duplicates "
                                   "weigh it more in training; remove one of them."),
                                 other);
      issue = ft_issue_new (FT_ISSUE_DUPLICATE_EXAMPLE, line, index, -1, message);
      _ft_issue_set_other_line (issue, exact_line);
      add_dataset_issue (builder, issue);
    }
  else if (near_line != 0)
    {
      other = ft_format_integer ((gint64)near_line);
      /* Translators: %s is a line number. */
      message = g_strdup_printf (_("This example is nearly the same as the one on line %s: "
                                   "its messages differ only in letter case and spacing. "
                                   "Keep one of them."),
                                 other);
      issue = ft_issue_new (FT_ISSUE_NEAR_DUPLICATE_EXAMPLE, line, index, -1, message);
      _ft_issue_set_other_line (issue, near_line);
      add_dataset_issue (builder, issue);
    }
}

static void
add_grader_keys (FtSummaryBuilder *builder,
                 FtExampleReport  *report,
                 guint64           line,
                 gint64            index)
{
  GraderLine entry = { line, index, 0 };

  for (guint i = 0; i < report->n_grader_keys; i++)
    {
      guint bit = GPOINTER_TO_UINT (g_hash_table_lookup (builder->grader_keys,
                                                         report->grader_keys[i]));

      if (bit == 0)
        {
          if (g_hash_table_size (builder->grader_keys) == FT_MAX_GRADER_KEYS)
            continue;
          bit = g_hash_table_size (builder->grader_keys) + 1;
          g_hash_table_insert (builder->grader_keys,
                               g_strdup (report->grader_keys[i]),
                               GUINT_TO_POINTER (bit));
        }

      entry.keys |= G_GUINT64_CONSTANT (1) << (bit - 1);
    }

  g_array_append_val (builder->grader_lines, entry);
}

/**
 * ft_summary_builder_add:
 * @builder: a builder
 * @report: the next report, in line order
 *
 * Takes one example (or blank line) into the dataset-level pass. Only
 * numbers and hashes are kept; @report is not referenced.
 */
void
ft_summary_builder_add (FtSummaryBuilder *builder,
                        FtExampleReport  *report)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (report != NULL);

  ft_summary_builder_add_at (builder, report, report->line, report->index);
}

/**
 * ft_summary_builder_add_at:
 * @builder: a builder
 * @report: the next report, in line order
 * @line: the 1-based line the example is on now
 * @index: the 0-based index of the example now
 *
 * Like ft_summary_builder_add(), for a report whose example has moved
 * since it was checked (the GUI keeps reports while examples are added,
 * removed and moved): the dataset-level findings name @line and @index
 * instead of the report's own.
 */
void
ft_summary_builder_add_at (FtSummaryBuilder *builder,
                           FtExampleReport  *report,
                           guint64           line,
                           gint64            index)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (report != NULL);

  builder->n_lines++;
  builder->kind_counts[report->kind]++;

  for (guint i = 0; i < ft_example_report_get_n_issues (report); i++)
    builder->n_severity[ft_issue_get_severity (ft_example_report_get_issue (report, i))]++;

  if (builder->notebook_failure == FT_NOTEBOOK_FAILURE_NONE &&
      report->notebook_failure != FT_NOTEBOOK_FAILURE_NONE)
    {
      builder->notebook_failure = report->notebook_failure;
      builder->notebook_failure_line = line;
    }

  if (report->kind == FT_LINE_KIND_BLANK)
    return;

  builder->n_examples++;

  if (report->kind == FT_LINE_KIND_BROKEN)
    {
      builder->n_broken++;
      return;
    }

  for (guint i = 0; i < report->n_notebook_order; i++)
    {
      FtNotebookCounter counter = report->notebook_order[i];

      if (builder->notebook_counts[counter] == 0)
        builder->notebook_order[builder->n_notebook_order++] = counter;
    }
  for (guint i = 0; i < FT_NOTEBOOK_N_COUNTERS; i++)
    builder->notebook_counts[i] += report->notebook_counts[i];

  if (!report->has_system)
    builder->n_missing_system++;
  if (!report->has_user)
    builder->n_missing_user++;
  builder->n_skipped_values += report->n_skipped_values;
  if (report->special_token != NULL)
    builder->n_special_token++;
  if (report->legacy_functions)
    builder->n_legacy_functions++;
  if (report->n_images > 0)
    builder->n_with_images++;

  if (report->counted)
    {
      builder->n_counted++;
      ft_histogram_add (builder->messages, report->n_messages);
      ft_histogram_add (builder->total_tokens, report->total_tokens);
      ft_histogram_add (builder->assistant_tokens, report->assistant_tokens);
      builder->billed_tokens += ft_cost_billed_tokens (&builder->constants, report->total_tokens);
      if (report->total_tokens > builder->constants.max_tokens_per_example)
        builder->n_over_limit++;
    }

  if (report->grader_keys != NULL || report->kind == FT_LINE_KIND_PROMPT_ONLY)
    add_grader_keys (builder, report, line, index);

  check_duplicates (builder, report, line, index);
}

static void
add_file_issue (FtSummaryBuilder *builder,
                FtIssueCode       code,
                const char       *message)
{
  add_dataset_issue (builder, ft_issue_new (code, 0, -1, -1, message));
}

static void
check_grader_keys (FtSummaryBuilder *builder)
{
  const char *names_by_bit[FT_MAX_GRADER_KEYS] = { NULL };
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guint64 all = 0;

  /* Name the keys in the order they were first seen. */
  g_hash_table_iter_init (&iter, builder->grader_keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    names_by_bit[GPOINTER_TO_UINT (value) - 1] = key;

  for (guint i = 0; i < builder->grader_lines->len; i++)
    all |= g_array_index (builder->grader_lines, GraderLine, i).keys;

  for (guint i = 0; i < builder->grader_lines->len; i++)
    {
      GraderLine *entry = &g_array_index (builder->grader_lines, GraderLine, i);
      guint64 missing = all & ~entry->keys;
      g_autoptr(GString) names = NULL;
      g_autofree char *message = NULL;

      if (missing == 0)
        continue;

      names = g_string_new (NULL);
      for (guint k = 0; k < FT_MAX_GRADER_KEYS; k++)
        {
          if ((missing & (G_GUINT64_CONSTANT (1) << k)) == 0)
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append_printf (names, "“%s”", names_by_bit[k]);
        }

      /* Translators: %s is a list of keys. */
      message = g_strdup_printf (_("This example lacks %s, which other examples give the "
                                   "grader. Every example needs the keys the grader uses."),
                                 names->str);
      add_dataset_issue (builder,
                         ft_issue_new (FT_ISSUE_RFT_MISSING_KEY,
                                       entry->line,
                                       entry->index,
                                       -1,
                                       message));
    }
}

static int
compare_issue_lines (gconstpointer a,
                     gconstpointer b)
{
  FtIssue *x = *(FtIssue **)a;
  FtIssue *y = *(FtIssue **)b;
  guint64 lx = ft_issue_get_line (x);
  guint64 ly = ft_issue_get_line (y);

  return (lx > ly) - (lx < ly);
}

static void
add_file_issues (FtSummaryBuilder *builder)
{
  const char *model = ft_validator_get_model (builder->validator);
  g_autofree char *n_examples = ft_format_integer ((gint64)builder->n_examples);

  if (builder->n_examples == 0)
    {
      add_file_issue (builder, FT_ISSUE_NO_EXAMPLES, _("The file has no examples."));
    }
  else if (builder->n_examples < 10)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("The file has %s example. A training file needs at "
                                           "least 10; 50 to 100 good ones usually show an "
                                           "effect.",
                                           "The file has %s examples. A training file needs at "
                                           "least 10; 50 to 100 good ones usually show an "
                                           "effect.",
                                           builder->n_examples),
                                 n_examples);
      add_file_issue (builder, FT_ISSUE_TOO_FEW_EXAMPLES, message);
    }

  if (builder->method == FT_DATASET_METHOD_REINFORCEMENT)
    {
      guint64 n_prompts = builder->kind_counts[FT_LINE_KIND_PROMPT_ONLY];
      g_autofree char *count = ft_format_integer ((gint64)n_prompts);
      g_autofree char *message = NULL;

      /* Translators: the first %s is a count of lines, the second the number of examples. */
      message = g_strdup_printf (_("This file looks like reinforcement fine-tuning data: its "
                                   "examples end with the user's request and have no assistant "
                                   "reply (%s of %s). It is checked as such; it cannot train a "
                                   "supervised fine-tuning job."),
                                 count, n_examples);
      add_file_issue (builder, FT_ISSUE_REINFORCEMENT_DATA, message);
      check_grader_keys (builder);
    }
  else if (builder->method == FT_DATASET_METHOD_PROMPT_COMPLETION)
    {
      guint64 n_pairs = builder->kind_counts[FT_LINE_KIND_PROMPT_COMPLETION];
      g_autofree char *count = ft_format_integer ((gint64)n_pairs);
      g_autofree char *message = NULL;

      /* Translators: the first %s is a count of lines, the second the number of examples. */
      message = g_strdup_printf (ngettext ("This file uses the legacy prompt/completion format "
                                           "(%s of %s example), which only the retired "
                                           "completion models accepted. Chat models need "
                                           "{\"messages\": […]} lines; convert the file.",
                                           "This file uses the legacy prompt/completion format "
                                           "(%s of %s examples), which only the retired "
                                           "completion models accepted. Chat models need "
                                           "{\"messages\": […]} lines; convert the file.",
                                           (gulong)builder->n_examples),
                                 count, n_examples);
      add_file_issue (builder, FT_ISSUE_PROMPT_COMPLETION_FORMAT, message);
    }

  if (builder->duplicates.n_skipped > 0)
    {
      g_autofree char *kept = ft_format_integer ((gint64)builder->duplicates.n_used);
      g_autofree char *message = NULL;

      /* Translators: %s is a number of examples. */
      message = g_strdup_printf (ngettext ("Duplicates were looked for among the first %s "
                                           "different example only, to keep memory bounded; "
                                           "later examples were compared with it.",
                                           "Duplicates were looked for among the first %s "
                                           "different examples only, to keep memory bounded; "
                                           "later examples were compared with those.",
                                           (gulong)builder->duplicates.n_used),
                                 kept);
      add_file_issue (builder, FT_ISSUE_DUPLICATE_CHECK_LIMITED, message);
    }

  if (builder->n_legacy_functions > 0)
    {
      g_autofree char *count = ft_format_integer ((gint64)builder->n_legacy_functions);
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%s example uses the deprecated “functions” and "
                                           "“function_call” format. It still works, but "
                                           "“tools” and “tool_calls” are the current format.",
                                           "%s examples use the deprecated “functions” and "
                                           "“function_call” format. It still works, but "
                                           "“tools” and “tool_calls” are the current format.",
                                           builder->n_legacy_functions),
                                 count);
      add_file_issue (builder, FT_ISSUE_LEGACY_FUNCTIONS, message);
    }

  if (builder->n_with_images > 0 && model != NULL)
    {
      const FtModelInfo *info = ft_models_lookup (model);

      if (info != NULL && (info->methods & FT_METHOD_VISION) == 0)
        {
          g_autofree char *count = ft_format_integer ((gint64)builder->n_with_images);
          g_autofree char *message = NULL;

          message = g_strdup_printf (ngettext ("%s example contains images, but %s cannot be "
                                               "fine-tuned on images. Vision fine-tuning needs "
                                               "gpt-4o-2024-08-06.",
                                               "%s examples contain images, but %s cannot be "
                                               "fine-tuned on images. Vision fine-tuning needs "
                                               "gpt-4o-2024-08-06.",
                                               builder->n_with_images),
                                     count, model);
          add_file_issue (builder, FT_ISSUE_MODEL_WITHOUT_VISION, message);
        }
    }
}

/**
 * ft_summary_builder_finish:
 * @builder: (transfer full): a builder
 *
 * Ends the pass: file-level findings, statistics, epochs.
 *
 * Returns: (transfer full): the summary
 */
FtValidationSummary *
ft_summary_builder_finish (FtSummaryBuilder *builder)
{
  FtValidationSummary *self;
  guint kinds[FT_LINE_N_KINDS];

  g_return_val_if_fail (builder != NULL, NULL);

  if (builder->method == FT_DATASET_METHOD_AUTO)
    {
      for (guint i = 0; i < FT_LINE_N_KINDS; i++)
        kinds[i] = (guint)MIN (builder->kind_counts[i], G_MAXUINT);
      builder->method = ft_validator_detect_method (kinds, FT_LINE_N_KINDS);
    }

  add_file_issues (builder);
  g_ptr_array_sort (builder->issues, compare_issue_lines);

  self = g_object_new (FT_TYPE_VALIDATION_SUMMARY, NULL);
  self->model = g_strdup (ft_validator_get_model (builder->validator));
  self->token_limit = ft_validator_get_token_limit (builder->validator);
  self->token_limit_source = ft_validator_get_token_limit_source (builder->validator);
  self->encoding = ft_validator_get_encoding (builder->validator);
  self->n_epochs = ft_cost_default_epochs (&builder->constants, builder->n_counted);

  ft_histogram_compute (builder->messages, &self->messages_stats);
  ft_histogram_compute (builder->total_tokens, &self->total_stats);
  ft_histogram_compute (builder->assistant_tokens, &self->assistant_stats);

  for (guint i = 0; i < builder->issues->len; i++)
    g_list_store_append (self->issues, g_ptr_array_index (builder->issues, i));

  /* The series are not needed any more; the hashes are, for overlap. */
  g_clear_pointer (&builder->messages, ft_histogram_free);
  g_clear_pointer (&builder->total_tokens, ft_histogram_free);
  g_clear_pointer (&builder->assistant_tokens, ft_histogram_free);
  g_clear_pointer (&builder->grader_lines, g_array_unref);
  g_clear_pointer (&builder->grader_keys, g_hash_table_unref);
  g_clear_pointer (&builder->issues, g_ptr_array_unref);
  g_clear_object (&builder->validator);
  self->data = builder;

  return self;
}

/**
 * ft_validation_summary_new_from_reports:
 * @validator: the validator the reports come from
 * @reports: (element-type FtExampleReport): every line's report, in order
 *
 * Runs the dataset-level pass over reports the caller keeps (the GUI
 * re-checks only edited examples, then calls this again).
 *
 * Returns: (transfer full): the summary
 */
FtValidationSummary *
ft_validation_summary_new_from_reports (FtValidator *validator,
                                        GPtrArray   *reports)
{
  FtSummaryBuilder *builder;

  g_return_val_if_fail (FT_IS_VALIDATOR (validator), NULL);
  g_return_val_if_fail (reports != NULL, NULL);

  builder = ft_summary_builder_new (validator);
  for (guint i = 0; i < reports->len; i++)
    ft_summary_builder_add (builder, g_ptr_array_index (reports, i));

  return ft_summary_builder_finish (builder);
}

static void
summarize_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FtValidator *validator = source_object;
  GPtrArray *reports = task_data;

  g_task_return_pointer (task,
                         ft_validation_summary_new_from_reports (validator, reports),
                         g_object_unref);
}

/**
 * ft_validation_summary_new_from_reports_async:
 * @validator: the validator the reports come from; not to be changed
 *   until the callback runs
 * @reports: (element-type FtExampleReport): every line's report, in order;
 *   the caller may change the array afterwards (a copy is used)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the summary is ready
 * @user_data: data for @callback
 *
 * Runs the dataset-level pass in a worker thread, so that the main loop
 * does not stall on a large dataset (about 40 ms for 100,000 reports).
 */
void
ft_validation_summary_new_from_reports_async (FtValidator         *validator,
                                              GPtrArray           *reports,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  g_return_if_fail (FT_IS_VALIDATOR (validator));
  g_return_if_fail (reports != NULL);

  copy = g_ptr_array_new_full (reports->len, (GDestroyNotify)ft_example_report_unref);
  for (guint i = 0; i < reports->len; i++)
    g_ptr_array_add (copy, ft_example_report_ref (g_ptr_array_index (reports, i)));

  task = g_task_new (validator, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_validation_summary_new_from_reports_async);
  g_task_set_task_data (task, copy, (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, summarize_worker);
}

/**
 * ft_validation_summary_new_from_reports_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
FtValidationSummary *
ft_validation_summary_new_from_reports_finish (GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ft_validation_summary_new_from_reports_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
ft_validation_summary_finalize (GObject *object)
{
  FtValidationSummary *self = (FtValidationSummary *)object;

  g_clear_pointer (&self->data, ft_summary_builder_free);
  g_clear_object (&self->issues);
  g_clear_pointer (&self->model, g_free);

  G_OBJECT_CLASS (ft_validation_summary_parent_class)->finalize (object);
}

static void
ft_validation_summary_class_init (FtValidationSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_validation_summary_finalize;
}

static void
ft_validation_summary_init (FtValidationSummary *self)
{
  self->issues = g_list_store_new (FT_TYPE_ISSUE);
}

/* Getters */

/**
 * ft_validation_summary_get_method:
 * @self: a #FtValidationSummary
 *
 * Returns: what the file was checked as (detected when the validator's
 *   method was automatic)
 */
FtDatasetMethod
ft_validation_summary_get_method (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), FT_DATASET_METHOD_AUTO);

  return self->data->method;
}

/**
 * ft_validation_summary_get_n_lines:
 * @self: a #FtValidationSummary
 *
 * Returns: the lines seen, blank ones included
 */
guint64
ft_validation_summary_get_n_lines (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_lines;
}

/**
 * ft_validation_summary_get_n_examples:
 * @self: a #FtValidationSummary
 *
 * Returns: the examples: every line that is not blank, broken ones
 *   included
 */
guint64
ft_validation_summary_get_n_examples (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_examples;
}

/**
 * ft_validation_summary_get_n_counted:
 * @self: a #FtValidationSummary
 *
 * Returns: the examples whose tokens were counted; the statistics, the
 *   epochs and the billed tokens are about these
 */
guint64
ft_validation_summary_get_n_counted (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_counted;
}

/**
 * ft_validation_summary_get_n_broken:
 * @self: a #FtValidationSummary
 *
 * Returns: the lines that could not be parsed
 */
guint64
ft_validation_summary_get_n_broken (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_broken;
}

/**
 * ft_validation_summary_count_issues:
 * @self: a #FtValidationSummary
 * @severity: a severity
 *
 * Returns: all findings with @severity: the examples' and the file's
 */
guint64
ft_validation_summary_count_issues (FtValidationSummary *self,
                                    FtIssueSeverity      severity)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);
  g_return_val_if_fail (severity <= FT_ISSUE_SEVERITY_INFO, 0);

  return self->data->n_severity[severity];
}

/**
 * ft_validation_summary_get_issues:
 * @self: a #FtValidationSummary
 *
 * The dataset-level findings, by line: about the whole file (line 0),
 * duplicates, and grader keys. The examples' own findings are in their
 * reports.
 *
 * Returns: (transfer none): a #GListModel of #FtIssue
 */
GListModel *
ft_validation_summary_get_issues (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), NULL);

  return G_LIST_MODEL (self->issues);
}

/**
 * ft_validation_summary_get_messages_stats:
 * @self: a #FtValidationSummary
 *
 * Returns: (nullable): the distribution of messages per example, or %NULL
 *   when no example was counted
 */
const FtSeriesStats *
ft_validation_summary_get_messages_stats (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), NULL);

  return self->messages_stats.n > 0 ? &self->messages_stats : NULL;
}

/**
 * ft_validation_summary_get_total_tokens_stats:
 * @self: a #FtValidationSummary
 *
 * Returns: (nullable): the distribution of conversation tokens
 */
const FtSeriesStats *
ft_validation_summary_get_total_tokens_stats (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), NULL);

  return self->total_stats.n > 0 ? &self->total_stats : NULL;
}

/**
 * ft_validation_summary_get_assistant_tokens_stats:
 * @self: a #FtValidationSummary
 *
 * Returns: (nullable): the distribution of assistant tokens
 */
const FtSeriesStats *
ft_validation_summary_get_assistant_tokens_stats (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), NULL);

  return self->assistant_stats.n > 0 ? &self->assistant_stats : NULL;
}

gint64
ft_validation_summary_get_token_limit (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->token_limit;
}

FtTokenLimitSource
ft_validation_summary_get_token_limit_source (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), FT_TOKEN_LIMIT_SOURCE_NOTEBOOK);

  return self->token_limit_source;
}

FtEncoding
ft_validation_summary_get_encoding (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), FT_ENCODING_CL100K_BASE);

  return self->encoding;
}

const char *
ft_validation_summary_get_model (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), NULL);

  return self->model;
}

/**
 * ft_validation_summary_get_n_over_limit:
 * @self: a #FtValidationSummary
 *
 * Returns: the examples with more tokens than the limit (strictly)
 */
guint64
ft_validation_summary_get_n_over_limit (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_over_limit;
}

/**
 * ft_validation_summary_get_billed_tokens:
 * @self: a #FtValidationSummary
 *
 * Returns: the tokens one epoch bills: each example's, capped at the limit
 */
gint64
ft_validation_summary_get_billed_tokens (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->billed_tokens;
}

/**
 * ft_validation_summary_get_n_epochs:
 * @self: a #FtValidationSummary
 *
 * Returns: the notebook's estimate of the default epochs, 0 without
 *   examples
 */
guint
ft_validation_summary_get_n_epochs (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->n_epochs;
}

/**
 * ft_validation_summary_estimate_cost:
 * @self: a #FtValidationSummary
 * @table: (nullable): the price table
 * @provider: (nullable): the provider id
 * @estimate: (out caller-allocates): the estimate
 *
 * Estimates the training cost of the default epochs for the summary's
 * model.
 */
void
ft_validation_summary_estimate_cost (FtValidationSummary *self,
                                     FtPriceTable        *table,
                                     const char          *provider,
                                     FtCostEstimate      *estimate)
{
  g_return_if_fail (FT_IS_VALIDATION_SUMMARY (self));

  ft_cost_estimate (table, provider, self->model, self->data->n_counted,
                    self->data->billed_tokens, self->n_epochs, estimate);
}

/**
 * ft_validation_summary_get_notebook_count:
 * @self: a #FtValidationSummary
 * @counter: a notebook counter
 *
 * Returns: the notebook's count for @counter over the file
 */
guint
ft_validation_summary_get_notebook_count (FtValidationSummary *self,
                                          FtNotebookCounter    counter)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);
  g_return_val_if_fail (counter < FT_NOTEBOOK_N_COUNTERS, 0);

  return (guint)MIN (self->data->notebook_counts[counter], G_MAXUINT);
}

/**
 * ft_validation_summary_get_notebook_order:
 * @self: a #FtValidationSummary
 * @order: (out caller-allocates) (array fixed-size=7): the counters
 *
 * The counters that are not zero, in the order the notebook prints them
 * (the order they were first incremented).
 *
 * Returns: how many were stored in @order
 */
guint
ft_validation_summary_get_notebook_order (FtValidationSummary *self,
                                          FtNotebookCounter   *order)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);
  g_return_val_if_fail (order != NULL, 0);

  memcpy (order,
          self->data->notebook_order,
          self->data->n_notebook_order * sizeof (FtNotebookCounter));
  return self->data->n_notebook_order;
}

guint64
ft_validation_summary_get_n_missing_system (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_missing_system;
}

guint64
ft_validation_summary_get_n_missing_user (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_missing_user;
}

/**
 * ft_validation_summary_get_notebook_failure:
 * @self: a #FtValidationSummary
 * @line: (out) (optional): the line of the first example it fails on
 *
 * Returns: why the notebook would stop on this file, if it would
 */
FtNotebookFailure
ft_validation_summary_get_notebook_failure (FtValidationSummary *self,
                                            guint64             *line)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), FT_NOTEBOOK_FAILURE_NONE);

  if (line != NULL)
    *line = self->data->notebook_failure_line;

  return self->data->notebook_failure;
}

/**
 * ft_validation_summary_get_n_skipped_values:
 * @self: a #FtValidationSummary
 *
 * Returns: in notebook mode, the message values that are not text and
 *   were not counted (the notebook raises on them)
 */
guint64
ft_validation_summary_get_n_skipped_values (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_skipped_values;
}

/**
 * ft_validation_summary_get_n_special_token_examples:
 * @self: a #FtValidationSummary
 *
 * Returns: the examples containing special-token text
 */
guint64
ft_validation_summary_get_n_special_token_examples (FtValidationSummary *self)
{
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (self), 0);

  return self->data->n_special_token;
}

/**
 * ft_validation_summary_find_overlap:
 * @validation: the summary of the validation file
 * @training: the summary of the training file
 *
 * Finds validation examples that are (nearly) the same as a training
 * example. The findings are on validation lines, with the training line
 * as #FtIssue:other-line.
 *
 * Returns: (transfer full) (element-type FtIssue): the findings
 */
GPtrArray *
ft_validation_summary_find_overlap (FtValidationSummary *validation,
                                    FtValidationSummary *training)
{
  GPtrArray *issues;
  const DupMap *valid_map;

  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (validation), NULL);
  g_return_val_if_fail (FT_IS_VALIDATION_SUMMARY (training), NULL);

  issues = g_ptr_array_new_with_free_func (g_object_unref);
  valid_map = &validation->data->duplicates;

  for (gsize i = 0; i <= valid_map->mask; i++)
    {
      const DupSlot *slot = &valid_map->slots[i];
      guint64 other;
      g_autofree char *other_text = NULL;
      g_autofree char *message = NULL;
      FtIssue *issue;

      if (slot->near == 0)
        continue;

      other = dup_map_lookup_near (&training->data->duplicates, slot->near);
      if (other == 0)
        continue;

      other_text = ft_format_integer ((gint64)other);
      /* Translators: %s is a line number. */
      message = g_strdup_printf (_("This validation example is also in the training file (line "
                                   "%s). Validation examples should be new to the model, or "
                                   "the validation scores mean little."),
                                 other_text);
      issue = ft_issue_new (FT_ISSUE_TRAIN_VALIDATION_OVERLAP, slot->line, -1, -1, message);
      _ft_issue_set_other_line (issue, other);
      _ft_issue_set_in_validation_file (issue, TRUE);
      g_ptr_array_add (issues, issue);
    }

  g_ptr_array_sort (issues, compare_issue_lines);

  return issues;
}
