/* test-bulk.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bulk.h"
#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-error.h"

#include <locale.h>
#include <string.h>

static const char * const lines[] = {
  /* 0: no system prompt, an unknown key to keep */
  "{\"messages\": [{\"role\": \"user\", \"content\": \"Is the shop open?\"}, "
  "{\"role\": \"assistant\", \"content\": \"The shop is open.\"}], \"meta\": {\"id\": 7, "
  "\"score\": 0.1}}",
  /* 1: an old system prompt */
  "{\"messages\": [{\"role\": \"system\", \"content\": \"Old.\"}, "
  "{\"role\": \"user\", \"content\": \"SHOP hours?\"}, {\"role\": \"assistant\", \"content\": \"9 "
  "to 5.\"}]}",
  /* 2: already the new prompt, text parts */
  "{\"messages\": [{\"role\": \"system\", \"content\": \"Be kind.\"}, "
  "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"shop shop\"}]}, "
  "{\"role\": \"assistant\", \"content\": \"Hi.\"}]}",
  /* 3: broken */
  "{\"messages\": [{\"role\": \"user\", \"content\": \"shop",
  /* 4: a copy of 0, with other spacing */
  "{\"messages\":[{\"role\":\"user\",\"content\":\"Is the shop open?\"},"
  "{\"role\":\"assistant\",\"content\":\"The shop is open.\"}],\"meta\":{\"id\":7,\"score\":0.1}}",
  /* 5: a near copy of 1 */
  "{\"messages\": [{\"role\": \"system\", \"content\": \"old.\"}, "
  "{\"role\": \"user\", \"content\": \"shop   hours?\"}, {\"role\": \"assistant\", \"content\": "
  "\"9 to 5.\"}]}",
  NULL
};

static FtDatasetSnapshot *
make_snapshot (FtDataset **out)
{
  FtDataset *dataset = ft_dataset_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(FtExample) example = ft_example_new_from_text (lines[i], -1);

      ft_dataset_append (dataset, example);
    }

  *out = dataset;
  return ft_dataset_snapshot (dataset);
}

static void
test_bulk_system_prompt (void)
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(FtDatasetSnapshot) snapshot = make_snapshot (&dataset);
  g_autoptr(FtBulkResult) all = NULL;
  g_autoptr(FtBulkResult) some = NULL;
  g_autoptr(FtExample) changed = NULL;
  g_autoptr(FtMessage) first = NULL;
  const guint indexes[] = { 1, 3 };

  all = ft_bulk_set_system_prompt (snapshot, NULL, 0, "Be kind.", NULL, NULL);
  g_assert_nonnull (all);
  /* 0, 1, 4 and 5 change; 2 has it already; 3 is broken. */
  g_assert_cmpuint (ft_bulk_result_get_n_changed (all), ==, 4);
  g_assert_cmpuint (ft_bulk_result_get_index (all, 0), ==, 0);
  g_assert_cmpuint (ft_bulk_result_get_index (all, 1), ==, 1);

  /* A new first message; the other keys and values stay exactly. */
  g_assert_cmpstr (ft_bulk_result_get_text (all, 0), ==,
                   "{\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\"},"
                   "{\"role\":\"user\",\"content\":\"Is the shop open?\"},"
                   "{\"role\":\"assistant\",\"content\":\"The shop is open.\"}],"
                   "\"meta\":{\"id\": 7, \"score\": 0.1}}");

  changed = ft_example_new_from_text (ft_bulk_result_get_text (all, 1), -1);
  first = g_list_model_get_item (ft_example_get_messages (changed), 0);
  g_assert_cmpstr (ft_message_get_content (first), ==, "Be kind.");
  g_assert_cmpuint (ft_example_get_n_messages (changed), ==, 3);

  some = ft_bulk_set_system_prompt (snapshot,
                                    indexes,
                                    G_N_ELEMENTS (indexes),
                                    "Be kind.",
                                    NULL,
                                    NULL);
  g_assert_cmpuint (ft_bulk_result_get_n_changed (some), ==, 1);
  g_assert_cmpuint (ft_bulk_result_get_index (some, 0), ==, 1);
}

static void
test_bulk_replace (void)
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(FtDatasetSnapshot) snapshot = make_snapshot (&dataset);
  g_autoptr(FtBulkResult) count = NULL;
  g_autoptr(FtBulkResult) result = NULL;
  g_autoptr(FtExample) changed = NULL;
  g_autoptr(FtMessage) user = NULL;
  g_autofree char *part = NULL;

  count = ft_bulk_replace (snapshot, NULL, 0, "shop", "store", TRUE, NULL, NULL);
  g_assert_cmpuint (ft_bulk_result_get_n_changed (count), ==, 5);
  g_assert_cmpuint (ft_bulk_result_get_n_replaced (count), ==, 8);

  result = ft_bulk_replace (snapshot, NULL, 0, "shop", "store", FALSE, NULL, NULL);
  g_assert_cmpuint (ft_bulk_result_get_n_changed (result), ==, 5);
  g_assert_cmpuint (ft_bulk_result_get_n_replaced (result), ==, 8);
  g_assert_nonnull (strstr (ft_bulk_result_get_text (result, 0), "Is the store open?"));
  g_assert_nonnull (strstr (ft_bulk_result_get_text (result, 0), "The store is open."));

  /* Text parts too; the index of the third change is example 2. */
  g_assert_cmpuint (ft_bulk_result_get_index (result, 2), ==, 2);
  changed = ft_example_new_from_text (ft_bulk_result_get_text (result, 2), -1);
  user = g_list_model_get_item (ft_example_get_messages (changed), 1);
  part = ft_message_dup_part_text (user, 0);
  g_assert_cmpstr (part, ==, "store store");
}

