/* ft-dataset-checker.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-dataset-checker"

#include "config.h"

#include "ft-dataset-checker.h"

#include "ft-check-pipeline.h"
#include "ft-dataset-private.h"
#include "ft-validator.h"

/* Keeps a dataset checked while it is edited, for the Examples page.
 *
 * Each example carries the report of its last check (in a field of its
 * own, so that a removed example takes its report along and an undone
 * removal brings it back). A "pass" takes a snapshot of the dataset,
 * checks in a worker thread only the examples that have no current report
 * (new or edited ones), then runs the dataset-level pass over all reports
 * at the examples' current lines. Edits schedule a pass after a short
 * delay.
 *
 * While a file loads, the same file is checked in parallel straight from
 * disk, so that the full check does not wait for the load; when both are
 * done and nothing but appends happened meanwhile, the reports are handed
 * to the examples by position.
 */

#define DEFAULT_DELAY_MS   300
#define PROGRESS_MS        100
#define SMALL_PASS         64     /* lines one worker checks alone */
#define BIG_PASS           512    /* lines worth a progress bar */

typedef struct
{
  FtDatasetSnapshot   *snapshot;
  GPtrArray           *examples;         /* FtExample by position; main thread only */
  GPtrArray           *reports;          /* FtExampleReport or NULL by position */
  GArray              *to_check;         /* guint positions */
  FtValidator         *validator;        /* a private copy */
  FtValidationSummary *summary;
  GArray              *issues;           /* IssueEntry, sorted */
  guint                generation;
  int                  n_done;           /* atomic */
} Pass;

typedef struct
{
  FtIssue *issue;
  gint64   position;
  guint    order;
} IssueEntry;

struct _FtDatasetChecker
{
  GObject              parent_instance;

  /* owned */
  FtDataset           *dataset;
  FtValidator         *validator;
  GHashTable          *dirty;            /* FtExample set: edited since checked */
  GHashTable          *extra;            /* FtExample → GPtrArray of dataset-level FtIssue */
  GHashTable          *issue_examples;   /* FtIssue → FtExample */
  GListStore          *issues;
  FtValidationSummary *summary;
  GCancellable        *pass_cancellable;
  GCancellable        *file_cancellable;
  GPtrArray           *file_reports;     /* of a finished file check */
  FtValidationSummary *file_summary;
  GPtrArray           *adopt_examples;   /* being given the file check's reports */
  GPtrArray           *adopt_reports;
  guint64              file_size;

  /* borrowed */
  Pass                *pass;             /* the running pass; its GTask owns it */

  FtDatasetMethod      method;           /* decided by the last full check */
  FtDatasetMethod      file_method;
  FtEncoding           fallback_encoding;
  guint                id;
  guint                generation;
  guint                delay;
  guint                pass_timeout_id;
  guint                adopt_id;
  guint                adopt_next;
  guint                progress_id;
  double               progress;

