/* ft-recovery.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-recovery"

#include "config.h"

#include "ft-recovery.h"

#include "ft-dataset-private.h"
#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"
#include "ft-jsonl-writer.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* Crash recovery. While a dataset has unsaved edits, FtRecovery writes a
 * copy of it, a short while after the last change, to a file of its own
 * in $XDG_STATE_HOME/exemplar/recovery/ (atomically, in a worker thread).
 * The copy is removed once the dataset is saved (or undone back to its
 * saved state) or discarded on purpose; after a crash it stays, and at the
 * next start ft_recovery_list_sessions_async() finds it.
 *
 * A recovery file is JSONL:
 *   line 1      {"exemplar-recovery":1,"file":URI or null,"modified":ISO 8601,
 *                "n-examples":N,"kind":"chat"}
 *   N lines     the examples, exactly as ft_example_get_bytes() gives them
 *   last line   {"source-lines":[…]}, the line each example came from
 * The directory is private to the user (0700): examples may be private.
 */

#define FORMAT_VERSION  1
#define DEFAULT_DELAY   2000

/* FtRecoverySession */

struct _FtRecoverySession
{
  GObject    parent_instance;

  GFile     *file;
  GFile     *recovery_file;
  GDateTime *modified;
  guint      n_examples;
};

G_DEFINE_FINAL_TYPE (FtRecoverySession, ft_recovery_session, G_TYPE_OBJECT)

enum {
  SESSION_PROP_0,
  SESSION_PROP_FILE,
  SESSION_PROP_RECOVERY_FILE,
  SESSION_PROP_MODIFIED,
  SESSION_PROP_N_EXAMPLES,
  SESSION_N_PROPS
};

static GParamSpec *session_properties [SESSION_N_PROPS];

static void
ft_recovery_session_finalize (GObject *object)
{
  FtRecoverySession *self = (FtRecoverySession *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->recovery_file);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (ft_recovery_session_parent_class)->finalize (object);
}

static void
ft_recovery_session_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FtRecoverySession *self = FT_RECOVERY_SESSION (object);

  switch (prop_id)
    {
    case SESSION_PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case SESSION_PROP_RECOVERY_FILE:
      g_value_set_object (value, self->recovery_file);
      break;
    case SESSION_PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case SESSION_PROP_N_EXAMPLES:
      g_value_set_uint (value, self->n_examples);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_recovery_session_class_init (FtRecoverySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_recovery_session_finalize;
  object_class->get_property = ft_recovery_session_get_property;

  /**
   * FtRecoverySession:file:
   *
   * The dataset's own file, or %NULL for a dataset never saved.
   */
  session_properties[SESSION_PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  session_properties[SESSION_PROP_RECOVERY_FILE] =
    g_param_spec_object ("recovery-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtRecoverySession:modified:
   *
   * When the copy was written.
   */
  session_properties[SESSION_PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  session_properties[SESSION_PROP_N_EXAMPLES] =
    g_param_spec_uint ("n-examples", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, SESSION_N_PROPS, session_properties);
}

static void
ft_recovery_session_init (FtRecoverySession *self)
{
}

/* Reads the header line of a recovery file. */
static FtRecoverySession *
read_session (GFile         *recovery_file,
              FtJsonlReader *reader,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(FtRecoverySession) session = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = g_file_get_parse_name (recovery_file);
  JsonObject *header;
  FtJsonlLine line;
  const char *uri;
  const char *modified;

  if (!ft_jsonl_reader_next (reader, &line, cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                     _("“%s” is not a recovery file: it is empty"), name);
      return NULL;
    }

  root = ft_jsonl_parse_line (&line, NULL, NULL);
  if (root == NULL
      || !JSON_NODE_HOLDS_OBJECT (root)
      || json_object_get_int_member_with_default (json_node_get_object (root),
                                                  "exemplar-recovery", 0) != FORMAT_VERSION)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   _("“%s” is not a recovery file this version can read"), name);
      return NULL;
    }

  header = json_node_get_object (root);
  session = g_object_new (FT_TYPE_RECOVERY_SESSION, NULL);
  session->recovery_file = g_object_ref (recovery_file);
  session->n_examples = (guint)CLAMP (json_object_get_int_member_with_default (header,
                                                                               "n-examples", 0),
                                      0, G_MAXUINT);

  uri = json_object_get_string_member_with_default (header, "file", NULL);
  if (uri != NULL)
    session->file = g_file_new_for_uri (uri);

  modified = json_object_get_string_member_with_default (header, "modified", NULL);
  if (modified != NULL)
    session->modified = g_date_time_new_from_iso8601 (modified, NULL);
  if (session->modified == NULL)
    session->modified = g_date_time_new_from_unix_utc (0);

  return g_steal_pointer (&session);
}

/**
 * ft_recovery_session_get_file:
 * @self: a #FtRecoverySession
 *
 * Returns: (transfer none) (nullable): the dataset's file, see
 *   #FtRecoverySession:file
 */
GFile *
ft_recovery_session_get_file (FtRecoverySession *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), NULL);

  return self->file;
}

