/* test-provider-store.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-provider-store.h"

/* Provider profiles persisted in GSettings (the memory backend). */

typedef struct
{
  GSettings *settings;
  guint      n_changes;
} StoreFixture;

static void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
store_fixture_setup (StoreFixture  *fixture,
                     gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "providers");
  g_settings_reset (fixture->settings, "default-provider");
  flush_main_context ();
}

static void
store_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  flush_main_context ();
  g_clear_object (&fixture->settings);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  StoreFixture *fixture = user_data;

  fixture->n_changes++;
}

static guint
n_stored (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "providers");

  return g_variant_n_children (value);
}

static char *
stored_string (GSettings  *settings,
               guint       index,
               const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "providers");
  g_autoptr(GVariant) child = g_variant_get_child_value (value, index);
  g_autoptr(GVariantDict) dict = g_variant_dict_new (child);
  char *s = NULL;

  g_variant_dict_lookup (dict, key, "s", &s);

  return s;
}

static void
test_first_run (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(FtProviderStore) store = NULL;
  g_autoptr(FtProviderStore) again = NULL;
  g_autoptr(FtProviderStore) emptied = NULL;
  g_autoptr(FtProvider) first = NULL;
  g_autofree char *base_url = NULL;

  g_assert_null (g_settings_get_user_value (fixture->settings, "providers"));

  /* Nothing stored ever: one OpenAI profile, stored at once. */
  store = ft_provider_store_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == FT_TYPE_PROVIDER);

  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (ft_provider_get_preset (first), ==, FT_PROVIDER_PRESET_OPENAI);
  g_assert_cmpstr (ft_provider_get_display_name (first), ==, "OpenAI");
  g_assert_cmpstr (ft_provider_get_base_url (first), ==, "https://api.openai.com/v1");
  g_assert_cmpstr (ft_provider_get_new_jobs_end_date (first), ==, "2027-01-06");
  g_assert_true (ft_provider_store_get_default_provider (store) == first);
  g_assert_nonnull (ft_provider_get_id (first));
  g_assert_cmpstr (ft_provider_get_id (first), !=, FT_PROVIDER_PRESET_OPENAI);

  g_assert_cmpuint (n_stored (fixture->settings), ==, 1);
  base_url = stored_string (fixture->settings, 0, "base-url");
  g_assert_cmpstr (base_url, ==, "https://api.openai.com/v1");

  /* A second start reads the same profile back, same id. */
  again = ft_provider_store_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (ft_provider_get_id (ft_provider_store_get_default_provider (again)),
                   ==, ft_provider_get_id (first));

  /* A list the user emptied stays empty. */
  g_assert_true (ft_provider_store_remove (store, first));
  g_assert_cmpuint (n_stored (fixture->settings), ==, 0);
  g_clear_object (&again);
  emptied = ft_provider_store_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (emptied)), ==, 0);
  g_assert_null (ft_provider_store_get_default_provider (emptied));
}

