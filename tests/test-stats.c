/* test-stats.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cost.h"
#include "ft-error.h"
#include "ft-models.h"
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
assert_same_stats (const FtSeriesStats *a,
                   const FtSeriesStats *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpint (a->min, ==, b->min);
  g_assert_cmpint (a->max, ==, b->max);
  g_assert_cmpint (a->sum, ==, b->sum);
  /* Bit for bit, not approximately. */
  g_assert_true (memcmp (&a->mean, &b->mean, sizeof (double)) == 0);
  g_assert_true (memcmp (&a->median, &b->median, sizeof (double)) == 0);
  g_assert_true (memcmp (&a->p10, &b->p10, sizeof (double)) == 0);
  g_assert_true (memcmp (&a->p90, &b->p90, sizeof (double)) == 0);
}

static void
test_stats_histogram (void)
{
  static const gsize sizes[] = { 1, 2, 3, 5, 10, 11, 97, 1000, 54321 };
  guint32 seed = 42;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree gint64 *values = g_new (gint64, n);
      g_autoptr(FtHistogram) histogram = ft_histogram_new ();
      FtSeriesStats from_array;
      FtSeriesStats from_histogram;

      for (gsize i = 0; i < n; i++)
        {
          seed = seed * 1103515245u + 12345u;
          /* Skewed like token counts: many small, a few large, repeats. */
          values[i] = (seed >> 16) % (i % 7 == 0 ? 20000 : 300) + (s % 2 ? -50 : 0);
          ft_histogram_add (histogram, values[i]);
        }

      g_assert_cmpuint (ft_histogram_get_n (histogram), ==, n);
      g_assert_true (ft_series_stats_compute (values, n, &from_array));
      g_assert_true (ft_histogram_compute (histogram, &from_histogram));
      assert_same_stats (&from_array, &from_histogram);
    }

  {
    g_autoptr(FtHistogram) toy = ft_histogram_new ();
    g_autoptr(FtHistogram) empty = ft_histogram_new ();
    FtSeriesStats stats;
    g_autofree char *p90 = NULL;

    /* The notebook's toy message counts. */
    ft_histogram_add (toy, 9);
    ft_histogram_add (toy, 2);
    ft_histogram_add (toy, 3);
    ft_histogram_add (toy, 3);
    ft_histogram_add (toy, 2);
    g_assert_cmpuint (ft_histogram_get_n_distinct (toy), ==, 3);
    g_assert_true (ft_histogram_compute (toy, &stats));
    p90 = ft_stats_format_double (stats.p90);
    g_assert_cmpstr (p90, ==, "6.6000000000000005");

    g_assert_false (ft_histogram_compute (empty, &stats));
    g_assert_cmpuint (stats.n, ==, 0);
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

static void
test_cost_epochs (void)
{
  static const struct {
    guint64 n;
    guint   epochs;
  } cases[] = {
    { 1, 25 }, { 2, 25 }, { 3, 25 }, { 4, 25 }, { 5, 20 }, { 10, 10 },
    { 12, 8 }, { 20, 5 }, { 33, 3 }, { 34, 3 }, { 8333, 3 }, { 8334, 2 },
    { 12500, 2 }, { 12501, 1 }, { 1000000, 1 },
  };
  FtTrainingConstants constants;

  ft_training_constants_init (&constants);
  g_assert_cmpint (constants.max_tokens_per_example, ==, 16385);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (ft_cost_default_epochs (&constants, cases[i].n), ==, cases[i].epochs);

  /* The notebook divides by zero; we say "no epochs". */
  g_assert_cmpuint (ft_cost_default_epochs (&constants, 0), ==, 0);

  g_assert_cmpint (ft_cost_billed_tokens (&constants, 8032), ==, 8032);
  g_assert_cmpint (ft_cost_billed_tokens (&constants, 20000), ==, 16385);
  constants.max_tokens_per_example = FT_NOTEBOOK_TOKEN_LIMIT_BEFORE;
  g_assert_cmpint (ft_cost_billed_tokens (&constants, 8032), ==, 4096);
}

static void
test_cost_estimate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FtPriceTable) table = ft_price_table_new_default (&error);
  FtCostEstimate estimate;
  g_autofree char *amount = NULL;
  g_autofree char *amount2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (ft_price_table_get_n_entries (table), >, 0);
  g_assert_cmpstr (ft_price_table_get_as_of (table), !=, "");

  /* Known: 20 epochs × 8,242 tokens at $3.00 per 1M = $0.49452. */
  ft_cost_estimate (table, "openai", "gpt-4o-mini-2024-07-18", 5, 8242, 20, &estimate);
  g_assert_true (estimate.known);
  g_assert_cmpint (estimate.trained_tokens, ==, 164840);
  g_assert_cmpint (estimate.amount_micros, ==, 494520);
  g_assert_nonnull (estimate.price);
  g_assert_cmpint (estimate.price->max_tokens_per_example, ==, 65536);
  g_assert_cmpstr (estimate.price->currency, ==, "USD");
  amount = ft_cost_format_amount (estimate.amount_micros, estimate.price->currency);
  g_assert_cmpstr (amount, ==, "$0.49");

  /* An alias and a fine-tuned model are priced as the snapshot. */
  ft_cost_estimate (table, "openai", "gpt-4o-mini", 5, 8242, 20, &estimate);
  g_assert_true (estimate.known);
  g_assert_cmpint (estimate.amount_micros, ==, 494520);
  ft_cost_estimate (table,
                    "openai",
                    "ft:gpt-4o-2024-08-06:acme::abc123",
                    100,
                    1000000,
                    3,
                    &estimate);
  g_assert_true (estimate.known);
  g_assert_cmpint (estimate.amount_micros, ==, 75000000);
  amount2 = ft_cost_format_amount (estimate.amount_micros, "USD");
  g_assert_cmpstr (amount2, ==, "$75.00");

  /* Unknown: gpt-4.1 has no stored price. Never a made-up number. */
  ft_cost_estimate (table, "openai", "gpt-4.1-2025-04-14", 5, 8242, 20, &estimate);
  g_assert_false (estimate.known);
  g_assert_cmpint (estimate.amount_micros, ==, 0);
  g_assert_nonnull (estimate.price);
  g_assert_cmpint (estimate.price->unit, ==, FT_PRICE_UNIT_UNKNOWN);

  /* RFT is billed per hour: not a per-token price. */
  ft_cost_estimate (table, "openai", "o4-mini-2025-04-16", 5, 8242, 20, &estimate);
  g_assert_false (estimate.known);
  g_assert_nonnull (estimate.price);
  g_assert_cmpint (estimate.price->unit, ==, FT_PRICE_UNIT_PER_HOUR);
  g_assert_cmpint (estimate.price->micros, ==, 100000000);

  /* Unknown model, unknown provider, no model. */
  ft_cost_estimate (table, "openai", "my-own-model", 5, 8242, 20, &estimate);
  g_assert_false (estimate.known);
  g_assert_null (estimate.price);
  ft_cost_estimate (table, "nebius", "gpt-4o-mini-2024-07-18", 5, 8242, 20, &estimate);
  g_assert_false (estimate.known);
  ft_cost_estimate (table, "openai", NULL, 5, 8242, 20, &estimate);
  g_assert_false (estimate.known);
  g_assert_cmpint (estimate.trained_tokens, ==, 164840);
}

