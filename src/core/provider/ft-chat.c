/* ft-chat.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-chat"

#include "config.h"

#include "ft-chat.h"

#include "ft-api-json-private.h"
#include "ft-client-private.h"
#include "ft-error.h"

#include <glib/gi18n-lib.h>

struct _FtChatRequest
{
  GObject    parent_instance;

  char      *model;
  JsonArray *messages;
  double     temperature;
  gint64     max_completion_tokens;
  gint64     seed;
};

struct _FtChatResult
{
  GObject     parent_instance;

  JsonObject *json;
  char       *id;
  char       *model;
  char       *content;
  char       *refusal;
  char       *finish_reason;
  gint64      prompt_tokens;
  gint64      completion_tokens;
  gint64      total_tokens;
  double      time_to_first_token;
  double      total_time;
  gboolean    has_usage;
};

G_DEFINE_FINAL_TYPE (FtChatRequest, ft_chat_request, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (FtChatResult, ft_chat_result, G_TYPE_OBJECT)

/* FtChatRequest */

static void
ft_chat_request_finalize (GObject *object)
{
  FtChatRequest *self = (FtChatRequest *)object;

  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->messages, json_array_unref);

  G_OBJECT_CLASS (ft_chat_request_parent_class)->finalize (object);
}

static void
ft_chat_request_class_init (FtChatRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ft_chat_request_finalize;
}

static void
ft_chat_request_init (FtChatRequest *self)
{
  self->messages = json_array_new ();
  self->temperature = FT_CHAT_NO_TEMPERATURE;
  self->seed = FT_CHAT_NO_SEED;
}

/**
 * ft_chat_request_new:
 * @model: the model to ask
 *
 * Returns: (transfer full): an empty request
 */
FtChatRequest *
ft_chat_request_new (const char *model)
{
  FtChatRequest *self = g_object_new (FT_TYPE_CHAT_REQUEST, NULL);

  self->model = g_strdup (model);
  return self;
}

/**
 * ft_chat_request_copy_for_model:
 * @self: a #FtChatRequest
 * @model: another model
 *
 * Copies the request (same messages, temperature, limit and seed) for
 * another model: the fair way to compare two models side by side.
 *
 * Returns: (transfer full): the copy
 */
FtChatRequest *
ft_chat_request_copy_for_model (FtChatRequest *self,
                                const char    *model)
{
  FtChatRequest *copy;

  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), NULL);

  copy = ft_chat_request_new (model);
  copy->temperature = self->temperature;
  copy->max_completion_tokens = self->max_completion_tokens;
  copy->seed = self->seed;
  ft_chat_request_set_messages (copy, self->messages);

  return copy;
}

const char *
ft_chat_request_get_model (FtChatRequest *self)
{
  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), NULL);
  return self->model;
}

void
ft_chat_request_set_model (FtChatRequest *self,
                           const char    *model)
{
  g_return_if_fail (FT_IS_CHAT_REQUEST (self));
  g_free (self->model);
  self->model = g_strdup (model);
}

double
ft_chat_request_get_temperature (FtChatRequest *self)
{
  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), FT_CHAT_NO_TEMPERATURE);
  return self->temperature;
}

/**
 * ft_chat_request_set_temperature:
 * @self: a #FtChatRequest
 * @temperature: 0–2, or %FT_CHAT_NO_TEMPERATURE to leave it to the server
 */
void
ft_chat_request_set_temperature (FtChatRequest *self,
                                 double         temperature)
{
  g_return_if_fail (FT_IS_CHAT_REQUEST (self));
  self->temperature = temperature;
}

gint64
ft_chat_request_get_max_completion_tokens (FtChatRequest *self)
{
  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), 0);
  return self->max_completion_tokens;
}

/**
 * ft_chat_request_set_max_completion_tokens:
 * @self: a #FtChatRequest
 * @max_tokens: the limit, or 0 for none
 */
void
ft_chat_request_set_max_completion_tokens (FtChatRequest *self,
                                           gint64         max_tokens)
{
  g_return_if_fail (FT_IS_CHAT_REQUEST (self));
  self->max_completion_tokens = MAX (max_tokens, 0);
}

