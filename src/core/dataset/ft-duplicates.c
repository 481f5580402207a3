/* ft-duplicates.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-duplicates"

#include "config.h"

#include "ft-duplicates.h"

#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"

#include <math.h>
#include <string.h>

/* What "duplicate" means, for the whole app: `exemplar-cli dedupe`, the
 * validator's findings (`exemplar-cli validate`, the editor) and the
 * overlap of a validation file with its training file all key examples
 * with ft_duplicate_append_json_key(), defined here once.
 *
 * Exact key: the canonical JSON of the line: object members sorted by
 * name (the last of duplicate names wins, as in parsers), strings with
 * one escaping, numbers by value (1.0 and 1 are the same). A line that is
 * not valid JSON is keyed by its bytes.
 *
 * Near key: what the model is trained on, compared loosely. For a chat
 * line ("messages"), each message in order gives its role (exactly), its
 * text ("content" as a string, or the text of its "text" parts; other
 * parts such as images exactly) and its "tool_calls" and "function_call"
 * (exactly, in canonical form: key order and spacing do not matter).
 * Text is compared after Unicode NFC normalization and full case folding
 * (so "Straße" is "STRASSE" and "é" is "e" + U+0301), with every run of
 * white space (any Unicode space: tabs, line breaks, no-break spaces)
 * made one space and none at either end. Everything else is left out:
 * other keys of a message ("name", "weight", "tool_call_id"), and other
 * keys of the example ("tools", "functions", "parallel_tool_calls",
 * metadata). A preference line gives its input messages, then its
 * preferred and its non-preferred output ("_completion" spellings too); a
 * prompt/completion line its two texts. Any other shape falls back to the
 * exact key, so an exact duplicate is always a near one.
 *
 * The finder keeps only a 128-bit digest (SHA-256, cut) of each key with
 * the line numbers, so it holds about 80 bytes per distinct example
 * whatever their size; the validator keeps 64-bit hashes of the keys.
 */

#define DIGEST_SIZE 16

struct _FtDuplicateGroup
{
  gatomicrefcount  ref_count;
  GArray          *lines;   /* guint64 */
};

G_DEFINE_BOXED_TYPE (FtDuplicateGroup, ft_duplicate_group,
                     ft_duplicate_group_ref, ft_duplicate_group_unref)

G_DEFINE_ENUM_TYPE (FtDuplicateMode, ft_duplicate_mode,
  G_DEFINE_ENUM_VALUE (FT_DUPLICATE_EXACT, "exact"),
  G_DEFINE_ENUM_VALUE (FT_DUPLICATE_NEAR, "near"))

typedef struct
{
  guint8   digest[DIGEST_SIZE];
  guint64  first_line;
  GArray  *copies;   /* guint64; NULL until a copy is seen */
} Entry;

struct _FtDuplicateFinder
{
  GObject          parent_instance;

  GHashTable      *entries;   /* Entry → Entry */
  FtDuplicateMode  mode;
  guint            n_lines;
  guint            n_duplicates;
};

G_DEFINE_FINAL_TYPE (FtDuplicateFinder, ft_duplicate_finder, G_TYPE_OBJECT)

/* The decoded text of a JSON string. Most strings have no escape: their
 * text is then the span's own, uncopied.
 */
typedef struct
{
  const char *text;
  gsize       length;
  char       *owned;
} Text;

static void
text_init (Text             *text,
           const FtJsonSpan *string)
{
  const char *body = string->text + 1;
  gsize length = string->length >= 2 ? string->length - 2 : 0;

  if (memchr (body, '\\', length) == NULL)
    {
      text->text = body;
      text->length = length;
      text->owned = NULL;
      return;
    }

  /* "\u0000" decodes as U+FFFD, so the text has no NUL. */
  text->owned = ft_json_span_dup_string (string, G_MAXSIZE, NULL);
  text->text = text->owned;
  text->length = strlen (text->owned);
}

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->owned, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Text, text_clear)

/* Appends a JSON string in its one canonical spelling: the spelling of
 * ft_json_append_string() for the decoded text (as ft_json_span_dup_string()
 * decodes it), without decoding it first. Text without escapes in the
 * line is spelt that way already.
 */
