/* ft-checkpoint.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FT_TYPE_CHECKPOINT (ft_checkpoint_get_type ())

G_DECLARE_FINAL_TYPE (FtCheckpoint, ft_checkpoint, FT, CHECKPOINT, GObject)

FtCheckpoint *ft_checkpoint_new_from_json (JsonObject  *object,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;

const char *ft_checkpoint_get_id          (FtCheckpoint *self);
gint64      ft_checkpoint_get_created_at  (FtCheckpoint *self);
const char *ft_checkpoint_get_model       (FtCheckpoint *self);
const char *ft_checkpoint_get_job_id      (FtCheckpoint *self);
gint64      ft_checkpoint_get_step_number (FtCheckpoint *self);
gboolean    ft_checkpoint_get_metric      (FtCheckpoint *self,
                                           const char   *name,
                                           double       *value);

G_END_DECLS
