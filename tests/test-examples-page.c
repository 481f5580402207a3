/* test-examples-page.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-application.h"
#include "ft-checks-panel.h"
#include "ft-csv-mapping-dialog.h"
#include "ft-example-editor.h"
#include "ft-examples-page.h"
#include "ft-recovery.h"
#include "ft-window.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ft-ui-test-utils.h"

/* The Examples page in the real window: files, edits and undo, bulk
 * changes, recovery, the unsaved-changes question, findings, search and
 * filters, and accessible names. Dialogs are answered from the test;
 * everything asynchronous is waited for by iterating the main context.
 */

#define WAIT_MS 20000

#define PAIR(u, a) \
  "{\"role\": \"user\", \"content\": \"" u "\"}, {\"role\": \"assistant\", \"content\": \"" a "\"}"
#define SYSTEM(s)  "{\"role\": \"system\", \"content\": \"" s "\"}"

static FtApplication *app;
static char *test_dir;

typedef struct
{
  FtWindow       *window;
  FtExamplesPage *page;
  FtDataset      *dataset;
  char           *dir;
} Fixture;

static const char *three_lines =
  "{\"messages\": [" SYSTEM ("You help bikers.") ", " PAIR ("Where is my order?",
                                                            "It ships tomorrow.") "]}\n"
  "{\"messages\": [" PAIR ("Do you repair bikes?", "Yes, on weekdays.") "], \"id\": 7}\n"
  "{\"messages\": [" PAIR ("Do you sell helmets?",
                           "Yes, from $40.") ", " PAIR ("In red?", "Red and blue.") "]}\n";

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static guint counter;

  fixture->dir = g_strdup_printf ("%s/case-%u", test_dir, ++counter);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);

  fixture->window = ft_window_new (ADW_APPLICATION (app));
  g_object_ref_sink (fixture->window);
  fixture->page = ft_window_get_examples_page (fixture->window);
  fixture->dataset = ft_examples_page_get_dataset (fixture->page);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ft_test_wait_until (window_drawn, fixture->window, WAIT_MS));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  FtWindow *window = fixture->window;

  /* Nothing may be left to ask about. */
  ft_dataset_set_modified (fixture->dataset, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  ft_test_iterate_main_context (10);
  g_assert_finalize_object (window);
  g_free (fixture->dir);
}

/* Waiting */

static gboolean
page_settled (gpointer data)
{
  Fixture *fixture = data;
  FtDatasetChecker *checker = ft_examples_page_get_checker (fixture->page);

  return !ft_dataset_get_loading (fixture->dataset) &&
         ft_dataset_checker_get_summary (checker) != NULL &&
         !ft_dataset_checker_get_busy (checker);
}

static void
wait_settled (Fixture *fixture)
{
  ft_dataset_checker_flush (ft_examples_page_get_checker (fixture->page));
  g_assert_true (ft_test_wait_until (page_settled, fixture, WAIT_MS));
}

static void
open_text (Fixture    *fixture,
           const char *name,
           const char *contents)
{
  g_autofree char *path = write_file (fixture, name, contents);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ft_window_open_file (fixture->window, file);
  ft_test_iterate_main_context (10);
  wait_settled (fixture);
}

static gboolean
not_modified (gpointer data)
{
  return !ft_dataset_get_modified (data);
}

static FtExample *
example_at (Fixture *fixture,
            guint    position)
{
  return ft_dataset_peek_example (fixture->dataset, position);
}

static FtMessage *
message_at (FtExample *example,
            guint      position)
{
  g_autoptr(FtMessage) message = g_list_model_get_item (ft_example_get_messages (example),
                                                        position);

  return message;
}

static gboolean
activate (Fixture    *fixture,
          const char *action)
{
  return gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL);
}

/* Dialogs */

/* Answers a dialog as a click on a button does (the response, then the
 * dialog goes away), so that the next wait finds the next dialog.
 */
static void
answer (GtkWidget  *dialog,
        const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ft_test_wait_window_hidden (dialog, WAIT_MS);
  g_object_unref (dialog);
}

static void
respond (const char *response)
{
  answer (ft_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, WAIT_MS), response);
}

