/* ft-finding-row.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-finding-row"

#include "config.h"

#include "ft-finding-row.h"

#include <glib/gi18n.h>

/* One finding of the checks, shown next to what it is about: an icon for
 * its severity and the validator's own sentence, which names the problem
 * and how to fix it.
 */
struct _FtFindingRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkImage  *icon;
  GtkLabel  *label;

  /* Owned */
  FtIssue   *issue;
};

G_DEFINE_FINAL_TYPE (FtFindingRow, ft_finding_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ISSUE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_issue (FtFindingRow *self)
{
  const char *icon_name;
  const char *style;
  const char *severity;
  g_autofree char *description = NULL;

  g_assert (FT_IS_FINDING_ROW (self));

  switch (ft_issue_get_severity (self->issue))
    {
    case FT_ISSUE_SEVERITY_ERROR:
      icon_name = "dialog-error-symbolic";
      style = "ft-error";
      severity = _("Error");
      break;

    case FT_ISSUE_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      style = "ft-warning";
      severity = _("Warning");
      break;

    case FT_ISSUE_SEVERITY_INFO:
    default:
      icon_name = "dialog-information-symbolic";
      style = "ft-info";
      severity = _("Note");
      break;
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_add_css_class (GTK_WIDGET (self), style);
  gtk_label_set_label (self->label, ft_issue_get_message (self->issue));

  /* Translators: %s is "Error", "Warning" or "Note". */
  description = g_strdup_printf (_("%s:"), severity);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
ft_finding_row_dispose (GObject *object)
{
  FtFindingRow *self = (FtFindingRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_FINDING_ROW);
  /* Children the template does not name are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_finding_row_parent_class)->dispose (object);
}

static void
ft_finding_row_finalize (GObject *object)
{
  FtFindingRow *self = (FtFindingRow *)object;

  g_clear_object (&self->issue);

  G_OBJECT_CLASS (ft_finding_row_parent_class)->finalize (object);
}

static void
ft_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FtFindingRow *self = FT_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_ISSUE:
      g_value_set_object (value, self->issue);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FtFindingRow *self = FT_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_ISSUE:
      self->issue = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_finding_row_constructed (GObject *object)
{
  FtFindingRow *self = (FtFindingRow *)object;

  G_OBJECT_CLASS (ft_finding_row_parent_class)->constructed (object);

  update_issue (self);
}

static void
ft_finding_row_class_init (FtFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ft_finding_row_constructed;
  object_class->dispose = ft_finding_row_dispose;
  object_class->finalize = ft_finding_row_finalize;
  object_class->get_property = ft_finding_row_get_property;
  object_class->set_property = ft_finding_row_set_property;

  properties[PROP_ISSUE] =
    g_param_spec_object ("issue", NULL, NULL,
                         FT_TYPE_ISSUE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/exemplar_studio/Exemplar/editor/"
                                               "ft-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FtFindingRow, icon);
  gtk_widget_class_bind_template_child (widget_class, FtFindingRow, label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-finding");
}

static void
ft_finding_row_init (FtFindingRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
}

/**
 * ft_finding_row_new:
 * @issue: a finding
 *
 * Returns: (transfer floating): a new #FtFindingRow
 */
GtkWidget *
ft_finding_row_new (FtIssue *issue)
{
  g_return_val_if_fail (FT_IS_ISSUE (issue), NULL);

  return g_object_new (FT_TYPE_FINDING_ROW,
                       "issue", issue,
                       NULL);
}

/**
 * ft_finding_row_get_issue:
 * @self: a #FtFindingRow
 *
 * Returns: (transfer none): the finding shown
 */
FtIssue *
ft_finding_row_get_issue (FtFindingRow *self)
{
  g_return_val_if_fail (FT_IS_FINDING_ROW (self), NULL);

  return self->issue;
}
