/* ft-provider-editor.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ft-provider-store.h"
#include "ft-secrets.h"

G_BEGIN_DECLS

#define FT_TYPE_PROVIDER_EDITOR (ft_provider_editor_get_type ())

G_DECLARE_FINAL_TYPE (FtProviderEditor, ft_provider_editor, FT, PROVIDER_EDITOR, AdwBin)

FtProviderEditor *ft_provider_editor_new          (FtProviderStore  *store,
                                                   FtSecrets        *secrets,
                                                   FtProvider       *provider)
                                                   G_GNUC_WARN_UNUSED_RESULT;

FtProvider       *ft_provider_editor_get_provider (FtProviderEditor *self);

G_END_DECLS
