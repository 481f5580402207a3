/* ft-job.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-job"

#include "config.h"

#include "ft-job.h"

#include "ft-api-json-private.h"

#include <math.h>

struct _FtJob
{
  GObject      parent_instance;

  JsonObject  *json;
  char        *id;
  char        *model;
  char        *status_string;
  char        *fine_tuned_model;
  char        *suffix;
  char        *organization_id;
  char        *training_file;
  char        *validation_file;
  char        *error_message;
  char        *error_code;
  char        *error_param;
  GStrv        result_files;
  GHashTable  *metadata;
  gint64       created_at;
  gint64       finished_at;
  gint64       estimated_finish;
  gint64       trained_tokens;
  gint64       seed;
  gint64       n_epochs;
  gint64       batch_size;
  double       learning_rate_multiplier;
  double       beta;
  FtJobStatus  status;
  FtJobMethod  method;
};

G_DEFINE_FINAL_TYPE (FtJob, ft_job, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FtJobStatus, ft_job_status,
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_VALIDATING_FILES, "validating_files"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_SUCCEEDED, "succeeded"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_PAUSING, "pausing"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (FT_JOB_STATUS_OTHER, "other"))

G_DEFINE_ENUM_TYPE (FtJobMethod, ft_job_method,
  G_DEFINE_ENUM_VALUE (FT_JOB_METHOD_SUPERVISED, "supervised"),
  G_DEFINE_ENUM_VALUE (FT_JOB_METHOD_DPO, "dpo"),
  G_DEFINE_ENUM_VALUE (FT_JOB_METHOD_REINFORCEMENT, "reinforcement"),
  G_DEFINE_ENUM_VALUE (FT_JOB_METHOD_OTHER, "other"))

enum {
  PROP_0,
  PROP_ID,
  PROP_MODEL,
  PROP_STATUS,
  PROP_STATUS_STRING,
  PROP_METHOD,
  PROP_FINE_TUNED_MODEL,
  PROP_SUFFIX,
  PROP_TRAINING_FILE,
  PROP_VALIDATION_FILE,
  PROP_CREATED_AT,
  PROP_FINISHED_AT,
  PROP_ESTIMATED_FINISH,
  PROP_TRAINED_TOKENS,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/**
 * ft_job_status_from_string:
 * @status: (nullable): the API's `status`
 *
 * Returns: the status, %FT_JOB_STATUS_OTHER for unknown values
 */
FtJobStatus
ft_job_status_from_string (const char *status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FT_TYPE_JOB_STATUS);
  GEnumValue *value;

  if (status == NULL || g_str_equal (status, "other"))
    return FT_JOB_STATUS_OTHER;

  value = g_enum_get_value_by_nick (klass, status);
  return value ? value->value : FT_JOB_STATUS_OTHER;
}

const char *
ft_job_status_to_string (FtJobStatus status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FT_TYPE_JOB_STATUS);
  GEnumValue *value = g_enum_get_value (klass, status);

  return value ? value->value_nick : "other";
}

/**
 * ft_job_status_is_terminal:
 * @status: a #FtJobStatus
 *
 * Returns: whether nothing more will happen to a job in @status
 */
gboolean
ft_job_status_is_terminal (FtJobStatus status)
{
  return status == FT_JOB_STATUS_SUCCEEDED ||
         status == FT_JOB_STATUS_FAILED ||
         status == FT_JOB_STATUS_CANCELLED;
}

FtJobMethod
ft_job_method_from_string (const char *method)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FT_TYPE_JOB_METHOD);
  GEnumValue *value;

  if (method == NULL)
    return FT_JOB_METHOD_SUPERVISED;

  value = g_enum_get_value_by_nick (klass, method);
  return value ? value->value : FT_JOB_METHOD_OTHER;
}

const char *
ft_job_method_to_string (FtJobMethod method)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FT_TYPE_JOB_METHOD);
  GEnumValue *value = g_enum_get_value (klass, method);

  return value ? value->value_nick : "other";
}

static void
clear_fields (FtJob *self)
{
  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->status_string, g_free);
  g_clear_pointer (&self->fine_tuned_model, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->training_file, g_free);
  g_clear_pointer (&self->validation_file, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->error_code, g_free);
  g_clear_pointer (&self->error_param, g_free);
  g_clear_pointer (&self->result_files, g_strfreev);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
}

