/* ft-provider.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-provider"

#include "config.h"

#include "ft-provider.h"

#include "ft-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _FtProvider
{
  GObject                 parent_instance;

  char                   *id;
  char                   *preset;
  char                   *display_name;
  char                   *base_url;
  char                   *api_version;
  char                   *organization;
  char                   *project;
  char                   *price_table;
  char                   *new_jobs_end_date;
  FtAuthStyle             auth_style;
  FtProviderCapabilities  capabilities;
};

G_DEFINE_FINAL_TYPE (FtProvider, ft_provider, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FtAuthStyle, ft_auth_style,
  G_DEFINE_ENUM_VALUE (FT_AUTH_STYLE_BEARER, "bearer"),
  G_DEFINE_ENUM_VALUE (FT_AUTH_STYLE_AZURE, "azure"),
  G_DEFINE_ENUM_VALUE (FT_AUTH_STYLE_NONE, "none"))

G_DEFINE_FLAGS_TYPE (FtProviderCapabilities, ft_provider_capabilities,
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_FINE_TUNING, "fine-tuning"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_SUPERVISED, "supervised"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_DPO, "dpo"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_REINFORCEMENT, "reinforcement"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_PAUSE_RESUME, "pause-resume"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_CHECKPOINTS, "checkpoints"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_UPLOADS_API, "uploads-api"),
  G_DEFINE_ENUM_VALUE (FT_PROVIDER_CAP_MODEL_LISTING, "model-listing"))

enum {
  PROP_0,
  PROP_ID,
  PROP_PRESET,
  PROP_DISPLAY_NAME,
  PROP_BASE_URL,
  PROP_AUTH_STYLE,
  PROP_API_VERSION,
  PROP_ORGANIZATION,
  PROP_PROJECT,
  PROP_CAPABILITIES,
  PROP_PRICE_TABLE,
  PROP_NEW_JOBS_END_DATE,
  PROP_NEEDS_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define ALL_FINE_TUNING (FT_PROVIDER_CAP_FINE_TUNING | FT_PROVIDER_CAP_SUPERVISED | \
                         FT_PROVIDER_CAP_MODEL_LISTING)

typedef struct
{
  const char             *id;
  const char             *display_name;
  const char             *base_url;
  FtAuthStyle             auth_style;
  const char             *api_version;
  FtProviderCapabilities  capabilities;
  const char             *price_table;
  const char             *new_jobs_end_date;
} Preset;

/* Base URLs and auth shapes, as each service documents them:
 *
 * - OpenAI: https://api.openai.com/v1 with `Authorization: Bearer` (the
 *   OpenAPI spec's `servers` entry and security scheme). Self-serve
 *   fine-tuning stops taking new jobs on 2027-01-06 (deprecations page, see
 *   docs/openai-fine-tuning-api.md §0).
 * - Azure OpenAI: https://<resource>.openai.azure.com/openai, an `api-key`
 *   header, `api-version` on every call (data-plane authoring and
 *   inference GA release 2024-10-21 in Microsoft's REST reference) and
 *   chat at /deployments/<deployment>/chat/completions.
 * - Nebius Token Factory: "an OpenAI-compatible API for inference and
 *   fine-tuning" at https://api.tokenfactory.nebius.com/v1/ with
 *   `Authorization: Bearer` (docs.tokenfactory.nebius.com, API reference
 *   introduction).
 * - Ollama: http://localhost:11434/v1, the key is "required but ignored"
 *   (Ollama's OpenAI compatibility doc).
 * - llama.cpp: llama-server listens on 127.0.0.1:8080 by default and serves
 *   /v1/chat/completions (server README).
 * - vLLM: `vllm serve` answers at http://localhost:8000/v1; a key only when
 *   started with --api-key (vLLM's OpenAI-compatible server doc).
 */
