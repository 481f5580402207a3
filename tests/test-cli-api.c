/* test-cli-api.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli-test-utils.h"
#include "ft-core-test-utils.h"
#include "ft-emulator.h"
#include "ft-provider-store.h"
#include "ft-secrets.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

/* The API verbs of exemplar-cli (EXEMPLAR_CLI), run as a subprocess
 * against the emulator running in this process. The key goes only into
 * the environment of each spawned CLI, never into the test's own
 * environment (which meson records). The test runs on the private bus of
 * tests/run-with-keyring.sh, so --profile reads a real keyring.
 */

#define TEST_KEY "sk-test-cli-5f4e3d2c1b0a"
#define MODEL    "gpt-4o-mini-2024-07-18"

typedef struct
{
  FtEmulator *emulator;
  char       *base_url;
  char       *tmpdir;
} ApiFixture;

static void
api_fixture_setup (ApiFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->emulator = ft_emulator_new ();
  ft_emulator_start (fixture->emulator, 0, &error);
  g_assert_no_error (error);
  ft_emulator_set_api_key (fixture->emulator, TEST_KEY);
  ft_emulator_set_steps_per_epoch (fixture->emulator, 2);
  fixture->base_url = ft_emulator_dup_base_url (fixture->emulator);

  fixture->tmpdir = g_dir_make_tmp ("exemplar-cli-api-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
api_fixture_teardown (ApiFixture    *fixture,
                      gconstpointer  data)
{
  ft_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->base_url, g_free);
  g_clear_object (&fixture->emulator);
}

static GSubprocess *
spawn_cli (ApiFixture         *fixture,
           const char         *api_key,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *state = g_build_filename (fixture->tmpdir, "state", NULL);
  g_autofree char *config = g_build_filename (fixture->tmpdir, "config", NULL);

  launcher = cli_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "OPENAI_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "EXEMPLAR_API_KEY");
  if (api_key != NULL)
    g_subprocess_launcher_setenv (launcher, "EXEMPLAR_API_KEY", api_key, TRUE);

  return cli_spawn (launcher, args);
}

typedef struct
{
  CliResult *result;
  gboolean   done;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  Communicate *communicate = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), res,
                                        &communicate->result->out,
                                        &communicate->result->err, &error);
  g_assert_no_error (error);
  communicate->done = TRUE;
}

/* Lets the process run to the end; the emulator answers meanwhile. */
static void
finish_cli (GSubprocess *process,
            Communicate *communicate)
{
  while (!communicate->done)
    g_main_context_iteration (NULL, TRUE);

  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));
  communicate->result->status = g_subprocess_get_exit_status (process);
}

static void
run_cli (ApiFixture         *fixture,
         CliResult          *result,
         const char         *api_key,
         const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (fixture, api_key, args);
  Communicate communicate = { result, FALSE };

  cli_result_clear (result);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &communicate);
  finish_cli (process, &communicate);
}

/* Runs with --base-url and the right key. */
#define RUN(fixture, result, ...) \
  run_cli ((fixture), (result), TEST_KEY, \
           (const char * const[]) { __VA_ARGS__, "--base-url", (fixture)->base_url, NULL })

static void
assert_ok (const CliResult *result)
{
  if (result->status != 0)
    g_printerr ("exemplar-cli failed (%d):\n%s\n%s\n", result->status, result->out, result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static char *
write_training_file (ApiFixture *fixture,
                     const char *name,
                     guint       n_lines)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->tmpdir, name, NULL);

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (text,
                            "{\"messages\": [{\"role\": \"user\", \"content\": \"Q%u\"}, "
                            "{\"role\": \"assistant\", \"content\": \"A%u\"}]}\n", i, i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

/* Uploads a file through the CLI and returns its id. */
static char *
upload (ApiFixture *fixture,
        guint       n_lines)
{
  g_autofree char *name = g_strdup_printf ("train-%u.jsonl", n_lines);
  g_autofree char *path = write_training_file (fixture, name, n_lines);
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) file = NULL;

  RUN (fixture, &result, "files", "upload", path, "--json");
  assert_ok (&result);
  file = cli_parse_json (result.out);
  g_assert_cmpstr (json_object_get_string_member (file, "object"), ==, "file");

  return g_strdup (json_object_get_string_member (file, "id"));
}

static char *
create_job (ApiFixture *fixture,
            guint       n_lines)
{
  g_autofree char *file_id = upload (fixture, n_lines);
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) job = NULL;

  RUN (fixture, &result, "jobs", "create", "--model", MODEL, "--training-file", file_id,
       "--epochs", "1", "--json");
  assert_ok (&result);
  job = cli_parse_json (result.out);

  return g_strdup (json_object_get_string_member (job, "id"));
}

