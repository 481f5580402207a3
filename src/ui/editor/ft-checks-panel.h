/* ft-checks-panel.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-dataset-checker.h"

G_BEGIN_DECLS

#define FT_TYPE_CHECKS_PANEL (ft_checks_panel_get_type ())

G_DECLARE_FINAL_TYPE (FtChecksPanel, ft_checks_panel, FT, CHECKS_PANEL, GtkWidget)

GtkWidget        *ft_checks_panel_new         (void) G_GNUC_WARN_UNUSED_RESULT;
FtDatasetChecker *ft_checks_panel_get_checker (FtChecksPanel    *self);
void              ft_checks_panel_set_checker (FtChecksPanel    *self,
                                               FtDatasetChecker *checker);

G_END_DECLS
