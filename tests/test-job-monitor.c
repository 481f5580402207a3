/* test-job-monitor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
#include "ft-job-monitor.h"

#include "ft-client-test-utils.h"

/* FtJobMonitor against the emulator, on a manual clock: the emulator moves
 * jobs one state per step, the test moves time, and nothing sleeps.
 */

#define JOB_PATTERN_FORMAT "GET /fine_tuning/jobs/%s*"

typedef struct
{
  ClientFixture  client;
  FtClock       *clock;
  FtJobMonitor  *monitor;
  GPtrArray     *statuses;    /* status strings, one per job-updated */
  GPtrArray     *events;      /* event messages, in the order added */
  GPtrArray     *errors;      /* GError copies from poll-failed */
  guint          n_finished;
  gboolean       last_stopped;
  FtJob         *finished;
} MonitorFixture;

static void
on_job_updated_cb (FtJobMonitor   *monitor,
                   FtJob          *job,
                   MonitorFixture *fixture)
{
  g_ptr_array_add (fixture->statuses, g_strdup (ft_job_get_status_string (job)));
}

static void
on_events_added_cb (FtJobMonitor   *monitor,
                    FtJob          *job,
                    FtEventLog     *log,
                    guint           n_added,
                    MonitorFixture *fixture)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (log));

  g_assert_cmpuint (n_added, >, 0);
  g_assert_cmpuint (n_added, <=, n_items);

  for (guint i = n_items - n_added; i < n_items; i++)
    {
      g_autoptr(FtJobEvent) event = g_list_model_get_item (G_LIST_MODEL (log), i);

      g_ptr_array_add (fixture->events, g_strdup (ft_job_event_get_message (event)));
    }
}

static void
on_job_finished_cb (FtJobMonitor   *monitor,
                    FtJob          *job,
                    MonitorFixture *fixture)
{
  fixture->n_finished++;
  g_set_object (&fixture->finished, job);
  g_assert_true (ft_job_is_terminal (job));
}

static void
on_poll_failed_cb (FtJobMonitor   *monitor,
                   FtJob          *job,
                   GError         *error,
                   gboolean        stopped,
                   MonitorFixture *fixture)
{
  g_ptr_array_add (fixture->errors, g_error_copy (error));
  fixture->last_stopped = stopped;
}

static void
monitor_fixture_setup (MonitorFixture *fixture,
                       gconstpointer   data)
{
  client_fixture_setup (&fixture->client, data);
  ft_emulator_set_steps_per_epoch (fixture->client.emulator, 2);

  /* The monitor sees each failure itself; the client's own retries are
   * covered by test-faults.
   */
  ft_client_set_max_retries (fixture->client.client, 0);

  fixture->clock = ft_clock_new_manual ();
  fixture->monitor = ft_job_monitor_new_with_clock (fixture->client.client, fixture->clock);
  fixture->statuses = g_ptr_array_new_with_free_func (g_free);
  fixture->events = g_ptr_array_new_with_free_func (g_free);
  fixture->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  g_signal_connect (fixture->monitor, "job-updated", G_CALLBACK (on_job_updated_cb), fixture);
  g_signal_connect (fixture->monitor, "events-added", G_CALLBACK (on_events_added_cb), fixture);
  g_signal_connect (fixture->monitor, "job-finished", G_CALLBACK (on_job_finished_cb), fixture);
  g_signal_connect (fixture->monitor, "poll-failed", G_CALLBACK (on_poll_failed_cb), fixture);
}

static void
monitor_fixture_teardown (MonitorFixture *fixture,
                          gconstpointer   data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->monitor));
  g_assert_cmpuint (ft_clock_get_n_pending (fixture->clock), ==, 0);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->finished);
  g_clear_pointer (&fixture->statuses, g_ptr_array_unref);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  g_clear_pointer (&fixture->errors, g_ptr_array_unref);
  client_fixture_teardown (&fixture->client, data);
}

/* Iterates until every watched job is idle: its poll answered and its
 * next timer set (or the watch ended).
 */
