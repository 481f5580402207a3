/* ft-jsonl-reader.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ft-json-scan.h"

G_BEGIN_DECLS

/**
 * FtLineStatus:
 * @FT_LINE_OK: text is valid UTF-8 with no NUL byte
 * @FT_LINE_BLANK: empty or only whitespace
 * @FT_LINE_INVALID_UTF8: text holds the raw bytes; see invalid_offset
 * @FT_LINE_CONTAINS_NUL: a NUL byte at invalid_offset
 *
 * What the reader found in a line before any JSON parsing.
 */
typedef enum
{
  FT_LINE_OK,              /* text is valid UTF-8 with no NUL byte */
  FT_LINE_BLANK,           /* empty or only whitespace */
  FT_LINE_INVALID_UTF8,    /* text holds the raw bytes; see invalid_offset */
  FT_LINE_CONTAINS_NUL,    /* a NUL byte at invalid_offset */
} FtLineStatus;

/**
 * FtJsonlLine:
 * @number: 1-based line number
 * @offset: byte offset of the line in the stream (where the line starts,
 *   so 0 for line 1 even when a BOM precedes its text)
 * @text: the line without "\n"/"\r\n"; the BOM of line 1 removed;
 *   NUL-terminated; valid until the next call
 * @length: length of @text in bytes
 * @status: see #FtLineStatus
 * @invalid_offset: byte offset in @text of the first bad byte, for
 *   %FT_LINE_INVALID_UTF8 and %FT_LINE_CONTAINS_NUL
 *
 * One line of a JSONL stream.
 */
typedef struct
{
  guint64       number;         /* 1-based line number */
  guint64       offset;         /* byte offset of the line in the stream */
  const char   *text;           /* without "\n"/"\r\n"; the BOM of line 1
                                   removed; NUL-terminated; valid until the
                                   next call */
  gsize         length;
  FtLineStatus  status;
  gsize         invalid_offset; /* byte offset in the line of the first bad
                                   byte, for INVALID_UTF8 / CONTAINS_NUL */
} FtJsonlLine;

#define FT_TYPE_JSONL_READER (ft_jsonl_reader_get_type ())
G_DECLARE_FINAL_TYPE (FtJsonlReader, ft_jsonl_reader, FT, JSONL_READER, GObject)

FtJsonlReader *ft_jsonl_reader_new            (GInputStream   *stream) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE with *line filled; FALSE at end of stream (error unset) or on error. */
gboolean       ft_jsonl_reader_next           (FtJsonlReader  *self,
                                               FtJsonlLine    *line,
                                               GCancellable   *cancellable,
                                               GError        **error);
guint64        ft_jsonl_reader_get_bytes_read (FtJsonlReader  *self);

/* Parses one line into a JSON value with json-glib. Rejects nesting deeper
 * than FT_JSONL_MAX_DEPTH before json-glib's recursive parser sees it (no
 * stack overflow on 10k-deep input). On failure sets FT_DATASET_ERROR_PARSE
 * with a translated message naming the line and the 1-based column, and
 * stores the column in *error_column when not NULL. */
#define FT_JSONL_MAX_DEPTH 256
JsonNode      *ft_jsonl_parse_line            (const FtJsonlLine *line,
                                               guint             *error_column,
                                               GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Additions to the contract. ft_jsonl_line_validate() makes the same checks
 * and messages as ft_jsonl_parse_line() without building a tree (fast, no
 * json-glib); ft_jsonl_line_init() fills a line from text that did not come
 * from a reader (number 0 means "not from a file": messages name no line). */
gboolean       ft_jsonl_line_validate         (const FtJsonlLine *line,
                                               guint             *error_column,
                                               GError           **error);
void           ft_jsonl_line_init             (FtJsonlLine       *line,
                                               guint64            number,
                                               const char        *text,
                                               gsize              length);
/* Checks a line and loads it into a parser the caller reuses; lone
 * surrogate escapes read as U+FFFD (json-glib 1.6 mangles them). */
gboolean       ft_jsonl_line_load             (const FtJsonlLine *line,
                                               JsonParser        *parser,
                                               FtJsonScanFlags   *flags,
                                               guint             *error_column,
                                               GError           **error);

G_END_DECLS
