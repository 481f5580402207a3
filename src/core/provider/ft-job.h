/* ft-job.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FtJobStatus:
 * @FT_JOB_STATUS_VALIDATING_FILES: the service checks the files
 * @FT_JOB_STATUS_QUEUED: waiting to start (also after resume)
 * @FT_JOB_STATUS_RUNNING: training
 * @FT_JOB_STATUS_SUCCEEDED: done; the fine-tuned model exists (terminal)
 * @FT_JOB_STATUS_FAILED: failed; see ft_job_get_error_message() (terminal)
 * @FT_JOB_STATUS_CANCELLED: cancelled (terminal)
 * @FT_JOB_STATUS_PAUSING: being paused
 * @FT_JOB_STATUS_PAUSED: paused; can be resumed
 * @FT_JOB_STATUS_OTHER: a status this version does not know; treated as
 *   "in progress"; ft_job_get_status_string() has the raw value
 *
 * The life cycle of a fine-tuning job. The set is open: the service has
 * added statuses before.
 */
typedef enum
{
  FT_JOB_STATUS_VALIDATING_FILES,
  FT_JOB_STATUS_QUEUED,
  FT_JOB_STATUS_RUNNING,
  FT_JOB_STATUS_SUCCEEDED,
  FT_JOB_STATUS_FAILED,
  FT_JOB_STATUS_CANCELLED,
  FT_JOB_STATUS_PAUSING,
  FT_JOB_STATUS_PAUSED,
  FT_JOB_STATUS_OTHER,
} FtJobStatus;

/**
 * FtJobMethod:
 * @FT_JOB_METHOD_SUPERVISED: supervised fine-tuning (SFT)
 * @FT_JOB_METHOD_DPO: direct preference optimisation
 * @FT_JOB_METHOD_REINFORCEMENT: reinforcement fine-tuning (read only: the
 *   client does not create these)
 * @FT_JOB_METHOD_OTHER: a method this version does not know
 */
typedef enum
{
  FT_JOB_METHOD_SUPERVISED,
  FT_JOB_METHOD_DPO,
  FT_JOB_METHOD_REINFORCEMENT,
  FT_JOB_METHOD_OTHER,
} FtJobMethod;

#define FT_TYPE_JOB_STATUS (ft_job_status_get_type ())
#define FT_TYPE_JOB_METHOD (ft_job_method_get_type ())
#define FT_TYPE_JOB        (ft_job_get_type ())

GType        ft_job_status_get_type    (void) G_GNUC_CONST;
GType        ft_job_method_get_type    (void) G_GNUC_CONST;
FtJobStatus  ft_job_status_from_string (const char  *status);
const char  *ft_job_status_to_string   (FtJobStatus  status);
gboolean     ft_job_status_is_terminal (FtJobStatus  status);
FtJobMethod  ft_job_method_from_string (const char  *method);
const char  *ft_job_method_to_string   (FtJobMethod  method);

G_DECLARE_FINAL_TYPE (FtJob, ft_job, FT, JOB, GObject)

FtJob *ft_job_new_from_json (JsonObject  *object,
                             GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void   ft_job_update_from   (FtJob       *self,
                             FtJob       *newer);

JsonObject         *ft_job_get_json                     (FtJob      *self);
const char         *ft_job_get_id                       (FtJob      *self);
const char         *ft_job_get_model                    (FtJob      *self);
FtJobStatus         ft_job_get_status                   (FtJob      *self);
const char         *ft_job_get_status_string            (FtJob      *self);
gboolean            ft_job_is_terminal                  (FtJob      *self);
gboolean            ft_job_has_failed                   (FtJob      *self);
FtJobMethod         ft_job_get_method                   (FtJob      *self);
const char         *ft_job_get_fine_tuned_model         (FtJob      *self);
const char         *ft_job_get_suffix                   (FtJob      *self);
const char         *ft_job_get_organization_id          (FtJob      *self);
const char         *ft_job_get_training_file            (FtJob      *self);
const char         *ft_job_get_validation_file          (FtJob      *self);
const char * const *ft_job_get_result_files             (FtJob      *self);
gint64              ft_job_get_created_at               (FtJob      *self);
gint64              ft_job_get_finished_at              (FtJob      *self);
gint64              ft_job_get_estimated_finish         (FtJob      *self);
gint64              ft_job_get_trained_tokens           (FtJob      *self);
gint64              ft_job_get_seed                     (FtJob      *self);
gint64              ft_job_get_n_epochs                 (FtJob      *self);
gint64              ft_job_get_batch_size               (FtJob      *self);
double              ft_job_get_learning_rate_multiplier (FtJob      *self);
double              ft_job_get_beta                     (FtJob      *self);
const char         *ft_job_get_error_message            (FtJob      *self);
const char         *ft_job_get_error_code               (FtJob      *self);
const char         *ft_job_get_error_param              (FtJob      *self);
const char         *ft_job_get_metadata                 (FtJob      *self,
                                                         const char *key);

G_END_DECLS
