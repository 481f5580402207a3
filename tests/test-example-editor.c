/* test-example-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-broken-line-editor.h"
#include "ft-dataset.h"
#include "ft-example-editor.h"
#include "ft-example-editor-private.h"
#include "ft-fields-editor.h"
#include "ft-finding-row.h"
#include "ft-issue.h"
#include "ft-message-row.h"
#include "ft-message-section.h"
#include "ft-token-counter.h"
#include "ft-tool-call-card.h"
#include "ft-tools-editor.h"
#include "ft-tool-calls.h"

#include <adwaita.h>
#include <string.h>

#include "ft-ui-test-utils.h"

#define RICH_EXAMPLE \
  "{\"messages\":[" \
  "{\"role\":\"system\",\"content\":\"You are the support assistant of a bicycle shop.\"}," \
  "{\"role\":\"user\",\"content\":\"Is the Trek FX 3 in stock in Lyon?\"}," \
  "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" \
  "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"check_stock\"," \
  "\"arguments\":\"{\\\"model\\\":\\\"Trek FX 3\\\",\\\"store\\\":\\\"Lyon\\\"}\"}}]}," \
  "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"in_stock\\\":2}\"}," \
  "{\"role\":\"assistant\",\"content\":\"Yes, two are in stock in Lyon.\",\"weight\":0}," \
  "{\"role\":\"user\",\"content\":\"Great, thanks!\"}," \
  "{\"role\":\"assistant\",\"content\":\"You're welcome. Ride safe!\"}]," \
  "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"check_stock\"," \
  "\"description\":\"Stock of a model in a store\"," \
  "\"parameters\":{\"type\":\"object\",\"properties\":{\"model\":{\"type\":\"string\"}," \
  "\"store\":{\"type\":\"string\"}}}}}]}"

typedef struct
{
  GtkWindow       *window;
  FtExampleEditor *editor;
  FtExample       *example;
  FtDataset       *dataset;
  FtHistory       *history;
} Fixture;

/* Adds the shown widgets of @type below @widget to @found, in order. */
static void
collect_shown (GtkWidget *widget,
               GType      type,
               GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (gtk_widget_get_mapped (widget))
        g_ptr_array_add (found, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown (child, type, found);
}

static GPtrArray *
get_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_shown (GTK_WIDGET (fixture->editor), FT_TYPE_MESSAGE_ROW, rows);

  return rows;
}

static FtMessageRow *
get_row (Fixture *fixture,
         guint    index)
{
  g_autoptr(GPtrArray) rows = get_rows (fixture);

  g_assert_cmpuint (index, <, rows->len);

  return g_ptr_array_index (rows, index);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextView *
get_text_view (gpointer widget)
{
  GtkWidget *view = ft_test_find_widget_by_type (widget, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);

  return GTK_TEXT_VIEW (view);
}

static char *
dup_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static FtMessage *
get_message (Fixture *fixture,
             guint    position)
{
  g_autoptr(FtMessage) message = g_list_model_get_item (ft_example_get_messages (fixture->example),
                                                        position);

  return message;
}

static char *
example_text (FtExample *example)
{
  return ft_example_dup_text (example);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown_cb (gpointer data)
{
  LabelWait *wait = data;

  return ft_test_find_label_with_text (wait->root, wait->text) != NULL;
}

/* Waits until a label with @text shows below @root. */
static void
wait_for_label (gpointer    root,
                const char *text)
{
  LabelWait wait = { root, text };

  g_assert_true (ft_test_wait_until (label_shown_cb, &wait, 5000));
}

/* Lets the editor refresh what depends on the whole example, which it
 * does after a pause in the edits.
 */
static void
settle_refresh (void)
{
  ft_test_iterate_main_context (250);
}

/* Lets idle syncs and layout run. */
static void
settle (void)
{
  ft_test_iterate_main_context (30);
}

static void
undo (Fixture *fixture)
{
  g_assert_true (ft_history_undo (fixture->history));
  settle ();
}

static void
redo (Fixture *fixture)
{
  g_assert_true (ft_history_redo (fixture->history));
  settle ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *text = data != NULL ? data : RICH_EXAMPLE;

  fixture->example = ft_example_new_from_text (text, -1);
  fixture->dataset = ft_dataset_new ();
  ft_dataset_append (fixture->dataset, fixture->example);
  ft_dataset_set_modified (fixture->dataset, FALSE);
  fixture->history = ft_history_new (fixture->dataset);
  fixture->editor = FT_EXAMPLE_EDITOR (ft_example_editor_new ());
  ft_example_editor_set_history (fixture->editor, fixture->history);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 400);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);

  ft_example_editor_set_example (fixture->editor, fixture->example);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  settle ();
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->dataset);
  g_assert_finalize_object (fixture->example);
}

static void
test_empty_state (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *editor = ft_example_editor_new ();
  g_autoptr(FtExample) example = ft_example_new ();

  gtk_window_set_child (window, editor);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_null (ft_example_editor_get_example (FT_EXAMPLE_EDITOR (editor)));
  g_assert_nonnull (ft_test_find_label_with_text (editor, "No Example Selected"));
  /* Disabled actions do nothing. */
  gtk_widget_activate_action (editor, "editor.delete-message", NULL);
  gtk_widget_activate_action (editor, "editor.add-message", NULL);

  /* An example, then none again. */
  ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), example);
  settle ();
  g_assert_null (ft_test_find_label_with_text (editor, "No Example Selected"));
  g_assert_nonnull (ft_test_find_label_with_text (editor, "No messages yet"));
  ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), NULL);
  settle ();
  g_assert_nonnull (ft_test_find_label_with_text (editor, "No Example Selected"));

  gtk_window_destroy (window);
}

