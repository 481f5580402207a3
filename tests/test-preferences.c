/* test-preferences.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-application.h"
#include "ft-emulator.h"
#include "ft-preferences-window.h"
#include "ft-provider-editor.h"
#include "ft-provider-store.h"
#include "ft-providers-page.h"
#include "ft-secrets.h"

#include <adwaita.h>
#include <string.h>

#include "ft-ui-test-utils.h"

/* Preferences → Providers under Xvfb, on the private bus and throw-away
 * keyring of tests/run-with-keyring.sh, against the emulator.
 */

#define TEST_KEY "sk-test-prefs-a1b2c3d4e5"

typedef struct
{
  GSettings           *settings;
  FtProviderStore     *store;
  FtSecrets           *secrets;
  FtEmulator          *emulator;
  FtPreferencesWindow *window;
} PrefsFixture;

static void
prefs_fixture_setup (PrefsFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "providers");
  g_settings_reset (fixture->settings, "default-provider");
  fixture->store = ft_provider_store_new (fixture->settings);
  fixture->secrets = ft_secrets_new ();
  ft_secrets_set_timeout (fixture->secrets, 20000);

  fixture->emulator = ft_emulator_new ();
  ft_emulator_start (fixture->emulator, 0, &error);
  g_assert_no_error (error);
  ft_emulator_set_api_key (fixture->emulator, TEST_KEY);

  fixture->window = ft_preferences_window_new (fixture->settings, fixture->store, fixture->secrets);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 720);
  ft_preferences_window_show_providers (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
prefs_fixture_teardown (PrefsFixture  *fixture,
                        gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  ft_test_iterate_main_context (10);
  g_clear_object (&fixture->emulator);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->settings);
}

/* Helpers */

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The list of profiles (groups have list boxes of their own). */
static GtkWidget *
find_provider_list (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root))
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            "Providers");

      if (mismatch == NULL)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_provider_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_rows (GtkWidget *list_box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      n++;

  return n;
}

static void
assert_all_labelled (GtkWidget *root)
{
  g_autoptr(GPtrArray) unlabelled = ft_test_find_unlabelled_controls (root);

  for (guint i = 0; i < unlabelled->len; i++)
    g_printerr ("Unlabelled control: %s\n", G_OBJECT_TYPE_NAME (g_ptr_array_index (unlabelled, i)));
  g_assert_cmpuint (unlabelled->len, ==, 0);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return ft_test_find_label_with_text (wait->root, wait->text) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait wait = { root, text };

  if (!ft_test_wait_until (label_shown, &wait, 20000))
    g_error ("The label “%s” did not show", text);
}

static gboolean
group_says (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (wait->root)),
                    wait->text) == 0;
}

static GtkWidget *
find_key_group (GtkWidget *editor)
{
  GtkWidget *key_row = ft_test_find_widget_by_type (editor, ADW_TYPE_PASSWORD_ENTRY_ROW);

  g_assert_nonnull (key_row);
  return gtk_widget_get_ancestor (key_row, ADW_TYPE_PREFERENCES_GROUP);
}

static void
wait_for_key_status (GtkWidget  *editor,
                     const char *status)
{
  LabelWait wait = { find_key_group (editor), status };

  if (!ft_test_wait_until (group_says, &wait, 20000))
    g_error ("The key status did not become “%s” but stayed “%s”", status,
             adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (wait.root)));
}

static GtkWidget *
open_editor (PrefsFixture *fixture)
{
  GtkWidget *editor;

  ft_test_iterate_main_context (50);
  editor = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window), FT_TYPE_PROVIDER_EDITOR);
  g_assert_nonnull (editor);

  return editor;
}

static void
enter_key (GtkWidget  *editor,
           const char *key)
{
  GtkWidget *key_row = ft_test_find_widget_by_type (editor, ADW_TYPE_PASSWORD_ENTRY_ROW);

  gtk_editable_set_text (GTK_EDITABLE (key_row), key);
  g_signal_emit_by_name (key_row, "apply");
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The editor of @provider (a closed one may linger during the transition). */
static GtkWidget *
find_editor (GtkWidget  *root,
             FtProvider *provider)
{
  if (FT_IS_PROVIDER_EDITOR (root) &&
      ft_provider_editor_get_provider (FT_PROVIDER_EDITOR (root)) == provider)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_editor (child, provider);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *accessible_label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_visible (root))
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            accessible_label);
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      g_autoptr(GString) shown = g_string_new (label);

      /* A labelled button (in a toast, say) is named by its text. */
      g_string_replace (shown, "_", "", 0);
      if (mismatch == NULL || (label != NULL && g_str_equal (shown->str, accessible_label)))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, accessible_label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  FtProvider *provider;
} EditorWait;

