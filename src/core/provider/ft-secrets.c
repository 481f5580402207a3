/* ft-secrets.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-secrets"

#include "config.h"

#include "ft-secrets.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* API keys live only in the Secret Service (GNOME Keyring, KWallet, the
 * Flatpak secret portal), one item per provider profile, found by the
 * profile id. Keys are never written to disk by us, never logged and never
 * put into an error message.
 *
 * Every keyring call has the caller's cancellable and a timeout: without
 * an unlocked keyring, a store can wait forever on a password prompt
 * (docs/toolchain-notes.md §4). When the keyring turns out to be missing
 * (no session bus, no Secret Service, no default collection, or no answer
 * in time), FtSecrets says so once in :status-message and keeps keys in
 * memory for the rest of the session; nothing is lost and nothing goes to
 * disk.
 */

#define ATTRIBUTE_PROFILE "profile"

struct _FtSecrets
{
  GObject     parent_instance;

  GHashTable *memory;         /* profile id → key, wiped on removal */
  char       *status_message;
  guint       timeout_ms;
  gboolean    keyring_available;
};

G_DEFINE_FINAL_TYPE (FtSecrets, ft_secrets, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEYRING_AVAILABLE,
  PROP_STATUS_MESSAGE,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  KEY_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/**
 * ft_secrets_get_schema:
 *
 * Returns: (transfer none): the libsecret schema of Exemplar's API keys:
 *   `io.github.exemplar_studio.Exemplar.ApiKey` with the string attribute
 *   `profile` (the profile id)
 */
const SecretSchema *
ft_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.exemplar_studio.Exemplar.ApiKey", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_PROFILE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * ft_secrets_key_free:
 * @key: (nullable): a key from ft_secrets_lookup_finish()
 *
 * Overwrites @key with zeros and frees it.
 */
void
ft_secrets_key_free (char *key)
{
  if (key == NULL)
    return;

  for (volatile char *p = key; *p != '\0'; p++)
    *p = '\0';
  g_free (key);
}

static GHashTable *
new_attributes (const char *profile_id)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer)ATTRIBUTE_PROFILE, (gpointer)profile_id);

  return attributes;
}

/* Errors that mean "there is no usable keyring here", as measured in
 * docs/toolchain-notes.md §4: no bus (G_IO_ERROR), nobody provides
 * org.freedesktop.secrets (SERVICE_UNKNOWN), no login collection
 * (UNKNOWN_OBJECT), and a service that does not answer.
 */
static gboolean
is_no_keyring_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;

  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
          return TRUE;

        default:
          return FALSE;
        }
    }

  return FALSE;
}

static void
fall_back_to_memory (FtSecrets    *self,
                     const GError *cause)
{
  g_assert (FT_IS_SECRETS (self));

  if (!self->keyring_available)
    return;

  g_debug ("No usable keyring, keeping keys in memory: %s", cause ? cause->message : "timeout");

  self->keyring_available = FALSE;
  g_free (self->status_message);
  self->status_message = g_strdup (_("No keyring is available, so API keys are kept only "
                                     "until Exemplar quits. To keep them, set up a keyring "
                                     "such as GNOME Keyring and unlock it."));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEYRING_AVAILABLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS_MESSAGE]);
}

static void
remember (FtSecrets  *self,
          const char *profile_id,
          const char *key)
{
  g_hash_table_replace (self->memory, g_strdup (profile_id), g_strdup (key));
}

/* One keyring call: the caller's cancellable or the timeout cancels it. */

typedef struct
{
  GCancellable *caller;
  GCancellable *cancellable;
  gulong        cancelled_id;
  GSource      *timeout;
  char         *profile_id;
  char         *key;
  gboolean      timed_out;
} Call;

static void
call_free (Call *call)
{
  if (call->cancelled_id != 0)
    g_cancellable_disconnect (call->caller, call->cancelled_id);
  if (call->timeout != NULL)
    {
      g_source_destroy (call->timeout);
      g_source_unref (call->timeout);
    }
  g_clear_object (&call->caller);
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->profile_id, g_free);
  g_clear_pointer (&call->key, ft_secrets_key_free);
  g_free (call);
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->timeout, g_source_unref);
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static GTask *
new_call (FtSecrets           *self,
          gpointer             source_tag,
          const char          *profile_id,
          const char          *key,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  call = g_new0 (Call, 1);
  call->profile_id = g_strdup (profile_id);
  call->key = g_strdup (key);
  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->caller = g_object_ref (cancellable);
      call->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (on_caller_cancelled_cb),
                                                  g_object_ref (call->cancellable),
                                                  g_object_unref);
    }
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);

  return task;
}

static void
start_timeout (FtSecrets *self,
               GTask     *task)
{
  Call *call = g_task_get_task_data (task);

  call->timeout = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (call->timeout, timeout_cb, call, NULL);
  g_source_set_static_name (call->timeout, "[exemplar] keyring timeout");
  g_source_attach (call->timeout, g_task_get_context (task));
}