static void
append_canonical_string (GString          *out,
                         const FtJsonSpan *string)
{
  const char *p = string->text + 1;
  const char *end = string->text + (string->length >= 2 ? string->length - 1 : 1);
  const char *other;

  /* Escapes other than "\\/" and "\\u" are spelt canonically already, so
   * most strings are copied whole.
   */
  for (other = memchr (p, '\\', end - p);
       other != NULL && other + 1 < end && other[1] != '/' && other[1] != 'u';
       other = other + 2 < end ? memchr (other + 2, '\\', end - (other + 2)) : NULL)
    ;
  if (other == NULL)
    {
      g_string_append_len (out, string->text, string->length);
      return;
    }

  g_string_append_c (out, '"');
  while (p < end)
    {
      const char *escape = memchr (p, '\\', end - p);
      gsize escape_length;
      gunichar c;

      if (escape == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, escape - p);
      p = escape;

      if (end - p < 2)
        break;

      switch (p[1])
        {
        case '/':
          g_string_append_c (out, '/');
          p += 2;
          continue;

        case 'u':
          break;

        default:
          /* \", \\, \b, \f, \n, \r and \t are canonical already. */
          g_string_append_len (out, p, 2);
          p += 2;
          continue;
        }

      c = ft_json_read_unicode_escape (p, end, &escape_length);
      if (escape_length == 0)
        {
          p += 2;
          continue;
        }
      p += escape_length;
      if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_unichar (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* Canonical JSON */

static void append_canonical (GString          *out,
                              const FtJsonSpan *value);

typedef struct
{
  Text        name;
  FtJsonSpan  name_span;
  FtJsonSpan  value;
} Member;

static int
compare_names (const Member *a,
               const Member *b)
{
  int cmp = memcmp (a->name.text, b->name.text, MIN (a->name.length, b->name.length));

  if (cmp != 0)
    return cmp;

  return a->name.length < b->name.length ? -1 : a->name.length > b->name.length;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return compare_names (a, b);
}

static void
append_canonical_object (GString          *out,
                         const FtJsonSpan *value)
{
  Member small[16];
  g_autoptr(GArray) members = NULL;
  Member *array = small;
  guint n = 0;
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan member_value;
  guint written = 0;

  ft_json_iter_init_object (&iter, value->text, value->length);
  while (ft_json_iter_next_member (&iter, &name, &member_value))
    {
      Member member;

      text_init (&member.name, &name);
      member.name_span = name;
      member.value = member_value;

      if (n < G_N_ELEMENTS (small))
        {
          small[n++] = member;
          continue;
        }
      if (members == NULL)
        {
          members = g_array_sized_new (FALSE, FALSE, sizeof (Member), 2 * n);
          g_array_append_vals (members, small, n);
        }
      g_array_append_val (members, member);
      n++;
    }
  if (members != NULL)
    array = (Member *)(gpointer)members->data;

  /* A stable sort keeps duplicate names in file order; the last wins. */
  if (n > 1)
    g_qsort_with_data (array, n, sizeof (Member), (GCompareDataFunc)compare_members, NULL);

  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      Member *member = &array[i];

      if (i + 1 >= n || compare_names (member, &array[i + 1]) != 0)
        {
          if (written++ > 0)
            g_string_append_c (out, ',');
          append_canonical_string (out, &member->name_span);
          g_string_append_c (out, ':');
          append_canonical (out, &member->value);
        }
      text_clear (&member->name);
    }
  g_string_append_c (out, '}');
}

static void
append_canonical_number (GString          *out,
                         const FtJsonSpan *value)
{
  g_autofree char *text = g_strndup (value->text, value->length);
  double number;

  if (strpbrk (text, ".eE") == NULL)
    {
      g_string_append (out, strcmp (text, "-0") == 0 ? "0" : text);
      return;
    }

  number = g_ascii_strtod (text, NULL);
  if (number == floor (number) && fabs (number) < 9007199254740992.0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)number);
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), number);

      ft_json_append_node (out, node);
    }
}

static void
append_canonical (GString          *out,
                  const FtJsonSpan *value)
{
  switch (value->length > 0 ? value->text[0] : 'n')
    {
    case '{':
      append_canonical_object (out, value);
      break;

    case '[':
      {
        FtJsonIter iter;
        FtJsonSpan element;
        guint n = 0;

        g_string_append_c (out, '[');
        ft_json_iter_init_array (&iter, value->text, value->length);
        while (ft_json_iter_next_element (&iter, &element))
          {
            if (n++ > 0)
              g_string_append_c (out, ',');
            append_canonical (out, &element);
          }
        g_string_append_c (out, ']');
      }
      break;

    case '"':
      append_canonical_string (out, value);
      break;

    case 't':
    case 'f':
    case 'n':
      g_string_append_len (out, value->text, value->length);
      break;

    default:
      append_canonical_number (out, value);
      break;
    }
}

/* Near keys */

/* Whether a text may be cut before @p without changing its NFC form: an
 * ASCII character, a kana or a CJK ideograph never composes with what
 * precedes it.
 */
static gboolean
is_safe_cut (const char *p)
{
  gunichar c;

  if ((guchar)*p < 0x80)
    return TRUE;

  c = g_utf8_get_char (p);

  return (c >= 0x3040 && c <= 0x3096)
         || (c >= 0x30A1 && c <= 0x30FA)
         || (c >= 0x4E00 && c <= 0x9FFF);
}

