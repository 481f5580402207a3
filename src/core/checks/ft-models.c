/* ft-models.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-models"

#include "config.h"

#include "ft-models.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* From openai-fine-tuning-api.md §0 and §11 and dataset-checks.md §6. Only
 * figures found in a stored source are given; everything else is 0/NULL.
 */
static const FtModelInfo models[] = {
  { "gpt-4.1-2025-04-14", "gpt-4.1", "openai", 0,
    FT_METHOD_SUPERVISED | FT_METHOD_DPO, "2027-01-14", FALSE },
  { "gpt-4.1-mini-2025-04-14", "gpt-4.1-mini", "openai", 0,
    FT_METHOD_SUPERVISED | FT_METHOD_DPO, "2027-01-14", FALSE },
  { "gpt-4.1-nano-2025-04-14", "gpt-4.1-nano", "openai", 0,
    FT_METHOD_SUPERVISED | FT_METHOD_DPO, "2026-10-23", TRUE },
  { "gpt-4o-2024-08-06", NULL, "openai", 65536,
    FT_METHOD_SUPERVISED | FT_METHOD_VISION, "2027-01-14", FALSE },
  { "gpt-4o-mini-2024-07-18", "gpt-4o-mini", "openai", 65536,
    FT_METHOD_SUPERVISED, "2027-01-14", FALSE },
  { "gpt-3.5-turbo-0125", "gpt-3.5-turbo", "openai", 16385,
    FT_METHOD_SUPERVISED, NULL, FALSE },
  { "gpt-3.5-turbo-1106", NULL, "openai", 16385,
    FT_METHOD_SUPERVISED, NULL, FALSE },
  { "gpt-3.5-turbo-0613", NULL, "openai", 4096,
    FT_METHOD_SUPERVISED, NULL, FALSE },
  { "o4-mini-2025-04-16", "o4-mini", "openai", 0,
    FT_METHOD_REINFORCEMENT, NULL, FALSE },
};

/**
 * ft_models_get_all:
 * @n_models: (out): the number of models
 *
 * Returns: (array length=n_models) (transfer none): the catalogue of known
 *   fine-tunable models
 */
const FtModelInfo *
ft_models_get_all (guint *n_models)
{
  g_return_val_if_fail (n_models != NULL, NULL);

  *n_models = G_N_ELEMENTS (models);
  return models;
}

/**
 * ft_models_get_base_name:
 * @model: a model name
 *
 * Extracts the base model of a fine-tuned model name:
 * "ft:gpt-4o-mini-2024-07-18:my-org:custom:abc123" gives
 * "gpt-4o-mini-2024-07-18".
 *
 * Returns: (transfer full) (nullable): the base name, or %NULL when @model
 *   is not a fine-tuned model name
 */
char *
ft_models_get_base_name (const char *model)
{
  const char *start;
  const char *end;

  g_return_val_if_fail (model != NULL, NULL);

  if (!g_str_has_prefix (model, "ft:"))
    return NULL;

  start = model + 3;
  end = strchr (start, ':');
  if (end == NULL)
    end = start + strlen (start);
  if (end == start)
    return NULL;

  return g_strndup (start, end - start);
}

/**
 * ft_models_lookup:
 * @model: a model name: a snapshot, its alias, or a fine-tuned model
 *   ("ft:<base>:…", which resolves to its base)
 *
 * Returns: (transfer none) (nullable): the model, or %NULL if unknown
 */
const FtModelInfo *
ft_models_lookup (const char *model)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  base = ft_models_get_base_name (model);
  if (base != NULL)
    model = base;

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      if (strcmp (models[i].id, model) == 0 ||
          g_strcmp0 (models[i].alias, model) == 0)
        return &models[i];
    }

  return NULL;
}

