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

/* The two order statistics numpy's linear quantile interpolates between,
 * and the weight: the same arithmetic as ft_stats_quantile().
 */
static void
quantile_positions (gsize   n_values,
                    double  q,
                    gsize  *lo,
                    gsize  *hi,
                    double *g)
{
  double h = (double)(n_values - 1) * q;

  if (h >= (double)(n_values - 1))
    {
      *lo = *hi = n_values - 1;
    }
  else if (h <= 0)
    {
      *lo = 0;
      *hi = n_values > 1 ? 1 : 0;
    }
  else
    {
      *lo = (gsize)floor (h);
      *hi = *lo + 1;
    }

  *g = h - (double)*lo;
}

/* numpy >= 1.22's _lerp: two branches, which decide the last digit. The
 * difference is taken in the integer type, then multiplied in double.
 */
static double
interpolate (gint64 a,
             gint64 b,
             double g)
{
  double d = (double)(b - a);

  if (g >= 0.5)
    return (double)b - d * (1.0 - g);
  else
    return (double)a + d * g;
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
  gsize lo;
  gsize hi;
  double g;

  g_return_val_if_fail (sorted != NULL, 0.0);
  g_return_val_if_fail (n_values > 0, 0.0);

  quantile_positions (n_values, q, &lo, &hi, &g);
  return interpolate (sorted[lo], sorted[hi], g);
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

/* Histogram */

typedef struct
{
  gint64  value;
  guint64 count;   /* 0: empty slot */
} HistogramSlot;

struct _FtHistogram
{
  HistogramSlot *slots;
  gsize          mask;
  gsize          n_distinct;
  guint64        n;
};

/**
 * ft_histogram_new:
 *
 * Returns: (transfer full): an empty histogram
 */
FtHistogram *
ft_histogram_new (void)
{
  FtHistogram *histogram = g_new0 (FtHistogram, 1);

  histogram->mask = 255;
  histogram->slots = g_new0 (HistogramSlot, histogram->mask + 1);

  return histogram;
}

/**
 * ft_histogram_free:
 * @histogram: (transfer full) (nullable): a histogram
 */
void
ft_histogram_free (FtHistogram *histogram)
{
  if (histogram == NULL)
    return;

  g_free (histogram->slots);
  g_free (histogram);
}

static inline gsize
histogram_hash (gint64 value)
{
  guint64 h = (guint64)value * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (gsize)(h ^ (h >> 32));
}

static HistogramSlot *
histogram_find (HistogramSlot *slots,
                gsize          mask,
                gint64         value)
{
  gsize i = histogram_hash (value) & mask;

  while (slots[i].count != 0 && slots[i].value != value)
    i = (i + 1) & mask;

  return &slots[i];
}

static void
histogram_grow (FtHistogram *histogram)
{
  HistogramSlot *old = histogram->slots;
  gsize old_size = histogram->mask + 1;

  histogram->mask = old_size * 2 - 1;
  histogram->slots = g_new0 (HistogramSlot, histogram->mask + 1);

  for (gsize i = 0; i < old_size; i++)
    {
      if (old[i].count != 0)
        *histogram_find (histogram->slots, histogram->mask, old[i].value) = old[i];
    }

  g_free (old);
}

/**
 * ft_histogram_add:
 * @histogram: a histogram
 * @value: one more value of the series
 */
void
ft_histogram_add (FtHistogram *histogram,
                  gint64       value)
{
  HistogramSlot *slot;

  g_return_if_fail (histogram != NULL);

  slot = histogram_find (histogram->slots, histogram->mask, value);
  if (slot->count == 0)
    {
      slot->value = value;
      if (++histogram->n_distinct * 2 > histogram->mask)
        {
          slot->count = 1;
          histogram->n++;
          histogram_grow (histogram);
          return;
        }
    }

  slot->count++;
  histogram->n++;
}

/**
 * ft_histogram_get_n:
 * @histogram: a histogram
 *
 * Returns: the number of values added
 */
guint64
ft_histogram_get_n (FtHistogram *histogram)
{
  g_return_val_if_fail (histogram != NULL, 0);

  return histogram->n;
}

/**
 * ft_histogram_get_n_distinct:
 * @histogram: a histogram
 *
 * Returns: the number of distinct values
 */
gsize
ft_histogram_get_n_distinct (FtHistogram *histogram)
{
  g_return_val_if_fail (histogram != NULL, 0);

  return histogram->n_distinct;
}

/* The k-th smallest value (0-based) of the full series. */
static gint64
value_at (const gint64  *values,
          const guint64 *cumulative,
          gsize          n_distinct,
          guint64        k)
{
  gsize lo = 0;
  gsize hi = n_distinct - 1;

  /* The first distinct value whose cumulative count exceeds k. */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (cumulative[mid] > k)
        hi = mid;
      else
        lo = mid + 1;
    }

  return values[lo];
}

/**
 * ft_histogram_compute:
 * @histogram: a histogram
 * @stats: (out caller-allocates): where to store the result
 *
 * Computes exactly what ft_series_stats_compute() computes for the series
 * the histogram was fed.
 *
 * Returns: %FALSE when the histogram is empty; @stats is then zeroed
 */
gboolean
ft_histogram_compute (FtHistogram   *histogram,
                      FtSeriesStats *stats)
{
  g_autofree gint64 *values = NULL;
  g_autofree guint64 *cumulative = NULL;
  gsize n_distinct;
  guint64 n;
  guint64 total = 0;
  gint64 sum = 0;
  gsize j = 0;
  gsize lo;
  gsize hi;
  double g;

  g_return_val_if_fail (histogram != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  n = histogram->n;
  n_distinct = histogram->n_distinct;
  if (n == 0)
    return FALSE;

  values = g_new (gint64, n_distinct);
  for (gsize i = 0; i <= histogram->mask; i++)
    {
      if (histogram->slots[i].count != 0)
        values[j++] = histogram->slots[i].value;
    }
  ft_stats_sort (values, n_distinct);

  cumulative = g_new (guint64, n_distinct);
  for (gsize i = 0; i < n_distinct; i++)
    {
      guint64 count = histogram_find (histogram->slots, histogram->mask, values[i])->count;

      total += count;
      cumulative[i] = total;
      sum += values[i] * (gint64)count;
    }

  stats->n = n;
  stats->min = values[0];
  stats->max = values[n_distinct - 1];
  stats->sum = sum;
  stats->mean = (double)sum / (double)n;

  if (n % 2 == 1)
    stats->median = (double)value_at (values, cumulative, n_distinct, n / 2);
  else
    stats->median = ((double)value_at (values, cumulative, n_distinct, n / 2 - 1) +
                     (double)value_at (values, cumulative, n_distinct, n / 2)) / 2.0;

  quantile_positions (n, 0.1, &lo, &hi, &g);
  stats->p10 = interpolate (value_at (values, cumulative, n_distinct, lo),
                            value_at (values, cumulative, n_distinct, hi), g);
  quantile_positions (n, 0.9, &lo, &hi, &g);
  stats->p90 = interpolate (value_at (values, cumulative, n_distinct, lo),
                            value_at (values, cumulative, n_distinct, hi), g);

  return TRUE;
}