static void
test_bubbles (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = get_rows (fixture);
  static const char * const classes[] = {
    "ft-role-system", "ft-role-user", "ft-role-assistant", "ft-role-tool",
    "ft-role-assistant", "ft-role-user", "ft-role-assistant",
  };
  g_autofree char *text = NULL;

  g_assert_cmpuint (rows->len, ==, 7);
  for (guint i = 0; i < rows->len; i++)
    {
      FtMessageRow *row = g_ptr_array_index (rows, i);

      g_assert_true (ft_message_row_get_message (row) == get_message (fixture, i));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), classes[i]));
    }

  /* Text in place, the role menu with its name. */
  text = dup_view_text (get_text_view (g_ptr_array_index (rows, 1)));
  g_assert_cmpstr (text, ==, "Is the Trek FX 3 in stock in Lyon?");
  g_assert_nonnull (ft_test_find_widget_by_label (g_ptr_array_index (rows, 1), "Role: User"));
  g_assert_nonnull (ft_test_find_widget_by_label (g_ptr_array_index (rows, 1), "Message 2, User"));

  /* The role menu is built when first opened, with the roles in it. */
  {
    GtkWidget *role_button = ft_test_find_widget_by_label (g_ptr_array_index (rows, 1),
                                                           "Role: User");
    GtkWidget *popover;

    g_assert_true (GTK_IS_MENU_BUTTON (role_button));
    gtk_menu_button_popup (GTK_MENU_BUTTON (role_button));
    settle ();
    g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (role_button)));
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (role_button)));
    g_assert_true (gtk_widget_get_visible (popover));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (role_button));
  }

  /* The tool result names the call it answers. */
  g_assert_nonnull (ft_test_find_label_with_text (g_ptr_array_index (rows, 3),
                                                  "Answers check_stock()"));

  /* The reply with weight 0 says it is not trained on. */
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 4), "ft-untrained"));
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (rows, 6), "ft-untrained"));
}

static void
test_edit_text (Fixture       *fixture,
                gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 1);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (get_text_view (row));
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  GtkTextIter end;
  guint changed = 0;

  g_signal_connect_swapped (fixture->editor, "changed", G_CALLBACK (count_cb), &changed);

  /* Typing, keystroke by keystroke, goes into the example at once... */
  for (const char *p = " Or in Paris?"; *p != '\0'; p++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, 1);
    }
  g_assert_cmpstr (ft_message_get_content (get_message (fixture, 1)), ==,
                   "Is the Trek FX 3 in stock in Lyon? Or in Paris?");
  g_assert_cmpuint (changed, ==, strlen (" Or in Paris?"));
  text = example_text (fixture->example);
  g_assert_nonnull (strstr (text, "Lyon? Or in Paris?"));
  g_assert_true (ft_dataset_get_modified (fixture->dataset));

  /* ...and is one undo step. */
  label = ft_history_dup_undo_label (fixture->history);
  g_assert_cmpstr (label, ==, "Undo Edit Message");
  undo (fixture);
  g_assert_cmpstr (ft_message_get_content (get_message (fixture, 1)), ==,
                   "Is the Trek FX 3 in stock in Lyon?");
  g_clear_pointer (&text, g_free);
  text = dup_view_text (get_text_view (row));
  g_assert_cmpstr (text, ==, "Is the Trek FX 3 in stock in Lyon?");
  g_assert_false (ft_history_get_can_undo (fixture->history));
  g_assert_false (ft_dataset_get_modified (fixture->dataset));

  redo (fixture);
  g_clear_pointer (&text, g_free);
  text = dup_view_text (get_text_view (row));
  g_assert_cmpstr (text, ==, "Is the Trek FX 3 in stock in Lyon? Or in Paris?");

  /* Leaving the text ends the step: the next typing is another. */
  _ft_example_editor_end_typing (fixture->editor);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "!", -1);
  undo (fixture);
  g_assert_cmpstr (ft_message_get_content (get_message (fixture, 1)), ==,
                   "Is the Trek FX 3 in stock in Lyon? Or in Paris?");

  /* A change from elsewhere shows in the bubble. */
  ft_message_set_content (get_message (fixture, 1), "Changed elsewhere");
  settle ();
  g_clear_pointer (&text, g_free);
  text = dup_view_text (get_text_view (row));
  g_assert_cmpstr (text, ==, "Changed elsewhere");
}

static void
test_undo_keys (Fixture       *fixture,
                gconstpointer  data)
{
  GtkTextView *view = get_text_view (get_row (fixture, 1));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* The text views have no undo of their own: Ctrl+Z is the page's. */
  g_assert_false (gtk_text_buffer_get_enable_undo (buffer));
  gtk_text_buffer_set_text (buffer, "New text", -1);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "text.undo", NULL);
  settle ();
  g_assert_cmpstr (ft_message_get_content (get_message (fixture, 1)), ==, "New text");
  g_assert_true (ft_history_get_can_undo (fixture->history));
}

static void
test_change_role (Fixture       *fixture,
                  gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "message.role", "s", "developer"));
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 5)), ==, FT_ROLE_DEVELOPER);
  settle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "ft-role-developer"));
  g_assert_nonnull (ft_test_find_widget_by_label (GTK_WIDGET (row), "Role: Developer"));

  undo (fixture);
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 5)), ==, FT_ROLE_USER);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "ft-role-user"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "ft-role-developer"));
  redo (fixture);
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 5)), ==, FT_ROLE_DEVELOPER);

  /* The assistant's switch only shows on assistant turns. */
  row = get_row (fixture, 6);
  g_assert_true (gtk_widget_is_visible (ft_test_find_widget_by_type (GTK_WIDGET (row),
                                                                     GTK_TYPE_SWITCH)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "message.role", "s", "user"));
  settle ();
  g_assert_false (gtk_widget_is_visible (ft_test_find_widget_by_type (GTK_WIDGET (row),
                                                                      GTK_TYPE_SWITCH)));
  undo (fixture);
  g_assert_true (gtk_widget_is_visible (ft_test_find_widget_by_type (GTK_WIDGET (row),
                                                                     GTK_TYPE_SWITCH)));
}

