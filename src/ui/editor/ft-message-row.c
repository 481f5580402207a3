/* ft-message-row.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-message-row"

#include "config.h"

#include "ft-message-row.h"

#include "ft-example-editor-private.h"
#include "ft-finding-row.h"
#include "ft-format.h"
#include "ft-tool-call-card.h"

#include <glib/gi18n.h>

/* One message as a chat bubble: a header with the role menu, the token
 * count and the message's actions, then its text (one editable view per
 * text part, a chip per image), its tool calls as cards, the "Train on
 * this reply" switch of an assistant turn, and the findings about it.
 *
 * The row shows the message and never changes it: every edit goes to the
 * FtExampleEditor it lives in, which records it for undo. When the message
 * changes (an edit, an undo), the row syncs itself in place, so that the
 * cursor stays where it is while the user types.
 */
struct _FtMessageRow
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkMenuButton *actions_button;
  GMenuModel    *actions_menu;
  GtkBox        *answer_box;
  GtkImage      *answer_icon;
  GtkLabel      *answer_label;
  GtkBox        *bubble;
  GtkBox        *calls_box;
  GtkBox        *issues_box;
  GtkLabel      *name_label;
  GtkBox        *parts_box;
  GtkMenuButton *role_button;
  GMenuModel    *role_menu;
  GtkLabel      *tokens_label;
  GtkBox        *weight_box;
  GtkLabel      *weight_subtitle;
  GtkSwitch     *weight_switch;

  /* Owned */
  FtMessage     *message;
  char          *structure;
  char          *highlight;
  char          *answered;
  char          *shown_role;
  gint64         tokens;
  guint          sync_source;
  int            number;

  guint          syncing : 1;
  guint          has_answer : 1;
};

G_DEFINE_FINAL_TYPE (FtMessageRow, ft_message_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const role_classes[] = {
  "ft-role-unknown", "ft-role-system", "ft-role-developer", "ft-role-user",
  "ft-role-assistant", "ft-role-tool", "ft-role-function",
};

static FtExampleEditor *
get_editor (FtMessageRow *self)
{
  return (FtExampleEditor *)gtk_widget_get_ancestor (GTK_WIDGET (self), FT_TYPE_EXAMPLE_EDITOR);
}

static const char *
role_title (FtMessage *message)
{
  switch (ft_message_get_role_kind (message))
    {
    case FT_ROLE_SYSTEM:
      return _("System");
    case FT_ROLE_DEVELOPER:
      return _("Developer");
    case FT_ROLE_USER:
      return _("User");
    case FT_ROLE_ASSISTANT:
      return _("Assistant");
    case FT_ROLE_TOOL:
      return _("Tool Result");
    case FT_ROLE_FUNCTION:
      return _("Function Result");
    case FT_ROLE_UNKNOWN:
    default:
      return ft_message_get_role (message) == NULL ? _("No Role") : _("Unknown Role");
    }
}

/* A short signature of what the message shows, to rebuild the parts only
 * when their number or kinds change, never while the user types.
 */
static char *
describe_structure (FtMessage *message)
{
  GString *structure = g_string_new (NULL);

  switch (ft_message_get_content_kind (message))
    {
    case FT_CONTENT_PARTS:
      g_string_append_c (structure, 'p');
      for (guint i = 0; i < ft_message_get_n_parts (message); i++)
        {
          switch (ft_message_get_part_kind (message, i))
            {
            case FT_PART_TEXT:
              g_string_append_c (structure, 't');
              break;
            case FT_PART_IMAGE_URL:
              g_string_append_c (structure, 'i');
              break;
            case FT_PART_OTHER:
            default:
              g_string_append_c (structure, 'o');
              break;
            }
        }
      break;

    case FT_CONTENT_OTHER:
      g_string_append_c (structure, 'o');
      break;

    case FT_CONTENT_MISSING:
    case FT_CONTENT_NULL:
      /* A turn that only calls tools has no text to edit. */
      if (ft_message_get_n_tool_calls (message) > 0)
        break;
      G_GNUC_FALLTHROUGH;

    case FT_CONTENT_STRING:
    default:
      g_string_append_c (structure, 's');
      break;
    }

  return g_string_free (structure, FALSE);
}

/* Text views and highlighting */

static guint
highlight_buffer (GtkTextBuffer *buffer,
                  const char    *needle)
{
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter match_start;
  GtkTextIter match_end;
  guint n = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "ft-highlight", &start, &end);

  if (needle == NULL || needle[0] == '\0')
    return 0;

  while (gtk_text_iter_forward_search (&start, needle,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &match_start, &match_end, NULL))
    {
      gtk_text_buffer_apply_tag_by_name (buffer, "ft-highlight", &match_start, &match_end);
      start = match_end;
      n++;
    }

  return n;
}

