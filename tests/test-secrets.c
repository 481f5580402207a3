/* test-secrets.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-secrets.h"

#include <glib/gstdio.h>
#include <string.h>

/* FtSecrets against a real, throw-away gnome-keyring and against buses
 * without one. tests/run-with-keyring.sh sets up the bus and says which
 * in FT_TEST_SECRETS_MODE ("keyring" or "no-secrets-service").
 *
 * The keys here are made up for the test; none comes from the
 * environment.
 */

#define KEY_ONE "sk-test-keyring-0123456789abcdef"
#define KEY_TWO "sk-test-keyring-fedcba9876543210"

typedef struct
{
  guint n_key_changed;
  guint n_keyring_notify;
} Counters;

static void
on_key_changed_cb (FtSecrets  *secrets,
                   const char *profile_id,
                   Counters   *counters)
{
  counters->n_key_changed++;
}

static void
on_keyring_available_cb (FtSecrets  *secrets,
                         GParamSpec *pspec,
                         Counters   *counters)
{
  counters->n_keyring_notify++;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
store_sync (FtSecrets     *secrets,
            const char    *profile_id,
            const char    *key,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_secrets_store_async (secrets, profile_id, "Exemplar test key", key, cancellable,
                          store_result_cb, &result);
  return ft_secrets_store_finish (secrets, wait_for (&result), error);
}

static char *
lookup_sync (FtSecrets  *secrets,
             const char *profile_id,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_secrets_lookup_async (secrets, profile_id, NULL, store_result_cb, &result);
  return ft_secrets_lookup_finish (secrets, wait_for (&result), error);
}

static gboolean
has_key_sync (FtSecrets  *secrets,
              const char *profile_id,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_secrets_has_key_async (secrets, profile_id, NULL, store_result_cb, &result);
  return ft_secrets_has_key_finish (secrets, wait_for (&result), error);
}

static gboolean
clear_sync (FtSecrets  *secrets,
            const char *profile_id,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ft_secrets_clear_async (secrets, profile_id, NULL, store_result_cb, &result);
  return ft_secrets_clear_finish (secrets, wait_for (&result), error);
}

/* Reads the keyring directly, not through FtSecrets. */
static char *
keyring_lookup (const char *profile_id)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  char *found;
  char *key;

  g_hash_table_insert (attributes, (gpointer)"profile", (gpointer)profile_id);
  found = secret_password_lookupv_sync (ft_secrets_get_schema (), attributes, NULL, &error);
  g_assert_no_error (error);

  key = g_strdup (found);
  secret_password_free (found);

  return key;
}

static guint
keyring_count (const char *profile_id)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n;

  g_hash_table_insert (attributes, (gpointer)"profile", (gpointer)profile_id);
  items = secret_password_searchv_sync (ft_secrets_get_schema (), attributes, SECRET_SEARCH_ALL,
                                        NULL, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);

  return n;
}

/* Keyring mode */

