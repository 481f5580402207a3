/* ft-example-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-example-editor"

#include "config.h"

#include "ft-example-editor.h"

#include "ft-broken-line-editor.h"
#include "ft-example-editor-private.h"
#include "ft-fields-editor.h"
#include "ft-finding-row.h"
#include "ft-format.h"
#include "ft-issue.h"
#include "ft-message-row.h"
#include "ft-message-section.h"
#include "ft-token-counter.h"
#include "ft-tool-calls.h"
#include "ft-tools-editor.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The chat-bubble editor of one example. It shows the example's message
 * lists as FtMessageSections of FtMessageRows (the conversation, and for a
 * preference pair the preferred and the rejected reply), or the raw text
 * of a line that is not a conversation in an FtBrokenLineEditor.
 *
 * The child widgets never change the example: each user action arrives
 * here as one call (ft-example-editor-private.h), which becomes one undo
 * step of the FtHistory. Typing is grouped: the text goes into the example
 * at once (nothing typed is ever lost); FtHistory merges keystrokes into
 * one step until the user pauses, and leaving the text ends the step.
 */

struct _FtExampleEditor
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkBox             *content_box;
  AdwStatusPage      *empty_page;
  GtkBox             *example_issues_box;
  FtBrokenLineEditor *line_editor;
  FtMessageSection   *messages_section;
  FtMessageSection   *non_preferred_section;
  FtMessageSection   *preferred_section;
  GtkScrolledWindow  *scroller;
  GtkStack           *stack;
  GtkLabel           *summary_label;
  FtToolsEditor      *tools_editor;
  FtFieldsEditor     *fields_editor;

  /* Owned */
  FtExample          *example;
  FtHistory          *history;
  GListModel         *issues;
  FtMessage          *current;
  char               *highlight;
  GtkWidget          *scroll_target;

  /* Live token counts */
  FtTokenCounter     *counter;
  FtTokenCount       *count;
  GCancellable       *count_cancellable;
  guint               count_source;
  guint               refresh_source;

  guint               scroll_tick;
  FtEncoding          encoding;
};

G_DEFINE_FINAL_TYPE (FtExampleEditor, ft_example_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXAMPLE,
  PROP_HISTORY,
  PROP_ENCODING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Counting waits for a pause in typing; the counts stay meanwhile. */
#define COUNT_DELAY_MS 150

/* What depends on the whole example (which call a tool result answers,
 * the tool definitions, the other fields) is refreshed after a pause too:
 * typing into a long example must not redo it at every key.
 */
#define REFRESH_DELAY_MS 100

static void update_actions (FtExampleEditor *self);
static void show_counts    (FtExampleEditor *self);
static void schedule_count (FtExampleEditor *self,
                            guint            delay);

/* Sections and positions */

static FtMessageSection *
get_section (FtExampleEditor *self,
             FtMessageList    list)
{
  switch (list)
    {
    case FT_MESSAGE_LIST_PREFERRED:
      return self->preferred_section;
    case FT_MESSAGE_LIST_NON_PREFERRED:
      return self->non_preferred_section;
    case FT_MESSAGE_LIST_MESSAGES:
    default:
      return self->messages_section;
    }
}

static GListModel *
get_list (FtExampleEditor *self,
          FtMessageList    list)
{
  return ft_example_get_message_list (self->example, list);
}

static gboolean
has_messages (FtExampleEditor *self)
{
  FtExampleKind kind;

  if (self->example == NULL)
    return FALSE;

  kind = ft_example_get_kind (self->example);

  return kind == FT_EXAMPLE_KIND_CHAT || kind == FT_EXAMPLE_KIND_PREFERENCE;
}

static guint
n_lists (FtExampleEditor *self)
{
  return ft_example_get_kind (self->example) == FT_EXAMPLE_KIND_PREFERENCE ? 3 : 1;
}

/* The number of the first message of @list: the validator numbers the
 * input, then the preferred, then the rejected output.
 */
static guint
list_offset (FtExampleEditor *self,
             FtMessageList    list)
{
  guint offset = 0;

  for (guint i = FT_MESSAGE_LIST_MESSAGES; i < list; i++)
    offset += g_list_model_get_n_items (get_list (self, i));

  return offset;
}

static FtMessageRow *
get_row_at_index (FtExampleEditor *self,
                  int              index,
                  FtMessageList   *out_list,
                  guint           *out_position)
{
  guint remaining;

  if (!has_messages (self) || index < 0)
    return NULL;

  remaining = index;
  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      guint n = g_list_model_get_n_items (get_list (self, list));

      if (remaining < n)
        {
          if (out_list != NULL)
            *out_list = list;
          if (out_position != NULL)
            *out_position = remaining;
          return ft_message_section_get_row (get_section (self, list), remaining);
        }
      remaining -= n;
    }

  return NULL;
}

static FtMessageRow *
get_row_for_message (FtExampleEditor *self,
                     FtMessage       *message)
{
  FtMessageList list;
  guint position;

  if (!_ft_example_editor_locate_message (self, message, &list, &position))
    return NULL;

  return ft_message_section_get_row (get_section (self, list), position);
}

/* Scrolling */

static void
scroll_to_widget_now (FtExampleEditor *self,
                      GtkWidget       *widget)
{
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (self->content_box), &bounds))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  value = bounds.origin.y;

  /* Show the top of the message, a little below the edge. */
  value = MAX (0, value - 12);
  value = MIN (value,
               gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, MAX (0, value));
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  FtExampleEditor *self = FT_EXAMPLE_EDITOR (widget);

  self->scroll_tick = 0;
  if (self->scroll_target != NULL)
    scroll_to_widget_now (self, self->scroll_target);
  g_clear_object (&self->scroll_target);

  return G_SOURCE_REMOVE;
}

