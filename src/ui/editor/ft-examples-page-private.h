/* ft-examples-page-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ft-checks-panel.h"
#include "ft-cost.h"
#include "ft-examples-page.h"
#include "ft-history.h"
#include "ft-recovery.h"
#include "ft-search.h"

G_BEGIN_DECLS

struct _FtExamplesPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *back_button;
  FtChecksPanel       *checks_panel;
  GtkToggleButton     *checks_button;
  GtkImage            *checks_icon;
  GtkLabel            *checks_label;
  GtkLabel            *cost_label;
  GtkWidget           *dataset_bar;
  GtkWidget           *details_box;
  AdwBin              *editor_slot;
  AdwStatusPage       *empty_page;
  GtkLabel            *epochs_label;
  GtkLabel            *example_title_label;
  AdwLeaflet          *leaflet;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkDropDown         *model_dropdown;
  GtkLabel            *modified_label;
  GtkProgressBar      *progress_bar;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *search_status_label;
  GtkStack            *sidebar_stack;
  GtkLabel            *size_label;
  GtkLabel            *title_label;
  GMenu               *undo_section;

  /* Owned */
  FtDataset           *dataset;
  FtDatasetChecker    *checker;
  FtHistory           *history;
  FtRecovery          *recovery;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSliceListModel   *slice_model;         /* what the list shows so far */
  GtkSingleSelection  *selection;
  GSimpleActionGroup  *actions;
  GSettings           *settings;
  FtPriceTable        *prices;
  GtkStringList       *model_names;
  GMenu               *recent_menu;
  GtkRecentManager    *recent_manager;
  GCancellable        *cancellable;         /* for the page's lifetime */
  GCancellable        *load_cancellable;
  GCancellable        *search_cancellable;
  GCancellable        *bulk_cancellable;    /* a bulk change is running */
  FtSearch            *search;              /* of the search result */
  FtSearchResult      *search_result;
  GHashTable          *search_index;        /* FtExample → index + 1 */
  char                *search_text;
  char                *title;               /* for an unsaved dataset */
  FtExample           *current;             /* the selected example */
  GtkWidget           *editor;
  GFile               *loading_file;        /* the file being loaded */
  GFile               *import_file;         /* the file a converted dataset comes from */

  guint64              file_size;           /* of the file loading */
  guint                search_timeout_id;
  guint                show_current_id;
  guint                grow_rows_id;        /* tick callback of the list view */
  guint                facets_required;     /* FtFacets */
  guint                filter_errors : 1;
  guint                filter_warnings : 1;
  guint                searching : 1;
  guint                sample : 1;          /* the sample dataset is open */
  guint                csv_origin : 1;      /* imported: save asks for a .jsonl name */
  guint                rows_wait_frame : 1; /* the list's first rows wait a frame */
};

/* ft-examples-page.c */
void        _ft_examples_page_update_header      (FtExamplesPage *self);
void        _ft_examples_page_update_actions     (FtExamplesPage *self);
void        _ft_examples_page_show_toast         (FtExamplesPage *self,
                                                  const char     *title,
                                                  gboolean        undoable);
void        _ft_examples_page_show_error         (FtExamplesPage *self,
                                                  const char     *title,
                                                  const GError   *error);
GtkWindow  *_ft_examples_page_get_window         (FtExamplesPage *self);
gboolean    _ft_examples_page_get_filtering      (FtExamplesPage *self);
void        _ft_examples_page_reset_view         (FtExamplesPage *self);
void        _ft_examples_page_focus_editor       (FtExamplesPage *self,
                                                  int             message_index);
char       *_ft_examples_page_describe_matches   (guint64         n_matches,
                                                  guint           n_examples);

/* ft-examples-page-files.c */
void        _ft_examples_page_init_files         (FtExamplesPage *self);
void        _ft_examples_page_new_dataset        (FtExamplesPage *self);
void        _ft_examples_page_open               (FtExamplesPage *self);
void        _ft_examples_page_open_uri           (FtExamplesPage *self,
                                                  const char     *uri);
void        _ft_examples_page_save               (FtExamplesPage *self,
                                                  gboolean        save_as);

/* ft-examples-page-edit.c */
void        _ft_examples_page_new_example        (FtExamplesPage *self);
void        _ft_examples_page_duplicate_example  (FtExamplesPage *self);
void        _ft_examples_page_delete_example     (FtExamplesPage *self);
void        _ft_examples_page_delete_filtered    (FtExamplesPage *self);
void        _ft_examples_page_set_system_prompt  (FtExamplesPage *self);
void        _ft_examples_page_replace            (FtExamplesPage *self);
void        _ft_examples_page_remove_duplicates  (FtExamplesPage *self);
void        _ft_examples_page_split              (FtExamplesPage *self);
void        _ft_examples_page_undo               (FtExamplesPage *self);
void        _ft_examples_page_redo               (FtExamplesPage *self);
gboolean    _ft_examples_page_can_undo           (FtExamplesPage *self);
gboolean    _ft_examples_page_can_redo           (FtExamplesPage *self);

G_END_DECLS
