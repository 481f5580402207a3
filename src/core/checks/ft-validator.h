/* ft-validator.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ft-cost.h"
#include "ft-example-report.h"
#include "ft-issue.h"
#include "ft-jsonl-reader.h"
#include "ft-tokenizer.h"

G_BEGIN_DECLS

/**
 * FtTokenLimitSource:
 * @FT_TOKEN_LIMIT_SOURCE_EXPLICIT: set by the user
 * @FT_TOKEN_LIMIT_SOURCE_MODEL: the model's official limit
 * @FT_TOKEN_LIMIT_SOURCE_ASSUMED: the model's limit is not known, so
 *   %FT_MODELS_ASSUMED_TOKEN_LIMIT is assumed; say so when showing it
 * @FT_TOKEN_LIMIT_SOURCE_NOTEBOOK: no model: the notebook's 16,385
 *
 * Where the per-example token limit comes from.
 */
typedef enum
{
  FT_TOKEN_LIMIT_SOURCE_EXPLICIT,
  FT_TOKEN_LIMIT_SOURCE_MODEL,
  FT_TOKEN_LIMIT_SOURCE_ASSUMED,
  FT_TOKEN_LIMIT_SOURCE_NOTEBOOK,
} FtTokenLimitSource;

#define FT_TYPE_VALIDATOR (ft_validator_get_type ())

G_DECLARE_FINAL_TYPE (FtValidator, ft_validator, FT, VALIDATOR, GObject)

FtValidator     *ft_validator_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
FtValidator     *ft_validator_copy                (FtValidator         *self)
                                                   G_GNUC_WARN_UNUSED_RESULT;

const char      *ft_validator_get_model           (FtValidator         *self);
void             ft_validator_set_model           (FtValidator         *self,
                                                   const char          *model);
FtEncoding       ft_validator_get_encoding        (FtValidator         *self);
void             ft_validator_set_encoding        (FtValidator         *self,
                                                   FtEncoding           encoding);
void             ft_validator_reset_encoding      (FtValidator         *self);
gint64           ft_validator_get_token_limit     (FtValidator         *self);
void             ft_validator_set_token_limit     (FtValidator         *self,
                                                   gint64               token_limit);
FtTokenLimitSource ft_validator_get_token_limit_source (FtValidator    *self);
gboolean         ft_validator_get_notebook        (FtValidator         *self);
void             ft_validator_set_notebook        (FtValidator         *self,
                                                   gboolean             notebook);
FtDatasetMethod  ft_validator_get_method          (FtValidator         *self);
void             ft_validator_set_method          (FtValidator         *self,
                                                   FtDatasetMethod      method);
void             ft_validator_get_constants       (FtValidator         *self,
                                                   FtTrainingConstants *constants);
void             ft_validator_set_constants       (FtValidator         *self,
                                                   const FtTrainingConstants *constants);

gboolean         ft_validator_prepare             (FtValidator         *self,
                                                   GError             **error);
void             ft_validator_prepare_async       (FtValidator         *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         ft_validator_prepare_finish      (FtValidator         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gboolean         ft_validator_is_prepared         (FtValidator         *self);

FtExampleReport *ft_validator_check_node          (FtValidator         *self,
                                                   JsonNode            *node,
                                                   guint64              line,
                                                   gint64               index)
                                                   G_GNUC_WARN_UNUSED_RESULT;
FtExampleReport *ft_validator_check_broken        (FtValidator         *self,
                                                   guint64              line,
                                                   gint64               index,
                                                   FtIssueCode          code,
                                                   guint                column,
                                                   const char          *message)
                                                   G_GNUC_WARN_UNUSED_RESULT;
FtExampleReport *ft_validator_check_blank         (FtValidator         *self,
                                                   guint64              line)
                                                   G_GNUC_WARN_UNUSED_RESULT;
FtExampleReport *ft_validator_check_line          (FtValidator         *self,
                                                   const FtJsonlLine   *line,
                                                   guint64              number,
                                                   gint64               index,
                                                   JsonParser          *parser)
                                                   G_GNUC_WARN_UNUSED_RESULT;

void             ft_validator_check_text_async    (FtValidator         *self,
                                                   const char          *text,
                                                   guint64              line,
                                                   gint64               index,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
FtExampleReport *ft_validator_check_text_finish   (FtValidator         *self,
                                                   GAsyncResult        *result,
                                                   GError             **error)
                                                   G_GNUC_WARN_UNUSED_RESULT;

FtLineKind       ft_validator_classify_node       (JsonNode            *node);
FtDatasetMethod  ft_validator_detect_method       (const guint         *kind_counts,
                                                   guint                n_kinds);

G_END_DECLS
