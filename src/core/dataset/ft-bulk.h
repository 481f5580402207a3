/* ft-bulk.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-dataset.h"
#include "ft-duplicates.h"

G_BEGIN_DECLS

/**
 * FtBulkResult:
 *
 * What a bulk change computed: the new text of each example it changes,
 * by example index, for the caller to apply (as one undoable step).
 * Immutable.
 */
typedef struct _FtBulkResult FtBulkResult;

#define FT_TYPE_BULK_RESULT (ft_bulk_result_get_type ())
GType         ft_bulk_result_get_type        (void) G_GNUC_CONST;
FtBulkResult *ft_bulk_result_ref             (FtBulkResult       *self);
void          ft_bulk_result_unref           (FtBulkResult       *self);
guint         ft_bulk_result_get_n_changed   (FtBulkResult       *self);
guint         ft_bulk_result_get_index       (FtBulkResult       *self,
                                              guint               position);
const char   *ft_bulk_result_get_text        (FtBulkResult       *self,
                                              guint               position);
guint64       ft_bulk_result_get_n_replaced  (FtBulkResult       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtBulkResult, ft_bulk_result_unref)

FtBulkResult *ft_bulk_set_system_prompt      (FtDatasetSnapshot  *snapshot,
                                              const guint        *indexes,
                                              guint               n_indexes,
                                              const char         *prompt,
                                              GCancellable       *cancellable,
                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
FtBulkResult *ft_bulk_replace                (FtDatasetSnapshot  *snapshot,
                                              const guint        *indexes,
                                              guint               n_indexes,
                                              const char         *find,
                                              const char         *replacement,
                                              gboolean            count_only,
                                              GCancellable       *cancellable,
                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
GArray       *ft_bulk_find_duplicates        (FtDatasetSnapshot  *snapshot,
                                              FtDuplicateMode     mode,
                                              GCancellable       *cancellable,
                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      ft_bulk_split                  (FtDatasetSnapshot  *snapshot,
                                              double              fraction,
                                              guint64             seed,
                                              GFile              *train,
                                              GFile              *validation,
                                              guint              *n_train,
                                              guint              *n_validation,
                                              GCancellable       *cancellable,
                                              GError            **error);

void          ft_bulk_set_system_prompt_async (FtDatasetSnapshot *snapshot,
                                               const guint       *indexes,
                                               guint              n_indexes,
                                               const char        *prompt,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
void          ft_bulk_replace_async          (FtDatasetSnapshot  *snapshot,
                                              const guint        *indexes,
                                              guint               n_indexes,
                                              const char         *find,
                                              const char         *replacement,
                                              gboolean            count_only,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
FtBulkResult *ft_bulk_edit_finish            (GAsyncResult       *result,
                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void          ft_bulk_find_duplicates_async  (FtDatasetSnapshot  *snapshot,
                                              FtDuplicateMode     mode,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
GArray       *ft_bulk_find_duplicates_finish (GAsyncResult       *result,
                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void          ft_bulk_split_async            (FtDatasetSnapshot  *snapshot,
                                              double              fraction,
                                              guint64             seed,
                                              GFile              *train,
                                              GFile              *validation,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean      ft_bulk_split_finish           (GAsyncResult       *result,
                                              guint              *n_train,
                                              guint              *n_validation,
                                              GError            **error);

G_END_DECLS
