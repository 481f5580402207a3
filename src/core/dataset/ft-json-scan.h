/* ft-json-scan.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FtJsonScanFlags:
 * @FT_JSON_SCAN_NONE: nothing noteworthy
 * @FT_JSON_SCAN_LARGE_NUMBER: a number that json-glib cannot hold exactly
 *   (an integer outside 64 bits, or a float that overflows a double)
 * @FT_JSON_SCAN_NUL_ESCAPE: a string holds the escape "\u0000", which
 *   json-glib cuts the string at
 * @FT_JSON_SCAN_LONE_SURROGATE: a string holds a lone surrogate escape
 *   ("\ud800" not followed by a low surrogate escape, or a low one on its
 *   own), which json-glib 1.6 mangles; see ft_json_replace_lone_surrogates()
 *
 * What ft_json_validate() noticed about text that is valid JSON.
 */
typedef enum
{
  FT_JSON_SCAN_NONE           = 0,
  FT_JSON_SCAN_LARGE_NUMBER   = 1 << 0,
  FT_JSON_SCAN_NUL_ESCAPE     = 1 << 1,
  FT_JSON_SCAN_LONE_SURROGATE = 1 << 2,
} FtJsonScanFlags;

/**
 * FtJsonSpan:
 * @text: the first byte of a JSON value (or a member name, quotes included)
 * @length: its length in bytes
 *
 * A piece of JSON text inside a larger buffer; it does not own @text.
 */
typedef struct
{
  const char *text;
  gsize       length;
} FtJsonSpan;

/**
 * FtJsonIter:
 *
 * Walks the members of an object or the elements of an array in JSON text
 * that ft_json_validate() accepted, without building a tree. Stack-allocated;
 * it does not own the text.
 */
typedef struct
{
  /*< private >*/
  const char *pos;
  const char *end;
  char        close;
} FtJsonIter;

gboolean  ft_json_validate              (const char        *text,
                                         gsize              length,
                                         guint              max_depth,
                                         FtJsonScanFlags   *flags,
                                         gsize             *error_offset,
                                         char             **error_message);

const char *ft_json_find_lone_surrogate (const char        *text,
                                         gsize              length);
const char *ft_json_find_nul_escape     (const char        *text,
                                         gsize              length);
gsize     ft_json_replace_lone_surrogates (char            *text,
                                         gsize              length);

gboolean  ft_json_iter_init_object      (FtJsonIter        *iter,
                                         const char        *text,
                                         gsize              length);
gboolean  ft_json_iter_next_member      (FtJsonIter        *iter,
                                         FtJsonSpan        *name,
                                         FtJsonSpan        *value);
gboolean  ft_json_iter_init_array       (FtJsonIter        *iter,
                                         const char        *text,
                                         gsize              length);
gboolean  ft_json_iter_next_element     (FtJsonIter        *iter,
                                         FtJsonSpan        *value);

JsonNodeType ft_json_span_get_node_type (const FtJsonSpan  *span);
gboolean  ft_json_span_is_string        (const FtJsonSpan  *span);
gboolean  ft_json_span_is_null          (const FtJsonSpan  *span);
gunichar  ft_json_read_unicode_escape   (const char        *p,
                                         const char        *end,
                                         gsize             *length);
gboolean  ft_json_span_equal            (const FtJsonSpan  *span,
                                         const char        *utf8);
char     *ft_json_span_dup_string       (const FtJsonSpan  *span,
                                         gsize              max_bytes,
                                         gboolean          *had_nul) G_GNUC_WARN_UNUSED_RESULT;

void      ft_json_append_string         (GString           *out,
                                         const char        *utf8,
                                         gssize             length);
void      ft_json_append_node           (GString           *out,
                                         JsonNode          *node);
char     *ft_json_node_to_string        (JsonNode          *node) G_GNUC_WARN_UNUSED_RESULT;
JsonNode *ft_json_span_parse            (const FtJsonSpan  *span) G_GNUC_WARN_UNUSED_RESULT;

guint     ft_json_count_columns         (const char        *text,
                                         gsize              offset);

G_END_DECLS
