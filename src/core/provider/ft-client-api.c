/* ft-client-api.c
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
#include "ft-error.h"

#include <glib/gi18n-lib.h>

/* The calls of FtClient that map one request to one API object or list:
 * models, files (but uploads), jobs, events, checkpoints and plain chat.
 * ft-client.c has the sending machinery, ft-client-upload.c the uploads.
 */

typedef gpointer (*ParseFunc) (JsonObject  *object,
                               GError     **error);

typedef struct
{
  GType      item_type;
  ParseFunc  parse;
  gboolean   has_more;
} CallData;

static char *
escape_path (const char *segment)
{
  /* Model ids keep their colons (docs/openai-fine-tuning-api.md §1). */
  return g_uri_escape_string (segment, ":", FALSE);
}

static char *
build_url (FtClient   *self,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static char *
build_url (FtClient   *self,
           const char *format,
           ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);

  return _ft_client_build_url (self, path);
}

static void
add_query (GString    *query,
           const char *name,
           const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (query, "%c%s=%s", query->len == 0 ? '?' : '&', name, escaped);
}

static char *
list_query (const char *after,
            guint       limit)
{
  GString *query = g_string_new (NULL);

  if (limit > 0)
    g_string_append_printf (query, "?limit=%u", limit);
  add_query (query, "after", after);

  return g_string_free (query, FALSE);
}

static gboolean
check_capability (FtClient                *self,
                  FtProviderCapabilities   capability,
                  GError                 **error)
{
  FtProvider *provider = ft_client_get_provider (self);
  const char *what;

  if (provider == NULL || ft_provider_has_capability (provider, capability))
    return TRUE;

  switch ((int)capability)
    {
    case FT_PROVIDER_CAP_PAUSE_RESUME:
      what = _("pausing and resuming jobs");
      break;
    case FT_PROVIDER_CAP_CHECKPOINTS:
      what = _("job checkpoints");
      break;
    case FT_PROVIDER_CAP_MODEL_LISTING:
      what = _("listing models");
      break;
    default:
      what = _("fine-tuning");
    }

  g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_UNSUPPORTED,
               _("%s does not offer %s"),
               ft_provider_get_display_name (provider) ? ft_provider_get_display_name (provider)
                                                       : ft_provider_get_base_url (provider),
               what);
  return FALSE;
}

static GTask *
new_task (FtClient            *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static JsonObject *
response_object (FtResponse *response)
{
  return json_node_get_object (response->json);
}

/* One object */

static void
object_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FtClient *self = FT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gpointer item;

  response = _ft_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  item = data->parse (response_object (response), &error);
  if (item == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, item, g_object_unref);
}

static void
send_for_object (FtClient   *self,
                 GTask      *task,
                 FtRequest  *request,
                 ParseFunc   parse)
{
  CallData *data = g_new0 (CallData, 1);

  data->parse = parse;
  g_task_set_task_data (task, data, g_free);
  _ft_client_send_async (self, request, g_task_get_cancellable (task), object_cb, task);
}

/* Lists */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FtClient *self = FT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(FtResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) store = NULL;
  JsonObject *root;
  JsonArray *items;

  response = _ft_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  root = response_object (response);
  items = _ft_api_json_get_array (root, "data");
  if (items == NULL)
    {
      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The server’s list has no “data” array"));
      return;
    }

  store = g_list_store_new (data->item_type);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(GObject) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                                   _("Item %u of the server’s list is not an object"), i + 1);
          return;
        }

      item = data->parse (json_node_get_object (node), &error);
      if (item == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_list_store_append (store, item);
    }

  data->has_more = json_object_get_boolean_member_with_default (root, "has_more", FALSE);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
send_for_list (FtClient   *self,
               GTask      *task,
               FtRequest  *request,
               GType       item_type,
               ParseFunc   parse)
{
  CallData *data = g_new0 (CallData, 1);

  data->item_type = item_type;
  data->parse = parse;
  g_task_set_task_data (task, data, g_free);
  _ft_client_send_async (self, request, g_task_get_cancellable (task), list_cb, task);
}

