/* test-dataset.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-error.h"

#include <locale.h>
#include <string.h>

static FtDataset *
load_fixture (const char *subdir,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", subdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(GError) error = NULL;

  ft_dataset_load (dataset, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ft_dataset_get_modified (dataset));

  return g_steal_pointer (&dataset);
}

static char *
example_text (FtExample *example)
{
  g_autoptr(GBytes) bytes = ft_example_get_bytes (example);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static void
test_load_fixtures (void)
{
  static const struct {
    const char    *subdir;
    const char    *name;
    guint          n_examples;
    FtDatasetKind  kind;
  } cases[] = {
    { "real", "chinese-medical.chat.jsonl", 100, FT_DATASET_KIND_CHAT },
    { "real", "clippy-sarcastic.train.jsonl", 10, FT_DATASET_KIND_CHAT },
    { "real", "context-switching.prompt-completion.jsonl", 178, FT_DATASET_KIND_PROMPT_COMPLETION },
    { "real", "countdown-rft.train.jsonl", 25, FT_DATASET_KIND_REINFORCEMENT },
    { "real", "llamafactory-multimodal.v1.jsonl", 24, FT_DATASET_KIND_CHAT },
    { "real", "mof-synthesis.prompt-completion.jsonl", 69, FT_DATASET_KIND_PROMPT_COMPLETION },
    { "real", "openpipe-bare-array.jsonl", 1, FT_DATASET_KIND_UNKNOWN },
    { "real", "orca-dpo-pairs.head40.jsonl", 40, FT_DATASET_KIND_PREFERENCE },
    { "real", "stock-functions-token-reduction.train.jsonl", 100, FT_DATASET_KIND_CHAT },
    { "real", "stock-functions.train.jsonl", 96, FT_DATASET_KIND_CHAT },
    { "real", "stock-tools.train.jsonl", 86, FT_DATASET_KIND_CHAT },
    { "real", "zava-retail-agent.head8.jsonl", 8, FT_DATASET_KIND_CHAT },
    { "dataprep", "format_edge_cases.jsonl", 14, FT_DATASET_KIND_CHAT },
    { "dataprep", "names_unicode.jsonl", 12, FT_DATASET_KIND_CHAT },
    { "dataprep", "toy_chat_fine_tuning.jsonl", 5, FT_DATASET_KIND_CHAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FtDataset) dataset = load_fixture (cases[i].subdir, cases[i].name);

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, cases[i].n_examples);
      g_assert_cmpint (ft_dataset_get_kind (dataset), ==, cases[i].kind);

      for (guint j = 0; j < cases[i].n_examples; j++)
        {
          FtExample *example = ft_dataset_peek_example (dataset, j);

          g_assert_false (ft_example_get_broken (example));
          g_assert_cmpuint (ft_example_get_source_line (example), ==, j + 1);
        }
    }
}

static void
test_example_summary (void)
{
  static const struct {
    const char    *line;
    FtExampleKind  kind;
    const char    *title;
    const char    *preview;
    guint          n_messages;
  } cases[] = {
    { "{\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
      "{\"role\":\"user\",\"content\":\"\\n  Capital of Norway?  \\nAnd Sweden?\"},"
      "{\"role\":\"assistant\",\"content\":\"Oslo.\\n\\n  Stockholm.\"}]}",
      FT_EXAMPLE_KIND_CHAT, "Capital of Norway?", "Oslo. Stockholm.", 3 },
    { "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
      "\"image_url\":{\"url\":\"x\"}},"
      "{\"type\":\"text\",\"text\":\"What is this?\"}]},"
      "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
      "\"function\":{\"name\":\"look\",\"arguments\":\"{}\"}}]}]}",
      FT_EXAMPLE_KIND_CHAT, "What is this?", "look()", 2 },
    { "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Greet me\"}]},"
      "\"preferred_completion\":[{\"role\":\"assistant\",\"content\":\"Hello there!\"}],"
      "\"non_preferred_completion\":[{\"role\":\"assistant\",\"content\":\"What.\"}]}",
      FT_EXAMPLE_KIND_PREFERENCE, "Greet me", "Hello there!", 1 },
    { "{\"prompt\":\"Is it raining? ->\",\"completion\":\" 1\"}",
      FT_EXAMPLE_KIND_PROMPT_COMPLETION, "Is it raining? ->", "1", 0 },
    { "{\"foo\":1}", FT_EXAMPLE_KIND_OTHER, "", "", 0 },
    { "[{\"role\":\"user\"}]", FT_EXAMPLE_KIND_NOT_OBJECT, "[{\"role\":\"user\"}]", "", 0 },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}", FT_EXAMPLE_KIND_BROKEN,
      "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}", "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FtExample) example = ft_example_new_from_text (cases[i].line, -1);

      g_assert_cmpint (ft_example_get_kind (example), ==, cases[i].kind);
      g_assert_cmpstr (ft_example_get_title (example), ==, cases[i].title);
      g_assert_cmpstr (ft_example_get_preview (example), ==, cases[i].preview);
      g_assert_cmpuint (ft_example_get_n_messages (example), ==, cases[i].n_messages);
      g_assert_cmpint (ft_example_get_broken (example), ==,
                       cases[i].kind == FT_EXAMPLE_KIND_BROKEN);
    }
}

static void
test_example_summary_long (void)
{
  g_autoptr(GString) line = g_string_new ("{\"messages\":[{\"role\":\"user\",\"content\":\"");
  g_autoptr(FtExample) example = NULL;
  const char *title;
  const char *preview;

  for (guint i = 0; i < 1000; i++)
    g_string_append (line, "日本語");
  g_string_append (line, "\"}, {\"role\":\"assistant\",\"content\":\"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (line, "ça va ");
  g_string_append (line, "\"}]}");

  /* A row shows one line of each: only that much is kept. */
  example = ft_example_new_from_text (line->str, line->len);
  title = ft_example_get_title (example);
  g_assert_true (g_utf8_validate (title, -1, NULL));
  g_assert_true (g_str_has_suffix (title, "…"));
  g_assert_cmpuint (strlen (title), <=, 80 + strlen ("…"));
  g_assert_cmpuint (strlen (title), >=, 80 - 2);
  preview = ft_example_get_preview (example);
  g_assert_true (g_utf8_validate (preview, -1, NULL));
  g_assert_true (g_str_has_prefix (preview, "ça va ça va"));
  g_assert_true (g_str_has_suffix (preview, "…"));
  g_assert_cmpuint (strlen (preview), <=, 64 + strlen ("…"));
}

