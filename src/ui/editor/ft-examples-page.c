/* ft-examples-page.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-examples-page"

#include "config.h"

#include "ft-examples-page.h"

#include "ft-example-editor.h"
#include "ft-example-row.h"
#include "ft-examples-page-private.h"
#include "ft-format.h"
#include "ft-models.h"
#include "ft-window.h"

#include <glib/gi18n.h>

/* The Examples page: the dataset as a list of conversations, one of them
 * in the editor, the totals above, the findings beside. This file holds
 * the view: list, selection, search and filters, totals, findings and the
 * actions table; ft-examples-page-files.c opens and saves, and
 * ft-examples-page-edit.c changes the examples.
 */

#define SEARCH_AGAIN_MS 400

/* GtkListView (GTK 4.8) makes a widget for each of up to 200 items below
 * its top row, whether they fit on screen or not; building a row takes
 * about half a millisecond. A new file's first batch would therefore
 * build all its rows in one go, and a search that narrows the list and
 * widens it again would rebuild them, stalling the main loop for a
 * hundred milliseconds or more. So the list sees a slice of the visible
 * examples that grows by ROWS_PER_FRAME each frame, until it is longer
 * than the list view ever builds rows for (ROWS_MAX); then it sees them
 * all. After the list was empty, the slice holds one row (so that there
 * is a selection at once) and waits a frame before it grows: the frame
 * that first shows a file's page (header, totals, list) is long enough.
 */
#define ROWS_PER_FRAME  16
#define ROWS_MAX        256

G_DEFINE_FINAL_TYPE (FtExamplesPage, ft_examples_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_CHECKER,
  N_PROPS
};

enum {
  ROWS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void start_search         (FtExamplesPage *self);
static void update_editor_issues (FtExamplesPage *self);

/* Window helpers */

GtkWindow *
_ft_examples_page_get_window (FtExamplesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_ft_examples_page_show_toast (FtExamplesPage *self,
                              const char     *title,
                              gboolean        undoable)
{
  GtkWindow *window = _ft_examples_page_get_window (self);
  AdwToast *toast;

  if (!FT_IS_WINDOW (window))
    return;

  toast = adw_toast_new (title);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "examples.undo");
    }
  ft_window_add_toast (FT_WINDOW (window), toast);
}

void
_ft_examples_page_show_error (FtExamplesPage *self,
                              const char     *title,
                              const GError   *error)
{
  GtkWindow *window = _ft_examples_page_get_window (self);

  if (FT_IS_WINDOW (window))
    ft_window_show_error (FT_WINDOW (window), title, error);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s: %s", title, error->message);
}

/* Totals */

static const FtModelInfo *
selected_model (FtExamplesPage *self)
{
  guint n_models;
  const FtModelInfo *models = ft_models_get_all (&n_models);
  guint selected = gtk_drop_down_get_selected (self->model_dropdown);

  if (selected < n_models)
    return &models[selected];

  return NULL;
}

static void
update_totals (FtExamplesPage *self)
{
  FtValidationSummary *summary = ft_dataset_checker_get_summary (self->checker);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));
  g_autofree char *count = ft_format_integer (n);
  g_autoptr(GString) size = g_string_new (NULL);
  guint64 n_errors = 0;
  guint64 n_warnings = 0;
  const char *icon;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  /* Translators: %s is a number of examples, e.g. "100,000 examples". */
  g_string_append_printf (size, ngettext ("%s example", "%s examples", n), count);

  if (summary != NULL && !ft_dataset_get_loading (self->dataset))
    {
      const FtSeriesStats *tokens = ft_validation_summary_get_total_tokens_stats (summary);
      g_autofree char *total = ft_format_integer (tokens != NULL ? tokens->sum : 0);
      FtCostEstimate estimate;
      const FtModelInfo *model = selected_model (self);
      guint n_epochs = ft_validation_summary_get_n_epochs (summary);

      g_string_append (size, " · ");
      /* Translators: %s is a number of tokens. */
      g_string_append_printf (size, ngettext ("%s token", "%s tokens",
                                              tokens != NULL ? (gulong)tokens->sum : 0),
                              total);

      memset (&estimate, 0, sizeof estimate);
      if (self->prices != NULL)
        ft_validation_summary_estimate_cost (summary, self->prices,
                                             model != NULL ? model->provider : "openai",
                                             &estimate);

      if (estimate.known)
        {
          const char *currency = estimate.price != NULL ? estimate.price->currency : NULL;
          g_autofree char *amount = ft_cost_format_amount (estimate.amount_micros, currency);
          g_autofree char *text = g_strdup_printf (_("About %s to train"), amount);

          gtk_label_set_text (self->cost_label, text);
        }
      else
        {
          gtk_label_set_text (self->cost_label, _("Training cost unknown"));
        }

      if (n_epochs > 0)
        {
          gint64 trained = estimate.trained_tokens;
          g_autofree char *billed = NULL;
          g_autofree char *epochs = NULL;
          g_autofree char *trained_text = NULL;
          g_autofree char *text = NULL;

          if (trained <= 0)
            trained = ft_validation_summary_get_billed_tokens (summary) * n_epochs;
          billed = ft_format_integer (trained);

          /* Translators: a number of epochs. */
          epochs = g_strdup_printf (ngettext ("%u epoch", "%u epochs", n_epochs), n_epochs);
          /* Translators: the tokens of the whole training. */
          trained_text = g_strdup_printf (ngettext ("%s trained token", "%s trained tokens",
                                                    (gulong)trained),
                                          billed);
          /* Translators: "3 epochs · 45,000 trained tokens". */
          text = g_strdup_printf (C_("epochs and tokens", "%s · %s"), epochs, trained_text);
          gtk_label_set_text (self->epochs_label, text);
        }
      else
        {
          gtk_label_set_text (self->epochs_label, _("No examples to train on"));
        }

      n_errors = ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR);
      n_warnings = ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_WARNING);
    }
  else
    {
      gtk_label_set_text (self->cost_label, _("Counting tokens…"));
      gtk_label_set_text (self->epochs_label, "");
    }

  if (ft_dataset_get_loading (self->dataset))
    g_string_append_printf (size, " · %s", _("Loading…"));

  /* Nothing to cost or check yet: no zeros and no "no examples" error. */
  if (n == 0 && !ft_dataset_get_loading (self->dataset))
    {
      gtk_label_set_text (self->size_label, _("No examples yet"));
      gtk_widget_set_visible (self->details_box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->details_box, TRUE);
  gtk_label_set_text (self->size_label, size->str);

  if (summary == NULL || ft_dataset_checker_get_busy (self->checker))
    {
      icon = "content-loading-symbolic";
      gtk_label_set_text (self->checks_label, _("Checking…"));
    }
  else if (n_errors > 0 || n_warnings > 0)
    {
      g_autofree char *n_errors_text = ft_format_integer ((gint64)n_errors);
      g_autofree char *n_warnings_text = ft_format_integer ((gint64)n_warnings);
      g_autofree char *errors = NULL;
      g_autofree char *warnings = NULL;
      g_autofree char *text = NULL;

      errors = g_strdup_printf (ngettext ("%s error", "%s errors", (gulong)n_errors),
                                n_errors_text);
      warnings = g_strdup_printf (ngettext ("%s warning", "%s warnings", (gulong)n_warnings),
                                  n_warnings_text);

      icon = n_errors > 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic";
      if (n_errors > 0 && n_warnings > 0)
        /* Translators: "2 errors, 5 warnings": the errors, then the warnings. */
        text = g_strdup_printf (C_("errors and warnings", "%s, %s"), errors, warnings);
      gtk_label_set_text (self->checks_label,
                          text != NULL ? text : n_errors > 0 ? errors : warnings);
    }
  else
    {
      icon = "emblem-ok-symbolic";
      gtk_label_set_text (self->checks_label, _("Ready to train"));
    }

  gtk_image_set_from_icon_name (self->checks_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->checks_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->checks_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->checks_icon), "success");
  if (n_errors > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->checks_icon), "error");
  else if (n_warnings > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->checks_icon), "warning");
  else if (summary != NULL && !ft_dataset_checker_get_busy (self->checker))
    gtk_widget_add_css_class (GTK_WIDGET (self->checks_icon), "success");
}

