/* ft-providers-page.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-providers-page"

#include "config.h"

#include "ft-providers-page.h"

#include "ft-provider-editor.h"

#include <glib/gi18n.h>

/* Preferences → Providers: the profiles of FtProviderStore as rows (name,
 * base URL, whether a key is stored), an Add menu with the built-in
 * presets, and an editor subpage per profile. Removing a profile can be
 * undone from a toast; its key leaves the keyring when the toast goes, or
 * when the page goes first (the window closed while the toast showed).
 */
struct _FtProvidersPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  GtkMenuButton       *add_button;
  AdwPreferencesGroup *keyring_group;
  AdwActionRow        *keyring_row;
  GtkListBox          *list_box;

  /* Owned */
  FtProviderStore     *store;
  FtSecrets           *secrets;
  GHashTable          *has_key;      /* profile id → GINT_TO_POINTER (0 or 1) */
  GPtrArray           *removals;     /* (element-type Removal): their toasts show */
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (FtProvidersPage, ft_providers_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SECRETS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define ROW_PROVIDER "ft-provider"
#define ROW_DEFAULT  "ft-default-label"

static void update_rows (FtProvidersPage *self);

/* Rows */

static void
update_row (FtProvidersPage *self,
            AdwActionRow    *row)
{
  FtProvider *provider = g_object_get_data (G_OBJECT (row), ROW_PROVIDER);
  GtkWidget *default_label = g_object_get_data (G_OBJECT (row), ROW_DEFAULT);
  const char *name = ft_provider_get_display_name (provider);
  const char *base_url = ft_provider_get_base_url (provider);
  const char *key_state;
  g_autofree char *subtitle = NULL;
  const char *id = ft_provider_get_id (provider);
  gpointer known;

  if (!ft_provider_get_needs_key (provider))
    key_state = _("No key needed");
  else if (!g_hash_table_lookup_extended (self->has_key, id, NULL, &known))
    key_state = "";
  else if (!GPOINTER_TO_INT (known))
    key_state = _("No key");
  else if (ft_secrets_get_keyring_available (self->secrets))
    key_state = _("Key in the keyring");
  else
    key_state = _("Key kept until Exemplar quits");

  if (base_url == NULL)
    base_url = "";
  if (key_state[0] != '\0')
    /* Translators: a provider row's subtitle: its base URL · whether a key is stored. */
    subtitle = g_strdup_printf (_("%s · %s"), base_url, key_state);
  else
    subtitle = g_strdup (base_url);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL && name[0] != '\0' ? name : _("Unnamed Provider"));
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (default_label,
                          ft_provider_store_get_default_provider (self->store) == provider);
}

static void
update_rows (FtProvidersPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && g_object_get_data (G_OBJECT (child), ROW_PROVIDER) != NULL)
        update_row (self, ADW_ACTION_ROW (child));
    }
}

typedef struct
{
  FtProvidersPage *self;
  char            *profile_id;
} KeyQuery;

static void
key_query_free (KeyQuery *query)
{
  g_clear_object (&query->self);
  g_free (query->profile_id);
  g_free (query);
}

static void
has_key_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KeyQuery *query = user_data;
  FtProvidersPage *self = query->self;
  g_autoptr(GError) error = NULL;
  gboolean has_key;

  has_key = ft_secrets_has_key_finish (FT_SECRETS (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        g_debug ("Could not tell whether %s has a key: %s", query->profile_id, error->message);

      g_hash_table_insert (self->has_key, g_strdup (query->profile_id), GINT_TO_POINTER (has_key));
      update_rows (self);
    }

  key_query_free (query);
}

static void
query_key (FtProvidersPage *self,
           FtProvider      *provider)
{
  KeyQuery *query = g_new0 (KeyQuery, 1);

  query->self = g_object_ref (self);
  query->profile_id = g_strdup (ft_provider_get_id (provider));
  ft_secrets_has_key_async (self->secrets, query->profile_id, self->cancellable, has_key_cb, query);
}

static void
on_provider_notify_cb (FtProvidersPage *self,
                       GParamSpec      *pspec,
                       FtProvider      *provider)
{
  update_rows (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  FtProvidersPage *self = user_data;
  FtProvider *provider = item;
  GtkWidget *row;
  GtkWidget *default_label;
  GtkWidget *arrow;

  row = adw_action_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  default_label = gtk_label_new (_("Default"));
  gtk_widget_set_valign (default_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (default_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), default_label);

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), ROW_PROVIDER, g_object_ref (provider), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_DEFAULT, default_label);

  g_signal_connect_object (provider, "notify", G_CALLBACK (on_provider_notify_cb), self,
                           G_CONNECT_SWAPPED);

  update_row (self, ADW_ACTION_ROW (row));
  if (!g_hash_table_contains (self->has_key, ft_provider_get_id (provider)))
    query_key (self, provider);

  return row;
}

