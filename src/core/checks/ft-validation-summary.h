/* ft-validation-summary.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-cost.h"
#include "ft-example-report.h"
#include "ft-stats.h"
#include "ft-validator.h"

G_BEGIN_DECLS

#define FT_TYPE_VALIDATION_SUMMARY (ft_validation_summary_get_type ())

G_DECLARE_FINAL_TYPE (FtValidationSummary, ft_validation_summary, FT, VALIDATION_SUMMARY, GObject)

/**
 * FtSummaryBuilder:
 *
 * Runs the dataset-level pass over per-example reports, fed in line order.
 * It keeps only a few numbers and two 64-bit hashes per example, so it
 * can follow a stream of any length.
 */
typedef struct _FtSummaryBuilder FtSummaryBuilder;

FtSummaryBuilder    *ft_summary_builder_new                      (FtValidator          *validator);
void                 ft_summary_builder_add                      (FtSummaryBuilder     *builder,
                                                                  FtExampleReport      *report);
void                 ft_summary_builder_add_at                   (FtSummaryBuilder     *builder,
                                                                  FtExampleReport      *report,
                                                                  guint64               line,
                                                                  gint64                index);
FtValidationSummary *ft_summary_builder_finish                   (FtSummaryBuilder     *builder)
                                                                  G_GNUC_WARN_UNUSED_RESULT;
void                 ft_summary_builder_free                     (FtSummaryBuilder     *builder);

FtValidationSummary *ft_validation_summary_new_from_reports      (FtValidator          *validator,
                                                                  GPtrArray            *reports)
                                                                  G_GNUC_WARN_UNUSED_RESULT;

void                 ft_validation_summary_new_from_reports_async (FtValidator         *validator,
                                                                   GPtrArray           *reports,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
FtValidationSummary *ft_validation_summary_new_from_reports_finish (GAsyncResult       *result,
                                                                    GError            **error)
                                                                    G_GNUC_WARN_UNUSED_RESULT;

FtDatasetMethod      ft_validation_summary_get_method            (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_lines           (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_examples        (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_counted         (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_broken          (FtValidationSummary  *self);
guint64              ft_validation_summary_count_issues          (FtValidationSummary  *self,
                                                                  FtIssueSeverity       severity);
GListModel          *ft_validation_summary_get_issues            (FtValidationSummary  *self);

const FtSeriesStats *ft_validation_summary_get_messages_stats    (FtValidationSummary  *self);
const FtSeriesStats *ft_validation_summary_get_total_tokens_stats (FtValidationSummary *self);
const FtSeriesStats *ft_validation_summary_get_assistant_tokens_stats (FtValidationSummary *self);
gint64               ft_validation_summary_get_token_limit       (FtValidationSummary  *self);
FtTokenLimitSource   ft_validation_summary_get_token_limit_source (FtValidationSummary *self);
FtEncoding           ft_validation_summary_get_encoding          (FtValidationSummary  *self);
const char          *ft_validation_summary_get_model             (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_over_limit      (FtValidationSummary  *self);
gint64               ft_validation_summary_get_billed_tokens     (FtValidationSummary  *self);
guint                ft_validation_summary_get_n_epochs          (FtValidationSummary  *self);
void                 ft_validation_summary_estimate_cost         (FtValidationSummary  *self,
                                                                  FtPriceTable         *table,
                                                                  const char           *provider,
                                                                  FtCostEstimate       *estimate);

guint                ft_validation_summary_get_notebook_count    (FtValidationSummary  *self,
                                                                  FtNotebookCounter     counter);
guint                ft_validation_summary_get_notebook_order    (FtValidationSummary  *self,
                                                                  FtNotebookCounter    *order);
guint64              ft_validation_summary_get_n_missing_system  (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_missing_user    (FtValidationSummary  *self);
FtNotebookFailure    ft_validation_summary_get_notebook_failure  (FtValidationSummary  *self,
                                                                  guint64              *line);
guint64              ft_validation_summary_get_n_skipped_values  (FtValidationSummary  *self);
guint64              ft_validation_summary_get_n_special_token_examples (FtValidationSummary *self);

GPtrArray           *ft_validation_summary_find_overlap          (FtValidationSummary  *validation,
                                                                  FtValidationSummary  *training)
                                                                  G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtSummaryBuilder, ft_summary_builder_free)

G_END_DECLS