/* Scrolls once the layout is done: right after an edit or after the
 * example was set, the new widgets have no size yet.
 */
static void
scroll_to_widget (FtExampleEditor *self,
                  GtkWidget       *widget)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  g_set_object (&self->scroll_target, widget);
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL,
                                                      NULL);
}

/* Showing the example */

static void
update_summary (FtExampleEditor *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_messages = 0;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (self->example == NULL)
    return;

  if (ft_example_get_source_line (self->example) > 0)
    {
      g_autofree char *line = ft_format_integer (ft_example_get_source_line (self->example));

      /* Translators: %s is a line number of the file. */
      g_string_append_printf (summary, _("Line %s"), line);
    }
  else
    {
      g_string_append (summary, _("New example"));
    }

  if (has_messages (self))
    {
      g_autofree char *count = NULL;

      for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
        n_messages += g_list_model_get_n_items (get_list (self, list));

      count = ft_format_integer (n_messages);
      g_string_append (summary, " · ");
      /* Translators: %s is a number of messages such as "1,234". */
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%s message", "%s messages",
                                                    n_messages),
                              count);
    }

  if (self->count != NULL)
    {
      gint64 total = ft_token_count_get_total (self->count);
      g_autofree char *tokens = ft_format_integer (total);

      g_string_append (summary, " · ");
      /* Translators: %s is a number of tokens such as "1,234". */
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%s token", "%s tokens",
                                                    total),
                              tokens);
    }

  gtk_label_set_label (self->summary_label, summary->str);
}

static void
update_next_roles (FtExampleEditor *self)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (!has_messages (self))
    return;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      guint n = g_list_model_get_n_items (get_list (self, list));

      ft_message_section_set_next_role (get_section (self, list),
                                        _ft_example_editor_next_role (self, list, n));
    }
}

/* Tool results show which call they answer. One pass finds every call's
 * function (reading each turn's calls once), so typing in a long example
 * with many tool calls stays cheap.
 */
static void
update_answers (FtExampleEditor *self)
{
  g_autoptr(GHashTable) functions = NULL;
  gboolean has_results = FALSE;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (!has_messages (self))
    return;

  functions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      GListModel *messages = get_list (self, list);
      guint n = g_list_model_get_n_items (messages);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);
          guint n_calls = ft_message_get_n_tool_calls (message);

          has_results |= ft_message_get_role_kind (message) == FT_ROLE_TOOL;

          for (guint j = 0; j < n_calls; j++)
            {
              g_autofree char *id = NULL;
              g_autofree char *name = NULL;

              if (ft_message_get_tool_call (message, j, &id, &name, NULL) && id != NULL
                  && !g_hash_table_contains (functions, id))
                g_hash_table_insert (functions, g_steal_pointer (&id),
                                     name != NULL ? g_steal_pointer (&name) : g_strdup (""));
            }
        }
    }

  if (!has_results)
    return;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      GListModel *messages = get_list (self, list);
      guint n = g_list_model_get_n_items (messages);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);
          const char *id = ft_message_get_tool_call_id (message);
          FtMessageRow *row;

          if (ft_message_get_role_kind (message) != FT_ROLE_TOOL)
            continue;

          row = ft_message_section_get_row (get_section (self, list), i);
          if (row != NULL)
            ft_message_row_set_answered (row,
                                         id != NULL ? g_hash_table_lookup (functions, id) : NULL);
        }
    }
}

/* Findings by message; those about the example itself (or a message that
 * is gone) go to the top.
 */
static void
update_issues (FtExampleEditor *self)
{
  g_autoptr(GPtrArray) by_message = NULL;
  g_autoptr(GPtrArray) general = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_messages = 0;
  guint n_issues;
  GtkWidget *child;
  guint index = 0;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  by_message = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  if (has_messages (self))
    n_messages = list_offset (self, n_lists (self));

  for (guint i = 0; i < n_messages; i++)
    g_ptr_array_add (by_message, g_ptr_array_new_with_free_func (g_object_unref));

  n_issues = self->issues != NULL ? g_list_model_get_n_items (self->issues) : 0;
  for (guint i = 0; i < n_issues; i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (self->issues, i);
      int message_index = ft_issue_get_message_index (issue);

      if (message_index >= 0 && (guint)message_index < n_messages)
        g_ptr_array_add (g_ptr_array_index (by_message, message_index), g_steal_pointer (&issue));
      else
        g_ptr_array_add (general, g_steal_pointer (&issue));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->example_issues_box))) != NULL)
    gtk_box_remove (self->example_issues_box, child);
  for (guint i = 0; i < general->len; i++)
    gtk_box_append (self->example_issues_box, ft_finding_row_new (g_ptr_array_index (general, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->example_issues_box), general->len > 0);

  if (!has_messages (self))
    return;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      guint n = g_list_model_get_n_items (get_list (self, list));

      for (guint i = 0; i < n; i++, index++)
        {
          FtMessageRow *row = ft_message_section_get_row (get_section (self, list), i);

          if (row != NULL)
            ft_message_row_set_issues (row, g_ptr_array_index (by_message, index));
        }
    }
}