static void
on_buffer_changed_cb (FtMessageRow  *self,
                      GtkTextBuffer *buffer)
{
  FtExampleEditor *editor;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;
  int part;

  g_assert (FT_IS_MESSAGE_ROW (self));

  if (self->syncing)
    return;

  part = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "ft-part"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  if (self->highlight != NULL)
    highlight_buffer (buffer, self->highlight);

  editor = get_editor (self);
  if (editor != NULL)
    _ft_example_editor_edit_text (editor, self->message, part, text);
  else if (part < 0)
    ft_message_set_content (self->message, text);
  else
    ft_message_set_part_text (self->message, part, text);
}

static void
on_text_focus_leave_cb (FtMessageRow            *self,
                        GtkEventControllerFocus *controller)
{
  FtExampleEditor *editor = get_editor (self);

  /* Leaving a text ends its undo step. */
  if (editor != NULL)
    _ft_example_editor_end_typing (editor);
}

static void
update_text_labels (FtMessageRow *self)
{
  const char *role = role_title (self->message);
  guint n_texts = 0;
  guint text_number = 0;

  g_assert (FT_IS_MESSAGE_ROW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_texts += GTK_IS_TEXT_VIEW (child);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *label = NULL;

      if (!GTK_IS_TEXT_VIEW (child))
        continue;

      text_number++;
      if (n_texts > 1)
        /* Translators: "Message 3, User, text 2": the accessible name of a text box. */
        label = g_strdup_printf (_("Message %d, %s, text %u"), self->number, role, text_number);
      else
        /* Translators: "Message 3, User": the accessible name of a text box. */
        label = g_strdup_printf (_("Message %d, %s"), self->number, role);

      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

static GtkWidget *
create_text_view (FtMessageRow *self,
                  int           part)
{
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GtkEventController *focus;

  g_assert (FT_IS_MESSAGE_ROW (self));

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_add_css_class (view, "ft-message-text");
  if (ft_message_get_role_kind (self->message) == FT_ROLE_TOOL)
    gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  /* Undo is the editor's, through FtHistory: the buffer's own would
   * take Ctrl+Z from it and undo behind the model's back.
   */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_create_tag (buffer, "ft-highlight",
                              "background", "rgba(246,211,45,0.55)",
                              NULL);
  g_object_set_data (G_OBJECT (buffer), "ft-part", GINT_TO_POINTER (part));
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave",
                           G_CALLBACK (on_text_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, focus);

  return view;
}

static void
set_buffer_text (FtMessageRow  *self,
                 GtkTextBuffer *buffer,
                 const char    *text)
{
  g_autofree char *current = NULL;
  GtkTextIter start;
  GtkTextIter end;

  g_assert (FT_IS_MESSAGE_ROW (self));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (g_strcmp0 (current, text) == 0)
    return;

  self->syncing = TRUE;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  self->syncing = FALSE;

  highlight_buffer (buffer, self->highlight);
}

static char *
describe_image (const char *url)
{
  if (url == NULL)
    return g_strdup (_("Image without an address"));

  if (g_ascii_strncasecmp (url, "data:", 5) == 0)
    {
      const char *type = url + 5;
      const char *comma = strchr (type, ',');
      gsize type_length = strcspn (type, ";,");
      g_autofree char *subtype = NULL;
      g_autofree char *size = NULL;
      guint64 bytes;

      if (comma == NULL)
        return g_strdup (_("Embedded image"));

      bytes = strlen (comma + 1);
      if (g_strstr_len (type, comma - type, ";base64") != NULL)
        bytes = bytes / 4 * 3;
      size = g_format_size (bytes);

      if (type_length > 6 && g_ascii_strncasecmp (type, "image/", 6) == 0)
        subtype = g_ascii_strup (type + 6, type_length - 6);
      else
        subtype = g_strndup (type, type_length);

      if (subtype[0] == '\0')
        /* Translators: %s is a size such as "1.2 MB". */
        return g_strdup_printf (_("Embedded image (%s)"), size);

      /* Translators: the first %s is a file type such as "PNG", the second a
       * size such as "1.2 MB".
       */
      return g_strdup_printf (_("Embedded image (%s, %s)"), subtype, size);
    }

  return g_strdup (url);
}

static GtkWidget *
create_chip (const char *icon_name,
             const char *text,
             const char *tooltip)
{
  GtkWidget *chip;
  GtkWidget *image;
  GtkWidget *label;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (chip, "ft-chip");
  gtk_widget_set_tooltip_text (chip, tooltip);

  image = gtk_image_new_from_icon_name (icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Image"),
                                  -1);
  gtk_box_append (GTK_BOX (chip), image);

  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (chip), label);

  return chip;
}

static void
rebuild_parts (FtMessageRow *self)
{
  GtkWidget *child;

  g_assert (FT_IS_MESSAGE_ROW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box))) != NULL)
    gtk_box_remove (self->parts_box, child);

  switch (self->structure[0])
    {
    case 's':
      gtk_box_append (self->parts_box, create_text_view (self, -1));
      break;

    case 'o':
      {
        g_autofree char *json = ft_message_dup_text (self->message);
        GtkWidget *label;

        gtk_box_append (self->parts_box,
                        create_chip ("dialog-warning-symbolic",
                                     _("This content is neither text nor a list of parts"),
                                     NULL));
        label = gtk_label_new (json);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_selectable (GTK_LABEL (label), TRUE);
        gtk_widget_add_css_class (label, "monospace");
        gtk_box_append (self->parts_box, label);
      }
      break;

    case 'p':
      for (guint i = 0; self->structure[i + 1] != '\0'; i++)
        {
          switch (self->structure[i + 1])
            {
            case 't':
              gtk_box_append (self->parts_box, create_text_view (self, i));
              break;

            case 'i':
              {
                g_autofree char *url = ft_message_dup_part_image_url (self->message, i);
                g_autofree char *text = describe_image (url);
                g_autofree char *tooltip = NULL;

                if (url != NULL && g_ascii_strncasecmp (url, "data:", 5) != 0)
                  tooltip = g_strdup (url);
                gtk_box_append (self->parts_box,
                                create_chip ("image-x-generic-symbolic", text, tooltip));
              }
              break;

            case 'o':
            default:
              gtk_box_append (self->parts_box,
                              create_chip ("dialog-question-symbolic",
                                           _("A part of a kind this app does not show"),
                                           NULL));
              break;
            }
        }
      break;

    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->parts_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->parts_box)) != NULL);
  update_text_labels (self);
}

