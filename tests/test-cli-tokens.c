/* test-cli-tokens.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli-test-utils.h"
#include "ft-tokenizer.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static gsize
count_here (FtEncoding  encoding,
            const char *text)
{
  g_autoptr(FtTokenizer) tokenizer = ft_tokenizer_get (encoding, NULL);

  g_assert_nonnull (tokenizer);
  return ft_tokenizer_count (tokenizer, text, -1);
}

static void
assert_count_output (const CliResult *result,
                     gsize            expected)
{
  g_autofree char *line = g_strdup_printf ("%" G_GSIZE_FORMAT "\n", expected);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, line);
  g_assert_cmpstr (result->err, ==, "");
}

static void
test_cli_tokens_file (void)
{
  static const char text[] = "Hello, world!\nSecond line with <|endoftext|> in it.\n\n  ";
  g_autofree char *hello = write_input ("hello.txt", "Hello, world!");
  g_autofree char *document = write_input ("document.txt", text);
  g_auto(CliResult) first = { 0 };
  g_auto(CliResult) second = { 0 };

  cli_run (&first, NULL, (const char * const[]) { "tokens", hello, NULL });
  assert_count_output (&first, 4);

  /* The whole text, newlines and special-token look-alikes included. */
  cli_run (&second, NULL, (const char * const[]) { "tokens", document, NULL });
  assert_count_output (&second, count_here (FT_ENCODING_O200K_BASE, text));
}

static void
test_cli_tokens_ids (void)
{
  g_autofree char *hello = write_input ("hello.txt", "Hello, world!");
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const gint64 expected[] = { 9906, 11, 1917, 0 };
  JsonArray *array;

  cli_run (&result, NULL,
           (const char * const[]) { "tokens", "--ids", "--encoding", "cl100k_base", hello, NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_true (g_str_has_suffix (result.out, "\n"));

  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));

  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (json_array_get_int_element (array, i), ==, expected[i]);
}

static void
test_cli_tokens_stdin (void)
{
  static const char text[] = "Tokens from standard input: 12345, ¡olé! 你好 😀";
  g_auto(CliResult) dash = { 0 };
  g_auto(CliResult) none = { 0 };
  g_auto(CliResult) empty = { 0 };
  gsize expected = count_here (FT_ENCODING_O200K_BASE, text);

  cli_run (&dash, text, (const char * const[]) { "tokens", "-", NULL });
  assert_count_output (&dash, expected);

  cli_run (&none, text, (const char * const[]) { "tokens", NULL });
  assert_count_output (&none, expected);

  cli_run (&empty, "", (const char * const[]) { "tokens", NULL });
  assert_count_output (&empty, 0);
}

static void
test_cli_tokens_model (void)
{
  /* Devanagari: far fewer tokens in o200k_base than in cl100k_base. */
  static const char text[] = "नमस्ते दुनिया, यह एक परीक्षण है।";
  g_autofree char *path = write_input ("hindi.txt", text);
  gsize cl100k = count_here (FT_ENCODING_CL100K_BASE, text);
  gsize o200k = count_here (FT_ENCODING_O200K_BASE, text);
  static const struct {
    const char *model;
    FtEncoding  encoding;
  } cases[] = {
    { "gpt-4", FT_ENCODING_CL100K_BASE },
    { "gpt-3.5-turbo-0125", FT_ENCODING_CL100K_BASE },
    { "gpt-4o-mini", FT_ENCODING_O200K_BASE },
    { "ft:gpt-4o-mini-2024-07-18:my-org::abc123", FT_ENCODING_O200K_BASE },
  };

  g_assert_cmpuint (cl100k, >, o200k);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliResult) result = { 0 };

      cli_run (&result,
               NULL,
               (const char * const[]) { "tokens", "--model", cases[i].model, path, NULL });
      assert_count_output (&result, cases[i].encoding == FT_ENCODING_CL100K_BASE ? cl100k : o200k);
    }
}

static void
test_cli_tokens_missing_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "no-such-file.txt", NULL);
  g_autofree char *expected = NULL;
  g_auto(CliResult) result = { 0 };

  expected = g_strdup_printf ("exemplar-cli: cannot read “%s”: No such file or directory\n", path);
  cli_run (&result, NULL, (const char * const[]) { "tokens", path, NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, ==, expected);
}

static void
test_cli_tokens_bad_usage (void)
{
  g_autofree char *hello = write_input ("hello.txt", "Hello, world!");
  static const struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--encoding", "p50k_base", NULL }, "unknown encoding “p50k_base”" },
    { { "--model", "llama-3-8b", NULL }, "no known encoding for the model “llama-3-8b”" },
    { { "--model", "gpt-4o", "--encoding", "cl100k_base" }, "use either --encoding or --model" },
    { { "a.txt", "b.txt", NULL }, "give at most one FILE" },
    { { "--frobnicate", NULL }, "--frobnicate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliResult) result = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (char *)"tokens");
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].args) && cases[i].args[k] != NULL; k++)
        g_ptr_array_add (args, (char *)cases[i].args[k]);
      g_ptr_array_add (args, hello);
      g_ptr_array_add (args, NULL);

      cli_run (&result, NULL, (const char * const *)args->pdata);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_true (g_str_has_prefix (result.err, "exemplar-cli: "));
      g_assert_nonnull (strstr (result.err, cases[i].message));
    }
}

static void
test_cli_tokens_help (void)
{
  g_auto(CliResult) result = { 0 };

  cli_run (&result, NULL, (const char * const[]) { "tokens", "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "exemplar-cli tokens"));
  g_assert_nonnull (strstr (result.out, "--encoding"));
  g_assert_nonnull (strstr (result.out, "--model"));
  g_assert_nonnull (strstr (result.out, "--ids"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/cli-tokens/file", test_cli_tokens_file);
  g_test_add_func ("/ft/cli-tokens/ids", test_cli_tokens_ids);
  g_test_add_func ("/ft/cli-tokens/stdin", test_cli_tokens_stdin);
  g_test_add_func ("/ft/cli-tokens/model", test_cli_tokens_model);
  g_test_add_func ("/ft/cli-tokens/missing-file", test_cli_tokens_missing_file);
  g_test_add_func ("/ft/cli-tokens/bad-usage", test_cli_tokens_bad_usage);
  g_test_add_func ("/ft/cli-tokens/help", test_cli_tokens_help);

  return g_test_run ();
}
