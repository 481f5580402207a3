/* ft-provider-store.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-provider-store"

#include "config.h"

#include "ft-provider-store.h"

/* The provider profiles, as a GListModel of FtProvider kept in GSettings:
 * the `providers` key holds one ft_provider_to_variant() dictionary per
 * profile, `default-provider` the id of the default one. API keys are
 * never here; FtSecrets keeps them under the profile id.
 *
 * Every change is written back: adding, removing and moving at once, edits
 * of a profile's properties (which views bind to directly) from an idle,
 * so that typing a name does not write on every key press. Changes made by
 * another instance arrive through GSettings::changed and update the same
 * objects in place.
 *
 * A stored profile that this version cannot read is kept aside and written
 * back unchanged, so that nothing typed is lost to a downgrade.
 */
struct _FtProviderStore
{
  GObject     parent_instance;

  GSettings  *settings;
  GPtrArray  *providers;
  GPtrArray  *unreadable;
  GVariant   *last_written;
  char       *default_id;
  guint       save_source;
  gboolean    loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FtProviderStore, ft_provider_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DEFAULT_PROVIDER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
write_now (FtProviderStore *self)
{
  g_autoptr(GVariant) value = NULL;
  GVariantBuilder builder;

  g_assert (FT_IS_PROVIDER_STORE (self));

  g_clear_handle_id (&self->save_source, g_source_remove);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < self->providers->len; i++)
    {
      FtProvider *provider = g_ptr_array_index (self->providers, i);

      g_variant_builder_add_value (&builder, ft_provider_to_variant (provider));
    }
  for (guint i = 0; i < self->unreadable->len; i++)
    g_variant_builder_add_value (&builder, g_ptr_array_index (self->unreadable, i));
  value = g_variant_ref_sink (g_variant_builder_end (&builder));

  if (self->last_written != NULL && g_variant_equal (self->last_written, value))
    return;

  g_clear_pointer (&self->last_written, g_variant_unref);
  self->last_written = g_variant_ref (value);
  g_settings_set_value (self->settings, "providers", value);
}

