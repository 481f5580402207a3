/* ft-check-row.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-check-row"

#include "config.h"

#include "ft-check-row.h"

#include <glib/gi18n.h>

/* One finding in the checks panel: its severity, a short title, where it
 * is and what to do. The first finding of each severity also carries the
 * group's title, so that the list reads as groups without section headers
 * (GTK 4.8 has none).
 */

struct _FtCheckRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *group_label;
  GtkImage  *icon;
  GtkLabel  *location_label;
  GtkLabel  *message_label;
  GtkLabel  *title_label;

  /* Owned */
  FtIssue   *issue;
};

G_DEFINE_FINAL_TYPE (FtCheckRow, ft_check_row, GTK_TYPE_WIDGET)

static const char * const severity_icons[] = {
  "dialog-error-symbolic",
  "dialog-warning-symbolic",
  "dialog-information-symbolic",
};

static const char * const severity_classes[] = {
  "error",
  "warning",
  "accent",
};

static void
ft_check_row_dispose (GObject *object)
{
  FtCheckRow *self = (FtCheckRow *)object;
  GtkWidget *child;

  g_clear_object (&self->issue);
  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_CHECK_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_check_row_parent_class)->dispose (object);
}

static void
ft_check_row_class_init (FtCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_check_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/editor/ft-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FtCheckRow, group_label);
  gtk_widget_class_bind_template_child (widget_class, FtCheckRow, icon);
  gtk_widget_class_bind_template_child (widget_class, FtCheckRow, location_label);
  gtk_widget_class_bind_template_child (widget_class, FtCheckRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, FtCheckRow, title_label);

  gtk_widget_class_set_css_name (widget_class, "ft-check-row");
}

static void
ft_check_row_init (FtCheckRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ft_check_row_new:
 *
 * Returns: (transfer full): a new row
 */
GtkWidget *
ft_check_row_new (void)
{
  return g_object_new (FT_TYPE_CHECK_ROW, NULL);
}

/**
 * ft_check_row_get_issue:
 * @self: a #FtCheckRow
 *
 * Returns: (transfer none) (nullable): the finding shown
 */
FtIssue *
ft_check_row_get_issue (FtCheckRow *self)
{
  g_return_val_if_fail (FT_IS_CHECK_ROW (self), NULL);

  return self->issue;
}

/**
 * ft_check_row_set_issue:
 * @self: a #FtCheckRow
 * @issue: (nullable): the finding to show
 * @location: (nullable): where it is, e.g. "Example 12, message 3"
 * @group_title: (nullable): the title of the group this row starts
 */
void
ft_check_row_set_issue (FtCheckRow *self,
                        FtIssue    *issue,
                        const char *location,
                        const char *group_title)
{
  FtIssueSeverity severity;

  g_return_if_fail (FT_IS_CHECK_ROW (self));
  g_return_if_fail (issue == NULL || FT_IS_ISSUE (issue));

  g_set_object (&self->issue, issue);

  gtk_widget_set_visible (GTK_WIDGET (self->group_label), group_title != NULL);
  gtk_label_set_text (self->group_label, group_title != NULL ? group_title : "");

  if (issue == NULL)
    return;

  severity = ft_issue_get_severity (issue);
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), severity_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), severity_classes[MIN (severity, 2)]);
  gtk_image_set_from_icon_name (self->icon, severity_icons[MIN (severity, 2)]);

  gtk_label_set_text (self->title_label, ft_issue_code_get_title (ft_issue_get_code_id (issue)));
  gtk_label_set_text (self->message_label, ft_issue_get_message (issue));
  gtk_label_set_text (self->location_label, location != NULL ? location : "");
}