static void
update_rows (FtExampleEditor *self)
{
  guint number = 1;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (!has_messages (self))
    return;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      guint n = g_list_model_get_n_items (get_list (self, list));

      for (guint i = 0; i < n; i++, number++)
        {
          FtMessageRow *row = ft_message_section_get_row (get_section (self, list), i);

          if (row == NULL)
            continue;

          ft_message_row_set_number (row, number);
          ft_message_row_set_highlight (row, self->highlight);
        }
    }

  update_answers (self);
  update_issues (self);
}

static void
on_items_changed_cb (FtExampleEditor *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *messages)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (self->current != NULL && !_ft_example_editor_locate_message (self, self->current, NULL, NULL))
    g_clear_object (&self->current);

  update_rows (self);
  update_summary (self);
  update_next_roles (self);
  update_actions (self);
  schedule_count (self, 0);
}

static void
bind_sections (FtExampleEditor *self)
{
  gboolean preference;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  preference = self->example != NULL
               && ft_example_get_kind (self->example) == FT_EXAMPLE_KIND_PREFERENCE;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list <= FT_MESSAGE_LIST_NON_PREFERRED; list++)
    {
      FtMessageSection *section = get_section (self, list);
      GListModel *old = ft_message_section_get_messages (section);
      GListModel *messages = NULL;

      if (has_messages (self) && (list == FT_MESSAGE_LIST_MESSAGES || preference))
        messages = get_list (self, list);

      if (old == messages)
        continue;

      if (old != NULL)
        g_signal_handlers_disconnect_by_func (old, on_items_changed_cb, self);

      /* The section follows the list first; then the editor renumbers. */
      ft_message_section_bind (section, messages, list);
      if (messages != NULL)
        g_signal_connect_object (messages, "items-changed",
                                 G_CALLBACK (on_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->preferred_section), preference);
  gtk_widget_set_visible (GTK_WIDGET (self->non_preferred_section), preference);
  g_object_set (self->messages_section,
                "title", preference ? _("Conversation") : NULL,
                "description", preference ? _("What the model is asked, ending with the user’s "
                                              "turn") : NULL,
                NULL);
}

static void
update_page (FtExampleEditor *self)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (self->example == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      ft_broken_line_editor_set_example (self->line_editor, NULL);
    }
  else if (has_messages (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "conversation");
      ft_broken_line_editor_set_example (self->line_editor, NULL);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "line");
      ft_broken_line_editor_set_example (self->line_editor, self->example);
      ft_broken_line_editor_set_highlight (self->line_editor, self->highlight);
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  bind_sections (self);
  ft_tools_editor_set_example (self->tools_editor, has_messages (self) ? self->example : NULL);
  ft_tools_editor_sync (self->tools_editor);
  ft_fields_editor_set_example (self->fields_editor, has_messages (self) ? self->example : NULL);
  ft_fields_editor_sync (self->fields_editor);
  update_rows (self);
  show_counts (self);
  update_next_roles (self);
  update_actions (self);
  schedule_count (self, 0);
}

static gboolean
refresh_cb (gpointer user_data)
{
  FtExampleEditor *self = user_data;

  self->refresh_source = 0;

  update_answers (self);
  update_next_roles (self);
  ft_tools_editor_sync (self->tools_editor);
  ft_fields_editor_sync (self->fields_editor);

  return G_SOURCE_REMOVE;
}

static void
on_example_changed_cb (FtExampleEditor *self,
                       FtExample       *example)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
  schedule_count (self, COUNT_DELAY_MS);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_example_kind_cb (FtExampleEditor *self,
                    GParamSpec      *pspec,
                    FtExample       *example)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  update_page (self);
}

/* Token counts */

