/* ft-client-upload.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-client"

#include "config.h"

#include "ft-client.h"

#include "ft-api-json-private.h"
#include "ft-client-private.h"
#include "ft-concat-input-stream-private.h"
#include "ft-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Uploads stream from disk: SoupMultipart only writes the boundary and
 * part headers, and the body is prefix + file (region) + closing boundary
 * as one concatenated stream with a Content-Length, so memory does not
 * grow with the file (docs/toolchain-notes.md §3). libsoup asks the body
 * for 8 KB at a time, and GIO would read each 8 KB in a worker thread, so
 * the body is read through a buffer in blocks of READ_BLOCK_SIZE. Files
 * above the threshold go through the Uploads API in parts, a few at the
 * same time (ft_client_set_parallel_parts()); each part is retried on its
 * own, the parts are completed in file order, and an upload that cannot
 * complete is cancelled on the server.
 */

#define HASH_BUFFER_SIZE (1024 * 1024)
#define READ_BLOCK_SIZE  (256 * 1024)

typedef struct _UploadData UploadData;

/* One part of an Uploads API upload. */
typedef struct
{
  UploadData *upload;
  char       *id;       /* the server's, once it has the part */
  goffset     offset;
  goffset     length;
  goffset     sent;     /* bytes of the file sent so far, for progress */
} Part;

struct _UploadData
{
  GFile                 *file;
  char                  *purpose;
  char                  *filename;
  char                  *provider_key;
  char                  *sha256;
  char                  *md5;
  char                  *known_id;
  char                  *upload_id;
  FtFile                *result;
  GError                *failure;
  GFileProgressCallback  progress;
  gpointer               progress_data;
  goffset                size;
  gint64                 uploads_threshold;
  gboolean               has_uploads_api;
  gboolean               use_uploads_api;
  gboolean               reused;

  /* The Uploads API */
  Part                  *parts;
  guint                  n_parts;
  guint                  next_part;
  guint                  n_in_flight;
  guint                  parallel_parts;
  goffset                sent;
  GCancellable          *parts_cancellable;
  GCancellable          *task_cancellable;
  gulong                 cancelled_id;
};

typedef struct
{
  UploadData *upload;
  char       *field;
  goffset    *skip_out;
  goffset     offset;
  goffset     length;
} BodyData;

static void
upload_data_free (UploadData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->task_cancellable, data->cancelled_id);
  g_clear_object (&data->task_cancellable);
  g_clear_object (&data->parts_cancellable);
  for (guint i = 0; i < data->n_parts; i++)
    g_free (data->parts[i].id);
  g_clear_pointer (&data->parts, g_free);
  g_clear_object (&data->file);
  g_clear_object (&data->result);
  g_clear_pointer (&data->purpose, g_free);
  g_clear_pointer (&data->filename, g_free);
  g_clear_pointer (&data->provider_key, g_free);
  g_clear_pointer (&data->sha256, g_free);
  g_clear_pointer (&data->md5, g_free);
  g_clear_pointer (&data->known_id, g_free);
  g_clear_pointer (&data->upload_id, g_free);
  g_clear_error (&data->failure);
  g_free (data);
}

static void
body_data_free (BodyData *data)
{
  g_free (data->field);
  g_free (data);
}

static void upload_to_files (GTask *task);
static void create_upload (GTask *task);
static void remember_upload (GTask *task);

/* Multipart body */

