/* test-shortcuts.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-application.h"
#include "ft-example-editor.h"
#include "ft-examples-page.h"
#include "ft-window.h"

#include <adwaita.h>
#include <string.h>

#include "ft-ui-test-utils.h"

/* The keyboard shortcuts that the Keyboard Shortcuts window lists, under
 * Xvfb. GTK 4.8 cannot synthesize key presses, so the test walks the
 * shortcut controllers of the window, the Examples page, its list and the
 * example editor (the application's accelerators among the window's),
 * finds each listed shortcut's trigger there, and activates the shortcut's
 * own action object, as a key press would.
 */

#define WAIT_MS 20000

static FtApplication *app;
static gboolean showing_shortcuts_window;

/* GTK 4.8's own Keyboard Shortcuts window warns, under Xvfb, that one of
 * its labels measures -3 pixels wide. While it shows, that warning alone
 * is dropped; anything else stays fatal.
 */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (showing_shortcuts_window && (log_level & G_LOG_LEVEL_WARNING) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
              g_str_has_prefix (fields[i].value, "GtkLabel ") &&
              strstr (fields[i].value, "reported min width -") != NULL)
            return G_LOG_WRITER_HANDLED;
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* What each shortcut of src/ui/gtk/help-overlay.ui must run: a named
 * action with an optional string argument, or (action NULL) the callback
 * with which a primary menu button opens its menu.
 */
typedef struct
{
  const char *listed;   /* the overlay's accelerator or action-name */
  const char *action;
  const char *target;
} Expected;

static const Expected expected[] = {
  { "F10", NULL, NULL },
  { "app.preferences", "app.preferences", NULL },
  { "win.show-help-overlay", "win.show-help-overlay", NULL },
  { "<Control>w", "window.close", NULL },
  { "app.quit", "app.quit", NULL },
  { "<Alt>1", "win.show-page", "examples" },
  { "<Alt>2", "win.show-page", "train" },
  { "<Alt>3", "win.show-page", "jobs" },
  { "<Alt>4", "win.show-page", "compare" },
  { "<Control>o", "examples.open", NULL },
  { "<Control>s", "examples.save", NULL },
  { "<Control><Shift>s", "examples.save-as", NULL },
  { "<Control>n", "examples.new-example", NULL },
  { "<Control>d", "examples.duplicate-example", NULL },
  { "Delete", "examples.delete-example", NULL },
  { "<Control>f", "examples.find", NULL },
  { "<Control>z", "examples.undo", NULL },
  { "<Control><Shift>z", "examples.redo", NULL },
  { "<Control>Return", "editor.add-message", NULL },
  { "<Alt>Up", "editor.move-message-up", NULL },
  { "<Alt>Down", "editor.move-message-down", NULL },
};

/* A shortcut and the widget whose controller has it. */
typedef struct
{
  GtkShortcut *shortcut;
  GtkWidget   *owner;
} Found;

static void
found_free (gpointer data)
{
  Found *found = data;

  g_object_unref (found->shortcut);
  g_free (found);
}

typedef struct
{
  FtWindow       *window;
  FtExamplesPage *page;
  FtDataset      *dataset;
  GPtrArray      *shortcuts;   /* of Found */
  gboolean        closed;
} Fixture;

/* The widgets whose shortcuts the overlay documents. Text views and the
 * like have bindings of their own, which are not the app's.
 */
static gboolean
documents_shortcuts (GtkWidget *widget)
{
  return FT_IS_WINDOW (widget) ||
         FT_IS_EXAMPLES_PAGE (widget) ||
         FT_IS_EXAMPLE_EDITOR (widget) ||
         GTK_IS_LIST_VIEW (widget);
}

static Found *
find_found (GPtrArray   *shortcuts,
            GtkShortcut *shortcut)
{
  for (guint i = 0; i < shortcuts->len; i++)
    {
      Found *found = g_ptr_array_index (shortcuts, i);

      if (found->shortcut == shortcut)
        return found;
    }

  return NULL;
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (documents_shortcuts (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller),
                                                                       j);
              Found *found = find_found (shortcuts, shortcut);

              /* The window manages its descendants' managed shortcuts and
               * lists them again: they belong to the descendant.
               */
              if (found == NULL)
                {
                  found = g_new0 (Found, 1);
                  found->shortcut = g_object_ref (shortcut);
                  g_ptr_array_add (shortcuts, found);
                }
              found->owner = widget;
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 GtkShortcutTrigger *wanted)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            wanted) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            wanted);

  return gtk_shortcut_trigger_equal (trigger, wanted);
}

