/* ft-chat.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FT_TYPE_CHAT_REQUEST (ft_chat_request_get_type ())
#define FT_TYPE_CHAT_RESULT  (ft_chat_result_get_type ())

G_DECLARE_FINAL_TYPE (FtChatRequest, ft_chat_request, FT, CHAT_REQUEST, GObject)
G_DECLARE_FINAL_TYPE (FtChatResult, ft_chat_result, FT, CHAT_RESULT, GObject)

/* Unset sampling values. */
#define FT_CHAT_NO_TEMPERATURE (-1.0)
#define FT_CHAT_NO_SEED        (-1)

FtChatRequest *ft_chat_request_new                       (const char    *model)
                                                          G_GNUC_WARN_UNUSED_RESULT;
FtChatRequest *ft_chat_request_copy_for_model            (FtChatRequest *self,
                                                          const char    *model)
                                                          G_GNUC_WARN_UNUSED_RESULT;
const char    *ft_chat_request_get_model                 (FtChatRequest *self);
void           ft_chat_request_set_model                 (FtChatRequest *self,
                                                          const char    *model);
double         ft_chat_request_get_temperature           (FtChatRequest *self);
void           ft_chat_request_set_temperature           (FtChatRequest *self,
                                                          double         temperature);
gint64         ft_chat_request_get_max_completion_tokens (FtChatRequest *self);
void           ft_chat_request_set_max_completion_tokens (FtChatRequest *self,
                                                          gint64         max_tokens);
gint64         ft_chat_request_get_seed                  (FtChatRequest *self);
void           ft_chat_request_set_seed                  (FtChatRequest *self,
                                                          gint64         seed);
void           ft_chat_request_add_message               (FtChatRequest *self,
                                                          const char    *role,
                                                          const char    *content);
void           ft_chat_request_set_messages              (FtChatRequest *self,
                                                          JsonArray     *messages);
guint          ft_chat_request_get_n_messages            (FtChatRequest *self);
JsonNode      *ft_chat_request_to_json                   (FtChatRequest *self,
                                                          gboolean       stream)
                                                          G_GNUC_WARN_UNUSED_RESULT;

JsonObject *ft_chat_result_get_json                (FtChatResult *self);
const char *ft_chat_result_get_id                  (FtChatResult *self);
const char *ft_chat_result_get_model               (FtChatResult *self);
const char *ft_chat_result_get_content             (FtChatResult *self);
const char *ft_chat_result_get_refusal             (FtChatResult *self);
const char *ft_chat_result_get_finish_reason       (FtChatResult *self);
gboolean    ft_chat_result_get_has_usage           (FtChatResult *self);
gint64      ft_chat_result_get_prompt_tokens       (FtChatResult *self);
gint64      ft_chat_result_get_completion_tokens   (FtChatResult *self);
gint64      ft_chat_result_get_total_tokens        (FtChatResult *self);
double      ft_chat_result_get_time_to_first_token (FtChatResult *self);
double      ft_chat_result_get_total_time          (FtChatResult *self);

G_END_DECLS
