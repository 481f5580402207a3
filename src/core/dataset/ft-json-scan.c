/* ft-json-scan.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-json-scan"

#include "config.h"

#include "ft-json-scan.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A strict, non-recursive JSON scanner (RFC 8259). It serves three ends:
 *
 * - ft_json_validate() checks a line before json-glib sees it. json-glib 1.6
 *   is both lenient (it accepts single quotes, comments, hexadecimal and
 *   leading-zero numbers, raw control characters and text after the value)
 *   and recursive (deep nesting overflows the stack), so everything it is
 *   given has passed this check first, which also yields precise messages.
 *   The check also notes lone surrogate escapes, which json-glib 1.6
 *   mangles, so that they can be rewritten before json-glib sees them.
 * - The iterators walk validated text member by member, so the model can
 *   keep the exact text of values it does not understand and read summaries
 *   without building a JsonNode tree.
 * - ft_json_append_node() writes compact JSON with shortest round-trip
 *   doubles (json-glib writes 0.1 as 0.10000000000000001 and infinity as
 *   "inf.0").
 */

typedef enum
{
  SCAN_VALUE,
  SCAN_MEMBER,
  SCAN_AFTER,
} ScanState;

typedef struct
{
  const guchar    *start;
  const guchar    *p;
  const guchar    *end;
  FtJsonScanFlags  flags;
  const guchar    *error_at;
  char            *error;
  char             found[128];
} Scanner;

/* Bytes a string scan must look at: '"', '\\' and control characters. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

static inline gboolean
is_ws (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline const guchar *
skip_ws (const guchar *p,
         const guchar *end)
{
  while (p < end && is_ws (*p))
    p++;
  return p;
}

/* Describes the character at @p for a message: “x”, U+0007, or "the end of
 * the line".
 */
static char *
describe_at (const guchar *p,
             const guchar *end)
{
  guchar c;

  if (p >= end)
    return g_strdup (_("the end of the line"));

  c = *p;
  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf ("U+%04X", c);
  if (c < 0x80)
    return g_strdup_printf ("“%c”", c);

  {
    const char *next = g_utf8_find_next_char ((const char *)p, (const char *)end);
    gsize len = next != NULL ? (gsize)(next - (const char *)p) : (gsize)(end - p);

    if (g_utf8_validate_len ((const char *)p, len, NULL))
      return g_strdup_printf ("“%.*s”", (int)len, (const char *)p);
    return g_strdup_printf (_("byte 0x%02X"), c);
  }
}

static gboolean
fail (Scanner      *s,
      const guchar *at,
      char         *message)
{
  s->error_at = at;
  s->error = message;
  return FALSE;
}

/* Describes the character at @p into a buffer of @s, for messages. */
static const char *
describe (Scanner      *s,
          const guchar *p)
{
  g_autofree char *text = describe_at (p, s->end);

  g_strlcpy (s->found, text, sizeof s->found);

  return s->found;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads four hex digits at @p; -1 when they are not there. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = (value << 4) | digit;
    }

  return value;
}

/* Whether "\\uDC00" to "\\uDFFF" is at @p. */
static inline gboolean
low_surrogate_follows (const guchar *p,
                       const guchar *end)
{
  int low;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return FALSE;

  low = read_hex4 (p + 2, end);

  return low >= 0xDC00 && low <= 0xDFFF;
}

static gboolean
scan_string (Scanner *s)
{
  const guchar *p = s->p + 1;
  const guchar *end = s->end;

  for (;;)
    {
      while (p < end && !string_stop[*p])
        p++;

      if (p >= end)
        return fail (s, p, g_strdup (_("the line ends inside a string")));

      if (*p == '"')
        {
          s->p = p + 1;
          return TRUE;
        }

      if (*p < 0x20)
        {
          g_autofree char *what = describe_at (p, end);

          return fail (s, p,
                       g_strdup_printf (_("control character %s must be written as an escape "
                                          "in a string"),
                                        what));
        }

      /* A backslash. */
      if (p + 1 >= end)
        return fail (s, p, g_strdup (_("the line ends inside a string")));

      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b':
        case 'f': case 'n': case 'r': case 't':
          p += 2;
          break;

        case 'u':
          {
            int unit = read_hex4 (p + 2, end);

            if (unit < 0)
              return fail (s, p,
                           g_strdup (_("invalid “\\u” escape in a string: "
                                       "four hexadecimal digits must follow")));

            if (unit == 0)
              s->flags |= FT_JSON_SCAN_NUL_ESCAPE;

            /* A lone surrogate is valid JSON (RFC 8259 §8.2 leaves its
             * meaning open; Python keeps it), so it is only noted.
             */
            if (unit >= 0xD800 && unit <= 0xDBFF && low_surrogate_follows (p + 6, end))
              {
                p += 12;
              }
            else
              {
                if (unit >= 0xD800 && unit <= 0xDFFF)
                  s->flags |= FT_JSON_SCAN_LONE_SURROGATE;
                p += 6;
              }
          }
          break;

        default:
          {
            g_autofree char *what = describe_at (p + 1, end);

            return fail (s, p,
                         g_strdup_printf (_("invalid escape “\\” followed by %s in a string"),
                                          what));
          }
        }
    }
}