gint64
ft_chat_request_get_seed (FtChatRequest *self)
{
  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), FT_CHAT_NO_SEED);
  return self->seed;
}

/**
 * ft_chat_request_set_seed:
 * @self: a #FtChatRequest
 * @seed: a seed, or %FT_CHAT_NO_SEED
 */
void
ft_chat_request_set_seed (FtChatRequest *self,
                          gint64         seed)
{
  g_return_if_fail (FT_IS_CHAT_REQUEST (self));
  self->seed = seed;
}

/**
 * ft_chat_request_add_message:
 * @self: a #FtChatRequest
 * @role: `system`, `developer`, `user`, `assistant`
 * @content: the text
 *
 * Appends a plain text message.
 */
void
ft_chat_request_add_message (FtChatRequest *self,
                             const char    *role,
                             const char    *content)
{
  JsonObject *message;

  g_return_if_fail (FT_IS_CHAT_REQUEST (self));
  g_return_if_fail (role != NULL);
  g_return_if_fail (content != NULL);

  message = json_object_new ();
  json_object_set_string_member (message, "role", role);
  json_object_set_string_member (message, "content", content);
  json_array_add_object_element (self->messages, message);
}

/**
 * ft_chat_request_set_messages:
 * @self: a #FtChatRequest
 * @messages: chat messages in the API's shape (e.g. from an example,
 *   with tool calls or content parts)
 *
 * Replaces the messages with a deep copy of @messages.
 */
void
ft_chat_request_set_messages (FtChatRequest *self,
                              JsonArray     *messages)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (FT_IS_CHAT_REQUEST (self));
  g_return_if_fail (messages != NULL);

  /* json_node_copy() shares arrays and objects; a round trip through
   * text is a real deep copy.
   */
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, messages);
  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);

  g_clear_pointer (&self->messages, json_array_unref);
  self->messages = json_node_dup_array (copy);
}

guint
ft_chat_request_get_n_messages (FtChatRequest *self)
{
  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), 0);
  return json_array_get_length (self->messages);
}

/**
 * ft_chat_request_to_json:
 * @self: a #FtChatRequest
 * @stream: whether to ask for a stream (with usage in the last chunk)
 *
 * Returns: (transfer full): the body of `POST /chat/completions`
 */
JsonNode *
ft_chat_request_to_json (FtChatRequest *self,
                         gboolean       stream)
{
  g_autoptr(JsonNode) messages = NULL;
  JsonObject *body;
  JsonNode *root;

  g_return_val_if_fail (FT_IS_CHAT_REQUEST (self), NULL);

  messages = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (messages, self->messages);

  body = json_object_new ();
  json_object_set_string_member (body, "model", self->model ? self->model : "");
  json_object_set_member (body, "messages", json_node_copy (messages));
  if (self->temperature >= 0.0)
    json_object_set_double_member (body, "temperature", self->temperature);
  if (self->max_completion_tokens > 0)
    json_object_set_int_member (body, "max_completion_tokens", self->max_completion_tokens);
  if (self->seed != FT_CHAT_NO_SEED)
    json_object_set_int_member (body, "seed", self->seed);

  if (stream)
    {
      JsonObject *options = json_object_new ();

      json_object_set_boolean_member (body, "stream", TRUE);
      json_object_set_boolean_member (options, "include_usage", TRUE);
      json_object_set_object_member (body, "stream_options", options);
    }

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, body);
  return root;
}

/* FtChatResult */

static void
ft_chat_result_finalize (GObject *object)
{
  FtChatResult *self = (FtChatResult *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->finish_reason, g_free);

  G_OBJECT_CLASS (ft_chat_result_parent_class)->finalize (object);
}

static void
ft_chat_result_class_init (FtChatResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ft_chat_result_finalize;
}

static void
ft_chat_result_init (FtChatResult *self)
{
  self->time_to_first_token = -1.0;
  self->prompt_tokens = -1;
  self->completion_tokens = -1;
  self->total_tokens = -1;
}

void
_ft_chat_result_set_usage (FtChatResult *self,
                           JsonObject   *usage)
{
  if (usage == NULL)
    return;

  self->has_usage = TRUE;
  self->prompt_tokens = _ft_api_json_get_int_or (usage, "prompt_tokens", -1);
  self->completion_tokens = _ft_api_json_get_int_or (usage, "completion_tokens", -1);
  self->total_tokens = _ft_api_json_get_int_or (usage, "total_tokens", -1);
}

