/* ft-examples-page-edit.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-examples-page"

#include "config.h"

#include "ft-bulk.h"
#include "ft-dialogs.h"
#include "ft-editor-util-private.h"
#include "ft-examples-page-private.h"
#include "ft-format.h"
#include "ft-history.h"
#include "ft-split.h"

#include <glib/gi18n.h>
#include <string.h>

/* Changing examples: add, duplicate, delete, and the bulk changes (system
 * prompt, find and replace, duplicates, deleting the filtered examples).
 * Every change goes through the FtHistory, each bulk change as one step,
 * and destructive ones end in a toast with Undo instead of a question.
 * Bulk changes are computed in a worker (ft-bulk.h) from a snapshot and
 * applied here.
 */

#define REPLACE_PREVIEW_MS 250

/* A snapshot of the dataset with its examples, so that indexes computed
 * in a worker can be mapped back to examples.
 */
typedef struct
{
  FtDatasetSnapshot *snapshot;
  GPtrArray         *examples;
  GArray            *indexes;   /* the examples to work on, or NULL for all */
} Capture;

static void
capture_free (Capture *capture)
{
  g_clear_pointer (&capture->snapshot, ft_dataset_snapshot_unref);
  g_clear_pointer (&capture->examples, g_ptr_array_unref);
  g_clear_pointer (&capture->indexes, g_array_unref);
  g_free (capture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Capture, capture_free)

static Capture *
capture_dataset (FtExamplesPage *self,
                 gboolean        only_visible)
{
  Capture *capture = g_new0 (Capture, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));

  capture->snapshot = ft_dataset_snapshot (self->dataset);
  capture->examples = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (capture->examples, g_object_ref (ft_dataset_peek_example (self->dataset, i)));

  if (only_visible)
    {
      GListModel *visible = G_LIST_MODEL (self->filter_model);
      g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
      guint n_visible = g_list_model_get_n_items (visible);

      for (guint i = 0; i < n_visible; i++)
        {
          g_autoptr(FtExample) example = g_list_model_get_item (visible, i);

          g_hash_table_add (wanted, example);
        }

      capture->indexes = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_visible);
      for (guint i = 0; i < n; i++)
        {
          if (g_hash_table_contains (wanted, g_ptr_array_index (capture->examples, i)))
            g_array_append_val (capture->indexes, i);
        }
    }

  return capture;
}

/* A bulk change on its way back from the worker. */
typedef struct
{
  FtExamplesPage *self;
  Capture        *capture;
} BulkJob;

static void
bulk_job_free (BulkJob *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->capture, capture_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulkJob, bulk_job_free)

static BulkJob *
bulk_job_new (FtExamplesPage *self,
              Capture        *capture)
{
  BulkJob *job = g_new0 (BulkJob, 1);

  job->self = g_object_ref (self);
  job->capture = capture;

  return job;
}

static guint
capture_count (Capture *capture)
{
  return capture->indexes != NULL ? capture->indexes->len : capture->examples->len;
}

static const guint *
capture_indexes (Capture *capture)
{
  return capture->indexes != NULL ? (const guint *)capture->indexes->data : NULL;
}

static gboolean
busy_or_loading (FtExamplesPage *self)
{
  return ft_dataset_get_loading (self->dataset) || self->bulk_cancellable != NULL;
}

static void
begin_bulk (FtExamplesPage *self)
{
  self->bulk_cancellable = g_cancellable_new ();
  _ft_examples_page_update_actions (self);
}

static void
end_bulk (FtExamplesPage *self)
{
  g_clear_object (&self->bulk_cancellable);
  _ft_examples_page_update_actions (self);
}

/* Undo and redo */

gboolean
_ft_examples_page_can_undo (FtExamplesPage *self)
{
  return self->history != NULL && ft_history_get_can_undo (self->history);
}

gboolean
_ft_examples_page_can_redo (FtExamplesPage *self)
{
  return self->history != NULL && ft_history_get_can_redo (self->history);
}

void
_ft_examples_page_undo (FtExamplesPage *self)
{
  if (!busy_or_loading (self))
    ft_history_undo (self->history);
}

void
_ft_examples_page_redo (FtExamplesPage *self)
{
  if (!busy_or_loading (self))
    ft_history_redo (self->history);
}

/* Single examples */

static guint
insert_position (FtExamplesPage *self)
{
  guint position;

  if (self->current != NULL && ft_dataset_find_example (self->dataset, self->current, &position))
    return position + 1;

  return g_list_model_get_n_items (G_LIST_MODEL (self->dataset));
}