static void
test_add_delete_move (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *messages = ft_example_get_messages (fixture->example);
  g_autoptr(FtMessage) last = NULL;
  g_autoptr(FtMessage) moved = NULL;
  g_autofree char *before = example_text (fixture->example);
  g_autofree char *text = NULL;
  GtkWidget *focus;

  /* After an assistant reply comes the user; the new bubble has the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message",
                                             NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 8);
  last = g_object_ref (get_message (fixture, 7));
  g_assert_cmpint (ft_message_get_role_kind (last), ==, FT_ROLE_USER);
  settle ();
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (get_row (fixture, 7))));

  /* Undo and redo the addition; the same message comes back. */
  undo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 7);
  g_assert_cmpuint (get_rows (fixture)->len, ==, 7);
  redo (fixture);
  g_assert_true (get_message (fixture, 7) == last);
  g_assert_true (ft_message_row_get_message (get_row (fixture, 7)) == last);

  /* Then the assistant, added after the current message. */
  ft_example_editor_focus_message (fixture->editor, 7);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message",
                                             NULL));
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 8)), ==, FT_ROLE_ASSISTANT);

  /* Move the new assistant reply up, twice, and down again: each undoes. */
  moved = g_object_ref (get_message (fixture, 8));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor),
                                             "editor.move-message-up", NULL));
  g_assert_true (get_message (fixture, 7) == moved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor),
                                             "editor.move-message-up", NULL));
  g_assert_true (get_message (fixture, 6) == moved);
  undo (fixture);
  g_assert_true (get_message (fixture, 7) == moved);
  redo (fixture);
  g_assert_true (get_message (fixture, 6) == moved);
  g_assert_true (ft_message_row_get_message (get_row (fixture, 6)) == moved);

  /* Down again, from the message that has the focus. */
  ft_example_editor_focus_message (fixture->editor, 6);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor),
                                             "editor.move-message-down", NULL));
  g_assert_true (get_message (fixture, 7) == moved);
  settle ();
  g_assert_true (ft_message_row_get_message (get_row (fixture, 7)) == moved);

  /* Delete it, undo the deletion, delete again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.delete-message",
                                             NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 8);
  g_assert_false (_ft_example_editor_locate_message (fixture->editor, moved, NULL, NULL));
  undo (fixture);
  g_assert_true (get_message (fixture, 7) == moved);
  g_assert_true (ft_message_row_get_message (get_row (fixture, 7)) == moved);
  redo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 8);

  /* Undo everything: the example is as it was. */
  while (ft_history_get_can_undo (fixture->history))
    undo (fixture);
  text = example_text (fixture->example);
  g_assert_cmpstr (text, ==, before);
  g_assert_cmpuint (get_rows (fixture)->len, ==, 7);

  /* The first message cannot move up. */
  g_clear_object (&moved);
  moved = g_object_ref (get_message (fixture, 0));
  ft_example_editor_focus_message (fixture->editor, 0);
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.move-message-up", NULL);
  g_assert_true (get_message (fixture, 0) == moved);
}

static void
test_next_role (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *messages = ft_example_get_messages (fixture->example);
  g_autoptr(FtMessage) result = NULL;

  /* An empty example starts with the user. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message",
                                             NULL));
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 0)), ==, FT_ROLE_USER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message",
                                             NULL));
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 1)), ==, FT_ROLE_ASSISTANT);

  /* An assistant turn that calls a tool: a tool result answering it is next. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_row (fixture, 1)),
                                             "message.add-tool-call", NULL));
  g_assert_cmpuint (ft_message_get_n_tool_calls (get_message (fixture, 1)), ==, 1);
  ft_example_editor_focus_message (fixture->editor, 1);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message",
                                             NULL));
  result = g_object_ref (get_message (fixture, 2));
  g_assert_cmpint (ft_message_get_role_kind (result), ==, FT_ROLE_TOOL);
  g_assert_cmpstr (ft_message_get_tool_call_id (result), ==, "call_1");

  /* All calls answered: the assistant again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message",
                                             NULL));
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 3)), ==, FT_ROLE_ASSISTANT);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 4);

  /* The section's button adds a role of the user's choice at the end. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_row (fixture, 0)),
                                             "section.add-message",
                                             "s", "system"));
  g_assert_cmpint (ft_message_get_role_kind (get_message (fixture, 4)), ==, FT_ROLE_SYSTEM);
}

static void
test_weight_switch (Fixture       *fixture,
                    gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 6);
  GtkSwitch *weight = GTK_SWITCH (ft_test_find_widget_by_type (GTK_WIDGET (row), GTK_TYPE_SWITCH));
  g_autofree char *text = NULL;

  g_assert_nonnull (weight);
  g_assert_true (gtk_switch_get_active (weight));
  g_assert_cmpint (ft_message_get_weight (get_message (fixture, 6)), ==, -1);

  gtk_switch_set_active (weight, FALSE);
  g_assert_cmpint (ft_message_get_weight (get_message (fixture, 6)), ==, 0);
  settle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "ft-untrained"));
  text = example_text (fixture->example);
  g_assert_nonnull (strstr (text, "Ride safe!\",\"weight\":0}"));

  /* The reply that had weight 0 trains again. */
  row = get_row (fixture, 4);
  weight = GTK_SWITCH (ft_test_find_widget_by_type (GTK_WIDGET (row), GTK_TYPE_SWITCH));
  g_assert_false (gtk_switch_get_active (weight));
  gtk_switch_set_active (weight, TRUE);
  g_assert_cmpint (ft_message_get_weight (get_message (fixture, 4)), ==, 1);
  settle ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "ft-untrained"));

  /* Undo brings back weight 0 and the switch follows. */
  undo (fixture);
  g_assert_cmpint (ft_message_get_weight (get_message (fixture, 4)), ==, 0);
  g_assert_false (gtk_switch_get_active (weight));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "ft-untrained"));
  undo (fixture);
  g_assert_cmpint (ft_message_get_weight (get_message (fixture, 6)), ==, -1);
  g_assert_false (ft_history_get_can_undo (fixture->history));
  redo (fixture);
  g_assert_cmpint (ft_message_get_weight (get_message (fixture, 6)), ==, 0);
}