static char *
describe (Found *found)
{
  GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (found->shortcut);
  GtkShortcutAction *action = gtk_shortcut_get_action (found->shortcut);
  g_autofree char *keys = gtk_shortcut_trigger_to_string (trigger);
  g_autofree char *what = gtk_shortcut_action_to_string (action);

  return g_strdup_printf ("%s → %s on %s", keys, what, G_OBJECT_TYPE_NAME (found->owner));
}

/* Every shortcut with @accelerator's trigger. */
static GPtrArray *
find_all (Fixture    *fixture,
          const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  GPtrArray *all = g_ptr_array_new ();

  g_assert_nonnull (wanted);
  for (guint i = 0; i < fixture->shortcuts->len; i++)
    {
      Found *found = g_ptr_array_index (fixture->shortcuts, i);

      if (trigger_matches (gtk_shortcut_get_trigger (found->shortcut), wanted))
        g_ptr_array_add (all, found);
    }

  return all;
}

static gboolean
runs (Found          *found,
      const Expected *expect)
{
  GtkShortcutAction *action = gtk_shortcut_get_action (found->shortcut);
  GVariant *args = gtk_shortcut_get_arguments (found->shortcut);

  /* A primary menu button gives its window the F10 shortcut. */
  if (expect->action == NULL)
    return FT_IS_WINDOW (found->owner) && GTK_IS_CALLBACK_ACTION (action);

  if (!GTK_IS_NAMED_ACTION (action) ||
      g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), expect->action) != 0)
    return FALSE;

  if (expect->target == NULL)
    return args == NULL;

  return args != NULL && g_variant_is_of_type (args, G_VARIANT_TYPE_STRING) &&
         g_str_equal (g_variant_get_string (args, NULL), expect->target);
}

/* The one shortcut for @accelerator; any other with the same trigger would
 * compete with it.
 */
static Found *
find_shortcut (Fixture        *fixture,
               const char     *accelerator,
               const Expected *expect)
{
  g_autoptr(GPtrArray) all = find_all (fixture, accelerator);
  Found *match = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      Found *found = g_ptr_array_index (all, i);
      g_autofree char *description = describe (found);

      if (runs (found, expect))
        match = found;
      else
        g_test_message ("%s: also %s", accelerator, description);
    }

  if (match == NULL)
    g_error ("No shortcut %s runs %s (%u others have its trigger)", accelerator,
             expect->action != NULL ? expect->action : "the primary menu", all->len);
  g_assert_cmpuint (all->len, ==, 1);

  return match;
}

static const Expected *
lookup_expected (const char *listed)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_str_equal (expected[i].listed, listed))
      return &expected[i];

  return NULL;
}

/* Presses @listed (an accelerator, or the action-name the overlay lists)
 * through the shortcut's action object.
 *
 * Returns: whether the shortcut ran (a named action only runs when enabled)
 */
static gboolean
press (Fixture    *fixture,
       const char *listed)
{
  const Expected *expect = lookup_expected (listed);
  g_auto(GStrv) accels = NULL;
  Found *found;
  gboolean ran;

  g_assert_nonnull (expect);
  if (g_str_has_prefix (listed, "app.") || g_str_has_prefix (listed, "win."))
    {
      accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), listed);
      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
      found = find_shortcut (fixture, accels[0], expect);
    }
  else
    {
      found = find_shortcut (fixture, listed, expect);
    }

  ran = gtk_shortcut_action_activate (gtk_shortcut_get_action (found->shortcut),
                                      GTK_SHORTCUT_ACTION_EXCLUSIVE, found->owner,
                                      gtk_shortcut_get_arguments (found->shortcut));
  ft_test_iterate_main_context (10);

  return ran;
}

/* Waiting */

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Cancels the file chooser that a shortcut opened, as its Cancel button
 * does (the dialog belongs to a GtkFileChooserNative).
 */
static void
cancel_file_chooser (GtkFileChooserAction action)
{
  GtkWidget *dialog = ft_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, WAIT_MS);

  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, action);
  g_object_ref (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  ft_test_wait_window_hidden (dialog, WAIT_MS);
  g_object_unref (dialog);
}

static GtkWidget *
find_primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static FtMessage *
message_at (GListModel *messages,
            guint       position)
{
  g_autoptr(FtMessage) message = g_list_model_get_item (messages, position);

  return message;
}

