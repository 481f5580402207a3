/* ft-job-params.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-job-params"

#include "config.h"

#include "ft-job-params.h"

#include "ft-error.h"

#include <glib/gi18n-lib.h>

/* Documented limits (docs/openai-fine-tuning-api.md §5). */
#define MAX_EPOCHS          50
#define MAX_BATCH_SIZE      256
#define MAX_BETA            2.0
#define MAX_SUFFIX          64
#define MAX_SEED            G_GINT64_CONSTANT (2147483647)
#define MAX_METADATA        16
#define MAX_METADATA_KEY    64
#define MAX_METADATA_VALUE  512

struct _FtJobParams
{
  GObject      parent_instance;

  char        *model;
  char        *training_file;
  char        *validation_file;
  char        *suffix;
  GPtrArray   *metadata_keys;
  GHashTable  *metadata;
  gint64       seed;
  gint64       n_epochs;
  gint64       batch_size;
  double       learning_rate_multiplier;
  double       beta;
  FtJobMethod  method;
};

G_DEFINE_FINAL_TYPE (FtJobParams, ft_job_params, G_TYPE_OBJECT)

static void
ft_job_params_finalize (GObject *object)
{
  FtJobParams *self = (FtJobParams *)object;

  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->training_file, g_free);
  g_clear_pointer (&self->validation_file, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->metadata_keys, g_ptr_array_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);

  G_OBJECT_CLASS (ft_job_params_parent_class)->finalize (object);
}

static void
ft_job_params_class_init (FtJobParamsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_job_params_finalize;
}

static void
ft_job_params_init (FtJobParams *self)
{
  self->seed = FT_JOB_PARAMS_NO_SEED;
  self->method = FT_JOB_METHOD_SUPERVISED;
  self->metadata_keys = g_ptr_array_new_with_free_func (g_free);
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/**
 * ft_job_params_new:
 * @model: the base model (or an `ft:` model to continue training)
 * @training_file: the id of the uploaded training file
 *
 * Creates parameters for a supervised job with every hyperparameter on
 * "auto".
 *
 * Returns: (transfer full): new parameters
 */
FtJobParams *
ft_job_params_new (const char *model,
                   const char *training_file)
{
  FtJobParams *self = g_object_new (FT_TYPE_JOB_PARAMS, NULL);

  self->model = g_strdup (model);
  self->training_file = g_strdup (training_file);

  return self;
}

#define STRING_ACCESSORS(field) \
const char * \
ft_job_params_get_##field (FtJobParams *self) \
{ \
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), NULL); \
  return self->field; \
}

STRING_ACCESSORS (model)
STRING_ACCESSORS (training_file)
STRING_ACCESSORS (validation_file)
STRING_ACCESSORS (suffix)

#undef STRING_ACCESSORS

void
ft_job_params_set_model (FtJobParams *self,
                         const char  *model)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  g_free (self->model);
  self->model = g_strdup (model);
}

void
ft_job_params_set_training_file (FtJobParams *self,
                                 const char  *file_id)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  g_free (self->training_file);
  self->training_file = g_strdup (file_id);
}

/**
 * ft_job_params_set_validation_file:
 * @self: a #FtJobParams
 * @file_id: (nullable): the id of the validation file, or %NULL for none
 */
void
ft_job_params_set_validation_file (FtJobParams *self,
                                   const char  *file_id)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  g_free (self->validation_file);
  self->validation_file = (file_id && file_id[0]) ? g_strdup (file_id) : NULL;
}

/**
 * ft_job_params_set_suffix:
 * @self: a #FtJobParams
 * @suffix: (nullable): 1–64 characters for the model name, or %NULL
 */
void
ft_job_params_set_suffix (FtJobParams *self,
                          const char  *suffix)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  g_free (self->suffix);
  self->suffix = g_strdup (suffix);
}

gint64
ft_job_params_get_seed (FtJobParams *self)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), FT_JOB_PARAMS_NO_SEED);
  return self->seed;
}

/**
 * ft_job_params_set_seed:
 * @self: a #FtJobParams
 * @seed: 0–2147483647, or %FT_JOB_PARAMS_NO_SEED to let the service pick
 */
void
ft_job_params_set_seed (FtJobParams *self,
                        gint64       seed)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  self->seed = seed;
}

FtJobMethod
ft_job_params_get_method (FtJobParams *self)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), FT_JOB_METHOD_SUPERVISED);
  return self->method;
}

/**
 * ft_job_params_set_method:
 * @self: a #FtJobParams
 * @method: %FT_JOB_METHOD_SUPERVISED or %FT_JOB_METHOD_DPO
 */
void
ft_job_params_set_method (FtJobParams *self,
                          FtJobMethod  method)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  self->method = method;
}

gint64
ft_job_params_get_n_epochs (FtJobParams *self)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), 0);
  return self->n_epochs;
}

/**
 * ft_job_params_set_n_epochs:
 * @self: a #FtJobParams
 * @n_epochs: 1–50, or %FT_JOB_PARAMS_AUTO_INT for "auto"
 */