/* Open, edit, undo, redo, save */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "shop.jsonl", three_lines);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) original = g_strsplit (three_lines, "\n", -1);
  FtHistory *history = ft_examples_page_get_history (fixture->page);
  FtMessage *reply;

  ft_window_open_file (fixture->window, file);
  wait_settled (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 3);
  g_assert_false (ft_dataset_get_modified (fixture->dataset));
  g_assert_true (ft_examples_page_get_selected (fixture->page) == example_at (fixture, 0));

  /* The size is in words, for screen readers too. */
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->page), "shop.jsonl"));

  /* Edit the second example's reply, as the editor does. */
  ft_examples_page_select_example (fixture->page, example_at (fixture, 1));
  reply = message_at (example_at (fixture, 1), 1);
  ft_history_set_message_content (history, reply, "Yes, every day but Sunday.");
  g_assert_true (ft_dataset_get_modified (fixture->dataset));

  /* Undo and redo through the page's actions. */
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_cmpstr (ft_message_get_content (reply), ==, "Yes, on weekdays.");
  g_assert_false (ft_dataset_get_modified (fixture->dataset));
  g_assert_true (activate (fixture, "examples.redo"));
  g_assert_cmpstr (ft_message_get_content (reply), ==, "Yes, every day but Sunday.");
  g_assert_true (ft_dataset_get_modified (fixture->dataset));

  /* Save writes the same file; only the edited line changes. */
  g_assert_true (activate (fixture, "examples.save"));
  g_assert_true (ft_test_wait_until (not_modified, fixture->dataset, WAIT_MS));
  saved = read_file (path);
  lines = g_strsplit (saved, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, original[0]);
  g_assert_cmpstr (lines[2], ==, original[2]);
  g_assert_nonnull (strstr (lines[1], "Yes, every day but Sunday."));
  g_assert_nonnull (strstr (lines[1], "\"id\":7"));

  /* After saving, undo makes it modified again. */
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_true (ft_dataset_get_modified (fixture->dataset));
}

/* Recent files */

static gboolean
has_recent (gpointer data)
{
  g_autoptr(GtkRecentInfo) info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (),
                                                                  data, NULL);

  return info != NULL;
}

typedef struct
{
  GMenuModel *menu;
  const char *uri;
} MenuItemWanted;

static gboolean
menu_has_uri (gpointer data)
{
  MenuItemWanted *wanted = data;

  for (int i = 0; i < g_menu_model_get_n_items (wanted->menu); i++)
    {
      g_autofree char *target = NULL;

      if (g_menu_model_get_item_attribute (wanted->menu, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                           &target) &&
          g_strcmp0 (target, wanted->uri) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_recent_files (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "recent.jsonl", three_lines);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GtkRecentInfo) info = NULL;
  MenuItemWanted wanted = { ft_examples_page_get_recent_menu (fixture->page), uri };

  ft_window_open_file (fixture->window, file);
  wait_settled (fixture);

  /* Written on a thread, read back by the recent manager, shown in the
   * Open button's menu.
   */
  g_assert_true (ft_test_wait_until (has_recent, uri, WAIT_MS));
  info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);
  g_assert_nonnull (info);
  g_assert_true (gtk_recent_info_has_application (info, g_get_application_name ()));
  g_assert_cmpstr (gtk_recent_info_get_mime_type (info), !=, "");
  g_assert_true (ft_test_wait_until (menu_has_uri, &wanted, WAIT_MS));
}

/* Messages through the real editor */

