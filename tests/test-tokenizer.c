/* test-tokenizer.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
#include "ft-tokenizer-private.h"
#include "ft-tokenizer.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define N_ENCODINGS 2

/* Decodes the JSON string literal that starts at p (just after its opening
 * quote). json-glib hands out strings as C strings, which loses everything
 * after a "\u0000" escape; one vector starts with one.
 */
static GString *
decode_json_string (const char *p)
{
  GString *out = g_string_new (NULL);

  while (*p != '"')
    {
      g_assert_cmpint (*p, !=, '\0');

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      p++;
      switch (*p)
        {
        case 'b':
          g_string_append_c (out, '\b');
          p++;
          break;
        case 'f':
          g_string_append_c (out, '\f');
          p++;
          break;
        case 'n':
          g_string_append_c (out, '\n');
          p++;
          break;
        case 'r':
          g_string_append_c (out, '\r');
          p++;
          break;
        case 't':
          g_string_append_c (out, '\t');
          p++;
          break;
        case 'u':
          {
            char hex[5] = { 0 };
            gunichar c;

            memcpy (hex, p + 1, 4);
            c = g_ascii_strtoull (hex, NULL, 16);
            p += 5;
            if (c >= 0xd800 && c < 0xdc00)
              {
                gunichar low;

                g_assert_true (p[0] == '\\' && p[1] == 'u');
                memcpy (hex, p + 2, 4);
                low = g_ascii_strtoull (hex, NULL, 16);
                g_assert_true (low >= 0xdc00 && low < 0xe000);
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            g_string_append_unichar (out, c);
          }
          break;
        default:
          g_string_append_c (out, *p++);
          break;
        }
    }

  return out;
}

static FtTokenizer *
get_tokenizer (FtEncoding encoding)
{
  g_autoptr(GError) error = NULL;
  FtTokenizer *tokenizer = ft_tokenizer_get (encoding, &error);

  g_assert_no_error (error);
  g_assert_true (FT_IS_TOKENIZER (tokenizer));
  g_assert_cmpint (ft_tokenizer_get_encoding (tokenizer), ==, encoding);

  return tokenizer;
}

/* Takes ownership of a. */
static void
assert_ids_equal (GArray *a,
                  GArray *b)
{
  g_autoptr(GArray) owned = a;

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpuint (g_array_index (a, guint32, i), ==, g_array_index (b, guint32, i));
}

/* Checks every line of a vectors file, {"encoding", "text", "tokens"},
 * with and without the ASCII shortcut.
 */
static void
check_vectors (const char *name,
               guint       n_per_encoding)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked[2] = { 0, 0 };
  guint n_valid = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(FtTokenizer) tokenizer = NULL;
      g_autoptr(GString) text = NULL;
      g_autoptr(GArray) ids = NULL;
      const char *text_start;
      JsonObject *object;
      JsonArray *tokens;
      FtEncoding encoding;

      if (lines[i][0] == '\0')
        continue;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));

      g_assert_true (ft_encoding_from_string (json_object_get_string_member (object, "encoding"),
                                              &encoding));
      tokenizer = get_tokenizer (encoding);

      text_start = strstr (lines[i], "\"text\":\"");
      g_assert_nonnull (text_start);
      text = decode_json_string (text_start + strlen ("\"text\":\""));
      if (memchr (text->str, '\0', text->len) == NULL)
        g_assert_cmpstr (text->str, ==, json_object_get_string_member (object, "text"));

      tokens = json_object_get_array_member (object, "tokens");
      ids = ft_tokenizer_encode (tokenizer, text->str, text->len);

      if (ids->len != json_array_get_length (tokens))
        g_test_message ("Line %u (%s): %u ids, expected %u",
                        i + 1, ft_encoding_to_string (encoding),
                        ids->len, json_array_get_length (tokens));
      g_assert_cmpuint (ids->len, ==, json_array_get_length (tokens));

      for (guint k = 0; k < ids->len; k++)
        {
          guint32 expected = json_array_get_int_element (tokens, k);

          if (g_array_index (ids, guint32, k) != expected)
            g_test_message ("Line %u (%s): id %u differs",
                            i + 1, ft_encoding_to_string (encoding), k);
          g_assert_cmpuint (g_array_index (ids, guint32, k), ==, expected);
        }

      g_assert_cmpuint (ft_tokenizer_count (tokenizer, text->str, text->len), ==, ids->len);
      /* Text known to be valid counts the same without the check. */
      if (g_utf8_validate_len (text->str, text->len, NULL))
        {
          g_assert_cmpuint (ft_tokenizer_count_valid (tokenizer, text->str, text->len), ==,
                            ids->len);
          n_valid++;
        }
      assert_ids_equal (_ft_tokenizer_encode_reference (tokenizer, text->str, text->len), ids);
      n_checked[encoding]++;
    }

  g_assert_cmpuint (n_checked[FT_ENCODING_CL100K_BASE], ==, n_per_encoding);
  g_assert_cmpuint (n_checked[FT_ENCODING_O200K_BASE], ==, n_per_encoding);
  g_assert_cmpuint (n_valid, >, n_per_encoding);
}

