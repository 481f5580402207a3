/* ft-provider-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-provider-editor"

#include "config.h"

#include "ft-provider-editor.h"

#include "ft-client.h"
#include "ft-error.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The subpage of Preferences → Providers that edits one profile: name and
 * base URL (checked as typed: HTTPS unless the server is on this
 * computer), the API key (into the keyring, never shown back), a test of
 * the connection, how the key is sent, Azure's API version, OpenAI's
 * organization and project, whether it is the default, and removal.
 *
 * Edits go straight into the FtProvider, which the store writes to
 * GSettings; the page listens to ::remove-requested to remove it with an
 * undo toast.
 */
struct _FtProviderEditor
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwComboRow         *auth_row;
  AdwEntryRow         *api_version_row;
  GtkLabel            *base_url_error;
  AdwEntryRow         *base_url_row;
  GtkSwitch           *default_switch;
  AdwPreferencesGroup *key_group;
  AdwPasswordEntryRow *key_row;
  AdwEntryRow         *name_row;
  AdwPreferencesGroup *notice_group;
  AdwActionRow        *notice_row;
  AdwEntryRow         *organization_row;
  AdwEntryRow         *project_row;
  GtkButton           *remove_key_button;
  GtkLabel            *test_result;
  GtkSpinner          *test_spinner;
  AdwWindowTitle      *window_title;

  /* Owned */
  FtProvider          *provider;
  FtProviderStore     *store;
  FtSecrets           *secrets;
  FtClient            *client;
  GCancellable        *cancellable;
  GCancellable        *test_cancellable;
  gboolean             has_key;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (FtProviderEditor, ft_provider_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_STORE,
  PROP_SECRETS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Binding transforms */

static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *s = g_value_get_string (from);

  g_value_set_string (to, s ? s : "");
  return TRUE;
}

static gboolean
empty_to_null (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autofree char *s = g_strstrip (g_value_dup_string (from));

  g_value_set_string (to, s[0] != '\0' ? s : NULL);
  return TRUE;
}

static gboolean
auth_style_to_selected (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  /* The combo lists the styles in the enum's order. */
  g_value_set_uint (to, (guint)g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_auth_style (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  guint selected = g_value_get_uint (from);

  if (selected > FT_AUTH_STYLE_NONE)
    return FALSE;

  g_value_set_enum (to, (int)selected);
  return TRUE;
}

static gboolean
auth_style_is (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

/* The API key */

static void
update_key_status (FtProviderEditor *self)
{
  const char *status;
  gboolean needs_key;

  g_assert (FT_IS_PROVIDER_EDITOR (self));

  needs_key = ft_provider_get_needs_key (self->provider);

  if (!needs_key)
    status = _("This provider needs no key.");
  else if (!ft_secrets_get_keyring_available (self->secrets))
    status = ft_secrets_get_status_message (self->secrets);
  else if (self->has_key)
    status = _("Stored in the keyring.");
  else
    status = _("No key stored yet. Paste the key from the provider’s website and press Enter.");

  adw_preferences_group_set_description (self->key_group, status);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row),
                                 self->has_key ? _("_New Key") : _("_Key"));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_key_button), needs_key && self->has_key);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), needs_key || self->has_key);
}

static void
has_key_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FtProviderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_key;

  has_key = ft_secrets_has_key_finish (FT_SECRETS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("Could not tell whether there is a key: %s", error->message);

  self->has_key = has_key;
  update_key_status (self);
}

static void
refresh_key_status (FtProviderEditor *self)
{
  g_assert (FT_IS_PROVIDER_EDITOR (self));

  update_key_status (self);
  ft_secrets_has_key_async (self->secrets, ft_provider_get_id (self->provider), self->cancellable,
                            has_key_cb, g_object_ref (self));
}

static void
on_key_status_notify_cb (FtProviderEditor *self,
                         GParamSpec       *pspec,
                         GObject          *object)
{
  update_key_status (self);
}

static void
on_key_changed_cb (FtProviderEditor *self,
                   const char       *profile_id,
                   FtSecrets        *secrets)
{
  if (g_strcmp0 (profile_id, ft_provider_get_id (self->provider)) == 0)
    refresh_key_status (self);
}

