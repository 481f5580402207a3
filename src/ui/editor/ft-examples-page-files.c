/* ft-examples-page-files.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-examples-page"

#include "config.h"

#include "ft-csv-mapping-dialog.h"
#include "ft-dialogs.h"
#include "ft-error.h"
#include "ft-examples-page-private.h"
#include "ft-format.h"
#include "ft-import.h"
#include "ft-recent.h"

#include <glib/gi18n.h>

/* Opening and saving: new, open (JSONL, CSV and legacy files through the
 * import), recent files, drag and drop, save and save as, the sample
 * dataset of the first start, and the unsaved-changes question before
 * anything replaces the dataset or the window closes.
 */

#define SAMPLE_URI  "resource://" RESOURCE_BASE "/editor/sample-dataset.jsonl"
#define MAX_RECENT  8

/* What to do once the unsaved changes are saved or discarded. */
typedef void (*ThenFunc) (FtExamplesPage *self,
                          gpointer        data);

typedef struct
{
  FtExamplesPage *self;
  ThenFunc        then;
  gpointer        data;
  GDestroyNotify  destroy;
} Then;

static void
then_free (Then *then)
{
  if (then->destroy != NULL && then->data != NULL)
    then->destroy (then->data);
  g_clear_object (&then->self);
  g_free (then);
}

static void
then_run (Then *then)
{
  then->then (then->self, then->data);
  then_free (then);
}

static char *
dataset_display_name (FtExamplesPage *self)
{
  GFile *file = ft_dataset_get_file (self->dataset);

  if (file != NULL)
    return g_file_get_basename (file);

  return g_strdup (self->title != NULL ? self->title : _("New Dataset"));
}

static gboolean
is_table_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
         g_str_has_suffix (lower, ".tab");
}

static void
remember_folder (FtExamplesPage *self,
                 GFile          *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = NULL;

  if (parent == NULL || !g_file_is_native (parent))
    return;

  uri = g_file_get_uri (parent);
  g_settings_set_string (self->settings, "last-folder", uri);
}

static GFile *
start_folder (FtExamplesPage *self)
{
  GFile *file = ft_dataset_get_file (self->dataset);
  g_autofree char *uri = NULL;

  if (file != NULL && g_file_is_native (file))
    return g_file_get_parent (file);

  uri = g_settings_get_string (self->settings, "last-folder");
  if (uri[0] != '\0')
    return g_file_new_for_uri (uri);

  return NULL;
}

/* Recent files */

static void
rebuild_recent_menu (FtExamplesPage *self)
{
  GList *items;
  guint n = 0;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  g_menu_remove_all (self->recent_menu);

  items = gtk_recent_manager_get_items (self->recent_manager);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;
      const char *uri;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()) ||
          !gtk_recent_info_is_local (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      uri = gtk_recent_info_get_uri (info);
      g_menu_item_set_action_and_target_value (item, "examples.open-recent",
                                               g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);

  /* An empty menu would open as an empty popover. */
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Datasets"), "examples.no-recent");

      g_menu_append_item (self->recent_menu, item);
    }
}

static void
add_recent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Recent files are a convenience: a failure is only logged. */
  if (!ft_recent_add_finish (result, &error))
    g_debug ("%s", error->message);
}

static void
add_recent (FtExamplesPage *self,
            GFile          *file)
{
  g_autofree char *exec = NULL;

  if (!g_file_is_native (file))
    return;

  exec = g_strjoin (" ", g_get_prgname (), "%u", NULL);
  ft_recent_add_async (file, g_get_application_name (), exec, NULL, add_recent_cb, NULL);
}

/* Loading */

static void
query_size_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, NULL);
  if (info != NULL && !g_cancellable_is_cancelled (self->load_cancellable))
    self->file_size = g_file_info_get_size (info);
}

static void start_load (FtExamplesPage  *self,
                        GFile           *file,
                        FtImportOptions *options,
                        gboolean         import);

static void
mapping_chosen_cb (FtCsvMappingDialog *dialog,
                   FtImportOptions    *options,
                   FtExamplesPage     *self)
{
  GFile *file = ft_csv_mapping_dialog_get_file (dialog);

  start_load (self, file, options, TRUE);
}

