/* test-upload.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client-test-utils.h"
#include "ft-error.h"

#include <glib/gstdio.h>

/* Uploads: streamed from disk with flat memory, the Uploads API in parts
 * with a part retried alone, clean-up on the server when an upload cannot
 * finish, and the record that keeps the same bytes from going up twice.
 */

typedef struct
{
  goffset  last;
  goffset  total;
  guint    calls;
  gboolean monotonic;
  GCancellable *cancel_after_first;
} Progress;

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (current < progress->last)
    progress->monotonic = FALSE;
  progress->last = current;
  progress->total = total;
  progress->calls++;

  if (progress->cancel_after_first != NULL && current > 0)
    g_cancellable_cancel (progress->cancel_after_first);
}

static gint64
read_vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  g_assert_nonnull (status);
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);

  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

/* Writes @size bytes of JSONL a megabyte at a time, returning its SHA-256. */
static GFile *
write_big_jsonl (ClientFixture  *f,
                 const char     *name,
                 gsize           size,
                 char          **sha256)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) block = g_string_new (NULL);
  FILE *out = g_fopen (path, "wb");
  gsize written = 0;
  guint line = 0;

  g_assert_nonnull (out);
  while (written < size)
    {
      g_string_truncate (block, 0);
      while (block->len < 1024 * 1024 && written + block->len < size)
        {
          g_string_append_printf (block,
                                  "{\"messages\": "
                                  "[{\"role\": \"user\", \"content\": \"Line %u asks something\"}, "
                                  "{\"role\": \"assistant\", "
                                  "\"content\": \"And line %u answers it.\"}]}\n",
                                  line,
                                  line);
          line++;
        }
      if (written + block->len > size)
        g_string_truncate (block, size - written);
      g_assert_cmpuint (fwrite (block->str, 1, block->len, out), ==, block->len);
      g_checksum_update (checksum, (const guchar *)block->str, block->len);
      written += block->len;
    }
  fclose (out);

  *sha256 = g_strdup (g_checksum_get_string (checksum));
  return g_file_new_for_path (path);
}

static FtFile *
upload_with_progress (ClientFixture  *f,
                      GFile          *file,
                      Progress       *progress,
                      GCancellable   *cancellable,
                      gboolean       *reused,
                      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_client_upload_file_async (f->client, file, "fine-tune", progress_cb, progress, cancellable,
                               store_result_cb, &result);
  return ft_client_upload_file_finish (f->client, wait_for_result (&result), reused, error);
}

/* Runs first in this program, so that no earlier test has raised the
 * high-water mark already.
 */
static void
test_streamed_memory (ClientFixture *f,
                      gconstpointer  data)
{
  const gsize size = 64 * 1024 * 1024;
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = write_big_jsonl (f, "big.jsonl", size, &sha256);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL };
  gint64 before_kb;
  gint64 after_kb;

  before_kb = read_vm_hwm_kb ();
  uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
  after_kb = read_vm_hwm_kb ();

  g_assert_no_error (error);
  g_assert_cmpint (ft_file_get_bytes (uploaded), ==, size);
  g_assert_cmpstr (ft_emulator_get_file_sha256 (f->emulator, ft_file_get_id (uploaded)),
                   ==,
                   sha256);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /files"), ==, 1);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads"), ==, 0);

  g_assert_true (progress.monotonic);
  g_assert_cmpint (progress.total, ==, size);
  g_assert_cmpint (progress.last, ==, size);
  g_assert_cmpuint (progress.calls, >, 100);

  /* Client and emulator share this process; together they stay far below
   * the file's size.
   */
  g_test_message ("VmHWM %" G_GINT64_FORMAT " kB -> %" G_GINT64_FORMAT
                  " kB for a %zu MB upload; largest chunk %" G_GINT64_FORMAT " bytes",
                  before_kb,
                  after_kb,
                  size >> 20,
                  ft_emulator_get_largest_chunk (f->emulator));
  g_assert_cmpint (after_kb - before_kb, <, 16 * 1024);
  g_assert_cmpint (ft_emulator_get_largest_chunk (f->emulator), <=, 1024 * 1024);
}

