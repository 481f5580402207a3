/* ft-dataset.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-dataset"

#include "config.h"

#include "ft-dataset.h"

#include "ft-dataset-private.h"
#include "ft-error.h"
#include "ft-import.h"
#include "ft-jsonl-reader.h"
#include "ft-jsonl-writer.h"
#include "ft-thread.h"

#include <glib/gi18n-lib.h>

/* Loading hands examples to the main thread in batches: the first one as
 * soon as FIRST_BATCH examples are read, so the first rows show at once,
 * then one every BATCH_INTERVAL so that the main loop never has much to do
 * at a time.
 */
#define FIRST_BATCH     100
#define BATCH_INTERVAL  (50 * G_TIME_SPAN_MILLISECOND)
#define MAX_BATCH       50000

struct _FtDatasetSnapshot
{
  gatomicrefcount  ref_count;
  GPtrArray       *lines;         /* GBytes */
  GArray          *source_lines;  /* guint64 */
};

struct _FtDataset
{
  GObject        parent_instance;

  GPtrArray     *examples;
  GFile         *file;

  guint64        bytes_loaded;
  guint64        bytes_total;
  guint64        change_serial;

  guint          n_chat;
  guint          n_chat_with_assistant;
  guint          n_preference;
  guint          n_prompt;

  FtDatasetKind  kind;
  guint          modified : 1;
  guint          loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FtDataset, ft_dataset, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_BOXED_TYPE (FtDatasetSnapshot, ft_dataset_snapshot,
                     ft_dataset_snapshot_ref, ft_dataset_snapshot_unref)

G_DEFINE_ENUM_TYPE (FtDatasetKind, ft_dataset_kind,
  G_DEFINE_ENUM_VALUE (FT_DATASET_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (FT_DATASET_KIND_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (FT_DATASET_KIND_PREFERENCE, "preference"),
  G_DEFINE_ENUM_VALUE (FT_DATASET_KIND_REINFORCEMENT, "reinforcement"),
  G_DEFINE_ENUM_VALUE (FT_DATASET_KIND_PROMPT_COMPLETION, "prompt-completion"))

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_KIND,
  PROP_LOADING,
  PROP_BYTES_LOADED,
  PROP_BYTES_TOTAL,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  EXAMPLE_CHANGED,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Kind detection */

static void
count_bits (FtDataset *self,
            guint      bits,
            int        delta)
{
  g_assert (FT_IS_DATASET (self));

  if (bits & FT_EXAMPLE_BIT_CHAT)
    {
      self->n_chat += delta;
      if (bits & FT_EXAMPLE_BIT_HAS_ASSISTANT)
        self->n_chat_with_assistant += delta;
    }
  if (bits & FT_EXAMPLE_BIT_PREFERENCE)
    self->n_preference += delta;
  if (bits & FT_EXAMPLE_BIT_PROMPT)
    self->n_prompt += delta;
}

static void
update_kind (FtDataset *self)
{
  FtDatasetKind kind = FT_DATASET_KIND_UNKNOWN;

  g_assert (FT_IS_DATASET (self));

  if (self->n_chat > 0 && self->n_chat >= self->n_preference && self->n_chat >= self->n_prompt)
    kind = self->n_chat_with_assistant > 0 ? FT_DATASET_KIND_CHAT : FT_DATASET_KIND_REINFORCEMENT;
  else if (self->n_preference > 0 && self->n_preference >= self->n_prompt)
    kind = FT_DATASET_KIND_PREFERENCE;
  else if (self->n_prompt > 0)
    kind = FT_DATASET_KIND_PROMPT_COMPLETION;

  if (kind != self->kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

static void
adopt (FtDataset *self,
       FtExample *example)
{
  guint bits = _ft_example_get_bits (example);

  g_assert (FT_IS_DATASET (self));

  _ft_example_set_dataset (example, self);
  _ft_example_set_counted_bits (example, bits);
  count_bits (self, bits, 1);
}

static void
release (FtDataset *self,
         FtExample *example)
{
  g_assert (FT_IS_DATASET (self));

  count_bits (self, _ft_example_get_counted_bits (example), -1);
  _ft_example_set_counted_bits (example, 0);
  _ft_example_set_dataset (example, NULL);
}

static void
mark_changed (FtDataset *self)
{
  g_assert (FT_IS_DATASET (self));

  self->change_serial++;
  ft_dataset_set_modified (self, TRUE);
}

/* Replaces @n_removals examples at @position by @additions, which must not
 * belong to any dataset. Does not touch the modified flag.
 */
static void
splice_examples (FtDataset         *self,
                 guint              position,
                 guint              n_removals,
                 FtExample * const *additions,
                 guint              n_additions)
{
  g_assert (FT_IS_DATASET (self));
  g_assert (position + n_removals <= self->examples->len);

  for (guint i = 0; i < n_removals; i++)
    release (self, g_ptr_array_index (self->examples, position + i));
  g_ptr_array_remove_range (self->examples, position, n_removals);

  for (guint i = 0; i < n_additions; i++)
    {
      FtExample *example = additions[i];

      adopt (self, example);
      g_ptr_array_insert (self->examples, position + i, g_object_ref (example));
    }

  update_kind (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
  if (n_removals != n_additions)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* GListModel */

static GType
ft_dataset_get_item_type (GListModel *model)
{
  return FT_TYPE_EXAMPLE;
}

static guint
ft_dataset_get_n_items (GListModel *model)
{
  FtDataset *self = FT_DATASET (model);

  return self->examples->len;
}

static gpointer
ft_dataset_get_item (GListModel *model,
                     guint       position)
{
  FtDataset *self = FT_DATASET (model);

  if (position >= self->examples->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->examples, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ft_dataset_get_item_type;
  iface->get_n_items = ft_dataset_get_n_items;
  iface->get_item = ft_dataset_get_item;
}

/* Reading */

typedef void (*BatchFunc) (GPtrArray *batch,
                           guint64    bytes_read,
                           gpointer   user_data);

static void
set_open_error (GError **error,
                GFile   *file,
                GError  *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
               _("Could not read “%s”: %s"), name, cause->message);
}

/* Collects examples and hands them to a BatchFunc: by time and size when
 * loading in the background, all at the end otherwise.
 */
typedef struct
{
  GPtrArray     *batch;
  GInputStream  *stream;       /* for progress */
  BatchFunc      func;
  gpointer       user_data;
  gint64         last_flush;
  gboolean       by_time;
  gboolean       first;
} Batcher;

static guint64
batcher_position (Batcher *batcher)
{
  if (G_IS_SEEKABLE (batcher->stream))
    return g_seekable_tell (G_SEEKABLE (batcher->stream));

  return 0;
}

static void
batcher_init (Batcher      *batcher,
              GInputStream *stream,
              gboolean      by_time,
              BatchFunc     func,
              gpointer      user_data)
{
  batcher->batch = g_ptr_array_new_with_free_func (g_object_unref);
  batcher->stream = stream;
  batcher->func = func;
  batcher->user_data = user_data;
  batcher->last_flush = g_get_monotonic_time ();
  batcher->by_time = by_time;
  batcher->first = TRUE;
}

static void
batcher_flush (Batcher *batcher,
               guint64  bytes_read)
{
  batcher->func (g_steal_pointer (&batcher->batch), bytes_read, batcher->user_data);
  batcher->batch = g_ptr_array_new_with_free_func (g_object_unref);
  batcher->last_flush = g_get_monotonic_time ();
  batcher->first = FALSE;
}

static void
batcher_add (Batcher   *batcher,
             FtExample *example,
             guint64    bytes_read)
{
  GPtrArray *batch = batcher->batch;

  g_ptr_array_add (batch, example);

  if (batcher->by_time
      && ((batcher->first && batch->len >= FIRST_BATCH)
          || batch->len >= MAX_BATCH
          || ((batch->len & 63) == 0
              && g_get_monotonic_time () - batcher->last_flush >= BATCH_INTERVAL)))
    batcher_flush (batcher, bytes_read);
}

static void
batcher_finish (Batcher *batcher,
                gboolean ok,
                guint64  bytes_read)
{
  if (ok)
    batcher_flush (batcher, bytes_read);
  g_clear_pointer (&batcher->batch, g_ptr_array_unref);
}

static GFileInputStream *
open_file (GFile         *file,
           guint64       *bytes_total,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_open_error (error, file, local_error);
      return NULL;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  *bytes_total = info != NULL ? (guint64)g_file_info_get_size (info) : 0;

  return g_steal_pointer (&stream);
}

/* Reads @file, handing examples to @func in batches. Blank lines are not
 * examples: they are skipped (the next example still knows its line).
 */
static gboolean
read_examples (GFile         *file,
               gboolean       batch_by_time,
               BatchFunc      func,
               gpointer       user_data,
               guint64       *bytes_total,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(FtJsonlReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  Batcher batcher;
  FtJsonlLine line;

  stream = open_file (file, bytes_total, cancellable, error);
  if (stream == NULL)
    return FALSE;

  reader = ft_jsonl_reader_new (G_INPUT_STREAM (stream));
  batcher_init (&batcher, G_INPUT_STREAM (stream), batch_by_time, func, user_data);

  while (ft_jsonl_reader_next (reader, &line, cancellable, &local_error))
    {
      if (line.status == FT_LINE_BLANK)
        continue;

      batcher_add (&batcher, _ft_example_new_from_line (&line),
                   ft_jsonl_reader_get_bytes_read (reader));
    }

  batcher_finish (&batcher, local_error == NULL, ft_jsonl_reader_get_bytes_read (reader));

  if (local_error != NULL)
    {
      set_open_error (error, file, local_error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_line_cb (const char  *text,
                gsize        length,
                guint64      source_line,
                gpointer     user_data,
                GError     **error)
{
  Batcher *batcher = user_data;
  FtJsonlLine line;

  ft_jsonl_line_init (&line, source_line, text, length);
  batcher_add (batcher, _ft_example_new_from_line (&line), batcher_position (batcher));

  return TRUE;
}

/* Like read_examples(), converting CSV or legacy lines on the way. */
static gboolean
import_examples (GFile            *file,
                 FtImportOptions  *options,
                 gboolean          batch_by_time,
                 BatchFunc         func,
                 gpointer          user_data,
                 guint64          *bytes_total,
                 FtImportStats    *stats,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  Batcher batcher;
  gboolean ok;

  stream = open_file (file, bytes_total, cancellable, error);
  if (stream == NULL)
    return FALSE;

  basename = g_file_get_basename (file);
  batcher_init (&batcher, G_INPUT_STREAM (stream), batch_by_time, func, user_data);
  ok = ft_import_stream (G_INPUT_STREAM (stream), basename, options,
                         import_line_cb, &batcher, stats, cancellable, &local_error);
  batcher_finish (&batcher, ok, *bytes_total);

  if (!ok)
    {
      if (local_error->domain == G_IO_ERROR)
        set_open_error (error, file, local_error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
set_progress (FtDataset *self,
              guint64    bytes_loaded,
              guint64    bytes_total)
{
  g_assert (FT_IS_DATASET (self));

  if (self->bytes_total != bytes_total)
    {
      self->bytes_total = bytes_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);
    }

  if (self->bytes_loaded != bytes_loaded)
    {
      self->bytes_loaded = bytes_loaded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_LOADED]);
    }
}

static void
append_batch (FtDataset *self,
              GPtrArray *batch)
{
  g_assert (FT_IS_DATASET (self));

  if (batch->len > 0)
    splice_examples (self, self->examples->len, 0, (FtExample * const *)batch->pdata, batch->len);
}

static void
set_loading (FtDataset *self,
             gboolean   loading)
{
  g_assert (FT_IS_DATASET (self));

  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

typedef struct
{
  GFile           *file;
  FtImportOptions *import_options;  /* NULL for a plain load */
  FtImportStats    stats;
  GMainContext    *context;
  GMutex        mutex;
  GPtrArray    *pending;      /* of GPtrArray batches */
  guint64       bytes_read;
  guint64       bytes_total;
  guint64       serial;       /* the change serial when loading began */
  gboolean      deliver_scheduled;
} LoadState;

static void
load_state_free (gpointer data)
{
  LoadState *state = data;

  g_clear_object (&state->file);
  g_clear_pointer (&state->import_options, ft_import_options_unref);
  ft_import_stats_clear (&state->stats);
  g_clear_pointer (&state->context, g_main_context_unref);
  g_clear_pointer (&state->pending, g_ptr_array_unref);
  g_mutex_clear (&state->mutex);
  g_free (state);
}

/* Main thread: appends what the worker has read so far. */
static void
deliver_pending (FtDataset *self,
                 LoadState *state,
                 gboolean   keep)
{
  g_autoptr(GPtrArray) pending = NULL;
  guint64 bytes_read;
  guint64 bytes_total;

  g_assert (FT_IS_DATASET (self));

  g_mutex_lock (&state->mutex);
  pending = g_steal_pointer (&state->pending);
  state->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  state->deliver_scheduled = FALSE;
  bytes_read = state->bytes_read;
  bytes_total = state->bytes_total;
  g_mutex_unlock (&state->mutex);

  if (!keep)
    return;

  for (guint i = 0; i < pending->len; i++)
    append_batch (self, g_ptr_array_index (pending, i));

  set_progress (self, bytes_read, bytes_total);
}

static gboolean
deliver_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_get_completed (task) && !g_task_had_error (task))
    deliver_pending (g_task_get_source_object (task), g_task_get_task_data (task), TRUE);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  GTask     *task;
  LoadState *state;
} WorkerBatchData;

/* Worker thread: queues a batch and wakes the main thread once. */
static void
queue_batch (GPtrArray *batch,
             guint64    bytes_read,
             gpointer   user_data)
{
  WorkerBatchData *data = user_data;
  LoadState *state = data->state;
  gboolean schedule;

  g_mutex_lock (&state->mutex);
  g_ptr_array_add (state->pending, batch);
  state->bytes_read = bytes_read;
  schedule = !state->deliver_scheduled;
  state->deliver_scheduled = TRUE;
  g_mutex_unlock (&state->mutex);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_cb, g_object_ref (data->task), g_object_unref);
      g_source_set_static_name (source, "[ft-dataset] deliver examples");
      g_source_attach (source, state->context);
    }
}

/* The loader thread. It is a thread of its own rather than one of GTask's
 * pool so that it can lower its priority: a GUI's main thread must get
 * the CPU first, or the main loop stalls while a big file opens.
 *
 * It holds no reference to the dataset, not even through @data, the
 * worker task it owns (which has no source object), or that task's data
 * (the load's task, borrowed: the worker task's callback holds it): the
 * dataset emits its signals on the main thread and must never be
 * finalized here.
 */
static gpointer
load_worker (gpointer data)
{
  g_autoptr(GTask) worker_task = data;
  GTask *task = g_task_get_task_data (worker_task);
  GCancellable *cancellable = g_task_get_cancellable (worker_task);
  LoadState *state = g_task_get_task_data (task);
  WorkerBatchData batch_data = { task, state };
  g_autoptr(GError) error = NULL;
  guint64 bytes_total = 0;
  gboolean ok;

  ft_thread_lower_priority ();

  if (state->import_options != NULL)
    ok = import_examples (state->file, state->import_options, TRUE, queue_batch, &batch_data,
                          &bytes_total, &state->stats, cancellable, &error);
  else
    ok = read_examples (state->file, TRUE, queue_batch, &batch_data, &bytes_total, cancellable,
                        &error);

  g_mutex_lock (&state->mutex);
  state->bytes_total = bytes_total;
  g_mutex_unlock (&state->mutex);

  if (!ok)
    g_task_return_error (worker_task, g_steal_pointer (&error));
  else
    g_task_return_boolean (worker_task, TRUE);

  return NULL;
}

static void
load_worker_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FtDataset *self = g_task_get_source_object (task);
  LoadState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Hand over whatever is still queued before reporting completion. */
  deliver_pending (self, state, ok);
  set_loading (self, FALSE);

  if (!ok)
    {
      /* A partly loaded file must not be saved over the real one. */
      ft_dataset_remove_all (self);
      ft_dataset_set_file (self, NULL);
      ft_dataset_set_modified (self, FALSE);
      set_progress (self, 0, 0);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_progress (self, state->bytes_total, state->bytes_total);

  if (state->import_options != NULL)
    {
      /* Imported examples are not saved anywhere yet. */
      ft_dataset_set_file (self, NULL);
      ft_dataset_set_modified (self, TRUE);
    }
  else if (self->change_serial == state->serial)
    {
      /* Edits made while the rest was loading are unsaved changes. */
      ft_dataset_set_modified (self, FALSE);
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_loading (FtDataset           *self,
               GFile               *file,
               FtImportOptions     *import_options,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker_task = NULL;
  LoadState *state;

  g_assert (FT_IS_DATASET (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  state = g_new0 (LoadState, 1);
  state->file = g_object_ref (file);
  if (import_options != NULL)
    state->import_options = ft_import_options_ref (import_options);
  ft_import_stats_init (&state->stats);
  state->context = g_main_context_ref_thread_default ();
  state->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_mutex_init (&state->mutex);
  g_task_set_task_data (task, state, load_state_free);

  ft_dataset_remove_all (self);
  ft_dataset_set_file (self, import_options == NULL ? file : NULL);
  ft_dataset_set_modified (self, FALSE);
  set_progress (self, 0, 0);
  set_loading (self, TRUE);
  state->serial = self->change_serial;

  /* The worker task returns into load_worker_done_cb(), which delivers the
   * last batches before completing @task. Only the main thread owns
   * references to @task (the callback's and the delivery sources'), so
   * the dataset is released there, whatever the worker thread does last.
   */
  worker_task = g_task_new (NULL, cancellable, load_worker_done_cb, g_object_ref (task));
  g_task_set_source_tag (worker_task, load_worker);
  g_task_set_task_data (worker_task, task, NULL);
  g_thread_unref (g_thread_new ("ft-dataset-load", load_worker, g_steal_pointer (&worker_task)));
}

/* Saving */

typedef struct
{
  GFile             *file;
  FtDatasetSnapshot *snapshot;
  guint64            serial;   /* the change serial of the snapshot */
} SaveState;

static void
save_state_free (gpointer data)
{
  SaveState *state = data;

  g_clear_object (&state->file);
  g_clear_pointer (&state->snapshot, ft_dataset_snapshot_unref);
  g_free (state);
}

static void
saved (FtDataset *self,
       GFile     *file,
       guint64    serial)
{
  g_assert (FT_IS_DATASET (self));

  ft_dataset_set_file (self, file);

  /* Edits made while a background save ran are still unsaved. */
  if (serial == self->change_serial)
    ft_dataset_set_modified (self, FALSE);

  g_signal_emit (self, signals[SAVED], 0);
}

static void
save_worker (GTask        *worker_task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveState *state = g_task_get_task_data (G_TASK (task_data));
  g_autoptr(GError) error = NULL;

  if (!ft_dataset_snapshot_write (state->snapshot, state->file, cancellable, &error))
    g_task_return_error (worker_task, g_steal_pointer (&error));
  else
    g_task_return_boolean (worker_task, TRUE);
}

static void
save_worker_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  saved (g_task_get_source_object (task), state->file, state->serial);
  g_task_return_boolean (task, TRUE);
}

static void
ft_dataset_dispose (GObject *object)
{
  FtDataset *self = (FtDataset *)object;

  for (guint i = 0; i < self->examples->len; i++)
    release (self, g_ptr_array_index (self->examples, i));
  g_ptr_array_set_size (self->examples, 0);

  G_OBJECT_CLASS (ft_dataset_parent_class)->dispose (object);
}

static void
ft_dataset_finalize (GObject *object)
{
  FtDataset *self = (FtDataset *)object;

  g_clear_pointer (&self->examples, g_ptr_array_unref);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (ft_dataset_parent_class)->finalize (object);
}

static void
ft_dataset_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FtDataset *self = FT_DATASET (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_BYTES_LOADED:
      g_value_set_uint64 (value, self->bytes_loaded);
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_uint64 (value, self->bytes_total);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->examples->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_dataset_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FtDataset *self = FT_DATASET (object);

  switch (prop_id)
    {
    case PROP_FILE:
      ft_dataset_set_file (self, g_value_get_object (value));
      break;
    case PROP_MODIFIED:
      ft_dataset_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_dataset_class_init (FtDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ft_dataset_dispose;
  object_class->finalize = ft_dataset_finalize;
  object_class->get_property = ft_dataset_get_property;
  object_class->set_property = ft_dataset_set_property;

  /**
   * FtDataset:file:
   *
   * The file the dataset was loaded from or last saved to.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtDataset:modified:
   *
   * Whether there are changes since the last load or save.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       FT_TYPE_DATASET_KIND, FT_DATASET_KIND_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BYTES_LOADED] =
    g_param_spec_uint64 ("bytes-loaded", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BYTES_TOTAL] =
    g_param_spec_uint64 ("bytes-total", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtDataset::example-changed:
   * @self: the dataset
   * @example: the example whose content changed
   *
   * Emitted after the content of one of the examples changed (the list
   * itself reports insertions and removals with #GListModel::items-changed).
   */
  signals[EXAMPLE_CHANGED] =
    g_signal_new ("example-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, FT_TYPE_EXAMPLE);

  /**
   * FtDataset::saved:
   * @self: the dataset
   *
   * Emitted after the dataset was written to #FtDataset:file.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
ft_dataset_init (FtDataset *self)
{
  self->examples = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Private API */

void
_ft_dataset_example_changed (FtDataset *self,
                             FtExample *example)
{
  guint bits;

  g_assert (FT_IS_DATASET (self));
  g_assert (FT_IS_EXAMPLE (example));

  bits = _ft_example_get_bits (example);
  if (bits != _ft_example_get_counted_bits (example))
    {
      count_bits (self, _ft_example_get_counted_bits (example), -1);
      count_bits (self, bits, 1);
      _ft_example_set_counted_bits (example, bits);
      update_kind (self);
    }

  mark_changed (self);
  g_signal_emit (self, signals[EXAMPLE_CHANGED], 0, example);
}

/* Snapshots */

/**
 * ft_dataset_snapshot_ref:
 * @self: a #FtDatasetSnapshot
 *
 * Returns: (transfer full): @self
 */
FtDatasetSnapshot *
ft_dataset_snapshot_ref (FtDatasetSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_dataset_snapshot_unref:
 * @self: (transfer full): a #FtDatasetSnapshot
 */
void
ft_dataset_snapshot_unref (FtDatasetSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->lines);
      g_array_unref (self->source_lines);
      g_free (self);
    }
}

/**
 * ft_dataset_snapshot_get_n_examples:
 * @self: a #FtDatasetSnapshot
 *
 * Returns: the number of examples
 */
guint
ft_dataset_snapshot_get_n_examples (FtDatasetSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->lines->len;
}

/**
 * ft_dataset_snapshot_get_bytes:
 * @self: a #FtDatasetSnapshot
 * @index: an example index
 *
 * Returns: (transfer none): the line of example @index, without a line
 *   break; its data is followed by a NUL byte
 */
GBytes *
ft_dataset_snapshot_get_bytes (FtDatasetSnapshot *self,
                               guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return g_ptr_array_index (self->lines, index);
}

/**
 * ft_dataset_snapshot_get_source_line:
 * @self: a #FtDatasetSnapshot
 * @index: an example index
 *
 * Returns: the source line of example @index, or 0 for a new example
 */
guint64
ft_dataset_snapshot_get_source_line (FtDatasetSnapshot *self,
                                     guint              index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->source_lines->len, 0);

  return g_array_index (self->source_lines, guint64, index);
}

/**
 * ft_dataset_snapshot_write:
 * @self: a #FtDatasetSnapshot
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the lines to @file atomically, one per line with "\n" endings.
 * Safe to call from a worker thread.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_dataset_snapshot_write (FtDatasetSnapshot  *self,
                           GFile              *file,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(FtJsonlWriter) writer = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = ft_jsonl_writer_new (file, error);
  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      GBytes *line = g_ptr_array_index (self->lines, i);

      if (!ft_jsonl_writer_write_bytes (writer, line, cancellable, error))
        return FALSE;
    }

  return ft_jsonl_writer_commit (writer, cancellable, error);
}

/* Public API */

/**
 * ft_dataset_new:
 *
 * Returns: (transfer full): a new empty dataset
 */
FtDataset *
ft_dataset_new (void)
{
  return g_object_new (FT_TYPE_DATASET, NULL);
}

/**
 * ft_dataset_get_file:
 * @self: a #FtDataset
 *
 * Returns: (transfer none) (nullable): the file, see #FtDataset:file
 */
GFile *
ft_dataset_get_file (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), NULL);

  return self->file;
}

/**
 * ft_dataset_set_file:
 * @self: a #FtDataset
 * @file: (nullable): a file
 */
void
ft_dataset_set_file (FtDataset *self,
                     GFile     *file)
{
  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * ft_dataset_get_modified:
 * @self: a #FtDataset
 *
 * Returns: whether there are unsaved changes
 */
gboolean
ft_dataset_get_modified (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);

  return self->modified;
}

/**
 * ft_dataset_set_modified:
 * @self: a #FtDataset
 * @modified: whether there are unsaved changes
 *
 * The undo history clears the flag when it returns to the saved state.
 */
void
ft_dataset_set_modified (FtDataset *self,
                         gboolean   modified)
{
  g_return_if_fail (FT_IS_DATASET (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * ft_dataset_get_kind:
 * @self: a #FtDataset
 *
 * Returns: what the examples are for, by majority
 */
FtDatasetKind
ft_dataset_get_kind (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), FT_DATASET_KIND_UNKNOWN);

  return self->kind;
}

/**
 * ft_dataset_get_loading:
 * @self: a #FtDataset
 *
 * Returns: whether ft_dataset_load_async() is running
 */
gboolean
ft_dataset_get_loading (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);

  return self->loading;
}

/**
 * ft_dataset_get_bytes_loaded:
 * @self: a #FtDataset
 *
 * Returns: how much of the file has been read (for a progress bar)
 */
guint64
ft_dataset_get_bytes_loaded (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), 0);

  return self->bytes_loaded;
}

/**
 * ft_dataset_get_bytes_total:
 * @self: a #FtDataset
 *
 * Returns: the size of the file being loaded, or 0 when unknown
 */
guint64
ft_dataset_get_bytes_total (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), 0);

  return self->bytes_total;
}

/**
 * ft_dataset_get_change_serial:
 * @self: a #FtDataset
 *
 * Returns: a number that grows with every change, for telling whether the
 *   dataset changed since some moment
 */
guint64
ft_dataset_get_change_serial (FtDataset *self)
{
  g_return_val_if_fail (FT_IS_DATASET (self), 0);

  return self->change_serial;
}

/**
 * ft_dataset_peek_example:
 * @self: a #FtDataset
 * @position: a position
 *
 * Returns: (transfer none) (nullable): the example at @position
 */
FtExample *
ft_dataset_peek_example (FtDataset *self,
                         guint      position)
{
  g_return_val_if_fail (FT_IS_DATASET (self), NULL);

  if (position >= self->examples->len)
    return NULL;

  return g_ptr_array_index (self->examples, position);
}

/**
 * ft_dataset_find_example:
 * @self: a #FtDataset
 * @example: an example
 * @position: (out) (optional): where it is
 *
 * Returns: %TRUE when @example is in the dataset
 */
gboolean
ft_dataset_find_example (FtDataset *self,
                         FtExample *example,
                         guint     *position)
{
  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (FT_IS_EXAMPLE (example), FALSE);

  if (_ft_example_get_dataset (example) != self)
    return FALSE;

  return g_ptr_array_find (self->examples, example, position);
}

/**
 * ft_dataset_splice:
 * @self: a #FtDataset
 * @position: where to start
 * @n_removals: how many examples to remove there
 * @additions: (array length=n_additions): examples to insert there, which
 *   belong to no dataset
 * @n_additions: their number
 *
 * Replaces examples in one step (one #GListModel::items-changed).
 */
void
ft_dataset_splice (FtDataset         *self,
                   guint              position,
                   guint              n_removals,
                   FtExample * const *additions,
                   guint              n_additions)
{
  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (position <= self->examples->len);
  g_return_if_fail (n_removals <= self->examples->len - position);
  g_return_if_fail (additions != NULL || n_additions == 0);

  for (guint i = 0; i < n_additions; i++)
    {
      g_return_if_fail (FT_IS_EXAMPLE (additions[i]));
      g_return_if_fail (_ft_example_get_dataset (additions[i]) == NULL);
    }

  if (n_removals == 0 && n_additions == 0)
    return;

  splice_examples (self, position, n_removals, additions, n_additions);
  mark_changed (self);
}

/**
 * ft_dataset_insert:
 * @self: a #FtDataset
 * @position: where, at most the number of examples
 * @example: an example that belongs to no dataset
 */
void
ft_dataset_insert (FtDataset *self,
                   guint      position,
                   FtExample *example)
{
  ft_dataset_splice (self, position, 0, &example, 1);
}

/**
 * ft_dataset_append:
 * @self: a #FtDataset
 * @example: an example that belongs to no dataset
 */
void
ft_dataset_append (FtDataset *self,
                   FtExample *example)
{
  g_return_if_fail (FT_IS_DATASET (self));

  ft_dataset_splice (self, self->examples->len, 0, &example, 1);
}

/**
 * ft_dataset_remove:
 * @self: a #FtDataset
 * @position: the example to remove
 */
void
ft_dataset_remove (FtDataset *self,
                   guint      position)
{
  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (position < self->examples->len);

  ft_dataset_splice (self, position, 1, NULL, 0);
}

/**
 * ft_dataset_move:
 * @self: a #FtDataset
 * @from: the position of an example
 * @to: its new position
 */
void
ft_dataset_move (FtDataset *self,
                 guint      from,
                 guint      to)
{
  FtExample *example;
  guint first;
  guint n;

  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (from < self->examples->len);
  g_return_if_fail (to < self->examples->len);

  if (from == to)
    return;

  /* The array keeps its reference while the example changes places. */
  example = g_ptr_array_steal_index (self->examples, from);
  g_ptr_array_insert (self->examples, to, example);

  first = MIN (from, to);
  n = MAX (from, to) - first + 1;
  g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
  mark_changed (self);
}

/**
 * ft_dataset_replace:
 * @self: a #FtDataset
 * @position: the example to replace
 * @example: an example that belongs to no dataset
 */
void
ft_dataset_replace (FtDataset *self,
                    guint      position,
                    FtExample *example)
{
  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (position < self->examples->len);

  ft_dataset_splice (self, position, 1, &example, 1);
}

/**
 * ft_dataset_remove_all:
 * @self: a #FtDataset
 */
void
ft_dataset_remove_all (FtDataset *self)
{
  g_return_if_fail (FT_IS_DATASET (self));

  ft_dataset_splice (self, 0, self->examples->len, NULL, 0);
}

/**
 * ft_dataset_snapshot:
 * @self: a #FtDataset
 *
 * Takes a snapshot of the current lines, see #FtDatasetSnapshot. Edited
 * examples are serialized here, on the calling thread.
 *
 * Returns: (transfer full): a snapshot
 */
FtDatasetSnapshot *
ft_dataset_snapshot (FtDataset *self)
{
  FtDatasetSnapshot *snapshot;

  g_return_val_if_fail (FT_IS_DATASET (self), NULL);

  snapshot = g_new0 (FtDatasetSnapshot, 1);
  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->lines = g_ptr_array_new_full (self->examples->len, (GDestroyNotify)g_bytes_unref);
  snapshot->source_lines = g_array_sized_new (FALSE, FALSE, sizeof (guint64), self->examples->len);

  for (guint i = 0; i < self->examples->len; i++)
    {
      FtExample *example = g_ptr_array_index (self->examples, i);
      guint64 line = ft_example_get_source_line (example);

      g_ptr_array_add (snapshot->lines, ft_example_get_bytes (example));
      g_array_append_val (snapshot->source_lines, line);
    }

  return snapshot;
}

static void
batch_append_sync (GPtrArray *batch,
                   guint64    bytes_read,
                   gpointer   user_data)
{
  FtDataset *self = user_data;

  append_batch (self, batch);
  g_ptr_array_unref (batch);
}

/**
 * ft_dataset_load:
 * @self: a #FtDataset
 * @file: a JSONL file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces the examples with those of @file, on the calling thread (for
 * the command-line tool and workers). Every non-blank line becomes an
 * example, broken or not. On failure the dataset is left empty.
 *
 * Returns: %TRUE on success; %FALSE with %FT_DATASET_ERROR_IO when the
 *   file cannot be read
 */
gboolean
ft_dataset_load (FtDataset     *self,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  guint64 bytes_total = 0;

  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!self->loading, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ft_dataset_remove_all (self);
  ft_dataset_set_file (self, file);

  if (!read_examples (file, FALSE, batch_append_sync, self, &bytes_total, cancellable, error))
    {
      ft_dataset_remove_all (self);
      ft_dataset_set_file (self, NULL);
      ft_dataset_set_modified (self, FALSE);
      return FALSE;
    }

  set_progress (self, bytes_total, bytes_total);
  ft_dataset_set_modified (self, FALSE);

  return TRUE;
}

/**
 * ft_dataset_load_async:
 * @self: a #FtDataset
 * @file: a JSONL file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the whole file is loaded
 * @user_data: data for @callback
 *
 * Replaces the examples with those of @file. The file is read in a worker
 * thread; examples arrive in batches on the main thread while it runs (the
 * first batch after 100 examples, then about every 50 ms), with
 * #FtDataset:bytes-loaded and #FtDataset:bytes-total for progress. On
 * failure or cancellation the dataset is emptied, so that a partly loaded
 * file is never saved over the real one.
 */
void
ft_dataset_load_async (FtDataset           *self,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->loading);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_loading (self, file, NULL, ft_dataset_load_async, cancellable, callback, user_data);
}

/**
 * ft_dataset_load_finish:
 * @self: a #FtDataset
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was loaded
 */
gboolean
ft_dataset_load_finish (FtDataset     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ft_dataset_save:
 * @self: a #FtDataset
 * @file: (nullable): where to save; %NULL for #FtDataset:file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves on the calling thread, atomically: one line per example, "\n"
 * endings, unedited examples byte for byte.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_dataset_save (FtDataset     *self,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(FtDatasetSnapshot) snapshot = NULL;
  guint64 serial;

  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);
  g_return_val_if_fail (file != NULL || self->file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (file == NULL)
    file = self->file;

  g_object_ref (file);
  snapshot = ft_dataset_snapshot (self);
  serial = self->change_serial;

  if (!ft_dataset_snapshot_write (snapshot, file, cancellable, error))
    {
      g_object_unref (file);
      return FALSE;
    }

  saved (self, file, serial);
  g_object_unref (file);

  return TRUE;
}

/**
 * ft_dataset_save_async:
 * @self: a #FtDataset
 * @file: (nullable): where to save; %NULL for #FtDataset:file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Saves like ft_dataset_save(), writing in a worker thread. The lines are
 * taken when this is called; edits made meanwhile stay unsaved (the
 * dataset stays modified).
 */
void
ft_dataset_save_async (FtDataset           *self,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker_task = NULL;
  SaveState *state;

  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (file != NULL || self->file != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (file == NULL)
    file = self->file;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_dataset_save_async);

  state = g_new0 (SaveState, 1);
  state->file = g_object_ref (file);
  state->snapshot = ft_dataset_snapshot (self);
  state->serial = self->change_serial;
  g_task_set_task_data (task, state, save_state_free);

  /* As for loading, the worker holds no reference to the dataset. */
  worker_task = g_task_new (NULL, cancellable, save_worker_done_cb, g_object_ref (task));
  g_task_set_source_tag (worker_task, save_worker);
  g_task_set_task_data (worker_task, task, NULL);
  g_task_run_in_thread (worker_task, save_worker);
}

/**
 * ft_dataset_save_finish:
 * @self: a #FtDataset
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was saved
 */
gboolean
ft_dataset_save_finish (FtDataset     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ft_dataset_import:
 * @self: a #FtDataset
 * @file: a CSV file, or JSONL with legacy prompt/completion lines
 * @options: (nullable): how to convert, see #FtImportOptions
 * @warnings: (out) (optional) (transfer full): messages about lines that
 *   were kept as they were or filled in, each naming its line
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces the examples with chat examples made from @file, on the
 * calling thread. The dataset then has no file and is modified: it is
 * saved as JSONL under a new name.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_dataset_import (FtDataset        *self,
                   GFile            *file,
                   FtImportOptions  *options,
                   char           ***warnings,
                   GCancellable     *cancellable,
                   GError          **error)
{
  FtImportStats stats;
  guint64 bytes_total = 0;
  gboolean ok;

  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!self->loading, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ft_dataset_remove_all (self);
  ft_dataset_set_file (self, NULL);

  ft_import_stats_init (&stats);
  ok = import_examples (file, options, FALSE, batch_append_sync, self, &bytes_total, &stats,
                        cancellable, error);

  if (!ok)
    {
      ft_dataset_remove_all (self);
      ft_dataset_set_modified (self, FALSE);
    }
  else
    {
      set_progress (self, bytes_total, bytes_total);
      ft_dataset_set_modified (self, TRUE);
      if (warnings != NULL)
        {
          g_ptr_array_add (stats.warnings, NULL);
          *warnings = (char **)g_ptr_array_steal (stats.warnings, NULL);
        }
    }

  ft_import_stats_clear (&stats);

  return ok;
}

/**
 * ft_dataset_import_async:
 * @self: a #FtDataset
 * @file: a CSV file, or JSONL with legacy prompt/completion lines
 * @options: (nullable): how to convert
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Like ft_dataset_import(), in a worker thread with the batches and
 * progress of ft_dataset_load_async().
 */
void
ft_dataset_import_async (FtDataset           *self,
                         GFile               *file,
                         FtImportOptions     *options,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(FtImportOptions) defaults = NULL;

  g_return_if_fail (FT_IS_DATASET (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->loading);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (options == NULL)
    options = defaults = ft_import_options_new ();

  start_loading (self, file, options, ft_dataset_import_async, cancellable, callback, user_data);
}

/**
 * ft_dataset_import_finish:
 * @self: a #FtDataset
 * @result: the result given to the callback
 * @warnings: (out) (optional) (transfer full): see ft_dataset_import()
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was imported
 */
gboolean
ft_dataset_import_finish (FtDataset      *self,
                          GAsyncResult   *result,
                          char         ***warnings,
                          GError        **error)
{
  LoadState *state;

  g_return_val_if_fail (FT_IS_DATASET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  state = g_task_get_task_data (G_TASK (result));
  if (warnings != NULL)
    {
      GPtrArray *copy = g_ptr_array_new ();

      for (guint i = 0; i < state->stats.warnings->len; i++)
        g_ptr_array_add (copy, g_strdup (g_ptr_array_index (state->stats.warnings, i)));
      g_ptr_array_add (copy, NULL);
      *warnings = (char **)g_ptr_array_free (copy, FALSE);
    }

  return TRUE;
}