/* Whether a character is its own NFC form whatever surrounds it: it
 * neither decomposes nor combines (no combining marks, no singletons such
 * as U+212B ANGSTROM SIGN, no Hangul jamo). Covers Latin, Cyrillic, Arabic
 * letters, CJK, Hangul syllables, full-width forms, punctuation and emoji;
 * anything else goes through g_utf8_normalize().
 */
static inline gboolean
is_nfc_stable (gunichar c)
{
  return c < 0x0300
         || (c >= 0x0400 && c <= 0x0482)
         || (c >= 0x048A && c <= 0x052F)
         || (c >= 0x0600 && c <= 0x064A)
         || (c >= 0x2002 && c <= 0x2125)
         || (c >= 0x212C && c <= 0x2328)
         || (c >= 0x232B && c <= 0x2BFF)
         || (c >= 0x3000 && c <= 0x3098)
         || (c >= 0x309B && c <= 0x9FFF)
         || (c >= 0xAC00 && c <= 0xD7A3)
         || (c >= 0xFE00 && c <= 0xFE0F)
         || (c >= 0xFF00 && c <= 0xFFEF)
         || (c >= 0x1F000 && c <= 0x1FAFF);
}

static gboolean
is_nfc_stable_text (const char *text,
                    gsize       length)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      guint64 word;

      /* Eight ASCII bytes at a time. */
      if (end - p >= 8 && (memcpy (&word, p, 8),
                           (word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0))
        {
          p += 8;
          continue;
        }
      if ((guchar)*p < 0x80)
        {
          p++;
          continue;
        }
      if (!is_nfc_stable (g_utf8_get_char (p)))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

/* NFC in pieces: g_utf8_normalize() moves the rest of its buffer for each
 * composition, which takes minutes on a 20 MB text, and it is slow on any
 * text, so pieces that are NFC already are copied.
 */
static char *
normalize_nfc (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *piece = NULL;
      gsize ascii = 0;

      /* Runs of ASCII need no work, except the last character, which a
       * combining mark after it may change.
       */
      while ((guchar)end[ascii] != '\0' && (guchar)end[ascii] < 0x80)
        ascii++;
      if (end[ascii] == '\0')
        {
          g_string_append_len (out, p, ascii);
          break;
        }
      if (ascii > 1)
        {
          g_string_append_len (out, p, ascii - 1);
          p += ascii - 1;
        }

      /* Otherwise up to about 4 KB, cut where it is safe. */
      end = g_utf8_next_char (p);
      while (*end != '\0' && ((end - p) < 4096 || !is_safe_cut (end)) && (end - p) < 65536)
        end = g_utf8_next_char (end);

      if (is_nfc_stable_text (p, end - p))
        {
          g_string_append_len (out, p, end - p);
          p = end;
          continue;
        }

      piece = g_utf8_normalize (p, end - p, G_NORMALIZE_NFC);
      if (piece != NULL)
        g_string_append (out, piece);
      else
        g_string_append_len (out, p, end - p);
      p = end;
    }

  return g_string_free (out, FALSE);
}

/* Case folding of the characters U+0080 to U+07FF (two bytes in UTF-8:
 * Latin, Greek, Cyrillic, Hebrew, Arabic), worked out once with
 * g_utf8_casefold(), which maps each character on its own.
 */
typedef struct
{
  guint8 length;      /* of the folded text */
  guint8 space : 1;
  guint8 stable : 1;  /* is_nfc_stable () */
  char   folded[6];
} FoldEntry;

#define FOLD_FIRST 0x80
#define FOLD_LAST  0x7FF

static FoldEntry fold_table[FOLD_LAST - FOLD_FIRST + 1];

static void
init_fold_table (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  for (gunichar c = FOLD_FIRST; c <= FOLD_LAST; c++)
    {
      FoldEntry *entry = &fold_table[c - FOLD_FIRST];
      char utf8[6];
      int n = g_unichar_to_utf8 (c, utf8);
      g_autofree char *folded = g_utf8_casefold (utf8, n);
      gsize length = strlen (folded);

      if (length > sizeof entry->folded)
        g_error ("Unexpected case folding of U+%04X", c);
      entry->length = length;
      entry->space = g_unichar_isspace (c);
      entry->stable = is_nfc_stable (c);
      memcpy (entry->folded, folded, length);
    }

  g_once_init_leave (&done, 1);
}

/* ASCII bytes folded: letters in lower case, white space as a space. */
static const char ascii_fold[128] = {
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, ' ', ' ', ' ', ' ', ' ', 0x0e, 0x0f,
  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
  ' ', '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '@', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '[', '\\', ']', '^', '_',
  '`', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~', 0x7f,
};

