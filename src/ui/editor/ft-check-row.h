/* ft-check-row.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-issue.h"

G_BEGIN_DECLS

#define FT_TYPE_CHECK_ROW (ft_check_row_get_type ())

G_DECLARE_FINAL_TYPE (FtCheckRow, ft_check_row, FT, CHECK_ROW, GtkWidget)

GtkWidget *ft_check_row_new       (void) G_GNUC_WARN_UNUSED_RESULT;
FtIssue   *ft_check_row_get_issue (FtCheckRow *self);
void       ft_check_row_set_issue (FtCheckRow *self,
                                   FtIssue    *issue,
                                   const char *location,
                                   const char *group_title);

G_END_DECLS