static gboolean
fail_number (Scanner      *s,
             const guchar *start)
{
  const guchar *q = start;
  gsize len;

  /* Show the whole token as typed, up to a delimiter. */
  while (q < s->end && !is_ws (*q) && *q != ',' && *q != ']' && *q != '}' && *q != ':')
    q++;
  len = MIN ((gsize)(q - start), 40);

  return fail (s, start,
               g_strdup_printf (_("invalid number “%.*s”"), (int)len, (const char *)start));
}

static gboolean
scan_number (Scanner *s)
{
  static const char max_int64[] = "9223372036854775807";
  static const char min_int64[] = "9223372036854775808";
  const guchar *start = s->p;
  const guchar *p = start;
  const guchar *end = s->end;
  const guchar *int_start;
  gsize int_digits;
  gboolean negative = FALSE;
  gboolean is_integer = TRUE;
  gboolean has_exponent = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (p >= end || !is_digit (*p))
    return fail_number (s, start);

  int_start = p;
  if (*p == '0')
    {
      p++;
      if (p < end && is_digit (*p))
        return fail (s, start,
                     g_strdup (_("invalid number: leading zeros are not allowed")));
    }
  else
    {
      while (p < end && is_digit (*p))
        p++;
    }
  int_digits = p - int_start;

  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !is_digit (*p))
        return fail_number (s, start);
      while (p < end && is_digit (*p))
        p++;
      is_integer = FALSE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !is_digit (*p))
        return fail_number (s, start);
      while (p < end && is_digit (*p))
        p++;
      is_integer = FALSE;
      has_exponent = TRUE;
    }

  /* A letter or dot glued to the number ("12abc", "1.2.3") is one bad token. */
  if (p < end && (g_ascii_isalpha (*p) || *p == '.' || *p == '_'))
    return fail_number (s, start);

  if (is_integer)
    {
      if (int_digits > 19
          || (int_digits == 19
              && memcmp (int_start, negative ? min_int64 : max_int64, 19) > 0))
        s->flags |= FT_JSON_SCAN_LARGE_NUMBER;
    }
  else if (has_exponent || int_digits > 300)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE + 400];
      gsize len = p - start;

      if (len < sizeof buf)
        {
          memcpy (buf, start, len);
          buf[len] = '\0';
          if (isinf (g_ascii_strtod (buf, NULL)))
            s->flags |= FT_JSON_SCAN_LARGE_NUMBER;
        }
      else
        {
          s->flags |= FT_JSON_SCAN_LARGE_NUMBER;
        }
    }

  s->p = p;
  return TRUE;
}

/* A bare word where a value should be: true/false/null, or a mistake such as
 * True, None, NaN or an unquoted string.
 */
static gboolean
scan_word (Scanner *s)
{
  const guchar *start = s->p;
  const guchar *p = start;
  gsize len;

  while (p < s->end && (g_ascii_isalnum (*p) || *p == '_'))
    p++;
  len = p - start;

  if ((len == 4 && memcmp (start, "true", 4) == 0)
      || (len == 5 && memcmp (start, "false", 5) == 0)
      || (len == 4 && memcmp (start, "null", 4) == 0))
    {
      s->p = p;
      return TRUE;
    }

  return fail (s, start,
               g_strdup_printf (_("unexpected word “%.*s”; a value must be a string in double "
                                  "quotes, a number, an object, an array, true, false or null"),
                                (int)MIN (len, 40), (const char *)start));
}

static gboolean
fail_value (Scanner      *s,
            const guchar *at)
{
  if (at < s->end && *at == '\'')
    return fail (s, at, g_strdup (_("strings must be in double quotes, not single quotes")));

  return fail (s, at, g_strdup_printf (_("expected a value, found %s"), describe (s, at)));
}

static gboolean
fail_unclosed (Scanner *s,
               guchar   open)
{
  if (open == '{')
    return fail (s, s->end,
                 g_strdup (_("the line ends before the object is closed; "
                             "each example must be a whole JSON object on a single line")));

  return fail (s, s->end,
               g_strdup (_("the line ends before the array is closed; "
                           "each example must be a whole JSON object on a single line")));
}