static void
ft_job_finalize (GObject *object)
{
  clear_fields ((FtJob *)object);

  G_OBJECT_CLASS (ft_job_parent_class)->finalize (object);
}

static void
ft_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  FtJob *self = FT_JOB (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_STRING:
      g_value_set_string (value, self->status_string);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_FINE_TUNED_MODEL:
      g_value_set_string (value, self->fine_tuned_model);
      break;
    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;
    case PROP_TRAINING_FILE:
      g_value_set_string (value, self->training_file);
      break;
    case PROP_VALIDATION_FILE:
      g_value_set_string (value, self->validation_file);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_FINISHED_AT:
      g_value_set_int64 (value, self->finished_at);
      break;
    case PROP_ESTIMATED_FINISH:
      g_value_set_int64 (value, self->estimated_finish);
      break;
    case PROP_TRAINED_TOKENS:
      g_value_set_int64 (value, self->trained_tokens);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_job_class_init (FtJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ft_job_finalize;
  object_class->get_property = ft_job_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, FT_TYPE_JOB_STATUS,
                                                FT_JOB_STATUS_OTHER, flags);
  /**
   * FtJob:status-string:
   *
   * The raw `status`, for statuses that read as %FT_JOB_STATUS_OTHER.
   */
  properties [PROP_STATUS_STRING] = g_param_spec_string ("status-string", NULL, NULL, NULL, flags);
  properties [PROP_METHOD] = g_param_spec_enum ("method", NULL, NULL, FT_TYPE_JOB_METHOD,
                                                FT_JOB_METHOD_SUPERVISED, flags);
  properties [PROP_FINE_TUNED_MODEL] =
    g_param_spec_string ("fine-tuned-model", NULL, NULL, NULL, flags);
  properties [PROP_SUFFIX] = g_param_spec_string ("suffix", NULL, NULL, NULL, flags);
  properties [PROP_TRAINING_FILE] = g_param_spec_string ("training-file", NULL, NULL, NULL, flags);
  properties [PROP_VALIDATION_FILE] =
    g_param_spec_string ("validation-file", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_FINISHED_AT] =
    g_param_spec_int64 ("finished-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_ESTIMATED_FINISH] =
    g_param_spec_int64 ("estimated-finish", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * FtJob:trained-tokens:
   *
   * The billed tokens once the job is done, or -1.
   */
  properties [PROP_TRAINED_TOKENS] =
    g_param_spec_int64 ("trained-tokens", NULL, NULL, -1, G_MAXINT64, -1, flags);
  /**
   * FtJob:error-message:
   *
   * The server's explanation of a failure, or %NULL. Only meaningful
   * when the status is %FT_JOB_STATUS_FAILED.
   */
  properties [PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_job_init (FtJob *self)
{
  self->trained_tokens = -1;
  self->seed = -1;
  self->n_epochs = -1;
  self->batch_size = -1;
  self->learning_rate_multiplier = NAN;
  self->beta = NAN;
}

static char *
dup_nonempty (JsonObject *object,
              const char *key)
{
  const char *s = _ft_api_json_get_string (object, key);

  return (s != NULL && s[0] != '\0') ? g_strdup (s) : NULL;
}

static void
read_hyperparameters (FtJob      *self,
                      JsonObject *hp)
{
  gint64 i;
  double d;

  if (hp == NULL)
    return;

  /* Each is "auto" (before validation) or a number. */
  if (_ft_api_json_get_int (hp, "n_epochs", &i))
    self->n_epochs = i;
  if (_ft_api_json_get_int (hp, "batch_size", &i))
    self->batch_size = i;
  if (_ft_api_json_get_double (hp, "learning_rate_multiplier", &d))
    self->learning_rate_multiplier = d;
  if (_ft_api_json_get_double (hp, "beta", &d))
    self->beta = d;
}

/**
 * ft_job_new_from_json:
 * @object: a `fine_tuning.job` object
 * @error: return location for a #GError
 *
 * Parses leniently: any key but `id` may be missing or null, `error` may
 * be an object of nulls on a job that did not fail, and an unknown status
 * becomes %FT_JOB_STATUS_OTHER with the raw string kept.
 *
 * Returns: (transfer full) (nullable): the job, or %NULL without an id
 */
FtJob *
ft_job_new_from_json (JsonObject  *object,
                      GError     **error)
{
  FtJob *self;
  JsonObject *err;
  JsonObject *method;
  JsonArray *results;
  JsonObject *metadata;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_ft_api_json_require_id (object, "fine_tuning.job", error))
    return NULL;

  self = g_object_new (FT_TYPE_JOB, NULL);
  self->json = json_object_ref (object);
  self->id = _ft_api_json_dup_string (object, "id");
  self->model = _ft_api_json_dup_string (object, "model");
  self->status_string = _ft_api_json_dup_string (object, "status");
  self->status = ft_job_status_from_string (self->status_string);
  self->fine_tuned_model = dup_nonempty (object, "fine_tuned_model");
  self->suffix = dup_nonempty (object, "user_provided_suffix");
  self->organization_id = _ft_api_json_dup_string (object, "organization_id");
  self->training_file = _ft_api_json_dup_string (object, "training_file");
  self->validation_file = dup_nonempty (object, "validation_file");
  self->created_at = _ft_api_json_get_int_or (object, "created_at", 0);
  self->finished_at = _ft_api_json_get_int_or (object, "finished_at", 0);
  self->estimated_finish = _ft_api_json_get_int_or (object, "estimated_finish", 0);
  self->trained_tokens = _ft_api_json_get_int_or (object, "trained_tokens", -1);
  self->seed = _ft_api_json_get_int_or (object, "seed", -1);

  err = _ft_api_json_get_object (object, "error");
  self->error_message = dup_nonempty (err, "message");
  self->error_code = dup_nonempty (err, "code");
  self->error_param = dup_nonempty (err, "param");

  results = _ft_api_json_get_array (object, "result_files");
  if (results != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonNode *node = json_array_get_element (results, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      self->result_files = g_strv_builder_end (builder);
    }
  else
    {
      self->result_files = g_new0 (char *, 1);
    }

  /* The deprecated top-level hyperparameters first, then the method's,
   * which win.
   */
  read_hyperparameters (self, _ft_api_json_get_object (object, "hyperparameters"));

  method = _ft_api_json_get_object (object, "method");
  self->method = ft_job_method_from_string (_ft_api_json_get_string (method, "type"));
  if (method != NULL)
    {
      const char *type = _ft_api_json_get_string (method, "type");
      JsonObject *body = type ? _ft_api_json_get_object (method, type) : NULL;

      read_hyperparameters (self, _ft_api_json_get_object (body, "hyperparameters"));
    }

  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metadata = _ft_api_json_get_object (object, "metadata");
  if (metadata != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      json_object_iter_init (&iter, metadata);
      while (json_object_iter_next (&iter, &key, &node))
        {
          const char *value = _ft_api_json_get_string (metadata, key);

          if (value != NULL)
            g_hash_table_insert (self->metadata, g_strdup (key), g_strdup (value));
        }
    }

  return self;
}

/**
 * ft_job_update_from:
 * @self: a #FtJob
 * @newer: a newer copy of the same job, e.g. from a poll
 *
 * Takes over the state of @newer and emits #GObject::notify for each
 * property that changed, so that views bound to @self follow.
 */
void
ft_job_update_from (FtJob *self,
                    FtJob *newer)
{
  GValue before[N_PROPS] = { G_VALUE_INIT };

  g_return_if_fail (FT_IS_JOB (self));
  g_return_if_fail (FT_IS_JOB (newer));

  if (self == newer)
    return;

  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&before[i], properties[i]->value_type);
      g_object_get_property (G_OBJECT (self), properties[i]->name, &before[i]);
    }

  clear_fields (self);
  self->json = newer->json ? json_object_ref (newer->json) : NULL;
  self->id = g_strdup (newer->id);
  self->model = g_strdup (newer->model);
  self->status_string = g_strdup (newer->status_string);
  self->fine_tuned_model = g_strdup (newer->fine_tuned_model);
  self->suffix = g_strdup (newer->suffix);
  self->organization_id = g_strdup (newer->organization_id);
  self->training_file = g_strdup (newer->training_file);
  self->validation_file = g_strdup (newer->validation_file);
  self->error_message = g_strdup (newer->error_message);
  self->error_code = g_strdup (newer->error_code);
  self->error_param = g_strdup (newer->error_param);
  self->result_files = g_strdupv (newer->result_files);
  self->metadata = g_hash_table_ref (newer->metadata);
  self->created_at = newer->created_at;
  self->finished_at = newer->finished_at;
  self->estimated_finish = newer->estimated_finish;
  self->trained_tokens = newer->trained_tokens;
  self->seed = newer->seed;
  self->n_epochs = newer->n_epochs;
  self->batch_size = newer->batch_size;
  self->learning_rate_multiplier = newer->learning_rate_multiplier;
  self->beta = newer->beta;
  self->status = newer->status;
  self->method = newer->method;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    {
      GValue after = G_VALUE_INIT;

      g_value_init (&after, properties[i]->value_type);
      g_object_get_property (G_OBJECT (self), properties[i]->name, &after);
      if (g_param_values_cmp (properties[i], &before[i], &after) != 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
      g_value_unset (&after);
      g_value_unset (&before[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ft_job_get_id (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->id;
}

const char *
ft_job_get_model (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->model;
}

FtJobStatus
ft_job_get_status (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), FT_JOB_STATUS_OTHER);
  return self->status;
}

const char *
ft_job_get_status_string (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->status_string;
}

gboolean
ft_job_is_terminal (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), FALSE);
  return ft_job_status_is_terminal (self->status);
}

/**
 * ft_job_has_failed:
 * @self: a #FtJob
 *
 * Decided from the status alone: a non-null `error` on a job is common
 * and means nothing by itself.
 *
 * Returns: whether the job failed
 */
gboolean
ft_job_has_failed (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), FALSE);
  return self->status == FT_JOB_STATUS_FAILED;
}

FtJobMethod
ft_job_get_method (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), FT_JOB_METHOD_OTHER);
  return self->method;
}