  guint                pass_again : 1;
  guint                loading : 1;
  guint                load_disturbed : 1;
  guint                file_running : 1;
  guint                checking : 1;
  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (FtDatasetChecker, ft_dataset_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_MODEL,
  PROP_FALLBACK_ENCODING,
  PROP_ENCODING,
  PROP_DELAY,
  PROP_BUSY,
  PROP_CHECKING,
  PROP_PROGRESS,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];
static guint last_id;

static void start_pass  (FtDatasetChecker *self);
static void free_issues (GArray           *issues);

/* Reports kept on the examples */

static FtExampleReport *
lookup_report (FtDatasetChecker *self,
               FtExample        *example)
{
  FtExampleReport *report;
  guint owner;
  guint generation;

  report = _ft_example_get_check_report (example, &owner, &generation);
  if (report == NULL || owner != self->id || generation != self->generation)
    return NULL;

  return report;
}

static void
store_report (FtDatasetChecker *self,
              FtExample        *example,
              FtExampleReport  *report)
{
  _ft_example_set_check_report (example, ft_example_report_ref (report),
                                (GDestroyNotify)ft_example_report_unref,
                                self->id, self->generation);
}

/* State */

static void
update_state (FtDatasetChecker *self)
{
  gboolean busy;
  gboolean checking;

  g_assert (FT_IS_DATASET_CHECKER (self));

  busy = self->pass != NULL || self->file_running || self->pass_timeout_id != 0 ||
         self->adopt_id != 0 || (self->loading && self->file_reports != NULL);
  checking = self->file_running ||
             (self->pass != NULL && self->pass->to_check->len >= BIG_PASS);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  if (self->checking != checking)
    {
      self->checking = checking;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_progress (FtDatasetChecker *self,
              double            progress)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  progress = CLAMP (progress, 0.0, 1.0);
  if (G_APPROX_VALUE (self->progress, progress, 0.0005))
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_summary (FtDatasetChecker    *self,
             FtValidationSummary *summary)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  if (g_set_object (&self->summary, summary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
clear_findings (FtDatasetChecker *self)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  g_hash_table_remove_all (self->extra);
  g_hash_table_remove_all (self->issue_examples);
  g_list_store_remove_all (self->issues);
  set_summary (self, NULL);
}

/* Passes */

static void
pass_free (Pass *pass)
{
  g_clear_pointer (&pass->snapshot, ft_dataset_snapshot_unref);
  g_clear_pointer (&pass->examples, g_ptr_array_unref);
  g_clear_pointer (&pass->reports, g_ptr_array_unref);
  g_clear_pointer (&pass->to_check, g_array_unref);
  g_clear_object (&pass->validator);
  g_clear_object (&pass->summary);
  g_clear_pointer (&pass->issues, free_issues);
  g_free (pass);
}

static void
count_report (FtExampleReport *report,
              gpointer         user_data)
{
  Pass *pass = user_data;

  g_atomic_int_inc (&pass->n_done);
}

static int
compare_issue_entries (gconstpointer a,
                       gconstpointer b)
{
  const IssueEntry *x = a;
  const IssueEntry *y = b;
  int sx = ft_issue_get_severity (x->issue);
  int sy = ft_issue_get_severity (y->issue);
  int mx;
  int my;

  if (sx != sy)
    return sx - sy;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;

  mx = ft_issue_get_message_index (x->issue);
  my = ft_issue_get_message_index (y->issue);
  if (mx != my)
    return mx - my;

  return (x->order > y->order) - (x->order < y->order);
}

static void
add_issue_entry (GArray  *issues,
                 FtIssue *issue,
                 gint64   position)
{
  IssueEntry entry;

  entry.issue = g_object_ref (issue);
  entry.position = position;
  entry.order = issues->len;
  g_array_append_val (issues, entry);
}

/* Every finding, grouped by severity, then in example order; @reports
 * are the examples' reports by position.
 */
static GArray *
collect_issues (GPtrArray           *reports,
                FtValidationSummary *summary)
{
  GArray *issues = g_array_new (FALSE, FALSE, sizeof (IssueEntry));
  GListModel *dataset_issues = ft_validation_summary_get_issues (summary);
  guint n = reports->len;

  for (guint i = 0; i < g_list_model_get_n_items (dataset_issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (dataset_issues, i);
      gint64 index = ft_issue_get_example_index (issue);

      add_issue_entry (issues, issue, index >= 0 && index < n ? index : -1);
    }

  for (guint i = 0; i < n; i++)
    {
      FtExampleReport *report = g_ptr_array_index (reports, i);

      for (guint j = 0; j < ft_example_report_get_n_issues (report); j++)
        add_issue_entry (issues, ft_example_report_get_issue (report, j), i);
    }

  g_array_sort (issues, compare_issue_entries);

  return issues;
}

static void
free_issues (GArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    g_object_unref (g_array_index (issues, IssueEntry, i).issue);
  g_array_unref (issues);
}

/* Worker thread: reads only the pass (snapshot, kept reports, its own
 * validator).
 */
static void
pass_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Pass *pass = task_data;
  guint n = ft_dataset_snapshot_get_n_examples (pass->snapshot);
  g_autoptr(FtSummaryBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (pass->to_check->len > 0)
    {
      g_autofree FtCheckLine *lines = g_new0 (FtCheckLine, pass->to_check->len);
      g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (pass->validator);
      g_autoptr(FtValidationSummary) partial = NULL;
      g_autoptr(GPtrArray) checked = NULL;

      for (guint i = 0; i < pass->to_check->len; i++)
        {
          guint position = g_array_index (pass->to_check, guint, i);
          GBytes *bytes = ft_dataset_snapshot_get_bytes (pass->snapshot, position);
          gsize length;
          const char *text = g_bytes_get_data (bytes, &length);

          lines[i].line = position + 1;
          lines[i].text = (char *)(text != NULL ? text : "");
          lines[i].length = length;
        }

      if (pass->to_check->len < SMALL_PASS)
        ft_check_pipeline_set_n_workers (pipeline, 1);
      ft_check_pipeline_set_background (pipeline, TRUE);
      ft_check_pipeline_set_report_func (pipeline, count_report, pass, NULL);

      partial = ft_check_pipeline_run_lines (pipeline, lines, pass->to_check->len,
                                             &checked, cancellable, &error);
      if (partial == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (ft_validator_get_method (pass->validator) == FT_DATASET_METHOD_AUTO)
        ft_validator_set_method (pass->validator, ft_validation_summary_get_method (partial));

      g_assert (checked->len == pass->to_check->len);
      for (guint i = 0; i < checked->len; i++)
        {
          guint position = g_array_index (pass->to_check, guint, i);

          g_ptr_array_index (pass->reports, position) =
            ft_example_report_ref (g_ptr_array_index (checked, i));
        }
    }

  if (ft_validator_get_method (pass->validator) == FT_DATASET_METHOD_AUTO)
    ft_validator_set_method (pass->validator, FT_DATASET_METHOD_SUPERVISED);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The dataset-level pass, at the lines the examples are on now. */
  builder = ft_summary_builder_new (pass->validator);
  for (guint i = 0; i < n; i++)
    ft_summary_builder_add_at (builder, g_ptr_array_index (pass->reports, i), i + 1, i);
  pass->summary = ft_summary_builder_finish (g_steal_pointer (&builder));

  pass->issues = collect_issues (pass->reports, pass->summary);

  g_task_return_boolean (task, TRUE);
}

/* Makes the findings of a check current: per-example findings and the
 * dataset-level ones, in the order of @issues, mapped to @examples.
 */
static void
set_findings (FtDatasetChecker    *self,
              GPtrArray           *examples,
              GArray              *issues,
              FtValidationSummary *summary)
{
  g_autoptr(GPtrArray) items = NULL;
  GListModel *dataset_issues;

  g_assert (FT_IS_DATASET_CHECKER (self));

  g_hash_table_remove_all (self->extra);
  dataset_issues = ft_validation_summary_get_issues (summary);
  for (guint i = 0; i < g_list_model_get_n_items (dataset_issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (dataset_issues, i);
      gint64 index = ft_issue_get_example_index (issue);
      FtExample *example;
      GPtrArray *list;

      if (index < 0 || index >= examples->len)
        continue;

      example = g_ptr_array_index (examples, index);
      list = g_hash_table_lookup (self->extra, example);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->extra, g_object_ref (example), list);
        }
      g_ptr_array_add (list, g_object_ref (issue));
    }

  g_hash_table_remove_all (self->issue_examples);
  items = g_ptr_array_sized_new (issues->len);
  for (guint i = 0; i < issues->len; i++)
    {
      IssueEntry *entry = &g_array_index (issues, IssueEntry, i);

      g_ptr_array_add (items, entry->issue);
      if (entry->position >= 0)
        g_hash_table_insert (self->issue_examples,
                             g_object_ref (entry->issue),
                             g_object_ref (g_ptr_array_index (examples, entry->position)));
    }

  g_list_store_splice (self->issues, 0, g_list_model_get_n_items (G_LIST_MODEL (self->issues)),
                       items->pdata, items->len);
  set_summary (self, summary);
}

static void
apply_pass (FtDatasetChecker *self,
            Pass             *pass)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  for (guint i = 0; i < pass->to_check->len; i++)
    {
      guint position = g_array_index (pass->to_check, guint, i);
      FtExample *example = g_ptr_array_index (pass->examples, position);

      /* Edited again meanwhile: the next pass checks it. */
      if (!g_hash_table_contains (self->dirty, example))
        store_report (self, example, g_ptr_array_index (pass->reports, position));
    }

  if (self->method == FT_DATASET_METHOD_AUTO &&
      pass->to_check->len == pass->examples->len && pass->examples->len > 0)
    self->method = ft_validator_get_method (pass->validator);

  set_findings (self, pass->examples, pass->issues, pass->summary);
}

static gboolean
progress_cb (gpointer user_data)
{
  FtDatasetChecker *self = user_data;

  if (self->pass != NULL && self->pass->to_check->len > 0)
    set_progress (self, (double)g_atomic_int_get (&self->pass->n_done) / self->pass->to_check->len);

  return G_SOURCE_CONTINUE;
}

static void
pass_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FtDatasetChecker *self;
  Pass *pass = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean applied = FALSE;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Examples are released here, in the main thread. The checker may be
   * gone when the pass was cancelled: do not touch it then.
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&pass->examples, g_ptr_array_unref);
      return;
    }

  self = FT_DATASET_CHECKER (user_data);
  g_assert (self->pass == pass);
  self->pass = NULL;
  g_clear_object (&self->pass_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (!ok)
    {
      /* Only a broken build (no tokenizer data) gets here. */
      g_warning ("Could not check the dataset: %s", error->message);
    }
  else if (pass->generation == self->generation)
    {
      apply_pass (self, pass);
      applied = TRUE;
    }
  else
    {
      self->pass_again = TRUE;
    }

  g_clear_pointer (&pass->examples, g_ptr_array_unref);
  set_progress (self, 1.0);

  if (ok && (self->pass_again || g_hash_table_size (self->dirty) > 0))
    start_pass (self);

  update_state (self);

  if (applied)
    g_signal_emit (self, signals[CHECKED], 0);
}

static void
start_pass (FtDatasetChecker *self)
{
  g_autoptr(GTask) task = NULL;
  Pass *pass;
  guint n;

  g_assert (FT_IS_DATASET_CHECKER (self));

  g_clear_handle_id (&self->pass_timeout_id, g_source_remove);

  if (self->loading)
    return;

  if (self->pass != NULL || self->adopt_id != 0)
    {
      self->pass_again = TRUE;
      return;
    }

  self->pass_again = FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));
  pass = g_new0 (Pass, 1);
  pass->generation = self->generation;
  pass->snapshot = ft_dataset_snapshot (self->dataset);
  pass->examples = g_ptr_array_new_full (n, g_object_unref);
  pass->reports = g_ptr_array_new_full (n, (GDestroyNotify)ft_example_report_unref);
  pass->to_check = g_array_new (FALSE, FALSE, sizeof (guint));
  pass->validator = ft_validator_copy (self->validator);
  ft_validator_set_method (pass->validator, self->method);