void
_ft_examples_page_new_example (FtExamplesPage *self)
{
  g_autoptr(FtExample) example = ft_example_new ();
  g_autoptr(FtMessage) user = ft_message_new (FT_ROLE_USER, "");
  g_autoptr(FtMessage) assistant = ft_message_new (FT_ROLE_ASSISTANT, "");
  guint position = insert_position (self);

  if (busy_or_loading (self))
    return;

  /* A new conversation keeps the system prompt of the one before it:
   * datasets mostly share one.
   */
  if (self->current != NULL && !ft_example_get_broken (self->current) &&
      g_list_model_get_n_items (ft_example_get_messages (self->current)) > 0)
    {
      g_autoptr(FtMessage) first = g_list_model_get_item (ft_example_get_messages (self->current),
                                                          0);

      if (ft_message_get_role_kind (first) == FT_ROLE_SYSTEM)
        {
          g_autoptr(FtMessage) system = ft_message_copy (first);

          ft_example_append_message (example, system);
        }
    }

  ft_example_append_message (example, user);
  ft_example_append_message (example, assistant);

  ft_history_insert_example (self->history, position, example);
  ft_examples_page_select_example (self, example);
  _ft_examples_page_focus_editor (self, ft_example_get_n_messages (example) - 2);
}

void
_ft_examples_page_duplicate_example (FtExamplesPage *self)
{
  g_autoptr(FtExample) copy = NULL;
  guint position;

  if (self->current == NULL || busy_or_loading (self))
    return;

  position = insert_position (self);
  copy = ft_example_copy (self->current);

  ft_history_begin_group (self->history, _("Duplicate Example"));
  ft_history_insert_example (self->history, position, copy);
  ft_history_end_group (self->history);

  ft_examples_page_select_example (self, copy);
}

void
_ft_examples_page_delete_example (FtExamplesPage *self)
{
  guint position;

  if (self->current == NULL || busy_or_loading (self) ||
      !ft_dataset_find_example (self->dataset, self->current, &position))
    return;

  ft_history_remove_example (self->history, position);
  _ft_examples_page_show_toast (self, _("Example deleted"), TRUE);
}

static void
remove_indexes (FtExamplesPage *self,
                GArray         *indexes,
                const char     *label)
{
  /* From the last, so that the positions stay right. */
  ft_history_begin_group (self->history, label);
  for (guint i = indexes->len; i > 0; i--)
    ft_history_remove_example (self->history, g_array_index (indexes, guint, i - 1));
  ft_history_end_group (self->history);
}

void
_ft_examples_page_delete_filtered (FtExamplesPage *self)
{
  g_autoptr(Capture) capture = NULL;
  g_autofree char *label = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *count = NULL;
  guint n;

  if (busy_or_loading (self) || !_ft_examples_page_get_filtering (self))
    return;

  capture = capture_dataset (self, TRUE);
  n = capture->indexes->len;
  if (n == 0)
    return;

  count = ft_format_integer (n);
  /* Translators: an undo step; %s is a number. */
  label = g_strdup_printf (ngettext ("Delete %s Example", "Delete %s Examples", n), count);
  /* Translators: %s is a number. */
  toast = g_strdup_printf (ngettext ("%s example deleted", "%s examples deleted", n), count);

  remove_indexes (self, capture->indexes, label);
  _ft_examples_page_show_toast (self, toast, TRUE);
}

/* Applying bulk results */

/* Ends a bulk edit: its changes, applied as one undo step named @label,
 * with the number of examples changed in @n_applied; or %NULL when it was
 * cancelled, or failed (said under @error_title).
 */
static FtBulkResult *
finish_bulk_edit (FtExamplesPage *self,
                  Capture        *capture,
                  GAsyncResult   *result,
                  const char     *error_title,
                  const char     *label,
                  guint          *n_applied)
{
  g_autoptr(FtBulkResult) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  changes = ft_bulk_edit_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  end_bulk (self);

  if (changes == NULL)
    {
      _ft_examples_page_show_error (self, error_title, error);
      return NULL;
    }

  n = ft_bulk_result_get_n_changed (changes);
  *n_applied = 0;

  ft_history_begin_group (self->history, label);
  for (guint i = 0; i < n; i++)
    {
      guint index = ft_bulk_result_get_index (changes, i);
      FtExample *example = g_ptr_array_index (capture->examples, index);

      /* Removed meanwhile: nothing to change. */
      if (!ft_dataset_find_example (self->dataset, example, NULL))
        continue;

      ft_history_set_example_text (self->history,
                                   example,
                                   ft_bulk_result_get_text (changes, i),
                                   NULL);
      (*n_applied)++;
    }
  ft_history_end_group (self->history);

  return g_steal_pointer (&changes);
}