static void
test_editor_messages (Fixture       *fixture,
                      gconstpointer  data)
{
  FtExampleEditor *editor;
  FtExample *example;
  GListModel *messages;
  g_autoptr(FtMessage) moved = NULL;

  open_text (fixture, "shop.jsonl", three_lines);
  example = example_at (fixture, 2);
  ft_examples_page_select_example (fixture->page, example);
  editor = FT_EXAMPLE_EDITOR (ft_examples_page_get_editor (fixture->page));
  ft_test_iterate_main_context (100);
  g_assert_true (ft_example_editor_get_example (editor) == example);
  g_assert_true (ft_example_editor_get_history (editor) ==
                 ft_examples_page_get_history (fixture->page));
  messages = ft_example_get_messages (example);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 4);

  /* Add a message after the last one; the page's undo removes it. */
  ft_example_editor_focus_message (editor, 3);
  ft_test_iterate_main_context (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-message", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 5);
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 4);
  g_assert_true (activate (fixture, "examples.redo"));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 5);

  /* Move the third message up. */
  moved = g_object_ref (message_at (example, 2));
  ft_example_editor_focus_message (editor, 2);
  ft_test_iterate_main_context (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.move-message-up", NULL));
  g_assert_true (message_at (example, 1) == moved);
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_true (message_at (example, 2) == moved);

  /* Delete it; undo brings the same message back. */
  ft_example_editor_focus_message (editor, 2);
  ft_test_iterate_main_context (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete-message", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 4);
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_true (message_at (example, 2) == moved);

  /* The checks follow: the example is checked again. */
  wait_settled (fixture);
  g_assert_nonnull (ft_dataset_checker_get_report (ft_examples_page_get_checker (fixture->page),
                                                   example));
}

/* Adding, duplicating and deleting examples */

static gboolean
toast_shown (gpointer data)
{
  Fixture *fixture = ((gpointer *)data)[0];
  const char *text = ((gpointer *)data)[1];

  return ft_test_find_label_with_text (GTK_WIDGET (fixture->window), text) != NULL;
}

static void
wait_toast (Fixture    *fixture,
            const char *text)
{
  gpointer data[2] = { fixture, (gpointer)text };

  g_assert_true (ft_test_wait_until (toast_shown, data, WAIT_MS));
}

static void
test_examples (Fixture       *fixture,
               gconstpointer  data)
{
  FtExample *added;
  FtExample *first;
  g_autoptr(FtMessage) system = NULL;

  open_text (fixture, "shop.jsonl", three_lines);
  first = example_at (fixture, 0);

  /* A new example after the selected one keeps its system prompt. */
  g_assert_true (activate (fixture, "examples.new-example"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 4);
  added = example_at (fixture, 1);
  g_assert_true (ft_examples_page_get_selected (fixture->page) == added);
  g_assert_cmpuint (ft_example_get_n_messages (added), ==, 3);
  system = g_object_ref (message_at (added, 0));
  g_assert_cmpstr (ft_message_get_content (system), ==, "You help bikers.");

  /* Duplicate, then delete with an Undo toast. */
  ft_examples_page_select_example (fixture->page, first);
  g_assert_true (activate (fixture, "examples.duplicate-example"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 5);
  g_assert_true (ft_example_equal (example_at (fixture, 1), first));

  ft_examples_page_select_example (fixture->page, first);
  g_assert_true (activate (fixture, "examples.delete-example"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 4);
  wait_toast (fixture, "Example deleted");
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_true (example_at (fixture, 0) == first);
}

/* Bulk changes */

static gboolean
all_have_system (gpointer data)
{
  Fixture *fixture = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset));

  for (guint i = 0; i < n; i++)
    {
      FtMessage *first = message_at (example_at (fixture, i), 0);

      if (ft_message_get_role_kind (first) != FT_ROLE_SYSTEM ||
          g_strcmp0 (ft_message_get_content (first), "Be brief.") != 0)
        return FALSE;
    }

  return TRUE;
}

static void
test_bulk_system_prompt (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *text_view;
  g_autofree char *before1 = NULL;
  g_autofree char *after1 = NULL;

  open_text (fixture, "shop.jsonl", three_lines);
  before1 = ft_example_dup_text (example_at (fixture, 1));

  g_assert_true (activate (fixture, "examples.set-system-prompt"));
  dialog = ft_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, WAIT_MS);
  text_view = ft_test_find_widget_by_type (dialog, GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (text_view);

  /* It starts with the selected example's prompt. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
    GtkTextIter start;
    GtkTextIter end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "You help bikers.");
    gtk_text_buffer_set_text (buffer, "Be brief.", -1);
  }
  answer (dialog, "set");

  g_assert_true (ft_test_wait_until (all_have_system, fixture, WAIT_MS));
  wait_toast (fixture, "System prompt set in 3 examples");
  after1 = ft_example_dup_text (example_at (fixture, 1));
  g_assert_nonnull (strstr (after1, "\"id\":7"));

  /* One step undoes it for every example. */
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_false (all_have_system (fixture));
  {
    g_autofree char *undone = ft_example_dup_text (example_at (fixture, 1));

    g_assert_cmpstr (undone, ==, before1);
  }
  g_assert_cmpstr (ft_message_get_content (message_at (example_at (fixture, 0), 0)),
                   ==,
                   "You help bikers.");
  g_assert_false (ft_dataset_get_modified (fixture->dataset));
}

static gboolean
replaced (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (ft_message_get_content (message_at (example_at (fixture, 2), 1)),
                    "Yes, from $40 (cash only).") == 0;
}

static gboolean
preview_counted (gpointer data)
{
  return ft_test_find_label_with_text (data, "2 matches in 2 examples will be replaced") != NULL;
}

static void
test_bulk_replace_and_dedupe (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (three_lines);
  GtkWidget *dialog;
  GtkWidget *find;
  GtkWidget *replace;

  /* A copy of the first example at the end, for the duplicates. */
  g_string_append (text, "{\"messages\": [" SYSTEM ("You help bikers.") ", "
                   PAIR ("Where is my order?", "It ships tomorrow.") "]}\n");
  open_text (fixture, "shop.jsonl", text->str);

  g_assert_true (activate (fixture, "examples.replace"));
  dialog = ft_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, WAIT_MS);
  find = ft_test_find_widget_by_type (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (find);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find)), ==, "Find");
  replace = gtk_widget_get_next_sibling (find);
  g_assert_true (ADW_IS_ENTRY_ROW (replace));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (replace)),
                   ==,
                   "Replace With");
  gtk_editable_set_text (GTK_EDITABLE (find), "$40");
  gtk_editable_set_text (GTK_EDITABLE (replace), "$40 (cash only)");
  ft_test_iterate_main_context (10);
  gtk_editable_set_text (GTK_EDITABLE (find), "Yes");
  g_assert_true (ft_test_wait_until (preview_counted, dialog, WAIT_MS));
  gtk_editable_set_text (GTK_EDITABLE (find), "$40");
  ft_test_iterate_main_context (400);
  answer (dialog, "replace");
  g_assert_true (ft_test_wait_until (replaced, fixture, WAIT_MS));
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_false (replaced (fixture));

  /* Remove duplicates: found off the main thread, confirmed, undoable. */
  g_assert_true (activate (fixture, "examples.remove-duplicates"));
  respond ("remove");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 3);
  wait_toast (fixture, "1 duplicate removed");
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 4);
}

