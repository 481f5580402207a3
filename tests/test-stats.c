/* test-stats.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-stats.h"

#include <locale.h>
#include <string.h>

static char *
format_quantile (const gint64 *values,
                 gsize         n_values,
                 double        q)
{
  g_autofree gint64 *sorted = g_memdup2 (values, n_values * sizeof (gint64));

  ft_stats_sort (sorted, n_values);
  return ft_stats_format_double (ft_stats_quantile (sorted, n_values, q));
}

static void
test_stats_quantile (void)
{
  /* The notebook's own printed output for the toy file's message counts. */
  static const gint64 toy_messages[] = { 9, 2, 3, 3, 2 };
  static const gint64 pair[] = { 1, 2 };
  static const gint64 one[] = { 7 };
  static const gint64 numpy_doc[] = { 10, 7, 4, 3, 2, 1 };
  char *s;

  s = format_quantile (toy_messages, 5, 0.9);
  g_assert_cmpstr (s, ==, "6.6000000000000005");
  g_free (s);

  s = format_quantile (toy_messages, 5, 0.1);
  g_assert_cmpstr (s, ==, "2.0");
  g_free (s);

  /* h = 0.1: the lower branch, a + d·g. */
  s = format_quantile (pair, 2, 0.1);
  g_assert_cmpstr (s, ==, "1.1");
  g_free (s);

  /* One value: every quantile is that value. */
  s = format_quantile (one, 1, 0.9);
  g_assert_cmpstr (s, ==, "7.0");
  g_free (s);
  s = format_quantile (one, 1, 0.1);
  g_assert_cmpstr (s, ==, "7.0");
  g_free (s);

  /* numpy's documentation: np.quantile([[10, 7, 4], [3, 2, 1]], 0.5) == 3.5 */
  s = format_quantile (numpy_doc, 6, 0.5);
  g_assert_cmpstr (s, ==, "3.5");
  g_free (s);

  /* The extremes are the min and the max. */
  s = format_quantile (numpy_doc, 6, 1.0);
  g_assert_cmpstr (s, ==, "10.0");
  g_free (s);
  s = format_quantile (numpy_doc, 6, 0.0);
  g_assert_cmpstr (s, ==, "1.0");
  g_free (s);
}

static void
test_stats_series (void)
{
  gint64 values[] = { 9, 2, 3, 3, 2 };
  gint64 even[] = { 4, 1, 3, 2 };
  FtSeriesStats stats;
  g_autofree char *mean = NULL;
  g_autofree char *median = NULL;
  g_autofree char *even_median = NULL;

  g_assert_true (ft_series_stats_compute (values, G_N_ELEMENTS (values), &stats));
  g_assert_cmpint (stats.n, ==, 5);
  g_assert_cmpint (stats.min, ==, 2);
  g_assert_cmpint (stats.max, ==, 9);
  g_assert_cmpint (stats.sum, ==, 19);
  mean = ft_stats_format_double (stats.mean);
  median = ft_stats_format_double (stats.median);
  g_assert_cmpstr (mean, ==, "3.8");
  g_assert_cmpstr (median, ==, "3.0");

  g_assert_true (ft_series_stats_compute (even, G_N_ELEMENTS (even), &stats));
  even_median = ft_stats_format_double (stats.median);
  g_assert_cmpstr (even_median, ==, "2.5");

  g_assert_false (ft_series_stats_compute (NULL, 0, &stats));
  g_assert_cmpint (stats.n, ==, 0);
}

static void
test_stats_sort (void)
{
  g_autofree gint64 *values = NULL;
  g_autofree gint64 *copy = NULL;
  const gsize n = 100000;
  guint32 seed = 12345;

  values = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    {
      /* A simple LCG: varied magnitudes and signs, many repeats. */
      seed = seed * 1103515245u + 12345u;
      values[i] = (gint64)(seed >> 8) % 70000 - (i % 97 == 0 ? G_GINT64_CONSTANT (1) << 40 : 0);
    }
  values[7] = G_MAXINT64;
  values[8] = G_MININT64;

  copy = g_memdup2 (values, n * sizeof (gint64));
  ft_stats_sort (values, n);

  for (gsize i = 1; i < n; i++)
    g_assert_cmpint (values[i - 1], <=, values[i]);
  g_assert_cmpint (values[0], ==, G_MININT64);
  g_assert_cmpint (values[n - 1], ==, G_MAXINT64);

  /* Same multiset: the sums agree (wrapping arithmetic is fine here). */
  {
    guint64 a = 0;
    guint64 b = 0;

    for (gsize i = 0; i < n; i++)
      {
        a += (guint64)values[i];
        b += (guint64)copy[i];
      }
    g_assert_cmpuint (a, ==, b);
  }
}

static void
test_stats_format_double (void)
{
  static const struct {
    double      value;
    const char *expected;
  } cases[] = {
    { 1e-05, "1e-05" },
    { 1.5e+16, "1.5e+16" },
    { 1e16, "1e+16" },
    { 9999999999999998.0, "9999999999999998.0" },
    { 0.1, "0.1" },
    { 45.0, "45.0" },
    { 4811.200000000001, "4811.200000000001" },
    { 6.6000000000000005, "6.6000000000000005" },
    { 2.5833333333333335, "2.5833333333333335" },
    { 4.583333333333333, "4.583333333333333" },
    { 0.0001, "0.0001" },
    { 0.00012, "0.00012" },
    { 123456.789, "123456.789" },
    { 1e100, "1e+100" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 5e-324, "5e-324" },
    { -2.5, "-2.5" },
    { 0.0, "0.0" },
    { -0.0, "-0.0" },
    { 1648.4, "1648.4" },
    { 100.0, "100.0" },
    { 1.0 / 3.0, "0.3333333333333333" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ft_stats_format_double (cases[i].value);

      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/stats/quantile", test_stats_quantile);
  g_test_add_func ("/ft/stats/series", test_stats_series);
  g_test_add_func ("/ft/stats/sort", test_stats_sort);
  g_test_add_func ("/ft/stats/format-double", test_stats_format_double);

  return g_test_run ();
}