static void
test_uploads_api (ClientFixture *f,
                  gconstpointer  data)
{
  const gsize size = 300 * 1024;
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = write_big_jsonl (f, "parts.jsonl", size, &sha256);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL };
  guint n_parts = (size + 64 * 1024 - 1) / (64 * 1024);

  ft_client_set_uploads_threshold (f->client, 100 * 1024);
  ft_client_set_part_size (f->client, 64 * 1024);
  /* The first part fails once; only that part is sent again. */
  ft_emulator_add_fault (f->emulator, "POST /uploads/*/parts", FT_EMULATOR_FAULT_HTTP_500, 1);

  uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_file_get_bytes (uploaded), ==, size);
  g_assert_cmpstr (ft_file_get_filename (uploaded), ==, "parts.jsonl");
  g_assert_cmpstr (ft_emulator_get_file_sha256 (f->emulator, ft_file_get_id (uploaded)),
                   ==,
                   sha256);

  g_assert_cmpuint (n_parts, ==, 5);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads"), ==, 1);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/parts"),
                    ==,
                    n_parts + 1);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/complete"), ==, 1);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/cancel"), ==, 0);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /files"), ==, 0);
  /* The complete call names the parts in order, with the md5. */
  g_assert_true (g_str_has_prefix (ft_emulator_get_last_body (f->emulator),
                                   "{\"part_ids\":[\"part_"));
  g_assert_nonnull (strstr (ft_emulator_get_last_body (f->emulator), "\"md5\":\""));

  g_assert_true (progress.monotonic);
  g_assert_cmpint (progress.last, ==, size);
  g_assert_cmpuint (ft_upload_store_get_n_entries (ft_client_get_upload_store (f->client)), ==, 1);
}

/* Parts go up a few at a time, as many as the client is set to, and the
 * upload is the file whatever order they arrive in.
 */
static void
test_uploads_api_parallel (ClientFixture *f,
                           gconstpointer  data)
{
  ft_client_set_uploads_threshold (f->client, 100 * 1024);
  ft_client_set_part_size (f->client, 64 * 1024);
  g_assert_cmpuint (ft_client_get_parallel_parts (f->client), ==, 2);

  for (guint parallel = 1; parallel <= 3; parallel++)
    {
      /* Another size each time, so that no upload is a repeat. */
      const gsize size = 9 * 64 * 1024 - parallel * 1000;
      g_autofree char *name = g_strdup_printf ("parallel-%u.jsonl", parallel);
      g_autofree char *sha256 = NULL;
      g_autoptr(GFile) file = write_big_jsonl (f, name, size, &sha256);
      g_autoptr(FtFile) uploaded = NULL;
      g_autoptr(GError) error = NULL;
      Progress progress = { 0, 0, 0, TRUE, NULL };

      ft_emulator_reset (f->emulator);
      ft_client_set_parallel_parts (f->client, parallel);
      /* The first part fails once, so it arrives after the others. */
      ft_emulator_add_fault (f->emulator, "POST /uploads/*/parts", FT_EMULATOR_FAULT_HTTP_500, 1);

      uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ft_emulator_get_file_sha256 (f->emulator, ft_file_get_id (uploaded)), ==,
                       sha256);
      g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/parts"), ==,
                        9 + 1);
      g_assert_cmpuint (ft_emulator_get_peak_uploads (f->emulator), ==, parallel);
      g_assert_true (progress.monotonic);
      g_assert_cmpint (progress.last, ==, size);
      g_assert_cmpint (progress.total, ==, size);
    }
}

static void
test_uploads_api_abandoned (ClientFixture *f,
                            gconstpointer  data)
{
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = write_big_jsonl (f, "doomed.jsonl", 200 * 1024, &sha256);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL };

  ft_client_set_uploads_threshold (f->client, 100 * 1024);
  ft_client_set_part_size (f->client, 64 * 1024);
  ft_emulator_add_fault (f->emulator, "POST /uploads/*/parts", FT_EMULATOR_FAULT_HTTP_500, 100);

  uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
  g_assert_null (uploaded);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message,
                   ==,
                   "The server failed (HTTP 500): "
                   "The server had an error while processing your request (emulated). "
                   "Tried 3 times.");

  /* The first part to fail for good was tried three times (another part
   * in flight at the same time may have been tried as often, and was then
   * stopped), then the upload was cancelled on the server, and nothing was
   * recorded.
   */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/parts"), >=, 3);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/parts"), <=,
                    3 * FT_CLIENT_DEFAULT_PARALLEL_PARTS);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/cancel"), ==, 1);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/complete"), ==, 0);
  g_assert_cmpuint (ft_emulator_get_n_files (f->emulator), ==, 0);
  g_assert_cmpuint (ft_upload_store_get_n_entries (ft_client_get_upload_store (f->client)), ==, 0);
}

