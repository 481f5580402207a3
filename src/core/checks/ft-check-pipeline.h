/* ft-check-pipeline.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-example-report.h"
#include "ft-validation-summary.h"
#include "ft-validator.h"

G_BEGIN_DECLS

/**
 * FtReportFunc:
 * @report: the report of one line, in line order
 * @user_data: the data given with the function
 *
 * Receives reports as the pipeline produces them, in line order, in the
 * thread that runs the pipeline.
 */
typedef void (*FtReportFunc) (FtExampleReport *report,
                              gpointer         user_data);

/**
 * FtCheckLine:
 * @line: the 1-based line number the text comes from
 * @text: the JSON text of one example (NUL-terminated)
 * @length: the length of @text in bytes, or 0 to take strlen(); give it
 *   when the text may hold NUL bytes (a broken line kept as it was read)
 *
 * One example given as text, for ft_check_pipeline_run_lines().
 */
typedef struct
{
  guint64  line;
  char    *text;
  gsize    length;
} FtCheckLine;

#define FT_TYPE_CHECK_PIPELINE (ft_check_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (FtCheckPipeline, ft_check_pipeline, FT, CHECK_PIPELINE, GObject)

FtCheckPipeline     *ft_check_pipeline_new              (FtValidator          *validator)
                                                         G_GNUC_WARN_UNUSED_RESULT;
FtValidator         *ft_check_pipeline_get_validator    (FtCheckPipeline      *self);
guint                ft_check_pipeline_get_n_workers    (FtCheckPipeline      *self);
void                 ft_check_pipeline_set_n_workers    (FtCheckPipeline      *self,
                                                         guint                 n_workers);
gboolean             ft_check_pipeline_get_keep_reports (FtCheckPipeline      *self);
void                 ft_check_pipeline_set_keep_reports (FtCheckPipeline      *self,
                                                         gboolean              keep_reports);
gboolean             ft_check_pipeline_get_background   (FtCheckPipeline      *self);
void                 ft_check_pipeline_set_background   (FtCheckPipeline      *self,
                                                         gboolean              background);
void                 ft_check_pipeline_set_report_func  (FtCheckPipeline      *self,
                                                         FtReportFunc          func,
                                                         gpointer              user_data,
                                                         GDestroyNotify        destroy);

FtValidationSummary *ft_check_pipeline_run              (FtCheckPipeline      *self,
                                                         GInputStream         *stream,
                                                         GPtrArray           **reports,
                                                         GCancellable         *cancellable,
                                                         GError              **error)
                                                         G_GNUC_WARN_UNUSED_RESULT;
FtValidationSummary *ft_check_pipeline_run_lines        (FtCheckPipeline      *self,
                                                         const FtCheckLine    *lines,
                                                         gsize                 n_lines,
                                                         GPtrArray           **reports,
                                                         GCancellable         *cancellable,
                                                         GError              **error)
                                                         G_GNUC_WARN_UNUSED_RESULT;
void                 ft_check_pipeline_run_async        (FtCheckPipeline      *self,
                                                         GInputStream         *stream,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FtValidationSummary *ft_check_pipeline_run_finish       (FtCheckPipeline      *self,
                                                         GAsyncResult         *result,
                                                         GPtrArray           **reports,
                                                         GError              **error)
                                                         G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