/* A broken line, fixed in place */

static guint
count_errors (Fixture *fixture)
{
  FtDatasetChecker *checker = ft_examples_page_get_checker (fixture->page);
  FtValidationSummary *summary = ft_dataset_checker_get_summary (checker);

  return ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR);
}

static void
test_broken_line (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (three_lines);
  FtExample *broken;
  FtDatasetChecker *checker = ft_examples_page_get_checker (fixture->page);
  guint errors;

  g_string_append (text, "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}\n");
  open_text (fixture, "shop.jsonl", text->str);

  broken = example_at (fixture, 3);
  g_assert_true (ft_example_get_broken (broken));
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, broken, FT_ISSUE_SEVERITY_ERROR),
                    ==,
                    1);
  /* The broken line, and too few examples for the whole file. */
  errors = count_errors (fixture);
  g_assert_cmpuint (errors, ==, 2);

  /* Fixed the way the broken-line editor does it: undoable. */
  ft_examples_page_select_example (fixture->page, broken);
  g_assert_true (ft_history_set_example_text (ft_examples_page_get_history (fixture->page), broken,
                                              "{\"messages\": [" PAIR ("Hi", "Hello!") "]}", NULL));
  g_assert_false (ft_example_get_broken (broken));
  wait_settled (fixture);
  g_assert_cmpuint (count_errors (fixture), ==, errors - 1);
  g_assert_cmpuint (ft_dataset_checker_count_issues (checker, broken, FT_ISSUE_SEVERITY_ERROR),
                    ==,
                    0);
  g_assert_true (example_at (fixture, 3) == broken);

  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_true (ft_example_get_broken (broken));
  wait_settled (fixture);
  g_assert_cmpuint (count_errors (fixture), ==, errors);
}

/* Recovery after a crash */

/* The page's copy shows up in the recovery directory. */
static gboolean
has_copy (gpointer data)
{
  g_autofree char *directory = ft_recovery_dup_default_directory ();
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) != NULL;
}

static gboolean
not_has_copy (gpointer data)
{
  return !has_copy (data);
}

static gboolean
restored (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)) == 3 &&
         ft_dataset_get_modified (fixture->dataset);
}

static void
test_recovery (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "crash.jsonl", three_lines);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FtWindow *second;
  Fixture next = { 0 };
  FtMessage *reply;
  gpointer weak;

  ft_window_open_file (fixture->window, file);
  wait_settled (fixture);
  g_assert_false (has_copy (NULL));

  reply = message_at (example_at (fixture, 0), 2);
  ft_history_set_message_content (ft_examples_page_get_history (fixture->page), reply,
                                  "It ships today.");

  /* The copy is written within a few seconds of the edit. */
  g_assert_true (ft_test_wait_until (has_copy, NULL, WAIT_MS));

  /* A crash: the window goes away without being asked about anything. */
  second = fixture->window;
  weak = second;
  g_object_add_weak_pointer (G_OBJECT (second), &weak);
  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
  ft_test_iterate_main_context (10);
  g_assert_null (weak);

  /* The next start offers the unsaved edits. */
  fixture_setup (&next, NULL);
  fixture->window = next.window;
  fixture->page = next.page;
  fixture->dataset = next.dataset;
  g_free (next.dir);

  ft_examples_page_start (fixture->page);
  respond ("restore");
  g_assert_true (ft_test_wait_until (restored, fixture, WAIT_MS));
  g_assert_cmpstr (ft_message_get_content (message_at (example_at (fixture, 0), 2)),
                   ==,
                   "It ships today.");
  g_assert_true (g_file_equal (ft_dataset_get_file (fixture->dataset), file));

  /* Saving puts them in the file. */
  g_assert_true (activate (fixture, "examples.save"));
  g_assert_true (ft_test_wait_until (not_modified, fixture->dataset, WAIT_MS));
  {
    g_autofree char *contents = read_file (path);

    g_assert_nonnull (strstr (contents, "It ships today."));
  }

  /* Saved: no copy is left to offer. */
  g_assert_true (ft_test_wait_until ((gboolean (*) (gpointer))not_has_copy, NULL, WAIT_MS));
}

