/* ft-csv-import.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-message.h"

G_BEGIN_DECLS

#define FT_TYPE_CSV_READER (ft_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (FtCsvReader, ft_csv_reader, FT, CSV_READER, GObject)

FtCsvReader   *ft_csv_reader_new               (GInputStream   *stream) G_GNUC_WARN_UNUSED_RESULT;
char           ft_csv_reader_get_delimiter     (FtCsvReader    *self);
void           ft_csv_reader_set_delimiter     (FtCsvReader    *self,
                                                char            delimiter);
char         **ft_csv_reader_next_record       (FtCsvReader    *self,
                                                guint64        *line,
                                                GCancellable   *cancellable,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * FtCsvMapping:
 *
 * Which CSV columns become which messages, in order: for example system
 * from column 0, user from column 2, assistant from column 3. Columns
 * are 0-based here; the mapping text uses names or 1-based numbers.
 */
typedef struct _FtCsvMapping FtCsvMapping;

#define FT_TYPE_CSV_MAPPING (ft_csv_mapping_get_type ())
GType          ft_csv_mapping_get_type         (void) G_GNUC_CONST;
FtCsvMapping  *ft_csv_mapping_new              (void) G_GNUC_WARN_UNUSED_RESULT;
FtCsvMapping  *ft_csv_mapping_new_from_header  (const char * const *header,
                                                GError            **error)
                                                G_GNUC_WARN_UNUSED_RESULT;
FtCsvMapping  *ft_csv_mapping_parse            (const char         *spec,
                                                const char * const *header,
                                                GError            **error)
                                                G_GNUC_WARN_UNUSED_RESULT;
FtCsvMapping  *ft_csv_mapping_ref              (FtCsvMapping       *self);
void           ft_csv_mapping_unref            (FtCsvMapping       *self);
void           ft_csv_mapping_add              (FtCsvMapping       *self,
                                                FtRole              role,
                                                guint               column);
guint          ft_csv_mapping_get_n_entries    (FtCsvMapping       *self);
void           ft_csv_mapping_get_entry        (FtCsvMapping       *self,
                                                guint               index,
                                                FtRole             *role,
                                                guint              *column);
char          *ft_csv_mapping_to_string        (FtCsvMapping       *self,
                                                const char * const *header)
                                                G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtCsvMapping, ft_csv_mapping_unref)

G_END_DECLS
