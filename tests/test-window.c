/* test-window.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-application.h"
#include "ft-preferences-window.h"
#include "ft-window.h"

#include <adwaita.h>

#include "ft-ui-test-utils.h"

static FtApplication *app;

static void
test_window_pages (void)
{
  static const char * const labels[] = { "Examples", "Train", "Jobs", "Compare" };
  static const char * const names[] = { "examples", "train", "jobs", "compare" };
  FtWindow *window;
  GtkWidget *stack;

  window = ft_window_new (ADW_APPLICATION (app));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  stack = ft_test_find_widget_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      /* The view switchers carry the same names; the pages are in the stack. */
      GtkWidget *page = ft_test_find_widget_by_label (stack, labels[i]);

      g_assert_nonnull (page);
      g_assert_true (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), names[i]) == page);

      /* Alt+N and the action both switch sections. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page",
                                                 "s", names[i]));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)),
                       ==, names[i]);
    }

  /* The primary menu button has a name screen readers can read. */
  g_assert_nonnull (ft_test_find_widget_by_label (GTK_WIDGET (window), "Main Menu"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_state_saved (void)
{
  GSettings *settings = ft_application_get_settings (app);
  FtWindow *window;
  int width;
  int height;

  g_settings_set (settings, "window-size", "(ii)", 900, 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = ft_window_new (ADW_APPLICATION (app));
  g_object_ref_sink (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 812, 604);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 604);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_assert_finalize_object (window);
}

static void
test_window_show_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cancelled = NULL;
  FtWindow *window;
  GtkWidget *toast_label;

  window = ft_window_new (ADW_APPLICATION (app));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));

  /* Cancellation is not an error and shows nothing. */
  cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  ft_window_show_error (window, "Could Not Cancel", cancelled);
  ft_test_iterate_main_context (50);
  g_assert_null (ft_test_find_label_with_text (GTK_WIDGET (window), "Could Not Cancel"));

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such file");
  ft_window_show_error (window, "Could Not Open Dataset", error);
  ft_test_iterate_main_context (50);
  toast_label = ft_test_find_label_with_text (GTK_WIDGET (window), "Could Not Open Dataset");
  g_assert_nonnull (toast_label);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_preferences_window (void)
{
  GSettings *settings = ft_application_get_settings (app);
  FtPreferencesWindow *window;
  GtkWidget *row;

  g_settings_set_string (settings, "color-scheme", "dark");

  window = ft_preferences_window_new (settings, ft_application_get_provider_store (app),
                                      ft_application_get_secrets (app));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  row = ft_test_find_widget_by_type (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()),
                   ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()),
                   ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_settings_reset (settings, "color-scheme");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ft_test_application_new ();

  g_test_add_func ("/ft/ui/window/pages", test_window_pages);
  g_test_add_func ("/ft/ui/window/state-saved", test_window_state_saved);
  g_test_add_func ("/ft/ui/window/show-error", test_window_show_error);
  g_test_add_func ("/ft/ui/preferences/style", test_preferences_window);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