static void
show_counts (FtExampleEditor *self)
{
  guint index = 0;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  update_summary (self);

  if (!has_messages (self))
    return;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list < n_lists (self); list++)
    {
      guint n = g_list_model_get_n_items (get_list (self, list));

      for (guint i = 0; i < n; i++, index++)
        {
          FtMessageRow *row = ft_message_section_get_row (get_section (self, list), i);
          gint64 tokens = -1;

          if (self->count != NULL && index < ft_token_count_get_n_messages (self->count))
            tokens = ft_token_count_get_message (self->count, index);
          if (row != NULL)
            ft_message_row_set_tokens (row, tokens);
        }
    }
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FtExampleEditor) self = user_data;
  g_autoptr(FtTokenCount) count = NULL;
  g_autoptr(GError) error = NULL;

  count = ft_token_counter_count_finish (FT_TOKEN_COUNTER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A count of another encoding, finished after the switch. */
  if (FT_TOKEN_COUNTER (object) != self->counter)
    return;

  if (error != NULL)
    g_debug ("Could not count the tokens: %s", error->message);

  g_clear_pointer (&self->count, ft_token_count_unref);
  self->count = g_steal_pointer (&count);
  show_counts (self);
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  FtExampleEditor *self = user_data;
  g_autoptr(GBytes) line = NULL;

  self->count_source = 0;

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  if (!has_messages (self))
    return G_SOURCE_REMOVE;

  if (self->counter == NULL)
    self->counter = ft_token_counter_new (self->encoding);

  self->count_cancellable = g_cancellable_new ();
  line = ft_example_get_bytes (self->example);
  ft_token_counter_count_async (self->counter, line, self->count_cancellable,
                                count_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_count (FtExampleEditor *self,
                guint            delay)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (delay, count_timeout_cb, self);
}

/* Editing */

/* Closes the undo step typing is merging into: an empty group records
 * nothing but stops the merge.
 */
static void
end_typing (FtExampleEditor *self)
{
  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  if (self->history == NULL)
    return;

  ft_history_begin_group (self->history, "");
  ft_history_end_group (self->history);
}

static void
focus_row_later (FtExampleEditor *self,
                 FtMessage       *message)
{
  FtMessageRow *row = get_row_for_message (self, message);

  if (row == NULL)
    return;

  ft_message_row_focus_text (row);
  scroll_to_widget (self, GTK_WIDGET (row));
}

/* The first tool call before @position that no tool result answers yet. */
static char *
find_unanswered_call (FtExampleEditor *self,
                      FtMessageList    list,
                      guint            position)
{
  GListModel *messages = get_list (self, list);

  for (guint i = position; i > 0; i--)
    {
      g_autoptr(FtMessage) message = g_list_model_get_item (messages, i - 1);
      guint n_calls = ft_message_get_n_tool_calls (message);

      if (ft_message_get_role_kind (message) != FT_ROLE_ASSISTANT)
        continue;

      for (guint j = 0; j < n_calls; j++)
        {
          g_autofree char *id = NULL;
          gboolean answered = FALSE;

          if (!ft_message_get_tool_call (message, j, &id, NULL, NULL) || id == NULL)
            continue;

          for (guint k = i; k < g_list_model_get_n_items (messages) && !answered; k++)
            {
              g_autoptr(FtMessage) reply = g_list_model_get_item (messages, k);

              answered = g_strcmp0 (ft_message_get_tool_call_id (reply), id) == 0;
            }

          if (!answered)
            return g_steal_pointer (&id);
        }

      /* Only the nearest assistant turn with calls counts. */
      if (n_calls > 0)
        break;
    }

  return NULL;
}

/* Actions */

static gboolean
get_current_position (FtExampleEditor *self,
                      FtMessageList   *list,
                      guint           *position)
{
  if (self->current == NULL)
    return FALSE;

  return _ft_example_editor_locate_message (self, self->current, list, position);
}

static void
ft_example_editor_add_message_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  FtExampleEditor *self = FT_EXAMPLE_EDITOR (widget);
  FtMessageList list = FT_MESSAGE_LIST_MESSAGES;
  guint position;

  if (!has_messages (self))
    return;

  if (get_current_position (self, &list, &position))
    position++;
  else
    position = g_list_model_get_n_items (get_list (self, list));

  _ft_example_editor_add_message (self, list, position,
                                  _ft_example_editor_next_role (self, list, position));
}

static void
ft_example_editor_delete_message_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  FtExampleEditor *self = FT_EXAMPLE_EDITOR (widget);

  if (self->current != NULL)
    _ft_example_editor_remove_message (self, self->current);
}

static void
ft_example_editor_move_message_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  FtExampleEditor *self = FT_EXAMPLE_EDITOR (widget);

  if (self->current != NULL)
    _ft_example_editor_move_message (self, self->current,
                                     g_str_equal (action_name, "editor.move-message-up") ? -1 : 1);
}

static void
update_actions (FtExampleEditor *self)
{
  FtMessageList list;
  guint position = 0;
  guint n = 0;
  gboolean found;

  g_assert (FT_IS_EXAMPLE_EDITOR (self));

  found = has_messages (self) && get_current_position (self, &list, &position);
  if (found)
    n = g_list_model_get_n_items (get_list (self, list));

  /* An output of a preference pair holds one reply: no second one. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-message",
                                 has_messages (self)
                                 && !(found && list != FT_MESSAGE_LIST_MESSAGES));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete-message", found);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-message-up",
                                 found && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-message-down",
                                 found && position + 1 < n);
}

/* GObject */

static void
ft_example_editor_dispose (GObject *object)
{
  FtExampleEditor *self = (FtExampleEditor *)object;
  GtkWidget *child;

  end_typing (self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->counter);
  g_clear_pointer (&self->count, ft_token_count_unref);
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
  g_clear_object (&self->scroll_target);

  if (self->example != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->example, self);
      for (guint list = FT_MESSAGE_LIST_MESSAGES; list <= FT_MESSAGE_LIST_NON_PREFERRED; list++)
        {
          GListModel *messages = ft_message_section_get_messages (get_section (self, list));

          if (messages != NULL)
            g_signal_handlers_disconnect_by_func (messages, on_items_changed_cb, self);
        }
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_EXAMPLE_EDITOR);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->example);
  g_clear_object (&self->history);
  g_clear_object (&self->issues);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (ft_example_editor_parent_class)->dispose (object);
}

static void
ft_example_editor_finalize (GObject *object)
{
  FtExampleEditor *self = (FtExampleEditor *)object;

  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (ft_example_editor_parent_class)->finalize (object);
}

