/* test-history.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-error.h"
#include "ft-history.h"
#include "ft-tool-calls.h"

#include <locale.h>
#include <string.h>

static char *
example_text (FtExample *example)
{
  g_autoptr(GBytes) bytes = ft_example_get_bytes (example);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
dataset_text (FtDataset *dataset)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dataset)); i++)
    {
      g_autofree char *text = example_text (ft_dataset_peek_example (dataset, i));

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static FtDataset *
make_dataset (guint n)
{
  FtDataset *dataset = ft_dataset_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = g_strdup_printf ("{\"messages\":[{\"role\":\"user\","
                                               "\"content\":\"Q%u\"},"
                                               "{\"role\":\"assistant\",\"content\":\"A%u\", "
                                               "\"x\": 1.50}]}",
                                               i, i);
      g_autoptr(FtExample) example = ft_example_new_from_text (line, -1);

      ft_dataset_append (dataset, example);
    }
  ft_dataset_set_modified (dataset, FALSE);

  return dataset;
}

static void
count_notify (guint *counter)
{
  (*counter)++;
}

static void
test_examples (void)
{
  g_autoptr(FtDataset) dataset = make_dataset (3);
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  g_autoptr(FtExample) added = ft_example_new ();
  g_autoptr(FtExample) replacement = ft_example_new_from_text ("{\"prompt\":\"p\"}", -1);
  g_autofree char *original = dataset_text (dataset);
  g_autofree char *label = NULL;
  FtExample *second = ft_dataset_peek_example (dataset, 1);
  guint n_can_undo = 0;

  g_signal_connect_swapped (history, "notify::can-undo", G_CALLBACK (count_notify), &n_can_undo);

  g_assert_false (ft_history_get_can_undo (history));
  g_assert_null (ft_history_dup_undo_label (history));
  g_assert_false (ft_history_undo (history));

  ft_history_remove_example (history, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 2);
  g_assert_true (ft_history_get_can_undo (history));
  g_assert_cmpuint (n_can_undo, ==, 1);
  label = ft_history_dup_undo_label (history);
  g_assert_cmpstr (label, ==, "Undo Delete Example");
  g_assert_true (ft_dataset_get_modified (dataset));

  ft_history_insert_example (history, 0, added);
  ft_history_move_example (history, 0, 2);
  ft_history_replace_example (history, 1, replacement);
  g_assert_true (ft_dataset_peek_example (dataset, 1) == replacement);
  g_assert_true (ft_dataset_peek_example (dataset, 2) == added);

  /* Undo everything: the same objects come back, in place. */
  while (ft_history_undo (history))
    ;
  {
    g_autofree char *text = dataset_text (dataset);

    g_assert_cmpstr (text, ==, original);
  }
  g_assert_true (ft_dataset_peek_example (dataset, 1) == second);
  g_assert_false (ft_dataset_get_modified (dataset));
  g_assert_false (ft_history_get_can_undo (history));
  g_assert_true (ft_history_get_can_redo (history));
  g_clear_pointer (&label, g_free);
  label = ft_history_dup_redo_label (history);
  g_assert_cmpstr (label, ==, "Redo Delete Example");

  /* And redo it all. */
  while (ft_history_redo (history))
    ;
  g_assert_true (ft_dataset_peek_example (dataset, 1) == replacement);
  g_assert_true (ft_dataset_peek_example (dataset, 2) == added);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 3);
  g_assert_true (ft_dataset_get_modified (dataset));
}