static void
test_example_unknown_keys (void)
{
  /* Unknown keys on the example and its messages, odd number spellings
   * and escapes: an edit rewrites only the edited value.
   */
  static const char line[] =
    "{\"id\": 7, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"x-note\": {\"n\": "
    "1.50}}, "
    "{\"role\": \"assistant\", \"content\": \"Hello\\u0021\", \"weight\": 1, \"score\": 1e999}], "
    "\"meta\": [100000000000000000000000000001, null]}";
  static const char edited[] =
    "{\"id\":7,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"x-note\":{\"n\": 1.50}},"
    "{\"role\":\"assistant\",\"content\":\"Bye\\n\",\"weight\":0,\"score\":1e999}],"
    "\"meta\":[100000000000000000000000000001, null]}";
  g_autoptr(FtExample) example = ft_example_new_from_text (line, -1);
  g_autoptr(FtMessage) message = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) message_names = NULL;
  GListModel *messages;

  before = example_text (example);
  g_assert_cmpstr (before, ==, line);

  messages = ft_example_get_messages (example);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);

  /* Materializing changes nothing. */
  g_clear_pointer (&before, g_free);
  before = example_text (example);
  g_assert_cmpstr (before, ==, line);

  message = g_list_model_get_item (messages, 1);
  g_assert_cmpstr (ft_message_get_content (message), ==, "Hello!");
  g_assert_cmpint (ft_message_get_weight (message), ==, 1);
  ft_message_set_content (message, "Bye\n");
  ft_message_set_weight (message, 0);

  after = example_text (example);
  g_assert_cmpstr (after, ==, edited);

  names = ft_example_dup_member_names (example);
  g_assert_cmpstrv (names, ((const char * const[]) { "id", "messages", "meta", NULL }));
  message_names = ft_message_dup_member_names (message);
  g_assert_cmpstrv (message_names,
                    ((const char * const[]) { "role", "content", "weight", "score", NULL }));
}

