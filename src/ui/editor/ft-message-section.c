/* ft-message-section.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-message-section"

#include "config.h"

#include "ft-message-section.h"

#include "ft-example-editor-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* One list of messages of an example (the conversation, or an output of a
 * preference pair) as a column of bubbles, with a button that adds the
 * next message. An output holds exactly one assistant reply: its section
 * offers to add one only while it is empty. Bubbles are plain children kept in step with the list:
 * an example holds tens of messages, not thousands, and each bubble is an
 * editor of its own.
 */
struct _FtMessageSection
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwSplitButton    *add_button;
  AdwButtonContent  *add_content;
  GtkButton         *add_reply_button;
  GtkLabel          *description_label;
  GtkLabel          *empty_label;
  GtkBox            *heading_box;
  GtkBox            *rows_box;
  GtkLabel          *title_label;

  /* Owned */
  GListModel        *messages;
  FtMessageList      list;
  gboolean           single_reply;
};

G_DEFINE_FINAL_TYPE (FtMessageSection, ft_message_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_SINGLE_REPLY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *
get_nth_row (FtMessageSection *self,
             guint             position)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box));

  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static void
update_empty (FtMessageSection *self)
{
  gboolean empty;

  g_assert (FT_IS_MESSAGE_SECTION (self));

  empty = self->messages == NULL || g_list_model_get_n_items (self->messages) == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_box), !empty);

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !self->single_reply);
  gtk_widget_set_visible (GTK_WIDGET (self->add_reply_button), self->single_reply && empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "section.add-message",
                                 !self->single_reply || empty);
}

static void
on_items_changed_cb (FtMessageSection *self,
                     guint             position,
                     guint             removed,
                     guint             added,
                     GListModel       *messages)
{
  GtkWidget *before;

  g_assert (FT_IS_MESSAGE_SECTION (self));

  for (guint i = 0; i < removed; i++)
    gtk_box_remove (self->rows_box, get_nth_row (self, position));

  before = position > 0 ? get_nth_row (self, position - 1) : NULL;
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(FtMessage) message = g_list_model_get_item (messages, position + i);
      GtkWidget *row = ft_message_row_new (message);

      gtk_box_insert_child_after (self->rows_box, row, before);
      before = row;
    }

  update_empty (self);
}

static void
ft_message_section_add_message_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  FtMessageSection *self = FT_MESSAGE_SECTION (widget);
  FtExampleEditor *editor;
  const char *role_name = g_variant_get_string (param, NULL);
  FtRole role;
  guint n;

  editor = (FtExampleEditor *)gtk_widget_get_ancestor (widget, FT_TYPE_EXAMPLE_EDITOR);
  if (editor == NULL || self->messages == NULL)
    return;

  n = g_list_model_get_n_items (self->messages);
  role = ft_role_from_string (role_name);
  if (role == FT_ROLE_UNKNOWN)
    role = _ft_example_editor_next_role (editor, self->list, n);

  _ft_example_editor_add_message (editor, self->list, n, role);
}

static void
ft_message_section_dispose (GObject *object)
{
  FtMessageSection *self = (FtMessageSection *)object;
  GtkWidget *child;

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, on_items_changed_cb, self);
  g_clear_object (&self->messages);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_MESSAGE_SECTION);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_message_section_parent_class)->dispose (object);
}

static void
ft_message_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FtMessageSection *self = FT_MESSAGE_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, gtk_label_get_label (self->description_label));
      break;

    case PROP_SINGLE_REPLY:
      g_value_set_boolean (value, self->single_reply);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_message_section_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FtMessageSection *self = FT_MESSAGE_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_label (self->title_label, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (self->heading_box),
                              g_value_get_string (value) != NULL);
      if (g_value_get_string (value) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                        -1);
      break;

    case PROP_DESCRIPTION:
      gtk_label_set_label (self->description_label, g_value_get_string (value));
      break;

    case PROP_SINGLE_REPLY:
      self->single_reply = g_value_get_boolean (value);
      update_empty (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_message_section_class_init (FtMessageSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_message_section_dispose;
  object_class->get_property = ft_message_section_get_property;
  object_class->set_property = ft_message_section_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * FtMessageSection:single-reply:
   *
   * Whether the section holds one assistant reply (an output of a
   * preference pair): it offers to add one only while it is empty.
   */
  properties[PROP_SINGLE_REPLY] =
    g_param_spec_boolean ("single-reply", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-message-section.ui");
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, add_button);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, add_content);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, add_reply_button);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, description_label);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, empty_label);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, heading_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, rows_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageSection, title_label);

  gtk_widget_class_install_action (widget_class, "section.add-message", "s",
                                   ft_message_section_add_message_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-message-section");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (FT_TYPE_MESSAGE_ROW);
}

