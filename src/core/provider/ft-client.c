/* ft-client.c
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
#include <string.h>

#define DEFAULT_MAX_RETRIES         2
#define DEFAULT_RETRY_INITIAL_MS    500
#define DEFAULT_RETRY_MAX_MS        8000
#define DEFAULT_REQUEST_TIMEOUT_MS  60000
#define DEFAULT_STREAM_IDLE_MS      120000
#define MAX_RETRY_AFTER_MS          120000
#define MAX_CONNS_PER_HOST          8
#define UPLOAD_ANSWER_FACTOR        5

struct _FtClient
{
  GObject        parent_instance;

  FtProvider    *provider;
  SoupSession   *session;
  FtUploadStore *upload_store;
  char          *api_key;
  gint64         uploads_threshold;
  gint64         part_size;
  guint          parallel_parts;
  guint          max_retries;
  guint          retry_initial_ms;
  guint          retry_max_ms;
  guint          request_timeout_ms;
  guint          stream_idle_timeout_ms;
};

G_DEFINE_FINAL_TYPE (FtClient, ft_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_API_KEY,
  PROP_HAS_API_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Requests and responses */

FtRequest *
_ft_request_new (const char  *method,
                 char        *url,
                 FtReplyKind  reply)
{
  FtRequest *request = g_new0 (FtRequest, 1);

  request->method = g_strdup (method);
  request->url = url;
  request->reply = reply;
  request->idempotent = g_str_equal (method, "GET") || g_str_equal (method, "DELETE");

  return request;
}

void
_ft_request_free (FtRequest *request)
{
  g_free (request->method);
  g_free (request->url);
  g_free (request->accept);
  g_clear_pointer (&request->json_body, json_node_unref);
  if (request->body_data_destroy != NULL)
    request->body_data_destroy (request->body_data);
  g_free (request);
}

void
_ft_response_free (FtResponse *response)
{
  g_clear_object (&response->message);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->bytes, g_bytes_unref);
  g_clear_object (&response->stream);
  g_free (response);
}

static void
wipe_key (FtClient *self)
{
  if (self->api_key != NULL)
    {
      volatile char *p = self->api_key;

      while (*p != '\0')
        *p++ = '\0';
      g_clear_pointer (&self->api_key, g_free);
    }
}

/**
 * _ft_client_scrub:
 * @self: a #FtClient
 * @text: text from a server or a library
 *
 * Servers sometimes quote the key they rejected; this takes it out of any
 * text before it goes into an error or a log.
 */
char *
_ft_client_scrub (FtClient   *self,
                  const char *text)
{
  g_autoptr(GString) scrubbed = NULL;

  if (text == NULL)
    return NULL;

  scrubbed = g_string_new (text);
  if (self->api_key != NULL && self->api_key[0] != '\0')
    g_string_replace (scrubbed, self->api_key, "[API key]", 0);

  return g_string_free (g_steal_pointer (&scrubbed), FALSE);
}

char *
_ft_client_get_provider_key (FtClient *self)
{
  const char *project = ft_provider_get_project (self->provider);
  const char *organization = ft_provider_get_organization (self->provider);

  return g_strdup_printf ("%s#%s#%s",
                          ft_provider_get_base_url (self->provider),
                          organization ? organization : "",
                          project ? project : "");
}

/* The URL of a call; without a provider, just the path, which
 * _ft_client_send_async() then refuses with a clear message.
 */
char *
_ft_client_build_url (FtClient   *self,
                      const char *path)
{
  if (self->provider == NULL)
    return g_strdup (path);

  return ft_provider_build_url (self->provider, path);
}

guint
_ft_client_get_stream_idle_timeout (FtClient *self)
{
  return self->stream_idle_timeout_ms;
}

static GError *
new_error (guint       code,
           guint       status,
           const char *request_id,
           const char *api_type,
           const char *api_code,
           const char *api_param,
           char       *message)
{
  GError *error = g_error_new_literal (FT_CLIENT_ERROR, code, message);

  ft_client_error_set_details (error, status, request_id, api_type, api_code, api_param);
  g_free (message);

  return error;
}

/* Builds the user-facing error for an HTTP error status. @error_object is
 * the API's `error` member, when the body had one.
 */