static void
wait_idle (MonitorFixture *fixture)
{
  while (ft_clock_get_n_pending (fixture->clock) != ft_job_monitor_get_n_watched (fixture->monitor))
    g_main_context_iteration (NULL, TRUE);
}

/* Moves time to the next poll and waits for it to finish. */
static void
next_poll (MonitorFixture *fixture)
{
  gint64 due = ft_clock_get_next_due_ms (fixture->clock);

  g_assert_cmpint (due, >=, 0);
  g_assert_cmpuint (ft_clock_advance (fixture->clock, (guint)due), >=, 1);
  wait_idle (fixture);
}

static FtJob *
create_job (MonitorFixture *fixture,
            guint           n_lines)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(FtJobParams) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("train-%u.jsonl", n_lines);
  FtJob *job;

  file = write_jsonl (&fixture->client, name, n_lines);
  uploaded = upload_sync (fixture->client.client, file, NULL, &error);
  g_assert_no_error (error);

  params = ft_job_params_new ("gpt-4o-mini-2024-07-18", ft_file_get_id (uploaded));
  ft_job_params_set_n_epochs (params, 1);
  job = create_job_sync (fixture->client.client, params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "validating_files");

  return job;
}

static guint
count_job_requests (MonitorFixture *fixture,
                    FtJob          *job)
{
  g_autofree char *pattern = g_strdup_printf (JOB_PATTERN_FORMAT, ft_job_get_id (job));

  return ft_emulator_count_requests (fixture->client.emulator, pattern);
}

static gboolean
saw_status (MonitorFixture *fixture,
            const char     *status)
{
  return g_ptr_array_find_with_equal_func (fixture->statuses, status, g_str_equal, NULL);
}

static void
assert_no_more_polls (MonitorFixture *fixture,
                      FtJob          *job)
{
  guint n_requests = count_job_requests (fixture, job);

  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 0);
  g_assert_cmpuint (ft_clock_get_n_pending (fixture->clock), ==, 0);
  g_assert_cmpuint (ft_clock_advance (fixture->clock, 60 * 60 * 1000), ==, 0);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_job_requests (fixture, job), ==, n_requests);
}

static void
test_succeeded (MonitorFixture *fixture,
                gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  g_autoptr(GListModel) all_events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  FtEventLog *log;
  FtJob *watched;
  guint n_polls = 1;

  watched = ft_job_monitor_watch (fixture->monitor, job);
  g_assert_true (watched == job);
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 1);
  log = ft_job_monitor_get_event_log (fixture->monitor, ft_job_get_id (job));
  g_assert_nonnull (log);
  g_assert_true (ft_job_monitor_lookup (fixture->monitor, ft_job_get_id (job)) == job);

  /* The first poll runs at once and brings the events so far. */
  wait_idle (fixture);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->events, 0),
                                   "Created fine-tuning job: ftjob-"));

  while (fixture->n_finished == 0)
    {
      g_assert_cmpuint (n_polls, <, 20);
      ft_emulator_step (fixture->client.emulator);
      next_poll (fixture);
      n_polls++;

      /* Each poll that brought news keeps the shortest interval. */
      if (fixture->n_finished == 0)
        g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, ft_job_get_id (job)),
                          ==, FT_JOB_MONITOR_DEFAULT_MIN_INTERVAL_MS);
    }

  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (fixture->finished == job);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "succeeded");
  g_assert_true (g_str_has_prefix (ft_job_get_fine_tuned_model (job),
                                   "ft:gpt-4o-mini-2024-07-18:"));
  g_assert_true (saw_status (fixture, "queued"));
  g_assert_true (saw_status (fixture, "running"));
  g_assert_true (saw_status (fixture, "succeeded"));
  g_assert_cmpuint (n_polls, ==, 5);

  /* Every event of the job arrived once, in order. */
  ft_client_list_events_async (fixture->client.client, ft_job_get_id (job), NULL, 100, NULL,
                               store_result_cb, &result);
  all_events = ft_client_list_events_finish (fixture->client.client, wait_for_result (&result),
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->events->len, ==, g_list_model_get_n_items (all_events));
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1),
                   ==, "The job has successfully completed");

  /* Polling stopped with the job: two requests per poll, and the test's
   * own listing.
   */
  assert_no_more_polls (fixture, job);
  g_assert_cmpuint (count_job_requests (fixture, job), ==, 2 * n_polls + 1);
}

