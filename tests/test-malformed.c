/* test-malformed.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-duplicates.h"
#include "ft-import.h"
#include "ft-json-scan.h"
#include "ft-split.h"

#include <locale.h>
#include <string.h>

/* A corpus of malformed inputs, generated here: every one must load,
 * show, edit, save and load again without a crash, a hang, a leak (the
 * memcheck suite runs this under valgrind) or a lost line.
 */

typedef struct
{
  const char *name;
  GBytes     *data;
} Input;

static guint64 rng_state = 12345;

static guint32
next_random (void)
{
  guint64 z = (rng_state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;

  return (guint32)(z ^ (z >> 31));
}

static void
add_input (GArray     *inputs,
           const char *name,
           GString    *data)
{
  Input input = { name, g_string_free_to_bytes (data) };

  g_array_append_val (inputs, input);
}

static void
add_text (GArray     *inputs,
          const char *name,
          const char *text,
          gssize      length)
{
  add_input (inputs, name, g_string_new_len (text, length < 0 ? (gssize)strlen (text) : length));
}

static const char valid_line[] =
  "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
  "{\"role\":\"user\",\"content\":\"Hi é 😀\",\"name\":\"ann\"},"
  "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
  "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},"
  "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"},"
  "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"weight\":1}],"
  "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
  "\"parallel_tool_calls\":false}";