static GListModel *
list_finish (FtClient      *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             gboolean      *out_has_more,
             GError       **error)
{
  CallData *data;
  GListModel *model;

  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  data = g_task_get_task_data (G_TASK (result));
  model = g_task_propagate_pointer (G_TASK (result), error);
  if (out_has_more != NULL)
    *out_has_more = model != NULL && data != NULL && data->has_more;

  return model;
}

/* A true result */

static void
boolean_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
boolean_finish (FtClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
object_finish (FtClient      *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Connection */

/**
 * ft_client_check_connection_async:
 * @self: a #FtClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes one cheap authenticated call (`GET /models`, or the first job
 * when the provider cannot list models) to test address and key. A
 * rejected key fails with %FT_CLIENT_ERROR_AUTH.
 */
void
ft_client_check_connection_async (FtClient            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  FtRequest *request;
  FtProvider *provider;

  g_return_if_fail (FT_IS_CLIENT (self));

  task = new_task (self, ft_client_check_connection_async, cancellable, callback, user_data);
  provider = ft_client_get_provider (self);

  if (provider != NULL && !ft_provider_has_capability (provider, FT_PROVIDER_CAP_MODEL_LISTING) &&
      ft_provider_has_capability (provider, FT_PROVIDER_CAP_FINE_TUNING))
    request = _ft_request_new ("GET", build_url (self, "/fine_tuning/jobs?limit=1"), FT_REPLY_JSON);
  else
    request = _ft_request_new ("GET", build_url (self, "/models"), FT_REPLY_JSON);

  _ft_client_send_async (self, request, cancellable, boolean_cb, task);
}

gboolean
ft_client_check_connection_finish (FtClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return boolean_finish (self, result, ft_client_check_connection_async, error);
}

/* Models */

void
ft_client_list_models_async (FtClient            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));

  task = new_task (self, ft_client_list_models_async, cancellable, callback, user_data);
  if (!check_capability (self, FT_PROVIDER_CAP_MODEL_LISTING, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_for_list (self, g_steal_pointer (&task),
                 _ft_request_new ("GET", build_url (self, "/models"), FT_REPLY_JSON),
                 FT_TYPE_MODEL, (ParseFunc)ft_model_new_from_json);
}

/**
 * ft_client_list_models_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #FtModel
 */
GListModel *
ft_client_list_models_finish (FtClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return list_finish (self, result, ft_client_list_models_async, NULL, error);
}

void
ft_client_retrieve_model_async (FtClient            *self,
                                const char          *model_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (model_id != NULL);

  escaped = escape_path (model_id);
  send_for_object (self,
                   new_task (self, ft_client_retrieve_model_async,
                             cancellable, callback, user_data),
                   _ft_request_new ("GET", build_url (self, "/models/%s", escaped), FT_REPLY_JSON),
                   (ParseFunc)ft_model_new_from_json);
}

/**
 * ft_client_retrieve_model_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the model
 */
FtModel *
ft_client_retrieve_model_finish (FtClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return object_finish (self, result, ft_client_retrieve_model_async, error);
}

/**
 * ft_client_delete_model_async:
 * @self: a #FtClient
 * @model_id: a fine-tuned model (`ft:…`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a fine-tuned model. Base models cannot be deleted; that is
 * refused with %FT_CLIENT_ERROR_INVALID_ARGUMENT before sending. The
 * service also wants the Owner role (else %FT_CLIENT_ERROR_PERMISSION).
 */
void
ft_client_delete_model_async (FtClient            *self,
                              const char          *model_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (model_id != NULL);

  task = new_task (self, ft_client_delete_model_async, cancellable, callback, user_data);

  if (!g_str_has_prefix (model_id, "ft:"))
    {
      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                               _("Only fine-tuned models can be deleted; “%s” is a base "
                                 "model."),
                               model_id);
      return;
    }

  escaped = escape_path (model_id);
  _ft_client_send_async (self,
                         _ft_request_new ("DELETE", build_url (self, "/models/%s", escaped),
                                          FT_REPLY_JSON),
                         cancellable, boolean_cb, g_steal_pointer (&task));
}

gboolean
ft_client_delete_model_finish (FtClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return boolean_finish (self, result, ft_client_delete_model_async, error);
}

/* Files */

/**
 * ft_client_list_files_async:
 * @self: a #FtClient
 * @purpose: (nullable): only files of this purpose, e.g. `fine-tune`
 * @after: (nullable): the id of the last file of the previous page
 * @limit: page size, or 0 for the server's default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists one page of files, newest first.
 */
void
ft_client_list_files_async (FtClient            *self,
                            const char          *purpose,
                            const char          *after,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *query = NULL;
  GString *extra;

  g_return_if_fail (FT_IS_CLIENT (self));

  query = list_query (after, limit);
  extra = g_string_new (query);
  add_query (extra, "purpose", purpose);

  send_for_list (self,
                 new_task (self, ft_client_list_files_async, cancellable, callback, user_data),
                 _ft_request_new ("GET", build_url (self, "/files%s", extra->str), FT_REPLY_JSON),
                 FT_TYPE_FILE, (ParseFunc)ft_file_new_from_json);
  g_string_free (extra, TRUE);
}

/**
 * ft_client_list_files_finish:
 * @self: a #FtClient
 * @result: the result
 * @out_has_more: (out) (optional): whether another page follows
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #FtFile
 */
GListModel *
ft_client_list_files_finish (FtClient      *self,
                             GAsyncResult  *result,
                             gboolean      *out_has_more,
                             GError       **error)
{
  return list_finish (self, result, ft_client_list_files_async, out_has_more, error);
}

void
ft_client_retrieve_file_async (FtClient            *self,
                               const char          *file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);

  escaped = escape_path (file_id);
  send_for_object (self,
                   new_task (self, ft_client_retrieve_file_async, cancellable, callback, user_data),
                   _ft_request_new ("GET", build_url (self, "/files/%s", escaped), FT_REPLY_JSON),
                   (ParseFunc)ft_file_new_from_json);
}