static gboolean
save_cb (gpointer user_data)
{
  FtProviderStore *self = user_data;

  self->save_source = 0;
  write_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (FtProviderStore *self)
{
  g_assert (FT_IS_PROVIDER_STORE (self));

  if (self->loading || self->save_source != 0)
    return;

  self->save_source = g_idle_add (save_cb, self);
}

static void
on_provider_notify_cb (FtProviderStore *self,
                       GParamSpec      *pspec,
                       FtProvider      *provider)
{
  schedule_save (self);
}

static gboolean
id_is_taken (FtProviderStore *self,
             const char      *id)
{
  return ft_provider_store_lookup (self, id) != NULL;
}

static void
ensure_unique_id (FtProviderStore *self,
                  FtProvider      *provider)
{
  const char *id = ft_provider_get_id (provider);

  if (id == NULL || id[0] == '\0' || id_is_taken (self, id))
    {
      g_autofree char *fresh = g_uuid_string_random ();

      ft_provider_set_id (provider, fresh);
    }
}

static void
watch_provider (FtProviderStore *self,
                FtProvider      *provider)
{
  g_signal_connect_object (provider, "notify",
                           G_CALLBACK (on_provider_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch_provider (FtProviderStore *self,
                  FtProvider      *provider)
{
  g_signal_handlers_disconnect_by_func (provider, on_provider_notify_cb, self);
}

static void
unref_provider (gpointer data)
{
  g_object_unref (data);
}

/* Copies the editable state of @from into @into, emitting notify only for
 * what changed.
 */
static void
copy_into (FtProvider *into,
           FtProvider *from)
{
  g_object_freeze_notify (G_OBJECT (into));
  ft_provider_set_display_name (into, ft_provider_get_display_name (from));
  ft_provider_set_base_url (into, ft_provider_get_base_url (from));
  ft_provider_set_auth_style (into, ft_provider_get_auth_style (from));
  ft_provider_set_api_version (into, ft_provider_get_api_version (from));
  ft_provider_set_organization (into, ft_provider_get_organization (from));
  ft_provider_set_project (into, ft_provider_get_project (from));
  ft_provider_set_capabilities (into, ft_provider_get_capabilities (from));
  ft_provider_set_price_table (into, ft_provider_get_price_table (from));
  ft_provider_set_new_jobs_end_date (into, ft_provider_get_new_jobs_end_date (from));
  g_object_thaw_notify (G_OBJECT (into));
}

/* Reads the `providers` key into @providers and @unreadable. */
static void
read_stored (FtProviderStore *self,
             GVariant        *value,
             GPtrArray       *providers,
             GPtrArray       *unreadable)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FtProvider) provider = ft_provider_new_from_variant (child, &error);
      const char *id;

      if (provider == NULL)
        {
          g_debug ("Keeping a stored profile aside: %s", error->message);
          g_ptr_array_add (unreadable, child);
          continue;
        }
      g_variant_unref (child);

      /* Ids key the secrets, so each must be unique; a hand-edited copy
       * gets a fresh one.
       */
      id = ft_provider_get_id (provider);
      if (id == NULL || id[0] == '\0' || g_hash_table_contains (ids, id))
        {
          g_autofree char *fresh = g_uuid_string_random ();

          ft_provider_set_id (provider, fresh);
        }
      g_hash_table_add (ids, (gpointer)ft_provider_get_id (provider));
      g_ptr_array_add (providers, g_steal_pointer (&provider));
    }
}

static void
reload (FtProviderStore *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "providers");
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (unref_provider);
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GPtrArray) old = NULL;
  guint n_old;

  g_assert (FT_IS_PROVIDER_STORE (self));

  if (self->last_written != NULL && g_variant_equal (self->last_written, value))
    return;

  unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  read_stored (self, value, fresh, unreadable);

  self->loading = TRUE;

  /* Keep the objects views are bound to: update them in place. */
  for (guint i = 0; i < fresh->len; i++)
    {
      FtProvider *stored = g_ptr_array_index (fresh, i);
      FtProvider *existing = ft_provider_store_lookup (self, ft_provider_get_id (stored));

      if (existing != NULL &&
          g_strcmp0 (ft_provider_get_preset (existing), ft_provider_get_preset (stored)) == 0)
        {
          copy_into (existing, stored);
          g_ptr_array_index (fresh, i) = g_object_ref (existing);
          g_object_unref (stored);
        }
    }

  old = g_steal_pointer (&self->providers);
  n_old = old->len;
  for (guint i = 0; i < old->len; i++)
    unwatch_provider (self, g_ptr_array_index (old, i));

  self->providers = g_steal_pointer (&fresh);
  for (guint i = 0; i < self->providers->len; i++)
    watch_provider (self, g_ptr_array_index (self->providers, i));

  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  self->unreadable = g_steal_pointer (&unreadable);

  g_clear_pointer (&self->last_written, g_variant_unref);
  self->last_written = g_variant_ref (value);

  self->loading = FALSE;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->providers->len);
  if (n_old != self->providers->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEFAULT_PROVIDER]);
}

static void
on_providers_changed_cb (FtProviderStore *self,
                         const char      *key,
                         GSettings       *settings)
{
  reload (self);
}

static void
on_default_changed_cb (FtProviderStore *self,
                       const char      *key,
                       GSettings       *settings)
{
  g_autofree char *id = g_settings_get_string (settings, "default-provider");

  if (g_strcmp0 (id, self->default_id) == 0)
    return;

  g_free (self->default_id);
  self->default_id = g_steal_pointer (&id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEFAULT_PROVIDER]);
}

/* GListModel */

static GType
ft_provider_store_get_item_type (GListModel *model)
{
  return FT_TYPE_PROVIDER;
}