static GInputStream *
multipart_body (gpointer   user_data,
                goffset   *length,
                char     **content_type,
                GError   **error)
{
  BodyData *body = user_data;
  UploadData *upload = body->upload;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) skeleton = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) prefix = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) prefix_stream = NULL;
  g_autoptr(GInputStream) epilogue_stream = NULL;
  g_autofree char *epilogue = NULL;
  GInputStream *body_stream;
  GInputStream *concat;
  const char *boundary;
  gsize skeleton_len;

  multipart = soup_multipart_new ("multipart/form-data");
  if (g_str_equal (body->field, "file"))
    soup_multipart_append_form_string (multipart, "purpose", upload->purpose);
  soup_multipart_append_form_file (multipart, body->field, upload->filename,
                                   "application/octet-stream", empty);

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  soup_multipart_to_message (multipart, headers, &skeleton);

  soup_message_headers_get_content_type (headers, &params);
  boundary = params ? g_hash_table_lookup (params, "boundary") : NULL;
  g_assert (boundary != NULL);

  epilogue = g_strdup_printf ("\r\n--%s--\r\n", boundary);
  skeleton_len = g_bytes_get_size (skeleton);
  g_assert (skeleton_len > strlen (epilogue));
  prefix = g_bytes_new_from_bytes (skeleton, 0, skeleton_len - strlen (epilogue));

  file_stream = g_file_read (upload->file, NULL, error);
  if (file_stream == NULL)
    return NULL;
  if (body->offset > 0 &&
      !g_seekable_seek (G_SEEKABLE (file_stream), body->offset, G_SEEK_SET, NULL, error))
    return NULL;

  prefix_stream = g_memory_input_stream_new_from_bytes (prefix);
  epilogue_stream = g_memory_input_stream_new_from_data (g_strdup (epilogue), strlen (epilogue),
                                                         g_free);

  concat = _ft_concat_input_stream_new ();
  _ft_concat_input_stream_append (FT_CONCAT_INPUT_STREAM (concat), prefix_stream, -1);
  _ft_concat_input_stream_append (FT_CONCAT_INPUT_STREAM (concat), G_INPUT_STREAM (file_stream),
                                  body->length);
  _ft_concat_input_stream_append (FT_CONCAT_INPUT_STREAM (concat), epilogue_stream, -1);

  *length = g_bytes_get_size (prefix) + body->length + strlen (epilogue);
  if (body->skip_out != NULL)
    *body->skip_out = g_bytes_get_size (prefix);
  *content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  /* Blocks of READ_BLOCK_SIZE, one worker-thread read each, served to
   * libsoup's 8 KB reads from memory.
   */
  body_stream = g_buffered_input_stream_new_sized (concat, READ_BLOCK_SIZE);
  g_object_unref (concat);

  return body_stream;
}

static FtRequest *
new_multipart_request (FtClient   *self,
                       GTask      *task,
                       char       *url,
                       const char *field,
                       goffset     offset,
                       goffset     length)
{
  UploadData *upload = g_task_get_task_data (task);
  FtRequest *request = _ft_request_new ("POST", url, FT_REPLY_JSON);
  BodyData *body = g_new0 (BodyData, 1);

  body->upload = upload;
  body->field = g_strdup (field);
  body->offset = offset;
  body->length = length;

  request->body_func = multipart_body;
  request->body_data = body;
  request->body_data_destroy = (GDestroyNotify)body_data_free;
  request->progress = upload->progress;
  request->progress_data = upload->progress_data;
  request->progress_offset = offset;
  request->progress_total = upload->size;
  request->progress_length = length;
  /* The multipart prefix is not file data: multipart_body() tells the
   * request its length, so progress counts file bytes only.
   */
  body->skip_out = &request->progress_skip;

  return request;
}

/* Step 1: hash the file and look it up, in a thread */