static void
sync_texts (FtMessageRow *self)
{
  g_assert (FT_IS_MESSAGE_ROW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextBuffer *buffer;
      g_autofree char *text = NULL;
      int part;

      if (!GTK_IS_TEXT_VIEW (child))
        continue;

      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child));
      part = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "ft-part"));
      if (part < 0)
        text = ft_message_dup_text (self->message);
      else
        text = ft_message_dup_part_text (self->message, part);

      set_buffer_text (self, buffer, text);
    }
}

static void
sync_tool_calls (FtMessageRow *self)
{
  guint n_calls = ft_message_get_n_tool_calls (self->message);
  guint n_cards = 0;
  GtkWidget *child;

  g_assert (FT_IS_MESSAGE_ROW (self));

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->calls_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_cards++;

  while (n_cards > n_calls)
    {
      gtk_box_remove (self->calls_box, gtk_widget_get_last_child (GTK_WIDGET (self->calls_box)));
      n_cards--;
    }
  while (n_cards < n_calls)
    {
      gtk_box_append (self->calls_box, ft_tool_call_card_new (self->message, n_cards));
      n_cards++;
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->calls_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ft_tool_call_card_sync (FT_TOOL_CALL_CARD (child));

  gtk_widget_set_visible (GTK_WIDGET (self->calls_box), n_calls > 0);
}

static void
update_answer (FtMessageRow *self)
{
  g_autofree char *text = NULL;
  gboolean is_tool;

  g_assert (FT_IS_MESSAGE_ROW (self));

  is_tool = ft_message_get_role_kind (self->message) == FT_ROLE_TOOL;
  gtk_widget_set_visible (GTK_WIDGET (self->answer_box), is_tool && self->has_answer);
  if (!is_tool || !self->has_answer)
    return;

  if (self->answered != NULL)
    {
      /* Translators: %s is the name of a function, as in "Answers get_weather()". */
      text = g_strdup_printf (_("Answers %s()"), self->answered);
      gtk_widget_set_visible (GTK_WIDGET (self->answer_icon), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->answer_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->answer_box),
                                   ft_message_get_tool_call_id (self->message));
    }
  else if (ft_message_get_tool_call_id (self->message) != NULL)
    {
      /* Translators: %s is an identifier such as "call_a1b2". */
      text = g_strdup_printf (_("No tool call in this example has the ID “%s”"),
                              ft_message_get_tool_call_id (self->message));
      gtk_widget_set_visible (GTK_WIDGET (self->answer_icon), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->answer_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->answer_box), NULL);
    }
  else
    {
      text = g_strdup (_("Answers no tool call: it has no tool call ID"));
      gtk_widget_set_visible (GTK_WIDGET (self->answer_icon), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->answer_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->answer_box), NULL);
    }

  gtk_label_set_label (self->answer_label, text);
}

