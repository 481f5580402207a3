/* ft-broken-line-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-broken-line-editor"

#include "config.h"

#include "ft-broken-line-editor.h"

#include "ft-example-editor-private.h"
#include "ft-json-utils.h"

#include <glib/gi18n.h>

/* The raw text of a line that is not a conversation: a line that is not
 * valid JSON (with the parser's message and the place marked), or valid
 * JSON of another shape. The user fixes it in place; "Apply" turns valid
 * text into a normal example. Text that does not parse yet is kept in the
 * example as it is typed, so nothing is lost, and valid text not applied
 * yet is applied when the user leaves.
 */

#define STORE_DELAY_MS 500

struct _FtBrokenLineEditor
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkLabel    *error_label;
  GtkLabel    *explanation_label;
  GtkBox      *status_box;
  GtkImage    *status_icon;
  GtkTextView *text_view;
  GtkLabel    *title_label;

  /* Owned */
  FtExample   *example;
  char        *error;
  char        *highlight;
  guint        store_source;
  int          error_offset;

  guint        syncing : 1;
  guint        valid : 1;
  guint        modified : 1;
};

G_DEFINE_FINAL_TYPE (FtBrokenLineEditor, ft_broken_line_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static FtExampleEditor *
get_editor (FtBrokenLineEditor *self)
{
  return (FtExampleEditor *)gtk_widget_get_ancestor (GTK_WIDGET (self), FT_TYPE_EXAMPLE_EDITOR);
}

static char *
dup_text (FtBrokenLineEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
update_actions (FtBrokenLineEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "line.apply",
                                 self->example != NULL && self->valid
                                 && (self->modified || ft_example_get_broken (self->example)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "line.revert", self->modified);
}

static void
mark_error (FtBrokenLineEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "ft-error", &start, &end);

  if (self->error_offset < 0)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, self->error_offset);
  end = start;
  if (!gtk_text_iter_forward_char (&end))
    gtk_text_iter_backward_char (&start);
  gtk_text_buffer_apply_tag_by_name (buffer, "ft-error", &start, &end);
}

static void
highlight_text (FtBrokenLineEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "ft-highlight", &start, &end);
}

static void
update_status (FtBrokenLineEditor *self)
{
  const char *title;
  const char *explanation;
  gboolean problem = TRUE;

  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  if (self->example == NULL)
    return;

  if (!self->valid)
    {
      title = _("This Line Is Not Valid JSON");
      explanation = _("It cannot be shown as a conversation until it is. Fix the text below: what "
                      "you type is kept in the example. When the text is valid, apply it.");
    }
  else if (self->modified || ft_example_get_broken (self->example))
    {
      title = _("The Text Is Valid JSON");
      explanation = _("Apply it to replace the example and edit it as a conversation.");
      problem = FALSE;
    }
  else
    {
      switch (ft_example_get_kind (self->example))
        {
        case FT_EXAMPLE_KIND_NOT_OBJECT:
          title = _("This Line Is Not a JSON Object");
          explanation = _("Each line must be one object, like {\"messages\": […]}. Edit the text "
                          "below and apply it.");
          break;

        case FT_EXAMPLE_KIND_PROMPT_COMPLETION:
          title = _("This Line Uses the Legacy Prompt and Completion Format");
          explanation = _("Current models train on conversations. Import the file again to turn "
                          "such lines into conversations, or edit the text below.");
          break;

        case FT_EXAMPLE_KIND_OTHER:
        default:
          title = _("This Line Is Not a Conversation");
          explanation = _("It has neither “messages” nor a preference pair. Edit the text below "
                          "and apply it, or add a message to start a conversation.");
          break;
        }
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->explanation_label, explanation);
  gtk_label_set_label (self->error_label, self->error != NULL ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);

  gtk_image_set_from_icon_name (self->status_icon,
                                problem ? (self->valid ? "dialog-warning-symbolic" : "dialog-error"
                                                                                     "-symbolic")
                                        : "emblem-ok-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_box),
                            !self->valid ? "error" : problem ? "warning" : "success");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->text_view),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               self->valid ? GTK_ACCESSIBLE_INVALID_FALSE
                                           : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);

  update_actions (self);
}

/* Checks the text shown; @from_example uses the example's own message,
 * which names the file line.
 */
static void
check_text (FtBrokenLineEditor *self,
            const char         *text,
            gboolean            from_example)
{
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  g_clear_pointer (&self->error, g_free);
  self->error_offset = -1;

  if (from_example && ft_example_get_broken (self->example))
    {
      self->valid = FALSE;
      self->error = g_strdup (ft_example_get_error_message (self->example));
      if (ft_example_get_error_column (self->example) > 0)
        self->error_offset = ft_example_get_error_column (self->example) - 1;
    }
  else if (ft_json_check_text (text, -1, &offset, &error))
    {
      self->valid = TRUE;
    }
  else
    {
      self->valid = FALSE;
      self->error = g_strdup (error->message);
      self->error_offset = g_utf8_pointer_to_offset (text, text + offset);
    }

  mark_error (self);
  update_status (self);
}