static void
show_error_toast (FtProviderEditor *self,
                  const char       *title,
                  const GError     *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  g_autofree char *text = g_strdup_printf ("%s: %s", title, error->message);
  AdwToast *toast;

  if (window == NULL)
    return;

  toast = adw_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

static void
store_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FtProviderEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ft_secrets_store_finish (FT_SECRETS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);
      show_error_toast (self, _("Could not save the key"), error);
      return;
    }

  /* Kept (in the keyring, or in memory when there is none): the entry
   * does not hold on to it.
   */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);
  self->has_key = TRUE;
  update_key_status (self);
}

static void
on_key_apply_cb (FtProviderEditor *self,
                 AdwEntryRow      *row)
{
  g_autofree char *key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autofree char *label = NULL;

  g_strstrip (key);
  if (key[0] == '\0')
    return;

  /* Translators: the label of the API key in the keyring; %s is the provider's name. */
  label = g_strdup_printf (_("Exemplar API key: %s"),
                           ft_provider_get_display_name (self->provider)
                             ? ft_provider_get_display_name (self->provider)
                             : ft_provider_get_id (self->provider));

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), FALSE);
  ft_secrets_store_async (self->secrets, ft_provider_get_id (self->provider), label, key,
                          self->cancellable, store_key_cb, g_object_ref (self));
  memset (key, 0, strlen (key));
}

static void
clear_key_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FtProviderEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  ft_secrets_clear_finish (FT_SECRETS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    show_error_toast (self, _("Could not remove the key"), error);

  refresh_key_status (self);
}

static void
on_remove_key_clicked_cb (FtProviderEditor *self,
                          GtkButton        *button)
{
  ft_secrets_clear_async (self->secrets, ft_provider_get_id (self->provider), self->cancellable,
                          clear_key_cb, g_object_ref (self));
}

/* The base URL */

/* Checks @text as a base URL; returns the message to show, or NULL. */
static char *
check_base_url (const char *text)
{
  g_autoptr(FtProvider) probe = ft_provider_new ();
  g_autoptr(GError) error = NULL;

  ft_provider_set_base_url (probe, text);
  if (ft_provider_check_base_url (probe, &error))
    return NULL;

  return g_strdup (error->message);
}

static void
on_base_url_changed_cb (FtProviderEditor *self,
                        GtkEditable      *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autofree char *problem = NULL;

  if (self->loading)
    return;

  problem = check_base_url (text);
  gtk_label_set_text (self->base_url_error, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");

  /* Keep what was typed, also a URL that will be refused (the client
   * never sends a key to it); only an empty one would be unusable.
   */
  if (text[0] != '\0')
    ft_provider_set_base_url (self->provider, text);
}

/* Testing the connection */

static void
show_test_result (FtProviderEditor *self,
                  const char       *text,
                  gboolean          success)
{
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test", TRUE);

  gtk_label_set_text (self->test_result, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_result), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_result), success ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);
}

static void
show_test_error (FtProviderEditor *self,
                 const GError     *error)
{
  /* The client's message is specific already: "The API key was rejected
   * (HTTP 401): …" with the server's own words, or why nothing was sent.
   */
  show_test_result (self, error->message, FALSE);
}

static void
list_models_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FtProviderEditor) self = user_data;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_models;

  models = ft_client_list_models_finish (FT_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (models == NULL)
    {
      show_test_error (self, error);
      return;
    }

  n_models = g_list_model_get_n_items (models);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Connected: %u model", "Connected: %u models", n_models),
                          n_models);
  show_test_result (self, text, TRUE);
}

static void
check_connection_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FtProviderEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ft_client_check_connection_finish (FT_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_test_error (self, error);
      return;
    }

  show_test_result (self, _("Connected"), TRUE);
}

static void
run_test (FtProviderEditor *self,
          const char       *key)
{
  g_assert (FT_IS_PROVIDER_EDITOR (self));

  g_clear_object (&self->client);
  self->client = ft_client_new (self->provider);
  ft_client_set_api_key (self->client, key);

  if (ft_provider_has_capability (self->provider, FT_PROVIDER_CAP_MODEL_LISTING))
    ft_client_list_models_async (self->client, self->test_cancellable,
                                 list_models_cb, g_object_ref (self));
  else
    ft_client_check_connection_async (self->client, self->test_cancellable,
                                      check_connection_cb, g_object_ref (self));
}

static void
lookup_for_test_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FtProviderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = ft_secrets_lookup_finish (FT_SECRETS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_test_error (self, error);
      return;
    }

  /* Without a key the client says so, in words that fit here. */
  run_test (self, key);
  ft_secrets_key_free (key);
}

