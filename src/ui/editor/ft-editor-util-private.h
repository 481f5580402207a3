/* ft-editor-util-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Pieces the rows of the fields and tools editors share: a text view
 * with an error line under it, and a remove button.
 */
char      *_ft_editor_dup_text          (GtkTextView *view) G_GNUC_WARN_UNUSED_RESULT;
GtkLabel  *_ft_editor_error_label_new   (GtkTextView *view);
void       _ft_editor_show_error        (GtkLabel    *label,
                                         GtkTextView *view,
                                         const char  *error);
GtkWidget *_ft_editor_remove_button_new (const char  *tooltip,
                                         const char  *label);

G_END_DECLS
