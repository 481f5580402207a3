/* ft-bulk.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-bulk"

#include "config.h"

#include "ft-bulk.h"

#include "ft-error.h"
#include "ft-jsonl-writer.h"
#include "ft-search.h"
#include "ft-split.h"

#include <glib/gi18n-lib.h>

/* Changes to many examples at once (the system prompt of all of them,
 * find and replace, duplicates, a train/validation split), computed in a
 * worker thread from a snapshot. Each example is turned into a private
 * FtExample, changed through the model (so that unknown keys and exact
 * values survive), and its new line is handed back; the caller applies
 * the lines on the main thread as one undoable step.
 */

struct _FtBulkResult
{
  gatomicrefcount  ref_count;
  GArray          *indexes;   /* guint */
  GPtrArray       *texts;     /* char * */
  guint64          n_replaced;
};

G_DEFINE_BOXED_TYPE (FtBulkResult, ft_bulk_result, ft_bulk_result_ref, ft_bulk_result_unref)

static FtBulkResult *
bulk_result_new (void)
{
  FtBulkResult *self = g_new0 (FtBulkResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->texts = g_ptr_array_new_with_free_func (g_free);

  return self;
}

static void
bulk_result_add (FtBulkResult *self,
                 guint         index,
                 FtExample    *example)
{
  g_autoptr(GBytes) bytes = ft_example_get_bytes (example);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_array_append_val (self->indexes, index);
  g_ptr_array_add (self->texts, g_strndup (data, length));
}

/**
 * ft_bulk_result_ref:
 * @self: a #FtBulkResult
 *
 * Returns: (transfer full): @self
 */
FtBulkResult *
ft_bulk_result_ref (FtBulkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_bulk_result_unref:
 * @self: (transfer full): a #FtBulkResult
 */
void
ft_bulk_result_unref (FtBulkResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->indexes);
      g_ptr_array_unref (self->texts);
      g_free (self);
    }
}

/**
 * ft_bulk_result_get_n_changed:
 * @self: a #FtBulkResult
 *
 * Returns: how many examples change
 */
guint
ft_bulk_result_get_n_changed (FtBulkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->indexes->len;
}

/**
 * ft_bulk_result_get_index:
 * @self: a #FtBulkResult
 * @position: a position below ft_bulk_result_get_n_changed()
 *
 * Returns: the index (in the snapshot) of the @position-th changed example
 */
guint
ft_bulk_result_get_index (FtBulkResult *self,
                          guint         position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->indexes->len, 0);

  return g_array_index (self->indexes, guint, position);
}

/**
 * ft_bulk_result_get_text:
 * @self: a #FtBulkResult
 * @position: a position below ft_bulk_result_get_n_changed()
 *
 * Returns: the new line of the @position-th changed example, for
 *   ft_example_set_text()
 */
const char *
ft_bulk_result_get_text (FtBulkResult *self,
                         guint         position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->texts->len, NULL);

  return g_ptr_array_index (self->texts, position);
}

/**
 * ft_bulk_result_get_n_replaced:
 * @self: a #FtBulkResult
 *
 * Returns: for find and replace, how many occurrences were (or, when only
 *   counting, would be) replaced
 */
guint64
ft_bulk_result_get_n_replaced (FtBulkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_replaced;
}

/* Walking examples */

typedef gboolean (*EditFunc) (FtExample *example,
                              gpointer   user_data,
                              guint64   *n_replaced);

