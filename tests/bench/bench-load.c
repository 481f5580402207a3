/* bench-load.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bench-util.h"
#include "ft-dataset.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* Usage: bench-load [FILE.jsonl]
 *
 * Loads a dataset the way the GUI does (ft_dataset_load_async() with a
 * running main loop) and prints throughput, the time until the first 100
 * examples are in the model, the longest main-loop stall, and memory: peak
 * RSS (VmHWM) against the file size, whose target is at most 2×. Then
 * saves it once. Without FILE, a 100,000-example file (about 200 MB) is
 * generated into a temporary directory first.
 */

typedef struct
{
  FtDataset *dataset;
  gint64     start;
  gint64     first_100;
  gint64     last_tick;
  gint64     max_stall;
  gboolean   done;
} Bench;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Bench      *bench)
{
  if (bench->first_100 == 0 && g_list_model_get_n_items (model) >= 100)
    bench->first_100 = g_get_monotonic_time ();
}

static gboolean
tick_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  bench->max_stall = MAX (bench->max_stall, now - bench->last_tick);
  bench->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;

  if (!ft_dataset_load_finish (FT_DATASET (object), result, &error))
    g_error ("Loading failed: %s", error->message);

  bench->done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_path = NULL;
  Bench bench = { 0 };
  guint64 size;
  guint64 rss_before;
  guint64 hwm;
  guint64 rss_after;
  gint64 end;
  gint64 save_start;
  gint64 save_end;
  double seconds;
  guint tick_id;
  GStatBuf st;

  setlocale (LC_ALL, "");

  if (argc > 2)
    {
      g_printerr ("Usage: bench-load [FILE.jsonl]\n");
      return 2;
    }

  path = ft_bench_dataset_path (argc == 2 ? argv[1] : NULL, &tmp_dir);

  if (g_stat (path, &st) != 0)
    g_error ("Cannot stat %s", path);
  size = st.st_size;

  /* Read the file once so that the numbers measure parsing, not the disk. */
  {
    g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
    const volatile char *data = g_mapped_file_get_contents (mapped);
    gsize length = g_mapped_file_get_length (mapped);
    char sum = 0;

    for (gsize i = 0; i < length; i += 4096)
      sum ^= data[i];
    (void)sum;
  }

  rss_before = ft_bench_read_status_kb ("VmRSS:");

  dataset = ft_dataset_new ();
  file = g_file_new_for_path (path);
  bench.dataset = dataset;
  g_signal_connect (dataset, "items-changed", G_CALLBACK (on_items_changed_cb), &bench);

  bench.start = bench.last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (5, tick_cb, &bench);
  ft_dataset_load_async (dataset, file, NULL, load_cb, &bench);

  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);

  end = g_get_monotonic_time ();
  g_source_remove (tick_id);

  hwm = ft_bench_read_status_kb ("VmHWM:");
  rss_after = ft_bench_read_status_kb ("VmRSS:");
  seconds = (end - bench.start) / (double)G_USEC_PER_SEC;

  g_print ("file:                   %s\n", path);
  g_print ("size:                   %.1f MB (%" G_GUINT64_FORMAT " bytes)\n", size / 1e6, size);
  g_print ("examples:               %u\n", g_list_model_get_n_items (G_LIST_MODEL (dataset)));
  g_print ("load (GUI, async):      %.2f s, %.1f MB/s\n", seconds, size / 1e6 / seconds);
  g_print ("first 100 examples:     %.1f ms\n", (bench.first_100 - bench.start) / 1000.0);
  g_print ("longest main-loop stall: %.1f ms\n", bench.max_stall / 1000.0);
  g_print ("RSS before load:        %.1f MB\n", rss_before / 1024.0);
  g_print ("RSS after load:         %.1f MB (%.2f× file size)\n",
           rss_after / 1024.0, rss_after * 1024.0 / size);
  g_print ("peak RSS (VmHWM):       %.1f MB (%.2f× file size; target ≤ 2×)\n",
           hwm / 1024.0, hwm * 1024.0 / size);

  out_path = g_strdup_printf ("%s.saved", path);
  out = g_file_new_for_path (out_path);
  save_start = g_get_monotonic_time ();
  if (!ft_dataset_save (dataset, out, NULL, &error))
    g_error ("Saving failed: %s", error->message);
  save_end = g_get_monotonic_time ();
  g_print ("save (unedited):        %.2f s, %.1f MB/s\n",
           (save_end - save_start) / (double)G_USEC_PER_SEC,
           size / 1e6 / ((save_end - save_start) / (double)G_USEC_PER_SEC));
  g_print ("peak RSS after save:    %.1f MB\n",
           ft_bench_read_status_kb ("VmHWM:") / 1024.0);

  g_unlink (out_path);
  ft_bench_remove_dataset (path, tmp_dir);

  return 0;
}