/* The unsaved-changes question */

static gboolean
window_closed (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static void
test_unsaved_prompt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "shop.jsonl", three_lines);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FtMessage *reply;

  ft_window_open_file (fixture->window, file);
  wait_settled (fixture);
  reply = message_at (example_at (fixture, 1), 1);
  ft_history_set_message_content (ft_examples_page_get_history (fixture->page), reply, "Maybe.");

  /* Cancel: the window stays, the edit too. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  respond ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (ft_dataset_get_modified (fixture->dataset));

  /* Opening another file asks too; cancel keeps this one. */
  ft_window_open_file (fixture->window, file);
  respond ("cancel");
  g_assert_cmpstr (ft_message_get_content (reply), ==, "Maybe.");

  /* Save: the file gets the edit, then the window closes. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  respond ("save");
  g_assert_true (ft_test_wait_until (not_modified, fixture->dataset, WAIT_MS));
  {
    g_autofree char *contents = read_file (path);

    g_assert_nonnull (strstr (contents, "Maybe."));
  }
  g_assert_true (ft_test_wait_until (window_closed, fixture->window, WAIT_MS));
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "shop.jsonl", three_lines);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FtMessage *reply;

  ft_window_open_file (fixture->window, file);
  wait_settled (fixture);
  reply = message_at (example_at (fixture, 1), 1);
  ft_history_set_message_content (ft_examples_page_get_history (fixture->page), reply, "Maybe.");

  /* New dataset, discarding the edit: the file is untouched. */
  g_assert_true (activate (fixture, "examples.new-dataset"));
  respond ("discard");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 0);
  g_assert_false (ft_dataset_get_modified (fixture->dataset));
  {
    g_autofree char *contents = read_file (path);

    g_assert_cmpstr (contents, ==, three_lines);
  }
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->page), "Teach by Example"));
}

/* Findings */

static void
test_checks_panel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (three_lines);
  FtDatasetChecker *checker = ft_examples_page_get_checker (fixture->page);
  GListModel *issues;
  GtkWidget *panel;
  GtkWidget *list;
  GtkWidget *button;
  guint position = G_MAXUINT;

  /* The fourth example has an unknown role in its second message. */
  g_string_append (text, "{\"messages\": [" PAIR ("Hi", "Hello") ", "
                   "{\"role\": \"robot\", \"content\": \"Beep\"}]}\n");
  open_text (fixture, "shop.jsonl", text->str);

  issues = ft_dataset_checker_get_issues (checker);
  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      if (ft_issue_get_code_id (issue) == FT_ISSUE_UNKNOWN_ROLE)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  /* Errors first (the whole file's, then the examples'): the unknown
   * role is an error, after "too few examples".
   */
  g_assert_cmpuint (position, ==, 1);

  g_assert_true (activate (fixture, "examples.find"));
  button = ft_test_find_widget_by_label (GTK_WIDGET (fixture->page), "Show findings");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  ft_test_iterate_main_context (50);
  panel = ft_test_find_widget_by_type (GTK_WIDGET (fixture->page), FT_TYPE_CHECKS_PANEL);
  g_assert_true (gtk_widget_get_mapped (panel));
  list = ft_test_find_widget_by_label (panel, "Findings");
  g_assert_nonnull (ft_test_find_label_with_text (panel, "Errors"));
  g_assert_nonnull (ft_test_find_label_with_text (panel, "Example 4, message 3"));

  /* Activating the finding selects its example. */
  g_signal_emit_by_name (list, "activate", position);
  g_assert_true (ft_examples_page_get_selected (fixture->page) == example_at (fixture, 3));
}

/* Search and filters */