static void
test_quiet_backoff (MonitorFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  static const guint expected[] = { 15000, 22500, 30000, 30000 };
  g_autofree char *id = g_strdup (ft_job_get_id (job));
  guint n_requests;

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 10000);
  g_assert_cmpint (ft_clock_get_next_due_ms (fixture->clock), ==, 10000);

  /* Nothing happens: 10 s → 15 s → 22.5 s → 30 s, and no sooner. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint interval = ft_job_monitor_get_interval (fixture->monitor, id);

      n_requests = count_job_requests (fixture, job);
      g_assert_cmpuint (ft_clock_advance (fixture->clock, interval - 1), ==, 0);
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (count_job_requests (fixture, job), ==, n_requests);

      g_assert_cmpuint (ft_clock_advance (fixture->clock, 1), ==, 1);
      wait_idle (fixture);
      g_assert_cmpuint (count_job_requests (fixture, job), ==, n_requests + 2);
      g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, expected[i]);
    }
  g_assert_cmpuint (fixture->statuses->len, ==, 0);

  /* News brings the interval back to 10 s. */
  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);
  g_assert_cmpuint (fixture->statuses->len, ==, 1);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 10000);

  /* So does acting on the job: an immediate poll. */
  ft_clock_advance (fixture->clock, 10000);
  wait_idle (fixture);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 15000);
  n_requests = count_job_requests (fixture, job);
  ft_job_monitor_poll_now (fixture->monitor, id);
  wait_idle (fixture);
  g_assert_cmpuint (count_job_requests (fixture, job), ==, n_requests + 2);
}

static void
test_failed (MonitorFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 5);

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);

  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);

  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "failed");
  g_assert_true (ft_job_has_failed (job));
  g_assert_cmpstr (ft_job_get_error_message (job), ==,
                   "The job failed due to an invalid training file. "
                   "Expected file to have at least 10 lines, but got 5.");
  g_assert_cmpstr (ft_job_get_error_param (job), ==, "training_file");
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1),
                   ==, ft_job_get_error_message (job));
  assert_no_more_polls (fixture, job);
}

static void
test_cancelled (MonitorFixture *fixture,
                gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  g_autoptr(FtJob) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);
  ft_emulator_step (fixture->client.emulator);
  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "running");

  /* Cancelled elsewhere (another app, the web console): the next poll
   * finds out.
   */
  cancelled = job_sync (fixture->client.client, "cancel", ft_job_get_id (job), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_finished, ==, 0);

  next_poll (fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "cancelled");
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1),
                   ==, "Fine-tuning job cancelled");
  assert_no_more_polls (fixture, job);
}

static void
test_pause_resume (MonitorFixture *fixture,
                   gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (ft_job_get_id (job));

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);
  ft_emulator_step (fixture->client.emulator);
  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "running");

  /* The app pauses the job and hands the answer to the monitor, which
   * merges it into the watched object and polls at once.
   */
  {
    g_autoptr(FtJob) pausing = job_sync (fixture->client.client, "pause", id, &error);

    g_assert_no_error (error);
    g_assert_true (ft_job_monitor_watch (fixture->monitor, pausing) == job);
    g_assert_cmpstr (ft_job_get_status_string (job), ==, "pausing");
  }
  wait_idle (fixture);

  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "paused");
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1),
                   ==, "Fine-tuning job paused");

  /* A paused job is still watched, just quietly. */
  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);
  next_poll (fixture);
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 1);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), >, 10000);

  {
    g_autoptr(FtJob) resumed = job_sync (fixture->client.client, "resume", id, &error);

    g_assert_no_error (error);
    ft_job_monitor_watch (fixture->monitor, resumed);
  }
  wait_idle (fixture);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "queued");
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1),
                   ==, "Fine-tuning job resumed");

  while (fixture->n_finished == 0)
    {
      ft_emulator_step (fixture->client.emulator);
      next_poll (fixture);
    }
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "succeeded");
  assert_no_more_polls (fixture, job);
}