/**
 * ft_recovery_session_get_recovery_file:
 * @self: a #FtRecoverySession
 *
 * Returns: (transfer none): the recovery file
 */
GFile *
ft_recovery_session_get_recovery_file (FtRecoverySession *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), NULL);

  return self->recovery_file;
}

/**
 * ft_recovery_session_get_modified:
 * @self: a #FtRecoverySession
 *
 * Returns: (transfer none): when the copy was written
 */
GDateTime *
ft_recovery_session_get_modified (FtRecoverySession *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), NULL);

  return self->modified;
}

/**
 * ft_recovery_session_get_n_examples:
 * @self: a #FtRecoverySession
 *
 * Returns: how many examples the copy holds
 */
guint
ft_recovery_session_get_n_examples (FtRecoverySession *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), 0);

  return self->n_examples;
}

/**
 * ft_recovery_session_dup_display_name:
 * @self: a #FtRecoverySession
 *
 * Returns: (transfer full): the dataset's file name, or "Untitled Dataset"
 */
char *
ft_recovery_session_dup_display_name (FtRecoverySession *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("Untitled Dataset"));

  return g_file_get_basename (self->file);
}

typedef struct
{
  GPtrArray *examples;
  GFile     *file;
} RestoreResult;

static void
restore_result_free (gpointer data)
{
  RestoreResult *result = data;

  g_clear_pointer (&result->examples, g_ptr_array_unref);
  g_clear_object (&result->file);
  g_free (result);
}

static void
restore_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FtRecoverySession *self = source_object;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(FtJsonlReader) reader = NULL;
  g_autoptr(FtRecoverySession) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) trailer = NULL;
  RestoreResult *result;
  FtJsonlLine line;

  stream = g_file_read (self->recovery_file, cancellable, &error);
  if (stream == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->recovery_file);

      g_task_return_new_error (task, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                               _("Could not read “%s”: %s"), name, error->message);
      return;
    }

  reader = ft_jsonl_reader_new (G_INPUT_STREAM (stream));
  header = read_session (self->recovery_file, reader, cancellable, &error);
  if (header == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (RestoreResult, 1);
  result->examples = g_ptr_array_new_with_free_func (g_object_unref);
  result->file = header->file != NULL ? g_object_ref (header->file) : NULL;

  /* Exactly n-examples lines, blank or not, then the source lines. */
  while (result->examples->len < header->n_examples
         && ft_jsonl_reader_next (reader, &line, cancellable, &error))
    {
      FtJsonlLine example_line = line;

      example_line.number = 0;
      g_ptr_array_add (result->examples, _ft_example_new_from_line (&example_line));
    }

  if (error == NULL && ft_jsonl_reader_next (reader, &line, cancellable, &error))
    trailer = ft_jsonl_parse_line (&line, NULL, NULL);

  if (error != NULL)
    {
      restore_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (trailer != NULL && JSON_NODE_HOLDS_OBJECT (trailer)
      && json_object_has_member (json_node_get_object (trailer), "source-lines"))
    {
      JsonObject *object = json_node_get_object (trailer);
      JsonArray *lines = json_object_get_array_member (object, "source-lines");
      guint n = lines != NULL ? MIN (json_array_get_length (lines), result->examples->len) : 0;

      for (guint i = 0; i < n; i++)
        {
          gint64 number = json_array_get_int_element (lines, i);

          if (number > 0)
            _ft_example_set_source_line (g_ptr_array_index (result->examples, i), number);
        }
    }

  g_task_return_pointer (task, result, restore_result_free);
}

/**
 * ft_recovery_session_restore_async:
 * @self: a #FtRecoverySession
 * @dataset: the dataset to fill (its examples are replaced)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the copy in a worker thread and puts its examples into @dataset,
 * which then has the original file and is modified (the edits are not
 * saved yet). The recovery file stays until discarded.
 */
void
ft_recovery_session_restore_async (FtRecoverySession   *self,
                                   FtDataset           *dataset,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FT_IS_RECOVERY_SESSION (self));
  g_return_if_fail (FT_IS_DATASET (dataset));
  g_return_if_fail (!ft_dataset_get_loading (dataset));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_recovery_session_restore_async);
  g_object_set_data_full (G_OBJECT (task), "dataset", g_object_ref (dataset), g_object_unref);
  g_task_run_in_thread (task, restore_worker);
}

