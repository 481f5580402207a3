/* ft-csv-mapping-dialog.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ft-import.h"

G_BEGIN_DECLS

#define FT_TYPE_CSV_MAPPING_DIALOG (ft_csv_mapping_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FtCsvMappingDialog, ft_csv_mapping_dialog, FT, CSV_MAPPING_DIALOG, AdwWindow)

GtkWidget *ft_csv_mapping_dialog_new         (GFile              *file,
                                              const char * const *header,
                                              const char * const *first_record)
                                              G_GNUC_WARN_UNUSED_RESULT;
GFile     *ft_csv_mapping_dialog_get_file    (FtCsvMappingDialog *self);
void       ft_csv_mapping_dialog_set_columns (FtCsvMappingDialog *self,
                                              int                 system,
                                              int                 user,
                                              int                 assistant);
void       ft_csv_mapping_dialog_accept      (FtCsvMappingDialog *self);

G_END_DECLS
