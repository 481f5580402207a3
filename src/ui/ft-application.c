/* ft-application.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-application"

#include "config.h"

#include "ft-application.h"

#include "ft-preferences-window.h"
#include "ft-provider-store.h"
#include "ft-secrets.h"
#include "ft-window.h"

#include <glib/gi18n.h>

struct _FtApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  FtProviderStore *provider_store;
  FtSecrets       *secrets;
};

G_DEFINE_FINAL_TYPE (FtApplication, ft_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (FtApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, color_scheme);
}

static void
on_color_scheme_changed_cb (FtApplication *self,
                            const char    *key,
                            GSettings     *settings)
{
  apply_color_scheme (self);
}

static void
ft_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing each window lets it ask about unsaved work first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
ft_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  FtApplication *self = FT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  FtPreferencesWindow *window;

  window = ft_preferences_window_new (self->settings, self->provider_store, self->secrets);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_present (GTK_WINDOW (window));
}

static void
ft_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  FtApplication *self = FT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = {
    _("The Exemplar developers"),
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Exemplar"),
                        "developer-name", _("The Exemplar developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "copyright", _("© 2026 The Exemplar developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Teach language models by example: curate chat "
                                      "examples, check them, fine-tune a model and "
                                      "compare its answers with the base model."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", ft_application_quit_action },
  { "preferences", ft_application_preferences_action },
  { "about", ft_application_about_action },
};

static void
ft_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (ft_window_new (ADW_APPLICATION (app)));
      gtk_window_present (window);

      /* Unsaved changes of a session that ended badly, the sample the
       * first time, or an empty dataset.
       */
      ft_examples_page_start (ft_window_get_examples_page (FT_WINDOW (window)));
      return;
    }

  gtk_window_present (window);
}

static void
ft_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (ft_window_new (ADW_APPLICATION (app)));

  gtk_window_present (window);

  /* One dataset at a time: the first file given. */
  if (n_files > 0)
    ft_window_open_file (FT_WINDOW (window), files[0]);
}

static void
ft_application_startup (GApplication *app)
{
  FtApplication *self = FT_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (ft_application_parent_class)->startup (app);

  g_set_application_name (_("Exemplar"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  self->provider_store = ft_provider_store_new (self->settings);
  self->secrets = ft_secrets_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
ft_application_finalize (GObject *object)
{
  FtApplication *self = (FtApplication *)object;

  g_clear_object (&self->provider_store);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ft_application_parent_class)->finalize (object);
}

static void
ft_application_class_init (FtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ft_application_finalize;

  app_class->activate = ft_application_activate;
  app_class->open = ft_application_open;
  app_class->startup = ft_application_startup;
}

static void
ft_application_init (FtApplication *self)
{
}

/**
 * ft_application_new:
 *
 * Returns: (transfer full): the application
 */
FtApplication *
ft_application_new (void)
{
  return g_object_new (FT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * ft_application_get_settings:
 * @self: a #FtApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
ft_application_get_settings (FtApplication *self)
{
  g_return_val_if_fail (FT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * ft_application_get_provider_store:
 * @self: a #FtApplication
 *
 * Returns: (transfer none): the provider profiles
 */
FtProviderStore *
ft_application_get_provider_store (FtApplication *self)
{
  g_return_val_if_fail (FT_IS_APPLICATION (self), NULL);

  return self->provider_store;
}

/**
 * ft_application_get_secrets:
 * @self: a #FtApplication
 *
 * Returns: (transfer none): where API keys are kept
 */
FtSecrets *
ft_application_get_secrets (FtApplication *self)
{
  g_return_val_if_fail (FT_IS_APPLICATION (self), NULL);

  return self->secrets;
}
