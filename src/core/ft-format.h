/* ft-format.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ft_format_integer  (gint64       value)   G_GNUC_WARN_UNUSED_RESULT;
char *ft_format_duration (double       seconds) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
