/* test-recovery.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-dataset.h"
#include "ft-history.h"
#include "ft-recovery.h"

#include <locale.h>
#include <string.h>

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ft_recovery_list_sessions_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static GListModel *
list_sessions (const char *directory)
{
  GListModel *sessions = NULL;

  ft_recovery_list_sessions_async (directory, NULL, list_cb, &sessions);
  FT_TEST_WAIT (sessions != NULL);

  return sessions;
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_recovery_session_restore_finish (FT_RECOVERY_SESSION (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_recovery_save_finish (FT_RECOVERY (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_crash_and_restore (void)
{
  static const char broken[] = "{\"messages\": [\xff\xfe";
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *recovery_dir = g_build_filename (dir, "recovery", NULL);
  g_autofree char *path = ft_test_write_file (dir, "data.jsonl",
                                              "{\"messages\":[{\"role\":\"user\","
                                              "\"content\":\"a\"}]}\n"
                                              "\n"
                                              "{\"messages\":[{\"role\":\"user\","
                                              "\"content\":\"b\"}],\"id\":1.50}\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(FtRecoverySession) session = NULL;
  g_autoptr(FtDataset) restored = ft_dataset_new ();
  g_autoptr(FtDatasetSnapshot) before = NULL;
  g_autoptr(FtDatasetSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) recovery_file = NULL;
  g_autofree char *display_name = NULL;
  gboolean done = FALSE;

  {
    g_autoptr(FtDataset) dataset = ft_dataset_new ();
    g_autoptr(FtRecovery) recovery = NULL;
    g_autoptr(FtMessage) message = NULL;
    g_autoptr(FtExample) added = ft_example_new_from_text (broken, sizeof broken - 1);

    g_assert_true (ft_dataset_load (dataset, file, NULL, &error));
    recovery = ft_recovery_new (dataset, recovery_dir);
    ft_recovery_set_delay (recovery, 10);
    g_assert_false (ft_recovery_get_has_unsaved_copy (recovery));

    message = g_list_model_get_item (ft_example_get_messages (ft_dataset_peek_example (dataset,
                                                                                       1)), 0);
    ft_message_set_content (message, "b, edited");
    ft_dataset_insert (dataset, 0, added);

    /* The copy is written after the delay, off the main thread. */
    FT_TEST_WAIT (ft_recovery_get_has_unsaved_copy (recovery));
    recovery_file = g_object_ref (ft_recovery_get_recovery_file (recovery));
    g_assert_true (g_file_query_exists (recovery_file, NULL));

    before = ft_dataset_snapshot (dataset);

    /* A crash: everything goes away without a clean shutdown. */
  }

  g_assert_true (g_file_query_exists (recovery_file, NULL));

  /* Next start: the session is found and restored. */
  sessions = list_sessions (recovery_dir);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  session = g_list_model_get_item (sessions, 0);
  g_assert_cmpuint (ft_recovery_session_get_n_examples (session), ==, 3);
  g_assert_true (g_file_equal (ft_recovery_session_get_file (session), file));
  g_assert_true (g_file_equal (ft_recovery_session_get_recovery_file (session), recovery_file));
  g_assert_nonnull (ft_recovery_session_get_modified (session));
  display_name = ft_recovery_session_dup_display_name (session);
  g_assert_cmpstr (display_name, ==, "data.jsonl");

  ft_recovery_session_restore_async (session, restored, NULL, restore_cb, &done);
  FT_TEST_WAIT (done);

  g_assert_true (ft_dataset_get_modified (restored));
  g_assert_true (g_file_equal (ft_dataset_get_file (restored), file));
  after = ft_dataset_snapshot (restored);
  g_assert_cmpuint (ft_dataset_snapshot_get_n_examples (after), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (g_bytes_equal (ft_dataset_snapshot_get_bytes (before, i),
                                    ft_dataset_snapshot_get_bytes (after, i)));
      g_assert_cmpuint (ft_dataset_snapshot_get_source_line (before, i), ==,
                        ft_dataset_snapshot_get_source_line (after, i));
    }
  g_assert_cmpuint (ft_dataset_snapshot_get_source_line (after, 2), ==, 3);
  g_assert_true (ft_example_get_broken (ft_dataset_peek_example (restored, 0)));

  /* Discarded after the user saved the restored work. */
  g_assert_true (ft_recovery_session_discard (session, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (recovery_file, NULL));
  g_clear_object (&sessions);
  sessions = list_sessions (recovery_dir);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 0);

  ft_test_remove_tree (dir);
}

