/* ft-jsonl-writer.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-jsonl-writer"

#include "config.h"

#include "ft-jsonl-writer.h"

#include "ft-error.h"
#include "ft-json-scan.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes JSONL atomically: everything goes to a hidden temporary file in
 * the target's directory, which is flushed to disk (fsync) and renamed over
 * the target only by ft_jsonl_writer_commit(). A crash, a full disk or a
 * cancelled save therefore leaves the old file untouched. The new file gets
 * the old one's permission bits; a symbolic link is followed, so the link
 * stays and its target is replaced.
 */

#define BUFFER_SIZE (1024 * 1024)

struct _FtJsonlWriter
{
  GObject  parent_instance;

  char    *path;
  char    *tmp_path;
  char    *display_name;
  char    *buffer;
  gsize    buffer_len;
  int      fd;

  guint64  n_lines;
  guint64  bytes_written;
  guint    committed : 1;
};

G_DEFINE_FINAL_TYPE (FtJsonlWriter, ft_jsonl_writer, G_TYPE_OBJECT)

static gboolean
write_all (FtJsonlWriter  *self,
           const char     *data,
           gsize           length,
           GError        **error)
{
  g_assert (FT_IS_JSONL_WRITER (self));

  while (length > 0)
    {
      gssize n = write (self->fd, data, length);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not write “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      length -= n;
    }

  return TRUE;
}

static gboolean
flush_buffer (FtJsonlWriter  *self,
              GError        **error)
{
  g_assert (FT_IS_JSONL_WRITER (self));

  if (self->buffer_len == 0)
    return TRUE;

  if (!write_all (self, self->buffer, self->buffer_len, error))
    return FALSE;

  self->buffer_len = 0;
  return TRUE;
}

static void
close_and_unlink (FtJsonlWriter *self)
{
  g_assert (FT_IS_JSONL_WRITER (self));

  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }

  if (!self->committed && self->tmp_path != NULL)
    {
      g_unlink (self->tmp_path);
      g_clear_pointer (&self->tmp_path, g_free);
    }
}

static void
ft_jsonl_writer_finalize (GObject *object)
{
  FtJsonlWriter *self = (FtJsonlWriter *)object;

  close_and_unlink (self);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->tmp_path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->buffer, g_free);

  G_OBJECT_CLASS (ft_jsonl_writer_parent_class)->finalize (object);
}

static void
ft_jsonl_writer_class_init (FtJsonlWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_jsonl_writer_finalize;
}

static void
ft_jsonl_writer_init (FtJsonlWriter *self)
{
  self->fd = -1;
}

/**
 * ft_jsonl_writer_new:
 * @file: the file to write (a local file)
 * @error: return location for a #GError
 *
 * Starts writing @file: creates the temporary file next to it. Nothing
 * happens to @file itself until ft_jsonl_writer_commit(); dropping the
 * writer without committing removes the temporary file.
 *
 * Returns: (transfer full) (nullable): a new writer, or %NULL with
 *   %FT_DATASET_ERROR_IO
 */
FtJsonlWriter *
ft_jsonl_writer_new (GFile   *file,
                     GError **error)
{
  g_autoptr(FtJsonlWriter) self = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  struct stat st;
  gboolean exists;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FT_TYPE_JSONL_WRITER, NULL);
  self->display_name = g_file_get_parse_name (file);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not save “%s”: only local files can be saved"),
                   self->display_name);
      return NULL;
    }

  /* Follow a symbolic link so that the link survives the rename. */
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      char *resolved = realpath (path, NULL);

      if (resolved != NULL)
        {
          self->path = g_strdup (resolved);
          free (resolved);
        }
    }
  if (self->path == NULL)
    self->path = g_strdup (path);

  exists = g_stat (self->path, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not save “%s”: it is not a regular file"),
                   self->display_name);
      return NULL;
    }

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  tmpl = g_strdup_printf (".%s.XXXXXX", base);
  self->tmp_path = g_build_filename (dir, tmpl, NULL);

  self->fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->tmp_path, g_free);
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not create a temporary file next to “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return NULL;
    }

  /* g_mkstemp_full() makes the file private (0600); give it the old
   * file's mode, or what a new file would get under the umask.
   */
  {
    mode_t mode;

    if (exists)
      {
        mode = st.st_mode & 07777;
      }
    else
      {
        mode_t mask = umask (0);

        umask (mask);
        mode = 0666 & ~mask;
      }

    if (fchmod (self->fd, mode) != 0)
      g_debug ("Could not set the mode of %s: %s", self->tmp_path, g_strerror (errno));
  }

  self->buffer = g_malloc (BUFFER_SIZE);

  return g_steal_pointer (&self);
}