static void
test_tokenizer_vectors (void)
{
  /* PATTERNS.md's vectors: 203 texts, each under both encodings. */
  check_vectors ("tokenizer-vectors.jsonl", 203);
}

static void
test_tokenizer_random_vectors (void)
{
  /* 2,500 random strings of tricky characters, encoded by tiktoken. */
  check_vectors ("tokenizer-random-vectors.jsonl", 2500);
}


/* An independent reference: GRegex with the pattern strings exactly as
 * PATTERNS.md gives them, and tiktoken's quadratic BPE over a GHashTable
 * built straight from the rank files.
 */

static const char * const reference_patterns[] = {
  [FT_ENCODING_CL100K_BASE] =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)"
    "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
    "|\\p{N}{1,3}"
    "| ?[^\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\p{L}\\p{N}]+[\\r\\n]*"
    "|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]*[\\r\\n]+"
    "|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+(?![^\\t\\n\\x0B\\f\\r"
    "\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}"
    "\\x{205F}\\x{3000}])"
    "|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+",
  [FT_ENCODING_O200K_BASE] =
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}"
    "\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
    "|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}"
    "\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
    "|\\p{N}{1,3}"
    "| ?[^\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\p{L}\\p{N}]+[\\r\\n/]*"
    "|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]*[\\r\\n]+"
    "|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+(?![^\\t\\n\\x0B\\f\\r"
    "\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}"
    "\\x{205F}\\x{3000}])"
    "|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}"
    "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+",
};

typedef struct
{
  GRegex     *regex;
  GHashTable *ranks;  /* GBytes → rank + 1 */
} Reference;

static Reference references[2];

static Reference *
get_reference (FtEncoding encoding)
{
  Reference *reference = &references[encoding];
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  if (reference->regex != NULL)
    return reference;

  name = g_strdup_printf ("%s.tiktoken", ft_encoding_to_string (encoding));
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "tokenizer", name, NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  reference->ranks = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                            (GDestroyNotify)g_bytes_unref, NULL);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');
      guchar *bytes;
      gsize length;

      if (lines[i][0] == '\0')
        continue;
      g_assert_nonnull (space);
      *space = '\0';
      bytes = g_base64_decode (lines[i], &length);
      g_hash_table_insert (reference->ranks,
                           g_bytes_new_take (bytes, length),
                           GUINT_TO_POINTER (g_ascii_strtoull (space + 1, NULL, 10) + 1));
    }

  reference->regex = g_regex_new (reference_patterns[encoding], G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);

  return reference;
}

static guint32
reference_rank (Reference    *reference,
                const guint8 *p,
                gsize         n)
{
  g_autoptr(GBytes) key = g_bytes_new_static (p, n);

  return GPOINTER_TO_UINT (g_hash_table_lookup (reference->ranks, key)) - 1;
}

static void
reference_merge (Reference    *reference,
                 const guint8 *piece,
                 gsize         n,
                 GArray       *ids)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 rank = reference_rank (reference, piece, n);

  if (rank != G_MAXUINT32)
    {
      g_array_append_val (ids, rank);
      return;
    }

  for (gsize i = 0; i <= n; i++)
    g_array_append_val (starts, i);
  for (gsize i = 0; i + 1 < n; i++)
    {
      rank = reference_rank (reference, piece + i, 2);
      g_array_append_val (ranks, rank);
    }

#define START(i) g_array_index (starts, gsize, (i))
  for (;;)
    {
      guint32 best = G_MAXUINT32;
      guint at = 0;

      for (guint i = 0; i < ranks->len; i++)
        {
          if (g_array_index (ranks, guint32, i) < best)
            {
              best = g_array_index (ranks, guint32, i);
              at = i;
            }
        }
      if (best == G_MAXUINT32)
        break;

      g_array_remove_index (starts, at + 1);
      g_array_remove_index (ranks, at);
      if (at < ranks->len)
        g_array_index (ranks, guint32, at) =
          reference_rank (reference, piece + START (at), START (at + 2) - START (at));
      if (at > 0)
        g_array_index (ranks, guint32, at - 1) =
          reference_rank (reference, piece + START (at - 1), START (at + 1) - START (at - 1));
    }

  for (guint i = 0; i + 1 < starts->len; i++)
    {
      rank = reference_rank (reference, piece + START (i), START (i + 1) - START (i));
      g_assert_cmpuint (rank, !=, G_MAXUINT32);
      g_array_append_val (ids, rank);
    }
#undef START
}

static GArray *
reference_encode (FtEncoding  encoding,
                  const char *text)
{
  Reference *reference = get_reference (encoding);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize length = strlen (text);
  gsize offset = 0;

  while (offset < length)
    {
      g_autoptr(GMatchInfo) match_info = NULL;
      g_autoptr(GError) error = NULL;
      int start, end;

      g_assert_true (g_regex_match_full (reference->regex, text, length, offset, 0,
                                         &match_info, &error));
      g_assert_no_error (error);
      g_assert_true (g_match_info_fetch_pos (match_info, 0, &start, &end));
      g_assert_cmpint (start, ==, offset);
      g_assert_cmpint (end, >, start);

      reference_merge (reference, (const guint8 *)text + start, end - start, ids);
      offset = end;
    }

  return ids;
}

