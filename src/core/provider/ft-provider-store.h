/* ft-provider-store.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-provider.h"

G_BEGIN_DECLS

#define FT_TYPE_PROVIDER_STORE (ft_provider_store_get_type ())

G_DECLARE_FINAL_TYPE (FtProviderStore, ft_provider_store, FT, PROVIDER_STORE, GObject)

FtProviderStore *ft_provider_store_new                  (GSettings        *settings)
                                                         G_GNUC_WARN_UNUSED_RESULT;

GSettings       *ft_provider_store_get_settings         (FtProviderStore  *self);
FtProvider      *ft_provider_store_get_default_provider (FtProviderStore  *self);
void             ft_provider_store_set_default_provider (FtProviderStore  *self,
                                                         FtProvider       *provider);

FtProvider      *ft_provider_store_lookup               (FtProviderStore  *self,
                                                         const char       *id);
FtProvider      *ft_provider_store_find                 (FtProviderStore  *self,
                                                         const char       *name_or_id);
gboolean         ft_provider_store_find_position        (FtProviderStore  *self,
                                                         FtProvider       *provider,
                                                         guint            *position);

FtProvider      *ft_provider_store_add_preset           (FtProviderStore  *self,
                                                         const char       *preset);
void             ft_provider_store_add                  (FtProviderStore  *self,
                                                         FtProvider       *provider);
void             ft_provider_store_insert               (FtProviderStore  *self,
                                                         guint             position,
                                                         FtProvider       *provider);
gboolean         ft_provider_store_remove               (FtProviderStore  *self,
                                                         FtProvider       *provider);
void             ft_provider_store_save                 (FtProviderStore  *self);

G_END_DECLS
