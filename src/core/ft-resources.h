/* ft-resources.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef GResource *(*FtResourceGetter) (void);

GResource *ft_resource_get_registered (FtResourceGetter get_resource);

G_END_DECLS