static void
test_tool_call_arguments (Fixture       *fixture,
                          gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 2);
  FtToolCallCard *card = FT_TOOL_CALL_CARD (ft_test_find_widget_by_type (GTK_WIDGET (row),
                                                                         FT_TYPE_TOOL_CALL_CARD));
  GtkTextView *view;
  g_autofree char *shown = NULL;
  g_autofree char *arguments = NULL;
  GtkWidget *error_label;

  g_assert_nonnull (card);
  view = get_text_view (card);

  /* Pretty-printed for editing. */
  shown = dup_view_text (view);
  g_assert_cmpstr (shown, ==, "{\n  \"model\": \"Trek FX 3\",\n  \"store\": \"Lyon\"\n}");
  g_assert_null (ft_tool_call_card_get_error (card));

  /* Invalid JSON is kept as typed, and the parser's message shows in place. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "{\n  \"model\": \"Trek FX 3\",\n  \"store\" \"Lyon\"\n}", -1);
  g_assert_nonnull (ft_tool_call_card_get_error (card));
  g_assert_true (g_str_has_prefix (ft_tool_call_card_get_error (card), "Line 3, column 11: "));
  error_label = ft_test_find_label_with_text (GTK_WIDGET (card),
                                              ft_tool_call_card_get_error (card));
  g_assert_nonnull (error_label);
  g_assert_true (ft_message_get_tool_call (get_message (fixture, 2), 0, NULL, NULL, &arguments));
  g_assert_cmpstr (arguments, ==, "{\n  \"model\": \"Trek FX 3\",\n  \"store\" \"Lyon\"\n}");
  g_clear_pointer (&arguments, g_free);

  /* Valid again: stored compact, the message is gone. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "{\n  \"model\": \"Trek FX 3\",\n  \"store\": \"Paris\"\n}", -1);
  g_assert_null (ft_tool_call_card_get_error (card));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (ft_message_get_tool_call (get_message (fixture, 2), 0, NULL, NULL, &arguments));
  g_assert_cmpstr (arguments, ==, "{\"model\":\"Trek FX 3\",\"store\":\"Paris\"}");

  /* The view keeps what the user typed (no reformatting under the cursor). */
  settle ();
  g_clear_pointer (&shown, g_free);
  shown = dup_view_text (view);
  g_assert_cmpstr (shown, ==, "{\n  \"model\": \"Trek FX 3\",\n  \"store\": \"Paris\"\n}");

  /* Both edits were typing into one call: one step back to the start. */
  undo (fixture);
  g_clear_pointer (&arguments, g_free);
  g_assert_true (ft_message_get_tool_call (get_message (fixture, 2), 0, NULL, NULL, &arguments));
  g_assert_cmpstr (arguments, ==, "{\"model\":\"Trek FX 3\",\"store\":\"Lyon\"}");
  g_clear_pointer (&shown, g_free);
  shown = dup_view_text (view);
  g_assert_cmpstr (shown, ==, "{\n  \"model\": \"Trek FX 3\",\n  \"store\": \"Lyon\"\n}");
  g_assert_false (ft_history_get_can_undo (fixture->history));
}

static void
test_tool_call_name_and_removal (Fixture       *fixture,
                                 gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 2);
  FtToolCallCard *card = FT_TOOL_CALL_CARD (ft_test_find_widget_by_type (GTK_WIDGET (row),
                                                                         FT_TYPE_TOOL_CALL_CARD));
  GtkWidget *name = ft_test_find_widget_by_label (GTK_WIDGET (card), "Function of tool call 1");
  g_autofree char *function = NULL;

  g_assert_true (GTK_IS_EDITABLE (name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "check_stock");
  gtk_editable_set_text (GTK_EDITABLE (name), "check_inventory");
  g_assert_true (ft_message_get_tool_call (get_message (fixture, 2), 0, NULL, &function, NULL));
  g_assert_cmpstr (function, ==, "check_inventory");

  /* The tool result follows the new name... */
  wait_for_label (get_row (fixture, 3), "Answers check_inventory()");

  /* ...and warns when its call is removed. */
  g_signal_emit_by_name (ft_test_find_widget_by_label (GTK_WIDGET (card), "Remove Tool Call"),
                         "clicked");
  settle ();
  g_assert_cmpuint (ft_message_get_n_tool_calls (get_message (fixture, 2)), ==, 0);
  g_assert_null (ft_test_find_widget_by_type (GTK_WIDGET (get_row (fixture, 2)),
                                              FT_TYPE_TOOL_CALL_CARD));
  wait_for_label (get_row (fixture, 3), "No tool call in this example has the ID “call_1”");

  undo (fixture);
  g_assert_cmpuint (ft_message_get_n_tool_calls (get_message (fixture, 2)), ==, 1);
  g_assert_nonnull (ft_test_find_widget_by_type (GTK_WIDGET (get_row (fixture, 2)),
                                                 FT_TYPE_TOOL_CALL_CARD));
  undo (fixture);
  g_clear_pointer (&function, g_free);
  g_assert_true (ft_message_get_tool_call (get_message (fixture, 2), 0, NULL, &function, NULL));
  g_assert_cmpstr (function, ==, "check_stock");
  card = FT_TOOL_CALL_CARD (ft_test_find_widget_by_type (GTK_WIDGET (get_row (fixture, 2)),
                                                         FT_TYPE_TOOL_CALL_CARD));
  name = ft_test_find_widget_by_label (GTK_WIDGET (card), "Function of tool call 1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "check_stock");
}

static void
test_tool_result_unmatched (Fixture       *fixture,
                            gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 3);

  ft_message_set_tool_call_id (get_message (fixture, 3), "call_9");
  wait_for_label (row, "No tool call in this example has the ID “call_9”");
}

