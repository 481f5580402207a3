/* ft-client-test-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client-test-utils.h"

#include <glib/gstdio.h>

/* A client talking to a fresh emulator on 127.0.0.1, with fast retries
 * and an upload record in a temporary directory.
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

  fixture->emulator = ft_emulator_new ();
  ft_emulator_set_api_key (fixture->emulator, TEST_API_KEY);
  ft_emulator_start (fixture->emulator, 0, &error);
  g_assert_no_error (error);

  base_url = ft_emulator_dup_base_url (fixture->emulator);
  fixture->provider = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OPENAI);
  ft_provider_set_base_url (fixture->provider, base_url);

  fixture->client = ft_client_new (fixture->provider);
  ft_client_set_api_key (fixture->client, TEST_API_KEY);
  ft_client_set_retry_delays (fixture->client, 1, 8);

  fixture->tmpdir = g_dir_make_tmp ("exemplar-client-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (fixture->tmpdir, "uploads.json", NULL);
  store_file = g_file_new_for_path (store_path);
  store = ft_upload_store_new (store_file);
  ft_client_set_upload_store (fixture->client, store);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
client_fixture_teardown (ClientFixture *fixture,
                         gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->emulator);

  /* Let the session and the server close their connections. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  remove_tree (fixture->tmpdir);
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
                            "{\"messages\": [{\"role\": \"user\", \"content\": \"Question %u from %s\"}, "
                            "{\"role\": \"assistant\", \"content\": \"Answer %u.\"}]}\n",
                            i, name, i);

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

  ft_client_upload_file_async (client, file, "fine-tune", NULL, NULL, NULL, store_result_cb, &result);
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
