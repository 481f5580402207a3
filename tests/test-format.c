/* test-format.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
#include "ft-format.h"

#include <locale.h>

static void
test_format_integer (void)
{
  static const struct {
    gint64      value;
    const char *expected;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1,000" },
    { 12345, "12,345" },
    { 100000, "100,000" },
    { 1234567, "1,234,567" },
    { -1234567, "-1,234,567" },
    { G_MAXINT64, "9,223,372,036,854,775,807" },
    { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ft_format_integer (cases[i].value);

      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_format_duration (void)
{
  static const struct {
    double      seconds;
    const char *expected;
  } cases[] = {
    { 0, "0.0 s" },
    { 0.25, "0.2 s" },
    { 9.94, "9.9 s" },
    { 10, "10 s" },
    { 59.4, "59 s" },
    { 61, "1 min 1 s" },
    { 3599, "59 min 59 s" },
    { 3600, "1 h 0 min" },
    { 7500, "2 h 5 min" },
    { -3, "0.0 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ft_format_duration (cases[i].seconds);

      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_error_quarks (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (g_quark_to_string (FT_CLIENT_ERROR), ==, "ft-client-error-quark");
  g_assert_cmpstr (g_quark_to_string (FT_DATASET_ERROR), ==, "ft-dataset-error-quark");
  g_assert_cmpuint (FT_CLIENT_ERROR, !=, FT_DATASET_ERROR);

  error = g_error_new_literal (FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE, "line 3");
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_false (g_error_matches (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_HTTP));
}

int
main (int   argc,
      char *argv[])
{
  /* Numbers are formatted for the C locale: no grouping there, so the
   * English comma is used.
   */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/format/integer", test_format_integer);
  g_test_add_func ("/ft/format/duration", test_format_duration);
  g_test_add_func ("/ft/error/quarks", test_error_quarks);

  return g_test_run ();
}