static void
csv_header_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtCsvMapping) mapping = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  GError *import_error = g_object_get_data (object, "ft-import-error");
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *title = g_strdup_printf (_("Could Not Open “%s”"), name);
  GtkWidget *dialog;

  if (!ft_import_read_csv_header_finish (G_FILE (object), result, &header, &first, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _ft_examples_page_show_error (self, title, error);
      return;
    }

  /* Columns the names already map failed for another reason (a syntax
   * error): say so instead of asking.
   */
  mapping = ft_csv_mapping_new_from_header ((const char * const *)header, NULL);
  if (mapping != NULL)
    {
      _ft_examples_page_show_error (self, title, import_error);
      return;
    }

  dialog = ft_csv_mapping_dialog_new (G_FILE (object), (const char * const *)header,
                                      (const char * const *)first);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), _ft_examples_page_get_window (self));
  g_signal_connect_object (dialog, "mapping-chosen", G_CALLBACK (mapping_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_sample (FtExamplesPage *self)
{
  /* The sample is nobody's file: saving asks for a name. */
  ft_dataset_set_file (self->dataset, NULL);
  ft_dataset_set_modified (self->dataset, FALSE);
  g_free (self->title);
  self->title = g_strdup (_("Bicycle Shop Sample"));
  self->sample = TRUE;
}

static void
finish_loading (FtExamplesPage *self,
                gboolean        ok,
                const GError   *error,
                char          **warnings,
                gboolean        import)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->loading_file);

  self->file_size = 0;
  ft_history_clear (self->history);

  if (!ok)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = g_strdup_printf (_("Could Not Open “%s”"), name);

      g_clear_pointer (&self->title, g_free);
      g_clear_object (&self->import_file);
      self->csv_origin = FALSE;

      /* Columns that do not map: let the user choose them. */
      if (import && is_table_file (file) && g_error_matches (error,
                                                             FT_DATASET_ERROR,
                                                             FT_DATASET_ERROR_PARSE))
        {
          g_object_set_data_full (G_OBJECT (file), "ft-import-error",
                                  g_error_copy (error), (GDestroyNotify)g_error_free);
          ft_import_read_csv_header_async (file,
                                           self->cancellable,
                                           csv_header_cb,
                                           g_object_ref (self));
        }
      else
        {
          _ft_examples_page_show_error (self, title, error);
        }

      _ft_examples_page_update_header (self);
      _ft_examples_page_update_actions (self);
      return;
    }

  if (g_file_has_uri_scheme (file, "resource"))
    {
      finish_sample (self);
    }
  else if (!import && ft_dataset_get_kind (self->dataset) == FT_DATASET_KIND_PROMPT_COMPLETION)
    {
      /* Legacy prompt/completion lines open converted to chat. */
      start_load (self, file, NULL, TRUE);
      return;
    }
  else
    {
      add_recent (self, file);
      remember_folder (self, file);
    }

  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("\n", warnings);
      g_autoptr(GError) details = g_error_new_literal (FT_DATASET_ERROR,
                                                       FT_DATASET_ERROR_PARSE,
                                                       joined);

      _ft_examples_page_show_error (self, _("Some Lines Were Kept as They Are"), details);
    }

  _ft_examples_page_update_header (self);
  _ft_examples_page_update_actions (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = ft_dataset_load_finish (FT_DATASET (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_loading (self, ok, error, NULL, FALSE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  gboolean ok;

  ok = ft_dataset_import_finish (FT_DATASET (object), result, &warnings, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_loading (self, ok, error, warnings, TRUE);
}

static void
start_load (FtExamplesPage  *self,
            GFile           *file,
            FtImportOptions *options,
            gboolean         import)
{
  g_assert (FT_IS_EXAMPLES_PAGE (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  _ft_examples_page_reset_view (self);
  ft_history_clear (self->history);
  self->sample = FALSE;
  self->csv_origin = import;
  self->file_size = 0;
  g_clear_pointer (&self->title, g_free);

  g_clear_object (&self->import_file);
  if (import)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: the title of a dataset converted from a CSV or legacy file. */
      self->title = g_strdup_printf (_("%s (converted)"), name);
      self->import_file = g_object_ref (file);
    }

  g_set_object (&self->loading_file, file);

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->load_cancellable,
                           query_size_cb, g_object_ref (self));

  if (import)
    ft_dataset_import_async (self->dataset, file, options, self->load_cancellable,
                             import_done_cb, g_object_ref (self));
  else
    ft_dataset_load_async (self->dataset, file, self->load_cancellable,
                           load_done_cb, g_object_ref (self));

  _ft_examples_page_update_header (self);
  _ft_examples_page_update_actions (self);
}

static void
load_file (FtExamplesPage *self,
           GFile          *file)
{
  start_load (self, file, NULL, is_table_file (file));
}

static void
clear_dataset (FtExamplesPage *self,
               gpointer        data)
{
  g_cancellable_cancel (self->load_cancellable);
  _ft_examples_page_reset_view (self);
  ft_dataset_remove_all (self->dataset);
  ft_dataset_set_file (self->dataset, NULL);
  ft_dataset_set_modified (self->dataset, FALSE);
  ft_history_clear (self->history);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->import_file);
  self->sample = FALSE;
  self->csv_origin = FALSE;
  _ft_examples_page_update_header (self);
  _ft_examples_page_update_actions (self);
}

static void
open_file_then (FtExamplesPage *self,
                gpointer        data)
{
  load_file (self, G_FILE (data));
}

/* Saving */

typedef struct
{
  GFile    *file;
  gboolean  save_as;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
dataset_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FtExamplesPage *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ft_dataset_save_finish (FT_DATASET (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->csv_origin = FALSE;
  self->sample = FALSE;
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->import_file);
  add_recent (self, data->file);
  remember_folder (self, data->file);
  _ft_examples_page_update_header (self);

  g_task_return_boolean (task, TRUE);
}

static void
write_file (GTask *task)
{
  FtExamplesPage *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);

  ft_dataset_checker_flush (self->checker);
  ft_dataset_save_async (self->dataset, data->file, g_task_get_cancellable (task),
                         dataset_saved_cb, task);
}

static void
file_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  data->file = ft_dialogs_save_file_finish (result, &error);
  if (data->file == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A table file is never overwritten with JSON Lines. */
  name = g_file_get_basename (data->file);
  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
      g_str_has_suffix (lower, ".tab"))
    {
      g_task_return_new_error (task, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                               _("Exemplar saves datasets as JSON Lines, so “%s” was not "
                                 "overwritten. Choose a name that ends in .jsonl."),
                               name);
      return;
    }

  write_file (g_steal_pointer (&task));
}

static char *
suggest_name (FtExamplesPage *self)
{
  g_autofree char *base = NULL;
  GFile *file = self->import_file;
  char *dot;

  if (self->sample)
    return g_strdup (_("bicycle-shop-examples.jsonl"));

  if (ft_dataset_get_file (self->dataset) != NULL)
    return g_file_get_basename (ft_dataset_get_file (self->dataset));

  if (file == NULL)
    return g_strdup (_("examples.jsonl"));

  base = g_file_get_basename (file);
  dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';

  return g_strconcat (base, ".chat.jsonl", NULL);
}

static void
save_async (FtExamplesPage      *self,
            gboolean             save_as,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;
  GFile *file = ft_dataset_get_file (self->dataset);

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, save_async);
  data = g_new0 (SaveData, 1);
  data->save_as = save_as;
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  if (file == NULL || save_as || self->csv_origin)
    {
      g_autoptr(GFile) folder = start_folder (self);
      g_autofree char *name = suggest_name (self);

      ft_dialogs_save_file_async (_ft_examples_page_get_window (self),
                                  _("Save Dataset"), folder, name,
                                  self->cancellable, file_chosen_cb, g_steal_pointer (&task));
      return;
    }

  data->file = g_object_ref (file);
  write_file (g_steal_pointer (&task));
}

static gboolean
save_finish (FtExamplesPage  *self,
             GAsyncResult    *result,
             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_action_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FtExamplesPage *self = FT_EXAMPLES_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!save_finish (self, result, &error))
    _ft_examples_page_show_error (self, _("Could Not Save Dataset"), error);
}

