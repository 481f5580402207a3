/* ft-preferences-window.h
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

#define FT_TYPE_PREFERENCES_WINDOW (ft_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FtPreferencesWindow, ft_preferences_window, FT, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

FtPreferencesWindow *ft_preferences_window_new                (GSettings           *settings,
                                                               FtProviderStore     *store,
                                                               FtSecrets           *secrets)
                                                               G_GNUC_WARN_UNUSED_RESULT;

void                 ft_preferences_window_show_providers     (FtPreferencesWindow *self);

G_END_DECLS
