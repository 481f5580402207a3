/* ft-client-test-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client-test-utils.h"
#include "ft-core-test-utils.h"

#include <glib/gstdio.h>
#include <sys/prctl.h>
#include <signal.h>

/* Contract mode: with FT_PRISM set (the path of Stoplight Prism), the
 * client tests run through `prism proxy --errors` in front of one shared
 * emulator, and every response is checked for an `sl-violations` header.
 */
static FtEmulator  *contract_emulator;
static GSubprocess *prism;
static char        *prism_url;
static char        *prism_log;
static GPtrArray   *violations;
static char        *prefer;

static void
kill_with_parent (gpointer user_data)
{
  /* Prism must not outlive a test that crashed. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static guint
pick_free_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_listener_close (listener);

  return port;
}

static void
print_prism_log (void)
{
  g_autofree char *text = NULL;

  if (prism_log != NULL && g_file_get_contents (prism_log, &text, NULL, NULL))
    g_printerr ("--- Prism's log ---\n%s\n-------------------\n", text);
}

/**
 * client_test_start_prism:
 * @mode: "proxy" or "mock"
 * @upstream: (nullable): for "proxy", the upstream base URL
 *
 * Starts Prism on a free loopback port and polls until it answers.
 *
 * Returns: (transfer full): Prism's base URL
 */
char *
client_test_start_prism (const char *mode,
                         const char *upstream)
{
  const char *prism_path = g_getenv ("FT_PRISM");
  const char *spec = g_getenv ("FT_CONTRACT_SPEC");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *port_s = NULL;
  g_autofree char *dir = NULL;
  gint64 deadline;
  guint port;

  g_assert_nonnull (prism_path);
  g_assert_nonnull (spec);

  port = pick_free_port ();
  port_s = g_strdup_printf ("%u", port);
  dir = g_dir_make_tmp ("exemplar-prism-XXXXXX", &error);
  g_assert_no_error (error);
  prism_log = g_build_filename (dir, "prism.log", NULL);

  g_ptr_array_add (args, (gpointer)prism_path);
  g_ptr_array_add (args, (gpointer)mode);
  g_ptr_array_add (args, "-h");
  g_ptr_array_add (args, "127.0.0.1");
  g_ptr_array_add (args, "-p");
  g_ptr_array_add (args, port_s);
  if (g_str_equal (mode, "proxy"))
    g_ptr_array_add (args, "--errors");
  g_ptr_array_add (args, (gpointer)spec);
  if (upstream != NULL)
    g_ptr_array_add (args, (gpointer)upstream);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdout_file_path (launcher, prism_log);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);
  prism = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);

  prism_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  session = soup_session_new ();
  deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  /* Poll until Prism answers anything at all. */
  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("%s/models", prism_url);
      g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      /* Asynchronously: the proxy's upstream, the emulator, runs on this
       * thread's main context.
       */
      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", "Bearer " TEST_API_KEY);
      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                        store_result_cb, &result);
      body = soup_session_send_and_read_finish (session, wait_for_result (&result), &local_error);
      if (body != NULL)
        break;

      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (prism) == NULL)
        {
          print_prism_log ();
          g_error ("Prism did not start: %s", local_error->message);
        }
      g_usleep (100 * 1000);
    }

  return g_strdup (prism_url);
}

void
client_test_stop_prism (void)
{
  if (prism != NULL)
    {
      g_subprocess_send_signal (prism, SIGTERM);
      g_subprocess_wait (prism, NULL, NULL);
      g_clear_object (&prism);
    }

  if (prism_log != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (prism_log);

      g_unlink (prism_log);
      g_rmdir (dir);
      g_clear_pointer (&prism_log, g_free);
    }
  g_clear_pointer (&prism_url, g_free);
}

gboolean
client_test_through_proxy (void)
{
  return contract_emulator != NULL;
}

/**
 * client_test_init:
 * @proxy: whether to run through Prism's proxy when it is available
 *
 * Call after g_test_init(). In contract mode (FT_PRISM set) and with
 * @proxy, starts the shared emulator and Prism's validating proxy in
 * front of it.
 */