static void
test_message_edits (void)
{
  g_autoptr(FtDataset) dataset = make_dataset (1);
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  FtExample *example = ft_dataset_peek_example (dataset, 0);
  GListModel *messages = ft_example_get_messages (example);
  g_autoptr(FtMessage) user = g_list_model_get_item (messages, 0);
  g_autoptr(FtMessage) assistant = g_list_model_get_item (messages, 1);
  g_autoptr(FtMessage) extra = ft_message_new (FT_ROLE_USER, "More?");
  g_autoptr(JsonNode) value = json_from_string ("{\"note\":[1,2]}", NULL);
  g_autofree char *before = example_text (example);
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;

  ft_history_set_message_role (history, user, FT_ROLE_SYSTEM);
  ft_history_set_message_weight (history, assistant, 0);
  ft_history_set_message_member (history, assistant, "x", value);
  ft_history_set_message_member (history, user, "name", NULL);   /* absent: no step */
  ft_history_insert_message (history, example, FT_MESSAGE_LIST_MESSAGES, 2, extra);
  ft_history_move_message (history, example, FT_MESSAGE_LIST_MESSAGES, 2, 0);
  ft_history_remove_message (history, example, FT_MESSAGE_LIST_MESSAGES, 1);
  after = example_text (example);
  g_assert_cmpstr (after, ==,
                   "{\"messages\":[{\"role\":\"user\",\"content\":\"More?\"},"
                   "{\"role\":\"assistant\",\"content\":\"A0\",\"x\":{\"note\":[1,2]},"
                   "\"weight\":0}]}");

  label = ft_history_dup_undo_label (history);
  g_assert_cmpstr (label, ==, "Undo Delete Message");

  for (guint i = 0; i < 6; i++)
    g_assert_true (ft_history_undo (history));
  g_assert_false (ft_history_undo (history));

  /* The values come back exactly: "1.50" is not rewritten. */
  {
    g_autofree char *restored = example_text (example);

    g_assert_cmpstr (restored,
                     ==,
                     "{\"messages\":[{\"role\":\"user\",\"content\":\"Q0\"},"
                     "{\"role\":\"assistant\",\"content\":\"A0\",\"x\":1.50}]}");
  }
  g_assert_false (ft_dataset_get_modified (dataset));
  g_assert_true (ft_message_get_role_kind (user) == FT_ROLE_USER);

  for (guint i = 0; i < 6; i++)
    g_assert_true (ft_history_redo (history));
  {
    g_autofree char *redone = example_text (example);

    g_assert_cmpstr (redone, ==, after);
  }
  g_assert_cmpstr (before, !=, after);
}

static void
test_typing_merges (void)
{
  g_autoptr(FtDataset) dataset = make_dataset (1);
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  FtExample *example = ft_dataset_peek_example (dataset, 0);
  g_autoptr(FtMessage) user = g_list_model_get_item (ft_example_get_messages (example), 0);
  g_autoptr(FtMessage) assistant = g_list_model_get_item (ft_example_get_messages (example), 1);

  ft_history_set_message_content (history, user, "H");
  ft_history_set_message_content (history, user, "He");
  ft_history_set_message_content (history, user, "Hel");
  g_assert_cmpstr (ft_message_get_content (user), ==, "Hel");

  /* Another message starts a new step. */
  ft_history_set_message_content (history, assistant, "B");
  ft_history_set_message_content (history, assistant, "By");

  g_assert_true (ft_history_undo (history));
  g_assert_cmpstr (ft_message_get_content (assistant), ==, "A0");
  g_assert_cmpstr (ft_message_get_content (user), ==, "Hel");
  g_assert_true (ft_history_undo (history));
  g_assert_cmpstr (ft_message_get_content (user), ==, "Q0");
  g_assert_false (ft_history_get_can_undo (history));

  /* After an undo, typing does not merge into the redone step. */
  g_assert_true (ft_history_redo (history));
  ft_history_set_message_content (history, user, "Hello");
  g_assert_true (ft_history_undo (history));
  g_assert_cmpstr (ft_message_get_content (user), ==, "Hel");
  g_assert_true (ft_history_get_can_redo (history));

  /* A null content and back. */
  ft_history_set_message_content (history, assistant, NULL);
  g_assert_cmpint (ft_message_get_content_kind (assistant), ==, FT_CONTENT_NULL);
  g_assert_true (ft_history_undo (history));
  g_assert_cmpstr (ft_message_get_content (assistant), ==, "A0");
}