static void
ft_message_section_init (FtMessageSection *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* AdwSplitButton 1.2 gives its arrow a tooltip but no accessible name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->add_button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a Message with "
                                                                         "Another Role"),
                                        -1);
    }

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  ft_message_section_set_next_role (self, FT_ROLE_USER);
}

/**
 * ft_message_section_new:
 *
 * Returns: (transfer floating): a new #FtMessageSection
 */
GtkWidget *
ft_message_section_new (void)
{
  return g_object_new (FT_TYPE_MESSAGE_SECTION, NULL);
}

/**
 * ft_message_section_get_messages:
 * @self: a #FtMessageSection
 *
 * Returns: (transfer none) (nullable): the list shown
 */
GListModel *
ft_message_section_get_messages (FtMessageSection *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE_SECTION (self), NULL);

  return self->messages;
}

/**
 * ft_message_section_get_list:
 * @self: a #FtMessageSection
 *
 * Returns: which list of the example the section shows
 */
FtMessageList
ft_message_section_get_list (FtMessageSection *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE_SECTION (self), FT_MESSAGE_LIST_MESSAGES);

  return self->list;
}

/**
 * ft_message_section_bind:
 * @self: a #FtMessageSection
 * @messages: (nullable): a #GListModel of #FtMessage
 * @list: which list of the example @messages is
 *
 * Shows @messages, one bubble each, and follows its changes.
 */
void
ft_message_section_bind (FtMessageSection *self,
                         GListModel       *messages,
                         FtMessageList     list)
{
  guint old_n = 0;

  g_return_if_fail (FT_IS_MESSAGE_SECTION (self));
  g_return_if_fail (messages == NULL || G_IS_LIST_MODEL (messages));

  self->list = list;

  if (self->messages == messages)
    return;

  if (self->messages != NULL)
    {
      old_n = g_list_model_get_n_items (self->messages);
      g_signal_handlers_disconnect_by_func (self->messages, on_items_changed_cb, self);
    }

  g_set_object (&self->messages, messages);

  for (guint i = 0; i < old_n; i++)
    gtk_box_remove (self->rows_box, gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)));

  if (messages != NULL)
    {
      g_signal_connect_object (messages, "items-changed",
                               G_CALLBACK (on_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      on_items_changed_cb (self, 0, 0, g_list_model_get_n_items (messages), messages);
    }

  update_empty (self);
}

/**
 * ft_message_section_get_row:
 * @self: a #FtMessageSection
 * @position: a position in the list
 *
 * Returns: (transfer none) (nullable): the bubble of the message at
 *   @position
 */
FtMessageRow *
ft_message_section_get_row (FtMessageSection *self,
                            guint             position)
{
  g_return_val_if_fail (FT_IS_MESSAGE_SECTION (self), NULL);

  return (FtMessageRow *)get_nth_row (self, position);
}

/**
 * ft_message_section_set_next_role:
 * @self: a #FtMessageSection
 * @role: the role the add button adds
 */
void
ft_message_section_set_next_role (FtMessageSection *self,
                                  FtRole            role)
{
  const char *label;

  g_return_if_fail (FT_IS_MESSAGE_SECTION (self));

  switch (role)
    {
    case FT_ROLE_SYSTEM:
      label = _("Add _System Message");
      break;
    case FT_ROLE_DEVELOPER:
      label = _("Add _Developer Message");
      break;
    case FT_ROLE_ASSISTANT:
      label = _("Add _Assistant Reply");
      break;
    case FT_ROLE_TOOL:
      label = _("Add _Tool Result");
      break;
    case FT_ROLE_USER:
    case FT_ROLE_UNKNOWN:
    case FT_ROLE_FUNCTION:
    default:
      label = _("Add _User Message");
      break;
    }

  adw_button_content_set_label (self->add_content, label);
}
