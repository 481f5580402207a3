/* ft-dialogs.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * FtDialogResponse:
 * @id: the response id returned by ft_dialogs_choose_finish()
 * @label: the translated, mnemonic button label
 * @appearance: how the button looks
 *
 * One button of a message dialog.
 */
typedef struct
{
  const char             *id;
  const char             *label;
  AdwResponseAppearance   appearance;
} FtDialogResponse;

void   ft_dialogs_show_message      (GtkWindow               *parent,
                                     const char              *heading,
                                     const char              *body);

void   ft_dialogs_choose_async      (GtkWindow               *parent,
                                     const char              *heading,
                                     const char              *body,
                                     const FtDialogResponse  *responses,
                                     guint                    n_responses,
                                     const char              *default_response,
                                     const char              *close_response,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
void   ft_dialogs_choose_full_async (GtkWindow               *parent,
                                     const char              *heading,
                                     const char              *body,
                                     GtkWidget               *extra_child,
                                     const FtDialogResponse  *responses,
                                     guint                    n_responses,
                                     const char              *default_response,
                                     const char              *close_response,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
char  *ft_dialogs_choose_finish     (GAsyncResult            *result,
                                     GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

void   ft_dialogs_open_file_async   (GtkWindow               *parent,
                                     const char              *title,
                                     GListModel              *filters,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
GFile *ft_dialogs_open_file_finish  (GAsyncResult            *result,
                                     GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

void   ft_dialogs_save_file_async   (GtkWindow               *parent,
                                     const char              *title,
                                     GFile                   *initial_folder,
                                     const char              *initial_name,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
GFile *ft_dialogs_save_file_finish  (GAsyncResult            *result,
                                     GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