static void
test_removed_when_saved (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *recovery_dir = g_build_filename (dir, "recovery", NULL);
  g_autofree char *path = ft_test_write_file (dir, "data.jsonl",
                                              "{\"messages\":[{\"role\":\"user\","
                                              "\"content\":\"a\"}]}\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtRecovery) recovery = NULL;
  g_autoptr(FtHistory) history = NULL;
  g_autoptr(FtMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  GFile *recovery_file;

  g_assert_true (ft_dataset_load (dataset, file, NULL, &error));
  recovery = ft_recovery_new (dataset, recovery_dir);
  history = ft_history_new (dataset);
  ft_recovery_set_delay (recovery, 10);
  recovery_file = ft_recovery_get_recovery_file (recovery);
  message = g_list_model_get_item (ft_example_get_messages (ft_dataset_peek_example (dataset, 0)),
                                   0);

  /* Saving the dataset removes the copy. */
  ft_history_set_message_content (history, message, "edited");
  FT_TEST_WAIT (ft_recovery_get_has_unsaved_copy (recovery));
  g_assert_true (ft_dataset_save (dataset, NULL, NULL, &error));
  g_assert_false (ft_recovery_get_has_unsaved_copy (recovery));
  g_assert_false (g_file_query_exists (recovery_file, NULL));

  /* So does undoing back to the saved state. */
  ft_history_set_message_role (history, message, FT_ROLE_ASSISTANT);
  FT_TEST_WAIT (ft_recovery_get_has_unsaved_copy (recovery));
  g_assert_true (ft_history_undo (history));
  g_assert_false (ft_dataset_get_modified (dataset));
  g_assert_false (ft_recovery_get_has_unsaved_copy (recovery));
  g_assert_false (g_file_query_exists (recovery_file, NULL));

  ft_test_remove_tree (dir);
}

static void
test_explicit_save_and_discard (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(FtRecovery) recovery = ft_recovery_new (dataset, dir);
  g_autoptr(FtExample) example = ft_example_new ();
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(FtRecoverySession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean done = FALSE;

  g_assert_cmpstr (ft_recovery_get_directory (recovery), ==, dir);
  g_assert_true (ft_recovery_get_dataset (recovery) == dataset);

  /* A long delay: only the explicit save writes. */
  ft_recovery_set_delay (recovery, 60 * 1000);
  ft_dataset_append (dataset, example);

  ft_recovery_save_async (recovery, NULL, save_cb, &done);
  FT_TEST_WAIT (done);
  g_assert_true (ft_recovery_get_has_unsaved_copy (recovery));

  sessions = list_sessions (dir);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  session = g_list_model_get_item (sessions, 0);
  g_assert_null (ft_recovery_session_get_file (session));
  name = ft_recovery_session_dup_display_name (session);
  g_assert_cmpstr (name, ==, "Untitled Dataset");

  g_assert_true (ft_recovery_discard (recovery, &error));
  g_assert_no_error (error);
  g_assert_false (ft_recovery_get_has_unsaved_copy (recovery));
  g_clear_object (&sessions);
  sessions = list_sessions (dir);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 0);

  ft_test_remove_tree (dir);
}

static void
test_list_skips_other_files (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *a = ft_test_write_file (dir, "notes.jsonl", "{\"messages\":[]}\n", -1);
  g_autofree char *b = ft_test_write_file (dir, "empty.jsonl", "", -1);
  g_autofree char *c = ft_test_write_file (dir, "old.jsonl", "{\"exemplar-recovery\":99}\n", -1);
  g_autofree char *d = ft_test_write_file (dir, "readme.txt", "hello", -1);
  g_autofree char *e = ft_test_write_file (dir, "good.jsonl",
                                           "{\"exemplar-recovery\":1,\"file\":null,"
                                           "\"modified\":\"2026-01-02T03:04:05Z\","
                                           "\"n-examples\":1,"
                                           "\"kind\":\"chat\"}\n{\"messages\":[]}\n"
                                           "{\"source-lines\":[7]}\n",
                                           -1);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GListModel) sessions = list_sessions (dir);
  g_autoptr(GListModel) none = list_sessions (missing);
  g_autoptr(FtRecoverySession) session = NULL;
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  gboolean done = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  session = g_list_model_get_item (sessions, 0);
  g_assert_cmpint (g_date_time_get_year (ft_recovery_session_get_modified (session)), ==, 2026);

  ft_recovery_session_restore_async (session, dataset, NULL, restore_cb, &done);
  FT_TEST_WAIT (done);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 1);
  g_assert_cmpuint (ft_example_get_source_line (ft_dataset_peek_example (dataset, 0)), ==, 7);
  g_assert_null (ft_dataset_get_file (dataset));

  ft_test_remove_tree (dir);
}

static void
test_default_directory (void)
{
  g_autofree char *dir = ft_recovery_dup_default_directory ();
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "exemplar", "recovery",
                                                NULL);

  g_assert_cmpstr (dir, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/recovery/crash-and-restore", test_crash_and_restore);
  g_test_add_func ("/ft/recovery/removed-when-saved", test_removed_when_saved);
  g_test_add_func ("/ft/recovery/explicit-save-and-discard", test_explicit_save_and_discard);
  g_test_add_func ("/ft/recovery/list-skips-other-files", test_list_skips_other_files);
  g_test_add_func ("/ft/recovery/default-directory", test_default_directory);

  return g_test_run ();
}
