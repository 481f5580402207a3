/* ft-job-monitor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-job-monitor"

#include "config.h"

#include "ft-job-monitor.h"

#include "ft-error.h"

/* Follows fine-tuning jobs until they end. Each watched job is polled on
 * its own timer: first the job itself, then its new events (through an
 * FtEventLog, docs/openai-fine-tuning-api.md §6–7). A poll that brought
 * news resets the interval to the minimum; a quiet one stretches it by
 * half, up to the maximum; a rate-limited or failed one doubles it, up to
 * the back-off maximum. A job that ends is polled no more.
 *
 * Errors that polling cannot outwait (a rejected key, a job that no
 * longer exists, a refused permission) stop the watch; they are reported
 * through ::poll-failed either way.
 *
 * The timers come from an FtClock, so tests drive time by hand.
 */

typedef struct
{
  gatomicrefcount  ref_count;
  FtJobMonitor    *monitor;      /* borrowed: the watch is cancelled first */
  FtJob           *job;
  FtEventLog      *log;
  GCancellable    *cancellable;
  guint            timeout_id;
  guint            interval_ms;
  guint            n_changes;
  gboolean         polling;
  gboolean         poll_again;
} Watch;

struct _FtJobMonitor
{
  GObject       parent_instance;

  FtClient     *client;
  FtClock      *clock;
  GHashTable   *watches;
  GCancellable *cancellable;
  guint         min_interval_ms;
  guint         max_interval_ms;
  guint         backoff_interval_ms;
};

G_DEFINE_FINAL_TYPE (FtJobMonitor, ft_job_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CLOCK,
  PROP_N_WATCHED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  JOB_UPDATED,
  EVENTS_ADDED,
  JOB_FINISHED,
  POLL_FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void poll_watch (Watch *watch);

static Watch *
watch_ref (Watch *watch)
{
  g_atomic_ref_count_inc (&watch->ref_count);
  return watch;
}

static void
watch_unref (Watch *watch)
{
  if (!g_atomic_ref_count_dec (&watch->ref_count))
    return;

  g_clear_object (&watch->job);
  g_clear_object (&watch->log);
  g_clear_object (&watch->cancellable);
  g_free (watch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Watch, watch_unref)

/* Ends a watch: no timer, no call in flight. The table drops the last
 * reference.
 */
static void
watch_stop (Watch *watch)
{
  g_cancellable_cancel (watch->cancellable);
  if (watch->timeout_id != 0 && watch->monitor != NULL)
    ft_clock_remove (watch->monitor->clock, watch->timeout_id);
  watch->timeout_id = 0;
  watch->monitor = NULL;
}

static void
watch_stop_and_unref (gpointer data)
{
  Watch *watch = data;

  watch_stop (watch);
  watch_unref (watch);
}

static gboolean
is_current (Watch *watch)
{
  FtJobMonitor *self = watch->monitor;

  return self != NULL &&
         !g_cancellable_is_cancelled (watch->cancellable) &&
         g_hash_table_lookup (self->watches, ft_job_get_id (watch->job)) == watch;
}

static void
remove_watch (FtJobMonitor *self,
              Watch        *watch)
{
  g_assert (FT_IS_JOB_MONITOR (self));

  if (g_hash_table_lookup (self->watches, ft_job_get_id (watch->job)) != watch)
    return;

  g_hash_table_remove (self->watches, ft_job_get_id (watch->job));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_WATCHED]);
}

static void
poll_timeout_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->timeout_id = 0;
  if (is_current (watch))
    poll_watch (watch);
}

static void
schedule (Watch *watch,
          guint  delay_ms)
{
  FtJobMonitor *self = watch->monitor;

  g_assert (FT_IS_JOB_MONITOR (self));

  if (watch->timeout_id != 0)
    ft_clock_remove (self->clock, watch->timeout_id);

  g_debug ("Next poll of %s in %u ms", ft_job_get_id (watch->job), delay_ms);
  watch->timeout_id = ft_clock_add_timeout (self->clock, delay_ms,
                                            poll_timeout_cb, watch_ref (watch),
                                            (GDestroyNotify)watch_unref);
}