/* Characters of three or four bytes that have no case and are not white
 * space, so that folding leaves them as they are (checked against
 * g_utf8_casefold() and g_unichar_isspace() one by one): CJK, kana,
 * Hangul syllables, punctuation, arrows, symbols, dingbats, full-width
 * punctuation, variation selectors and emoji. Letterlike symbols, Roman
 * numerals and circled letters have case, and are not here.
 */
static inline gboolean
is_caseless (gunichar c)
{
  return (c >= 0x3001 && c <= 0x9FFF)
         || (c >= 0xAC00 && c <= 0xD7A3)
         || (c >= 0x1F000 && c <= 0x1FAFF)
         || (c >= 0x2010 && c <= 0x2027)
         || (c >= 0x2030 && c <= 0x205E)
         || (c >= 0x2190 && c <= 0x23FF)
         || (c >= 0x2500 && c <= 0x27BF)
         || (c >= 0x2900 && c <= 0x2BFF)
         || (c >= 0xFE00 && c <= 0xFE0F)
         || (c >= 0xFF01 && c <= 0xFF20)
         || (c >= 0xFF3B && c <= 0xFF40)
         || (c >= 0xFF5B && c <= 0xFF65);
}

/* Folded text is written at out->str[*pos]; makes room for @length more
 * bytes there.
 */
static inline void
make_room (GString *out,
           gsize    pos,
           gsize    length)
{
  if (pos + length > out->len)
    g_string_set_size (out, MAX (pos + length, out->len + out->len / 2));
}

/* Writes folded text that is not white space. */
static inline void
put_text (GString    *out,
          gsize      *pos,
          gboolean   *last_space,
          const char *text,
          gsize       length)
{
  make_room (out, *pos, length);
  memcpy (out->str + *pos, text, length);
  *pos += length;
  *last_space = FALSE;
}

