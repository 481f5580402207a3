/* ft-fields-editor.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-example.h"

G_BEGIN_DECLS

#define FT_TYPE_FIELDS_EDITOR (ft_fields_editor_get_type ())

G_DECLARE_FINAL_TYPE (FtFieldsEditor, ft_fields_editor, FT, FIELDS_EDITOR, GtkWidget)

GtkWidget  *ft_fields_editor_new         (void) G_GNUC_WARN_UNUSED_RESULT;

FtExample  *ft_fields_editor_get_example (FtFieldsEditor *self);
void        ft_fields_editor_set_example (FtFieldsEditor *self,
                                          FtExample      *example);
void        ft_fields_editor_sync        (FtFieldsEditor *self);
guint       ft_fields_editor_get_n_fields (FtFieldsEditor *self);

G_END_DECLS
