/* test-recent.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-recent.h"

#include <locale.h>
#include <string.h>

typedef struct
{
  guint    pending;
  gboolean ok;
  GError  *error;
} Adding;

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Adding *adding = user_data;

  adding->ok = ft_recent_add_finish (result, adding->error == NULL ? &adding->error : NULL);
  adding->pending--;
}

static void
add_files (GFile  **files,
           guint    n_files,
           Adding  *adding)
{
  adding->pending = n_files;
  for (guint i = 0; i < n_files; i++)
    ft_recent_add_async (files[i], "Exemplar", "exemplar %u", NULL, added_cb, adding);
  while (adding->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static char *
list_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
}

/* Files added at once all end up in the list, with their type and this
 * application, next to what other applications put there.
 */
static void
test_recent_add (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *first = ft_test_write_file (dir, "a.jsonl", "{}\n", -1);
  g_autofree char *second = ft_test_write_file (dir, "b.jsonl", "{}\n", -1);
  g_autofree char *path = list_path ();
  g_autoptr(GFile) a = g_file_new_for_path (first);
  g_autoptr(GFile) b = g_file_new_for_path (second);
  g_autoptr(GBookmarkFile) other = g_bookmark_file_new ();
  g_autoptr(GBookmarkFile) list = g_bookmark_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri_a = g_file_get_uri (a);
  g_autofree char *uri_b = g_file_get_uri (b);
  g_autofree char *mime = NULL;
  GFile *files[] = { a, b };
  Adding adding = { 0 };

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  g_bookmark_file_add_application (other, "file:///tmp/other.txt", "Other", "other %u");
  g_bookmark_file_set_mime_type (other, "file:///tmp/other.txt", "text/plain");
  g_assert_true (g_bookmark_file_to_file (other, path, &error));
  g_assert_no_error (error);

  add_files (files, G_N_ELEMENTS (files), &adding);
  g_assert_no_error (adding.error);
  g_assert_true (adding.ok);

  g_assert_true (g_bookmark_file_load_from_file (list, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_bookmark_file_has_item (list, "file:///tmp/other.txt"));
  g_assert_true (g_bookmark_file_has_application (list, uri_a, "Exemplar", NULL));
  g_assert_true (g_bookmark_file_has_application (list, uri_b, "Exemplar", NULL));
  mime = g_bookmark_file_get_mime_type (list, uri_a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mime);
  g_assert_cmpstr (mime, !=, "");

  ft_test_remove_tree (dir);
}

/* A list that cannot be read is not written anew (the other entries in
 * it would be lost): an error, and the file as it was.
 */
static void
test_recent_unreadable (void)
{
  static const char garbage[] = "<?xml version=\"1.0\"?>\n<xbel version=\"1.0\"><bookmark";
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *name = ft_test_write_file (dir, "a.jsonl", "{}\n", -1);
  g_autofree char *path = list_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (name);
  g_autoptr(GError) error = NULL;
  GFile *files[] = { file };
  Adding adding = { 0 };

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  g_assert_true (g_file_set_contents (path, garbage, -1, &error));
  g_assert_no_error (error);

  add_files (files, 1, &adding);
  g_assert_false (adding.ok);
  g_assert_nonnull (adding.error);
  g_assert_nonnull (strstr (adding.error->message, path));
  g_clear_error (&adding.error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, garbage);

  ft_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/recent/add", test_recent_add);
  g_test_add_func ("/ft/recent/unreadable", test_recent_unreadable);

  return g_test_run ();
}