void
ft_job_params_set_n_epochs (FtJobParams *self,
                            gint64       n_epochs)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  self->n_epochs = n_epochs;
}

gint64
ft_job_params_get_batch_size (FtJobParams *self)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), 0);
  return self->batch_size;
}

/**
 * ft_job_params_set_batch_size:
 * @self: a #FtJobParams
 * @batch_size: 1–256, or %FT_JOB_PARAMS_AUTO_INT for "auto"
 */
void
ft_job_params_set_batch_size (FtJobParams *self,
                              gint64       batch_size)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  self->batch_size = batch_size;
}

double
ft_job_params_get_learning_rate_multiplier (FtJobParams *self)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), 0.0);
  return self->learning_rate_multiplier;
}

/**
 * ft_job_params_set_learning_rate_multiplier:
 * @self: a #FtJobParams
 * @multiplier: a number > 0, or %FT_JOB_PARAMS_AUTO_DOUBLE for "auto"
 */
void
ft_job_params_set_learning_rate_multiplier (FtJobParams *self,
                                            double       multiplier)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  self->learning_rate_multiplier = multiplier;
}

double
ft_job_params_get_beta (FtJobParams *self)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), 0.0);
  return self->beta;
}

/**
 * ft_job_params_set_beta:
 * @self: a #FtJobParams
 * @beta: DPO only: 0 < beta ≤ 2, or %FT_JOB_PARAMS_AUTO_DOUBLE for "auto"
 */
void
ft_job_params_set_beta (FtJobParams *self,
                        double       beta)
{
  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  self->beta = beta;
}

/**
 * ft_job_params_set_metadata:
 * @self: a #FtJobParams
 * @key: the key
 * @value: (nullable): the value, or %NULL to remove @key
 *
 * Sets one metadata pair; pairs are sent in the order first set.
 */
void
ft_job_params_set_metadata (FtJobParams *self,
                            const char  *key,
                            const char  *value)
{
  guint index;

  g_return_if_fail (FT_IS_JOB_PARAMS (self));
  g_return_if_fail (key != NULL);

  if (g_ptr_array_find_with_equal_func (self->metadata_keys, key, g_str_equal, &index))
    {
      g_hash_table_remove (self->metadata, g_ptr_array_index (self->metadata_keys, index));
      g_ptr_array_remove_index (self->metadata_keys, index);
    }

  if (value != NULL)
    {
      char *owned = g_strdup (key);

      g_ptr_array_add (self->metadata_keys, owned);
      g_hash_table_insert (self->metadata, owned, g_strdup (value));
    }
}

/**
 * ft_job_params_validate:
 * @self: a #FtJobParams
 * @error: return location for a #GError
 *
 * Checks every value against the documented ranges, so that a mistake is
 * explained before anything is sent.
 *
 * Returns: %TRUE when the parameters can be sent; otherwise @error is
 *   %FT_CLIENT_ERROR_INVALID_ARGUMENT naming the field
 */