/**
 * ft_client_retrieve_file_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file
 */
FtFile *
ft_client_retrieve_file_finish (FtClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return object_finish (self, result, ft_client_retrieve_file_async, error);
}

typedef struct
{
  char *file_id;
} DeleteFileData;

static void
forget_upload_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FtClient *self = source_object;
  g_autofree char *key = _ft_client_get_provider_key (self);
  g_autoptr(GError) error = NULL;

  if (!ft_upload_store_forget (ft_client_get_upload_store (self), key, task_data, &error))
    g_warning ("Could not update the upload record: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
delete_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The file is gone: the next upload of the same bytes must not reuse
   * its id.
   */
  g_task_run_in_thread (task, forget_upload_worker);
}

void
ft_client_delete_file_async (FtClient            *self,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autofree char *escaped = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);

  task = new_task (self, ft_client_delete_file_async, cancellable, callback, user_data);
  g_task_set_task_data (task, g_strdup (file_id), g_free);
  escaped = escape_path (file_id);
  _ft_client_send_async (self,
                         _ft_request_new ("DELETE", build_url (self, "/files/%s", escaped),
                                          FT_REPLY_JSON),
                         cancellable, delete_file_cb, task);
}

gboolean
ft_client_delete_file_finish (FtClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return boolean_finish (self, result, ft_client_delete_file_async, error);
}

static void
bytes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_bytes_ref (response->bytes), (GDestroyNotify)g_bytes_unref);
}