GError *
_ft_client_error_from_payload (FtClient   *self,
                               JsonObject *error_object,
                               guint       status,
                               const char *request_id)
{
  g_autofree char *server_message = NULL;
  const char *api_type = _ft_api_json_get_string (error_object, "type");
  const char *api_code = _ft_api_json_get_string (error_object, "code");
  const char *api_param = _ft_api_json_get_string (error_object, "param");
  const char *summary;
  guint code;

  server_message = _ft_client_scrub (self, _ft_api_json_get_string (error_object, "message"));
  if (server_message == NULL || server_message[0] == '\0')
    {
      g_free (server_message);
      server_message = g_strdup (status ? soup_status_get_phrase (status) : _("No explanation "
                                                                              "given"));
    }

  if (status == 0)
    {
      /* An error payload in the middle of a stream. */
      code = FT_CLIENT_ERROR_SERVER;
      summary = _("The server stopped the answer with an error");
      if (g_strcmp0 (api_code, "rate_limit_exceeded") == 0)
        code = FT_CLIENT_ERROR_RATE_LIMITED;
      return new_error (code, 0, request_id, api_type, api_code, api_param,
                        g_strdup_printf ("%s: %s", summary, server_message));
    }

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      code = FT_CLIENT_ERROR_AUTH;
      summary = _("The API key was rejected");
      break;
    case SOUP_STATUS_FORBIDDEN:
      code = FT_CLIENT_ERROR_PERMISSION;
      summary = _("The API key is not allowed to do this");
      break;
    case SOUP_STATUS_NOT_FOUND:
      code = FT_CLIENT_ERROR_NOT_FOUND;
      summary = _("Not found");
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      code = FT_CLIENT_ERROR_TOO_LARGE;
      summary = _("The upload is too large for this call");
      break;
    case 429:
      if (g_strcmp0 (api_code, "insufficient_quota") == 0 ||
          g_strcmp0 (api_type, "insufficient_quota") == 0)
        {
          code = FT_CLIENT_ERROR_QUOTA;
          summary = _("The provider refused for a billing reason: the account has no quota left. "
                      "Check the plan and billing details with the provider");
        }
      else
        {
          code = FT_CLIENT_ERROR_RATE_LIMITED;
          summary = _("Too many requests; the provider asks to slow down");
        }
      break;
    default:
      if (status >= 500)
        {
          code = FT_CLIENT_ERROR_SERVER;
          summary = _("The server failed");
        }
      else
        {
          code = FT_CLIENT_ERROR_HTTP;
          summary = _("The server refused the request");
        }
    }

  return new_error (code, status, request_id, api_type, api_code, api_param,
                    g_strdup_printf ("%s (HTTP %u): %s", summary, status, server_message));
}

static GError *
error_from_reply (FtClient    *self,
                  SoupMessage *message,
                  GBytes      *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *snippet = NULL;
  const char *request_id;
  JsonObject *error_object = NULL;
  guint status = soup_message_get_status (message);
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  request_id = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                             "x-request-id");

  if (data != NULL && len > 0 && json_parser_load_from_data (parser, data, len, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);

      if (JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);

          error_object = _ft_api_json_get_object (object, "error");
          /* Some compatible servers send {"error": "text"} or {"detail": …}. */
          if (error_object == NULL)
            snippet = g_strdup (_ft_api_json_get_string (object, "error"));
          if (error_object == NULL && snippet == NULL)
            snippet = g_strdup (_ft_api_json_get_string (object, "detail"));
          if (error_object == NULL && snippet == NULL)
            snippet = g_strdup (_ft_api_json_get_string (object, "message"));
        }
    }
  else if (data != NULL && len > 0 && g_utf8_validate (data, MIN (len, 200), NULL))
    {
      snippet = g_strndup (data, MIN (len, 200));
      g_strstrip (snippet);
    }

  if (error_object == NULL)
    {
      g_autoptr(JsonObject) synthetic = json_object_new ();

      if (snippet != NULL && snippet[0] != '\0')
        json_object_set_string_member (synthetic, "message", snippet);
      return _ft_client_error_from_payload (self, synthetic, status, request_id);
    }

  return _ft_client_error_from_payload (self, error_object, status, request_id);
}

/* Sending with retries */

typedef struct
{
  FtRequest    *request;
  SoupMessage  *message;
  GCancellable *attempt_cancellable;
  gulong        cancelled_id;
  GSource      *watchdog;
  GSource      *wait;
  gint64        last_progress;
  gint64        sent_at;
  goffset       written;
  guint         attempt;
  gboolean      timed_out;
  gboolean      body_sent;
} SendState;