static void
ft_provider_editor_test_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  FtProviderEditor *self = FT_PROVIDER_EDITOR (widget);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->key_row));

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->test_result), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test", FALSE);

  /* A key typed but not saved yet is what the person wants to try. */
  if (typed != NULL && typed[0] != '\0')
    run_test (self, typed);
  else if (!ft_provider_get_needs_key (self->provider))
    run_test (self, NULL);
  else
    ft_secrets_lookup_async (self->secrets, ft_provider_get_id (self->provider),
                             self->test_cancellable, lookup_for_test_cb, g_object_ref (self));
}

/* Default provider */

static void
update_default_switch (FtProviderEditor *self)
{
  gboolean is_default = ft_provider_store_get_default_provider (self->store) == self->provider;

  if (gtk_switch_get_active (self->default_switch) != is_default)
    gtk_switch_set_active (self->default_switch, is_default);
}

static void
on_default_provider_changed_cb (FtProviderEditor *self,
                                GParamSpec       *pspec,
                                FtProviderStore  *store)
{
  update_default_switch (self);
}

static void
on_default_switch_active_cb (FtProviderEditor *self,
                             GParamSpec       *pspec,
                             GtkSwitch        *toggle)
{
  gboolean active = gtk_switch_get_active (toggle);
  gboolean is_default = ft_provider_store_get_default_provider (self->store) == self->provider;

  if (active == is_default || !ft_provider_store_find_position (self->store, self->provider, NULL))
    return;

  ft_provider_store_set_default_provider (self->store, active ? self->provider : NULL);
  update_default_switch (self);
}

/* The notice about providers that stop taking new jobs */

static void
update_notice (FtProviderEditor *self)
{
  const char *end_date = ft_provider_get_new_jobs_end_date (self->provider);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *title = NULL;
  int year, month, date;

  if (end_date == NULL || sscanf (end_date, "%d-%d-%d", &year, &month, &date) != 3 ||
      (day = g_date_time_new_utc (year, month, date, 0, 0, 0)) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->notice_group), FALSE);
      return;
    }

  /* Translators: a date, e.g. "6 January 2027"; see g_date_time_format(). */
  formatted = g_date_time_format (day, _("%-d %B %Y"));

  if (ft_provider_accepts_new_jobs_on (self->provider, now))
    /* Translators: %s is a date. */
    title = g_strdup_printf (_("OpenAI stops accepting new fine-tuning jobs on %s"), formatted);
  else
    /* Translators: %s is a date. */
    title = g_strdup_printf (_("OpenAI no longer accepts new fine-tuning jobs since %s"),
                             formatted);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notice_row), title);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_group), TRUE);
}

/* Actions */

static void
ft_provider_editor_back_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
ft_provider_editor_remove_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  FtProviderEditor *self = FT_PROVIDER_EDITOR (widget);

  g_signal_emit (self, signals [REMOVE_REQUESTED], 0, self->provider);
}

/* GObject */

