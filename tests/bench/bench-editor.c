/* bench-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-application.h"
#include "ft-bench-gen.h"
#include "ft-bench-util.h"
#include "ft-examples-page.h"
#include "ft-window.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ft-ui-test-utils.h"

/* Usage: bench-editor [FILE.jsonl]
 *
 * Opens a dataset in the real window, as a user would, and prints:
 * - the time until the first rows are on screen (a frame drawn with rows),
 * - the time until the dataset is loaded and fully checked (tokens,
 *   findings, cost),
 * - the longest main-loop stall meanwhile (a high-priority 5 ms timeout
 *   records the gaps between its runs, and the frame clock the gaps
 *   between frames), and the longest time the main thread was on the CPU
 *   between two runs: its own work, which other processes on a shared
 *   machine do not inflate (they make it wait for a CPU, which is
 *   printed as a total),
 * - frame times while scrolling the list and the time a search takes,
 * - peak RSS against the file size (target: at most 2×).
 * With FT_BENCH_VERBOSE set, every stall over 50 ms is printed as it
 * happens. Without FILE, a 100,000-example file (about 200 MB) is generated into a
 * temporary directory first. Without a display it runs itself under
 * xvfb-run. GSK_RENDERER defaults to cairo, as in the UI tests.
 */

#define TICK_MS        5
#define SCROLL_FRAMES  240

typedef struct
{
  FtWindow       *window;
  FtExamplesPage *page;
  GtkWidget      *list_view;
  gint64          start;
  gint64          first_rows;
  gint64          loaded;
  gint64          checked;
  gint64          start_cpu;
  gint64          start_wait;
  gint64          checked_cpu;
  gint64          checked_wait;
  gint64          last_tick;
  gint64          last_tick_cpu;
  gint64          last_tick_wait;
  gint64          max_stall;
  gint64          max_stall_cpu;
  gint64          last_frame;
  guint64         rss_loaded;
  gint64          max_frame_gap;
  gboolean        measuring;
  gboolean        window_drawn;

  /* Frame phases, for FT_BENCH_VERBOSE */
  gint64          frame_start;
  gint64          frame_start_cpu;
  gint64          layout_start;
  gint64          paint_start;

  /* Scrolling */
  GArray         *frame_times;
  gint64          last_scroll_frame;
  guint           scroll_frames;
} Bench;

/* CPU time the main thread has used, in µs. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Time the main thread has waited for a CPU while runnable, in µs. */
static gint64
thread_wait_time (void)
{
  g_autofree char *schedstat = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &schedstat, NULL, NULL))
    return 0;

  fields = g_strsplit (schedstat, " ", -1);
  if (g_strv_length (fields) < 2)
    return 0;

  return g_ascii_strtoll (fields[1], NULL, 10) / 1000;
}

static gboolean
tick_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint64 wait = thread_wait_time ();

  if (bench->measuring)
    {
      bench->max_stall = MAX (bench->max_stall, now - bench->last_tick);
      bench->max_stall_cpu = MAX (bench->max_stall_cpu, cpu - bench->last_tick_cpu);
    }
  if (bench->measuring && now - bench->last_tick > 50000 && g_getenv ("FT_BENCH_VERBOSE"))
    g_printerr ("stall of %.0f ms (%.0f ms on the CPU, %.0f ms waiting for one) "
                "ending at %.0f ms\n",
                (now - bench->last_tick) / 1000.0,
                (cpu - bench->last_tick_cpu) / 1000.0,
                (wait - bench->last_tick_wait) / 1000.0,
                (now - bench->start) / 1000.0);
  bench->last_tick = now;
  bench->last_tick_cpu = cpu;
  bench->last_tick_wait = wait;

  return G_SOURCE_CONTINUE;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* The frame clock's phases run in the order before-paint, update, layout,
 * paint, after-paint; GTK's own handlers run before these (connected
 * later), so each marks the end of a phase.
 */
static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
  bench->frame_start_cpu = thread_cpu_time ();
}

static void
update_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->layout_start = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  GListModel *visible;

  bench->window_drawn = TRUE;

  if (!bench->measuring)
    return;

  /* Frames that take longer than one at 60 Hz, phase by phase. */
  if (g_getenv ("FT_BENCH_VERBOSE") && bench->frame_start != 0 &&
      now - bench->frame_start > 16000)
    g_printerr ("frame of %.0f ms (%.0f ms on the CPU) at %.0f ms: update %.0f, layout %.0f, "
                "paint %.0f ms; %u rows\n",
                (now - bench->frame_start) / 1000.0,
                (thread_cpu_time () - bench->frame_start_cpu) / 1000.0,
                (now - bench->start) / 1000.0,
                (bench->layout_start - bench->frame_start) / 1000.0,
                (bench->paint_start - bench->layout_start) / 1000.0,
                (now - bench->paint_start) / 1000.0,
                count_children (bench->list_view));

  if (bench->last_frame != 0)
    bench->max_frame_gap = MAX (bench->max_frame_gap, now - bench->last_frame);
  bench->last_frame = now;

  visible = ft_examples_page_get_visible (bench->page);
  if (bench->first_rows == 0 && g_list_model_get_n_items (visible) > 0 &&
      gtk_widget_get_first_child (bench->list_view) != NULL)
    bench->first_rows = now;
}