static FtBulkResult *
edit_examples (FtDatasetSnapshot  *snapshot,
               const guint        *indexes,
               guint               n_indexes,
               EditFunc            func,
               gpointer            user_data,
               gboolean            keep_texts,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(FtBulkResult) result = bulk_result_new ();
  guint n = indexes != NULL ? n_indexes : ft_dataset_snapshot_get_n_examples (snapshot);

  for (guint i = 0; i < n; i++)
    {
      guint index = indexes != NULL ? indexes[i] : i;
      g_autoptr(FtExample) example = NULL;
      GBytes *bytes;
      gsize length;
      const char *data;

      if ((i & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (index >= ft_dataset_snapshot_get_n_examples (snapshot))
        continue;

      bytes = ft_dataset_snapshot_get_bytes (snapshot, index);
      data = g_bytes_get_data (bytes, &length);
      example = ft_example_new_from_text (data != NULL ? data : "", length);

      /* A broken line is fixed by hand, never rewritten. */
      if (ft_example_get_broken (example))
        continue;

      if (func (example, user_data, &result->n_replaced))
        {
          if (keep_texts)
            bulk_result_add (result, index, example);
          else
            g_array_append_val (result->indexes, index);
        }
    }

  return g_steal_pointer (&result);
}

static gboolean
set_system_prompt (FtExample *example,
                   gpointer   user_data,
                   guint64   *n_replaced)
{
  const char *prompt = user_data;
  GListModel *messages;
  g_autoptr(FtMessage) first = NULL;
  g_autoptr(FtMessage) system = NULL;
  FtRole role;

  if (ft_example_get_kind (example) != FT_EXAMPLE_KIND_CHAT &&
      ft_example_get_kind (example) != FT_EXAMPLE_KIND_PREFERENCE)
    return FALSE;

  messages = ft_example_get_messages (example);
  first = g_list_model_get_n_items (messages) > 0 ? g_list_model_get_item (messages, 0) : NULL;
  role = first != NULL ? ft_message_get_role_kind (first) : FT_ROLE_UNKNOWN;

  if (role == FT_ROLE_SYSTEM || role == FT_ROLE_DEVELOPER)
    {
      if (ft_message_get_content_kind (first) == FT_CONTENT_STRING &&
          g_strcmp0 (ft_message_get_content (first), prompt) == 0)
        return FALSE;

      ft_message_set_content (first, prompt);
      return TRUE;
    }

  system = ft_message_new (FT_ROLE_SYSTEM, prompt);
  ft_example_insert_message (example, FT_MESSAGE_LIST_MESSAGES, 0, system);

  return TRUE;
}

/**
 * ft_bulk_set_system_prompt:
 * @snapshot: the dataset as it is
 * @indexes: (array length=n_indexes) (nullable): the examples to change,
 *   or %NULL for all
 * @n_indexes: the number of @indexes
 * @prompt: the system prompt
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gives each example @prompt as its system prompt: the first message's
 * text when it is a system (or developer) message, otherwise a new first
 * message. Examples that already have it, and broken lines, stay as they
 * are.
 *
 * Returns: (transfer full): the changed examples, or %NULL when cancelled
 */
FtBulkResult *
ft_bulk_set_system_prompt (FtDatasetSnapshot  *snapshot,
                           const guint        *indexes,
                           guint               n_indexes,
                           const char         *prompt,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (prompt != NULL, NULL);

  return edit_examples (snapshot, indexes, n_indexes, set_system_prompt, (gpointer)prompt,
                        TRUE, cancellable, error);
}

typedef struct
{
  const char *find;
  const char *replacement;
  gboolean    count_only;
} Replace;

static gboolean
replace_in_message (FtMessage     *message,
                    const Replace *replace,
                    guint64       *n_replaced)
{
  gboolean changed = FALSE;

  if (ft_message_get_content_kind (message) == FT_CONTENT_STRING)
    {
      const char *content = ft_message_get_content (message);
      guint count = ft_search_count (content, -1, replace->find);

      if (count > 0)
        {
          *n_replaced += count;
          changed = TRUE;

          if (!replace->count_only)
            {
              g_autofree char *text = ft_search_replace (content, replace->find,
                                                         replace->replacement, NULL);

              ft_message_set_content (message, text);
            }
        }
    }
  else if (ft_message_get_content_kind (message) == FT_CONTENT_PARTS)
    {
      for (guint i = 0; i < ft_message_get_n_parts (message); i++)
        {
          g_autofree char *part = NULL;
          guint count;

          if (ft_message_get_part_kind (message, i) != FT_PART_TEXT)
            continue;

          part = ft_message_dup_part_text (message, i);
          count = part != NULL ? ft_search_count (part, -1, replace->find) : 0;
          if (count == 0)
            continue;

          *n_replaced += count;
          changed = TRUE;

          if (!replace->count_only)
            {
              g_autofree char *text = ft_search_replace (part, replace->find,
                                                         replace->replacement, NULL);

              ft_message_set_part_text (message, i, text);
            }
        }
    }

  return changed;
}

static gboolean
replace_text (FtExample *example,
              gpointer   user_data,
              guint64   *n_replaced)
{
  const Replace *replace = user_data;
  gboolean changed = FALSE;

  for (FtMessageList list = FT_MESSAGE_LIST_MESSAGES; list <= FT_MESSAGE_LIST_NON_PREFERRED; list++)
    {
      GListModel *messages = ft_example_get_message_list (example, list);

      for (guint i = 0; messages != NULL && i < g_list_model_get_n_items (messages); i++)
        {
          g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);

          changed |= replace_in_message (message, replace, n_replaced);
        }
    }

  return changed;
}

/**
 * ft_bulk_replace:
 * @snapshot: the dataset as it is
 * @indexes: (array length=n_indexes) (nullable): the examples to change,
 *   or %NULL for all
 * @n_indexes: the number of @indexes
 * @find: the text to look for, ignoring case as a search does
 * @replacement: what to put in its place
 * @count_only: only count, for a preview; the result then has the
 *   indexes but no texts
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces @find in the text of every message (contents and text parts;
 * tool calls and other keys are left alone).
 *
 * Returns: (transfer full): the changed examples, or %NULL when cancelled
 */
FtBulkResult *
ft_bulk_replace (FtDatasetSnapshot  *snapshot,
                 const guint        *indexes,
                 guint               n_indexes,
                 const char         *find,
                 const char         *replacement,
                 gboolean            count_only,
                 GCancellable       *cancellable,
                 GError            **error)
{
  Replace replace = { find, replacement != NULL ? replacement : "", count_only };

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (find != NULL, NULL);

  return edit_examples (snapshot, indexes, n_indexes, replace_text, &replace,
                        !count_only, cancellable, error);
}

/**
 * ft_bulk_find_duplicates:
 * @snapshot: the dataset as it is
 * @mode: exact copies only, or near copies too
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint): the indexes of the
 *   examples that repeat an earlier one, in order (the first of each group
 *   is kept), or %NULL when cancelled
 */
GArray *
ft_bulk_find_duplicates (FtDatasetSnapshot  *snapshot,
                         FtDuplicateMode     mode,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(FtDuplicateFinder) finder = ft_duplicate_finder_new (mode);
  g_autoptr(GArray) duplicates = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;

  g_return_val_if_fail (snapshot != NULL, NULL);

  n = ft_dataset_snapshot_get_n_examples (snapshot);
  for (guint i = 0; i < n; i++)
    {
      GBytes *bytes = ft_dataset_snapshot_get_bytes (snapshot, i);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if ((i & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (ft_duplicate_finder_add (finder, data != NULL ? data : "", length, i + 1) != 0)
        g_array_append_val (duplicates, i);
    }

  return g_steal_pointer (&duplicates);
}

/**
 * ft_bulk_split:
 * @snapshot: the dataset as it is
 * @fraction: the share of validation examples, 0 < @fraction < 1
 * @seed: the seed of the random choice (the same seed, the same split)
 * @train: where to write the training examples
 * @validation: where to write the validation examples
 * @n_train: (out) (optional): how many went to @train
 * @n_validation: (out) (optional): how many went to @validation
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a random share of the examples to @validation and the others to
 * @train, both atomically, as ft_split_dataset() would.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_bulk_split (FtDatasetSnapshot  *snapshot,
               double              fraction,
               guint64             seed,
               GFile              *train,
               GFile              *validation,
               guint              *n_train,
               guint              *n_validation,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(FtJsonlWriter) train_writer = NULL;
  g_autoptr(FtJsonlWriter) validation_writer = NULL;
  g_autofree guint8 *plan = NULL;
  guint n;
  guint k = 0;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (fraction > 0 && fraction < 1, FALSE);
  g_return_val_if_fail (G_IS_FILE (train), FALSE);
  g_return_val_if_fail (G_IS_FILE (validation), FALSE);

  n = ft_dataset_snapshot_get_n_examples (snapshot);
  if (n < 2)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   ngettext ("There is %u example; splitting needs at least 2",
                             "There are %u examples; splitting needs at least 2", n),
                   n);
      return FALSE;
    }

  plan = ft_split_plan (n, fraction, seed, &k);

  train_writer = ft_jsonl_writer_new (train, error);
  if (train_writer == NULL)
    return FALSE;
  validation_writer = ft_jsonl_writer_new (validation, error);
  if (validation_writer == NULL)
    {
      ft_jsonl_writer_abort (train_writer);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      FtJsonlWriter *writer = plan[i] ? validation_writer : train_writer;

      if (!ft_jsonl_writer_write_bytes (writer, ft_dataset_snapshot_get_bytes (snapshot, i),
                                        cancellable, error))
        {
          ft_jsonl_writer_abort (train_writer);
          ft_jsonl_writer_abort (validation_writer);
          return FALSE;
        }
    }

  if (!ft_jsonl_writer_commit (validation_writer, cancellable, error))
    {
      ft_jsonl_writer_abort (train_writer);
      return FALSE;
    }
  if (!ft_jsonl_writer_commit (train_writer, cancellable, error))
    return FALSE;

  if (n_train != NULL)
    *n_train = n - k;
  if (n_validation != NULL)
    *n_validation = k;

  return TRUE;
}

/* Async */

typedef enum
{
  JOB_SYSTEM_PROMPT,
  JOB_REPLACE,
  JOB_DUPLICATES,
  JOB_SPLIT,
} JobKind;

typedef struct
{
  JobKind            kind;
  FtDatasetSnapshot *snapshot;
  GArray            *indexes;       /* guint, or NULL for all */
  char              *text;
  char              *replacement;
  gboolean           count_only;
  FtDuplicateMode    mode;
  double             fraction;
  guint64            seed;
  GFile             *train;
  GFile             *validation;
  guint              n_train;
  guint              n_validation;
} Job;

static void
job_free (Job *job)
{
  ft_dataset_snapshot_unref (job->snapshot);
  g_clear_pointer (&job->indexes, g_array_unref);
  g_free (job->text);
  g_free (job->replacement);
  g_clear_object (&job->train);
  g_clear_object (&job->validation);
  g_free (job);
}

static void
job_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  const guint *indexes = job->indexes != NULL ? (const guint *)job->indexes->data : NULL;
  guint n_indexes = job->indexes != NULL ? job->indexes->len : 0;

  switch (job->kind)
    {
    case JOB_SYSTEM_PROMPT:
    case JOB_REPLACE:
      {
        FtBulkResult *result;

        if (job->kind == JOB_SYSTEM_PROMPT)
          result = ft_bulk_set_system_prompt (job->snapshot, indexes, n_indexes, job->text,
                                              cancellable, &error);
        else
          result = ft_bulk_replace (job->snapshot, indexes, n_indexes, job->text,
                                    job->replacement, job->count_only, cancellable, &error);

        if (result == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, result, (GDestroyNotify)ft_bulk_result_unref);
      }
      break;

    case JOB_DUPLICATES:
      {
        GArray *duplicates = ft_bulk_find_duplicates (job->snapshot,
                                                      job->mode,
                                                      cancellable,
                                                      &error);

        if (duplicates == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, duplicates, (GDestroyNotify)g_array_unref);
      }
      break;

    case JOB_SPLIT:
      if (ft_bulk_split (job->snapshot, job->fraction, job->seed, job->train, job->validation,
                         &job->n_train, &job->n_validation, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static Job *
job_new (JobKind            kind,
         FtDatasetSnapshot *snapshot,
         const guint       *indexes,
         guint              n_indexes)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->snapshot = ft_dataset_snapshot_ref (snapshot);
  if (indexes != NULL)
    {
      job->indexes = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_indexes);
      g_array_append_vals (job->indexes, indexes, n_indexes);
    }

  return job;
}

static void
run_job (Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, job_worker);
}

/**
 * ft_bulk_set_system_prompt_async:
 * @snapshot: the dataset as it is
 * @indexes: (array length=n_indexes) (nullable): the examples, or %NULL
 * @n_indexes: the number of @indexes
 * @prompt: the system prompt
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with ft_bulk_edit_finish()
 * @user_data: data for @callback
 *
 * Like ft_bulk_set_system_prompt(), in a worker thread.
 */
void
ft_bulk_set_system_prompt_async (FtDatasetSnapshot   *snapshot,
                                 const guint         *indexes,
                                 guint                n_indexes,
                                 const char          *prompt,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (prompt != NULL);

  job = job_new (JOB_SYSTEM_PROMPT, snapshot, indexes, n_indexes);
  job->text = g_strdup (prompt);
  run_job (job, ft_bulk_edit_finish, cancellable, callback, user_data);
}

/**
 * ft_bulk_replace_async:
 * @snapshot: the dataset as it is
 * @indexes: (array length=n_indexes) (nullable): the examples, or %NULL
 * @n_indexes: the number of @indexes
 * @find: the text to look for
 * @replacement: what to put in its place
 * @count_only: only count
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with ft_bulk_edit_finish()
 * @user_data: data for @callback
 *
 * Like ft_bulk_replace(), in a worker thread.
 */
void
ft_bulk_replace_async (FtDatasetSnapshot   *snapshot,
                       const guint         *indexes,
                       guint                n_indexes,
                       const char          *find,
                       const char          *replacement,
                       gboolean             count_only,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Job *job;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (find != NULL);

  job = job_new (JOB_REPLACE, snapshot, indexes, n_indexes);
  job->text = g_strdup (find);
  job->replacement = g_strdup (replacement != NULL ? replacement : "");
  job->count_only = count_only;
  run_job (job, ft_bulk_edit_finish, cancellable, callback, user_data);
}

/**
 * ft_bulk_edit_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the changed examples, or %NULL with @error set
 */
FtBulkResult *
ft_bulk_edit_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_bulk_edit_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ft_bulk_find_duplicates_async:
 * @snapshot: the dataset as it is
 * @mode: exact copies only, or near copies too
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Like ft_bulk_find_duplicates(), in a worker thread.
 */
void
ft_bulk_find_duplicates_async (FtDatasetSnapshot   *snapshot,
                               FtDuplicateMode      mode,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (snapshot != NULL);

  job = job_new (JOB_DUPLICATES, snapshot, NULL, 0);
  job->mode = mode;
  run_job (job, ft_bulk_find_duplicates_async, cancellable, callback, user_data);
}

/**
 * ft_bulk_find_duplicates_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint): the indexes of the
 *   repeated examples, or %NULL with @error set
 */
GArray *
ft_bulk_find_duplicates_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_bulk_find_duplicates_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ft_bulk_split_async:
 * @snapshot: the dataset as it is
 * @fraction: the share of validation examples
 * @seed: the seed
 * @train: where to write the training examples
 * @validation: where to write the validation examples
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Like ft_bulk_split(), in a worker thread.
 */
void
ft_bulk_split_async (FtDatasetSnapshot   *snapshot,
                     double               fraction,
                     guint64              seed,
                     GFile               *train,
                     GFile               *validation,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Job *job;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (G_IS_FILE (train));
  g_return_if_fail (G_IS_FILE (validation));

  job = job_new (JOB_SPLIT, snapshot, NULL, 0);
  job->fraction = fraction;
  job->seed = seed;
  job->train = g_object_ref (train);
  job->validation = g_object_ref (validation);
  run_job (job, ft_bulk_split_async, cancellable, callback, user_data);
}

/**
 * ft_bulk_split_finish:
 * @result: the result
 * @n_train: (out) (optional): how many went to the training file
 * @n_validation: (out) (optional): how many went to the validation file
 * @error: return location for a #GError
 *
 * Returns: %TRUE when both files were written
 */
gboolean
ft_bulk_split_finish (GAsyncResult  *result,
                      guint         *n_train,
                      guint         *n_validation,
                      GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_bulk_split_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (n_train != NULL)
    *n_train = job->n_train;
  if (n_validation != NULL)
    *n_validation = job->n_validation;

  return TRUE;
}