static void
ft_provider_editor_constructed (GObject *object)
{
  FtProviderEditor *self = (FtProviderEditor *)object;
  const char *base_url;

  G_OBJECT_CLASS (ft_provider_editor_parent_class)->constructed (object);

  g_return_if_fail (FT_IS_PROVIDER (self->provider));
  g_return_if_fail (FT_IS_PROVIDER_STORE (self->store));
  g_return_if_fail (FT_IS_SECRETS (self->secrets));

  self->loading = TRUE;

  g_object_bind_property_full (self->provider, "display-name", self->window_title, "title",
                               G_BINDING_SYNC_CREATE, null_to_empty, NULL, NULL, NULL);
  g_object_bind_property_full (self->provider, "display-name", self->name_row, "text",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               null_to_empty, empty_to_null, NULL, NULL);
  g_object_bind_property_full (self->provider, "api-version", self->api_version_row, "text",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               null_to_empty, empty_to_null, NULL, NULL);
  g_object_bind_property_full (self->provider, "organization", self->organization_row, "text",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               null_to_empty, empty_to_null, NULL, NULL);
  g_object_bind_property_full (self->provider, "project", self->project_row, "text",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               null_to_empty, empty_to_null, NULL, NULL);
  g_object_bind_property_full (self->provider, "auth-style", self->auth_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               auth_style_to_selected, selected_to_auth_style, NULL, NULL);

  /* Azure wants an API version; organization and project are OpenAI's. */
  g_object_bind_property_full (self->provider, "auth-style", self->api_version_row, "visible",
                               G_BINDING_SYNC_CREATE, auth_style_is, NULL,
                               GINT_TO_POINTER (FT_AUTH_STYLE_AZURE), NULL);
  g_object_bind_property_full (self->provider, "auth-style", self->organization_row, "visible",
                               G_BINDING_SYNC_CREATE, auth_style_is, NULL,
                               GINT_TO_POINTER (FT_AUTH_STYLE_BEARER), NULL);
  g_object_bind_property_full (self->provider, "auth-style", self->project_row, "visible",
                               G_BINDING_SYNC_CREATE, auth_style_is, NULL,
                               GINT_TO_POINTER (FT_AUTH_STYLE_BEARER), NULL);

  base_url = ft_provider_get_base_url (self->provider);
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), base_url ? base_url : "");
  self->loading = FALSE;
  on_base_url_changed_cb (self, GTK_EDITABLE (self->base_url_row));

  g_signal_connect_object (self->provider, "notify::auth-style",
                           G_CALLBACK (on_key_status_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->secrets, "key-changed",
                           G_CALLBACK (on_key_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->secrets, "notify::keyring-available",
                           G_CALLBACK (on_key_status_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::default-provider",
                           G_CALLBACK (on_default_provider_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->default_switch, "notify::active",
                           G_CALLBACK (on_default_switch_active_cb), self, G_CONNECT_SWAPPED);

  update_default_switch (self);
  update_notice (self);
  refresh_key_status (self);
}

static void
ft_provider_editor_dispose (GObject *object)
{
  FtProviderEditor *self = (FtProviderEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_PROVIDER_EDITOR);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (ft_provider_editor_parent_class)->dispose (object);
}

static void
ft_provider_editor_finalize (GObject *object)
{
  FtProviderEditor *self = (FtProviderEditor *)object;

  g_clear_object (&self->provider);
  g_clear_object (&self->store);
  g_clear_object (&self->secrets);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);

  G_OBJECT_CLASS (ft_provider_editor_parent_class)->finalize (object);
}

static void
ft_provider_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FtProviderEditor *self = FT_PROVIDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
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
ft_provider_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FtProviderEditor *self = FT_PROVIDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      self->provider = g_value_dup_object (value);
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
ft_provider_editor_class_init (FtProviderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ft_provider_editor_constructed;
  object_class->dispose = ft_provider_editor_dispose;
  object_class->finalize = ft_provider_editor_finalize;
  object_class->get_property = ft_provider_editor_get_property;
  object_class->set_property = ft_provider_editor_set_property;

  properties [PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL,
                         FT_TYPE_PROVIDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         FT_TYPE_PROVIDER_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SECRETS] =
    g_param_spec_object ("secrets", NULL, NULL,
                         FT_TYPE_SECRETS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtProviderEditor::remove-requested:
   * @self: a #FtProviderEditor
   * @provider: the profile to remove
   */
  signals [REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, FT_TYPE_PROVIDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/preferences/ft-provider-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, api_version_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, auth_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, base_url_error);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, default_switch);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, key_group);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, notice_group);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, notice_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, project_row);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, test_result);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, FtProviderEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_key_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.back", NULL,
                                   ft_provider_editor_back_action);
  gtk_widget_class_install_action (widget_class, "editor.remove", NULL,
                                   ft_provider_editor_remove_action);
  gtk_widget_class_install_action (widget_class, "editor.test", NULL,
                                   ft_provider_editor_test_action);
}

static void
ft_provider_editor_init (FtProviderEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->test_cancellable = g_cancellable_new ();
}

/**
 * ft_provider_editor_new:
 * @store: the profiles
 * @secrets: where keys are kept
 * @provider: the profile to edit, in @store
 *
 * Returns: (transfer floating): a new editor
 */
FtProviderEditor *
ft_provider_editor_new (FtProviderStore *store,
                        FtSecrets       *secrets,
                        FtProvider      *provider)
{
  g_return_val_if_fail (FT_IS_PROVIDER_STORE (store), NULL);
  g_return_val_if_fail (FT_IS_SECRETS (secrets), NULL);
  g_return_val_if_fail (FT_IS_PROVIDER (provider), NULL);

  return g_object_new (FT_TYPE_PROVIDER_EDITOR,
                       "store", store,
                       "secrets", secrets,
                       "provider", provider,
                       NULL);
}

/**
 * ft_provider_editor_get_provider:
 * @self: a #FtProviderEditor
 *
 * Returns: (transfer none): the edited profile
 */
FtProvider *
ft_provider_editor_get_provider (FtProviderEditor *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER_EDITOR (self), NULL);

  return self->provider;
}
