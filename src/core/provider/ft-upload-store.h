/* ft-upload-store.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FT_TYPE_UPLOAD_STORE (ft_upload_store_get_type ())

G_DECLARE_FINAL_TYPE (FtUploadStore, ft_upload_store, FT, UPLOAD_STORE, GObject)

FtUploadStore *ft_upload_store_new         (GFile *file) G_GNUC_WARN_UNUSED_RESULT;
FtUploadStore *ft_upload_store_new_default (void) G_GNUC_WARN_UNUSED_RESULT;

GFile    *ft_upload_store_get_file      (FtUploadStore  *self);
char     *ft_upload_store_lookup        (FtUploadStore  *self,
                                         const char     *provider_key,
                                         const char     *sha256) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ft_upload_store_remember      (FtUploadStore  *self,
                                         const char     *provider_key,
                                         const char     *sha256,
                                         const char     *file_id,
                                         const char     *filename,
                                         gint64          bytes,
                                         GError        **error);
gboolean  ft_upload_store_forget        (FtUploadStore  *self,
                                         const char     *provider_key,
                                         const char     *file_id,
                                         GError        **error);
guint     ft_upload_store_get_n_entries (FtUploadStore  *self);

G_END_DECLS