static void
send_state_clear_attempt (SendState    *state,
                          GCancellable *cancellable)
{
  if (state->cancelled_id != 0)
    {
      g_cancellable_disconnect (cancellable, state->cancelled_id);
      state->cancelled_id = 0;
    }
  if (state->watchdog != NULL)
    {
      g_source_destroy (state->watchdog);
      g_clear_pointer (&state->watchdog, g_source_unref);
    }
  if (state->message != NULL)
    g_signal_handlers_disconnect_by_data (state->message, state);
  g_clear_object (&state->message);
  g_clear_object (&state->attempt_cancellable);
}

static void
send_state_free (SendState *state)
{
  /* The cancellable is gone by now; the handler was disconnected when the
   * attempt ended.
   */
  g_assert (state->cancelled_id == 0);

  if (state->watchdog != NULL)
    {
      g_source_destroy (state->watchdog);
      g_source_unref (state->watchdog);
    }
  if (state->wait != NULL)
    {
      g_source_destroy (state->wait);
      g_source_unref (state->wait);
    }
  if (state->message != NULL)
    g_signal_handlers_disconnect_by_data (state->message, state);
  g_clear_object (&state->message);
  g_clear_object (&state->attempt_cancellable);
  g_clear_pointer (&state->request, _ft_request_free);
  g_free (state);
}

static void send_attempt (GTask *task);

static void
log_request (FtClient    *self,
             SoupMessage *message,
             guint        attempt)
{
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  g_autoptr(GString) headers = NULL;

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      headers = g_string_new (NULL);
      soup_message_headers_iter_init (&iter, soup_message_get_request_headers (message));
      while (soup_message_headers_iter_next (&iter, &name, &value))
        {
          /* Credentials never reach a log, not even a debug one. */
          if (g_ascii_strcasecmp (name, "Authorization") == 0 ||
              g_ascii_strcasecmp (name, "api-key") == 0)
            value = "[redacted]";
          g_string_append_printf (headers, " %s: %s;", name, value);
        }

      g_debug ("-> %s %s (attempt %u)%s",
               soup_message_get_method (message),
               g_uri_get_path (soup_message_get_uri (message)),
               attempt + 1, headers->str);
    }
}

