/* test-faults.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client-test-utils.h"
#include "ft-error.h"

/* Every network failure ends in one exact, user-facing outcome: the error
 * code, the message (with the server's own words), how many requests were
 * made, and that the key never shows.
 */

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (captured_log != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
            {
              g_string_append_len (captured_log,
                                   fields[i].value,
                                   fields[i].length < 0 ? (gssize)strlen (fields[i].value)
                                                        : fields[i].length);
              g_string_append_c (captured_log, '\n');
            }
        }
      if ((log_level & G_LOG_LEVEL_DEBUG) != 0)
        return G_LOG_WRITER_HANDLED;
    }

  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static GListModel *
list_jobs_sync (FtClient  *client,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_list_jobs_async (client, NULL, 0, NULL, store_result_cb, &result);
  return ft_client_list_jobs_finish (client, wait_for_result (&result), NULL, error);
}

static void
test_401 (ClientFixture *f,
          gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_HTTP_401, 1);
  models = list_models_sync (f->client, &error);
  g_assert_null (models);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==,
                   "The API key was rejected (HTTP 401): Incorrect API key provided: [emulated]. "
                   "You can find your API key at https://platform.openai.com/account/api-keys.");
  g_assert_cmpuint (ft_client_error_get_status (error), ==, 401);
  g_assert_cmpstr (ft_client_error_get_api_code (error), ==, "invalid_api_key");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /models"), ==, 1);
}

static void
test_404 (ClientFixture *f,
          gconstpointer  data)
{
  g_autoptr(FtJob) job = NULL;
  g_autoptr(GError) error = NULL;

  job = job_sync (f->client, "retrieve", "ftjob-gone", &error);
  g_assert_null (job);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message,
                   ==,
                   "Not found (HTTP 404): Could not find fine tune job: ftjob-gone");
  g_assert_cmpstr (ft_client_error_get_api_code (error), ==, "fine_tune_not_found");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs/ftjob-gone"),
                    ==,
                    1);
}

static void
test_429_retried_then_given_up (ClientFixture *f,
                                gconstpointer  data)
{
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_set_retry_after (f->emulator, "0");
  ft_emulator_add_fault (f->emulator, "GET /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_429, 5);
  jobs = list_jobs_sync (f->client, &error);
  g_assert_null (jobs);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message,
                   ==,
                   "Too many requests; the provider asks to slow down (HTTP 429): "
                   "Rate limit reached for requests (emulated). "
                   "Please try again shortly. Tried 3 times.");
  /* The first attempt and the default two retries. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs"), ==, 3);
}

static void
test_429_then_success (ClientFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) past = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_seconds (past, -5);
  g_autofree char *http_date = g_date_time_format (earlier, "%a, %d %b %Y %H:%M:%S GMT");

  /* An HTTP date in the past means "now". */
  ft_emulator_set_retry_after (f->emulator, http_date);
  ft_emulator_add_fault (f->emulator, "GET /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_429, 1);
  jobs = list_jobs_sync (f->client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (jobs);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs"), ==, 2);
}

static void
test_429_retry_after_too_long (ClientFixture *f,
                               gconstpointer  data)
{
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_set_retry_after (f->emulator, "121");
  ft_emulator_add_fault (f->emulator, "GET /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_429, 1);
  jobs = list_jobs_sync (f->client, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==,
                   "Too many requests; the provider asks to slow down (HTTP 429): "
                   "Rate limit reached for requests (emulated). Please try again shortly.");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs"), ==, 1);
}

static void
test_429_quota (ClientFixture *f,
                gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ft_chat_request_add_message (request, "user", "hi");
  ft_emulator_add_fault (f->emulator,
                         "POST /chat/completions",
                         FT_EMULATOR_FAULT_HTTP_429_QUOTA,
                         5);
  result = chat_sync (f->client, request, &error);
  g_assert_null (result);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_QUOTA);
  g_assert_cmpstr (error->message, ==,
                   "The provider refused for a billing reason: the account has no quota left. "
                   "Check the plan and billing details with the provider (HTTP 429): "
                   "You exceeded your current quota, please check your plan and billing details.");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /chat/completions"), ==, 1);
}

static void
test_500 (ClientFixture *f,
          gconstpointer  data)
{
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtJobParams) params = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-1");
  g_autoptr(GError) error = NULL;

  ft_emulator_add_fault (f->emulator, "GET /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_500, 5);
  jobs = list_jobs_sync (f->client, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message,
                   ==,
                   "The server failed (HTTP 500): "
                   "The server had an error while processing your request (emulated). "
                   "Tried 3 times.");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs"), ==, 3);
  g_clear_error (&error);

  /* Creating a job is not repeated: a second job would cost money. */
  ft_emulator_add_fault (f->emulator, "POST /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_500, 5);
  job = create_job_sync (f->client, params, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message,
                   ==,
                   "The server failed (HTTP 500): "
                   "The server had an error while processing your request (emulated).");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /fine_tuning/jobs"), ==, 1);
}

static void
test_should_retry_header (ClientFixture *f,
                          gconstpointer  data)
{
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtJobParams) params = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-1");
  g_autoptr(GError) error = NULL;

  ft_emulator_set_should_retry (f->emulator, "false");
  ft_emulator_add_fault (f->emulator, "GET /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_500, 5);
  jobs = list_jobs_sync (f->client, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs"), ==, 1);
  g_clear_error (&error);

  /* The server may also ask for a retry the client would not make. */
  ft_emulator_clear_faults (f->emulator);
  ft_emulator_set_should_retry (f->emulator, "true");
  ft_emulator_add_fault (f->emulator, "POST /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_500, 1);
  job = create_job_sync (f->client, params, &error);
  /* Retried, and then the server's own check: the file does not exist. */
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_HTTP);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /fine_tuning/jobs"), ==, 2);
}

static void
test_malformed_json (ClientFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_MALFORMED_JSON, 1);
  models = list_models_sync (f->client, &error);
  g_assert_null (models);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The server’s answer to /v1/models is not a JSON object: "));
  g_assert_cmpuint (ft_client_error_get_status (error), ==, 200);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /models"), ==, 1);
}

static void
test_connection_refused (ClientFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and is closed now. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/v1",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_listener_close (listener);

  ft_provider_set_base_url (f->provider, url);
  models = list_models_sync (f->client, &error);
  g_assert_null (models);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_CONNECTION);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach 127.0.0.1: "));
  g_assert_true (g_str_has_suffix (error->message, "Tried 3 times."));
  g_assert_cmpuint (ft_client_error_get_status (error), ==, 0);
}

static void
test_connection_reset (ClientFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_RESET, 3);
  models = list_models_sync (f->client, &error);
  g_assert_null (models);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_CONNECTION);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach 127.0.0.1: "));
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /models"), ==, 3);
  g_clear_error (&error);

  /* Once the connection holds again, the retry gets through. */
  ft_emulator_clear_log (f->emulator);
  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_RESET, 1);
  g_clear_object (&models);
  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /models"), ==, 2);
}

