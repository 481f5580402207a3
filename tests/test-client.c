/* test-client.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client-test-utils.h"
#include "ft-error.h"

#include <math.h>

/* FtClient against the loopback emulator: every call, pagination,
 * incremental events, results, models, chat and streams.
 */

static FtJob *
start_job (ClientFixture *f,
           guint          n_lines,
           const char    *suffix)
{
  g_autofree char *name = g_strdup_printf ("train-%s-%u.jsonl", suffix ? suffix : "none", n_lines);
  g_autoptr(GFile) file = write_jsonl (f, name, n_lines);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(FtJobParams) params = NULL;
  g_autoptr(GError) error = NULL;
  FtJob *job;

  uploaded = upload_sync (f->client, file, NULL, &error);
  g_assert_no_error (error);

  params = ft_job_params_new ("gpt-4o-mini-2024-07-18", ft_file_get_id (uploaded));
  ft_job_params_set_suffix (params, suffix);
  job = create_job_sync (f->client, params, &error);
  g_assert_no_error (error);

  return job;
}

static void
test_models (ClientFixture *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(FtModel) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(FtModel) retrieved = NULL;
  g_autoptr(GError) error = NULL;

  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 3);
  g_assert_true (g_list_model_get_item_type (models) == FT_TYPE_MODEL);
  first = g_list_model_get_item (models, 0);
  g_assert_cmpstr (ft_model_get_id (first), ==, "gpt-4o-mini-2024-07-18");
  g_assert_cmpstr (ft_model_get_shutdown_date (first), ==, "2027-01-14");
  g_assert_false (ft_model_get_is_fine_tuned (first));

  ft_client_retrieve_model_async (f->client,
                                  "gpt-4.1-nano-2025-04-14",
                                  NULL,
                                  store_result_cb,
                                  &result);
  retrieved = ft_client_retrieve_model_finish (f->client, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_model_get_shutdown_date (retrieved), ==, "2026-10-23");

  /* Base models are refused before anything is sent. */
  ft_emulator_clear_log (f->emulator);
  ft_client_delete_model_async (f->client,
                                "gpt-4o-mini-2024-07-18",
                                NULL,
                                store_result_cb,
                                &deleted);
  g_assert_false (ft_client_delete_model_finish (f->client, wait_for_result (&deleted), &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "*"), ==, 0);
}