/**
 * ft_recovery_session_restore_finish:
 * @self: a #FtRecoverySession
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the dataset holds the recovered examples
 */
gboolean
ft_recovery_session_restore_finish (FtRecoverySession  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  RestoreResult *restored;
  FtDataset *dataset;

  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  restored = g_task_propagate_pointer (G_TASK (result), error);
  if (restored == NULL)
    return FALSE;

  dataset = g_object_get_data (G_OBJECT (result), "dataset");
  ft_dataset_splice (dataset, 0, g_list_model_get_n_items (G_LIST_MODEL (dataset)),
                     (FtExample * const *)restored->examples->pdata, restored->examples->len);
  ft_dataset_set_file (dataset, restored->file);
  ft_dataset_set_modified (dataset, TRUE);
  restore_result_free (restored);

  return TRUE;
}

/**
 * ft_recovery_session_discard:
 * @self: a #FtRecoverySession
 * @error: return location for a #GError
 *
 * Deletes the recovery file.
 *
 * Returns: %TRUE when it is gone
 */
gboolean
ft_recovery_session_discard (FtRecoverySession  *self,
                             GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FT_IS_RECOVERY_SESSION (self), FALSE);

  if (!g_file_delete (self->recovery_file, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *name = g_file_get_parse_name (self->recovery_file);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not delete “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* FtRecovery */

struct _FtRecovery
{
  GObject       parent_instance;

  FtDataset    *dataset;
  char         *directory;
  GFile        *file;
  GCancellable *cancellable;

  guint64       written_serial;
  guint         timeout_id;
  guint         delay;
  guint         writing : 1;
  guint         has_copy : 1;
};

G_DEFINE_FINAL_TYPE (FtRecovery, ft_recovery, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DIRECTORY,
  PROP_DELAY,
  PROP_HAS_UNSAVED_COPY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  GFile             *file;
  char              *directory;
  char              *header;
  FtDatasetSnapshot *snapshot;
  guint64            serial;
} WriteState;

static void
write_state_free (gpointer data)
{
  WriteState *state = data;

  g_clear_object (&state->file);
  g_free (state->directory);
  g_free (state->header);
  g_clear_pointer (&state->snapshot, ft_dataset_snapshot_unref);
  g_free (state);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteState *state = task_data;
  g_autoptr(FtJsonlWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) trailer = g_string_new ("{\"source-lines\":[");
  guint n = ft_dataset_snapshot_get_n_examples (state->snapshot);

  if (g_mkdir_with_parents (state->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                               _("Could not create “%s”: %s"),
                               state->directory, g_strerror (saved_errno));
      return;
    }

  writer = ft_jsonl_writer_new (state->file, &error);
  if (writer == NULL
      || !ft_jsonl_writer_write_line (writer, state->header, strlen (state->header),
                                      cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      if (!ft_jsonl_writer_write_bytes (writer, ft_dataset_snapshot_get_bytes (state->snapshot, i),
                                        cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_string_append_printf (trailer, "%s%" G_GUINT64_FORMAT, i > 0 ? "," : "",
                              ft_dataset_snapshot_get_source_line (state->snapshot, i));
    }
  g_string_append (trailer, "]}");

  if (!ft_jsonl_writer_write_line (writer, trailer->str, trailer->len, cancellable, &error)
      || !ft_jsonl_writer_commit (writer, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static char *
build_header (FtRecovery *self,
              guint       n_examples)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *modified = g_date_time_format_iso8601 (now);
  GString *header = g_string_new (NULL);
  GFile *file = ft_dataset_get_file (self->dataset);
  GEnumClass *kinds = g_type_class_ref (FT_TYPE_DATASET_KIND);
  GEnumValue *kind = g_enum_get_value (kinds, ft_dataset_get_kind (self->dataset));

  g_assert (FT_IS_RECOVERY (self));

  g_string_append_printf (header, "{\"exemplar-recovery\":%d,\"file\":", FORMAT_VERSION);
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      ft_json_append_string (header, uri, -1);
    }
  else
    {
      g_string_append (header, "null");
    }
  g_string_append (header, ",\"modified\":");
  ft_json_append_string (header, modified, -1);
  g_string_append_printf (header, ",\"n-examples\":%u,\"kind\":", n_examples);
  ft_json_append_string (header, kind != NULL ? kind->value_nick : "unknown", -1);
  g_string_append_c (header, '}');

  g_type_class_unref (kinds);

  return g_string_free (header, FALSE);
}

static void schedule (FtRecovery *self);

static void
remove_copy (FtRecovery *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (FT_IS_RECOVERY (self));

  if (!g_file_delete (self->file, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not delete the recovery file: %s", error->message);

  if (self->has_copy)
    {
      self->has_copy = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNSAVED_COPY]);
    }
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  FtRecovery *self = FT_RECOVERY (object);
  WriteState *state = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not write the recovery copy: %s", error->message);
      if (outer != NULL)
        g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  self->written_serial = state->serial;

  /* Disposed while writing: the copy stays, nothing else to do. */
  if (self->dataset == NULL)
    {
      if (outer != NULL)
        g_task_return_boolean (outer, TRUE);
      return;
    }

  /* Saved (or undone to the saved state) while this copy was written. */
  if (!ft_dataset_get_modified (self->dataset) && outer == NULL)
    {
      remove_copy (self);
      return;
    }

  if (!self->has_copy)
    {
      self->has_copy = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNSAVED_COPY]);
    }

  /* Changes that came in meanwhile need another copy. */
  if (ft_dataset_get_change_serial (self->dataset) != self->written_serial)
    schedule (self);

  if (outer != NULL)
    g_task_return_boolean (outer, TRUE);
}

static void
start_write (FtRecovery *self,
             GTask      *outer)
{
  g_autoptr(GTask) task = NULL;
  WriteState *state;

  g_assert (FT_IS_RECOVERY (self));

  state = g_new0 (WriteState, 1);
  state->file = g_object_ref (self->file);
  state->directory = g_strdup (self->directory);
  state->snapshot = ft_dataset_snapshot (self->dataset);
  state->header = build_header (self, ft_dataset_snapshot_get_n_examples (state->snapshot));
  state->serial = ft_dataset_get_change_serial (self->dataset);

  self->writing = TRUE;
  task = g_task_new (self, self->cancellable, write_cb,
                     outer != NULL ? g_object_ref (outer) : NULL);
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, state, write_state_free);
  g_task_run_in_thread (task, write_worker);
}

static gboolean
autosave_cb (gpointer user_data)
{
  FtRecovery *self = user_data;

  self->timeout_id = 0;

  if (self->writing)
    return G_SOURCE_REMOVE;

  if (ft_dataset_get_modified (self->dataset)
      && !ft_dataset_get_loading (self->dataset)
      && ft_dataset_get_change_serial (self->dataset) != self->written_serial)
    start_write (self, NULL);

  return G_SOURCE_REMOVE;
}

/* Writes a copy @delay ms after the first of a run of changes, so that
 * continuous typing still gets saved regularly.
 */
static void
schedule (FtRecovery *self)
{
  g_assert (FT_IS_RECOVERY (self));

  if (self->timeout_id != 0 || self->writing)
    return;

  self->timeout_id = g_timeout_add_full (G_PRIORITY_LOW, self->delay, autosave_cb, self, NULL);
}

static void
on_dataset_changed_cb (FtRecovery *self)
{
  g_assert (FT_IS_RECOVERY (self));

  if (ft_dataset_get_modified (self->dataset) && !ft_dataset_get_loading (self->dataset))
    schedule (self);
}

static void
on_dataset_modified_cb (FtRecovery *self)
{
  g_assert (FT_IS_RECOVERY (self));

  if (ft_dataset_get_modified (self->dataset))
    {
      on_dataset_changed_cb (self);
      return;
    }

  /* Saved, or back at the saved state: the copy is not needed. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->written_serial = ft_dataset_get_change_serial (self->dataset);
  if (!self->writing)
    remove_copy (self);
}

static void
ft_recovery_constructed (GObject *object)
{
  FtRecovery *self = (FtRecovery *)object;
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;

  G_OBJECT_CLASS (ft_recovery_parent_class)->constructed (object);

  g_assert (FT_IS_DATASET (self->dataset));

  if (self->directory == NULL)
    self->directory = ft_recovery_dup_default_directory ();

  uuid = g_uuid_string_random ();
  name = g_strdup_printf ("%s.jsonl", uuid);
  path = g_build_filename (self->directory, name, NULL);
  self->file = g_file_new_for_path (path);
  self->written_serial = ft_dataset_get_change_serial (self->dataset);

  g_signal_connect_object (self->dataset, "notify::modified",
                           G_CALLBACK (on_dataset_modified_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "example-changed",
                           G_CALLBACK (on_dataset_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "items-changed",
                           G_CALLBACK (on_dataset_changed_cb), self, G_CONNECT_SWAPPED);

  if (ft_dataset_get_modified (self->dataset))
    schedule (self);
}

static void
ft_recovery_dispose (GObject *object)
{
  FtRecovery *self = (FtRecovery *)object;

  /* The copy stays on disk: that is the point of it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ft_recovery_parent_class)->dispose (object);
}

static void
ft_recovery_finalize (GObject *object)
{
  FtRecovery *self = (FtRecovery *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (ft_recovery_parent_class)->finalize (object);
}

static void
ft_recovery_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FtRecovery *self = FT_RECOVERY (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    case PROP_HAS_UNSAVED_COPY:
      g_value_set_boolean (value, self->has_copy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_recovery_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FtRecovery *self = FT_RECOVERY (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    case PROP_DELAY:
      ft_recovery_set_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_recovery_class_init (FtRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ft_recovery_constructed;
  object_class->dispose = ft_recovery_dispose;
  object_class->finalize = ft_recovery_finalize;
  object_class->get_property = ft_recovery_get_property;
  object_class->set_property = ft_recovery_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FT_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtRecovery:directory:
   *
   * Where copies go; %NULL at construction for the default,
   * $XDG_STATE_HOME/exemplar/recovery.
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtRecovery:delay:
   *
   * Milliseconds between the first unsaved change and the copy.
   */
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_DELAY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtRecovery:has-unsaved-copy:
   *
   * Whether a recovery file with unsaved edits exists now.
   */
  properties[PROP_HAS_UNSAVED_COPY] =
    g_param_spec_boolean ("has-unsaved-copy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_recovery_init (FtRecovery *self)
{
  self->cancellable = g_cancellable_new ();
  self->delay = DEFAULT_DELAY;
}

/**
 * ft_recovery_dup_default_directory:
 *
 * Returns: (transfer full): $XDG_STATE_HOME/exemplar/recovery
 */
char *
ft_recovery_dup_default_directory (void)
{
  return g_build_filename (g_get_user_state_dir (), "exemplar", "recovery", NULL);
}

/**
 * ft_recovery_new:
 * @dataset: the dataset to keep copies of
 * @directory: (nullable): where; %NULL for the default
 *
 * Starts watching @dataset: from now on, unsaved edits are copied to a new
 * recovery file.
 *
 * Returns: (transfer full): a new #FtRecovery
 */
FtRecovery *
ft_recovery_new (FtDataset  *dataset,
                 const char *directory)
{
  g_return_val_if_fail (FT_IS_DATASET (dataset), NULL);

  return g_object_new (FT_TYPE_RECOVERY,
                       "dataset", dataset,
                       "directory", directory,
                       NULL);
}

/**
 * ft_recovery_get_dataset:
 * @self: a #FtRecovery
 *
 * Returns: (transfer none): the dataset
 */
FtDataset *
ft_recovery_get_dataset (FtRecovery *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY (self), NULL);

  return self->dataset;
}

/**
 * ft_recovery_get_directory:
 * @self: a #FtRecovery
 *
 * Returns: the directory of recovery files
 */
const char *
ft_recovery_get_directory (FtRecovery *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY (self), NULL);

  return self->directory;
}

/**
 * ft_recovery_get_recovery_file:
 * @self: a #FtRecovery
 *
 * Returns: (transfer none): this session's recovery file (it may not
 *   exist)
 */
GFile *
ft_recovery_get_recovery_file (FtRecovery *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY (self), NULL);

  return self->file;
}

/**
 * ft_recovery_get_delay:
 * @self: a #FtRecovery
 *
 * Returns: the delay in milliseconds, see #FtRecovery:delay
 */
guint
ft_recovery_get_delay (FtRecovery *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY (self), 0);

  return self->delay;
}

/**
 * ft_recovery_set_delay:
 * @self: a #FtRecovery
 * @delay_ms: milliseconds
 */
void
ft_recovery_set_delay (FtRecovery *self,
                       guint       delay_ms)
{
  g_return_if_fail (FT_IS_RECOVERY (self));

  if (self->delay == delay_ms)
    return;

  self->delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

/**
 * ft_recovery_get_has_unsaved_copy:
 * @self: a #FtRecovery
 *
 * Returns: whether a copy with unsaved edits exists
 */
gboolean
ft_recovery_get_has_unsaved_copy (FtRecovery *self)
{
  g_return_val_if_fail (FT_IS_RECOVERY (self), FALSE);

  return self->has_copy;
}

/**
 * ft_recovery_save_async:
 * @self: a #FtRecovery
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes a copy now (in a worker thread), whether or not a timer is due.
 */
void
ft_recovery_save_async (FtRecovery          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FT_IS_RECOVERY (self));
  g_return_if_fail (!self->writing);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_recovery_save_async);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  start_write (self, task);
}

