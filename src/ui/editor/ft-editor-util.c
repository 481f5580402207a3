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