static void
test_bulk_duplicates (void)
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(FtDatasetSnapshot) snapshot = make_snapshot (&dataset);
  g_autoptr(GArray) exact = NULL;
  g_autoptr(GArray) near = NULL;

  exact = ft_bulk_find_duplicates (snapshot, FT_DUPLICATE_EXACT, NULL, NULL);
  g_assert_cmpuint (exact->len, ==, 1);
  g_assert_cmpuint (g_array_index (exact, guint, 0), ==, 4);

  near = ft_bulk_find_duplicates (snapshot, FT_DUPLICATE_NEAR, NULL, NULL);
  g_assert_cmpuint (near->len, ==, 2);
  g_assert_cmpuint (g_array_index (near, guint, 0), ==, 4);
  g_assert_cmpuint (g_array_index (near, guint, 1), ==, 5);
}

static void
split_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *counts = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_bulk_split_finish (result, &counts[0], &counts[1], &error));
  g_assert_no_error (error);
  counts[2] = 1;
}

static void
test_bulk_split (void)
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(FtDatasetSnapshot) snapshot = make_snapshot (&dataset);
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *train_path = g_build_filename (dir, "train.jsonl", NULL);
  g_autofree char *validation_path = g_build_filename (dir, "validation.jsonl", NULL);
  g_autoptr(GFile) train = g_file_new_for_path (train_path);
  g_autoptr(GFile) validation = g_file_new_for_path (validation_path);
  g_autoptr(GPtrArray) train_lines = NULL;
  g_autoptr(GPtrArray) validation_lines = NULL;
  g_autoptr(FtDataset) single = ft_dataset_new ();
  g_autoptr(FtDatasetSnapshot) one = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[3] = { 0, 0, 0 };

  ft_bulk_split_async (snapshot, 0.34, 42, train, validation, NULL, split_done_cb, counts);
  FT_TEST_WAIT (counts[2] == 1);
  g_assert_cmpuint (counts[0], ==, 4);
  g_assert_cmpuint (counts[1], ==, 2);

  train_lines = ft_test_read_lines (train_path);
  validation_lines = ft_test_read_lines (validation_path);
  g_assert_cmpuint (train_lines->len, ==, 4);
  g_assert_cmpuint (validation_lines->len, ==, 2);

  /* Every line went to one file, byte for byte, the broken one too. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GBytes) line = g_bytes_new_static (lines[i], strlen (lines[i]));
      guint found = 0;

      for (guint j = 0; j < train_lines->len; j++)
        found += g_bytes_equal (g_ptr_array_index (train_lines, j), line);
      for (guint j = 0; j < validation_lines->len; j++)
        found += g_bytes_equal (g_ptr_array_index (validation_lines, j), line);
      g_assert_cmpuint (found, ==, 1);
    }

  one = ft_dataset_snapshot (single);
  g_assert_false (ft_bulk_split (one, 0.5, 1, train, validation, NULL, NULL, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);

  ft_test_remove_tree (dir);
}

static void
edit_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FtBulkResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ft_bulk_edit_finish (result, &error);
  g_assert_no_error (error);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FtBulkResult) found = NULL;

  found = ft_bulk_edit_finish (result, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
duplicates_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ft_bulk_find_duplicates_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_bulk_async (void)
{
  g_autoptr(FtDataset) dataset = NULL;
  g_autoptr(FtDatasetSnapshot) snapshot = make_snapshot (&dataset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FtBulkResult *prompt = NULL;
  FtBulkResult *replace = NULL;
  GArray *duplicates = NULL;
  gboolean cancelled = FALSE;

  ft_bulk_set_system_prompt_async (snapshot, NULL, 0, "Hello.", NULL, edit_done_cb, &prompt);
  ft_bulk_replace_async (snapshot, NULL, 0, "open", "closed", FALSE, NULL, edit_done_cb, &replace);
  ft_bulk_find_duplicates_async (snapshot,
                                 FT_DUPLICATE_EXACT,
                                 NULL,
                                 duplicates_done_cb,
                                 &duplicates);
  FT_TEST_WAIT (prompt != NULL && replace != NULL && duplicates != NULL);

  g_assert_cmpuint (ft_bulk_result_get_n_changed (prompt), ==, 5);
  g_assert_cmpuint (ft_bulk_result_get_n_replaced (replace), ==, 4);
  g_assert_cmpuint (duplicates->len, ==, 1);
  ft_bulk_result_unref (prompt);
  ft_bulk_result_unref (replace);
  g_array_unref (duplicates);

  g_cancellable_cancel (cancellable);
  ft_bulk_replace_async (snapshot,
                         NULL,
                         0,
                         "open",
                         "closed",
                         TRUE,
                         cancellable,
                         cancelled_cb,
                         &cancelled);
  FT_TEST_WAIT (cancelled);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/bulk/system-prompt", test_bulk_system_prompt);
  g_test_add_func ("/ft/bulk/replace", test_bulk_replace);
  g_test_add_func ("/ft/bulk/duplicates", test_bulk_duplicates);
  g_test_add_func ("/ft/bulk/split", test_bulk_split);
  g_test_add_func ("/ft/bulk/async", test_bulk_async);

  return g_test_run ();
}
