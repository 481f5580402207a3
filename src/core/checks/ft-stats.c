/* ft-stats.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-stats"

#include "config.h"

#include "ft-stats.h"

#include <math.h>
#include <string.h>

/* Below this many values a comparison sort is faster than the radix sort. */
#define RADIX_SORT_THRESHOLD 64

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* An LSD radix sort over the 8 bytes of the values, with the sign bit
 * flipped so that negative numbers sort first. Passes where every value has
 * the same byte are skipped, so small token counts take two or three passes.
 */
static void
radix_sort (gint64 *values,
            gsize   n_values)
{
  g_autofree guint64 *keys = NULL;
  g_autofree guint64 *scratch = NULL;
  gsize counts[8][256];
  guint64 *src;
  guint64 *dst;

  keys = g_new (guint64, n_values);
  scratch = g_new (guint64, n_values);
  memset (counts, 0, sizeof counts);

  for (gsize i = 0; i < n_values; i++)
    {
      guint64 key = (guint64)values[i] ^ G_GUINT64_CONSTANT (0x8000000000000000);

      keys[i] = key;
      for (guint b = 0; b < 8; b++)
        counts[b][(key >> (8 * b)) & 0xff]++;
    }

  src = keys;
  dst = scratch;

  for (guint b = 0; b < 8; b++)
    {
      gsize offsets[256];
      gsize total = 0;
      guint64 *tmp;

      if (counts[b][(src[0] >> (8 * b)) & 0xff] == n_values)
        continue;

      for (guint d = 0; d < 256; d++)
        {
          offsets[d] = total;
          total += counts[b][d];
        }

      for (gsize i = 0; i < n_values; i++)
        dst[offsets[(src[i] >> (8 * b)) & 0xff]++] = src[i];

      tmp = src;
      src = dst;
      dst = tmp;
    }

  for (gsize i = 0; i < n_values; i++)
    values[i] = (gint64)(src[i] ^ G_GUINT64_CONSTANT (0x8000000000000000));
}

/**
 * ft_stats_sort:
 * @values: (array length=n_values): the values
 * @n_values: how many
 *
 * Sorts @values in ascending order, in place.
 */
void
ft_stats_sort (gint64 *values,
               gsize   n_values)
{
  g_return_if_fail (values != NULL || n_values == 0);

  if (n_values < RADIX_SORT_THRESHOLD)
    qsort (values, n_values, sizeof (gint64), compare_int64);
  else
    radix_sort (values, n_values);
}

/**
 * ft_stats_quantile:
 * @sorted: (array length=n_values): values in ascending order
 * @n_values: how many, at least 1
 * @q: the quantile, from 0 to 1
 *
 * Computes `numpy.quantile (values, q)` with numpy's default "linear"
 * method, using the interpolation numpy uses since 1.22: it has two
 * branches, and which one is taken changes the last digit (for
 * `[2, 2, 3, 3, 9]` at 0.9 it gives 6.6000000000000005, not 6.6).
 *
 * Returns: the quantile
 */
double
ft_stats_quantile (const gint64 *sorted,
                   gsize         n_values,
                   double        q)
{
  double h;
  double g;
  gsize lo;
  gsize hi;
  double a;
  double d;

  g_return_val_if_fail (sorted != NULL, 0.0);
  g_return_val_if_fail (n_values > 0, 0.0);

  h = (double)(n_values - 1) * q;

  if (h >= (double)(n_values - 1))
    {
      lo = hi = n_values - 1;
    }
  else if (h <= 0)
    {
      lo = 0;
      hi = n_values > 1 ? 1 : 0;
    }
  else
    {
      lo = (gsize)floor (h);
      hi = lo + 1;
    }

  g = h - (double)lo;
  a = (double)sorted[lo];
  /* numpy subtracts in the integer type, then multiplies in double. */
  d = (double)(sorted[hi] - sorted[lo]);

  if (g >= 0.5)
    return (double)sorted[hi] - d * (1.0 - g);
  else
    return a + d * g;
}

/**
 * ft_series_stats_compute:
 * @values: (array length=n_values): the values; sorted in place
 * @n_values: how many
 * @stats: (out caller-allocates): where to store the result
 *
 * Computes what the notebook's `print_distribution` prints for a series:
 * min, max, mean, median and the 10th and 90th percentiles, each exactly as
 * numpy computes it.
 *
 * Returns: %FALSE when there are no values (numpy raises there); @stats
 *   is then zeroed
 */
gboolean
ft_series_stats_compute (gint64        *values,
                         gsize          n_values,
                         FtSeriesStats *stats)
{
  gint64 sum = 0;

  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);

  if (n_values == 0)
    return FALSE;

  ft_stats_sort (values, n_values);

  for (gsize i = 0; i < n_values; i++)
    sum += values[i];

  stats->n = n_values;
  stats->min = values[0];
  stats->max = values[n_values - 1];
  stats->sum = sum;
  stats->mean = (double)sum / (double)n_values;

  if (n_values % 2 == 1)
    stats->median = (double)values[n_values / 2];
  else
    stats->median = ((double)values[n_values / 2 - 1] + (double)values[n_values / 2]) / 2.0;

  stats->p10 = ft_stats_quantile (values, n_values, 0.1);
  stats->p90 = ft_stats_quantile (values, n_values, 0.9);

  return TRUE;
}

/**
 * ft_stats_format_double:
 * @value: a number
 *
 * Formats @value as Python's `repr` (and so `print`) does: the shortest
 * decimal that reads back to the same double, `.0` kept on integral
 * values, positional notation for decimal exponents from -4 to 15 and
 * exponent notation with a sign and at least two exponent digits outside
 * that range ("1e-05", "1.5e+16"). It does not depend on the locale.
 *
 * Returns: (transfer full): the text
 */
char *
ft_stats_format_double (double value)
{
  char buf[64];
  char digits[32];
  gsize n_digits = 0;
  gboolean negative;
  const char *p;
  int exponent;
  int decpt;
  GString *out;

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (value == 0)
    return g_strdup (signbit (value) ? "-0.0" : "0.0");

  /* The shortest precision whose correctly rounded output reads back. */
  for (int precision = 0; precision < 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is now "-d.ddde±xx": collect the digits and the exponent. */
  p = buf;
  negative = *p == '-';
  if (negative)
    p++;

  for (; *p != 'e' && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) && n_digits < sizeof digits - 1)
        digits[n_digits++] = *p;
    }
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  exponent = *p == 'e' ? atoi (p + 1) : 0;
  decpt = exponent + 1;

  out = g_string_new (negative ? "-" : "");

  if (decpt <= -4 || decpt > 16)
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (decpt <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -decpt; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else if ((gsize)decpt < n_digits)
    {
      g_string_append_len (out, digits, decpt);
      g_string_append_c (out, '.');
      g_string_append (out, digits + decpt);
    }
  else
    {
      g_string_append (out, digits);
      for (gsize i = n_digits; i < (gsize)decpt; i++)
        g_string_append_c (out, '0');
      g_string_append (out, ".0");
    }

  return g_string_free (out, FALSE);
}
