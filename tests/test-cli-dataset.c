/* test-cli-dataset.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli-test-utils.h"
#include "ft-core-test-utils.h"

#include <locale.h>
#include <string.h>

/* Runs exemplar-cli with the arguments up to NULL and returns its exit
 * status; out and err (each may be NULL) take its output.
 */
static int
run_cli (char        **out,
         char        **err,
         const char   *first,
         ...)
{
  g_auto(CliResult) result = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  cli_run (&result, NULL, (const char * const *)args->pdata);

  if (out != NULL)
    *out = g_steal_pointer (&result.out);
  if (err != NULL)
    *err = g_steal_pointer (&result.err);

  return result.status;
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
}

static void
test_convert (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *csv = data_path ("insurance-topics.qa.csv");
  g_autofree char *legacy = ft_test_write_file (dir, "legacy.jsonl",
                                                "{\"prompt\":\"a\",\"completion\":\"b\"}\n"
                                                "{broken\n", -1);
  g_autofree char *out = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  /* The headers name no role: a clear message, exit 2, no output file. */
  g_assert_cmpint (run_cli (&text, &err, "convert", csv, out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“customer_question”"));
  g_assert_nonnull (strstr (err, "--map"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "convert", "--map", "user=customer_question,"
                                                             "assistant=agent_reply",
                            "--system", "Be helpful.", csv, out, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "Wrote 66 examples"));
  g_file_get_contents (out, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents,
                                   "{\"messages\":[{\"role\":\"system\",\"content\":\"Be "
                                   "helpful.\"},"
                                   "{\"role\":\"user\",\"content\":\"How are auto insurance "
                                   "premiums calculated?\"}"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);

  /* A broken line is kept, named, and makes the exit status 1. */
  g_assert_cmpint (run_cli (&text, &err, "convert", legacy, out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Line 2, column 2"));
  g_file_get_contents (out, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==,
                   "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\","
                   "\"content\":\"b\"}]}\n"
                   "{broken\n");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "convert", "/nonexistent.csv", out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "/nonexistent.csv"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "convert", csv, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "convert", "--delimiter", "xx", csv, out, NULL), ==, 2);

  ft_test_remove_tree (dir);
}

static void
test_split (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *input = data_path ("chinese-medical.chat.jsonl");
  g_autofree char *train = g_build_filename (dir, "train.jsonl", NULL);
  g_autofree char *validation = g_build_filename (dir, "validation.jsonl", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) train_lines = NULL;

  g_assert_cmpint (run_cli (&text, &err, "split", "--validation", "20%", "--seed", "3",
                            input, train, validation, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "Wrote 80 examples"));
  g_assert_nonnull (strstr (text, "and 20 to"));
  g_file_get_contents (validation, &first, NULL, NULL);

  /* Same seed, same split. */
  g_assert_cmpint (run_cli (NULL, NULL, "split", "-v", "20", "-s", "3", input, train, validation,
                            NULL), ==, 0);
  g_file_get_contents (validation, &second, NULL, NULL);
  g_assert_cmpstr (first, ==, second);
  train_lines = ft_test_read_lines (train);
  g_assert_cmpuint (train_lines->len, ==, 80);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "split", "--validation", "100%", input, train,
                            validation, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "percentage"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&text, &err, "split", "--seed", "x", input, train, validation, NULL),
                   ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "split", input, train, train, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "split", input, train, NULL), ==, 2);

  ft_test_remove_tree (dir);
}

static void
test_dedupe (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *input = data_path ("llamafactory-multimodal.v1.jsonl");
  g_autofree char *clean = data_path ("clippy-sarcastic.train.jsonl");
  g_autofree char *out = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *near_path = ft_test_write_file (dir, "near.jsonl",
                                                   "{\"messages\":[{\"role\":\"user\","
                                                   "\"content\":\"Hi  there\"}]}\n"
                                                   "{\"messages\":[{\"role\":\"user\","
                                                   "\"content\":\"hi there\"}]}\n", -1);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_assert_cmpint (run_cli (&text, &err, "dedupe", "--output", out, input, NULL), ==, 1);
  g_assert_nonnull (strstr (text, "lines 1, 7, 13, 19 are the same example"));
  g_assert_nonnull (strstr (text, "lines 6, 12, 18, 24 are the same example"));
  g_assert_nonnull (strstr (text, "Wrote 6 examples"));
  lines = ft_test_read_lines (out);
  g_assert_cmpuint (lines->len, ==, 6);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "dedupe", clean, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "No duplicates found."));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "dedupe", near_path, NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&text, &err, "dedupe", "--near", near_path, NULL), ==, 1);
  g_assert_nonnull (strstr (text, "lines 1, 2 are the same example (ignoring case and spacing)"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  /* Overlap with another file. */
  g_assert_cmpint (run_cli (&text, &err, "dedupe", "--against", input, out, NULL), ==, 1);
  g_assert_nonnull (strstr (text, "line 1 is also line 1 of"));
  g_assert_nonnull (strstr (text, "6 examples are also in"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&text, &err, "dedupe", "/nonexistent.jsonl", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "/nonexistent.jsonl"));
  g_assert_cmpint (run_cli (NULL, NULL, "dedupe", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "dedupe", "--bogus", input, NULL), ==, 2);

  ft_test_remove_tree (dir);
}

/* Each verb's --help names the verb in its usage line. */
static void
test_help (void)
{
  const char *verbs[] = { "convert", "split", "dedupe" };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *usage = g_strdup_printf ("exemplar-cli %s [OPTION", verbs[i]);

      g_assert_cmpint (run_cli (&text, NULL, verbs[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (text, usage));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/cli/convert", test_convert);
  g_test_add_func ("/ft/cli/split", test_split);
  g_test_add_func ("/ft/cli/dedupe", test_dedupe);
  g_test_add_func ("/ft/cli/help", test_help);

  return g_test_run ();
}
