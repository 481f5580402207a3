/* test-dedupe.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-duplicates.h"
#include "ft-json-scan.h"

#include <locale.h>
#include <string.h>

static gboolean
same_key (const char      *a,
          const char      *b,
          FtDuplicateMode  mode)
{
  g_autofree char *ka = ft_duplicate_key (a, strlen (a), mode);
  g_autofree char *kb = ft_duplicate_key (b, strlen (b), mode);

  return strcmp (ka, kb) == 0;
}

static void
test_exact_keys (void)
{
  static const struct {
    const char *a;
    const char *b;
    gboolean    same;
  } cases[] = {
    { "{\"a\":1,\"b\":[true,null]}", " { \"b\" : [ true , null ] , \"a\" : 1 } ", TRUE },
    { "{\"t\":\"\\u00e9\\/\"}", "{\"t\":\"é/\"}", TRUE },
    { "{\"t\":\"\\ud83d\\ude00\"}", "{\"t\":\"😀\"}", TRUE },
    { "{\"t\":\"\\ud83d x\"}", "{\"t\":\"\\ufffd x\"}", TRUE },
    { "{\"t\":\"\\ud83d\\ude00\"}", "{\"t\":\"\\ud83d\\ude01\"}", FALSE },
    { "{\"n\":1.0}", "{\"n\":1}", TRUE },
    { "{\"n\":1e2}", "{\"n\":100}", TRUE },
    { "{\"n\":-0}", "{\"n\":0}", TRUE },
    { "{\"n\":0.1}", "{\"n\":1e-1}", TRUE },
    { "{\"a\":1,\"a\":2}", "{\"a\":2}", TRUE },
    { "{\"a\":1}", "{\"a\":2}", FALSE },
    { "{\"t\":\"Hi\"}", "{\"t\":\"hi\"}", FALSE },
    { "[1,2]", "[2,1]", FALSE },
    { "{\"a\":\"x\"}", "{\"a\":\"x\"", FALSE },
    { "{broken", "{broken", TRUE },
    { "{broken", "{broken ", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (same_key (cases[i].a, cases[i].b, FT_DUPLICATE_EXACT) != cases[i].same)
        g_error ("exact case %u: %s vs %s", i, cases[i].a, cases[i].b);
    }
}

static void
test_near_keys (void)
{
  static const struct {
    const char *a;
    const char *b;
    gboolean    near;
  } cases[] = {
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Capital  of\\nNORWAY?\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\" capital of norway? \"}],\"id\":3}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Straße\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"STRASSE\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"cafe\\u0301\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"10 \\u212b and \\u2126\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"10 \\u00c5 and \\u03a9\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"\\u1100\\u1161\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"\\uac00\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
      "\"text\":\"hi\"}]}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
      "{\"messages\":[{\"role\":\"assistant\",\"content\":\"Hi\"}]}", FALSE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
      "{\"role\":\"user\",\"content\":\"b\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"b\"},"
      "{\"role\":\"user\",\"content\":\"a\"}]}", FALSE },
    { "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"1\","
      "\"function\":{\"arguments\":\"{\\\"s\\\":\\\"A\\\"}\"}}]}]}",
      "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"1\","
      "\"function\":{\"arguments\":\"{\\\"s\\\":\\\"a\\\"}\"}}]}]}", FALSE },
    { "{\"prompt\":\"Is it  raining?\",\"completion\":\" 1\"}",
      "{\"prompt\":\"is it raining?\",\"completion\":\"1\"}", TRUE },
    { "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"}]},"
      "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"A\"}]}",
      "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]},"
      "\"preferred_completion\":[{\"role\":\"assistant\",\"content\":\"a\"}]}", TRUE },
    { "{\"other\":\"X\"}", "{\"other\":\"x\"}", FALSE },
    /* Escapes read as what they stand for. */
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Say \\\"HI\\\"\\n\\tnow\\/\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\" now/\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\\\nb\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\nb\"}]}", FALSE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"A\\u0042\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"ab\"}]}", TRUE },
    /* Any Unicode white space; case beyond Latin. */
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"no\\u00a0break\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"no break\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"日本\\u3000語\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"日本 語\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Ⅻ ＡＢＣ ΣΑΣ\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"ⅻ ａｂｃ σας\"}]}", TRUE },
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"日本，😀\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"日本,😀\"}]}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (same_key (cases[i].a, cases[i].b, FT_DUPLICATE_NEAR) != cases[i].near)
        g_error ("near case %u: %s vs %s", i, cases[i].a, cases[i].b);
    }

  /* Near duplicates are not exact ones. */
  g_assert_false (same_key (cases[0].a, cases[0].b, FT_DUPLICATE_EXACT));
}

