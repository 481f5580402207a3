/* ft-models.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FtMethodFlags:
 * @FT_METHOD_NONE: none
 * @FT_METHOD_SUPERVISED: supervised fine-tuning (chat examples)
 * @FT_METHOD_DPO: direct preference optimization
 * @FT_METHOD_REINFORCEMENT: reinforcement fine-tuning (graded)
 * @FT_METHOD_VISION: supervised fine-tuning with images
 *
 * The fine-tuning methods a model accepts.
 */
typedef enum
{
  FT_METHOD_NONE          = 0,
  FT_METHOD_SUPERVISED    = 1 << 0,
  FT_METHOD_DPO           = 1 << 1,
  FT_METHOD_REINFORCEMENT = 1 << 2,
  FT_METHOD_VISION        = 1 << 3,
} FtMethodFlags;

/**
 * FtModelInfo:
 * @id: the snapshot name ("gpt-4o-mini-2024-07-18")
 * @alias: (nullable): the short name that points at it ("gpt-4o-mini")
 * @provider: the provider id ("openai")
 * @training_token_limit: the most tokens per training example, or 0 when
 *   no official figure is known (then %FT_MODELS_ASSUMED_TOKEN_LIMIT is
 *   used and labelled as an assumption)
 * @methods: the fine-tuning methods it accepts
 * @removal_date: (nullable): when the provider removes it, with the models
 *   fine-tuned from it, YYYY-MM-DD
 * @removal_reported: whether @removal_date comes from reports rather than
 *   the provider's own deprecations page
 *
 * One known fine-tunable model.
 */
typedef struct
{
  const char    *id;
  const char    *alias;
  const char    *provider;
  gint64         training_token_limit;
  FtMethodFlags  methods;
  const char    *removal_date;
  gboolean       removal_reported;
} FtModelInfo;

/* Used for models whose training limit is not known; always labelled. */
#define FT_MODELS_ASSUMED_TOKEN_LIMIT 65536

/* OpenAI's self-serve fine-tuning timeline (openai-fine-tuning-api.md §0). */
#define FT_OPENAI_NEW_USERS_END_DATE   "2026-05-07"
#define FT_OPENAI_INACTIVE_END_DATE    "2026-07-02"
#define FT_OPENAI_JOB_CREATION_END_DATE "2027-01-06"

const FtModelInfo *ft_models_get_all              (guint       *n_models);
const FtModelInfo *ft_models_lookup               (const char  *model);
char              *ft_models_get_base_name        (const char  *model) G_GNUC_WARN_UNUSED_RESULT;
gint64             ft_models_get_token_limit      (const char  *model,
                                                   gboolean    *known);
char              *ft_models_get_shutdown_notice  (const char  *model,
                                                   GDateTime   *now) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