/* Concatenates the bytes of the tokens. */
static GString *
decode_ids (FtTokenizer *tokenizer,
            GArray      *ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      gsize length;
      guint32 id = g_array_index (ids, guint32, i);
      const guint8 *bytes = ft_tokenizer_get_token_bytes (tokenizer, id, &length);

      g_assert_nonnull (bytes);
      g_string_append_len (out, (const char *)bytes, length);
    }

  return out;
}

/* Characters that exercise the patterns' edges: letters by case class,
 * contractions, ASCII and other digits, every kind of space, marks,
 * symbols, and the characters tiktoken-compatible engines get wrong.
 */
static const char * const tricky_characters[] = {
  "a", "b", "e", "l", "r", "s", "t", "v", "m", "d", "x",
  "A", "B", "L", "S", "T", "R", "D", "Q",
  "'", "'", "'", "\u2019", "\u017f", "\u212a",
  "0", "1", "7", "9", "\u0663", "\u00bd", "\u2167",
  " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1f", "\x01",
  ".", ",", "!", "?", "/", "//", "(", ")", "-", "_", "<|", "|>", "#", "\"", "\\",
  "\u00e9", "\u00c9", "e\u0301", "\u0301", "\u01c5", "\u02b0", "\u00df", "\u0131", "\u0130",
  "\u4e2d", "\u6587", "\u3042", "\ud55c", "\u05d0", "\u0627", "\u0915\u093f",
  "\u00a0", "\xc2\x85", "\u180e", "\u1680", "\u2000", "\u2028", "\u2029", "\u202f", "\u3000",
  "\ufeff", "\u200b", "\u200d", "\u2026", "\u20ac", "\U0001f600", "\U0001f44d\U0001f3fd",
  "\U0001d400", "\ue000",
};

static char *
random_text (guint max_parts)
{
  GString *out = g_string_new (NULL);
  guint n = g_test_rand_int_range (0, max_parts + 1);

  for (guint i = 0; i < n; i++)
    {
      int k = g_test_rand_int_range (0, G_N_ELEMENTS (tricky_characters));

      g_string_append (out, tricky_characters[k]);
    }

  return g_string_free (out, FALSE);
}

static void
test_tokenizer_ascii_shortcut (void)
{
  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);

      for (guint i = 0; i < 30000; i++)
        {
          g_autofree char *text = random_text (24);
          g_autoptr(GPtrArray) fast = _ft_tokenizer_split (tokenizer, text, -1, TRUE);
          g_autoptr(GPtrArray) slow = _ft_tokenizer_split (tokenizer, text, -1, FALSE);

          if (fast->len != slow->len)
            g_test_message ("%s: “%s” splits differently",
                            ft_encoding_to_string (encoding), text);
          g_assert_cmpuint (fast->len, ==, slow->len);
          for (guint k = 0; k < fast->len; k++)
            g_assert_cmpstr (fast->pdata[k], ==, slow->pdata[k]);
        }
    }
}

static void
test_tokenizer_reference (void)
{
  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);

      for (guint i = 0; i < 2000; i++)
        {
          g_autofree char *text = random_text (i < 1900 ? 40 : 400);
          g_autoptr(GArray) expected = reference_encode (encoding, text);
          g_autoptr(GArray) ids = ft_tokenizer_encode (tokenizer, text, -1);

          assert_ids_equal (g_array_ref (ids), expected);
          g_assert_cmpuint (ft_tokenizer_count (tokenizer, text, -1), ==, expected->len);
        }
    }
}

typedef struct
{
  const char *name;
  const char *unit;    /* repeated */
} RepeatedInput;

static const RepeatedInput pathological_inputs[] = {
  { "letter", "a" },
  { "upper-letter", "A" },
  { "mixed-case", "aA" },
  { "space", " " },
  { "newline", "\n" },
  { "space-newline", " \n" },
  { "tab-space", "\t " },
  { "digit", "7" },
  { "digits-spaced", "12345 " },
  { "punctuation", "!" },
  { "slash-newline", "/\n" },
  { "apostrophe", "'" },
  { "contraction", "'s" },
  { "cjk", "\u4e2d" },
  { "emoji", "\U0001f600" },
  { "combining", "a\u0301" },
  { "mixed-scripts", "a\u4e2d1 \u0627\u00e9!\U0001f600\u00a0" },
  { "nbsp", "\u00a0" },
  { "mongolian-separator", "\u180e" },
  { "invalid-utf8", "\xff" },
};

static char *
repeat_unit (const char *unit,
             gsize       size)
{
  GString *out = g_string_sized_new (size + 16);

  while (out->len < size)
    g_string_append (out, unit);

  return g_string_free (out, FALSE);
}

