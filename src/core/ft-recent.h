/* ft-recent.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     ft_recent_add_async  (GFile                *file,
                               const char           *app_name,
                               const char           *app_exec,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
gboolean ft_recent_add_finish (GAsyncResult         *result,
                               GError              **error);

G_END_DECLS