static void
test_group (void)
{
  g_autoptr(FtDataset) dataset = make_dataset (5);
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  g_autofree char *original = dataset_text (dataset);
  g_autofree char *label = NULL;

  ft_history_begin_group (history, "Delete 3 Examples");
  ft_history_remove_example (history, 4);
  ft_history_remove_example (history, 2);
  g_assert_false (ft_history_get_can_undo (history));
  ft_history_begin_group (history, "inner");
  ft_history_remove_example (history, 0);
  ft_history_end_group (history);
  ft_history_end_group (history);

  /* An empty group records nothing. */
  ft_history_begin_group (history, "Nothing");
  ft_history_end_group (history);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 2);
  label = ft_history_dup_undo_label (history);
  g_assert_cmpstr (label, ==, "Undo Delete 3 Examples");

  g_assert_true (ft_history_undo (history));
  g_assert_false (ft_history_get_can_undo (history));
  {
    g_autofree char *text = dataset_text (dataset);

    g_assert_cmpstr (text, ==, original);
  }

  g_assert_true (ft_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 2);
}

static void
test_saved_point (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "data.jsonl",
                                              "{\"messages\":[{\"role\":\"user\","
                                              "\"content\":\"a\"}]}\n"
                                              "{\"messages\":[{\"role\":\"user\","
                                              "\"content\":\"b\"}]}\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtMessage) message = NULL;

  g_assert_true (ft_dataset_load (dataset, file, NULL, &error));
  history = ft_history_new (dataset);
  g_assert_false (ft_dataset_get_modified (dataset));

  message = g_list_model_get_item (ft_example_get_messages (ft_dataset_peek_example (dataset, 0)),
                                   0);
  ft_history_set_message_role (history, message, FT_ROLE_ASSISTANT);
  g_assert_true (ft_dataset_get_modified (dataset));

  g_assert_true (ft_dataset_save (dataset, NULL, NULL, &error));
  g_assert_false (ft_dataset_get_modified (dataset));

  ft_history_remove_example (history, 1);
  g_assert_true (ft_dataset_get_modified (dataset));

  /* Back to the saved state. */
  g_assert_true (ft_history_undo (history));
  g_assert_false (ft_dataset_get_modified (dataset));

  /* Before the save: modified again, and back. */
  g_assert_true (ft_history_undo (history));
  g_assert_true (ft_dataset_get_modified (dataset));
  g_assert_true (ft_history_redo (history));
  g_assert_false (ft_dataset_get_modified (dataset));

  /* A new edit after an undo makes the saved point past it unreachable. */
  g_assert_true (ft_history_redo (history));
  g_assert_true (ft_history_undo (history));
  g_assert_true (ft_history_undo (history));
  ft_history_remove_example (history, 0);
  g_assert_true (ft_history_undo (history));
  g_assert_true (ft_dataset_get_modified (dataset));

  /* An edit outside the history leaves the dataset modified for good. */
  ft_history_clear (history);
  g_assert_true (ft_dataset_save (dataset, NULL, NULL, &error));
  g_assert_false (ft_dataset_get_modified (dataset));
  ft_history_remove_example (history, 0);
  {
    FtExample *remaining = ft_dataset_peek_example (dataset, 0);
    g_autoptr(FtMessage) other = g_list_model_get_item (ft_example_get_messages (remaining), 0);

    ft_message_set_content (other, "outside");
  }
  g_assert_true (ft_history_undo (history));
  g_assert_true (ft_dataset_get_modified (dataset));

  ft_test_remove_tree (dir);
}

