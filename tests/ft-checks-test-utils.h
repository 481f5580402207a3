/* ft-checks-test-utils.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-validation-summary.h"
#include "ft-validator.h"

G_BEGIN_DECLS

GPtrArray           *ft_test_new_report_array (void);
GPtrArray           *ft_test_check_file       (FtValidator     *validator,
                                               const char      *path,
                                               FtDatasetMethod *detected);
FtValidationSummary *ft_test_summarize_file   (FtValidator  *validator,
                                               const char   *path,
                                               GPtrArray   **reports);
guint                ft_test_count_code       (GPtrArray    *reports,
                                               FtIssueCode   code);
guint                ft_test_count_lines_with (GPtrArray    *reports,
                                               FtIssueCode   code);
gboolean             ft_test_report_has       (FtExampleReport *report,
                                               FtIssueCode   code);

G_END_DECLS
