/* ft-cli-test-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli-test-utils.h"

void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* A launcher for exemplar-cli with a fixed, UTF-8 locale, so messages and
 * quotes do not depend on the machine running the tests.
 */
GSubprocessLauncher *
cli_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  return launcher;
}

/* Starts $EXEMPLAR_CLI with args (NULL-terminated) from launcher. */
GSubprocess *
cli_spawn (GSubprocessLauncher *launcher,
           const char * const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("EXEMPLAR_CLI");
  GSubprocess *process;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (char *)cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

/* Runs exemplar-cli with args to the end, feeding it stdin_text (NULL for
 * nothing), and fills result with its exit status and output.
 */
void
cli_run (CliResult          *result,
         const char         *stdin_text,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = cli_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = cli_spawn (launcher, args);

  cli_result_clear (result);
  g_subprocess_communicate_utf8 (process,
                                 stdin_text != NULL ? stdin_text : "",
                                 NULL,
                                 &result->out,
                                 &result->err,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

/* Writes contents to name in the test's (isolated) cache directory. */
char *
write_input (const char *name,
             const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* Parses the CLI's --json output, which must be one JSON object. */
JsonObject *
cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}