static void
test_job_lifecycle (ClientFixture *f,
                    gconstpointer  data)
{
  g_autoptr(FtJob) job = start_job (f, 12, "support");
  g_autoptr(FtJob) current = NULL;
  g_autoptr(FtEventLog) log = NULL;
  g_autoptr(GListModel) checkpoints = NULL;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(FtMetrics) metrics = NULL;
  g_autoptr(FtModel) tuned = NULL;
  g_autoptr(GError) error = NULL;
  const double *loss;
  guint n_events;
  guint n_values;
  gboolean has_more;

  g_assert_cmpint (ft_job_get_status (job), ==, FT_JOB_STATUS_VALIDATING_FILES);
  g_assert_cmpstr (ft_job_get_model (job), ==, "gpt-4o-mini-2024-07-18");
  g_assert_true (g_str_has_prefix (ft_job_get_id (job), "ftjob-"));

  /* What went over the wire: hyperparameters inside method. */
  g_assert_nonnull (strstr (ft_emulator_get_last_body (f->emulator),
                            "\"method\":{\"type\":\"supervised\",\"supervised\":"
                            "{\"hyperparameters\":{\"n_epochs\":\"auto\",\"batch_size\":\"auto\","
                            "\"learning_rate_multiplier\":\"auto\"}}}"));
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "Authorization"),
                   ==,
                   "Bearer " TEST_API_KEY);
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "User-Agent"),
                   ==,
                   "Exemplar/" PACKAGE_VERSION);

  log = ft_event_log_new (ft_job_get_id (job));
  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_update_event_log_async (f->client, log, NULL, store_result_cb, &result);
    g_assert_cmpuint (ft_client_update_event_log_finish (f->client,
                                                         wait_for_result (&result),
                                                         &error),
                      ==,
                      1);
    g_assert_no_error (error);
  }

  ft_emulator_step (f->emulator);   /* → queued */
  current = job_sync (f->client, "retrieve", ft_job_get_id (job), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (current), ==, FT_JOB_STATUS_QUEUED);
  ft_job_update_from (job, current);
  g_assert_cmpint (ft_job_get_status (job), ==, FT_JOB_STATUS_QUEUED);

  ft_emulator_step (f->emulator);   /* → running */
  ft_emulator_step (f->emulator);   /* step 1 */
  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_update_event_log_async (f->client, log, NULL, store_result_cb, &result);
    /* Validating + validated, started, step 1: only the new ones. */
    g_assert_cmpuint (ft_client_update_event_log_finish (f->client,
                                                         wait_for_result (&result),
                                                         &error),
                      ==,
                      4);
    g_assert_no_error (error);
  }
  n_events = g_list_model_get_n_items (G_LIST_MODEL (log));
  g_assert_cmpuint (n_events, ==, 5);
  {
    g_autoptr(FtJobEvent) first = g_list_model_get_item (G_LIST_MODEL (log), 0);
    g_autoptr(FtJobEvent) last = g_list_model_get_item (G_LIST_MODEL (log), n_events - 1);
    double step = 0;

    g_assert_true (g_str_has_prefix (ft_job_event_get_message (first), "Created fine-tuning job"));
    g_assert_true (ft_job_event_is_metrics (last));
    g_assert_true (ft_job_event_get_metric (last, "step", &step));
    g_assert_cmpfloat (step, ==, 1);
  }

  ft_emulator_run_jobs (f->emulator);
  g_clear_object (&current);
  current = job_sync (f->client, "retrieve", ft_job_get_id (job), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (current), ==, FT_JOB_STATUS_SUCCEEDED);
  g_assert_true (ft_job_is_terminal (current));
  g_assert_cmpint (ft_job_get_n_epochs (current), ==, 3);
  g_assert_cmpint (ft_job_get_trained_tokens (current), ==, 6000);
  g_assert_true (g_str_has_prefix (ft_job_get_fine_tuned_model (current),
                                   "ft:gpt-4o-mini-2024-07-18:emulator-org:support:"));
  g_assert_cmpuint (g_strv_length ((char **)ft_job_get_result_files (current)), ==, 1);

  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_update_event_log_async (f->client, log, NULL, store_result_cb, &result);
    /* Steps 2–6 and the two closing messages. */
    g_assert_cmpuint (ft_client_update_event_log_finish (f->client,
                                                         wait_for_result (&result),
                                                         &error),
                      ==,
                      7);
    g_assert_no_error (error);
  }

  {
    checkpoints = list_checkpoints_sync (f->client, ft_job_get_id (job), 0, &has_more, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (checkpoints), ==, 3);
    g_assert_false (has_more);
  }
  {
    g_autoptr(FtCheckpoint) newest = g_list_model_get_item (checkpoints, 0);
    g_autoptr(FtModel) name = ft_model_new_for_id (ft_checkpoint_get_model (newest));

    g_assert_cmpint (ft_checkpoint_get_step_number (newest), ==, 6);
    g_assert_cmpint (ft_model_get_checkpoint_step (name), ==, 6);
    g_assert_cmpstr (ft_model_get_suffix (name), ==, "support");
  }

  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_download_metrics_async (f->client, ft_job_get_result_files (current)[0], NULL,
                                      store_result_cb, &result);
    metrics = ft_client_download_metrics_finish (f->client, wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "Accept"),
                     ==,
                     "application/octet-stream");
  }
  g_assert_cmpuint (ft_metrics_get_n_rows (metrics), ==, 6);
  loss = ft_metrics_get_series (metrics, "train_loss", &n_values);
  g_assert_cmpuint (n_values, ==, 6);
  g_assert_cmpfloat_with_epsilon (loss[0], 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (loss[5], 2.0 / 6, 1e-5);
  g_assert_true (isnan (ft_metrics_get_series (metrics, "valid_loss", NULL)[0]));

  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  /* 3 base models, the fine-tuned one and its 3 checkpoints. */
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 7);
  tuned = g_list_model_get_item (models, 3);
  g_assert_cmpstr (ft_model_get_id (tuned), ==, ft_job_get_fine_tuned_model (current));
  g_assert_true (ft_model_get_is_fine_tuned (tuned));
  g_assert_false (ft_model_get_is_checkpoint (tuned));
  g_assert_cmpstr (ft_model_get_base_model (tuned), ==, "gpt-4o-mini-2024-07-18");

  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_delete_model_async (f->client,
                                  ft_model_get_id (tuned),
                                  NULL,
                                  store_result_cb,
                                  &result);
    g_assert_true (ft_client_delete_model_finish (f->client, wait_for_result (&result), &error));
    g_assert_no_error (error);
    /* The colons of the model id go into the path as they are. */
    g_assert_cmpuint (ft_emulator_count_requests (f->emulator,
                                                  "DELETE /models/ft:gpt-4o-mini-2024-07-18"
                                                  ":emulator-org:support:*"),
                      ==,
                      1);
  }
}

