/* ft-model.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FT_TYPE_MODEL (ft_model_get_type ())

G_DECLARE_FINAL_TYPE (FtModel, ft_model, FT, MODEL, GObject)

FtModel *ft_model_new_from_json (JsonObject  *object,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
FtModel *ft_model_new_for_id    (const char  *id) G_GNUC_WARN_UNUSED_RESULT;

JsonObject *ft_model_get_json            (FtModel *self);
const char *ft_model_get_id              (FtModel *self);
const char *ft_model_get_owned_by        (FtModel *self);
gint64      ft_model_get_created         (FtModel *self);
const char *ft_model_get_shutdown_date   (FtModel *self);
gboolean    ft_model_get_is_fine_tuned   (FtModel *self);
gboolean    ft_model_get_is_checkpoint   (FtModel *self);
const char *ft_model_get_base_model      (FtModel *self);
const char *ft_model_get_organization    (FtModel *self);
const char *ft_model_get_suffix          (FtModel *self);
const char *ft_model_get_short_id        (FtModel *self);
gint64      ft_model_get_checkpoint_step (FtModel *self);

G_END_DECLS
