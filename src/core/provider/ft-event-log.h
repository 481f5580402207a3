/* ft-event-log.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-job-event.h"

G_BEGIN_DECLS

#define FT_TYPE_EVENT_LOG (ft_event_log_get_type ())

G_DECLARE_FINAL_TYPE (FtEventLog, ft_event_log, FT, EVENT_LOG, GObject)

FtEventLog *ft_event_log_new (const char *job_id) G_GNUC_WARN_UNUSED_RESULT;

const char *ft_event_log_get_job_id    (FtEventLog *self);
gboolean    ft_event_log_contains      (FtEventLog *self,
                                        const char *event_id);
guint       ft_event_log_append_newest (FtEventLog *self,
                                        GPtrArray  *newest_first);

G_END_DECLS
