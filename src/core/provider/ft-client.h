/* ft-client.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "ft-chat.h"
#include "ft-chat-stream.h"
#include "ft-checkpoint.h"
#include "ft-event-log.h"
#include "ft-file.h"
#include "ft-job.h"
#include "ft-job-event.h"
#include "ft-job-params.h"
#include "ft-metrics.h"
#include "ft-model.h"
#include "ft-provider.h"
#include "ft-upload-store.h"

G_BEGIN_DECLS

/* FtClient talks to one provider (an FtProvider profile) through one
 * SoupSession. Every call is an _async/_finish pair with a GCancellable.
 *
 *   client = ft_client_new (provider);
 *   ft_client_set_api_key (client, key);          // memory only
 *   ft_client_check_connection_async (client, …); // "Test connection"
 *
 * Failures are GErrors in FT_CLIENT_ERROR (see ft-error.h): AUTH means
 * the key was rejected (ask for it again), NO_KEY that none is set,
 * QUOTA a billing problem, NOT_FOUND a stale id, INVALID_ARGUMENT and
 * UNSUPPORTED a refusal before anything was sent. The message is meant
 * for people and carries the server's own words; ft_client_error_*()
 * give the HTTP status, the API's code and param and the request id.
 * G_IO_ERROR_CANCELLED means the caller cancelled.
 *
 * Idempotent calls (GET, DELETE, job actions, chat, upload parts) are
 * retried on connection errors, 408, 409, 429 and 5xx with jittered
 * exponential backoff, honouring retry-after(-ms) and x-should-retry;
 * creating a job or uploading a file is never repeated.
 *
 * Lists are one page at a time, newest first: pass the last id of a
 * page as `after` while out_has_more is TRUE. To follow a job, keep an
 * FtEventLog and call ft_client_update_event_log_async() on each poll,
 * and merge polled jobs into the shown one with ft_job_update_from().
 * Streamed chat is FtChatStream (ft-chat-stream.h).
 */

/* Files larger than this go through the Uploads API (the /files limit). */
#define FT_CLIENT_DEFAULT_UPLOADS_THRESHOLD (G_GINT64_CONSTANT (512) * 1024 * 1024)
/* The largest part the Uploads API takes. */
#define FT_CLIENT_DEFAULT_PART_SIZE         (G_GINT64_CONSTANT (64) * 1024 * 1024)
/* Uploads API parts sent at the same time, by default and at most. */
#define FT_CLIENT_DEFAULT_PARALLEL_PARTS    2
#define FT_CLIENT_MAX_PARALLEL_PARTS        6

#define FT_TYPE_CLIENT (ft_client_get_type ())

G_DECLARE_FINAL_TYPE (FtClient, ft_client, FT, CLIENT, GObject)

FtClient *ft_client_new (FtProvider *provider) G_GNUC_WARN_UNUSED_RESULT;

FtProvider    *ft_client_get_provider          (FtClient      *self);
void           ft_client_set_provider          (FtClient      *self,
                                                FtProvider    *provider);
void           ft_client_set_api_key           (FtClient      *self,
                                                const char    *api_key);
gboolean       ft_client_has_api_key           (FtClient      *self);
guint          ft_client_get_max_retries       (FtClient      *self);
void           ft_client_set_max_retries       (FtClient      *self,
                                                guint          max_retries);
void           ft_client_set_retry_delays      (FtClient      *self,
                                                guint          initial_ms,
                                                guint          max_ms);
void           ft_client_set_timeouts          (FtClient      *self,
                                                guint          request_timeout_ms,
                                                guint          stream_idle_timeout_ms);
gint64         ft_client_get_uploads_threshold (FtClient      *self);
void           ft_client_set_uploads_threshold (FtClient      *self,
                                                gint64         threshold);
gint64         ft_client_get_part_size         (FtClient      *self);
void           ft_client_set_part_size         (FtClient      *self,
                                                gint64         part_size);
guint          ft_client_get_parallel_parts    (FtClient      *self);
void           ft_client_set_parallel_parts    (FtClient      *self,
                                                guint          parallel_parts);
FtUploadStore *ft_client_get_upload_store      (FtClient      *self);
void           ft_client_set_upload_store      (FtClient      *self,
                                                FtUploadStore *store);
