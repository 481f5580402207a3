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
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
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

static void
test_tokenizer_vectors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tokenizer-vectors.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked[2] = { 0, 0 };

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
            g_test_message ("Line %u (%s): id %u differs", i + 1, ft_encoding_to_string (encoding), k);
          g_assert_cmpuint (g_array_index (ids, guint32, k), ==, expected);
        }

      g_assert_cmpuint (ft_tokenizer_count (tokenizer, text->str, text->len), ==, ids->len);
      assert_ids_equal (_ft_tokenizer_encode_reference (tokenizer, text->str, text->len), ids);
      n_checked[encoding]++;
    }

  /* 203 texts, each under both encodings. */
  g_assert_cmpuint (n_checked[FT_ENCODING_CL100K_BASE], ==, 203);
  g_assert_cmpuint (n_checked[FT_ENCODING_O200K_BASE], ==, 203);
}


/* An independent reference: GRegex with the pattern strings exactly as
 * PATTERNS.md gives them, and tiktoken's quadratic BPE over a GHashTable
 * built straight from the rank files.
 */

static const char * const reference_patterns[] = {
  [FT_ENCODING_CL100K_BASE] = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\p{L}\\p{N}]+[\\r\\n]*|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]*[\\r\\n]+|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+(?![^\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}])|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+",
  [FT_ENCODING_O200K_BASE] = "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\\p{N}{1,3}| ?[^\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\p{L}\\p{N}]+[\\r\\n/]*|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]*[\\r\\n]+|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+(?![^\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}])|[\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+",
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
      const guint8 *bytes = ft_tokenizer_get_token_bytes (tokenizer, g_array_index (ids, guint32, i),
                                                          &length);

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
    g_string_append (out, tricky_characters[g_test_rand_int_range (0, G_N_ELEMENTS (tricky_characters))]);

  return g_string_free (out, FALSE);
}

static void
test_tokenizer_ascii_shortcut (void)
{
  for (FtEncoding encoding = FT_ENCODING_CL100K_BASE; encoding <= FT_ENCODING_O200K_BASE; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = get_tokenizer (encoding);

      for (guint i = 0; i < 30000; i++)
        {
          g_autofree char *text = random_text (24);
          g_autoptr(GPtrArray) fast = _ft_tokenizer_split (tokenizer, text, -1, TRUE);
          g_autoptr(GPtrArray) slow = _ft_tokenizer_split (tokenizer, text, -1, FALSE);

          if (fast->len != slow->len)
            g_test_message ("%s: “%s” splits differently", ft_encoding_to_string (encoding), text);
          g_assert_cmpuint (fast->len, ==, slow->len);
          for (guint k = 0; k < fast->len; k++)
            g_assert_cmpstr (fast->pdata[k], ==, slow->pdata[k]);
        }
    }
}

static void
test_tokenizer_reference (void)
{
  for (FtEncoding encoding = FT_ENCODING_CL100K_BASE; encoding <= FT_ENCODING_O200K_BASE; encoding++)
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
  for (FtEncoding encoding = FT_ENCODING_CL100K_BASE; encoding <= FT_ENCODING_O200K_BASE; encoding++)
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
            assert_ids_equal (reference_encode (encoding, small),
                              ft_tokenizer_encode (tokenizer, small, -1));

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/tokenizer/vectors", test_tokenizer_vectors);
  g_test_add_func ("/ft/tokenizer/ascii-shortcut", test_tokenizer_ascii_shortcut);
  g_test_add_func ("/ft/tokenizer/reference", test_tokenizer_reference);
  g_test_add_func ("/ft/tokenizer/pathological", test_tokenizer_pathological);

  return g_test_run ();
}