  for (guint i = 0; i < n; i++)
    {
      FtExample *example = ft_dataset_peek_example (self->dataset, i);
      FtExampleReport *report = lookup_report (self, example);

      g_ptr_array_add (pass->examples, g_object_ref (example));

      if (report == NULL || g_hash_table_contains (self->dirty, example))
        {
          g_ptr_array_add (pass->reports, NULL);
          g_array_append_val (pass->to_check, i);
        }
      else
        {
          g_ptr_array_add (pass->reports, ft_example_report_ref (report));
        }
    }

  g_hash_table_remove_all (self->dirty);

  self->pass = pass;
  self->pass_cancellable = g_cancellable_new ();

  if (pass->to_check->len >= BIG_PASS)
    {
      set_progress (self, 0.0);
      self->progress_id = g_timeout_add (PROGRESS_MS, progress_cb, self);
    }

  g_debug ("Checking %u of %u examples", pass->to_check->len, n);

  /* Neither the task nor the callback holds the checker: disposing it
   * cancels the pass, and a cancelled pass does not touch it.
   */
  task = g_task_new (NULL, self->pass_cancellable, pass_done_cb, self);
  g_task_set_source_tag (task, start_pass);
  g_task_set_task_data (task, pass, (GDestroyNotify)pass_free);
  g_task_run_in_thread (task, pass_worker);

