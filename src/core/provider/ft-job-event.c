/* ft-job-event.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-job-event"

#include "config.h"

#include "ft-job-event.h"

#include "ft-api-json-private.h"

struct _FtJobEvent
{
  GObject       parent_instance;

  JsonObject   *json;
  char         *id;
  char         *message;
  char         *event_type;
  GHashTable   *metrics;
  gint64        created_at;
  FtEventLevel  level;
};

G_DEFINE_FINAL_TYPE (FtJobEvent, ft_job_event, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FtEventLevel, ft_event_level,
  G_DEFINE_ENUM_VALUE (FT_EVENT_LEVEL_INFO, "info"),
  G_DEFINE_ENUM_VALUE (FT_EVENT_LEVEL_WARN, "warn"),
  G_DEFINE_ENUM_VALUE (FT_EVENT_LEVEL_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (FT_EVENT_LEVEL_OTHER, "other"))

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_LEVEL,
  PROP_MESSAGE,
  PROP_EVENT_TYPE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ft_job_event_finalize (GObject *object)
{
  FtJobEvent *self = (FtJobEvent *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->metrics, g_hash_table_unref);

  G_OBJECT_CLASS (ft_job_event_parent_class)->finalize (object);
}

static void
ft_job_event_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FtJobEvent *self = FT_JOB_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_EVENT_TYPE:
      g_value_set_string (value, self->event_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_job_event_class_init (FtJobEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ft_job_event_finalize;
  object_class->get_property = ft_job_event_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_LEVEL] = g_param_spec_enum ("level", NULL, NULL, FT_TYPE_EVENT_LEVEL,
                                               FT_EVENT_LEVEL_INFO, flags);
  properties [PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties [PROP_EVENT_TYPE] = g_param_spec_string ("event-type", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_job_event_init (FtJobEvent *self)
{
}

/**
 * ft_job_event_new_from_json:
 * @object: a `fine_tuning.job.event` object
 * @error: return location for a #GError
 *
 * A `data` of null (common for message events) is accepted; the numbers
 * of a metrics event become its metrics.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL without an id
 */
FtJobEvent *
ft_job_event_new_from_json (JsonObject  *object,
                            GError     **error)
{
  FtJobEvent *self;
  const char *level;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_ft_api_json_require_id (object, "fine_tuning.job.event", error))
    return NULL;

  self = g_object_new (FT_TYPE_JOB_EVENT, NULL);
  self->json = json_object_ref (object);
  self->id = _ft_api_json_dup_string (object, "id");
  self->message = _ft_api_json_dup_string (object, "message");
  self->event_type = _ft_api_json_dup_string (object, "type");
  self->created_at = _ft_api_json_get_int_or (object, "created_at", 0);
  self->metrics = _ft_api_json_number_table (_ft_api_json_get_object (object, "data"));

  level = _ft_api_json_get_string (object, "level");
  if (level == NULL || g_str_equal (level, "info"))
    self->level = FT_EVENT_LEVEL_INFO;
  else if (g_str_equal (level, "warn") || g_str_equal (level, "warning"))
    self->level = FT_EVENT_LEVEL_WARN;
  else if (g_str_equal (level, "error"))
    self->level = FT_EVENT_LEVEL_ERROR;
  else
    self->level = FT_EVENT_LEVEL_OTHER;

  return self;
}

const char *
ft_job_event_get_id (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), NULL);
  return self->id;
}

gint64
ft_job_event_get_created_at (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), 0);
  return self->created_at;
}

FtEventLevel
ft_job_event_get_level (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), FT_EVENT_LEVEL_OTHER);
  return self->level;
}

const char *
ft_job_event_get_message (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), NULL);
  return self->message;
}

/**
 * ft_job_event_get_event_type:
 * @self: a #FtJobEvent
 *
 * Returns: (nullable): the raw `type`, `message` or `metrics`
 */
const char *
ft_job_event_get_event_type (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), NULL);
  return self->event_type;
}

gboolean
ft_job_event_is_metrics (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), FALSE);
  return g_strcmp0 (self->event_type, "metrics") == 0;
}

/**
 * ft_job_event_get_metric:
 * @self: a #FtJobEvent
 * @name: a key of `data`: `step`, `total_steps`, `train_loss`,
 *   `train_mean_token_accuracy`, `valid_loss`, `full_valid_loss`, …
 * @value: (out) (optional): where to store the number
 *
 * Returns: whether the event has that number
 */
gboolean
ft_job_event_get_metric (FtJobEvent *self,
                         const char *name,
                         double     *value)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _ft_api_json_find_number (self->metrics, name, value);
}

/**
 * ft_job_event_get_json:
 * @self: a #FtJobEvent
 *
 * Returns: (transfer none) (nullable): the event object as the API sent it,
 *   with every member, also those this version does not read
 */
JsonObject *
ft_job_event_get_json (FtJobEvent *self)
{
  g_return_val_if_fail (FT_IS_JOB_EVENT (self), NULL);
  return self->json;
}
