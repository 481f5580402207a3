/* ft-example-row.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-example.h"

G_BEGIN_DECLS

#define FT_TYPE_EXAMPLE_ROW (ft_example_row_get_type ())

G_DECLARE_FINAL_TYPE (FtExampleRow, ft_example_row, FT, EXAMPLE_ROW, GtkWidget)

GtkWidget *ft_example_row_new         (void) G_GNUC_WARN_UNUSED_RESULT;
FtExample *ft_example_row_get_example (FtExampleRow *self);
void       ft_example_row_set_example (FtExampleRow *self,
                                       FtExample    *example);
void       ft_example_row_set_info    (FtExampleRow *self,
                                       gint64        tokens,
                                       guint         n_errors,
                                       guint         n_warnings,
                                       int           n_matches);

G_END_DECLS