/* Fixture */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = ft_window_new (ADW_APPLICATION (app));
  g_object_ref_sink (fixture->window);
  fixture->page = ft_window_get_examples_page (fixture->window);
  fixture->dataset = ft_examples_page_get_dataset (fixture->page);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ft_test_wait_until (window_mapped, fixture->window, WAIT_MS));

  fixture->shortcuts = g_ptr_array_new_with_free_func (found_free);
  collect_shortcuts (GTK_WIDGET (fixture->window), fixture->shortcuts);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  FtWindow *window = fixture->window;

  g_clear_pointer (&fixture->shortcuts, g_ptr_array_unref);

  /* Nothing may be left to ask about. */
  if (!fixture->closed)
    ft_dataset_set_modified (fixture->dataset, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  ft_test_iterate_main_context (10);
  g_assert_finalize_object (window);
}

/* Tests */

/* Every shortcut the overlay lists exists, once, and runs its action. */
static void
test_listed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  guint n_listed = 0;

  for (guint i = 0; i < fixture->shortcuts->len; i++)
    {
      g_autofree char *description = describe (g_ptr_array_index (fixture->shortcuts, i));

      g_test_message ("Found %s", description);
    }

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *title = NULL;
      const Expected *expect;
      g_auto(GStrv) accels = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      g_object_get (l->data,
                    "accelerator", &accelerator,
                    "action-name", &action_name,
                    "title", &title,
                    NULL);
      n_listed++;

      /* The overlay names either the keys or the action whose keys the
       * application holds; the keys must parse.
       */
      if (action_name != NULL)
        {
          g_assert_null (accelerator);
          expect = lookup_expected (action_name);
          accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action_name);
          g_assert_nonnull (accels);
          if (accels[0] == NULL)
            g_error ("“%s” (%s) has no keys", title, action_name);
        }
      else
        {
          GdkModifierType modifiers;
          guint keyval;

          g_assert_nonnull (accelerator);
          g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
          expect = lookup_expected (accelerator);
          accels = g_strsplit (accelerator, " ", -1);
        }

      if (expect == NULL)
        g_error ("“%s” (%s) is not known to this test; add it to expected[]", title,
                 action_name != NULL ? action_name : accelerator);

      for (guint k = 0; accels[k] != NULL; k++)
        find_shortcut (fixture, accels[k], expect);
    }

  /* And the test knows nothing the overlay does not list. */
  g_assert_cmpuint (n_listed, ==, G_N_ELEMENTS (expected));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Examples: each shortcut runs only when its action can. */
static void
test_examples (Fixture       *fixture,
               gconstpointer  data)
{
  GListModel *examples = G_LIST_MODEL (fixture->dataset);
  GtkWidget *search_bar;

  /* An empty dataset without a file: nothing to undo, redo, save, copy,
   * delete or search.
   */
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 0);
  g_assert_false (press (fixture, "<Control>z"));
  g_assert_false (press (fixture, "<Control><Shift>z"));
  g_assert_false (press (fixture, "<Control>s"));
  g_assert_false (press (fixture, "<Control>d"));
  g_assert_false (press (fixture, "Delete"));
  g_assert_false (press (fixture, "<Control>f"));

  /* Ctrl+N adds an example, which Ctrl+Z takes back and Ctrl+Shift+Z
   * brings again.
   */
  g_assert_true (press (fixture, "<Control>n"));
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 1);
  g_assert_true (ft_examples_page_get_selected (fixture->page) ==
                 ft_dataset_peek_example (fixture->dataset, 0));
  g_assert_false (press (fixture, "<Control><Shift>z"));
  g_assert_true (press (fixture, "<Control>z"));
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 0);
  g_assert_false (press (fixture, "<Control>z"));
  g_assert_true (press (fixture, "<Control><Shift>z"));
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 1);
  g_assert_false (press (fixture, "<Control><Shift>z"));

  /* Ctrl+D copies the selected example, Delete in the list removes it. */
  g_assert_true (press (fixture, "<Control>d"));
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 2);
  g_assert_true (press (fixture, "Delete"));
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 1);

  /* Ctrl+F shows the search. */
  search_bar = ft_test_find_widget_by_type (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_BAR);
  g_assert_nonnull (search_bar);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (press (fixture, "<Control>f"));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (search_bar), FALSE);

  /* Without a file, Ctrl+S asks where to save, as Ctrl+Shift+S does;
   * Ctrl+O asks what to open.
   */
  g_assert_true (press (fixture, "<Control>s"));
  cancel_file_chooser (GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (ft_dataset_get_modified (fixture->dataset));

  g_assert_true (press (fixture, "<Control><Shift>s"));
  cancel_file_chooser (GTK_FILE_CHOOSER_ACTION_SAVE);

  g_assert_true (press (fixture, "<Control>o"));
  cancel_file_chooser (GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (examples), ==, 1);
}