static void
store_text (FtBrokenLineEditor *self)
{
  FtExampleEditor *editor = get_editor (self);
  g_autofree char *text = NULL;

  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  g_clear_handle_id (&self->store_source, g_source_remove);

  if (!self->modified || self->example == NULL || editor == NULL)
    return;

  text = dup_text (self);
  self->modified = FALSE;
  _ft_example_editor_set_text (editor, self->example, text, NULL);
}

static gboolean
store_text_cb (gpointer user_data)
{
  FtBrokenLineEditor *self = user_data;

  self->store_source = 0;
  if (!self->valid)
    store_text (self);

  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (FtBrokenLineEditor *self,
                      GtkTextBuffer      *buffer)
{
  g_autofree char *text = NULL;

  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  if (self->syncing)
    return;

  self->modified = TRUE;
  text = dup_text (self);
  check_text (self, text, FALSE);
  ft_broken_line_editor_set_highlight (self, self->highlight);

  /* Text that does not parse is kept as typed; valid text waits for Apply. */
  g_clear_handle_id (&self->store_source, g_source_remove);
  if (!self->valid)
    self->store_source = g_timeout_add (STORE_DELAY_MS, store_text_cb, self);
}

static void
on_focus_leave_cb (FtBrokenLineEditor      *self,
                   GtkEventControllerFocus *controller)
{
  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  store_text (self);
}

static void
load_example (FtBrokenLineEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  g_clear_handle_id (&self->store_source, g_source_remove);
  self->modified = FALSE;

  if (self->example == NULL)
    return;

  text = ft_example_dup_text (self->example);
  self->syncing = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->syncing = FALSE;

  if (ft_example_get_source_line (self->example) > 0)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               ft_example_get_source_line (self->example));

      /* Translators: accessible name of the text of line %s of the file. */
      label = g_strdup_printf (_("Text of line %s"), line);
    }
  else
    label = g_strdup (_("Text of the example"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  check_text (self, text, TRUE);
  ft_broken_line_editor_set_highlight (self, self->highlight);
}

static void
on_example_changed_cb (FtBrokenLineEditor *self,
                       FtExample          *example)
{
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  g_assert (FT_IS_BROKEN_LINE_EDITOR (self));

  /* Our own store: the buffer already holds the text. */
  text = ft_example_dup_text (example);
  shown = dup_text (self);
  if (g_strcmp0 (text, shown) == 0)
    {
      check_text (self, text, TRUE);
      return;
    }

  load_example (self);
}

static void
ft_broken_line_editor_apply_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  FtBrokenLineEditor *self = FT_BROKEN_LINE_EDITOR (widget);
  FtExampleEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (editor == NULL || self->example == NULL)
    return;

  g_clear_handle_id (&self->store_source, g_source_remove);
  text = dup_text (self);
  self->modified = FALSE;
  if (!_ft_example_editor_set_text (editor, self->example, text, &error))
    {
      g_clear_pointer (&self->error, g_free);
      self->error = g_strdup (error->message);
      self->valid = FALSE;
      update_status (self);
    }
}

static void
ft_broken_line_editor_revert_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  load_example (FT_BROKEN_LINE_EDITOR (widget));
}

static void
ft_broken_line_editor_unroot (GtkWidget *widget)
{
  FtBrokenLineEditor *self = FT_BROKEN_LINE_EDITOR (widget);

  /* Leaving keeps what was typed. */
  store_text (self);

  GTK_WIDGET_CLASS (ft_broken_line_editor_parent_class)->unroot (widget);
}

static void
ft_broken_line_editor_dispose (GObject *object)
{
  FtBrokenLineEditor *self = (FtBrokenLineEditor *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->store_source, g_source_remove);
  if (self->example != NULL)
    g_signal_handlers_disconnect_by_func (self->example, on_example_changed_cb, self);
  g_clear_object (&self->example);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_BROKEN_LINE_EDITOR);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_broken_line_editor_parent_class)->dispose (object);
}

static void
ft_broken_line_editor_finalize (GObject *object)
{
  FtBrokenLineEditor *self = (FtBrokenLineEditor *)object;

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (ft_broken_line_editor_parent_class)->finalize (object);
}

