/* ft-application.h
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

#define FT_TYPE_APPLICATION (ft_application_get_type ())

G_DECLARE_FINAL_TYPE (FtApplication, ft_application, FT, APPLICATION, AdwApplication)

FtApplication   *ft_application_new                (void) G_GNUC_WARN_UNUSED_RESULT;
GSettings       *ft_application_get_settings       (FtApplication *self);
FtProviderStore *ft_application_get_provider_store (FtApplication *self);
FtSecrets       *ft_application_get_secrets        (FtApplication *self);

G_END_DECLS