/* Errors that waiting does not cure: stop watching. */
static gboolean
is_fatal (const GError *error)
{
  if (error->domain != FT_CLIENT_ERROR)
    return FALSE;

  switch ((FtClientError)error->code)
    {
    case FT_CLIENT_ERROR_AUTH:
    case FT_CLIENT_ERROR_NOT_FOUND:
    case FT_CLIENT_ERROR_PERMISSION:
    case FT_CLIENT_ERROR_INSECURE:
    case FT_CLIENT_ERROR_INVALID_ARGUMENT:
    case FT_CLIENT_ERROR_UNSUPPORTED:
    case FT_CLIENT_ERROR_NO_KEY:
      return TRUE;

    case FT_CLIENT_ERROR_HTTP:
    case FT_CLIENT_ERROR_RATE_LIMITED:
    case FT_CLIENT_ERROR_SERVER:
    case FT_CLIENT_ERROR_INVALID_RESPONSE:
    case FT_CLIENT_ERROR_QUOTA:
    case FT_CLIENT_ERROR_CONNECTION:
    case FT_CLIENT_ERROR_TIMEOUT:
    case FT_CLIENT_ERROR_TOO_LARGE:
    default:
      return FALSE;
    }
}

static void
poll_failed (Watch  *watch,
             GError *error)
{
  FtJobMonitor *self = watch->monitor;
  g_autoptr(Watch) hold = watch_ref (watch);
  gboolean fatal = is_fatal (error);

  g_assert (FT_IS_JOB_MONITOR (self));

  watch->polling = FALSE;
  watch->poll_again = FALSE;

  if (fatal)
    {
      g_debug ("Stopped watching %s: %s", ft_job_get_id (watch->job), error->message);
      g_signal_emit (self, signals [POLL_FAILED], 0, watch->job, error, TRUE);
      remove_watch (self, watch);
      return;
    }

  if (g_error_matches (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_RATE_LIMITED) ||
      g_error_matches (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_QUOTA))
    {
      /* The server asked to slow down: at once well past the normal
       * maximum, then doubling.
       */
      watch->interval_ms = MAX (watch->interval_ms, self->max_interval_ms);
      watch->interval_ms = MIN ((guint64)watch->interval_ms * 2, self->backoff_interval_ms);
    }
  else
    {
      watch->interval_ms = MIN ((guint64)watch->interval_ms * 2, self->backoff_interval_ms);
    }

  g_debug ("Polling %s failed: %s", ft_job_get_id (watch->job), error->message);
  g_signal_emit (self, signals [POLL_FAILED], 0, watch->job, error, FALSE);

  if (is_current (watch))
    schedule (watch, watch->interval_ms);
}

static void
count_change_cb (Watch      *watch,
                 GParamSpec *pspec,
                 FtJob      *job)
{
  watch->n_changes++;
}

static void
update_event_log_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Watch) watch = user_data;
  g_autoptr(GError) error = NULL;
  FtJobMonitor *self;
  guint n_added;
  gboolean changed;

  n_added = ft_client_update_event_log_finish (FT_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_current (watch))
    return;

  self = watch->monitor;
  changed = watch->n_changes > 0 || n_added > 0;

  /* Events first, then the status they led to; the status may have
   * changed even when the events did not come.
   */
  if (error == NULL && n_added > 0)
    g_signal_emit (self, signals [EVENTS_ADDED], 0, watch->job, watch->log, n_added);

  if (watch->n_changes > 0 && is_current (watch))
    {
      watch->n_changes = 0;
      g_signal_emit (self, signals [JOB_UPDATED], 0, watch->job);
    }

  if (!is_current (watch))
    return;

  if (error != NULL)
    {
      poll_failed (watch, error);
      return;
    }

  watch->polling = FALSE;

  if (ft_job_is_terminal (watch->job))
    {
      g_debug ("%s ended: %s", ft_job_get_id (watch->job), ft_job_get_status_string (watch->job));
      g_signal_emit (self, signals [JOB_FINISHED], 0, watch->job);
      remove_watch (self, watch);
      return;
    }

  if (changed)
    watch->interval_ms = self->min_interval_ms;
  else
    watch->interval_ms = MIN (watch->interval_ms + watch->interval_ms / 2, self->max_interval_ms);

  if (watch->poll_again)
    {
      watch->poll_again = FALSE;
      poll_watch (watch);
      return;
    }

  schedule (watch, watch->interval_ms);
}

static void
retrieve_job_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FtClient *client = FT_CLIENT (object);
  g_autoptr(Watch) watch = user_data;
  g_autoptr(FtJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gulong handler;

  job = ft_client_job_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_current (watch))
    return;

  if (job == NULL)
    {
      poll_failed (watch, error);
      return;
    }

  handler = g_signal_connect_swapped (watch->job, "notify", G_CALLBACK (count_change_cb), watch);
  ft_job_update_from (watch->job, job);
  g_signal_handler_disconnect (watch->job, handler);

  ft_client_update_event_log_async (client, watch->log, watch->cancellable,
                                    update_event_log_cb, watch_ref (watch));
}

