/* ft-dataset-checker.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-dataset.h"
#include "ft-example-report.h"
#include "ft-issue.h"
#include "ft-tokenizer.h"
#include "ft-validation-summary.h"

G_BEGIN_DECLS

#define FT_TYPE_DATASET_CHECKER (ft_dataset_checker_get_type ())

G_DECLARE_FINAL_TYPE (FtDatasetChecker, ft_dataset_checker, FT, DATASET_CHECKER, GObject)

FtDatasetChecker    *ft_dataset_checker_new                 (FtDataset        *dataset)
                                                             G_GNUC_WARN_UNUSED_RESULT;

FtDataset           *ft_dataset_checker_get_dataset         (FtDatasetChecker *self);
const char          *ft_dataset_checker_get_model           (FtDatasetChecker *self);
void                 ft_dataset_checker_set_model           (FtDatasetChecker *self,
                                                             const char       *model);
FtEncoding           ft_dataset_checker_get_fallback_encoding (FtDatasetChecker *self);
void                 ft_dataset_checker_set_fallback_encoding (FtDatasetChecker *self,
                                                               FtEncoding        encoding);
FtEncoding           ft_dataset_checker_get_encoding        (FtDatasetChecker *self);
guint                ft_dataset_checker_get_delay           (FtDatasetChecker *self);
void                 ft_dataset_checker_set_delay           (FtDatasetChecker *self,
                                                             guint             delay_ms);
gboolean             ft_dataset_checker_get_busy            (FtDatasetChecker *self);
gboolean             ft_dataset_checker_get_checking        (FtDatasetChecker *self);
double               ft_dataset_checker_get_progress        (FtDatasetChecker *self);
FtValidationSummary *ft_dataset_checker_get_summary         (FtDatasetChecker *self);
GListModel          *ft_dataset_checker_get_issues          (FtDatasetChecker *self);

FtExampleReport     *ft_dataset_checker_get_report          (FtDatasetChecker *self,
                                                             FtExample        *example);
guint                ft_dataset_checker_count_issues        (FtDatasetChecker *self,
                                                             FtExample        *example,
                                                             FtIssueSeverity   severity);
GListModel          *ft_dataset_checker_dup_example_issues  (FtDatasetChecker *self,
                                                             FtExample        *example)
                                                             G_GNUC_WARN_UNUSED_RESULT;
FtExample           *ft_dataset_checker_get_issue_example   (FtDatasetChecker *self,
                                                             FtIssue          *issue);

void                 ft_dataset_checker_check_all           (FtDatasetChecker *self);
void                 ft_dataset_checker_flush               (FtDatasetChecker *self);

G_END_DECLS