static void
on_watchdog_cancelled_cb (GCancellable *cancellable,
                          GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  GTask *task = user_data;
  FtClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  gint64 idle_ms = (g_get_monotonic_time () - state->last_progress) / 1000;
  gint64 limit_ms = self->request_timeout_ms;

  /* Once a large upload is out, the server may take a while to store it
   * before it answers; a file upload is not repeated, so give it longer.
   */
  if (state->body_sent && state->request->body_func != NULL)
    limit_ms *= UPLOAD_ANSWER_FACTOR;

  if (idle_ms < limit_ms)
    return G_SOURCE_CONTINUE;

  g_debug ("No progress for %" G_GINT64_FORMAT " ms; giving up on this attempt", idle_ms);
  state->timed_out = TRUE;
  g_cancellable_cancel (state->attempt_cancellable);
  g_clear_pointer (&state->watchdog, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
on_wrote_body_data_cb (SoupMessage *message,
                       guint        chunk_size,
                       GTask       *task)
{
  SendState *state = g_task_get_task_data (task);
  FtRequest *request = state->request;

  state->last_progress = g_get_monotonic_time ();
  state->written += chunk_size;

  if (request->progress != NULL)
    {
      goffset done = CLAMP (state->written - request->progress_skip, 0, request->progress_length);

      /* A retried attempt starts over; progress does not go backwards. */
      if (done > request->progress_reported)
        {
          request->progress_reported = done;
          request->progress (request->progress_offset + done, request->progress_total,
                             request->progress_data);
        }
    }
}

static void
on_wrote_body_cb (SoupMessage *message,
                  GTask       *task)
{
  SendState *state = g_task_get_task_data (task);

  state->body_sent = TRUE;
  state->last_progress = g_get_monotonic_time ();
}

static void
on_got_headers_cb (SoupMessage *message,
                   GTask       *task)
{
  SendState *state = g_task_get_task_data (task);

  state->last_progress = g_get_monotonic_time ();
}

static gboolean
parse_retry_after (SoupMessageHeaders *headers,
                   gint64             *delay_ms)
{
  const char *ms = soup_message_headers_get_one (headers, "retry-after-ms");
  const char *s = soup_message_headers_get_one (headers, "retry-after");

  if (ms != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (ms, &end);

      if (end != ms && value >= 0)
        {
          *delay_ms = (gint64)value;
          return TRUE;
        }
    }

  if (s != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (s, &end);

      if (end != s && *end == '\0' && value >= 0)
        {
          *delay_ms = (gint64)(value * 1000);
          return TRUE;
        }
      else
        {
          g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (s);

          if (when != NULL)
            {
              g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

              *delay_ms = MAX (0, g_date_time_difference (when, now) / 1000);
              return TRUE;
            }
        }
    }

  return FALSE;
}

static gboolean
is_retryable_status (guint status)
{
  return status == SOUP_STATUS_REQUEST_TIMEOUT ||
         status == SOUP_STATUS_CONFLICT ||
         status == 429 ||
         status >= 500;
}

static gint64
backoff_ms (FtClient *self,
            guint     attempt)
{
  double delay = self->retry_initial_ms;

  for (guint i = 0; i < attempt && delay < self->retry_max_ms; i++)
    delay *= 2;
  delay = MIN (delay, (double)self->retry_max_ms);

  /* Up to a quarter less, so that many clients do not retry in step. */
  return (gint64)(delay * (1.0 - 0.25 * g_random_double ()));
}

static gboolean
retry_wait_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendState *state = g_task_get_task_data (task);

  g_clear_pointer (&state->wait, g_source_unref);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  state->attempt++;
  send_attempt (task);

  return G_SOURCE_REMOVE;
}

/* Returns TRUE when a retry was scheduled (and took over @task). */
static gboolean
maybe_retry (GTask       *task,
             SoupMessage *message,
             GError      *error)
{
  FtClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  gint64 delay_ms = -1;
  gboolean retry;

  if (state->attempt >= self->max_retries)
    return FALSE;

  if (message != NULL && soup_message_get_status (message) != 0)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (message);
      const char *should_retry = soup_message_headers_get_one (headers, "x-should-retry");
      guint status = soup_message_get_status (message);

      if (g_strcmp0 (should_retry, "true") == 0)
        retry = TRUE;
      else if (g_strcmp0 (should_retry, "false") == 0)
        retry = FALSE;
      else
        retry = state->request->idempotent && is_retryable_status (status);

      if (g_error_matches (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_QUOTA))
        retry = FALSE;

      if (retry && parse_retry_after (headers, &delay_ms) && delay_ms > MAX_RETRY_AFTER_MS)
        {
          g_debug ("The server asks to wait %" G_GINT64_FORMAT " ms; not retrying", delay_ms);
          retry = FALSE;
        }
    }
  else
    {
      /* No answer at all: a refused or broken connection or a time-out. */
      retry = state->request->idempotent;
    }

  if (!retry)
    return FALSE;

  if (delay_ms < 0)
    delay_ms = backoff_ms (self, state->attempt);

  g_debug ("Retrying %s %s in %" G_GINT64_FORMAT " ms after: %s",
           state->request->method, g_uri_get_path (soup_message_get_uri (message)),
           delay_ms, error->message);

  state->wait = g_timeout_source_new ((guint)delay_ms);
  if (g_task_get_cancellable (task) != NULL)
    {
      g_autoptr(GSource) cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));

      g_source_set_dummy_callback (cancel_source);
      g_source_add_child_source (state->wait, cancel_source);
    }
  g_source_set_callback (state->wait, retry_wait_cb, task, NULL);
  g_source_attach (state->wait, g_task_get_context (task));

  return TRUE;
}

static void
append_attempts (GError *error,
                 guint   attempts)
{
  g_autofree char *tried = NULL;
  char *message;

  if (attempts <= 1)
    return;

  tried = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tried %u time.", "Tried %u times.",
                                        attempts),
                           attempts);
  message = g_strdup_printf (g_str_has_suffix (error->message, ".") ? "%s %s" : "%s. %s",
                             error->message, tried);
  g_free (error->message);
  error->message = message;
}

static void
fail_or_retry (GTask   *task,
               GError  *error)
{
  SendState *state = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  message = state->message ? g_object_ref (state->message) : NULL;
  send_state_clear_attempt (state, g_task_get_cancellable (task));

  if (maybe_retry (task, message, error))
    {
      g_error_free (error);
      return;
    }

  if (state->attempt > 0)
    append_attempts (error, state->attempt + 1);

  g_task_return_error (task, error);
  g_object_unref (task);
}