static void
test_tokenizer_pathological (void)
{
  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);

      for (guint i = 0; i < G_N_ELEMENTS (pathological_inputs); i++)
        {
          const RepeatedInput *input = &pathological_inputs[i];
          g_autofree char *small = repeat_unit (input->unit, 1500);
          g_autofree char *medium = repeat_unit (input->unit, 128 * 1024);
          g_autofree char *large = repeat_unit (input->unit, 1024 * 1024);
          g_autoptr(GArray) ids = NULL;
          gsize n_large;

          g_test_message ("%s: %s", ft_encoding_to_string (encoding), input->name);

          /* Equal to the slow reference where that can finish. */
          if (g_utf8_validate (small, -1, NULL))
            {
              g_autoptr(GArray) small_ids = ft_tokenizer_encode (tokenizer, small, -1);

              assert_ids_equal (reference_encode (encoding, small), small_ids);
            }

          /* Counts what it encodes, and decodes back. */
          ids = ft_tokenizer_encode (tokenizer, medium, -1);
          g_assert_cmpuint (ft_tokenizer_count (tokenizer, medium, -1), ==, ids->len);
          if (g_utf8_validate (medium, -1, NULL))
            {
              g_autoptr(GString) decoded = decode_ids (tokenizer, ids);

              g_assert_true (g_str_equal (decoded->str, medium));
            }

          /* A megabyte finishes, without running out of stack or
           * backtracking for ever (which would warn, and warnings are
           * fatal here), and a run has at least as many tokens as a
           * shorter one. */
          n_large = ft_tokenizer_count (tokenizer, large, -1);
          g_assert_cmpuint (n_large, >=, ids->len);
        }
    }
}

static void
test_tokenizer_special_tokens (void)
{
  static const struct {
    FtEncoding  encoding;
    const char *literal;
    guint32     special_id;
  } specials[] = {
    { FT_ENCODING_CL100K_BASE, "<|endoftext|>", 100257 },
    { FT_ENCODING_CL100K_BASE, "<|fim_prefix|>", 100258 },
    { FT_ENCODING_CL100K_BASE, "<|fim_middle|>", 100259 },
    { FT_ENCODING_CL100K_BASE, "<|fim_suffix|>", 100260 },
    { FT_ENCODING_CL100K_BASE, "<|endofprompt|>", 100276 },
    { FT_ENCODING_O200K_BASE, "<|endoftext|>", 199999 },
    { FT_ENCODING_O200K_BASE, "<|endofprompt|>", 200018 },
  };
  static const struct {
    FtEncoding  encoding;
    const char *text;
    const char *found;
  } searches[] = {
    { FT_ENCODING_CL100K_BASE, "a <|endofprompt|> b <|endoftext|>", "<|endofprompt|>" },
    { FT_ENCODING_CL100K_BASE, "<<|<|fim_suffix|>", "<|fim_suffix|>" },
    { FT_ENCODING_CL100K_BASE, "<|endoftext|", NULL },
    { FT_ENCODING_CL100K_BASE, "< |endoftext|>", NULL },
    { FT_ENCODING_CL100K_BASE, "<|ENDOFTEXT|>", NULL },
    { FT_ENCODING_CL100K_BASE, "<|", NULL },
    { FT_ENCODING_CL100K_BASE, "", NULL },
    /* fim tokens are not special in o200k_base. */
    { FT_ENCODING_O200K_BASE, "<|fim_prefix|> <|endofprompt|>", "<|endofprompt|>" },
    { FT_ENCODING_O200K_BASE, "<|fim_middle|>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (specials[i].encoding);
      g_autofree char *text = g_strdup_printf ("Hello %s world", specials[i].literal);
      g_autoptr(GArray) ids = ft_tokenizer_encode (tokenizer, text, -1);

      /* Ordinary text: several ordinary tokens, as the reference has them. */
      g_assert_cmpuint (ids->len, >, 3);
      for (guint k = 0; k < ids->len; k++)
        {
          g_assert_cmpuint (g_array_index (ids, guint32, k), !=, specials[i].special_id);
          g_assert_cmpuint (g_array_index (ids, guint32, k), <,
                            ft_tokenizer_get_n_tokens (tokenizer));
        }
      assert_ids_equal (reference_encode (specials[i].encoding, text), ids);
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, text, -1), ==, ids->len);

      g_assert_cmpstr (ft_tokenizer_find_special_token (tokenizer, text, -1), ==,
                       specials[i].literal);
      /* Cut off before its last byte, it is not there. */
      g_assert_null (ft_tokenizer_find_special_token (tokenizer, text,
                                                      strstr (text, "|>") + 1 - text));
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (searches[i].encoding);

      g_assert_cmpstr (ft_tokenizer_find_special_token (tokenizer, searches[i].text, -1),
                       ==, searches[i].found);
    }
}