const char *
ft_job_get_fine_tuned_model (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->fine_tuned_model;
}

const char *
ft_job_get_suffix (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->suffix;
}

const char *
ft_job_get_organization_id (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->organization_id;
}

const char *
ft_job_get_training_file (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->training_file;
}

const char *
ft_job_get_validation_file (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->validation_file;
}

/**
 * ft_job_get_result_files:
 * @self: a #FtJob
 *
 * Returns: (transfer none): the ids of the result files (never %NULL)
 */
const char * const *
ft_job_get_result_files (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return (const char * const *)self->result_files;
}

gint64
ft_job_get_created_at (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), 0);
  return self->created_at;
}

gint64
ft_job_get_finished_at (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), 0);
  return self->finished_at;
}

gint64
ft_job_get_estimated_finish (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), 0);
  return self->estimated_finish;
}

gint64
ft_job_get_trained_tokens (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), -1);
  return self->trained_tokens;
}

gint64
ft_job_get_seed (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), -1);
  return self->seed;
}

/**
 * ft_job_get_n_epochs:
 * @self: a #FtJob
 *
 * Returns: the resolved number of epochs, or -1 while it is "auto" or
 *   unknown
 */
gint64
ft_job_get_n_epochs (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), -1);
  return self->n_epochs;
}

