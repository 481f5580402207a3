/* test-split.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-error.h"
#include "ft-split.h"

#include <locale.h>
#include <string.h>

static void
test_parse_percentage (void)
{
  static const struct {
    const char *text;
    double      fraction;
  } good[] = {
    { "10%", 0.1 },
    { "10", 0.1 },
    { " 12.5 % ", 0.125 },
    { "0.5%", 0.005 },
    { "99.9", 0.999 },
  };
  static const char * const bad[] = { "0", "0%", "100%", "150", "-5", "abc", "", "%", "10%%",
                                      "nan", "1e3" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      double fraction = 0;

      g_assert_true (ft_split_parse_percentage (good[i].text, &fraction, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (fraction, good[i].fraction, 1e-12);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      double fraction = 0;

      g_assert_false (ft_split_parse_percentage (bad[i], &fraction, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
    }
}

static void
test_count (void)
{
  static const struct {
    guint  n;
    double fraction;
    guint  k;
  } cases[] = {
    { 100, 0.1, 10 },
    { 10, 0.1, 1 },
    { 15, 0.1, 2 },     /* 1.5 rounds up */
    { 14, 0.1, 1 },     /* 1.4 rounds down */
    { 2, 0.01, 1 },     /* at least one */
    { 2, 0.99, 1 },     /* at most n - 1 */
    { 1000, 0.0005, 1 },
    { 1, 0.5, 0 },
    { 0, 0.5, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (ft_split_count_validation (cases[i].n, cases[i].fraction), ==, cases[i].k);
}

/* Expected values computed separately from the algorithm as documented in
 * ft-split.c (SplitMix64, partial Fisher–Yates, rejection sampling), so
 * the split is the same everywhere.
 */
static void
test_plan_vectors (void)
{
  static const struct {
    guint       n;
    double      fraction;
    guint64     seed;
    guint       expected[10];
    guint       n_expected;
  } cases[] = {
    { 20, 0.25, 42, { 2, 6, 8, 13, 16 }, 5 },
    { 7, 0.5, 0, { 1, 2, 3, 6 }, 4 },
    { 100, 0.1, 7, { 1, 5, 25, 33, 34, 44, 58, 62, 70, 87 }, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *plan = NULL;
      guint k = 0;
      guint j = 0;

      plan = ft_split_plan (cases[i].n, cases[i].fraction, cases[i].seed, &k);
      g_assert_cmpuint (k, ==, cases[i].n_expected);

      for (guint index = 0; index < cases[i].n; index++)
        {
          if (plan[index])
            {
              g_assert_cmpuint (j, <, cases[i].n_expected);
              g_assert_cmpuint (index, ==, cases[i].expected[j]);
              j++;
            }
        }
      g_assert_cmpuint (j, ==, k);
    }
}

static void
test_plan_seeds (void)
{
  g_autofree guint8 *a = ft_split_plan (1000, 0.2, 1, NULL);
  g_autofree guint8 *b = ft_split_plan (1000, 0.2, 1, NULL);
  g_autofree guint8 *c = ft_split_plan (1000, 0.2, 2, NULL);
  guint n = 0;

  g_assert_cmpmem (a, 1000, b, 1000);
  g_assert_true (memcmp (a, c, 1000) != 0);
  for (guint i = 0; i < 1000; i++)
    n += a[i];
  g_assert_cmpuint (n, ==, 200);
  g_assert_null (ft_split_plan (0, 0.2, 1, NULL));
}

static void
test_split_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "chinese-medical.chat.jsonl", NULL);
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *train_path = g_build_filename (dir, "train.jsonl", NULL);
  g_autofree char *validation_path = g_build_filename (dir, "validation.jsonl", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GFile) train = g_file_new_for_path (train_path);
  g_autoptr(GFile) validation = g_file_new_for_path (validation_path);
  g_autoptr(GPtrArray) original = ft_test_expected_lines (path);
  g_autoptr(GPtrArray) train_lines = NULL;
  g_autoptr(GPtrArray) validation_lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *plan = NULL;
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtDataset) train_set = NULL;
  g_autoptr(FtDataset) validation_set = NULL;
  guint n_train = 0;
  guint n_validation = 0;
  guint t = 0;
  guint v = 0;

  g_assert_true (ft_split_file (input, 0.1, 7, train, validation, &n_train, &n_validation, NULL,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_train, ==, 90);
  g_assert_cmpuint (n_validation, ==, 10);

  train_lines = ft_test_read_lines (train_path);
  validation_lines = ft_test_read_lines (validation_path);
  g_assert_cmpuint (train_lines->len, ==, 90);
  g_assert_cmpuint (validation_lines->len, ==, 10);

  /* Both files keep the original order and together hold every line. */
  plan = ft_split_plan (100, 0.1, 7, NULL);
  for (guint i = 0; i < original->len; i++)
    {
      GBytes *line = g_ptr_array_index (original, i);

      if (plan[i])
        g_assert_true (g_bytes_equal (line, g_ptr_array_index (validation_lines, v++)));
      else
        g_assert_true (g_bytes_equal (line, g_ptr_array_index (train_lines, t++)));
    }
  /* The documented vector for this file: lines 2, 6, 26, … (0-based 1, 5, 25). */
  g_assert_true (plan[1] && plan[5] && plan[25] && plan[87]);

  /* The dataset split picks the same examples. */
  g_assert_true (ft_dataset_load (dataset, input, NULL, &error));
  g_assert_true (ft_split_dataset (dataset, 0.1, 7, &train_set, &validation_set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (validation_set)), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GBytes) bytes = ft_example_get_bytes (ft_dataset_peek_example (validation_set, i));

      g_assert_true (g_bytes_equal (bytes, g_ptr_array_index (validation_lines, i)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 100);

  ft_test_remove_tree (dir);
}

static void
test_split_errors (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "one.jsonl", "{\"messages\":[]}\n\n", -1);
  g_autofree char *out_path = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent.jsonl");
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;

  g_assert_false (ft_split_file (input, 0.1, 1, out, out, NULL, NULL, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "at least 2"));
  g_clear_error (&error);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  g_assert_false (ft_split_file (missing, 0.1, 1, out, out, NULL, NULL, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent.jsonl"));

  ft_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/split/parse-percentage", test_parse_percentage);
  g_test_add_func ("/ft/split/count", test_count);
  g_test_add_func ("/ft/split/plan-vectors", test_plan_vectors);
  g_test_add_func ("/ft/split/plan-seeds", test_plan_seeds);
  g_test_add_func ("/ft/split/file", test_split_file);
  g_test_add_func ("/ft/split/errors", test_split_errors);

  return g_test_run ();
}