static void
download_async (FtClient            *self,
                const char          *file_id,
                GTask               *task)
{
  g_autofree char *escaped = escape_path (file_id);
  FtRequest *request;

  request = _ft_request_new ("GET", build_url (self, "/files/%s/content", escaped), FT_REPLY_BYTES);
  /* The service sends raw bytes; the spec's application/json is wrong. */
  request->accept = g_strdup ("application/octet-stream");
  _ft_client_send_async (self, request, g_task_get_cancellable (task), bytes_cb, task);
}

/**
 * ft_client_download_file_async:
 * @self: a #FtClient
 * @file_id: a file id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads the content of a (small) file, such as a job's results.
 */
void
ft_client_download_file_async (FtClient            *self,
                               const char          *file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);

  download_async (self, file_id,
                  new_task (self, ft_client_download_file_async, cancellable, callback, user_data));
}

/**
 * ft_client_download_file_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file content
 */
GBytes *
ft_client_download_file_finish (FtClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return object_finish (self, result, ft_client_download_file_async, error);
}

static void
metrics_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FtResponse) response = NULL;
  g_autoptr(FtMetrics) metrics = NULL;
  GError *error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response != NULL)
    metrics = ft_metrics_new_from_csv (response->bytes, &error);

  if (metrics == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&metrics), g_object_unref);
}

/**
 * ft_client_download_metrics_async:
 * @self: a #FtClient
 * @file_id: the id of a job's result file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads a result file and parses it into metric series (plain CSV
 * or base64 of it).
 */
void
ft_client_download_metrics_async (FtClient            *self,
                                  const char          *file_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autofree char *escaped = NULL;
  FtRequest *request;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);

  task = new_task (self, ft_client_download_metrics_async, cancellable, callback, user_data);
  escaped = escape_path (file_id);
  request = _ft_request_new ("GET", build_url (self, "/files/%s/content", escaped), FT_REPLY_BYTES);
  request->accept = g_strdup ("application/octet-stream");
  _ft_client_send_async (self, request, cancellable, metrics_cb, task);
}

/**
 * ft_client_download_metrics_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the parsed metrics
 */
FtMetrics *
ft_client_download_metrics_finish (FtClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return object_finish (self, result, ft_client_download_metrics_async, error);
}

/* Jobs */

/**
 * ft_client_create_job_async:
 * @self: a #FtClient
 * @params: the job to create
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Validates @params against the documented ranges (failing with
 * %FT_CLIENT_ERROR_INVALID_ARGUMENT before anything is sent) and creates
 * the job. Never retried: a second job would cost money.
 */
void
ft_client_create_job_async (FtClient            *self,
                            FtJobParams         *params,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FtProviderCapabilities needed = FT_PROVIDER_CAP_FINE_TUNING;
  FtRequest *request;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (FT_IS_JOB_PARAMS (params));

  task = new_task (self, ft_client_create_job_async, cancellable, callback, user_data);

  if (ft_job_params_get_method (params) == FT_JOB_METHOD_DPO)
    needed |= FT_PROVIDER_CAP_DPO;

  if (!ft_job_params_validate (params, &error) ||
      !check_capability (self, FT_PROVIDER_CAP_FINE_TUNING, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (ft_client_get_provider (self) != NULL &&
      !ft_provider_has_capability (ft_client_get_provider (self), needed))
    {
      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_UNSUPPORTED,
                               _("%s does not offer DPO fine-tuning"),
                               ft_provider_get_display_name (ft_client_get_provider (self)));
      return;
    }

  request = _ft_request_new ("POST", build_url (self, "/fine_tuning/jobs"), FT_REPLY_JSON);
  request->json_body = ft_job_params_to_json (params);
  send_for_object (self, g_steal_pointer (&task), request, (ParseFunc)ft_job_new_from_json);
}

/**
 * ft_client_create_job_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new job
 */
FtJob *
ft_client_create_job_finish (FtClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return object_finish (self, result, ft_client_create_job_async, error);
}

/**
 * ft_client_list_jobs_async:
 * @self: a #FtClient
 * @after: (nullable): the id of the last job of the previous page
 * @limit: page size, or 0 for the server's default (20)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists one page of jobs, newest first.
 */
void
ft_client_list_jobs_async (FtClient            *self,
                           const char          *after,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *query = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));

  query = list_query (after, limit);
  send_for_list (self,
                 new_task (self, ft_client_list_jobs_async, cancellable, callback, user_data),
                 _ft_request_new ("GET", build_url (self, "/fine_tuning/jobs%s", query),
                                  FT_REPLY_JSON),
                 FT_TYPE_JOB, (ParseFunc)ft_job_new_from_json);
}

