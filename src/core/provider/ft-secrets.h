/* ft-secrets.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* How long a keyring call may take before the keyring counts as missing
 * (a store can wait forever on a password prompt nobody sees).
 */
#define FT_SECRETS_DEFAULT_TIMEOUT_MS 60000

#define FT_TYPE_SECRETS (ft_secrets_get_type ())

G_DECLARE_FINAL_TYPE (FtSecrets, ft_secrets, FT, SECRETS, GObject)

const SecretSchema *ft_secrets_get_schema              (void) G_GNUC_CONST;

FtSecrets  *ft_secrets_new                    (void) G_GNUC_WARN_UNUSED_RESULT;

gboolean    ft_secrets_get_keyring_available  (FtSecrets            *self);
const char *ft_secrets_get_status_message     (FtSecrets            *self);
guint       ft_secrets_get_timeout            (FtSecrets            *self);
void        ft_secrets_set_timeout            (FtSecrets            *self,
                                               guint                 timeout_ms);

void        ft_secrets_store_async            (FtSecrets            *self,
                                               const char           *profile_id,
                                               const char           *label,
                                               const char           *key,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    ft_secrets_store_finish           (FtSecrets            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        ft_secrets_lookup_async           (FtSecrets            *self,
                                               const char           *profile_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char       *ft_secrets_lookup_finish          (FtSecrets            *self,
                                               GAsyncResult         *result,
                                               GError              **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void        ft_secrets_has_key_async          (FtSecrets            *self,
                                               const char           *profile_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    ft_secrets_has_key_finish         (FtSecrets            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        ft_secrets_clear_async            (FtSecrets            *self,
                                               const char           *profile_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    ft_secrets_clear_finish           (FtSecrets            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void        ft_secrets_key_free               (char                 *key);

G_END_DECLS