gint64
ft_job_get_batch_size (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), -1);
  return self->batch_size;
}

/**
 * ft_job_get_learning_rate_multiplier:
 * @self: a #FtJob
 *
 * Returns: the multiplier, or NAN while it is "auto" or unknown
 */
double
ft_job_get_learning_rate_multiplier (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NAN);
  return self->learning_rate_multiplier;
}

double
ft_job_get_beta (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NAN);
  return self->beta;
}

const char *
ft_job_get_error_message (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->error_message;
}

const char *
ft_job_get_error_code (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->error_code;
}

const char *
ft_job_get_error_param (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->error_param;
}

/**
 * ft_job_get_metadata:
 * @self: a #FtJob
 * @key: a metadata key
 *
 * Returns: (nullable): the value stored under @key
 */
const char *
ft_job_get_metadata (FtJob      *self,
                     const char *key)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->metadata, key);
}

/**
 * ft_job_get_json:
 * @self: a #FtJob
 *
 * Returns: (transfer none) (nullable): the job object as the API sent it,
 *   with every member, also those this version does not read (the latest,
 *   after ft_job_update_from())
 */
JsonObject *
ft_job_get_json (FtJob *self)
{
  g_return_val_if_fail (FT_IS_JOB (self), NULL);
  return self->json;
}