static void
test_models (ApiFixture    *fixture,
             gconstpointer  data)
{
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) list = NULL;
  JsonArray *models;

  RUN (fixture, &result, "models", "list");
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "ID "));
  assert_contains (result.out, "CREATED");
  assert_contains (result.out, "SHUTDOWN");
  assert_contains (result.out, MODEL);
  assert_contains (result.out, "2027-01-14");

  RUN (fixture, &result, "models", "list", "--json");
  assert_ok (&result);
  list = cli_parse_json (result.out);
  g_assert_cmpstr (json_object_get_string_member (list, "object"), ==, "list");
  models = json_object_get_array_member (list, "data");
  g_assert_cmpuint (json_array_get_length (models), ==, 3);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);

      g_assert_cmpstr (json_object_get_string_member (model, "object"), ==, "model");
      g_assert_true (json_object_has_member (model, "shutdown_date"));
    }
  g_assert_cmpuint (ft_emulator_count_requests (fixture->emulator, "GET /models"), ==, 2);
}

static void
test_files (ApiFixture    *fixture,
            gconstpointer  data)
{
  g_autofree char *path = write_training_file (fixture, "support.jsonl", 12);
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) list = NULL;
  g_autofree char *file_id = NULL;
  JsonArray *files;

  /* No progress bar into a pipe: stderr stays empty. */
  RUN (fixture, &result, "files", "upload", path);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "file-"));
  assert_contains (result.out, "  support.jsonl  ");
  g_assert_cmpuint (ft_emulator_get_n_files (fixture->emulator), ==, 1);
  file_id = g_strndup (result.out, strchr (result.out, ' ') - result.out);

  /* The same bytes again: found in the upload record, not sent. */
  RUN (fixture, &result, "files", "upload", path);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, file_id));
  assert_contains (result.out, "not sent again");
  g_assert_cmpuint (ft_emulator_get_n_files (fixture->emulator), ==, 1);

  RUN (fixture, &result, "files", "list");
  assert_ok (&result);
  assert_contains (result.out, "FILENAME");
  assert_contains (result.out, file_id);
  assert_contains (result.out, "fine-tune");

  RUN (fixture, &result, "files", "list", "--json", "--purpose", "fine-tune");
  assert_ok (&result);
  list = cli_parse_json (result.out);
  files = json_object_get_array_member (list, "data");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 0), "id"),
                   ==, file_id);

  /* A file that is not there. */
  RUN (fixture, &result, "files", "upload", "/nonexistent/train.jsonl");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "/nonexistent/train.jsonl");
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_jobs (ApiFixture    *fixture,
           gconstpointer  data)
{
  g_autofree char *training = upload (fixture, 12);
  g_autofree char *validation = upload (fixture, 11);
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) dpo = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *expected = NULL;
  JsonObject *method;
  const char *body;

  RUN (fixture, &result, "jobs", "create", "--model", MODEL, "--training-file", training,
       "--validation-file", validation, "--method", "sft", "--epochs", "2", "--batch-size", "4",
       "--lr-multiplier", "0.5", "--suffix", "support", "--seed", "7");
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "Created ftjob-"));
  g_assert_true (g_str_has_suffix (result.out, " (validating_files)\n"));
  job_id = g_strndup (result.out + strlen ("Created "), strlen ("ftjob-") + 13);

  /* What was sent: the hyperparameters inside method. */
  body = ft_emulator_get_last_body (fixture->emulator);
  assert_contains (body, "\"type\":\"supervised\"");
  assert_contains (body, "\"n_epochs\":2");
  assert_contains (body, "\"batch_size\":4");
  assert_contains (body, "\"learning_rate_multiplier\":0.5");
  assert_contains (body, "\"suffix\":\"support\"");
  assert_contains (body, "\"seed\":7");
  assert_contains (body, validation);

  RUN (fixture, &result, "jobs", "create", "--model", MODEL, "--training-file", training,
       "--method", "dpo", "--beta", "0.2", "--json");
  assert_ok (&result);
  dpo = cli_parse_json (result.out);
  g_assert_cmpstr (json_object_get_string_member (dpo, "object"), ==, "fine_tuning.job");
  method = json_object_get_object_member (dpo, "method");
  g_assert_cmpstr (json_object_get_string_member (method, "type"), ==, "dpo");

  RUN (fixture, &result, "jobs", "list");
  assert_ok (&result);
  assert_contains (result.out, "FINE-TUNED MODEL");
  assert_contains (result.out, job_id);
  assert_contains (result.out, json_object_get_string_member (dpo, "id"));

  RUN (fixture, &result, "jobs", "list", "--json", "--limit", "1");
  assert_ok (&result);
  list = cli_parse_json (result.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "data")), ==, 1);
  g_assert_true (json_object_get_boolean_member (list, "has_more"));

  RUN (fixture, &result, "jobs", "show", job_id);
  assert_ok (&result);
  assert_contains (result.out, "Status:");
  assert_contains (result.out, "validating_files");
  assert_contains (result.out, "Validation file:");
  assert_contains (result.out, validation);
  assert_contains (result.out, "LR multiplier:     0.5\n");

  RUN (fixture, &result, "jobs", "show", job_id, "--json");
  assert_ok (&result);
  job = cli_parse_json (result.out);
  g_assert_cmpstr (json_object_get_string_member (job, "id"), ==, job_id);

  RUN (fixture, &result, "jobs", "events", job_id);
  assert_ok (&result);
  expected = g_strdup_printf ("  info   Created fine-tuning job: %s\n", job_id);
  assert_contains (result.out, expected);

  /* The server's own words for a refusal, with the status: exit 1. */
  RUN (fixture, &result, "jobs", "pause", job_id);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_free (expected);
  expected = g_strdup_printf ("(HTTP 400): Job %s is validating_files and cannot be paused.\n",
                              job_id);
  assert_contains (result.err, expected);

  ft_emulator_step (fixture->emulator);
  ft_emulator_step (fixture->emulator);
  g_assert_cmpstr (ft_emulator_get_job_status (fixture->emulator, job_id), ==, "running");

  RUN (fixture, &result, "jobs", "pause", job_id);
  assert_ok (&result);
  g_free (expected);
  expected = g_strdup_printf ("%s: pausing\n", job_id);
  g_assert_cmpstr (result.out, ==, expected);
  ft_emulator_step (fixture->emulator);

  RUN (fixture, &result, "jobs", "resume", job_id);
  assert_ok (&result);
  g_free (expected);
  expected = g_strdup_printf ("%s: queued\n", job_id);
  g_assert_cmpstr (result.out, ==, expected);

  RUN (fixture, &result, "jobs", "cancel", job_id, "--json");
  assert_ok (&result);
  g_clear_pointer (&job, json_object_unref);
  job = cli_parse_json (result.out);
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "cancelled");

  RUN (fixture, &result, "jobs", "cancel", job_id);
  g_assert_cmpint (result.status, ==, 1);
  assert_contains (result.err, "has already cancelled and cannot be cancelled.");

  RUN (fixture, &result, "jobs", "show", "ftjob-nope");
  g_assert_cmpint (result.status, ==, 1);
  assert_contains (result.err, "(HTTP 404): Could not find fine tune job: ftjob-nope");
}