static void
test_timeout (ClientFixture *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  ft_client_set_timeouts (f->client, 150, 150);
  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_STALL, 5);
  models = list_models_sync (f->client, &error);
  g_assert_null (models);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message,
                   ==,
                   "127.0.0.1 stopped answering (nothing for 1 second). Tried 3 times.");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /models"), ==, 3);
}

static FtChatResult *
stream_with_fault (ClientFixture    *f,
                   FtEmulatorFault   fault,
                   GError          **error)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatStream) stream = NULL;

  ft_chat_request_add_message (request, "user", "one two three four five six");
  ft_emulator_add_fault (f->emulator, "POST /chat/completions", fault, 1);
  stream = ft_chat_stream_new (f->client, request);

  return stream_sync (stream, error);
}

static void
test_sse_cut (ClientFixture *f,
              gconstpointer  data)
{
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = stream_with_fault (f, FT_EMULATOR_FAULT_SSE_CUT, &error);
  g_assert_null (result);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE);
  /* "The base model gpt-4o-mini-2024-07-18 says: one" is as far as it got. */
  g_assert_cmpstr (error->message,
                   ==,
                   "The answer broke off before it was complete (after 47 characters)");
  /* Nothing is retried once the answer has started. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /chat/completions"), ==, 1);
}

static void
test_sse_error (ClientFixture *f,
                gconstpointer  data)
{
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = stream_with_fault (f, FT_EMULATOR_FAULT_SSE_ERROR, &error);
  g_assert_null (result);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message,
                   ==,
                   "The server stopped the answer with an error: "
                   "The model overloaded while answering.");
  g_assert_cmpstr (ft_client_error_get_api_code (error), ==, "server_overloaded");
}

static void
test_sse_stall (ClientFixture *f,
                gconstpointer  data)
{
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ft_client_set_timeouts (f->client, 5000, 200);
  result = stream_with_fault (f, FT_EMULATOR_FAULT_SSE_STALL, &error);
  g_assert_null (result);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "The answer stopped arriving: nothing came for 1 second");
}

static void
on_first_delta_cb (FtChatStream *stream,
                   const char   *text,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_stream_cancelled (ClientFixture *f,
                       gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FtChatResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_set_stream_delay (f->emulator, 20);
  ft_emulator_add_fault (f->emulator, "POST /chat/completions", FT_EMULATOR_FAULT_SLOW, 1);
  ft_chat_request_add_message (request, "user", "a long answer please");
  stream = ft_chat_stream_new (f->client, request);
  g_signal_connect (stream, "delta", G_CALLBACK (on_first_delta_cb), cancellable);

  ft_chat_stream_run_async (stream, cancellable, store_result_cb, &result);
  answer = ft_chat_stream_run_finish (stream, wait_for_result (&result), &error);
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ft_chat_stream_get_running (stream));
  g_assert_cmpstr (ft_chat_stream_get_text (stream), ==, "The");
}

static void
test_cancelled_while_waiting_to_retry (ClientFixture *f,
                                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  ft_client_set_retry_delays (f->client, 60000, 60000);
  ft_emulator_add_fault (f->emulator, "GET /fine_tuning/jobs", FT_EMULATOR_FAULT_HTTP_500, 5);
  ft_client_list_jobs_async (f->client, NULL, 0, cancellable, store_result_cb, &result);

  while (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs") == 0)
    g_main_context_iteration (NULL, TRUE);

  started = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  jobs = ft_client_list_jobs_finish (f->client, wait_for_result (&result), NULL, &error);
  g_assert_null (jobs);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It did not sit out the minute of backoff. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs"), ==, 1);
}

static void
test_key_never_shown (ClientFixture *f,
                      gconstpointer  data)
{
  static const char secret[] = "sk-proj-SECRET-never-show-me-0123456789";
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GListModel) rejected = NULL;
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatStream) stream = NULL;
  g_autoptr(FtChatResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = log;

  /* A working key: debug output of a normal call and a stream. */
  ft_emulator_set_api_key (f->emulator, secret);
  ft_client_set_api_key (f->client, secret);
  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  ft_chat_request_add_message (request, "user", "hello");
  stream = ft_chat_stream_new (f->client, request);
  answer = stream_sync (stream, &error);
  g_assert_no_error (error);

  /* A rejected key that the server quotes back in its message. */
  ft_emulator_set_api_key (f->emulator, "sk-the-right-one");
  rejected = list_models_sync (f->client, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH);
  g_assert_null (strstr (error->message, secret));
  g_assert_cmpstr (error->message, ==,
                   "The API key was rejected (HTTP 401): Incorrect API key provided: [API key]. "
                   "You can find your API key at https://platform.openai.com/account/api-keys.");
  g_clear_error (&error);

  /* And a failure of the connection itself, retried. */
  ft_emulator_set_api_key (f->emulator, secret);
  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_RESET, 5);
  g_clear_object (&rejected);
  rejected = list_models_sync (f->client, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_CONNECTION);
  g_assert_null (strstr (error->message, secret));

  captured_log = NULL;
  g_unsetenv ("G_MESSAGES_DEBUG");

  g_assert_cmpuint (log->len, >, 0);
  g_assert_nonnull (strstr (log->str, "Authorization: [redacted]"));
  g_assert_nonnull (strstr (log->str, "req_emulator_"));
  g_assert_null (strstr (log->str, secret));
  g_assert_null (strstr (log->str, "SECRET"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/ft/client-faults/" path, ClientFixture, NULL, \
              client_fixture_setup, func, client_fixture_teardown)


  ADD ("401", test_401);
  ADD ("404", test_404);
  ADD ("429-retried-then-given-up", test_429_retried_then_given_up);
  ADD ("429-then-success", test_429_then_success);
  ADD ("429-retry-after-too-long", test_429_retry_after_too_long);
  ADD ("429-quota", test_429_quota);
  ADD ("500", test_500);
  ADD ("should-retry-header", test_should_retry_header);
  ADD ("malformed-json", test_malformed_json);
  ADD ("connection-refused", test_connection_refused);
  ADD ("connection-reset", test_connection_reset);
  ADD ("timeout", test_timeout);
  ADD ("sse-cut", test_sse_cut);
  ADD ("sse-error", test_sse_error);
  ADD ("sse-stall", test_sse_stall);
  ADD ("stream-cancelled", test_stream_cancelled);
  ADD ("cancelled-while-waiting-to-retry", test_cancelled_while_waiting_to_retry);
  ADD ("key-never-shown", test_key_never_shown);

#undef ADD

  client_test_init (FALSE);
  return client_test_finish (g_test_run ());
}
