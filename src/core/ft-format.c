/* ft-format.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-format.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

/* Returns the thousands separator of the current numeric locale. The C and
 * POSIX locales define none; a bare "100000" is hard to read, so they get a
 * comma, which is what the English user interface shows.
 */
static const char *
get_thousands_separator (void)
{
  const struct lconv *lc = localeconv ();

  if (lc->thousands_sep != NULL && lc->thousands_sep[0] != '\0')
    return lc->thousands_sep;

  return ",";
}

/**
 * ft_format_integer:
 * @value: a number
 *
 * Formats @value with groups of three digits, using the thousands separator
 * of the current locale ("100,000" in English, "100.000" in German).
 *
 * Returns: (transfer full): the formatted number
 */
char *
ft_format_integer (gint64 value)
{
  g_autofree char *digits = NULL;
  const char *sep = get_thousands_separator ();
  GString *out;
  gsize len;
  gsize first;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                            value < 0 ? (guint64)0 - (guint64)value : (guint64)value);
  len = strlen (digits);
  out = g_string_sized_new (len + len / 3 * strlen (sep) + 2);

  if (value < 0)
    g_string_append_c (out, '-');

  first = len % 3 == 0 ? 3 : len % 3;
  g_string_append_len (out, digits, first);

  for (gsize i = first; i < len; i += 3)
    {
      g_string_append (out, sep);
      g_string_append_len (out, digits + i, 3);
    }

  return g_string_free (out, FALSE);
}

/**
 * ft_format_duration:
 * @seconds: a duration
 *
 * Formats a duration for people: "45 s", "3 min 20 s", "2 h 5 min".
 *
 * Returns: (transfer full): the duration
 */
char *
ft_format_duration (double seconds)
{
  gint64 s;

  if (seconds < 0 || seconds != seconds)
    seconds = 0;

  if (seconds < 10)
    /* Translators: a short duration in seconds, with one decimal. */
    return g_strdup_printf (_("%.1f s"), seconds);

  s = (gint64)(seconds + 0.5);

  if (s < 60)
    /* Translators: a duration in seconds. */
    return g_strdup_printf (_("%d s"), (int)s);

  if (s < 3600)
    /* Translators: a duration in minutes and seconds. */
    return g_strdup_printf (_("%d min %d s"), (int)(s / 60), (int)(s % 60));

  /* Translators: a duration in hours and minutes. */
  return g_strdup_printf (_("%d h %d min"), (int)(s / 3600), (int)(s % 3600 / 60));
}
