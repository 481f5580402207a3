/* ft-token-counter.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-tokenizer.h"

G_BEGIN_DECLS

/**
 * FtTokenCount:
 *
 * The tokens of one example as fine-tuning bills them: the total and what
 * each message adds to it. Immutable; safe to share between threads.
 */
typedef struct _FtTokenCount FtTokenCount;

#define FT_TYPE_TOKEN_COUNT (ft_token_count_get_type ())

GType           ft_token_count_get_type         (void) G_GNUC_CONST;
FtTokenCount   *ft_token_count_ref              (FtTokenCount        *self);
void            ft_token_count_unref            (FtTokenCount        *self);
gint64          ft_token_count_get_total        (FtTokenCount        *self);
guint           ft_token_count_get_n_messages   (FtTokenCount        *self);
gint64          ft_token_count_get_message      (FtTokenCount        *self,
                                                 guint                index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtTokenCount, ft_token_count_unref)

#define FT_TYPE_TOKEN_COUNTER (ft_token_counter_get_type ())

G_DECLARE_FINAL_TYPE (FtTokenCounter, ft_token_counter, FT, TOKEN_COUNTER, GObject)

FtTokenCounter *ft_token_counter_new            (FtEncoding           encoding)
                                                 G_GNUC_WARN_UNUSED_RESULT;

FtEncoding      ft_token_counter_get_encoding   (FtTokenCounter      *self);

FtTokenCount   *ft_token_counter_count          (FtTokenCounter      *self,
                                                 GBytes              *line,
                                                 GError             **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;
void            ft_token_counter_count_async    (FtTokenCounter      *self,
                                                 GBytes              *line,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
FtTokenCount   *ft_token_counter_count_finish   (FtTokenCounter      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
