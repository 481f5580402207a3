/* ft-tool-calls.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-tool-calls"

#include "config.h"

#include "ft-tool-calls.h"

#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-json-utils.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Tool calls and tool definitions one at a time, for editors: read a call's
 * function and arguments, change them, remove a call; read and change one
 * function of an example's "tools". Keys the app does not know (a call's
 * "type", a tool's "strict") are kept.
 */

/* The core parses JSON immutable; edits need a copy they may change. */
static JsonNode *
dup_mutable (JsonNode *node)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;

  text = ft_json_node_to_string (node);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

static JsonNode *
dup_tool_calls (FtMessage *message)
{
  g_autoptr(JsonNode) calls = ft_message_dup_tool_calls (message);

  return dup_mutable (calls);
}

/* A copy of @array with element @index replaced by an empty object
 * (json_node_init_object() on a value node trips over json-glib 1.6).
 */
static JsonArray *
replace_with_object (JsonArray *array,
                     guint      index)
{
  JsonArray *copy = json_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (i == index)
        json_array_add_object_element (copy, json_object_new ());
      else
        json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));
    }

  return copy;
}

static JsonObject *
ensure_object_member (JsonObject *object,
                      const char *name)
{
  JsonObject *member = ft_json_object_get_object (object, name);

  if (member == NULL)
    {
      member = json_object_new ();
      json_object_set_object_member (object, name, member);
    }

  return member;
}

/* The element @index of the tool calls, or NULL. */
static JsonObject *
get_call (JsonNode *calls,
          guint     index)
{
  JsonArray *array;
  JsonNode *element;

  if (calls == NULL || !JSON_NODE_HOLDS_ARRAY (calls))
    return NULL;

  array = json_node_get_array (calls);
  if (index >= json_array_get_length (array))
    return NULL;

  element = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
}

/**
 * ft_message_get_tool_call:
 * @self: a #FtMessage
 * @index: which call
 * @id: (out) (optional) (nullable) (transfer full): its "id"
 * @function_name: (out) (optional) (nullable) (transfer full): the
 *   function's "name"
 * @arguments: (out) (optional) (nullable) (transfer full): the function's
 *   "arguments", a string holding JSON
 *
 * Reads one tool call. A key that is missing, or not a string, reads as
 * %NULL.
 *
 * Returns: %TRUE when call @index exists and is an object
 */
gboolean
ft_message_get_tool_call (FtMessage  *self,
                          guint       index,
                          char      **id,
                          char      **function_name,
                          char      **arguments)
{
  g_autoptr(JsonNode) calls = NULL;
  JsonObject *call;
  JsonObject *function;

  g_return_val_if_fail (FT_IS_MESSAGE (self), FALSE);

  calls = ft_message_dup_tool_calls (self);
  call = get_call (calls, index);
  function = ft_json_object_get_object (call, "function");

  if (id != NULL)
    *id = g_strdup (ft_json_object_get_string (call, "id"));
  if (function_name != NULL)
    *function_name = g_strdup (ft_json_object_get_string (function, "name"));
  if (arguments != NULL)
    *arguments = g_strdup (ft_json_object_get_string (function, "arguments"));

  return call != NULL;
}

/**
 * ft_message_set_tool_call_function:
 * @self: a #FtMessage
 * @index: an existing call
 * @function_name: (nullable): the new name, or %NULL to keep it
 * @arguments: (nullable): the new arguments, or %NULL to keep them
 *
 * Changes the function of one tool call. A call that is not an object
 * becomes one.
 */
