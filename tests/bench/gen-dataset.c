/* gen-dataset.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bench-gen.h"

#include <stdlib.h>

/* Usage: gen-dataset PATH [N_EXAMPLES [SEED]]
 *
 * Writes a deterministic chat JSONL file; 100,000 examples (the default)
 * make about 200 MB.
 */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n_examples = 100000;
  guint64 seed = 1;
  guint64 bytes = 0;

  if (argc < 2 || argc > 4)
    {
      g_printerr ("Usage: gen-dataset PATH [N_EXAMPLES [SEED]]\n");
      return 2;
    }

  if (argc > 2)
    n_examples = (guint)g_ascii_strtoull (argv[2], NULL, 10);
  if (argc > 3)
    seed = g_ascii_strtoull (argv[3], NULL, 10);

  if (!ft_bench_generate_dataset (argv[1], n_examples, seed, &bytes, &error))
    {
      g_printerr ("gen-dataset: %s\n", error->message);
      return 1;
    }

  g_print ("%s: %u examples, %" G_GUINT64_FORMAT " bytes\n", argv[1], n_examples, bytes);

  return 0;
}