/**
 * ft_client_list_jobs_finish:
 * @self: a #FtClient
 * @result: the result
 * @out_has_more: (out) (optional): whether another page follows
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #FtJob
 */
GListModel *
ft_client_list_jobs_finish (FtClient      *self,
                            GAsyncResult  *result,
                            gboolean      *out_has_more,
                            GError       **error)
{
  return list_finish (self, result, ft_client_list_jobs_async, out_has_more, error);
}

static void
job_call (FtClient            *self,
          const char          *job_id,
          const char          *method,
          const char          *action,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autofree char *escaped = escape_path (job_id);
  FtRequest *request;

  if (action != NULL)
    {
      request = _ft_request_new (method,
                                 build_url (self, "/fine_tuning/jobs/%s/%s", escaped, action),
                                 FT_REPLY_JSON);
      /* Cancelling, pausing or resuming twice ends in the same state. */
      request->idempotent = TRUE;
    }
  else
    {
      request = _ft_request_new (method, build_url (self, "/fine_tuning/jobs/%s", escaped),
                                 FT_REPLY_JSON);
    }

  send_for_object (self,
                   new_task (self, ft_client_job_finish, cancellable, callback, user_data),
                   request, (ParseFunc)ft_job_new_from_json);
}

/**
 * ft_client_retrieve_job_async:
 * @self: a #FtClient
 * @job_id: a job id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with ft_client_job_finish()
 * @user_data: data for @callback
 */
void
ft_client_retrieve_job_async (FtClient            *self,
                              const char          *job_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  job_call (self, job_id, "GET", NULL, cancellable, callback, user_data);
}

/**
 * ft_client_cancel_job_async:
 * @self: a #FtClient
 * @job_id: a job id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with ft_client_job_finish()
 * @user_data: data for @callback
 */
void
ft_client_cancel_job_async (FtClient            *self,
                            const char          *job_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  job_call (self, job_id, "POST", "cancel", cancellable, callback, user_data);
}