/* Computes one digest of @file, as a hex string. */
static char *
hash_file (GFile          *file,
           GChecksumType   type,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (type);
  g_autofree guchar *buffer = NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  buffer = g_malloc (HASH_BUFFER_SIZE);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, HASH_BUFFER_SIZE,
                                      cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      g_checksum_update (checksum, buffer, n);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* The MD5 digest that completing an Uploads API upload needs, computed in
 * a second thread while the first computes the SHA-256 digest.
 */
typedef struct
{
  GFile        *file;
  GCancellable *cancellable;
  char         *md5;
  GError       *error;
} Md5Job;

static gpointer
md5_thread (gpointer user_data)
{
  Md5Job *job = user_data;

  job->md5 = hash_file (job->file, G_CHECKSUM_MD5, job->cancellable, &job->error);

  return NULL;
}

static void
hash_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FtClient *self = source_object;
  UploadData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  Md5Job md5_job = { data->file, cancellable, NULL, NULL };
  GThread *thread = NULL;
  GError *error = NULL;

  info = g_file_query_info (data->file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                               _("“%s” is not a regular file"),
                               g_file_info_get_display_name (info));
      return;
    }

  data->size = g_file_info_get_size (info);
  data->filename = g_strdup (g_file_info_get_display_name (info));

  if (data->size == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” is empty; there is nothing to upload"), data->filename);
      return;
    }

  /* SHA-256 finds an earlier upload of the same content; only the Uploads
   * API needs MD5, and then it is computed at the same time.
   */
  data->use_uploads_api = data->has_uploads_api && data->size > data->uploads_threshold;
  if (data->use_uploads_api)
    thread = g_thread_new ("ft-upload-md5", md5_thread, &md5_job);

  data->sha256 = hash_file (data->file, G_CHECKSUM_SHA256, cancellable, &error);

  if (thread != NULL)
    {
      g_thread_join (thread);
      data->md5 = g_steal_pointer (&md5_job.md5);
      if (error == NULL && md5_job.error != NULL)
        error = g_steal_pointer (&md5_job.error);
      g_clear_error (&md5_job.error);
    }

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->known_id = ft_upload_store_lookup (ft_client_get_upload_store (self),
                                           data->provider_key, data->sha256);

  g_task_return_boolean (task, TRUE);
}

