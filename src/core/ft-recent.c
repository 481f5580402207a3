/* ft-recent.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-recent"

#include "config.h"

#include "ft-recent.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* The list of recently used files (recently-used.xbel, the format
 * GtkRecentManager reads and writes), extended off the main thread:
 * gtk_recent_manager_add_item() rewrites the list from the main thread
 * with an fsync(), which can block it for hundreds of milliseconds on a
 * busy disk. A GtkRecentManager sees the new list through its file
 * monitor, reloads it and emits ::changed.
 */

typedef struct
{
  GFile *file;
  char  *app_name;
  char  *app_exec;
} AddData;

/* Two files remembered in a row must not overwrite each other. */
G_LOCK_DEFINE_STATIC (recent_list);

static void
add_data_free (gpointer data)
{
  AddData *add = data;

  g_object_unref (add->file);
  g_free (add->app_name);
  g_free (add->app_exec);
  g_free (add);
}

static gboolean
add_to_list (AddData       *add,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GBookmarkFile) bookmarks = g_bookmark_file_new ();
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  g_autofree char *uri = g_file_get_uri (add->file);
  g_autofree char *mime_type = NULL;

  info = g_file_query_info (add->file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_content_type (info) != NULL)
    mime_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));

  /* A list that cannot be read is left alone: writing it anew would lose
   * the other applications' entries.
   */
  if (!g_bookmark_file_load_from_file (bookmarks, path, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Could not read the list of recent files %s: "), path);
      return FALSE;
    }

  g_bookmark_file_set_mime_type (bookmarks, uri,
                                 mime_type != NULL ? mime_type : "application/octet-stream");
  g_bookmark_file_add_application (bookmarks, uri, add->app_name, add->app_exec);

  if (g_mkdir_with_parents (g_get_user_data_dir (), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"),
                   g_get_user_data_dir (), g_strerror (saved_errno));
      return FALSE;
    }

  return g_bookmark_file_to_file (bookmarks, path, error);
}

static void
add_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  G_LOCK (recent_list);
  ok = add_to_list (task_data, cancellable, &error);
  G_UNLOCK (recent_list);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ft_recent_add_async:
 * @file: a local file
 * @app_name: the application's name, as g_get_application_name() gives it
 * @app_exec: its command line, with "%u" for the file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds @file to the user's recently used files, as
 * gtk_recent_manager_add_item() does, on a worker thread.
 */
void
ft_recent_add_async (GFile               *file,
                     const char          *app_name,
                     const char          *app_exec,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *add;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (app_name != NULL);
  g_return_if_fail (app_exec != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  add = g_new0 (AddData, 1);
  add->file = g_object_ref (file);
  add->app_name = g_strdup (app_name);
  add->app_exec = g_strdup (app_exec);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_recent_add_async);
  g_task_set_task_data (task, add, add_data_free);
  g_task_run_in_thread (task, add_worker);
}

/**
 * ft_recent_add_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file is in the list
 */
gboolean
ft_recent_add_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_recent_add_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