static void
test_round_trip (void)
{
  g_autoptr(FtSecrets) secrets = ft_secrets_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *direct = NULL;
  Counters counters = { 0 };

  g_signal_connect (secrets, "key-changed", G_CALLBACK (on_key_changed_cb), &counters);

  g_assert_false (has_key_sync (secrets, "profile-one", &error));
  g_assert_no_error (error);
  key = lookup_sync (secrets, "profile-one", &error);
  g_assert_no_error (error);
  g_assert_null (key);

  g_assert_true (store_sync (secrets, "profile-one", KEY_ONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ft_secrets_get_keyring_available (secrets));
  g_assert_null (ft_secrets_get_status_message (secrets));
  g_assert_cmpuint (counters.n_key_changed, ==, 1);

  /* In the keyring itself, under our schema and the profile id. */
  direct = keyring_lookup ("profile-one");
  g_assert_cmpstr (direct, ==, KEY_ONE);

  key = lookup_sync (secrets, "profile-one", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, KEY_ONE);
  g_clear_pointer (&key, ft_secrets_key_free);
  g_assert_true (has_key_sync (secrets, "profile-one", &error));
  g_assert_no_error (error);

  /* A new key replaces the old one; there is still one item. */
  g_assert_true (store_sync (secrets, "profile-one", KEY_TWO, NULL, &error));
  g_assert_no_error (error);
  key = lookup_sync (secrets, "profile-one", &error);
  g_assert_cmpstr (key, ==, KEY_TWO);
  g_clear_pointer (&key, ft_secrets_key_free);
  g_assert_cmpuint (keyring_count ("profile-one"), ==, 1);

  /* A second instance (the CLI, a later run) finds it. */
  {
    g_autoptr(FtSecrets) other = ft_secrets_new ();

    key = lookup_sync (other, "profile-one", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key, ==, KEY_TWO);
    g_clear_pointer (&key, ft_secrets_key_free);
  }

  g_assert_true (clear_sync (secrets, "profile-one", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counters.n_key_changed, ==, 3);
  g_assert_cmpuint (keyring_count ("profile-one"), ==, 0);
  key = lookup_sync (secrets, "profile-one", &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_false (has_key_sync (secrets, "profile-one", &error));
  g_assert_no_error (error);

  /* Nothing left to clear. */
  g_assert_false (clear_sync (secrets, "profile-one", &error));
  g_assert_no_error (error);
}

static void
test_profiles_apart (void)
{
  g_autoptr(FtSecrets) secrets = ft_secrets_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  g_assert_true (store_sync (secrets, "profile-a", KEY_ONE, NULL, &error));
  g_assert_true (store_sync (secrets, "profile-b", KEY_TWO, NULL, &error));
  g_assert_no_error (error);

  one = lookup_sync (secrets, "profile-a", &error);
  two = lookup_sync (secrets, "profile-b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one, ==, KEY_ONE);
  g_assert_cmpstr (two, ==, KEY_TWO);

  g_assert_true (clear_sync (secrets, "profile-a", &error));
  g_assert_no_error (error);
  g_clear_pointer (&two, g_free);
  two = lookup_sync (secrets, "profile-b", &error);
  g_assert_cmpstr (two, ==, KEY_TWO);
  g_assert_true (clear_sync (secrets, "profile-b", &error));
}

static void
test_cancelled (void)
{
  g_autoptr(FtSecrets) secrets = ft_secrets_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* Cancelling is the caller's choice, not a missing keyring. */
  g_cancellable_cancel (cancellable);
  g_assert_false (store_sync (secrets, "profile-c", KEY_ONE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (ft_secrets_get_keyring_available (secrets));
  g_assert_cmpuint (keyring_count ("profile-c"), ==, 0);
}

/* Without a keyring */

static void
assert_memory_fallback (FtSecrets *secrets)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  Counters counters = { 0 };

  g_signal_connect (secrets, "notify::keyring-available",
                    G_CALLBACK (on_keyring_available_cb), &counters);
  g_signal_connect (secrets, "key-changed", G_CALLBACK (on_key_changed_cb), &counters);

  g_assert_true (ft_secrets_get_keyring_available (secrets));

  /* The store succeeds: the key is kept, in memory, and that is said. */
  g_assert_true (store_sync (secrets, "profile-m", KEY_ONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ft_secrets_get_keyring_available (secrets));
  g_assert_cmpuint (counters.n_keyring_notify, ==, 1);
  g_assert_cmpuint (counters.n_key_changed, ==, 1);
  g_assert_nonnull (ft_secrets_get_status_message (secrets));
  g_assert_nonnull (strstr (ft_secrets_get_status_message (secrets), "until Exemplar quits"));
  g_assert_null (strstr (ft_secrets_get_status_message (secrets), KEY_ONE));

  key = lookup_sync (secrets, "profile-m", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, KEY_ONE);
  g_assert_true (has_key_sync (secrets, "profile-m", &error));
  g_assert_no_error (error);
  g_assert_false (has_key_sync (secrets, "profile-other", &error));

  /* Later calls do not try the keyring again. */
  g_assert_true (store_sync (secrets, "profile-m", KEY_TWO, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&key, ft_secrets_key_free);
  key = lookup_sync (secrets, "profile-m", &error);
  g_assert_cmpstr (key, ==, KEY_TWO);

  g_assert_true (clear_sync (secrets, "profile-m", &error));
  g_assert_no_error (error);
  g_assert_false (clear_sync (secrets, "profile-m", &error));
  g_assert_no_error (error);
  g_clear_pointer (&key, ft_secrets_key_free);
  key = lookup_sync (secrets, "profile-m", &error);
  g_assert_null (key);
  g_assert_cmpuint (counters.n_keyring_notify, ==, 1);
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FtSecrets) secrets = ft_secrets_new ();

      assert_memory_fallback (secrets);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_lookup_without_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FtSecrets) secrets = ft_secrets_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      /* Looking up first finds out too, and there is simply no key. */
      key = lookup_sync (secrets, "profile-l", &error);
      g_assert_no_error (error);
      g_assert_null (key);
      g_assert_false (ft_secrets_get_keyring_available (secrets));
      g_assert_nonnull (ft_secrets_get_status_message (secrets));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FtSecrets) secrets = NULL;
      g_autofree char *dir = g_dir_make_tmp ("exemplar-no-bus-XXXXXX", NULL);
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-socket", dir);

      /* No session bus at all (the first thing this process does). */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      secrets = ft_secrets_new ();
      assert_memory_fallback (secrets);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Swallows every method call to the fake secrets service: it never
 * answers, like a keyring waiting on a prompt nobody sees.
 */
static GDBusMessage *
swallow_calls_cb (GDBusConnection *connection,
                  GDBusMessage    *message,
                  gboolean         incoming,
                  gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      guint *n_swallowed = user_data;

      g_atomic_int_inc (n_swallowed);
      g_object_unref (message);
      return NULL;
    }

  return message;
}

static void
test_timeout (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GDBusConnection) service = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(FtSecrets) secrets = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *address = NULL;
      GDBusConnectionFlags flags;
      guint n_swallowed = 0;
      guint32 owned;

      address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
      g_assert_no_error (error);
      flags = G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION;
      service = g_dbus_connection_new_for_address_sync (address, flags, NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (service, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &owned);
      g_assert_cmpuint (owned, ==, 1);
      g_dbus_connection_add_filter (service, swallow_calls_cb, &n_swallowed, NULL);

      secrets = ft_secrets_new ();
      ft_secrets_set_timeout (secrets, 300);
      g_assert_cmpuint (ft_secrets_get_timeout (secrets), ==, 300);

      assert_memory_fallback (secrets);
      g_assert_cmpuint (g_atomic_int_get (&n_swallowed), >, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv ("FT_TEST_SECRETS_MODE");

  g_test_init (&argc, &argv, NULL);

  /* Refuse to run on a bus that run-with-keyring.sh did not set up: the
   * keyring there may be someone's real one.
   */
  if (mode == NULL)
    {
      g_printerr ("test-secrets: run me through tests/run-with-keyring.sh\n");
      return 1;
    }

  if (g_str_equal (mode, "keyring"))
    {
      g_test_add_func ("/ft/secrets/round-trip", test_round_trip);
      g_test_add_func ("/ft/secrets/profiles-apart", test_profiles_apart);
      g_test_add_func ("/ft/secrets/cancelled", test_cancelled);
    }
  else if (g_str_equal (mode, "no-secrets-service"))
    {
      g_test_add_func ("/ft/secrets/no-service", test_no_service);
      g_test_add_func ("/ft/secrets/lookup-without-service", test_lookup_without_service);
      g_test_add_func ("/ft/secrets/no-bus", test_no_bus);
      g_test_add_func ("/ft/secrets/timeout", test_timeout);
    }
  else
    {
      g_printerr ("test-secrets: unknown FT_TEST_SECRETS_MODE “%s”\n", mode);
      return 1;
    }

  return g_test_run ();
}
