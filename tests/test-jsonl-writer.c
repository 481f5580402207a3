/* test-jsonl-writer.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-error.h"
#include "ft-jsonl-writer.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
assert_lines_equal (GPtrArray  *expected,
                    const char *path)
{
  g_autoptr(GPtrArray) actual = ft_test_read_lines (path);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < actual->len; i++)
    g_assert_true (g_bytes_equal (g_ptr_array_index (actual, i), g_ptr_array_index (expected, i)));

  /* "\n" endings, including after the last line. */
  g_file_get_contents (path, &contents, &length, NULL);
  g_assert_true (length == 0 || contents[length - 1] == '\n');
}

static JsonNode *
parse_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!json_parser_load_from_data (parser, data, length, NULL))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

/* Load, save with no edits: every line comes back byte for byte (minus a
 * BOM and "\r"; blank lines are not examples).
 */
static void
test_roundtrip_unedited (void)
{
  g_auto(GStrv) paths = ft_test_fixture_paths ();
  g_autofree char *dir = ft_test_make_tmp_dir ();

  g_assert_cmpuint (g_strv_length (paths), >=, 15);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *out_path = g_build_filename (dir, base, NULL);
      g_autoptr(GFile) out = g_file_new_for_path (out_path);
      g_autoptr(FtDataset) dataset = ft_dataset_new ();
      g_autoptr(GPtrArray) expected = ft_test_expected_lines (paths[i]);
      g_autoptr(GError) error = NULL;

      ft_dataset_load (dataset, file, NULL, &error);
      g_assert_no_error (error);
      ft_dataset_save (dataset, out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_equal (ft_dataset_get_file (dataset), out));

      assert_lines_equal (expected, out_path);
    }

  ft_test_remove_tree (dir);
}

/* Materialize every example and touch every message (change a value and
 * change it back): each line must keep the same JSON value, unknown keys
 * included, and the writer must give the same values.
 */
static void
test_roundtrip_edited (void)
{
  g_auto(GStrv) paths = ft_test_fixture_paths ();
  g_autofree char *dir = ft_test_make_tmp_dir ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *out_path = g_build_filename (dir, base, NULL);
      g_autoptr(GFile) out = g_file_new_for_path (out_path);
      g_autoptr(FtDataset) dataset = ft_dataset_new ();
      g_autoptr(GPtrArray) expected = ft_test_expected_lines (paths[i]);
      g_autoptr(GPtrArray) actual = NULL;
      g_autoptr(GError) error = NULL;
      guint n_touched = 0;

      ft_dataset_load (dataset, file, NULL, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (dataset)); j++)
        {
          FtExample *example = ft_dataset_peek_example (dataset, j);

          for (guint list = FT_MESSAGE_LIST_MESSAGES; list <= FT_MESSAGE_LIST_NON_PREFERRED; list++)
            {
              GListModel *messages = ft_example_get_message_list (example, list);

              for (guint k = 0; k < g_list_model_get_n_items (messages); k++)
                {
                  g_autoptr(FtMessage) message = g_list_model_get_item (messages, k);
                  g_autofree char *name = g_strdup (ft_message_get_name (message));

                  ft_message_set_name (message, "touched");
                  ft_message_set_name (message, name);
                  n_touched++;
                }
            }
        }

      if (n_touched > 0)
        g_assert_true (ft_dataset_get_modified (dataset));

      ft_dataset_save (dataset, out, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (ft_dataset_get_modified (dataset));

      actual = ft_test_read_lines (out_path);
      g_assert_cmpuint (actual->len, ==, expected->len);
      for (guint j = 0; j < actual->len; j++)
        {
          g_autoptr(JsonNode) a = parse_bytes (g_ptr_array_index (actual, j));
          g_autoptr(JsonNode) b = parse_bytes (g_ptr_array_index (expected, j));

          g_assert_nonnull (a);
          g_assert_nonnull (b);
          if (!json_node_equal (a, b))
            g_error ("%s line %u changed: %s", base, j + 1,
                     (const char *)g_bytes_get_data (g_ptr_array_index (actual, j), NULL));
        }
    }

  ft_test_remove_tree (dir);
}