  update_state (self);
}

static gboolean
pass_timeout_cb (gpointer user_data)
{
  FtDatasetChecker *self = user_data;

  self->pass_timeout_id = 0;
  start_pass (self);
  update_state (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_pass (FtDatasetChecker *self)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  if (self->loading)
    return;

  if (self->pass != NULL || self->adopt_id != 0)
    {
      self->pass_again = TRUE;
      return;
    }

  /* Each edit restarts the delay, so typing never waits for a check. */
  g_clear_handle_id (&self->pass_timeout_id, g_source_remove);
  self->pass_timeout_id = g_timeout_add (self->delay, pass_timeout_cb, self);
  update_state (self);
}

static void
cancel_pass (FtDatasetChecker *self)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  g_clear_handle_id (&self->adopt_id, g_source_remove);
  g_clear_pointer (&self->adopt_examples, g_ptr_array_unref);
  g_clear_pointer (&self->adopt_reports, g_ptr_array_unref);

  g_clear_handle_id (&self->pass_timeout_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_cancellable_cancel (self->pass_cancellable);
  g_clear_object (&self->pass_cancellable);
  self->pass = NULL;
  self->pass_again = FALSE;
}

/* Checking a file while it loads */

/* Gives the examples their reports a few thousand at a time, so that the
 * main loop keeps drawing meanwhile.
 */
static gboolean
adopt_chunk_cb (gpointer user_data)
{
  FtDatasetChecker *self = user_data;
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_MILLISECOND;
  guint n = self->adopt_examples->len;

  while (self->adopt_next < n)
    {
      guint end = MIN (self->adopt_next + 256, n);

      for (guint i = self->adopt_next; i < end; i++)
        {
          FtExample *example = g_ptr_array_index (self->adopt_examples, i);

          /* Edited meanwhile: the next pass checks it. */
          if (!g_hash_table_contains (self->dirty, example))
            store_report (self, example, g_ptr_array_index (self->adopt_reports, i));
        }
      self->adopt_next = end;

      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  self->adopt_id = 0;
  g_clear_pointer (&self->adopt_examples, g_ptr_array_unref);
  g_clear_pointer (&self->adopt_reports, g_ptr_array_unref);

  if (self->pass_again || g_hash_table_size (self->dirty) > 0)
    start_pass (self);

  update_state (self);
  g_signal_emit (self, signals[CHECKED], 0);

  return G_SOURCE_REMOVE;
}

/* The file checked while it loaded is what the dataset holds: its summary
 * and findings are current as they are (indexes are positions), and the
 * reports go to the examples by position.
 */
static void
adopt_file_check (FtDatasetChecker    *self,
                  GPtrArray           *reports,
                  FtValidationSummary *summary)
{
  guint n = reports->len;
  GArray *issues;

  g_assert (FT_IS_DATASET_CHECKER (self));

  self->method = self->file_method;

  self->adopt_examples = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->adopt_examples,
                     g_object_ref (ft_dataset_peek_example (self->dataset, i)));
  self->adopt_reports = g_ptr_array_ref (reports);
  self->adopt_next = 0;

  issues = collect_issues (reports, summary);
  set_findings (self, self->adopt_examples, issues, summary);
  free_issues (issues);

  self->adopt_id = g_idle_add (adopt_chunk_cb, self);
  update_state (self);
}

static void
finish_load (FtDatasetChecker *self)
{
  g_autoptr(GPtrArray) reports = g_steal_pointer (&self->file_reports);
  g_autoptr(FtValidationSummary) summary = g_steal_pointer (&self->file_summary);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));

  g_assert (FT_IS_DATASET_CHECKER (self));

  if (reports != NULL && summary != NULL && !self->load_disturbed)
    {
      g_autoptr(GPtrArray) examples_reports = NULL;

      examples_reports = g_ptr_array_new_full (n, (GDestroyNotify)ft_example_report_unref);

      for (guint i = 0; i < reports->len; i++)
        {
          FtExampleReport *report = g_ptr_array_index (reports, i);

          if (ft_example_report_get_kind (report) != FT_LINE_KIND_BLANK)
            g_ptr_array_add (examples_reports, ft_example_report_ref (report));
        }

      /* Blank lines count in the summary's lines but are not examples. */
      if (examples_reports->len == n && ft_validation_summary_get_n_lines (summary) == n)
        {
          adopt_file_check (self, examples_reports, summary);
          return;
        }

      if (examples_reports->len == n)
        {
          /* The summary names file lines: only the reports are kept. */
          for (guint i = 0; i < n; i++)
            store_report (self, ft_dataset_peek_example (self->dataset, i),
                          g_ptr_array_index (examples_reports, i));
          self->method = self->file_method;
        }
      else
        {
          g_debug ("The file check saw %u examples, the dataset has %u",
                   examples_reports->len, n);
        }
    }

  start_pass (self);
  update_state (self);
}