static void
test_example_broken_fix (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtExample) example = ft_example_new_from_text ("{\"messages\": [}", -1);
  g_autoptr(GError) error = NULL;
  GListModel *messages;
  guint n_changed = 0;

  g_assert_true (ft_example_get_broken (example));
  g_assert_cmpint (ft_example_get_kind (example), ==, FT_EXAMPLE_KIND_BROKEN);
  g_assert_nonnull (strstr (ft_example_get_error_message (example), "Column 15"));
  g_assert_cmpuint (ft_example_get_error_column (example), ==, 15);

  ft_dataset_append (dataset, example);
  ft_dataset_set_modified (dataset, FALSE);
  g_signal_connect_swapped (example, "changed", G_CALLBACK (count_signal), &n_changed);

  messages = ft_example_get_messages (example);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 0);

  /* Still broken: the text is kept and the error says why. */
  g_assert_false (ft_example_set_text (example, "{\"messages\": [,]}", &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_true (ft_example_get_broken (example));
  g_assert_true (ft_dataset_get_modified (dataset));

  /* Fixed, across lines: line breaks become spaces. */
  g_assert_true (ft_example_set_text (example,
                                      "{\"messages\": [\n  {\"role\": \"user\", \"content\": "
                                      "\"Hi\"}\n]}",
                                      &error));
  g_assert_no_error (error);
  g_assert_false (ft_example_get_broken (example));
  g_assert_null (ft_example_get_error_message (example));
  g_assert_cmpint (ft_example_get_kind (example), ==, FT_EXAMPLE_KIND_CHAT);
  g_assert_cmpstr (ft_example_get_title (example), ==, "Hi");
  g_assert_cmpuint (n_changed, ==, 2);

  /* The same list object now holds the message. */
  g_assert_true (messages == ft_example_get_messages (example));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  {
    g_autofree char *text = example_text (example);

    g_assert_cmpstr (text, ==, "{\"messages\": [   {\"role\": \"user\", \"content\": \"Hi\"} ]}");
  }
}

/* Lone surrogate escapes, valid JSON that json-glib 1.6 mangles: the line
 * loads as an example, its text reads each one as U+FFFD, and an unedited
 * line is saved byte for byte.
 */
static void
test_dataset_lone_surrogates (void)
{
  static const char first[] =
    "{\"messages\": [{\"role\": \"user\", \"content\": \"Smile \\ud83d!\"}, "
    "{\"role\": \"assistant\", \"content\": \"\\udc00\", \"note\": \"x\\ud800\"}], "
    "\"meta\": [\"\\ud800\"]}";
  static const char second[] =
    "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
    "{\"role\": \"assistant\", \"content\": \"Hello\"}]}";
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *contents = g_strdup_printf ("%s\n%s\n", first, second);
  g_autofree char *path = ft_test_write_file (dir, "in.jsonl", contents, -1);
  g_autofree char *out_path = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtExample) example = NULL;
  g_autoptr(FtExample) other = NULL;
  g_autoptr(FtMessage) user = NULL;
  g_autoptr(FtMessage) assistant = NULL;
  g_autoptr(FtMessage) other_reply = NULL;
  g_autoptr(JsonNode) note = NULL;
  g_autoptr(JsonNode) meta = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  GListModel *messages;

  g_assert_true (ft_dataset_load (dataset, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 2);

  example = g_list_model_get_item (G_LIST_MODEL (dataset), 0);
  g_assert_false (ft_example_get_broken (example));
  g_assert_cmpint (ft_example_get_kind (example), ==, FT_EXAMPLE_KIND_CHAT);
  g_assert_cmpstr (ft_example_get_title (example), ==, "Smile \xef\xbf\xbd!");

  messages = ft_example_get_messages (example);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  user = g_list_model_get_item (messages, 0);
  assistant = g_list_model_get_item (messages, 1);
  g_assert_cmpstr (ft_message_get_content (user), ==, "Smile \xef\xbf\xbd!");
  g_assert_cmpstr (ft_message_get_content (assistant), ==, "\xef\xbf\xbd");
  note = ft_message_dup_member (assistant, "note");
  g_assert_cmpstr (json_node_get_string (note), ==, "x\xef\xbf\xbd");
  meta = ft_example_dup_member (example, "meta");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (meta), 0), ==,
                   "\xef\xbf\xbd");
  root = ft_example_to_json_node (example, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  /* Looked at, not edited: the exact text stays. */
  text = example_text (example);
  g_assert_cmpstr (text, ==, first);

  /* Another example edited: this line is still written as it was read. */
  other = g_list_model_get_item (G_LIST_MODEL (dataset), 1);
  other_reply = g_list_model_get_item (ft_example_get_messages (other), 1);
  ft_message_set_content (other_reply, "Bye");
  g_assert_true (ft_dataset_save (dataset, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &saved, NULL, &error));
  expected = g_strdup_printf ("%s\n%s\n", first,
                              "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                              "{\"role\":\"assistant\",\"content\":\"Bye\"}]}");
  g_assert_cmpstr (saved, ==, expected);

  ft_test_remove_tree (dir);
}

/* json-glib cuts a string at the escape \u0000, so such a line would lose
 * the rest of its text when saved: it loads as a broken line instead,
 * kept as it was, with a message that points at the escape, and loads as
 * an example once the escape is gone. An escaped backslash before
 * "u0000" is ordinary text.
 */
static void
test_example_nul_escape (void)
{
  static const char text[] =
    "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\u0000b\"},"
    "{\"role\":\"assistant\",\"content\":\"c\"}]}";
  static const char fixed[] =
    "{\"messages\":[{\"role\":\"user\",\"content\":\"ab\"},"
    "{\"role\":\"assistant\",\"content\":\"c\"}]}";
  static const char escaped[] =
    "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\\\u0000b\"},"
    "{\"role\":\"assistant\",\"content\":\"c\"}]}";
  g_autoptr(FtExample) example = ft_example_new_from_text (text, -1);
  g_autoptr(FtExample) other = ft_example_new_from_text (escaped, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (ft_example_get_broken (example));
  g_assert_nonnull (strstr (ft_example_get_error_message (example), "\\u0000"));
  g_assert_cmpuint (ft_example_get_error_column (example), ==, strchr (text, '\\') - text + 1);
  kept = ft_example_dup_text (example);
  g_assert_cmpstr (kept, ==, text);

  g_assert_true (ft_example_set_text (example, fixed, &error));
  g_assert_no_error (error);
  g_assert_false (ft_example_get_broken (example));
  g_assert_cmpstr (ft_example_get_title (example), ==, "ab");

  g_assert_false (ft_example_get_broken (other));
  g_assert_cmpstr (ft_example_get_title (other), ==, "a\\u0000b");
}

static void
test_example_invalid_utf8 (void)
{
  static const char line[] = "{\"a\":\"\xff\xfe\"}";
  g_autoptr(FtExample) example = ft_example_new_from_text (line, sizeof line - 1);
  g_autoptr(GBytes) bytes = ft_example_get_bytes (example);
  g_autofree char *text = ft_example_dup_text (example);

  g_assert_true (ft_example_get_broken (example));
  /* The raw bytes are kept for saving; the text shows replacements. */
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), line, sizeof line - 1);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "\xef\xbf\xbd"));
  g_assert_true (g_utf8_validate (ft_example_get_title (example), -1, NULL));
}

