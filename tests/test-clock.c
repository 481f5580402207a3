/* test-clock.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-clock.h"

/* The clock the job monitor polls on: by hand in tests, real in the app. */

typedef struct
{
  GString *log;
  FtClock *clock;
} Run;

static Run *current;

static void
log_cb (gpointer user_data)
{
  g_string_append_printf (current->log, "%s@%" G_GINT64_FORMAT " ",
                          (const char *)user_data, ft_clock_get_now_ms (current->clock));
}

static void
chain_cb (gpointer user_data)
{
  log_cb (user_data);
  ft_clock_add_timeout (current->clock, 5, log_cb, (gpointer)"chained", NULL);
}

static void
count_destroy (gpointer user_data)
{
  guint *n = user_data;

  (*n)++;
}

static void
nothing_cb (gpointer user_data)
{
}

static void
test_manual (void)
{
  g_autoptr(FtClock) clock = ft_clock_new_manual ();
  g_autoptr(GString) log = g_string_new (NULL);
  Run run = { log, clock };
  guint removed_destroyed = 0;
  guint id;

  current = &run;
  g_assert_true (ft_clock_is_manual (clock));
  g_assert_cmpint (ft_clock_get_now_ms (clock), ==, 0);
  g_assert_cmpint (ft_clock_get_next_due_ms (clock), ==, -1);

  ft_clock_add_timeout (clock, 30, log_cb, (gpointer)"c", NULL);
  ft_clock_add_timeout (clock, 10, log_cb, (gpointer)"a", NULL);
  ft_clock_add_timeout (clock, 10, chain_cb, (gpointer)"b", NULL);
  id = ft_clock_add_timeout (clock, 20, nothing_cb, &removed_destroyed, count_destroy);
  g_assert_cmpuint (id, !=, 0);
  g_assert_cmpuint (ft_clock_get_n_pending (clock), ==, 4);
  g_assert_cmpint (ft_clock_get_next_due_ms (clock), ==, 10);

  /* Removing calls the destroy notify once and never the callback. */
  ft_clock_remove (clock, id);
  ft_clock_remove (clock, id);
  g_assert_cmpuint (removed_destroyed, ==, 1);

  g_assert_cmpuint (ft_clock_advance (clock, 9), ==, 0);
  g_assert_cmpstr (log->str, ==, "");

  /* In order of due time, then of adding; a timeout added on the way runs
   * when it falls due within the advance.
   */
  g_assert_cmpuint (ft_clock_advance (clock, 21), ==, 4);
  g_assert_cmpstr (log->str, ==, "a@10 b@10 chained@15 c@30 ");
  g_assert_cmpint (ft_clock_get_now_ms (clock), ==, 30);
  g_assert_cmpuint (ft_clock_get_n_pending (clock), ==, 0);

  current = NULL;
}

static void
quit_cb (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
}

static void
test_real (void)
{
  g_autoptr(FtClock) clock = ft_clock_new ();
  gboolean fired = FALSE;
  guint destroyed = 0;
  guint id;

  g_assert_false (ft_clock_is_manual (clock));

  id = ft_clock_add_timeout (clock, 60000, nothing_cb, &destroyed, count_destroy);
  ft_clock_add_timeout (clock, 1, quit_cb, &fired, NULL);
  g_assert_cmpuint (ft_clock_get_n_pending (clock), ==, 2);

  while (!fired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ft_clock_get_n_pending (clock), ==, 1);

  ft_clock_remove (clock, id);
  g_assert_cmpuint (destroyed, ==, 1);
  g_assert_cmpuint (ft_clock_get_n_pending (clock), ==, 0);

  /* Pending timeouts go with the clock. */
  ft_clock_add_timeout (clock, 60000, nothing_cb, &destroyed, count_destroy);
  g_clear_object (&clock);
  g_assert_cmpuint (destroyed, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/clock/manual", test_manual);
  g_test_add_func ("/ft/clock/real", test_real);

  return g_test_run ();
}