static void
test_tokenizer_encoding_names (void)
{
  FtEncoding encoding = FT_ENCODING_O200K_BASE;

  g_assert_cmpstr (ft_encoding_to_string (FT_ENCODING_CL100K_BASE), ==, "cl100k_base");
  g_assert_cmpstr (ft_encoding_to_string (FT_ENCODING_O200K_BASE), ==, "o200k_base");

  g_assert_true (ft_encoding_from_string ("cl100k_base", &encoding));
  g_assert_cmpint (encoding, ==, FT_ENCODING_CL100K_BASE);
  g_assert_true (ft_encoding_from_string ("o200k_base", &encoding));
  g_assert_cmpint (encoding, ==, FT_ENCODING_O200K_BASE);

  g_assert_false (ft_encoding_from_string ("p50k_base", &encoding));
  g_assert_false (ft_encoding_from_string ("O200K_BASE", &encoding));
  g_assert_false (ft_encoding_from_string ("", &encoding));
  g_assert_false (ft_encoding_from_string (NULL, &encoding));
  g_assert_cmpint (encoding, ==, FT_ENCODING_O200K_BASE);

  /* The GType's nicks are the same names, for properties and settings. */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (FT_TYPE_ENCODING);

    g_assert_cmpstr (g_enum_get_value (klass, FT_ENCODING_CL100K_BASE)->value_nick, ==,
                     "cl100k_base");
    g_assert_cmpstr (g_enum_get_value (klass, FT_ENCODING_O200K_BASE)->value_nick, ==,
                     "o200k_base");
    g_assert_cmpuint (klass->n_values, ==, 2);
  }
}

static void
test_tokenizer_model_table (void)
{
  static const struct {
    const char *model;
    FtEncoding  encoding;
  } known[] = {
    { "gpt-4o", FT_ENCODING_O200K_BASE },
    { "gpt-4o-mini", FT_ENCODING_O200K_BASE },
    { "gpt-4o-mini-2024-07-18", FT_ENCODING_O200K_BASE },
    { "gpt-4o-2024-08-06", FT_ENCODING_O200K_BASE },
    { "chatgpt-4o-latest", FT_ENCODING_O200K_BASE },
    { "gpt-4.1", FT_ENCODING_O200K_BASE },
    { "gpt-4.1-mini", FT_ENCODING_O200K_BASE },
    { "gpt-4.1-nano-2025-04-14", FT_ENCODING_O200K_BASE },
    { "gpt-4.5-preview", FT_ENCODING_O200K_BASE },
    { "o1", FT_ENCODING_O200K_BASE },
    { "o1-mini", FT_ENCODING_O200K_BASE },
    { "o3", FT_ENCODING_O200K_BASE },
    { "o3-mini-2025-01-31", FT_ENCODING_O200K_BASE },
    { "o4-mini", FT_ENCODING_O200K_BASE },
    { "o4-mini-2025-04-16", FT_ENCODING_O200K_BASE },
    { "gpt-5", FT_ENCODING_O200K_BASE },
    { "gpt-5-mini", FT_ENCODING_O200K_BASE },
    { "gpt-5.1", FT_ENCODING_O200K_BASE },
    { "gpt-oss-20b", FT_ENCODING_O200K_BASE },
    { "gpt-oss-120b", FT_ENCODING_O200K_BASE },
    { "gpt-4", FT_ENCODING_CL100K_BASE },
    { "gpt-4-0613", FT_ENCODING_CL100K_BASE },
    { "gpt-4-32k", FT_ENCODING_CL100K_BASE },
    { "gpt-4-turbo", FT_ENCODING_CL100K_BASE },
    { "gpt-4-1106-preview", FT_ENCODING_CL100K_BASE },
    { "gpt-3.5-turbo", FT_ENCODING_CL100K_BASE },
    { "gpt-3.5-turbo-0125", FT_ENCODING_CL100K_BASE },
    { "gpt-3.5-turbo-16k", FT_ENCODING_CL100K_BASE },
    { "gpt-3.5", FT_ENCODING_CL100K_BASE },
    { "gpt-35-turbo", FT_ENCODING_CL100K_BASE },
    { "gpt-35-turbo-16k", FT_ENCODING_CL100K_BASE },
    { "davinci-002", FT_ENCODING_CL100K_BASE },
    { "babbage-002", FT_ENCODING_CL100K_BASE },
    { "text-embedding-ada-002", FT_ENCODING_CL100K_BASE },
    { "text-embedding-3-small", FT_ENCODING_CL100K_BASE },
    { "text-embedding-3-large", FT_ENCODING_CL100K_BASE },
    /* Fine-tuned models use their base model's encoding. */
    { "ft:gpt-4o-2024-08-06:my-org::9tlRxeVX", FT_ENCODING_O200K_BASE },
    { "ft:gpt-4o-mini-2024-07-18:my-org:support:9tlRxeVX:ckpt-step-88", FT_ENCODING_O200K_BASE },
    { "ft:gpt-4.1-2025-04-14:my-org::abc", FT_ENCODING_O200K_BASE },
    { "ft:gpt-4.1-mini-2025-04-14:my-org::abc", FT_ENCODING_O200K_BASE },
    { "ft:o4-mini-2025-04-16:my-org::abc", FT_ENCODING_O200K_BASE },
    { "ft:gpt-4-0613:my-org::abc", FT_ENCODING_CL100K_BASE },
    { "ft:gpt-3.5-turbo-0125:my-org::abc", FT_ENCODING_CL100K_BASE },
    { "ft:gpt-3.5-turbo:my-org::abc", FT_ENCODING_CL100K_BASE },
    { "ft:davinci-002:my-org::abc", FT_ENCODING_CL100K_BASE },
    { "ft:babbage-002:my-org::abc", FT_ENCODING_CL100K_BASE },
    /* tiktoken's ft: prefixes, for names that are not ft:<model>:… */
    { "ft:gpt-4o", FT_ENCODING_O200K_BASE },
    { "ft:gpt-4-custom", FT_ENCODING_CL100K_BASE },
  };
  static const char * const unknown[] = {
    "", "GPT-4o", "gpt4o", "gpt-4o ", " gpt-4o", "o1x", "o2", "gpt-oss",
    "text-davinci-003", "gpt2", "claude-3-5-sonnet", "llama-3.1-8b-instruct",
    "meta-llama/Meta-Llama-3.1-8B-Instruct", "ft:", "ft:unknown-model:org::id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      FtEncoding encoding = known[i].encoding == FT_ENCODING_O200K_BASE
                            ? FT_ENCODING_CL100K_BASE : FT_ENCODING_O200K_BASE;

      g_test_message ("%s", known[i].model);
      g_assert_true (ft_encoding_lookup_model (known[i].model, &encoding));
      g_assert_cmpint (encoding, ==, known[i].encoding);
      g_assert_cmpint (ft_encoding_for_model (known[i].model, FT_ENCODING_CL100K_BASE), ==,
                       known[i].encoding);
      g_assert_cmpint (ft_encoding_for_model (known[i].model, FT_ENCODING_O200K_BASE), ==,
                       known[i].encoding);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      FtEncoding encoding = FT_ENCODING_CL100K_BASE;

      g_test_message ("%s", unknown[i]);
      g_assert_false (ft_encoding_lookup_model (unknown[i], &encoding));
      g_assert_cmpint (encoding, ==, FT_ENCODING_CL100K_BASE);
      g_assert_cmpint (ft_encoding_for_model (unknown[i], FT_ENCODING_CL100K_BASE), ==,
                       FT_ENCODING_CL100K_BASE);
      g_assert_cmpint (ft_encoding_for_model (unknown[i], FT_ENCODING_O200K_BASE), ==,
                       FT_ENCODING_O200K_BASE);
    }

  g_assert_false (ft_encoding_lookup_model (NULL, &(FtEncoding) { 0 }));
  g_assert_cmpint (ft_encoding_for_model (NULL, FT_ENCODING_O200K_BASE), ==,
                   FT_ENCODING_O200K_BASE);
}