/* Setting the system prompt */

/* Dialog controls are read when the answer comes, while the dialog still
 * exists: it is destroyed before the answer reaches its callback.
 */
static void
connect_response (GtkWidget *extra_child,
                  GCallback  callback,
                  gpointer   data)
{
  GtkRoot *root = gtk_widget_get_root (extra_child);

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (root));

  g_signal_connect (root, "response", callback, data);
}

typedef struct
{
  FtExamplesPage *self;
  GtkTextView    *text_view;
  GtkCheckButton *filtered_check;
  char           *prompt;
  gboolean        filtered;
} PromptDialog;

static void
prompt_dialog_free (PromptDialog *data)
{
  g_clear_object (&data->self);
  g_free (data->prompt);
  g_free (data);
}

static void
prompt_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PromptDialog     *data)
{
  /* Answered once: the data goes with the answer. */
  g_signal_handlers_disconnect_by_data (dialog, data);

  data->prompt = g_strstrip (_ft_editor_dup_text (data->text_view));
  data->filtered = gtk_widget_get_visible (GTK_WIDGET (data->filtered_check)) &&
                   gtk_check_button_get_active (data->filtered_check);
}

static void
system_prompt_applied_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(BulkJob) job = user_data;
  FtExamplesPage *self = job->self;
  g_autoptr(FtBulkResult) changes = NULL;
  g_autofree char *count = NULL;
  g_autofree char *toast = NULL;
  guint n;

  changes = finish_bulk_edit (self, job->capture, result, _("Could Not Set the System Prompt"),
                              _("Set System Prompt"), &n);
  if (changes == NULL)
    return;

  count = ft_format_integer (n);
  if (n == 0)
    toast = g_strdup (_("Every example already has this system prompt"));
  else
    /* Translators: %s is a number of examples. */
    toast = g_strdup_printf (ngettext ("System prompt set in %s example",
                                       "System prompt set in %s examples", n), count);
  _ft_examples_page_show_toast (self, toast, n > 0);
}

static void
prompt_answer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PromptDialog *data = user_data;
  FtExamplesPage *self = data->self;
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);
  g_autofree char *prompt = g_steal_pointer (&data->prompt);
  Capture *capture;
  BulkJob *job;

  if (g_strcmp0 (response, "set") != 0 || busy_or_loading (self) ||
      prompt == NULL || prompt[0] == '\0')
    {
      prompt_dialog_free (data);
      return;
    }

  capture = capture_dataset (self, data->filtered);
  prompt_dialog_free (data);

  begin_bulk (self);
  job = bulk_job_new (self, capture);
  ft_bulk_set_system_prompt_async (capture->snapshot, capture_indexes (capture),
                                   capture_count (capture), prompt, self->bulk_cancellable,
                                   system_prompt_applied_cb, job);
}

static void
on_prompt_changed_cb (GtkTextBuffer *buffer,
                      GtkWidget     *text_view)
{
  GtkRoot *root = gtk_widget_get_root (text_view);
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;

  if (!ADW_IS_MESSAGE_DIALOG (root))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (root), "set", text[0] != '\0');
}

static char *
current_system_prompt (FtExamplesPage *self)
{
  g_autoptr(FtMessage) first = NULL;

  if (self->current == NULL || ft_example_get_broken (self->current) ||
      g_list_model_get_n_items (ft_example_get_messages (self->current)) == 0)
    return NULL;

  first = g_list_model_get_item (ft_example_get_messages (self->current), 0);
  if (ft_message_get_role_kind (first) != FT_ROLE_SYSTEM || ft_message_get_content (first) == NULL)
    return NULL;

  return g_strdup (ft_message_get_content (first));
}