static GError *
transport_error (FtClient  *self,
                 SendState *state,
                 GError    *error)
{
  g_autofree char *detail = _ft_client_scrub (self, error->message);
  g_autoptr(GUri) uri = g_uri_parse (state->request->url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : state->request->url;

  if (state->timed_out)
    {
      guint limit_ms = self->request_timeout_ms;
      guint seconds;

      if (state->body_sent && state->request->body_func != NULL)
        limit_ms *= UPLOAD_ANSWER_FACTOR;
      seconds = (limit_ms + 999) / 1000;

      return new_error (FT_CLIENT_ERROR_TIMEOUT, 0, NULL, NULL, NULL, NULL,
                        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%s stopped answering (nothing for %u "
                                                      "second)",
                                                      "%s stopped answering (nothing for %u "
                                                      "seconds)",
                                                      seconds),
                                         host, seconds));
    }

  return new_error (FT_CLIENT_ERROR_CONNECTION, 0, NULL, NULL, NULL, NULL,
                    g_strdup_printf (_("Could not reach %s: %s"), host, detail));
}

static gboolean
handle_cancelled (GTask  *task,
                  GError *error)
{
  SendState *state = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || state->timed_out)
    return FALSE;

  send_state_clear_attempt (state, g_task_get_cancellable (task));
  g_task_return_error (task, error);
  g_object_unref (task);

  return TRUE;
}

static void
log_reply (SoupMessage *message,
           SendState   *state)
{
  SoupMessageHeaders *response_headers = soup_message_get_response_headers (message);
  const char *request_id = soup_message_headers_get_one (response_headers, "x-request-id");

  g_debug ("<- %u %s %s, request id %s, %" G_GINT64_FORMAT " ms",
           soup_message_get_status (message),
           soup_message_get_method (message),
           g_uri_get_path (soup_message_get_uri (message)),
           request_id ? request_id : "none",
           (g_get_monotonic_time () - state->sent_at) / 1000);
}

static void
finish_with_body (GTask  *task,
                  GBytes *body)
{
  FtClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  SoupMessage *message = state->message;
  guint status = soup_message_get_status (message);
  g_autoptr(FtResponse) response = NULL;

  log_reply (message, state);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fail_or_retry (task, error_from_reply (self, message, body));
      return;
    }

  response = g_new0 (FtResponse, 1);
  response->message = g_object_ref (message);
  response->sent_at = state->sent_at;

  if (state->request->reply == FT_REPLY_JSON)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      const char *data = g_bytes_get_data (body, &len);

      if (len == 0 || !json_parser_load_from_data (parser, data, len, &error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          SoupMessageHeaders *headers = soup_message_get_response_headers (message);
          const char *request_id = soup_message_headers_get_one (headers, "x-request-id");
          const char *path = g_uri_get_path (soup_message_get_uri (message));

          send_state_clear_attempt (state, g_task_get_cancellable (task));
          g_task_return_error (task,
                               new_error (FT_CLIENT_ERROR_INVALID_RESPONSE, status, request_id,
                                          NULL, NULL, NULL,
                                          g_strdup_printf (_("The server’s answer to %s is not a "
                                                             "JSON object: %s"),
                                                           path,
                                                           error ? error->message
                                                                 : _("the body is empty"))));
          g_object_unref (task);
          return;
        }

      response->json = json_node_ref (json_parser_get_root (parser));
    }
  else
    {
      response->bytes = g_bytes_ref (body);
    }

  send_state_clear_attempt (state, g_task_get_cancellable (task));
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify)_ft_response_free);
  g_object_unref (task);
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FtClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (error != NULL)
    {
      if (handle_cancelled (task, error))
        return;
      g_debug ("x %s %s: %s", state->request->method, state->request->url, error->message);
      fail_or_retry (task, transport_error (self, state, error));
      g_error_free (error);
      return;
    }

  finish_with_body (task, body);
}

static void
error_body_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (body == NULL)
    body = g_bytes_new (NULL, 0);

  finish_with_body (task, body);
}

static void
send_stream_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  FtClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (error != NULL)
    {
      if (handle_cancelled (task, error))
        return;
      fail_or_retry (task, transport_error (self, state, error));
      g_error_free (error);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (state->message)))
    {
      /* Error bodies are small; read at most 64 KiB of it. */
      g_input_stream_read_bytes_async (stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                       state->attempt_cancellable,
                                       error_body_read_cb, task);
      return;
    }

  log_reply (state->message, state);

  response = g_new0 (FtResponse, 1);
  response->message = g_object_ref (state->message);
  response->stream = g_steal_pointer (&stream);
  response->sent_at = state->sent_at;

  send_state_clear_attempt (state, g_task_get_cancellable (task));
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify)_ft_response_free);
  g_object_unref (task);
}