static void
ft_example_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FtExampleEditor *self = FT_EXAMPLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EXAMPLE:
      g_value_set_object (value, self->example);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_ENCODING:
      g_value_set_enum (value, self->encoding);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_example_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FtExampleEditor *self = FT_EXAMPLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EXAMPLE:
      ft_example_editor_set_example (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      ft_example_editor_set_history (self, g_value_get_object (value));
      break;

    case PROP_ENCODING:
      ft_example_editor_set_encoding (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_example_editor_class_init (FtExampleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_example_editor_dispose;
  object_class->finalize = ft_example_editor_finalize;
  object_class->get_property = ft_example_editor_get_property;
  object_class->set_property = ft_example_editor_set_property;

  /**
   * FtExampleEditor:example:
   *
   * The example being edited; %NULL shows an empty state.
   */
  properties[PROP_EXAMPLE] =
    g_param_spec_object ("example", NULL, NULL,
                         FT_TYPE_EXAMPLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtExampleEditor:history:
   *
   * The undo history every edit goes through.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         FT_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtExampleEditor:encoding:
   *
   * The encoding live token counts use.
   */
  properties[PROP_ENCODING] =
    g_param_spec_enum ("encoding", NULL, NULL,
                       FT_TYPE_ENCODING, FT_ENCODING_O200K_BASE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtExampleEditor::changed:
   *
   * Emitted after the content of the example changed, by an edit here or
   * anywhere else (an undo, a bulk action).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-example-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, example_issues_box);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, fields_editor);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, line_editor);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, messages_section);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, non_preferred_section);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, preferred_section);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FtExampleEditor, tools_editor);

  gtk_widget_class_install_action (widget_class, "editor.add-message", NULL,
                                   ft_example_editor_add_message_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-message", NULL,
                                   ft_example_editor_delete_message_action);
  gtk_widget_class_install_action (widget_class, "editor.move-message-up", NULL,
                                   ft_example_editor_move_message_action);
  gtk_widget_class_install_action (widget_class, "editor.move-message-down", NULL,
                                   ft_example_editor_move_message_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "editor.move-message-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK,
                                       "editor.move-message-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "editor.move-message-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK,
                                       "editor.move-message-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.add-message", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.add-message", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-example-editor");

  g_type_ensure (FT_TYPE_BROKEN_LINE_EDITOR);
  g_type_ensure (FT_TYPE_FIELDS_EDITOR);
  g_type_ensure (FT_TYPE_MESSAGE_SECTION);
  g_type_ensure (FT_TYPE_TOOLS_EDITOR);
}

static void
ft_example_editor_init (FtExampleEditor *self)
{
  self->encoding = FT_ENCODING_O200K_BASE;

  gtk_widget_init_template (GTK_WIDGET (self));

  update_page (self);
}

/* Private API for the child widgets */

/**
 * _ft_example_editor_locate_message:
 * @self: a #FtExampleEditor
 * @message: a message
 * @list: (out) (optional): its list
 * @position: (out) (optional): its position in the list
 *
 * Returns: %TRUE if @message is in the example
 */
gboolean
_ft_example_editor_locate_message (FtExampleEditor *self,
                                   FtMessage       *message,
                                   FtMessageList   *list,
                                   guint           *position)
{
  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), FALSE);
  g_return_val_if_fail (FT_IS_MESSAGE (message), FALSE);

  if (!has_messages (self))
    return FALSE;

  for (guint l = FT_MESSAGE_LIST_MESSAGES; l < n_lists (self); l++)
    {
      GListModel *messages = get_list (self, l);
      guint n = g_list_model_get_n_items (messages);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FtMessage) item = g_list_model_get_item (messages, i);

          if (item == message)
            {
              if (list != NULL)
                *list = l;
              if (position != NULL)
                *position = i;
              return TRUE;
            }
        }
    }

  return FALSE;
}

/**
 * _ft_example_editor_get_message_index:
 * @self: a #FtExampleEditor
 * @message: a message
 *
 * Returns: the 0-based number of @message across the example's lists, as
 *   findings count them, or -1
 */
int
_ft_example_editor_get_message_index (FtExampleEditor *self,
                                      FtMessage       *message)
{
  FtMessageList list;
  guint position;

  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), -1);

  if (!_ft_example_editor_locate_message (self, message, &list, &position))
    return -1;

  return list_offset (self, list) + position;
}

/**
 * _ft_example_editor_next_role:
 * @self: a #FtExampleEditor
 * @list: a list of the example
 * @position: where a message would be added
 *
 * Returns: the role a message added at @position most likely has: the
 *   user after the system prompt or an assistant reply, the assistant
 *   after the user, a tool result while calls are unanswered
 */
FtRole
_ft_example_editor_next_role (FtExampleEditor *self,
                              FtMessageList    list,
                              guint            position)
{
  g_autoptr(FtMessage) previous = NULL;
  g_autofree char *unanswered = NULL;
  GListModel *messages;

  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), FT_ROLE_USER);

  if (!has_messages (self))
    return FT_ROLE_USER;

  /* The outputs of a preference pair are replies. */
  if (list != FT_MESSAGE_LIST_MESSAGES)
    return FT_ROLE_ASSISTANT;

  messages = get_list (self, list);
  position = MIN (position, g_list_model_get_n_items (messages));
  if (position == 0)
    return FT_ROLE_USER;

  previous = g_list_model_get_item (messages, position - 1);
  switch (ft_message_get_role_kind (previous))
    {
    case FT_ROLE_USER:
      return FT_ROLE_ASSISTANT;

    case FT_ROLE_ASSISTANT:
    case FT_ROLE_TOOL:
      unanswered = find_unanswered_call (self, list, position);
      if (unanswered != NULL)
        return FT_ROLE_TOOL;
      return ft_message_get_role_kind (previous) == FT_ROLE_TOOL ? FT_ROLE_ASSISTANT : FT_ROLE_USER;

    case FT_ROLE_FUNCTION:
      return FT_ROLE_ASSISTANT;

    case FT_ROLE_SYSTEM:
    case FT_ROLE_DEVELOPER:
    case FT_ROLE_UNKNOWN:
    default:
      return FT_ROLE_USER;
    }
}

/**
 * _ft_example_editor_set_current:
 * @self: a #FtExampleEditor
 * @message: (nullable): the message that has the focus
 *
 * Sets the message the editor's actions (delete, move) act on.
 */
