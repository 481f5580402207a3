/* ft-finding-row.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-issue.h"

G_BEGIN_DECLS

#define FT_TYPE_FINDING_ROW (ft_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (FtFindingRow, ft_finding_row, FT, FINDING_ROW, GtkWidget)

GtkWidget *ft_finding_row_new       (FtIssue      *issue) G_GNUC_WARN_UNUSED_RESULT;

FtIssue   *ft_finding_row_get_issue (FtFindingRow *self);

G_END_DECLS
