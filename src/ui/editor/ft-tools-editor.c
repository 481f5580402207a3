/* ft-tools-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-tools-editor"

#include "config.h"

#include "ft-tools-editor.h"

#include "ft-editor-util-private.h"
#include "ft-example-editor-private.h"
#include "ft-json-utils.h"
#include "ft-tool-calls.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The tool definitions of an example ("tools"): one expander row per
 * function with its name, description and parameters schema. The schema
 * is edited as pretty-printed JSON and checked as it is typed; the
 * parser's message shows under it. Every change goes to the editor as
 * one call, which records it for undo.
 */

typedef struct
{
  AdwExpanderRow *row;
  AdwEntryRow    *name;
  AdwEntryRow    *description;
  GtkTextView    *parameters;
  GtkLabel       *error_label;
  char           *error;
} ToolRow;

struct _FtToolsEditor
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *group;

  /* Owned */
  FtExample            *example;
  GPtrArray            *rows;
  GtkWidget            *empty_row;

  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (FtToolsEditor, ft_tools_editor, GTK_TYPE_WIDGET)

static void
tool_row_free (gpointer data)
{
  ToolRow *row = data;

  g_free (row->error);
  g_free (row);
}

static FtExampleEditor *
get_editor (FtToolsEditor *self)
{
  return (FtExampleEditor *)gtk_widget_get_ancestor (GTK_WIDGET (self), FT_TYPE_EXAMPLE_EDITOR);
}

static int
find_row (FtToolsEditor *self,
          GtkWidget     *widget)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ToolRow *row = g_ptr_array_index (self->rows, i);

      if (widget == GTK_WIDGET (row->row) || gtk_widget_is_ancestor (widget, GTK_WIDGET (row->row)))
        return i;
    }

  return -1;
}

static void
show_error (ToolRow    *row,
            const char *error)
{
  g_free (row->error);
  row->error = g_strdup (error);

  _ft_editor_show_error (row->error_label, row->parameters, error);
}

/* Says what is wrong with the parameters shown, as storing them would. */
static void
check_parameters (ToolRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = _ft_editor_dup_text (row->parameters);
  const char *start = text;

  while (g_ascii_isspace (*start))
    start++;

  if (*start == '\0')
    show_error (row, NULL);
  else if (!ft_json_check_text (text, -1, NULL, &error))
    show_error (row, error->message);
  else if (*start != '{')
    show_error (row,
                _("The parameters must be a JSON schema object, like {\"type\": \"object\", "
                  "\"properties\": {…}}"));
  else
    show_error (row, NULL);
}