static void
update_actions (FtMessageRow *self)
{
  FtExampleEditor *editor = get_editor (self);
  FtMessageList list;
  guint position = 0;
  guint n_items = 0;
  gboolean found = FALSE;

  g_assert (FT_IS_MESSAGE_ROW (self));

  if (editor != NULL)
    found = _ft_example_editor_locate_message (editor, self->message, &list, &position);
  if (found)
    {
      FtExample *example = ft_example_editor_get_example (editor);

      n_items = g_list_model_get_n_items (ft_example_get_message_list (example, list));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.move-up", found && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.move-down",
                                 found && position + 1 < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.delete", found);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.add-tool-call",
                                 found
                                 && ft_message_get_role_kind (self->message) == FT_ROLE_ASSISTANT);
}

static void
update_role (FtMessageRow *self)
{
  FtRole role = ft_message_get_role_kind (self->message);
  g_autofree char *role_label = NULL;

  g_assert (FT_IS_MESSAGE_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (role_classes); i++)
    {
      if (i == role)
        gtk_widget_add_css_class (GTK_WIDGET (self), role_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), role_classes[i]);
    }

  /* Typing syncs the bubble at every key: touch the header only when the
   * role changed.
   */
  if (self->shown_role != NULL && g_strcmp0 (self->shown_role,
                                             ft_message_get_role (self->message)) == 0)
    return;
  g_free (self->shown_role);
  self->shown_role = g_strdup (ft_message_get_role (self->message) != NULL
                               ? ft_message_get_role (self->message) : "");

  /* The side the bubble leans to follows the role. */
  gtk_widget_queue_resize (GTK_WIDGET (self));

  gtk_menu_button_set_label (self->role_button, role_title (self->message));
  /* Translators: the accessible name of the role menu, as in "Role: User". */
  role_label = g_strdup_printf (_("Role: %s"), role_title (self->message));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->role_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_label,
                                  -1);

  if (ft_message_get_role (self->message) != NULL && role == FT_ROLE_UNKNOWN)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->role_button),
                                 ft_message_get_role (self->message));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->role_button), _("Change Role"));
}