void
ft_message_set_tool_call_function (FtMessage  *self,
                                   guint       index,
                                   const char *function_name,
                                   const char *arguments)
{
  g_autoptr(JsonNode) calls = NULL;
  JsonArray *array;
  JsonObject *call;
  JsonObject *function;

  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (index < ft_message_get_n_tool_calls (self));

  calls = dup_tool_calls (self);
  g_return_if_fail (calls != NULL && JSON_NODE_HOLDS_ARRAY (calls));

  array = json_node_get_array (calls);
  call = get_call (calls, index);
  if (call == NULL)
    {
      g_autoptr(JsonArray) copy = replace_with_object (array, index);

      json_node_set_array (calls, copy);
      call = get_call (calls, index);
    }

  function = ensure_object_member (call, "function");
  if (function_name != NULL)
    json_object_set_string_member (function, "name", function_name);
  if (arguments != NULL)
    json_object_set_string_member (function, "arguments", arguments);

  ft_message_set_tool_calls (self, calls);
}

/**
 * ft_message_remove_tool_call:
 * @self: a #FtMessage
 * @index: an existing call
 *
 * Removes one tool call; removing the last one removes "tool_calls".
 */
void
ft_message_remove_tool_call (FtMessage *self,
                             guint      index)
{
  g_autoptr(JsonNode) calls = NULL;
  JsonArray *array;

  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (index < ft_message_get_n_tool_calls (self));

  calls = dup_tool_calls (self);
  g_return_if_fail (calls != NULL && JSON_NODE_HOLDS_ARRAY (calls));

  array = json_node_get_array (calls);
  json_array_remove_element (array, index);

  ft_message_set_tool_calls (self, json_array_get_length (array) > 0 ? calls : NULL);
}

static char *
find_in_list (GListModel *messages,
              const char *tool_call_id,
              gboolean   *found)
{
  guint n = g_list_model_get_n_items (messages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);
      guint n_calls = ft_message_get_n_tool_calls (message);

      for (guint j = 0; j < n_calls; j++)
        {
          g_autofree char *id = NULL;
          g_autofree char *name = NULL;

          if (ft_message_get_tool_call (message, j, &id, &name, NULL)
              && g_strcmp0 (id, tool_call_id) == 0)
            {
              *found = TRUE;
              return g_steal_pointer (&name);
            }
        }
    }

  return NULL;
}

/**
 * ft_example_find_tool_call:
 * @self: a #FtExample
 * @tool_call_id: the "tool_call_id" of a tool result
 *
 * Finds the tool call a tool result answers, in any of the example's
 * message lists.
 *
 * Returns: (transfer full) (nullable): the function name of the call with
 *   the ID ("" when the call names none), or %NULL when no call has it
 */
char *
ft_example_find_tool_call (FtExample  *self,
                           const char *tool_call_id)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  if (tool_call_id == NULL)
    return NULL;

  for (guint list = FT_MESSAGE_LIST_MESSAGES; list <= FT_MESSAGE_LIST_NON_PREFERRED; list++)
    {
      gboolean found = FALSE;
      g_autofree char *name = NULL;

      name = find_in_list (ft_example_get_message_list (self, list), tool_call_id, &found);
      if (found)
        return name != NULL ? g_steal_pointer (&name) : g_strdup ("");
    }

  return NULL;
}

/**
 * ft_example_new_tool_call_id:
 * @self: a #FtExample
 *
 * Returns: (transfer full): an ID like "call_1" that no tool call or tool
 *   result of the example uses yet
 */
char *
ft_example_new_tool_call_id (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  for (guint n = 1; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("call_%u", n);
      g_autofree char *used = ft_example_find_tool_call (self, id);
      gboolean answered = FALSE;

      if (used != NULL)
        continue;

      for (guint list = FT_MESSAGE_LIST_MESSAGES;
           list <= FT_MESSAGE_LIST_NON_PREFERRED && !answered;
           list++)
        {
          GListModel *messages = ft_example_get_message_list (self, list);

          for (guint i = 0; i < g_list_model_get_n_items (messages) && !answered; i++)
            {
              g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);

              answered = g_strcmp0 (ft_message_get_tool_call_id (message), id) == 0;
            }
        }

      if (!answered)
        return g_steal_pointer (&id);
    }
}

/* Tool definitions */

