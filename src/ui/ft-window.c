/* ft-window.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-window"

#include "config.h"

#include "ft-window.h"

#include "ft-dialogs.h"
#include "ft-examples-page.h"

#include <glib/gi18n.h>

struct _FtWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  FtExamplesPage       *examples_page;
  GtkWidget            *file_buttons;
  AdwSplitButton       *open_button;
  AdwSplitButton       *open_icon_button;
  AdwViewStack         *stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;

  /* Owned */
  GSettings            *settings;
  GPtrArray            *warm_icons;

  guint                 may_close : 1;
  guint                 asking : 1;
};

G_DEFINE_FINAL_TYPE (FtWindow, ft_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_names[] = { "examples", "train", "jobs", "compare" };

/* The symbolic icons on screen when the window opens, at their size;
 * GtkWindowControls looks its icons up with the default fallbacks.
 */
static const struct
{
  const char *name;
  int         size;
  gboolean    fallbacks;
} startup_icons[] = {
  { "ft-examples-symbolic", 16, FALSE },
  { "ft-train-symbolic", 16, FALSE },
  { "ft-jobs-symbolic", 16, FALSE },
  { "ft-compare-symbolic", 16, FALSE },
  { "ft-examples-symbolic", 128, FALSE },
  { "open-menu-symbolic", 16, FALSE },
  { "list-add-symbolic", 16, FALSE },
  { "system-search-symbolic", 16, FALSE },
  { "view-more-symbolic", 16, FALSE },
  { "edit-copy-symbolic", 16, FALSE },
  { "user-trash-symbolic", 16, FALSE },
  { "content-loading-symbolic", 16, FALSE },
  { "window-minimize-symbolic", 16, TRUE },
  { "window-maximize-symbolic", 16, TRUE },
  { "window-close-symbolic", 16, TRUE },
};

static void
warm_icons_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GPtrArray *icons = task_data;

  for (guint i = 0; i < icons->len; i++)
    {
      GdkPaintable *icon = g_ptr_array_index (icons, i);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      /* Drawing an icon paintable loads its texture, under the icon's own
       * lock; the snapshot is this thread's alone.
       */
      gdk_paintable_snapshot (icon, snapshot,
                              gdk_paintable_get_intrinsic_width (icon),
                              gdk_paintable_get_intrinsic_height (icon));
      node = gtk_snapshot_to_node (snapshot);
    }

  g_task_return_boolean (task, TRUE);
}

/* A GtkImage preloads its icon on a thread when it is styled, under a
 * cache key that includes GTK_ICON_LOOKUP_PRELOAD. When the window first
 * becomes active, GTK 4.8 restyles its symbolic icons and looks them up
 * again while drawing, without that flag: a second cache entry, loaded on
 * the main thread, about 20 ms of SVG and PNG decoding in one frame (the
 * frame that shows a file opened right at startup). Looking up those
 * entries here, loading them on a thread and keeping them referenced (so
 * that the cache keeps them) takes that work out of the main loop.
 */
static void
warm_startup_icons (FtWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GTask) task = NULL;

  if (self->warm_icons != NULL)
    return;

  self->warm_icons = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (startup_icons); i++)
    {
      g_autoptr(GIcon) icon = NULL;

      if (startup_icons[i].fallbacks)
        icon = g_themed_icon_new_with_default_fallbacks (startup_icons[i].name);
      else
        icon = g_themed_icon_new (startup_icons[i].name);

      /* As GtkImage looks it up when it draws */
      g_ptr_array_add (self->warm_icons,
                       gtk_icon_theme_lookup_by_gicon (theme, icon, startup_icons[i].size,
                                                       gtk_widget_get_scale_factor (widget),
                                                       gtk_widget_get_direction (widget), 0));
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, warm_startup_icons);
  g_task_set_task_data (task, g_ptr_array_ref (self->warm_icons),
                        (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, warm_icons_worker);
}

static void
restore_window_state (FtWindow *self)
{
  int width;
  int height;

  g_assert (FT_IS_WINDOW (self));

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (FtWindow *self)
{
  int width;
  int height;

  g_assert (FT_IS_WINDOW (self));

  /* The default size tracks the unmaximized size, which is what should come
   * back when the user unmaximizes the window next time.
   */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
ft_window_show_page_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  ft_window_show_page (FT_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
ft_window_show_error_details_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  FtWindow *self = FT_WINDOW (widget);
  const char *title;
  const char *message;

  g_variant_get (param, "(&s&s)", &title, &message);
  ft_dialogs_show_message (GTK_WINDOW (self), title, message);
}

static void
page_closed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FtWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->asking = FALSE;

  if (!ft_examples_page_close_finish (FT_EXAMPLES_PAGE (object), result, &error))
    return;

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
ft_window_close_request (GtkWindow *window)
{
  FtWindow *self = FT_WINDOW (window);

  /* Unsaved changes: ask first (save, discard or cancel), then close. */
  if (!self->may_close &&
      ft_dataset_get_modified (ft_examples_page_get_dataset (self->examples_page)))
    {
      if (!self->asking)
        {
          self->asking = TRUE;
          ft_window_show_page (self, "examples");
          ft_examples_page_close_async (self->examples_page, NULL, page_closed_cb,
                                        g_object_ref (self));
        }
      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (ft_window_parent_class)->close_request (window);
}

static gboolean
on_drop_cb (FtWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL || !G_IS_FILE (files->data))
    return FALSE;

  ft_window_open_file (self, files->data);

  return TRUE;
}

static void
on_visible_page_changed_cb (FtWindow     *self,
                            GParamSpec   *pspec,
                            AdwViewStack *stack)
{
  /* Open and Save belong to the Examples page. */
  gtk_widget_set_visible (self->file_buttons,
                          g_strcmp0 (adw_view_stack_get_visible_child_name (stack),
                                     "examples") == 0);
}

/* Both Open buttons (with its name, and the narrow one with an icon)
 * list the recent datasets. libadwaita 1.2 gives the split button's arrow
 * no accessible name, nor its button when it shows only an icon.
 */
static void
set_up_open_button (AdwSplitButton *button,
                    GMenuModel     *recent_menu)
{
  adw_split_button_set_menu_model (button, recent_menu);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent datasets"),
                                        -1);
      else if (GTK_IS_BUTTON (child) && adw_split_button_get_label (button) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open a dataset"),
                                        -1);
    }
}