/**
 * ft_json_validate:
 * @text: the JSON text (need not be NUL-terminated)
 * @length: its length in bytes
 * @max_depth: the deepest nesting of objects and arrays allowed
 * @flags: (out) (optional): what was noticed about valid text
 * @error_offset: (out) (optional): the byte offset of the problem
 * @error_message: (out) (optional) (transfer full): a translated message
 *   saying what is wrong, without the position
 *
 * Checks that @text is exactly one JSON value as RFC 8259 defines it, with
 * optional whitespace around it, nested at most @max_depth levels. The text
 * is expected to be valid UTF-8; the reader checks that first.
 *
 * Returns: %TRUE when the text is valid JSON
 */
gboolean
ft_json_validate (const char       *text,
                  gsize             length,
                  guint             max_depth,
                  FtJsonScanFlags  *flags,
                  gsize            *error_offset,
                  char            **error_message)
{
  Scanner s = { 0 };
  guint8 small_stack[64];
  g_autofree guint8 *big_stack = NULL;
  guint8 *stack;
  guint depth = 0;
  ScanState state = SCAN_VALUE;
  gboolean ok = TRUE;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  s.start = (const guchar *)text;
  s.p = s.start;
  s.end = s.start + length;

  if (max_depth <= G_N_ELEMENTS (small_stack))
    stack = small_stack;
  else
    stack = big_stack = g_malloc (max_depth);

  s.p = skip_ws (s.p, s.end);
  if (s.p >= s.end)
    {
      ok = fail (&s, s.p, g_strdup (_("the line holds no JSON value")));
      goto out;
    }

  while (ok)
    {
      switch (state)
        {
        case SCAN_VALUE:
          s.p = skip_ws (s.p, s.end);
          if (s.p >= s.end)
            {
              ok = depth > 0 ? fail_unclosed (&s, stack[depth - 1]) : fail_value (&s, s.p);
              break;
            }

          switch (*s.p)
            {
            case '{':
            case '[':
              if (depth >= max_depth)
                {
                  ok = fail (&s, s.p,
                             g_strdup_printf (ngettext ("the value is nested more than %u "
                                                        "level deep",
                                                        "the value is nested more than %u "
                                                        "levels deep",
                                                        max_depth),
                                              max_depth));
                  break;
                }
              stack[depth++] = *s.p;
              s.p = skip_ws (s.p + 1, s.end);
              if (s.p < s.end && *s.p == (stack[depth - 1] == '{' ? '}' : ']'))
                {
                  s.p++;
                  depth--;
                  state = SCAN_AFTER;
                }
              else
                {
                  state = stack[depth - 1] == '{' ? SCAN_MEMBER : SCAN_VALUE;
                }
              break;

            case '"':
              ok = scan_string (&s);
              state = SCAN_AFTER;
              break;

            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              ok = scan_number (&s);
              state = SCAN_AFTER;
              break;

            default:
              if (g_ascii_isalpha (*s.p))
                ok = scan_word (&s);
              else if (*s.p == ']' && depth > 0 && stack[depth - 1] == '[')
                ok = fail (&s, s.p, g_strdup (_("trailing comma before “]”")));
              else
                ok = fail_value (&s, s.p);
              state = SCAN_AFTER;
              break;
            }
          break;

        case SCAN_MEMBER:
          s.p = skip_ws (s.p, s.end);
          if (s.p >= s.end)
            {
              ok = fail_unclosed (&s, '{');
              break;
            }
          if (*s.p != '"')
            {
              if (*s.p == '}')
                ok = fail (&s, s.p, g_strdup (_("trailing comma before “}”")));
              else if (*s.p == '\'')
                ok = fail (&s, s.p,
                           g_strdup (_("member names must be in double quotes, "
                                       "not single quotes")));
              else
                ok = fail (&s, s.p,
                           g_strdup_printf (_("expected a member name in double quotes, found %s"),
                                            describe (&s, s.p)));
              break;
            }
          if (!(ok = scan_string (&s)))
            break;
          s.p = skip_ws (s.p, s.end);
          if (s.p >= s.end || *s.p != ':')
            {
              if (s.p >= s.end)
                ok = fail_unclosed (&s, '{');
              else
                ok = fail (&s, s.p,
                           g_strdup_printf (_("expected “:” after the member name, found %s"),
                                            describe (&s, s.p)));
              break;
            }
          s.p++;
          state = SCAN_VALUE;
          break;

        case SCAN_AFTER:
          s.p = skip_ws (s.p, s.end);
          if (depth == 0)
            {
              if (s.p < s.end)
                {
                  g_autofree char *found = describe_at (s.p, s.end);

                  ok = fail (&s, s.p,
                             g_strdup_printf (_("unexpected %s after the end of the JSON value; "
                                                "each line must hold exactly one value"),
                                              found));
                }
              goto out;
            }
          if (s.p >= s.end)
            {
              ok = fail_unclosed (&s, stack[depth - 1]);
              break;
            }
          if (*s.p == ',')
            {
              s.p++;
              state = stack[depth - 1] == '{' ? SCAN_MEMBER : SCAN_VALUE;
            }
          else if (*s.p == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              s.p++;
              depth--;
            }
          else if (stack[depth - 1] == '{')
            {
              ok = fail (&s, s.p,
                         g_strdup_printf (_("expected “,” or “}” after an object member, found %s"),
                                          describe (&s, s.p)));
            }
          else
            {
              ok = fail (&s, s.p,
                         g_strdup_printf (_("expected “,” or “]” after an array element, found %s"),
                                          describe (&s, s.p)));
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

out:
  if (flags != NULL)
    *flags = s.flags;

  if (ok)
    {
      if (error_offset != NULL)
        *error_offset = 0;
      if (error_message != NULL)
        *error_message = NULL;
      return TRUE;
    }

  if (error_offset != NULL)
    *error_offset = s.error_at - s.start;
  if (error_message != NULL)
    *error_message = g_steal_pointer (&s.error);
  g_free (s.error);

  return FALSE;
}

/* The next lone surrogate escape at or after @p in validated text, or
 * %NULL. Outside strings valid JSON has no backslash, so every backslash
 * starts an escape.
 */
static const guchar *
next_lone_surrogate (const guchar *p,
                     const guchar *end)
{
  while (p < end && (p = memchr (p, '\\', end - p)) != NULL)
    {
      int unit;

      if (end - p < 6 || p[1] != 'u' || (unit = read_hex4 (p + 2, end)) < 0)
        {
          p += 2;
          continue;
        }

      if (unit >= 0xD800 && unit <= 0xDBFF && low_surrogate_follows (p + 6, end))
        p += 12;
      else if (unit >= 0xD800 && unit <= 0xDFFF)
        return p;
      else
        p += 6;
    }

  return NULL;
}

/**
 * ft_json_find_lone_surrogate:
 * @text: JSON text that ft_json_validate() accepted
 * @length: its length in bytes
 *
 * Finds the first lone surrogate escape, such as "\\ud83d" not followed by
 * a low surrogate escape (half of an emoji), or a low surrogate escape on
 * its own.
 *
 * Returns: (nullable): the backslash of the escape in @text, or %NULL
 */
const char *
ft_json_find_lone_surrogate (const char *text,
                             gsize       length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return (const char *)next_lone_surrogate ((const guchar *)text,
                                            (const guchar *)text + length);
}

/**
 * ft_json_find_nul_escape:
 * @text: JSON text that ft_json_validate() accepted
 * @length: its length in bytes
 *
 * Finds the first escape "\\u0000" (the NUL character) in a string.
 *
 * Returns: (nullable): the backslash of the escape in @text, or %NULL
 */
const char *
ft_json_find_nul_escape (const char *text,
                         gsize       length)
{
  const guchar *end = (const guchar *)text + length;
  const guchar *p = (const guchar *)text;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  /* In valid JSON a backslash only starts an escape of two characters or
   * more, so the next one is at least two bytes further.
   */
  while (p < end && (p = memchr (p, '\\', end - p)) != NULL)
    {
      if (end - p >= 6 && p[1] == 'u' && read_hex4 (p + 2, end) == 0)
        return (const char *)p;
      p += 2;
    }

  return NULL;
}

/**
 * ft_json_replace_lone_surrogates:
 * @text: JSON text that ft_json_validate() accepted, changed in place
 * @length: its length in bytes
 *
 * Rewrites each lone surrogate escape as "\\ufffd", which has the same
 * length. json-glib 1.6 mangles lone surrogates (it drops the byte after
 * "\\ud800", swallows the closing quote after one, and fails on a high
 * surrogate followed by another escape); Python's json keeps them and
 * tiktoken counts each as U+FFFD, so the rewritten text reads as Python
 * would count it. Surrogate pairs are left as they are.
 *
 * Returns: how many escapes were rewritten
 */
gsize
ft_json_replace_lone_surrogates (char  *text,
                                 gsize  length)
{
  const guchar *end = (const guchar *)text + length;
  const guchar *p = (const guchar *)text;
  gsize n = 0;

  g_return_val_if_fail (text != NULL || length == 0, 0);

  while ((p = next_lone_surrogate (p, end)) != NULL)
    {
      memcpy ((char *)p + 2, "fffd", 4);
      p += 6;
      n++;
    }

  return n;
}

/* Iteration over validated text. These functions never read outside the
 * buffer, even when the text is not valid JSON; the results are then
 * meaningless but harmless.
 */

static const char *
skip_string (const char *p,
             const char *end)
{
  /* @p is at the opening quote. */
  p++;
  while (p < end)
    {
      const char *q = memchr (p, '"', end - p);
      const char *b;

      if (q == NULL)
        return end;

      /* Count the backslashes before the quote. */
      b = q;
      while (b > p && b[-1] == '\\')
        b--;
      if (((q - b) & 1) == 0)
        return q + 1;
      p = q + 1;
    }
  return end;
}

static const char *
skip_value (const char *p,
            const char *end)
{
  guint depth = 0;

  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = skip_string (p, end);
          if (depth == 0)
            return p;
          continue;

        case '{':
        case '[':
          depth++;
          p++;
          continue;

        case '}':
        case ']':
          if (depth == 0)
            return p;
          depth--;
          p++;
          if (depth == 0)
            return p;
          continue;

        case ',':
          if (depth == 0)
            return p;
          p++;
          continue;

        case ' ': case '\t': case '\n': case '\r':
          if (depth == 0)
            return p;
          p++;
          continue;

        default:
          p++;
          continue;
        }
    }

  return end;
}

static gboolean
iter_init (FtJsonIter *iter,
           const char *text,
           gsize       length,
           char        open,
           char        close)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end && is_ws (*p))
    p++;

  if (p >= end || *p != open)
    {
      iter->pos = iter->end = end;
      iter->close = close;
      return FALSE;
    }

  iter->pos = p + 1;
  iter->end = end;
  iter->close = close;
  return TRUE;
}