/* Writes white space: one space for a run of it. */
static inline void
put_space (GString  *out,
           gsize    *pos,
           gboolean *last_space)
{
  if (*last_space)
    return;
  make_room (out, *pos, 1);
  out->str[(*pos)++] = ' ';
  *last_space = TRUE;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
#define LOWS  G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F)

/* For eight ASCII bytes: the high bit of each byte that is 0. */
static inline guint64
zero_bytes (guint64 word)
{
  return ~(((word & LOWS) + LOWS) | word | LOWS);
}

/* Whether the eight bytes at @p fold to themselves: ASCII, no upper-case
 * letter, no white space but single spaces (none first after white space),
 * and no backslash when @escaped.
 */
static inline gboolean
folds_to_itself (const guchar *p,
                 gboolean      after_space,
                 gboolean      escaped)
{
  guint64 word;
  guint64 spaces;

  memcpy (&word, p, sizeof word);
  word = GUINT64_FROM_LE (word);

  /* Above 0x7F, or below 0x20 (controls, tabs and line breaks). */
  if ((word & HIGHS) != 0 || ((word - 0x20 * ONES) & HIGHS) != 0)
    return FALSE;
  /* 'A' to 'Z': above 0x40 and below 0x5B. */
  if ((((word + (0x7F - 0x40) * ONES) & ~(word + (0x7F - 0x5A) * ONES)) & HIGHS) != 0)
    return FALSE;
  if (escaped && zero_bytes (word ^ ('\\' * ONES)) != 0)
    return FALSE;

  spaces = zero_bytes (word ^ (' ' * ONES));
  if ((spaces & (spaces << 8)) != 0 || (after_space && (spaces & 0x80) != 0))
    return FALSE;

  return TRUE;
}

/* What the escapes other than "\\u" stand for, folded. */
static const char escape_fold[128] = {
  ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
  ['f'] = ' ', ['n'] = ' ', ['r'] = ' ', ['t'] = ' ',
};

/* Appends @text case-folded, with every run of white space one space and
 * none at either end. With @escaped, @text is the inside of a JSON string
 * with no "\\u" escapes, read as decoded. With @check, gives up (returning
 * %FALSE, with @out partly written) at a character that NFC normalization
 * may change; otherwise the text must be NFC already.
 */
static gboolean
append_folded_text (GString    *out,
                    const char *text,
                    gsize       length,
                    gboolean    escaped,
                    gboolean    check)
{
  const char *p = text;
  const char *end = text + length;
  gsize start = out->len;
  gsize pos = start;
  /* TRUE at the start, so that no space leads. */
  gboolean last_space = TRUE;
  gboolean ok = TRUE;

  while (p < end)
    {
      guchar c = *p;

      /* A run of ASCII, the common case. Each byte is written; a space
       * after a space is written over again.
       */
      if (c < 0x80)
        {
          /* Locals, so that the loop runs in registers. */
          const guchar *q = (const guchar *)p;
          const guchar *stop = (const guchar *)end;
          gboolean was_space = last_space;
          char *dest;
          char *d;

          make_room (out, pos, (end - p) + 1);
          d = dest = out->str + pos;
          while (q < stop && *q < 0x80)
            {
              char folded;
              gboolean is_space;

              /* Eight bytes that fold to themselves are copied whole. */
              if (stop - q >= 8 && folds_to_itself (q, was_space, escaped))
                {
                  memcpy (d, q, 8);
                  was_space = q[7] == ' ';
                  d += 8;
                  q += 8;
                  continue;
                }

              folded = ascii_fold[*q++];
              if (G_UNLIKELY (folded == '\\') && escaped && q < stop)
                folded = escape_fold[*q++ & 0x7F];
              is_space = folded == ' ';

              *d = folded;
              d += !(is_space & was_space);
              was_space = is_space;
            }
          pos += d - dest;
          last_space = was_space;
          p = (const char *)q;
          continue;
        }

      /* Two bytes: the table. */
      if (c < 0xE0)
        {
          const FoldEntry *entry = &fold_table[(((c & 0x1F) << 6) | (p[1] & 0x3F)) - FOLD_FIRST];

          if (check && !entry->stable)
            {
              ok = FALSE;
              break;
            }
          if (entry->space)
            put_space (out, &pos, &last_space);
          else
            put_text (out, &pos, &last_space, entry->folded, entry->length);
          p += 2;
          continue;
        }

      /* Longer characters: caseless ones as they are, a run of others
       * case-folded in one call.
       */
      {
        const char *run = p;
        g_autofree char *folded = NULL;
        gboolean caseless = TRUE;

        while (p < end && (guchar)*p >= 0xE0)
          {
            gunichar ch = g_utf8_get_char (p);

            if (check && !is_nfc_stable (ch))
              {
                ok = FALSE;
                break;
              }
            if (!is_caseless (ch))
              caseless = FALSE;
            p = g_utf8_next_char (p);
          }
        if (!ok)
          break;

        if (caseless)
          {
            put_text (out, &pos, &last_space, run, p - run);
            continue;
          }

        folded = g_utf8_casefold (run, p - run);
        for (const char *q = folded; *q != '\0'; q = g_utf8_next_char (q))
          {
            if (g_unichar_isspace (g_utf8_get_char (q)))
              put_space (out, &pos, &last_space);
            else
              put_text (out, &pos, &last_space, q, g_utf8_next_char (q) - q);
          }
      }
    }

  /* No space at the end. */
  if (last_space && pos > start)
    pos--;
  g_string_set_size (out, pos);

  return ok;
}

/* Appends @text NFC-normalized and case-folded, with every run of white
 * space one space and none at either end.
 */
static void
append_normalized (GString    *out,
                   const char *text,
                   gsize       length)
{
  g_autofree char *copy = NULL;
  g_autofree char *composed = NULL;
  gsize start = out->len;

  init_fold_table ();

  /* Most text is NFC already, and is folded as it is. */
  if (append_folded_text (out, text, length, FALSE, TRUE))
    return;

  g_string_truncate (out, start);
  copy = g_strndup (text, length);
  composed = normalize_nfc (copy);
  append_folded_text (out, composed, strlen (composed), FALSE, FALSE);
}

/* Appends the text of a JSON string as append_normalized() does. Without
 * "\\u" escapes it is folded straight from the line.
 */
static void
append_normalized_string (GString          *out,
                          const FtJsonSpan *string)
{
  const char *body = string->text + 1;
  gsize length = string->length >= 2 ? string->length - 2 : 0;
  const char *escape = body;
  gsize start = out->len;
  g_auto(Text) text = { 0 };

  init_fold_table ();

  while ((escape = memchr (escape, '\\', body + length - escape)) != NULL)
    {
      if (escape + 1 < body + length && escape[1] == 'u')
        break;
      escape += 2;
      if (escape >= body + length)
        {
          escape = NULL;
          break;
        }
    }

  if (escape == NULL && append_folded_text (out, body, length, TRUE, TRUE))
    return;

  g_string_truncate (out, start);
  text_init (&text, string);
  append_normalized (out, text.text, text.length);
}

static gboolean
find_member (const FtJsonSpan *object,
             const char       *name,
             FtJsonSpan       *value)
{
  FtJsonIter iter;
  FtJsonSpan member;
  FtJsonSpan candidate;
  gboolean found = FALSE;

  ft_json_iter_init_object (&iter, object->text, object->length);
  while (ft_json_iter_next_member (&iter, &member, &candidate))
    {
      if (ft_json_span_equal (&member, name))
        {
          *value = candidate;
          found = TRUE;
        }
    }

  return found;
}

static void
append_near_text (GString          *out,
                  const FtJsonSpan *content)
{
  if (ft_json_span_is_string (content))
    {
      append_normalized_string (out, content);
    }
  else if (ft_json_span_get_node_type (content) == JSON_NODE_ARRAY)
    {
      FtJsonIter iter;
      FtJsonSpan part;

      ft_json_iter_init_array (&iter, content->text, content->length);
      while (ft_json_iter_next_element (&iter, &part))
        {
          FtJsonSpan type;
          FtJsonSpan text;

          if (find_member (&part, "type", &type) && ft_json_span_equal (&type, "text")
              && find_member (&part, "text", &text) && ft_json_span_is_string (&text))
            append_near_text (out, &text);
          else
            append_canonical (out, &part);
          g_string_append_c (out, ' ');
        }
    }
  else
    {
      append_canonical (out, content);
    }
}

/* What the near key takes from a message, in this order. */
static const char * const message_keys[] = { "role", "content", "tool_calls", "function_call" };

/* Finds the members named in @names (the last of duplicates), in one pass. */
static void
find_members (const FtJsonSpan   *object,
              const char * const  names[G_N_ELEMENTS (message_keys)],
              FtJsonSpan          values[G_N_ELEMENTS (message_keys)],
              gboolean            found[G_N_ELEMENTS (message_keys)])
{
  FtJsonIter iter;
  FtJsonSpan member;
  FtJsonSpan candidate;

  for (guint i = 0; i < G_N_ELEMENTS (message_keys); i++)
    found[i] = FALSE;

  ft_json_iter_init_object (&iter, object->text, object->length);
  while (ft_json_iter_next_member (&iter, &member, &candidate))
    {
      for (guint i = 0; i < G_N_ELEMENTS (message_keys); i++)
        {
          if (ft_json_span_equal (&member, names[i]))
            {
              values[i] = candidate;
              found[i] = TRUE;
              break;
            }
        }
    }
}

static void
append_near_messages (GString          *out,
                      const FtJsonSpan *messages)
{
  FtJsonIter iter;
  FtJsonSpan message;

  if (ft_json_span_get_node_type (messages) != JSON_NODE_ARRAY)
    {
      append_canonical (out, messages);
      return;
    }

  g_string_append_c (out, '[');
  ft_json_iter_init_array (&iter, messages->text, messages->length);
  while (ft_json_iter_next_element (&iter, &message))
    {
      FtJsonSpan values[G_N_ELEMENTS (message_keys)];
      gboolean found[G_N_ELEMENTS (message_keys)];

      if (ft_json_span_get_node_type (&message) != JSON_NODE_OBJECT)
        {
          append_canonical (out, &message);
          g_string_append_c (out, '\x1e');
          continue;
        }

      find_members (&message, message_keys, values, found);
      if (found[0])
        append_canonical (out, &values[0]);
      g_string_append_c (out, '\x1f');
      if (found[1])
        append_near_text (out, &values[1]);
      g_string_append_c (out, '\x1f');
      if (found[2])
        append_canonical (out, &values[2]);
      g_string_append_c (out, '\x1f');
      if (found[3])
        append_canonical (out, &values[3]);
      g_string_append_c (out, '\x1e');
    }
  g_string_append_c (out, ']');
}

static gboolean
append_near (GString          *out,
             const FtJsonSpan *line)
{
  FtJsonSpan value;

  if (ft_json_span_get_node_type (line) != JSON_NODE_OBJECT)
    return FALSE;

  if (find_member (line, "messages", &value))
    {
      g_string_append (out, "chat:");
      append_near_messages (out, &value);
      return TRUE;
    }

  if (find_member (line, "input", &value))
    {
      FtJsonSpan messages;

      g_string_append (out, "preference:");
      if (find_member (&value, "messages", &messages))
        append_near_messages (out, &messages);
      g_string_append (out, "|preferred:");
      if (find_member (line, "preferred_output", &value)
          || find_member (line, "preferred_completion", &value))
        append_near_messages (out, &value);
      g_string_append (out, "|non-preferred:");
      if (find_member (line, "non_preferred_output", &value)
          || find_member (line, "non_preferred_completion", &value))
        append_near_messages (out, &value);
      return TRUE;
    }

  if (find_member (line, "prompt", &value) || find_member (line, "completion", &value))
    {
      g_string_append (out, "prompt:");
      if (find_member (line, "prompt", &value))
        append_near_text (out, &value);
      g_string_append (out, "|completion:");
      if (find_member (line, "completion", &value))
        append_near_text (out, &value);
      return TRUE;
    }

  return FALSE;
}

/**
 * ft_duplicate_append_json_key:
 * @out: where to append the key
 * @json: JSON text that ft_json_validate() accepted, whitespace around it
 *   allowed
 * @length: its length in bytes
 * @mode: the kind of key
 *
 * Appends the key two JSON values share when they are duplicates in @mode
 * (see #FtDuplicateMode). This is the one definition of duplicates: the
 * finder (`exemplar-cli dedupe`) and the validator (`exemplar-cli
 * validate`, the editor's findings) both key examples with it.
 */
void
ft_duplicate_append_json_key (GString         *out,
                              const char      *json,
                              gsize            length,
                              FtDuplicateMode  mode)
{
  FtJsonSpan span;

  g_return_if_fail (out != NULL);
  g_return_if_fail (json != NULL || length == 0);

  span.text = json;
  span.length = length;

  /* The value without the whitespace around it. */
  while (span.length > 0 && g_ascii_isspace (span.text[0]))
    {
      span.text++;
      span.length--;
    }
  while (span.length > 0 && g_ascii_isspace (span.text[span.length - 1]))
    span.length--;

  if (mode == FT_DUPLICATE_NEAR)
    {
      gsize start = out->len;

      if (append_near (out, &span))
        return;
      g_string_truncate (out, start);
    }

  g_string_append (out, "json:");
  append_canonical (out, &span);
}

/**
 * ft_duplicate_key:
 * @line: one JSONL line
 * @length: its length
 * @mode: the kind of key
 *
 * Returns: (transfer full): the key two lines share when they are
 *   duplicates in @mode (see #FtDuplicateMode and
 *   ft_duplicate_append_json_key()); a line that is not valid JSON is
 *   keyed by its bytes, so the key may contain NUL bytes: compare it with
 *   its length from strlen() only for valid JSON
 */
char *
ft_duplicate_key (const char      *line,
                  gsize            length,
                  FtDuplicateMode  mode)
{
  GString *out = g_string_new (NULL);
  FtJsonlLine parsed;

  g_return_val_if_fail (line != NULL || length == 0, NULL);

  {
    /* ft_jsonl_line_init() wants a terminated text. */
    g_autofree char *copy = g_malloc (length + 1);

    memcpy (copy, line, length);
    copy[length] = '\0';

    ft_jsonl_line_init (&parsed, 0, copy, length);
    if (parsed.status == FT_LINE_OK
        && ft_json_validate (line, length, FT_JSONL_MAX_DEPTH, NULL, NULL, NULL))
      {
        ft_duplicate_append_json_key (out, line, length, mode);
        return g_string_free (out, FALSE);
      }
  }

  g_string_append (out, "raw:");
  g_string_append_len (out, line, length);

  return g_string_free (out, FALSE);
}

static void
compute_digest (const char      *line,
                gsize            length,
                FtDuplicateMode  mode,
                guint8          *digest)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *key = NULL;
  guint8 full[32];
  gsize full_length = sizeof full;
  gsize key_length;

  key = ft_duplicate_key (line, length, mode);
  /* Raw keys carry the line's own length. */
  key_length = g_str_has_prefix (key, "raw:") ? 4 + length : strlen (key);

  g_checksum_update (checksum, (const guchar *)key, key_length);
  g_checksum_get_digest (checksum, full, &full_length);
  memcpy (digest, full, DIGEST_SIZE);
}

