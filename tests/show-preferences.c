/* show-preferences.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shows Preferences → Providers with a few profiles (two with keys), to
 * look at it and to take screenshots of it:
 *
 *   GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=_build/data \
 *     tests/run-with-keyring.sh keyring \
 *     _build/tests/show-preferences [--dark] [--editor NAME] [OUTPUT.png]
 *
 * --editor opens the editor of the profile NAME. With OUTPUT.png, the
 * window renders itself to the file once drawn and quits; otherwise it
 * stays open. Without a keyring (no run-with-keyring.sh) the page shows
 * its no-keyring notice.
 */

#include "config.h"

#include "ft-preferences-window.h"
#include "ft-provider-store.h"
#include "ft-providers-page.h"
#include "ft-secrets.h"
#include "ft-ui-test-utils.h"

#include <adwaita.h>
#include <stdio.h>

static char *output;
static char *editor_name;
static char *url;
static char *size;
static gboolean dark;

static const GOptionEntry entries[] = {
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "editor", 0, 0, G_OPTION_ARG_STRING, &editor_name, "Open the editor of profile NAME", "NAME" },
  { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Give that profile this base URL", "URL" },
  { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size (default: 640x720)", "WxH" },
  { NULL }
};

static GMainLoop *loop;
static guint pending;

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ft_secrets_store_finish (FT_SECRETS (object), result, &error))
    g_printerr ("show-preferences: %s\n", error->message);

  if (--pending == 0)
    g_main_loop_quit (loop);
}

static gboolean
render_cb (gpointer user_data)
{
  GtkWidget *window = user_data;

  if (!ft_test_save_png (window, output))
    g_printerr ("show-preferences: could not write %s\n", output);
  else
    g_print ("%s\n", output);

  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[OUTPUT.png]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(FtProviderStore) store = NULL;
  g_autoptr(FtSecrets) secrets = NULL;
  FtPreferencesWindow *window;
  FtProvider *openai;
  FtProvider *azure;
  FtProvider *lab;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("show-preferences: %s\n", error->message);
      return 2;
    }
  output = argc > 1 ? argv[1] : NULL;

  gtk_init ();
  adw_init ();

  /* As on GNOME, when the font is installed. */
  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  loop = g_main_loop_new (NULL, FALSE);

  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "providers");
  store = ft_provider_store_new (settings);
  secrets = ft_secrets_new ();

  openai = ft_provider_store_get_default_provider (store);
  azure = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_AZURE);
  ft_provider_set_display_name (azure, "Azure (Contoso)");
  ft_provider_set_base_url (azure, "https://contoso.openai.azure.com/openai");
  ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_NEBIUS);
  lab = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_OLLAMA);
  ft_provider_set_display_name (lab, "Ollama on this computer");

  pending = 2;
  ft_secrets_store_async (secrets, ft_provider_get_id (openai), "Exemplar API key: OpenAI",
                          "sk-demo-0000", NULL, stored_cb, NULL);
  ft_secrets_store_async (secrets, ft_provider_get_id (azure), "Exemplar API key: Azure",
                          "demo-0000", NULL, stored_cb, NULL);
  g_main_loop_run (loop);

  window = ft_preferences_window_new (settings, store, secrets);
  {
    int width = 640;
    int height = 720;

    if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
      {
        g_printerr ("show-preferences: --size takes WxH\n");
        return 2;
      }
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  }
  ft_preferences_window_show_providers (window);
  gtk_window_present (GTK_WINDOW (window));

  if (editor_name != NULL)
    {
      FtProvider *provider = ft_provider_store_find (store, editor_name);
      GtkWidget *page = ft_test_find_widget_by_type (GTK_WIDGET (window),
                                                     FT_TYPE_PROVIDERS_PAGE);

      if (provider == NULL || page == NULL)
        {
          g_printerr ("show-preferences: no profile “%s”\n", editor_name);
          return 2;
        }
      if (url != NULL)
        ft_provider_set_base_url (provider, url);
      ft_providers_page_edit (FT_PROVIDERS_PAGE (page), provider);
    }

  if (output != NULL)
    g_timeout_add (1500, render_cb, window);

  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  g_main_loop_run (loop);

  return 0;
}
