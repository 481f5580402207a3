/* ft-tokenizer.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FtEncoding:
 * @FT_ENCODING_CL100K_BASE: tiktoken's `cl100k_base` (GPT-3.5, GPT-4)
 * @FT_ENCODING_O200K_BASE: tiktoken's `o200k_base` (GPT-4o, GPT-4.1,
 *   o-series, GPT-5, gpt-oss)
 *
 * The byte-level BPE encodings that #FtTokenizer counts with.
 */
typedef enum
{
  FT_ENCODING_CL100K_BASE,
  FT_ENCODING_O200K_BASE,
} FtEncoding;

#define FT_TYPE_ENCODING (ft_encoding_get_type ())
GType ft_encoding_get_type (void) G_GNUC_CONST;

#define FT_TYPE_TOKENIZER (ft_tokenizer_get_type ())

G_DECLARE_FINAL_TYPE (FtTokenizer, ft_tokenizer, FT, TOKENIZER, GObject)

const char   *ft_encoding_to_string           (FtEncoding            encoding);
gboolean      ft_encoding_from_string         (const char           *name,
                                               FtEncoding           *encoding);
gboolean      ft_encoding_lookup_model        (const char           *model,
                                               FtEncoding           *encoding);
FtEncoding    ft_encoding_for_model           (const char           *model,
                                               FtEncoding            fallback);

FtTokenizer  *ft_tokenizer_get                (FtEncoding            encoding,
                                               GError              **error);
void          ft_tokenizer_get_async          (FtEncoding            encoding,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FtTokenizer  *ft_tokenizer_get_finish         (GAsyncResult         *result,
                                               GError              **error);

FtEncoding    ft_tokenizer_get_encoding       (FtTokenizer          *self);
guint         ft_tokenizer_get_n_tokens       (FtTokenizer          *self);
const guint8 *ft_tokenizer_get_token_bytes    (FtTokenizer          *self,
                                               guint32               id,
                                               gsize                *length);
gsize         ft_tokenizer_count              (FtTokenizer          *self,
                                               const char           *text,
                                               gssize                length);
gsize         ft_tokenizer_count_valid        (FtTokenizer          *self,
                                               const char           *text,
                                               gssize                length);
GArray       *ft_tokenizer_encode             (FtTokenizer          *self,
                                               const char           *text,
                                               gssize                length);
const char   *ft_tokenizer_find_special_token (FtTokenizer          *self,
                                               const char           *text,
                                               gssize                length);
void          ft_tokenizer_get_cache_stats    (FtTokenizer          *self,
                                               guint64              *hits,
                                               guint64              *misses);

G_END_DECLS