static JsonArray *
dup_tools_array (FtExample *self)
{
  g_autoptr(JsonNode) original = ft_example_dup_tools (self);
  g_autoptr(JsonNode) tools = dup_mutable (original);

  if (tools == NULL || !JSON_NODE_HOLDS_ARRAY (tools))
    return NULL;

  return json_array_ref (json_node_get_array (tools));
}

static void
set_tools_array (FtExample *self,
                 JsonArray *array)
{
  g_autoptr(JsonNode) node = NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    {
      ft_example_set_tools (self, NULL);
      return;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  ft_example_set_tools (self, node);
}

/**
 * ft_example_get_n_tools:
 * @self: a #FtExample
 *
 * Returns: the number of entries of "tools" (0 when absent or not a list)
 */
guint
ft_example_get_n_tools (FtExample *self)
{
  g_autoptr(JsonArray) array = NULL;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), 0);

  array = dup_tools_array (self);

  return array != NULL ? json_array_get_length (array) : 0;
}

/**
 * ft_example_get_tool:
 * @self: a #FtExample
 * @index: which tool
 * @name: (out) (optional) (nullable) (transfer full): the function's name
 * @description: (out) (optional) (nullable) (transfer full): its
 *   description
 * @parameters: (out) (optional) (nullable) (transfer full): its
 *   parameters schema as pretty-printed JSON (or the text kept when it was
 *   not a JSON object)
 *
 * Reads the function of one tool, {"type": "function", "function": {…}}.
 *
 * Returns: %TRUE when tool @index exists and is an object
 */
gboolean
ft_example_get_tool (FtExample  *self,
                     guint       index,
                     char      **name,
                     char      **description,
                     char      **parameters)
{
  g_autoptr(JsonArray) array = NULL;
  JsonObject *tool = NULL;
  JsonObject *function;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), FALSE);

  array = dup_tools_array (self);
  if (array != NULL && index < json_array_get_length (array))
    {
      JsonNode *element = json_array_get_element (array, index);

      if (JSON_NODE_HOLDS_OBJECT (element))
        tool = json_node_get_object (element);
    }
  function = ft_json_object_get_object (tool, "function");

  if (name != NULL)
    *name = g_strdup (ft_json_object_get_string (function, "name"));
  if (description != NULL)
    *description = g_strdup (ft_json_object_get_string (function, "description"));
  if (parameters != NULL)
    {
      *parameters = NULL;
      if (ft_json_object_get_string (function, "parameters") != NULL)
        {
          /* Text that was not a schema, kept as typed. */
          *parameters = g_strdup (ft_json_object_get_string (function, "parameters"));
        }
      else if (function != NULL && json_object_has_member (function, "parameters"))
        {
          g_autofree char *compact = NULL;

          compact = ft_json_node_to_string (json_object_get_member (function, "parameters"));
          *parameters = ft_json_reformat (compact, -1, TRUE, NULL);
        }
    }

  return tool != NULL;
}

/* Fills the function of @tool. Parameters that are not a JSON object are
 * kept as the string typed (nothing typed is lost; the checks report it),
 * and @error says what is wrong with them.
 */