static void
update_weight (FtMessageRow *self)
{
  FtExampleEditor *editor;
  gboolean assistant;
  gboolean trained;

  g_assert (FT_IS_MESSAGE_ROW (self));

  assistant = ft_message_get_role_kind (self->message) == FT_ROLE_ASSISTANT;
  trained = ft_message_get_weight (self->message) != 0;

  /* Weights are for supervised examples; a preference pair has none. */
  editor = get_editor (self);
  if (editor != NULL && ft_example_editor_get_example (editor) != NULL
      && ft_example_get_kind (ft_example_editor_get_example (editor)) == FT_EXAMPLE_KIND_PREFERENCE)
    assistant = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->weight_box), assistant);

  self->syncing = TRUE;
  gtk_switch_set_active (self->weight_switch, trained);
  self->syncing = FALSE;

  if (assistant && !trained)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "ft-untrained");
      gtk_label_set_label (self->weight_subtitle,
                           _("Context only: the model reads this reply but does not learn to "
                             "write it"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "ft-untrained");
      gtk_label_set_label (self->weight_subtitle, "");
    }

  /* Only the exception needs explaining; the switch's tooltip says more. */
  gtk_widget_set_visible (GTK_WIDGET (self->weight_subtitle), assistant && !trained);
}

static void
sync_message (FtMessageRow *self)
{
  g_autofree char *structure = NULL;
  const char *name;

  g_assert (FT_IS_MESSAGE_ROW (self));

  update_role (self);

  name = ft_message_get_name (self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL);
  gtk_label_set_label (self->name_label, name != NULL ? name : "");

  structure = describe_structure (self->message);
  if (g_strcmp0 (structure, self->structure) != 0)
    {
      g_free (self->structure);
      self->structure = g_steal_pointer (&structure);
      rebuild_parts (self);
    }
  sync_texts (self);
  update_text_labels (self);
  sync_tool_calls (self);
  update_answer (self);
  update_weight (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

static gboolean
sync_message_cb (gpointer user_data)
{
  FtMessageRow *self = user_data;

  self->sync_source = 0;
  sync_message (self);

  return G_SOURCE_REMOVE;
}

static void
on_message_notify_cb (FtMessageRow *self,
                      GParamSpec   *pspec,
                      FtMessage    *message)
{
  g_assert (FT_IS_MESSAGE_ROW (self));

  /* A change notifies several properties at once: sync once for all. */
  if (self->sync_source == 0)
    self->sync_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_message_cb, self, NULL);
}

static void
on_weight_switch_active_cb (FtMessageRow *self,
                            GParamSpec   *pspec,
                            GtkSwitch    *weight_switch)
{
  FtExampleEditor *editor;
  int weight;

  g_assert (FT_IS_MESSAGE_ROW (self));

  if (self->syncing)
    return;

  weight = gtk_switch_get_active (weight_switch) ? 1 : 0;
  editor = get_editor (self);
  if (editor != NULL)
    _ft_example_editor_set_weight (editor, self->message, weight);
  else
    ft_message_set_weight (self->message, weight);
}

static void
on_focus_enter_cb (FtMessageRow            *self,
                   GtkEventControllerFocus *controller)
{
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_set_current (editor, self->message);
}

/* A popover menu is costly to build and most are never opened: each
 * bubble's menus are made when first opened.
 */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *model = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

/* Actions */

static void
ft_message_row_move_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  FtMessageRow *self = FT_MESSAGE_ROW (widget);
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_move_message (editor, self->message,
                                     g_str_equal (action_name, "message.move-up") ? -1 : 1);
}

