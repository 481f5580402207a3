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
 *   that has no more specific code below
 * @FT_CLIENT_ERROR_AUTH: the API key was missing or rejected (401)
 * @FT_CLIENT_ERROR_RATE_LIMITED: too many requests (429)
 * @FT_CLIENT_ERROR_SERVER: the server failed (5xx)
 * @FT_CLIENT_ERROR_INVALID_RESPONSE: the reply could not be understood
 *
 * Errors reported by the provider client.
 */
typedef enum
{
  FT_CLIENT_ERROR_HTTP,
  FT_CLIENT_ERROR_AUTH,
  FT_CLIENT_ERROR_RATE_LIMITED,
  FT_CLIENT_ERROR_SERVER,
  FT_CLIENT_ERROR_INVALID_RESPONSE,
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

GQuark ft_client_error_quark    (void);
GQuark ft_dataset_error_quark   (void);
GQuark ft_tokenizer_error_quark (void);

G_END_DECLS