static gboolean
iter_next (FtJsonIter *iter,
           FtJsonSpan *name,
           FtJsonSpan *value)
{
  const char *p = iter->pos;
  const char *end = iter->end;
  const char *v;

  while (p < end && (is_ws (*p) || *p == ','))
    p++;

  if (p >= end || *p == iter->close)
    {
      iter->pos = end;
      return FALSE;
    }

  if (name != NULL)
    {
      const char *q;

      if (*p != '"')
        {
          iter->pos = end;
          return FALSE;
        }
      q = skip_string (p, end);
      name->text = p;
      name->length = q - p;
      p = q;
      while (p < end && (is_ws (*p) || *p == ':'))
        p++;
    }

  v = skip_value (p, end);
  if (v == p)
    {
      /* A stray delimiter; step over it so the walk always advances. */
      iter->pos = p + 1;
      value->text = p;
      value->length = 0;
      return p < end;
    }

  value->text = p;
  value->length = v - p;
  iter->pos = v;
  return TRUE;
}

/**
 * ft_json_iter_init_object:
 * @iter: an iterator to set up
 * @text: validated JSON text
 * @length: its length in bytes
 *
 * Returns: %TRUE when @text is an object; otherwise @iter yields nothing
 */
gboolean
ft_json_iter_init_object (FtJsonIter *iter,
                          const char *text,
                          gsize       length)
{
  g_return_val_if_fail (iter != NULL, FALSE);

  return iter_init (iter, text, length, '{', '}');
}