static const Preset presets[] = {
  { FT_PROVIDER_PRESET_OPENAI, N_("OpenAI"), "https://api.openai.com/v1",
    FT_AUTH_STYLE_BEARER, NULL,
    ALL_FINE_TUNING | FT_PROVIDER_CAP_DPO | FT_PROVIDER_CAP_REINFORCEMENT |
    FT_PROVIDER_CAP_PAUSE_RESUME | FT_PROVIDER_CAP_CHECKPOINTS | FT_PROVIDER_CAP_UPLOADS_API,
    "openai", "2027-01-06" },
  { FT_PROVIDER_PRESET_AZURE, N_("Azure OpenAI"), "https://YOUR-RESOURCE.openai.azure.com/openai",
    FT_AUTH_STYLE_AZURE, "2024-10-21",
    ALL_FINE_TUNING | FT_PROVIDER_CAP_DPO | FT_PROVIDER_CAP_CHECKPOINTS,
    "azure", NULL },
  { FT_PROVIDER_PRESET_NEBIUS, N_("Nebius Token Factory"), "https://api.tokenfactory.nebius.com/v1",
    FT_AUTH_STYLE_BEARER, NULL,
    ALL_FINE_TUNING | FT_PROVIDER_CAP_CHECKPOINTS,
    "nebius", NULL },
  { FT_PROVIDER_PRESET_CUSTOM, N_("Custom (OpenAI-compatible)"), "https://",
    FT_AUTH_STYLE_BEARER, NULL,
    ALL_FINE_TUNING,
    "custom", NULL },
  { FT_PROVIDER_PRESET_OLLAMA, N_("Ollama"), "http://localhost:11434/v1",
    FT_AUTH_STYLE_NONE, NULL, FT_PROVIDER_CAP_MODEL_LISTING, "local", NULL },
  { FT_PROVIDER_PRESET_LLAMA_CPP, N_("llama.cpp"), "http://127.0.0.1:8080/v1",
    FT_AUTH_STYLE_NONE, NULL, FT_PROVIDER_CAP_MODEL_LISTING, "local", NULL },
  { FT_PROVIDER_PRESET_VLLM, N_("vLLM"), "http://localhost:8000/v1",
    FT_AUTH_STYLE_NONE, NULL, FT_PROVIDER_CAP_MODEL_LISTING, "local", NULL },
};

static const char * const preset_ids[] = {
  FT_PROVIDER_PRESET_OPENAI,
  FT_PROVIDER_PRESET_AZURE,
  FT_PROVIDER_PRESET_NEBIUS,
  FT_PROVIDER_PRESET_CUSTOM,
  FT_PROVIDER_PRESET_OLLAMA,
  FT_PROVIDER_PRESET_LLAMA_CPP,
  FT_PROVIDER_PRESET_VLLM,
  NULL
};

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
ft_provider_finalize (GObject *object)
{
  FtProvider *self = (FtProvider *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->price_table, g_free);
  g_clear_pointer (&self->new_jobs_end_date, g_free);

  G_OBJECT_CLASS (ft_provider_parent_class)->finalize (object);
}