static void
set_auth_headers (FtClient           *self,
                  SoupMessageHeaders *headers)
{
  const char *organization = ft_provider_get_organization (self->provider);
  const char *project = ft_provider_get_project (self->provider);

  if (self->api_key != NULL && self->api_key[0] != '\0')
    {
      if (ft_provider_get_auth_style (self->provider) == FT_AUTH_STYLE_AZURE)
        {
          soup_message_headers_replace (headers, "api-key", self->api_key);
        }
      else
        {
          g_autofree char *bearer = g_strconcat ("Bearer ", self->api_key, NULL);

          soup_message_headers_replace (headers, "Authorization", bearer);
          memset (bearer, 0, strlen (bearer));
        }
    }

  if (organization != NULL && organization[0] != '\0')
    soup_message_headers_replace (headers, "OpenAI-Organization", organization);
  if (project != NULL && project[0] != '\0')
    soup_message_headers_replace (headers, "OpenAI-Project", project);
}

static void
send_attempt (GTask *task)
{
  FtClient *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  FtRequest *request = state->request;
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  state->message = soup_message_new (request->method, request->url);
  if (state->message == NULL)
    {
      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a valid address"), request->url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (state->message);
  set_auth_headers (self, headers);
  soup_message_headers_replace (headers, "Accept",
                                request->accept ? request->accept : "application/json");

  if (request->json_body != NULL)
    {
      char *json = json_to_string (request->json_body, FALSE);
      gsize json_len = strlen (json);
      g_autoptr(GBytes) bytes = g_bytes_new_take (json, json_len);

      soup_message_set_request_body_from_bytes (state->message, "application/json", bytes);
    }
  else if (request->body_func != NULL)
    {
      g_autoptr(GInputStream) body = NULL;
      g_autofree char *content_type = NULL;
      goffset length = -1;

      body = request->body_func (request->body_data, &length, &content_type, &error);
      if (body == NULL)
        {
          send_state_clear_attempt (state, cancellable);
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      soup_message_set_request_body (state->message, content_type, body, length);
    }

  g_signal_connect (state->message, "wrote-body-data", G_CALLBACK (on_wrote_body_data_cb), task);
  g_signal_connect (state->message, "wrote-body", G_CALLBACK (on_wrote_body_cb), task);
  g_signal_connect (state->message, "got-headers", G_CALLBACK (on_got_headers_cb), task);

  state->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    state->cancelled_id = g_cancellable_connect (cancellable,
                                                 G_CALLBACK (on_watchdog_cancelled_cb),
                                                 g_object_ref (state->attempt_cancellable),
                                                 g_object_unref);

  state->timed_out = FALSE;
  state->body_sent = FALSE;
  state->written = 0;
  state->sent_at = state->last_progress = g_get_monotonic_time ();

  if (self->request_timeout_ms > 0)
    {
      state->watchdog = g_timeout_source_new (MAX (10, MIN (1000, self->request_timeout_ms / 4)));
      g_source_set_callback (state->watchdog, watchdog_cb, task, NULL);
      g_source_attach (state->watchdog, g_task_get_context (task));
    }

  log_request (self, state->message, state->attempt);

  if (request->reply == FT_REPLY_STREAM)
    {
      soup_session_send_async (self->session, state->message, G_PRIORITY_DEFAULT,
                               state->attempt_cancellable, send_stream_cb, task);
      return;
    }

  soup_session_send_and_read_async (self->session, state->message, G_PRIORITY_DEFAULT,
                                    state->attempt_cancellable, send_and_read_cb, task);
}

static gboolean
check_can_send (FtClient  *self,
                GError   **error)
{
  if (self->provider == NULL)
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                           _("No provider is set up"));
      return FALSE;
    }

  if (ft_provider_get_needs_key (self->provider) &&
      (self->api_key == NULL || self->api_key[0] == '\0'))
    {
      const char *name = ft_provider_get_display_name (self->provider);

      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_NO_KEY,
                   _("No API key is set for %s. Enter the key in Preferences."),
                   name ? name : ft_provider_get_base_url (self->provider));
      return FALSE;
    }

  /* Without a key, plain HTTP to a machine on the network is allowed
   * (a local chat server); a key only ever goes over HTTPS or loopback.
   */
  if (self->api_key == NULL && !ft_provider_get_needs_key (self->provider))
    {
      g_autoptr(GError) local_error = NULL;

      if (!ft_provider_check_base_url (self->provider, &local_error) &&
          !g_error_matches (local_error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INSECURE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  return ft_provider_check_base_url (self->provider, error);
}

/**
 * _ft_client_send_async:
 * @self: a #FtClient
 * @request: (transfer full): the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends @request with the client's headers, retrying idempotent requests
 * on connection errors, 408, 409, 429 and 5xx.
 */
void
_ft_client_send_async (FtClient            *self,
                       FtRequest           *request,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendState *state;

  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ft_client_send_async);

  state = g_new0 (SendState, 1);
  state->request = request;
  g_task_set_task_data (task, state, (GDestroyNotify)send_state_free);

  if (!check_can_send (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_attempt (g_steal_pointer (&task));
}

FtResponse *
_ft_client_send_finish (FtClient      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
ft_client_dispose (GObject *object)
{
  FtClient *self = (FtClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (ft_client_parent_class)->dispose (object);
}

static void
ft_client_finalize (GObject *object)
{
  FtClient *self = (FtClient *)object;

  wipe_key (self);
  g_clear_object (&self->provider);
  g_clear_object (&self->session);
  g_clear_object (&self->upload_store);

  G_OBJECT_CLASS (ft_client_parent_class)->finalize (object);
}

static void
ft_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FtClient *self = FT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;
    case PROP_HAS_API_KEY:
      g_value_set_boolean (value, ft_client_has_api_key (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FtClient *self = FT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      ft_client_set_provider (self, g_value_get_object (value));
      break;
    case PROP_API_KEY:
      ft_client_set_api_key (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_client_class_init (FtClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ft_client_dispose;
  object_class->finalize = ft_client_finalize;
  object_class->get_property = ft_client_get_property;
  object_class->set_property = ft_client_set_property;

  properties [PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, FT_TYPE_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtClient:api-key:
   *
   * The API key. Write-only: it is kept in memory, never logged and never
   * put into an error message.
   */
  properties [PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_HAS_API_KEY] =
    g_param_spec_boolean ("has-api-key", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_client_init (FtClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Exemplar/%s", PACKAGE_VERSION);

  /* The session's own I/O timeout would kill a model that thinks for a
   * minute before its first token; the client watches progress itself
   * (a request time-out until the headers, an idle time-out between
   * stream chunks).
   */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", user_agent,
                                "timeout", 0,
                                "max-conns-per-host", MAX_CONNS_PER_HOST,
                                "max-conns", MAX_CONNS_PER_HOST * 2,
                                NULL);

  self->max_retries = DEFAULT_MAX_RETRIES;
  self->retry_initial_ms = DEFAULT_RETRY_INITIAL_MS;
  self->retry_max_ms = DEFAULT_RETRY_MAX_MS;
  self->request_timeout_ms = DEFAULT_REQUEST_TIMEOUT_MS;
  self->stream_idle_timeout_ms = DEFAULT_STREAM_IDLE_MS;
  self->uploads_threshold = FT_CLIENT_DEFAULT_UPLOADS_THRESHOLD;
  self->part_size = FT_CLIENT_DEFAULT_PART_SIZE;
  self->parallel_parts = FT_CLIENT_DEFAULT_PARALLEL_PARTS;
}

/**
 * ft_client_new:
 * @provider: (nullable): the provider profile to talk to
 *
 * Returns: (transfer full): a new client with no key
 */
FtClient *
ft_client_new (FtProvider *provider)
{
  g_return_val_if_fail (provider == NULL || FT_IS_PROVIDER (provider), NULL);

  return g_object_new (FT_TYPE_CLIENT, "provider", provider, NULL);
}

FtProvider *
ft_client_get_provider (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);
  return self->provider;
}

void
ft_client_set_provider (FtClient   *self,
                        FtProvider *provider)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (provider == NULL || FT_IS_PROVIDER (provider));

  if (g_set_object (&self->provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROVIDER]);
}

/**
 * ft_client_set_api_key:
 * @self: a #FtClient
 * @api_key: (nullable): the key, or %NULL to forget it
 *
 * Sets the key sent with every call. The old key is wiped from memory.
 */
void
ft_client_set_api_key (FtClient   *self,
                       const char *api_key)
{
  gboolean had_key;

  g_return_if_fail (FT_IS_CLIENT (self));

  had_key = ft_client_has_api_key (self);
  wipe_key (self);
  if (api_key != NULL && api_key[0] != '\0')
    self->api_key = g_strstrip (g_strdup (api_key));

  if (had_key != ft_client_has_api_key (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_API_KEY]);
}

gboolean
ft_client_has_api_key (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), FALSE);
  return self->api_key != NULL;
}

guint
ft_client_get_max_retries (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), 0);
  return self->max_retries;
}

/**
 * ft_client_set_max_retries:
 * @self: a #FtClient
 * @max_retries: retries after the first attempt (default 2)
 */
void
ft_client_set_max_retries (FtClient *self,
                           guint     max_retries)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  self->max_retries = max_retries;
}

/**
 * ft_client_set_retry_delays:
 * @self: a #FtClient
 * @initial_ms: the first backoff (default 500 ms)
 * @max_ms: the longest backoff (default 8 s)
 *
 * Sets the exponential backoff used when the server gives no
 * `retry-after`. Each wait is reduced by up to 25 % at random.
 */
void
ft_client_set_retry_delays (FtClient *self,
                            guint     initial_ms,
                            guint     max_ms)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  self->retry_initial_ms = initial_ms;
  self->retry_max_ms = MAX (initial_ms, max_ms);
}

/**
 * ft_client_set_timeouts:
 * @self: a #FtClient
 * @request_timeout_ms: how long a request may go without progress
 *   (connecting, sending, waiting for the answer); 0 for never
 *   (default 60 s). After an upload's body is sent, the answer may take
 *   five times as long.
 * @stream_idle_timeout_ms: how long a streamed answer may stay silent
 *   between chunks; 0 for never (default 120 s)
 */
void
ft_client_set_timeouts (FtClient *self,
                        guint     request_timeout_ms,
                        guint     stream_idle_timeout_ms)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  self->request_timeout_ms = request_timeout_ms;
  self->stream_idle_timeout_ms = stream_idle_timeout_ms;
}

gint64
ft_client_get_uploads_threshold (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), 0);
  return self->uploads_threshold;
}

