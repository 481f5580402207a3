/* bench-client.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bench-util.h"
#include "ft-client.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* Measures the provider client against exemplar-emulator running in its
 * own process: a 256 MB streamed upload (throughput and the client's
 * peak memory), the same file through the Uploads API in 64 MB parts,
 * and chat: time to first token of three side-by-side streams and the
 * rate of plain completions. Prints numbers; asserts nothing.
 */

#define FILE_SIZE (256 * 1024 * 1024)

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static char *
write_file (const char *dir)
{
  char *path = g_build_filename (dir, "bench.jsonl", NULL);
  g_autoptr(GString) block = g_string_new (NULL);
  FILE *out = g_fopen (path, "wb");
  gsize written = 0;
  guint line = 0;

  while (written < FILE_SIZE)
    {
      g_string_truncate (block, 0);
      while (block->len < 1024 * 1024)
        g_string_append_printf (block,
                                "{\"messages\": "
                                "[{\"role\": \"user\", \"content\": \"Question %u\"}, "
                                "{\"role\": \"assistant\", \"content\": \"Answer %u.\"}]}\n",
                                line,
                                line),
        line++;
      if (written + block->len > FILE_SIZE)
        g_string_truncate (block, FILE_SIZE - written);
      fwrite (block->str, 1, block->len, out);
      written += block->len;
    }
  fclose (out);

  return path;
}

/* When the first byte of the file went out: before it, the file is
 * hashed (to find an earlier upload of the same content).
 */
static void
first_byte_cb (goffset  current,
               goffset  total,
               gpointer user_data)
{
  gint64 *first_byte = user_data;

  if (*first_byte == 0)
    *first_byte = g_get_monotonic_time ();
}

/* Uploads @path; returns the seconds it took, and in @sending those from
 * the first byte sent to the end.
 */
static double
upload (FtClient   *client,
        const char *path,
        double     *sending)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 first_byte = 0;
  gint64 end;

  ft_client_upload_file_async (client, file, "fine-tune", first_byte_cb, &first_byte, NULL,
                               store_cb, &result);
  uploaded = ft_client_upload_file_finish (client, wait_for (&result), NULL, &error);
  if (uploaded == NULL)
    g_error ("upload failed: %s", error->message);

  end = g_get_monotonic_time ();
  *sending = (end - first_byte) / (double)G_USEC_PER_SEC;

  return (end - start) / (double)G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) emulator = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(FtProvider) provider = NULL;
  g_autoptr(FtClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("exemplar-bench-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "uploads.json", NULL);
  g_autoptr(GFile) store_file = g_file_new_for_path (store_path);
  g_autoptr(FtUploadStore) store = NULL;
  g_autofree char *path = NULL;
  gint64 rss_before;
  double seconds;
  double sending;

  emulator =
    g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, EMULATOR_PATH, "--port", "0", NULL);
  if (emulator == NULL)
    g_error ("%s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (emulator));
  base_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (base_url == NULL)
    g_error ("the emulator did not start");

  provider = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OPENAI);
  ft_provider_set_base_url (provider, base_url);
  client = ft_client_new (provider);
  ft_client_set_api_key (client, "sk-bench");

  path = write_file (dir);

  /* Each upload gets a fresh record, so nothing is skipped as a repeat. */
  store = ft_upload_store_new (store_file);
  ft_client_set_upload_store (client, store);
  rss_before = ft_bench_read_status_kb ("VmRSS:");
  seconds = upload (client, path, &sending);
  printf ("upload /files, 256 MB streamed:     %6.2f s  %6.1f MB/s  "
          "client peak RSS %" G_GINT64_FORMAT " MB "
          "(%+" G_GINT64_FORMAT " MB over %" G_GINT64_FORMAT " MB before)\n",
          seconds,
          256 / seconds,
          ft_bench_read_status_kb ("VmHWM:") / 1024,
          (ft_bench_read_status_kb ("VmHWM:") - rss_before) / 1024,
          rss_before / 1024);
  printf ("  of which hashing %.2f s, sending %.2f s (%.1f MB/s)\n",
          seconds - sending, sending, 256 / sending);

  g_clear_object (&store);
  g_unlink (store_path);
  store = ft_upload_store_new (store_file);
  ft_client_set_upload_store (client, store);
  ft_client_set_uploads_threshold (client, 0);
  seconds = upload (client, path, &sending);
  printf ("upload Uploads API, 4 × 64 MB parts:%6.2f s  %6.1f MB/s  "
          "client peak RSS %" G_GINT64_FORMAT " MB\n",

          seconds,
          256 / seconds,
          ft_bench_read_status_kb ("VmHWM:") / 1024);
  printf ("  of which hashing %.2f s, sending %.2f s (%.1f MB/s)\n",
          seconds - sending, sending, 256 / sending);

  {
    FtChatStream *streams[3];
    GAsyncResult *results[3] = { NULL };
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");

        ft_chat_request_add_message (request,
                                     "user",
                                     "Tell me about the sea, the sky and the hills");
        streams[i] = ft_chat_stream_new (client, request);
        ft_chat_stream_run_async (streams[i], NULL, store_cb, &results[i]);
      }
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(FtChatResult) result =
          ft_chat_stream_run_finish (streams[i], wait_for (&results[i]), &error);

        if (result == NULL)
          g_error ("stream failed: %s", error->message);
        printf ("stream %u of 3 side by side: time to first token %.1f ms, total %.1f ms\n", i + 1,
                ft_chat_result_get_time_to_first_token (result) * 1000,
                ft_chat_result_get_total_time (result) * 1000);
        g_object_unref (results[i]);
        g_object_unref (streams[i]);
      }
    printf ("3 streams together: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  }

  {
    g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
    gint64 start = g_get_monotonic_time ();
    const guint n = 200;

    ft_chat_request_add_message (request, "user", "hello");
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GAsyncResult) result = NULL;
        g_autoptr(FtChatResult) answer = NULL;

        ft_client_chat_async (client, request, NULL, store_cb, &result);
        answer = ft_client_chat_finish (client, wait_for (&result), &error);
        if (answer == NULL)
          g_error ("chat failed: %s", error->message);
      }
    printf ("plain chat completions, one after another: %.0f per second\n",
            n / ((g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC));
  }

  g_subprocess_send_signal (emulator, SIGTERM);
  g_subprocess_wait (emulator, NULL, NULL);
  g_unlink (path);
  g_unlink (store_path);
  g_rmdir (dir);

  return 0;
}