static void
test_job_failed (ClientFixture *f,
                 gconstpointer  data)
{
  g_autoptr(FtJob) job = start_job (f, 3, NULL);
  g_autoptr(FtJob) current = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_run_jobs (f->emulator);
  current = job_sync (f->client, "retrieve", ft_job_get_id (job), &error);
  g_assert_no_error (error);
  g_assert_true (ft_job_has_failed (current));
  g_assert_cmpstr (ft_job_get_error_code (current), ==, "invalid_training_file");
  g_assert_cmpstr (ft_job_get_error_param (current), ==, "training_file");
  g_assert_cmpstr (ft_job_get_error_message (current),
                   ==,
                   "The job failed due to an invalid training file. "
                   "Expected file to have at least 10 lines, but got 3.");
}

static void
test_job_actions (ClientFixture *f,
                  gconstpointer  data)
{
  g_autoptr(FtJob) job = start_job (f, 10, NULL);
  g_autoptr(FtJob) paused = NULL;
  g_autoptr(FtJob) current = NULL;
  g_autoptr(FtJob) resumed = NULL;
  g_autoptr(FtJob) cancelled = NULL;
  g_autoptr(FtJob) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = ft_job_get_id (job);

  ft_emulator_step (f->emulator);
  ft_emulator_step (f->emulator);

  paused = job_sync (f->client, "pause", id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (paused), ==, FT_JOB_STATUS_PAUSING);
  ft_emulator_step (f->emulator);
  current = job_sync (f->client, "retrieve", id, &error);
  g_assert_cmpint (ft_job_get_status (current), ==, FT_JOB_STATUS_PAUSED);
  g_assert_false (ft_job_is_terminal (current));

  resumed = job_sync (f->client, "resume", id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (resumed), ==, FT_JOB_STATUS_QUEUED);

  cancelled = job_sync (f->client, "cancel", id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (cancelled), ==, FT_JOB_STATUS_CANCELLED);

  /* The server's refusal, word for word, with its status. */
  again = job_sync (f->client, "cancel", id, &error);
  g_assert_null (again);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_HTTP);
  g_assert_cmpuint (ft_client_error_get_status (error), ==, 400);
  g_assert_true (g_str_has_prefix (ft_client_error_get_request_id (error), "req_emulator_"));
  {
    g_autofree char *expected =
      g_strdup_printf ("The server refused the request (HTTP 400): "
                       "Job %s has already cancelled and cannot be cancelled.",
                       id);

    g_assert_cmpstr (error->message, ==, expected);
  }
  /* A 400 is not retried. */
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /fine_tuning/jobs/*/cancel"),
                    ==,
                    2);
  g_clear_error (&error);

  /* A provider without pause/resume refuses before sending. */
  ft_provider_set_capabilities (f->provider,
                                ft_provider_get_capabilities (f->provider) &
                                ~FT_PROVIDER_CAP_PAUSE_RESUME);
  ft_emulator_clear_log (f->emulator);
  g_assert_null (job_sync (f->client, "pause", id, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "OpenAI does not offer pausing and resuming jobs");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "*"), ==, 0);
}

static void
test_job_validation_before_sending (ClientFixture *f,
                                    gconstpointer  data)
{
  g_autoptr(FtJobParams) params = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-x");
  g_autoptr(GError) error = NULL;

  ft_job_params_set_n_epochs (params, 0);
  ft_job_params_set_batch_size (params, 300);
  ft_emulator_clear_log (f->emulator);
  g_assert_null (create_job_sync (f->client, params, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message,
                   ==,
                   "The batch size must be between 1 and 256, or automatic; 300 is out of range.");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "*"), ==, 0);
  g_clear_error (&error);

  /* The server's own check, shown as it is, with the param it names. */
  ft_job_params_set_batch_size (params, 0);
  g_assert_null (create_job_sync (f->client, params, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_HTTP);
  g_assert_cmpstr (error->message,
                   ==,
                   "The server refused the request (HTTP 400): invalid training_file: file-x");
  g_assert_cmpstr (ft_client_error_get_api_param (error), ==, "training_file");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "POST /fine_tuning/jobs"), ==, 1);
}