static gboolean
visible_count_is (gpointer data)
{
  gpointer *args = data;
  Fixture *fixture = args[0];
  guint expected = GPOINTER_TO_UINT (args[1]);

  return g_list_model_get_n_items (ft_examples_page_get_visible (fixture->page)) == expected;
}

static void
wait_visible (Fixture *fixture,
              guint    expected)
{
  gpointer args[2] = { fixture, GUINT_TO_POINTER (expected) };

  if (!ft_test_wait_until (visible_count_is, args, WAIT_MS))
    g_error ("%u examples shown, not %u",
             g_list_model_get_n_items (ft_examples_page_get_visible (fixture->page)), expected);
}

static void
test_search_and_filters (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (three_lines);
  GtkWidget *entry;
  GActionGroup *actions = ft_examples_page_get_action_group (fixture->page);

  g_string_append (text, "{\"messages\": [" PAIR ("Check stock", "") ", {\"role\": \"assistant\", "
                   "\"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", "
                   "\"function\": {\"name\": \"stock\", \"arguments\": \"{}\"}}]}, "
                   "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"3\"}, "
                   "{\"role\": \"assistant\", \"content\": \"Three HELMETS left.\"}], "
                   "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"stock\"}}]}\n");
  open_text (fixture, "shop.jsonl", text->str);
  wait_visible (fixture, 4);

  /* Ctrl+F's action opens the search; the text is searched in messages. */
  g_assert_true (activate (fixture, "examples.find"));
  entry = ft_test_find_widget_by_label (GTK_WIDGET (fixture->page), "Search message text");
  g_assert_nonnull (entry);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "helmet");
  wait_visible (fixture, 2);
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->page),
                                                  "2 matches in 2 examples"));
  /* Each count takes its own plural form. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "red");
  wait_visible (fixture, 1);
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->page),
                                                  "2 matches in 1 example"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "role");
  wait_visible (fixture, 0);
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->page),
                                                  "No Matching Examples"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_visible (fixture, 4);

  /* Filters: tool calls, a role, findings. */
  g_action_group_change_action_state (actions, "filter-tool-calls", g_variant_new_boolean (TRUE));
  wait_visible (fixture, 1);
  g_action_group_change_action_state (actions, "filter-tool-calls", g_variant_new_boolean (FALSE));
  wait_visible (fixture, 4);
  g_action_group_change_action_state (actions, "filter-role", g_variant_new_string ("system"));
  wait_visible (fixture, 1);
  g_action_group_change_action_state (actions, "filter-role", g_variant_new_string ("any"));
  wait_visible (fixture, 4);
  /* The tool-call example has an empty reply: an error. */
  g_assert_cmpuint (ft_dataset_checker_count_issues (ft_examples_page_get_checker (fixture->page),
                                                     example_at (fixture,
                                                                 3), FT_ISSUE_SEVERITY_ERROR),
                    >, 0);
  /* The example being edited stays while a findings filter is on (fixing
   * it must not make it vanish): with another one selected, it shows too.
   */
  g_action_group_change_action_state (actions, "filter-errors", g_variant_new_boolean (TRUE));
  wait_visible (fixture, 2);
  ft_examples_page_select_example (fixture->page, example_at (fixture, 3));
  g_action_group_change_action_state (actions, "filter-errors", g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (actions, "filter-errors", g_variant_new_boolean (TRUE));
  wait_visible (fixture, 1);

  /* Delete the filtered examples; undo brings them back. */
  g_assert_true (activate (fixture, "examples.delete-filtered"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 3);
  wait_toast (fixture, "1 example deleted");
  g_assert_true (activate (fixture, "examples.undo"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)), ==, 4);
}

/* CSV files */

static gboolean
imported (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (fixture->dataset)) > 0 &&
         !ft_dataset_get_loading (fixture->dataset);
}

static void
test_csv_mapping (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST,
                                                 "data",
                                                 "real",
                                                 "insurance-topics.qa.csv",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog;
  FtExample *first;

  /* The column names do not say which is which: the user chooses. */
  ft_window_open_file (fixture->window, file);
  dialog = ft_test_wait_for_toplevel (FT_TYPE_CSV_MAPPING_DIALOG, WAIT_MS);
  ft_csv_mapping_dialog_set_columns (FT_CSV_MAPPING_DIALOG (dialog), -1, 2, 3);
  ft_csv_mapping_dialog_accept (FT_CSV_MAPPING_DIALOG (dialog));

  g_assert_true (ft_test_wait_until (imported, fixture, WAIT_MS));
  wait_settled (fixture);
  first = example_at (fixture, 0);
  g_assert_cmpuint (ft_example_get_n_messages (first), ==, 2);
  g_assert_cmpstr (ft_message_get_content (message_at (first, 0)), ==,
                   "How are auto insurance premiums calculated?");

  /* Converted: not saved anywhere, and never over the CSV file. */
  g_assert_null (ft_dataset_get_file (fixture->dataset));
  g_assert_true (ft_dataset_get_modified (fixture->dataset));
}