/* Editing, adding and removing */

/* A removed profile while its toast shows. The toast and the page's list
 * of pending removals each hold a reference.
 */
typedef struct
{
  GWeakRef     page;
  FtProvider  *provider;
  FtSecrets   *secrets;
  guint        position;
  gboolean     undone;
  gboolean     committed;
} Removal;

static void
removal_clear (Removal *removal)
{
  g_weak_ref_clear (&removal->page);
  g_clear_object (&removal->provider);
  g_clear_object (&removal->secrets);
}

static void
removal_unref (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) removal_clear);
}

static void
removal_closure_notify (gpointer  data,
                        GClosure *closure)
{
  removal_unref (data);
}

static void
clear_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;

  if (!ft_secrets_clear_finish (FT_SECRETS (object), result, &error) && error != NULL)
    g_warning ("Could not remove the key of a removed provider: %s", error->message);

  if (app != NULL)
    g_application_release (app);
}

/* For good now: the key goes too. No cancellable, so that it happens
 * even when the window has closed, and the application stays until the
 * keyring has answered, so that quitting does not cut it short.
 */
static void
removal_commit (Removal *removal)
{
  GApplication *app = g_application_get_default ();

  if (removal->undone || removal->committed)
    return;

  removal->committed = TRUE;
  if (app != NULL)
    g_application_hold (app);
  ft_secrets_clear_async (removal->secrets, ft_provider_get_id (removal->provider), NULL,
                          clear_key_cb, app != NULL ? g_object_ref (app) : NULL);
}

static void
forget_removal (Removal *removal)
{
  g_autoptr(FtProvidersPage) self = g_weak_ref_get (&removal->page);

  if (self != NULL && self->removals != NULL)
    g_ptr_array_remove (self->removals, removal);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Removal  *removal)
{
  g_autoptr(FtProvidersPage) self = g_weak_ref_get (&removal->page);

  if (removal->undone || removal->committed || self == NULL)
    return;

  removal->undone = TRUE;
  ft_provider_store_insert (self->store, removal->position, removal->provider);
  forget_removal (removal);
}

static void
on_toast_dismissed_cb (AdwToast *toast,
                       Removal  *removal)
{
  removal_commit (removal);
  forget_removal (removal);
}