static void
update_progress (FtExamplesPage *self)
{
  gboolean loading = ft_dataset_get_loading (self->dataset);
  gboolean checking = ft_dataset_checker_get_checking (self->checker);
  double fraction = 1.0;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (loading && self->file_size > 0)
    fraction = MIN (ft_dataset_get_bytes_loaded (self->dataset) / (double)self->file_size,
                    ft_dataset_checker_get_progress (self->checker));
  else if (checking)
    fraction = ft_dataset_checker_get_progress (self->checker);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading || checking);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

void
_ft_examples_page_update_header (FtExamplesPage *self)
{
  GFile *file = ft_dataset_get_file (self->dataset);
  g_autofree char *parse_name = NULL;
  const char *tooltip;
  gboolean has_content;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      parse_name = g_file_get_parse_name (file);
      gtk_label_set_text (self->title_label, name);
    }
  else
    {
      gtk_label_set_text (self->title_label, self->title != NULL ? self->title : _("New Dataset"));
    }

  /* This runs for every batch of a file loading, and setting a tooltip
   * asks the display where the pointer is: a round trip to the X server.
   */
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (self->title_label));
  if (g_strcmp0 (tooltip, parse_name) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), parse_name);

  gtk_widget_set_visible (GTK_WIDGET (self->modified_label),
                          ft_dataset_get_modified (self->dataset));

  /* The empty state covers the list and the editor, which stay mapped
   * underneath: showing them for the first time costs a long frame.
   */
  has_content = g_list_model_get_n_items (G_LIST_MODEL (self->dataset)) > 0 ||
                ft_dataset_get_loading (self->dataset);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), !has_content);
  gtk_widget_set_can_focus (GTK_WIDGET (self->leaflet), has_content);
  gtk_widget_set_can_target (GTK_WIDGET (self->leaflet), has_content);

  update_totals (self);
  update_progress (self);
}

/* The example in the editor */

static void
update_example_header (FtExamplesPage *self)
{
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;
  guint position;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (self->current == NULL ||
      !ft_dataset_find_example (self->dataset, self->current, &position))
    {
      gtk_label_set_text (self->example_title_label, _("No Example Selected"));
      return;
    }

  number = ft_format_integer (position + 1);
  total = ft_format_integer (g_list_model_get_n_items (G_LIST_MODEL (self->dataset)));
  /* Translators: "Example 12 of 1,234". */
  title = g_strdup_printf (_("Example %s of %s"), number, total);
  gtk_label_set_text (self->example_title_label, title);
}

/* The editor */

static gboolean
show_current_cb (gpointer user_data)
{
  FtExamplesPage *self = user_data;

  self->show_current_id = 0;
  ft_example_editor_set_example (FT_EXAMPLE_EDITOR (self->editor), self->current);

  /* The editor lays out its new example in a frame of its own. */
  self->rows_wait_frame = TRUE;
  update_editor_issues (self);

  return G_SOURCE_REMOVE;
}

/* The editor builds its bubbles after the next frame: the list (with the
 * selection) shows first, and a new file's first rows are not held up by
 * the first example's layout.
 */