static void
test_pagination (ClientFixture *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint pages = 0;
  gboolean has_more = TRUE;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(FtJob) job = start_job (f, 10 + i, NULL);
    }

  while (has_more)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) page = NULL;
      guint n;

      ft_client_list_jobs_async (f->client, after, 2, NULL, store_result_cb, &result);
      page = ft_client_list_jobs_finish (f->client, wait_for_result (&result), &has_more, &error);
      g_assert_no_error (error);
      n = g_list_model_get_n_items (page);
      g_assert_cmpuint (n, <=, 2);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FtJob) job = g_list_model_get_item (page, i);

          g_assert_false (g_hash_table_contains (seen, ft_job_get_id (job)));
          g_hash_table_add (seen, g_strdup (ft_job_get_id (job)));
          if (i == n - 1)
            {
              g_free (after);
              after = g_strdup (ft_job_get_id (job));
            }
        }
      pages++;
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_true (g_str_has_prefix (ft_emulator_get_last_query (f->emulator),
                                   "limit=2&after=ftjob-"));

  /* Files: filtered by purpose, one page. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) files = NULL;

    ft_client_list_files_async (f->client, "fine-tune", NULL, 3, NULL, store_result_cb, &result);
    files = ft_client_list_files_finish (f->client, wait_for_result (&result), &has_more, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (files), ==, 3);
    g_assert_true (has_more);
    g_assert_cmpstr (ft_emulator_get_last_query (f->emulator), ==, "limit=3&purpose=fine-tune");
  }
}

static void
test_event_log_walks_pages (ClientFixture *f,
                            gconstpointer  data)
{
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtEventLog) log = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  ft_emulator_set_steps_per_epoch (f->emulator, 40);
  job = start_job (f, 10, NULL);
  log = ft_event_log_new (ft_job_get_id (job));
  for (guint i = 0; i < 2 + 70; i++)
    ft_emulator_step (f->emulator);

  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_emulator_clear_log (f->emulator);
    ft_client_update_event_log_async (f->client, log, NULL, store_result_cb, &result);
    /* Created, validating, validated, started and 70 steps: two pages. */
    g_assert_cmpuint (ft_client_update_event_log_finish (f->client,
                                                         wait_for_result (&result),
                                                         &error),
                      ==,
                      74);
    g_assert_no_error (error);
    g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs/*/events"),
                      ==,
                      2);
  }

  /* Oldest first, without gaps. */
  for (guint i = 4; i < 74; i++)
    {
      g_autoptr(FtJobEvent) event = g_list_model_get_item (G_LIST_MODEL (log), i);
      double step = 0;

      g_assert_true (ft_job_event_get_metric (event, "step", &step));
      g_assert_cmpfloat (step, ==, i - 3);
    }

  n_before = g_list_model_get_n_items (G_LIST_MODEL (log));
  ft_emulator_step (f->emulator);
  ft_emulator_step (f->emulator);
  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_emulator_clear_log (f->emulator);
    ft_client_update_event_log_async (f->client, log, NULL, store_result_cb, &result);
    g_assert_cmpuint (ft_client_update_event_log_finish (f->client,
                                                         wait_for_result (&result),
                                                         &error),
                      ==,
                      2);
    g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "GET /fine_tuning/jobs/*/events"),
                      ==,
                      1);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, n_before + 2);
}

static void
test_results_base64 (ClientFixture *f,
                     gconstpointer  data)
{
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtJob) done = NULL;
  g_autoptr(FtMetrics) metrics = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) raw = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_set_results_base64 (f->emulator, TRUE);
  job = start_job (f, 10, NULL);
  ft_emulator_run_jobs (f->emulator);
  done = job_sync (f->client, "retrieve", ft_job_get_id (job), &error);

  ft_client_download_file_async (f->client,
                                 ft_job_get_result_files (done)[0],
                                 NULL,
                                 store_result_cb,
                                 &raw);
  bytes = ft_client_download_file_finish (f->client, wait_for_result (&raw), &error);
  g_assert_no_error (error);
  g_assert_false (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "step"));

  ft_client_download_metrics_async (f->client,
                                    ft_job_get_result_files (done)[0],
                                    NULL,
                                    store_result_cb,
                                    &result);
  metrics = ft_client_download_metrics_finish (f->client, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ft_metrics_get_n_rows (metrics), ==, 6);
  g_assert_cmpfloat_with_epsilon (ft_metrics_get_series (metrics, "train_accuracy", NULL)[0],
                                  0.5,
                                  1e-9);
}