static void
test_example_messages (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtExample) example = ft_example_new ();
  g_autoptr(FtMessage) system = ft_message_new (FT_ROLE_SYSTEM, "Be kind.");
  g_autoptr(FtMessage) user = ft_message_new (FT_ROLE_USER, "Hi");
  g_autoptr(FtMessage) assistant = ft_message_new (FT_ROLE_ASSISTANT, "Hello");
  g_autofree char *text = NULL;
  GListModel *messages;
  guint n_example_changed = 0;

  ft_dataset_append (dataset, example);
  ft_dataset_set_modified (dataset, FALSE);
  g_assert_cmpint (ft_dataset_get_kind (dataset), ==, FT_DATASET_KIND_REINFORCEMENT);
  g_signal_connect_swapped (dataset, "example-changed", G_CALLBACK (count_signal),
                            &n_example_changed);

  messages = ft_example_get_messages (example);
  ft_example_append_message (example, user);
  ft_example_append_message (example, assistant);
  ft_example_insert_message (example, FT_MESSAGE_LIST_MESSAGES, 0, system);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 3);
  g_assert_cmpuint (ft_example_get_n_messages (example), ==, 3);
  g_assert_cmpstr (ft_example_get_title (example), ==, "Hi");
  g_assert_cmpstr (ft_example_get_preview (example), ==, "Hello");
  g_assert_true (ft_dataset_get_modified (dataset));
  g_assert_cmpuint (n_example_changed, ==, 3);
  g_assert_cmpint (ft_dataset_get_kind (dataset), ==, FT_DATASET_KIND_CHAT);

  text = example_text (example);
  g_assert_cmpstr (text, ==,
                   "{\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\"},"
                   "{\"role\":\"user\",\"content\":\"Hi\"},"
                   "{\"role\":\"assistant\",\"content\":\"Hello\"}]}");
  g_clear_pointer (&text, g_free);

  ft_example_move_message (example, FT_MESSAGE_LIST_MESSAGES, 0, 2);
  {
    g_autoptr(FtMessage) last = g_list_model_get_item (messages, 2);

    g_assert_true (last == system);
  }

  ft_example_remove_message (example, FT_MESSAGE_LIST_MESSAGES, 2);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);

  /* A removed message no longer reports changes to the example. */
  n_example_changed = 0;
  ft_message_set_content (system, "Changed");
  g_assert_cmpuint (n_example_changed, ==, 0);
  ft_message_set_content (user, "Hey there");
  g_assert_cmpuint (n_example_changed, ==, 1);
  g_assert_cmpstr (ft_example_get_title (example), ==, "Hey there");

  /* Setting the same value is not a change. */
  ft_message_set_content (user, "Hey there");
  g_assert_cmpuint (n_example_changed, ==, 1);
}

static void
test_example_preference (void)
{
  static const char line[] =
    "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Greet me\"}],\"tools\":[],"
    "\"parallel_tool_calls\":true},"
    "\"preferred_completion\":[{\"role\":\"assistant\",\"content\":\"Hello there!\"}],"
    "\"non_preferred_completion\":[{\"role\":\"assistant\",\"content\":\"What.\"}]}";
  g_autoptr(FtExample) example = ft_example_new_from_text (line, -1);
  g_autoptr(FtMessage) preferred = NULL;
  g_autoptr(JsonNode) tools = NULL;
  g_autofree char *text = NULL;
  GListModel *list;

  g_assert_cmpint (ft_example_get_kind (example), ==, FT_EXAMPLE_KIND_PREFERENCE);
  g_assert_cmpint (ft_example_get_parallel_tool_calls (example), ==, 1);
  tools = ft_example_dup_tools (example);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (tools));

  list = ft_example_get_message_list (example, FT_MESSAGE_LIST_PREFERRED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ft_example_get_messages (example)), ==, 1);
  list = ft_example_get_message_list (example, FT_MESSAGE_LIST_NON_PREFERRED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  list = ft_example_get_message_list (example, FT_MESSAGE_LIST_PREFERRED);

  /* Unedited, the old names stay. */
  text = example_text (example);
  g_assert_cmpstr (text, ==, line);
  g_clear_pointer (&text, g_free);

  preferred = g_list_model_get_item (list, 0);
  ft_message_set_content (preferred, "Hi!");
  g_assert_cmpstr (ft_example_get_preview (example), ==, "Hi!");

  text = example_text (example);
  g_assert_cmpstr (text, ==,
                   "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Greet me\"}],"
                   "\"tools\":[],\"parallel_tool_calls\":true},"
                   "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"Hi!\"}],"
                   "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"What.\"}]}");
  g_clear_pointer (&text, g_free);

  ft_example_set_parallel_tool_calls (example, 0);
  text = example_text (example);
  g_assert_nonnull (strstr (text, "\"parallel_tool_calls\":false}"));
}

static void
test_example_new_preference (void)
{
  g_autoptr(FtExample) example = ft_example_new_preference ();
  g_autoptr(FtMessage) question = ft_message_new (FT_ROLE_USER, "Q");
  g_autoptr(FtMessage) good = ft_message_new (FT_ROLE_ASSISTANT, "Good");
  g_autoptr(FtMessage) bad = ft_message_new (FT_ROLE_ASSISTANT, "Bad");
  g_autofree char *text = NULL;

  ft_example_append_message (example, question);
  ft_example_insert_message (example, FT_MESSAGE_LIST_PREFERRED, 0, good);
  ft_example_insert_message (example, FT_MESSAGE_LIST_NON_PREFERRED, 0, bad);

  text = example_text (example);
  g_assert_cmpstr (text, ==,
                   "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]},"
                   "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"Good\"}],"
                   "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"Bad\"}]}");
}

