/* ft-core-test-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

char *
ft_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ft-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

void
ft_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      ft_test_remove_tree (child);
    }
  g_rmdir (path);
}

char *
ft_test_write_file (const char *dir,
                    const char *name,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

/* Every file copied from the shared fixtures (real and dataprep JSONL). */
char **
ft_test_fixture_paths (void)
{
  static const char * const subdirs[] = { "real", "dataprep" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", subdirs[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          if (g_str_has_suffix (name, ".jsonl"))
            g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
        }
      g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
      for (guint j = 0; j < names->len; j++)
        g_strv_builder_add (builder, g_ptr_array_index (names, j));
    }

  return g_strv_builder_end (builder);
}

/* The physical lines of a file, split at "\n" only (no final empty line). */
GPtrArray *
ft_test_read_lines (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gsize length;
  const char *p;
  const char *end;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  p = contents;
  end = contents + length;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;

      g_ptr_array_add (lines, g_bytes_new (p, line_end - p));
      p = nl != NULL ? nl + 1 : end;
    }

  return lines;
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\0' || !strchr (" \t\r\f\v", text[i]))
        return FALSE;
    }
  return TRUE;
}

/* What saving a loaded file must give: every non-blank line, without the
 * BOM of line 1 and without a "\r" before "\n".
 */
GPtrArray *
ft_test_expected_lines (const char *path)
{
  g_autoptr(GPtrArray) raw = ft_test_read_lines (path);
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; i < raw->len; i++)
    {
      gsize length;
      const char *text = g_bytes_get_data (g_ptr_array_index (raw, i), &length);

      if (i == 0 && length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
        {
          text += 3;
          length -= 3;
        }
      if (length > 0 && text[length - 1] == '\r')
        length--;
      if (is_blank (text, length))
        continue;
      g_ptr_array_add (lines, g_bytes_new (text, length));
    }

  return lines;
}
