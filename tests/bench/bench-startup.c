/* bench-startup.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Measures how long Exemplar takes from exec to the first painted frame of
 * its window: the real FtApplication, with its first-run work, in a fresh
 * process each time. One run warms the caches; the next runs are timed.
 * Starts its own Xvfb when there is no display.
 *
 * usage: bench-startup [RUNS]
 */

#include "config.h"

#include "ft-application.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Seconds since boot at which this process started, from /proc/self/stat
 * (field 22, in clock ticks).
 */
static double
get_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long long ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;

  /* The command name may hold spaces; fields are counted after its ')'. */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;
  p += 2;
  for (int field = 3; field < 22 && p != NULL; field++)
    {
      p = strchr (p, ' ');
      if (p != NULL)
        p++;
    }
  if (p == NULL || sscanf (p, "%llu", &ticks) != 1)
    return -1;

  return (double)ticks / sysconf (_SC_CLK_TCK);
}

static double
get_boot_time_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_BOOTTIME, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  double elapsed = get_boot_time_now () - get_process_start ();

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  printf ("%.0f\n", elapsed * 1000);
  fflush (stdout);
  g_application_quit (app);
}

static void
on_window_map_cb (GtkWidget    *window,
                  GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), app);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), app);
}

static int
run_child (int   argc,
           char *argv[])
{
  g_autoptr(FtApplication) app = ft_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *self = NULL;
  int runs = argc > 1 ? atoi (argv[1]) : 5;

  if (argc > 1 && strcmp (argv[1], "--child") == 0)
    return run_child (argc, argv);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) args = NULL;

      g_strv_builder_add_many (builder, "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", NULL);
      for (int i = 0; i < argc; i++)
        g_strv_builder_add (builder, argv[i]);
      args = g_strv_builder_end (builder);
      execvp ("xvfb-run", args);
      g_printerr ("bench-startup: no display, and xvfb-run could not start\n");
      return 1;
    }

  /* The app's settings stay in memory; the schema is the build's. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (runs < 1)
    runs = 5;

  for (int i = 0; i <= runs; i++)
    {
      const char *child_argv[] = { self, "--child", NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;
      double ms;

      if (!g_spawn_sync (NULL, (char **)child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("bench-startup: %s\n", error->message);
          return 1;
        }

      ms = g_ascii_strtod (out, NULL);
      if (i == 0)
        {
          printf ("cold-ish first run: %.0f ms (not counted)\n", ms);
          continue;
        }
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  printf ("exec → first frame, %d warm runs (renderer %s): "
          "min %.0f ms, median %.0f ms, max %.0f ms\n",
          runs,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
          g_array_index (times, double, 0),
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len - 1));
  printf ("target: < 1000 ms\n");

  return 0;
}