void
_ft_example_editor_set_current (FtExampleEditor *self,
                                FtMessage       *message)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));

  if (g_set_object (&self->current, message))
    update_actions (self);
}

/**
 * _ft_example_editor_end_typing:
 * @self: a #FtExampleEditor
 *
 * Closes the undo step of the text being typed.
 */
void
_ft_example_editor_end_typing (FtExampleEditor *self)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));

  end_typing (self);
}

/**
 * _ft_example_editor_edit_text:
 * @self: a #FtExampleEditor
 * @message: a message of the example
 * @part: the text part, or -1 for string content
 * @text: the new text
 *
 * Sets the text of a message as the user types it.
 */
void
_ft_example_editor_edit_text (FtExampleEditor *self,
                              FtMessage       *message,
                              int              part,
                              const char      *text)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (text != NULL);

  if (self->history != NULL && part < 0)
    ft_history_set_message_content (self->history, message, text);
  else if (self->history != NULL)
    ft_history_set_message_part_text (self->history, message, part, text);
  else if (part < 0)
    ft_message_set_content (message, text);
  else
    ft_message_set_part_text (message, part, text);
}

/**
 * _ft_example_editor_set_role:
 * @self: a #FtExampleEditor
 * @message: a message of the example
 * @role: its new role
 */
void
_ft_example_editor_set_role (FtExampleEditor *self,
                             FtMessage       *message,
                             FtRole           role)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (role != FT_ROLE_UNKNOWN);

  end_typing (self);

  if (ft_message_get_role_kind (message) == role)
    return;

  if (self->history != NULL)
    ft_history_set_message_role (self->history, message, role);
  else
    ft_message_set_role_kind (message, role);
}

/**
 * _ft_example_editor_set_weight:
 * @self: a #FtExampleEditor
 * @message: an assistant message of the example
 * @weight: 1 to train on the reply, 0 not to
 */
void
_ft_example_editor_set_weight (FtExampleEditor *self,
                               FtMessage       *message,
                               int              weight)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (weight == 0 || weight == 1);

  end_typing (self);

  if ((ft_message_get_weight (message) != 0) == (weight != 0))
    return;

  if (self->history != NULL)
    ft_history_set_message_weight (self->history, message, weight);
  else
    ft_message_set_weight (message, weight);
}

/**
 * _ft_example_editor_add_message:
 * @self: a #FtExampleEditor
 * @list: which list
 * @position: where
 * @role: the new message's role
 *
 * Adds an empty message and focuses it. A tool result answers the first
 * tool call before it that has no answer yet.
 */
void
_ft_example_editor_add_message (FtExampleEditor *self,
                                FtMessageList    list,
                                guint            position,
                                FtRole           role)
{
  g_autoptr(FtMessage) message = NULL;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (has_messages (self));

  end_typing (self);

  position = MIN (position, g_list_model_get_n_items (get_list (self, list)));
  message = ft_message_new (role, "");
  if (role == FT_ROLE_TOOL)
    {
      g_autofree char *id = find_unanswered_call (self, list, position);

      if (id != NULL)
        ft_message_set_tool_call_id (message, id);
    }

  if (self->history != NULL)
    ft_history_insert_message (self->history, self->example, list, position, message);
  else
    ft_example_insert_message (self->example, list, position, message);
  _ft_example_editor_set_current (self, message);
  focus_row_later (self, message);
}

/**
 * _ft_example_editor_remove_message:
 * @self: a #FtExampleEditor
 * @message: a message of the example
 *
 * Removes @message and focuses its neighbour.
 */
void
_ft_example_editor_remove_message (FtExampleEditor *self,
                                   FtMessage       *message)
{
  FtMessageList list;
  guint position;
  guint n;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));

  end_typing (self);

  if (!_ft_example_editor_locate_message (self, message, &list, &position))
    return;

  if (self->history != NULL)
    ft_history_remove_message (self->history, self->example, list, position);
  else
    ft_example_remove_message (self->example, list, position);

  n = g_list_model_get_n_items (get_list (self, list));
  if (n > 0)
    {
      g_autoptr(FtMessage) neighbour = NULL;

      neighbour = g_list_model_get_item (get_list (self, list), MIN (position, n - 1));

      _ft_example_editor_set_current (self, neighbour);
      focus_row_later (self, neighbour);
    }
}

/**
 * _ft_example_editor_move_message:
 * @self: a #FtExampleEditor
 * @message: a message of the example
 * @delta: -1 to move it up, 1 to move it down
 */
void
_ft_example_editor_move_message (FtExampleEditor *self,
                                 FtMessage       *message,
                                 int              delta)
{
  g_autoptr(FtMessage) keep = NULL;
  FtMessageList list;
  guint position;
  guint n;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (delta == -1 || delta == 1);

  end_typing (self);

  if (!_ft_example_editor_locate_message (self, message, &list, &position))
    return;

  n = g_list_model_get_n_items (get_list (self, list));
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;

  keep = g_object_ref (message);
  if (self->history != NULL)
    ft_history_move_message (self->history, self->example, list, position, position + delta);
  else
    ft_example_move_message (self->example, list, position, position + delta);
  _ft_example_editor_set_current (self, keep);
  focus_row_later (self, keep);
}

/**
 * _ft_example_editor_add_tool_call:
 * @self: a #FtExampleEditor
 * @message: an assistant message of the example
 *
 * Adds a tool call with a new ID, no function name yet and "{}" as
 * arguments.
 */