static void
on_file_progress_cb (FtDatasetChecker *self,
                     guint64           bytes_read,
                     guint64           n_lines,
                     FtCheckPipeline  *pipeline)
{
  if (self->file_size > 0)
    set_progress (self, (double)bytes_read / self->file_size);
}

static void
file_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FtDatasetChecker *self = user_data;
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  summary = ft_check_pipeline_run_finish (FT_CHECK_PIPELINE (object), result, &reports, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->file_running = FALSE;
  g_clear_object (&self->file_cancellable);

  if (summary != NULL)
    {
      self->file_reports = g_steal_pointer (&reports);
      self->file_method = ft_validation_summary_get_method (summary);
      self->file_summary = g_steal_pointer (&summary);
    }
  else
    {
      /* The load reports its own errors; the examples get checked from
       * memory instead.
       */
      g_debug ("Could not check the file while loading: %s", error->message);
    }

  if (!self->loading)
    finish_load (self);

  update_state (self);
}

static void
file_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FtDatasetChecker *self = user_data;
  GFileInputStream *stream = G_FILE_INPUT_STREAM (object);
  g_autoptr(FtCheckPipeline) pipeline = NULL;
  g_autoptr(FtValidator) validator = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_input_stream_query_info_finish (stream, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without a size the check still runs, only without progress. */
  self->file_size = info != NULL ? (guint64)g_file_info_get_size (info) : 0;

  validator = ft_validator_copy (self->validator);
  ft_validator_set_method (validator, FT_DATASET_METHOD_AUTO);
  pipeline = ft_check_pipeline_new (validator);
  ft_check_pipeline_set_keep_reports (pipeline, TRUE);
  ft_check_pipeline_set_background (pipeline, TRUE);
  g_signal_connect_object (pipeline, "progress", G_CALLBACK (on_file_progress_cb), self,
                           G_CONNECT_SWAPPED);
  ft_check_pipeline_run_async (pipeline, G_INPUT_STREAM (stream), self->file_cancellable,
                               file_check_cb, self);
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FtDatasetChecker *self = user_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_read_finish (G_FILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stream == NULL)
    {
      self->file_running = FALSE;
      g_clear_object (&self->file_cancellable);
      if (!self->loading)
        finish_load (self);
      update_state (self);
      return;
    }

  g_file_input_stream_query_info_async (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                        G_PRIORITY_DEFAULT, self->file_cancellable,
                                        file_info_cb, self);
}

static void
cancel_file_check (FtDatasetChecker *self)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  g_clear_pointer (&self->file_reports, g_ptr_array_unref);
  g_clear_object (&self->file_summary);
  self->file_running = FALSE;
}

static void
start_file_check (FtDatasetChecker *self,
                  GFile            *file)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  self->file_running = TRUE;
  self->file_cancellable = g_cancellable_new ();
  set_progress (self, 0.0);
  /* As for passes, the callbacks do not hold the checker: disposing it
   * cancels the check first.
   */
  g_file_read_async (file, G_PRIORITY_DEFAULT, self->file_cancellable,
                     file_read_cb, self);
}

/* Following the dataset */

static void
forget_all (FtDatasetChecker *self)
{
  g_assert (FT_IS_DATASET_CHECKER (self));

  /* A new generation makes every kept report stale at once. */
  self->generation++;
  self->method = FT_DATASET_METHOD_AUTO;
  g_hash_table_remove_all (self->dirty);
}

static void
on_loading_changed_cb (FtDatasetChecker *self,
                       GParamSpec       *pspec,
                       FtDataset        *dataset)
{
  gboolean loading = ft_dataset_get_loading (dataset);

  if (loading == self->loading)
    return;

  if (loading)
    {
      GFile *file = ft_dataset_get_file (dataset);

      cancel_pass (self);
      cancel_file_check (self);
      forget_all (self);
      clear_findings (self);
      self->loading = TRUE;
      self->load_disturbed = FALSE;

      /* An import converts on the way, so only a plain load can be
       * checked from the file.
       */
      if (file != NULL)
        start_file_check (self, file);
    }
  else
    {
      self->loading = FALSE;
      if (!self->file_running)
        finish_load (self);
    }

  update_state (self);
}

static void
on_items_changed_cb (FtDatasetChecker *self,
                     guint             position,
                     guint             removed,
                     guint             added,
                     GListModel       *model)
{
  if (self->loading)
    {
      if (removed > 0 || position + added != g_list_model_get_n_items (model))
        self->load_disturbed = TRUE;
      return;
    }

  schedule_pass (self);
}

