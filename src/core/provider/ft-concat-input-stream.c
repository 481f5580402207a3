/* ft-concat-input-stream.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-concat-input-stream"

#include "config.h"

#include "ft-concat-input-stream-private.h"

/* Reads several streams one after the other, each optionally cut after
 * a number of bytes. GIO has no such stream; uploads use it to send a
 * multipart prefix, a file (or a region of it) and the closing boundary
 * without holding the file in memory.
 */

typedef struct
{
  GInputStream *stream;
  goffset       remaining;   /* -1: until the end */
} Part;

struct _FtConcatInputStream
{
  GInputStream  parent_instance;

  GArray       *parts;
  guint         current;
};

G_DEFINE_FINAL_TYPE (FtConcatInputStream, ft_concat_input_stream, G_TYPE_INPUT_STREAM)

static void
clear_part (Part *part)
{
  g_clear_object (&part->stream);
}

static gssize
ft_concat_input_stream_read (GInputStream  *stream,
                             void          *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  FtConcatInputStream *self = FT_CONCAT_INPUT_STREAM (stream);

  while (self->current < self->parts->len)
    {
      Part *part = &g_array_index (self->parts, Part, self->current);
      gsize want = count;
      gssize n;

      if (part->remaining == 0)
        {
          self->current++;
          continue;
        }

      if (part->remaining > 0)
        want = MIN (want, (gsize)part->remaining);

      n = g_input_stream_read (part->stream, buffer, want, cancellable, error);
      if (n < 0)
        return -1;

      if (n == 0)
        {
          if (part->remaining > 0)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                   "The file became shorter while it was being sent");
              return -1;
            }
          self->current++;
          continue;
        }

      if (part->remaining > 0)
        part->remaining -= n;

      return n;
    }

  return 0;
}

static gboolean
ft_concat_input_stream_close (GInputStream  *stream,
                              GCancellable  *cancellable,
                              GError       **error)
{
  FtConcatInputStream *self = FT_CONCAT_INPUT_STREAM (stream);
  gboolean ret = TRUE;

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);

      if (!g_input_stream_is_closed (part->stream) &&
          !g_input_stream_close (part->stream, cancellable, ret ? error : NULL))
        ret = FALSE;
    }

  return ret;
}

static void
ft_concat_input_stream_finalize (GObject *object)
{
  FtConcatInputStream *self = (FtConcatInputStream *)object;

  g_clear_pointer (&self->parts, g_array_unref);

  G_OBJECT_CLASS (ft_concat_input_stream_parent_class)->finalize (object);
}

static void
ft_concat_input_stream_class_init (FtConcatInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = ft_concat_input_stream_finalize;
  stream_class->read_fn = ft_concat_input_stream_read;
  stream_class->close_fn = ft_concat_input_stream_close;
}

static void
ft_concat_input_stream_init (FtConcatInputStream *self)
{
  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, (GDestroyNotify)clear_part);
}

GInputStream *
_ft_concat_input_stream_new (void)
{
  return g_object_new (FT_TYPE_CONCAT_INPUT_STREAM, NULL);
}

/* Appends @stream; with @limit ≥ 0 only that many bytes of it are read
 * (and it must have them).
 */
void
_ft_concat_input_stream_append (FtConcatInputStream *self,
                                GInputStream        *stream,
                                goffset              limit)
{
  Part part = { g_object_ref (stream), limit };

  g_array_append_val (self->parts, part);
}