static void
editor_set_example (FtExamplesPage *self,
                    FtExample      *example)
{
  if (self->show_current_id == 0)
    self->show_current_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, 20,
                                                show_current_cb, self, NULL);
}

static void
editor_set_issues (FtExamplesPage *self,
                   GListModel     *issues)
{
  ft_example_editor_set_issues (FT_EXAMPLE_EDITOR (self->editor), issues);
}

static void
editor_set_highlight (FtExamplesPage *self,
                      const char     *text)
{
  ft_example_editor_set_highlight (FT_EXAMPLE_EDITOR (self->editor), text);
}

static void
editor_focus_message (FtExamplesPage *self,
                      int             message_index)
{
  /* The editor must show the selected example first. */
  if (self->show_current_id != 0)
    {
      g_clear_handle_id (&self->show_current_id, g_source_remove);
      show_current_cb (self);
    }

  ft_example_editor_focus_message (FT_EXAMPLE_EDITOR (self->editor), message_index);
}

static void
on_checker_encoding_cb (FtExamplesPage   *self,
                        GParamSpec       *pspec,
                        FtDatasetChecker *checker)
{
  ft_example_editor_set_encoding (FT_EXAMPLE_EDITOR (self->editor),
                                  ft_dataset_checker_get_encoding (checker));
}

void
_ft_examples_page_focus_editor (FtExamplesPage *self,
                                int             message_index)
{
  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  editor_focus_message (self, message_index);
}

static void
update_editor_issues (FtExamplesPage *self)
{
  g_autoptr(GListModel) issues = NULL;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (self->current != NULL)
    issues = ft_dataset_checker_dup_example_issues (self->checker, self->current);

  editor_set_issues (self, issues);
}

static void
set_current (FtExamplesPage *self,
             FtExample      *example)
{
  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (self->current == example)
    return;

  g_set_object (&self->current, example);
  editor_set_example (self, example);

  update_example_header (self);
  update_editor_issues (self);
  _ft_examples_page_update_actions (self);
}

static void
on_selected_item_cb (FtExamplesPage     *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  FtExample *example = gtk_single_selection_get_selected_item (selection);

  /* While filtering, the example being edited stays until another one is
   * chosen, even if it no longer matches.
   */
  if (example == NULL && self->current != NULL &&
      ft_dataset_find_example (self->dataset, self->current, NULL))
    return;

  set_current (self, example);
}

/* Enter (or a double click) on a row goes into the example. */
static void
on_list_view_activate_cb (FtExamplesPage *self,
                          guint           position,
                          GtkListView    *list_view)
{
  _ft_examples_page_focus_editor (self, -1);
}

static void
on_back_button_clicked_cb (FtExamplesPage *self,
                           GtkButton      *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Narrow: the dataset line takes two rows, and the findings button
 * shows only its icon.
 */
static gboolean
apply_folded_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       data)
{
  FtExamplesPage *self = FT_EXAMPLES_PAGE (widget);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->dataset_bar),
                                  folded ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (self->details_box, folded ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  gtk_label_set_xalign (self->cost_label, folded ? 0 : 1);
  gtk_label_set_xalign (self->epochs_label, folded ? 0 : 1);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_label), !folded);

  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated, when a change of layout
 * would come too late for the frame: make it before the next one.
 */
static void
on_leaflet_folded_cb (FtExamplesPage *self,
                      GParamSpec     *pspec,
                      AdwLeaflet     *leaflet)
{
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_folded_cb, NULL, NULL);
  else
    apply_folded_cb (GTK_WIDGET (self), NULL, NULL);
}

static guint
find_visible_position (FtExamplesPage *self,
                       FtExample      *example)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint position;

  if (!_ft_examples_page_get_filtering (self))
    {
      if (ft_dataset_find_example (self->dataset, example, &position))
        return position;
      return GTK_INVALID_LIST_POSITION;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FtExample) item = g_list_model_get_item (model, i);

      if (item == example)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Rows */

static gboolean
grow_rows_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  FtExamplesPage *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint size = gtk_slice_list_model_get_size (self->slice_model);

  /* Not in a frame that is long already: the one where the editor shows
   * a new example (it is about to), the one after it did or after the
   * list was empty.
   */
  if (self->show_current_id != 0)
    return G_SOURCE_CONTINUE;

  if (self->rows_wait_frame)
    {
      self->rows_wait_frame = FALSE;
      return G_SOURCE_CONTINUE;
    }

  size = size + ROWS_PER_FRAME < ROWS_MAX ? size + ROWS_PER_FRAME : G_MAXUINT;
  gtk_slice_list_model_set_size (self->slice_model, size);

  if (size < n)
    return G_SOURCE_CONTINUE;

  self->grow_rows_id = 0;

  return G_SOURCE_REMOVE;
}

static void
show_all_rows (FtExamplesPage *self)
{
  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (self->grow_rows_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_rows_id);
      self->grow_rows_id = 0;
    }

  gtk_slice_list_model_set_size (self->slice_model, G_MAXUINT);
}

/* Keys reach the list's rows through here first. The list moves its
 * cursor (End, Page Down, Down at the last row) within the rows its model
 * has, so while the slice grows they all join it at once.
 */
static gboolean
on_list_key_pressed_cb (FtExamplesPage        *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  if (self->grow_rows_id != 0)
    show_all_rows (self);

  return GDK_EVENT_PROPAGATE;
}

/* Follows the visible examples: a short list starts over with a short
 * slice, and a slice shorter than the list grows a frame at a time.
 */