/**
 * ft_json_iter_next_member:
 * @iter: an iterator from ft_json_iter_init_object()
 * @name: (out): the member name, quotes included
 * @value: (out): the member's value
 *
 * Returns: %TRUE while there are members
 */
gboolean
ft_json_iter_next_member (FtJsonIter *iter,
                          FtJsonSpan *name,
                          FtJsonSpan *value)
{
  g_return_val_if_fail (iter != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return iter_next (iter, name, value);
}

/**
 * ft_json_iter_init_array:
 * @iter: an iterator to set up
 * @text: validated JSON text
 * @length: its length in bytes
 *
 * Returns: %TRUE when @text is an array; otherwise @iter yields nothing
 */
gboolean
ft_json_iter_init_array (FtJsonIter *iter,
                         const char *text,
                         gsize       length)
{
  g_return_val_if_fail (iter != NULL, FALSE);

  return iter_init (iter, text, length, '[', ']');
}

/**
 * ft_json_iter_next_element:
 * @iter: an iterator from ft_json_iter_init_array()
 * @value: (out): the element
 *
 * Returns: %TRUE while there are elements
 */
gboolean
ft_json_iter_next_element (FtJsonIter *iter,
                           FtJsonSpan *value)
{
  g_return_val_if_fail (iter != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return iter_next (iter, NULL, value);
}

/**
 * ft_json_span_get_node_type:
 * @span: a validated value
 *
 * Returns: %JSON_NODE_OBJECT, %JSON_NODE_ARRAY, %JSON_NODE_NULL or
 *   %JSON_NODE_VALUE (strings, numbers and booleans)
 */
JsonNodeType
ft_json_span_get_node_type (const FtJsonSpan *span)
{
  g_return_val_if_fail (span != NULL, JSON_NODE_NULL);

  if (span->length == 0)
    return JSON_NODE_NULL;

  switch (span->text[0])
    {
    case '{':
      return JSON_NODE_OBJECT;
    case '[':
      return JSON_NODE_ARRAY;
    case 'n':
      return JSON_NODE_NULL;
    default:
      return JSON_NODE_VALUE;
    }
}

/**
 * ft_json_span_is_string:
 * @span: a validated value
 *
 * Returns: %TRUE when the value is a string
 */
gboolean
ft_json_span_is_string (const FtJsonSpan *span)
{
  g_return_val_if_fail (span != NULL, FALSE);

  return span->length >= 2 && span->text[0] == '"';
}

/**
 * ft_json_span_is_null:
 * @span: a validated value
 *
 * Returns: %TRUE when the value is null
 */
gboolean
ft_json_span_is_null (const FtJsonSpan *span)
{
  g_return_val_if_fail (span != NULL, FALSE);

  return span->length == 4 && memcmp (span->text, "null", 4) == 0;
}

static void
append_unichar (GString  *out,
                gunichar  c)
{
  char buf[6];
  int len = g_unichar_to_utf8 (c, buf);

  g_string_append_len (out, buf, len);
}

/* Decodes the JSON string at @text (quotes included) into @out, stopping
 * once @out has grown by @max_bytes (rounded down to a whole character).
 */
static void
decode_string (GString    *out,
               const char *text,
               gsize       length,
               gsize       max_bytes,
               gboolean   *had_nul)
{
  const char *p = text + 1;
  const char *end = text + length;
  gsize base = out->len;

  if (length >= 2 && end[-1] == '"')
    end--;

  while (p < end && out->len - base < max_bytes)
    {
      const char *q = p;

      while (q < end && *q != '\\')
        q++;
      if (q > p)
        {
          gsize n = q - p;
          gsize room = max_bytes - (out->len - base);

          if (n > room)
            {
              /* Cut at a character boundary. */
              const char *cut = p + room;

              while (cut > p && ((guchar)*cut & 0xC0) == 0x80)
                cut--;
              g_string_append_len (out, p, cut - p);
              return;
            }
          g_string_append_len (out, p, n);
          p = q;
          continue;
        }

      /* An escape. */
      if (p + 1 >= end)
        break;

      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); p += 2; break;
        case 'f': g_string_append_c (out, '\f'); p += 2; break;
        case 'n': g_string_append_c (out, '\n'); p += 2; break;
        case 'r': g_string_append_c (out, '\r'); p += 2; break;
        case 't': g_string_append_c (out, '\t'); p += 2; break;
        case 'u':
          {
            gsize escape_length;
            gunichar c = ft_json_read_unicode_escape (p, end, &escape_length);

            if (escape_length == 0)
              {
                p += 2;
                break;
              }
            p += escape_length;
            if (c == 0)
              {
                if (had_nul != NULL)
                  *had_nul = TRUE;
                c = 0xFFFD;
              }
            else if (c >= 0xD800 && c <= 0xDFFF)
              {
                c = 0xFFFD;
              }
            if ((gsize)g_unichar_to_utf8 (c, NULL) > max_bytes - (out->len - base))
              return;
            append_unichar (out, c);
          }
          break;
        default:
          g_string_append_c (out, p[1]);
          p += 2;
          break;
        }
    }
}