static void
on_remove_requested_cb (FtProvidersPage  *self,
                        FtProvider       *provider,
                        FtProviderEditor *editor)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  Removal *removal;
  AdwToast *toast;
  g_autofree char *title = NULL;
  guint position;

  if (!ft_provider_store_find_position (self->store, provider, &position))
    return;

  removal = g_rc_box_new0 (Removal);
  g_weak_ref_init (&removal->page, self);
  removal->provider = g_object_ref (provider);
  removal->secrets = g_object_ref (self->secrets);
  removal->position = position;

  ft_provider_store_remove (self->store, provider);

  /* No window to show an Undo toast in: final at once. */
  if (window == NULL)
    {
      removal_commit (removal);
      removal_unref (removal);
      return;
    }

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
  g_ptr_array_add (self->removals, g_rc_box_acquire (removal));

  /* Translators: a toast after removing a provider; %s is its name. */
  title = g_strdup_printf (_("“%s” removed"), ft_provider_get_display_name (provider)
                                                ? ft_provider_get_display_name (provider) : "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), removal);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), removal,
                         removal_closure_notify, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

/**
 * ft_providers_page_edit:
 * @self: a #FtProvidersPage
 * @provider: a profile of the store
 *
 * Opens the editor subpage of @provider.
 */
void
ft_providers_page_edit (FtProvidersPage *self,
                        FtProvider      *provider)
{
  GtkWidget *window;
  FtProviderEditor *editor;

  g_return_if_fail (FT_IS_PROVIDERS_PAGE (self));
  g_return_if_fail (FT_IS_PROVIDER (provider));

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  g_return_if_fail (window != NULL);

  editor = ft_provider_editor_new (self->store, self->secrets, provider);
  g_signal_connect_object (editor, "remove-requested",
                           G_CALLBACK (on_remove_requested_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (window), GTK_WIDGET (editor));
}

static void
on_row_activated_cb (FtProvidersPage *self,
                     GtkListBoxRow   *row,
                     GtkListBox      *list_box)
{
  FtProvider *provider = g_object_get_data (G_OBJECT (row), ROW_PROVIDER);

  if (provider != NULL)
    ft_providers_page_edit (self, provider);
}

static void
ft_providers_page_add_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  FtProvidersPage *self = FT_PROVIDERS_PAGE (widget);
  FtProvider *provider;

  provider = ft_provider_store_add_preset (self->store, g_variant_get_string (parameter, NULL));
  if (provider != NULL)
    ft_providers_page_edit (self, provider);
}

static GMenuModel *
build_add_menu (void)
{
  const char * const *presets = ft_provider_get_preset_ids ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autoptr(FtProvider) template = ft_provider_new_from_preset (presets[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (ft_provider_get_display_name (template), NULL);

      g_menu_item_set_action_and_target (item, "providers.add", "s", presets[i]);
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* Keyring state */

static void
update_keyring_state (FtProvidersPage *self)
{
  gboolean available = ft_secrets_get_keyring_available (self->secrets);

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_group), !available);
  adw_action_row_set_subtitle (self->keyring_row,
                               available ? "" : ft_secrets_get_status_message (self->secrets));
  update_rows (self);
}

static void
on_keyring_available_cb (FtProvidersPage *self,
                         GParamSpec      *pspec,
                         FtSecrets       *secrets)
{
  update_keyring_state (self);
}

static void
on_key_changed_cb (FtProvidersPage *self,
                   const char      *profile_id,
                   FtSecrets       *secrets)
{
  FtProvider *provider = ft_provider_store_lookup (self->store, profile_id);

  if (provider != NULL)
    query_key (self, provider);
}

static void
on_default_provider_cb (FtProvidersPage *self,
                        GParamSpec      *pspec,
                        FtProviderStore *store)
{
  update_rows (self);
}

/* GObject */

static void
ft_providers_page_constructed (GObject *object)
{
  FtProvidersPage *self = (FtProvidersPage *)object;
  g_autoptr(GMenuModel) menu = build_add_menu ();
  GtkWidget *placeholder;

  G_OBJECT_CLASS (ft_providers_page_parent_class)->constructed (object);

  g_return_if_fail (FT_IS_PROVIDER_STORE (self->store));
  g_return_if_fail (FT_IS_SECRETS (self->secrets));

  gtk_menu_button_set_menu_model (self->add_button, menu);

  placeholder = gtk_label_new (_("No providers. Add one to train and compare models."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->store), create_row, self, NULL);

  g_signal_connect_object (self->secrets, "notify::keyring-available",
                           G_CALLBACK (on_keyring_available_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->secrets, "key-changed",
                           G_CALLBACK (on_key_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::default-provider",
                           G_CALLBACK (on_default_provider_cb), self, G_CONNECT_SWAPPED);

  update_keyring_state (self);
}

static void
ft_providers_page_dispose (GObject *object)
{
  FtProvidersPage *self = (FtProvidersPage *)object;

  g_cancellable_cancel (self->cancellable);

  /* The window closes while Undo toasts show: those removals are final,
   * or their keys would stay in the keyring with no profile to own them.
   */
  if (self->removals != NULL)
    {
      g_autoptr(GPtrArray) removals = g_steal_pointer (&self->removals);

      for (guint i = 0; i < removals->len; i++)
        removal_commit (g_ptr_array_index (removals, i));
    }

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_PROVIDERS_PAGE);

  G_OBJECT_CLASS (ft_providers_page_parent_class)->dispose (object);
}

static void
ft_providers_page_finalize (GObject *object)
{
  FtProvidersPage *self = (FtProvidersPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->secrets);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->has_key, g_hash_table_unref);

  G_OBJECT_CLASS (ft_providers_page_parent_class)->finalize (object);
}

static void
ft_providers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FtProvidersPage *self = FT_PROVIDERS_PAGE (object);

  switch (prop_id)
    {
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
ft_providers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FtProvidersPage *self = FT_PROVIDERS_PAGE (object);

  switch (prop_id)
    {
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
ft_providers_page_class_init (FtProvidersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ft_providers_page_constructed;
  object_class->dispose = ft_providers_page_dispose;
  object_class->finalize = ft_providers_page_finalize;
  object_class->get_property = ft_providers_page_get_property;
  object_class->set_property = ft_providers_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         FT_TYPE_PROVIDER_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SECRETS] =
    g_param_spec_object ("secrets", NULL, NULL,
                         FT_TYPE_SECRETS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/preferences/ft-providers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FtProvidersPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, FtProvidersPage, keyring_group);
  gtk_widget_class_bind_template_child (widget_class, FtProvidersPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, FtProvidersPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "providers.add", "s",
                                   ft_providers_page_add_action);

  g_type_ensure (FT_TYPE_PROVIDER_EDITOR);
}

static void
ft_providers_page_init (FtProvidersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->has_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removals = g_ptr_array_new_with_free_func (removal_unref);
}

/**
 * ft_providers_page_new:
 * @store: the profiles
 * @secrets: where keys are kept
 *
 * Returns: (transfer floating): the Providers page of the preferences
 */
FtProvidersPage *
ft_providers_page_new (FtProviderStore *store,
                       FtSecrets       *secrets)
{
  g_return_val_if_fail (FT_IS_PROVIDER_STORE (store), NULL);
  g_return_val_if_fail (FT_IS_SECRETS (secrets), NULL);

  return g_object_new (FT_TYPE_PROVIDERS_PAGE,
                       "store", store,
                       "secrets", secrets,
                       NULL);
}