static void
test_create_usage (ApiFixture    *fixture,
                   gconstpointer  data)
{
  g_auto(CliResult) result = { 0 };

  /* Refused before anything is sent: exit 2. */
  RUN (fixture, &result, "jobs", "create", "--model", MODEL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "--training-file");

  RUN (fixture, &result, "jobs", "create", "--model", MODEL, "--training-file", "file-x",
       "--method", "rl");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "unknown method “rl”");

  RUN (fixture, &result, "jobs", "create", "--model", MODEL, "--training-file", "file-x",
       "--epochs", "51");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "51");

  RUN (fixture, &result, "jobs", "create", "--model", MODEL, "--training-file", "file-x",
       "--beta", "0.1");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "--beta");

  g_assert_cmpuint (ft_emulator_count_requests (fixture->emulator, "*"), ==, 0);
}

static void
test_watch (ApiFixture    *fixture,
            gconstpointer  data)
{
  g_autofree char *job_id = create_job (fixture, 12);
  g_autofree char *failing = create_job (fixture, 4);
  g_auto(CliResult) result = { 0 };
  g_autofree char *expected = NULL;
  const char *started;
  const char *completed;

  ft_emulator_set_auto_step (fixture->emulator, 20);

  RUN (fixture, &result, "jobs", "watch", job_id, "--interval", "0.02");
  assert_ok (&result);
  expected = g_strdup_printf ("Watching %s (%s): ", job_id, MODEL);
  g_assert_true (g_str_has_prefix (result.out, expected));
  assert_contains (result.out, "Status: ");
  assert_contains (result.out, " → succeeded\n");
  assert_contains (result.out, "\nThe job succeeded: ft:" MODEL ":emulator-org::");
  g_assert_true (strstr (result.out, "The job succeeded") > strstr (result.out, " → succeeded"));

  /* Every event once, in order. */
  started = strstr (result.out, "Fine-tuning job started");
  completed = strstr (result.out, "The job has successfully completed");
  g_assert_nonnull (started);
  g_assert_nonnull (completed);
  g_assert_true (started < completed);
  g_assert_null (strstr (completed + 1, "The job has successfully completed"));

  /* A failed job: its error, exit 1. */
  RUN (fixture, &result, "jobs", "watch", failing, "--interval", "0.02");
  g_assert_cmpint (result.status, ==, 1);
  assert_contains (result.err, "the job failed: The job failed due to an invalid training file. "
                               "Expected file to have at least 10 lines, but got 4.");

  /* JSON Lines: the job, then each event and status change. */
  RUN (fixture, &result, "jobs", "watch", job_id, "--json");
  assert_ok (&result);
  {
    g_auto(GStrv) lines = g_strsplit (result.out, "\n", -1);
    g_autoptr(JsonObject) first = cli_parse_json (lines[0]);
    g_autoptr(JsonObject) second = cli_parse_json (lines[1]);

    g_assert_cmpstr (json_object_get_string_member (first, "object"), ==, "fine_tuning.job");
    g_assert_cmpstr (json_object_get_string_member (second, "object"), ==, "fine_tuning.job.event");
  }
}