static void
test_tokenizer_invalid_utf8 (void)
{
  static const struct {
    const char *name;
    const char *bytes;
    const char *seen_as;
  } cases[] = {
    { "invalid-byte", "\xff", "\ufffd" },
    { "invalid-byte-inside", "a\xff" "b", "a\ufffd" "b" },
    { "continuation-bytes", "\x80\x80", "\ufffd\ufffd" },
    { "truncated-at-end", "\xe2\x82", "\ufffd" },
    { "truncated-before-space", "\xe2\x82 x", "\ufffd x" },
    { "truncated-4-byte", "\xf0\x9f\x98", "\ufffd" },
    { "truncated-then-valid", "\xf0\x9f\x98\xf0\x9f\x98\x80", "\ufffd\U0001f600" },
    { "truncated-before-letter", "Hello \xc3(world", "Hello \ufffd(world" },
    { "overlong-2", "\xc0\xaf", "\ufffd\ufffd" },
    { "overlong-3", "\xe0\x80\x80", "\ufffd\ufffd\ufffd" },
    { "above-max", "\xf4\x90\x80\x80", "\ufffd\ufffd\ufffd\ufffd" },
    { "five-byte", "\xf8\x88\x80\x80\x80", "\ufffd\ufffd\ufffd\ufffd\ufffd" },
    { "surrogate-truncated", "\xed\xa0", "\ufffd\ufffd" },
    /* Lone surrogates as json-glib stores "\ud800" escapes: one U+FFFD
     * each, as in Python's tiktoken. */
    { "lone-high-surrogate", "\xed\xa0\x80", "\ufffd" },
    { "lone-low-surrogate", "\xed\xb0\x80", "\ufffd" },
    { "lone-surrogate-inside", "a\xed\xa0\x80" "b", "a\ufffd" "b" },
    { "two-high-surrogates", "\xed\xa0\x80\xed\xa0\x80", "\ufffd\ufffd" },
    { "low-then-high", "\xed\xb8\x80\xed\xa0\xbd", "\ufffd\ufffd" },
    { "high-then-letter", "\xed\xa0\xbdx", "\ufffdx" },
    /* A pair, spelt as two surrogates, is the character it encodes. */
    { "surrogate-pair", "\xed\xa0\xbd\xed\xb8\x80", "\U0001f600" },
    { "surrogate-pair-in-text", "hi \xed\xa0\xbd\xed\xb8\x80!", "hi \U0001f600!" },
  };

  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autoptr(GArray) expected = ft_tokenizer_encode (tokenizer, cases[i].seen_as, -1);
          g_autoptr(GArray) ids = ft_tokenizer_encode (tokenizer, cases[i].bytes, -1);

          g_test_message ("%s: %s", ft_encoding_to_string (encoding), cases[i].name);
          g_assert_true (g_utf8_validate (cases[i].seen_as, -1, NULL));
          g_assert_false (g_utf8_validate (cases[i].bytes, -1, NULL));

          assert_ids_equal (reference_encode (encoding, cases[i].seen_as), expected);
          assert_ids_equal (g_array_ref (ids), expected);
          g_assert_cmpuint (ft_tokenizer_count (tokenizer, cases[i].bytes, -1), ==, expected->len);
          assert_ids_equal (_ft_tokenizer_encode_reference (tokenizer, cases[i].bytes, -1),
                            expected);
        }
    }
}