void
client_test_init (gboolean proxy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *upstream = NULL;
  g_autofree char *url = NULL;

  violations = g_ptr_array_new_with_free_func (g_free);

  if (!proxy || g_getenv ("FT_PRISM") == NULL)
    return;

  contract_emulator = ft_emulator_new ();
  ft_emulator_start (contract_emulator, 0, &error);
  g_assert_no_error (error);
  upstream = ft_emulator_dup_base_url (contract_emulator);
  url = client_test_start_prism ("proxy", upstream);
  g_test_message ("Prism's validating proxy at %s in front of %s", url, upstream);
}

int
client_test_finish (int status)
{
  if (status != 0)
    print_prism_log ();
  client_test_stop_prism ();
  g_clear_object (&contract_emulator);
  g_clear_pointer (&violations, g_ptr_array_unref);
  g_clear_pointer (&prefer, g_free);

  return status;
}

GPtrArray *
client_test_get_violations (void)
{
  return violations;
}

void
client_test_set_prefer (const char *value)
{
  g_free (prefer);
  prefer = g_strdup (value);
}

static void
on_got_headers_cb (SoupMessage *message,
                   gpointer     user_data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *header = soup_message_headers_get_one (headers, "sl-violations");
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  /* Prism's own answers (a 422 for a bad request, a 500 for a bad
   * response) are problem+json; the emulator never sends that.
   */
  if (header == NULL && g_strcmp0 (content_type, "application/problem+json") == 0)
    header = "(Prism answered with application/problem+json)";

  if (header != NULL)
    g_ptr_array_add (violations, g_strdup_printf ("%s %s -> %u: %s",
                                                  soup_message_get_method (message),
                                                  g_uri_get_path (soup_message_get_uri (message)),
                                                  soup_message_get_status (message),
                                                  header));
}

/* Every message the client sends: add the Prefer header of a mock test,
 * and collect Prism's verdict on the answer.
 */