static void
test_example_other_becomes_chat (void)
{
  g_autoptr(FtExample) example = ft_example_new_from_text ("{\"prompt\":\"p\","
                                                           "\"completion\":\"c\"}", -1);
  g_autoptr(FtMessage) message = ft_message_new (FT_ROLE_USER, "p");
  g_autofree char *text = NULL;

  g_assert_cmpint (ft_example_get_kind (example), ==, FT_EXAMPLE_KIND_PROMPT_COMPLETION);
  ft_example_append_message (example, message);
  g_assert_cmpint (ft_example_get_kind (example), ==, FT_EXAMPLE_KIND_CHAT);

  text = example_text (example);
  g_assert_cmpstr (text, ==,
                   "{\"prompt\":\"p\",\"completion\":\"c\",\"messages\":[{\"role\":\"user\","
                   "\"content\":\"p\"}]}");
}

static void
test_example_tools_and_members (void)
{
  g_autoptr(FtExample) example = ft_example_new_from_text ("{\"messages\":[],\"target\":5}", -1);
  g_autoptr(JsonNode) target = NULL;
  g_autoptr(JsonNode) tools = json_from_string ("[{\"type\":\"function\","
                                                "\"function\":{\"name\":\"f\"}}]", NULL);
  g_autoptr(JsonNode) value = json_from_string ("{\"x\":[1,2]}", NULL);
  g_autoptr(JsonNode) messages = NULL;
  g_autoptr(JsonNode) new_messages = json_from_string ("[{\"role\":\"user\",\"content\":\"Q\"}]",
                                                       NULL);
  g_autofree char *text = NULL;

  target = ft_example_dup_member (example, "target");
  g_assert_cmpint (json_node_get_int (target), ==, 5);
  g_assert_null (ft_example_dup_tools (example));
  g_assert_cmpint (ft_example_get_parallel_tool_calls (example), ==, -1);

  ft_example_set_tools (example, tools);
  ft_example_set_parallel_tool_calls (example, 1);
  ft_example_set_member (example, "target", value);
  ft_example_set_member (example, "extra", NULL);

  text = example_text (example);
  g_assert_cmpstr (text, ==,
                   "{\"messages\":[],\"target\":{\"x\":[1,2]},"
                   "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                   "\"parallel_tool_calls\":true}");
  g_clear_pointer (&text, g_free);

  ft_example_set_tools (example, NULL);
  ft_example_set_parallel_tool_calls (example, -1);

  /* Setting a live list through the generic API reloads the messages. */
  ft_example_set_member (example, "messages", new_messages);
  g_assert_cmpuint (g_list_model_get_n_items (ft_example_get_messages (example)), ==, 1);
  messages = ft_example_dup_member (example, "messages");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (messages));
  g_assert_cmpstr (ft_example_get_title (example), ==, "Q");

  text = example_text (example);
  g_assert_cmpstr (text, ==, "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}],"
                             "\"target\":{\"x\":[1,2]}}");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer)pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
test_message_properties (void)
{
  g_autoptr(FtMessage) message = ft_message_new (FT_ROLE_USER, "Hi");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *role = NULL;

  g_signal_connect (message, "notify", G_CALLBACK (count_notify), counts);

  g_assert_cmpint (ft_message_get_role_kind (message), ==, FT_ROLE_USER);
  g_assert_cmpint (ft_message_get_content_kind (message), ==, FT_CONTENT_STRING);
  g_assert_cmpint (ft_message_get_weight (message), ==, -1);

  g_object_set (message, "role", "assistant", NULL);
  g_assert_cmpint (ft_message_get_role_kind (message), ==, FT_ROLE_ASSISTANT);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "role")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "role-kind")), ==, 1);

  ft_message_set_weight (message, 0);
  ft_message_set_name (message, "bot");
  g_object_get (message, "role", &role, NULL);
  g_assert_cmpstr (role, ==, "assistant");

  ft_message_set_content (message, NULL);
  g_assert_cmpint (ft_message_get_content_kind (message), ==, FT_CONTENT_NULL);
  ft_message_append_tool_call (message, "call_1", "get_price", "{\"symbol\":\"MSFT\"}");
  g_assert_cmpuint (ft_message_get_n_tool_calls (message), ==, 1);

  text = ft_message_to_string (message);
  g_assert_cmpstr (text, ==,
                   "{\"role\":\"assistant\",\"content\":null,\"weight\":0,\"name\":\"bot\","
                   "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                   "\"function\":{\"name\":\"get_price\","
                   "\"arguments\":\"{\\\"symbol\\\":\\\"MSFT\\\"}\"}}]}");
  g_clear_pointer (&text, g_free);

  ft_message_remove_content (message);
  ft_message_set_weight (message, -1);
  ft_message_set_name (message, NULL);
  ft_message_set_tool_calls (message, NULL);
  g_assert_cmpint (ft_message_get_content_kind (message), ==, FT_CONTENT_MISSING);
  text = ft_message_to_string (message);
  g_assert_cmpstr (text, ==, "{\"role\":\"assistant\"}");
  g_clear_pointer (&text, g_free);

  /* A tool result. */
  ft_message_set_role_kind (message, FT_ROLE_TOOL);
  ft_message_set_tool_call_id (message, "call_1");
  ft_message_set_content (message, "42");
  g_assert_cmpstr (ft_message_get_tool_call_id (message), ==, "call_1");

  node = ft_message_to_json_node (message);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "content"), ==,
                   "42");
}