static guint
entry_hash (gconstpointer data)
{
  const Entry *entry = data;
  guint hash;

  memcpy (&hash, entry->digest, sizeof hash);

  return hash;
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  return memcmp (((const Entry *)a)->digest, ((const Entry *)b)->digest, DIGEST_SIZE) == 0;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->copies, g_array_unref);
  g_free (entry);
}

/* Groups */

/**
 * ft_duplicate_group_ref:
 * @self: a #FtDuplicateGroup
 *
 * Returns: (transfer full): @self
 */
FtDuplicateGroup *
ft_duplicate_group_ref (FtDuplicateGroup *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_duplicate_group_unref:
 * @self: (transfer full): a #FtDuplicateGroup
 */
void
ft_duplicate_group_unref (FtDuplicateGroup *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->lines);
      g_free (self);
    }
}

/**
 * ft_duplicate_group_get_n_lines:
 * @self: a #FtDuplicateGroup
 *
 * Returns: the number of lines in the group (at least 2)
 */
guint
ft_duplicate_group_get_n_lines (FtDuplicateGroup *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->lines->len;
}

/**
 * ft_duplicate_group_get_line:
 * @self: a #FtDuplicateGroup
 * @index: an index
 *
 * Returns: the line number; index 0 is the first occurrence
 */
