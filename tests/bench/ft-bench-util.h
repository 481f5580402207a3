/* ft-bench-util.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers the benchmark programs share. */

gint64  ft_bench_read_status_kb  (const char  *field);
char   *ft_bench_dataset_path    (const char  *given,
                                  char       **tmp_dir) G_GNUC_WARN_UNUSED_RESULT;
void    ft_bench_remove_dataset  (const char  *path,
                                  const char  *tmp_dir);

G_END_DECLS
