/* ft-csv-mapping-dialog.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-csv-mapping-dialog"

#include "config.h"

#include "ft-csv-mapping-dialog.h"

#include <glib/gi18n.h>

/* Asked when a CSV file's column names do not say which column holds the
 * user's text and which the reply: one row per role, each a choice of
 * columns, with the first record's value shown so that people recognise
 * their data. Emits ::mapping-chosen with the import options.
 */

#define SAMPLE_MAX 80

struct _FtCsvMappingDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwComboRow    *assistant_row;
  AdwPreferencesGroup *columns_group;
  AdwComboRow    *system_row;
  AdwEntryRow    *system_text_row;
  AdwComboRow    *user_row;

  /* Owned */
  GFile          *file;
  char          **header;
  char          **first_record;
};

G_DEFINE_FINAL_TYPE (FtCsvMappingDialog, ft_csv_mapping_dialog, ADW_TYPE_WINDOW)

enum {
  MAPPING_CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static char *
sample_of (FtCsvMappingDialog *self,
           guint               column)
{
  GString *text;

  if (self->first_record == NULL || column >= g_strv_length (self->first_record))
    return g_strdup ("");

  text = g_string_new (NULL);
  for (const char *p = self->first_record[column]; *p != '\0' && text->len < SAMPLE_MAX;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (text, g_unichar_isspace (c) ? ' ' : c);
    }
  if (strlen (self->first_record[column]) > text->len)
    g_string_append (text, "…");

  return g_string_free (text, FALSE);
}

/* The system row has "None" first, so its columns are shifted by one. */
static int
row_column (AdwComboRow *row,
            gboolean     with_none)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return -1;

  return with_none ? (int)selected - 1 : (int)selected;
}

static void
update_rows (FtCsvMappingDialog *self)
{
  int user = row_column (self->user_row, FALSE);
  int assistant = row_column (self->assistant_row, FALSE);
  int system = row_column (self->system_row, TRUE);
  g_autofree char *user_sample = user >= 0 ? sample_of (self, user) : NULL;
  g_autofree char *assistant_sample = assistant >= 0 ? sample_of (self, assistant) : NULL;
  g_autofree char *system_sample = system >= 0 ? sample_of (self, system) : NULL;
  gboolean valid = user >= 0 && assistant >= 0 && user != assistant &&
                   system != user && system != assistant;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->user_row),
                               user_sample != NULL ? user_sample : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->assistant_row),
                               assistant_sample != NULL ? assistant_sample : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->system_row),
                               system_sample != NULL ? system_sample : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->system_text_row), system < 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.accept", valid);
}

static void
on_row_selected_cb (FtCsvMappingDialog *self,
                    GParamSpec         *pspec,
                    AdwComboRow        *row)
{
  update_rows (self);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ft_csv_mapping_dialog_accept (FT_CSV_MAPPING_DIALOG (widget));
}

static void
ft_csv_mapping_dialog_dispose (GObject *object)
{
  FtCsvMappingDialog *self = (FtCsvMappingDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_CSV_MAPPING_DIALOG);

  G_OBJECT_CLASS (ft_csv_mapping_dialog_parent_class)->dispose (object);
}

static void
ft_csv_mapping_dialog_finalize (GObject *object)
{
  FtCsvMappingDialog *self = (FtCsvMappingDialog *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->first_record, g_strfreev);

  G_OBJECT_CLASS (ft_csv_mapping_dialog_parent_class)->finalize (object);
}