void
_ft_example_editor_add_tool_call (FtExampleEditor *self,
                                  FtMessage       *message)
{
  g_autofree char *id = NULL;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));

  end_typing (self);

  id = ft_example_new_tool_call_id (self->example);
  if (self->history != NULL)
    ft_history_append_tool_call (self->history, message, id, "", "{}");
  else
    ft_message_append_tool_call (message, id, "", "{}");
}

/**
 * _ft_example_editor_set_tool_call:
 * @self: a #FtExampleEditor
 * @message: a message of the example
 * @index: which tool call
 * @function_name: (nullable): the new function name, or %NULL to keep it
 * @arguments: (nullable): the new arguments, or %NULL to keep them
 */
void
_ft_example_editor_set_tool_call (FtExampleEditor *self,
                                  FtMessage       *message,
                                  guint            index,
                                  const char      *function_name,
                                  const char      *arguments)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));

  if (self->history != NULL)
    ft_history_set_tool_call (self->history, message, index, function_name, arguments);
  else
    ft_message_set_tool_call_function (message, index, function_name, arguments);
}

/**
 * _ft_example_editor_remove_tool_call:
 * @self: a #FtExampleEditor
 * @message: a message of the example
 * @index: which tool call
 */
void
_ft_example_editor_remove_tool_call (FtExampleEditor *self,
                                     FtMessage       *message,
                                     guint            index)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (FT_IS_MESSAGE (message));

  end_typing (self);
  if (self->history != NULL)
    ft_history_remove_tool_call (self->history, message, index);
  else
    ft_message_remove_tool_call (message, index);
  focus_row_later (self, message);
}

/**
 * _ft_example_editor_set_text:
 * @self: a #FtExampleEditor
 * @example: the example (the one shown, or the one just left)
 * @text: the new line
 * @error: return location for a #GError
 *
 * Replaces the whole example with @text, which is kept even when it does
 * not parse (the example is then broken).
 *
 * Returns: %TRUE when @text is valid JSON
 */
gboolean
_ft_example_editor_set_text (FtExampleEditor  *self,
                             FtExample        *example,
                             const char       *text,
                             GError          **error)
{
  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), FALSE);
  g_return_val_if_fail (FT_IS_EXAMPLE (example), FALSE);

  end_typing (self);

  if (self->history != NULL)
    return ft_history_set_example_text (self->history, example, text, error);

  return ft_example_set_text (example, text, error);
}

/* Stores the tools of @copy, where an edit was worked out, as one step. */
static void
store_tools (FtExampleEditor *self,
             FtExample       *copy,
             const char      *label)
{
  g_autoptr(JsonNode) tools = ft_example_dup_tools (copy);

  if (self->history != NULL)
    ft_history_set_example_member (self->history, self->example, "tools", tools, label);
  else
    ft_example_set_tools (self->example, tools);
}

/**
 * _ft_example_editor_set_tool:
 * @self: a #FtExampleEditor
 * @index: a tool of the example
 * @name: the function's name
 * @description: (nullable): its description
 * @parameters: (nullable): its parameters schema as JSON text
 * @error: return location for a #GError
 *
 * Changes one tool as the user types; parameters that are not a schema
 * are kept as typed.
 *
 * Returns: %TRUE when the parameters are a JSON object (or empty)
 */
gboolean
_ft_example_editor_set_tool (FtExampleEditor  *self,
                             guint             index,
                             const char       *name,
                             const char       *description,
                             const char       *parameters,
                             GError          **error)
{
  g_autoptr(FtExample) copy = NULL;
  gboolean valid;

  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), FALSE);
  g_return_val_if_fail (self->example != NULL, FALSE);

  copy = ft_example_copy (self->example);
  g_return_val_if_fail (index < ft_example_get_n_tools (copy), FALSE);

  valid = ft_example_set_tool (copy, index, name, description, parameters, error);
  store_tools (self, copy, _("Edit Tools"));

  return valid;
}

/**
 * _ft_example_editor_add_tool:
 * @self: a #FtExampleEditor
 *
 * Adds a function with no name yet and an empty object schema.
 */
void
_ft_example_editor_add_tool (FtExampleEditor *self)
{
  g_autoptr(FtExample) copy = NULL;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (self->example != NULL);

  end_typing (self);

  copy = ft_example_copy (self->example);
  ft_example_insert_tool (copy, ft_example_get_n_tools (copy), "", NULL,
                          "{\"type\": \"object\", \"properties\": {}}", NULL);
  store_tools (self, copy, _("Add Tool"));
}

/**
 * _ft_example_editor_remove_tool:
 * @self: a #FtExampleEditor
 * @index: a tool of the example
 */
void
_ft_example_editor_remove_tool (FtExampleEditor *self,
                                guint            index)
{
  g_autoptr(FtExample) copy = NULL;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (self->example != NULL);

  end_typing (self);

  copy = ft_example_copy (self->example);
  g_return_if_fail (index < ft_example_get_n_tools (copy));

  ft_example_remove_tool (copy, index);
  store_tools (self, copy, _("Remove Tool"));
  end_typing (self);
}

/**
 * _ft_example_editor_set_field:
 * @self: a #FtExampleEditor
 * @name: a top-level key outside the conversation and tools
 * @value: (nullable): its new value; %NULL removes it
 *
 * Sets a field of the example as the user types it.
 */