void
_ft_examples_page_save (FtExamplesPage *self,
                        gboolean        save_as)
{
  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  if (ft_dataset_get_loading (self->dataset))
    return;

  save_async (self, save_as, save_action_cb, NULL);
}

/* Unsaved changes */

static void
saved_then_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Then *then = user_data;
  g_autoptr(GError) error = NULL;

  if (!save_finish (FT_EXAMPLES_PAGE (object), result, &error))
    {
      _ft_examples_page_show_error (then->self, _("Could Not Save Dataset"), error);
      then_free (then);
      return;
    }

  then_run (then);
}

static void
unsaved_answer_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Then *then = user_data;
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);

  if (g_strcmp0 (response, "save") == 0)
    {
      save_async (then->self, FALSE, saved_then_cb, then);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      g_autoptr(GError) error = NULL;

      /* Discarded on purpose: no recovery offer for these edits. */
      if (!ft_recovery_discard (then->self->recovery, &error))
        g_warning ("Could not remove the recovery copy: %s", error->message);
      then_run (then);
    }
  else
    {
      then_free (then);
    }
}

static void
ask_about_changes (FtExamplesPage *self,
                   ThenFunc        func,
                   gpointer        data,
                   GDestroyNotify  destroy)
{
  const FtDialogResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE },
    { "save", _("_Save"), ADW_RESPONSE_SUGGESTED },
  };
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  Then *then;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  then = g_new0 (Then, 1);
  then->self = g_object_ref (self);
  then->then = func;
  then->data = data;
  then->destroy = destroy;

  if (!ft_dataset_get_modified (self->dataset) || ft_dataset_get_loading (self->dataset))
    {
      then_run (then);
      return;
    }

  name = dataset_display_name (self);
  /* Translators: %s is the name of a dataset. */
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be "
                            "permanently lost."), name);

  ft_dialogs_choose_async (_ft_examples_page_get_window (self), _("Save Changes?"), body,
                           responses, G_N_ELEMENTS (responses), "save", "cancel",
                           self->cancellable, unsaved_answer_cb, then);
}