static void
forget_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FtClient *self = source_object;
  UploadData *data = task_data;
  GError *error = NULL;

  if (!ft_upload_store_forget (ft_client_get_upload_store (self), data->provider_key,
                               data->known_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
remember_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  FtClient *self = source_object;
  UploadData *data = task_data;
  GError *error = NULL;

  if (!ft_upload_store_remember (ft_client_get_upload_store (self), data->provider_key,
                                 data->sha256, ft_file_get_id (data->result),
                                 data->filename, data->size, &error))
    {
      /* The upload itself worked; a missing record only risks a second
       * upload later.
       */
      g_warning ("Could not record the upload of %s: %s", data->filename, error->message);
      g_clear_error (&error);
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_upload (GTask *task)
{
  UploadData *data = g_task_get_task_data (task);

  if (data->use_uploads_api)
    create_upload (task);
  else
    upload_to_files (task);
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not update the upload record: %s", error->message);

  start_upload (g_steal_pointer (&task));
}

static void
verify_known_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FtClient *self = FT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(FtFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  GTask *forget;

  file = ft_client_retrieve_file_finish (self, result, &error);

  if (file != NULL && ft_file_get_bytes (file) == data->size)
    {
      g_debug ("%s is already uploaded as %s", data->filename, ft_file_get_id (file));
      data->reused = TRUE;
      if (data->progress != NULL)
        data->progress (data->size, data->size, data->progress_data);
      g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
      return;
    }

  if (file == NULL && !g_error_matches (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The remembered file was deleted (or differs): forget it, upload anew. */
  cancellable = g_task_get_cancellable (task);
  forget = g_task_new (self, cancellable, forget_cb, g_steal_pointer (&task));
  g_task_set_task_data (forget, data, NULL);
  g_task_run_in_thread (forget, forget_worker);
  g_object_unref (forget);
}

static void
hash_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FtClient *self = FT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->known_id != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      ft_client_retrieve_file_async (self, data->known_id, cancellable,
                                     verify_known_cb, g_steal_pointer (&task));
      return;
    }

  start_upload (g_steal_pointer (&task));
}

/* Step 2a: one POST /files */

static void
files_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response != NULL)
    data->result = ft_file_new_from_json (json_node_get_object (response->json), &error);

  if (data->result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  remember_upload (g_steal_pointer (&task));
}

static void
upload_to_files (GTask *task)
{
  FtClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  FtRequest *request;

  request = new_multipart_request (self, task,
                                   _ft_client_build_url (self, "/files"),
                                   "file", 0, data->size);
  /* A repeated POST /files would store the file twice. */
  request->idempotent = FALSE;
  _ft_client_send_async (self, request, g_task_get_cancellable (task), files_cb, task);
}

/* Step 2b: the Uploads API */

static void
cancel_upload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    g_warning ("Could not cancel the unfinished upload %s: %s", data->upload_id, error->message);
  else
    g_debug ("Cancelled the unfinished upload %s", data->upload_id);

  g_task_return_error (task, g_steal_pointer (&data->failure));
}

/* Takes over @task and @error: cancels the upload on the server, then
 * fails with @error.
 */
static void
abandon_upload (GTask  *task,
                GError *error)
{
  FtClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  FtRequest *request;

  data->failure = error;
  path = g_strdup_printf ("/uploads/%s/cancel", data->upload_id);
  request = _ft_request_new ("POST", _ft_client_build_url (self, path), FT_REPLY_JSON);
  request->idempotent = TRUE;

  /* Not the task's cancellable: a cancelled upload must still be
   * cancelled on the server.
   */
  _ft_client_send_async (self, request, NULL, cancel_upload_cb, task);
}

static void
complete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;
  const char *status;
  JsonObject *file;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    {
      abandon_upload (task, error);
      return;
    }

  /* The nested file is what counts; a cancelled or expired upload has
   * none to use.
   */
  status = _ft_api_json_get_string (json_node_get_object (response->json), "status");
  file = _ft_api_json_get_object (json_node_get_object (response->json), "file");
  if (file == NULL || g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "expired") == 0)
    {
      abandon_upload (task, g_error_new (FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                                         _("The server did not complete the upload of “%s”"),
                                         data->filename));
      return;
    }

  data->result = ft_file_new_from_json (file, &error);
  if (data->result == NULL)
    {
      abandon_upload (task, error);
      return;
    }

  remember_upload (task);
}

static void
complete_upload (GTask *task)
{
  FtClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/uploads/%s/complete", data->upload_id);
  JsonObject *body = json_object_new ();
  JsonArray *ids = json_array_new ();
  FtRequest *request;

  /* In file order, whatever order the parts arrived in. */
  for (guint i = 0; i < data->n_parts; i++)
    json_array_add_string_element (ids, data->parts[i].id);
  json_object_set_array_member (body, "part_ids", ids);
  json_object_set_string_member (body, "md5", data->md5);

  request = _ft_request_new ("POST", _ft_client_build_url (self, path), FT_REPLY_JSON);
  request->json_body = json_node_init_object (json_node_alloc (), body);
  json_object_unref (body);

  _ft_client_send_async (self, request, g_task_get_cancellable (task), complete_cb, task);
}

static void send_parts (GTask *task);

/* Progress of one part, added up over the parts in flight. */
static void
part_progress_cb (goffset  current,
                  goffset  total,
                  gpointer user_data)
{
  Part *part = user_data;
  UploadData *upload = part->upload;

  if (current <= part->sent)
    return;

  upload->sent += current - part->sent;
  part->sent = current;
  upload->progress (upload->sent, upload->size, upload->progress_data);
}

/* Notes why the upload cannot complete (the first reason only) and stops
 * the parts still in flight. Takes @error.
 */
static void
fail_parts (UploadData *data,
            GError     *error)
{
  if (data->failure != NULL)
    {
      g_error_free (error);
      return;
    }

  data->failure = error;
  g_cancellable_cancel (data->parts_cancellable);
}

/* What a part's request callback gets: the task (a reference) and the
 * part.
 */