static void
test_files (ClientFixture *f,
            gconstpointer  data)
{
  g_autoptr(GFile) file = write_jsonl (f, "files.jsonl", 10);
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(FtFile) retrieved = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *expected = NULL;
  gsize expected_len;
  g_autoptr(GError) error = NULL;

  uploaded = upload_sync (f->client, file, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (g_file_peek_path (file), &expected, &expected_len, NULL);
  g_assert_cmpint (ft_file_get_bytes (uploaded), ==, expected_len);
  g_assert_cmpstr (ft_file_get_filename (uploaded), ==, "files.jsonl");
  g_assert_cmpstr (ft_file_get_purpose (uploaded), ==, "fine-tune");

  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_retrieve_file_async (f->client,
                                   ft_file_get_id (uploaded),
                                   NULL,
                                   store_result_cb,
                                   &result);
    retrieved = ft_client_retrieve_file_finish (f->client, wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ft_file_get_id (retrieved), ==, ft_file_get_id (uploaded));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_download_file_async (f->client,
                                   ft_file_get_id (uploaded),
                                   NULL,
                                   store_result_cb,
                                   &result);
    content = ft_client_download_file_finish (f->client, wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (content, NULL),
                     g_bytes_get_size (content),
                     expected,
                     expected_len);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    ft_client_delete_file_async (f->client,
                                 ft_file_get_id (uploaded),
                                 NULL,
                                 store_result_cb,
                                 &result);
    g_assert_true (ft_client_delete_file_finish (f->client, wait_for_result (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ft_upload_store_get_n_entries (ft_client_get_upload_store (f->client)),
                      ==,
                      0);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(FtFile) gone = NULL;

    ft_client_retrieve_file_async (f->client,
                                   ft_file_get_id (uploaded),
                                   NULL,
                                   store_result_cb,
                                   &result);
    gone = ft_client_retrieve_file_finish (f->client, wait_for_result (&result), &error);
    g_assert_null (gone);
    g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_NOT_FOUND);
    g_assert_cmpuint (ft_client_error_get_status (error), ==, 404);
  }
}

static void
test_chat (ClientFixture *f,
           gconstpointer  data)
{
  g_autoptr(FtJob) job = start_job (f, 10, "poet");
  g_autoptr(FtJob) done = NULL;
  g_autoptr(FtChatRequest) base = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatRequest) tuned = NULL;
  g_autoptr(FtChatResult) base_answer = NULL;
  g_autoptr(FtChatResult) tuned_answer = NULL;
  g_autoptr(GError) error = NULL;

  ft_emulator_run_jobs (f->emulator);
  done = job_sync (f->client, "retrieve", ft_job_get_id (job), &error);

  ft_chat_request_add_message (base, "system", "Answer in one line.");
  ft_chat_request_add_message (base, "user", "Describe the sea");
  ft_chat_request_set_temperature (base, 0.0);
  tuned = ft_chat_request_copy_for_model (base, ft_job_get_fine_tuned_model (done));

  base_answer = chat_sync (f->client, base, &error);
  g_assert_no_error (error);
  tuned_answer = chat_sync (f->client, tuned, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ft_chat_result_get_content (base_answer), ==,
                   "The base model gpt-4o-mini-2024-07-18 says: Describe the sea");
  g_assert_cmpstr (ft_chat_result_get_content (tuned_answer), ==,
                   "As the poet model taught by example: Describe the sea");
  g_assert_cmpstr (ft_chat_result_get_model (tuned_answer), ==, ft_job_get_fine_tuned_model (done));
  g_assert_cmpstr (ft_chat_result_get_finish_reason (base_answer), ==, "stop");
  g_assert_true (ft_chat_result_get_has_usage (base_answer));
  g_assert_cmpint (ft_chat_result_get_completion_tokens (base_answer), ==, 8);
  g_assert_cmpint (ft_chat_result_get_total_tokens (base_answer),
                   ==, ft_chat_result_get_prompt_tokens (base_answer) + 8);
  g_assert_cmpfloat (ft_chat_result_get_time_to_first_token (base_answer), ==, -1.0);
  g_assert_cmpfloat (ft_chat_result_get_total_time (base_answer), >, 0.0);
  g_assert_cmpstr (json_object_get_string_member (ft_chat_result_get_json (base_answer), "object"),
                   ==, "chat.completion");
}

static void
on_delta_cb (FtChatStream *stream,
             const char   *text,
             GString      *collected)
{
  g_string_append (collected, text);
}

