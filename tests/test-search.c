/* test-search.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-search.h"

#include <locale.h>
#include <string.h>

static FtDataset *
dataset_from_lines (const char * const *lines)
{
  FtDataset *dataset = ft_dataset_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(FtExample) example = ft_example_new_from_text (lines[i], -1);

      ft_dataset_append (dataset, example);
    }

  return dataset;
}

static const char * const lines[] = {
  /* 0: plain chat, "Helmet" twice in text, once more in a key-like word */
  "{\"messages\": [{\"role\": \"system\", \"content\": \"You sell helmets.\"}, "
  "{\"role\": \"user\", \"content\": \"Do you have a HELMET in red?\"}, "
  "{\"role\": \"assistant\", \"content\": \"Yes, the Aero helmet comes in red.\"}]}",
  /* 1: escapes in the text, a tool call with the word in its arguments */
  "{\"messages\": [{\"role\": \"user\", \"content\": \"Line one\\nhelmet\\u0021\"}, "
  "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": "
  "\"function\", "
  "\"function\": {\"name\": \"find_helmet\", \"arguments\": \"{\\\"size\\\": \\\"M\\\"}\"}}]}, "
  "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"In stock\"}], "
  "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"helmet_db\"}}]}",
  /* 2: content parts and non-ASCII text */
  "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Größe des "
  "Helms?\"}]}, "
  "{\"role\": \"assistant\", \"content\": \"GRÖSSE M.\"}]}",
  /* 3: a broken line */
  "{\"messages\": [{\"role\": \"user\", \"content\": \"helmet",
  /* 4: the role names never match */
  "{\"messages\": [{\"role\": \"user\", \"content\": \"content role user\"}]}",
  NULL
};

static void
test_search_text (void)
{
  g_autoptr(FtDataset) dataset = dataset_from_lines (lines);
  g_autoptr(FtSearch) search = ft_search_new (dataset);
  g_autoptr(FtSearchResult) result = NULL;
  g_autoptr(FtSearchResult) umlaut = NULL;
  g_autoptr(FtSearchResult) role = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ft_search_get_n_examples (search), ==, 5);
  g_assert_true (ft_search_get_example (search, 3) == ft_dataset_peek_example (dataset, 3));

  result = ft_search_run (search, "Helmet", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_search_result_get_text (result), ==, "Helmet");
  g_assert_cmpuint (ft_search_result_get_n_examples (result), ==, 5);
  /* System, user and assistant text; case does not matter. */
  g_assert_cmpuint (ft_search_result_get_n_matches (result, 0), ==, 3);
  /* Decoded text and the call's name; not the tool definitions. */
  g_assert_cmpuint (ft_search_result_get_n_matches (result, 1), ==, 2);
  g_assert_cmpuint (ft_search_result_get_n_matches (result, 2), ==, 0);
  /* A broken line is searched as it is. */
  g_assert_cmpuint (ft_search_result_get_n_matches (result, 3), ==, 1);
  g_assert_cmpuint (ft_search_result_get_total_matches (result), ==, 6);
  g_assert_cmpuint (ft_search_result_get_n_matching (result), ==, 3);

  umlaut = ft_search_run (search, "größe", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ft_search_result_get_n_matches (umlaut, 2), ==, 1);

  role = ft_search_run (search, "role", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ft_search_result_get_n_matches (role, 4), ==, 1);
  g_assert_cmpuint (ft_search_result_get_n_matches (role, 0), ==, 0);
  g_assert_cmpuint (ft_search_result_get_total_matches (role), ==, 2);
}

static void
test_search_facets (void)
{
  g_autoptr(FtDataset) dataset = dataset_from_lines (lines);
  g_autoptr(FtSearch) search = ft_search_new (dataset);
  g_autoptr(FtSearchResult) result = NULL;

  result = ft_search_run (search, NULL, NULL, NULL);
  g_assert_nonnull (result);
  g_assert_cmpuint (ft_search_result_get_total_matches (result), ==, 0);
  g_assert_cmpuint (ft_search_result_get_facets (result, 0), ==,
                    FT_FACET_SYSTEM | FT_FACET_USER | FT_FACET_ASSISTANT);
  g_assert_cmpuint (ft_search_result_get_facets (result, 1), ==,
                    FT_FACET_USER | FT_FACET_ASSISTANT | FT_FACET_TOOL | FT_FACET_TOOL_CALLS);
  g_assert_cmpuint (ft_search_result_get_facets (result, 2),
                    ==,
                    FT_FACET_USER | FT_FACET_ASSISTANT);
  g_assert_cmpuint (ft_search_result_get_facets (result, 3), ==, FT_FACET_BROKEN);
  g_assert_cmpuint (ft_search_result_get_facets (result, 4), ==, FT_FACET_USER);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FtSearchResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ft_search_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtSearchResult) found = NULL;

  found = ft_search_run_finish (result, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_search_async (void)
{
  g_autoptr(FtDataset) dataset = dataset_from_lines (lines);
  g_autoptr(FtSearch) search = ft_search_new (dataset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FtSearchResult *result = NULL;
  gboolean cancelled = FALSE;

  ft_search_run_async (search, "red", NULL, search_done_cb, &result);

  /* Later edits do not change what this search sees. */
  ft_dataset_remove (dataset, 0);

  FT_TEST_WAIT (result != NULL);
  g_assert_cmpuint (ft_search_result_get_n_examples (result), ==, 5);
  g_assert_cmpuint (ft_search_result_get_n_matches (result, 0), ==, 2);
  ft_search_result_unref (result);

  g_cancellable_cancel (cancellable);
  ft_search_run_async (search, "red", cancellable, cancelled_cb, &cancelled);
  FT_TEST_WAIT (cancelled);
}

static void
test_search_replace (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *unicode = NULL;
  g_autofree char *none = NULL;
  guint n = 0;

  g_assert_cmpuint (ft_search_count ("Helmet, helmet, HELMETS", -1, "helmet"), ==, 3);
  g_assert_cmpuint (ft_search_count ("aaaa", -1, "aa"), ==, 2);
  g_assert_cmpuint (ft_search_count ("abc", -1, ""), ==, 0);

  plain = ft_search_replace ("Helmet, helmet, HELMETS", "helmet", "hat", &n);
  g_assert_cmpstr (plain, ==, "hat, hat, hatS");
  g_assert_cmpuint (n, ==, 3);

  /* Capital sharp s lowers to ß; "SS" is another spelling, not a case. */
  unicode = ft_search_replace ("Größe GRÖẞE GRÖSSE größe", "größe", "size", &n);
  g_assert_cmpstr (unicode, ==, "size size GRÖSSE size");
  g_assert_cmpuint (n, ==, 3);

  none = ft_search_replace ("nothing here", "", "x", &n);
  g_assert_cmpstr (none, ==, "nothing here");
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/search/text", test_search_text);
  g_test_add_func ("/ft/search/facets", test_search_facets);
  g_test_add_func ("/ft/search/async", test_search_async);
  g_test_add_func ("/ft/search/replace", test_search_replace);

  return g_test_run ();
}