static void
test_presets_and_persistence (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(FtProviderStore) store = ft_provider_store_new (fixture->settings);
  g_autoptr(FtProviderStore) reloaded = NULL;
  const char * const *presets = ft_provider_get_preset_ids ();
  FtProvider *azure;
  FtProvider *second_openai;
  FtProvider *custom;
  FtProvider *read_back;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);

  g_assert_null (ft_provider_store_add_preset (store, "no-such-preset"));
  g_assert_cmpuint (fixture->n_changes, ==, 0);

  azure = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_AZURE);
  second_openai = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_OPENAI);
  custom = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_CUSTOM);
  g_assert_cmpuint (fixture->n_changes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  g_assert_cmpuint (n_stored (fixture->settings), ==, 4);

  /* Every preset can be added. */
  for (guint i = 0; presets[i] != NULL; i++)
    {
      FtProvider *provider = ft_provider_store_add_preset (store, presets[i]);

      g_assert_nonnull (provider);
      g_assert_cmpstr (ft_provider_get_preset (provider), ==, presets[i]);
      g_assert_true (ft_provider_store_remove (store, provider));
    }

  /* Names and ids stay unique. */
  g_assert_cmpstr (ft_provider_get_display_name (second_openai), ==, "OpenAI 2");
  g_assert_cmpstr (ft_provider_get_id (second_openai), !=,
                   ft_provider_get_id (ft_provider_store_get_default_provider (store)));
  g_assert_true (ft_provider_store_find (store, "openai 2") == second_openai);
  g_assert_true (ft_provider_store_find (store, ft_provider_get_id (azure)) == azure);
  g_assert_true (ft_provider_store_lookup (store, ft_provider_get_id (custom)) == custom);
  g_assert_null (ft_provider_store_find (store, "Nobody"));

  /* Edits through the profile's own setters are written from an idle. */
  ft_provider_set_base_url (azure, "https://contoso.openai.azure.com/openai/");
  ft_provider_set_api_version (azure, "2025-04-01-preview");
  ft_provider_set_display_name (custom, "Lab server");
  ft_provider_set_base_url (custom, "http://127.0.0.1:8080/v1");
  ft_provider_set_organization (second_openai, "org-123");
  ft_provider_set_project (second_openai, "proj_456");
  flush_main_context ();

  reloaded = ft_provider_store_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 4);

  read_back = g_list_model_get_item (G_LIST_MODEL (reloaded), 1);
  g_assert_cmpstr (ft_provider_get_id (read_back), ==, ft_provider_get_id (azure));
  g_assert_cmpstr (ft_provider_get_base_url (read_back),
                   ==, "https://contoso.openai.azure.com/openai");
  g_assert_cmpstr (ft_provider_get_api_version (read_back), ==, "2025-04-01-preview");
  g_assert_cmpint (ft_provider_get_auth_style (read_back), ==, FT_AUTH_STYLE_AZURE);
  g_object_unref (read_back);

  read_back = ft_provider_store_find (reloaded, "OpenAI 2");
  g_assert_nonnull (read_back);
  g_assert_cmpstr (ft_provider_get_organization (read_back), ==, "org-123");
  g_assert_cmpstr (ft_provider_get_project (read_back), ==, "proj_456");
  g_assert_true (ft_provider_has_capability (read_back, FT_PROVIDER_CAP_PAUSE_RESUME));

  read_back = ft_provider_store_find (reloaded, "lab server");
  g_assert_nonnull (read_back);
  g_assert_cmpstr (ft_provider_get_base_url (read_back), ==, "http://127.0.0.1:8080/v1");
  g_assert_cmpstr (ft_provider_get_preset (read_back), ==, FT_PROVIDER_PRESET_CUSTOM);
}