static void
on_example_changed_cb (FtDatasetChecker *self,
                       FtExample        *example,
                       FtDataset        *dataset)
{
  g_hash_table_add (self->dirty, g_object_ref (example));
  schedule_pass (self);
}

/* GObject */

static void
ft_dataset_checker_constructed (GObject *object)
{
  FtDatasetChecker *self = (FtDatasetChecker *)object;

  G_OBJECT_CLASS (ft_dataset_checker_parent_class)->constructed (object);

  g_return_if_fail (FT_IS_DATASET (self->dataset));

  g_signal_connect_object (self->dataset, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "example-changed",
                           G_CALLBACK (on_example_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "notify::loading",
                           G_CALLBACK (on_loading_changed_cb), self, G_CONNECT_SWAPPED);

  if (ft_dataset_get_loading (self->dataset))
    {
      /* Started too late to read the file alongside: check from memory. */
      self->loading = TRUE;
      self->load_disturbed = TRUE;
    }
  else
    {
      start_pass (self);
    }

  update_state (self);
}

static void
ft_dataset_checker_dispose (GObject *object)
{
  FtDatasetChecker *self = (FtDatasetChecker *)object;

  cancel_pass (self);
  cancel_file_check (self);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_clear_object (&self->dataset);

  g_hash_table_remove_all (self->dirty);
  g_hash_table_remove_all (self->extra);
  g_hash_table_remove_all (self->issue_examples);
  g_list_store_remove_all (self->issues);

  G_OBJECT_CLASS (ft_dataset_checker_parent_class)->dispose (object);
}

static void
ft_dataset_checker_finalize (GObject *object)
{
  FtDatasetChecker *self = (FtDatasetChecker *)object;

  g_clear_object (&self->validator);
  g_clear_object (&self->summary);
  g_clear_object (&self->issues);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->extra, g_hash_table_unref);
  g_clear_pointer (&self->issue_examples, g_hash_table_unref);

  G_OBJECT_CLASS (ft_dataset_checker_parent_class)->finalize (object);
}