static void
test_uploads_api_cancelled (ClientFixture *f,
                            gconstpointer  data)
{
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = write_big_jsonl (f, "stopped.jsonl", 400 * 1024, &sha256);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, cancellable };

  ft_client_set_uploads_threshold (f->client, 100 * 1024);
  ft_client_set_part_size (f->client, 64 * 1024);

  uploaded = upload_with_progress (f, file, &progress, cancellable, NULL, &error);
  g_assert_null (uploaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled by the user, and still cleaned up on the server. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/cancel"), ==, 1);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/complete"), ==, 0);
  g_assert_cmpuint (ft_upload_store_get_n_entries (ft_client_get_upload_store (f->client)), ==, 0);
}

static void
test_uploads_api_part_reset (ClientFixture *f,
                             gconstpointer  data)
{
  const gsize size = 250 * 1024;
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = write_big_jsonl (f, "reset-part.jsonl", size, &sha256);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL };

  ft_client_set_uploads_threshold (f->client, 100 * 1024);
  ft_client_set_part_size (f->client, 100 * 1024);
  ft_emulator_add_fault (f->emulator, "POST /uploads/*/parts", FT_EMULATOR_FAULT_RESET_MID_BODY, 1);

  uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_emulator_get_file_sha256 (f->emulator, ft_file_get_id (uploaded)),
                   ==,
                   sha256);
  /* Three parts, the first sent twice. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /uploads/*/parts"), ==, 4);
}

static void
test_reset_mid_upload (ClientFixture *f,
                       gconstpointer  data)
{
  g_autofree char *sha256 = NULL;
  g_autoptr(GFile) file = write_big_jsonl (f, "reset.jsonl", 512 * 1024, &sha256);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL };

  ft_emulator_add_fault (f->emulator, "POST /files", FT_EMULATOR_FAULT_RESET_MID_BODY, 1);
  uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
  g_assert_null (uploaded);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_CONNECTION);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach 127.0.0.1: "));
  /* A file upload is not repeated by itself: it could store the file twice. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /files"), ==, 1);
  g_assert_cmpuint (ft_emulator_get_n_files (f->emulator), ==, 0);
  g_assert_cmpuint (ft_upload_store_get_n_entries (ft_client_get_upload_store (f->client)), ==, 0);
  g_clear_error (&error);

  /* Trying again works. */
  uploaded = upload_with_progress (f, file, &progress, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_emulator_get_file_sha256 (f->emulator, ft_file_get_id (uploaded)),
                   ==,
                   sha256);
}

static void
test_slow_answer_after_upload (ClientFixture *f,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = write_jsonl (f, "slow.jsonl", 50);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GError) error = NULL;

  /* Sending gets 300 ms without progress; the answer after the body
   * five times that, so the message names 2 seconds, not 1.
   */
  ft_client_set_timeouts (f->client, 300, 300);
  ft_emulator_add_fault (f->emulator, "POST /files", FT_EMULATOR_FAULT_STALL, 1);
  uploaded = upload_sync (f->client, file, NULL, &error);
  g_assert_null (uploaded);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "127.0.0.1 stopped answering (nothing for 2 seconds)");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /files"), ==, 1);
  g_assert_cmpuint (ft_upload_store_get_n_entries (ft_client_get_upload_store (f->client)), ==, 0);
}