static void
test_tokenizer_nul (void)
{
  static const char text[] = "a\0b \0\0 1\0";

  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);
      g_autoptr(GArray) ids = ft_tokenizer_encode (tokenizer, text, sizeof text - 1);
      g_autoptr(GString) decoded = decode_ids (tokenizer, ids);

      /* With a length, NUL is an ordinary character. */
      g_assert_cmpuint (decoded->len, ==, sizeof text - 1);
      g_assert_true (memcmp (decoded->str, text, sizeof text - 1) == 0);
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, text, sizeof text - 1), ==, ids->len);

      /* With -1, the text ends at the first NUL. */
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, text, -1), ==, 1);
    }
}

static void
test_tokenizer_empty (void)
{
  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);
      g_autoptr(GArray) ids = ft_tokenizer_encode (tokenizer, "", -1);
      g_autoptr(GArray) null_ids = ft_tokenizer_encode (tokenizer, NULL, -1);

      g_assert_cmpuint (ft_tokenizer_count (tokenizer, "", -1), ==, 0);
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, "", 0), ==, 0);
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, "abc", 0), ==, 0);
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, NULL, -1), ==, 0);
      g_assert_cmpuint (ids->len, ==, 0);
      g_assert_cmpuint (null_ids->len, ==, 0);
      g_assert_null (ft_tokenizer_find_special_token (tokenizer, NULL, -1));
    }
}

static void
test_tokenizer_token_bytes (void)
{
  g_autoptr(FtTokenizer) cl100k = get_tokenizer (FT_ENCODING_CL100K_BASE);
  g_autoptr(FtTokenizer) o200k = get_tokenizer (FT_ENCODING_O200K_BASE);
  const guint8 *bytes;
  gsize length;

  g_assert_cmpuint (ft_tokenizer_get_n_tokens (cl100k), ==, 100256);
  g_assert_cmpuint (ft_tokenizer_get_n_tokens (o200k), ==, 199998);

  /* Rank 0 is "!" in both. */
  bytes = ft_tokenizer_get_token_bytes (cl100k, 0, &length);
  g_assert_cmpmem (bytes, length, "!", 1);
  bytes = ft_tokenizer_get_token_bytes (o200k, 0, &length);
  g_assert_cmpmem (bytes, length, "!", 1);

  /* " the" is one token. */
  {
    g_autoptr(GArray) ids = ft_tokenizer_encode (cl100k, " the", -1);

    g_assert_cmpuint (ids->len, ==, 1);
    bytes = ft_tokenizer_get_token_bytes (cl100k, g_array_index (ids, guint32, 0), &length);
    g_assert_cmpmem (bytes, length, " the", 4);
  }

  g_assert_null (ft_tokenizer_get_token_bytes (cl100k, 100256, &length));
  g_assert_cmpuint (length, ==, 0);
  g_assert_null (ft_tokenizer_get_token_bytes (cl100k, 100257, &length));
  g_assert_nonnull (ft_tokenizer_get_token_bytes (o200k, 199997, &length));
  g_assert_null (ft_tokenizer_get_token_bytes (o200k, 199999, &length));
}

static void
test_tokenizer_cache_stats (void)
{
  g_autoptr(FtTokenizer) tokenizer = get_tokenizer (FT_ENCODING_O200K_BASE);
  guint64 hits_before, misses_before, hits, misses;

  ft_tokenizer_get_cache_stats (tokenizer, &hits_before, &misses_before);
  ft_tokenizer_count (tokenizer, "Zyzzyva quokka, zyzzyva quokka.", -1);
  ft_tokenizer_get_cache_stats (tokenizer, &hits, &misses);

  /* Six pieces; the second " quokka" at least comes from the cache. */
  g_assert_cmpuint ((hits - hits_before) + (misses - misses_before), ==, 6);
  g_assert_cmpuint (hits - hits_before, >=, 1);
}

typedef struct
{
  GPtrArray *texts;
  GArray    *expected[2];   /* gsize per text, per encoding */
  guint      first;
  guint      n_wrong;
  guint      n_counted;
} CountJob;

