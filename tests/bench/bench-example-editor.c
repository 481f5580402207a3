/* bench-example-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the example editor keeps up with a long example: the time to show
 * it, and the time each keystroke takes until the main loop is idle again
 * (the edit, its undo step, the bubble's sync, the checks the editor runs
 * on every change), while the live token count runs in a worker.
 *
 *   bench-example-editor [N_TURNS]
 *
 * It needs a display; without one it runs itself under xvfb-run.
 */

#include "config.h"

#include "ft-dataset.h"
#include "ft-example-editor.h"
#include "ft-history.h"

#include <adwaita.h>
#include <stdlib.h>
#include <unistd.h>

#define N_KEYS 300

static const char sentence[] =
  "The Trek FX 3 has a lightweight aluminium frame, carbon fork and hydraulic disc brakes, "
  "which makes it a good fit for commuting and longer weekend rides alike. ";

static char *
make_example (guint n_turns)
{
  GString *line = g_string_new ("{\"messages\":[{\"role\":\"system\",\"content\":\"You are a "
                                "helpful assistant.\"}");

  for (guint i = 0; i < n_turns; i++)
    {
      g_string_append_printf (line,
                              ",{\"role\":\"user\",\"content\":\"Question %u: %s%s\"}"
                              ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                              "\"call_%u\",\"type\":\"function\","
                              "\"function\":{\"name\":\"check_stock\",\"arguments\":\"{\\\"model\\"
                              "\":\\\"FX %u\\\"}\"}}]}"
                              ",{\"role\":\"tool\",\"tool_call_id\":\"call_%u\",\"content\":\"{\\"
                              "\"in_stock\\\":%u}\"}"
                              ",{\"role\":\"assistant\",\"content\":\"Answer %u: %s%s%s\"}",
                              i, sentence, sentence, i, i, i, i, i, sentence, sentence, sentence);
    }
  g_string_append (line,
                   "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"check_stock\","
                         "\"parameters\":{\"type\":\"object\",\"properties\":{\"model\":{\"type\":"
                         "\"string\"}}}}}]}");

  return g_string_free (line, FALSE);
}

static GtkWidget *
find_text_view (GtkWidget *root,
                guint     *skip)
{
  if (GTK_IS_TEXT_VIEW (root) && gtk_widget_get_mapped (root))
    {
      if (*skip == 0)
        return root;
      (*skip)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text_view (child, skip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
run_until_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(FtHistory) history = NULL;
  g_autoptr(FtExample) example = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *line = NULL;
  GtkWindow *window;
  GtkWidget *editor;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  guint n_turns = argc > 1 ? atoi (argv[1]) : 50;
  guint skip;
  gint64 start;
  double shown_ms;
  double total = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      char **args = g_new0 (char *, argc + 5);

      args[0] = (char *)"xvfb-run";
      args[1] = (char *)"-a";
      args[2] = (char *)"-s";
      args[3] = (char *)"-screen 0 1280x1024x24";
      for (int i = 0; i < argc; i++)
        args[4 + i] = argv[i];
      execvp ("xvfb-run", args);
      g_printerr ("bench-example-editor: no display, and xvfb-run did not start\n");
      return 1;
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_init ();
  adw_init ();

  line = make_example (n_turns);
  example = ft_example_new_from_text (line, -1);
  dataset = ft_dataset_new ();
  ft_dataset_append (dataset, example);
  history = ft_history_new (dataset);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 900);
  editor = ft_example_editor_new ();
  ft_example_editor_set_history (FT_EXAMPLE_EDITOR (editor), history);
  gtk_window_set_child (window, editor);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  run_until_idle ();

  start = g_get_monotonic_time ();
  ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), example);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  run_until_idle ();
  shown_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Type into a user message in the middle of the conversation. */
  skip = n_turns * 2;
  view = find_text_view (editor, &skip);
  g_assert (view != NULL);
  gtk_widget_grab_focus (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  run_until_idle ();

  for (guint i = 0; i < N_KEYS; i++)
    {
      char key[2] = { "abcdefghijklmnopqrstuvwxyz "[i % 27], '\0' };
      double ms;

      start = g_get_monotonic_time ();
      gtk_text_buffer_insert_at_cursor (buffer, key, 1);
      run_until_idle ();
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      total += ms;

      /* Keys come about every 30 ms when typing fast. */
      g_usleep (5000);
    }

  g_array_sort (times, compare_doubles);
  g_print ("example: %u messages, %zu bytes\n",
           ft_example_get_n_messages (example), strlen (line));
  g_print ("shown in: %.1f ms\n", shown_ms);
  g_print ("keystroke until idle: mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms (%d "
           "keys)\n",
           total / N_KEYS,
           g_array_index (times, double, N_KEYS / 2),
           g_array_index (times, double, N_KEYS * 95 / 100),
           g_array_index (times, double, N_KEYS - 1),
           N_KEYS);

  gtk_window_destroy (window);
  run_until_idle ();

  return 0;
}