static void
test_stream (ClientFixture *f,
             gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatStream) stream = NULL;
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GString) collected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  ft_chat_request_add_message (request, "user", "Count the waves please");
  stream = ft_chat_stream_new (f->client, request);
  g_signal_connect (stream, "delta", G_CALLBACK (on_delta_cb), collected);

  result = stream_sync (stream, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "Accept"), ==, "text/event-stream");
  g_assert_nonnull (strstr (ft_emulator_get_last_body (f->emulator),
                            "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

  g_assert_cmpstr (collected->str,
                   ==,
                   "The base model gpt-4o-mini-2024-07-18 says: Count the waves please");
  g_assert_cmpstr (ft_chat_result_get_content (result), ==, collected->str);
  g_assert_cmpstr (ft_chat_stream_get_text (stream), ==, collected->str);
  g_assert_null (ft_chat_result_get_json (result));
  g_assert_cmpstr (ft_chat_result_get_finish_reason (result), ==, "stop");
  g_assert_true (ft_chat_result_get_has_usage (result));
  g_assert_cmpint (ft_chat_result_get_completion_tokens (result), ==, 9);
  g_assert_cmpfloat (ft_chat_result_get_time_to_first_token (result), >=, 0.0);
  g_assert_cmpfloat (ft_chat_result_get_time_to_first_token (result),
                     <=,
                     ft_chat_result_get_total_time (result));
  g_assert_false (ft_chat_stream_get_running (stream));
}

typedef struct
{
  FtChatStream *stream;
  GAsyncResult *result;
  guint         n_deltas;
  gint64        first_delta_at;
  gint64        last_delta_at;
} Side;

static void
on_side_delta_cb (FtChatStream *stream,
                  const char   *text,
                  Side         *side)
{
  gint64 now = g_get_monotonic_time ();

  if (side->n_deltas++ == 0)
    side->first_delta_at = now;
  side->last_delta_at = now;
}

static void
test_concurrent_streams (ClientFixture *f,
                         gconstpointer  data)
{
  static const char *prompts[] = { "first question", "second question here", "third" };
  Side sides[3] = { { 0 } };

  /* Slow enough that the three overlap in time. */
  ft_emulator_set_stream_delay (f->emulator, 20);
  ft_emulator_add_fault (f->emulator, "POST /chat/completions", FT_EMULATOR_FAULT_SLOW, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");

      ft_chat_request_add_message (request, "user", prompts[i]);
      sides[i].stream = ft_chat_stream_new (f->client, request);
      g_signal_connect (sides[i].stream, "delta", G_CALLBACK (on_side_delta_cb), &sides[i]);
      ft_chat_stream_run_async (sides[i].stream, NULL, store_result_cb, &sides[i].result);
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FtChatResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected =
        g_strdup_printf ("The base model gpt-4o-mini-2024-07-18 says: %s", prompts[i]);

      result =
        ft_chat_stream_run_finish (sides[i].stream, wait_for_result (&sides[i].result), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ft_chat_result_get_content (result), ==, expected);
    }

  /* Each stream's deltas arrived while the others were still running
   * (not through Prism, which buffers each stream whole).
   */
  for (guint i = 0; i < 3 && !client_test_through_proxy (); i++)
    for (guint j = 0; j < 3; j++)
      if (i != j)
        g_assert_cmpint (sides[i].first_delta_at, <, sides[j].last_delta_at);

  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&sides[i].stream);
      g_clear_object (&sides[i].result);
    }
}

static void
test_slow_stream_survives (ClientFixture *f,
                           gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatStream) stream = NULL;
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* 40 ms between chunks and 12 chunks: the whole answer takes longer
   * than the 300 ms idle time-out, but no gap does.
   */
  ft_client_set_timeouts (f->client, 300, 300);
  ft_emulator_set_stream_delay (f->emulator, 40);
  ft_emulator_add_fault (f->emulator, "POST /chat/completions", FT_EMULATOR_FAULT_SLOW, 1);
  ft_chat_request_add_message (request, "user", "a b c d e f g");
  stream = ft_chat_stream_new (f->client, request);

  result = stream_sync (stream, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ft_chat_result_get_total_time (result), >, 0.3);
  g_assert_cmpfloat (ft_chat_result_get_time_to_first_token (result),
                     <,
                     ft_chat_result_get_total_time (result));
}

static void
test_azure_style (ClientFixture *f,
                  gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatResult) result = NULL;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  ft_provider_set_auth_style (f->provider, FT_AUTH_STYLE_AZURE);
  ft_provider_set_api_version (f->provider, "2024-10-21");
  ft_chat_request_add_message (request, "user", "hello");

  result = chat_sync (f->client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator,
                                                "POST /deployments/gpt-4o-mini-2024-07-18"
                                                "/chat/completions"),
                    ==,
                    1);
  g_assert_cmpstr (ft_emulator_get_last_query (f->emulator), ==, "api-version=2024-10-21");
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "api-key"), ==, TEST_API_KEY);
  g_assert_null (ft_emulator_get_last_header (f->emulator, "Authorization"));

  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_emulator_get_last_query (f->emulator), ==, "api-version=2024-10-21");
}

