/* ft-job-params.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ft-job.h"

G_BEGIN_DECLS

#define FT_TYPE_JOB_PARAMS (ft_job_params_get_type ())

G_DECLARE_FINAL_TYPE (FtJobParams, ft_job_params, FT, JOB_PARAMS, GObject)

/* Hyperparameters left at these values are sent as "auto". */
#define FT_JOB_PARAMS_AUTO_INT    0
#define FT_JOB_PARAMS_AUTO_DOUBLE 0.0
#define FT_JOB_PARAMS_NO_SEED     (-1)

FtJobParams *ft_job_params_new (const char *model,
                                const char *training_file) G_GNUC_WARN_UNUSED_RESULT;

const char  *ft_job_params_get_model                    (FtJobParams *self);
void         ft_job_params_set_model                    (FtJobParams *self,
                                                         const char  *model);
const char  *ft_job_params_get_training_file            (FtJobParams *self);
void         ft_job_params_set_training_file            (FtJobParams *self,
                                                         const char  *file_id);
const char  *ft_job_params_get_validation_file          (FtJobParams *self);
void         ft_job_params_set_validation_file          (FtJobParams *self,
                                                         const char  *file_id);
const char  *ft_job_params_get_suffix                   (FtJobParams *self);
void         ft_job_params_set_suffix                   (FtJobParams *self,
                                                         const char  *suffix);
gint64       ft_job_params_get_seed                     (FtJobParams *self);
void         ft_job_params_set_seed                     (FtJobParams *self,
                                                         gint64       seed);
FtJobMethod  ft_job_params_get_method                   (FtJobParams *self);
void         ft_job_params_set_method                   (FtJobParams *self,
                                                         FtJobMethod  method);
gint64       ft_job_params_get_n_epochs                 (FtJobParams *self);
void         ft_job_params_set_n_epochs                 (FtJobParams *self,
                                                         gint64       n_epochs);
gint64       ft_job_params_get_batch_size               (FtJobParams *self);
void         ft_job_params_set_batch_size               (FtJobParams *self,
                                                         gint64       batch_size);
double       ft_job_params_get_learning_rate_multiplier (FtJobParams *self);
void         ft_job_params_set_learning_rate_multiplier (FtJobParams *self,
                                                         double       multiplier);
double       ft_job_params_get_beta                     (FtJobParams *self);
void         ft_job_params_set_beta                     (FtJobParams *self,
                                                         double       beta);
void         ft_job_params_set_metadata                 (FtJobParams *self,
                                                         const char  *key,
                                                         const char  *value);

gboolean  ft_job_params_validate (FtJobParams  *self,
                                  GError      **error);
JsonNode *ft_job_params_to_json  (FtJobParams  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