static gboolean
is_drawn (gpointer data)
{
  Bench *bench = data;

  return bench->window_drawn;
}

static gboolean
is_checked (gpointer data)
{
  Bench *bench = data;
  FtDataset *dataset = ft_examples_page_get_dataset (bench->page);
  FtDatasetChecker *checker = ft_examples_page_get_checker (bench->page);
  gint64 now = g_get_monotonic_time ();

  if (bench->loaded == 0 && !ft_dataset_get_loading (dataset) &&
      g_list_model_get_n_items (G_LIST_MODEL (dataset)) > 0)
    {
      bench->loaded = now;
      bench->rss_loaded = ft_bench_read_status_kb ("VmRSS:");
    }

  if (bench->loaded != 0 && ft_dataset_checker_get_summary (checker) != NULL &&
      !ft_dataset_checker_get_busy (checker))
    {
      bench->checked = now;
      bench->checked_cpu = thread_cpu_time ();
      bench->checked_wait = thread_wait_time ();
      return TRUE;
    }

  return FALSE;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  gint64 now = g_get_monotonic_time ();

  if (bench->last_scroll_frame != 0)
    {
      double ms = (now - bench->last_scroll_frame) / 1000.0;

      g_array_append_val (bench->frame_times, ms);
    }
  bench->last_scroll_frame = now;

  /* A quick flick: a third of a page per frame. */
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) +
                            gtk_adjustment_get_page_size (adjustment) / 3);

  return ++bench->scroll_frames < SCROLL_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