static void
poll_watch (Watch *watch)
{
  FtJobMonitor *self = watch->monitor;

  g_assert (FT_IS_JOB_MONITOR (self));

  if (watch->polling)
    {
      watch->poll_again = TRUE;
      return;
    }

  if (watch->timeout_id != 0)
    {
      ft_clock_remove (self->clock, watch->timeout_id);
      watch->timeout_id = 0;
    }

  watch->polling = TRUE;
  watch->n_changes = 0;
  ft_client_retrieve_job_async (self->client, ft_job_get_id (watch->job), watch->cancellable,
                                retrieve_job_cb, watch_ref (watch));
}

static void
ft_job_monitor_dispose (GObject *object)
{
  FtJobMonitor *self = (FtJobMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->watches != NULL)
    g_hash_table_remove_all (self->watches);

  G_OBJECT_CLASS (ft_job_monitor_parent_class)->dispose (object);
}

static void
ft_job_monitor_finalize (GObject *object)
{
  FtJobMonitor *self = (FtJobMonitor *)object;

  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ft_job_monitor_parent_class)->finalize (object);
}

static void
ft_job_monitor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FtJobMonitor *self = FT_JOB_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_N_WATCHED:
      g_value_set_uint (value, ft_job_monitor_get_n_watched (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_job_monitor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FtJobMonitor *self = FT_JOB_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_job_monitor_constructed (GObject *object)
{
  FtJobMonitor *self = (FtJobMonitor *)object;

  G_OBJECT_CLASS (ft_job_monitor_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = ft_clock_new ();
}

static void
ft_job_monitor_class_init (FtJobMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ft_job_monitor_constructed;
  object_class->dispose = ft_job_monitor_dispose;
  object_class->finalize = ft_job_monitor_finalize;
  object_class->get_property = ft_job_monitor_get_property;
  object_class->set_property = ft_job_monitor_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         FT_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtJobMonitor:clock:
   *
   * Where the polling timers run; a real clock unless given.
   */
  properties [PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         FT_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_WATCHED] =
    g_param_spec_uint ("n-watched", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtJobMonitor::job-updated:
   * @self: a #FtJobMonitor
   * @job: the watched job, already updated
   *
   * Emitted after a poll changed something about @job (status, estimate,
   * tokens, model, error), after #FtJobMonitor::events-added for the
   * same poll; the job's own notify signals came first.
   */
  signals [JOB_UPDATED] =
    g_signal_new ("job-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FT_TYPE_JOB);

  /**
   * FtJobMonitor::events-added:
   * @self: a #FtJobMonitor
   * @job: the watched job
   * @log: the job's events, oldest first
   * @n_added: how many events were appended at the end of @log
   */
  signals [EVENTS_ADDED] =
    g_signal_new ("events-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, FT_TYPE_JOB, FT_TYPE_EVENT_LOG, G_TYPE_UINT);

  /**
   * FtJobMonitor::job-finished:
   * @self: a #FtJobMonitor
   * @job: the job, now succeeded, failed or cancelled
   *
   * Emitted once when a watched job has ended, after its last events;
   * the job is no longer watched afterwards.
   */
  signals [JOB_FINISHED] =
    g_signal_new ("job-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FT_TYPE_JOB);

  /**
   * FtJobMonitor::poll-failed:
   * @self: a #FtJobMonitor
   * @job: the watched job
   * @error: what went wrong
   * @stopped: %TRUE when the monitor gave up on @job (rejected key,
   *   unknown job, no permission); otherwise it tries again later
   */
  signals [POLL_FAILED] =
    g_signal_new ("poll-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, FT_TYPE_JOB, G_TYPE_ERROR, G_TYPE_BOOLEAN);
}

static void
ft_job_monitor_init (FtJobMonitor *self)
{
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, watch_stop_and_unref);
  self->cancellable = g_cancellable_new ();
  self->min_interval_ms = FT_JOB_MONITOR_DEFAULT_MIN_INTERVAL_MS;
  self->max_interval_ms = FT_JOB_MONITOR_DEFAULT_MAX_INTERVAL_MS;
  self->backoff_interval_ms = FT_JOB_MONITOR_DEFAULT_BACKOFF_INTERVAL_MS;
}

/**
 * ft_job_monitor_new:
 * @client: the client of the jobs' provider
 *
 * Returns: (transfer full): a monitor on real time
 */
FtJobMonitor *
ft_job_monitor_new (FtClient *client)
{
  g_return_val_if_fail (FT_IS_CLIENT (client), NULL);

  return g_object_new (FT_TYPE_JOB_MONITOR,
                       "client", client,
                       NULL);
}

/**
 * ft_job_monitor_new_with_clock:
 * @client: the client of the jobs' provider
 * @clock: the clock for the polling timers
 *
 * Returns: (transfer full): a monitor on @clock
 */
FtJobMonitor *
ft_job_monitor_new_with_clock (FtClient *client,
                               FtClock  *clock)
{
  g_return_val_if_fail (FT_IS_CLIENT (client), NULL);
  g_return_val_if_fail (FT_IS_CLOCK (clock), NULL);

  return g_object_new (FT_TYPE_JOB_MONITOR,
                       "client", client,
                       "clock", clock,
                       NULL);
}

/**
 * ft_job_monitor_get_client:
 * @self: a #FtJobMonitor
 *
 * Returns: (transfer none): the client
 */
FtClient *
ft_job_monitor_get_client (FtJobMonitor *self)
{
  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), NULL);

  return self->client;
}

/**
 * ft_job_monitor_get_clock:
 * @self: a #FtJobMonitor
 *
 * Returns: (transfer none): the clock of the polling timers
 */
FtClock *
ft_job_monitor_get_clock (FtJobMonitor *self)
{
  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), NULL);

  return self->clock;
}

/**
 * ft_job_monitor_set_intervals:
 * @self: a #FtJobMonitor
 * @min_ms: the interval after a poll that brought news
 * @max_ms: the longest interval while nothing happens
 * @backoff_max_ms: the longest interval while the server rate-limits or
 *   fails
 *
 * Applies from the next poll on.
 */
void
ft_job_monitor_set_intervals (FtJobMonitor *self,
                              guint         min_ms,
                              guint         max_ms,
                              guint         backoff_max_ms)
{
  g_return_if_fail (FT_IS_JOB_MONITOR (self));
  g_return_if_fail (min_ms > 0);
  g_return_if_fail (min_ms <= max_ms && max_ms <= backoff_max_ms);

  self->min_interval_ms = min_ms;
  self->max_interval_ms = max_ms;
  self->backoff_interval_ms = backoff_max_ms;
}

guint
ft_job_monitor_get_n_watched (FtJobMonitor *self)
{
  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), 0);

  return g_hash_table_size (self->watches);
}

/**
 * ft_job_monitor_lookup:
 * @self: a #FtJobMonitor
 * @job_id: a job id
 *
 * Returns: (transfer none) (nullable): the watched job with @job_id
 */
FtJob *
ft_job_monitor_lookup (FtJobMonitor *self,
                       const char   *job_id)
{
  Watch *watch;

  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);

  watch = g_hash_table_lookup (self->watches, job_id);

  return watch ? watch->job : NULL;
}

