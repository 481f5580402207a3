/* ft-error.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"

G_DEFINE_QUARK (ft-client-error-quark, ft_client_error)
G_DEFINE_QUARK (ft-dataset-error-quark, ft_dataset_error)
G_DEFINE_QUARK (ft-tokenizer-error-quark, ft_tokenizer_error)