static void
test_cost_format_amount (void)
{
  static const struct {
    gint64      micros;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 0, "USD", "$0.00" },
    { 4999, "USD", "<$0.01" },
    { 5000, "USD", "$0.01" },
    { 494520, NULL, "$0.49" },
    { 495000, "USD", "$0.50" },
    { 123456789012, "USD", "$123456.79" },
    { 12000000, "EUR", "12.00 EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ft_cost_format_amount (cases[i].micros, cases[i].currency);

      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_cost_price_table_errors (void)
{
  static const char *bad[] = {
    "not json",
    "[1, 2]",
    "{\"providers\": 3}",
    "{\"providers\": [{\"id\": \"x\", \"models\": [{\"model\": \"m\", "
    "\"training_per_1m_tokens\": \"cheap\"}]}]}",
    "{\"providers\": [{\"id\": \"x\", \"models\": [{\"model\": \"m\", "
    "\"training_per_1m_tokens\": -1}]}]}",
    "{\"providers\": [{\"id\": \"x\", \"models\": [{\"training_per_1m_tokens\": 1}]}]}",
  };
  static const char *good_table =
    "{\"as_of\": \"2026-01-02\", \"currency\": \"EUR\", \"providers\": "
    "[{\"id\": \"p\", \"models\": [{\"model\": \"m\", \"training_per_1m_tokens\": 1.25}]}]}";
  g_autoptr(GBytes) good = NULL;
  g_autoptr(FtPriceTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const FtPriceEntry *entry;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(FtPriceTable) t = ft_price_table_new_from_bytes (bytes, &local_error);

      g_assert_null (t);
      g_assert_error (local_error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
    }

  good = g_bytes_new_static (good_table, strlen (good_table));
  table = ft_price_table_new_from_bytes (good, &error);
  g_assert_no_error (error);
  entry = ft_price_table_lookup (table, "p", "m");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->micros, ==, 1250000);
  g_assert_cmpstr (entry->currency, ==, "EUR");
  g_assert_cmpstr (entry->as_of, ==, "2026-01-02");
  g_assert_cmpint (entry->max_tokens_per_example, ==, 0);
}

static void
test_models_lookup (void)
{
  const FtModelInfo *info;
  gboolean known = TRUE;
  guint n_models = 0;
  g_autofree char *base = NULL;

  g_assert_nonnull (ft_models_get_all (&n_models));
  g_assert_cmpuint (n_models, >=, 8);

  g_assert_cmpint (ft_models_get_token_limit ("gpt-4o-2024-08-06", &known), ==, 65536);
  g_assert_true (known);
  g_assert_cmpint (ft_models_get_token_limit ("gpt-4o-mini", &known), ==, 65536);
  g_assert_true (known);
  g_assert_cmpint (ft_models_get_token_limit ("gpt-3.5-turbo-0125", &known), ==, 16385);
  g_assert_cmpint (ft_models_get_token_limit ("gpt-3.5-turbo-1106", &known), ==, 16385);
  g_assert_cmpint (ft_models_get_token_limit ("gpt-3.5-turbo-0613", &known), ==, 4096);
  g_assert_true (known);
  g_assert_cmpint (ft_models_get_token_limit ("gpt-4.1-mini-2025-04-14", &known),
                   ==,
                   FT_MODELS_ASSUMED_TOKEN_LIMIT);
  g_assert_false (known);
  g_assert_cmpint (ft_models_get_token_limit ("unheard-of", &known),
                   ==,
                   FT_MODELS_ASSUMED_TOKEN_LIMIT);
  g_assert_false (known);

  info = ft_models_lookup ("ft:gpt-4o-2024-08-06:acme:vision:xyz");
  g_assert_nonnull (info);
  g_assert_cmpstr (info->id, ==, "gpt-4o-2024-08-06");
  g_assert_true (info->methods & FT_METHOD_VISION);
  info = ft_models_lookup ("o4-mini-2025-04-16");
  g_assert_nonnull (info);
  g_assert_cmpint (info->methods, ==, FT_METHOD_REINFORCEMENT);
  g_assert_null (ft_models_lookup ("gpt-5"));

  base = ft_models_get_base_name ("ft:gpt-4.1-2025-04-14:org::id");
  g_assert_cmpstr (base, ==, "gpt-4.1-2025-04-14");
  g_assert_null (ft_models_get_base_name ("gpt-4.1"));
  g_assert_null (ft_models_get_base_name ("ft:"));
}

static void
test_models_shutdown (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 11, 26, 12, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2027, 2, 1, 12, 0, 0);
  g_autofree char *a = ft_models_get_shutdown_notice ("gpt-4o-mini", before);
  g_autofree char *b = ft_models_get_shutdown_notice ("gpt-4o-mini", after);
  g_autofree char *c = ft_models_get_shutdown_notice (NULL, before);
  g_autofree char *d = ft_models_get_shutdown_notice ("gpt-4.1-nano-2025-04-14", before);

  g_assert_nonnull (strstr (a, "2027-01-06"));
  g_assert_nonnull (strstr (a, "gpt-4o-mini-2024-07-18"));
  g_assert_nonnull (strstr (a, "are removed"));
  g_assert_nonnull (strstr (a, "60 days"));
  g_assert_nonnull (strstr (b, "stopped"));
  g_assert_nonnull (strstr (b, "were removed"));
  g_assert_null (strstr (c, "removed"));
  /* The nano date is reported, not from the deprecations page, and past. */
  g_assert_nonnull (strstr (d, "2026-10-23"));
  g_assert_nonnull (strstr (d, "were removed"));
}

/* Threads that load the built-in price table at once, each round in a
 * fresh process: the race is in the first look-up of the compiled-in
 * resources, which a process does only once.
 */
#define N_LOADERS 8
#define N_ROUNDS  60

typedef struct
{
  FtPriceTable *table;
  GError       *error;
} Loader;

static gint start_line;

static gpointer
load_price_table_worker (gpointer data)
{
  Loader *loader = data;

  /* All threads start together. */
  g_atomic_int_inc (&start_line);
  while (g_atomic_int_get (&start_line) < N_LOADERS)
    g_thread_yield ();

  loader->table = ft_price_table_new_default (&loader->error);

  return NULL;
}

static void
test_cost_price_table_concurrent (void)
{
  if (g_test_subprocess ())
    {
      Loader loaders[N_LOADERS] = { { 0 } };
      GThread *threads[N_LOADERS];

      for (guint t = 0; t < N_LOADERS; t++)
        threads[t] = g_thread_new ("test-prices", load_price_table_worker, &loaders[t]);

      for (guint t = 0; t < N_LOADERS; t++)
        {
          g_thread_join (threads[t]);
          g_assert_no_error (loaders[t].error);
          g_assert_true (FT_IS_PRICE_TABLE (loaders[t].table));
          g_assert_cmpuint (ft_price_table_get_n_entries (loaders[t].table), ==,
                            ft_price_table_get_n_entries (loaders[0].table));
        }

      for (guint t = 0; t < N_LOADERS; t++)
        g_object_unref (loaders[t].table);

      return;
    }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
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
  g_test_add_func ("/ft/stats/histogram", test_stats_histogram);
  g_test_add_func ("/ft/stats/format-double", test_stats_format_double);
  g_test_add_func ("/ft/cost/epochs", test_cost_epochs);
  g_test_add_func ("/ft/cost/estimate", test_cost_estimate);
  g_test_add_func ("/ft/cost/format-amount", test_cost_format_amount);
  g_test_add_func ("/ft/cost/price-table-errors", test_cost_price_table_errors);
  g_test_add_func ("/ft/cost/price-table-concurrent", test_cost_price_table_concurrent);
  g_test_add_func ("/ft/models/lookup", test_models_lookup);
  g_test_add_func ("/ft/models/shutdown", test_models_shutdown);

  return g_test_run ();
}