static GArray *
make_corpus (void)
{
  GArray *inputs = g_array_new (FALSE, FALSE, sizeof (Input));
  GString *data;

  /* Every prefix of a valid line: truncated at every byte. */
  data = g_string_new (NULL);
  for (gsize i = 0; i <= strlen (valid_line); i++)
    {
      g_string_append_len (data, valid_line, i);
      g_string_append_c (data, '\n');
    }
  add_input (inputs, "truncated", data);

  /* Invalid UTF-8 of every kind, in and out of strings. */
  add_text (inputs, "invalid-utf8",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\xff\"}]}\n"
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\xc0\xaf overlong\"}]}\n"
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\xed\xa0\x80 surrogate\"}]}\n"
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\xe2\x82 cut\"}]}\n"
            "\xfe\xff{}\n"
            "{\"a\":\"\xf4\x90\x80\x80 beyond U+10FFFF\"}\n"
            "{\"\xff\":1}\n", -1);

  /* NUL bytes. */
  add_text (inputs, "nul",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\0b\"}]}\n\0\n{\"a\":1}\0\n\0\0\0",
            sizeof "{\"messages\":[{\"role\":\"user\","
                   "\"content\":\"a\0b\"}]}\n\0\n{\"a\":1}\0\n\0\0\0" - 1);

  /* Numbers json-glib cannot hold, and escapes it mishandles. */
  add_text (inputs, "numbers",
            "{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\",\"weight\":1e999}],"
            "\"n\":-1e999}\n"
            "{\"messages\":[],"
            "\"big\":10000000000000000000000000000000000000000000000000000000000000000000000000000"
            "0000000000000000000000000}\n"
            "{\"messages\":[],\"tiny\":1e-99999,\"neg\":-0,\"exp\":1E+2,"
            "\"max\":18446744073709551616}\n"
            "{\"messages\":[{\"role\":\"user\",\"content\":\"nul \\u0000 escape\"}]}\n"
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\\ud83d\\ude00 and \\ud83d "
            "alone\"}]}\n", -1);

  /* Deep nesting, far beyond any stack. */
  data = g_string_new ("{\"messages\":");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (data, '[');
  g_string_append (data, "\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append (data, "{\"a\":");
  g_string_append (data, "1");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (data, '}');
  g_string_append (data, "\n[");
  for (guint i = 0; i < 255; i++)
    g_string_append_c (data, '[');
  for (guint i = 0; i < 256; i++)
    g_string_append_c (data, ']');
  g_string_append_c (data, '\n');
  add_input (inputs, "deep", data);

  /* Wrong types everywhere. */
  add_text (inputs, "wrong-types",
            "{\"messages\":\"hello\"}\n"
            "{\"messages\":42}\n"
            "{\"messages\":null}\n"
            "{\"messages\":{\"role\":\"user\"}}\n"
            "{\"messages\":[1,\"two\",null,[3],true]}\n"
            "{\"messages\":[{\"role\":5,\"content\":{\"a\":1},\"weight\":\"1\",\"name\":[],"
            "\"tool_calls\":\"x\",\"tool_call_id\":7}]}\n"
            "{\"messages\":[{\"role\":\"assistant\",\"content\":[1,{\"type\":5},"
            "{\"type\":\"text\",\"text\":9},"
            "{\"type\":\"image_url\",\"image_url\":7},{\"type\":\"image_url\","
            "\"image_url\":{\"url\":[]}}]}]}\n"
            "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[1,{\"function\":\"f\"},"
            "{\"function\":{\"name\":3}}]}]}\n"
            "{\"messages\":[],\"tools\":{},\"parallel_tool_calls\":\"yes\",\"functions\":7}\n"
            "{\"input\":[],\"preferred_output\":{},\"non_preferred_output\":\"x\"}\n"
            "{\"input\":{\"messages\":7},\"preferred_completion\":[null]}\n"
            "{\"prompt\":[],\"completion\":{}}\n"
            "{\"messages\":[],\"messages\":[{\"role\":\"user\",\"content\":\"dup\"}]}\n"
            "{}\n[]\nnull\n\"string\"\n12\ntrue\n", -1);

  /* Not JSONL at all. */
  add_text (inputs, "pretty-json",
            "[\n  {\n    \"messages\": [\n      {\"role\": \"user\", \"content\": \"Hi\"}\n    "
            "]\n  }\n]\n", -1);
  add_text (inputs, "csv",
            "prompt,completion\r\n\"Hi, there\",\"Hello\"\r\n\"multi\r\nline\",x\r\n", -1);

  /* Random binary data. */
  data = g_string_sized_new (64 * 1024);
  for (guint i = 0; i < 64 * 1024 / 4; i++)
    {
      guint32 r = next_random ();

      g_string_append_len (data, (const char *)&r, 4);
    }
  add_input (inputs, "binary", data);

  /* A 20 MB single line: a valid example, then the same without its end. */
  data = g_string_sized_new (41 * 1024 * 1024);
  g_string_append (data, "{\"messages\":[{\"role\":\"user\",\"content\":\"");
  for (guint i = 0; i < 20 * 1024 * 1024 / 16; i++)
    g_string_append (data, "long text é 😀. ");
  g_string_append (data, "\"}]}\n");
  g_string_append_len (data, data->str, data->len - 6);
  add_input (inputs, "huge-line", data);

  /* Separators: CR alone, CRLF, blank lines, a BOM in the middle. */
  add_text (inputs, "separators",
            "\xEF\xBB\xBF{\"a\":1}\r\r\n\r\n   \n\t\n{\"b\":2}\r{\"c\":3}\n"
            "\xEF\xBB\xBF{\"d\":4}", -1);

  return inputs;
}

static void
exercise_example (FtExample *example)
{
  g_autoptr(GBytes) bytes = ft_example_get_bytes (example);
  g_autoptr(FtExample) copy = ft_example_copy (example);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ft_example_dup_text (example);
  g_autofree char *key = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (g_utf8_validate (ft_example_get_title (example), -1, NULL));
  g_assert_true (g_utf8_validate (ft_example_get_preview (example), -1, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (ft_example_equal (example, copy));
  g_assert_null (memchr (g_bytes_get_data (bytes, NULL), '\n', g_bytes_get_size (bytes)));

  node = ft_example_to_json_node (example, &error);
  g_assert_true ((node != NULL) == (error == NULL));
  g_assert_true ((node == NULL) == ft_example_get_broken (example));

  /* Near keys fold case character by character; the exact key covers the
   * 20 MB line (and keeps the valgrind run short).
   */
  key = ft_duplicate_key (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          g_bytes_get_size (bytes) < 1024 * 1024
                          ? FT_DUPLICATE_NEAR : FT_DUPLICATE_EXACT);
  g_assert_nonnull (key);

  names = ft_example_dup_member_names (example);
  for (guint list = FT_MESSAGE_LIST_MESSAGES; list <= FT_MESSAGE_LIST_NON_PREFERRED; list++)
    {
      GListModel *messages = ft_example_get_message_list (example, list);

      for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
        {
          g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);
          g_autofree char *message_text = ft_message_dup_text (message);
          g_autoptr(JsonNode) calls = ft_message_dup_tool_calls (message);
          guint n_parts = ft_message_get_n_parts (message);

          g_assert_true (g_utf8_validate (message_text, -1, NULL));
          for (guint j = 0; j < n_parts; j++)
            {
              g_autofree char *part = ft_message_dup_part_text (message, j);
              g_autofree char *url = ft_message_dup_part_image_url (message, j);

              (void)ft_message_get_part_kind (message, j);
            }
          (void)ft_message_get_n_tool_calls (message);
        }
    }

  {
    g_autoptr(JsonNode) tools = ft_example_dup_tools (example);
    g_autoptr(JsonNode) functions = ft_example_dup_functions (example);

    (void)ft_example_get_parallel_tool_calls (example);
  }
}

/* Edits that every object example must take: add a message, change it,
 * take it out again.
 */
static void
edit_example (FtExample *example)
{
  FtExampleKind kind = ft_example_get_kind (example);
  g_autoptr(FtMessage) message = NULL;
  GListModel *messages;
  guint n;

  if (kind == FT_EXAMPLE_KIND_BROKEN || kind == FT_EXAMPLE_KIND_NOT_OBJECT)
    return;

  messages = ft_example_get_messages (example);
  n = g_list_model_get_n_items (messages);
  message = ft_message_new (FT_ROLE_USER, "added");
  ft_example_append_message (example, message);
  ft_message_set_content (message, "changed\n\"quoted\"");
  ft_message_set_weight (message, 0);
  ft_example_remove_message (example, FT_MESSAGE_LIST_MESSAGES, n);
}

static void
test_corpus (void)
{
  g_autoptr(GArray) inputs = make_corpus ();
  g_autofree char *dir = ft_test_make_tmp_dir ();

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = &g_array_index (inputs, Input, i);
      g_autofree char *path = NULL;
      g_autofree char *saved_path = NULL;
      g_autofree char *converted_path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) saved = NULL;
      g_autoptr(GFile) converted = NULL;
      g_autoptr(FtDataset) dataset = ft_dataset_new ();
      g_autoptr(FtDataset) reloaded = ft_dataset_new ();
      g_autoptr(FtDatasetSnapshot) before = NULL;
      g_autoptr(FtDatasetSnapshot) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FtDuplicateFinder) finder = ft_duplicate_finder_new (FT_DUPLICATE_EXACT);
      FtImportStats stats;
      guint n;

      g_test_message ("input %s", input->name);

      path = ft_test_write_file (dir, input->name, g_bytes_get_data (input->data, NULL),
                                 g_bytes_get_size (input->data));
      saved_path = g_strconcat (path, ".saved", NULL);
      converted_path = g_strconcat (path, ".converted", NULL);
      file = g_file_new_for_path (path);
      saved = g_file_new_for_path (saved_path);
      converted = g_file_new_for_path (converted_path);

      g_assert_true (ft_dataset_load (dataset, file, NULL, &error));
      g_assert_no_error (error);
      n = g_list_model_get_n_items (G_LIST_MODEL (dataset));
      before = ft_dataset_snapshot (dataset);

      for (guint j = 0; j < n; j++)
        {
          FtExample *example = ft_dataset_peek_example (dataset, j);
          g_autoptr(GBytes) bytes = ft_example_get_bytes (example);

          exercise_example (example);
          ft_duplicate_finder_add (finder, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), j + 1);
        }

      /* Unedited: saved byte for byte, and loads back the same. */
      g_assert_true (ft_dataset_save (dataset, saved, NULL, &error));
      g_assert_no_error (error);
      {
        g_autoptr(GPtrArray) expected = ft_test_expected_lines (path);
        g_autoptr(GPtrArray) written = ft_test_read_lines (saved_path);

        g_assert_cmpuint (written->len, ==, expected->len);
        for (guint j = 0; j < written->len; j++)
          {
            GBytes *want = g_ptr_array_index (expected, j);
            const char *data = g_bytes_get_data (want, NULL);
            gsize length = g_bytes_get_size (want);

            /* The model drops a "\r" left at the end of a line. */
            while (length > 0 && data[length - 1] == '\r')
              length--;
            g_assert_cmpmem (g_bytes_get_data (g_ptr_array_index (written, j), NULL),
                             g_bytes_get_size (g_ptr_array_index (written, j)), data, length);
          }
      }
      g_assert_true (ft_dataset_load (reloaded, saved, NULL, &error));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, n);
      after = ft_dataset_snapshot (reloaded);
      for (guint j = 0; j < n; j++)
        g_assert_true (g_bytes_equal (ft_dataset_snapshot_get_bytes (before, j),
                                      ft_dataset_snapshot_get_bytes (after, j)));
      g_clear_pointer (&after, ft_dataset_snapshot_unref);

      /* Edited and reverted: still the same JSON values, no lost line. */
      for (guint j = 0; j < n; j++)
        edit_example (ft_dataset_peek_example (dataset, j));
      g_assert_true (ft_dataset_save (dataset, saved, NULL, &error));
      g_assert_true (ft_dataset_load (reloaded, saved, NULL, &error));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, n);
      for (guint j = 0; j < n; j++)
        {
          FtExample *example = ft_dataset_peek_example (reloaded, j);

          g_assert_cmpint (ft_example_get_broken (example), ==,
                           ft_example_get_broken (ft_dataset_peek_example (dataset, j)));
        }

      /* Conversion passes everything through. */
      ft_import_stats_init (&stats);
      g_assert_true (ft_import_file (file, converted, NULL, &stats, NULL, &error) || error != NULL);
      g_clear_error (&error);
      ft_import_stats_clear (&stats);

      if (n >= 2)
        {
          g_autoptr(FtDataset) train = NULL;
          g_autoptr(FtDataset) validation = NULL;

          g_assert_true (ft_split_dataset (dataset, 0.5, 1, &train, &validation, &error));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (train))
                            + g_list_model_get_n_items (G_LIST_MODEL (validation)), ==, n);
        }

      g_bytes_unref (input->data);
    }

  ft_test_remove_tree (dir);
}

