/* ft-examples-page.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-dataset-checker.h"
#include "ft-dataset.h"
#include "ft-history.h"

G_BEGIN_DECLS

#define FT_TYPE_EXAMPLES_PAGE (ft_examples_page_get_type ())

G_DECLARE_FINAL_TYPE (FtExamplesPage, ft_examples_page, FT, EXAMPLES_PAGE, GtkWidget)

GtkWidget        *ft_examples_page_new              (void) G_GNUC_WARN_UNUSED_RESULT;

FtDataset        *ft_examples_page_get_dataset      (FtExamplesPage      *self);
FtDatasetChecker *ft_examples_page_get_checker      (FtExamplesPage      *self);
FtHistory        *ft_examples_page_get_history      (FtExamplesPage      *self);
GActionGroup     *ft_examples_page_get_action_group (FtExamplesPage      *self);
GMenuModel       *ft_examples_page_get_recent_menu  (FtExamplesPage      *self);
GListModel       *ft_examples_page_get_visible      (FtExamplesPage      *self);
FtExample        *ft_examples_page_get_selected     (FtExamplesPage      *self);
void              ft_examples_page_select_example   (FtExamplesPage      *self,
                                                     FtExample           *example);
GtkWidget        *ft_examples_page_get_editor       (FtExamplesPage      *self);

void              ft_examples_page_open_file        (FtExamplesPage      *self,
                                                     GFile               *file);
void              ft_examples_page_start            (FtExamplesPage      *self);

void              ft_examples_page_close_async      (FtExamplesPage      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          ft_examples_page_close_finish     (FtExamplesPage      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
