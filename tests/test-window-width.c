/* test-window-width.c
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
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "ft-ui-test-utils.h"

/* The window on a phone: GNOME phones are 360 px wide, so with a dataset
 * open and any example selected, the window's content must fit in 360 px.
 * Runs once in English and once in German (LANGUAGE=de; tests/meson.build),
 * whose labels are longer, with the font GNOME uses.
 */

#define WAIT_MS 20000
#define PHONE_WIDTH 360

static FtApplication *app;
static char *test_dir;

/* The sample dataset, and a preference pair after it. */
static const char *preference_line =
  "{\"input\": {\"messages\": [{\"role\": \"user\", \"content\": \"Can I return a helmet I "
  "wore once?\"}]}, \"preferred_output\": [{\"role\": \"assistant\", \"content\": \"Yes, within "
  "30 days with the receipt, as long as it was not in a crash.\"}], \"non_preferred_output\": "
  "[{\"role\": \"assistant\", \"content\": \"No.\"}]}\n";

static char *
write_dataset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sample = NULL;
  g_autoptr(GString) contents = NULL;
  g_autofree char *path = g_build_filename (test_dir, "shop.jsonl", NULL);

  sample = g_resources_lookup_data ("/io/github/exemplar_studio/Exemplar/editor/"
                                    "sample-dataset.jsonl", 0, &error);
  g_assert_no_error (error);
  contents = g_string_new_len (g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
  g_string_append (contents, preference_line);

  g_file_set_contents (path, contents->str, contents->len, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
dataset_loaded (gpointer data)
{
  FtDataset *dataset = data;

  return !ft_dataset_get_loading (dataset) && g_list_model_get_n_items (G_LIST_MODEL (dataset)) > 0;
}

static int
min_width (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);

  return minimum;
}

/* Names the widgets too wide for a phone, outermost first, and the
 * children of the innermost one, so a failure says where to look.
 */
static void
print_too_wide (GtkWidget *widget,
                int        depth)
{
  gboolean inner = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_visible (child) && min_width (child) > PHONE_WIDTH)
        inner = FALSE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int width;

      if (!gtk_widget_get_visible (child))
        continue;

      width = min_width (child);
      if (inner || width > PHONE_WIDTH)
        g_printerr ("%*s%s %s: %d px\n", depth * 2, "", G_OBJECT_TYPE_NAME (child),
                    gtk_widget_get_css_name (child), width);
      if (width > PHONE_WIDTH)
        print_too_wide (child, depth + 1);
    }
}

static int
measure_content (FtWindow   *window,
                 const char *what)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int width = min_width (content);

  g_test_message ("%s: the window's content needs %d px", what, width);
  if (width > PHONE_WIDTH)
    {
      g_printerr ("%s: too wide for a phone (%d px > %d px):\n", what, width, PHONE_WIDTH);
      print_too_wide (content, 1);
    }

  return width;
}

static void
test_phone_width (void)
{
  g_autofree char *path = write_dataset ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FtWindow *window;
  FtExamplesPage *page;
  FtDataset *dataset;
  GtkWidget *content;
  AdwLeaflet *leaflet;
  int widest = 0;

  window = ft_window_new (ADW_APPLICATION (app));
  g_object_ref_sink (window);
  page = ft_window_get_examples_page (window);
  dataset = ft_examples_page_get_dataset (page);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), PHONE_WIDTH, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ft_test_wait_until (window_drawn, window, WAIT_MS));

  /* Empty, then with a dataset open and the list shown. */
  widest = MAX (widest, measure_content (window, "Empty"));
  ft_window_open_file (window, file);
  g_assert_true (ft_test_wait_until (dataset_loaded, dataset, WAIT_MS));
  ft_test_iterate_main_context (100);
  widest = MAX (widest, measure_content (window, "List"));

  leaflet = ADW_LEAFLET (ft_test_find_widget_by_type (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* Each example in the editor: a tool call, long replies, a preference
   * pair with its headings.
   */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dataset)); i++)
    {
      g_autofree char *what = g_strdup_printf ("Example %u", i + 1);

      ft_examples_page_select_example (page, ft_dataset_peek_example (dataset, i));
      adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      ft_test_iterate_main_context (50);
      widest = MAX (widest, measure_content (window, what));
    }

  /* The editor fills the window, with a way back to the list. */
  g_assert_true (gtk_widget_get_mapped (ft_test_find_widget_by_label (GTK_WIDGET (page),
                                                                      _("Back to the list"))));
  g_assert_false (gtk_widget_get_mapped (ft_test_find_widget_by_label (GTK_WIDGET (page),
                                                                       _("Search"))));

  g_test_message ("Widest: %d px", widest);
  g_assert_cmpint (widest, <=, PHONE_WIDTH);

  /* And the window really is that narrow, so nothing was pushed out. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (content), ==, PHONE_WIDTH);

  ft_dataset_set_modified (dataset, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  ft_test_iterate_main_context (10);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *language;
  int ret;

  test_dir = ft_test_use_private_dirs ("ft-test-window-width-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_set_prgname ("exemplar");

  /* gtk_test_init () asks for en_US, which may not exist; C.UTF-8 always
   * does, and lets LANGUAGE choose the translation built in po/.
   */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FT_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A German run that shows English would prove nothing. */
  language = g_getenv ("LANGUAGE");
  if (language != NULL && g_str_has_prefix (language, "de"))
    g_assert_cmpstr (_("_Open"), !=, "_Open");

  /* GNOME's interface font, wider than the fallback, and its window
   * buttons (only Close).
   */
  g_object_set (gtk_settings_get_default (),
                "gtk-font-name", "Cantarell 11",
                "gtk-decoration-layout", "appmenu:close",
                NULL);

  app = ft_test_application_new ();

  g_test_add_func ("/ft/ui/window-width/phone", test_phone_width);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