void
_ft_example_editor_set_field (FtExampleEditor *self,
                              const char      *name,
                              JsonNode        *value)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (self->example != NULL);
  g_return_if_fail (name != NULL);

  if (self->history != NULL)
    ft_history_set_example_member (self->history, self->example, name, value,
                                   value != NULL ? _("Edit Field") : _("Remove Field"));
  else
    ft_example_set_member (self->example, name, value);
}

/* Public API */

/**
 * ft_example_editor_new:
 *
 * Returns: (transfer floating): a new #FtExampleEditor
 */
GtkWidget *
ft_example_editor_new (void)
{
  return g_object_new (FT_TYPE_EXAMPLE_EDITOR, NULL);
}

/**
 * ft_example_editor_get_example:
 * @self: a #FtExampleEditor
 *
 * Returns: (transfer none) (nullable): the example being edited
 */
FtExample *
ft_example_editor_get_example (FtExampleEditor *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), NULL);

  return self->example;
}

/**
 * ft_example_editor_set_example:
 * @self: a #FtExampleEditor
 * @example: (nullable): the example to edit; %NULL shows an empty state
 *
 * Shows @example. The findings shown are cleared: set the new example's
 * with ft_example_editor_set_issues().
 */
void
ft_example_editor_set_example (FtExampleEditor *self,
                               FtExample       *example)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (example == NULL || FT_IS_EXAMPLE (example));

  if (self->example == example)
    return;

  end_typing (self);
  g_clear_object (&self->current);
  g_clear_object (&self->issues);
  g_clear_pointer (&self->count, ft_token_count_unref);

  if (self->example != NULL)
    g_signal_handlers_disconnect_by_data (self->example, self);

  g_set_object (&self->example, example);

  if (example != NULL)
    {
      g_signal_connect_object (example, "changed",
                               G_CALLBACK (on_example_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (example, "notify::kind",
                               G_CALLBACK (on_example_kind_cb), self,
                               G_CONNECT_SWAPPED);
    }

  update_page (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXAMPLE]);
}

/**
 * ft_example_editor_get_history:
 * @self: a #FtExampleEditor
 *
 * Returns: (transfer none) (nullable): the undo history
 */
FtHistory *
ft_example_editor_get_history (FtExampleEditor *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), NULL);

  return self->history;
}

/**
 * ft_example_editor_set_history:
 * @self: a #FtExampleEditor
 * @history: (nullable): the undo history edits go through
 */
void
ft_example_editor_set_history (FtExampleEditor *self,
                               FtHistory       *history)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (history == NULL || FT_IS_HISTORY (history));

  end_typing (self);

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * ft_example_editor_get_encoding:
 * @self: a #FtExampleEditor
 *
 * Returns: the encoding of the live token counts
 */
FtEncoding
ft_example_editor_get_encoding (FtExampleEditor *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE_EDITOR (self), FT_ENCODING_O200K_BASE);

  return self->encoding;
}

/**
 * ft_example_editor_set_encoding:
 * @self: a #FtExampleEditor
 * @encoding: the encoding to count tokens with
 */
void
ft_example_editor_set_encoding (FtExampleEditor *self,
                                FtEncoding       encoding)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));

  if (self->encoding == encoding)
    return;

  self->encoding = encoding;
  g_clear_object (&self->counter);
  schedule_count (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

/**
 * ft_example_editor_set_issues:
 * @self: a #FtExampleEditor
 * @issues: (nullable): a #GListModel of #FtIssue about the example
 *
 * Shows each finding next to its message, and those about the example
 * itself at the top.
 */
void
ft_example_editor_set_issues (FtExampleEditor *self,
                              GListModel      *issues)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));
  g_return_if_fail (issues == NULL || G_IS_LIST_MODEL (issues));

  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_func (self->issues, update_issues, self);

  g_set_object (&self->issues, issues);

  if (issues != NULL)
    g_signal_connect_object (issues, "items-changed",
                             G_CALLBACK (update_issues), self,
                             G_CONNECT_SWAPPED);

  update_issues (self);
}

/**
 * ft_example_editor_focus_message:
 * @self: a #FtExampleEditor
 * @message_index: the 0-based number of a message as findings count them,
 *   or -1 for the example itself
 *
 * Scrolls to the message and focuses its text.
 */
void
ft_example_editor_focus_message (FtExampleEditor *self,
                                 int              message_index)
{
  FtMessageRow *row;

  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));

  if (self->example == NULL)
    return;

  if (!has_messages (self))
    {
      ft_broken_line_editor_focus_error (self->line_editor);
      return;
    }

  row = get_row_at_index (self, message_index, NULL, NULL);
  if (row == NULL)
    {
      /* The example itself: its findings and first message at the top. */
      row = get_row_at_index (self, 0, NULL, NULL);
      if (row != NULL)
        ft_message_row_focus_text (row);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      g_clear_object (&self->scroll_target);
      return;
    }

  ft_message_row_focus_text (row);
  scroll_to_widget (self, GTK_WIDGET (row));
}

/**
 * ft_example_editor_set_highlight:
 * @self: a #FtExampleEditor
 * @text: (nullable): text to highlight in the messages, case-insensitively
 */
void
ft_example_editor_set_highlight (FtExampleEditor *self,
                                 const char      *text)
{
  g_return_if_fail (FT_IS_EXAMPLE_EDITOR (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;

  if (g_strcmp0 (self->highlight, text) == 0)
    return;

  g_free (self->highlight);
  self->highlight = g_strdup (text);

  update_rows (self);
  ft_broken_line_editor_set_highlight (self->line_editor, self->highlight);
}