static GtkWidget *
make_filtered_check (FtExamplesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = ft_format_integer (n);
  g_autofree char *label = NULL;
  GtkWidget *check;

  /* Translators: %s is a number of examples. */
  label = g_strdup_printf (ngettext ("Only the %s example the search and filters show",
                                     "Only the %s examples the search and filters show", n),
                           count);
  check = gtk_check_button_new_with_label (label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_visible (check, _ft_examples_page_get_filtering (self));

  return check;
}

void
_ft_examples_page_set_system_prompt (FtExamplesPage *self)
{
  const FtDialogResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "set", _("_Set Prompt"), ADW_RESPONSE_SUGGESTED },
  };
  g_autofree char *initial = current_system_prompt (self);
  PromptDialog *data;
  GtkWidget *box;
  GtkWidget *scroller;
  GtkWidget *text_view;
  GtkWidget *check;

  if (busy_or_loading (self))
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("System prompt"),
                                  -1);
  if (initial != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), initial, -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text_view);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (scroller, "ft-prompt-box");
  gtk_box_append (GTK_BOX (box), scroller);

  check = make_filtered_check (self);
  gtk_box_append (GTK_BOX (box), check);

  data = g_new0 (PromptDialog, 1);
  data->self = g_object_ref (self);
  data->text_view = GTK_TEXT_VIEW (text_view);
  data->filtered_check = GTK_CHECK_BUTTON (check);

  ft_dialogs_choose_full_async (_ft_examples_page_get_window (self),
                                _("Set the System Prompt"),
                                _("Every example will start with this system prompt. Examples that "
                                  "have one get it replaced."),
                                box, responses, G_N_ELEMENTS (responses), "set", "cancel",
                                self->cancellable, prompt_answer_cb, data);

  connect_response (box, G_CALLBACK (prompt_response_cb), data);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "changed",
                           G_CALLBACK (on_prompt_changed_cb), text_view, 0);
  on_prompt_changed_cb (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), text_view);
  gtk_widget_grab_focus (text_view);
}

/* Find and replace */

typedef struct
{
  FtExamplesPage *self;
  GtkEditable    *find_entry;
  GtkEditable    *replace_entry;
  GtkCheckButton *filtered_check;
  GtkLabel       *preview_label;
  GCancellable   *preview_cancellable;
  guint           preview_id;
  char           *find;
  char           *replacement;
  gboolean        filtered;
  gboolean        answered;
} ReplaceDialog;

static void
replace_dialog_free (ReplaceDialog *data)
{
  g_cancellable_cancel (data->preview_cancellable);
  g_clear_object (&data->preview_cancellable);
  g_clear_handle_id (&data->preview_id, g_source_remove);
  g_clear_object (&data->self);
  g_free (data->find);
  g_free (data->replacement);
  g_free (data);
}

static gboolean
replace_scope_filtered (ReplaceDialog *data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data->filtered_check)) &&
         gtk_check_button_get_active (data->filtered_check);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReplaceDialog *data = user_data;
  g_autoptr(FtBulkResult) counted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint64 n_matches;
  guint n_examples;
  GtkRoot *root;

  counted = ft_bulk_edit_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->answered)
    return;

  g_clear_object (&data->preview_cancellable);
  if (counted == NULL)
    return;

  n_matches = ft_bulk_result_get_n_replaced (counted);
  n_examples = ft_bulk_result_get_n_changed (counted);

  if (n_matches == 0)
    {
      text = g_strdup (_("No matches in message text"));
    }
  else
    {
      g_autofree char *matches = _ft_examples_page_describe_matches (n_matches, n_examples);

      /* Translators: "12 matches in 5 examples will be replaced"; plural of the matches. */
      text = g_strdup_printf (ngettext ("%s will be replaced", "%s will be replaced",
                                        (gulong)n_matches),
                              matches);
    }

  gtk_label_set_text (data->preview_label, text);

  root = gtk_widget_get_root (GTK_WIDGET (data->preview_label));
  if (ADW_IS_MESSAGE_DIALOG (root))
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (root), "replace", n_matches > 0);
}

static gboolean
preview_cb (gpointer user_data)
{
  ReplaceDialog *data = user_data;
  const char *find = gtk_editable_get_text (data->find_entry);
  g_autoptr(Capture) capture = NULL;

  data->preview_id = 0;
  g_cancellable_cancel (data->preview_cancellable);
  g_clear_object (&data->preview_cancellable);

  if (find[0] == '\0')
    {
      gtk_label_set_text (data->preview_label, _("Type the text to look for"));
      return G_SOURCE_REMOVE;
    }

  capture = capture_dataset (data->self, replace_scope_filtered (data));
  data->preview_cancellable = g_cancellable_new ();
  gtk_label_set_text (data->preview_label, _("Counting matches…"));
  ft_bulk_replace_async (capture->snapshot, capture_indexes (capture), capture_count (capture),
                         find, "", TRUE, data->preview_cancellable, preview_done_cb, data);

  return G_SOURCE_REMOVE;
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ReplaceDialog    *data)
{
  /* Answered once: the data goes with the answer. */
  g_signal_handlers_disconnect_by_data (dialog, data);

  /* The dialog goes away now: no preview may touch it any more. */
  data->answered = TRUE;
  g_cancellable_cancel (data->preview_cancellable);
  g_clear_handle_id (&data->preview_id, g_source_remove);

  data->find = g_strdup (gtk_editable_get_text (data->find_entry));
  data->replacement = g_strdup (gtk_editable_get_text (data->replace_entry));
  data->filtered = replace_scope_filtered (data);
}