static void
update_rows_shown (FtExamplesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint size = gtk_slice_list_model_get_size (self->slice_model);

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (n == 0 && size != 1)
    {
      size = 1;
      gtk_slice_list_model_set_size (self->slice_model, size);
      self->rows_wait_frame = TRUE;
    }
  else if (n > 0 && n < ROWS_MAX && size > MAX (n, ROWS_PER_FRAME))
    {
      size = MAX (n, ROWS_PER_FRAME);
      gtk_slice_list_model_set_size (self->slice_model, size);
    }

  if (size < n && self->grow_rows_id == 0)
    self->grow_rows_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                       grow_rows_cb, self, NULL);
}

static void
refresh_row (FtExamplesPage *self,
             FtExampleRow   *row)
{
  FtExample *example = ft_example_row_get_example (row);
  FtExampleReport *report;
  gint64 tokens = -1;
  int n_matches = -1;

  if (example == NULL)
    return;

  report = ft_dataset_checker_get_report (self->checker, example);
  if (report != NULL && ft_example_report_get_counted (report))
    tokens = ft_example_report_get_total_tokens (report);

  if (self->search_result != NULL && self->search_text != NULL)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->search_index, example));

      if (index > 0)
        n_matches = ft_search_result_get_n_matches (self->search_result, index - 1);
    }

  ft_example_row_set_info (row, tokens,
                           ft_dataset_checker_count_issues (self->checker,
                                                            example,
                                                            FT_ISSUE_SEVERITY_ERROR),
                           ft_dataset_checker_count_issues (self->checker,
                                                            example,
                                                            FT_ISSUE_SEVERITY_WARNING),
                           n_matches);
}

static void
on_rows_changed_cb (FtExampleRow   *row,
                    FtExamplesPage *self)
{
  refresh_row (self, row);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FtExamplesPage           *self)
{
  GtkWidget *row = ft_example_row_new ();

  gtk_list_item_set_child (item, row);
  g_signal_connect_object (self, "rows-changed", G_CALLBACK (on_rows_changed_cb), row,
                           G_CONNECT_SWAPPED);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FtExamplesPage           *self)
{
  FtExampleRow *row = FT_EXAMPLE_ROW (gtk_list_item_get_child (item));

  ft_example_row_set_example (row, gtk_list_item_get_item (item));
  refresh_row (self, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FtExamplesPage           *self)
{
  ft_example_row_set_example (FT_EXAMPLE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Search and filters */

gboolean
_ft_examples_page_get_filtering (FtExamplesPage *self)
{
  return self->search_text != NULL || self->facets_required != 0 ||
         self->filter_errors || self->filter_warnings;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FtExamplesPage *self = user_data;
  FtExample *example = item;

  if (self->search_result != NULL)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->search_index, example));

      /* Examples added since the search stay visible until it runs again. */
      if (index > 0)
        {
          if (self->search_text != NULL &&
              ft_search_result_get_n_matches (self->search_result, index - 1) == 0)
            return FALSE;

          FtFacets facets = ft_search_result_get_facets (self->search_result, index - 1);

          if ((facets & self->facets_required) != self->facets_required)
            return FALSE;
        }
    }

  /* Fixing the example being edited does not make it vanish from the
   * findings filters under the cursor.
   */
  if (example == self->current)
    return TRUE;

  if (self->filter_errors &&
      ft_dataset_checker_count_issues (self->checker, example, FT_ISSUE_SEVERITY_ERROR) == 0)
    return FALSE;

  if (self->filter_warnings &&
      ft_dataset_checker_count_issues (self->checker, example, FT_ISSUE_SEVERITY_WARNING) == 0)
    return FALSE;

  return TRUE;
}

static void
update_list_stack (FtExamplesPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 &&
                   _ft_examples_page_get_filtering (self);

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "no-matches" : "list");
}

/**
 * _ft_examples_page_describe_matches:
 * @n_matches: matches of a search
 * @n_examples: the examples they are in
 *
 * Returns: (transfer full): "12 matches in 5 examples", each count with
 *   its own plural form
 */
char *
_ft_examples_page_describe_matches (guint64 n_matches,
                                    guint   n_examples)
{
  g_autofree char *n_matches_text = ft_format_integer ((gint64)n_matches);
  g_autofree char *n_examples_text = ft_format_integer (n_examples);
  g_autofree char *matches = NULL;
  g_autofree char *examples = NULL;

  /* Translators: a number of matches of a search. */
  matches = g_strdup_printf (ngettext ("%s match", "%s matches", (gulong)n_matches),
                             n_matches_text);
  /* Translators: where the matches are, "in 5 examples". */
  examples = g_strdup_printf (ngettext ("in %s example", "in %s examples", n_examples),
                              n_examples_text);

  /* Translators: "12 matches in 5 examples": the matches, then "in 5 examples". */
  return g_strdup_printf (C_("matches in examples", "%s %s"), matches, examples);
}

static void
update_search_status (FtExamplesPage *self)
{
  g_autofree char *text = NULL;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (self->searching)
    {
      text = g_strdup (_("Searching…"));
    }
  else if (self->search_result != NULL && self->search_text != NULL)
    {
      guint64 total = ft_search_result_get_total_matches (self->search_result);
      guint n_matching = ft_search_result_get_n_matching (self->search_result);

      if (total == 0)
        text = g_strdup (_("No matches"));
      else
        text = _ft_examples_page_describe_matches (total, n_matching);
    }

  gtk_label_set_text (self->search_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->search_status_label), text != NULL);
}

