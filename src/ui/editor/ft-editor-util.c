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

/* A GtkTextView (GTK 4.8) measures the height of its text as laid out at
 * the width of its last allocation, whatever width it is measured for. A
 * new view, having had no allocation, asks for 0 px and is allocated 0 px
 * high; a view first laid out narrower than it ends up (e.g. while its
 * page was hidden) asks for the height of that narrow layout. Only inside
 * its size_allocate does it lay its text out at its real width and queue
 * a resize for the right height, and GTK does not act on a resize queued
 * while the layout is being allocated. So the view stays 0 px high (an
 * empty bubble) or far taller than its text (a bubble with a tall blank
 * space) until something else in the window happens to queue a resize:
 * often the token counts arriving just after, sometimes nothing.
 *
 * After each frame the view is painted in, measure it again (cheap: GTK
 * caches measurements) and queue the resize again when its height is not
 * that of its text. Once per mismatch: a parent that gives it more room
 * on purpose must not cause a frame after frame.
 */

typedef struct
{
  gulong handler;
  int    width;
  int    height;
  int    natural;
} FitState;

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   GtkWidget     *view)
{
  FitState *state = g_object_get_data (G_OBJECT (view), "ft-fit-state");
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  int natural;

  if (width <= 0)
    return;

  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  if (natural == height
      || (state->width == width && state->height == height && state->natural == natural))
    return;

  state->width = width;
  state->height = height;
  state->natural = natural;
  gtk_widget_queue_resize (view);
}

static void
on_text_view_map_cb (GtkWidget *view)
{
  FitState *state = g_object_get_data (G_OBJECT (view), "ft-fit-state");

  g_assert (state->handler == 0);
  state->handler = g_signal_connect_object (gtk_widget_get_frame_clock (view), "after-paint",
                                            G_CALLBACK (on_after_paint_cb), view,
                                            0);
}

static void
on_text_view_unmap_cb (GtkWidget *view)
{
  FitState *state = g_object_get_data (G_OBJECT (view), "ft-fit-state");
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (view);

  if (frame_clock != NULL)
    g_clear_signal_handler (&state->handler, frame_clock);
  state->handler = 0;
}

/**
 * _ft_editor_fit_text_view:
 * @view: a #GtkTextView outside any scrolled window
 *
 * Makes sure @view is allocated the height of its text, also when it is
 * first shown or was laid out at another width (see above).
 */
void
_ft_editor_fit_text_view (GtkTextView *view)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (g_object_get_data (G_OBJECT (view), "ft-fit-state") == NULL);

  g_object_set_data_full (G_OBJECT (view), "ft-fit-state", g_new0 (FitState, 1), g_free);
  g_signal_connect (view, "map", G_CALLBACK (on_text_view_map_cb), NULL);
  g_signal_connect (view, "unmap", G_CALLBACK (on_text_view_unmap_cb), NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (view)))
    on_text_view_map_cb (GTK_WIDGET (view));
}
