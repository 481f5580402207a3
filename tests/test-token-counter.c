/* test-token-counter.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
#include "ft-token-counter.h"
#include "ft-tokenizer.h"
#include "ft-validator.h"

#include <locale.h>
#include <string.h>

static GBytes *
bytes_new (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* What the checks count for @text, through the validator itself. */
static gint64
validator_total (FtEncoding  encoding,
                 const char *text)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(FtExampleReport) report = NULL;
  g_autoptr(GError) error = NULL;

  ft_validator_set_encoding (validator, encoding);
  g_assert_true (ft_validator_prepare (validator, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  report = ft_validator_check_node (validator, json_parser_get_root (parser), 1, 0);

  return ft_example_report_get_total_tokens (report);
}

static gint64
tokens (FtEncoding  encoding,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  FtTokenizer *tokenizer = ft_tokenizer_get (encoding, &error);

  g_assert_no_error (error);

  return ft_tokenizer_count (tokenizer, text, -1);
}

static gint64
o200k (const char *text)
{
  return tokens (FT_ENCODING_O200K_BASE, text);
}

static void
test_chat (void)
{
  const char *text = "{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                     "{\"role\":\"user\",\"name\":\"Ana\","
                     "\"content\":\"Hello there, how are you?\"},"
                     "{\"role\":\"assistant\",\"content\":\"Fine.\",\"weight\":0}]}";
  g_autoptr(FtTokenCounter) counter = ft_token_counter_new (FT_ENCODING_O200K_BASE);
  g_autoptr(GBytes) line = bytes_new (text);
  g_autoptr(FtTokenCount) count = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sum = 3;

  count = ft_token_counter_count (counter, line, &error);
  g_assert_no_error (error);
  g_assert_nonnull (count);

  /* The same total as the checks. */
  g_assert_cmpint (ft_token_count_get_total (count), ==,
                   validator_total (FT_ENCODING_O200K_BASE, text));

  /* Each message: 3 tokens, its values, 1 more for a name; never the weight. */
  g_assert_cmpuint (ft_token_count_get_n_messages (count), ==, 3);
  g_assert_cmpint (ft_token_count_get_message (count, 0), ==,
                   3 + o200k ("system") + o200k ("You are terse."));
  g_assert_cmpint (ft_token_count_get_message (count, 1), ==,
                   3 + o200k ("user") + o200k ("Ana") + 1
                   + o200k ("Hello there, how are you?"));
  g_assert_cmpint (ft_token_count_get_message (count, 2), ==,
                   3 + o200k ("assistant") + o200k ("Fine."));

  for (guint i = 0; i < ft_token_count_get_n_messages (count); i++)
    sum += ft_token_count_get_message (count, i);
  g_assert_cmpint (sum, ==, ft_token_count_get_total (count));
}

static void
test_tool_calls_and_encodings (void)
{
  const char *text = "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Lyon?\"},"
                     "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                     "{\"id\":\"call_1\",\"type\":\"function\","
                     "\"function\":{\"name\":\"get_weather\","
                     "\"arguments\":\"{\\\"city\\\":\\\"Lyon\\\"}\"}}]},"
                     "{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
                     "\"content\":\"21 °C, sunny ☀\"},"
                     "{\"role\":\"assistant\",\"content\":\"It is 21 °C and sunny in Lyon.\"}]}";
  g_autoptr(GBytes) line = bytes_new (text);

  for (FtEncoding encoding = FT_ENCODING_CL100K_BASE;
       encoding <= FT_ENCODING_O200K_BASE;
       encoding++)
    {
      g_autoptr(FtTokenCounter) counter = ft_token_counter_new (encoding);
      g_autoptr(FtTokenCount) count = ft_token_counter_count (counter, line, NULL);
      gint64 sum = 3;

      g_assert_cmpint (ft_token_counter_get_encoding (counter), ==, encoding);
      g_assert_cmpint (ft_token_count_get_total (count), ==, validator_total (encoding, text));
      g_assert_cmpuint (ft_token_count_get_n_messages (count), ==, 4);
      for (guint i = 0; i < 4; i++)
        sum += ft_token_count_get_message (count, i);
      g_assert_cmpint (sum, ==, ft_token_count_get_total (count));

      /* The tool call's name and arguments count. */
      g_assert_cmpint (ft_token_count_get_message (count, 1), >,
                       3 + tokens (encoding, "assistant"));
    }
}

static void
test_preference (void)
{
  const char *text = "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]},"
                     "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"Hi!\"}],"
                     "\"non_preferred_output\":"
                     "[{\"role\":\"assistant\",\"content\":\"Go away.\"}]}";
  g_autoptr(FtTokenCounter) counter = ft_token_counter_new (FT_ENCODING_O200K_BASE);
  g_autoptr(GBytes) line = bytes_new (text);
  g_autoptr(FtTokenCount) count = ft_token_counter_count (counter, line, NULL);

  /* Input, then preferred, then rejected, as findings number them. */
  g_assert_cmpuint (ft_token_count_get_n_messages (count), ==, 3);
  g_assert_cmpint (ft_token_count_get_message (count, 1), ==,
                   3 + o200k ("assistant") + o200k ("Hi!"));
  g_assert_cmpint (ft_token_count_get_message (count, 2), ==,
                   3 + o200k ("assistant") + o200k ("Go away."));
  g_assert_cmpint (ft_token_count_get_total (count), ==,
                   validator_total (FT_ENCODING_O200K_BASE, text));
  g_assert_cmpint (ft_token_count_get_total (count), ==,
                   3 + ft_token_count_get_message (count, 0) + ft_token_count_get_message (count, 1)
                   + ft_token_count_get_message (count, 2));
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FtTokenCount **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ft_token_counter_count_finish (FT_TOKEN_COUNTER (object), result, &error);
  g_assert_no_error (error);
}

static void
error_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **out = user_data;
  FtTokenCount *count;

  count = ft_token_counter_count_finish (FT_TOKEN_COUNTER (object), result, out);
  g_assert_null (count);
}

static void
test_async (void)
{
  const char *text = "{\"messages\":[{\"role\":\"user\",\"content\":\"Bonjour\"}]}";
  g_autoptr(FtTokenCounter) counter = ft_token_counter_new (FT_ENCODING_CL100K_BASE);
  g_autoptr(GBytes) line = bytes_new (text);
  g_autoptr(GBytes) broken = bytes_new ("{\"messages\": [");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FtTokenCount *count = NULL;
  GError *error = NULL;

  ft_token_counter_count_async (counter, line, NULL, count_cb, &count);
  while (count == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ft_token_count_get_total (count), ==,
                   validator_total (FT_ENCODING_CL100K_BASE, text));
  ft_token_count_unref (count);

  ft_token_counter_count_async (counter, broken, NULL, error_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  ft_token_counter_count_async (counter, line, cancellable, error_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/token-counter/chat", test_chat);
  g_test_add_func ("/ft/token-counter/tool-calls-and-encodings", test_tool_calls_and_encodings);
  g_test_add_func ("/ft/token-counter/preference", test_preference);
  g_test_add_func ("/ft/token-counter/async", test_async);

  return g_test_run ();
}
