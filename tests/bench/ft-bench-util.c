/* ft-bench-util.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bench-util.h"

#include "ft-bench-gen.h"

#include <glib/gstdio.h>
#include <string.h>

/**
 * ft_bench_read_status_kb:
 * @field: a /proc/self/status field with its colon, such as "VmHWM:"
 *
 * Returns: the field's value in kB, or 0 where /proc does not have it.
 */
gint64
ft_bench_read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  p = strstr (status, field);
  if (p == NULL)
    return 0;

  return g_ascii_strtoll (p + strlen (field), NULL, 10);
}

/**
 * ft_bench_dataset_path:
 * @given: (nullable): the file named on the command line
 * @tmp_dir: (out): the temporary directory created, or %NULL
 *
 * Returns @given, or without it generates the standard benchmark
 * dataset (100,000 examples, about 200 MB, seed 1) into a new temporary
 * directory and returns its path.
 *
 * Returns: (transfer full): the dataset to measure
 */
char *
ft_bench_dataset_path (const char  *given,
                       char       **tmp_dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *tmp_dir = NULL;
  if (given != NULL)
    return g_strdup (given);

  *tmp_dir = g_dir_make_tmp ("ft-bench-XXXXXX", &error);
  if (*tmp_dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (*tmp_dir, "bench.jsonl", NULL);
  if (!ft_bench_generate_dataset (path, 100000, 1, NULL, &error))
    g_error ("%s", error->message);

  return path;
}

/* Removes what ft_bench_dataset_path() generated, if anything. */
void
ft_bench_remove_dataset (const char *path,
                         const char *tmp_dir)
{
  if (tmp_dir == NULL)
    return;

  g_unlink (path);
  g_rmdir (tmp_dir);
}