static void
on_replace_input_changed_cb (ReplaceDialog *data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (data->preview_label));

  if (ADW_IS_MESSAGE_DIALOG (root))
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (root), "replace", FALSE);

  g_clear_handle_id (&data->preview_id, g_source_remove);
  data->preview_id = g_timeout_add (REPLACE_PREVIEW_MS, preview_cb, data);
}

static void
replace_applied_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BulkJob) job = user_data;
  FtExamplesPage *self = job->self;
  g_autoptr(FtBulkResult) changes = NULL;
  g_autofree char *matches = NULL;
  g_autofree char *toast = NULL;
  guint n;

  changes = finish_bulk_edit (self, job->capture, result, _("Could Not Replace Text"),
                              _("Replace Text"), &n);
  if (changes == NULL)
    return;

  matches = _ft_examples_page_describe_matches (ft_bulk_result_get_n_replaced (changes), n);
  /* Translators: "Replaced 12 matches in 5 examples"; plural of the matches. */
  toast = g_strdup_printf (ngettext ("Replaced %s", "Replaced %s",
                                     (gulong)ft_bulk_result_get_n_replaced (changes)),
                           matches);
  _ft_examples_page_show_toast (self, toast, n > 0);
}

static void
replace_answer_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReplaceDialog *data = user_data;
  FtExamplesPage *self = g_object_ref (data->self);
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);
  g_autofree char *find = g_steal_pointer (&data->find);
  g_autofree char *replacement = g_steal_pointer (&data->replacement);
  gboolean filtered = data->filtered;
  Capture *capture;
  BulkJob *job;

  replace_dialog_free (data);

  if (g_strcmp0 (response, "replace") != 0 || find == NULL || find[0] == '\0' ||
      busy_or_loading (self))
    {
      g_object_unref (self);
      return;
    }

  capture = capture_dataset (self, filtered);
  begin_bulk (self);
  job = bulk_job_new (self, capture);
  ft_bulk_replace_async (capture->snapshot, capture_indexes (capture), capture_count (capture),
                         find, replacement, FALSE, self->bulk_cancellable, replace_applied_cb, job);
  g_object_unref (self);
}

void
_ft_examples_page_replace (FtExamplesPage *self)
{
  const FtDialogResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "replace", _("_Replace All"), ADW_RESPONSE_SUGGESTED },
  };
  ReplaceDialog *data;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *find_row;
  GtkWidget *replace_row;
  GtkWidget *preview;
  GtkWidget *check;

  if (busy_or_loading (self))
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  find_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (find_row), _("Find"));
  replace_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (replace_row), _("Replace With"));
  gtk_list_box_append (GTK_LIST_BOX (list), find_row);
  gtk_list_box_append (GTK_LIST_BOX (list), replace_row);
  gtk_box_append (GTK_BOX (box), list);

  if (self->search_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (find_row), self->search_text);

  preview = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_wrap (GTK_LABEL (preview), TRUE);
  gtk_widget_add_css_class (preview, "dim-label");
  gtk_box_append (GTK_BOX (box), preview);

  check = make_filtered_check (self);
  gtk_box_append (GTK_BOX (box), check);

  data = g_new0 (ReplaceDialog, 1);
  data->self = g_object_ref (self);
  data->find_entry = GTK_EDITABLE (find_row);
  data->replace_entry = GTK_EDITABLE (replace_row);
  data->filtered_check = GTK_CHECK_BUTTON (check);
  data->preview_label = GTK_LABEL (preview);

  ft_dialogs_choose_full_async (_ft_examples_page_get_window (self),
                                _("Find and Replace"),
                                _("Replaces text in every message, ignoring case. Tool calls are "
                                  "left as they are."),
                                box, responses, G_N_ELEMENTS (responses), "replace", "cancel",
                                self->cancellable, replace_answer_cb, data);

  connect_response (box, G_CALLBACK (replace_response_cb), data);
  g_signal_connect_swapped (find_row, "changed", G_CALLBACK (on_replace_input_changed_cb), data);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_replace_input_changed_cb), data);
  on_replace_input_changed_cb (data);
  preview_cb (data);
  gtk_widget_grab_focus (find_row);
}