static void
test_broken_line (Fixture       *fixture,
                  gconstpointer  data)
{
  FtBrokenLineEditor *line;
  GtkTextView *view;
  GtkWidget *apply;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (ft_example_get_broken (fixture->example));
  line = FT_BROKEN_LINE_EDITOR (ft_test_find_widget_by_type (GTK_WIDGET (fixture->editor),
                                                             FT_TYPE_BROKEN_LINE_EDITOR));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (line)));
  g_assert_nonnull (ft_broken_line_editor_get_error (line));
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (line),
                                                  "This Line Is Not Valid JSON"));
  apply = find_button (GTK_WIDGET (line), "_Apply");
  g_assert_true (GTK_IS_BUTTON (apply));
  g_assert_false (gtk_widget_get_sensitive (apply));

  /* Fixing the text in place, then applying it, makes a normal example. */
  view = get_text_view (line);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                            "{\"role\":\"assistant\",\"content\":\"Hello!\"}]}", -1);
  g_assert_null (ft_broken_line_editor_get_error (line));
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");
  g_assert_false (ft_example_get_broken (fixture->example));
  g_assert_cmpint (ft_example_get_kind (fixture->example), ==, FT_EXAMPLE_KIND_CHAT);
  settle ();

  rows = get_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 2);

  /* The fix undoes: the broken line and its editor come back. */
  undo (fixture);
  g_assert_true (ft_example_get_broken (fixture->example));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (line)));
  g_assert_nonnull (ft_broken_line_editor_get_error (line));
  redo (fixture);
  g_assert_false (ft_example_get_broken (fixture->example));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = get_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 2);
}

static void
test_broken_line_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  FtBrokenLineEditor *line;
  GtkTextView *view;
  g_autofree char *text = NULL;

  line = FT_BROKEN_LINE_EDITOR (ft_test_find_widget_by_type (GTK_WIDGET (fixture->editor),
                                                             FT_TYPE_BROKEN_LINE_EDITOR));
  view = get_text_view (line);

  /* Text that still does not parse is kept in the example as typed. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "{\"messages\": [oops", -1);
  g_assert_nonnull (ft_broken_line_editor_get_error (line));
  g_assert_true (g_str_has_prefix (ft_broken_line_editor_get_error (line), "Column 15: "));
  ft_example_editor_set_example (fixture->editor, NULL);
  text = example_text (fixture->example);
  g_assert_cmpstr (text, ==, "{\"messages\": [oops");
  g_assert_true (ft_example_get_broken (fixture->example));
}

static void
test_focus_message (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *focus;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  FtMessageRow *row;


  ft_example_editor_focus_message (fixture->editor, 6);
  settle ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  row = get_row (fixture, 6);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));

  /* The scrolled window around the bubbles is the first one with a bubble. */
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* A tool-calling turn has no text: its first card takes the focus. */
  ft_example_editor_focus_message (fixture->editor, 2);
  settle ();
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (get_row (fixture, 2))));

  /* The example itself: back to the top. */
  ft_example_editor_focus_message (fixture->editor, -1);
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

static void
test_highlight (Fixture       *fixture,
                gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 1);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (get_text_view (row));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "ft-highlight");
  GtkTextIter iter;

  g_assert_nonnull (tag);

  ft_example_editor_set_highlight (fixture->editor, "lyon");
  g_assert_cmpuint (ft_message_row_set_highlight (row, "lyon"), ==, 1);

  /* "Lyon" starts at character 30 of "Is the Trek FX 3 in stock in Lyon?". */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 29);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 2);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));

  /* The highlight follows new text. */
  gtk_text_buffer_set_text (buffer, "Lyon or lyon", -1);
  settle ();
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 8);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));

  ft_example_editor_set_highlight (fixture->editor, NULL);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 0);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
}

static void
test_issues (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GListStore) issues = g_list_store_new (FT_TYPE_ISSUE);
  g_autoptr(FtIssue) general = NULL;
  g_autoptr(FtIssue) on_message = NULL;

  general = ft_issue_new (FT_ISSUE_UNKNOWN_EXAMPLE_KEY, 1, 0, -1, "The example has “extra”.");
  on_message = ft_issue_new (FT_ISSUE_SURROUNDING_WHITESPACE, 1, 0, 5,
                             "Message 6 starts with a space.");
  g_list_store_append (issues, general);
  g_list_store_append (issues, on_message);

  ft_example_editor_set_issues (fixture->editor, G_LIST_MODEL (issues));
  settle ();

  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (get_row (fixture, 5)),
                                                  "Message 6 starts with a space."));
  g_assert_null (ft_test_find_label_with_text (GTK_WIDGET (get_row (fixture, 4)),
                                               "Message 6 starts with a space."));
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->editor),
                                                  "The example has “extra”."));
  g_assert_null (ft_test_find_label_with_text (GTK_WIDGET (get_row (fixture, 0)),
                                               "The example has “extra”."));

  /* Findings go when the list empties. */
  g_list_store_remove_all (issues);
  settle ();
  g_assert_null (ft_test_find_label_with_text (GTK_WIDGET (fixture->editor),
                                               "The example has “extra”."));
  g_assert_null (ft_test_find_widget_by_type (GTK_WIDGET (fixture->editor), FT_TYPE_FINDING_ROW));
}

static char *
tokens_text (gint64 tokens)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " tokens", tokens);
}

static void
test_token_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FtTokenCounter) counter = ft_token_counter_new (FT_ENCODING_O200K_BASE);
  g_autoptr(FtTokenCount) count = NULL;
  g_autoptr(GBytes) line = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *summary = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  LabelWait wait;

  line = ft_example_get_bytes (fixture->example);
  count = ft_token_counter_count (counter, line, NULL);

  /* Each bubble shows what its message adds, the summary the total. */
  for (guint i = 0; i < 7; i++)
    {
      g_free (expected);
      expected = tokens_text (ft_token_count_get_message (count, i));
      wait.root = GTK_WIDGET (get_row (fixture, i));
      wait.text = expected;
      g_assert_true (ft_test_wait_until (label_shown_cb, &wait, 5000));
    }
  summary = g_strdup_printf ("New example · 7 messages · %" G_GINT64_FORMAT " tokens",
                             ft_token_count_get_total (count));
  wait.root = GTK_WIDGET (fixture->editor);
  wait.text = summary;
  g_assert_true (ft_test_wait_until (label_shown_cb, &wait, 5000));

  /* Typing updates the count of that message. */
  buffer = gtk_text_view_get_buffer (get_text_view (get_row (fixture, 5)));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " See you on Saturday, then. Thank you so much!", -1);
  g_clear_pointer (&line, g_bytes_unref);
  g_clear_pointer (&count, ft_token_count_unref);
  line = ft_example_get_bytes (fixture->example);
  count = ft_token_counter_count (counter, line, NULL);
  g_free (expected);
  expected = tokens_text (ft_token_count_get_message (count, 5));
  wait.root = GTK_WIDGET (get_row (fixture, 5));
  wait.text = expected;
  g_assert_true (ft_test_wait_until (label_shown_cb, &wait, 5000));

  /* Another encoding counts again. */
  g_clear_object (&counter);
  g_clear_pointer (&count, ft_token_count_unref);
  counter = ft_token_counter_new (FT_ENCODING_CL100K_BASE);
  count = ft_token_counter_count (counter, line, NULL);
  ft_example_editor_set_encoding (fixture->editor, FT_ENCODING_CL100K_BASE);
  g_assert_cmpint (ft_example_editor_get_encoding (fixture->editor), ==, FT_ENCODING_CL100K_BASE);
  g_free (summary);
  summary = g_strdup_printf ("New example · 7 messages · %" G_GINT64_FORMAT " tokens",
                             ft_token_count_get_total (count));
  wait.root = GTK_WIDGET (fixture->editor);
  wait.text = summary;
  g_assert_true (ft_test_wait_until (label_shown_cb, &wait, 5000));
}