static void
test_message_wrong_types (void)
{
  /* Values of the wrong type are kept as they are, not reinterpreted. */
  g_autoptr(GError) error = NULL;
  g_autoptr(FtMessage) message = ft_message_new_from_json ("{\"role\":5,\"content\":{\"a\":1},"
                                                           "\"weight\":\"1\"}",
                                                           -1, &error);
  g_autoptr(FtMessage) scalar = ft_message_new_from_json (" \"just text\" ", -1, &error);
  g_autoptr(FtMessage) bad = NULL;
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;

  g_assert_no_error (error);
  g_assert_null (ft_message_get_role (message));
  g_assert_cmpint (ft_message_get_role_kind (message), ==, FT_ROLE_UNKNOWN);
  g_assert_cmpint (ft_message_get_content_kind (message), ==, FT_CONTENT_OTHER);
  g_assert_cmpint (ft_message_get_weight (message), ==, -1);
  display = ft_message_dup_text (message);
  g_assert_cmpstr (display, ==, "{\"a\":1}");

  text = ft_message_to_string (scalar);
  g_assert_cmpstr (text, ==, "\"just text\"");
  g_clear_pointer (&text, g_free);

  /* Setting a role turns a non-object into an object. */
  ft_message_set_role_kind (scalar, FT_ROLE_USER);
  text = ft_message_to_string (scalar);
  g_assert_cmpstr (text, ==, "{\"role\":\"user\"}");

  bad = ft_message_new_from_json ("{\"role\":", -1, &error);
  g_assert_null (bad);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
}

static void
test_message_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FtMessage) message = ft_message_new_from_json (
    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look\",\"cache\":true},"
    "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"low\"}},"
    "{\"type\":\"input_audio\"}]}", -1, &error);
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *display = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ft_message_get_content_kind (message), ==, FT_CONTENT_PARTS);
  g_assert_null (ft_message_get_content (message));
  g_assert_cmpuint (ft_message_get_n_parts (message), ==, 3);
  g_assert_cmpint (ft_message_get_part_kind (message, 0), ==, FT_PART_TEXT);
  g_assert_cmpint (ft_message_get_part_kind (message, 1), ==, FT_PART_IMAGE_URL);
  g_assert_cmpint (ft_message_get_part_kind (message, 2), ==, FT_PART_OTHER);
  url = ft_message_dup_part_image_url (message, 1);
  g_assert_cmpstr (url, ==, "https://x/y.png");

  ft_message_set_part_text (message, 0, "Look here");
  ft_message_remove_part (message, 2);
  ft_message_append_text_part (message, "Thanks");

  text = ft_message_to_string (message);
  g_assert_cmpstr (text, ==,
                   "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look here\","
                   "\"cache\":true},"
                   "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\","
                   "\"detail\":\"low\"}},"
                   "{\"type\":\"text\",\"text\":\"Thanks\"}]}");

  display = ft_message_dup_text (message);
  g_assert_cmpstr (display, ==, "Look here\nThanks");

  /* A string content becomes the first part when an image is added. */
  ft_message_set_content (message, "Plain");
  ft_message_append_image_part (message, "data:image/png;base64,AAAA");
  g_clear_pointer (&text, g_free);
  text = ft_message_to_string (message);
  g_assert_cmpstr (text, ==,
                   "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Plain\"},"
                   "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                   "AAAA\"}}]}");
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
record_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GArray     *log)
{
  ItemsChanged change = { position, removed, added };

  g_array_append_val (log, change);
}

#define CHANGE(log, i) (&g_array_index ((log), ItemsChanged, (i)))

static void
test_dataset_list_model (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(FtExample) a = ft_example_new_from_text ("{\"messages\":[{\"role\":\"user\","
                                                     "\"content\":\"a\"}]}", -1);
  g_autoptr(FtExample) b = ft_example_new_from_text ("{\"input\":{\"messages\":[]},"
                                                     "\"preferred_output\":[]}", -1);
  g_autoptr(FtExample) c = ft_example_new_from_text ("{\"prompt\":\"c\",\"completion\":\"d\"}", -1);
  g_autoptr(FtExample) d = ft_example_new_from_text ("{\"prompt\":\"e\",\"completion\":\"f\"}", -1);
  g_autoptr(FtExample) item = NULL;
  FtExample *additions[] = { c, d };
  guint position;

  g_signal_connect (dataset, "items-changed", G_CALLBACK (record_items_changed), log);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (dataset)) == FT_TYPE_EXAMPLE);

  ft_dataset_append (dataset, a);
  ft_dataset_insert (dataset, 0, b);
  g_assert_true (ft_dataset_get_modified (dataset));
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpuint (CHANGE (log, 1)->position, ==, 0);
  g_assert_cmpuint (CHANGE (log, 1)->added, ==, 1);
  /* One chat and one preference: chat wins a tie; it has no assistant. */
  g_assert_cmpint (ft_dataset_get_kind (dataset), ==, FT_DATASET_KIND_REINFORCEMENT);

  ft_dataset_splice (dataset, 2, 0, additions, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 4);
  g_assert_cmpint (ft_dataset_get_kind (dataset), ==, FT_DATASET_KIND_PROMPT_COMPLETION);

  ft_dataset_move (dataset, 3, 0);
  g_assert_true (ft_dataset_peek_example (dataset, 0) == d);
  g_assert_true (ft_dataset_peek_example (dataset, 1) == b);
  g_assert_cmpuint (CHANGE (log, 3)->position, ==, 0);
  g_assert_cmpuint (CHANGE (log, 3)->removed, ==, 4);
  g_assert_cmpuint (CHANGE (log, 3)->added, ==, 4);

  g_assert_true (ft_dataset_find_example (dataset, a, &position));
  g_assert_cmpuint (position, ==, 2);

  ft_dataset_remove (dataset, 0);
  g_assert_false (ft_dataset_find_example (dataset, d, NULL));
  /* A removed example can go into another position or dataset. */
  ft_dataset_replace (dataset, 0, d);
  g_assert_true (ft_dataset_peek_example (dataset, 0) == d);
  g_assert_false (ft_dataset_find_example (dataset, b, NULL));

  item = g_list_model_get_item (G_LIST_MODEL (dataset), 0);
  g_assert_true (item == d);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (dataset), 99));

  ft_dataset_remove_all (dataset);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 0);
  g_assert_cmpint (ft_dataset_get_kind (dataset), ==, FT_DATASET_KIND_UNKNOWN);

  g_clear_object (&dataset);
  g_assert_finalize_object (g_steal_pointer (&a));
}

