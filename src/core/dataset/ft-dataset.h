/* ft-dataset.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-example.h"
#include "ft-import.h"

G_BEGIN_DECLS

/**
 * FtDatasetKind:
 * @FT_DATASET_KIND_UNKNOWN: empty, or no example has a known shape
 * @FT_DATASET_KIND_CHAT: supervised chat examples
 * @FT_DATASET_KIND_PREFERENCE: preference (DPO) examples
 * @FT_DATASET_KIND_REINFORCEMENT: chat examples without any assistant turn,
 *   as reinforcement fine-tuning uses
 * @FT_DATASET_KIND_PROMPT_COMPLETION: legacy prompt/completion lines
 *
 * What the examples are for, by majority of their shapes.
 */
typedef enum
{
  FT_DATASET_KIND_UNKNOWN,
  FT_DATASET_KIND_CHAT,
  FT_DATASET_KIND_PREFERENCE,
  FT_DATASET_KIND_REINFORCEMENT,
  FT_DATASET_KIND_PROMPT_COMPLETION,
} FtDatasetKind;

#define FT_TYPE_DATASET_KIND (ft_dataset_kind_get_type ())
GType ft_dataset_kind_get_type (void) G_GNUC_CONST;

/**
 * FtDatasetSnapshot:
 *
 * An immutable copy of a dataset's lines (each the exact bytes
 * ft_example_get_bytes() gives) with their source lines. Taking one is
 * cheap: unedited lines are shared, not copied. Safe to read from any
 * thread, so workers (validator, writer) use it instead of the dataset.
 */
typedef struct _FtDatasetSnapshot FtDatasetSnapshot;

#define FT_TYPE_DATASET_SNAPSHOT (ft_dataset_snapshot_get_type ())
GType              ft_dataset_snapshot_get_type        (void) G_GNUC_CONST;
FtDatasetSnapshot *ft_dataset_snapshot_ref             (FtDatasetSnapshot  *self);
void               ft_dataset_snapshot_unref           (FtDatasetSnapshot  *self);
guint              ft_dataset_snapshot_get_n_examples  (FtDatasetSnapshot  *self);
GBytes            *ft_dataset_snapshot_get_bytes       (FtDatasetSnapshot  *self,
                                                        guint               index);
guint64            ft_dataset_snapshot_get_source_line (FtDatasetSnapshot  *self,
                                                        guint               index);
gboolean           ft_dataset_snapshot_write           (FtDatasetSnapshot  *self,
                                                        GFile              *file,
                                                        GCancellable       *cancellable,
                                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtDatasetSnapshot, ft_dataset_snapshot_unref)

#define FT_TYPE_DATASET (ft_dataset_get_type ())
G_DECLARE_FINAL_TYPE (FtDataset, ft_dataset, FT, DATASET, GObject)

FtDataset         *ft_dataset_new                (void) G_GNUC_WARN_UNUSED_RESULT;

GFile             *ft_dataset_get_file           (FtDataset           *self);
void               ft_dataset_set_file           (FtDataset           *self,
                                                  GFile               *file);
gboolean           ft_dataset_get_modified       (FtDataset           *self);
void               ft_dataset_set_modified       (FtDataset           *self,
                                                  gboolean             modified);
FtDatasetKind      ft_dataset_get_kind           (FtDataset           *self);
gboolean           ft_dataset_get_loading        (FtDataset           *self);
guint64            ft_dataset_get_bytes_loaded   (FtDataset           *self);
guint64            ft_dataset_get_bytes_total    (FtDataset           *self);
guint64            ft_dataset_get_change_serial  (FtDataset           *self);

FtExample         *ft_dataset_peek_example       (FtDataset           *self,
                                                  guint                position);
gboolean           ft_dataset_find_example       (FtDataset           *self,
                                                  FtExample           *example,
                                                  guint               *position);
void               ft_dataset_insert             (FtDataset           *self,
                                                  guint                position,
                                                  FtExample           *example);
void               ft_dataset_append             (FtDataset           *self,
                                                  FtExample           *example);
void               ft_dataset_remove             (FtDataset           *self,
                                                  guint                position);
void               ft_dataset_move               (FtDataset           *self,
                                                  guint                from,
                                                  guint                to);
void               ft_dataset_replace            (FtDataset           *self,
                                                  guint                position,
                                                  FtExample           *example);
void               ft_dataset_splice             (FtDataset           *self,
                                                  guint                position,
                                                  guint                n_removals,
                                                  FtExample * const   *additions,
                                                  guint                n_additions);
void               ft_dataset_remove_all         (FtDataset           *self);

FtDatasetSnapshot *ft_dataset_snapshot           (FtDataset           *self)
                                                  G_GNUC_WARN_UNUSED_RESULT;

gboolean           ft_dataset_load               (FtDataset           *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void               ft_dataset_load_async         (FtDataset           *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean           ft_dataset_load_finish        (FtDataset           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean           ft_dataset_import             (FtDataset           *self,
                                                  GFile               *file,
                                                  FtImportOptions     *options,
                                                  char              ***warnings,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void               ft_dataset_import_async       (FtDataset           *self,
                                                  GFile               *file,
                                                  FtImportOptions     *options,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean           ft_dataset_import_finish      (FtDataset           *self,
                                                  GAsyncResult        *result,
                                                  char              ***warnings,
                                                  GError             **error);
gboolean           ft_dataset_save               (FtDataset           *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void               ft_dataset_save_async         (FtDataset           *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean           ft_dataset_save_finish        (FtDataset           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