/**
 * ft_client_set_uploads_threshold:
 * @self: a #FtClient
 * @threshold: files larger than this many bytes go through the Uploads
 *   API when the provider has it (default 512 MB)
 */
void
ft_client_set_uploads_threshold (FtClient *self,
                                 gint64    threshold)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  self->uploads_threshold = threshold;
}

gint64
ft_client_get_part_size (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), 0);
  return self->part_size;
}

/**
 * ft_client_set_part_size:
 * @self: a #FtClient
 * @part_size: bytes per Uploads API part, at most 64 MB (the default)
 */
void
ft_client_set_part_size (FtClient *self,
                         gint64    part_size)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (part_size > 0 && part_size <= FT_CLIENT_DEFAULT_PART_SIZE);
  self->part_size = part_size;
}

guint
ft_client_get_parallel_parts (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), 1);
  return self->parallel_parts;
}

/**
 * ft_client_set_parallel_parts:
 * @self: a #FtClient
 * @parallel_parts: how many Uploads API parts to send at the same time,
 *   from 1 to %FT_CLIENT_MAX_PARALLEL_PARTS (default
 *   %FT_CLIENT_DEFAULT_PARALLEL_PARTS)
 *
 * Each part in flight reads its own region of the file, in blocks, so
 * memory grows with this number, not with the file. A part that fails is
 * sent again on its own; the parts are completed in file order whatever
 * order they finished in.
 */
