/* ft-example-row.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-example-row"

#include "config.h"

#include "ft-example-row.h"

#include "ft-format.h"

#include <glib/gi18n.h>

/* One row of the example list: the first user line, the start of the
 * reply, the turns and tokens, and badges for findings and search matches.
 * The page gives the numbers (ft_example_row_set_info()); the texts follow
 * the example as it is edited. The texts are GtkInscriptions, which do not
 * lay out their whole text to measure themselves: a list view keeps a
 * couple of hundred rows, and labels made the first rows of a big file
 * take a third of a second. For the same reason the row is built in code
 * rather than from a template: GtkBuilder took most of the time of
 * creating them.
 */

struct _FtExampleRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel       *errors_badge;
  GtkLabel       *matches_badge;
  GtkInscription *meta_label;
  GtkInscription *preview_label;
  GtkInscription *title_label;
  GtkLabel       *warnings_badge;

  /* Owned */
  FtExample *example;

  /* borrowed */
  GtkWidget *top;

  gint64     tokens;
  int        n_matches;
};

G_DEFINE_FINAL_TYPE (FtExampleRow, ft_example_row, GTK_TYPE_WIDGET)

static GtkLabel *
add_badge (GtkWidget  *parent,
           GtkWidget  *after,
           const char *css_class)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "ft-badge");
  gtk_widget_add_css_class (badge, css_class);
  gtk_widget_insert_after (badge, parent, after);

  return GTK_LABEL (badge);
}

/* Badges are made when first needed: most rows never show one, and a
 * list view makes a couple of hundred rows at once.
 */
static void
set_badge (FtExampleRow  *self,
           GtkLabel     **badge,
           const char    *css_class,
           guint          count,
           const char    *accessible)
{
  g_autofree char *text = NULL;

  if (*badge == NULL)
    {
      GtkWidget *after = GTK_WIDGET (self->title_label);

      if (count == 0)
        return;

      /* In the order matches, errors, warnings. */
      if (badge != &self->matches_badge && self->matches_badge != NULL)
        after = GTK_WIDGET (self->matches_badge);
      if (badge == &self->warnings_badge && self->errors_badge != NULL)
        after = GTK_WIDGET (self->errors_badge);

      *badge = add_badge (self->top, after, css_class);
    }

  gtk_widget_set_visible (GTK_WIDGET (*badge), count > 0);
  if (count == 0)
    return;

  text = ft_format_integer (count);
  if (g_strcmp0 (gtk_label_get_text (*badge), text) == 0)
    return;

  /* Setting a tooltip asks the display where the pointer is (a round
   * trip to the X server), so it is only done when the count changed.
   */
  gtk_label_set_text (*badge, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (*badge), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
update_texts (FtExampleRow *self)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  FtExample *example = self->example;
  guint n_messages;

  g_assert (FT_IS_EXAMPLE_ROW (self));

  if (example == NULL)
    return;

  n_messages = ft_example_get_n_messages (example);

  if (ft_example_get_broken (example))
    {
      gtk_inscription_set_text (self->title_label, _("Unreadable line"));
      gtk_inscription_set_text (self->preview_label, ft_example_get_error_message (example));
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "error");
    }
  else
    {
      const char *title = ft_example_get_title (example);
      const char *preview = ft_example_get_preview (example);

      gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "error");
      gtk_inscription_set_text (self->title_label, title[0] != '\0' ? title : _("No user message"));
      gtk_inscription_set_text (self->preview_label,
                                preview[0] != '\0' ? preview : _("No reply yet"));
    }

  if (!ft_example_get_broken (example))
    g_string_append_printf (meta, ngettext ("%u turn", "%u turns", n_messages), n_messages);

  if (self->tokens >= 0)
    {
      g_autofree char *tokens = ft_format_integer (self->tokens);

      if (meta->len > 0)
        g_string_append (meta, " · ");
      /* Translators: %s is a number of tokens. */
      g_string_append_printf (meta,
                              ngettext ("%s token", "%s tokens", (gulong)self->tokens),
                              tokens);
    }

  if (meta->len == 0 && ft_example_get_source_line (example) > 0)
    {
      g_autofree char *line = ft_format_integer ((gint64)ft_example_get_source_line (example));

      /* Translators: %s is a line number in the file. */
      g_string_append_printf (meta, _("Line %s"), line);
    }

  gtk_inscription_set_text (self->meta_label, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), meta->len > 0);
}