static void
test_rate_limited (MonitorFixture *fixture,
                   gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  g_autofree char *pattern = g_strdup_printf ("GET /fine_tuning/jobs/%s", ft_job_get_id (job));
  g_autofree char *id = g_strdup (ft_job_get_id (job));
  const GError *error;
  guint n_requests;

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);

  /* Two answers of 429: the interval goes well past the normal 30 s,
   * then doubles.
   */
  ft_emulator_add_fault (fixture->client.emulator, pattern, FT_EMULATOR_FAULT_HTTP_429, 2);
  ft_clock_advance (fixture->clock, 10000);
  wait_idle (fixture);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
  error = g_ptr_array_index (fixture->errors, 0);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (ft_client_error_get_status (error), ==, 429);
  g_assert_false (fixture->last_stopped);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 60000);

  n_requests = count_job_requests (fixture, job);
  g_assert_cmpuint (ft_clock_advance (fixture->clock, 59999), ==, 0);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_job_requests (fixture, job), ==, n_requests);
  ft_clock_advance (fixture->clock, 1);
  wait_idle (fixture);
  g_assert_cmpuint (count_job_requests (fixture, job), ==, n_requests + 1);
  g_assert_cmpuint (fixture->errors->len, ==, 2);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 120000);

  /* The server lets us through again: back to the normal range. */
  ft_emulator_step (fixture->client.emulator);
  next_poll (fixture);
  g_assert_cmpuint (fixture->errors->len, ==, 2);
  g_assert_cmpstr (ft_job_get_status_string (job), ==, "queued");
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 10000);

  /* The back-off has a ceiling. */
  ft_emulator_add_fault (fixture->client.emulator, pattern, FT_EMULATOR_FAULT_HTTP_429, 10);
  for (guint i = 0; i < 6; i++)
    next_poll (fixture);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id),
                    ==, FT_JOB_MONITOR_DEFAULT_BACKOFF_INTERVAL_MS);
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 1);
}

static void
test_server_errors_back_off (MonitorFixture *fixture,
                             gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  g_autofree char *pattern = g_strdup_printf ("GET /fine_tuning/jobs/%s", ft_job_get_id (job));
  g_autofree char *id = g_strdup (ft_job_get_id (job));

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);

  ft_emulator_add_fault (fixture->client.emulator, pattern, FT_EMULATOR_FAULT_HTTP_500, 2);
  next_poll (fixture);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 20000);
  next_poll (fixture);
  g_assert_cmpuint (ft_job_monitor_get_interval (fixture->monitor, id), ==, 40000);
  g_assert_cmpuint (fixture->errors->len, ==, 2);
  g_assert_error ((GError *)g_ptr_array_index (fixture->errors, 1),
                  FT_CLIENT_ERROR, FT_CLIENT_ERROR_SERVER);
  g_assert_false (fixture->last_stopped);

  next_poll (fixture);
  g_assert_cmpuint (fixture->errors->len, ==, 2);
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 1);
}

static void
test_fatal_errors_stop (MonitorFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);

  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);

  /* A key that no longer works: waiting will not help. */
  ft_client_set_api_key (fixture->client.client, "sk-revoked");
  next_poll (fixture);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
  g_assert_error ((GError *)g_ptr_array_index (fixture->errors, 0),
                  FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH);
  g_assert_true (fixture->last_stopped);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  assert_no_more_polls (fixture, job);
}

static void
reattach_sync (MonitorFixture  *fixture,
               GListModel     **jobs,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_job_monitor_reattach_async (fixture->monitor, NULL, store_result_cb, &result);
  *jobs = ft_job_monitor_reattach_finish (fixture->monitor, wait_for_result (&result), error);
}