guint64
ft_duplicate_group_get_line (FtDuplicateGroup *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->lines->len, 0);

  return g_array_index (self->lines, guint64, index);
}

/* Finder */

static void
ft_duplicate_finder_finalize (GObject *object)
{
  FtDuplicateFinder *self = (FtDuplicateFinder *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (ft_duplicate_finder_parent_class)->finalize (object);
}

static void
ft_duplicate_finder_class_init (FtDuplicateFinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_duplicate_finder_finalize;
}

static void
ft_duplicate_finder_init (FtDuplicateFinder *self)
{
  self->entries = g_hash_table_new_full (entry_hash, entry_equal, NULL, entry_free);
}

/**
 * ft_duplicate_finder_new:
 * @mode: exact or near duplicates
 *
 * Returns: (transfer full): a new finder; add lines to it in order
 */
FtDuplicateFinder *
ft_duplicate_finder_new (FtDuplicateMode mode)
{
  FtDuplicateFinder *self = g_object_new (FT_TYPE_DUPLICATE_FINDER, NULL);

  self->mode = mode;

  return self;
}

/**
 * ft_duplicate_finder_get_mode:
 * @self: a #FtDuplicateFinder
 *
 * Returns: the mode
 */
FtDuplicateMode
ft_duplicate_finder_get_mode (FtDuplicateFinder *self)
{
  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), FT_DUPLICATE_EXACT);

  return self->mode;
}