/* Actions */

void
_ft_examples_page_new_dataset (FtExamplesPage *self)
{
  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  ask_about_changes (self, clear_dataset, NULL, NULL);
}

static void
open_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = ft_dialogs_open_file_finish (result, &error);
  if (file == NULL)
    {
      _ft_examples_page_show_error (self, _("Could Not Open Dataset"), error);
      return;
    }

  ft_examples_page_open_file (self, file);
}

static GListModel *
make_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) datasets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (datasets, _("Datasets (JSON Lines, CSV)"));
  gtk_file_filter_add_pattern (datasets, "*.jsonl");
  gtk_file_filter_add_pattern (datasets, "*.JSONL");
  gtk_file_filter_add_pattern (datasets, "*.json");
  gtk_file_filter_add_pattern (datasets, "*.ndjson");
  gtk_file_filter_add_pattern (datasets, "*.csv");
  gtk_file_filter_add_pattern (datasets, "*.CSV");
  gtk_file_filter_add_pattern (datasets, "*.tsv");
  gtk_file_filter_add_mime_type (datasets, "application/jsonl");
  gtk_file_filter_add_mime_type (datasets, "text/csv");
  g_list_store_append (filters, datasets);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, all);

  return G_LIST_MODEL (filters);
}

void
_ft_examples_page_open (FtExamplesPage *self)
{
  g_autoptr(GListModel) filters = make_filters ();

  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  ft_dialogs_open_file_async (_ft_examples_page_get_window (self), _("Open Dataset"), filters,
                              self->cancellable, open_chosen_cb, g_object_ref (self));
}

void
_ft_examples_page_open_uri (FtExamplesPage *self,
                            const char     *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  ft_examples_page_open_file (self, file);
}

static void
on_recent_changed_cb (FtExamplesPage   *self,
                      GtkRecentManager *manager)
{
  rebuild_recent_menu (self);
}

void
_ft_examples_page_init_files (FtExamplesPage *self)
{
  self->recent_menu = g_menu_new ();
  self->recent_manager = gtk_recent_manager_get_default ();
  g_signal_connect_object (self->recent_manager, "changed",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
}

/* Public API */

/**
 * ft_examples_page_open_file:
 * @self: a #FtExamplesPage
 * @file: a JSONL, CSV or legacy prompt/completion file
 *
 * Opens @file in place of the current dataset, after asking what to do
 * with unsaved changes. Loading streams: the first examples show at once.
 */
void
ft_examples_page_open_file (FtExamplesPage *self,
                            GFile          *file)
{
  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  ask_about_changes (self, open_file_then, g_object_ref (file), g_object_unref);
}

static void
show_sample_or_nothing (FtExamplesPage *self)
{
  g_autoptr(GFile) sample = NULL;

  if (g_settings_get_boolean (self->settings, "sample-shown"))
    return;

  sample = g_file_new_for_uri (SAMPLE_URI);
  g_settings_set_boolean (self->settings, "sample-shown", TRUE);
  start_load (self, sample, NULL, FALSE);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  FtRecoverySession *session = FT_RECOVERY_SESSION (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) discard_error = NULL;

  if (!ft_recovery_session_restore_finish (session, result, &error))
    {
      _ft_examples_page_show_error (self, _("Could Not Restore Unsaved Changes"), error);
      return;
    }

  /* The dataset now has unsaved edits again, which the page's own
   * recovery copies from here on; the old copy can go.
   */
  if (!ft_recovery_session_discard (session, &discard_error))
    g_warning ("Could not remove the old recovery copy: %s", discard_error->message);

  ft_history_clear (self->history);
  if (ft_dataset_get_file (self->dataset) == NULL)
    {
      g_free (self->title);
      self->title = g_strdup (_("Restored Dataset"));
    }

  _ft_examples_page_update_header (self);
  _ft_examples_page_update_actions (self);
  _ft_examples_page_show_toast (self, _("Unsaved changes restored"), FALSE);
}

static void
restore_answer_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FtRecoverySession *session = user_data;
  FtExamplesPage *self = g_object_get_data (G_OBJECT (session), "ft-page");
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);

  if (g_strcmp0 (response, "restore") == 0)
    {
      _ft_examples_page_reset_view (self);
      ft_recovery_session_restore_async (session, self->dataset, self->cancellable,
                                         restored_cb, g_object_ref (self));
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!ft_recovery_session_discard (session, &error))
        g_warning ("Could not remove the recovery copy: %s", error->message);
      show_sample_or_nothing (self);
    }

  g_object_unref (session);
}

