/* ft-dialogs.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-dialogs"

#include "config.h"

#include "ft-dialogs.h"

#include <glib/gi18n.h>

/* GTK 4.8 and libadwaita 1.2 have no GtkFileDialog and no
 * adw_message_dialog_choose(): this file wraps GtkFileChooserNative and
 * AdwMessageDialog once, as _async/_finish pairs, so that the rest of the
 * UI reads like the newer API.
 */

/**
 * ft_dialogs_show_message:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: the dialog heading
 * @body: the text
 *
 * Shows a dialog with a single Close button, for details that do not fit
 * into a toast. The text can be selected and copied.
 */
void
ft_dialogs_show_message (GtkWindow  *parent,
                         const char *heading,
                         const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Message dialogs */

typedef struct
{
  GtkWidget *dialog;
  gulong     cancelled_id;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->dialog);
  g_free (data);
}

static void
choose_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  ChooseData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_signal_handlers_disconnect_by_func (dialog, choose_response_cb, user_data);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, data->cancelled_id);
  data->cancelled_id = 0;

  g_task_return_pointer (task, g_strdup (response), g_free);
}

static void
choose_cancelled_cb (GCancellable *cancellable,
                     GtkWindow    *dialog)
{
  /* Closing runs the close response, which completes the task. */
  gtk_window_close (dialog);
}

/**
 * ft_dialogs_choose_async:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: the question
 * @body: (nullable): more detail
 * @responses: (array length=n_responses): the buttons, in order
 * @n_responses: the number of buttons
 * @default_response: (nullable): the id activated by Enter
 * @close_response: the id reported when the dialog is dismissed
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks a question with an #AdwMessageDialog.
 */
void
ft_dialogs_choose_async (GtkWindow              *parent,
                         const char             *heading,
                         const char             *body,
                         const FtDialogResponse *responses,
                         guint                   n_responses,
                         const char             *default_response,
                         const char             *close_response,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  ft_dialogs_choose_full_async (parent, heading, body, NULL, responses, n_responses,
                                default_response, close_response, cancellable,
                                callback, user_data);
}

/**
 * ft_dialogs_choose_full_async:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: the question
 * @body: (nullable): more detail
 * @extra_child: (nullable): controls below the text (an entry, options)
 * @responses: (array length=n_responses): the buttons, in order
 * @n_responses: the number of buttons
 * @default_response: (nullable): the id activated by Enter
 * @close_response: the id reported when the dialog is dismissed
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Like ft_dialogs_choose_async(), with controls in the dialog. The
 * controls can reach the dialog with gtk_widget_get_root(), to enable or
 * disable responses (adw_message_dialog_set_response_enabled()).
 */
void
ft_dialogs_choose_full_async (GtkWindow              *parent,
                              const char             *heading,
                              const char             *body,
                              GtkWidget              *extra_child,
                              const FtDialogResponse *responses,
                              guint                   n_responses,
                              const char             *default_response,
                              const char             *close_response,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ChooseData *data;
  AdwMessageDialog *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (extra_child == NULL || GTK_IS_WIDGET (extra_child));
  g_return_if_fail (responses != NULL || n_responses == 0);
  g_return_if_fail (close_response != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_dialogs_choose_async);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  for (guint i = 0; i < n_responses; i++)
    {
      adw_message_dialog_add_response (dialog, responses[i].id, responses[i].label);
      adw_message_dialog_set_response_appearance (dialog, responses[i].id,
                                                  responses[i].appearance);
    }
  if (default_response != NULL)
    adw_message_dialog_set_default_response (dialog, default_response);
  adw_message_dialog_set_close_response (dialog, close_response);
  if (extra_child != NULL)
    adw_message_dialog_set_extra_child (dialog, extra_child);

  data = g_new0 (ChooseData, 1);
  data->dialog = g_object_ref (GTK_WIDGET (dialog));
  g_task_set_task_data (task, data, (GDestroyNotify)choose_data_free);

  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable,
                                                G_CALLBACK (choose_cancelled_cb),
                                                dialog, NULL);

  g_signal_connect (dialog, "response", G_CALLBACK (choose_response_cb),
                    g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ft_dialogs_choose_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the id of the chosen response
 */
char *
ft_dialogs_choose_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_dialogs_choose_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* File choosers */

typedef struct
{
  GtkFileChooserNative *native;
  gulong                cancelled_id;
} FileData;

static void
file_data_free (FileData *data)
{
  if (data->native != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->native));
  g_clear_object (&data->native);
  g_free (data);
}

static void
file_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  FileData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GFile) file = NULL;

  g_signal_handlers_disconnect_by_func (native, file_response_cb, user_data);
  if (cancellable != NULL && data->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, data->cancelled_id);
  data->cancelled_id = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("No file was chosen"));
  else
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
}

static void
file_cancelled_cb (GCancellable    *cancellable,
                   GtkNativeDialog *native)
{
  /* Hiding emits a cancel response, which completes the task. */
  gtk_native_dialog_hide (native);
}

static void
run_file_chooser (GtkFileChooserNative *native,
                  GTask                *task)
{
  FileData *data = g_new0 (FileData, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  data->native = native;
  g_task_set_task_data (task, data, (GDestroyNotify)file_data_free);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable,
                                                G_CALLBACK (file_cancelled_cb),
                                                native, NULL);

  g_signal_connect (native, "response", G_CALLBACK (file_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * ft_dialogs_open_file_async:
 * @parent: (nullable): the window the dialog belongs to
 * @title: the dialog title
 * @filters: (nullable): a list of #GtkFileFilter; the first is selected
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called with the file
 * @user_data: data for @callback
 *
 * Lets the user pick one file to open, through the portal when there is one.
 */
void
ft_dialogs_open_file_async (GtkWindow           *parent,
                            const char          *title,
                            GListModel          *filters,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (filters == NULL || G_IS_LIST_MODEL (filters));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_dialogs_open_file_async);

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));

  if (filters != NULL)
    {
      guint n = g_list_model_get_n_items (filters);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

          gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
          if (i == 0)
            gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
        }
    }

  run_file_chooser (native, task);
}

/**
 * ft_dialogs_open_file_finish:
 * @result: the result
 * @error: return location for an error; %G_IO_ERROR_CANCELLED when the user
 *   chose nothing
 *
 * Returns: (transfer full): the chosen file
 */
GFile *
ft_dialogs_open_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_dialogs_open_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ft_dialogs_save_file_async:
 * @parent: (nullable): the window the dialog belongs to
 * @title: the dialog title
 * @initial_folder: (nullable): where to start
 * @initial_name: (nullable): the suggested file name
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called with the file
 * @user_data: data for @callback
 *
 * Lets the user pick where to save a file.
 */
void
ft_dialogs_save_file_async (GtkWindow           *parent,
                            const char          *title,
                            GFile               *initial_folder,
                            const char          *initial_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (initial_folder == NULL || G_IS_FILE (initial_folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_dialogs_save_file_async);

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));

  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  run_file_chooser (native, task);
}

/**
 * ft_dialogs_save_file_finish:
 * @result: the result
 * @error: return location for an error; %G_IO_ERROR_CANCELLED when the user
 *   chose nothing
 *
 * Returns: (transfer full): the chosen file
 */
GFile *
ft_dialogs_save_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_dialogs_save_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