SoupSession   *ft_client_get_session           (FtClient      *self);

/* Connection */
void     ft_client_check_connection_async  (FtClient             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean ft_client_check_connection_finish (FtClient             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Models */
void        ft_client_list_models_async     (FtClient             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel *ft_client_list_models_finish    (FtClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_retrieve_model_async  (FtClient             *self,
                                             const char           *model_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
FtModel    *ft_client_retrieve_model_finish (FtClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_delete_model_async    (FtClient             *self,
                                             const char           *model_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    ft_client_delete_model_finish   (FtClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Files */
void        ft_client_upload_file_async    (FtClient               *self,
                                            GFile                  *file,
                                            const char             *purpose,
                                            GFileProgressCallback   progress_callback,
                                            gpointer                progress_data,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
FtFile     *ft_client_upload_file_finish   (FtClient               *self,
                                            GAsyncResult           *result,
                                            gboolean               *out_reused,
                                            GError                **error)
                                            G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_list_files_async     (FtClient               *self,
                                            const char             *purpose,
                                            const char             *after,
                                            guint                   limit,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
GListModel *ft_client_list_files_finish    (FtClient               *self,
                                            GAsyncResult           *result,
                                            gboolean               *out_has_more,
                                            GError                **error)
                                            G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_retrieve_file_async  (FtClient               *self,
                                            const char             *file_id,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
FtFile     *ft_client_retrieve_file_finish (FtClient               *self,
                                            GAsyncResult           *result,
                                            GError                **error)
                                            G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_delete_file_async    (FtClient               *self,
                                            const char             *file_id,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gboolean    ft_client_delete_file_finish   (FtClient               *self,
                                            GAsyncResult           *result,
                                            GError                **error);
void        ft_client_download_file_async  (FtClient               *self,
                                            const char             *file_id,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
GBytes     *ft_client_download_file_finish (FtClient               *self,
                                            GAsyncResult           *result,
                                            GError                **error)
                                            G_GNUC_WARN_UNUSED_RESULT;

/* Fine-tuning jobs */
void        ft_client_create_job_async        (FtClient             *self,
                                               FtJobParams          *params,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FtJob      *ft_client_create_job_finish       (FtClient             *self,
                                               GAsyncResult         *result,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_list_jobs_async         (FtClient             *self,
                                               const char           *after,
                                               guint                 limit,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel *ft_client_list_jobs_finish        (FtClient             *self,
                                               GAsyncResult         *result,
                                               gboolean             *out_has_more,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_retrieve_job_async      (FtClient             *self,
                                               const char           *job_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void        ft_client_cancel_job_async        (FtClient             *self,
                                               const char           *job_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void        ft_client_pause_job_async         (FtClient             *self,
                                               const char           *job_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void        ft_client_resume_job_async        (FtClient             *self,
                                               const char           *job_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FtJob      *ft_client_job_finish              (FtClient             *self,
                                               GAsyncResult         *result,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_list_events_async       (FtClient             *self,
                                               const char           *job_id,
                                               const char           *after,
                                               guint                 limit,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel *ft_client_list_events_finish      (FtClient             *self,
                                               GAsyncResult         *result,
                                               gboolean             *out_has_more,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_update_event_log_async  (FtClient             *self,
                                               FtEventLog           *log,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
guint       ft_client_update_event_log_finish (FtClient             *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        ft_client_list_checkpoints_async  (FtClient             *self,
                                               const char           *job_id,
                                               const char           *after,
                                               guint                 limit,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel *ft_client_list_checkpoints_finish (FtClient             *self,
                                               GAsyncResult         *result,
                                               gboolean             *out_has_more,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void        ft_client_download_metrics_async  (FtClient             *self,
                                               const char           *file_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
FtMetrics  *ft_client_download_metrics_finish (FtClient             *self,
                                               GAsyncResult         *result,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;

/* Chat completions (see FtChatStream for streaming) */
void          ft_client_chat_async  (FtClient             *self,
                                     FtChatRequest        *request,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
FtChatResult *ft_client_chat_finish (FtClient             *self,
                                     GAsyncResult         *result,
                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
