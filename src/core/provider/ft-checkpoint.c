/* ft-checkpoint.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-checkpoint"

#include "config.h"

#include "ft-checkpoint.h"

#include "ft-api-json-private.h"

struct _FtCheckpoint
{
  GObject     parent_instance;

  char       *id;
  char       *model;
  char       *job_id;
  GHashTable *metrics;
  gint64      created_at;
  gint64      step_number;
};

G_DEFINE_FINAL_TYPE (FtCheckpoint, ft_checkpoint, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_MODEL,
  PROP_JOB_ID,
  PROP_STEP_NUMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ft_checkpoint_finalize (GObject *object)
{
  FtCheckpoint *self = (FtCheckpoint *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->metrics, g_hash_table_unref);

  G_OBJECT_CLASS (ft_checkpoint_parent_class)->finalize (object);
}

static void
ft_checkpoint_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FtCheckpoint *self = FT_CHECKPOINT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_STEP_NUMBER:
      g_value_set_int64 (value, self->step_number);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_checkpoint_class_init (FtCheckpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ft_checkpoint_finalize;
  object_class->get_property = ft_checkpoint_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * FtCheckpoint:model:
   *
   * The `fine_tuned_model_checkpoint`: a model name usable for chat.
   */
  properties [PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  properties [PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, flags);
  properties [PROP_STEP_NUMBER] =
    g_param_spec_int64 ("step-number", NULL, NULL, -1, G_MAXINT64, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_checkpoint_init (FtCheckpoint *self)
{
  self->step_number = -1;
}

/**
 * ft_checkpoint_new_from_json:
 * @object: a `fine_tuning.job.checkpoint` object
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the checkpoint, or %NULL without
 *   an id
 */
FtCheckpoint *
ft_checkpoint_new_from_json (JsonObject  *object,
                             GError     **error)
{
  FtCheckpoint *self;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_ft_api_json_require_id (object, "fine_tuning.job.checkpoint", error))
    return NULL;

  self = g_object_new (FT_TYPE_CHECKPOINT, NULL);
  self->id = _ft_api_json_dup_string (object, "id");
  self->model = _ft_api_json_dup_string (object, "fine_tuned_model_checkpoint");
  self->job_id = _ft_api_json_dup_string (object, "fine_tuning_job_id");
  self->created_at = _ft_api_json_get_int_or (object, "created_at", 0);
  self->step_number = _ft_api_json_get_int_or (object, "step_number", -1);
  self->metrics = _ft_api_json_number_table (_ft_api_json_get_object (object, "metrics"));

  return self;
}

const char *
ft_checkpoint_get_id (FtCheckpoint *self)
{
  g_return_val_if_fail (FT_IS_CHECKPOINT (self), NULL);
  return self->id;
}

gint64
ft_checkpoint_get_created_at (FtCheckpoint *self)
{
  g_return_val_if_fail (FT_IS_CHECKPOINT (self), 0);
  return self->created_at;
}

const char *
ft_checkpoint_get_model (FtCheckpoint *self)
{
  g_return_val_if_fail (FT_IS_CHECKPOINT (self), NULL);
  return self->model;
}

const char *
ft_checkpoint_get_job_id (FtCheckpoint *self)
{
  g_return_val_if_fail (FT_IS_CHECKPOINT (self), NULL);
  return self->job_id;
}

gint64
ft_checkpoint_get_step_number (FtCheckpoint *self)
{
  g_return_val_if_fail (FT_IS_CHECKPOINT (self), -1);
  return self->step_number;
}

/**
 * ft_checkpoint_get_metric:
 * @self: a #FtCheckpoint
 * @name: a metric name (`train_loss`, `full_valid_loss`, …)
 * @value: (out) (optional): where to store the number
 *
 * Returns: whether the checkpoint has that metric (any can be missing)
 */
gboolean
ft_checkpoint_get_metric (FtCheckpoint *self,
                          const char   *name,
                          double       *value)
{
  g_return_val_if_fail (FT_IS_CHECKPOINT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _ft_api_json_find_number (self->metrics, name, value);
}
