/* exemplar-emulator.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-emulator.h"

#include <glib-unix.h>
#include <stdio.h>

/* Runs the API emulator on 127.0.0.1 for manual testing and as the
 * upstream of Prism's validating proxy:
 *
 *   exemplar-emulator --port 4020 --auto-step 500
 *
 * prints its base URL and serves until interrupted.
 */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FtEmulator) emulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *api_key = NULL;
  int port = 0;
  int auto_step = 0;
  int steps_per_epoch = 2;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "PORT" },
    { "key", 'k', 0, G_OPTION_ARG_STRING, &api_key,
      "The only API key accepted (default: any)", "KEY" },
    { "auto-step", 's', 0, G_OPTION_ARG_INT, &auto_step,
      "Move jobs one step every MS milliseconds", "MS" },
    { "steps-per-epoch", 0, 0, G_OPTION_ARG_INT, &steps_per_epoch,
      "Training steps per epoch", "N" },
    { NULL }
  };

  context = g_option_context_new ("- emulate the fine-tuning API on loopback");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("exemplar-emulator: %s\n", error->message);
      return 2;
    }

  emulator = ft_emulator_new ();
  ft_emulator_set_api_key (emulator, api_key);
  ft_emulator_set_steps_per_epoch (emulator, MAX (1, steps_per_epoch));
  if (!ft_emulator_start (emulator, port, &error))
    {
      g_printerr ("exemplar-emulator: %s\n", error->message);
      return 1;
    }
  ft_emulator_set_auto_step (emulator, auto_step);

  base_url = ft_emulator_dup_base_url (emulator);
  printf ("%s\n", base_url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