/**
 * ft_models_get_token_limit:
 * @model: (nullable): a model name
 * @known: (out) (optional): whether the limit is an official figure
 *
 * The most tokens a training example may have for @model. Unknown models
 * and models without an official figure (the gpt-4.1 family) give
 * %FT_MODELS_ASSUMED_TOKEN_LIMIT with @known set to %FALSE, which callers
 * must label as an assumption.
 *
 * Returns: the limit in tokens
 */
gint64
ft_models_get_token_limit (const char *model,
                           gboolean   *known)
{
  const FtModelInfo *info = model != NULL ? ft_models_lookup (model) : NULL;

  if (info != NULL && info->training_token_limit > 0)
    {
      if (known != NULL)
        *known = TRUE;
      return info->training_token_limit;
    }

  if (known != NULL)
    *known = FALSE;
  return FT_MODELS_ASSUMED_TOKEN_LIMIT;
}

static int
compare_date (GDateTime  *now,
              const char *date)
{
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return strcmp (today, date);
}

/**
 * ft_models_get_shutdown_notice:
 * @model: (nullable): the model the user means to train, or %NULL
 * @now: the current time
 *
 * What the user should know about OpenAI winding down self-serve
 * fine-tuning at @now: whether new jobs can still be created, and when
 * @model (and the models fine-tuned from it) is removed. Only OpenAI
 * models are concerned; call it for the OpenAI provider.
 *
 * Returns: (transfer full): one or two translated sentences
 */
char *
ft_models_get_shutdown_notice (const char *model,
                               GDateTime  *now)
{
  GString *notice = g_string_new (NULL);
  const FtModelInfo *info = model != NULL ? ft_models_lookup (model) : NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (compare_date (now, FT_OPENAI_JOB_CREATION_END_DATE) >= 0)
    g_string_append_printf (notice,
                            /* Translators: %s is a date, YYYY-MM-DD. */
                            _("OpenAI stopped accepting new fine-tuning jobs on %s."),
                            FT_OPENAI_JOB_CREATION_END_DATE);
  else if (compare_date (now, FT_OPENAI_INACTIVE_END_DATE) >= 0)
    g_string_append_printf (notice,
                            /* Translators: %s is a date, YYYY-MM-DD. */
                            _("OpenAI stops accepting new fine-tuning jobs on %s. Until then, "
                              "only organizations that used a fine-tuned model in the last 60 "
                              "days can create jobs."),
                            FT_OPENAI_JOB_CREATION_END_DATE);
  else if (compare_date (now, FT_OPENAI_NEW_USERS_END_DATE) >= 0)
    g_string_append_printf (notice,
                            /* Translators: %s is a date, YYYY-MM-DD. */
                            _("OpenAI stops accepting new fine-tuning jobs on %s. "
                              "Organizations that never ran a fine-tuning job can no longer "
                              "create one."),
                            FT_OPENAI_JOB_CREATION_END_DATE);
  else
    g_string_append_printf (notice,
                            /* Translators: %s is a date, YYYY-MM-DD. */
                            _("OpenAI stops accepting new fine-tuning jobs on %s."),
                            FT_OPENAI_JOB_CREATION_END_DATE);

  if (info != NULL && info->removal_date != NULL)
    {
      g_string_append_c (notice, ' ');
      if (compare_date (now, info->removal_date) >= 0)
        g_string_append_printf (notice,
                                /* Translators: the first %s is a model, the second a date. */
                                _("%s and the models fine-tuned from it were removed from the "
                                  "API on %s."),
                                info->id, info->removal_date);
      else if (info->removal_reported)
        g_string_append_printf (notice,
                                /* Translators: the first %s is a model, the second a date. */
                                _("%s and the models fine-tuned from it are reported to be "
                                  "removed from the API on %s."),
                                info->id, info->removal_date);
      else
        g_string_append_printf (notice,
                                /* Translators: the first %s is a model, the second a date. */
                                _("%s and the models fine-tuned from it are removed from the "
                                  "API on %s."),
                                info->id, info->removal_date);
    }

  return g_string_free (notice, FALSE);
}