/* Sorts the outcome of a failed keyring call. Returns TRUE when the task
 * has been completed with an error; FALSE when the keyring is missing and
 * the caller goes on with the memory fallback.
 */
static gboolean
handle_error (GTask      *task,
              GError     *error,
              const char *what)
{
  FtSecrets *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return TRUE;

  if (call->timed_out)
    {
      g_autoptr(GError) timeout = NULL;

      timeout = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                             "The keyring did not answer within %u ms", self->timeout_ms);
      fall_back_to_memory (self, timeout);
      return FALSE;
    }

  if (is_no_keyring_error (error))
    {
      fall_back_to_memory (self, error);
      return FALSE;
    }

  /* A dismissed prompt, a locked collection, a refused access. */
  g_task_return_new_error (task, error->domain, error->code, "%s: %s", what, error->message);
  return TRUE;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FtSecrets *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (!secret_password_store_finish (result, &error))
    {
      if (handle_error (task, error, _("Could not save the API key in the keyring")))
        return;

      remember (self, call->profile_id, call->key);
    }
  else
    {
      /* A key remembered before the keyring came back is obsolete. */
      g_hash_table_remove (self->memory, call->profile_id);
    }

  g_signal_emit (self, signals [KEY_CHANGED], 0, call->profile_id);
  g_task_return_boolean (task, TRUE);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (!handle_error (task, error, _("Could not read the API key from the keyring")))
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* NULL: no key, or a locked keyring that did not unlock. */
  g_task_return_pointer (task, g_strdup (key), (GDestroyNotify)ft_secrets_key_free);
  secret_password_free (key);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      if (!handle_error (task, error, _("Could not search the keyring")))
        g_task_return_boolean (task, FALSE);
      return;
    }

  g_task_return_boolean (task, items != NULL);
  g_list_free_full (items, g_object_unref);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FtSecrets *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      if (handle_error (task, error, _("Could not remove the API key from the keyring")))
        return;
      removed = FALSE;
    }

  /* The memory copy is gone already (see ft_secrets_clear_async()). */
  removed = removed || call->key != NULL;
  g_signal_emit (self, signals [KEY_CHANGED], 0, call->profile_id);
  g_task_return_boolean (task, removed);
}

static void
wipe_value (gpointer data)
{
  ft_secrets_key_free (data);
}

static void
ft_secrets_finalize (GObject *object)
{
  FtSecrets *self = (FtSecrets *)object;

  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->status_message, g_free);

  G_OBJECT_CLASS (ft_secrets_parent_class)->finalize (object);
}

static void
ft_secrets_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FtSecrets *self = FT_SECRETS (object);

  switch (prop_id)
    {
    case PROP_KEYRING_AVAILABLE:
      g_value_set_boolean (value, self->keyring_available);
      break;

    case PROP_STATUS_MESSAGE:
      g_value_set_string (value, self->status_message);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_secrets_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FtSecrets *self = FT_SECRETS (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      ft_secrets_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_secrets_class_init (FtSecretsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_secrets_finalize;
  object_class->get_property = ft_secrets_get_property;
  object_class->set_property = ft_secrets_set_property;

  /**
   * FtSecrets:keyring-available:
   *
   * %TRUE until a call found that there is no usable keyring; from then
   * on keys are kept in memory until the program ends.
   */
  properties [PROP_KEYRING_AVAILABLE] =
    g_param_spec_boolean ("keyring-available", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtSecrets:status-message:
   *
   * A plain sentence for people when keys are kept in memory only, else
   * %NULL.
   */
  properties [PROP_STATUS_MESSAGE] =
    g_param_spec_string ("status-message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtSecrets:timeout:
   *
   * Milliseconds a keyring call may take before the keyring counts as
   * missing.
   */
  properties [PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, FT_SECRETS_DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtSecrets::key-changed:
   * @self: a #FtSecrets
   * @profile_id: the profile whose key was stored or cleared
   */
  signals [KEY_CHANGED] =
    g_signal_new ("key-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ft_secrets_init (FtSecrets *self)
{
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_value);
  self->timeout_ms = FT_SECRETS_DEFAULT_TIMEOUT_MS;
  self->keyring_available = TRUE;
}

/**
 * ft_secrets_new:
 *
 * Returns: (transfer full): a key store on the session's Secret Service
 */
FtSecrets *
ft_secrets_new (void)
{
  return g_object_new (FT_TYPE_SECRETS, NULL);
}

gboolean
ft_secrets_get_keyring_available (FtSecrets *self)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), FALSE);

  return self->keyring_available;
}

/**
 * ft_secrets_get_status_message:
 * @self: a #FtSecrets
 *
 * Returns: (nullable): what to tell people when keys are kept in memory
 *   only, else %NULL
 */
const char *
ft_secrets_get_status_message (FtSecrets *self)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), NULL);

  return self->status_message;
}

guint
ft_secrets_get_timeout (FtSecrets *self)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), 0);

  return self->timeout_ms;
}

void
ft_secrets_set_timeout (FtSecrets *self,
                        guint      timeout_ms)
{
  g_return_if_fail (FT_IS_SECRETS (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIMEOUT]);
}