/* The near key normalizes long texts in pieces; the result must be the
 * same as normalizing the whole text at once.
 */
static void
test_near_long_text (void)
{
  static const char * const pieces[] = {
    "cafe\xcc\x81 ", "e\xcc\x81", "\xe1\x84\x80\xe1\x85\xa1", "\xe6\x97\xa5\xe6\x9c\xac",
    "A\xcc\x8a", "\xd0\xb9", "x", "\xe3\x81\x8b\xe3\x82\x99", "\n",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) a = g_string_new ("{\"messages\":[{\"role\":\"user\",\"content\":");
  g_autoptr(GString) b = g_string_new ("{\"messages\":[{\"role\":\"user\",\"content\":");
  g_autofree char *normalized = NULL;
  guint64 state = 1;

  for (guint i = 0; i < 20000; i++)
    {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      g_string_append (text, pieces[(state >> 33) % G_N_ELEMENTS (pieces)]);
    }
  normalized = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);

  ft_json_append_string (a, text->str, -1);
  ft_json_append_string (b, normalized, -1);
  g_string_append (a, "}]}");
  g_string_append (b, "}]}");

  g_assert_true (same_key (a->str, b->str, FT_DUPLICATE_NEAR));
  g_assert_false (same_key (a->str, b->str, FT_DUPLICATE_EXACT));
}

static void
test_finder_groups (void)
{
  static const char * const lines[] = {
    "{\"a\":1}",        /* 1 */
    "{\"b\":2}",        /* 2 */
    "{ \"a\": 1 }",     /* 3: copy of 1 */
    "\xff broken",      /* 4 */
    "{\"b\":2}",        /* 5: copy of 2 */
    "{\"c\":3}",        /* 6 */
    "\xff broken",      /* 7: copy of 4 */
    "{\"a\":1.0}",      /* 8: copy of 1 */
  };
  g_autoptr(FtDuplicateFinder) finder = ft_duplicate_finder_new (FT_DUPLICATE_EXACT);
  g_autoptr(GPtrArray) groups = NULL;
  static const guint64 expected_first[] = { 0, 0, 1, 0, 2, 0, 4, 1 };
  FtDuplicateGroup *group;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_cmpuint (ft_duplicate_finder_add (finder, lines[i], strlen (lines[i]), i + 1), ==,
                      expected_first[i]);

  g_assert_cmpuint (ft_duplicate_finder_get_n_lines (finder), ==, 8);
  g_assert_cmpuint (ft_duplicate_finder_get_n_duplicates (finder), ==, 4);
  g_assert_cmpint (ft_duplicate_finder_get_mode (finder), ==, FT_DUPLICATE_EXACT);

  groups = ft_duplicate_finder_dup_groups (finder);
  g_assert_cmpuint (groups->len, ==, 3);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpuint (ft_duplicate_group_get_n_lines (group), ==, 3);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 0), ==, 1);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 1), ==, 3);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 2), ==, 8);
  group = g_ptr_array_index (groups, 1);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 0), ==, 2);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 1), ==, 5);
  group = g_ptr_array_index (groups, 2);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 0), ==, 4);
  g_assert_cmpuint (ft_duplicate_group_get_line (group, 1), ==, 7);
}

