/* ft-chat-stream.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-chat-stream"

#include "config.h"

#include "ft-chat-stream.h"

#include "ft-api-json-private.h"
#include "ft-client.h"
#include "ft-client-private.h"
#include "ft-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* One streamed chat answer (server-sent events). The response body is
 * read line by line with a GDataInputStream; `data:` lines make up an
 * event, a blank line ends it, `data: [DONE]` ends the stream. Deltas
 * are reported as they arrive with ::delta. A stream that goes silent for
 * longer than the client's stream idle time-out fails with
 * %FT_CLIENT_ERROR_TIMEOUT; one that ends before the answer is complete
 * fails with %FT_CLIENT_ERROR_INVALID_RESPONSE.
 */
struct _FtChatStream
{
  GObject           parent_instance;

  FtClient         *client;
  FtChatRequest    *request;
  GString          *text;
  GString          *refusal;
  GString          *event;
  GDataInputStream *lines;
  GCancellable     *read_cancellable;
  GSource          *idle_watch;
  char             *id;
  char             *model;
  char             *finish_reason;
  JsonObject       *usage;
  gint64            started_at;
  gint64            last_data_at;
  gint64            first_token_at;
  gulong            cancelled_id;
  guint             n_events;
  gboolean          running;
  gboolean          timed_out;
};

G_DEFINE_FINAL_TYPE (FtChatStream, ft_chat_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_REQUEST,
  PROP_TEXT,
  PROP_RUNNING,
  PROP_TIME_TO_FIRST_TOKEN,
  N_PROPS
};

enum {
  DELTA,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void read_next_line (GTask *task);

static void
stop_reading (FtChatStream *self,
              GTask        *task)
{
  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }
  if (self->idle_watch != NULL)
    {
      g_source_destroy (self->idle_watch);
      g_clear_pointer (&self->idle_watch, g_source_unref);
    }
  if (self->lines != NULL)
    g_input_stream_close_async (G_INPUT_STREAM (self->lines), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&self->lines);
  g_clear_object (&self->read_cancellable);

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

static void
fail (GTask  *task,
      GError *error)
{
  FtChatStream *self = g_task_get_source_object (task);

  stop_reading (self, task);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
succeed (GTask *task)
{
  FtChatStream *self = g_task_get_source_object (task);
  FtChatResult *result;
  gint64 now = g_get_monotonic_time ();

  stop_reading (self, task);

  result = _ft_chat_result_new (self->id,
                                self->model,
                                self->text->str,
                                self->refusal->len > 0 ? self->refusal->str : NULL,
                                self->finish_reason);
  _ft_chat_result_set_usage (result, self->usage);
  _ft_chat_result_set_times (result, ft_chat_stream_get_time_to_first_token (self),
                             (now - self->started_at) / (double)G_USEC_PER_SEC);

  g_task_return_pointer (task, result, g_object_unref);
  g_object_unref (task);
}

static gboolean
idle_watch_cb (gpointer user_data)
{
  FtChatStream *self = user_data;
  guint timeout = _ft_client_get_stream_idle_timeout (self->client);

  if ((g_get_monotonic_time () - self->last_data_at) / 1000 < timeout)
    return G_SOURCE_CONTINUE;

  self->timed_out = TRUE;
  g_cancellable_cancel (self->read_cancellable);
  g_clear_pointer (&self->idle_watch, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 GCancellable *read_cancellable)
{
  g_cancellable_cancel (read_cancellable);
}

/* Returns FALSE and sets @error when the chunk is an error payload or not
 * JSON; sets @done for `[DONE]`.
 */
static gboolean
handle_event (FtChatStream  *self,
              const char    *payload,
              gboolean      *done,
              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonObject *chunk;
  JsonObject *error_object;
  JsonArray *choices;

  if (strcmp (payload, "[DONE]") == 0)
    {
      *done = TRUE;
      return TRUE;
    }

  self->n_events++;

  if (!json_parser_load_from_data (parser, payload, -1, &parse_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                   _("Part %u of the streamed answer is not a JSON object: %s"),
                   self->n_events, parse_error ? parse_error->message : payload);
      return FALSE;
    }

  chunk = json_node_get_object (json_parser_get_root (parser));

  error_object = _ft_api_json_get_object (chunk, "error");
  if (error_object != NULL)
    {
      *error = _ft_client_error_from_payload (self->client, error_object, 0, NULL);
      return FALSE;
    }

  if (self->id == NULL)
    self->id = _ft_api_json_dup_string (chunk, "id");
  if (self->model == NULL)
    self->model = _ft_api_json_dup_string (chunk, "model");

  if (_ft_api_json_get_object (chunk, "usage") != NULL)
    {
      g_clear_pointer (&self->usage, json_object_unref);
      self->usage = json_object_ref (_ft_api_json_get_object (chunk, "usage"));
    }

  choices = _ft_api_json_get_array (chunk, "choices");
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);
      JsonObject *choice;
      JsonObject *delta;
      const char *content;
      const char *refusal;
      const char *finish_reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      choice = json_node_get_object (node);
      /* Compare shows one answer per model: the first choice. */
      if (_ft_api_json_get_int_or (choice, "index", 0) != 0)
        continue;

      delta = _ft_api_json_get_object (choice, "delta");
      content = _ft_api_json_get_string (delta, "content");
      refusal = _ft_api_json_get_string (delta, "refusal");
      finish_reason = _ft_api_json_get_string (choice, "finish_reason");

      if (refusal != NULL)
        g_string_append (self->refusal, refusal);

      if (content != NULL && content[0] != '\0')
        {
          if (self->first_token_at == 0)
            {
              self->first_token_at = g_get_monotonic_time ();
              g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIME_TO_FIRST_TOKEN]);
            }

          g_string_append (self->text, content);
          g_signal_emit (self, signals [DELTA], 0, content);
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
        }