/**
 * ft_secrets_store_async:
 * @self: a #FtSecrets
 * @profile_id: the profile the key belongs to
 * @label: (nullable): what the keyring shows, e.g. "Exemplar API key: OpenAI"
 * @key: the API key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @key in the default keyring collection, replacing the profile's
 * old key. Without a usable keyring the key is kept in memory and the
 * call still succeeds; see #FtSecrets:keyring-available.
 */
void
ft_secrets_store_async (FtSecrets           *self,
                        const char          *profile_id,
                        const char          *label,
                        const char          *key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *fallback_label = NULL;
  Call *call;

  g_return_if_fail (FT_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL && profile_id[0] != '\0');
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, ft_secrets_store_async, profile_id, key, cancellable, callback, user_data);
  call = g_task_get_task_data (task);

  if (!self->keyring_available)
    {
      remember (self, profile_id, key);
      g_signal_emit (self, signals [KEY_CHANGED], 0, profile_id);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (label == NULL)
    label = fallback_label = g_strdup_printf (_("Exemplar API key (%s)"), profile_id);

  attributes = new_attributes (call->profile_id);
  start_timeout (self, task);
  secret_password_storev (ft_secrets_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, key, call->cancellable,
                          store_cb, g_object_ref (task));
}

/**
 * ft_secrets_store_finish:
 * @self: a #FtSecrets
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the key is kept (in the keyring, or in memory when
 *   there is none)
 */
gboolean
ft_secrets_store_finish (FtSecrets     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ft_secrets_lookup_async:
 * @self: a #FtSecrets
 * @profile_id: a profile id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks up the key of a profile.
 */
void
ft_secrets_lookup_async (FtSecrets           *self,
                         const char          *profile_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const char *remembered;
  Call *call;

  g_return_if_fail (FT_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, ft_secrets_lookup_async, profile_id, NULL,
                   cancellable, callback, user_data);
  call = g_task_get_task_data (task);

  remembered = g_hash_table_lookup (self->memory, profile_id);
  if (remembered != NULL || !self->keyring_available)
    {
      g_task_return_pointer (task, g_strdup (remembered), (GDestroyNotify)ft_secrets_key_free);
      return;
    }

  attributes = new_attributes (call->profile_id);
  start_timeout (self, task);
  secret_password_lookupv (ft_secrets_get_schema (), attributes, call->cancellable,
                           lookup_cb, g_object_ref (task));
}

/**
 * ft_secrets_lookup_finish:
 * @self: a #FtSecrets
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   ft_secrets_key_free(); %NULL without @error when there is none (or
 *   the keyring stayed locked)
 */
char *
ft_secrets_lookup_finish (FtSecrets     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ft_secrets_has_key_async:
 * @self: a #FtSecrets
 * @profile_id: a profile id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds out whether a profile has a key, without reading it and without
 * asking to unlock the keyring.
 */
void
ft_secrets_has_key_async (FtSecrets           *self,
                          const char          *profile_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  Call *call;

  g_return_if_fail (FT_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, ft_secrets_has_key_async, profile_id, NULL,
                   cancellable, callback, user_data);
  call = g_task_get_task_data (task);

  if (g_hash_table_contains (self->memory, profile_id) || !self->keyring_available)
    {
      g_task_return_boolean (task, g_hash_table_contains (self->memory, profile_id));
      return;
    }

  attributes = new_attributes (call->profile_id);
  start_timeout (self, task);
  secret_password_searchv (ft_secrets_get_schema (), attributes, SECRET_SEARCH_NONE,
                           call->cancellable, search_cb, g_object_ref (task));
}

/**
 * ft_secrets_has_key_finish:
 * @self: a #FtSecrets
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether the profile has a key; %FALSE without @error when not
 */
gboolean
ft_secrets_has_key_finish (FtSecrets     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ft_secrets_clear_async:
 * @self: a #FtSecrets
 * @profile_id: a profile id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the key of a profile, from memory and from the keyring.
 */
void
ft_secrets_clear_async (FtSecrets           *self,
                        const char          *profile_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  gboolean in_memory;
  Call *call;

  g_return_if_fail (FT_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  in_memory = g_hash_table_remove (self->memory, profile_id);

  /* The key field marks "there was a copy in memory" for clear_cb. */
  task = new_call (self, ft_secrets_clear_async, profile_id, in_memory ? "" : NULL,
                   cancellable, callback, user_data);
  call = g_task_get_task_data (task);

  if (!self->keyring_available)
    {
      if (in_memory)
        g_signal_emit (self, signals [KEY_CHANGED], 0, profile_id);
      g_task_return_boolean (task, in_memory);
      return;
    }

  attributes = new_attributes (call->profile_id);
  start_timeout (self, task);
  secret_password_clearv (ft_secrets_get_schema (), attributes, call->cancellable,
                          clear_cb, g_object_ref (task));
}

/**
 * ft_secrets_clear_finish:
 * @self: a #FtSecrets
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether a key was removed
 */
gboolean
ft_secrets_clear_finish (FtSecrets     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (FT_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
