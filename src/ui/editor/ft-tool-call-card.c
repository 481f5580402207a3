/* ft-tool-call-card.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-tool-call-card"

#include "config.h"

#include "ft-tool-call-card.h"

#include "ft-editor-util-private.h"
#include "ft-example-editor-private.h"
#include "ft-json-utils.h"
#include "ft-tool-calls.h"

#include <glib/gi18n.h>

/* One tool call of an assistant turn: the function's name and its
 * arguments. The arguments are a string holding JSON; the card shows them
 * pretty-printed and stores them compact. Text that is not valid JSON is
 * kept as typed (nothing is lost) and the parser's message shows under
 * it, with the place of the problem marked.
 */
struct _FtToolCallCard
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkTextView *arguments_view;
  GtkLabel    *error_label;
  GtkLabel    *id_label;
  GtkText     *name_text;
  GtkButton   *remove_button;

  /* Owned */
  FtMessage   *message;
  char        *stored_arguments;
  char        *error;
  guint        index;

  guint        syncing : 1;
};

G_DEFINE_FINAL_TYPE (FtToolCallCard, ft_tool_call_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static FtExampleEditor *
get_editor (FtToolCallCard *self)
{
  return (FtExampleEditor *)gtk_widget_get_ancestor (GTK_WIDGET (self), FT_TYPE_EXAMPLE_EDITOR);
}

static void
store (FtToolCallCard *self,
       const char     *function_name,
       const char     *arguments)
{
  FtExampleEditor *editor = get_editor (self);

  g_assert (FT_IS_TOOL_CALL_CARD (self));

  if (editor != NULL)
    _ft_example_editor_set_tool_call (editor, self->message, self->index, function_name, arguments);
  else
    ft_message_set_tool_call_function (self->message, self->index, function_name, arguments);
}

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Shows the parser's message for @text (or none), marking the place. */
static gboolean
check_arguments (FtToolCallCard *self,
                 const char     *text)
{
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->arguments_view);
  GtkTextIter start;
  GtkTextIter end;
  gsize offset = 0;
  gboolean valid;

  g_assert (FT_IS_TOOL_CALL_CARD (self));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "ft-error", &start, &end);

  valid = ft_json_check_text (text, -1, &offset, &error);

  g_clear_pointer (&self->error, g_free);
  if (!valid)
    {
      GtkTextIter mark_start;
      GtkTextIter mark_end;

      self->error = g_strdup (error->message);

      gtk_text_buffer_get_iter_at_offset (buffer, &mark_start,
                                          g_utf8_pointer_to_offset (text, text + offset));
      mark_end = mark_start;
      if (!gtk_text_iter_forward_char (&mark_end))
        gtk_text_iter_backward_char (&mark_start);
      gtk_text_buffer_apply_tag_by_name (buffer, "ft-error", &mark_start, &mark_end);
    }

  gtk_label_set_label (self->error_label, self->error != NULL ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->arguments_view),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  if (valid)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->arguments_view),
                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->arguments_view),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                    -1);

  return valid;
}

static void
on_arguments_changed_cb (FtToolCallCard *self,
                         GtkTextBuffer  *buffer)
{
  g_autofree char *text = NULL;
  g_autofree char *compact = NULL;

  g_assert (FT_IS_TOOL_CALL_CARD (self));

  if (self->syncing)
    return;

  text = dup_buffer_text (buffer);
  if (check_arguments (self, text))
    compact = ft_json_reformat (text, -1, FALSE, NULL);

  g_free (self->stored_arguments);
  self->stored_arguments = g_strdup (compact != NULL ? compact : text);
  store (self, NULL, self->stored_arguments);
}

static void
on_name_text_changed_cb (FtToolCallCard *self,
                         GtkText        *text)
{
  g_assert (FT_IS_TOOL_CALL_CARD (self));

  if (self->syncing)
    return;

  store (self, gtk_editable_get_text (GTK_EDITABLE (text)), NULL);
}

static void
on_remove_button_clicked_cb (FtToolCallCard *self,
                             GtkButton      *button)
{
  FtExampleEditor *editor = get_editor (self);

  g_assert (FT_IS_TOOL_CALL_CARD (self));

  if (editor != NULL)
    _ft_example_editor_remove_tool_call (editor, self->message, self->index);
  else
    ft_message_remove_tool_call (self->message, self->index);
}

static void
on_focus_leave_cb (FtToolCallCard          *self,
                   GtkEventControllerFocus *controller)
{
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_end_typing (editor);
}

static void
update_labels (FtToolCallCard *self,
               const char     *function_name)
{
  g_autofree char *name_label = NULL;
  g_autofree char *arguments_label = NULL;

  /* Translators: accessible name of the function name field of tool call %u. */
  name_label = g_strdup_printf (_("Function of tool call %u"), self->index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name_label,
                                  -1);

  if (function_name != NULL && function_name[0] != '\0')
    /* Translators: accessible name of the arguments of a call to function %s. */
    arguments_label = g_strdup_printf (_("Arguments of %s"), function_name);
  else
    /* Translators: accessible name of the arguments of tool call %u. */
    arguments_label = g_strdup_printf (_("Arguments of tool call %u"), self->index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->arguments_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, arguments_label,
                                  -1);
}

