/* ft-preferences-window.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-preferences-window"

#include "config.h"

#include "ft-preferences-window.h"

#include "ft-providers-page.h"

#include <glib/gi18n.h>

struct _FtPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;

  /* Owned */
  GSettings            *settings;
  FtProviderStore      *store;
  FtSecrets            *secrets;
};

G_DEFINE_FINAL_TYPE (FtPreferencesWindow, ft_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_SECRETS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The order of the rows in the style combo. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_to_selected (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (scheme, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
selected_to_color_scheme (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    selected = 0;

  return g_variant_new_string (color_schemes[selected]);
}

/* libadwaita 1.2 leaves the search entry of AdwPreferencesWindow without
 * an accessible name; give it one.
 */
static void
label_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Preferences"),
                                      -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    label_search_entry (child);
}

static void
ft_preferences_window_constructed (GObject *object)
{
  FtPreferencesWindow *self = (FtPreferencesWindow *)object;

  G_OBJECT_CLASS (ft_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_to_selected,
                                selected_to_color_scheme,
                                NULL, NULL);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (ft_providers_page_new (self->store,
                                                                           self->secrets)));

  label_search_entry (GTK_WIDGET (self));
}

static void
ft_preferences_window_dispose (GObject *object)
{
  FtPreferencesWindow *self = (FtPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ft_preferences_window_parent_class)->dispose (object);
}

static void
ft_preferences_window_finalize (GObject *object)
{
  FtPreferencesWindow *self = (FtPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (ft_preferences_window_parent_class)->finalize (object);
}

static void
ft_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FtPreferencesWindow *self = FT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SECRETS:
      self->secrets = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FtPreferencesWindow *self = FT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SECRETS:
      g_value_set_object (value, self->secrets);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_preferences_window_class_init (FtPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ft_preferences_window_constructed;
  object_class->dispose = ft_preferences_window_dispose;
  object_class->finalize = ft_preferences_window_finalize;
  object_class->get_property = ft_preferences_window_get_property;
  object_class->set_property = ft_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STORE] =
    g_param_spec_object ("provider-store", NULL, NULL,
                         FT_TYPE_PROVIDER_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SECRETS] =
    g_param_spec_object ("secrets", NULL, NULL,
                         FT_TYPE_SECRETS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE
                                               "/preferences/ft-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FtPreferencesWindow, style_row);

  g_type_ensure (FT_TYPE_PROVIDERS_PAGE);
}

static void
ft_preferences_window_init (FtPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ft_preferences_window_new:
 * @settings: the application settings
 * @store: the provider profiles
 * @secrets: where API keys are kept
 *
 * Returns: (transfer full): a new preferences window
 */
FtPreferencesWindow *
ft_preferences_window_new (GSettings       *settings,
                           FtProviderStore *store,
                           FtSecrets       *secrets)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (FT_IS_PROVIDER_STORE (store), NULL);
  g_return_val_if_fail (FT_IS_SECRETS (secrets), NULL);

  return g_object_new (FT_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "provider-store", store,
                       "secrets", secrets,
                       NULL);
}

/**
 * ft_preferences_window_show_providers:
 * @self: a #FtPreferencesWindow
 *
 * Shows the Providers page, for example to enter a missing API key.
 */
void
ft_preferences_window_show_providers (FtPreferencesWindow *self)
{
  g_return_if_fail (FT_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "providers");
}