FtChatResult *
_ft_chat_result_new (const char *id,
                     const char *model,
                     const char *content,
                     const char *refusal,
                     const char *finish_reason)
{
  FtChatResult *self = g_object_new (FT_TYPE_CHAT_RESULT, NULL);

  self->id = g_strdup (id);
  self->model = g_strdup (model);
  self->content = g_strdup (content ? content : "");
  self->refusal = g_strdup (refusal);
  self->finish_reason = g_strdup (finish_reason);

  return self;
}

void
_ft_chat_result_set_times (FtChatResult *self,
                           double        time_to_first_token,
                           double        total_time)
{
  self->time_to_first_token = time_to_first_token;
  self->total_time = total_time;
}

FtChatResult *
_ft_chat_result_new_from_json (JsonObject  *object,
                               GError     **error)
{
  JsonArray *choices = _ft_api_json_get_array (object, "choices");
  JsonObject *choice = NULL;
  JsonObject *message;
  FtChatResult *self;

  if (choices != NULL && json_array_get_length (choices) > 0)
    {
      JsonNode *node = json_array_get_element (choices, 0);

      if (JSON_NODE_HOLDS_OBJECT (node))
        choice = json_node_get_object (node);
    }

  if (choice == NULL)
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                           _("The chat answer has no choices"));
      return NULL;
    }

  message = _ft_api_json_get_object (choice, "message");
  self = _ft_chat_result_new (_ft_api_json_get_string (object, "id"),
                              _ft_api_json_get_string (object, "model"),
                              _ft_api_json_get_string (message, "content"),
                              _ft_api_json_get_string (message, "refusal"),
                              _ft_api_json_get_string (choice, "finish_reason"));
  _ft_chat_result_set_usage (self, _ft_api_json_get_object (object, "usage"));
  self->json = json_object_ref (object);

  return self;
}

const char *
ft_chat_result_get_id (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), NULL);
  return self->id;
}

/**
 * ft_chat_result_get_model:
 * @self: a #FtChatResult
 *
 * Returns: (nullable): the model that answered, as the server reports it
 */
const char *
ft_chat_result_get_model (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), NULL);
  return self->model;
}

/**
 * ft_chat_result_get_content:
 * @self: a #FtChatResult
 *
 * Returns: the answer text (empty, never %NULL, when there is none)
 */
const char *
ft_chat_result_get_content (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), NULL);
  return self->content;
}

const char *
ft_chat_result_get_refusal (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), NULL);
  return self->refusal;
}

const char *
ft_chat_result_get_finish_reason (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), NULL);
  return self->finish_reason;
}

gboolean
ft_chat_result_get_has_usage (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), FALSE);
  return self->has_usage;
}

gint64
ft_chat_result_get_prompt_tokens (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), -1);
  return self->prompt_tokens;
}

gint64
ft_chat_result_get_completion_tokens (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), -1);
  return self->completion_tokens;
}

gint64
ft_chat_result_get_total_tokens (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), -1);
  return self->total_tokens;
}

/**
 * ft_chat_result_get_time_to_first_token:
 * @self: a #FtChatResult
 *
 * Returns: seconds from sending to the first text of a streamed answer,
 *   or -1 for a plain answer or one without text
 */
double
ft_chat_result_get_time_to_first_token (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), -1.0);
  return self->time_to_first_token;
}

/**
 * ft_chat_result_get_total_time:
 * @self: a #FtChatResult
 *
 * Returns: seconds from sending to the end of the answer
 */
double
ft_chat_result_get_total_time (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), 0.0);
  return self->total_time;
}

/**
 * ft_chat_result_get_json:
 * @self: a #FtChatResult
 *
 * Returns: (transfer none) (nullable): the `chat.completion` object as the API sent it,
 *   with every member, also those this version does not read; %NULL for a
 *   streamed answer, which arrives in chunks
 */
JsonObject *
ft_chat_result_get_json (FtChatResult *self)
{
  g_return_val_if_fail (FT_IS_CHAT_RESULT (self), NULL);
  return self->json;
}