typedef struct
{
  GTask *task;
  Part  *part;
} PartRequest;

static void
part_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PartRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  Part *part = request->part;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;
  const char *part_id;

  g_free (request);
  data->n_in_flight--;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    {
      /* Once one part failed, the others stop; their errors add nothing. */
      fail_parts (data, error);
    }
  else if ((part_id = _ft_api_json_get_string (json_node_get_object (response->json),
                                               "id")) == NULL)
    {
      fail_parts (data, g_error_new_literal (FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                                             _("The server did not name the uploaded part")));
    }
  else
    {
      part->id = g_strdup (part_id);
    }

  if (data->failure == NULL && g_cancellable_is_cancelled (data->parts_cancellable))
    fail_parts (data, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The upload was cancelled")));

  if (data->failure != NULL)
    {
      /* Once nothing is in flight, the upload is cancelled on the server. */
      if (data->n_in_flight == 0)
        abandon_upload (g_steal_pointer (&task), g_steal_pointer (&data->failure));
      return;
    }

  if (data->next_part < data->n_parts)
    send_parts (task);
  else if (data->n_in_flight == 0)
    complete_upload (g_steal_pointer (&task));
}

static void
send_part (GTask *task,
           Part  *part)
{
  FtClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/uploads/%s/parts", data->upload_id);
  PartRequest *part_request = g_new0 (PartRequest, 1);
  FtRequest *request;

  request = new_multipart_request (self, task, _ft_client_build_url (self, path),
                                   "data", part->offset, part->length);
  /* A part is safe to send again: only the ids passed to complete count. */
  request->idempotent = TRUE;
  /* Progress is the sum over the parts. */
  if (data->progress != NULL)
    {
      request->progress = part_progress_cb;
      request->progress_data = part;
      request->progress_offset = 0;
      request->progress_total = part->length;
    }

  part_request->task = g_object_ref (task);
  part_request->part = part;
  data->n_in_flight++;

  _ft_client_send_async (self, request, data->parts_cancellable, part_cb, part_request);
}

/* Sends parts in file order, up to the client's number at a time. */
static void
send_parts (GTask *task)
{
  UploadData *data = g_task_get_task_data (task);

  while (data->failure == NULL &&
         data->n_in_flight < data->parallel_parts &&
         data->next_part < data->n_parts)
    send_part (task, &data->parts[data->next_part++]);
}

static void
on_task_cancelled_cb (GCancellable *cancellable,
                      GCancellable *parts_cancellable)
{
  g_cancellable_cancel (parts_cancellable);
}

static void
create_upload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FtClient *self = FT_CLIENT (object);
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;
  gint64 part_size;
  const char *id;

  response = _ft_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  id = _ft_api_json_get_string (json_node_get_object (response->json), "id");
  if (id == NULL)
    {
      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The server did not name the new upload"));
      return;
    }

  data->upload_id = g_strdup (id);
  part_size = ft_client_get_part_size (self);
  data->n_parts = (guint)((data->size + part_size - 1) / part_size);
  data->parts = g_new0 (Part, data->n_parts);
  for (guint i = 0; i < data->n_parts; i++)
    {
      data->parts[i].upload = data;
      data->parts[i].offset = (goffset)i * part_size;
      data->parts[i].length = MIN (part_size, data->size - data->parts[i].offset);
    }
  data->parallel_parts = ft_client_get_parallel_parts (self);
  g_debug ("Uploading %s in %u parts, %u at a time, as %s",
           data->filename, data->n_parts, data->parallel_parts, id);

  /* The parts have their own cancellable, so that one failed part can
   * stop the others; cancelling the upload cancels it too.
   */
  data->parts_cancellable = g_cancellable_new ();
  data->task_cancellable = g_task_get_cancellable (task);
  if (data->task_cancellable != NULL)
    {
      g_object_ref (data->task_cancellable);
      data->cancelled_id = g_cancellable_connect (data->task_cancellable,
                                                  G_CALLBACK (on_task_cancelled_cb),
                                                  g_object_ref (data->parts_cancellable),
                                                  g_object_unref);
    }

  send_parts (task);
}