/* Duplicates */

typedef struct
{
  FtExamplesPage *self;
  Capture        *capture;
  GArray         *exact;
  GArray         *near;
  GtkCheckButton *near_check;
  gboolean        with_near;
} DedupeData;

static void
dedupe_data_free (DedupeData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->capture, capture_free);
  g_clear_pointer (&data->exact, g_array_unref);
  g_clear_pointer (&data->near, g_array_unref);
  g_free (data);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  return (x > y) - (x < y);
}

static void
remove_duplicates (DedupeData *data,
                   GArray     *indexes)
{
  FtExamplesPage *self = data->self;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  g_autofree char *toast = NULL;

  /* The dataset may have changed since: find the examples again. */
  for (guint i = 0; i < indexes->len; i++)
    {
      FtExample *example = g_ptr_array_index (data->capture->examples,
                                              g_array_index (indexes, guint, i));
      guint position;

      if (ft_dataset_find_example (self->dataset, example, &position))
        g_array_append_val (positions, position);
    }
  g_array_sort (positions, compare_positions);

  count = ft_format_integer (positions->len);
  /* Translators: an undo step; %s is a number. */
  label = g_strdup_printf (ngettext ("Remove %s Duplicate", "Remove %s Duplicates", positions->len),
                           count);
  /* Translators: %s is a number of examples. */
  toast = g_strdup_printf (ngettext ("%s duplicate removed",
                                     "%s duplicates removed",
                                     positions->len), count);

  remove_indexes (self, positions, label);
  _ft_examples_page_show_toast (self, toast, positions->len > 0);
}

static void
dedupe_answer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DedupeData *data = user_data;
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);

  if (g_strcmp0 (response, "remove") == 0 && !busy_or_loading (data->self))
    remove_duplicates (data, data->with_near ? data->near : data->exact);

  dedupe_data_free (data);
}

static void
dedupe_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DedupeData       *data)
{
  /* Answered once: the data goes with the answer. */
  g_signal_handlers_disconnect_by_data (dialog, data);

  data->with_near = gtk_check_button_get_active (data->near_check);
}

static void
ask_dedupe (DedupeData *data)
{
  const FtDialogResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE },
  };
  FtExamplesPage *self = data->self;
  g_autofree char *exact = ft_format_integer (data->exact->len);
  g_autofree char *near = ft_format_integer (data->near->len - data->exact->len);
  g_autofree char *body = NULL;
  g_autofree char *label = NULL;
  GtkWidget *check;

  if (data->near->len == 0)
    {
      _ft_examples_page_show_toast (self, _("No duplicates found"), FALSE);
      dedupe_data_free (data);
      return;
    }

  /* Translators: %s is a number of examples. */
  body = g_strdup_printf (ngettext ("%s example repeats an earlier one exactly. The first of each "
                                    "group stays.",
                                    "%s examples repeat an earlier one exactly. The first of each "
                                    "group stays.",
                                    data->exact->len),
                          exact);
  /* Translators: %s is a number of examples. */
  label = g_strdup_printf (ngettext ("Also remove %s near copy (different spacing or letter case)",
                                     "Also remove %s near copies (different spacing or letter "
                                     "case)",
                                     data->near->len - data->exact->len),
                           near);

  check = gtk_check_button_new_with_label (label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), data->exact->len == 0);
  gtk_widget_set_visible (check, data->near->len > data->exact->len);
  data->near_check = GTK_CHECK_BUTTON (check);

  ft_dialogs_choose_full_async (_ft_examples_page_get_window (self), _("Remove Duplicates?"), body,
                                check, responses, G_N_ELEMENTS (responses), "remove", "cancel",
                                self->cancellable, dedupe_answer_cb, data);
  connect_response (check, G_CALLBACK (dedupe_response_cb), data);
}

static void
duplicates_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DedupeData *data = user_data;
  g_autoptr(GError) error = NULL;
  GArray *found;

  found = ft_bulk_find_duplicates_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      dedupe_data_free (data);
      return;
    }

  if (found == NULL)
    {
      end_bulk (data->self);
      _ft_examples_page_show_error (data->self, _("Could Not Look for Duplicates"), error);
      dedupe_data_free (data);
      return;
    }

  if (data->exact == NULL)
    {
      data->exact = found;
      ft_bulk_find_duplicates_async (data->capture->snapshot, FT_DUPLICATE_NEAR,
                                     data->self->bulk_cancellable, duplicates_found_cb, data);
      return;
    }

  data->near = found;
  end_bulk (data->self);
  ask_dedupe (data);
}

