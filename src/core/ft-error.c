/* ft-error.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"

/* FT_CLIENT_ERROR is an extended error domain: each error carries what the
 * server said about it, so the UI can show the request id in the details
 * and react to the API's error code without parsing the message.
 */
typedef struct
{
  guint  status;
  char  *request_id;
  char  *api_type;
  char  *api_code;
  char  *api_param;
} FtClientErrorPrivate;

/* The private data sits just before the GError, aligned the way
 * G_DEFINE_EXTENDED_ERROR() computes it; that macro is not used because
 * it would name the quark "FtClientError".
 */
static FtClientErrorPrivate *
private_of (const GError *error)
{
  const gsize sa = 2 * sizeof (gsize);
  const gsize as = (sizeof (FtClientErrorPrivate) + (sa - 1)) & -sa;

  return (FtClientErrorPrivate *)(((guint8 *)error) - as);
}

static void
ft_client_error_private_init (FtClientErrorPrivate *priv)
{
}

static void
ft_client_error_private_copy (const FtClientErrorPrivate *src,
                              FtClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->request_id = g_strdup (src->request_id);
  dest->api_type = g_strdup (src->api_type);
  dest->api_code = g_strdup (src->api_code);
  dest->api_param = g_strdup (src->api_param);
}

static void
ft_client_error_private_clear (FtClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->api_type, g_free);
  g_clear_pointer (&priv->api_code, g_free);
  g_clear_pointer (&priv->api_param, g_free);
}

static void
ft_client_error_private_init_cb (GError *error)
{
  ft_client_error_private_init (private_of (error));
}

static void
ft_client_error_private_copy_cb (const GError *src_error,
                                 GError       *dest_error)
{
  ft_client_error_private_copy (private_of (src_error),
                                private_of (dest_error));
}

static void
ft_client_error_private_clear_cb (GError *error)
{
  ft_client_error_private_clear (private_of (error));
}

GQuark
ft_client_error_quark (void)
{
  static GQuark quark;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      quark = g_error_domain_register_static ("ft-client-error-quark",
                                              sizeof (FtClientErrorPrivate),
                                              ft_client_error_private_init_cb,
                                              ft_client_error_private_copy_cb,
                                              ft_client_error_private_clear_cb);
      g_once_init_leave (&initialized, 1);
    }

  return quark;
}

G_DEFINE_QUARK (ft-dataset-error-quark, ft_dataset_error)
G_DEFINE_QUARK (ft-tokenizer-error-quark, ft_tokenizer_error)

static FtClientErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != FT_CLIENT_ERROR)
    return NULL;

  return private_of (error);
}

/**
 * ft_client_error_get_status:
 * @error: a #GError
 *
 * Returns: the HTTP status of the answer that caused @error, or 0 when
 *   there was no answer or @error is not in %FT_CLIENT_ERROR.
 */
guint
ft_client_error_get_status (const GError *error)
{
  FtClientErrorPrivate *priv = get_private (error);

  return priv ? priv->status : 0;
}

/**
 * ft_client_error_get_request_id:
 * @error: a #GError
 *
 * Returns: (nullable): the `x-request-id` of the answer, to quote when
 *   asking the provider for help.
 */
const char *
ft_client_error_get_request_id (const GError *error)
{
  FtClientErrorPrivate *priv = get_private (error);

  return priv ? priv->request_id : NULL;
}

/**
 * ft_client_error_get_api_type:
 * @error: a #GError
 *
 * Returns: (nullable): the API's `error.type`, e.g. `invalid_request_error`.
 */
const char *
ft_client_error_get_api_type (const GError *error)
{
  FtClientErrorPrivate *priv = get_private (error);

  return priv ? priv->api_type : NULL;
}

/**
 * ft_client_error_get_api_code:
 * @error: a #GError
 *
 * Returns: (nullable): the API's `error.code`, e.g. `invalid_api_key` or
 *   `insufficient_quota`.
 */
const char *
ft_client_error_get_api_code (const GError *error)
{
  FtClientErrorPrivate *priv = get_private (error);

  return priv ? priv->api_code : NULL;
}

/**
 * ft_client_error_get_api_param:
 * @error: a #GError
 *
 * Returns: (nullable): the API's `error.param`: the request field that was
 *   wrong, e.g. `training_file`.
 */
const char *
ft_client_error_get_api_param (const GError *error)
{
  FtClientErrorPrivate *priv = get_private (error);

  return priv ? priv->api_param : NULL;
}

/**
 * ft_client_error_set_details:
 * @error: a #GError in %FT_CLIENT_ERROR
 * @status: the HTTP status, or 0
 * @request_id: (nullable): the `x-request-id`
 * @api_type: (nullable): the API's `error.type`
 * @api_code: (nullable): the API's `error.code`
 * @api_param: (nullable): the API's `error.param`
 *
 * Attaches what the server said to @error. Used by the client.
 */
void
ft_client_error_set_details (GError     *error,
                             guint       status,
                             const char *request_id,
                             const char *api_type,
                             const char *api_code,
                             const char *api_param)
{
  FtClientErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == FT_CLIENT_ERROR);

  priv = private_of (error);
  ft_client_error_private_clear (priv);
  priv->status = status;
  priv->request_id = g_strdup (request_id);
  priv->api_type = g_strdup (api_type);
  priv->api_code = g_strdup (api_code);
  priv->api_param = g_strdup (api_param);
}