static void
on_request_queued_cb (SoupSession *session,
                      SoupMessage *message,
                      gpointer     user_data)
{
  if (prefer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Prefer", prefer);
  g_signal_connect (message, "got-headers", G_CALLBACK (on_got_headers_cb), NULL);
}

/**
 * client_test_check_chunks:
 * @chunks: JSON payloads of `data:` lines, one per line
 * @output: (out): what the checker printed
 *
 * Runs tests/contract/check-sse-chunks.js on @chunks.
 */
gboolean
client_test_check_chunks (const char  *chunks,
                          char       **output)
{
  g_autofree char *dir = g_dir_make_tmp ("exemplar-chunks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chunks.txt", NULL);
  g_autoptr(GSubprocess) node = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_file_set_contents (path, chunks, -1, &error);
  g_assert_no_error (error);

  node = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                           &error,
                           g_getenv ("FT_NODE") ? g_getenv ("FT_NODE") : "node",
                           g_getenv ("FT_CHUNK_CHECKER"),
                           g_getenv ("FT_CONTRACT_SPEC"),
                           path,
                           NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (node, NULL, NULL, output, NULL, &error);
  g_assert_no_error (error);
  ok = g_subprocess_get_if_exited (node) && g_subprocess_get_exit_status (node) == 0;

  g_unlink (path);
  g_rmdir (dir);

  return ok;
}

/* A client talking to a fresh emulator on 127.0.0.1 (or, in contract
 * mode, to Prism in front of the shared, reset emulator), with fast
 * retries and an upload record in a temporary directory.
 */
void
client_fixture_setup (ClientFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *store_path = NULL;
  g_autoptr(GFile) store_file = NULL;
  g_autoptr(FtUploadStore) store = NULL;

  if (contract_emulator != NULL)
    {
      fixture->emulator = g_object_ref (contract_emulator);
      ft_emulator_reset (fixture->emulator);
      base_url = g_strdup (prism_url);
    }
  else
    {
      fixture->emulator = ft_emulator_new ();
      ft_emulator_start (fixture->emulator, 0, &error);
      g_assert_no_error (error);
      base_url = ft_emulator_dup_base_url (fixture->emulator);
    }
  ft_emulator_set_api_key (fixture->emulator, TEST_API_KEY);

  fixture->provider = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OPENAI);
  ft_provider_set_base_url (fixture->provider, base_url);

  fixture->client = ft_client_new (fixture->provider);
  g_signal_connect (ft_client_get_session (fixture->client), "request-queued",
                    G_CALLBACK (on_request_queued_cb), NULL);
  g_ptr_array_set_size (violations, 0);
  ft_client_set_api_key (fixture->client, TEST_API_KEY);
  ft_client_set_retry_delays (fixture->client, 1, 8);

  fixture->tmpdir = g_dir_make_tmp ("exemplar-client-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (fixture->tmpdir, "uploads.json", NULL);
  store_file = g_file_new_for_path (store_path);
  store = ft_upload_store_new (store_file);
  ft_client_set_upload_store (fixture->client, store);
}

void
client_fixture_teardown (ClientFixture *fixture,
                         gconstpointer  data)
{
  /* Any request or answer that broke the spec fails the test. */
  for (guint i = 0; i < violations->len; i++)
    g_test_message ("sl-violations: %s", (char *)g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);

  g_clear_object (&fixture->client);
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->emulator);

  /* Let the session and the server close their connections. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  ft_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Iterates the main context until the callback stored a result. */
GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

GFile *
write_jsonl (ClientFixture *fixture,
             const char    *name,
             guint          n_lines)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (text,
                            "{\"messages\": "
                            "[{\"role\": \"user\", \"content\": \"Question %u from %s\"}, "
                            "{\"role\": \"assistant\", \"content\": \"Answer %u.\"}]}\n",
                            i,
                            name,
                            i);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

FtFile *
upload_sync (FtClient  *client,
             GFile     *file,
             gboolean  *reused,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_upload_file_async (client,
                               file,
                               "fine-tune",
                               NULL,
                               NULL,
                               NULL,
                               store_result_cb,
                               &result);
  return ft_client_upload_file_finish (client, wait_for_result (&result), reused, error);
}

FtJob *
create_job_sync (FtClient     *client,
                 FtJobParams  *params,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_create_job_async (client, params, NULL, store_result_cb, &result);
  return ft_client_create_job_finish (client, wait_for_result (&result), error);
}

FtJob *
job_sync (FtClient    *client,
          const char  *action,
          const char  *job_id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (g_str_equal (action, "retrieve"))
    ft_client_retrieve_job_async (client, job_id, NULL, store_result_cb, &result);
  else if (g_str_equal (action, "cancel"))
    ft_client_cancel_job_async (client, job_id, NULL, store_result_cb, &result);
  else if (g_str_equal (action, "pause"))
    ft_client_pause_job_async (client, job_id, NULL, store_result_cb, &result);
  else if (g_str_equal (action, "resume"))
    ft_client_resume_job_async (client, job_id, NULL, store_result_cb, &result);
  else
    g_assert_not_reached ();

  return ft_client_job_finish (client, wait_for_result (&result), error);
}

GListModel *
list_models_sync (FtClient  *client,
                  GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_list_models_async (client, NULL, store_result_cb, &result);
  return ft_client_list_models_finish (client, wait_for_result (&result), error);
}

GListModel *
list_checkpoints_sync (FtClient    *client,
                       const char  *job_id,
                       guint        limit,
                       gboolean    *has_more,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_list_checkpoints_async (client, job_id, NULL, limit, NULL, store_result_cb, &result);
  return ft_client_list_checkpoints_finish (client, wait_for_result (&result), has_more, error);
}

FtChatResult *
chat_sync (FtClient       *client,
           FtChatRequest  *request,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_chat_async (client, request, NULL, store_result_cb, &result);
  return ft_client_chat_finish (client, wait_for_result (&result), error);
}

FtChatResult *
stream_sync (FtChatStream  *stream,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_chat_stream_run_async (stream, NULL, store_result_cb, &result);
  return ft_chat_stream_run_finish (stream, wait_for_result (&result), error);
}