void
_ft_examples_page_remove_duplicates (FtExamplesPage *self)
{
  DedupeData *data;

  if (busy_or_loading (self))
    return;

  data = g_new0 (DedupeData, 1);
  data->self = g_object_ref (self);
  data->capture = capture_dataset (self, FALSE);

  begin_bulk (self);
  ft_bulk_find_duplicates_async (data->capture->snapshot, FT_DUPLICATE_EXACT,
                                 self->bulk_cancellable, duplicates_found_cb, data);
}

/* Train/validation split */

typedef struct
{
  FtExamplesPage *self;
  Capture        *capture;
  GtkSpinButton  *share_spin;
  GtkSpinButton  *seed_spin;
  GtkLabel       *preview_label;
  GFile          *train;
  GFile          *validation;
  double          fraction;
  guint64         seed;
} SplitData;

static void
split_data_free (SplitData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->capture, capture_free);
  g_clear_object (&data->train);
  g_clear_object (&data->validation);
  g_free (data);
}

static void
update_split_preview (SplitData *data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (data->self->dataset));
  double fraction = gtk_spin_button_get_value (data->share_spin) / 100.0;
  guint n_validation = ft_split_count_validation (n, fraction);
  g_autofree char *n_train_text = ft_format_integer (n - n_validation);
  g_autofree char *n_validation_text = ft_format_integer (n_validation);
  g_autofree char *train = NULL;
  g_autofree char *validation = NULL;
  g_autofree char *text = NULL;

  /* Translators: a number of examples. */
  train = g_strdup_printf (ngettext ("%s example to train on", "%s examples to train on",
                                     n - n_validation),
                           n_train_text);
  /* Translators: a number of examples, after "900 examples to train on". */
  validation = g_strdup_printf (ngettext ("%s to validate with", "%s to validate with",
                                          n_validation),
                                n_validation_text);
  /* Translators: "900 examples to train on, 100 to validate with". */
  text = g_strdup_printf (C_("split preview", "%s, %s"), train, validation);
  gtk_label_set_text (data->preview_label, text);
}

static void
split_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SplitData *data = user_data;
  FtExamplesPage *self = data->self;
  g_autoptr(GError) error = NULL;
  guint n_train = 0;
  guint n_validation = 0;

  if (!ft_bulk_split_finish (result, &n_train, &n_validation, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          end_bulk (self);
          _ft_examples_page_show_error (self, _("Could Not Save the Split"), error);
        }
      split_data_free (data);
      return;
    }

  end_bulk (self);

  {
    g_autofree char *n_train_text = ft_format_integer (n_train);
    g_autofree char *n_validation_text = ft_format_integer (n_validation);
    g_autofree char *train = NULL;
    g_autofree char *validation = NULL;
    g_autofree char *toast = NULL;

    /* Translators: a number of training examples. */
    train = g_strdup_printf (ngettext ("%s training example", "%s training examples",
                                       (gulong)n_train),
                             n_train_text);
    /* Translators: a number of validation examples. */
    validation = g_strdup_printf (ngettext ("%s validation example", "%s validation examples",
                                            (gulong)n_validation),
                                  n_validation_text);
    /* Translators: "Saved 900 training examples and 100 validation examples". */
    toast = g_strdup_printf (_("Saved %s and %s"), train, validation);
    _ft_examples_page_show_toast (self, toast, FALSE);
  }

  split_data_free (data);
}

static void
write_split (SplitData *data)
{
  FtExamplesPage *self = data->self;

  begin_bulk (self);
  ft_bulk_split_async (data->capture->snapshot, data->fraction, data->seed,
                       data->train, data->validation, self->bulk_cancellable,
                       split_done_cb, data);
}

static void
overwrite_answer_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SplitData *data = user_data;
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);

  if (g_strcmp0 (response, "replace") == 0 && !busy_or_loading (data->self))
    write_split (data);
  else
    split_data_free (data);
}

static void
validation_info_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SplitData *data = user_data;
  const FtDialogResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "replace", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE },
  };
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, NULL);
  if (info == NULL)
    {
      write_split (data);
      return;
    }

  /* The native chooser asked about the training file only. */
  name = g_file_get_basename (data->validation);
  heading = g_strdup_printf (_("Replace “%s”?"), name);
  ft_dialogs_choose_async (_ft_examples_page_get_window (data->self), heading,
                           _("The validation examples go to a file of this name beside the "
                             "training file. It exists already; replacing it overwrites it."),
                           responses, G_N_ELEMENTS (responses), "cancel", "cancel",
                           data->self->cancellable, overwrite_answer_cb, data);
}

