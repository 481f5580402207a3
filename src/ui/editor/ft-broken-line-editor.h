/* ft-broken-line-editor.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-example.h"

G_BEGIN_DECLS

#define FT_TYPE_BROKEN_LINE_EDITOR (ft_broken_line_editor_get_type ())

G_DECLARE_FINAL_TYPE (FtBrokenLineEditor, ft_broken_line_editor, FT, BROKEN_LINE_EDITOR, GtkWidget)

GtkWidget  *ft_broken_line_editor_new         (void) G_GNUC_WARN_UNUSED_RESULT;

FtExample  *ft_broken_line_editor_get_example (FtBrokenLineEditor *self);
void        ft_broken_line_editor_set_example (FtBrokenLineEditor *self,
                                               FtExample          *example);
const char *ft_broken_line_editor_get_error   (FtBrokenLineEditor *self);
gboolean    ft_broken_line_editor_focus_error (FtBrokenLineEditor *self);
guint       ft_broken_line_editor_set_highlight (FtBrokenLineEditor *self,
                                                 const char         *text);

G_END_DECLS