static gboolean
fill_tool (JsonObject  *tool,
           const char  *name,
           const char  *description,
           const char  *parameters,
           GError     **error)
{
  g_autoptr(JsonNode) schema = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *function;

  if (parameters != NULL && parameters[0] != '\0')
    {
      if (ft_json_check_text (parameters, -1, NULL, &local_error))
        {
          FtJsonSpan span;

          span.text = parameters;
          span.length = strlen (parameters);
          schema = ft_json_span_parse (&span);
          if (schema == NULL || !JSON_NODE_HOLDS_OBJECT (schema))
            {
              g_clear_pointer (&schema, json_node_unref);
              g_set_error_literal (&local_error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                                   _("The parameters must be a JSON schema object, like "
                                     "{\"type\": \"object\", \"properties\": {…}}"));
            }
        }

      if (schema == NULL)
        {
          schema = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (schema, parameters);
        }
    }

  if (!json_object_has_member (tool, "type"))
    json_object_set_string_member (tool, "type", "function");

  function = ensure_object_member (tool, "function");
  json_object_set_string_member (function, "name", name != NULL ? name : "");
  if (description != NULL && description[0] != '\0')
    json_object_set_string_member (function, "description", description);
  else if (json_object_has_member (function, "description"))
    json_object_remove_member (function, "description");

  if (schema != NULL)
    json_object_set_member (function, "parameters", g_steal_pointer (&schema));
  else if (json_object_has_member (function, "parameters"))
    json_object_remove_member (function, "parameters");

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * ft_example_set_tool:
 * @self: a #FtExample
 * @index: an existing tool
 * @name: the function's name
 * @description: (nullable): its description; %NULL or "" removes it
 * @parameters: (nullable): its parameters schema as JSON text; %NULL or ""
 *   removes it
 * @error: return location for a #GError
 *
 * Changes the function of one tool, keeping its other keys. Parameters
 * that are not a JSON object are kept as a string holding the text, so
 * that nothing typed is lost; ft_example_get_tool() gives them back as
 * they were typed.
 *
 * Returns: %TRUE when the parameters are a JSON object (or absent);
 *   otherwise %FALSE with %FT_DATASET_ERROR_PARSE saying why
 */
gboolean
ft_example_set_tool (FtExample   *self,
                     guint        index,
                     const char  *name,
                     const char  *description,
                     const char  *parameters,
                     GError     **error)
{
  g_autoptr(JsonArray) array = NULL;
  JsonNode *element;
  gboolean valid;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), FALSE);
  g_return_val_if_fail (index < ft_example_get_n_tools (self), FALSE);

  array = dup_tools_array (self);
  element = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonArray *copy = replace_with_object (array, index);

      json_array_unref (array);
      array = copy;
      element = json_array_get_element (array, index);
    }

  valid = fill_tool (json_node_get_object (element), name, description, parameters, error);
  set_tools_array (self, array);

  return valid;
}

/**
 * ft_example_insert_tool:
 * @self: a #FtExample (an object)
 * @index: where, at most ft_example_get_n_tools()
 * @name: the function's name
 * @description: (nullable): its description
 * @parameters: (nullable): its parameters schema as JSON text
 * @error: return location for a #GError
 *
 * Inserts a function tool, creating "tools" when needed.
 *
 * Returns: %TRUE when the parameters are valid; %FALSE as
 *   ft_example_set_tool()
 */
gboolean
ft_example_insert_tool (FtExample   *self,
                        guint        index,
                        const char  *name,
                        const char  *description,
                        const char  *parameters,
                        GError     **error)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonObject) tool = NULL;
  gboolean valid;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), FALSE);
  g_return_val_if_fail (index <= ft_example_get_n_tools (self), FALSE);

  tool = json_object_new ();
  valid = fill_tool (tool, name, description, parameters, error);

  array = dup_tools_array (self);
  if (array == NULL)
    array = json_array_new ();

  /* json-glib has no insert: rebuild the array around the new tool. */
  {
    g_autoptr(JsonArray) copy = json_array_new ();
    guint n = json_array_get_length (array);

    for (guint i = 0; i <= n; i++)
      {
        if (i == index)
          json_array_add_object_element (copy, json_object_ref (tool));
        if (i < n)
          json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));
      }

    set_tools_array (self, copy);
  }

  return valid;
}

/**
 * ft_example_remove_tool:
 * @self: a #FtExample
 * @index: an existing tool
 *
 * Removes one tool; removing the last one removes "tools".
 */
void
ft_example_remove_tool (FtExample *self,
                        guint      index)
{
  g_autoptr(JsonArray) array = NULL;

  g_return_if_fail (FT_IS_EXAMPLE (self));
  g_return_if_fail (index < ft_example_get_n_tools (self));

  array = dup_tools_array (self);
  json_array_remove_element (array, index);
  set_tools_array (self, array);
}