/**
 * ft_recovery_save_finish:
 * @self: a #FtRecovery
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the copy was written
 */
gboolean
ft_recovery_save_finish (FtRecovery    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (FT_IS_RECOVERY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ft_recovery_discard:
 * @self: a #FtRecovery
 * @error: return location for a #GError
 *
 * Deletes this session's copy (the user chose not to keep the edits).
 * Later edits make a new copy.
 *
 * Returns: %TRUE when no copy is left
 */
gboolean
ft_recovery_discard (FtRecovery  *self,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FT_IS_RECOVERY (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->written_serial = ft_dataset_get_change_serial (self->dataset);

  if (!g_file_delete (self->file, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not delete “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  if (self->has_copy)
    {
      self->has_copy = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNSAVED_COPY]);
    }

  return TRUE;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  FtRecoverySession *sa = *(FtRecoverySession **)a;
  FtRecoverySession *sb = *(FtRecoverySession **)b;

  /* Newest first. */
  return g_date_time_compare (sb->modified, sa->modified);
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *directory = task_data;
  g_autoptr(GFile) dir = g_file_new_for_path (directory);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GListStore *store;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                               _("Could not read “%s”: %s"), directory, error->message);
      return;
    }
  g_clear_error (&error);

  while (enumerator != NULL
         && (info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFileInputStream) stream = NULL;
      g_autoptr(FtJsonlReader) reader = NULL;
      g_autoptr(GError) read_error = NULL;
      FtRecoverySession *session;
      const char *name = g_file_info_get_name (info);

      if (!g_str_has_suffix (name, ".jsonl") || name[0] == '.')
        continue;

      file = g_file_get_child (dir, name);
      stream = g_file_read (file, cancellable, &read_error);
      if (stream == NULL)
        {
          g_debug ("Skipping %s: %s", name, read_error->message);
          continue;
        }

      reader = ft_jsonl_reader_new (G_INPUT_STREAM (stream));
      session = read_session (file, reader, cancellable, &read_error);
      if (session == NULL)
        {
          g_debug ("Skipping %s: %s", name, read_error->message);
          continue;
        }
      g_ptr_array_add (sessions, session);
    }

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_sort (sessions, compare_sessions);
  store = g_list_store_new (FT_TYPE_RECOVERY_SESSION);
  g_list_store_splice (store, 0, 0, sessions->pdata, sessions->len);
  g_task_return_pointer (task, store, g_object_unref);
}

/**
 * ft_recovery_list_sessions_async:
 * @directory: (nullable): where to look; %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the recovery files left behind (at start-up, after a crash), in a
 * worker thread. Files that are not recovery files are skipped.
 */
void
ft_recovery_list_sessions_async (const char          *directory,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_recovery_list_sessions_async);
  if (directory != NULL)
    g_task_set_task_data (task, g_strdup (directory), g_free);
  else
    g_task_set_task_data (task, ft_recovery_dup_default_directory (), g_free);
  g_task_run_in_thread (task, list_worker);
}

/**
 * ft_recovery_list_sessions_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #FtRecoverySession, newest first (empty when there are none)
 */
GListModel *
ft_recovery_list_sessions_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
