/* ft-error.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FT_CLIENT_ERROR    (ft_client_error_quark ())
#define FT_DATASET_ERROR   (ft_dataset_error_quark ())
#define FT_TOKENIZER_ERROR (ft_tokenizer_error_quark ())

/**
 * FtClientError:
 * @FT_CLIENT_ERROR_HTTP: the server answered with an HTTP error status
 *   that has no more specific code below (400, 409, 422, …)
 * @FT_CLIENT_ERROR_AUTH: the API key was missing or rejected (401); ask
 *   the user for the key again
 * @FT_CLIENT_ERROR_RATE_LIMITED: too many requests (429) and the retries
 *   did not get through
 * @FT_CLIENT_ERROR_SERVER: the server failed (5xx) and the retries did not
 *   get through
 * @FT_CLIENT_ERROR_INVALID_RESPONSE: the reply could not be understood
 *   (malformed JSON, a missing id, a stream that broke off)
 * @FT_CLIENT_ERROR_QUOTA: 429 with code `insufficient_quota`: a billing
 *   problem that retrying does not fix
 * @FT_CLIENT_ERROR_NOT_FOUND: the id, model or path is unknown (404); drop
 *   the stale id from local state
 * @FT_CLIENT_ERROR_PERMISSION: the key may not do this (403)
 * @FT_CLIENT_ERROR_CONNECTION: the server could not be reached or the
 *   connection broke
 * @FT_CLIENT_ERROR_TIMEOUT: the server stopped answering
 * @FT_CLIENT_ERROR_INSECURE: the key would go over plain HTTP to a host
 *   that is not on this machine; nothing was sent
 * @FT_CLIENT_ERROR_INVALID_ARGUMENT: a value was checked before sending
 *   and is out of range (hyperparameters, suffix, metadata); nothing was
 *   sent
 * @FT_CLIENT_ERROR_UNSUPPORTED: the provider profile does not offer this
 *   (for example pausing a job); nothing was sent
 * @FT_CLIENT_ERROR_NO_KEY: the provider needs an API key and none is set;
 *   nothing was sent
 * @FT_CLIENT_ERROR_TOO_LARGE: the request body was too large (413)
 *
 * Errors reported by the provider client. Errors that come from an HTTP
 * answer also carry the status, the server's error type, code and param
 * and the `x-request-id`; see ft_client_error_get_status() and friends.
 */
typedef enum
{
  FT_CLIENT_ERROR_HTTP,
  FT_CLIENT_ERROR_AUTH,
  FT_CLIENT_ERROR_RATE_LIMITED,
  FT_CLIENT_ERROR_SERVER,
  FT_CLIENT_ERROR_INVALID_RESPONSE,
  FT_CLIENT_ERROR_QUOTA,
  FT_CLIENT_ERROR_NOT_FOUND,
  FT_CLIENT_ERROR_PERMISSION,
  FT_CLIENT_ERROR_CONNECTION,
  FT_CLIENT_ERROR_TIMEOUT,
  FT_CLIENT_ERROR_INSECURE,
  FT_CLIENT_ERROR_INVALID_ARGUMENT,
  FT_CLIENT_ERROR_UNSUPPORTED,
  FT_CLIENT_ERROR_NO_KEY,
  FT_CLIENT_ERROR_TOO_LARGE,
} FtClientError;

/**
 * FtDatasetError:
 * @FT_DATASET_ERROR_PARSE: the data could not be parsed
 * @FT_DATASET_ERROR_IO: the data could not be read or written
 *
 * Errors reported while reading or writing datasets.
 */
typedef enum
{
  FT_DATASET_ERROR_PARSE,
  FT_DATASET_ERROR_IO,
} FtDatasetError;

/**
 * FtTokenizerError:
 * @FT_TOKENIZER_ERROR_DATA: the built-in token ranks are missing or damaged
 * @FT_TOKENIZER_ERROR_PATTERN: the pre-tokenisation pattern did not compile
 *
 * Errors reported while loading a tokenizer. Both mean a broken build, not
 * bad user input.
 */
typedef enum
{
  FT_TOKENIZER_ERROR_DATA,
  FT_TOKENIZER_ERROR_PATTERN,
} FtTokenizerError;

GQuark      ft_client_error_quark          (void);
GQuark      ft_dataset_error_quark         (void);
GQuark      ft_tokenizer_error_quark       (void);

guint       ft_client_error_get_status     (const GError *error);
const char *ft_client_error_get_request_id (const GError *error);
const char *ft_client_error_get_api_type   (const GError *error);
const char *ft_client_error_get_api_code   (const GError *error);
const char *ft_client_error_get_api_param  (const GError *error);
void        ft_client_error_set_details    (GError       *error,
                                            guint         status,
                                            const char   *request_id,
                                            const char   *api_type,
                                            const char   *api_code,
                                            const char   *api_param);

G_END_DECLS
