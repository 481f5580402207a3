/* ft-window.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ft-examples-page.h"

G_BEGIN_DECLS

#define FT_TYPE_WINDOW (ft_window_get_type ())

G_DECLARE_FINAL_TYPE (FtWindow, ft_window, FT, WINDOW, AdwApplicationWindow)

FtWindow       *ft_window_new               (AdwApplication *application) G_GNUC_WARN_UNUSED_RESULT;
FtExamplesPage *ft_window_get_examples_page (FtWindow       *self);
void            ft_window_open_file         (FtWindow       *self,
                                             GFile          *file);
void            ft_window_show_page         (FtWindow       *self,
                                             const char     *page_name);
void            ft_window_add_toast         (FtWindow       *self,
                                             AdwToast       *toast);
void            ft_window_show_error        (FtWindow       *self,
                                             const char     *title,
                                             const GError   *error);

G_END_DECLS