static void
test_dataset_snapshot (void)
{
  g_autoptr(FtDataset) dataset = load_fixture ("real", "clippy-sarcastic.train.jsonl");
  g_autoptr(FtDatasetSnapshot) snapshot = NULL;
  FtExample *example = ft_dataset_peek_example (dataset, 2);
  g_autoptr(FtMessage) message = g_list_model_get_item (ft_example_get_messages (example), 1);
  g_autoptr(FtDatasetSnapshot) later = NULL;
  g_autoptr(GBytes) original = NULL;

  snapshot = ft_dataset_snapshot (dataset);
  g_assert_cmpuint (ft_dataset_snapshot_get_n_examples (snapshot), ==, 10);
  g_assert_cmpuint (ft_dataset_snapshot_get_source_line (snapshot, 9), ==, 10);
  original = g_bytes_ref (ft_dataset_snapshot_get_bytes (snapshot, 2));

  ft_message_set_content (message, "Changed");
  later = ft_dataset_snapshot (dataset);

  /* The old snapshot does not see later edits. */
  g_assert_true (g_bytes_equal (ft_dataset_snapshot_get_bytes (snapshot, 2), original));
  g_assert_false (g_bytes_equal (ft_dataset_snapshot_get_bytes (later, 2), original));
  g_assert_true (ft_dataset_snapshot_get_bytes (later,
                                                3) == ft_dataset_snapshot_get_bytes (snapshot, 3));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = ft_dataset_load_finish (FT_DATASET (object), result, error);

  g_assert_true (ok == (*error == NULL));
  g_object_set_data (object, "done", GINT_TO_POINTER (1));
}

static void
test_dataset_load_async (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(GError) error = NULL;
  guint added = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (contents,
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"Question %u\"},"
                            "{\"role\":\"assistant\",\"content\":\"Answer %u\"}]}\n", i, i);
  g_string_append (contents, "\n{broken\n");
  path = ft_test_write_file (dir, "data.jsonl", contents->str, contents->len);
  file = g_file_new_for_path (path);

  {
    g_autoptr(FtExample) old = ft_example_new ();

    ft_dataset_append (dataset, old);
  }
  g_signal_connect (dataset, "items-changed", G_CALLBACK (record_items_changed), log);

  ft_dataset_load_async (dataset, file, NULL, load_done_cb, &error);
  g_assert_true (ft_dataset_get_loading (dataset));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 0);

  /* The old content went first, in one change. */
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpuint (CHANGE (log, 0)->removed, ==, 1);
  g_array_set_size (log, 0);

  FT_TEST_WAIT (g_object_get_data (G_OBJECT (dataset), "done"));
  g_assert_no_error (error);
  g_assert_false (ft_dataset_get_loading (dataset));

  /* Then the batches came, in order, the first one small. */
  g_assert_cmpuint (log->len, >=, 1);
  for (guint i = 0; i < log->len; i++)
    {
      g_assert_cmpuint (CHANGE (log, i)->position, ==, added);
      g_assert_cmpuint (CHANGE (log, i)->removed, ==, 0);
      added += CHANGE (log, i)->added;
    }
  /* At most 100, fewer when reading is slow (the first batch also goes
   * after 50 ms).
   */
  g_assert_cmpuint (CHANGE (log, 0)->added, >, 0);
  g_assert_cmpuint (CHANGE (log, 0)->added, <=, 100);
  g_assert_cmpuint (log->len, >, 1);
  g_assert_cmpuint (added, ==, 5001);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 5001);
  g_assert_cmpuint (ft_dataset_get_bytes_loaded (dataset), ==, contents->len);
  g_assert_cmpuint (ft_dataset_get_bytes_total (dataset), ==, contents->len);
  g_assert_false (ft_dataset_get_modified (dataset));
  g_assert_true (ft_example_get_broken (ft_dataset_peek_example (dataset, 5000)));
  g_assert_cmpuint (ft_example_get_source_line (ft_dataset_peek_example (dataset, 5000)), ==, 5002);
  g_assert_cmpstr (ft_example_get_title (ft_dataset_peek_example (dataset, 4999)), ==, "Question "
                                                                                       "4999");

  ft_test_remove_tree (dir);
}