static void
ft_csv_mapping_dialog_class_init (FtCsvMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_csv_mapping_dialog_dispose;
  object_class->finalize = ft_csv_mapping_dialog_finalize;

  /**
   * FtCsvMappingDialog::mapping-chosen:
   * @self: the dialog
   * @options: the import options with the chosen columns
   */
  signals[MAPPING_CHOSEN] =
    g_signal_new ("mapping-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, FT_TYPE_IMPORT_OPTIONS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/editor/ft-csv-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FtCsvMappingDialog, assistant_row);
  gtk_widget_class_bind_template_child (widget_class, FtCsvMappingDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, FtCsvMappingDialog, system_row);
  gtk_widget_class_bind_template_child (widget_class, FtCsvMappingDialog, system_text_row);
  gtk_widget_class_bind_template_child (widget_class, FtCsvMappingDialog, user_row);

  gtk_widget_class_install_action (widget_class, "mapping.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ft_csv_mapping_dialog_init (FtCsvMappingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ft_csv_mapping_dialog_new:
 * @file: the CSV file
 * @header: the column names
 * @first_record: (nullable): the first record, shown as a sample
 *
 * Returns: (transfer full): a new dialog
 */
GtkWidget *
ft_csv_mapping_dialog_new (GFile              *file,
                           const char * const *header,
                           const char * const *first_record)
{
  FtCsvMappingDialog *self;
  g_autoptr(GtkStringList) columns = NULL;
  g_autoptr(GtkStringList) system_columns = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  guint n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (header != NULL, NULL);

  self = g_object_new (FT_TYPE_CSV_MAPPING_DIALOG, NULL);
  self->file = g_object_ref (file);
  self->header = g_strdupv ((char **)header);
  self->first_record = g_strdupv ((char **)first_record);
  n = g_strv_length (self->header);

  columns = gtk_string_list_new (NULL);
  system_columns = gtk_string_list_new (NULL);
  gtk_string_list_append (system_columns, C_("column", "None"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      if (self->header[i][0] != '\0')
        label = g_strdup (self->header[i]);
      else
        /* Translators: an unnamed CSV column, by number. */
        label = g_strdup_printf (_("Column %u"), i + 1);

      gtk_string_list_append (columns, label);
      gtk_string_list_append (system_columns, label);
    }

  adw_combo_row_set_model (self->user_row, G_LIST_MODEL (columns));
  adw_combo_row_set_model (self->assistant_row, G_LIST_MODEL (columns));
  adw_combo_row_set_model (self->system_row, G_LIST_MODEL (system_columns));

  /* A guess: the last two columns are most often question and answer. */
  adw_combo_row_set_selected (self->user_row, n >= 2 ? n - 2 : 0);
  adw_combo_row_set_selected (self->assistant_row, n >= 1 ? n - 1 : 0);
  adw_combo_row_set_selected (self->system_row, 0);

  name = g_file_get_basename (file);
  /* Translators: %s is a file name. */
  description = g_strdup_printf (ngettext ("“%s” has %u column. Choose the one with what people "
                                           "ask and the one with the replies the model should "
                                           "learn.",
                                           "“%s” has %u columns. Choose the one with what people "
                                           "ask and the one with the replies the model should "
                                           "learn.",
                                           n),
                                 name, n);
  adw_preferences_group_set_description (self->columns_group, description);

  g_signal_connect_object (self->user_row, "notify::selected",
                           G_CALLBACK (on_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->assistant_row, "notify::selected",
                           G_CALLBACK (on_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->system_row, "notify::selected",
                           G_CALLBACK (on_row_selected_cb), self, G_CONNECT_SWAPPED);
  update_rows (self);

  return GTK_WIDGET (self);
}

/**
 * ft_csv_mapping_dialog_get_file:
 * @self: a #FtCsvMappingDialog
 *
 * Returns: (transfer none): the CSV file
 */
GFile *
ft_csv_mapping_dialog_get_file (FtCsvMappingDialog *self)
{
  g_return_val_if_fail (FT_IS_CSV_MAPPING_DIALOG (self), NULL);

  return self->file;
}

/**
 * ft_csv_mapping_dialog_set_columns:
 * @self: a #FtCsvMappingDialog
 * @system: the system prompt column, or -1 for none
 * @user: the user message column
 * @assistant: the assistant reply column
 *
 * Chooses the columns (0-based), as a user would.
 */
void
ft_csv_mapping_dialog_set_columns (FtCsvMappingDialog *self,
                                   int                 system,
                                   int                 user,
                                   int                 assistant)
{
  g_return_if_fail (FT_IS_CSV_MAPPING_DIALOG (self));

  adw_combo_row_set_selected (self->system_row, system + 1);
  adw_combo_row_set_selected (self->user_row, user);
  adw_combo_row_set_selected (self->assistant_row, assistant);
}

/**
 * ft_csv_mapping_dialog_accept:
 * @self: a #FtCsvMappingDialog
 *
 * Emits ::mapping-chosen with the chosen columns and closes the dialog,
 * when the choice is complete.
 */
void
ft_csv_mapping_dialog_accept (FtCsvMappingDialog *self)
{
  g_autoptr(FtImportOptions) options = NULL;
  g_autoptr(FtCsvMapping) mapping = NULL;
  int system;
  int user;
  int assistant;
  const char *system_text;

  g_return_if_fail (FT_IS_CSV_MAPPING_DIALOG (self));

  system = row_column (self->system_row, TRUE);
  user = row_column (self->user_row, FALSE);
  assistant = row_column (self->assistant_row, FALSE);
  if (user < 0 || assistant < 0 || user == assistant || system == user || system == assistant)
    return;

  mapping = ft_csv_mapping_new ();
  if (system >= 0)
    ft_csv_mapping_add (mapping, FT_ROLE_SYSTEM, system);
  ft_csv_mapping_add (mapping, FT_ROLE_USER, user);
  ft_csv_mapping_add (mapping, FT_ROLE_ASSISTANT, assistant);

  options = ft_import_options_new ();
  ft_import_options_set_format (options, FT_IMPORT_FORMAT_CSV);
  ft_import_options_set_mapping (options, mapping);

  system_text = gtk_editable_get_text (GTK_EDITABLE (self->system_text_row));
  if (system < 0 && system_text != NULL && system_text[0] != '\0')
    ft_import_options_set_system_text (options, system_text);

  g_object_ref (self);
  g_signal_emit (self, signals[MAPPING_CHOSEN], 0, options);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}