static void
ft_message_row_delete_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  FtMessageRow *self = FT_MESSAGE_ROW (widget);
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_remove_message (editor, self->message);
}

static void
ft_message_row_add_tool_call_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  FtMessageRow *self = FT_MESSAGE_ROW (widget);
  FtExampleEditor *editor = get_editor (self);

  if (editor != NULL)
    _ft_example_editor_add_tool_call (editor, self->message);
}

/* Layout: the bubble and its findings in a column. User turns lean to
 * the end and replies to the start, by an indent on the other side that
 * gives way before the bubble does: a phone keeps the bubble's width.
 */

#define MAX_INDENT  48
#define ROW_SPACING 6

typedef enum
{
  INDENT_NONE,
  INDENT_START,
  INDENT_END,
} IndentSide;

static IndentSide
get_indent_side (FtMessageRow *self)
{
  if (self->message == NULL)
    return INDENT_NONE;

  switch (ft_message_get_role_kind (self->message))
    {
    case FT_ROLE_USER:
      return INDENT_START;
    case FT_ROLE_ASSISTANT:
    case FT_ROLE_TOOL:
    case FT_ROLE_FUNCTION:
      return INDENT_END;
    case FT_ROLE_UNKNOWN:
    case FT_ROLE_SYSTEM:
    case FT_ROLE_DEVELOPER:
    default:
      return INDENT_NONE;
    }
}

static void
measure_children (FtMessageRow   *self,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural)
{
  guint n_visible = 0;

  *minimum = 0;
  *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;
      int child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      n_visible++;
    }

  if (orientation == GTK_ORIENTATION_VERTICAL && n_visible > 1)
    {
      *minimum += ROW_SPACING * (n_visible - 1);
      *natural += ROW_SPACING * (n_visible - 1);
    }
}

/* An eighth of the width, at most MAX_INDENT, and never so much that the
 * bubble gets less than it needs.
 */
static int
get_indent (FtMessageRow *self,
            int           width)
{
  int minimum;
  int natural;

  if (get_indent_side (self) == INDENT_NONE)
    return 0;

  measure_children (self, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural);

  return CLAMP (MIN (width / 8, width - minimum), 0, MAX_INDENT);
}

static GtkSizeRequestMode
ft_message_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ft_message_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  FtMessageRow *self = FT_MESSAGE_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_children (self, orientation, -1, minimum, natural);
      if (get_indent_side (self) != INDENT_NONE)
        *natural += MAX_INDENT;
    }
  else
    {
      if (for_size >= 0)
        for_size -= get_indent (self, for_size);
      measure_children (self, orientation, for_size, minimum, natural);
    }
}

static void
ft_message_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  FtMessageRow *self = FT_MESSAGE_ROW (widget);
  int indent = get_indent (self, width);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;
  int y = 0;
  int child_width = width - indent;
  int minimum;
  int natural;
  int extra;

  /* Start is the left in left-to-right text. */
  if ((get_indent_side (self) == INDENT_START) != rtl && get_indent_side (self) != INDENT_NONE)
    x = indent;

  /* Any height beyond the need goes to the bubble, the first child. */
  measure_children (self, GTK_ORIENTATION_VERTICAL, child_width, &minimum, &natural);
  extra = MAX (0, height - minimum);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width,
                          &child_height, NULL, NULL, NULL);
      child_height += extra;
      extra = 0;

      gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, child_width, child_height }, -1);
      y += child_height + ROW_SPACING;
    }
}

static void
ft_message_row_root (GtkWidget *widget)
{
  FtMessageRow *self = FT_MESSAGE_ROW (widget);

  GTK_WIDGET_CLASS (ft_message_row_parent_class)->root (widget);

  /* Only now is the editor known, for the actions and the weight. */
  update_actions (self);
  update_weight (self);
}

