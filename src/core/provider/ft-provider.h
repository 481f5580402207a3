/* ft-provider.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FtAuthStyle:
 * @FT_AUTH_STYLE_BEARER: `Authorization: Bearer <key>` (OpenAI, Nebius,
 *   most compatible servers)
 * @FT_AUTH_STYLE_AZURE: Azure OpenAI: an `api-key: <key>` header, the
 *   `api-version` query parameter on every call and deployment-style chat
 *   paths (`/deployments/<model>/chat/completions`)
 * @FT_AUTH_STYLE_NONE: no key at all (local chat servers); a key set on
 *   the client is still sent as a bearer token
 *
 * How a provider wants the API key and its paths.
 */
typedef enum
{
  FT_AUTH_STYLE_BEARER,
  FT_AUTH_STYLE_AZURE,
  FT_AUTH_STYLE_NONE,
} FtAuthStyle;

/**
 * FtProviderCapabilities:
 * @FT_PROVIDER_CAP_NONE: nothing beyond chat completions
 * @FT_PROVIDER_CAP_FINE_TUNING: files and fine-tuning jobs at all
 * @FT_PROVIDER_CAP_SUPERVISED: the `supervised` method
 * @FT_PROVIDER_CAP_DPO: the `dpo` method
 * @FT_PROVIDER_CAP_REINFORCEMENT: the `reinforcement` method
 * @FT_PROVIDER_CAP_PAUSE_RESUME: pausing and resuming jobs
 * @FT_PROVIDER_CAP_CHECKPOINTS: listing job checkpoints
 * @FT_PROVIDER_CAP_UPLOADS_API: the multi-part Uploads API for large files
 * @FT_PROVIDER_CAP_MODEL_LISTING: `GET /models`
 *
 * What a provider offers; the UI hides what is missing, and the client
 * refuses calls that need a missing capability with
 * %FT_CLIENT_ERROR_UNSUPPORTED.
 */
typedef enum /*< flags >*/
{
  FT_PROVIDER_CAP_NONE          = 0,
  FT_PROVIDER_CAP_FINE_TUNING   = 1 << 0,
  FT_PROVIDER_CAP_SUPERVISED    = 1 << 1,
  FT_PROVIDER_CAP_DPO           = 1 << 2,
  FT_PROVIDER_CAP_REINFORCEMENT = 1 << 3,
  FT_PROVIDER_CAP_PAUSE_RESUME  = 1 << 4,
  FT_PROVIDER_CAP_CHECKPOINTS   = 1 << 5,
  FT_PROVIDER_CAP_UPLOADS_API   = 1 << 6,
  FT_PROVIDER_CAP_MODEL_LISTING = 1 << 7,
} FtProviderCapabilities;

/* Preset ids, for ft_provider_new_from_preset(). */
#define FT_PROVIDER_PRESET_OPENAI    "openai"
#define FT_PROVIDER_PRESET_AZURE     "azure"
#define FT_PROVIDER_PRESET_NEBIUS    "nebius"
#define FT_PROVIDER_PRESET_CUSTOM    "custom"
#define FT_PROVIDER_PRESET_OLLAMA    "ollama"
#define FT_PROVIDER_PRESET_LLAMA_CPP "llama-cpp"
#define FT_PROVIDER_PRESET_VLLM      "vllm"

#define FT_TYPE_AUTH_STYLE            (ft_auth_style_get_type ())
#define FT_TYPE_PROVIDER_CAPABILITIES (ft_provider_capabilities_get_type ())
#define FT_TYPE_PROVIDER              (ft_provider_get_type ())

GType ft_auth_style_get_type            (void) G_GNUC_CONST;
GType ft_provider_capabilities_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (FtProvider, ft_provider, FT, PROVIDER, GObject)

FtProvider         *ft_provider_new              (void) G_GNUC_WARN_UNUSED_RESULT;
FtProvider         *ft_provider_new_from_preset  (const char  *preset) G_GNUC_WARN_UNUSED_RESULT;
FtProvider         *ft_provider_new_from_variant (GVariant    *variant,
                                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;
FtProvider         *ft_provider_copy             (FtProvider  *self) G_GNUC_WARN_UNUSED_RESULT;
const char * const *ft_provider_get_preset_ids   (void);
GVariant           *ft_provider_to_variant       (FtProvider  *self) G_GNUC_WARN_UNUSED_RESULT;

const char             *ft_provider_get_id                (FtProvider             *self);
void                    ft_provider_set_id                (FtProvider             *self,
                                                           const char             *id);
const char             *ft_provider_get_preset            (FtProvider             *self);
const char             *ft_provider_get_display_name      (FtProvider             *self);
void                    ft_provider_set_display_name      (FtProvider             *self,
                                                           const char             *display_name);
const char             *ft_provider_get_base_url          (FtProvider             *self);
void                    ft_provider_set_base_url          (FtProvider             *self,
                                                           const char             *base_url);
FtAuthStyle             ft_provider_get_auth_style        (FtProvider             *self);
void                    ft_provider_set_auth_style        (FtProvider             *self,
                                                           FtAuthStyle             auth_style);
const char             *ft_provider_get_api_version       (FtProvider             *self);
void                    ft_provider_set_api_version       (FtProvider             *self,
                                                           const char             *api_version);
const char             *ft_provider_get_organization      (FtProvider             *self);
void                    ft_provider_set_organization      (FtProvider             *self,
                                                           const char             *organization);
const char             *ft_provider_get_project           (FtProvider             *self);
void                    ft_provider_set_project           (FtProvider             *self,
                                                           const char             *project);
FtProviderCapabilities  ft_provider_get_capabilities      (FtProvider             *self);
void                    ft_provider_set_capabilities      (FtProvider             *self,
                                                           FtProviderCapabilities  capabilities);
gboolean                ft_provider_has_capability        (FtProvider             *self,
                                                           FtProviderCapabilities  capability);
const char             *ft_provider_get_price_table       (FtProvider             *self);
void                    ft_provider_set_price_table       (FtProvider             *self,
                                                           const char             *price_table);
const char             *ft_provider_get_new_jobs_end_date (FtProvider             *self);
void                    ft_provider_set_new_jobs_end_date (FtProvider             *self,
                                                           const char             *date);
gboolean                ft_provider_get_needs_key         (FtProvider             *self);

gboolean  ft_provider_accepts_new_jobs_on (FtProvider  *self,
                                           GDateTime   *when);
gboolean  ft_provider_is_loopback         (FtProvider  *self);
gboolean  ft_provider_check_base_url      (FtProvider  *self,
                                           GError     **error);
char     *ft_provider_build_url           (FtProvider  *self,
                                           const char  *path) G_GNUC_WARN_UNUSED_RESULT;
char     *ft_provider_build_chat_url      (FtProvider  *self,
                                           const char  *model) G_GNUC_WARN_UNUSED_RESULT;

gboolean ft_host_is_loopback (const char *host);

G_END_DECLS