static GFile *
validation_file_for (GFile *train)
{
  g_autofree char *name = g_file_get_basename (train);
  g_autoptr(GFile) parent = g_file_get_parent (train);
  g_autofree char *stem = NULL;

  if (g_str_has_suffix (name, ".train.jsonl"))
    stem = g_strndup (name, strlen (name) - strlen (".train.jsonl"));
  else if (g_str_has_suffix (name, ".jsonl"))
    stem = g_strndup (name, strlen (name) - strlen (".jsonl"));
  else
    stem = g_strdup (name);

  {
    g_autofree char *validation = g_strconcat (stem, ".validation.jsonl", NULL);

    return g_file_get_child (parent, validation);
  }
}

static void
train_file_chosen_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SplitData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->train = ft_dialogs_save_file_finish (result, &error);
  if (data->train == NULL)
    {
      _ft_examples_page_show_error (data->self, _("Could Not Save the Split"), error);
      split_data_free (data);
      return;
    }

  data->validation = validation_file_for (data->train);
  g_file_query_info_async (data->validation, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           data->self->cancellable, validation_info_cb, data);
}

static void
split_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SplitData        *data)
{
  /* Answered once: the data goes with the answer. */
  g_signal_handlers_disconnect_by_data (dialog, data);

  data->fraction = gtk_spin_button_get_value (data->share_spin) / 100.0;
  data->seed = (guint64)gtk_spin_button_get_value (data->seed_spin);
}

static void
split_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SplitData *data = user_data;
  FtExamplesPage *self = data->self;
  g_autofree char *response = ft_dialogs_choose_finish (result, NULL);
  g_autofree char *name = NULL;
  GFile *file;

  if (g_strcmp0 (response, "split") != 0 || busy_or_loading (self))
    {
      split_data_free (data);
      return;
    }

  data->capture = capture_dataset (self, FALSE);

  file = ft_dataset_get_file (self->dataset);
  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      char *dot = strrchr (basename, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (basename, ".train.jsonl", NULL);
    }
  else
    {
      name = g_strdup (_("examples.train.jsonl"));
    }

  {
    g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;

    ft_dialogs_save_file_async (_ft_examples_page_get_window (self), _("Save Training Examples"),
                                folder, name, self->cancellable, train_file_chosen_cb, data);
  }
}

static GtkWidget *
spin_row (const char  *title,
          const char  *subtitle,
          GtkWidget   *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);

  return row;
}

void
_ft_examples_page_split (FtExamplesPage *self)
{
  const FtDialogResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "split", _("_Split and Save…"), ADW_RESPONSE_SUGGESTED },
  };
  SplitData *data;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *share;
  GtkWidget *seed;
  GtkWidget *preview;

  if (busy_or_loading (self))
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  share = gtk_spin_button_new_with_range (1, 50, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (share), 10);
  seed = gtk_spin_button_new_with_range (0, 999999, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (seed), 42);
  gtk_list_box_append (GTK_LIST_BOX (list),
                       spin_row (_("Validation Share (%)"), NULL, share));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       spin_row (_("Seed"), _("The same seed picks the same examples"), seed));
  gtk_box_append (GTK_BOX (box), list);

  preview = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_wrap (GTK_LABEL (preview), TRUE);
  gtk_widget_add_css_class (preview, "dim-label");
  gtk_box_append (GTK_BOX (box), preview);

  data = g_new0 (SplitData, 1);
  data->self = g_object_ref (self);
  data->share_spin = GTK_SPIN_BUTTON (share);
  data->seed_spin = GTK_SPIN_BUTTON (seed);
  data->preview_label = GTK_LABEL (preview);

  g_signal_connect_swapped (share, "value-changed", G_CALLBACK (update_split_preview), data);
  update_split_preview (data);

  ft_dialogs_choose_full_async (_ft_examples_page_get_window (self),
                                _("Split for Validation"),
                                _("A random share of the examples goes to a validation file, which "
                                  "training uses to tell how well the model does on examples it "
                                  "has not seen. Your dataset stays as it is."),
                                box, responses, G_N_ELEMENTS (responses), "split", "cancel",
                                self->cancellable, split_answer_cb, data);
  connect_response (box, G_CALLBACK (split_response_cb), data);
}
