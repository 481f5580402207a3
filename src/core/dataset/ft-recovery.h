/* ft-recovery.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-dataset.h"

G_BEGIN_DECLS

#define FT_TYPE_RECOVERY_SESSION (ft_recovery_session_get_type ())
G_DECLARE_FINAL_TYPE (FtRecoverySession, ft_recovery_session, FT, RECOVERY_SESSION, GObject)

GFile      *ft_recovery_session_get_file            (FtRecoverySession    *self);
GFile      *ft_recovery_session_get_recovery_file   (FtRecoverySession    *self);
GDateTime  *ft_recovery_session_get_modified        (FtRecoverySession    *self);
guint       ft_recovery_session_get_n_examples      (FtRecoverySession    *self);
char       *ft_recovery_session_dup_display_name    (FtRecoverySession    *self)
                                                     G_GNUC_WARN_UNUSED_RESULT;
void        ft_recovery_session_restore_async       (FtRecoverySession    *self,
                                                     FtDataset            *dataset,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    ft_recovery_session_restore_finish      (FtRecoverySession    *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
gboolean    ft_recovery_session_discard             (FtRecoverySession    *self,
                                                     GError              **error);

#define FT_TYPE_RECOVERY (ft_recovery_get_type ())
G_DECLARE_FINAL_TYPE (FtRecovery, ft_recovery, FT, RECOVERY, GObject)

char       *ft_recovery_dup_default_directory       (void) G_GNUC_WARN_UNUSED_RESULT;

FtRecovery *ft_recovery_new                         (FtDataset            *dataset,
                                                     const char           *directory)
                                                     G_GNUC_WARN_UNUSED_RESULT;
FtDataset  *ft_recovery_get_dataset                 (FtRecovery           *self);
const char *ft_recovery_get_directory               (FtRecovery           *self);
GFile      *ft_recovery_get_recovery_file           (FtRecovery           *self);
guint       ft_recovery_get_delay                   (FtRecovery           *self);
void        ft_recovery_set_delay                   (FtRecovery           *self,
                                                     guint                 delay_ms);
gboolean    ft_recovery_get_has_unsaved_copy        (FtRecovery           *self);
void        ft_recovery_save_async                  (FtRecovery           *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    ft_recovery_save_finish                 (FtRecovery           *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
gboolean    ft_recovery_discard                     (FtRecovery           *self,
                                                     GError              **error);

void        ft_recovery_list_sessions_async         (const char           *directory,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel *ft_recovery_list_sessions_finish        (GAsyncResult         *result,
                                                     GError              **error)
                                                     G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