/**
 * ft_json_read_unicode_escape:
 * @p: the backslash of a "\\uXXXX" escape
 * @end: the end of the text
 * @length: (out): the bytes read: 6, 12 for a surrogate pair, or 0 when
 *   @p holds no "\\u" and four hex digits
 *
 * Reads a "\\u" escape, joining a high and a low surrogate escape into
 * one character. A lone surrogate is returned as it is; the caller
 * decides what stands for it.
 *
 * Returns: the character, or 0 when @length is 0
 */
gunichar
ft_json_read_unicode_escape (const char *p,
                             const char *end,
                             gsize      *length)
{
  int unit;
  int low;

  *length = 0;
  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return 0;

  unit = read_hex4 ((const guchar *)p + 2, (const guchar *)end);
  if (unit < 0)
    return 0;
  *length = 6;

  if (unit < 0xD800 || unit > 0xDBFF || end - p < 12 || p[6] != '\\' || p[7] != 'u')
    return unit;

  low = read_hex4 ((const guchar *)p + 8, (const guchar *)end);
  if (low < 0xDC00 || low > 0xDFFF)
    return unit;
  *length = 12;

  return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
}

/**
 * ft_json_span_dup_string:
 * @span: a validated JSON string, quotes included
 * @max_bytes: the most bytes to decode (G_MAXSIZE for all), cut at a
 *   character boundary
 * @had_nul: (out) (optional): set to %TRUE when the string held "\u0000",
 *   which is replaced by U+FFFD
 *
 * Returns: (transfer full): the decoded UTF-8 text
 */
