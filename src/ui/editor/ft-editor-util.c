/* ft-editor-util.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-editor-util-private.h"

/**
 * _ft_editor_dup_text:
 * @view: a #GtkTextView
 *
 * Returns: (transfer full): all the text of @view
 */
char *
_ft_editor_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/**
 * _ft_editor_error_label_new:
 * @view: the text view the label describes
 *
 * Returns: (transfer floating): a hidden, wrapping error caption that
 *   screen readers read as the description of @view
 */
GtkLabel *
_ft_editor_error_label_new (GtkTextView *view)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);

  return label;
}

/**
 * _ft_editor_show_error:
 * @label: a label from _ft_editor_error_label_new()
 * @view: the text view it describes
 * @error: (nullable): what is wrong with the text, or %NULL
 *
 * Shows @error under @view, or hides the label, and marks @view invalid
 * for assistive technologies while there is an error.
 */
void
_ft_editor_show_error (GtkLabel    *label,
                       GtkTextView *view,
                       const char  *error)
{
  gtk_label_set_label (label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (view),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                             : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/**
 * _ft_editor_remove_button_new:
 * @tooltip: the button's tooltip
 * @label: its accessible name
 *
 * Returns: (transfer floating): a flat trash button for a row's suffix
 */
GtkWidget *
_ft_editor_remove_button_new (const char *tooltip,
                              const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

/* A new GtkTextView (GTK 4.8) measures the height of its text as laid out
 * at the width of its last allocation: having had none, it asks for 0 px
 * and is first allocated 0 px high. Only then, inside its size_allocate,
 * does it lay its text out at its width and queue a resize for the real
 * height, and GTK does not act on a resize queued while the layout is
 * being allocated: the view stays 0 px high, an empty bubble, until
 * something else in the window happens to queue a resize (often the
 * token counts arriving just after; sometimes nothing, for seconds).
 *
 * The view shows its text's height as its vertical adjustment's upper
 * bound; when that outgrows the allocation, queue the resize again once
 * the frame's layout is over.
 */

static gboolean
refit_text_view_cb (gpointer user_data)
{
  GtkWidget *view = user_data;

  g_object_set_data (G_OBJECT (view), "ft-refit-pending", NULL);
  gtk_widget_queue_resize (view);

  return G_SOURCE_REMOVE;
}

static void
on_text_height_cb (GtkAdjustment *adjustment,
                   GParamSpec    *pspec,
                   GtkWidget     *view)
{
  if (gtk_adjustment_get_upper (adjustment) <= gtk_widget_get_height (view)
      || g_object_get_data (G_OBJECT (view), "ft-refit-pending") != NULL)
    return;

  g_object_set_data (G_OBJECT (view), "ft-refit-pending", GINT_TO_POINTER (TRUE));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, refit_text_view_cb, g_object_ref (view),
                   g_object_unref);
}

/**
 * _ft_editor_fit_text_view:
 * @view: a #GtkTextView outside any scrolled window
 *
 * Makes sure @view is allocated the height of its text, also when it is
 * first shown (see above).
 */
void
_ft_editor_fit_text_view (GtkTextView *view)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_return_if_fail (adjustment != NULL);

  g_signal_connect_object (adjustment, "notify::upper",
                           G_CALLBACK (on_text_height_cb), view,
                           0);
}
