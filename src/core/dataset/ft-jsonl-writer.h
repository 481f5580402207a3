/* ft-jsonl-writer.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FT_TYPE_JSONL_WRITER (ft_jsonl_writer_get_type ())
G_DECLARE_FINAL_TYPE (FtJsonlWriter, ft_jsonl_writer, FT, JSONL_WRITER, GObject)

FtJsonlWriter *ft_jsonl_writer_new            (GFile          *file,
                                               GError        **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean       ft_jsonl_writer_write_line     (FtJsonlWriter  *self,
                                               const char     *text,
                                               gsize           length,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       ft_jsonl_writer_write_bytes    (FtJsonlWriter  *self,
                                               GBytes         *line,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       ft_jsonl_writer_write_node     (FtJsonlWriter  *self,
                                               JsonNode       *node,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       ft_jsonl_writer_commit         (FtJsonlWriter  *self,
                                               GCancellable   *cancellable,
                                               GError        **error);
void           ft_jsonl_writer_abort          (FtJsonlWriter  *self);

guint64        ft_jsonl_writer_get_n_lines    (FtJsonlWriter  *self);
guint64        ft_jsonl_writer_get_bytes_written (FtJsonlWriter *self);

G_END_DECLS