static void
apply_filter (FtExamplesPage *self)
{
  g_assert (FT_IS_EXAMPLES_PAGE (self));

  /* Without a filter the list is the dataset itself, which costs nothing
   * while a big file streams in.
   */
  if (!_ft_examples_page_get_filtering (self))
    gtk_filter_list_model_set_filter (self->filter_model, NULL);
  else if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  update_list_stack (self);
  update_search_status (self);
  g_signal_emit (self, signals[ROWS_CHANGED], 0);
  _ft_examples_page_update_actions (self);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FtExamplesPage) self = user_data;
  g_autoptr(FtSearchResult) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  found = ft_search_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->searching = FALSE;
  g_clear_object (&self->search_cancellable);

  if (found == NULL)
    {
      _ft_examples_page_show_error (self, _("Could Not Search"), error);
      update_search_status (self);
      return;
    }

  g_clear_pointer (&self->search_result, ft_search_result_unref);
  self->search_result = g_steal_pointer (&found);

  g_hash_table_remove_all (self->search_index);
  n = ft_search_get_n_examples (self->search);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (self->search_index, ft_search_get_example (self->search, i),
                         GUINT_TO_POINTER (i + 1));

  apply_filter (self);
}

static void
start_search (FtExamplesPage *self)
{
  g_assert (FT_IS_EXAMPLES_PAGE (self));

  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->search_text == NULL && self->facets_required == 0)
    {
      self->searching = FALSE;
      g_clear_pointer (&self->search_result, ft_search_result_unref);
      g_clear_object (&self->search);
      g_hash_table_remove_all (self->search_index);
      apply_filter (self);
      return;
    }

  if (ft_dataset_get_loading (self->dataset))
    {
      /* Searched once the whole file is in. */
      self->searching = TRUE;
      update_search_status (self);
      return;
    }

  /* The result maps indexes to the examples of this search. */
  g_clear_object (&self->search);
  self->search = ft_search_new (self->dataset);
  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;
  ft_search_run_async (self->search, self->search_text, self->search_cancellable,
                       search_done_cb, g_object_ref (self));
  update_search_status (self);
}

static gboolean
search_again_cb (gpointer user_data)
{
  FtExamplesPage *self = user_data;

  self->search_timeout_id = 0;
  start_search (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_search (FtExamplesPage *self)
{
  g_assert (FT_IS_EXAMPLES_PAGE (self));

  if (self->search_text == NULL && self->facets_required == 0)
    return;

  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  self->search_timeout_id = g_timeout_add (SEARCH_AGAIN_MS, search_again_cb, self);
}

static void
on_search_changed_cb (FtExamplesPage *self,
                      GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_text, g_free);
  if (stripped[0] != '\0')
    self->search_text = g_strdup (text);

  editor_set_highlight (self, self->search_text);

  start_search (self);
}

static void
on_search_activate_cb (FtExamplesPage *self,
                       GtkSearchEntry *entry)
{
  /* Enter goes to the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

static void
on_search_stop_cb (FtExamplesPage *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_filter_model_items_changed_cb (FtExamplesPage *self,
                                  guint           position,
                                  guint           removed,
                                  guint           added,
                                  GListModel     *model)
{
  update_rows_shown (self);
  update_list_stack (self);
  _ft_examples_page_update_actions (self);
}

static void
set_bool_filter (FtExamplesPage *self,
                 GSimpleAction  *action,
                 GVariant       *state,
                 guint          *field)
{
  *field = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
}

static void
change_filter_errors_cb (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  FtExamplesPage *self = user_data;
  guint value = self->filter_errors;

  set_bool_filter (self, action, state, &value);
  self->filter_errors = value;
  apply_filter (self);
}

static void
change_filter_warnings_cb (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  FtExamplesPage *self = user_data;
  guint value = self->filter_warnings;

  set_bool_filter (self, action, state, &value);
  self->filter_warnings = value;
  apply_filter (self);
}

static void
update_facets (FtExamplesPage *self)
{
  GAction *tools = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "filter-tool-calls");
  GAction *role = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "filter-role");
  g_autoptr(GVariant) tools_state = g_action_get_state (tools);
  g_autoptr(GVariant) role_state = g_action_get_state (role);
  const char *role_name = g_variant_get_string (role_state, NULL);
  guint facets = 0;

  if (g_variant_get_boolean (tools_state))
    facets |= FT_FACET_TOOL_CALLS;

  if (g_str_equal (role_name, "system"))
    facets |= FT_FACET_SYSTEM;
  else if (g_str_equal (role_name, "user"))
    facets |= FT_FACET_USER;
  else if (g_str_equal (role_name, "assistant"))
    facets |= FT_FACET_ASSISTANT;
  else if (g_str_equal (role_name, "tool"))
    facets |= FT_FACET_TOOL;

  self->facets_required = facets;
  start_search (self);
}

static void
change_filter_tool_calls_cb (GSimpleAction *action,
                             GVariant      *state,
                             gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  update_facets (user_data);
}

static void
change_filter_role_cb (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  g_simple_action_set_state (action, state);
  update_facets (user_data);
}

/* Following the dataset and the checks */

static void
on_dataset_items_changed_cb (FtExamplesPage *self,
                             guint           position,
                             guint           removed,
                             guint           added,
                             GListModel     *model)
{
  /* A removed example leaves the editor. */
  if (removed > 0 && self->current != NULL &&
      !ft_dataset_find_example (self->dataset, self->current, NULL))
    set_current (self, gtk_single_selection_get_selected_item (self->selection));

  if (!ft_dataset_get_loading (self->dataset))
    schedule_search (self);

  _ft_examples_page_update_header (self);
  update_example_header (self);
  _ft_examples_page_update_actions (self);
}

static void
on_dataset_example_changed_cb (FtExamplesPage *self,
                               FtExample      *example,
                               FtDataset      *dataset)
{
  if (example == self->current)
    update_example_header (self);

  schedule_search (self);
}

static void
on_dataset_notify_cb (FtExamplesPage *self,
                      GParamSpec     *pspec,
                      FtDataset      *dataset)
{
  _ft_examples_page_update_header (self);
  if (!g_str_equal (pspec->name, "bytes-loaded"))
    _ft_examples_page_update_actions (self);

  if (g_str_equal (pspec->name, "loading") && !ft_dataset_get_loading (dataset) && self->searching)
    start_search (self);
}

static void
on_checker_checked_cb (FtExamplesPage   *self,
                       FtDatasetChecker *checker)
{
  update_totals (self);
  update_example_header (self);
  update_editor_issues (self);

  if (self->filter_errors || self->filter_warnings)
    apply_filter (self);
  else
    g_signal_emit (self, signals[ROWS_CHANGED], 0);
}

static void
on_checker_notify_cb (FtExamplesPage   *self,
                      GParamSpec       *pspec,
                      FtDatasetChecker *checker)
{
  update_totals (self);
  update_progress (self);
}

static void
on_issue_activated_cb (FtExamplesPage *self,
                       FtIssue        *issue,
                       FtExample      *example,
                       FtChecksPanel  *panel)
{
  if (example == NULL)
    return;

  ft_examples_page_select_example (self, example);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  editor_focus_message (self, ft_issue_get_message_index (issue));
}

static void
on_checks_button_toggled_cb (FtExamplesPage  *self,
                             GtkToggleButton *button)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    gtk_toggle_button_get_active (button) ? "checks" : "examples");

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_sidebar_stack_changed_cb (FtExamplesPage *self,
                             GParamSpec     *pspec,
                             GtkStack       *stack)
{
  gboolean checks = g_strcmp0 (gtk_stack_get_visible_child_name (stack), "checks") == 0;

  g_signal_handlers_block_by_func (self->checks_button, on_checks_button_toggled_cb, self);
  gtk_toggle_button_set_active (self->checks_button, checks);
  g_signal_handlers_unblock_by_func (self->checks_button, on_checks_button_toggled_cb, self);
}

/* The base model */

static void
on_model_selected_cb (FtExamplesPage *self,
                      GParamSpec     *pspec,
                      GtkDropDown    *dropdown)
{
  const FtModelInfo *model = selected_model (self);

  if (model == NULL)
    return;

  g_settings_set_string (self->settings, "base-model", model->id);
  ft_dataset_checker_set_model (self->checker, model->id);
  update_totals (self);
}

static void
setup_models (FtExamplesPage *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "base-model");
  guint n_models;
  const FtModelInfo *models = ft_models_get_all (&n_models);
  guint selected = 0;

  self->model_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < n_models; i++)
    {
      gtk_string_list_append (self->model_names,
                              models[i].alias != NULL ? models[i].alias : models[i].id);
      if (g_strcmp0 (saved, models[i].id) == 0 || g_strcmp0 (saved, models[i].alias) == 0)
        selected = i;
    }

  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (self->model_names));

  /* The drop-down's own button is what screen readers land on. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->model_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Base model"),
                                        -1);
    }
  gtk_drop_down_set_selected (self->model_dropdown, selected);
  ft_dataset_checker_set_model (self->checker, models[selected].id);

  g_signal_connect_object (self->model_dropdown, "notify::selected",
                           G_CALLBACK (on_model_selected_cb), self, G_CONNECT_SWAPPED);
}

/* Undo and redo in the menu, named after the step */

