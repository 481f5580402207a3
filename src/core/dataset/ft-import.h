/* ft-import.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-csv-import.h"

G_BEGIN_DECLS

/**
 * FtImportFormat:
 * @FT_IMPORT_FORMAT_AUTO: decide by the file name (.csv, .tsv, .jsonl)
 *   or, failing that, by the first character of the content
 * @FT_IMPORT_FORMAT_JSONL: JSON Lines; legacy prompt/completion lines
 *   become chat, other lines are kept as they are
 * @FT_IMPORT_FORMAT_CSV: comma-, semicolon- or tab-separated values with
 *   a header row
 */
typedef enum
{
  FT_IMPORT_FORMAT_AUTO,
  FT_IMPORT_FORMAT_JSONL,
  FT_IMPORT_FORMAT_CSV,
} FtImportFormat;

#define FT_TYPE_IMPORT_FORMAT (ft_import_format_get_type ())
GType ft_import_format_get_type (void) G_GNUC_CONST;

/**
 * FtImportOptions:
 *
 * How to turn a CSV or legacy file into chat examples.
 */
typedef struct _FtImportOptions FtImportOptions;

#define FT_TYPE_IMPORT_OPTIONS (ft_import_options_get_type ())
GType            ft_import_options_get_type         (void) G_GNUC_CONST;
FtImportOptions *ft_import_options_new              (void) G_GNUC_WARN_UNUSED_RESULT;
FtImportOptions *ft_import_options_ref              (FtImportOptions *self);
void             ft_import_options_unref            (FtImportOptions *self);
void             ft_import_options_set_format       (FtImportOptions *self,
                                                     FtImportFormat   format);
void             ft_import_options_set_system_text  (FtImportOptions *self,
                                                     const char      *system_text);
void             ft_import_options_set_mapping      (FtImportOptions *self,
                                                     FtCsvMapping    *mapping);
void             ft_import_options_set_mapping_spec (FtImportOptions *self,
                                                     const char      *spec);
void             ft_import_options_set_delimiter    (FtImportOptions *self,
                                                     char             delimiter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtImportOptions, ft_import_options_unref)

/**
 * FtImportStats:
 * @n_examples: lines produced
 * @n_converted: CSV records and prompt/completion lines turned into chat
 * @n_unchanged: lines kept as they were (already chat, or another shape)
 * @n_broken: lines that are not valid JSON, kept as they were
 * @warnings: (element-type utf8): messages, each naming its line
 *
 * What an import did. Initialize with ft_import_stats_init(), release
 * with ft_import_stats_clear().
 */
typedef struct
{
  guint64    n_examples;
  guint64    n_converted;
  guint64    n_unchanged;
  guint64    n_broken;
  GPtrArray *warnings;
} FtImportStats;

void             ft_import_stats_init               (FtImportStats   *stats);
void             ft_import_stats_clear              (FtImportStats   *stats);

/**
 * FtImportFunc:
 * @line: one JSONL line (no line break), NUL-terminated
 * @length: its length
 * @source_line: the 1-based line of the input it came from
 * @user_data: the data given to ft_import_stream()
 * @error: return location for a #GError
 *
 * Returns: %FALSE with @error set to stop the import
 */
typedef gboolean (*FtImportFunc) (const char  *line,
                                  gsize        length,
                                  guint64      source_line,
                                  gpointer     user_data,
                                  GError     **error);

gboolean         ft_import_stream                   (GInputStream    *stream,
                                                     const char      *name,
                                                     FtImportOptions *options,
                                                     FtImportFunc     func,
                                                     gpointer         user_data,
                                                     FtImportStats   *stats,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
gboolean         ft_import_file                     (GFile           *input,
                                                     GFile           *output,
                                                     FtImportOptions *options,
                                                     FtImportStats   *stats,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
char            *ft_import_convert_prompt_completion (const char     *line,
                                                      gsize           length,
                                                      const char     *system_text)
                                                      G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
