/* test-tool-calls.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
#include "ft-example.h"
#include "ft-json-utils.h"
#include "ft-tool-calls.h"

#include <locale.h>
#include <string.h>

static char *
example_text (FtExample *example)
{
  g_autoptr(GBytes) bytes = ft_example_get_bytes (example);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static FtMessage *
get_message (FtExample *example,
             guint      position)
{
  g_autoptr(FtMessage) message = g_list_model_get_item (ft_example_get_messages (example),
                                                        position);

  return message;
}

static void
test_json_check_text (void)
{
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  g_assert_true (ft_json_check_text ("{\"a\": [1, 2.5e3, true, null]}", -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ft_json_check_text ("  \"text\"\n", -1, &offset, &error));
  g_assert_no_error (error);

  /* The problem is on the second line, at the fourth character. */
  g_assert_false (ft_json_check_text ("{\n  \"city\" \"Paris\"\n}", -1, &offset, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "Line 2, column 10: "));
  g_assert_cmpuint (offset, ==, 11);
  g_clear_error (&error);

  /* Text of one line names only the column. */
  g_assert_false (ft_json_check_text ("", -1, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "Column 1: "));
  g_clear_error (&error);

  g_assert_false (ft_json_check_text ("{\"a\": 1} {}", -1, &offset, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_cmpuint (offset, ==, 9);
  g_clear_error (&error);

  /* Columns count characters, not bytes. */
  g_assert_false (ft_json_check_text ("[\"é\" 1]", -1, &offset, &error));
  g_assert_true (g_str_has_prefix (error->message, "Column 6: "));
  g_clear_error (&error);

  g_assert_false (ft_json_check_text ("\"\xff\"", -1, &offset, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_cmpuint (offset, ==, 1);
}

static void
test_json_reformat (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;
  const char *input = " {\"city\":\"Paris, \\\"FR\\\"\" ,\"days\" : [1, 12345678901234567890123, "
                      "-0.5e-7],"
                      "\"opts\":{},\"tags\":[ ],\"ok\":true }";

  pretty = ft_json_reformat (input, -1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"city\": \"Paris, \\\"FR\\\"\",\n"
                   "  \"days\": [\n"
                   "    1,\n"
                   "    12345678901234567890123,\n"
                   "    -0.5e-7\n"
                   "  ],\n"
                   "  \"opts\": {},\n"
                   "  \"tags\": [],\n"
                   "  \"ok\": true\n"
                   "}");

  /* Compact keeps every value exactly as spelled, big numbers too. */
  compact = ft_json_reformat (pretty, -1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (compact, ==,
                   "{\"city\":\"Paris, \\\"FR\\\"\",\"days\":[1,12345678901234567890123,-0.5e-7],"
                   "\"opts\":{},\"tags\":[],\"ok\":true}");

  again = ft_json_reformat (compact, -1, TRUE, &error);
  g_assert_cmpstr (again, ==, pretty);

  empty = ft_json_reformat ("  [ ] ", -1, TRUE, &error);
  g_assert_cmpstr (empty, ==, "[]");

  g_assert_null (ft_json_reformat ("{\"a\":}", -1, TRUE, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
}

static void
test_json_parse_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = ft_json_parse_text ("{\n  \"score\": 0.5,\n  \"tags\": [\"a\"]\n}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (node), "score"), ==, 0.5);
  g_clear_pointer (&node, json_node_unref);

  node = ft_json_parse_text ("\"text\"", -1, &error);
  g_assert_cmpstr (json_node_get_string (node), ==, "text");
  g_clear_pointer (&node, json_node_unref);

  node = ft_json_parse_text ("[1,", -1, &error);
  g_assert_null (node);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "Column 4: "));
}

static void
test_message_tool_calls (void)
{
  g_autoptr(FtExample) example = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *arguments = NULL;
  g_autofree char *text = NULL;
  FtMessage *assistant;

  example = ft_example_new_from_text ("{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
                                      "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                                      "{\"id\":\"call_1\",\"type\":\"function\",\"x\":1,\"function"
                                      "\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":"
                                      "\\\"Paris\\\"}\"}},"
                                      "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{"
                                      "\"name\":\"get_time\",\"arguments\":\"{}\"}},"
                                      "7]},"
                                      "{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":"
                                      "\"12:00\"}]}",
                                      -1);
  assistant = get_message (example, 1);
  g_assert_cmpuint (ft_message_get_n_tool_calls (assistant), ==, 3);

  g_assert_true (ft_message_get_tool_call (assistant, 0, &id, &name, &arguments));
  g_assert_cmpstr (id, ==, "call_1");
  g_assert_cmpstr (name, ==, "get_weather");
  g_assert_cmpstr (arguments, ==, "{\"city\":\"Paris\"}");

  /* Not an object, or past the end. */
  g_assert_false (ft_message_get_tool_call (assistant, 2, NULL, NULL, NULL));
  g_assert_false (ft_message_get_tool_call (assistant, 3, NULL, NULL, NULL));

  /* Changing the function keeps the other keys. */
  ft_message_set_tool_call_function (assistant, 0, "get_forecast", NULL);
  ft_message_set_tool_call_function (assistant, 0, NULL, "{\"city\":\"Lyon\"}");
  text = ft_message_to_string (assistant);
  g_assert_nonnull (strstr (text, "{\"id\":\"call_1\",\"type\":\"function\",\"x\":1,\"function\":"
                                  "{\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\":\\"
                                  "\"Lyon\\\"}\"}}"));
  g_clear_pointer (&text, g_free);

  /* A call that is not an object becomes one. */
  ft_message_set_tool_call_function (assistant, 2, "f", "{}");
  g_assert_true (ft_message_get_tool_call (assistant, 2, &id, NULL, NULL));
  g_assert_null (id);

  g_clear_pointer (&name, g_free);
  name = ft_example_find_tool_call (example, "call_2");
  g_assert_cmpstr (name, ==, "get_time");
  g_clear_pointer (&name, g_free);
  name = ft_example_find_tool_call (example, "call_9");
  g_assert_null (name);

  /* call_1 and call_2 are taken, call_2 even twice. */
  g_clear_pointer (&id, g_free);
  id = ft_example_new_tool_call_id (example);
  g_assert_cmpstr (id, ==, "call_3");

  ft_message_remove_tool_call (assistant, 2);
  ft_message_remove_tool_call (assistant, 0);
  g_assert_cmpuint (ft_message_get_n_tool_calls (assistant), ==, 1);
  ft_message_remove_tool_call (assistant, 0);
  g_assert_cmpuint (ft_message_get_n_tool_calls (assistant), ==, 0);
  text = ft_message_to_string (assistant);
  g_assert_cmpstr (text, ==, "{\"role\":\"assistant\",\"content\":null}");
}

static void
test_new_tool_call_id_answered (void)
{
  g_autoptr(FtExample) example = NULL;
  g_autofree char *id = NULL;

  /* A tool result without its call still takes the ID. */
  example = ft_example_new_from_text ("{\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"call_1"
                                      "\",\"content\":\"x\"}]}", -1);
  id = ft_example_new_tool_call_id (example);
  g_assert_cmpstr (id, ==, "call_2");
}

static void
test_example_tools (void)
{
  g_autoptr(FtExample) example = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *text = NULL;

  example = ft_example_new_from_text ("{\"messages\":[],\"tools\":[{\"type\":\"function\","
                                      "\"function\":"
                                      "{\"name\":\"get_weather\",\"description\":\"Weather now\","
                                      "\"strict\":true,"
                                      "\"parameters\":{\"type\":\"object\",\"properties\":{\"city"
                                      "\":{\"type\":\"string\"}}}}}]}",
                                      -1);
  g_assert_cmpuint (ft_example_get_n_tools (example), ==, 1);
  g_assert_true (ft_example_get_tool (example, 0, &name, &description, &parameters));
  g_assert_cmpstr (name, ==, "get_weather");
  g_assert_cmpstr (description, ==, "Weather now");
  g_assert_cmpstr (parameters, ==,
                   "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"city\": {\n"
                   "      \"type\": \"string\"\n    }\n  }\n}");
  g_assert_false (ft_example_get_tool (example, 1, NULL, NULL, NULL));

  /* Invalid parameters are kept as typed, and said to be invalid. */
  g_assert_false (ft_example_set_tool (example, 0, "get_weather", "Weather now", "{\"type\": }",
                                       &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_clear_error (&error);
  g_clear_pointer (&parameters, g_free);
  g_assert_true (ft_example_get_tool (example, 0, NULL, NULL, &parameters));
  g_assert_cmpstr (parameters, ==, "{\"type\": }");
  g_assert_false (ft_example_set_tool (example, 0, "get_weather", "Weather now", "[1]", &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_clear_error (&error);
  text = example_text (example);
  g_assert_nonnull (strstr (text, "\"parameters\":\"[1]\""));
  g_clear_pointer (&text, g_free);

  /* "strict" survives; an empty description is removed. */
  g_assert_true (ft_example_set_tool (example, 0, "get_forecast", "", "{\"type\":\"object\"}",
                                      &error));
  g_assert_no_error (error);
  text = example_text (example);
  g_assert_cmpstr (text, ==, "{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":"
                             "{\"name\":\"get_forecast\",\"strict\":true,\"parameters\":{\"type\":"
                             "\"object\"}}}]}");
  g_clear_pointer (&text, g_free);

  g_assert_true (ft_example_insert_tool (example, 0, "first", "Goes first", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ft_example_insert_tool (example, 2, "last", NULL, NULL, &error));
  g_assert_cmpuint (ft_example_get_n_tools (example), ==, 3);
  g_clear_pointer (&name, g_free);
  g_assert_true (ft_example_get_tool (example, 0, &name, NULL, NULL));
  g_assert_cmpstr (name, ==, "first");
  g_clear_pointer (&name, g_free);
  g_assert_true (ft_example_get_tool (example, 2, &name, NULL, NULL));
  g_assert_cmpstr (name, ==, "last");

  ft_example_remove_tool (example, 1);
  ft_example_remove_tool (example, 1);
  ft_example_remove_tool (example, 0);
  g_assert_cmpuint (ft_example_get_n_tools (example), ==, 0);
  text = example_text (example);
  g_assert_cmpstr (text, ==, "{\"messages\":[]}");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/json-utils/check-text", test_json_check_text);
  g_test_add_func ("/ft/json-utils/reformat", test_json_reformat);
  g_test_add_func ("/ft/json-utils/parse-text", test_json_parse_text);
  g_test_add_func ("/ft/tool-calls/message", test_message_tool_calls);
  g_test_add_func ("/ft/tool-calls/new-id-answered", test_new_tool_call_id_answered);
  g_test_add_func ("/ft/tool-calls/example-tools", test_example_tools);

  return g_test_run ();
}