static void
ft_provider_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FtProvider *self = FT_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PRESET:
      g_value_set_string (value, self->preset);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_AUTH_STYLE:
      g_value_set_enum (value, self->auth_style);
      break;
    case PROP_API_VERSION:
      g_value_set_string (value, self->api_version);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;
    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;
    case PROP_CAPABILITIES:
      g_value_set_flags (value, self->capabilities);
      break;
    case PROP_PRICE_TABLE:
      g_value_set_string (value, self->price_table);
      break;
    case PROP_NEW_JOBS_END_DATE:
      g_value_set_string (value, self->new_jobs_end_date);
      break;
    case PROP_NEEDS_KEY:
      g_value_set_boolean (value, ft_provider_get_needs_key (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_provider_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FtProvider *self = FT_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      ft_provider_set_id (self, g_value_get_string (value));
      break;
    case PROP_PRESET:
      /* Construct-only. */
      self->preset = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      ft_provider_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_BASE_URL:
      ft_provider_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_AUTH_STYLE:
      ft_provider_set_auth_style (self, g_value_get_enum (value));
      break;
    case PROP_API_VERSION:
      ft_provider_set_api_version (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION:
      ft_provider_set_organization (self, g_value_get_string (value));
      break;
    case PROP_PROJECT:
      ft_provider_set_project (self, g_value_get_string (value));
      break;
    case PROP_CAPABILITIES:
      ft_provider_set_capabilities (self, g_value_get_flags (value));
      break;
    case PROP_PRICE_TABLE:
      ft_provider_set_price_table (self, g_value_get_string (value));
      break;
    case PROP_NEW_JOBS_END_DATE:
      ft_provider_set_new_jobs_end_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_provider_class_init (FtProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_provider_finalize;
  object_class->get_property = ft_provider_get_property;
  object_class->set_property = ft_provider_set_property;

  /**
   * FtProvider:id:
   *
   * A stable identifier of this profile, used as the key of stored
   * settings and secrets and of the upload record.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:preset:
   *
   * The preset this profile started from ("openai", "custom", …).
   */
  properties [PROP_PRESET] =
    g_param_spec_string ("preset", NULL, NULL, FT_PROVIDER_PRESET_CUSTOM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:base-url:
   *
   * The API root including the version, e.g. `https://api.openai.com/v1`.
   * Call paths (`/fine_tuning/jobs`) are appended to it.
   */
  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_AUTH_STYLE] =
    g_param_spec_enum ("auth-style", NULL, NULL,
                       FT_TYPE_AUTH_STYLE, FT_AUTH_STYLE_BEARER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:api-version:
   *
   * Sent as the `api-version` query parameter when the auth style is
   * %FT_AUTH_STYLE_AZURE and this is not empty.
   */
  properties [PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:organization:
   *
   * Sent as `OpenAI-Organization` when set.
   */
  properties [PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:project:
   *
   * Sent as `OpenAI-Project` when set.
   */
  properties [PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL,
                        FT_TYPE_PROVIDER_CAPABILITIES, FT_PROVIDER_CAP_NONE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:price-table:
   *
   * The key of this provider's table in the price catalogue.
   */
  properties [PROP_PRICE_TABLE] =
    g_param_spec_string ("price-table", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:new-jobs-end-date:
   *
   * The first day (`YYYY-MM-DD`, UTC) on which the provider no longer
   * takes new fine-tuning jobs, or %NULL when none is announced.
   */
  properties [PROP_NEW_JOBS_END_DATE] =
    g_param_spec_string ("new-jobs-end-date", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtProvider:needs-key:
   *
   * Whether calls need an API key (every auth style but
   * %FT_AUTH_STYLE_NONE).
   */
  properties [PROP_NEEDS_KEY] =
    g_param_spec_boolean ("needs-key", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_provider_init (FtProvider *self)
{
  self->auth_style = FT_AUTH_STYLE_BEARER;
}

/**
 * ft_provider_new:
 *
 * Creates an empty custom profile.
 *
 * Returns: (transfer full): a new #FtProvider
 */
FtProvider *
ft_provider_new (void)
{
  return g_object_new (FT_TYPE_PROVIDER, NULL);
}

/**
 * ft_provider_get_preset_ids:
 *
 * Returns: (transfer none): the ids of the built-in presets, in the order
 *   the UI lists them
 */
const char * const *
ft_provider_get_preset_ids (void)
{
  return preset_ids;
}

/**
 * ft_provider_new_from_preset:
 * @preset: a preset id such as %FT_PROVIDER_PRESET_OPENAI
 *
 * Returns: (transfer full) (nullable): a profile filled from the preset,
 *   or %NULL when @preset is unknown
 */
FtProvider *
ft_provider_new_from_preset (const char *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      const Preset *p = &presets[i];

      if (g_strcmp0 (p->id, preset) != 0)
        continue;

      return g_object_new (FT_TYPE_PROVIDER,
                           "id", p->id,
                           "preset", p->id,
                           "display-name", g_dgettext (GETTEXT_PACKAGE, p->display_name),
                           "base-url", p->base_url,
                           "auth-style", p->auth_style,
                           "api-version", p->api_version,
                           "capabilities", p->capabilities,
                           "price-table", p->price_table,
                           "new-jobs-end-date", p->new_jobs_end_date,
                           NULL);
    }

  return NULL;
}

/**
 * ft_provider_copy:
 * @self: a #FtProvider
 *
 * Returns: (transfer full): an independent copy of @self
 */
FtProvider *
ft_provider_copy (FtProvider *self)
{
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);

  variant = g_variant_ref_sink (ft_provider_to_variant (self));
  return ft_provider_new_from_variant (variant, NULL);
}

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

/**
 * ft_provider_to_variant:
 * @self: a #FtProvider
 *
 * Serializes the profile (never a key: the profile has none) as an
 * `a{sv}` dictionary for GSettings. Auth style and capabilities are
 * stored by nick so that the stored form survives reordered enums.
 *
 * Returns: (transfer floating): a floating `a{sv}` #GVariant
 */
GVariant *
ft_provider_to_variant (FtProvider *self)
{
  GVariantBuilder builder;
  g_autoptr(GFlagsClass) flags_class = NULL;
  g_autoptr(GPtrArray) caps = g_ptr_array_new ();
  GEnumValue *auth;

  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_string (&builder, "id", self->id);
  add_string (&builder, "preset", self->preset);
  add_string (&builder, "display-name", self->display_name);
  add_string (&builder, "base-url", self->base_url);

  auth = g_enum_get_value (g_type_class_peek (FT_TYPE_AUTH_STYLE), self->auth_style);
  add_string (&builder, "auth-style", auth ? auth->value_nick : "bearer");

  add_string (&builder, "api-version", self->api_version);
  add_string (&builder, "organization", self->organization);
  add_string (&builder, "project", self->project);
  add_string (&builder, "price-table", self->price_table);
  add_string (&builder, "new-jobs-end-date", self->new_jobs_end_date);

  flags_class = g_type_class_ref (FT_TYPE_PROVIDER_CAPABILITIES);
  for (guint i = 0; i < flags_class->n_values; i++)
    {
      GFlagsValue *value = &flags_class->values[i];

      if (value->value != 0 && (self->capabilities & value->value) == value->value)
        g_ptr_array_add (caps, (gpointer)value->value_nick);
    }
  g_ptr_array_add (caps, NULL);
  g_variant_builder_add (&builder, "{sv}", "capabilities",
                         g_variant_new_strv ((const char * const *)caps->pdata, -1));

  return g_variant_builder_end (&builder);
}

/**
 * ft_provider_new_from_variant:
 * @variant: an `a{sv}` from ft_provider_to_variant()
 * @error: return location for a #GError
 *
 * Restores a profile. Unknown keys are ignored (a newer version may have
 * written them); an unknown capability nick is skipped.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with
 *   @error set when @variant is not a dictionary or lacks a base URL
 */
FtProvider *
ft_provider_new_from_variant (GVariant  *variant,
                              GError   **error)
{
  g_autoptr(FtProvider) self = NULL;
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GFlagsClass) flags_class = NULL;
  g_autofree const char **caps = NULL;
  const char *s;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A stored provider profile has the wrong type “%s”"),
                   g_variant_get_type_string (variant));
      return NULL;
    }

  dict = g_variant_dict_new (variant);

  s = NULL;
  g_variant_dict_lookup (dict, "preset", "&s", &s);
  self = g_object_new (FT_TYPE_PROVIDER, "preset", s ? s : FT_PROVIDER_PRESET_CUSTOM, NULL);

#define LOOKUP(key, field) \
  G_STMT_START { \
    s = NULL; \
    if (g_variant_dict_lookup (dict, key, "&s", &s)) \
      self->field = g_strdup (s); \
  } G_STMT_END

  LOOKUP ("id", id);
  LOOKUP ("display-name", display_name);
  LOOKUP ("base-url", base_url);
  LOOKUP ("api-version", api_version);
  LOOKUP ("organization", organization);
  LOOKUP ("project", project);
  LOOKUP ("price-table", price_table);
  LOOKUP ("new-jobs-end-date", new_jobs_end_date);

#undef LOOKUP

  if (self->base_url == NULL || self->base_url[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored provider profile “%s” has no base URL"),
                   self->display_name ? self->display_name : "?");
      return NULL;
    }

  s = NULL;
  if (g_variant_dict_lookup (dict, "auth-style", "&s", &s))
    {
      GEnumValue *value = g_enum_get_value_by_nick (g_type_class_peek (FT_TYPE_AUTH_STYLE), s);

      if (value != NULL)
        self->auth_style = value->value;
    }

  flags_class = g_type_class_ref (FT_TYPE_PROVIDER_CAPABILITIES);
  if (g_variant_dict_lookup (dict, "capabilities", "^a&s", &caps))
    {
      for (guint i = 0; caps[i] != NULL; i++)
        {
          GFlagsValue *value = g_flags_get_value_by_nick (flags_class, caps[i]);

          if (value != NULL)
            self->capabilities |= value->value;
        }
    }

  return g_steal_pointer (&self);
}

const char *
ft_provider_get_id (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->id;
}

void
ft_provider_set_id (FtProvider *self,
                    const char *id)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
ft_provider_get_preset (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->preset;
}

const char *
ft_provider_get_display_name (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->display_name;
}

void
ft_provider_set_display_name (FtProvider *self,
                              const char *display_name)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->display_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DISPLAY_NAME]);
}

const char *
ft_provider_get_base_url (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->base_url;
}

/**
 * ft_provider_set_base_url:
 * @self: a #FtProvider
 * @base_url: (nullable): the API root including `/v1`
 *
 * Sets the base URL; a trailing slash is dropped.
 */
void
ft_provider_set_base_url (FtProvider *self,
                          const char *base_url)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (FT_IS_PROVIDER (self));

  if (base_url != NULL)
    {
      normalized = g_strstrip (g_strdup (base_url));
      while (g_str_has_suffix (normalized, "/") && !g_str_has_suffix (normalized, "://"))
        normalized[strlen (normalized) - 1] = '\0';
    }

  if (set_string (&self->base_url, normalized))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BASE_URL]);
}