static void
ft_dataset_checker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FtDatasetChecker *self = FT_DATASET_CHECKER (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_MODEL:
      g_value_set_string (value, ft_dataset_checker_get_model (self));
      break;

    case PROP_FALLBACK_ENCODING:
      g_value_set_uint (value, self->fallback_encoding);
      break;

    case PROP_ENCODING:
      g_value_set_uint (value, ft_dataset_checker_get_encoding (self));
      break;

    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_dataset_checker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FtDatasetChecker *self = FT_DATASET_CHECKER (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;

    case PROP_MODEL:
      ft_dataset_checker_set_model (self, g_value_get_string (value));
      break;

    case PROP_FALLBACK_ENCODING:
      ft_dataset_checker_set_fallback_encoding (self, g_value_get_uint (value));
      break;

    case PROP_DELAY:
      ft_dataset_checker_set_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_dataset_checker_class_init (FtDatasetCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ft_dataset_checker_constructed;
  object_class->dispose = ft_dataset_checker_dispose;
  object_class->finalize = ft_dataset_checker_finalize;
  object_class->get_property = ft_dataset_checker_get_property;
  object_class->set_property = ft_dataset_checker_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FT_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:model:
   *
   * The base model to check for (its token limit and encoding), or %NULL
   * for the notebook's defaults. Changing it checks everything again.
   */
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:fallback-encoding:
   *
   * The #FtEncoding to count with when the model's is not known.
   */
  properties[PROP_FALLBACK_ENCODING] =
    g_param_spec_uint ("fallback-encoding", NULL, NULL,
                       FT_ENCODING_CL100K_BASE, FT_ENCODING_O200K_BASE, FT_ENCODING_O200K_BASE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:encoding:
   *
   * The #FtEncoding tokens are counted with.
   */
  properties[PROP_ENCODING] =
    g_param_spec_uint ("encoding", NULL, NULL,
                       FT_ENCODING_CL100K_BASE, FT_ENCODING_O200K_BASE, FT_ENCODING_CL100K_BASE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:delay:
   *
   * How long after the last edit the edited examples are checked, in
   * milliseconds.
   */
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL,
                       0, 60000, DEFAULT_DELAY_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:busy:
   *
   * Whether a check is running or about to run.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:checking:
   *
   * Whether a check is running that is long enough to show its
   * #FtDatasetChecker:progress (a whole file, or many examples).
   */
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 1.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDatasetChecker:summary:
   *
   * The dataset-level result of the last check: counts, tokens, epochs.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL,
                         FT_TYPE_VALIDATION_SUMMARY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtDatasetChecker::checked:
   * @self: a #FtDatasetChecker
   *
   * Emitted after each check: reports, findings and the summary are new.
   */
  signals[CHECKED] =
    g_signal_new ("checked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
ft_dataset_checker_init (FtDatasetChecker *self)
{
  self->id = g_atomic_int_add (&last_id, 1) + 1;
  self->delay = DEFAULT_DELAY_MS;
  self->progress = 1.0;
  self->method = FT_DATASET_METHOD_AUTO;
  self->fallback_encoding = FT_ENCODING_O200K_BASE;
  self->validator = ft_validator_new ();
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->extra = g_hash_table_new_full (NULL,
                                       NULL,
                                       g_object_unref,
                                       (GDestroyNotify)g_ptr_array_unref);
  self->issue_examples = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->issues = g_list_store_new (FT_TYPE_ISSUE);
}

/* Public API */

/**
 * ft_dataset_checker_new:
 * @dataset: the dataset to keep checked
 *
 * Creates a checker that follows @dataset: it checks the whole dataset
 * when a file loads and then the examples that are added or edited.
 *
 * Returns: (transfer full): a new #FtDatasetChecker
 */
FtDatasetChecker *
ft_dataset_checker_new (FtDataset *dataset)
{
  g_return_val_if_fail (FT_IS_DATASET (dataset), NULL);

  return g_object_new (FT_TYPE_DATASET_CHECKER, "dataset", dataset, NULL);
}

/**
 * ft_dataset_checker_get_dataset:
 * @self: a #FtDatasetChecker
 *
 * Returns: (transfer none): the dataset
 */
FtDataset *
ft_dataset_checker_get_dataset (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);

  return self->dataset;
}

/**
 * ft_dataset_checker_get_model:
 * @self: a #FtDatasetChecker
 *
 * Returns: (nullable): the base model checked for
 */
const char *
ft_dataset_checker_get_model (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);

  return ft_validator_get_model (self->validator);
}

static void
update_encoding (FtDatasetChecker *self)
{
  const char *model = ft_validator_get_model (self->validator);
  FtEncoding encoding;

  g_assert (FT_IS_DATASET_CHECKER (self));

  if (model != NULL && ft_encoding_lookup_model (model, &encoding))
    ft_validator_reset_encoding (self->validator);
  else
    ft_validator_set_encoding (self->validator, self->fallback_encoding);
}

/**
 * ft_dataset_checker_set_model:
 * @self: a #FtDatasetChecker
 * @model: (nullable): a base model
 *
 * Sets the model to check for; its token limit and encoding apply.
 */
void
ft_dataset_checker_set_model (FtDatasetChecker *self,
                              const char       *model)
{
  g_return_if_fail (FT_IS_DATASET_CHECKER (self));

  if (g_strcmp0 (model, ft_validator_get_model (self->validator)) == 0)
    return;

  ft_validator_set_model (self->validator, model);
  update_encoding (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
  ft_dataset_checker_check_all (self);
}

/**
 * ft_dataset_checker_get_fallback_encoding:
 * @self: a #FtDatasetChecker
 *
 * Returns: the encoding used for models whose encoding is not known
 */
FtEncoding
ft_dataset_checker_get_fallback_encoding (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), FT_ENCODING_O200K_BASE);

  return self->fallback_encoding;
}

/**
 * ft_dataset_checker_set_fallback_encoding:
 * @self: a #FtDatasetChecker
 * @encoding: the encoding for models whose encoding is not known
 */
void
ft_dataset_checker_set_fallback_encoding (FtDatasetChecker *self,
                                          FtEncoding        encoding)
{
  FtEncoding old;

  g_return_if_fail (FT_IS_DATASET_CHECKER (self));
  g_return_if_fail (encoding <= FT_ENCODING_O200K_BASE);

  if (self->fallback_encoding == encoding)
    return;

  old = ft_validator_get_encoding (self->validator);
  self->fallback_encoding = encoding;

  update_encoding (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FALLBACK_ENCODING]);

  if (old != ft_validator_get_encoding (self->validator))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
      ft_dataset_checker_check_all (self);
    }
}

/**
 * ft_dataset_checker_get_encoding:
 * @self: a #FtDatasetChecker
 *
 * Returns: the encoding tokens are counted with
 */
FtEncoding
ft_dataset_checker_get_encoding (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), FT_ENCODING_CL100K_BASE);

  return ft_validator_get_encoding (self->validator);
}

/**
 * ft_dataset_checker_get_delay:
 * @self: a #FtDatasetChecker
 *
 * Returns: see #FtDatasetChecker:delay
 */
guint
ft_dataset_checker_get_delay (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), 0);

  return self->delay;
}

/**
 * ft_dataset_checker_set_delay:
 * @self: a #FtDatasetChecker
 * @delay_ms: milliseconds between the last edit and the check
 */
void
ft_dataset_checker_set_delay (FtDatasetChecker *self,
                              guint             delay_ms)
{
  g_return_if_fail (FT_IS_DATASET_CHECKER (self));

  if (self->delay == delay_ms)
    return;

  self->delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

/**
 * ft_dataset_checker_get_busy:
 * @self: a #FtDatasetChecker
 *
 * Returns: whether a check is running or scheduled
 */
gboolean
ft_dataset_checker_get_busy (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), FALSE);

  return self->busy;
}

/**
 * ft_dataset_checker_get_checking:
 * @self: a #FtDatasetChecker
 *
 * Returns: see #FtDatasetChecker:checking
 */
gboolean
ft_dataset_checker_get_checking (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), FALSE);

  return self->checking;
}

/**
 * ft_dataset_checker_get_progress:
 * @self: a #FtDatasetChecker
 *
 * Returns: how far a long check is, from 0 to 1
 */
double
ft_dataset_checker_get_progress (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), 1.0);

  return self->progress;
}

