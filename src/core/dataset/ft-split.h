/* ft-split.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-dataset.h"

G_BEGIN_DECLS

gboolean  ft_split_parse_percentage (const char     *text,
                                     double         *fraction,
                                     GError        **error);
guint     ft_split_count_validation (guint           n_examples,
                                     double          fraction);
guint8   *ft_split_plan             (guint           n_examples,
                                     double          fraction,
                                     guint64         seed,
                                     guint          *n_validation) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ft_split_dataset          (FtDataset      *dataset,
                                     double          fraction,
                                     guint64         seed,
                                     FtDataset     **train,
                                     FtDataset     **validation,
                                     GError        **error);
gboolean  ft_split_file             (GFile          *input,
                                     double          fraction,
                                     guint64         seed,
                                     GFile          *train,
                                     GFile          *validation,
                                     guint          *n_train,
                                     guint          *n_validation,
                                     GCancellable   *cancellable,
                                     GError        **error);

G_END_DECLS