scrolled_enough (gpointer data)
{
  Bench *bench = data;

  return bench->scroll_frames >= SCROLL_FRAMES;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static GtkWidget *
find_search_entry (GtkWidget *root)
{
  GtkWidget *bar = ft_test_find_widget_by_type (root, GTK_TYPE_SEARCH_BAR);

  return ft_test_find_widget_by_type (bar, GTK_TYPE_SEARCH_ENTRY);
}

static GtkWidget *
find_search_status (GtkWidget *root)
{
  GtkWidget *bar = ft_test_find_widget_by_type (root, GTK_TYPE_SEARCH_BAR);
  GtkWidget *box = gtk_search_bar_get_child (GTK_SEARCH_BAR (bar));

  return gtk_widget_get_last_child (box);
}

static gboolean
search_done (gpointer data)
{
  GtkWidget *status = data;
  const char *text = gtk_label_get_text (GTK_LABEL (status));

  return gtk_widget_get_visible (status) && strstr (text, "…") == NULL;
}

/* Re-runs this program under xvfb-run when there is no display. */
static int
run_under_xvfb (int    argc,
                char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (args, (char *)"xvfb-run");
  g_ptr_array_add (args, (char *)"-a");
  g_ptr_array_add (args, (char *)"-s");
  g_ptr_array_add (args, (char *)"-screen 0 1280x800x24");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (NULL, (char **)args->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("bench-editor: no display, and xvfb-run failed: %s\n", error->message);
      return 1;
    }

  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FtApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *path = NULL;
  Bench bench = { 0 };
  GdkFrameClock *clock;
  GtkWidget *entry;
  GtkWidget *status;
  guint64 size;
  guint64 hwm;
  guint64 rss_start;
  guint64 rss_checked;
  gint64 search_start;
  gint64 search_end;
  GStatBuf st;
  guint tick_id;
  double p50 = 0;
  double p95 = 0;
  double worst = 0;

  setlocale (LC_ALL, "");

  if (argc > 2)
    {
      g_printerr ("Usage: bench-editor [FILE.jsonl]\n");
      return 2;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return run_under_xvfb (argc, argv);

  /* Nothing of the user's is read or written. */
  tmp_dir = g_dir_make_tmp ("ft-bench-editor-XXXXXX", &error);
  g_assert_no_error (error);
  state_dir = g_build_filename (tmp_dir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_DATA_DIR, FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  if (argc == 2)
    {
      path = g_strdup (argv[1]);
    }
  else
    {
      path = g_build_filename (tmp_dir, "bench.jsonl", NULL);
      if (!ft_bench_generate_dataset (path, 100000, 1, NULL, &error))
        g_error ("%s", error->message);
    }

  if (g_stat (path, &st) != 0)
    g_error ("Cannot stat %s", path);
  size = st.st_size;

  /* Read the file once so that the numbers measure the app, not the disk. */
  {
    g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
    const volatile char *data = g_mapped_file_get_contents (mapped);
    gsize length = g_mapped_file_get_length (mapped);
    char sum = 0;

    for (gsize i = 0; i < length; i += 4096)
      sum ^= data[i];
    (void)sum;
  }

  /* GtkRecentManager needs it, and only GApplication's run sets it. */
  g_set_prgname ("exemplar");
  gtk_init ();
  adw_init ();

  app = ft_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  bench.window = ft_window_new (ADW_APPLICATION (app));
  bench.page = ft_window_get_examples_page (bench.window);
  bench.list_view = ft_test_find_list_view (GTK_WIDGET (bench.page),
                                            ft_examples_page_get_visible (bench.page));
  g_assert_nonnull (bench.list_view);
  bench.frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1100, 720);
  gtk_window_present (GTK_WINDOW (bench.window));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), &bench);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  if (!ft_test_wait_until (is_drawn, &bench, 10000))
    g_error ("The window was never drawn");

  rss_start = ft_bench_read_status_kb ("VmRSS:");
  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, &bench, NULL);

  /* Open the file as the user would. */
  file = g_file_new_for_path (path);
  bench.start = bench.last_tick = g_get_monotonic_time ();
  bench.start_cpu = bench.last_tick_cpu = thread_cpu_time ();
  bench.start_wait = bench.last_tick_wait = thread_wait_time ();
  bench.measuring = TRUE;
  ft_window_open_file (bench.window, file);

  if (!ft_test_wait_until (is_checked, &bench, 300000))
    g_error ("Not checked after 5 minutes");

  /* A few more frames for the last results to show. */
  ft_test_iterate_main_context (200);
  bench.measuring = FALSE;
  g_source_remove (tick_id);
  hwm = ft_bench_read_status_kb ("VmHWM:");
  rss_checked = ft_bench_read_status_kb ("VmRSS:");

  /* Scrolling through the list. */
  gtk_widget_add_tick_callback (bench.list_view, scroll_tick_cb, &bench, NULL);
  ft_test_wait_until (scrolled_enough, &bench, 60000);
  g_array_sort (bench.frame_times, compare_doubles);
  if (bench.frame_times->len > 0)
    {
      p50 = g_array_index (bench.frame_times, double, bench.frame_times->len / 2);
      p95 = g_array_index (bench.frame_times, double, bench.frame_times->len * 95 / 100);
      worst = g_array_index (bench.frame_times, double, bench.frame_times->len - 1);
    }

  /* A search across all message text. */
  g_action_group_activate_action (ft_examples_page_get_action_group (bench.page), "find", NULL);
  entry = find_search_entry (GTK_WIDGET (bench.page));
  status = find_search_status (GTK_WIDGET (bench.page));
  search_start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "refund");
  g_signal_emit_by_name (entry, "search-changed");
  ft_test_wait_until (search_done, status, 60000);
  search_end = g_get_monotonic_time ();

  g_print ("file:                        %s\n", path);
  g_print ("size:                        %.1f MB (%" G_GUINT64_FORMAT " bytes)\n",
           size / 1e6,
           size);
  g_print ("examples:                    %u\n",
           g_list_model_get_n_items (G_LIST_MODEL (ft_examples_page_get_dataset (bench.page))));
  g_print ("renderer:                    %s, %d cores\n",
           g_getenv ("GSK_RENDERER"),
           g_get_num_processors ());
  g_print ("first rows on screen:        %.0f ms (target < 1000 ms)\n",
           (bench.first_rows - bench.start) / 1000.0);
  g_print ("loaded:                      %.2f s\n", (bench.loaded - bench.start) / 1e6);
  g_print ("loaded and fully checked:    %.2f s (target ≤ 10 s)\n",
           (bench.checked - bench.start) / 1e6);
  g_print ("longest main-loop stall:     %.1f ms (target ≤ 50 ms)\n", bench.max_stall / 1000.0);
  g_print ("  the same on the CPU:        %.1f ms (the app's own work, whatever the load)\n",
           bench.max_stall_cpu / 1000.0);
  g_print ("main thread meanwhile:       %.2f s on the CPU, %.2f s waiting for one\n",
           (bench.checked_cpu - bench.start_cpu) / 1e6,
           (bench.checked_wait - bench.start_wait) / 1e6);
  g_print ("longest gap between frames:  %.1f ms\n", bench.max_frame_gap / 1000.0);
  g_print ("scrolling, frame time:       median %.1f ms, 95th percentile %.1f ms, "
           "worst %.1f ms (%u frames)\n",
           p50, p95, worst, bench.frame_times->len);
  g_print ("search “refund” (all text):  %.2f s, %s\n", (search_end - search_start) / 1e6,
           gtk_label_get_text (GTK_LABEL (status)));
  g_print ("RSS (MiB):                   window %.1f, loaded %.1f, checked %.1f\n",
           rss_start / 1024.0, bench.rss_loaded / 1024.0, rss_checked / 1024.0);
  g_print ("peak RSS (VmHWM):            %.1f MiB (%.2f× file size; target ≤ 2×)\n",
           hwm / 1024.0, hwm * 1024.0 / size);
  g_print ("  of which the dataset:       %.1f MiB over the empty window (%.2f× file size)\n",
           (hwm - rss_start) / 1024.0, (hwm - rss_start) * 1024.0 / size);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_array_unref (bench.frame_times);

  if (argc != 2)
    g_unlink (path);

  return 0;
}