FtAuthStyle
ft_provider_get_auth_style (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), FT_AUTH_STYLE_BEARER);
  return self->auth_style;
}

void
ft_provider_set_auth_style (FtProvider  *self,
                            FtAuthStyle  auth_style)
{
  g_return_if_fail (FT_IS_PROVIDER (self));

  if (self->auth_style == auth_style)
    return;

  self->auth_style = auth_style;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUTH_STYLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_KEY]);
}

const char *
ft_provider_get_api_version (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->api_version;
}

void
ft_provider_set_api_version (FtProvider *self,
                             const char *api_version)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->api_version, api_version))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_API_VERSION]);
}

const char *
ft_provider_get_organization (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->organization;
}

void
ft_provider_set_organization (FtProvider *self,
                              const char *organization)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->organization, organization))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORGANIZATION]);
}

const char *
ft_provider_get_project (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->project;
}

void
ft_provider_set_project (FtProvider *self,
                         const char *project)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->project, project))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT]);
}

FtProviderCapabilities
ft_provider_get_capabilities (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), FT_PROVIDER_CAP_NONE);
  return self->capabilities;
}

void
ft_provider_set_capabilities (FtProvider             *self,
                              FtProviderCapabilities  capabilities)
{
  g_return_if_fail (FT_IS_PROVIDER (self));

  if (self->capabilities == capabilities)
    return;

  self->capabilities = capabilities;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAPABILITIES]);
}