static void
update_titles (ToolRow *row)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row->name));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (row->description));
  g_autofree char *label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                 name[0] != '\0' ? name : _("Unnamed Function"));
  adw_expander_row_set_subtitle (row->row, description);

  /* Translators: accessible name of the parameters schema of function %s. */
  label = g_strdup_printf (_("Parameters of %s"), name[0] != '\0' ? name : _("Unnamed Function"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->parameters),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Stores the row's fields; the parameters as typed, checked. */
static void
store_row (FtToolsEditor *self,
           ToolRow       *row)
{
  FtExampleEditor *editor = get_editor (self);
  g_autofree char *parameters = NULL;
  int index;

  g_assert (FT_IS_TOOLS_EDITOR (self));

  if (self->syncing || editor == NULL)
    return;

  index = find_row (self, GTK_WIDGET (row->row));
  g_return_if_fail (index >= 0);

  parameters = _ft_editor_dup_text (row->parameters);
  _ft_example_editor_set_tool (editor, index,
                               gtk_editable_get_text (GTK_EDITABLE (row->name)),
                               gtk_editable_get_text (GTK_EDITABLE (row->description)),
                               parameters, NULL);
  check_parameters (row);
  update_titles (row);
}

static void
on_field_changed_cb (FtToolsEditor *self,
                     gpointer       field)
{
  int index = find_row (self, GTK_IS_TEXT_BUFFER (field)
                                ? g_object_get_data (field, "ft-view")
                                : field);

  if (index >= 0)
    store_row (self, g_ptr_array_index (self->rows, index));
}

static void
on_focus_leave_cb (FtToolsEditor           *self,
                   GtkEventControllerFocus *controller)
{
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_end_typing (editor);
}

static void
on_remove_clicked_cb (FtToolsEditor *self,
                      GtkButton     *button)
{
  FtExampleEditor *editor = get_editor (self);
  int index = find_row (self, GTK_WIDGET (button));

  if (editor != NULL && index >= 0)
    _ft_example_editor_remove_tool (editor, index);
}

static ToolRow *
create_row (FtToolsEditor *self)
{
  ToolRow *row = g_new0 (ToolRow, 1);
  GtkWidget *list_row;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *remove;
  GtkTextBuffer *buffer;
  GtkEventController *focus;

  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_expander_row_set_icon_name (row->row, "system-run-symbolic");

  remove = _ft_editor_remove_button_new (_("Remove Tool"), _("Remove Tool"));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_action (row->row, remove);

  row->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->name), _("Name"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (row->name), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (row->name), "monospace");
  g_signal_connect_object (row->name, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->name));

  row->description = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->description), _("Description"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (row->description), FALSE);
  g_signal_connect_object (row->description, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->description));

  list_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "ft-tool-parameters");
  label = gtk_label_new (_("Parameters (JSON schema)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  row->parameters = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (row->parameters, TRUE);
  gtk_text_view_set_wrap_mode (row->parameters, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (row->parameters, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (row->parameters), "ft-tool-schema");
  buffer = gtk_text_view_get_buffer (row->parameters);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_object_set_data (G_OBJECT (buffer), "ft-view", row->parameters);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->parameters));

  row->error_label = _ft_editor_error_label_new (row->parameters);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->error_label));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  adw_expander_row_add_row (row->row, list_row);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (row->row), focus);

  return row;
}

/* Shows tool @index in @row, leaving alone what equals it already (so
 * that what the user types is not reformatted under the cursor).
 */
static void
fill_row (FtToolsEditor *self,
          ToolRow       *row,
          guint          index)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_compact = NULL;
  g_autofree char *stored_compact = NULL;

  g_assert (FT_IS_TOOLS_EDITOR (self));

  ft_example_get_tool (self->example, index, &name, &description, &parameters);

  self->syncing = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->name)), name != NULL ? name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->name), name != NULL ? name : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->description)),
                 description != NULL ? description : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->description), description != NULL ? description : "");

  shown = _ft_editor_dup_text (row->parameters);
  shown_compact = ft_json_reformat (shown, -1, FALSE, NULL);
  if (parameters != NULL)
    stored_compact = ft_json_reformat (parameters, -1, FALSE, NULL);
  if (stored_compact == NULL)
    stored_compact = g_strdup (parameters != NULL ? parameters : "");
  if (g_strcmp0 (shown_compact != NULL ? shown_compact : shown, stored_compact) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (row->parameters),
                              parameters != NULL ? parameters : "", -1);

  self->syncing = FALSE;

  check_parameters (row);
  update_titles (row);
}

static void
update_empty (FtToolsEditor *self)
{
  g_assert (FT_IS_TOOLS_EDITOR (self));

  gtk_widget_set_visible (self->empty_row, self->rows->len == 0);
}

static void
ft_tools_editor_add_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  FtToolsEditor *self = FT_TOOLS_EDITOR (widget);
  FtExampleEditor *editor = get_editor (self);

  if (editor == NULL || self->example == NULL)
    return;

  _ft_example_editor_add_tool (editor);
  ft_tools_editor_sync (self);
  ft_tools_editor_focus_tool (self, self->rows->len - 1);
}

static void
ft_tools_editor_dispose (GObject *object)
{
  FtToolsEditor *self = (FtToolsEditor *)object;
  GtkWidget *child;

  g_clear_object (&self->example);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_TOOLS_EDITOR);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_tools_editor_parent_class)->dispose (object);
}