/**
 * ft_dataset_checker_get_summary:
 * @self: a #FtDatasetChecker
 *
 * Returns: (transfer none) (nullable): the summary of the last check
 */
FtValidationSummary *
ft_dataset_checker_get_summary (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);

  return self->summary;
}

/**
 * ft_dataset_checker_get_issues:
 * @self: a #FtDatasetChecker
 *
 * Every finding of the last check: the examples' own and the
 * dataset-level ones, errors first, then warnings, then notes, each in
 * example order. Use ft_dataset_checker_get_issue_example() to find the
 * example a finding is about.
 *
 * Returns: (transfer none): a #GListModel of #FtIssue
 */
GListModel *
ft_dataset_checker_get_issues (FtDatasetChecker *self)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);

  return G_LIST_MODEL (self->issues);
}

/**
 * ft_dataset_checker_get_report:
 * @self: a #FtDatasetChecker
 * @example: an example of the dataset
 *
 * Returns: (transfer none) (nullable): the report of the last check of
 *   @example (which an edit since makes stale until the next check), or
 *   %NULL when it has not been checked yet
 */
FtExampleReport *
ft_dataset_checker_get_report (FtDatasetChecker *self,
                               FtExample        *example)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);
  g_return_val_if_fail (FT_IS_EXAMPLE (example), NULL);

  return lookup_report (self, example);
}

/**
 * ft_dataset_checker_count_issues:
 * @self: a #FtDatasetChecker
 * @example: an example of the dataset
 * @severity: a severity
 *
 * Returns: how many findings with @severity @example has, its own and
 *   the dataset-level ones (duplicates)
 */
guint
ft_dataset_checker_count_issues (FtDatasetChecker *self,
                                 FtExample        *example,
                                 FtIssueSeverity   severity)
{
  FtExampleReport *report;
  GPtrArray *extra;
  guint count = 0;

  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), 0);
  g_return_val_if_fail (FT_IS_EXAMPLE (example), 0);

  report = lookup_report (self, example);
  if (report != NULL)
    count += ft_example_report_count_issues (report, severity);

  extra = g_hash_table_lookup (self->extra, example);
  for (guint i = 0; extra != NULL && i < extra->len; i++)
    {
      if (ft_issue_get_severity (g_ptr_array_index (extra, i)) == severity)
        count++;
    }

  return count;
}

/**
 * ft_dataset_checker_dup_example_issues:
 * @self: a #FtDatasetChecker
 * @example: an example of the dataset
 *
 * Returns: (transfer full): a #GListModel of the #FtIssue findings about
 *   @example, its own first
 */
GListModel *
ft_dataset_checker_dup_example_issues (FtDatasetChecker *self,
                                       FtExample        *example)
{
  GListStore *store;
  FtExampleReport *report;
  GPtrArray *extra;

  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);
  g_return_val_if_fail (FT_IS_EXAMPLE (example), NULL);

  store = g_list_store_new (FT_TYPE_ISSUE);

  report = lookup_report (self, example);
  for (guint i = 0; report != NULL && i < ft_example_report_get_n_issues (report); i++)
    g_list_store_append (store, ft_example_report_get_issue (report, i));

  extra = g_hash_table_lookup (self->extra, example);
  for (guint i = 0; extra != NULL && i < extra->len; i++)
    g_list_store_append (store, g_ptr_array_index (extra, i));

  return G_LIST_MODEL (store);
}

/**
 * ft_dataset_checker_get_issue_example:
 * @self: a #FtDatasetChecker
 * @issue: a finding from ft_dataset_checker_get_issues()
 *
 * Returns: (transfer none) (nullable): the example @issue is about, or
 *   %NULL for a finding about the whole file
 */
FtExample *
ft_dataset_checker_get_issue_example (FtDatasetChecker *self,
                                      FtIssue          *issue)
{
  g_return_val_if_fail (FT_IS_DATASET_CHECKER (self), NULL);
  g_return_val_if_fail (FT_IS_ISSUE (issue), NULL);

  return g_hash_table_lookup (self->issue_examples, issue);
}

/**
 * ft_dataset_checker_check_all:
 * @self: a #FtDatasetChecker
 *
 * Forgets every report and checks the whole dataset again.
 */
void
ft_dataset_checker_check_all (FtDatasetChecker *self)
{
  g_return_if_fail (FT_IS_DATASET_CHECKER (self));

  forget_all (self);

  if (self->loading)
    {
      /* The file check used the old settings. */
      cancel_file_check (self);
      self->load_disturbed = TRUE;
      update_state (self);
      return;
    }

  g_clear_handle_id (&self->pass_timeout_id, g_source_remove);
  start_pass (self);
  update_state (self);
}

/**
 * ft_dataset_checker_flush:
 * @self: a #FtDatasetChecker
 *
 * Starts a scheduled check now instead of after #FtDatasetChecker:delay
 * (before saving, say, or in tests).
 */
void
ft_dataset_checker_flush (FtDatasetChecker *self)
{
  g_return_if_fail (FT_IS_DATASET_CHECKER (self));

  if (self->pass_timeout_id != 0)
    {
      start_pass (self);
      update_state (self);
    }
}