/**
 * ft_provider_has_capability:
 * @self: a #FtProvider
 * @capability: one or more capabilities
 *
 * Returns: whether the provider has all of @capability
 */
gboolean
ft_provider_has_capability (FtProvider             *self,
                            FtProviderCapabilities  capability)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), FALSE);
  return (self->capabilities & capability) == capability;
}

const char *
ft_provider_get_price_table (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->price_table;
}

void
ft_provider_set_price_table (FtProvider *self,
                             const char *price_table)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->price_table, price_table))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRICE_TABLE]);
}

const char *
ft_provider_get_new_jobs_end_date (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  return self->new_jobs_end_date;
}

void
ft_provider_set_new_jobs_end_date (FtProvider *self,
                                   const char *date)
{
  g_return_if_fail (FT_IS_PROVIDER (self));
  if (set_string (&self->new_jobs_end_date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEW_JOBS_END_DATE]);
}

gboolean
ft_provider_get_needs_key (FtProvider *self)
{
  g_return_val_if_fail (FT_IS_PROVIDER (self), TRUE);
  return self->auth_style != FT_AUTH_STYLE_NONE;
}

/**
 * ft_provider_accepts_new_jobs_on:
 * @self: a #FtProvider
 * @when: the moment to ask about
 *
 * Returns: %FALSE when the provider has announced that it stops taking
 *   new fine-tuning jobs on or before @when's date (in UTC), or when it
 *   has no fine-tuning at all
 */
