/* test-contract-mock.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client-test-utils.h"
#include "ft-error.h"

#include <glib/gstdio.h>

/* Suite "contract", part 2: the client against `prism mock` on the spec
 * subset. Prism answers every call with the spec's example or a body built
 * from the schema, rejects requests that break the spec with 422 (and an
 * sl-violations header, which fails the test), and can be asked for error
 * answers with `Prefer: code=…`.
 */

static char *mock_url;

typedef struct
{
  FtProvider *provider;
  FtClient   *client;
  char       *tmpdir;
} MockFixture;

static void
on_got_headers_cb (SoupMessage *message,
                   gpointer     user_data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *violations = soup_message_headers_get_one (headers, "sl-violations");

  /* A request that breaks the spec gets 422 (or 415) from the mock. */
  if (violations == NULL &&
      (soup_message_get_status (message) == 422 || soup_message_get_status (message) == 415))
    violations = "(the mock rejected the request)";

  if (violations != NULL)
    g_ptr_array_add (client_test_get_violations (),
                     g_strdup_printf ("%s %s: %s", soup_message_get_method (message),
                                      g_uri_get_path (soup_message_get_uri (message)), violations));
}

static void
on_request_queued_cb (SoupSession *session,
                      SoupMessage *message,
                      const char **prefer)
{
  if (*prefer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Prefer", *prefer);
  g_signal_connect (message, "got-headers", G_CALLBACK (on_got_headers_cb), NULL);
}

static const char *prefer;

static void
mock_setup (MockFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->provider = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OPENAI);
  ft_provider_set_base_url (f->provider, mock_url);
  f->client = ft_client_new (f->provider);
  ft_client_set_api_key (f->client, TEST_API_KEY);
  ft_client_set_retry_delays (f->client, 1, 8);
  g_signal_connect (ft_client_get_session (f->client), "request-queued",
                    G_CALLBACK (on_request_queued_cb), &prefer);
  prefer = NULL;
  g_ptr_array_set_size (client_test_get_violations (), 0);

  f->tmpdir = g_dir_make_tmp ("exemplar-mock-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (f->tmpdir, "uploads.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(FtUploadStore) store = ft_upload_store_new (file);

    ft_client_set_upload_store (f->client, store);
  }
}

static void
mock_teardown (MockFixture   *f,
               gconstpointer  data)
{
  GPtrArray *violations = client_test_get_violations ();
  g_autofree char *store = g_build_filename (f->tmpdir, "uploads.json", NULL);
  g_autofree char *upload = g_build_filename (f->tmpdir, "train.jsonl", NULL);

  for (guint i = 0; i < violations->len; i++)
    g_test_message ("sl-violations: %s", (char *)g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);

  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  g_unlink (store);
  g_unlink (upload);
  g_rmdir (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
}

static GFile *
write_training_file (MockFixture *f)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "train.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (text, "{\"messages\": [{\"role\": \"user\", \"content\": \"Q%u\"}, "
                                  "{\"role\": \"assistant\", \"content\": \"A%u\"}]}\n", i, i);
  g_file_set_contents (path, text->str, text->len, NULL);

  return g_file_new_for_path (path);
}

static void
test_models (MockFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(FtModel) model = NULL;
  g_autoptr(FtModel) retrieved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GError) error = NULL;

  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 1);

  ft_client_retrieve_model_async (f->client, "gpt-4o-mini", NULL, store_result_cb, &result);
  retrieved = ft_client_retrieve_model_finish (f->client, wait_for_result (&result), &error);
  g_assert_no_error (error);
  /* The spec's own example. */
  g_assert_cmpstr (ft_model_get_id (retrieved), ==, "VAR_chat_model_id");
  g_assert_cmpstr (ft_model_get_shutdown_date (retrieved), ==, "2026-10-23");

  ft_client_delete_model_async (f->client,
                                "ft:gpt-4o-mini:acemeco:suffix:abc123",
                                NULL,
                                store_result_cb,
                                &deleted);
  g_assert_true (ft_client_delete_model_finish (f->client, wait_for_result (&deleted), &error));
  g_assert_no_error (error);
}

static void
test_files (MockFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GFile) file = write_training_file (f);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) downloaded = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GError) error = NULL;

  uploaded = upload_sync (f->client, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ft_file_get_id (uploaded));

  ft_client_list_files_async (f->client, "fine-tune", NULL, 10, NULL, store_result_cb, &listed);
  files = ft_client_list_files_finish (f->client, wait_for_result (&listed), NULL, &error);
  g_assert_no_error (error);

  ft_client_download_file_async (f->client, "file-abc123", NULL, store_result_cb, &downloaded);
  content = ft_client_download_file_finish (f->client, wait_for_result (&downloaded), &error);
  g_assert_no_error (error);

  ft_client_delete_file_async (f->client, "file-abc123", NULL, store_result_cb, &deleted);
  g_assert_true (ft_client_delete_file_finish (f->client, wait_for_result (&deleted), &error));
  g_assert_no_error (error);
}

static void
test_uploads_api (MockFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_training_file (f);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;

  /* Create, three parts and complete, each checked by Prism. */
  ft_client_set_uploads_threshold (f->client, 100);
  ft_client_set_part_size (f->client, 300);
  uploaded = upload_sync (f->client, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ft_file_get_id (uploaded));
}