static gboolean
editor_gone (gpointer data)
{
  EditorWait *wait = data;

  return find_editor (wait->root, wait->provider) == NULL;
}

/* Waits for the subpage transition to end, as a person would. */
static void
wait_for_editor_gone (PrefsFixture *fixture,
                      FtProvider   *provider)
{
  EditorWait wait = { GTK_WIDGET (fixture->window), provider };

  g_assert_true (ft_test_wait_until (editor_gone, &wait, 10000));
}

static void
click (GtkWidget  *root,
       const char *accessible_label)
{
  GtkWidget *button = find_button (root, accessible_label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  FtSecrets  *secrets;
  const char *id;
} KeyWait;

static gboolean
key_gone (gpointer data)
{
  KeyWait *wait = data;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_key;

  ft_secrets_has_key_async (wait->secrets, wait->id, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  has_key = ft_secrets_has_key_finish (wait->secrets, result, &error);

  /* A search while the keyring deletes the item may fail: ask again. */
  return error == NULL && !has_key;
}

/* Adds a Nebius profile and stores a key for it; returns its editor. */
static GtkWidget *
add_nebius_with_key (PrefsFixture  *fixture,
                     char         **id)
{
  GtkWidget *page = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window),
                                                 FT_TYPE_PROVIDERS_PAGE);
  GtkWidget *editor;
  FtProvider *provider;

  g_assert_true (gtk_widget_activate_action (page, "providers.add", "s",
                                             FT_PROVIDER_PRESET_NEBIUS));
  editor = open_editor (fixture);
  provider = ft_provider_editor_get_provider (FT_PROVIDER_EDITOR (editor));
  *id = g_strdup (ft_provider_get_id (provider));
  enter_key (editor, TEST_KEY);
  wait_for_key_status (editor, "Stored in the keyring.");

  return editor;
}

/* Tests */