static GtkEditable *
find_entry_row (GtkWidget  *root,
                const char *title,
                guint       nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_ENTRY_ROW (widget)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
        g_ptr_array_insert (found, 0, widget);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);

  g_assert_cmpuint (nth, <, found->len);

  return g_ptr_array_index (found, nth);
}

static void
test_tools (Fixture       *fixture,
            gconstpointer  data)
{
  FtToolsEditor *tools = FT_TOOLS_EDITOR (ft_test_find_widget_by_type (GTK_WIDGET (fixture->editor),
                                                                       FT_TYPE_TOOLS_EDITOR));
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *before = example_text (fixture->example);
  g_autofree char *text = NULL;
  GtkWidget *schema;
  GtkEditable *entry;
  LabelWait wait;

  g_assert_nonnull (tools);
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (tools), "check_stock"));

  /* Typing a description goes into the example, as one step. */
  entry = find_entry_row (GTK_WIDGET (tools), "Description", 0);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Stock of a model in a store");
  gtk_editable_set_text (entry, "Stock of a model");
  gtk_editable_set_text (entry, "Stock of a model in one store");
  g_assert_true (ft_example_get_tool (fixture->example, 0, NULL, &description, NULL));
  g_assert_cmpstr (description, ==, "Stock of a model in one store");
  undo (fixture);
  settle_refresh ();
  text = example_text (fixture->example);
  g_assert_cmpstr (text, ==, before);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Stock of a model in a store");

  /* The schema, pretty-printed; invalid text is kept and explained. */
  g_assert_true (ft_tools_editor_focus_tool (tools, 0));
  settle ();
  schema = ft_test_find_widget_by_label (GTK_WIDGET (tools), "Parameters of check_stock");
  g_assert_true (GTK_IS_TEXT_VIEW (schema));
  g_clear_pointer (&text, g_free);
  text = dup_view_text (GTK_TEXT_VIEW (schema));
  g_assert_true (g_str_has_prefix (text, "{\n  \"type\": \"object\",\n"));
  g_assert_null (ft_tools_editor_get_error (tools, 0));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (schema)),
                            "{\"type\": \"object\",", -1);
  g_assert_nonnull (ft_tools_editor_get_error (tools, 0));
  wait.root = GTK_WIDGET (tools);
  wait.text = ft_tools_editor_get_error (tools, 0);
  g_assert_true (ft_test_wait_until (label_shown_cb, &wait, 5000));
  g_assert_true (ft_example_get_tool (fixture->example, 0, NULL, NULL, &parameters));
  g_assert_cmpstr (parameters, ==, "{\"type\": \"object\",");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (schema)),
                            "{\"type\": \"object\"}", -1);
  g_assert_null (ft_tools_editor_get_error (tools, 0));
  settle ();
  g_clear_pointer (&text, g_free);
  text = dup_view_text (GTK_TEXT_VIEW (schema));
  g_assert_cmpstr (text, ==, "{\"type\": \"object\"}");
  _ft_example_editor_end_typing (fixture->editor);

  /* Add a tool: its name has the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tools), "tools.add", NULL));
  g_assert_cmpuint (ft_example_get_n_tools (fixture->example), ==, 2);
  settle ();
  entry = find_entry_row (GTK_WIDGET (tools), "Name", 1);
  gtk_editable_set_text (entry, "book_test_ride");
  g_assert_true (ft_example_get_tool (fixture->example, 1, &name, NULL, NULL));
  g_assert_cmpstr (name, ==, "book_test_ride");

  /* Remove it, and undo the removal. */
  g_signal_emit_by_name (ft_test_find_widget_by_label (GTK_WIDGET (tools), "Remove Tool"),
                         "clicked");
  settle ();
  g_assert_cmpuint (ft_example_get_n_tools (fixture->example), ==, 1);
  undo (fixture);
  g_assert_cmpuint (ft_example_get_n_tools (fixture->example), ==, 2);

  /* Undo all: the tools are as they were, and the bubbles are the same. */
  while (ft_history_get_can_undo (fixture->history))
    undo (fixture);
  g_clear_pointer (&text, g_free);
  text = example_text (fixture->example);
  g_assert_cmpstr (text, ==, before);
  g_assert_true (ft_message_row_get_message (get_row (fixture, 1)) == get_message (fixture, 1));
}

