/* ft-ui-test-utils.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-application.h"

G_BEGIN_DECLS

GtkWidget *ft_test_find_widget_by_type  (GtkWidget  *root,
                                         GType       type);
GtkWidget *ft_test_find_widget_by_label (GtkWidget  *root,
                                         const char *accessible_label);
GtkWidget *ft_test_find_label_with_text (GtkWidget  *root,
                                         const char *text);
GtkWidget *ft_test_find_list_view       (GtkWidget  *root,
                                         GListModel *model);
GPtrArray *ft_test_find_unlabelled_controls (GtkWidget *root);
void       ft_test_iterate_main_context (guint       milliseconds);
char      *ft_test_use_private_dirs     (const char *tmpl);
FtApplication *ft_test_application_new (void);
gboolean   ft_test_save_png             (GtkWidget  *widget,
                                         const char *path);
gboolean   ft_test_wait_until           (gboolean  (*condition) (gpointer),
                                         gpointer    data,
                                         guint       timeout_ms);
GtkWidget *ft_test_find_toplevel        (GType       type);
GtkWidget *ft_test_wait_for_toplevel    (GType       type,
                                         guint       timeout_ms);
void       ft_test_wait_window_hidden   (GtkWidget  *window,
                                         guint       timeout_ms);

G_END_DECLS