typedef struct
{
  GThread *thread;    /* where the dataset was finalized */
  gint     finalized;
} Finalized;

/* Runs in whichever thread drops the last reference. */
static void
record_finalize (gpointer  data,
                 GObject  *where_the_object_was)
{
  Finalized *finalized = data;

  finalized->thread = g_thread_self ();
  g_atomic_int_set (&finalized->finalized, 1);
  g_main_context_wakeup (NULL);
}

static void
load_dropped_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  ft_dataset_load_finish (FT_DATASET (object), result, &error);
  *done = TRUE;
}

/* A dataset emits its signals on the main thread, so it must never be
 * finalized in the worker that reads the file: not when its owner drops
 * it while the load runs, nor when the owner drops it in the callback
 * while the worker is still winding down. Races are timing-dependent, so
 * each case runs many times.
 */
static void
test_dataset_load_dropped (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (contents,
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"Q %u\"}]}\n", i);
  path = ft_test_write_file (dir, "data.jsonl", contents->str, contents->len);
  file = g_file_new_for_path (path);

  for (guint round = 0; round < 1000; round++)
    {
      FtDataset *dataset = ft_dataset_new ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Finalized finalized = { NULL, 0 };
      gboolean done = FALSE;

      g_object_weak_ref (G_OBJECT (dataset), record_finalize, &finalized);
      ft_dataset_load_async (dataset, file, cancellable, load_dropped_cb, &done);

      switch (round % 3)
        {
        case 0:
          /* Dropped while loading: the load finishes first. */
          g_object_unref (dataset);
          FT_TEST_WAIT (done);
          break;

        case 1:
          /* Dropped and cancelled while loading. */
          g_object_unref (dataset);
          g_cancellable_cancel (cancellable);
          FT_TEST_WAIT (done);
          break;

        default:
          /* Dropped as soon as the load completed. */
          FT_TEST_WAIT (done);
          g_object_unref (dataset);
          break;
        }

      FT_TEST_WAIT (g_atomic_int_get (&finalized.finalized));
      g_assert_true (finalized.thread == g_thread_self ());
    }

  ft_test_remove_tree (dir);
}

static void
test_dataset_load_async_errors (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/dir/file.jsonl");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "stock-tools.train.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  ft_dataset_load_async (dataset, missing, NULL, load_done_cb, &error);
  FT_TEST_WAIT (g_object_get_data (G_OBJECT (dataset), "done"));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/file.jsonl"));
  g_assert_null (ft_dataset_get_file (dataset));
  g_assert_false (ft_dataset_get_loading (dataset));
  g_clear_error (&error);

  g_object_set_data (G_OBJECT (dataset), "done", NULL);
  g_cancellable_cancel (cancellable);
  ft_dataset_load_async (dataset, file, cancellable, load_done_cb, &error);
  FT_TEST_WAIT (g_object_get_data (G_OBJECT (dataset), "done"));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 0);
  g_assert_false (ft_dataset_get_modified (dataset));
}

static void
test_dataset_load_sync_error (void)
{
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/file.jsonl");
  g_autoptr(GError) error = NULL;

  g_assert_false (ft_dataset_load (dataset, missing, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Could not read “/nonexistent/file.jsonl”"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/dataset/load-fixtures", test_load_fixtures);
  g_test_add_func ("/ft/dataset/list-model", test_dataset_list_model);
  g_test_add_func ("/ft/dataset/snapshot", test_dataset_snapshot);
  g_test_add_func ("/ft/dataset/load-async", test_dataset_load_async);
  g_test_add_func ("/ft/dataset/load-async-errors", test_dataset_load_async_errors);
  g_test_add_func ("/ft/dataset/load-dropped", test_dataset_load_dropped);
  g_test_add_func ("/ft/dataset/load-sync-error", test_dataset_load_sync_error);
  g_test_add_func ("/ft/dataset/lone-surrogates", test_dataset_lone_surrogates);
  g_test_add_func ("/ft/dataset/nul-escape", test_example_nul_escape);
  g_test_add_func ("/ft/example/summary", test_example_summary);
  g_test_add_func ("/ft/example/summary-long", test_example_summary_long);
  g_test_add_func ("/ft/example/unknown-keys", test_example_unknown_keys);
  g_test_add_func ("/ft/example/broken-fix", test_example_broken_fix);
  g_test_add_func ("/ft/example/invalid-utf8", test_example_invalid_utf8);
  g_test_add_func ("/ft/example/messages", test_example_messages);
  g_test_add_func ("/ft/example/preference", test_example_preference);
  g_test_add_func ("/ft/example/new-preference", test_example_new_preference);
  g_test_add_func ("/ft/example/other-becomes-chat", test_example_other_becomes_chat);
  g_test_add_func ("/ft/example/tools-and-members", test_example_tools_and_members);
  g_test_add_func ("/ft/message/properties", test_message_properties);
  g_test_add_func ("/ft/message/wrong-types", test_message_wrong_types);
  g_test_add_func ("/ft/message/parts", test_message_parts);

  return g_test_run ();
}
