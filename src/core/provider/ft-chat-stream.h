/* ft-chat-stream.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-chat.h"

G_BEGIN_DECLS

typedef struct _FtClient FtClient;

#define FT_TYPE_CHAT_STREAM (ft_chat_stream_get_type ())

G_DECLARE_FINAL_TYPE (FtChatStream, ft_chat_stream, FT, CHAT_STREAM, GObject)

FtChatStream *ft_chat_stream_new (FtClient      *client,
                                  FtChatRequest *request) G_GNUC_WARN_UNUSED_RESULT;

FtChatRequest *ft_chat_stream_get_request             (FtChatStream *self);
const char    *ft_chat_stream_get_text                (FtChatStream *self);
gboolean       ft_chat_stream_get_running             (FtChatStream *self);
double         ft_chat_stream_get_time_to_first_token (FtChatStream *self);

void          ft_chat_stream_run_async  (FtChatStream         *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
FtChatResult *ft_chat_stream_run_finish (FtChatStream         *self,
                                         GAsyncResult         *result,
                                         GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
