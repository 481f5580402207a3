/* ft-model.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-model"

#include "config.h"

#include "ft-model.h"

#include "ft-api-json-private.h"

#include <stdlib.h>
#include <string.h>

struct _FtModel
{
  GObject     parent_instance;

  JsonObject *json;
  char       *id;
  char       *owned_by;
  char       *shutdown_date;
  char       *base_model;
  char       *organization;
  char       *suffix;
  char       *short_id;
  gint64      created;
  gint64      checkpoint_step;
  gboolean    is_fine_tuned;
};

G_DEFINE_FINAL_TYPE (FtModel, ft_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OWNED_BY,
  PROP_CREATED,
  PROP_SHUTDOWN_DATE,
  PROP_IS_FINE_TUNED,
  PROP_IS_CHECKPOINT,
  PROP_BASE_MODEL,
  PROP_SUFFIX,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Fine-tuned names look like ft:<base>:<org>:<suffix>:<short id>, with an
 * empty suffix when none was given, and checkpoints add
 * :ckpt-step-<N>. Older names have fewer parts (ft:<base>:<org>::<id>
 * still has five); anything that does not start with "ft:" is a base
 * model.
 */
static void
parse_name (FtModel *self)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  self->checkpoint_step = -1;

  if (!g_str_has_prefix (self->id, "ft:"))
    return;

  self->is_fine_tuned = TRUE;
  parts = g_strsplit (self->id, ":", -1);
  n_parts = g_strv_length (parts);

  if (n_parts >= 2 && g_str_has_prefix (parts[n_parts - 1], "ckpt-step-"))
    {
      const char *digits = parts[n_parts - 1] + strlen ("ckpt-step-");
      char *end = NULL;
      gint64 step = g_ascii_strtoll (digits, &end, 10);

      if (end != digits && *end == '\0')
        {
          self->checkpoint_step = step;
          g_clear_pointer (&parts[n_parts - 1], g_free);
          n_parts--;
        }
    }

  if (n_parts >= 2)
    self->base_model = g_strdup (parts[1]);
  if (n_parts >= 3 && parts[2][0] != '\0')
    self->organization = g_strdup (parts[2]);
  if (n_parts >= 5)
    {
      if (parts[3][0] != '\0')
        self->suffix = g_strdup (parts[3]);
      self->short_id = g_strdup (parts[4]);
    }
  else if (n_parts == 4)
    {
      self->short_id = g_strdup (parts[3]);
    }
}

static void
ft_model_finalize (GObject *object)
{
  FtModel *self = (FtModel *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->owned_by, g_free);
  g_clear_pointer (&self->shutdown_date, g_free);
  g_clear_pointer (&self->base_model, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->short_id, g_free);

  G_OBJECT_CLASS (ft_model_parent_class)->finalize (object);
}

static void
ft_model_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FtModel *self = FT_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_OWNED_BY:
      g_value_set_string (value, self->owned_by);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_SHUTDOWN_DATE:
      g_value_set_string (value, self->shutdown_date);
      break;
    case PROP_IS_FINE_TUNED:
      g_value_set_boolean (value, self->is_fine_tuned);
      break;
    case PROP_IS_CHECKPOINT:
      g_value_set_boolean (value, ft_model_get_is_checkpoint (self));
      break;
    case PROP_BASE_MODEL:
      g_value_set_string (value, self->base_model);
      break;
    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_model_class_init (FtModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ft_model_finalize;
  object_class->get_property = ft_model_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_OWNED_BY] = g_param_spec_string ("owned-by", NULL, NULL, NULL, flags);
  properties [PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * FtModel:shutdown-date:
   *
   * The announced shutdown day (`YYYY-MM-DD`), or %NULL.
   */
  properties [PROP_SHUTDOWN_DATE] = g_param_spec_string ("shutdown-date", NULL, NULL, NULL, flags);
  properties [PROP_IS_FINE_TUNED] =
    g_param_spec_boolean ("is-fine-tuned", NULL, NULL, FALSE, flags);
  properties [PROP_IS_CHECKPOINT] =
    g_param_spec_boolean ("is-checkpoint", NULL, NULL, FALSE, flags);
  properties [PROP_BASE_MODEL] = g_param_spec_string ("base-model", NULL, NULL, NULL, flags);
  properties [PROP_SUFFIX] = g_param_spec_string ("suffix", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_model_init (FtModel *self)
{
  self->checkpoint_step = -1;
}

/**
 * ft_model_new_for_id:
 * @id: a model id
 *
 * Creates a model from its name alone, e.g. to show the parts of a
 * job's `fine_tuned_model`.
 *
 * Returns: (transfer full): a new #FtModel
 */
FtModel *
ft_model_new_for_id (const char *id)
{
  FtModel *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (FT_TYPE_MODEL, NULL);
  self->id = g_strdup (id);
  parse_name (self);

  return self;
}

/**
 * ft_model_new_from_json:
 * @object: a `model` object from the API
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the model, or %NULL when @object
 *   has no id
 */
FtModel *
ft_model_new_from_json (JsonObject  *object,
                        GError     **error)
{
  FtModel *self;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_ft_api_json_require_id (object, "model", error))
    return NULL;

  self = ft_model_new_for_id (_ft_api_json_get_string (object, "id"));
  self->json = json_object_ref (object);
  self->owned_by = _ft_api_json_dup_string (object, "owned_by");
  self->shutdown_date = _ft_api_json_dup_string (object, "shutdown_date");
  self->created = _ft_api_json_get_int_or (object, "created", 0);

  return self;
}

const char *
ft_model_get_id (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->id;
}

const char *
ft_model_get_owned_by (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->owned_by;
}

gint64
ft_model_get_created (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), 0);
  return self->created;
}

const char *
ft_model_get_shutdown_date (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->shutdown_date;
}

gboolean
ft_model_get_is_fine_tuned (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), FALSE);
  return self->is_fine_tuned;
}

gboolean
ft_model_get_is_checkpoint (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), FALSE);
  return self->checkpoint_step >= 0;
}

/**
 * ft_model_get_base_model:
 * @self: a #FtModel
 *
 * Returns: (nullable): for a fine-tuned model, the base snapshot it was
 *   trained from
 */
const char *
ft_model_get_base_model (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->base_model;
}

const char *
ft_model_get_organization (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->organization;
}

/**
 * ft_model_get_suffix:
 * @self: a #FtModel
 *
 * Returns: (nullable): the suffix given when the job was created, or
 *   %NULL when none was
 */
const char *
ft_model_get_suffix (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->suffix;
}

const char *
ft_model_get_short_id (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->short_id;
}

/**
 * ft_model_get_checkpoint_step:
 * @self: a #FtModel
 *
 * Returns: the step of a checkpoint model (`:ckpt-step-N`), or -1
 */
gint64
ft_model_get_checkpoint_step (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), -1);
  return self->checkpoint_step;
}

/**
 * ft_model_get_json:
 * @self: a #FtModel
 *
 * Returns: (transfer none) (nullable): the model object as the API sent it,
 *   with every member, also those this version does not read; %NULL for
 *   a model made from an id alone
 */
JsonObject *
ft_model_get_json (FtModel *self)
{
  g_return_val_if_fail (FT_IS_MODEL (self), NULL);
  return self->json;
}
