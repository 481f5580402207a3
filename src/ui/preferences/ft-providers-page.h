/* ft-providers-page.h
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

#define FT_TYPE_PROVIDERS_PAGE (ft_providers_page_get_type ())

G_DECLARE_FINAL_TYPE (FtProvidersPage, ft_providers_page, FT, PROVIDERS_PAGE, AdwPreferencesPage)

FtProvidersPage *ft_providers_page_new          (FtProviderStore *store,
                                                 FtSecrets       *secrets)
                                                 G_GNUC_WARN_UNUSED_RESULT;

void             ft_providers_page_edit         (FtProvidersPage *self,
                                                 FtProvider      *provider);

G_END_DECLS