      if (finish_reason != NULL)
        {
          g_free (self->finish_reason);
          self->finish_reason = g_strdup (finish_reason);
        }
    }

  return TRUE;
}

static gboolean
dispatch_event (GTask *task)
{
  FtChatStream *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (self->event->len == 0)
    return FALSE;

  if (!handle_event (self, self->event->str, &done, &error))
    {
      fail (task, g_steal_pointer (&error));
      return TRUE;
    }

  g_string_truncate (self->event, 0);

  if (done)
    {
      succeed (task);
      return TRUE;
    }

  return FALSE;
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  FtChatStream *self = g_task_get_source_object (task);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    &len, &error);

  if (error != NULL)
    {
      if (self->timed_out)
        {
          guint seconds = (_ft_client_get_stream_idle_timeout (self->client) + 999) / 1000;

          fail (task, g_error_new (FT_CLIENT_ERROR, FT_CLIENT_ERROR_TIMEOUT,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "The answer stopped arriving: nothing came for %u "
                                                "second",
                                                "The answer stopped arriving: nothing came for %u "
                                                "seconds",
                                                seconds),
                                   seconds));
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fail (task, g_steal_pointer (&error));
        }
      else
        {
          g_autofree char *detail = _ft_client_scrub (self->client, error->message);

          fail (task, g_error_new (FT_CLIENT_ERROR, FT_CLIENT_ERROR_CONNECTION,
                                   _("The connection broke while the answer was arriving: %s"),
                                   detail));
        }
      return;
    }

  self->last_data_at = g_get_monotonic_time ();

  if (line == NULL)
    {
      guint n_chars;

      /* End of the body. A last event may lack its blank line. */
      if (dispatch_event (task))
        return;

      if (self->finish_reason != NULL)
        {
          /* Complete, just without [DONE] (some compatible servers). */
          succeed (task);
          return;
        }

      n_chars = (guint)g_utf8_strlen (self->text->str, -1);
      fail (task, g_error_new (FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                               ngettext ("The answer broke off before it was complete (after %u "
                                         "character)",
                                         "The answer broke off before it was complete (after %u "
                                         "characters)",
                                         n_chars),
                               n_chars));
      return;
    }

  if (line[0] == '\0')
    {
      if (dispatch_event (task))
        return;
    }
  else if (g_str_has_prefix (line, "data:"))
    {
      const char *value = line + 5;

      if (*value == ' ')
        value++;
      if (self->event->len > 0)
        g_string_append_c (self->event, '\n');
      g_string_append (self->event, value);
    }
  /* Comments (":") and other fields (event, id, retry) are ignored. */

  read_next_line (task);
}

static void
read_next_line (GTask *task)
{
  FtChatStream *self = g_task_get_source_object (task);

  g_data_input_stream_read_line_async (self->lines, G_PRIORITY_DEFAULT, self->read_cancellable,
                                       read_line_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  FtChatStream *self = g_task_get_source_object (task);
  g_autoptr(FtResponse) response = NULL;
  GError *error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  response = _ft_client_send_finish (FT_CLIENT (object), result, &error);
  if (response == NULL)
    {
      fail (task, error);
      return;
    }

  self->lines = g_data_input_stream_new (response->stream);
  g_data_input_stream_set_newline_type (self->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  self->read_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb),
                                                g_object_ref (self->read_cancellable),
                                                g_object_unref);

  self->last_data_at = g_get_monotonic_time ();
  if (_ft_client_get_stream_idle_timeout (self->client) > 0)
    {
      guint timeout = _ft_client_get_stream_idle_timeout (self->client);

      self->idle_watch = g_timeout_source_new (MAX (10, MIN (1000, timeout / 4)));
      g_source_set_callback (self->idle_watch, idle_watch_cb, self, NULL);
      g_source_attach (self->idle_watch, g_task_get_context (task));
    }

  read_next_line (task);
}

