/* ft-file.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FT_TYPE_FILE (ft_file_get_type ())

G_DECLARE_FINAL_TYPE (FtFile, ft_file, FT, FILE, GObject)

FtFile *ft_file_new_from_json (JsonObject  *object,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;

JsonObject *ft_file_get_json       (FtFile *self);
const char *ft_file_get_id         (FtFile *self);
const char *ft_file_get_filename   (FtFile *self);
const char *ft_file_get_purpose    (FtFile *self);
const char *ft_file_get_status     (FtFile *self);
gint64      ft_file_get_bytes      (FtFile *self);
gint64      ft_file_get_created_at (FtFile *self);
gint64      ft_file_get_expires_at (FtFile *self);

G_END_DECLS