static void
pause_or_resume (FtClient            *self,
                 const char          *job_id,
                 const char          *action,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;

  if (!check_capability (self, FT_PROVIDER_CAP_PAUSE_RESUME, &error))
    {
      g_autoptr(GTask) task = new_task (self, ft_client_job_finish,
                                        cancellable, callback, user_data);

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job_call (self, job_id, "POST", action, cancellable, callback, user_data);
}

/**
 * ft_client_pause_job_async:
 * @self: a #FtClient
 * @job_id: a job id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with ft_client_job_finish()
 * @user_data: data for @callback
 *
 * Fails with %FT_CLIENT_ERROR_UNSUPPORTED when the provider cannot
 * pause jobs.
 */
void
ft_client_pause_job_async (FtClient            *self,
                           const char          *job_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  pause_or_resume (self, job_id, "pause", cancellable, callback, user_data);
}

/**
 * ft_client_resume_job_async:
 * @self: a #FtClient
 * @job_id: a job id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with ft_client_job_finish()
 * @user_data: data for @callback
 */
void
ft_client_resume_job_async (FtClient            *self,
                            const char          *job_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  pause_or_resume (self, job_id, "resume", cancellable, callback, user_data);
}

/**
 * ft_client_job_finish:
 * @self: a #FtClient
 * @result: the result of a retrieve, cancel, pause or resume call
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the job as the server now has it
 */
FtJob *
ft_client_job_finish (FtClient      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return object_finish (self, result, ft_client_job_finish, error);
}

/**
 * ft_client_list_events_async:
 * @self: a #FtClient
 * @job_id: a job id
 * @after: (nullable): an event id; the page then holds older events
 * @limit: page size, or 0 for the server's default (20)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists one page of a job's events, newest first. To follow a job, use
 * ft_client_update_event_log_async().
 */
void
ft_client_list_events_async (FtClient            *self,
                             const char          *job_id,
                             const char          *after,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *query = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  query = list_query (after, limit);
  escaped = escape_path (job_id);
  send_for_list (self,
                 new_task (self, ft_client_list_events_async, cancellable, callback, user_data),
                 _ft_request_new ("GET",
                                  build_url (self, "/fine_tuning/jobs/%s/events%s", escaped, query),
                                  FT_REPLY_JSON),
                 FT_TYPE_JOB_EVENT, (ParseFunc)ft_job_event_new_from_json);
}

/**
 * ft_client_list_events_finish:
 * @self: a #FtClient
 * @result: the result
 * @out_has_more: (out) (optional): whether older events follow
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #FtJobEvent
 */
GListModel *
ft_client_list_events_finish (FtClient      *self,
                              GAsyncResult  *result,
                              gboolean      *out_has_more,
                              GError       **error)
{
  return list_finish (self, result, ft_client_list_events_async, out_has_more, error);
}

/* Incremental events */

#define EVENT_PAGE 50

typedef struct
{
  FtEventLog *log;
  GPtrArray  *fresh;   /* newest first */
  GHashTable *fresh_ids;
} EventLogData;

static void
event_log_data_free (EventLogData *data)
{
  g_clear_object (&data->log);
  g_clear_pointer (&data->fresh, g_ptr_array_unref);
  g_clear_pointer (&data->fresh_ids, g_hash_table_unref);
  g_free (data);
}

static void
event_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FtClient *self = FT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  EventLogData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_more = FALSE;
  gboolean reached_known = FALSE;
  guint n_items;

  page = ft_client_list_events_finish (self, result, &has_more, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n_items = g_list_model_get_n_items (page);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FtJobEvent) event = g_list_model_get_item (page, i);

      /* An event seen before, or one this walk already has (a server
       * that ignores `after` would otherwise be walked forever).
       */
      if (ft_event_log_contains (data->log, ft_job_event_get_id (event)) ||
          g_hash_table_contains (data->fresh_ids, ft_job_event_get_id (event)))
        {
          reached_known = TRUE;
          break;
        }
      g_hash_table_add (data->fresh_ids, g_strdup (ft_job_event_get_id (event)));
      g_ptr_array_add (data->fresh, g_steal_pointer (&event));
    }

  /* Walk back through older pages until we meet an event we have. */
  if (!reached_known && has_more && n_items > 0)
    {
      g_autoptr(FtJobEvent) last = g_list_model_get_item (page, n_items - 1);
      GCancellable *cancellable = g_task_get_cancellable (task);

      ft_client_list_events_async (self, ft_event_log_get_job_id (data->log),
                                   ft_job_event_get_id (last), EVENT_PAGE,
                                   cancellable, event_page_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_int (task, ft_event_log_append_newest (data->log, data->fresh));
}

/**
 * ft_client_update_event_log_async:
 * @self: a #FtClient
 * @log: the log of a job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the events @log does not have yet: re-reads the newest page and
 * walks back only as far as the first known event, then appends the new
 * ones in chronological order.
 */
void
ft_client_update_event_log_async (FtClient            *self,
                                  FtEventLog          *log,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  EventLogData *data;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (FT_IS_EVENT_LOG (log));

  task = new_task (self, ft_client_update_event_log_async, cancellable, callback, user_data);
  data = g_new0 (EventLogData, 1);
  data->log = g_object_ref (log);
  data->fresh = g_ptr_array_new_with_free_func (g_object_unref);
  data->fresh_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify)event_log_data_free);

  ft_client_list_events_async (self, ft_event_log_get_job_id (log), NULL, EVENT_PAGE,
                               cancellable, event_page_cb, task);
}