static void
create_upload (GTask *task)
{
  FtClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  JsonObject *body = json_object_new ();
  FtRequest *request;

  json_object_set_string_member (body, "filename", data->filename);
  json_object_set_string_member (body, "purpose", data->purpose);
  json_object_set_int_member (body, "bytes", data->size);
  json_object_set_string_member (body, "mime_type", "text/jsonl");

  request = _ft_request_new ("POST", _ft_client_build_url (self, "/uploads"),
                             FT_REPLY_JSON);
  request->json_body = json_node_init_object (json_node_alloc (), body);
  json_object_unref (body);

  _ft_client_send_async (self, request, g_task_get_cancellable (task), create_upload_cb, task);
}

/* Step 3: remember what went up */

static void
remember_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_task_return_pointer (task, g_object_ref (data->result), g_object_unref);
}

static void
remember_upload (GTask *task)
{
  FtClient *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  GTask *remember;

  remember = g_task_new (self, NULL, remember_cb, task);
  g_task_set_task_data (remember, data, NULL);
  g_task_run_in_thread (remember, remember_worker);
  g_object_unref (remember);
}

/**
 * ft_client_upload_file_async:
 * @self: a #FtClient
 * @file: a local file (JSONL for fine-tuning)
 * @purpose: the purpose, e.g. `fine-tune`
 * @progress_callback: (nullable) (scope notified): called on the main
 *   context as bytes of the file go out
 * @progress_data: data for @progress_callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Uploads @file, streaming it from disk. The content's SHA-256 is
 * remembered per provider; when the same content was uploaded before and
 * that file still exists, its id is returned without uploading again.
 * Files above ft_client_get_uploads_threshold() use the Uploads API when
 * the provider has it.
 */
void
ft_client_upload_file_async (FtClient              *self,
                             GFile                 *file,
                             const char            *purpose,
                             GFileProgressCallback  progress_callback,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  GTask *task;
  GTask *hash;
  UploadData *data;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (purpose != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_client_upload_file_async);

  data = g_new0 (UploadData, 1);
  data->file = g_object_ref (file);
  data->purpose = g_strdup (purpose);
  data->progress = progress_callback;
  data->progress_data = progress_data;
  data->provider_key = ft_client_get_provider (self) ? _ft_client_get_provider_key (self)
                                                     : g_strdup ("");
  /* The worker decides from these, once it knows the size. */
  data->uploads_threshold = ft_client_get_uploads_threshold (self);
  data->has_uploads_api = ft_client_get_provider (self) != NULL &&
                          ft_provider_has_capability (ft_client_get_provider (self),
                                                      FT_PROVIDER_CAP_UPLOADS_API);
  g_task_set_task_data (task, data, (GDestroyNotify)upload_data_free);

  /* Make sure the store exists before a thread uses it. */
  ft_client_get_upload_store (self);

  hash = g_task_new (self, cancellable, hash_cb, task);
  g_task_set_task_data (hash, data, NULL);
  g_task_run_in_thread (hash, hash_worker);
  g_object_unref (hash);
}

/**
 * ft_client_upload_file_finish:
 * @self: a #FtClient
 * @result: the result
 * @out_reused: (out) (optional): set to %TRUE when the file was already
 *   on the server and nothing was uploaded
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the uploaded file
 */
FtFile *
ft_client_upload_file_finish (FtClient      *self,
                              GAsyncResult  *result,
                              gboolean      *out_reused,
                              GError       **error)
{
  UploadData *data;
  FtFile *file;

  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  file = g_task_propagate_pointer (G_TASK (result), error);
  if (out_reused != NULL)
    *out_reused = file != NULL && data->reused;

  return file;
}