/* Legacy prompt/completion lines open converted to chat */

static gboolean
converted (gpointer data)
{
  Fixture *fixture = data;

  return !ft_dataset_get_loading (fixture->dataset) &&
         ft_dataset_get_kind (fixture->dataset) == FT_DATASET_KIND_CHAT;
}

static void
test_legacy_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "legacy.jsonl",
                                      "{\"prompt\": \"Is the shop open on Sunday? ->\", "
                                      "\"completion\": \" No.\"}\n"
                                      "{\"prompt\": \"Do you fix brakes? ->\", \"completion\": \" "
                                      "Yes.\"}\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FtExample *first;

  ft_window_open_file (fixture->window, file);
  g_assert_true (ft_test_wait_until (converted, fixture, WAIT_MS));
  wait_settled (fixture);

  first = example_at (fixture, 0);
  g_assert_cmpuint (ft_example_get_n_messages (first), ==, 2);
  g_assert_cmpint (ft_message_get_role_kind (message_at (first, 1)), ==, FT_ROLE_ASSISTANT);

  /* Saving asks for a new name: the legacy file is not overwritten. */
  g_assert_null (ft_dataset_get_file (fixture->dataset));
  g_assert_nonnull (ft_test_find_label_with_text (GTK_WIDGET (fixture->page),
                                                  "legacy.jsonl (converted)"));
}

/* The list's rows: a long list shows a slice of its examples that grows
 * a frame at a time, and every example stays reachable meanwhile.
 */

#define MANY_EXAMPLES 600

/* MANY_EXAMPLES examples; the odd ones are about refunds. */
static char *
many_examples (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < MANY_EXAMPLES; i++)
    g_string_append_printf (text,
                            "{\"messages\": [{\"role\": \"user\", \"content\": \"Question %u%s\"}, "
                            "{\"role\": \"assistant\", \"content\": \"Answer %u\"}]}\n",
                            i, i % 2 == 1 ? " about refunds" : "", i);

  return g_string_free (text, FALSE);
}

static GtkListView *
example_list (Fixture *fixture)
{
  GtkWidget *list = ft_test_find_list_view (GTK_WIDGET (fixture->page),
                                            ft_examples_page_get_visible (fixture->page));

  g_assert_nonnull (list);

  return GTK_LIST_VIEW (list);
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (example_list (fixture))));
}

static gboolean
all_rows_listed (gpointer data)
{
  Fixture *fixture = data;

  return n_rows (fixture) == g_list_model_get_n_items (ft_examples_page_get_visible (fixture->page));
}

/* Presses a key in the list the way GTK hands it on (GTK 4.8 cannot
 * synthesize one): first to the key controllers that capture it on the
 * way to the focused row, then to the list's own key bindings.
 */
static void
press_key_in_list (GtkListView *list,
                   guint        keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (list));
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
      g_assert_false (handled);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_BUBBLE)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           GTK_WIDGET (list),
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("The list has no binding for %s", gdk_keyval_name (keyval));
}

static FtExample *
selected_example (Fixture *fixture)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (example_list (fixture));

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
}