static void
test_example_text (void)
{
  static const char broken[] = "{\"messages\": [\xff";
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtExample) example = ft_example_new_from_text (broken, sizeof broken - 1);
  g_autoptr(FtHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) restored = NULL;

  ft_dataset_append (dataset, example);
  ft_dataset_set_modified (dataset, FALSE);
  history = ft_history_new (dataset);

  g_assert_false (ft_history_set_example_text (history, example, "{\"messages\": [", &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_true (ft_history_set_example_text (history, example, "{\"messages\": []}", &error));
  g_assert_no_error (error);
  g_assert_false (ft_example_get_broken (example));

  /* Undo brings back the invalid bytes exactly. */
  g_assert_true (ft_history_undo (history));
  g_assert_true (ft_history_undo (history));
  restored = ft_example_get_bytes (example);
  g_assert_cmpmem (g_bytes_get_data (restored, NULL), g_bytes_get_size (restored), broken,
                   sizeof broken - 1);
  g_assert_true (ft_example_get_broken (example));
  g_assert_false (ft_dataset_get_modified (dataset));
}

static void
test_finalize (void)
{
  FtDataset *dataset = make_dataset (2);
  FtHistory *history = ft_history_new (dataset);

  ft_history_remove_example (history, 0);
  g_assert_finalize_object (history);
  g_assert_finalize_object (dataset);
}

/* Edits of the example editor: content parts, tool calls, tools. */

static void
test_part_text (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  g_autoptr(FtExample) example = NULL;
  g_autoptr(FtMessage) user = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;

  example = ft_example_new_from_text ("{\"messages\":[{\"role\":\"user\",\"content\":["
                                      "{\"type\":\"text\",\"text\":\"What is this?\"},"
                                      "{\"type\":\"image_url\",\"image_url\":"
                                      "{\"url\":\"https://example.com/a.png\",\"detail\":\"low\"}},"
                                      "{\"type\":\"text\",\"text\":\"Thanks\"}]}]}", -1);
  ft_dataset_append (dataset, example);
  user = g_list_model_get_item (ft_example_get_messages (example), 0);
  before = example_text (example);

  /* Typing into a part merges into one step and keeps the image as is. */
  ft_history_set_message_part_text (history, user, 2, "Thanks!");
  ft_history_set_message_part_text (history, user, 2, "Thanks!!");
  text = ft_message_dup_part_text (user, 2);
  g_assert_cmpstr (text, ==, "Thanks!!");
  after = example_text (example);
  g_assert_nonnull (strstr (after, "{\"url\":\"https://example.com/a.png\",\"detail\":\"low\"}"));

  g_assert_true (ft_history_undo (history));
  g_clear_pointer (&text, g_free);
  text = example_text (example);
  g_assert_cmpstr (text, ==, before);
  g_assert_false (ft_history_get_can_undo (history));

  g_assert_true (ft_history_redo (history));
  g_clear_pointer (&text, g_free);
  text = example_text (example);
  g_assert_cmpstr (text, ==, after);
}

static void
test_tool_calls (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  g_autoptr(FtExample) example = NULL;
  g_autoptr(FtMessage) assistant = NULL;
  g_autofree char *before = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *arguments = NULL;
  g_autofree char *text = NULL;

  example = ft_example_new_from_text ("{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
                                      "{\"role\":\"assistant\",\"content\":null}]}", -1);
  ft_dataset_append (dataset, example);
  assistant = g_list_model_get_item (ft_example_get_messages (example), 1);
  before = example_text (example);

  ft_history_append_tool_call (history, assistant, "call_1", "", "{}");
  g_assert_cmpuint (ft_message_get_n_tool_calls (assistant), ==, 1);
  label = ft_history_dup_undo_label (history);
  g_assert_cmpstr (label, ==, "Undo Add Tool Call");

  /* Typing the name, then the arguments: one step. */
  ft_history_set_tool_call (history, assistant, 0, "g", NULL);
  ft_history_set_tool_call (history, assistant, 0, "get_weather", NULL);
  ft_history_set_tool_call (history, assistant, 0, NULL, "{\"city\":\"Lyon\"}");
  g_assert_true (ft_message_get_tool_call (assistant, 0, NULL, &name, &arguments));
  g_assert_cmpstr (name, ==, "get_weather");
  g_assert_cmpstr (arguments, ==, "{\"city\":\"Lyon\"}");

  ft_history_remove_tool_call (history, assistant, 0);
  g_assert_cmpuint (ft_message_get_n_tool_calls (assistant), ==, 0);

  g_assert_true (ft_history_undo (history));
  g_assert_cmpuint (ft_message_get_n_tool_calls (assistant), ==, 1);
  g_assert_true (ft_history_undo (history));
  g_clear_pointer (&name, g_free);
  g_assert_true (ft_message_get_tool_call (assistant, 0, NULL, &name, NULL));
  g_assert_cmpstr (name, ==, "");
  g_assert_true (ft_history_undo (history));
  text = example_text (example);
  g_assert_cmpstr (text, ==, before);
  g_assert_false (ft_history_get_can_undo (history));
}

static void
test_example_member (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtHistory) history = ft_history_new (dataset);
  g_autoptr(FtExample) example = NULL;
  g_autoptr(FtExample) preference = NULL;
  g_autoptr(FtExample) copy = NULL;
  g_autoptr(FtMessage) user = NULL;
  g_autoptr(JsonNode) tools = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  example = ft_example_new_from_text ("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                                      "\"answer\":\"42\"}", -1);
  ft_dataset_append (dataset, example);
  user = g_list_model_get_item (ft_example_get_messages (example), 0);
  before = example_text (example);

  /* Tools worked out on a copy, set in two typing steps: one step. */
  copy = ft_example_copy (example);
  g_assert_true (ft_example_insert_tool (copy, 0, "get_w", NULL, NULL, NULL));
  tools = ft_example_dup_tools (copy);
  ft_history_set_example_member (history, example, "tools", tools, "Edit Tools");
  g_clear_pointer (&tools, json_node_unref);
  g_assert_true (ft_example_set_tool (copy, 0, "get_weather", NULL, NULL, NULL));
  tools = ft_example_dup_tools (copy);
  ft_history_set_example_member (history, example, "tools", tools, "Edit Tools");
  g_assert_true (ft_example_get_tool (example, 0, &name, NULL, NULL));
  g_assert_cmpstr (name, ==, "get_weather");

  /* The same value again records nothing. */
  ft_history_set_example_member (history, example, "tools", tools, "Edit Tools");

  /* The messages are the same objects: bubbles stay. */
  {
    g_autoptr(FtMessage) still = g_list_model_get_item (ft_example_get_messages (example), 0);

    g_assert_true (still == user);
  }

  answer = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (answer, "43");
  ft_history_set_example_member (history, example, "answer", answer, NULL);
  label = ft_history_dup_undo_label (history);
  g_assert_cmpstr (label, ==, "Undo Edit Example");
  text = example_text (example);
  g_assert_cmpstr (text, ==,
                   "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"answer\":\"43\","
                   "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}");

  g_assert_true (ft_history_undo (history));
  g_assert_true (ft_history_undo (history));
  g_clear_pointer (&text, g_free);
  text = example_text (example);
  g_assert_cmpstr (text, ==, before);
  g_assert_false (ft_history_get_can_undo (history));

  /* A preference example keeps its tools in "input". */
  preference = ft_example_new_preference ();
  ft_dataset_append (dataset, preference);
  ft_history_set_example_member (history, preference, "tools", tools, "Edit Tools");
  g_clear_pointer (&text, g_free);
  text = example_text (preference);
  g_assert_nonnull (strstr (text, "\"input\":{\"messages\":[],\"tools\":[{"));
  g_assert_true (ft_history_undo (history));
  g_clear_pointer (&text, g_free);
  text = example_text (preference);
  g_assert_null (strstr (text, "tools"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/history/examples", test_examples);
  g_test_add_func ("/ft/history/message-edits", test_message_edits);
  g_test_add_func ("/ft/history/typing-merges", test_typing_merges);
  g_test_add_func ("/ft/history/group", test_group);
  g_test_add_func ("/ft/history/saved-point", test_saved_point);
  g_test_add_func ("/ft/history/example-text", test_example_text);
  g_test_add_func ("/ft/history/finalize", test_finalize);
  g_test_add_func ("/ft/history/part-text", test_part_text);
  g_test_add_func ("/ft/history/tool-calls", test_tool_calls);
  g_test_add_func ("/ft/history/example-member", test_example_member);

  return g_test_run ();
}