static void
ft_tools_editor_class_init (FtToolsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_tools_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-tools-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FtToolsEditor, group);

  gtk_widget_class_install_action (widget_class, "tools.add", NULL, ft_tools_editor_add_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-tools-editor");
}

static void
ft_tools_editor_init (FtToolsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (tool_row_free);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No Tools"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                               _("Add the functions an assistant reply calls, so the model learns "
                                 "when and how to call them"));
  adw_preferences_group_add (self->group, self->empty_row);
}

/**
 * ft_tools_editor_new:
 *
 * Returns: (transfer floating): a new #FtToolsEditor
 */
GtkWidget *
ft_tools_editor_new (void)
{
  return g_object_new (FT_TYPE_TOOLS_EDITOR, NULL);
}

/**
 * ft_tools_editor_get_example:
 * @self: a #FtToolsEditor
 *
 * Returns: (transfer none) (nullable): the example whose tools are shown
 */
FtExample *
ft_tools_editor_get_example (FtToolsEditor *self)
{
  g_return_val_if_fail (FT_IS_TOOLS_EDITOR (self), NULL);

  return self->example;
}

/**
 * ft_tools_editor_set_example:
 * @self: a #FtToolsEditor
 * @example: (nullable): the example whose tools to show
 */
void
ft_tools_editor_set_example (FtToolsEditor *self,
                             FtExample     *example)
{
  g_return_if_fail (FT_IS_TOOLS_EDITOR (self));
  g_return_if_fail (example == NULL || FT_IS_EXAMPLE (example));

  if (self->example == example)
    return;

  /* Another example: start from fresh rows. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      ToolRow *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (self->group, GTK_WIDGET (row->row));
    }
  g_ptr_array_set_size (self->rows, 0);

  g_set_object (&self->example, example);
  ft_tools_editor_sync (self);
}

/**
 * ft_tools_editor_sync:
 * @self: a #FtToolsEditor
 *
 * Shows the example's current tools: rows are added or removed when
 * their number changed, and the others show the current values.
 */
void
ft_tools_editor_sync (FtToolsEditor *self)
{
  guint n = 0;

  g_return_if_fail (FT_IS_TOOLS_EDITOR (self));

  if (self->example != NULL)
    n = ft_example_get_n_tools (self->example);

  while (self->rows->len > n)
    {
      ToolRow *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      adw_preferences_group_remove (self->group, GTK_WIDGET (row->row));
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }

  while (self->rows->len < n)
    {
      ToolRow *row = create_row (self);

      adw_preferences_group_add (self->group, GTK_WIDGET (row->row));
      g_ptr_array_add (self->rows, row);
    }

  for (guint i = 0; i < n; i++)
    fill_row (self, g_ptr_array_index (self->rows, i), i);

  update_empty (self);
}

/**
 * ft_tools_editor_focus_tool:
 * @self: a #FtToolsEditor
 * @index: a tool
 *
 * Expands the tool's row and focuses its name.
 *
 * Returns: %TRUE if the name took the focus
 */
gboolean
ft_tools_editor_focus_tool (FtToolsEditor *self,
                            guint          index)
{
  ToolRow *row;

  g_return_val_if_fail (FT_IS_TOOLS_EDITOR (self), FALSE);

  if (index >= self->rows->len)
    return FALSE;

  row = g_ptr_array_index (self->rows, index);
  adw_expander_row_set_expanded (row->row, TRUE);

  return gtk_widget_grab_focus (GTK_WIDGET (row->name));
}

/**
 * ft_tools_editor_get_error:
 * @self: a #FtToolsEditor
 * @index: a tool
 *
 * Returns: (nullable): what is wrong with the tool's parameters, or %NULL
 */
const char *
ft_tools_editor_get_error (FtToolsEditor *self,
                           guint          index)
{
  ToolRow *row;

  g_return_val_if_fail (FT_IS_TOOLS_EDITOR (self), NULL);

  if (index >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, index);

  return row->error;
}