/**
 * ft_job_monitor_get_event_log:
 * @self: a #FtJobMonitor
 * @job_id: a job id
 *
 * Returns: (transfer none) (nullable): the events of a watched job
 */
FtEventLog *
ft_job_monitor_get_event_log (FtJobMonitor *self,
                              const char   *job_id)
{
  Watch *watch;

  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);

  watch = g_hash_table_lookup (self->watches, job_id);

  return watch ? watch->log : NULL;
}

/**
 * ft_job_monitor_get_interval:
 * @self: a #FtJobMonitor
 * @job_id: a watched job's id
 *
 * Returns: the current polling interval of the job in milliseconds, or 0
 *   when it is not watched
 */
guint
ft_job_monitor_get_interval (FtJobMonitor *self,
                             const char   *job_id)
{
  Watch *watch;

  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), 0);
  g_return_val_if_fail (job_id != NULL, 0);

  watch = g_hash_table_lookup (self->watches, job_id);

  return watch ? watch->interval_ms : 0;
}

/**
 * ft_job_monitor_watch:
 * @self: a #FtJobMonitor
 * @job: a job, as created, listed or retrieved
 *
 * Starts following @job with a first poll right away, which also fetches
 * its events so far. A job that has already ended is polled once and
 * then reported finished. Watching a job that is already watched merges
 * @job into the watched object and polls now (for example after pausing
 * it).
 *
 * Returns: (transfer none): the object the monitor keeps up to date:
 *   @job, or the one already watched under its id
 */