static void
test_reattach (MonitorFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(FtJob) done = create_job (fixture, 12);
  g_autoptr(FtJob) failed = NULL;
  g_autoptr(FtJob) older = NULL;
  g_autoptr(FtJob) newer = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtJob) first = NULL;
  g_autoptr(FtJob) second = NULL;

  ft_emulator_run_jobs (fixture->client.emulator);
  failed = create_job (fixture, 3);
  ft_emulator_run_jobs (fixture->client.emulator);
  older = create_job (fixture, 11);
  ft_emulator_step (fixture->client.emulator);
  newer = create_job (fixture, 13);

  /* Start-up: only the two jobs that have not ended are watched. */
  reattach_sync (fixture, &jobs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 2);
  first = g_list_model_get_item (jobs, 0);
  second = g_list_model_get_item (jobs, 1);
  g_assert_cmpstr (ft_job_get_id (first), ==, ft_job_get_id (newer));
  g_assert_cmpstr (ft_job_get_id (second), ==, ft_job_get_id (older));
  g_assert_cmpstr (ft_job_get_status_string (second), ==, "queued");
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 2);
  g_assert_null (ft_job_monitor_lookup (fixture->monitor, ft_job_get_id (done)));
  g_assert_null (ft_job_monitor_lookup (fixture->monitor, ft_job_get_id (failed)));

  wait_idle (fixture);
  while (fixture->n_finished < 2)
    {
      ft_emulator_step (fixture->client.emulator);
      next_poll (fixture);
    }
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 0);
  g_assert_cmpuint (ft_clock_get_n_pending (fixture->clock), ==, 0);

  /* A provider that refuses the list reports it. */
  g_clear_object (&jobs);
  ft_emulator_add_fault (fixture->client.emulator, "GET /fine_tuning/jobs",
                         FT_EMULATOR_FAULT_HTTP_401, 1);
  reattach_sync (fixture, &jobs, &error);
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH);
  g_assert_null (jobs);
}

static void
test_unwatch_in_flight (MonitorFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(FtJob) job = create_job (fixture, 12);
  g_autoptr(FtJob) other = create_job (fixture, 12);

  /* Unwatching cancels the poll in flight; nothing is reported. */
  ft_job_monitor_watch (fixture->monitor, job);
  ft_job_monitor_unwatch (fixture->monitor, ft_job_get_id (job));
  g_assert_cmpuint (ft_job_monitor_get_n_watched (fixture->monitor), ==, 0);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->statuses->len + fixture->events->len + fixture->errors->len, ==, 0);
  g_assert_cmpuint (ft_clock_get_n_pending (fixture->clock), ==, 0);

  /* So does dropping the monitor (teardown checks it finalizes). */
  ft_job_monitor_watch (fixture->monitor, other);
  ft_job_monitor_watch (fixture->monitor, job);
  wait_idle (fixture);
  g_assert_cmpuint (ft_clock_get_n_pending (fixture->clock), ==, 2);
  ft_job_monitor_unwatch_all (fixture->monitor);
  g_assert_cmpuint (ft_clock_get_n_pending (fixture->clock), ==, 0);
  ft_job_monitor_watch (fixture->monitor, other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ft/job-monitor/" path, MonitorFixture, NULL, \
              monitor_fixture_setup, func, monitor_fixture_teardown)

  ADD ("succeeded", test_succeeded);
  ADD ("quiet-backoff", test_quiet_backoff);
  ADD ("failed", test_failed);
  ADD ("cancelled", test_cancelled);
  ADD ("pause-resume", test_pause_resume);
  ADD ("rate-limited", test_rate_limited);
  ADD ("server-errors-back-off", test_server_errors_back_off);
  ADD ("fatal-errors-stop", test_fatal_errors_stop);
  ADD ("reattach", test_reattach);
  ADD ("unwatch-in-flight", test_unwatch_in_flight);

#undef ADD

  client_test_init (FALSE);
  return client_test_finish (g_test_run ());
}