gboolean
ft_job_params_validate (FtJobParams  *self,
                        GError      **error)
{
  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), FALSE);

  if (self->model == NULL || self->model[0] == '\0')
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                           _("Choose a model to fine-tune."));
      return FALSE;
    }

  if (self->training_file == NULL || self->training_file[0] == '\0')
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                           _("Upload a training file before creating the job."));
      return FALSE;
    }

  if (self->method != FT_JOB_METHOD_SUPERVISED && self->method != FT_JOB_METHOD_DPO)
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   _("Exemplar can create supervised and DPO jobs, not “%s” jobs."),
                   ft_job_method_to_string (self->method));
      return FALSE;
    }

  if (self->n_epochs != FT_JOB_PARAMS_AUTO_INT &&
      (self->n_epochs < 1 || self->n_epochs > MAX_EPOCHS))
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, self->n_epochs);

      /* Translators: %d is the highest number of epochs, %s the number given. */
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   _("The number of epochs must be between 1 and %d, or automatic; "
                     "%s is out of range."),
                   MAX_EPOCHS, value);
      return FALSE;
    }

  if (self->batch_size != FT_JOB_PARAMS_AUTO_INT &&
      (self->batch_size < 1 || self->batch_size > MAX_BATCH_SIZE))
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, self->batch_size);

      /* Translators: %d is the largest batch size, %s the size given. */
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   _("The batch size must be between 1 and %d, or automatic; "
                     "%s is out of range."),
                   MAX_BATCH_SIZE, value);
      return FALSE;
    }

  if (self->learning_rate_multiplier != FT_JOB_PARAMS_AUTO_DOUBLE &&
      !(self->learning_rate_multiplier > 0.0 && self->learning_rate_multiplier < G_MAXDOUBLE))
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   _("The learning rate multiplier must be greater than 0, or automatic; %g is "
                     "out of range."),
                   self->learning_rate_multiplier);
      return FALSE;
    }

  if (self->beta != FT_JOB_PARAMS_AUTO_DOUBLE)
    {
      if (self->method != FT_JOB_METHOD_DPO)
        {
          g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                               _("Beta only applies to DPO jobs."));
          return FALSE;
        }

      if (!(self->beta > 0.0 && self->beta <= MAX_BETA))
        {
          g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                       _("Beta must be greater than 0 and at most 2, or automatic; %g is out of "
                         "range."),
                       self->beta);
          return FALSE;
        }
    }

  if (self->suffix != NULL)
    {
      glong len = g_utf8_strlen (self->suffix, -1);

      if (len < 1 || len > MAX_SUFFIX)
        {
          g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                       /* Translators: the longest suffix, the suffix given and its length. */
                       ngettext ("The model name suffix must be 1 to %d character long; "
                                 "“%s” has %ld.",
                                 "The model name suffix must be 1 to %d characters long; "
                                 "“%s” has %ld.",
                                 MAX_SUFFIX),
                       MAX_SUFFIX, self->suffix, len);
          return FALSE;
        }
    }

  if (self->seed != FT_JOB_PARAMS_NO_SEED && (self->seed < 0 || self->seed > MAX_SEED))
    {
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, MAX_SEED);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, self->seed);

      /* Translators: the highest seed, then the seed given. */
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   _("The seed must be between 0 and %s; %s is out of range."),
                   max, value);
      return FALSE;
    }

  if (self->metadata_keys->len > MAX_METADATA)
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   /* Translators: the most pairs a job takes, then the number given. */
                   ngettext ("A job can carry at most %d metadata pair; this one has %u.",
                             "A job can carry at most %d metadata pairs; this one has %u.",
                             MAX_METADATA),
                   MAX_METADATA, self->metadata_keys->len);
      return FALSE;
    }

  for (guint i = 0; i < self->metadata_keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->metadata_keys, i);
      const char *value = g_hash_table_lookup (self->metadata, key);

      if (key[0] == '\0' || g_utf8_strlen (key, -1) > MAX_METADATA_KEY)
        {
          g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                       ngettext ("Metadata keys must be 1 to %d character long; “%s” is not.",
                                 "Metadata keys must be 1 to %d characters long; “%s” is not.",
                                 MAX_METADATA_KEY),
                       MAX_METADATA_KEY, key);
          return FALSE;
        }

      if (g_utf8_strlen (value, -1) > MAX_METADATA_VALUE)
        {
          g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                       ngettext ("The metadata value of “%s” is longer than %d character.",
                                 "The metadata value of “%s” is longer than %d characters.",
                                 MAX_METADATA_VALUE),
                       key, MAX_METADATA_VALUE);
          return FALSE;
        }
    }

  return TRUE;
}

static void
add_int_or_auto (JsonBuilder *builder,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value == FT_JOB_PARAMS_AUTO_INT)
    json_builder_add_string_value (builder, "auto");
  else
    json_builder_add_int_value (builder, value);
}

static void
add_double_or_auto (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (value == FT_JOB_PARAMS_AUTO_DOUBLE)
    json_builder_add_string_value (builder, "auto");
  else
    json_builder_add_double_value (builder, value);
}

/**
 * ft_job_params_to_json:
 * @self: a #FtJobParams
 *
 * Builds the body of `POST /fine_tuning/jobs`, with the hyperparameters
 * inside `method` (the top-level form is deprecated).
 *
 * Returns: (transfer full): the request body
 */
JsonNode *
ft_job_params_to_json (FtJobParams *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *method;

  g_return_val_if_fail (FT_IS_JOB_PARAMS (self), NULL);

  method = ft_job_method_to_string (self->method);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "training_file");
  json_builder_add_string_value (builder, self->training_file);

  if (self->validation_file != NULL)
    {
      json_builder_set_member_name (builder, "validation_file");
      json_builder_add_string_value (builder, self->validation_file);
    }

  if (self->suffix != NULL)
    {
      json_builder_set_member_name (builder, "suffix");
      json_builder_add_string_value (builder, self->suffix);
    }

  if (self->seed != FT_JOB_PARAMS_NO_SEED)
    {
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, self->seed);
    }

  json_builder_set_member_name (builder, "method");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, method);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hyperparameters");
  json_builder_begin_object (builder);
  add_int_or_auto (builder, "n_epochs", self->n_epochs);
  add_int_or_auto (builder, "batch_size", self->batch_size);
  add_double_or_auto (builder, "learning_rate_multiplier", self->learning_rate_multiplier);
  if (self->method == FT_JOB_METHOD_DPO)
    add_double_or_auto (builder, "beta", self->beta);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (self->metadata_keys->len > 0)
    {
      json_builder_set_member_name (builder, "metadata");
      json_builder_begin_object (builder);
      for (guint i = 0; i < self->metadata_keys->len; i++)
        {
          const char *key = g_ptr_array_index (self->metadata_keys, i);

          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder, g_hash_table_lookup (self->metadata, key));
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
