/* ft-fields-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-fields-editor"

#include "config.h"

#include "ft-fields-editor.h"

#include "ft-editor-util-private.h"
#include "ft-example-editor-private.h"
#include "ft-json-scan.h"
#include "ft-json-utils.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The top-level keys of an example outside its conversation and tools:
 * the data a reinforcement fine-tuning grader reads ("reference_answer"),
 * or keys another tool added. Each is an expander row with its value: a
 * string as plain text, anything else as pretty-printed JSON, checked as
 * it is typed. JSON that does not parse yet is kept as a string, so that
 * nothing typed is lost; the row says so.
 */

typedef struct
{
  char           *name;
  AdwExpanderRow *row;
  GtkTextView    *view;
  GtkLabel       *error_label;
  gboolean        is_string;
} FieldRow;

struct _FtFieldsEditor
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *group;

  /* Owned */
  FtExample            *example;
  GPtrArray            *rows;

  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (FtFieldsEditor, ft_fields_editor, GTK_TYPE_WIDGET)

static const char * const chat_keys[] = {
  "messages", "tools", "parallel_tool_calls", "functions", NULL,
};

static const char * const preference_keys[] = {
  "input", "preferred_output", "non_preferred_output", "preferred_completion",
  "non_preferred_completion", "tools", "parallel_tool_calls", "functions", NULL,
};

static void
field_row_free (gpointer data)
{
  FieldRow *row = data;

  g_free (row->name);
  g_free (row);
}

static FtExampleEditor *
get_editor (FtFieldsEditor *self)
{
  return (FtExampleEditor *)gtk_widget_get_ancestor (GTK_WIDGET (self), FT_TYPE_EXAMPLE_EDITOR);
}

static char **
dup_field_names (FtFieldsEditor *self)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *known;

  if (self->example == NULL)
    return g_strv_builder_end (builder);

  switch (ft_example_get_kind (self->example))
    {
    case FT_EXAMPLE_KIND_CHAT:
      known = chat_keys;
      break;
    case FT_EXAMPLE_KIND_PREFERENCE:
      known = preference_keys;
      break;
    case FT_EXAMPLE_KIND_PROMPT_COMPLETION:
    case FT_EXAMPLE_KIND_OTHER:
    case FT_EXAMPLE_KIND_NOT_OBJECT:
    case FT_EXAMPLE_KIND_BROKEN:
    default:
      return g_strv_builder_end (builder);
    }

  names = ft_example_dup_member_names (self->example);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (!g_strv_contains (known, names[i]))
        g_strv_builder_add (builder, names[i]);
    }

  return g_strv_builder_end (builder);
}

/* The text shown for a value: a string as it is, anything else as JSON. */
static char *
value_to_text (JsonNode *value,
               gboolean *is_string)
{
  g_autofree char *compact = NULL;

  *is_string = value != NULL && JSON_NODE_HOLDS_VALUE (value)
               && json_node_get_value_type (value) == G_TYPE_STRING;
  if (*is_string)
    return g_strdup (json_node_get_string (value));

  compact = ft_json_node_to_string (value);

  return ft_json_reformat (compact, -1, TRUE, NULL);
}

static void
show_error (FieldRow   *row,
            const char *error)
{
  _ft_editor_show_error (row->error_label, row->view, error);
}

static void
update_subtitle (FieldRow *row)
{
  g_autofree char *text = _ft_editor_dup_text (row->view);
  g_autofree char *line = g_strdelimit (g_strndup (text, 200), "\n\t", ' ');

  adw_expander_row_set_subtitle (row->row, line);
}

static void
on_buffer_changed_cb (FtFieldsEditor *self,
                      GtkTextBuffer  *buffer)
{
  FtExampleEditor *editor = get_editor (self);
  FieldRow *row = g_object_get_data (G_OBJECT (buffer), "ft-field");
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert (FT_IS_FIELDS_EDITOR (self));

  if (self->syncing || editor == NULL)
    return;

  text = _ft_editor_dup_text (row->view);
  if (!row->is_string)
    value = ft_json_parse_text (text, -1, &error);

  if (value == NULL)
    {
      /* Text, or JSON that does not parse yet: kept as a string. */
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, text);
    }

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the parser's message with line and column. */
      message = g_strdup_printf (_("%s. Until it is valid JSON, it is kept as text."),
                                 error->message);
      show_error (row, message);
    }
  else
    {
      show_error (row, NULL);
    }

  _ft_example_editor_set_field (editor, row->name, value);
  update_subtitle (row);
}

static void
on_focus_leave_cb (FtFieldsEditor          *self,
                   GtkEventControllerFocus *controller)
{
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_end_typing (editor);
}

static void
on_remove_clicked_cb (FtFieldsEditor *self,
                      GtkButton      *button)
{
  FtExampleEditor *editor = get_editor (self);
  FieldRow *row = g_object_get_data (G_OBJECT (button), "ft-field");

  if (editor == NULL)
    return;

  _ft_example_editor_end_typing (editor);
  _ft_example_editor_set_field (editor, row->name, NULL);
  _ft_example_editor_end_typing (editor);
}

