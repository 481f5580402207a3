/* ft-job-monitor.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-client.h"
#include "ft-clock.h"

G_BEGIN_DECLS

/* The default polling intervals: a changing job is checked every 10 s,
 * a quiet one backs off to 30 s, and one the server rate-limits (or that
 * fails to answer) up to 5 minutes.
 */
#define FT_JOB_MONITOR_DEFAULT_MIN_INTERVAL_MS     10000
#define FT_JOB_MONITOR_DEFAULT_MAX_INTERVAL_MS     30000
#define FT_JOB_MONITOR_DEFAULT_BACKOFF_INTERVAL_MS 300000

#define FT_TYPE_JOB_MONITOR (ft_job_monitor_get_type ())

G_DECLARE_FINAL_TYPE (FtJobMonitor, ft_job_monitor, FT, JOB_MONITOR, GObject)

FtJobMonitor *ft_job_monitor_new              (FtClient             *client)
                                               G_GNUC_WARN_UNUSED_RESULT;
FtJobMonitor *ft_job_monitor_new_with_clock   (FtClient             *client,
                                               FtClock              *clock)
                                               G_GNUC_WARN_UNUSED_RESULT;

FtClient     *ft_job_monitor_get_client       (FtJobMonitor         *self);
FtClock      *ft_job_monitor_get_clock        (FtJobMonitor         *self);
void          ft_job_monitor_set_intervals    (FtJobMonitor         *self,
                                               guint                 min_ms,
                                               guint                 max_ms,
                                               guint                 backoff_max_ms);
guint         ft_job_monitor_get_n_watched    (FtJobMonitor         *self);
FtJob        *ft_job_monitor_lookup           (FtJobMonitor         *self,
                                               const char           *job_id);
FtEventLog   *ft_job_monitor_get_event_log    (FtJobMonitor         *self,
                                               const char           *job_id);
guint         ft_job_monitor_get_interval     (FtJobMonitor         *self,
                                               const char           *job_id);

FtJob        *ft_job_monitor_watch            (FtJobMonitor         *self,
                                               FtJob                *job);
void          ft_job_monitor_unwatch          (FtJobMonitor         *self,
                                               const char           *job_id);
void          ft_job_monitor_unwatch_all      (FtJobMonitor         *self);
void          ft_job_monitor_poll_now         (FtJobMonitor         *self,
                                               const char           *job_id);

void          ft_job_monitor_reattach_async   (FtJobMonitor         *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel   *ft_job_monitor_reattach_finish  (FtJobMonitor         *self,
                                               GAsyncResult         *result,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