static void
test_grader_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  FtFieldsEditor *fields = FT_FIELDS_EDITOR (ft_test_find_widget_by_type (editor,
                                                                          FT_TYPE_FIELDS_EDITOR));
  g_autofree char *before = example_text (fixture->example);
  g_autofree char *text = NULL;
  GtkWidget *answer;
  GtkWidget *rubric;
  g_autoptr(JsonNode) value = NULL;

  /* Reinforcement data: the prompt, and what the grader reads. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fields)));
  g_assert_cmpuint (ft_fields_editor_get_n_fields (fields), ==, 2);
  g_assert_cmpuint (get_rows (fixture)->len, ==, 1);

  /* A string shows as text and stays a string. */
  answer = ft_test_find_widget_by_label (GTK_WIDGET (fields), "Value of reference_answer");
  g_assert_true (GTK_IS_TEXT_VIEW (answer));
  text = dup_view_text (GTK_TEXT_VIEW (answer));
  g_assert_cmpstr (text, ==, "42");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (answer)), "forty-two", -1);
  value = ft_example_dup_member (fixture->example, "reference_answer");
  g_assert_cmpstr (json_node_get_string (value), ==, "forty-two");
  g_clear_pointer (&value, json_node_unref);
  _ft_example_editor_end_typing (fixture->editor);

  /* Other values are JSON; text that does not parse is kept as a string. */
  rubric = ft_test_find_widget_by_label (GTK_WIDGET (fields), "Value of rubric");
  g_clear_pointer (&text, g_free);
  text = dup_view_text (GTK_TEXT_VIEW (rubric));
  g_assert_cmpstr (text, ==, "{\n  \"points\": [\n    1,\n    2\n  ]\n}");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (rubric)),
                            "{\"points\": [1, 2, 3", -1);
  value = ft_example_dup_member (fixture->example, "rubric");
  g_assert_cmpstr (json_node_get_string (value), ==, "{\"points\": [1, 2, 3");
  g_clear_pointer (&value, json_node_unref);
  settle ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (rubric)),
                            "{\"points\": [1, 2, 3]}", -1);
  value = ft_example_dup_member (fixture->example, "rubric");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (value));
  _ft_example_editor_end_typing (fixture->editor);

  /* Remove a field, then undo everything. */
  g_signal_emit_by_name (ft_test_find_widget_by_label (GTK_WIDGET (fields), "Remove rubric"),
                         "clicked");
  settle_refresh ();
  g_assert_cmpuint (ft_fields_editor_get_n_fields (fields), ==, 1);
  while (ft_history_get_can_undo (fixture->history))
    undo (fixture);
  settle_refresh ();
  g_clear_pointer (&text, g_free);
  text = example_text (fixture->example);
  g_assert_cmpstr (text, ==, before);
  g_assert_cmpuint (ft_fields_editor_get_n_fields (fields), ==, 2);
}

static void
test_preference (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = get_rows (fixture);
  GListModel *preferred = ft_example_get_message_list (fixture->example, FT_MESSAGE_LIST_PREFERRED);
  GListModel *rejected = ft_example_get_message_list (fixture->example,
                                                      FT_MESSAGE_LIST_NON_PREFERRED);
  g_autoptr(GPtrArray) unlabelled = NULL;
  GtkWidget *section;
  GtkWidget *focus;

  /* Input, preferred and rejected: one bubble each, under headings. */
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->editor), "Conversation"));
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->editor), "Preferred Reply"));
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->editor), "Rejected Reply"));
  g_assert_nonnull (ft_test_find_widget_by_label (g_ptr_array_index (rows, 2),
                                                  "Message 3, Assistant"));

  /* Weights are not part of a preference pair. */
  g_assert_false (gtk_widget_is_visible (ft_test_find_widget_by_type (g_ptr_array_index (rows, 1),
                                                                      GTK_TYPE_SWITCH)));

  /* Findings number the outputs after the input. */
  ft_example_editor_focus_message (fixture->editor, 2);
  settle ();
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (focus, g_ptr_array_index (rows, 2)));

  /* An output holds exactly one reply: neither its section nor the
   * editor's add action (from a reply of the outputs) offers a second one.
   */
  section = gtk_widget_get_ancestor (g_ptr_array_index (rows, 1), FT_TYPE_MESSAGE_SECTION);
  g_assert_nonnull (section);
  g_assert_null (ft_test_find_label_with_text (section, "Add Assistant Reply"));
  gtk_widget_activate_action (section, "section.add-message", "s", "");
  gtk_widget_activate_action (section, "section.add-message", "s", "assistant");
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message", NULL);
  ft_example_editor_focus_message (fixture->editor, 1);
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.add-message", NULL);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (preferred), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rejected), ==, 1);

  /* Once empty, it offers the reply again, undoably. */
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (rows, 1), "message.delete", NULL));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (preferred), ==, 0);
  g_assert_nonnull (ft_test_find_label_with_text (section, "Add Assistant Reply"));
  unlabelled = ft_test_find_unlabelled_controls (section);
  g_assert_cmpuint (unlabelled->len, ==, 0);
  g_assert_true (gtk_widget_activate_action (section, "section.add-message", "s", "assistant"));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (preferred), ==, 1);
  {
    g_autoptr(FtMessage) added = g_list_model_get_item (preferred, 0);

    g_assert_cmpint (ft_message_get_role_kind (added), ==, FT_ROLE_ASSISTANT);
  }
  g_assert_null (ft_test_find_label_with_text (section, "Add Assistant Reply"));
  undo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (preferred), ==, 0);
  undo (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (preferred), ==, 1);
}

static void
test_content_parts (Fixture       *fixture,
                    gconstpointer  data)
{
  FtMessageRow *row = get_row (fixture, 0);
  FtMessage *message = get_message (fixture, 0);
  g_autofree char *text = NULL;
  g_autofree char *before = example_text (fixture->example);
  GtkTextView *view;

  /* Text parts are editable; images are chips with their type and size. */
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (row),
                                                  "Embedded image (PNG, 12 bytes)"));
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (row),
                                                  "https://example.com/bike.jpg"));
  view = get_text_view (row);
  g_assert_nonnull (ft_test_find_widget_by_label (GTK_WIDGET (row), "Message 1, User, text 1"));
  text = dup_view_text (view);
  g_assert_cmpstr (text, ==, "Which bike is this?");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Which bike is this one?", -1);
  g_clear_pointer (&text, g_free);
  text = ft_message_dup_part_text (message, 0);
  g_assert_cmpstr (text, ==, "Which bike is this one?");
  g_assert_cmpuint (ft_message_get_n_parts (message), ==, 4);

  undo (fixture);
  g_clear_pointer (&text, g_free);
  text = example_text (fixture->example);
  g_assert_cmpstr (text, ==, before);
  g_clear_pointer (&text, g_free);
  text = dup_view_text (view);
  g_assert_cmpstr (text, ==, "Which bike is this?");
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) unlabelled = ft_test_find_unlabelled_controls (GTK_WIDGET (fixture->editor));

  for (guint i = 0; i < unlabelled->len; i++)
    g_printerr ("Unlabelled: %s\n", G_OBJECT_TYPE_NAME (g_ptr_array_index (unlabelled, i)));
  g_assert_cmpuint (unlabelled->len, ==, 0);
}