static FieldRow *
create_row (FtFieldsEditor *self,
            const char     *name)
{
  FieldRow *row = g_new0 (FieldRow, 1);
  GtkWidget *list_row;
  GtkWidget *box;
  GtkWidget *remove;
  GtkTextBuffer *buffer;
  GtkEventController *focus;
  g_autofree char *label = NULL;

  row->name = g_strdup (name);
  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), name);

  /* Translators: accessible name of the button that removes field %s. */
  label = g_strdup_printf (_("Remove %s"), name);
  remove = _ft_editor_remove_button_new (_("Remove Field"), label);
  g_object_set_data (G_OBJECT (remove), "ft-field", row);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_action (row->row, remove);

  list_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "ft-field-value");

  row->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (row->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (row->view, FALSE);
  g_clear_pointer (&label, g_free);
  /* Translators: accessible name of the value of field %s. */
  label = g_strdup_printf (_("Value of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  buffer = gtk_text_view_get_buffer (row->view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_object_set_data (G_OBJECT (buffer), "ft-field", row);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->view));

  row->error_label = _ft_editor_error_label_new (row->view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->error_label));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  adw_expander_row_add_row (row->row, list_row);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (row->row), focus);

  return row;
}

static void
remove_rows (FtFieldsEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (self->group, GTK_WIDGET (row->row));
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* Shows the field's value unless the view holds it already. */
static void
fill_row (FtFieldsEditor *self,
          FieldRow       *row)
{
  g_autoptr(JsonNode) value = ft_example_dup_member (self->example, row->name);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_compact = NULL;
  g_autofree char *compact = NULL;
  gboolean is_string;

  text = value_to_text (value, &is_string);
  shown = _ft_editor_dup_text (row->view);

  /* A JSON field whose text does not parse is stored as a string: it stays
   * a JSON field for the user, who is typing it.
   */
  if (!row->is_string && is_string && g_strcmp0 (shown, text) == 0)
    return;

  shown_compact = ft_json_reformat (shown, -1, FALSE, NULL);
  compact = is_string ? NULL : ft_json_reformat (text, -1, FALSE, NULL);
  if (row->is_string == is_string
      && g_strcmp0 (is_string ? shown : shown_compact, is_string ? text : compact) == 0)
    return;

  row->is_string = is_string;
  gtk_text_view_set_monospace (row->view, !is_string);

  self->syncing = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (row->view), text != NULL ? text : "", -1);
  self->syncing = FALSE;

  show_error (row, NULL);
  update_subtitle (row);
}

static void
ft_fields_editor_dispose (GObject *object)
{
  FtFieldsEditor *self = (FtFieldsEditor *)object;
  GtkWidget *child;

  g_clear_object (&self->example);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_FIELDS_EDITOR);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_fields_editor_parent_class)->dispose (object);
}

static void
ft_fields_editor_class_init (FtFieldsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_fields_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-fields-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FtFieldsEditor, group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-fields-editor");
}

static void
ft_fields_editor_init (FtFieldsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (field_row_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * ft_fields_editor_new:
 *
 * Returns: (transfer floating): a new #FtFieldsEditor
 */
GtkWidget *
ft_fields_editor_new (void)
{
  return g_object_new (FT_TYPE_FIELDS_EDITOR, NULL);
}

/**
 * ft_fields_editor_get_example:
 * @self: a #FtFieldsEditor
 *
 * Returns: (transfer none) (nullable): the example whose fields are shown
 */
FtExample *
ft_fields_editor_get_example (FtFieldsEditor *self)
{
  g_return_val_if_fail (FT_IS_FIELDS_EDITOR (self), NULL);

  return self->example;
}

/**
 * ft_fields_editor_set_example:
 * @self: a #FtFieldsEditor
 * @example: (nullable): the example whose fields to show
 */
void
ft_fields_editor_set_example (FtFieldsEditor *self,
                              FtExample      *example)
{
  g_return_if_fail (FT_IS_FIELDS_EDITOR (self));
  g_return_if_fail (example == NULL || FT_IS_EXAMPLE (example));

  if (self->example == example)
    return;

  remove_rows (self);
  g_set_object (&self->example, example);
  ft_fields_editor_sync (self);
}

/**
 * ft_fields_editor_sync:
 * @self: a #FtFieldsEditor
 *
 * Shows the example's current fields; the editor hides itself when there
 * are none.
 */
void
ft_fields_editor_sync (FtFieldsEditor *self)
{
  g_auto(GStrv) names = NULL;
  gboolean same;

  g_return_if_fail (FT_IS_FIELDS_EDITOR (self));

  names = dup_field_names (self);

  same = g_strv_length (names) == self->rows->len;
  for (guint i = 0; same && i < self->rows->len; i++)
    same = g_str_equal (((FieldRow *)g_ptr_array_index (self->rows, i))->name, names[i]);

  if (!same)
    {
      remove_rows (self);

      for (guint i = 0; names[i] != NULL; i++)
        {
          FieldRow *row = create_row (self, names[i]);

          row->is_string = TRUE;
          adw_preferences_group_add (self->group, GTK_WIDGET (row->row));
          g_ptr_array_add (self->rows, row);
        }
    }

  for (guint i = 0; i < self->rows->len; i++)
    fill_row (self, g_ptr_array_index (self->rows, i));

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

/**
 * ft_fields_editor_get_n_fields:
 * @self: a #FtFieldsEditor
 *
 * Returns: the number of fields shown
 */
guint
ft_fields_editor_get_n_fields (FtFieldsEditor *self)
{
  g_return_val_if_fail (FT_IS_FIELDS_EDITOR (self), 0);

  return self->rows->len;
}