static void
test_headers (ClientFixture *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  ft_provider_set_organization (f->provider, "org-42");
  ft_provider_set_project (f->provider, "proj_7");
  models = list_models_sync (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "OpenAI-Organization"), ==, "org-42");
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "OpenAI-Project"), ==, "proj_7");
}

static void
test_refused_before_sending (ClientFixture *f,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) no_key_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtProvider) insecure = ft_provider_new_from_preset (FT_PROVIDER_PRESET_CUSTOM);
  g_autoptr(FtClient) client = NULL;

  /* A key never goes over plain HTTP to another machine. */
  ft_provider_set_base_url (insecure, "http://api.example.com/v1");
  client = ft_client_new (insecure);
  ft_client_set_api_key (client, TEST_API_KEY);
  ft_client_check_connection_async (client, NULL, store_result_cb, &result);
  g_assert_false (ft_client_check_connection_finish (client, wait_for_result (&result), &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INSECURE);
  g_assert_null (strstr (error->message, TEST_API_KEY));
  g_clear_error (&error);

  /* No key set for a provider that needs one. */
  ft_client_set_api_key (f->client, NULL);
  g_assert_false (ft_client_has_api_key (f->client));
  ft_emulator_clear_log (f->emulator);
  ft_client_check_connection_async (f->client, NULL, store_result_cb, &no_key_result);
  g_assert_false (ft_client_check_connection_finish (f->client,
                                                     wait_for_result (&no_key_result),
                                                     &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_NO_KEY);
  g_assert_cmpstr (error->message,
                   ==,
                   "No API key is set for OpenAI. Enter the key in Preferences.");
  g_assert_cmpuint (ft_emulator_count_requests (f->emulator, "*"), ==, 0);
  g_clear_error (&error);

  /* No provider at all. */
  {
    g_autoptr(FtClient) bare = ft_client_new (NULL);
    g_autoptr(FtChatRequest) request = ft_chat_request_new ("m");
    g_autoptr(FtChatResult) answer = NULL;
    g_autoptr(GListModel) models = NULL;

    models = list_models_sync (bare, &error);
    g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "No provider is set up");
    g_clear_error (&error);
    ft_chat_request_add_message (request, "user", "hi");
    answer = chat_sync (bare, request, &error);
    g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_local_server_without_key (ClientFixture *f,
                               gconstpointer  data)
{
  g_autoptr(FtProvider) local = ft_provider_new_from_preset (FT_PROVIDER_PRESET_VLLM);
  g_autoptr(FtClient) client = NULL;
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(FtChatResult) result = NULL;
  g_autofree char *base_url = ft_emulator_dup_base_url (f->emulator);
  g_autoptr(GError) error = NULL;

  /* A local chat server takes no key; this emulator insists on one, so
   * the answer is the server's 401.
   */
  ft_provider_set_base_url (local, base_url);
  client = ft_client_new (local);
  ft_chat_request_add_message (request, "user", "hi");
  result = chat_sync (client, request, &error);
  g_assert_null (result);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH);
  g_assert_null (ft_emulator_get_last_header (f->emulator, "Authorization"));

  g_clear_error (&error);
  ft_emulator_set_api_key (f->emulator, NULL);
  ft_client_set_api_key (client, "local-token");
  result = chat_sync (client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_emulator_get_last_header (f->emulator, "Authorization"),
                   ==,
                   "Bearer local-token");
}

static void
test_check_connection (ClientFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) ok = NULL;
  g_autoptr(GAsyncResult) rejected = NULL;
  g_autoptr(GError) error = NULL;

  ft_client_check_connection_async (f->client, NULL, store_result_cb, &ok);
  g_assert_true (ft_client_check_connection_finish (f->client, wait_for_result (&ok), &error));
  g_assert_no_error (error);

  ft_client_set_api_key (f->client, "sk-wrong");
  ft_client_check_connection_async (f->client, NULL, store_result_cb, &rejected);
  g_assert_false (ft_client_check_connection_finish (f->client,
                                                     wait_for_result (&rejected),
                                                     &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH);
  g_assert_cmpstr (ft_client_error_get_api_code (error), ==, "invalid_api_key");
}

/* Sends @message past FtClient, on its session, with the test key. */
static GBytes *
send_with_key (ClientFixture  *f,
               SoupMessage    *message,
               GError        **error)
{
  SoupSession *session = ft_client_get_session (f->client);
  g_autoptr(GAsyncResult) result = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization",
                                "Bearer " TEST_API_KEY);
  soup_session_send_and_read_async (session,
                                    message,
                                    G_PRIORITY_DEFAULT,
                                    NULL,
                                    store_result_cb,
                                    &result);

  return soup_session_send_and_read_finish (session, wait_for_result (&result), error);
}