static void
ft_message_row_constructed (GObject *object)
{
  FtMessageRow *self = (FtMessageRow *)object;

  G_OBJECT_CLASS (ft_message_row_parent_class)->constructed (object);

  g_signal_connect_object (self->message, "notify",
                           G_CALLBACK (on_message_notify_cb), self,
                           G_CONNECT_SWAPPED);
  sync_message (self);
}

static void
ft_message_row_dispose (GObject *object)
{
  FtMessageRow *self = (FtMessageRow *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->sync_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_MESSAGE_ROW);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_message_row_parent_class)->dispose (object);
}

static void
ft_message_row_finalize (GObject *object)
{
  FtMessageRow *self = (FtMessageRow *)object;

  g_clear_object (&self->message);
  g_clear_pointer (&self->structure, g_free);
  g_clear_pointer (&self->highlight, g_free);
  g_clear_pointer (&self->answered, g_free);
  g_clear_pointer (&self->shown_role, g_free);

  G_OBJECT_CLASS (ft_message_row_parent_class)->finalize (object);
}

static void
ft_message_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FtMessageRow *self = FT_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    case PROP_ROLE:
      {
        const char *role = self->message != NULL ? ft_message_get_role (self->message) : NULL;

        /* The role action's state: never NULL. */
        g_value_set_string (value, role != NULL ? role : "");
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_message_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FtMessageRow *self = FT_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      self->message = g_value_dup_object (value);
      break;

    case PROP_ROLE:
      {
        FtRole role = ft_role_from_string (g_value_get_string (value));
        FtExampleEditor *editor = get_editor (self);

        if (role == FT_ROLE_UNKNOWN || role == ft_message_get_role_kind (self->message))
          break;
        if (editor != NULL)
          _ft_example_editor_set_role (editor, self->message, role);
        else
          ft_message_set_role_kind (self->message, role);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_message_row_class_init (FtMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ft_message_row_constructed;
  object_class->dispose = ft_message_row_dispose;
  object_class->finalize = ft_message_row_finalize;
  object_class->get_property = ft_message_row_get_property;
  object_class->set_property = ft_message_row_set_property;

  widget_class->get_request_mode = ft_message_row_get_request_mode;
  widget_class->measure = ft_message_row_measure;
  widget_class->size_allocate = ft_message_row_size_allocate;
  widget_class->root = ft_message_row_root;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL,
                         FT_TYPE_MESSAGE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtMessageRow:role:
   *
   * The message's role as written in JSON; the role menu's state.
   * Setting it changes the role through the editor.
   */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, actions_button);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, actions_menu);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, answer_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, answer_icon);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, answer_label);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, calls_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, issues_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, parts_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, role_button);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, role_menu);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, tokens_label);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, weight_box);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, weight_subtitle);
  gtk_widget_class_bind_template_child (widget_class, FtMessageRow, weight_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_weight_switch_active_cb);

  gtk_widget_class_install_property_action (widget_class, "message.role", "role");
  gtk_widget_class_install_action (widget_class, "message.move-up", NULL,
                                   ft_message_row_move_action);
  gtk_widget_class_install_action (widget_class, "message.move-down", NULL,
                                   ft_message_row_move_action);
  gtk_widget_class_install_action (widget_class, "message.delete", NULL,
                                   ft_message_row_delete_action);
  gtk_widget_class_install_action (widget_class, "message.add-tool-call", NULL,
                                   ft_message_row_add_tool_call_action);

  gtk_widget_class_set_css_name (widget_class, "ft-message");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (FT_TYPE_TOOL_CALL_CARD);
}

static void
ft_message_row_init (FtMessageRow *self)
{
  GtkEventController *focus;

  self->tokens = -1;
  self->number = 1;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->role_button, create_popup_cb, self->role_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->actions_button, create_popup_cb, self->actions_menu,
                                         NULL);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter",
                           G_CALLBACK (on_focus_enter_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

/**
 * ft_message_row_new:
 * @message: the message to show
 *
 * Returns: (transfer floating): a new #FtMessageRow
 */
GtkWidget *
ft_message_row_new (FtMessage *message)
{
  g_return_val_if_fail (FT_IS_MESSAGE (message), NULL);

  return g_object_new (FT_TYPE_MESSAGE_ROW,
                       "message", message,
                       NULL);
}

/**
 * ft_message_row_get_message:
 * @self: a #FtMessageRow
 *
 * Returns: (transfer none): the message shown
 */
FtMessage *
ft_message_row_get_message (FtMessageRow *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE_ROW (self), NULL);

  return self->message;
}