static void
test_page (PrefsFixture  *fixture,
           gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *list_box;
  GtkWidget *row;

  page = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window), FT_TYPE_PROVIDERS_PAGE);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (fixture->window)),
                   ==, "providers");

  /* The first run's OpenAI profile, without a key. */
  list_box = find_provider_list (page);
  g_assert_nonnull (list_box);
  g_assert_cmpuint (count_rows (list_box), ==, 1);
  row = find_row (list_box, ADW_TYPE_ACTION_ROW, "OpenAI");
  g_assert_nonnull (row);
  wait_for_label (row, "https://api.openai.com/v1 · No key");
  g_assert_nonnull (ft_test_find_label_with_text (row, "Default"));

  g_assert_nonnull (ft_test_find_widget_by_label (page, "Add Provider"));
  assert_all_labelled (GTK_WIDGET (fixture->window));

  /* Adding from a preset shows the new profile's editor at once. */
  g_assert_true (gtk_widget_activate_action (page, "providers.add", "s", FT_PROVIDER_PRESET_AZURE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
  g_assert_cmpuint (count_rows (list_box), ==, 2);
  g_assert_nonnull (find_row (list_box, ADW_TYPE_ACTION_ROW, "Azure OpenAI"));
  open_editor (fixture);
}

static void
test_add_key_and_test (PrefsFixture  *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window),
                                                 FT_TYPE_PROVIDERS_PAGE);
  g_autofree char *base_url = ft_emulator_dup_base_url (fixture->emulator);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *editor;
  GtkWidget *key_row;
  GtkWidget *name_row;
  GtkWidget *url_row;
  FtProvider *provider;

  g_assert_true (gtk_widget_activate_action (page, "providers.add", "s",
                                             FT_PROVIDER_PRESET_CUSTOM));
  editor = open_editor (fixture);
  provider = ft_provider_editor_get_provider (FT_PROVIDER_EDITOR (editor));
  assert_all_labelled (editor);

  name_row = find_row (editor, ADW_TYPE_ENTRY_ROW, "_Name");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Lab");
  g_assert_cmpstr (ft_provider_get_display_name (provider), ==, "Lab");

  /* A plain-HTTP address of another machine is refused in place. */
  url_row = find_row (editor, ADW_TYPE_ENTRY_ROW, "_Base URL");
  g_assert_nonnull (url_row);
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://lab.example.com/v1");
  wait_for_label (editor,
                  "Exemplar will not send your API key to “lab.example.com” over an unencrypted "
                  "connection. Use an https:// address; plain http:// is only allowed for servers "
                  "on this computer.");
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (url_row), base_url);
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_cmpstr (ft_provider_get_base_url (provider), ==, base_url);

  /* The key goes into the keyring, and the entry forgets it. */
  wait_for_key_status (editor, "No key stored yet. Paste the key from the provider’s website "
                               "and press Enter.");
  enter_key (editor, TEST_KEY);
  wait_for_key_status (editor, "Stored in the keyring.");
  g_assert_true (ft_secrets_get_keyring_available (fixture->secrets));
  key_row = ft_test_find_widget_by_type (editor, ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");

  ft_secrets_lookup_async (fixture->secrets, ft_provider_get_id (provider), NULL,
                           store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  stored = ft_secrets_lookup_finish (fixture->secrets, result, NULL);
  g_assert_cmpstr (stored, ==, TEST_KEY);

  /* Test Connection: GET /models with the stored key. */
  click (editor, "Test Connection");
  wait_for_label (editor, "Connected: 3 models");
  g_assert_cmpstr (ft_emulator_get_last_header (fixture->emulator, "Authorization"),
                   ==, "Bearer " TEST_KEY);

  /* A wrong key: the server's own words, never the key. */
  enter_key (editor, "sk-not-the-right-one");
  wait_for_key_status (editor, "Stored in the keyring.");
  click (editor, "Test Connection");
  wait_for_label (editor,
                  "The API key was rejected (HTTP 401): Incorrect API key provided: [API key]. "
                  "You can find your API key at https://platform.openai.com/account/api-keys.");

  /* Back on the list, the row says a key is stored. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.back", NULL));
  ft_test_iterate_main_context (50);
  {
    GtkWidget *row = find_row (page, ADW_TYPE_ACTION_ROW, "Lab");
    g_autofree char *subtitle = g_strdup_printf ("%s · Key in the keyring", base_url);

    g_assert_nonnull (row);
    wait_for_label (row, subtitle);
  }
}

static void
test_remove_and_undo (PrefsFixture  *fixture,
                      gconstpointer  data)
{
  GtkWidget *page = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window),
                                                 FT_TYPE_PROVIDERS_PAGE);
  g_autofree char *id = NULL;
  GtkWidget *editor = add_nebius_with_key (fixture, &id);

  g_assert_true (gtk_widget_activate_action (editor, "editor.remove", NULL));
  ft_test_iterate_main_context (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_null (ft_provider_store_lookup (fixture->store, id));
  wait_for_label (GTK_WIDGET (fixture->window), "“Nebius Token Factory” removed");

  /* Undo brings it back, same id, key untouched. */
  click (GTK_WIDGET (fixture->window), "Undo");
  ft_test_iterate_main_context (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
  g_assert_nonnull (ft_provider_store_lookup (fixture->store, id));
  g_assert_nonnull (find_row (page, ADW_TYPE_ACTION_ROW, "Nebius Token Factory"));
}

/* Closing the window while the Undo toast shows makes the removal final:
 * the key leaves the keyring then, not never.
 */
static void
test_remove_and_close (PrefsFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  GtkWidget *editor = add_nebius_with_key (fixture, &id);
  KeyWait wait = { fixture->secrets, id };

  g_assert_false (key_gone (&wait));
  g_assert_true (gtk_widget_activate_action (editor, "editor.remove", NULL));
  wait_for_label (GTK_WIDGET (fixture->window), "“Nebius Token Factory” removed");
  g_assert_false (key_gone (&wait));

  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_true (ft_test_wait_until (key_gone, &wait, 20000));
  g_assert_null (ft_provider_store_lookup (fixture->store, id));
}

static void
test_openai_notice (PrefsFixture  *fixture,
                    gconstpointer  data)
{
  GtkWidget *page = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window),
                                                 FT_TYPE_PROVIDERS_PAGE);
  GtkWidget *list_box = find_provider_list (page);
  GtkWidget *row = find_row (list_box, ADW_TYPE_ACTION_ROW, "OpenAI");
  FtProvider *ollama;
  GtkWidget *notice;
  GtkWidget *editor;

  g_signal_emit_by_name (list_box, "row-activated", row);
  editor = open_editor (fixture);
  g_assert_nonnull (find_row (editor, ADW_TYPE_ACTION_ROW,
                              "OpenAI stops accepting new fine-tuning jobs on 6 January 2027"));

  /* Profiles without such a date have no notice. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.back", NULL));
  wait_for_editor_gone (fixture,
                        ft_provider_editor_get_provider (FT_PROVIDER_EDITOR (editor)));
  ollama = ft_provider_store_add_preset (fixture->store, FT_PROVIDER_PRESET_OLLAMA);
  ft_providers_page_edit (FT_PROVIDERS_PAGE (page), ollama);
  ft_test_iterate_main_context (50);
  editor = find_editor (GTK_WIDGET (fixture->window), ollama);
  g_assert_nonnull (editor);
  notice = find_row (editor, ADW_TYPE_ACTION_ROW,
                     "OpenAI stops accepting new fine-tuning jobs on 6 January 2027");
  g_assert_true (notice == NULL || !gtk_widget_is_visible (notice));
  wait_for_key_status (editor, "This provider needs no key.");
  assert_all_labelled (editor);
}

/* Quitting while the Undo toast shows makes the removal final too, and
 * the application ends only after the keyring has answered.
 */
typedef struct
{
  char     *id;
  gboolean  cleared;
} QuitState;

static void
on_key_cleared_cb (FtSecrets  *secrets,
                   const char *profile_id,
                   QuitState  *state)
{
  if (g_strcmp0 (profile_id, state->id) == 0)
    state->cleared = TRUE;
}

static void
remove_and_quit_cb (GApplication *app,
                    QuitState    *state)
{
  FtProviderStore *store = ft_application_get_provider_store (FT_APPLICATION (app));
  FtSecrets *secrets = ft_application_get_secrets (FT_APPLICATION (app));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FtProvider *provider;
  GtkWidget *prefs;
  GtkWidget *page;
  GtkWidget *editor;

  ft_secrets_set_timeout (secrets, 20000);
  provider = ft_provider_store_add_preset (store, FT_PROVIDER_PRESET_NEBIUS);
  state->id = g_strdup (ft_provider_get_id (provider));
  ft_secrets_store_async (secrets, state->id, "Exemplar test key", TEST_KEY, NULL,
                          store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ft_secrets_store_finish (secrets, result, &error));
  g_assert_no_error (error);

  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = ft_test_find_toplevel (FT_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_test_widget_wait_for_draw (prefs);

  page = ft_test_find_widget_by_type (prefs, FT_TYPE_PROVIDERS_PAGE);
  g_assert_nonnull (page);
  ft_providers_page_edit (FT_PROVIDERS_PAGE (page), provider);
  ft_test_iterate_main_context (50);
  editor = find_editor (prefs, provider);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_activate_action (editor, "editor.remove", NULL));
  wait_for_label (prefs, "“Nebius Token Factory” removed");

  g_signal_connect (secrets, "key-changed", G_CALLBACK (on_key_cleared_cb), state);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_remove_and_quit (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(FtApplication) app = NULL;
  QuitState state = { NULL, FALSE };
  KeyWait wait;

  g_settings_reset (settings, "providers");
  g_settings_reset (settings, "default-provider");
  app = ft_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (remove_and_quit_cb), &state);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* The keyring had answered before the run ended. */
  g_assert_true (state.cleared);
  g_assert_null (ft_test_find_toplevel (FT_TYPE_PREFERENCES_WINDOW));
  wait.secrets = ft_application_get_secrets (app);
  wait.id = state.id;
  g_assert_true (key_gone (&wait));
  g_signal_handlers_disconnect_by_data (wait.secrets, &state);
  g_free (state.id);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (g_strcmp0 (g_getenv ("FT_TEST_SECRETS_MODE"), "keyring") != 0)
    {
      g_printerr ("test-preferences: run me through tests/run-with-keyring.sh keyring\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add ("/ft/ui/preferences/" path, PrefsFixture, NULL, \
              prefs_fixture_setup, func, prefs_fixture_teardown)

  ADD ("providers-page", test_page);
  ADD ("add-key-and-test", test_add_key_and_test);
  ADD ("remove-and-undo", test_remove_and_undo);
  ADD ("remove-and-close", test_remove_and_close);
  ADD ("openai-notice", test_openai_notice);

#undef ADD

  g_test_add_func ("/ft/ui/preferences/remove-and-quit", test_remove_and_quit);

  return g_test_run ();
}