FtJob *
ft_job_monitor_watch (FtJobMonitor *self,
                      FtJob        *job)
{
  Watch *watch;
  const char *id;

  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), NULL);
  g_return_val_if_fail (FT_IS_JOB (job), NULL);
  g_return_val_if_fail (ft_job_get_id (job) != NULL, NULL);

  id = ft_job_get_id (job);
  watch = g_hash_table_lookup (self->watches, id);

  if (watch != NULL)
    {
      ft_job_update_from (watch->job, job);
      watch->interval_ms = self->min_interval_ms;
      poll_watch (watch);
      return watch->job;
    }

  watch = g_new0 (Watch, 1);
  g_atomic_ref_count_init (&watch->ref_count);
  watch->monitor = self;
  watch->job = g_object_ref (job);
  watch->log = ft_event_log_new (id);
  watch->cancellable = g_cancellable_new ();
  watch->interval_ms = self->min_interval_ms;

  g_hash_table_insert (self->watches, g_strdup (id), watch);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_WATCHED]);

  poll_watch (watch);

  return job;
}

/**
 * ft_job_monitor_unwatch:
 * @self: a #FtJobMonitor
 * @job_id: a job id
 *
 * Stops following a job; a poll in flight is cancelled.
 */
void
ft_job_monitor_unwatch (FtJobMonitor *self,
                        const char   *job_id)
{
  g_return_if_fail (FT_IS_JOB_MONITOR (self));
  g_return_if_fail (job_id != NULL);

  if (g_hash_table_remove (self->watches, job_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_WATCHED]);
}

/**
 * ft_job_monitor_unwatch_all:
 * @self: a #FtJobMonitor
 *
 * Stops following every job, for example when the provider changes.
 */
void
ft_job_monitor_unwatch_all (FtJobMonitor *self)
{
  g_return_if_fail (FT_IS_JOB_MONITOR (self));

  if (g_hash_table_size (self->watches) == 0)
    return;

  g_hash_table_remove_all (self->watches);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_WATCHED]);
}

/**
 * ft_job_monitor_poll_now:
 * @self: a #FtJobMonitor
 * @job_id: a watched job's id
 *
 * Polls a watched job now (after the poll in flight, if any) and resets
 * its interval, for example after the user acted on the job.
 */
void
ft_job_monitor_poll_now (FtJobMonitor *self,
                         const char   *job_id)
{
  Watch *watch;

  g_return_if_fail (FT_IS_JOB_MONITOR (self));
  g_return_if_fail (job_id != NULL);

  watch = g_hash_table_lookup (self->watches, job_id);
  if (watch == NULL)
    return;

  watch->interval_ms = self->min_interval_ms;
  poll_watch (watch);
}

/* Reattaching */

#define REATTACH_PAGE_SIZE 100
#define REATTACH_MAX_PAGES 10

typedef struct
{
  GListStore *jobs;
  guint       n_pages;
} ReattachData;

static void
reattach_data_free (ReattachData *data)
{
  g_clear_object (&data->jobs);
  g_free (data);
}

static void
list_jobs_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FtClient *client = FT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  FtJobMonitor *self = g_task_get_source_object (task);
  ReattachData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtJob) last = NULL;
  gboolean has_more = FALSE;
  guint n_items;

  page = ft_client_list_jobs_finish (client, result, &has_more, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  n_items = g_list_model_get_n_items (page);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FtJob) job = g_list_model_get_item (page, i);

      if (!ft_job_is_terminal (job))
        g_list_store_append (data->jobs, ft_job_monitor_watch (self, job));
    }

  data->n_pages++;
  if (has_more && n_items > 0 && data->n_pages < REATTACH_MAX_PAGES)
    {
      last = g_list_model_get_item (page, n_items - 1);
      ft_client_list_jobs_async (client, ft_job_get_id (last), REATTACH_PAGE_SIZE,
                                 g_task_get_cancellable (task),
                                 list_jobs_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_object_ref (data->jobs), g_object_unref);
}

/**
 * ft_job_monitor_reattach_async:
 * @self: a #FtJobMonitor
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the provider's jobs (newest first, up to 1000) and watches every
 * one that has not ended, for example at start-up.
 */
void
ft_job_monitor_reattach_async (FtJobMonitor        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReattachData *data;

  g_return_if_fail (FT_IS_JOB_MONITOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_job_monitor_reattach_async);

  data = g_new0 (ReattachData, 1);
  data->jobs = g_list_store_new (FT_TYPE_JOB);
  g_task_set_task_data (task, data, (GDestroyNotify)reattach_data_free);

  ft_client_list_jobs_async (self->client, NULL, REATTACH_PAGE_SIZE, cancellable,
                             list_jobs_cb, g_steal_pointer (&task));
}

/**
 * ft_job_monitor_reattach_finish:
 * @self: a #FtJobMonitor
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of the #FtJob objects
 *   now watched, newest first
 */
GListModel *
ft_job_monitor_reattach_finish (FtJobMonitor  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (FT_IS_JOB_MONITOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