static void
on_example_notify_cb (FtExampleRow *self,
                      GParamSpec   *pspec,
                      FtExample    *example)
{
  update_texts (self);
}

static void
ft_example_row_dispose (GObject *object)
{
  FtExampleRow *self = (FtExampleRow *)object;
  GtkWidget *child;

  ft_example_row_set_example (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ft_example_row_parent_class)->dispose (object);
}

static void
ft_example_row_class_init (FtExampleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_example_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ft-example-row");
}

static GtkInscription *
add_line (GtkWidget  *parent,
          guint       nat_chars,
          const char *css_class,
          const char *css_class2)
{
  GtkWidget *line = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (line),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (line), 0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (line), 12);
  if (nat_chars > 0)
    gtk_inscription_set_nat_chars (GTK_INSCRIPTION (line), nat_chars);
  if (css_class != NULL)
    gtk_widget_add_css_class (line, css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (line, css_class2);
  gtk_widget_set_parent (line, parent);

  return GTK_INSCRIPTION (line);
}

static void
ft_example_row_init (FtExampleRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 3);

  /* Title and badges */
  self->top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->top, GTK_WIDGET (self));
  self->title_label = add_line (self->top, 36, "ft-row-title", NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);

  self->preview_label = add_line (GTK_WIDGET (self), 40, "dim-label", NULL);
  self->meta_label = add_line (GTK_WIDGET (self), 0, "caption", "dim-label");

  self->tokens = -1;
}

/**
 * ft_example_row_new:
 *
 * Returns: (transfer full): a new row
 */
GtkWidget *
ft_example_row_new (void)
{
  return g_object_new (FT_TYPE_EXAMPLE_ROW, NULL);
}

/**
 * ft_example_row_get_example:
 * @self: a #FtExampleRow
 *
 * Returns: (transfer none) (nullable): the example shown
 */
FtExample *
ft_example_row_get_example (FtExampleRow *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE_ROW (self), NULL);

  return self->example;
}

/**
 * ft_example_row_set_example:
 * @self: a #FtExampleRow
 * @example: (nullable): the example to show
 */
void
ft_example_row_set_example (FtExampleRow *self,
                            FtExample    *example)
{
  g_return_if_fail (FT_IS_EXAMPLE_ROW (self));
  g_return_if_fail (example == NULL || FT_IS_EXAMPLE (example));

  if (self->example == example)
    return;

  if (self->example != NULL)
    g_signal_handlers_disconnect_by_func (self->example, on_example_notify_cb, self);

  g_set_object (&self->example, example);
  self->tokens = -1;
  self->n_matches = -1;

  if (example != NULL)
    {
      g_signal_connect_object (example, "notify::title",
                               G_CALLBACK (on_example_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (example, "notify::preview",
                               G_CALLBACK (on_example_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (example, "notify::n-messages",
                               G_CALLBACK (on_example_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (example, "notify::kind",
                               G_CALLBACK (on_example_notify_cb), self, G_CONNECT_SWAPPED);
      update_texts (self);
    }
}

/**
 * ft_example_row_set_info:
 * @self: a #FtExampleRow
 * @tokens: the example's tokens, or -1 while not counted
 * @n_errors: its errors
 * @n_warnings: its warnings
 * @n_matches: how often the search text occurs in it, or -1 when not
 *   searching
 */
void
ft_example_row_set_info (FtExampleRow *self,
                         gint64        tokens,
                         guint         n_errors,
                         guint         n_warnings,
                         int           n_matches)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *matches = NULL;

  g_return_if_fail (FT_IS_EXAMPLE_ROW (self));

  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  set_badge (self, &self->errors_badge, "error", n_errors, errors);
  set_badge (self, &self->warnings_badge, "warning", n_warnings, warnings);

  if (n_matches >= 0)
    matches = g_strdup_printf (ngettext ("%d match", "%d matches", n_matches), n_matches);
  set_badge (self, &self->matches_badge, "accent", MAX (n_matches, 0), matches);

  if (self->tokens != tokens || self->n_matches != n_matches)
    {
      self->tokens = tokens;
      self->n_matches = n_matches;
      update_texts (self);
    }
}