/**
 * ft_client_update_event_log_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: the number of events added to the log
 */
guint
ft_client_update_event_log_finish (FtClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  gssize n;

  g_return_val_if_fail (FT_IS_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint)n;
}

/**
 * ft_client_list_checkpoints_async:
 * @self: a #FtClient
 * @job_id: a job id
 * @after: (nullable): the id of the last checkpoint of the previous page
 * @limit: page size, or 0 for the server's default (10)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
ft_client_list_checkpoints_async (FtClient            *self,
                                  const char          *job_id,
                                  const char          *after,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);

  task = new_task (self, ft_client_list_checkpoints_async, cancellable, callback, user_data);
  if (!check_capability (self, FT_PROVIDER_CAP_CHECKPOINTS, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  query = list_query (after, limit);
  escaped = escape_path (job_id);
  send_for_list (self, g_steal_pointer (&task),
                 _ft_request_new ("GET",
                                  build_url (self, "/fine_tuning/jobs/%s/checkpoints%s",
                                             escaped, query),
                                  FT_REPLY_JSON),
                 FT_TYPE_CHECKPOINT, (ParseFunc)ft_checkpoint_new_from_json);
}

/**
 * ft_client_list_checkpoints_finish:
 * @self: a #FtClient
 * @result: the result
 * @out_has_more: (out) (optional): whether another page follows
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #FtCheckpoint
 */
GListModel *
ft_client_list_checkpoints_finish (FtClient      *self,
                                   GAsyncResult  *result,
                                   gboolean      *out_has_more,
                                   GError       **error)
{
  return list_finish (self, result, ft_client_list_checkpoints_async, out_has_more, error);
}

/* Chat */

static void
chat_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(FtResponse) response = NULL;
  g_autoptr(FtChatResult) chat = NULL;
  GError *error = NULL;

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response != NULL)
    chat = _ft_chat_result_new_from_json (json_node_get_object (response->json), &error);

  if (chat == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _ft_chat_result_set_times (chat, -1.0,
                             (g_get_monotonic_time () - response->sent_at) /
                             (double)G_USEC_PER_SEC);
  g_task_return_pointer (task, g_steal_pointer (&chat), g_object_unref);
}

/**
 * ft_client_chat_async:
 * @self: a #FtClient
 * @request: the chat request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for a complete (not streamed) chat answer.
 */
void
ft_client_chat_async (FtClient            *self,
                      FtChatRequest       *request,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  FtRequest *http;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (FT_IS_CHAT_REQUEST (request));

  if (ft_client_get_provider (self) == NULL)
    {
      g_autoptr(GTask) task = new_task (self, ft_client_chat_async,
                                        cancellable, callback, user_data);

      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                               _("No provider is set up"));
      return;
    }

  http = _ft_request_new ("POST",
                          ft_provider_build_chat_url (ft_client_get_provider (self),
                                                      ft_chat_request_get_model (request)),
                          FT_REPLY_JSON);
  http->json_body = ft_chat_request_to_json (request, FALSE);
  /* A completion changes nothing on the server: safe to repeat. */
  http->idempotent = TRUE;

  _ft_client_send_async (self, http, cancellable, chat_cb,
                         new_task (self, ft_client_chat_async, cancellable, callback, user_data));
}

/**
 * ft_client_chat_finish:
 * @self: a #FtClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the answer
 */
FtChatResult *
ft_client_chat_finish (FtClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return object_finish (self, result, ft_client_chat_async, error);
}
