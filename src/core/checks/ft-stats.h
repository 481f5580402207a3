/* ft-stats.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FtSeriesStats:
 * @n: the number of values
 * @min: the smallest value
 * @max: the largest value
 * @sum: the sum of the values
 * @mean: `sum / n` in double precision, as numpy's `mean`
 * @median: numpy's `median`
 * @p10: numpy's `quantile (values, 0.1)` (the notebook prints it as "p5")
 * @p90: numpy's `quantile (values, 0.9)` (the notebook prints it as "p95")
 *
 * The distribution of one series of integers (messages, tokens, assistant
 * tokens per example), computed exactly as the cookbook notebook's numpy
 * calls compute it.
 */
typedef struct
{
  gsize   n;
  gint64  min;
  gint64  max;
  gint64  sum;
  double  mean;
  double  median;
  double  p10;
  double  p90;
} FtSeriesStats;

gboolean  ft_series_stats_compute  (gint64              *values,
                                    gsize                n_values,
                                    FtSeriesStats       *stats);
double    ft_stats_quantile        (const gint64        *sorted,
                                    gsize                n_values,
                                    double               q);
void      ft_stats_sort            (gint64              *values,
                                    gsize                n_values);

char     *ft_stats_format_double   (double               value) G_GNUC_WARN_UNUSED_RESULT;

/**
 * FtHistogram:
 *
 * Collects a series as counts per distinct value, so that its memory
 * grows with the number of distinct values (token counts repeat a lot),
 * not with the number of examples; the statistics are exactly those of
 * the full series.
 */
typedef struct _FtHistogram FtHistogram;

FtHistogram *ft_histogram_new      (void) G_GNUC_WARN_UNUSED_RESULT;
void         ft_histogram_free     (FtHistogram         *histogram);
void         ft_histogram_add      (FtHistogram         *histogram,
                                    gint64               value);
guint64      ft_histogram_get_n    (FtHistogram         *histogram);
gsize        ft_histogram_get_n_distinct (FtHistogram   *histogram);
gboolean     ft_histogram_compute  (FtHistogram         *histogram,
                                    FtSeriesStats       *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtHistogram, ft_histogram_free)

G_END_DECLS
