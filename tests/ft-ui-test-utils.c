/* ft-ui-test-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-ui-test-utils.h"

#include <string.h>

/* Helpers for UI tests. GTK 4.8 has no public getter for accessible
 * properties, so labels are compared with gtk_test_accessible_check_property(),
 * which works with GTK_A11Y=test.
 */

static gboolean
has_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  char *mismatch;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 label);
  if (mismatch == NULL)
    return TRUE;

  g_free (mismatch);
  return FALSE;
}

GtkWidget *
ft_test_find_widget_by_type (GtkWidget *root,
                             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ft_test_find_widget_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ft_test_find_widget_by_label (GtkWidget  *root,
                              const char *accessible_label)
{
  if (has_accessible_label (root, accessible_label))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ft_test_find_widget_by_label (child, accessible_label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ft_test_find_label_with_text (GtkWidget  *root,
                              const char *text)
{
  if (GTK_IS_LABEL (root) &&
      gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ft_test_find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_control (GtkWidget *widget)
{
  switch ((int)gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
has_any_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
collect_unlabelled (GtkWidget *widget,
                    GPtrArray *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (widget) && !has_any_label (widget))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unlabelled (child, out);
}

/**
 * ft_test_find_unlabelled_controls:
 * @root: a widget
 *
 * Returns: (transfer container): the visible controls below @root that have
 *   no accessible label, for "every control has an accessible name" tests
 */
GPtrArray *
ft_test_find_unlabelled_controls (GtkWidget *root)
{
  GPtrArray *out = g_ptr_array_new ();

  collect_unlabelled (root, out);

  return out;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
ft_test_iterate_main_context (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* On a loaded machine the timeout may be due before idle callbacks
   * queued meanwhile got their turn: it has a higher priority, so it
   * would end the wait first. Let what is ready now run too (a bounded
   * number of times: a running animation is always ready).
   */
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/**
 * ft_test_wait_until:
 * @condition: checked after each main loop iteration
 * @data: data for @condition
 * @timeout_ms: how long to wait at most
 *
 * Iterates the main context until @condition returns %TRUE.
 *
 * Returns: %TRUE if the condition became true in time
 */
gboolean
ft_test_wait_until (gboolean (*condition) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data))
    {
      if (timed_out)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (id);
  return TRUE;
}

/**
 * ft_test_save_png:
 * @widget: a widget that has been drawn (a window, for screenshots)
 * @path: the PNG file to write
 *
 * Renders @widget at its current size with its window's renderer.
 *
 * Returns: whether the file was written
 */
gboolean
ft_test_save_png (GtkWidget  *widget,
                  const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  return gdk_texture_save_to_png (texture, path);
}

/**
 * ft_test_find_toplevel:
 * @type: a #GtkWindow type
 *
 * Returns: (transfer none) (nullable): a shown toplevel of @type
 */
GtkWidget *
ft_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

typedef struct
{
  GType      type;
  GtkWidget *found;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelWait *wait = data;

  wait->found = ft_test_find_toplevel (wait->type);

  return wait->found != NULL;
}

/**
 * ft_test_wait_for_toplevel:
 * @type: a #GtkWindow type
 * @timeout_ms: how long to wait at most
 *
 * Iterates the main context until a toplevel of @type shows; the test
 * fails if none does in time.
 *
 * Returns: (transfer none): the toplevel
 */
GtkWidget *
ft_test_wait_for_toplevel (GType type,
                           guint timeout_ms)
{
  ToplevelWait wait = { type, NULL };

  if (!ft_test_wait_until (toplevel_shown, &wait, timeout_ms))
    g_error ("No %s showed", g_type_name (type));

  return wait.found;
}

static gboolean
window_hidden (gpointer window)
{
  return !gtk_widget_get_visible (window);
}

/**
 * ft_test_wait_window_hidden:
 * @window: a closing window the caller holds a reference to
 * @timeout_ms: how long to wait at most
 *
 * Iterates the main context until @window is hidden (a destroyed window
 * is); the test fails if it is not in time.
 */
void
ft_test_wait_window_hidden (GtkWidget *window,
                            guint      timeout_ms)
{
  if (!ft_test_wait_until (window_hidden, window, timeout_ms))
    g_error ("The %s did not go away", G_OBJECT_TYPE_NAME (window));
  ft_test_iterate_main_context (10);
}

/**
 * ft_test_find_list_view:
 * @root: where to look
 * @model: the items the list view shows
 *
 * Finds the list view that shows @model, directly or through a
 * #GtkSingleSelection and a #GtkSliceListModel (a long list may show a
 * growing slice of its items).
 *
 * Returns: (transfer none) (nullable): the list view
 */
GtkWidget *
ft_test_find_list_view (GtkWidget  *root,
                        GListModel *model)
{
  if (GTK_IS_LIST_VIEW (root))
    {
      GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (root)));

      if (GTK_IS_SINGLE_SELECTION (shown))
        shown = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (shown));
      if (GTK_IS_SLICE_LIST_MODEL (shown))
        shown = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (shown));
      if (shown == model)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ft_test_find_list_view (child, model);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * ft_test_use_private_dirs:
 * @tmpl: a template for g_dir_make_tmp(), such as "ft-test-page-XXXXXX"
 *
 * Makes a temporary directory and points the XDG state, data, config and
 * cache directories at it, so that recovery copies, recent files and
 * settings stay private to the test. Call it before gtk_test_init().
 *
 * Returns: (transfer full): the directory
 */
char *
ft_test_use_private_dirs (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);

  return dir;
}

/**
 * ft_test_application_new:
 *
 * Makes the application and registers it, not unique, so that tests run
 * side by side and windows can be built without running it.
 *
 * Returns: (transfer full): the application
 */
FtApplication *
ft_test_application_new (void)
{
  FtApplication *app = ft_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  return app;
}