static void
ft_chat_stream_dispose (GObject *object)
{
  FtChatStream *self = (FtChatStream *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (ft_chat_stream_parent_class)->dispose (object);
}

static void
ft_chat_stream_finalize (GObject *object)
{
  FtChatStream *self = (FtChatStream *)object;

  g_string_free (self->text, TRUE);
  g_string_free (self->refusal, TRUE);
  g_string_free (self->event, TRUE);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->finish_reason, g_free);
  g_clear_pointer (&self->usage, json_object_unref);

  G_OBJECT_CLASS (ft_chat_stream_parent_class)->finalize (object);
}

static void
ft_chat_stream_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FtChatStream *self = FT_CHAT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text->str);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_TIME_TO_FIRST_TOKEN:
      g_value_set_double (value, ft_chat_stream_get_time_to_first_token (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_chat_stream_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FtChatStream *self = FT_CHAT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_REQUEST:
      self->request = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_chat_stream_class_init (FtChatStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ft_chat_stream_dispose;
  object_class->finalize = ft_chat_stream_finalize;
  object_class->get_property = ft_chat_stream_get_property;
  object_class->set_property = ft_chat_stream_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FT_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, FT_TYPE_CHAT_REQUEST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * FtChatStream:text:
   *
   * The answer so far.
   */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FtChatStream:time-to-first-token:
   *
   * Seconds from sending to the first text, or -1 before it arrived.
   */
  properties [PROP_TIME_TO_FIRST_TOKEN] =
    g_param_spec_double ("time-to-first-token", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtChatStream::delta:
   * @self: the stream
   * @text: the new piece of the answer
   *
   * Emitted on the main context for each piece of text as it arrives.
   */
  signals [DELTA] =
    g_signal_new ("delta",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ft_chat_stream_init (FtChatStream *self)
{
  self->text = g_string_new (NULL);
  self->refusal = g_string_new (NULL);
  self->event = g_string_new (NULL);
}

/**
 * ft_chat_stream_new:
 * @client: the client to send with
 * @request: the request; its settings are read when the stream runs
 *
 * Returns: (transfer full): a stream, not started
 */
FtChatStream *
ft_chat_stream_new (FtClient      *client,
                    FtChatRequest *request)
{
  g_return_val_if_fail (FT_IS_CLIENT (client), NULL);
  g_return_val_if_fail (FT_IS_CHAT_REQUEST (request), NULL);

  return g_object_new (FT_TYPE_CHAT_STREAM, "client", client, "request", request, NULL);
}

/**
 * ft_chat_stream_get_request:
 * @self: a #FtChatStream
 *
 * Returns: (transfer none): the request
 */
FtChatRequest *
ft_chat_stream_get_request (FtChatStream *self)
{
  g_return_val_if_fail (FT_IS_CHAT_STREAM (self), NULL);
  return self->request;
}

const char *
ft_chat_stream_get_text (FtChatStream *self)
{
  g_return_val_if_fail (FT_IS_CHAT_STREAM (self), NULL);
  return self->text->str;
}

gboolean
ft_chat_stream_get_running (FtChatStream *self)
{
  g_return_val_if_fail (FT_IS_CHAT_STREAM (self), FALSE);
  return self->running;
}

double
ft_chat_stream_get_time_to_first_token (FtChatStream *self)
{
  g_return_val_if_fail (FT_IS_CHAT_STREAM (self), -1.0);

  if (self->first_token_at == 0)
    return -1.0;

  return (self->first_token_at - self->started_at) / (double)G_USEC_PER_SEC;
}

/**
 * ft_chat_stream_run_async:
 * @self: a #FtChatStream
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is complete or failed
 * @user_data: data for @callback
 *
 * Sends the request with `"stream": true` (and usage in the last chunk)
 * and reports text with ::delta as it arrives. A stream runs once.
 */
void
ft_chat_stream_run_async (FtChatStream        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  FtRequest *request;
  FtProvider *provider;

  g_return_if_fail (FT_IS_CHAT_STREAM (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_chat_stream_run_async);

  provider = ft_client_get_provider (self->client);
  if (provider == NULL)
    {
      g_task_return_new_error (task, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                               _("No provider is set up"));
      g_object_unref (task);
      return;
    }

  g_string_truncate (self->text, 0);
  g_string_truncate (self->refusal, 0);
  g_string_truncate (self->event, 0);
  self->first_token_at = 0;
  self->timed_out = FALSE;
  self->running = TRUE;
  self->started_at = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);

  request = _ft_request_new ("POST",
                             ft_provider_build_chat_url (provider,
                                                         ft_chat_request_get_model (self->request)),
                             FT_REPLY_STREAM);
  request->json_body = ft_chat_request_to_json (self->request, TRUE);
  request->accept = g_strdup ("text/event-stream");
  /* Retried only before any of the answer has arrived. */
  request->idempotent = TRUE;

  _ft_client_send_async (self->client, request, cancellable, send_cb, task);
}

/**
 * ft_chat_stream_run_finish:
 * @self: a #FtChatStream
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the complete answer, with time to
 *   first token, total time and usage when the server sent it
 */
FtChatResult *
ft_chat_stream_run_finish (FtChatStream  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (FT_IS_CHAT_STREAM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