static void
test_remove_and_undo (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(FtProviderStore) store = ft_provider_store_new (fixture->settings);
  g_autoptr(FtProvider) nebius = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored_default = NULL;
  FtProvider *openai = ft_provider_store_get_default_provider (store);
  guint position = G_MAXUINT;

  nebius = g_object_ref (ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_NEBIUS));
  ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_OLLAMA);
  id = g_strdup (ft_provider_get_id (nebius));

  ft_provider_store_set_default_provider (store, nebius);
  stored_default = g_settings_get_string (fixture->settings, "default-provider");
  g_assert_cmpstr (stored_default, ==, id);

  g_assert_true (ft_provider_store_find_position (store, nebius, &position));
  g_assert_cmpuint (position, ==, 1);

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
  g_assert_true (ft_provider_store_remove (store, nebius));
  g_assert_false (ft_provider_store_remove (store, nebius));
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (n_stored (fixture->settings), ==, 2);

  /* The default falls back to the first profile. */
  g_assert_true (ft_provider_store_get_default_provider (store) == openai);

  /* Undo puts the same profile back in its place, with its id (which
   * keys its secret) and as the default again.
   */
  ft_provider_store_insert (store, position, nebius);
  g_assert_cmpuint (fixture->n_changes, ==, 2);
  g_assert_true (ft_provider_store_find_position (store, nebius, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpstr (ft_provider_get_id (nebius), ==, id);
  g_assert_true (ft_provider_store_get_default_provider (store) == nebius);
  g_assert_cmpuint (n_stored (fixture->settings), ==, 3);

  /* A profile added with a taken id gets a fresh one. */
  {
    g_autoptr(FtProvider) copy = ft_provider_copy (nebius);

    ft_provider_store_add (store, copy);
    g_assert_cmpstr (ft_provider_get_id (copy), !=, id);
    g_assert_nonnull (ft_provider_get_id (copy));
  }

  ft_provider_store_set_default_provider (store, NULL);
  g_assert_true (ft_provider_store_get_default_provider (store) == openai);
}

static void
test_external_change (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(FtProviderStore) mine = ft_provider_store_new (fixture->settings);
  g_autoptr(GSettings) other_settings = g_settings_new (APP_ID);
  g_autoptr(FtProviderStore) theirs = ft_provider_store_new (other_settings);
  FtProvider *my_openai = ft_provider_store_get_default_provider (mine);
  FtProvider *their_openai = ft_provider_store_get_default_provider (theirs);
  FtProvider *added;

  g_assert_cmpstr (ft_provider_get_id (my_openai), ==, ft_provider_get_id (their_openai));

  /* Another instance renames the profile: this one updates the very object
   * views are bound to.
   */
  ft_provider_set_display_name (their_openai, "OpenAI (work)");
  ft_provider_store_save (theirs);
  flush_main_context ();
  g_assert_true (ft_provider_store_get_default_provider (mine) == my_openai);
  g_assert_cmpstr (ft_provider_get_display_name (my_openai), ==, "OpenAI (work)");

  added = ft_provider_store_add_preset (theirs, FT_PROVIDER_PRESET_VLLM);
  flush_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, 2);
  g_assert_nonnull (ft_provider_store_lookup (mine, ft_provider_get_id (added)));
  g_assert_true (ft_provider_store_get_default_provider (mine) == my_openai);
}

static void
test_unreadable_kept (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(FtProviderStore) store = NULL;
  g_autoptr(FtProvider) good = ft_provider_new_from_preset (FT_PROVIDER_PRESET_NEBIUS);
  g_autofree char *name = NULL;
  GVariantBuilder list;
  GVariantBuilder broken;

  /* A profile without a base URL, as a future version might write. */
  g_variant_builder_init (&broken, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&broken, "{sv}", "id", g_variant_new_string ("from-the-future"));
  g_variant_builder_add (&broken, "{sv}", "display-name", g_variant_new_string ("Future"));
  g_variant_builder_add (&broken, "{sv}", "endpoint", g_variant_new_string ("https://example.com"));

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&list, ft_provider_to_variant (good));
  g_variant_builder_add_value (&list, g_variant_builder_end (&broken));
  g_settings_set_value (fixture->settings, "providers", g_variant_builder_end (&list));

  store = ft_provider_store_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* Writing the list back keeps what could not be read. */
  ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_OPENAI);
  g_assert_cmpuint (n_stored (fixture->settings), ==, 3);
  name = stored_string (fixture->settings, 2, "display-name");
  g_assert_cmpstr (name, ==, "Future");
}

static void
test_finalize (StoreFixture  *fixture,
               gconstpointer  data)
{
  FtProviderStore *store = ft_provider_store_new (fixture->settings);
  FtProvider *provider = ft_provider_store_get_default_provider (store);
  g_autoptr(FtProviderStore) reloaded = NULL;

  /* An edit still pending in the idle is written when the store goes. */
  ft_provider_set_display_name (provider, "Renamed just before quitting");
  g_assert_finalize_object (store);

  reloaded = ft_provider_store_new (fixture->settings);
  g_assert_cmpstr (ft_provider_get_display_name (ft_provider_store_get_default_provider (reloaded)),
                   ==, "Renamed just before quitting");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)

  ADD ("/ft/provider-store/first-run", test_first_run);
  ADD ("/ft/provider-store/presets-and-persistence", test_presets_and_persistence);
  ADD ("/ft/provider-store/remove-and-undo", test_remove_and_undo);
  ADD ("/ft/provider-store/external-change", test_external_change);
  ADD ("/ft/provider-store/unreadable-kept", test_unreadable_kept);
  ADD ("/ft/provider-store/finalize", test_finalize);

#undef ADD

  return g_test_run ();
}