gboolean
ft_provider_accepts_new_jobs_on (FtProvider *self,
                                 GDateTime  *when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  if (!ft_provider_has_capability (self, FT_PROVIDER_CAP_FINE_TUNING))
    return FALSE;

  if (self->new_jobs_end_date == NULL || self->new_jobs_end_date[0] == '\0')
    return TRUE;

  utc = g_date_time_to_utc (when);
  day = g_date_time_format (utc, "%Y-%m-%d");

  /* ISO dates compare as strings. */
  return strcmp (day, self->new_jobs_end_date) < 0;
}

/**
 * ft_host_is_loopback:
 * @host: a host name or address as it appears in a URL (IPv6 without
 *   brackets)
 *
 * Returns: whether @host is this machine: `localhost` (and names under
 *   `.localhost`), 127.0.0.0/8 or ::1
 */
gboolean
ft_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * ft_provider_is_loopback:
 * @self: a #FtProvider
 *
 * Returns: whether the base URL points at this machine
 */
gboolean
ft_provider_is_loopback (FtProvider *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER (self), FALSE);

  if (self->base_url == NULL)
    return FALSE;

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && ft_host_is_loopback (g_uri_get_host (uri));
}

/**
 * ft_provider_check_base_url:
 * @self: a #FtProvider
 * @error: return location for a #GError
 *
 * Checks that the base URL is an absolute http(s) URL with a host, and
 * that it uses HTTPS unless the host is this machine.
 *
 * Returns: %TRUE when keys may be sent to the base URL
 */
gboolean
ft_provider_check_base_url (FtProvider  *self,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (FT_IS_PROVIDER (self), FALSE);

  if (self->base_url == NULL || self->base_url[0] == '\0')
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                           _("The provider has no base URL. Enter the API address, for example "
                             "https://api.openai.com/v1."));
      return FALSE;
    }

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address. Enter the API address, for example "
                     "https://api.openai.com/v1."),
                   self->base_url);
      return FALSE;
    }

  if (g_strcmp0 (scheme, "http") == 0 && !ft_host_is_loopback (host))
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INSECURE,
                   _("Exemplar will not send your API key to “%s” over an unencrypted connection. "
                     "Use an https:// address; plain http:// is only allowed for servers on this "
                     "computer."),
                   host);
      return FALSE;
    }

  return TRUE;
}

/* Takes @url and returns it, with `api-version` for Azure. */
static char *
append_api_version (FtProvider *self,
                    char       *url)
{
  g_autofree char *escaped = NULL;
  char *with_version;

  if (self->auth_style != FT_AUTH_STYLE_AZURE ||
      self->api_version == NULL || self->api_version[0] == '\0')
    return url;

  escaped = g_uri_escape_string (self->api_version, NULL, FALSE);
  with_version = g_strdup_printf ("%s%capi-version=%s",
                                  url, strchr (url, '?') ? '&' : '?', escaped);
  g_free (url);

  return with_version;
}

/**
 * ft_provider_build_url:
 * @self: a #FtProvider
 * @path: a call path starting with `/`, possibly with a query string
 *
 * Returns: (transfer full): the full URL of the call, with the
 *   `api-version` parameter for Azure
 */
char *
ft_provider_build_url (FtProvider *self,
                       const char *path)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  url = g_strconcat (self->base_url ? self->base_url : "", path, NULL);
  return append_api_version (self, g_steal_pointer (&url));
}

/**
 * ft_provider_build_chat_url:
 * @self: a #FtProvider
 * @model: the model (Azure: the deployment name)
 *
 * Returns: (transfer full): the chat completions URL; Azure uses
 *   `/deployments/<model>/chat/completions`
 */
char *
ft_provider_build_chat_url (FtProvider *self,
                            const char *model)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FT_IS_PROVIDER (self), NULL);

  if (self->auth_style != FT_AUTH_STYLE_AZURE)
    return ft_provider_build_url (self, "/chat/completions");

  escaped = g_uri_escape_string (model ? model : "", ":", FALSE);
  path = g_strdup_printf ("/deployments/%s/chat/completions", escaped);
  return ft_provider_build_url (self, path);
}
