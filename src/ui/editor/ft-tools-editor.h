/* ft-tools-editor.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-example.h"

G_BEGIN_DECLS

#define FT_TYPE_TOOLS_EDITOR (ft_tools_editor_get_type ())

G_DECLARE_FINAL_TYPE (FtToolsEditor, ft_tools_editor, FT, TOOLS_EDITOR, GtkWidget)

GtkWidget  *ft_tools_editor_new         (void) G_GNUC_WARN_UNUSED_RESULT;

FtExample  *ft_tools_editor_get_example (FtToolsEditor *self);
void        ft_tools_editor_set_example (FtToolsEditor *self,
                                         FtExample     *example);
void        ft_tools_editor_sync        (FtToolsEditor *self);
gboolean    ft_tools_editor_focus_tool  (FtToolsEditor *self,
                                         guint          index);
const char *ft_tools_editor_get_error   (FtToolsEditor *self,
                                         guint          index);

G_END_DECLS
