/* test-tokenizer.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
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
      n_checked[encoding]++;
    }

  /* 203 texts, each under both encodings. */
  g_assert_cmpuint (n_checked[FT_ENCODING_CL100K_BASE], ==, 203);
  g_assert_cmpuint (n_checked[FT_ENCODING_O200K_BASE], ==, 203);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/tokenizer/vectors", test_tokenizer_vectors);

  return g_test_run ();
}
