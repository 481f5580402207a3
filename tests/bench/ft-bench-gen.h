/* ft-bench-gen.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ft_bench_generate_dataset (const char  *path,
                                    guint        n_examples,
                                    guint64      seed,
                                    guint64     *bytes_written,
                                    GError     **error);

G_END_DECLS