static void
ft_tool_call_card_dispose (GObject *object)
{
  FtToolCallCard *self = (FtToolCallCard *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_TOOL_CALL_CARD);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_tool_call_card_parent_class)->dispose (object);
}

static void
ft_tool_call_card_finalize (GObject *object)
{
  FtToolCallCard *self = (FtToolCallCard *)object;

  g_clear_object (&self->message);
  g_clear_pointer (&self->stored_arguments, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (ft_tool_call_card_parent_class)->finalize (object);
}

static void
ft_tool_call_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FtToolCallCard *self = FT_TOOL_CALL_CARD (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_tool_call_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FtToolCallCard *self = FT_TOOL_CALL_CARD (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      self->message = g_value_dup_object (value);
      break;

    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_tool_call_card_constructed (GObject *object)
{
  FtToolCallCard *self = (FtToolCallCard *)object;

  G_OBJECT_CLASS (ft_tool_call_card_parent_class)->constructed (object);

  ft_tool_call_card_sync (self);
}

static void
ft_tool_call_card_class_init (FtToolCallCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ft_tool_call_card_constructed;
  object_class->dispose = ft_tool_call_card_dispose;
  object_class->finalize = ft_tool_call_card_finalize;
  object_class->get_property = ft_tool_call_card_get_property;
  object_class->set_property = ft_tool_call_card_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL,
                         FT_TYPE_MESSAGE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-tool-call-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FtToolCallCard, arguments_view);
  gtk_widget_class_bind_template_child (widget_class, FtToolCallCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, FtToolCallCard, id_label);
  gtk_widget_class_bind_template_child (widget_class, FtToolCallCard, name_text);
  gtk_widget_class_bind_template_child (widget_class, FtToolCallCard, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-tool-call");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ft_tool_call_card_init (FtToolCallCard *self)
{
  GtkLayoutManager *layout;
  GtkTextBuffer *buffer;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  _ft_editor_fit_text_view (self->arguments_view);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  buffer = gtk_text_view_get_buffer (self->arguments_view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_create_tag (buffer, "ft-error",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "background", "rgba(224,27,36,0.25)",
                              NULL);
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (on_arguments_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_editable_set_enable_undo (GTK_EDITABLE (self->name_text), FALSE);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave",
                           G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

/**
 * ft_tool_call_card_new:
 * @message: an assistant message with tool calls
 * @index: which call the card shows
 *
 * Returns: (transfer floating): a new #FtToolCallCard
 */
GtkWidget *
ft_tool_call_card_new (FtMessage *message,
                       guint      index)
{
  g_return_val_if_fail (FT_IS_MESSAGE (message), NULL);

  return g_object_new (FT_TYPE_TOOL_CALL_CARD,
                       "message", message,
                       "index", index,
                       NULL);
}

/**
 * ft_tool_call_card_get_message:
 * @self: a #FtToolCallCard
 *
 * Returns: (transfer none): the message whose call is shown
 */
FtMessage *
ft_tool_call_card_get_message (FtToolCallCard *self)
{
  g_return_val_if_fail (FT_IS_TOOL_CALL_CARD (self), NULL);

  return self->message;
}

/**
 * ft_tool_call_card_get_index:
 * @self: a #FtToolCallCard
 *
 * Returns: the index of the call shown
 */
guint
ft_tool_call_card_get_index (FtToolCallCard *self)
{
  g_return_val_if_fail (FT_IS_TOOL_CALL_CARD (self), 0);

  return self->index;
}

/**
 * ft_tool_call_card_get_error:
 * @self: a #FtToolCallCard
 *
 * Returns: (nullable): the parser's message about the arguments shown, or
 *   %NULL when they are valid JSON
 */
const char *
ft_tool_call_card_get_error (FtToolCallCard *self)
{
  g_return_val_if_fail (FT_IS_TOOL_CALL_CARD (self), NULL);

  return self->error;
}

/**
 * ft_tool_call_card_sync:
 * @self: a #FtToolCallCard
 *
 * Shows the call's current name and arguments, leaving alone what the
 * user is typing (when the model holds what the card stored).
 */
void
ft_tool_call_card_sync (FtToolCallCard *self)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *arguments = NULL;

  g_return_if_fail (FT_IS_TOOL_CALL_CARD (self));

  ft_message_get_tool_call (self->message, self->index, &id, &name, &arguments);

  self->syncing = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_text)),
                 name != NULL ? name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_text), name != NULL ? name : "");

  gtk_label_set_label (self->id_label, id != NULL ? id : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->id_label), id);
  gtk_widget_set_visible (GTK_WIDGET (self->id_label), id != NULL);

  if (self->stored_arguments == NULL || g_strcmp0 (self->stored_arguments, arguments) != 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->arguments_view);
      g_autofree char *pretty = NULL;
      const char *shown;

      if (arguments != NULL)
        pretty = ft_json_reformat (arguments, -1, TRUE, NULL);
      shown = pretty != NULL ? pretty : arguments != NULL ? arguments : "";

      gtk_text_buffer_set_text (buffer, shown, -1);
      check_arguments (self, shown);
      g_free (self->stored_arguments);
      self->stored_arguments = g_strdup (arguments);
    }

  self->syncing = FALSE;

  update_labels (self, name);
}