static gboolean
editor_shows_last (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *editor = ft_examples_page_get_editor (fixture->page);

  return ft_example_editor_get_example (FT_EXAMPLE_EDITOR (editor)) ==
         example_at (fixture, MANY_EXAMPLES - 1);
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *text = many_examples ();
  g_autoptr(GPtrArray) examples = g_ptr_array_new_with_free_func (g_object_unref);
  FtExample *last;

  open_text (fixture, "many.jsonl", text);
  g_assert_true (ft_test_wait_until (all_rows_listed, fixture, WAIT_MS));
  g_assert_cmpuint (n_rows (fixture), ==, MANY_EXAMPLES);

  /* The list empties and fills again at once, as when a file opens: its
   * rows follow a frame at a time, until all are there.
   */
  for (guint i = 0; i < MANY_EXAMPLES; i++)
    g_ptr_array_add (examples, g_object_ref (example_at (fixture, i)));
  last = g_ptr_array_index (examples, MANY_EXAMPLES - 1);
  ft_dataset_remove_all (fixture->dataset);
  ft_dataset_splice (fixture->dataset, 0, 0, (FtExample * const *)examples->pdata,
                     examples->len);
  g_assert_cmpuint (g_list_model_get_n_items (ft_examples_page_get_visible (fixture->page)), ==,
                    MANY_EXAMPLES);
  g_assert_cmpuint (n_rows (fixture), <, MANY_EXAMPLES);
  g_assert_true (ft_test_wait_until (all_rows_listed, fixture, WAIT_MS));
  g_assert_true (selected_example (fixture) == example_at (fixture, 0));

  /* End goes to the last example while the rows are still coming. */
  ft_dataset_remove_all (fixture->dataset);
  ft_dataset_splice (fixture->dataset, 0, 0, (FtExample * const *)examples->pdata,
                     examples->len);
  g_assert_cmpuint (n_rows (fixture), <, MANY_EXAMPLES);
  gtk_widget_grab_focus (GTK_WIDGET (example_list (fixture)));
  press_key_in_list (example_list (fixture), GDK_KEY_End);
  g_assert_cmpuint (n_rows (fixture), ==, MANY_EXAMPLES);
  g_assert_true (selected_example (fixture) == last);
  g_assert_true (ft_test_wait_until (editor_shows_last, fixture, WAIT_MS));

  /* So does selecting it from outside. */
  ft_dataset_remove_all (fixture->dataset);
  ft_dataset_splice (fixture->dataset, 0, 0, (FtExample * const *)examples->pdata,
                     examples->len);
  g_assert_cmpuint (n_rows (fixture), <, MANY_EXAMPLES);
  ft_examples_page_select_example (fixture->page, last);
  g_assert_true (selected_example (fixture) == last);
}

static void
test_search_rows (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = many_examples ();
  GtkWidget *entry;

  open_text (fixture, "many.jsonl", text);
  g_assert_true (activate (fixture, "examples.find"));
  entry = ft_test_find_widget_by_label (GTK_WIDGET (fixture->page), "Search message text");
  g_assert_nonnull (entry);

  /* Every match is listed, down to the last, also after a search that
   * found nothing emptied the list.
   */
  gtk_editable_set_text (GTK_EDITABLE (entry), "refunds");
  wait_visible (fixture, MANY_EXAMPLES / 2);
  g_assert_true (ft_test_wait_until (all_rows_listed, fixture, WAIT_MS));
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like this");
  wait_visible (fixture, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "refunds");
  wait_visible (fixture, MANY_EXAMPLES / 2);
  g_assert_true (ft_test_wait_until (all_rows_listed, fixture, WAIT_MS));
  press_key_in_list (example_list (fixture), GDK_KEY_End);
  g_assert_true (selected_example (fixture) == example_at (fixture, MANY_EXAMPLES - 1));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_visible (fixture, MANY_EXAMPLES);
  g_assert_true (ft_test_wait_until (all_rows_listed, fixture, WAIT_MS));
}

/* Accessible names */

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) unlabelled = NULL;

  open_text (fixture, "shop.jsonl", three_lines);
  g_assert_true (activate (fixture, "examples.find"));
  ft_test_iterate_main_context (100);

  unlabelled = ft_test_find_unlabelled_controls (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < unlabelled->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (unlabelled, i);

      g_printerr ("Unlabelled: %s (%s) in %s in %s\n", G_OBJECT_TYPE_NAME (widget),
                  gtk_widget_get_tooltip_text (widget) ?: "no tooltip",
                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widget))));
    }
  g_assert_cmpuint (unlabelled->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Recovery copies, recent files and settings stay in a private place. */
  test_dir = ft_test_use_private_dirs ("ft-test-examples-page-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_set_prgname ("exemplar");

  app = ft_test_application_new ();

#define ADD(path, func) \
  g_test_add ("/ft/ui/examples-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("recent-files", test_recent_files);
  ADD ("editor-messages", test_editor_messages);
  ADD ("examples", test_examples);
  ADD ("bulk-system-prompt", test_bulk_system_prompt);
  ADD ("bulk-replace-and-dedupe", test_bulk_replace_and_dedupe);
  ADD ("broken-line", test_broken_line);
  ADD ("recovery", test_recovery);
  ADD ("unsaved-prompt", test_unsaved_prompt);
  ADD ("discard", test_discard);
  ADD ("checks-panel", test_checks_panel);
  ADD ("search-and-filters", test_search_and_filters);
  ADD ("csv-mapping", test_csv_mapping);
  ADD ("legacy-file", test_legacy_file);
  ADD ("rows", test_rows);
  ADD ("search-rows", test_search_rows);
  ADD ("accessible-names", test_accessible_names);
#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