char *
ft_json_span_dup_string (const FtJsonSpan *span,
                         gsize             max_bytes,
                         gboolean         *had_nul)
{
  GString *out;

  g_return_val_if_fail (span != NULL, NULL);

  if (had_nul != NULL)
    *had_nul = FALSE;

  if (!ft_json_span_is_string (span))
    return g_strdup ("");

  out = g_string_sized_new (MIN (span->length, max_bytes) + 1);
  decode_string (out, span->text, span->length, max_bytes, had_nul);

  return g_string_free (out, FALSE);
}

/**
 * ft_json_span_equal:
 * @span: a validated JSON string, quotes included
 * @utf8: text to compare with
 *
 * Returns: %TRUE when the string decodes to exactly @utf8
 */
gboolean
ft_json_span_equal (const FtJsonSpan *span,
                    const char       *utf8)
{
  gsize len;

  g_return_val_if_fail (span != NULL, FALSE);
  g_return_val_if_fail (utf8 != NULL, FALSE);

  if (!ft_json_span_is_string (span))
    return FALSE;

  len = strlen (utf8);
  if (span->length == len + 2 && memcmp (span->text + 1, utf8, len) == 0)
    return TRUE;

  if (memchr (span->text, '\\', span->length) != NULL)
    {
      g_autofree char *decoded = ft_json_span_dup_string (span, G_MAXSIZE, NULL);

      return strcmp (decoded, utf8) == 0;
    }

  return FALSE;
}

/**
 * ft_json_append_string:
 * @out: where to append
 * @utf8: valid UTF-8 text
 * @length: its length, or -1 when NUL-terminated
 *
 * Appends @utf8 as a JSON string: quoted, with '"', '\\' and control
 * characters escaped and everything else written as is.
 */
