/* ft-checks-panel.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-checks-panel"

#include "config.h"

#include "ft-checks-panel.h"

#include "ft-check-row.h"
#include "ft-format.h"

#include <glib/gi18n.h>

/* The findings of the last check, errors first, then warnings and notes;
 * activating one emits ::issue-activated with the example it is about, so
 * that the page can select it and focus the message.
 */

struct _FtChecksPanel
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkListView        *list_view;
  GtkStack           *stack;

  /* Owned */
  FtDatasetChecker   *checker;
  GtkNoSelection     *selection;
};

G_DEFINE_FINAL_TYPE (FtChecksPanel, ft_checks_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHECKER,
  N_PROPS
};

enum {
  ISSUE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const char *
group_title (FtIssueSeverity severity)
{
  switch (severity)
    {
    case FT_ISSUE_SEVERITY_ERROR:
      return _("Errors");
    case FT_ISSUE_SEVERITY_WARNING:
      return _("Warnings");
    case FT_ISSUE_SEVERITY_INFO:
    default:
      return _("Notes");
    }
}

static char *
describe_location (FtChecksPanel *self,
                   FtIssue       *issue)
{
  FtExample *example = ft_dataset_checker_get_issue_example (self->checker, issue);
  FtDataset *dataset = ft_dataset_checker_get_dataset (self->checker);
  g_autofree char *number = NULL;
  int message_index = ft_issue_get_message_index (issue);
  guint position;

  if (example == NULL)
    return g_strdup (_("Whole dataset"));

  if (!ft_dataset_find_example (dataset, example, &position))
    return g_strdup (_("Removed example"));

  number = ft_format_integer (position + 1);

  if (message_index >= 0)
    /* Translators: "Example 12, message 3". */
    return g_strdup_printf (_("Example %s, message %d"), number, message_index + 1);

  /* Translators: %s is the number of an example in the list. */
  return g_strdup_printf (_("Example %s"), number);
}

static void
update_stack (FtChecksPanel *self)
{
  g_assert (FT_IS_CHECKS_PANEL (self));

  if (self->checker == NULL || ft_dataset_checker_get_summary (self->checker) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "waiting");
  else if (g_list_model_get_n_items (ft_dataset_checker_get_issues (self->checker)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "clean");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FtChecksPanel            *self)
{
  gtk_list_item_set_child (item, ft_check_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FtChecksPanel            *self)
{
  FtIssue *issue = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autofree char *location = describe_location (self, issue);
  const char *title = NULL;

  /* The first finding of each severity starts its group. */
  if (position == 0)
    {
      title = group_title (ft_issue_get_severity (issue));
    }
  else
    {
      g_autoptr(FtIssue) previous = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                           position - 1);

      if (ft_issue_get_severity (previous) != ft_issue_get_severity (issue))
        title = group_title (ft_issue_get_severity (issue));
    }

  ft_check_row_set_issue (FT_CHECK_ROW (gtk_list_item_get_child (item)), issue, location, title);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FtChecksPanel            *self)
{
  ft_check_row_set_issue (FT_CHECK_ROW (gtk_list_item_get_child (item)), NULL, NULL, NULL);
}

static void
on_list_view_activate_cb (FtChecksPanel *self,
                          guint          position,
                          GtkListView   *list_view)
{
  g_autoptr(FtIssue) issue = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  FtExample *example;

  if (issue == NULL || self->checker == NULL)
    return;

  example = ft_dataset_checker_get_issue_example (self->checker, issue);
  g_signal_emit (self, signals[ISSUE_ACTIVATED], 0, issue, example);
}

static void
on_checker_checked_cb (FtChecksPanel    *self,
                       FtDatasetChecker *checker)
{
  update_stack (self);
}

static void
ft_checks_panel_dispose (GObject *object)
{
  FtChecksPanel *self = (FtChecksPanel *)object;
  GtkWidget *child;

  ft_checks_panel_set_checker (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_CHECKS_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (ft_checks_panel_parent_class)->dispose (object);
}

static void
ft_checks_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FtChecksPanel *self = FT_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_checks_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FtChecksPanel *self = FT_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHECKER:
      ft_checks_panel_set_checker (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_checks_panel_class_init (FtChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_checks_panel_dispose;
  object_class->get_property = ft_checks_panel_get_property;
  object_class->set_property = ft_checks_panel_set_property;

  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL,
                         FT_TYPE_DATASET_CHECKER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtChecksPanel::issue-activated:
   * @self: a #FtChecksPanel
   * @issue: the finding
   * @example: (nullable): the example it is about
   */
  signals[ISSUE_ACTIVATED] =
    g_signal_new ("issue-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, FT_TYPE_ISSUE, FT_TYPE_EXAMPLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/editor/ft-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FtChecksPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, FtChecksPanel, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "ft-checks-panel");
}

static void
ft_checks_panel_init (FtChecksPanel *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_no_selection_new (NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_stack (self);
}

/**
 * ft_checks_panel_new:
 *
 * Returns: (transfer full): a new panel
 */
GtkWidget *
ft_checks_panel_new (void)
{
  return g_object_new (FT_TYPE_CHECKS_PANEL, NULL);
}

/**
 * ft_checks_panel_get_checker:
 * @self: a #FtChecksPanel
 *
 * Returns: (transfer none) (nullable): the checker shown
 */
FtDatasetChecker *
ft_checks_panel_get_checker (FtChecksPanel *self)
{
  g_return_val_if_fail (FT_IS_CHECKS_PANEL (self), NULL);

  return self->checker;
}

/**
 * ft_checks_panel_set_checker:
 * @self: a #FtChecksPanel
 * @checker: (nullable): the checker whose findings to show
 */
void
ft_checks_panel_set_checker (FtChecksPanel    *self,
                             FtDatasetChecker *checker)
{
  g_return_if_fail (FT_IS_CHECKS_PANEL (self));
  g_return_if_fail (checker == NULL || FT_IS_DATASET_CHECKER (checker));

  if (self->checker == checker)
    return;

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);

  g_set_object (&self->checker, checker);

  if (checker != NULL)
    g_signal_connect_object (checker, "checked",
                             G_CALLBACK (on_checker_checked_cb), self, G_CONNECT_SWAPPED);

  if (self->selection != NULL)
    gtk_no_selection_set_model (self->selection,
                                checker != NULL ? ft_dataset_checker_get_issues (checker) : NULL);

  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKER]);
}