static void
offer_restore (FtExamplesPage    *self,
               FtRecoverySession *session)
{
  const FtDialogResponse responses[] = {
    { "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE },
    { "restore", _("_Restore"), ADW_RESPONSE_SUGGESTED },
  };
  g_autofree char *name = ft_recovery_session_dup_display_name (session);
  g_autofree char *when = NULL;
  g_autofree char *count = ft_format_integer (ft_recovery_session_get_n_examples (session));
  g_autofree char *body = NULL;
  GDateTime *modified = ft_recovery_session_get_modified (session);

  if (modified != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (modified);

      /* Translators: a date and time, see g_date_time_format(). */
      when = g_date_time_format (local, _("%-d %B %Y at %H:%M"));
    }

  /* Translators: "“support.jsonl” had unsaved changes when Exemplar
   * stopped on 26 November 2026 at 14:02 (1,204 examples)."
   */
  body = g_strdup_printf (ngettext ("“%s” had unsaved changes when Exemplar stopped on %s "
                                    "(%s example). Restore them?",
                                    "“%s” had unsaved changes when Exemplar stopped on %s "
                                    "(%s examples). Restore them?",
                                    ft_recovery_session_get_n_examples (session)),
                          name, when != NULL ? when : "?", count);

  g_object_set_data (G_OBJECT (session), "ft-page", self);
  ft_dialogs_choose_async (_ft_examples_page_get_window (self), _("Unsaved Changes Found"), body,
                           responses, G_N_ELEMENTS (responses), "restore", "discard",
                           self->cancellable, restore_answer_cb, g_object_ref (session));
}

static void
sessions_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtRecoverySession) newest = NULL;
  guint n;

  sessions = ft_recovery_list_sessions_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  n = sessions != NULL ? g_list_model_get_n_items (sessions) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FtRecoverySession) session = g_list_model_get_item (sessions, i);

      /* Not the copy this page itself writes. */
      if (ft_recovery_get_recovery_file (self->recovery) != NULL &&
          g_file_equal (ft_recovery_session_get_recovery_file (session),
                        ft_recovery_get_recovery_file (self->recovery)))
        continue;

      if (newest == NULL ||
          g_date_time_compare (ft_recovery_session_get_modified (session),
                               ft_recovery_session_get_modified (newest)) > 0)
        g_set_object (&newest, session);
    }

  if (newest != NULL)
    offer_restore (self, newest);
  else
    show_sample_or_nothing (self);
}

/**
 * ft_examples_page_start:
 * @self: a #FtExamplesPage
 *
 * What the page shows when the app starts without a file: the unsaved
 * changes of a session that ended without saving them (after asking), the
 * sample dataset the very first time, otherwise a new, empty dataset.
 */
void
ft_examples_page_start (FtExamplesPage *self)
{
  g_autofree char *directory = NULL;

  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  directory = g_strdup (ft_recovery_get_directory (self->recovery));
  ft_recovery_list_sessions_async (directory, self->cancellable, sessions_listed_cb,
                                   g_object_ref (self));
}

static void
close_then (FtExamplesPage *self,
            gpointer        data)
{
  GTask *task = data;

  g_task_return_boolean (task, TRUE);
}

static void
close_task_free (gpointer data)
{
  GTask *task = data;

  /* Not answered with "close": the user cancelled. */
  if (!g_task_get_completed (task))
    g_task_return_boolean (task, FALSE);
  g_object_unref (task);
}

/**
 * ft_examples_page_close_async:
 * @self: a #FtExamplesPage
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks what to do with unsaved changes before the window closes: save,
 * discard, or cancel closing.
 */
void
ft_examples_page_close_async (FtExamplesPage      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_examples_page_close_async);

  ask_about_changes (self, close_then, task, close_task_free);
}

/**
 * ft_examples_page_close_finish:
 * @self: a #FtExamplesPage
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the window may close (nothing unsaved, saved or
 *   discarded), %FALSE when the user cancelled
 */
gboolean
ft_examples_page_close_finish (FtExamplesPage  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