static void
test_keeps_mode (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "data.jsonl", "old\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtJsonlWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  writer = ft_jsonl_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_true (ft_jsonl_writer_write_line (writer, "{\"a\":1}", 7, NULL, &error));
  g_assert_true (ft_jsonl_writer_write_line (writer, "{\"b\":2}", 7, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ft_jsonl_writer_get_n_lines (writer), ==, 2);
  g_assert_cmpuint (ft_jsonl_writer_get_bytes_written (writer), ==, 16);

  /* Nothing happens to the file before the commit. */
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old\n");
  g_clear_pointer (&contents, g_free);

  g_assert_true (ft_jsonl_writer_commit (writer, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "{\"a\":1}\n{\"b\":2}\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  g_clear_object (&writer);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  ft_test_remove_tree (dir);
}

static void
test_abort_leaves_file (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "data.jsonl", "old\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  {
    g_autoptr(FtJsonlWriter) writer = ft_jsonl_writer_new (file, &error);

    g_assert_no_error (error);
    g_assert_true (ft_jsonl_writer_write_line (writer, "new", 3, NULL, &error));
    ft_jsonl_writer_abort (writer);
  }

  {
    g_autoptr(FtJsonlWriter) writer = ft_jsonl_writer_new (file, &error);

    g_assert_no_error (error);
    g_assert_true (ft_jsonl_writer_write_line (writer, "new", 3, NULL, &error));
    /* Dropped without a commit. */
  }

  {
    g_autoptr(FtJsonlWriter) writer = ft_jsonl_writer_new (file, &error);

    g_assert_no_error (error);
    g_assert_true (ft_jsonl_writer_write_line (writer, "new", 3, NULL, &error));
    g_cancellable_cancel (cancellable);
    g_assert_false (ft_jsonl_writer_write_line (writer, "more", 4, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (ft_jsonl_writer_commit (writer, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  {
    g_autoptr(FtJsonlWriter) writer = ft_jsonl_writer_new (file, &error);

    g_assert_no_error (error);
    g_assert_false (ft_jsonl_writer_write_line (writer, "a\nb", 3, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old\n");

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  ft_test_remove_tree (dir);
}

static void
test_new_file_and_errors (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.jsonl", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "no", "such", "dir.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(FtJsonlWriter) writer = NULL;
  g_autoptr(FtJsonlWriter) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"a\": [1.5, \"é\"]}", NULL);
  g_autofree char *contents = NULL;

  writer = ft_jsonl_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_true (ft_jsonl_writer_write_node (writer, node, NULL, &error));
  g_assert_true (ft_jsonl_writer_commit (writer, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "{\"a\":[1.5,\"é\"]}\n");

  bad = ft_jsonl_writer_new (missing, &error);
  g_assert_null (bad);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "dir.jsonl"));
  g_clear_error (&error);

  bad = ft_jsonl_writer_new (directory, &error);
  g_assert_null (bad);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));

  ft_test_remove_tree (dir);
}

static void
test_symlink (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *target = ft_test_write_file (dir, "target.jsonl", "old\n", -1);
  g_autofree char *link = g_build_filename (dir, "link.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(FtJsonlWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (symlink ("target.jsonl", link), ==, 0);

  writer = ft_jsonl_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_true (ft_jsonl_writer_write_line (writer, "new", 3, NULL, &error));
  g_assert_true (ft_jsonl_writer_commit (writer, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_file_get_contents (target, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "new\n");

  ft_test_remove_tree (dir);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  ft_dataset_save_finish (FT_DATASET (object), result, error);
  g_object_set_data (object, "done", GINT_TO_POINTER (1));
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static void
test_dataset_save_async (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "data.jsonl",
                                              "\xEF\xBB\xBF{\"messages\":[]}\r\n\r\n{\"prompt\":\""
                                              "p\"}", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtExample) added = ft_example_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint n_saved = 0;

  g_signal_connect_swapped (dataset, "saved", G_CALLBACK (count_signal), &n_saved);

  ft_dataset_load (dataset, file, NULL, &error);
  g_assert_no_error (error);
  ft_dataset_append (dataset, added);
  g_assert_true (ft_dataset_get_modified (dataset));

  ft_dataset_save_async (dataset, NULL, NULL, save_done_cb, &error);
  FT_TEST_WAIT (g_object_get_data (G_OBJECT (dataset), "done"));
  g_assert_no_error (error);
  g_assert_false (ft_dataset_get_modified (dataset));
  g_assert_cmpuint (n_saved, ==, 1);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "{\"messages\":[]}\n{\"prompt\":\"p\"}\n{\"messages\":[]}\n");

  /* An edit made while the save runs keeps the dataset modified. */
  g_object_set_data (G_OBJECT (dataset), "done", NULL);
  ft_dataset_save_async (dataset, NULL, NULL, save_done_cb, &error);
  ft_dataset_remove (dataset, 2);
  FT_TEST_WAIT (g_object_get_data (G_OBJECT (dataset), "done"));
  g_assert_no_error (error);
  g_assert_true (ft_dataset_get_modified (dataset));
  g_assert_cmpuint (n_saved, ==, 2);

  ft_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/jsonl-writer/roundtrip-unedited", test_roundtrip_unedited);
  g_test_add_func ("/ft/jsonl-writer/roundtrip-edited", test_roundtrip_edited);
  g_test_add_func ("/ft/jsonl-writer/keeps-mode", test_keeps_mode);
  g_test_add_func ("/ft/jsonl-writer/abort-leaves-file", test_abort_leaves_file);
  g_test_add_func ("/ft/jsonl-writer/new-file-and-errors", test_new_file_and_errors);
  g_test_add_func ("/ft/jsonl-writer/symlink", test_symlink);
  g_test_add_func ("/ft/jsonl-writer/dataset-save-async", test_dataset_save_async);

  return g_test_run ();
}