static guint
ft_provider_store_get_n_items (GListModel *model)
{
  return FT_PROVIDER_STORE (model)->providers->len;
}

static gpointer
ft_provider_store_get_item (GListModel *model,
                            guint       position)
{
  FtProviderStore *self = FT_PROVIDER_STORE (model);

  if (position >= self->providers->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->providers, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ft_provider_store_get_item_type;
  iface->get_n_items = ft_provider_store_get_n_items;
  iface->get_item = ft_provider_store_get_item;
}

static void
ft_provider_store_constructed (GObject *object)
{
  FtProviderStore *self = (FtProviderStore *)object;
  g_autoptr(GVariant) user_value = NULL;

  G_OBJECT_CLASS (ft_provider_store_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  self->default_id = g_settings_get_string (self->settings, "default-provider");
  g_signal_connect_object (self->settings, "changed::providers",
                           G_CALLBACK (on_providers_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::default-provider",
                           G_CALLBACK (on_default_changed_cb), self,
                           G_CONNECT_SWAPPED);

  reload (self);

  /* First run: offer OpenAI, without a key. A list the user emptied is
   * stored as such and stays empty.
   */
  user_value = g_settings_get_user_value (self->settings, "providers");
  if (user_value == NULL && self->providers->len == 0)
    ft_provider_store_add_preset (self, FT_PROVIDER_PRESET_OPENAI);
}

static void
ft_provider_store_dispose (GObject *object)
{
  FtProviderStore *self = (FtProviderStore *)object;

  if (self->save_source != 0)
    write_now (self);

  for (guint i = 0; self->providers != NULL && i < self->providers->len; i++)
    unwatch_provider (self, g_ptr_array_index (self->providers, i));

  G_OBJECT_CLASS (ft_provider_store_parent_class)->dispose (object);
}

static void
ft_provider_store_finalize (GObject *object)
{
  FtProviderStore *self = (FtProviderStore *)object;

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  g_clear_pointer (&self->last_written, g_variant_unref);
  g_clear_pointer (&self->default_id, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ft_provider_store_parent_class)->finalize (object);
}

static void
ft_provider_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FtProviderStore *self = FT_PROVIDER_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_DEFAULT_PROVIDER:
      g_value_set_object (value, ft_provider_store_get_default_provider (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->providers->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_provider_store_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FtProviderStore *self = FT_PROVIDER_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DEFAULT_PROVIDER:
      ft_provider_store_set_default_provider (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_provider_store_class_init (FtProviderStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ft_provider_store_constructed;
  object_class->dispose = ft_provider_store_dispose;
  object_class->finalize = ft_provider_store_finalize;
  object_class->get_property = ft_provider_store_get_property;
  object_class->set_property = ft_provider_store_set_property;

  /**
   * FtProviderStore:settings:
   *
   * The application settings, with the `providers` and
   * `default-provider` keys.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProviderStore:default-provider:
   *
   * The profile used when none is chosen: the one named by the
   * `default-provider` key, else the first, else %NULL.
   */
  properties [PROP_DEFAULT_PROVIDER] =
    g_param_spec_object ("default-provider", NULL, NULL,
                         FT_TYPE_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_provider_store_init (FtProviderStore *self)
{
  self->providers = g_ptr_array_new_with_free_func (unref_provider);
  self->unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
}

/**
 * ft_provider_store_new:
 * @settings: settings of the application schema
 *
 * Loads the stored profiles. On the very first run (nothing ever stored)
 * the store starts with an OpenAI profile without a key.
 *
 * Returns: (transfer full): the store
 */
FtProviderStore *
ft_provider_store_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (FT_TYPE_PROVIDER_STORE,
                       "settings", settings,
                       NULL);
}

/**
 * ft_provider_store_get_settings:
 * @self: a #FtProviderStore
 *
 * Returns: (transfer none): the settings the profiles are kept in
 */
GSettings *
ft_provider_store_get_settings (FtProviderStore *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), NULL);

  return self->settings;
}

/**
 * ft_provider_store_get_default_provider:
 * @self: a #FtProviderStore
 *
 * Returns: (transfer none) (nullable): the default profile, or %NULL when
 *   there are no profiles
 */
FtProvider *
ft_provider_store_get_default_provider (FtProviderStore *self)
{
  FtProvider *provider = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), NULL);

  if (self->default_id != NULL && self->default_id[0] != '\0')
    provider = ft_provider_store_lookup (self, self->default_id);

  if (provider == NULL && self->providers->len > 0)
    provider = g_ptr_array_index (self->providers, 0);

  return provider;
}

/**
 * ft_provider_store_set_default_provider:
 * @self: a #FtProviderStore
 * @provider: (nullable): a profile of the store, or %NULL for the first
 */
void
ft_provider_store_set_default_provider (FtProviderStore *self,
                                        FtProvider      *provider)
{
  const char *id = NULL;

  g_return_if_fail (FT_IS_PROVIDER_STORE (self));
  g_return_if_fail (provider == NULL || FT_IS_PROVIDER (provider));

  if (provider != NULL)
    {
      g_return_if_fail (ft_provider_store_find_position (self, provider, NULL));
      id = ft_provider_get_id (provider);
    }

  if (g_strcmp0 (id ? id : "", self->default_id ? self->default_id : "") == 0)
    return;

  g_free (self->default_id);
  self->default_id = g_strdup (id ? id : "");
  g_settings_set_string (self->settings, "default-provider", self->default_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEFAULT_PROVIDER]);
}

/**
 * ft_provider_store_lookup:
 * @self: a #FtProviderStore
 * @id: a profile id
 *
 * Returns: (transfer none) (nullable): the profile with @id
 */
FtProvider *
ft_provider_store_lookup (FtProviderStore *self,
                          const char      *id)
{
  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->providers->len; i++)
    {
      FtProvider *provider = g_ptr_array_index (self->providers, i);

      if (g_strcmp0 (ft_provider_get_id (provider), id) == 0)
        return provider;
    }

  return NULL;
}

/**
 * ft_provider_store_find:
 * @self: a #FtProviderStore
 * @name_or_id: a profile id, or a display name in any letter case
 *
 * Finds a profile the way a person names it (`exemplar-cli --profile`).
 *
 * Returns: (transfer none) (nullable): the profile with that id, else the
 *   first with that name
 */
FtProvider *
ft_provider_store_find (FtProviderStore *self,
                        const char      *name_or_id)
{
  g_autofree char *wanted = NULL;
  FtProvider *provider;

  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  provider = ft_provider_store_lookup (self, name_or_id);
  if (provider != NULL)
    return provider;

  wanted = g_utf8_casefold (name_or_id, -1);
  for (guint i = 0; i < self->providers->len; i++)
    {
      const char *name;
      g_autofree char *folded = NULL;

      provider = g_ptr_array_index (self->providers, i);
      name = ft_provider_get_display_name (provider);
      if (name == NULL)
        continue;

      folded = g_utf8_casefold (name, -1);
      if (g_strcmp0 (folded, wanted) == 0)
        return provider;
    }

  return NULL;
}

/**
 * ft_provider_store_find_position:
 * @self: a #FtProviderStore
 * @provider: a profile
 * @position: (out) (optional): where @provider is
 *
 * Returns: whether @provider is in the store
 */
gboolean
ft_provider_store_find_position (FtProviderStore *self,
                                 FtProvider      *provider,
                                 guint           *position)
{
  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), FALSE);
  g_return_val_if_fail (FT_IS_PROVIDER (provider), FALSE);

  return g_ptr_array_find (self->providers, provider, position);
}