/* The editor: Ctrl+Return adds a message, Alt+Up and Alt+Down move the
 * one with the focus, only where it can go.
 */
static void
test_editor (Fixture       *fixture,
             gconstpointer  data)
{
  FtExampleEditor *editor = FT_EXAMPLE_EDITOR (ft_examples_page_get_editor (fixture->page));
  GListModel *messages;
  FtMessage *added;
  FtExample *example;
  guint n;

  /* No example, no messages to add to or move. */
  g_assert_false (press (fixture, "<Control>Return"));
  g_assert_false (press (fixture, "<Alt>Up"));
  g_assert_false (press (fixture, "<Alt>Down"));

  g_assert_true (press (fixture, "<Control>n"));
  ft_test_iterate_main_context (50);
  example = ft_dataset_peek_example (fixture->dataset, 0);
  messages = ft_example_get_messages (example);
  n = g_list_model_get_n_items (messages);
  g_assert_cmpuint (n, ==, 2);

  /* The first message cannot move up; the last cannot move down. */
  ft_example_editor_focus_message (editor, 0);
  ft_test_iterate_main_context (10);
  g_assert_false (press (fixture, "<Alt>Up"));
  ft_example_editor_focus_message (editor, n - 1);
  ft_test_iterate_main_context (10);
  g_assert_false (press (fixture, "<Alt>Down"));

  /* Ctrl+Return adds a message after the one with the focus. */
  g_assert_true (press (fixture, "<Control>Return"));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, n + 1);
  added = message_at (messages, n);

  /* The new message has the focus: up it goes, and down again. */
  ft_test_iterate_main_context (10);
  g_assert_true (press (fixture, "<Alt>Up"));
  g_assert_true (message_at (messages, n - 1) == added);
  g_assert_true (press (fixture, "<Alt>Down"));
  g_assert_true (message_at (messages, n) == added);
  g_assert_false (press (fixture, "<Alt>Down"));
}

/* The window: sections, the main menu, Keyboard Shortcuts, Preferences,
 * Close Window and Quit.
 */
static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const sections[] = { "examples", "train", "jobs", "compare" };
  GtkWidget *stack = ft_test_find_widget_by_type (GTK_WIDGET (fixture->window),
                                                  ADW_TYPE_VIEW_STACK);
  GtkWidget *menu_button;
  GtkWidget *window;

  for (guint i = G_N_ELEMENTS (sections); i > 0; i--)
    {
      g_autofree char *accelerator = g_strdup_printf ("<Alt>%u", i);

      g_assert_true (press (fixture, accelerator));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)),
                       ==, sections[i - 1]);
    }

  /* F10 opens the main menu. */
  menu_button = find_primary_menu_button (GTK_WIDGET (fixture->window));
  g_assert_nonnull (menu_button);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (
                                                        GTK_MENU_BUTTON (menu_button)))));
  g_assert_true (press (fixture, "F10"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (
                                                       GTK_MENU_BUTTON (menu_button)))));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  /* Keyboard Shortcuts and Preferences open their windows. */
  showing_shortcuts_window = TRUE;
  g_assert_true (press (fixture, "win.show-help-overlay"));
  window = ft_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, WAIT_MS);
  gtk_widget_set_visible (window, FALSE);
  showing_shortcuts_window = FALSE;

  g_assert_true (press (fixture, "app.preferences"));
  window = ft_test_wait_for_toplevel (ADW_TYPE_PREFERENCES_WINDOW, WAIT_MS);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  ft_test_wait_window_hidden (window, WAIT_MS);
  g_assert_finalize_object (window);

  /* Close Window closes this one. */
  g_assert_true (press (fixture, "<Control>w"));
  fixture->closed = TRUE;
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Quit, from another window, closes them all. */
  window = GTK_WIDGET (ft_window_new (ADW_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ft_test_wait_until (window_mapped, window, WAIT_MS));
  g_ptr_array_set_size (fixture->shortcuts, 0);
  collect_shortcuts (window, fixture->shortcuts);
  g_object_ref (window);
  g_assert_true (press (fixture, "app.quit"));
  ft_test_wait_window_hidden (window, WAIT_MS);
  g_assert_finalize_object (window);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ft_test_application_new ();

#define ADD(path, func) \
  g_test_add ("/ft/ui/shortcuts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("listed", test_listed);
  ADD ("examples", test_examples);
  ADD ("editor", test_editor);
  ADD ("window", test_window);

#undef ADD

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