static void
update_undo_menu (FtExamplesPage *self)
{
  g_autofree char *undo = ft_history_dup_undo_label (self->history);
  g_autofree char *redo = ft_history_dup_redo_label (self->history);
  g_autoptr(GMenuItem) undo_item = g_menu_item_new (undo != NULL ? undo : _("Undo"),
                                                    "examples.undo");
  g_autoptr(GMenuItem) redo_item = g_menu_item_new (redo != NULL ? redo : _("Redo"),
                                                    "examples.redo");

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  g_menu_item_set_attribute (undo_item, "hidden-when", "s", "action-disabled");
  g_menu_item_set_attribute (redo_item, "hidden-when", "s", "action-disabled");
  g_menu_remove_all (self->undo_section);
  g_menu_append_item (self->undo_section, undo_item);
  g_menu_append_item (self->undo_section, redo_item);
}

static void
on_history_notify_cb (FtExamplesPage *self,
                      GParamSpec     *pspec,
                      FtHistory      *history)
{
  update_undo_menu (self);
  _ft_examples_page_update_actions (self);
}

/* Actions */

void
_ft_examples_page_update_actions (FtExamplesPage *self)
{
  static const char * const need_example[] = {
    "duplicate-example",
    "delete-example",
  };
  static const char * const need_examples[] = {
    "find",
    "set-system-prompt",
    "replace",
    "remove-duplicates",
    "split",
  };
  gboolean loading = ft_dataset_get_loading (self->dataset) || self->bulk_cancellable != NULL;
  gboolean has_examples = g_list_model_get_n_items (G_LIST_MODEL (self->dataset)) > 0;
  GAction *action;

  g_assert (FT_IS_EXAMPLES_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (need_example); i++)
    {
      action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), need_example[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->current != NULL && !loading);
    }

  for (guint i = 0; i < G_N_ELEMENTS (need_examples); i++)
    {
      action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), need_examples[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_examples && !loading);
    }

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "delete-filtered");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               !loading && _ft_examples_page_get_filtering (self) &&
                               g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "new-example");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !loading);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "save");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               !loading &&
                               (has_examples || ft_dataset_get_modified (self->dataset)));
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "save-as");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !loading);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "undo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               !loading && _ft_examples_page_can_undo (self));
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "redo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               !loading && _ft_examples_page_can_redo (self));
}