/* Text heights */

#define SAMPLE_PATH "/io/github/exemplar_studio/Exemplar/editor/sample-dataset.jsonl"

/* Whether every text view shown is at least a line high, and exactly as
 * high as all of its text at its width: neither cut off (an empty
 * bubble) nor taller (a bubble with a blank space, from a layout at
 * another width).
 */
static gboolean
text_views_fit_cb (gpointer data)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_shown (data, GTK_TYPE_TEXT_VIEW, views);
  if (views->len == 0)
    return FALSE;

  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *view = g_ptr_array_index (views, i);
      GtkTextIter start;
      int line_top;
      int line_height;
      int natural;

      gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &start);
      gtk_text_view_get_line_yrange (view, &start, &line_top, &line_height);
      gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL,
                          gtk_widget_get_width (GTK_WIDGET (view)), NULL, &natural, NULL, NULL);

      if (line_height <= 0 || gtk_widget_get_height (GTK_WIDGET (view)) < line_height
          || gtk_widget_get_height (GTK_WIDGET (view)) < natural)
        return FALSE;

      if (gtk_widget_get_height (GTK_WIDGET (view)) > natural)
        return FALSE;
    }

  return TRUE;
}

static gboolean
tokens_counted_cb (gpointer data)
{
  GtkWidget *widget = data;

  /* The summary ends with the example's token count once counted. */
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_label (GTK_LABEL (widget));

      return g_str_has_prefix (text, "New example") && g_str_has_suffix (text, " tokens");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (tokens_counted_cb (child))
        return TRUE;
    }

  return FALSE;
}

/* A new GtkTextView knows the height of its text only once it was
 * allocated a width; every bubble must still get its text's height,
 * whenever the rest of the editor last changed (here: the token counts
 * shown before the editor is, while it is on a hidden page).
 */
static void
test_text_heights (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  GtkWidget *editor = ft_example_editor_new ();
  guint n_examples = 0;

  bytes = g_resources_lookup_data (SAMPLE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (bytes);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);

  gtk_stack_add_named (stack, gtk_label_new ("Elsewhere"), "elsewhere");
  gtk_stack_add_named (stack, editor, "editor");
  gtk_window_set_default_size (window, 700, 700);
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(FtExample) example = NULL;

      if (lines[i][0] == '\0')
        continue;

      example = ft_example_new_from_text (lines[i], -1);

      /* Shown at once, */
      gtk_stack_set_visible_child_name (stack, "editor");
      ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), example);
      g_assert_true (ft_test_wait_until (text_views_fit_cb, editor, 3000));

      /* and filled in while hidden, counts and all, then shown. */
      gtk_stack_set_visible_child_name (stack, "elsewhere");
      ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), NULL);
      ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), example);
      g_assert_true (ft_test_wait_until (tokens_counted_cb, editor, 5000));
      gtk_stack_set_visible_child_name (stack, "editor");
      g_assert_true (ft_test_wait_until (text_views_fit_cb, editor, 3000));

      n_examples++;
    }

  g_assert_cmpuint (n_examples, >=, 10);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ft/ui/example-editor/empty-state", test_empty_state);
  g_test_add_func ("/ft/ui/example-editor/text-heights", test_text_heights);
#define ADD(path, func, data) \
  g_test_add ("/ft/ui/example-editor/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("bubbles", test_bubbles, NULL);
  ADD ("edit-text", test_edit_text, NULL);
  ADD ("undo-keys", test_undo_keys, NULL);
  ADD ("change-role", test_change_role, NULL);
  ADD ("add-delete-move", test_add_delete_move, NULL);
  ADD ("next-role", test_next_role, "{\"messages\":[]}");
  ADD ("weight-switch", test_weight_switch, NULL);
  ADD ("tool-call-arguments", test_tool_call_arguments, NULL);
  ADD ("tool-call-name-and-removal", test_tool_call_name_and_removal, NULL);
  ADD ("tool-result-unmatched", test_tool_result_unmatched, NULL);
  ADD ("broken-line", test_broken_line,
       "{\"messages\": [{\"role\": \"user\" \"content\": \"Hi\"}]}");
  ADD ("broken-line-kept", test_broken_line_kept, "{\"messages\": [");
  ADD ("focus-message", test_focus_message, NULL);
  ADD ("highlight", test_highlight, NULL);
  ADD ("issues", test_issues, NULL);
  ADD ("tools", test_tools, NULL);
  ADD ("grader-fields", test_grader_fields,
       "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 6 times 7?\"}],"
       "\"reference_answer\":\"42\",\"rubric\":{\"points\":[1,2]}}");
  ADD ("preference", test_preference,
       "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Is the shop open on Sunday?"
       "\"}]},"
       "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"No, we open Monday to "
       "Saturday, 9:00 to 19:00.\"}],"
       "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"Maybe.\"}]}");
  ADD ("content-parts", test_content_parts,
       "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Which bike "
       "is this?\"},"
       "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAAAAAAAAAAAAAA"
       "\"}},"
       "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/bike.jpg\"}},"
       "{\"type\":\"text\",\"text\":\"Thanks!\"}]},"
       "{\"role\":\"assistant\",\"content\":\"A Trek FX 3.\"}]}");
  ADD ("token-counts", test_token_counts, NULL);
  ADD ("accessible-names", test_accessible_names, NULL);
#undef ADD

  ret = g_test_run ();

  return ret;
}