static void
test_dedupe (ClientFixture *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_jsonl (f, "same.jsonl", 20);
  g_autoptr(GFile) other = write_jsonl (f, "other.jsonl", 30);
  g_autoptr(FtFile) first = NULL;
  g_autoptr(FtFile) second = NULL;
  g_autoptr(FtFile) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *found = NULL;
  g_autofree char *record = NULL;
  FtUploadStore *store = ft_client_get_upload_store (f->client);
  gboolean reused = TRUE;

  first = upload_sync (f->client, file, &reused, &error);
  g_assert_no_error (error);
  g_assert_false (reused);

  second = upload_sync (f->client, file, &reused, &error);
  g_assert_no_error (error);
  g_assert_true (reused);
  g_assert_cmpstr (ft_file_get_id (second), ==, ft_file_get_id (first));
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /files"), ==, 1);
  /* The remembered file was checked to still exist. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /files/*"), ==, 1);

  g_file_get_contents (g_file_peek_path (ft_upload_store_get_file (store)), &record, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (record, ft_file_get_id (first)));

  /* A remembered id the server no longer has: forgotten and uploaded anew. */
  {
    g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
    g_autofree char *contents = NULL;
    gsize len;
    g_autofree char *base_url = ft_emulator_dup_base_url (f->emulator);

    g_file_get_contents (g_file_peek_path (other), &contents, &len, NULL);
    g_checksum_update (checksum, (const guchar *)contents, len);
    key = g_strdup_printf ("%s##", base_url);
    g_assert_true (ft_upload_store_remember (store, key, g_checksum_get_string (checksum),
                                             "file-deleted-elsewhere", "other.jsonl", len, &error));
    g_assert_no_error (error);

    third = upload_sync (f->client, other, &reused, &error);
    g_assert_no_error (error);
    g_assert_false (reused);
    g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /files/file-deleted-elsewhere"),
                      ==,
                      1);
    found = ft_upload_store_lookup (store, key, g_checksum_get_string (checksum));
    g_assert_cmpstr (found, ==, ft_file_get_id (third));
  }

  /* Another provider account does not share the record. */
  ft_provider_set_project (f->provider, "proj_other");
  {
    g_autoptr(FtFile) fourth = upload_sync (f->client, file, &reused, &error);

    g_assert_no_error (error);
    g_assert_false (reused);
  }
}

static void
test_store_survives_damage (ClientFixture *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "damaged.json", NULL);
  g_autoptr(GFile) location = g_file_new_for_path (path);
  g_autoptr(FtUploadStore) store = ft_upload_store_new (location);
  g_autoptr(FtUploadStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_file_set_contents (path, "{\"version\": 1, \"uploads\": [", -1, NULL);
  g_test_expect_message ("ft-upload-store", G_LOG_LEVEL_WARNING, "Ignoring the upload record*");
  g_assert_cmpuint (ft_upload_store_get_n_entries (store), ==, 0);
  g_test_assert_expected_messages ();

  g_assert_true (ft_upload_store_remember (store, "p", "abc", "file-1", "a.jsonl", 3, &error));
  g_assert_no_error (error);

  reread = ft_upload_store_new (location);
  found = ft_upload_store_lookup (reread, "p", "abc");
  g_assert_cmpstr (found, ==, "file-1");
  g_assert_true (ft_upload_store_forget (reread, "p", "file-1", &error));
  g_assert_cmpuint (ft_upload_store_get_n_entries (reread), ==, 0);
}

static void
test_bad_files (ClientFixture *f,
                gconstpointer  data)
{
  g_autofree char *empty_path = g_build_filename (f->tmpdir, "empty.jsonl", NULL);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) dir = g_file_new_for_path (f->tmpdir);
  g_autofree char *missing_path = g_build_filename (f->tmpdir, "missing.jsonl", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(FtFile) a = NULL;
  g_autoptr(FtFile) b = NULL;
  g_autoptr(FtFile) c = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (empty_path, "", 0, NULL);

  a = upload_sync (f->client, empty, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "“empty.jsonl” is empty; there is nothing to upload");
  g_clear_error (&error);

  b = upload_sync (f->client, dir, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  c = upload_sync (f->client, missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "*"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ft/upload/" path, ClientFixture, NULL, \
              client_fixture_setup, func, client_fixture_teardown)


  ADD ("streamed-memory", test_streamed_memory);
  ADD ("uploads-api", test_uploads_api);
  ADD ("uploads-api-parallel", test_uploads_api_parallel);
  ADD ("uploads-api-abandoned", test_uploads_api_abandoned);
  ADD ("uploads-api-cancelled", test_uploads_api_cancelled);
  ADD ("uploads-api-part-reset", test_uploads_api_part_reset);
  ADD ("reset-mid-upload", test_reset_mid_upload);
  ADD ("slow-answer-after-upload", test_slow_answer_after_upload);
  ADD ("dedupe", test_dedupe);
  ADD ("store-survives-damage", test_store_survives_damage);
  ADD ("bad-files", test_bad_files);

#undef ADD

  client_test_init (FALSE);
  return client_test_finish (g_test_run ());
}