#define PAGE_ACTION(name, call)                                   \
  static void                                                     \
  name##_action (GSimpleAction *action,                           \
                 GVariant      *param,                            \
                 gpointer       user_data)                        \
  {                                                               \
    call (FT_EXAMPLES_PAGE (user_data));                          \
  }

PAGE_ACTION (new_dataset, _ft_examples_page_new_dataset)
PAGE_ACTION (open, _ft_examples_page_open)
PAGE_ACTION (new_example, _ft_examples_page_new_example)
PAGE_ACTION (duplicate_example, _ft_examples_page_duplicate_example)
PAGE_ACTION (delete_example, _ft_examples_page_delete_example)
PAGE_ACTION (delete_filtered, _ft_examples_page_delete_filtered)
PAGE_ACTION (set_system_prompt, _ft_examples_page_set_system_prompt)
PAGE_ACTION (replace, _ft_examples_page_replace)
PAGE_ACTION (remove_duplicates, _ft_examples_page_remove_duplicates)
PAGE_ACTION (split, _ft_examples_page_split)
PAGE_ACTION (undo, _ft_examples_page_undo)
PAGE_ACTION (redo, _ft_examples_page_redo)

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  _ft_examples_page_save (FT_EXAMPLES_PAGE (user_data), FALSE);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  _ft_examples_page_save (FT_EXAMPLES_PAGE (user_data), TRUE);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  _ft_examples_page_open_uri (FT_EXAMPLES_PAGE (user_data), g_variant_get_string (param, NULL));
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FtExamplesPage *self = FT_EXAMPLES_PAGE (user_data);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "examples");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static const GActionEntry page_actions[] = {
  { "new-dataset", new_dataset_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "save", save_action },
  { "save-as", save_as_action },
  { "new-example", new_example_action },
  { "duplicate-example", duplicate_example_action },
  { "delete-example", delete_example_action },
  { "delete-filtered", delete_filtered_action },
  { "set-system-prompt", set_system_prompt_action },
  { "replace", replace_action },
  { "remove-duplicates", remove_duplicates_action },
  { "split", split_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "find", find_action },
  { "filter-errors", NULL, NULL, "false", change_filter_errors_cb },
  { "filter-warnings", NULL, NULL, "false", change_filter_warnings_cb },
  { "filter-tool-calls", NULL, NULL, "false", change_filter_tool_calls_cb },
  { "filter-role", NULL, "s", "'any'", change_filter_role_cb },
};

static const struct {
  const char *accelerator;
  const char *action;
} page_shortcuts[] = {
  { "<Control>n", "examples.new-example" },
  { "<Control>d", "examples.duplicate-example" },
  { "<Control>o", "examples.open" },
  { "<Control>s", "examples.save" },
  { "<Control><Shift>s", "examples.save-as" },
  { "<Control>z", "examples.undo" },
  { "<Control><Shift>z", "examples.redo" },
  { "<Control>f", "examples.find" },
};

static void
add_shortcuts (FtExamplesPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *delete_trigger;
  GtkShortcutAction *delete_action;

  /* Managed: the window runs them wherever the focus is, while the page
   * is shown.
   */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);

  for (guint i = 0; i < G_N_ELEMENTS (page_shortcuts); i++)
    {
      const char *accelerator = page_shortcuts[i].accelerator;
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (accelerator);
      GtkShortcutAction *action = gtk_named_action_new (page_shortcuts[i].action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, action));
    }

  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Delete in the list deletes the selected example. */
  controller = gtk_shortcut_controller_new ();
  delete_trigger = gtk_keyval_trigger_new (GDK_KEY_Delete, 0);
  delete_action = gtk_named_action_new ("examples.delete-example");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (delete_trigger, delete_action));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

/* GObject */

static void
ft_examples_page_dispose (GObject *object)
{
  FtExamplesPage *self = (FtExamplesPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->bulk_cancellable);
  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  g_clear_handle_id (&self->show_current_id, g_source_remove);

  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);

  if (self->grow_rows_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_rows_id);
  self->grow_rows_id = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), FT_TYPE_EXAMPLES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->slice_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->current);
  g_clear_object (&self->checker);
  g_clear_object (&self->recovery);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->search);
  g_clear_pointer (&self->search_result, ft_search_result_unref);
  g_clear_pointer (&self->search_index, g_hash_table_unref);

  G_OBJECT_CLASS (ft_examples_page_parent_class)->dispose (object);
}

static void
ft_examples_page_finalize (GObject *object)
{
  FtExamplesPage *self = (FtExamplesPage *)object;

  g_clear_object (&self->dataset);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  g_clear_object (&self->prices);
  g_clear_object (&self->model_names);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->bulk_cancellable);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->import_file);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (ft_examples_page_parent_class)->finalize (object);
}

static void
ft_examples_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FtExamplesPage *self = FT_EXAMPLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_examples_page_class_init (FtExamplesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ft_examples_page_dispose;
  object_class->finalize = ft_examples_page_finalize;
  object_class->get_property = ft_examples_page_get_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FT_TYPE_DATASET,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL,
                         FT_TYPE_DATASET_CHECKER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Rows refresh their numbers (tokens, findings, matches). */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/editor/ft-examples-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, checks_button);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, checks_icon);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, checks_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, checks_panel);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, cost_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, dataset_bar);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, editor_slot);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, epochs_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, example_title_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, modified_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, search_status_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, size_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, FtExamplesPage, undo_section);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_checks_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_issue_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  gtk_widget_class_set_css_name (widget_class, "ft-examples-page");

  g_type_ensure (FT_TYPE_CHECKS_PANEL);
}