static void
ft_broken_line_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FtBrokenLineEditor *self = FT_BROKEN_LINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EXAMPLE:
      g_value_set_object (value, self->example);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_broken_line_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FtBrokenLineEditor *self = FT_BROKEN_LINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EXAMPLE:
      ft_broken_line_editor_set_example (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_broken_line_editor_class_init (FtBrokenLineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_broken_line_editor_dispose;
  object_class->finalize = ft_broken_line_editor_finalize;
  object_class->get_property = ft_broken_line_editor_get_property;
  object_class->set_property = ft_broken_line_editor_set_property;

  widget_class->unroot = ft_broken_line_editor_unroot;

  properties[PROP_EXAMPLE] =
    g_param_spec_object ("example", NULL, NULL,
                         FT_TYPE_EXAMPLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-broken-line-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FtBrokenLineEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, FtBrokenLineEditor, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, FtBrokenLineEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, FtBrokenLineEditor, status_icon);
  gtk_widget_class_bind_template_child (widget_class, FtBrokenLineEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, FtBrokenLineEditor, title_label);

  gtk_widget_class_install_action (widget_class, "line.apply", NULL,
                                   ft_broken_line_editor_apply_action);
  gtk_widget_class_install_action (widget_class, "line.revert", NULL,
                                   ft_broken_line_editor_revert_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-broken-line");
}

static void
ft_broken_line_editor_init (FtBrokenLineEditor *self)
{
  GtkLayoutManager *layout;
  GtkTextBuffer *buffer;
  GtkEventController *focus;

  self->error_offset = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_create_tag (buffer, "ft-error",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "background", "rgba(224,27,36,0.3)",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "ft-highlight",
                              "background", "rgba(246,211,45,0.55)",
                              NULL);
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave",
                           G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);

  update_actions (self);
}

/**
 * ft_broken_line_editor_new:
 *
 * Returns: (transfer floating): a new #FtBrokenLineEditor
 */
GtkWidget *
ft_broken_line_editor_new (void)
{
  return g_object_new (FT_TYPE_BROKEN_LINE_EDITOR, NULL);
}

/**
 * ft_broken_line_editor_get_example:
 * @self: a #FtBrokenLineEditor
 *
 * Returns: (transfer none) (nullable): the example shown
 */
FtExample *
ft_broken_line_editor_get_example (FtBrokenLineEditor *self)
{
  g_return_val_if_fail (FT_IS_BROKEN_LINE_EDITOR (self), NULL);

  return self->example;
}

/**
 * ft_broken_line_editor_set_example:
 * @self: a #FtBrokenLineEditor
 * @example: (nullable): the example to show as text
 */
void
ft_broken_line_editor_set_example (FtBrokenLineEditor *self,
                                   FtExample          *example)
{
  g_return_if_fail (FT_IS_BROKEN_LINE_EDITOR (self));
  g_return_if_fail (example == NULL || FT_IS_EXAMPLE (example));

  if (self->example == example)
    return;

  /* What was typed for the previous example stays with it. */
  store_text (self);

  if (self->example != NULL)
    g_signal_handlers_disconnect_by_func (self->example, on_example_changed_cb, self);

  g_set_object (&self->example, example);

  if (example != NULL)
    g_signal_connect_object (example, "changed",
                             G_CALLBACK (on_example_changed_cb), self,
                             G_CONNECT_SWAPPED);

  load_example (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXAMPLE]);
}

/**
 * ft_broken_line_editor_get_error:
 * @self: a #FtBrokenLineEditor
 *
 * Returns: (nullable): the parser's message about the text shown, or
 *   %NULL when it is valid JSON
 */
const char *
ft_broken_line_editor_get_error (FtBrokenLineEditor *self)
{
  g_return_val_if_fail (FT_IS_BROKEN_LINE_EDITOR (self), NULL);

  return self->error;
}

/**
 * ft_broken_line_editor_focus_error:
 * @self: a #FtBrokenLineEditor
 *
 * Focuses the text with the cursor at the problem.
 *
 * Returns: %TRUE if the text took the focus
 */
gboolean
ft_broken_line_editor_focus_error (FtBrokenLineEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_val_if_fail (FT_IS_BROKEN_LINE_EDITOR (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (self->error_offset >= 0)
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, self->error_offset);
  else
    gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_iter (self->text_view, &iter, 0.1, FALSE, 0, 0);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * ft_broken_line_editor_set_highlight:
 * @self: a #FtBrokenLineEditor
 * @text: (nullable): text to highlight, case-insensitively
 *
 * Returns: the number of matches
 */
guint
ft_broken_line_editor_set_highlight (FtBrokenLineEditor *self,
                                     const char         *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter match_start;
  GtkTextIter match_end;
  guint n = 0;

  g_return_val_if_fail (FT_IS_BROKEN_LINE_EDITOR (self), 0);

  if (self->highlight != text)
    {
      g_free (self->highlight);
      self->highlight = g_strdup (text);
    }

  highlight_text (self);
  if (text == NULL || text[0] == '\0')
    return 0;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_start_iter (buffer, &start);
  while (gtk_text_iter_forward_search (&start, text,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &match_start, &match_end, NULL))
    {
      gtk_text_buffer_apply_tag_by_name (buffer, "ft-highlight", &match_start, &match_end);
      start = match_end;
      n++;
    }

  return n;
}