/**
 * ft_jsonl_writer_write_line:
 * @self: a #FtJsonlWriter
 * @text: one line, without a line break
 * @length: its length in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @text followed by "\n".
 *
 * Returns: %TRUE on success
 */
gboolean
ft_jsonl_writer_write_line (FtJsonlWriter  *self,
                            const char     *text,
                            gsize           length,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_return_val_if_fail (FT_IS_JSONL_WRITER (self), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (length > 0 && memchr (text, '\n', length) != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_lines + 1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not write “%s”: line %s contains a line break"),
                   self->display_name, number);
      return FALSE;
    }

  if (self->buffer_len + length + 1 > BUFFER_SIZE)
    {
      if (!flush_buffer (self, error))
        return FALSE;

      if (length + 1 > BUFFER_SIZE)
        {
          if (!write_all (self, text, length, error) || !write_all (self, "\n", 1, error))
            return FALSE;
          goto done;
        }
    }

  memcpy (self->buffer + self->buffer_len, text, length);
  self->buffer[self->buffer_len + length] = '\n';
  self->buffer_len += length + 1;

done:
  self->n_lines++;
  self->bytes_written += length + 1;

  return TRUE;
}

/**
 * ft_jsonl_writer_write_bytes:
 * @self: a #FtJsonlWriter
 * @line: one line, without a line break
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
ft_jsonl_writer_write_bytes (FtJsonlWriter  *self,
                             GBytes         *line,
                             GCancellable   *cancellable,
                             GError        **error)
{
  const char *data;
  gsize length;

  g_return_val_if_fail (line != NULL, FALSE);

  data = g_bytes_get_data (line, &length);

  return ft_jsonl_writer_write_line (self, data, length, cancellable, error);
}

/**
 * ft_jsonl_writer_write_node:
 * @self: a #FtJsonlWriter
 * @node: a JSON value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @node as one compact line.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_jsonl_writer_write_node (FtJsonlWriter  *self,
                            JsonNode       *node,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (node != NULL, FALSE);

  text = ft_json_node_to_string (node);

  return ft_jsonl_writer_write_line (self, text, strlen (text), cancellable, error);
}

/**
 * ft_jsonl_writer_commit:
 * @self: a #FtJsonlWriter
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Flushes the temporary file to disk and renames it over the target.
 * On failure the target is untouched and the temporary file removed.
 *
 * Returns: %TRUE when the file was replaced
 */
gboolean
ft_jsonl_writer_commit (FtJsonlWriter  *self,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (FT_IS_JSONL_WRITER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !flush_buffer (self, error))
    {
      close_and_unlink (self);
      return FALSE;
    }

  fd = self->fd;
  self->fd = -1;

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      close_and_unlink (self);
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not write “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return FALSE;
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      close_and_unlink (self);
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not write “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved_errno = errno;

      close_and_unlink (self);
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not replace “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return FALSE;
    }

  self->committed = TRUE;

  /* Make the rename itself durable. */
  dir = g_path_get_dirname (self->path);
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      if (fsync (fd) != 0)
        g_debug ("Could not flush directory %s: %s", dir, g_strerror (errno));
      close (fd);
    }

  return TRUE;
}

/**
 * ft_jsonl_writer_abort:
 * @self: a #FtJsonlWriter
 *
 * Gives up: removes the temporary file and leaves the target untouched.
 */
void
ft_jsonl_writer_abort (FtJsonlWriter *self)
{
  g_return_if_fail (FT_IS_JSONL_WRITER (self));

  if (!self->committed)
    close_and_unlink (self);
}

/**
 * ft_jsonl_writer_get_n_lines:
 * @self: a #FtJsonlWriter
 *
 * Returns: the number of lines written so far
 */
guint64
ft_jsonl_writer_get_n_lines (FtJsonlWriter *self)
{
  g_return_val_if_fail (FT_IS_JSONL_WRITER (self), 0);

  return self->n_lines;
}

/**
 * ft_jsonl_writer_get_bytes_written:
 * @self: a #FtJsonlWriter
 *
 * Returns: the number of bytes written so far
 */
guint64
ft_jsonl_writer_get_bytes_written (FtJsonlWriter *self)
{
  g_return_val_if_fail (FT_IS_JSONL_WRITER (self), 0);

  return self->bytes_written;
}
