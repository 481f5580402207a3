/* ft-tokenizer-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-tokenizer.h"

G_BEGIN_DECLS

/* For tests: the pre-tokenisation with or without the ASCII shortcut, and
 * encoding with PCRE2 alone. */
GPtrArray *_ft_tokenizer_split            (FtTokenizer *self,
                                           const char  *text,
                                           gssize       length,
                                           gboolean     fast);
GArray    *_ft_tokenizer_encode_reference (FtTokenizer *self,
                                           const char  *text,
                                           gssize       length);

G_END_DECLS