static void
test_watch_interrupted (ApiFixture    *fixture,
                        gconstpointer  data)
{
  g_autofree char *job_id = create_job (fixture, 12);
  g_autofree char *pattern = g_strdup_printf ("GET /fine_tuning/jobs/%s", job_id);
  g_autoptr(GSubprocess) process = NULL;
  g_auto(CliResult) result = { 0 };
  Communicate communicate = { &result, FALSE };

  process = spawn_cli (fixture, TEST_KEY,
                       (const char * const[]) { "jobs", "watch", job_id, "--interval", "0.02",
                                                "--base-url", fixture->base_url, NULL });
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &communicate);

  /* Let it poll a few times, then Ctrl+C. */
  while (ft_emulator_count_requests (fixture->emulator, pattern) < 3)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_send_signal (process, SIGINT);
  finish_cli (process, &communicate);

  g_assert_cmpint (result.status, ==, 130);
  assert_contains (result.out, "Watching ");
  assert_contains (result.err, "Stopped watching; the job goes on.");
  g_assert_cmpstr (ft_emulator_get_job_status (fixture->emulator, job_id), ==, "validating_files");
}

static void
test_chat (ApiFixture    *fixture,
           gconstpointer  data)
{
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) completion = NULL;

  RUN (fixture, &result, "chat", "--model", MODEL, "--system", "Be brief.", "Where", "is", "Oslo?");
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "The base model " MODEL " says: Where is Oslo?\n");
  assert_contains (ft_emulator_get_last_body (fixture->emulator),
                   "{\"role\":\"system\",\"content\":\"Be brief.\"}");

  RUN (fixture, &result, "chat", "--stream", "--model", MODEL, "Count the waves");
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "The base model " MODEL " says: Count the waves\n");
  assert_contains (ft_emulator_get_last_body (fixture->emulator), "\"stream\":true");

  RUN (fixture, &result, "chat", "--json", "--model", MODEL, "Hi");
  assert_ok (&result);
  completion = cli_parse_json (result.out);
  g_assert_cmpstr (json_object_get_string_member (completion, "object"), ==, "chat.completion");
  g_assert_true (json_object_has_member (completion, "usage"));

  RUN (fixture, &result, "chat", "--json", "--stream", "--model", MODEL, "Hi");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "--stream");

  RUN (fixture, &result, "chat", "Hi");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "--model");
}