void
ft_client_set_parallel_parts (FtClient *self,
                              guint     parallel_parts)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (parallel_parts >= 1 && parallel_parts <= FT_CLIENT_MAX_PARALLEL_PARTS);
  self->parallel_parts = parallel_parts;
}

/**
 * ft_client_get_upload_store:
 * @self: a #FtClient
 *
 * Returns: (transfer none): the record of uploaded files, created on
 *   first use under the user state directory
 */
FtUploadStore *
ft_client_get_upload_store (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);

  if (self->upload_store == NULL)
    self->upload_store = ft_upload_store_new_default ();

  return self->upload_store;
}

void
ft_client_set_upload_store (FtClient      *self,
                            FtUploadStore *store)
{
  g_return_if_fail (FT_IS_CLIENT (self));
  g_return_if_fail (store == NULL || FT_IS_UPLOAD_STORE (store));
  g_set_object (&self->upload_store, store);
}

/**
 * ft_client_get_session:
 * @self: a #FtClient
 *
 * For diagnostics and tests (e.g. to watch every message): the one
 * session all calls go through.
 *
 * Returns: (transfer none): the #SoupSession
 */
SoupSession *
ft_client_get_session (FtClient *self)
{
  g_return_val_if_fail (FT_IS_CLIENT (self), NULL);
  return self->session;
}