static void
ft_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ft_window_parent_class)->realize (widget);

  warm_startup_icons (FT_WINDOW (widget));
}

static void
ft_window_dispose (GObject *object)
{
  FtWindow *self = (FtWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_WINDOW);

  G_OBJECT_CLASS (ft_window_parent_class)->dispose (object);
}

static void
ft_window_finalize (GObject *object)
{
  FtWindow *self = (FtWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->warm_icons, g_ptr_array_unref);

  G_OBJECT_CLASS (ft_window_parent_class)->finalize (object);
}

static void
ft_window_class_init (FtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ft_window_dispose;
  object_class->finalize = ft_window_finalize;

  widget_class->realize = ft_window_realize;

  window_class->close_request = ft_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ft-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FtWindow, examples_page);
  gtk_widget_class_bind_template_child (widget_class, FtWindow, file_buttons);
  gtk_widget_class_bind_template_child (widget_class, FtWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, FtWindow, open_icon_button);
  gtk_widget_class_bind_template_child (widget_class, FtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FtWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FtWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_drop_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   ft_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-error-details", "(ss)",
                                   ft_window_show_error_details_action);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);

  g_type_ensure (FT_TYPE_EXAMPLES_PAGE);
}

static void
ft_window_init (FtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The header bar's Open and Save and the menu use the page's actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "examples",
                                  ft_examples_page_get_action_group (self->examples_page));
  set_up_open_button (self->open_button,
                      ft_examples_page_get_recent_menu (self->examples_page));
  set_up_open_button (self->open_icon_button,
                      ft_examples_page_get_recent_menu (self->examples_page));
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  on_visible_page_changed_cb (self, NULL, self->stack);

  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * ft_window_new:
 * @application: the application
 *
 * Creates the main window.
 *
 * Returns: (transfer full): a new #FtWindow
 */
FtWindow *
ft_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (FT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * ft_window_get_examples_page:
 * @self: a #FtWindow
 *
 * Returns: (transfer none): the Examples page
 */
FtExamplesPage *
ft_window_get_examples_page (FtWindow *self)
{
  g_return_val_if_fail (FT_IS_WINDOW (self), NULL);

  return self->examples_page;
}

/**
 * ft_window_open_file:
 * @self: a #FtWindow
 * @file: a dataset file
 *
 * Shows the Examples page and opens @file there (after asking about
 * unsaved changes).
 */
void
ft_window_open_file (FtWindow *self,
                     GFile    *file)
{
  g_return_if_fail (FT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  ft_window_show_page (self, "examples");
  ft_examples_page_open_file (self->examples_page, file);
}

/**
 * ft_window_show_page:
 * @self: a #FtWindow
 * @page_name: "examples", "train", "jobs" or "compare"
 *
 * Switches the window to one of its four sections.
 */
void
ft_window_show_page (FtWindow   *self,
                     const char *page_name)
{
  g_return_if_fail (FT_IS_WINDOW (self));
  g_return_if_fail (page_name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, page_name) == NULL)
    {
      g_warning ("No page called “%s”", page_name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page_name);
}

/**
 * ft_window_add_toast:
 * @self: a #FtWindow
 * @toast: (transfer full): a toast
 *
 * Shows @toast over the window. Pages never own a toast overlay: they call
 * this (or ft_window_show_error()).
 */
void
ft_window_add_toast (FtWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (FT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * ft_window_show_error:
 * @self: a #FtWindow
 * @title: a short, translated title such as "Could Not Upload Dataset"
 * @error: (nullable): what went wrong
 *
 * Shows @title in a toast with a Details button that opens a dialog with
 * @error's message. Cancellation is not an error: it shows nothing.
 */
void
ft_window_show_error (FtWindow     *self,
                      const char   *title,
                      const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (FT_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);

  if (error != NULL && error->message != NULL && error->message[0] != '\0')
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-error-details");
      adw_toast_set_action_target_value (toast,
                                         g_variant_new ("(ss)", title, error->message));
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