/* Contract mode only: the check is not vacuous. A request and an answer
 * that break the spec are both caught.
 */
static void
test_proxy_catches_violations (ClientFixture *f,
                               gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *violations = client_test_get_violations ();

  ft_emulator_add_fault (f->emulator, "GET /models", FT_EMULATOR_FAULT_BREAK_SCHEMA, 3);
  models = list_models_sync (f->client, &error);
  g_assert_null (models);
  /* Prism turns each broken answer into a 500 that names the violation
   * (and the client retries a 500 twice).
   */
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (violations->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (violations, 0), "GET /models"));
  g_ptr_array_set_size (violations, 0);
  g_clear_error (&error);

  {
    g_autoptr(SoupMessage) message = NULL;
    g_autoptr(GBytes) reply = NULL;
    g_autofree char *url =
      g_strdup_printf ("%s/fine_tuning/jobs?limit=abc", ft_provider_get_base_url (f->provider));

    message = soup_message_new ("GET", url);
    reply = send_with_key (f, message, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 422);
    g_assert_cmpuint (violations->len, ==, 1);
    g_ptr_array_set_size (violations, 0);
  }
}

/* Contract mode only: a stream's chunks, one by one, against the spec's
 * chunk schema (Prism itself sees the stream only as one string).
 */
static void
test_sse_chunks_match_schema (ClientFixture *f,
                              gconstpointer  data)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini-2024-07-18");
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GString) chunks = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_chunks = 0;

  ft_chat_request_add_message (request, "system", "Be brief.");
  ft_chat_request_add_message (request, "user", "Name three colours");
  body = ft_chat_request_to_json (request, TRUE);
  text = json_to_string (body, FALSE);
  json = g_bytes_new (text, strlen (text));

  url = g_strdup_printf ("%s/chat/completions", ft_provider_get_base_url (f->provider));
  message = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept",
                                "text/event-stream");
  soup_message_set_request_body_from_bytes (message, "application/json", json);
  reply = send_with_key (f, message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_null (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                               "sl-violations"));

  lines = g_strsplit (g_bytes_get_data (reply, NULL)
                      ? (const char *)g_bytes_get_data (reply, NULL)
                      : "",
                      "\n",
                      -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (g_str_has_prefix (lines[i], "data: ") && !g_str_equal (lines[i], "data: [DONE]"))
        {
          g_string_append_printf (chunks, "%s\n", lines[i] + strlen ("data: "));
          n_chunks++;
        }
    }
  /* Role, eight words, the finish and the usage chunk. */
  g_assert_cmpuint (n_chunks, ==, 11);

  if (!client_test_check_chunks (chunks->str, &output))
    g_error ("Stream chunks do not match the spec:\n%s", output);
  g_test_message ("%s", output);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ft/client/" path, ClientFixture, NULL, \
              client_fixture_setup, func, client_fixture_teardown)


  ADD ("models", test_models);
  ADD ("job-lifecycle", test_job_lifecycle);
  ADD ("job-failed", test_job_failed);
  ADD ("job-actions", test_job_actions);
  ADD ("job-validation-before-sending", test_job_validation_before_sending);
  ADD ("pagination", test_pagination);
  ADD ("event-log-walks-pages", test_event_log_walks_pages);
  ADD ("results-base64", test_results_base64);
  ADD ("files", test_files);
  ADD ("chat", test_chat);
  ADD ("stream", test_stream);
  ADD ("concurrent-streams", test_concurrent_streams);
  ADD ("slow-stream-survives", test_slow_stream_survives);
  ADD ("headers", test_headers);
  ADD ("refused-before-sending", test_refused_before_sending);
  ADD ("local-server-without-key", test_local_server_without_key);
  ADD ("check-connection", test_check_connection);

  /* Through Prism: the spec's chunk schema. Direct only: Azure's paths,
   * which are not in OpenAI's spec.
   */
  if (g_getenv ("FT_PRISM") != NULL)
    {
      ADD ("sse-chunks-match-schema", test_sse_chunks_match_schema);
      ADD ("proxy-catches-violations", test_proxy_catches_violations);
    }
  else
    ADD ("azure-style", test_azure_style);

#undef ADD

  client_test_init (TRUE);
  return client_test_finish (g_test_run ());
}