static gpointer
count_texts_worker (gpointer data)
{
  CountJob *job = data;

  for (guint round = 0; round < 3; round++)
    {
      for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
        {
          g_autoptr(FtTokenizer) tokenizer = ft_tokenizer_get (encoding, NULL);

          for (guint k = 0; k < job->texts->len; k++)
            {
              guint i = (job->first + k) % job->texts->len;
              GString *text = job->texts->pdata[i];

              if (ft_tokenizer_count (tokenizer, text->str, text->len) !=
                  g_array_index (job->expected[encoding], gsize, i))
                job->n_wrong++;
              job->n_counted++;
            }
        }
    }

  return NULL;
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
test_tokenizer_threads (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tokenizer-vectors.jsonl",
                                                 NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (free_gstring);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  CountJob jobs[4];
  GThread *threads[4];

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *start = strstr (lines[i], "\"text\":\"");

      if (start != NULL)
        g_ptr_array_add (texts, decode_json_string (start + strlen ("\"text\":\"")));
    }
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *text = random_text (200);

      g_ptr_array_add (texts, g_string_new (text));
    }

  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    jobs[t] = (CountJob) { texts, { NULL, NULL }, t * texts->len / G_N_ELEMENTS (jobs), 0, 0 };

  /* Expected counts, from this thread. */
  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);
      GArray *expected = g_array_new (FALSE, FALSE, sizeof (gsize));

      for (guint i = 0; i < texts->len; i++)
        {
          GString *text = texts->pdata[i];
          gsize count = ft_tokenizer_count (tokenizer, text->str, text->len);

          g_array_append_val (expected, count);
        }
      for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
        jobs[t].expected[encoding] = expected;
    }

  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    threads[t] = g_thread_new ("test-count", count_texts_worker, &jobs[t]);
  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    {
      g_thread_join (threads[t]);
      g_assert_cmpuint (jobs[t].n_counted, ==, 3 * 2 * texts->len);
      g_assert_cmpuint (jobs[t].n_wrong, ==, 0);
    }

  g_array_unref (jobs[0].expected[0]);
  g_array_unref (jobs[0].expected[1]);
}

static gpointer
get_tokenizer_worker (gpointer data)
{
  FtEncoding encoding = GPOINTER_TO_UINT (data);

  return ft_tokenizer_get (encoding, NULL);
}

/* Runs first, so that the threads race to load the encodings. */
static void
test_tokenizer_concurrent_get (void)
{
  GThread *threads[8];
  FtTokenizer *tokenizers[8];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("test-get", get_tokenizer_worker, GUINT_TO_POINTER (t % 2));

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      tokenizers[t] = g_thread_join (threads[t]);
      g_assert_true (FT_IS_TOKENIZER (tokenizers[t]));
      g_assert_cmpint (ft_tokenizer_get_encoding (tokenizers[t]), ==, t % 2);
      g_assert_true (tokenizers[t] == tokenizers[t % 2]);
    }

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_object_unref (tokenizers[t]);
}

static void
get_async_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static void
test_tokenizer_get_async (void)
{
  for (FtEncoding encoding = 0; encoding < N_ENCODINGS; encoding++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(FtTokenizer) tokenizer = NULL;
      g_autoptr(FtTokenizer) shared = NULL;
      g_autoptr(GError) error = NULL;

      ft_tokenizer_get_async (encoding, NULL, get_async_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);

      tokenizer = ft_tokenizer_get_finish (result, &error);
      g_assert_no_error (error);
      g_assert_true (FT_IS_TOKENIZER (tokenizer));
      g_assert_cmpint (ft_tokenizer_get_encoding (tokenizer), ==, encoding);
      g_assert_cmpuint (ft_tokenizer_count (tokenizer, "Hello, world!", -1), ==, 4);

      shared = get_tokenizer (encoding);
      g_assert_true (shared == tokenizer);

      /* Cancelled before it starts. */
      g_clear_object (&result);
      g_cancellable_cancel (cancellable);
      ft_tokenizer_get_async (encoding, cancellable, get_async_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (ft_tokenizer_get_finish (result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/tokenizer/concurrent-get", test_tokenizer_concurrent_get);
  g_test_add_func ("/ft/tokenizer/vectors", test_tokenizer_vectors);
  g_test_add_func ("/ft/tokenizer/random-vectors", test_tokenizer_random_vectors);
  g_test_add_func ("/ft/tokenizer/ascii-shortcut", test_tokenizer_ascii_shortcut);
  g_test_add_func ("/ft/tokenizer/reference", test_tokenizer_reference);
  g_test_add_func ("/ft/tokenizer/pathological", test_tokenizer_pathological);
  g_test_add_func ("/ft/tokenizer/special-tokens", test_tokenizer_special_tokens);
  g_test_add_func ("/ft/tokenizer/encoding-names", test_tokenizer_encoding_names);
  g_test_add_func ("/ft/tokenizer/model-table", test_tokenizer_model_table);
  g_test_add_func ("/ft/tokenizer/invalid-utf8", test_tokenizer_invalid_utf8);
  g_test_add_func ("/ft/tokenizer/nul", test_tokenizer_nul);
  g_test_add_func ("/ft/tokenizer/empty", test_tokenizer_empty);
  g_test_add_func ("/ft/tokenizer/token-bytes", test_tokenizer_token_bytes);
  g_test_add_func ("/ft/tokenizer/cache-stats", test_tokenizer_cache_stats);
  g_test_add_func ("/ft/tokenizer/threads", test_tokenizer_threads);
  g_test_add_func ("/ft/tokenizer/get-async", test_tokenizer_get_async);

  return g_test_run ();
}