/**
 * ft_duplicate_finder_add:
 * @self: a #FtDuplicateFinder
 * @line: one line (the example's text)
 * @length: its length
 * @line_number: its line number (or any id the caller wants back)
 *
 * Returns: the line number of the earlier example @line duplicates, or 0
 *   when it is the first of its kind
 */
guint64
ft_duplicate_finder_add (FtDuplicateFinder *self,
                         const char        *line,
                         gsize              length,
                         guint64            line_number)
{
  Entry probe;
  Entry *entry;

  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);
  g_return_val_if_fail (line != NULL || length == 0, 0);

  self->n_lines++;
  compute_digest (line, length, self->mode, probe.digest);

  entry = g_hash_table_lookup (self->entries, &probe);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      memcpy (entry->digest, probe.digest, DIGEST_SIZE);
      entry->first_line = line_number;
      g_hash_table_add (self->entries, entry);
      return 0;
    }

  if (entry->copies == NULL)
    entry->copies = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_append_val (entry->copies, line_number);
  self->n_duplicates++;

  return entry->first_line;
}

/**
 * ft_duplicate_finder_lookup:
 * @self: a #FtDuplicateFinder
 * @line: one line
 * @length: its length
 *
 * Looks @line up without adding it, for overlap between a training and a
 * validation file.
 *
 * Returns: the line number of the first added example equal to @line, or
 *   0 when there is none
 */
guint64
ft_duplicate_finder_lookup (FtDuplicateFinder *self,
                            const char        *line,
                            gsize              length)
{
  Entry probe;
  Entry *entry;

  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);
  g_return_val_if_fail (line != NULL || length == 0, 0);

  compute_digest (line, length, self->mode, probe.digest);
  entry = g_hash_table_lookup (self->entries, &probe);

  return entry != NULL ? entry->first_line : 0;
}

/**
 * ft_duplicate_finder_get_n_lines:
 * @self: a #FtDuplicateFinder
 *
 * Returns: how many lines were added
 */
guint
ft_duplicate_finder_get_n_lines (FtDuplicateFinder *self)
{
  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);

  return self->n_lines;
}

/**
 * ft_duplicate_finder_get_n_duplicates:
 * @self: a #FtDuplicateFinder
 *
 * Returns: how many added lines repeat an earlier one
 */
guint
ft_duplicate_finder_get_n_duplicates (FtDuplicateFinder *self)
{
  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);

  return self->n_duplicates;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  FtDuplicateGroup *ga = *(FtDuplicateGroup **)a;
  FtDuplicateGroup *gb = *(FtDuplicateGroup **)b;
  guint64 la = ft_duplicate_group_get_line (ga, 0);
  guint64 lb = ft_duplicate_group_get_line (gb, 0);

  return la < lb ? -1 : la > lb;
}

/**
 * ft_duplicate_finder_dup_groups:
 * @self: a #FtDuplicateFinder
 *
 * Returns: (transfer full) (element-type FtDuplicateGroup): the groups of
 *   two or more equal examples, ordered by their first line
 */
GPtrArray *
ft_duplicate_finder_dup_groups (FtDuplicateFinder *self)
{
  GPtrArray *groups;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify)ft_duplicate_group_unref);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Entry *entry = key;
      FtDuplicateGroup *group;

      if (entry->copies == NULL)
        continue;

      group = g_new0 (FtDuplicateGroup, 1);
      g_atomic_ref_count_init (&group->ref_count);
      group->lines = g_array_sized_new (FALSE, FALSE, sizeof (guint64), entry->copies->len + 1);
      g_array_append_val (group->lines, entry->first_line);
      g_array_append_vals (group->lines, entry->copies->data, entry->copies->len);
      g_ptr_array_add (groups, group);
    }

  g_ptr_array_sort (groups, compare_groups);

  return groups;
}