static char *
unique_display_name (FtProviderStore *self,
                     const char      *name)
{
  if (ft_provider_store_find (self, name) == NULL)
    return g_strdup (name);

  for (guint n = 2; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s %u", name, n);

      if (ft_provider_store_find (self, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}

/**
 * ft_provider_store_add_preset:
 * @self: a #FtProviderStore
 * @preset: one of ft_provider_get_preset_ids()
 *
 * Adds a new profile filled from a built-in preset, with a fresh id and a
 * display name no other profile has ("OpenAI 2").
 *
 * Returns: (transfer none) (nullable): the new profile, or %NULL when
 *   @preset is unknown
 */
FtProvider *
ft_provider_store_add_preset (FtProviderStore *self,
                              const char      *preset)
{
  g_autoptr(FtProvider) provider = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), NULL);
  g_return_val_if_fail (preset != NULL, NULL);

  provider = ft_provider_new_from_preset (preset);
  if (provider == NULL)
    return NULL;

  /* A fresh id, so that a profile never inherits the key of a deleted
   * one.
   */
  id = g_uuid_string_random ();
  ft_provider_set_id (provider, id);
  name = unique_display_name (self, ft_provider_get_display_name (provider));
  ft_provider_set_display_name (provider, name);

  ft_provider_store_add (self, provider);

  return provider;
}

/**
 * ft_provider_store_add:
 * @self: a #FtProviderStore
 * @provider: a profile
 *
 * Appends @provider. It gets a fresh id when it has none or its id is
 * already taken.
 */
void
ft_provider_store_add (FtProviderStore *self,
                       FtProvider      *provider)
{
  g_return_if_fail (FT_IS_PROVIDER_STORE (self));
  g_return_if_fail (FT_IS_PROVIDER (provider));

  ft_provider_store_insert (self, self->providers->len, provider);
}

/**
 * ft_provider_store_insert:
 * @self: a #FtProviderStore
 * @position: where to insert; past the end appends
 * @provider: a profile that is not in the store
 *
 * Inserts @provider, for example to undo ft_provider_store_remove().
 */
void
ft_provider_store_insert (FtProviderStore *self,
                          guint            position,
                          FtProvider      *provider)
{
  g_return_if_fail (FT_IS_PROVIDER_STORE (self));
  g_return_if_fail (FT_IS_PROVIDER (provider));
  g_return_if_fail (!ft_provider_store_find_position (self, provider, NULL));

  position = MIN (position, self->providers->len);
  ensure_unique_id (self, provider);

  g_ptr_array_insert (self->providers, position, g_object_ref (provider));
  watch_provider (self, provider);
  write_now (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
  if (position == 0 || g_strcmp0 (self->default_id, ft_provider_get_id (provider)) == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEFAULT_PROVIDER]);
}

/**
 * ft_provider_store_remove:
 * @self: a #FtProviderStore
 * @provider: a profile of the store
 *
 * Removes @provider. Its key stays in the keyring: the caller clears it
 * with ft_secrets_clear_async() once the removal cannot be undone.
 *
 * Returns: whether @provider was in the store
 */
gboolean
ft_provider_store_remove (FtProviderStore *self,
                          FtProvider      *provider)
{
  g_autoptr(FtProvider) removed = NULL;
  gboolean was_default;
  guint position;

  g_return_val_if_fail (FT_IS_PROVIDER_STORE (self), FALSE);
  g_return_val_if_fail (FT_IS_PROVIDER (provider), FALSE);

  if (!g_ptr_array_find (self->providers, provider, &position))
    return FALSE;

  was_default = ft_provider_store_get_default_provider (self) == provider;

  unwatch_provider (self, provider);
  removed = g_ptr_array_steal_index (self->providers, position);
  write_now (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
  if (was_default)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEFAULT_PROVIDER]);

  return TRUE;
}

/**
 * ft_provider_store_save:
 * @self: a #FtProviderStore
 *
 * Writes pending edits of profiles now instead of from an idle.
 */
void
ft_provider_store_save (FtProviderStore *self)
{
  g_return_if_fail (FT_IS_PROVIDER_STORE (self));

  write_now (self);
}
