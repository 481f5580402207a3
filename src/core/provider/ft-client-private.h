/* ft-client-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-client.h"

G_BEGIN_DECLS

/* Creates a fresh request body for each attempt, so that a retried
 * upload part re-reads its bytes from disk.
 */
typedef GInputStream *(*FtBodyFunc) (gpointer   data,
                                     goffset   *length,
                                     char     **content_type,
                                     GError   **error);

typedef enum
{
  FT_REPLY_JSON,
  FT_REPLY_BYTES,
  FT_REPLY_STREAM,
} FtReplyKind;

typedef struct
{
  char                  *method;
  char                  *url;
  char                  *accept;
  JsonNode              *json_body;
  FtBodyFunc             body_func;
  gpointer               body_data;
  GDestroyNotify         body_data_destroy;
  GFileProgressCallback  progress;
  gpointer               progress_data;
  goffset                progress_offset;
  goffset                progress_total;
  goffset                progress_skip;
  goffset                progress_length;
  goffset                progress_reported;
  FtReplyKind            reply;
  gboolean               idempotent;
} FtRequest;

typedef struct
{
  SoupMessage  *message;
  JsonNode     *json;
  GBytes       *bytes;
  GInputStream *stream;
  gint64        sent_at;
} FtResponse;

FtRequest *_ft_request_new   (const char  *method,
                              char        *url,
                              FtReplyKind  reply);
void       _ft_request_free  (FtRequest   *request);
void       _ft_response_free (FtResponse  *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtRequest, _ft_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtResponse, _ft_response_free)

void        _ft_client_send_async              (FtClient             *self,
                                                FtRequest            *request,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
FtResponse *_ft_client_send_finish             (FtClient             *self,
                                                GAsyncResult         *result,
                                                GError              **error);
char       *_ft_client_build_url               (FtClient             *self,
                                                const char           *path);
guint       _ft_client_get_stream_idle_timeout (FtClient             *self);
char       *_ft_client_get_provider_key        (FtClient             *self);
char       *_ft_client_scrub                   (FtClient             *self,
                                                const char           *text);
GError     *_ft_client_error_from_payload      (FtClient             *self,
                                                JsonObject           *error_object,
                                                guint                 status,
                                                const char           *request_id);

FtChatResult *_ft_chat_result_new           (const char    *id,
                                             const char    *model,
                                             const char    *content,
                                             const char    *refusal,
                                             const char    *finish_reason);
FtChatResult *_ft_chat_result_new_from_json (JsonObject    *object,
                                             GError       **error);
void          _ft_chat_result_set_usage     (FtChatResult  *self,
                                             JsonObject    *usage);
void          _ft_chat_result_set_times     (FtChatResult  *self,
                                             double         time_to_first_token,
                                             double         total_time);

G_END_DECLS