static void
test_corpus_counts (void)
{
  /* What each input turns into, so that the corpus test cannot pass by
   * loading nothing.
   */
  static const struct {
    const char *name;
    guint       n_examples;
    guint       n_broken;
  } expected[] = {
    { "invalid-utf8", 7, 7 },
    { "nul", 4, 4 },
    { "numbers", 5, 1 },  /* the \u0000 escape */
    { "deep", 3, 2 },
    { "wrong-types", 19, 0 },
    { "pretty-json", 7, 6 },
    { "csv", 4, 4 },
    { "separators", 3, 2 },
  };
  g_autoptr(GArray) inputs = make_corpus ();
  g_autofree char *dir = ft_test_make_tmp_dir ();

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = &g_array_index (inputs, Input, i);

      for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
        {
          g_autofree char *path = NULL;
          g_autoptr(GFile) file = NULL;
          g_autoptr(FtDataset) dataset = NULL;
          g_autoptr(GError) error = NULL;
          guint n_broken = 0;
          guint n;

          if (strcmp (input->name, expected[k].name) != 0)
            continue;

          path = ft_test_write_file (dir, input->name, g_bytes_get_data (input->data, NULL),
                                     g_bytes_get_size (input->data));
          file = g_file_new_for_path (path);
          dataset = ft_dataset_new ();
          g_assert_true (ft_dataset_load (dataset, file, NULL, &error));
          n = g_list_model_get_n_items (G_LIST_MODEL (dataset));
          for (guint j = 0; j < n; j++)
            n_broken += ft_example_get_broken (ft_dataset_peek_example (dataset, j));

          if (n != expected[k].n_examples || n_broken != expected[k].n_broken)
            g_error ("%s: %u examples, %u broken", input->name, n, n_broken);
        }

      g_bytes_unref (input->data);
    }

  ft_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directory names it
   * sets, which valgrind would report; the test uses its own temporary
   * directory.
   */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/malformed/corpus", test_corpus);
  g_test_add_func ("/ft/malformed/corpus-counts", test_corpus_counts);

  return g_test_run ();
}
