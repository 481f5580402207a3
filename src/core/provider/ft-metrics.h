/* ft-metrics.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FT_TYPE_METRICS (ft_metrics_get_type ())

G_DECLARE_FINAL_TYPE (FtMetrics, ft_metrics, FT, METRICS, GObject)

FtMetrics *ft_metrics_new_from_csv (GBytes  *bytes,
                                    GError **error) G_GNUC_WARN_UNUSED_RESULT;

guint               ft_metrics_get_n_rows  (FtMetrics  *self);
const char * const *ft_metrics_get_columns (FtMetrics  *self);
gboolean            ft_metrics_has_column  (FtMetrics  *self,
                                            const char *column);
const double       *ft_metrics_get_series  (FtMetrics  *self,
                                            const char *column,
                                            guint      *n_values);

G_END_DECLS