static void
ft_examples_page_init (FtExamplesPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkListItemFactory *factory;
  GtkEventController *controller;

  g_type_ensure (FT_TYPE_CHECKS_PANEL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->search_index = g_hash_table_new (NULL, NULL);

  self->prices = ft_price_table_new_default (&error);
  if (self->prices == NULL)
    g_warning ("Could not read the price table: %s", error->message);

  self->dataset = ft_dataset_new ();
  self->checker = ft_dataset_checker_new (self->dataset);
  self->history = ft_history_new (self->dataset);

  {
    g_autofree char *directory = ft_recovery_dup_default_directory ();

    self->recovery = ft_recovery_new (self->dataset, directory);
  }
  ft_dataset_checker_set_fallback_encoding (self->checker,
                                            g_settings_get_enum (self->settings,
                                                                 "fallback-encoding"));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->dataset)),
                                                  NULL);
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->slice_model = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                                0, 1);
  self->rows_wait_frame = TRUE;
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice_model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (on_list_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "items-changed",
                           G_CALLBACK (on_dataset_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "example-changed",
                           G_CALLBACK (on_dataset_example_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "notify::file",
                           G_CALLBACK (on_dataset_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "notify::modified",
                           G_CALLBACK (on_dataset_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "notify::loading",
                           G_CALLBACK (on_dataset_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "notify::bytes-loaded",
                           G_CALLBACK (on_dataset_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "checked",
                           G_CALLBACK (on_checker_checked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "notify::busy",
                           G_CALLBACK (on_checker_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "notify::checking",
                           G_CALLBACK (on_checker_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "notify::progress",
                           G_CALLBACK (on_checker_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_stack, "notify::visible-child-name",
                           G_CALLBACK (on_sidebar_stack_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo",
                           G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo",
                           G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::undo-label",
                           G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::redo-label",
                           G_CALLBACK (on_history_notify_cb), self, G_CONNECT_SWAPPED);

  ft_checks_panel_set_checker (self->checks_panel, self->checker);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "examples", G_ACTION_GROUP (self->actions));
  add_shortcuts (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  setup_models (self);

  self->editor = ft_example_editor_new ();
  ft_example_editor_set_history (FT_EXAMPLE_EDITOR (self->editor), self->history);
  adw_bin_set_child (self->editor_slot, self->editor);
  g_signal_connect_object (self->checker, "notify::encoding",
                           G_CALLBACK (on_checker_encoding_cb), self, G_CONNECT_SWAPPED);
  on_checker_encoding_cb (self, NULL, self->checker);

  update_undo_menu (self);
  _ft_examples_page_init_files (self);
  _ft_examples_page_update_header (self);
  _ft_examples_page_update_actions (self);
  update_example_header (self);
}

/* Public API */

/**
 * ft_examples_page_new:
 *
 * Returns: (transfer full): a new Examples page with an empty dataset
 */
GtkWidget *
ft_examples_page_new (void)
{
  return g_object_new (FT_TYPE_EXAMPLES_PAGE, NULL);
}

/**
 * ft_examples_page_get_dataset:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none): the dataset the page edits
 */
FtDataset *
ft_examples_page_get_dataset (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return self->dataset;
}

/**
 * ft_examples_page_get_checker:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none): the checker that follows the dataset
 */
FtDatasetChecker *
ft_examples_page_get_checker (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return self->checker;
}

/**
 * ft_examples_page_get_history:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none): the undo history every edit goes through
 */
FtHistory *
ft_examples_page_get_history (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return self->history;
}

/**
 * ft_examples_page_get_action_group:
 * @self: a #FtExamplesPage
 *
 * The "examples" actions (open, save, undo, bulk changes...). The window
 * inserts them too, so that its header bar and menu can use them.
 *
 * Returns: (transfer none): the actions
 */
GActionGroup *
ft_examples_page_get_action_group (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/**
 * ft_examples_page_get_recent_menu:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none): a menu of recently used datasets
 */
GMenuModel *
ft_examples_page_get_recent_menu (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

/**
 * ft_examples_page_get_visible:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none): the examples the list shows (after search and
 *   filters)
 */
GListModel *
ft_examples_page_get_visible (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

/**
 * ft_examples_page_get_selected:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none) (nullable): the example in the editor
 */
FtExample *
ft_examples_page_get_selected (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return self->current;
}

/**
 * ft_examples_page_select_example:
 * @self: a #FtExamplesPage
 * @example: an example of the dataset
 *
 * Selects @example in the list and shows it in the editor, even when the
 * filters would hide it.
 */
void
ft_examples_page_select_example (FtExamplesPage *self,
                                 FtExample      *example)
{
  guint position;

  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));

  set_current (self, example);
  if (_ft_examples_page_get_filtering (self))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);

  position = find_visible_position (self, example);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      if (position >= gtk_slice_list_model_get_size (self->slice_model))
        show_all_rows (self);
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                  "u", position);
    }
}

/**
 * ft_examples_page_get_editor:
 * @self: a #FtExamplesPage
 *
 * Returns: (transfer none): the widget that edits the selected example
 */
GtkWidget *
ft_examples_page_get_editor (FtExamplesPage *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLES_PAGE (self), NULL);

  return self->editor;
}

/**
 * _ft_examples_page_reset_view:
 * @self: a #FtExamplesPage
 *
 * Clears the search and filters and shows the list, for a new dataset.
 */
void
_ft_examples_page_reset_view (FtExamplesPage *self)
{
  static const char * const bool_filters[] = {
    "filter-errors", "filter-warnings", "filter-tool-calls",
  };

  g_return_if_fail (FT_IS_EXAMPLES_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (bool_filters); i++)
    g_action_group_change_action_state (G_ACTION_GROUP (self->actions), bool_filters[i],
                                        g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "filter-role",
                                      g_variant_new_string ("any"));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "examples");
  set_current (self, NULL);
}