static void
test_fixture_copies (void)
{
  /* Lines 7-24 of this file repeat lines 1-6 three more times. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "llamafactory-multimodal.v1.jsonl", NULL);
  g_autoptr(GPtrArray) lines = ft_test_expected_lines (path);
  g_autoptr(FtDuplicateFinder) finder = ft_duplicate_finder_new (FT_DUPLICATE_EXACT);
  g_autoptr(GPtrArray) groups = NULL;

  g_assert_cmpuint (lines->len, ==, 24);
  for (guint i = 0; i < lines->len; i++)
    {
      gsize length;
      const char *text = g_bytes_get_data (g_ptr_array_index (lines, i), &length);

      ft_duplicate_finder_add (finder, text, length, i + 1);
    }

  groups = ft_duplicate_finder_dup_groups (finder);
  g_assert_cmpuint (groups->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      FtDuplicateGroup *group = g_ptr_array_index (groups, i);

      g_assert_cmpuint (ft_duplicate_group_get_n_lines (group), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpuint (ft_duplicate_group_get_line (group, j), ==, i + 1 + 6 * j);
    }
  g_assert_cmpuint (ft_duplicate_finder_get_n_duplicates (finder), ==, 18);
}

static void
test_overlap (void)
{
  static const char * const train[] = {
    "{\"messages\":[{\"role\":\"user\",\"content\":\"One\"}]}",
    "{\"messages\":[{\"role\":\"user\",\"content\":\"Two\"}]}",
  };
  static const char * const validation[] = {
    "{\"messages\":[{\"role\":\"user\",\"content\":\"Three\"}]}",
    "{\"messages\":[{\"role\":\"user\",\"content\":\"TWO \"}]}",
    "{\"messages\": [{\"content\":\"One\", \"role\":\"user\"}]}",
  };
  g_autoptr(FtDuplicateFinder) exact = ft_duplicate_finder_new (FT_DUPLICATE_EXACT);
  g_autoptr(FtDuplicateFinder) near = ft_duplicate_finder_new (FT_DUPLICATE_NEAR);

  for (guint i = 0; i < G_N_ELEMENTS (train); i++)
    {
      ft_duplicate_finder_add (exact, train[i], strlen (train[i]), i + 1);
      ft_duplicate_finder_add (near, train[i], strlen (train[i]), i + 1);
    }

  g_assert_cmpuint (ft_duplicate_finder_lookup (exact, validation[0], strlen (validation[0])), ==,
                    0);
  g_assert_cmpuint (ft_duplicate_finder_lookup (exact, validation[1], strlen (validation[1])), ==,
                    0);
  g_assert_cmpuint (ft_duplicate_finder_lookup (exact, validation[2], strlen (validation[2])), ==,
                    1);
  g_assert_cmpuint (ft_duplicate_finder_lookup (near, validation[1], strlen (validation[1])), ==,
                    2);
  g_assert_cmpuint (ft_duplicate_finder_lookup (near, validation[2], strlen (validation[2])), ==,
                    1);

  /* Looking up adds nothing. */
  g_assert_cmpuint (ft_duplicate_finder_get_n_lines (exact), ==, 2);
  g_assert_cmpuint (ft_duplicate_finder_get_n_duplicates (near), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/dedupe/exact-keys", test_exact_keys);
  g_test_add_func ("/ft/dedupe/near-keys", test_near_keys);
  g_test_add_func ("/ft/dedupe/near-long-text", test_near_long_text);
  g_test_add_func ("/ft/dedupe/finder-groups", test_finder_groups);
  g_test_add_func ("/ft/dedupe/fixture-copies", test_fixture_copies);
  g_test_add_func ("/ft/dedupe/overlap", test_overlap);

  return g_test_run ();
}