static void
test_jobs (MockFixture   *f,
           gconstpointer  data)
{
  g_autoptr(FtJobParams) supervised = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-abc123");
  g_autoptr(FtJobParams) dpo = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-abc123");
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtJob) dpo_job = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GListModel) checkpoints = NULL;
  g_autoptr(FtEventLog) log = ft_event_log_new ("ftjob-abc123");
  g_autoptr(GError) error = NULL;
  gboolean has_more = FALSE;
  static const char *actions[] = { "retrieve", "cancel", "pause", "resume" };

  ft_job_params_set_n_epochs (supervised, 3);
  ft_job_params_set_learning_rate_multiplier (supervised, 0.5);
  ft_job_params_set_suffix (supervised, "contract");
  ft_job_params_set_seed (supervised, 42);
  ft_job_params_set_metadata (supervised, "team", "docs");
  job = create_job_sync (f->client, supervised, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (job), ==, FT_JOB_STATUS_VALIDATING_FILES);

  ft_job_params_set_method (dpo, FT_JOB_METHOD_DPO);
  ft_job_params_set_beta (dpo, 0.5);
  dpo_job = create_job_sync (f->client, dpo, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_list_jobs_async (f->client, "ftjob-abc", 5, NULL, store_result_cb, &result);
    jobs = ft_client_list_jobs_finish (f->client, wait_for_result (&result), &has_more, &error);
    g_assert_no_error (error);
    g_assert_true (has_more);
  }

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(FtJob) answer = job_sync (f->client, actions[i], "ftjob-abc123", &error);

      g_assert_no_error (error);
      g_assert_nonnull (answer);
    }

  {
    g_autoptr(GAsyncResult) result = NULL;

    /* The mock always says has_more, with the same event: the walk must
     * still end.
     */
    ft_client_update_event_log_async (f->client, log, NULL, store_result_cb, &result);
    g_assert_cmpuint (ft_client_update_event_log_finish (f->client,
                                                         wait_for_result (&result),
                                                         &error),
                      ==,
                      1);
    g_assert_no_error (error);
  }

  {
    g_autoptr(FtCheckpoint) newest = NULL;

    checkpoints = list_checkpoints_sync (f->client, "ftjob-abc123", 2, &has_more, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (checkpoints), ==, 2);
    g_assert_true (has_more);
    newest = g_list_model_get_item (checkpoints, 0);
    g_assert_cmpint (ft_checkpoint_get_step_number (newest), ==, 2000);
  }
}

static void
test_chat (MockFixture   *f,
           gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini");
  g_autoptr(FtChatResult) answer = NULL;
  g_autoptr(FtChatStream) stream = NULL;
  g_autoptr(FtChatResult) streamed = NULL;
  g_autoptr(GError) error = NULL;

  ft_chat_request_add_message (request, "developer", "Be kind.");
  ft_chat_request_add_message (request, "user", "Hello");
  ft_chat_request_set_temperature (request, 0.2);
  ft_chat_request_set_max_completion_tokens (request, 64);
  ft_chat_request_set_seed (request, 1);

  answer = chat_sync (f->client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_chat_result_get_content (answer), ==, "Hello! How can I assist you today?");
  g_assert_cmpint (ft_chat_result_get_total_tokens (answer), ==, 29);

  stream = ft_chat_stream_new (f->client, request);
  streamed = stream_sync (stream, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_chat_result_get_content (streamed), ==, "Hello!");
  g_assert_cmpstr (ft_chat_result_get_finish_reason (streamed), ==, "stop");
  g_assert_cmpint (ft_chat_result_get_prompt_tokens (streamed), ==, 9);
  g_assert_cmpint (ft_chat_result_get_completion_tokens (streamed), ==, 2);
}

static void
test_prefer_404 (MockFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(FtJob) job = NULL;
  g_autoptr(GError) error = NULL;

  prefer = "code=404";
  job = job_sync (f->client, "retrieve", "ftjob-missing", &error);
  g_assert_null (job);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Not found (HTTP 404): Example error message.");
  g_assert_cmpstr (ft_client_error_get_api_type (error), ==, "invalid_request_error");
}

static void
test_prefer_429 (MockFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini");
  g_autoptr(FtChatResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* Prism sends Retry-After: 1; one retry keeps this to a second. */
  ft_client_set_max_retries (f->client, 1);
  ft_chat_request_add_message (request, "user", "Hello");
  prefer = "code=429";
  answer = chat_sync (f->client, request, &error);
  g_assert_null (answer);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message,
                   ==,
                   "Too many requests; the provider asks to slow down (HTTP 429): "
                   "string. Tried 2 times.");
  g_assert_cmpuint (ft_client_error_get_status (error), ==, 429);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  client_test_init (FALSE);

#define ADD(path, func) \
  g_test_add ("/ft/contract-mock/" path, MockFixture, NULL, mock_setup, func, mock_teardown)

  ADD ("models", test_models);
  ADD ("files", test_files);
  ADD ("uploads-api", test_uploads_api);
  ADD ("jobs", test_jobs);
  ADD ("chat", test_chat);
  ADD ("prefer-404", test_prefer_404);
  ADD ("prefer-429", test_prefer_429);

#undef ADD

  mock_url = client_test_start_prism ("mock", NULL);
  status = g_test_run ();
  g_clear_pointer (&mock_url, g_free);

  return client_test_finish (status);
}