static void
test_errors (ApiFixture    *fixture,
             gconstpointer  data)
{
  g_auto(CliResult) result = { 0 };
  g_autofree char *closed_url = NULL;

  /* A rejected key: the server's message, never the key. */
  run_cli (fixture, &result, "sk-wrong-0000",
           (const char * const[]) { "models", "list", "--base-url", fixture->base_url, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, ==,
                   "exemplar-cli: The API key was rejected (HTTP 401): "
                   "Incorrect API key provided: [API key]. You can find your API key at "
                   "https://platform.openai.com/account/api-keys.\n");
  g_assert_null (strstr (result.err, "sk-wrong-0000"));

  /* No key at all: nothing is sent. */
  run_cli (fixture, &result, NULL,
           (const char * const[]) { "models", "list", "--base-url", fixture->base_url, NULL });
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "EXEMPLAR_API_KEY");
  g_assert_cmpuint (ft_emulator_count_requests (fixture->emulator, "*"), ==, 1);

  /* Server failures: exit 1 with the message. */
  ft_emulator_add_fault (fixture->emulator, "GET /models", FT_EMULATOR_FAULT_HTTP_500, 10);
  RUN (fixture, &result, "models", "list");
  g_assert_cmpint (result.status, ==, 1);
  assert_contains (result.err, "(HTTP 500)");
  ft_emulator_clear_faults (fixture->emulator);

  /* Nobody listening: a connection problem, exit 2. */
  {
    g_autoptr(FtEmulator) gone = ft_emulator_new ();
    g_autoptr(GError) error = NULL;

    ft_emulator_start (gone, 0, &error);
    g_assert_no_error (error);
    closed_url = ft_emulator_dup_base_url (gone);
  }
  run_cli (fixture, &result, TEST_KEY,
           (const char * const[]) { "models", "list", "--base-url", closed_url, NULL });
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "Could not reach 127.0.0.1");

  /* Plain HTTP to another machine: refused, the key stays here. */
  run_cli (fixture, &result, TEST_KEY,
           (const char * const[]) { "models", "list",
                                    "--base-url", "http://example.com/v1", NULL });
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "unencrypted");

  /* Usage. */
  RUN (fixture, &result, "jobs", "frobnicate");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "unknown command “jobs frobnicate”");
  RUN (fixture, &result, "jobs", "show");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "missing the job ID");
  RUN (fixture, &result, "models", "list", "--profile", "Work");
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "either --profile or --base-url");
  run_cli (fixture, &result, NULL, (const char * const[]) { "jobs", NULL });
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "exemplar-cli jobs watch");
  run_cli (fixture, &result, NULL, (const char * const[]) { "jobs", "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  assert_contains (result.out, "exemplar-cli jobs create --model M --training-file ID");
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_secrets_store_finish (FT_SECRETS (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_profile (ApiFixture    *fixture,
              gconstpointer  data)
{
  g_autofree char *keyfile = g_build_filename (fixture->tmpdir, "config", "glib-2.0", "settings",
                                               "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(FtProviderStore) store = ft_provider_store_new (settings);
  g_autoptr(FtSecrets) secrets = ft_secrets_new ();
  g_auto(CliResult) result = { 0 };
  FtProvider *lab;
  gboolean done = FALSE;

  /* The app's profiles, as the app would have stored them. */
  lab = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_CUSTOM);
  ft_provider_set_display_name (lab, "Lab");
  ft_provider_set_base_url (lab, fixture->base_url);
  ft_provider_store_save (store);
  g_settings_sync ();

  /* Its key, in the keyring of this private session. */
  ft_secrets_store_async (secrets, ft_provider_get_id (lab), "Exemplar API key: Lab", TEST_KEY,
                          NULL, key_stored_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ft_secrets_get_keyring_available (secrets));

  /* No key in the environment: the keyring's is used. */
  run_cli (fixture, &result, NULL,
           (const char * const[]) { "models", "list", "--profile", "lab", NULL });
  assert_ok (&result);
  assert_contains (result.out, MODEL);
  g_assert_cmpstr (ft_emulator_get_last_header (fixture->emulator, "Authorization"),
                   ==, "Bearer " TEST_KEY);

  /* The default profile (OpenAI) has no key anywhere: nothing is sent. */
  run_cli (fixture, &result, NULL, (const char * const[]) { "models", "list", NULL });
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "no API key for the profile “OpenAI”");

  /* Made the default, Lab is used without --profile. */
  ft_provider_store_set_default_provider (store, lab);
  g_settings_sync ();
  run_cli (fixture, &result, NULL, (const char * const[]) { "chat", "--model", MODEL, "Hi", NULL });
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "The base model " MODEL " says: Hi\n");

  run_cli (fixture, &result, NULL,
           (const char * const[]) { "models", "list", "--profile", "Nowhere", NULL });
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err,
                   "there is no provider profile “Nowhere”; the profiles are “OpenAI”, “Lab”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("FT_TEST_SECRETS_MODE"), "keyring") != 0)
    {
      g_printerr ("test-cli-api: run me through tests/run-with-keyring.sh keyring\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add ("/ft/cli-api/" path, ApiFixture, NULL, api_fixture_setup, func, api_fixture_teardown)

  ADD ("models", test_models);
  ADD ("files", test_files);
  ADD ("jobs", test_jobs);
  ADD ("create-usage", test_create_usage);
  ADD ("watch", test_watch);
  ADD ("watch-interrupted", test_watch_interrupted);
  ADD ("chat", test_chat);
  ADD ("errors", test_errors);
  ADD ("profile", test_profile);

#undef ADD

  return g_test_run ();
}
