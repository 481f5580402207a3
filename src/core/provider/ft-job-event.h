/* ft-job-event.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FtEventLevel:
 * @FT_EVENT_LEVEL_INFO: `info`
 * @FT_EVENT_LEVEL_WARN: `warn`
 * @FT_EVENT_LEVEL_ERROR: `error`
 * @FT_EVENT_LEVEL_OTHER: a level this version does not know
 */
typedef enum
{
  FT_EVENT_LEVEL_INFO,
  FT_EVENT_LEVEL_WARN,
  FT_EVENT_LEVEL_ERROR,
  FT_EVENT_LEVEL_OTHER,
} FtEventLevel;

#define FT_TYPE_EVENT_LEVEL (ft_event_level_get_type ())
#define FT_TYPE_JOB_EVENT   (ft_job_event_get_type ())

GType ft_event_level_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (FtJobEvent, ft_job_event, FT, JOB_EVENT, GObject)

FtJobEvent *ft_job_event_new_from_json (JsonObject  *object,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

JsonObject   *ft_job_event_get_json       (FtJobEvent *self);
const char   *ft_job_event_get_id         (FtJobEvent *self);
gint64        ft_job_event_get_created_at (FtJobEvent *self);
FtEventLevel  ft_job_event_get_level      (FtJobEvent *self);
const char   *ft_job_event_get_message    (FtJobEvent *self);
const char   *ft_job_event_get_event_type (FtJobEvent *self);
gboolean      ft_job_event_is_metrics     (FtJobEvent *self);
gboolean      ft_job_event_get_metric     (FtJobEvent *self,
                                           const char *name,
                                           double     *value);

G_END_DECLS