/**
 * ft_message_row_set_number:
 * @self: a #FtMessageRow
 * @number: the 1-based number of the message in its example
 *
 * Sets the number that accessible names and findings use.
 */
void
ft_message_row_set_number (FtMessageRow *self,
                           int           number)
{
  g_autofree char *label = NULL;

  g_return_if_fail (FT_IS_MESSAGE_ROW (self));

  self->number = number;

  /* Translators: the accessible name of a chat bubble, as in "Message 3". */
  label = g_strdup_printf (_("Message %d"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  update_text_labels (self);
  update_actions (self);
}

/**
 * ft_message_row_set_tokens:
 * @self: a #FtMessageRow
 * @tokens: the tokens the message adds to its example, or -1 when not
 *   counted (yet)
 */
void
ft_message_row_set_tokens (FtMessageRow *self,
                           gint64        tokens)
{
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (FT_IS_MESSAGE_ROW (self));

  self->tokens = tokens;

  if (tokens < 0)
    {
      gtk_label_set_label (self->tokens_label, "");
      return;
    }

  number = ft_format_integer (tokens);
  /* Translators: %s is a number such as "1,234". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s token", "%s tokens", tokens), number);
  gtk_label_set_label (self->tokens_label, text);
}

/**
 * ft_message_row_set_issues:
 * @self: a #FtMessageRow
 * @issues: (nullable) (element-type FtIssue): the findings about the message
 */
void
ft_message_row_set_issues (FtMessageRow *self,
                           GPtrArray    *issues)
{
  GtkWidget *child;

  g_return_if_fail (FT_IS_MESSAGE_ROW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->issues_box))) != NULL)
    gtk_box_remove (self->issues_box, child);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    gtk_box_append (self->issues_box, ft_finding_row_new (g_ptr_array_index (issues, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->issues_box), issues != NULL && issues->len > 0);
}

/**
 * ft_message_row_set_answered:
 * @self: a #FtMessageRow
 * @function_name: (nullable): for a tool result, the function of the
 *   tool call it answers, or %NULL when no call has its ID
 */
void
ft_message_row_set_answered (FtMessageRow *self,
                             const char   *function_name)
{
  g_return_if_fail (FT_IS_MESSAGE_ROW (self));

  if (self->has_answer && g_strcmp0 (self->answered, function_name) == 0)
    return;

  g_free (self->answered);
  self->answered = g_strdup (function_name);
  self->has_answer = TRUE;
  update_answer (self);
}

/**
 * ft_message_row_set_highlight:
 * @self: a #FtMessageRow
 * @text: (nullable): the text to highlight, case-insensitively
 *
 * Returns: the number of matches in the message's texts
 */
guint
ft_message_row_set_highlight (FtMessageRow *self,
                              const char   *text)
{
  guint n = 0;

  g_return_val_if_fail (FT_IS_MESSAGE_ROW (self), 0);

  g_free (self->highlight);
  self->highlight = g_strdup (text);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT_VIEW (child))
        n += highlight_buffer (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child)), text);
    }

  return n;
}

/**
 * ft_message_row_focus_text:
 * @self: a #FtMessageRow
 *
 * Focuses the first text of the message, or else its role menu.
 *
 * Returns: %TRUE if something took the focus
 */
gboolean
ft_message_row_focus_text (FtMessageRow *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE_ROW (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT_VIEW (child))
        return gtk_widget_grab_focus (child);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->calls_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
        return TRUE;
    }

  return gtk_widget_grab_focus (GTK_WIDGET (self->role_button));
}