void
ft_json_append_string (GString    *out,
                       const char *utf8,
                       gssize      length)
{
  const char *p;
  const char *end;

  g_return_if_fail (out != NULL);
  g_return_if_fail (utf8 != NULL || length == 0);

  if (length < 0)
    length = strlen (utf8);

  p = utf8;
  end = utf8 + length;

  g_string_append_c (out, '"');
  while (p < end)
    {
      const char *q = p;

      while (q < end && !string_stop[(guchar)*q])
        q++;
      g_string_append_len (out, p, q - p);
      if (q >= end)
        break;

      switch (*q)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", (guchar)*q); break;
        }
      p = q + 1;
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* Overflowing numbers such as 1e999 read back as infinity. */
  if (isinf (value))
    {
      g_string_append (out, value > 0 ? "1e999" : "-1e999");
      return;
    }

  /* The shortest digits that read back as the same double... */
  for (int precision = 0; precision < 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* ...laid out as Python's repr() does: positional for exponents from -4
   * to 15, with ".0" on whole numbers, otherwise as d.ddde±XX.
   */
  {
    char digits[32];
    gsize n_digits = 0;
    const char *p = buf;
    gboolean negative = FALSE;
    int exponent;

    if (*p == '-')
      {
        negative = TRUE;
        p++;
      }
    for (; *p != '\0' && *p != 'e' && n_digits < sizeof digits - 1; p++)
      {
        if (g_ascii_isdigit (*p))
          digits[n_digits++] = *p;
      }
    digits[n_digits] = '\0';
    exponent = *p == 'e' ? atoi (p + 1) : 0;

    /* Drop trailing zeros, keeping at least one digit. */
    while (n_digits > 1 && digits[n_digits - 1] == '0')
      digits[--n_digits] = '\0';

    if (negative)
      g_string_append_c (out, '-');

    if (exponent >= -4 && exponent < 16)
      {
        if (exponent >= 0)
          {
            for (int i = 0; i <= exponent; i++)
              g_string_append_c (out, (gsize)i < n_digits ? digits[i] : '0');
            g_string_append_c (out, '.');
            if ((gsize)exponent + 1 < n_digits)
              g_string_append (out, digits + exponent + 1);
            else
              g_string_append_c (out, '0');
          }
        else
          {
            g_string_append (out, "0.");
            for (int i = -1; i > exponent; i--)
              g_string_append_c (out, '0');
            g_string_append (out, digits);
          }
      }
    else
      {
        g_string_append_c (out, digits[0]);
        if (n_digits > 1)
          {
            g_string_append_c (out, '.');
            g_string_append (out, digits + 1);
          }
        g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
      }
  }
}

typedef struct
{
  JsonNode *node;
  GList    *members;
  GList    *next_member;
  guint     index;
} GenFrame;

/**
 * ft_json_append_node:
 * @out: where to append
 * @node: a JSON value
 *
 * Appends @node as compact JSON (no whitespace), keeping the order of
 * object members, with doubles written as the shortest text that reads
 * back to the same value. Does not recurse, so any depth is safe.
 */
void
ft_json_append_node (GString  *out,
                     JsonNode *node)
{
  g_autoptr(GArray) stack = NULL;

  g_return_if_fail (out != NULL);

  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  stack = g_array_new (FALSE, FALSE, sizeof (GenFrame));

  for (;;)
    {
      /* Write @node, or open it when it is a container. */
      if (node != NULL)
        {
          switch (json_node_get_node_type (node))
            {
            case JSON_NODE_NULL:
              g_string_append (out, "null");
              break;

            case JSON_NODE_VALUE:
              switch (json_node_get_value_type (node))
                {
                case G_TYPE_INT64:
                  g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
                  break;
                case G_TYPE_DOUBLE:
                  append_double (out, json_node_get_double (node));
                  break;
                case G_TYPE_BOOLEAN:
                  g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
                  break;
                case G_TYPE_STRING:
                  ft_json_append_string (out, json_node_get_string (node), -1);
                  break;
                default:
                  g_string_append (out, "null");
                  break;
                }
              break;

            case JSON_NODE_OBJECT:
              {
                GenFrame frame = { node, NULL, NULL, 0 };

                frame.members = json_object_get_members (json_node_get_object (node));
                frame.next_member = frame.members;
                g_string_append_c (out, '{');
                g_array_append_val (stack, frame);
              }
              break;

            case JSON_NODE_ARRAY:
              {
                GenFrame frame = { node, NULL, NULL, 0 };

                g_string_append_c (out, '[');
                g_array_append_val (stack, frame);
              }
              break;

            default:
              g_string_append (out, "null");
              break;
            }
          node = NULL;
        }

      if (stack->len == 0)
        return;

      /* Pick the next child of the innermost open container. */
      {
        GenFrame *frame = &g_array_index (stack, GenFrame, stack->len - 1);

        if (JSON_NODE_HOLDS_OBJECT (frame->node))
          {
            if (frame->next_member == NULL)
              {
                g_string_append_c (out, '}');
                g_list_free (frame->members);
                g_array_set_size (stack, stack->len - 1);
                continue;
              }
            if (frame->index++ > 0)
              g_string_append_c (out, ',');
            ft_json_append_string (out, frame->next_member->data, -1);
            g_string_append_c (out, ':');
            node = json_object_get_member (json_node_get_object (frame->node),
                                           frame->next_member->data);
            frame->next_member = frame->next_member->next;
            if (node == NULL)
              g_string_append (out, "null");
          }
        else
          {
            JsonArray *array = json_node_get_array (frame->node);

            if (frame->index >= json_array_get_length (array))
              {
                g_string_append_c (out, ']');
                g_array_set_size (stack, stack->len - 1);
                continue;
              }
            if (frame->index > 0)
              g_string_append_c (out, ',');
            node = json_array_get_element (array, frame->index++);
            if (node == NULL)
              g_string_append (out, "null");
          }
      }
    }
}

/**
 * ft_json_node_to_string:
 * @node: (nullable): a JSON value
 *
 * Returns: (transfer full): @node as compact JSON, see ft_json_append_node()
 */
char *
ft_json_node_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  ft_json_append_node (out, node);

  return g_string_free (out, FALSE);
}

/**
 * ft_json_span_parse:
 * @span: a validated value
 *
 * Parses the value with json-glib. Lone surrogate escapes read as U+FFFD
 * (see ft_json_replace_lone_surrogates()).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if it does not
 *   parse
 */
JsonNode *
ft_json_span_parse (const FtJsonSpan *span)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *fixed = NULL;
  FtJsonScanFlags flags;
  const char *text;
  JsonNode *root;

  g_return_val_if_fail (span != NULL, NULL);

  if (span->length == 0)
    return NULL;

  if (!ft_json_validate (span->text, span->length, 256, &flags, NULL, NULL))
    return NULL;

  text = span->text;
  if (flags & FT_JSON_SCAN_LONE_SURROGATE)
    {
      fixed = g_strndup (span->text, span->length);
      ft_json_replace_lone_surrogates (fixed, span->length);
      text = fixed;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, span->length, NULL))
    return NULL;

  root = json_parser_steal_root (parser);

  return root;
}

/**
 * ft_json_count_columns:
 * @text: UTF-8 text
 * @offset: a byte offset in @text
 *
 * Returns: the 1-based column (in characters) of the byte at @offset
 */
guint
ft_json_count_columns (const char *text,
                       gsize       offset)
{
  guint column = 1;

  g_return_val_if_fail (text != NULL || offset == 0, 1);

  for (gsize i = 0; i < offset; i++)
    {
      if (((guchar)text[i] & 0xC0) != 0x80)
        column++;
    }

  return column;
}
