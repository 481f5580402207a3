/* ft-dataset-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-dataset.h"
#include "ft-example.h"
#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"
#include "ft-message.h"

G_BEGIN_DECLS

/* Bits an example contributes to its dataset's kind detection. */
typedef enum
{
  FT_EXAMPLE_BIT_CHAT           = 1 << 0,
  FT_EXAMPLE_BIT_PREFERENCE     = 1 << 1,
  FT_EXAMPLE_BIT_PROMPT         = 1 << 2,
  FT_EXAMPLE_BIT_HAS_ASSISTANT  = 1 << 3,
} FtExampleBits;

/* FtMessage */
FtMessage  *_ft_message_new_from_span      (const FtJsonSpan  *span) G_GNUC_WARN_UNUSED_RESULT;
FtExample  *_ft_message_get_example        (FtMessage         *self);
void        _ft_message_set_example        (FtMessage         *self,
                                            FtExample         *example);
void        _ft_message_append_json        (FtMessage         *self,
                                            GString           *out);
char       *_ft_message_dup_member_text    (FtMessage         *self,
                                            const char        *name) G_GNUC_WARN_UNUSED_RESULT;
void        _ft_message_set_member_text    (FtMessage         *self,
                                            const char        *name,
                                            const char        *json);

/* FtExample; _ft_example_new_from_line() may run in a worker thread. */
FtExample  *_ft_example_new_from_line      (const FtJsonlLine *line) G_GNUC_WARN_UNUSED_RESULT;
void        _ft_example_message_changed    (FtExample         *self);
void        _ft_example_set_bytes          (FtExample         *self,
                                            GBytes            *bytes);
FtDataset  *_ft_example_get_dataset        (FtExample         *self);
void        _ft_example_set_dataset        (FtExample         *self,
                                            FtDataset         *dataset);
guint       _ft_example_get_bits           (FtExample         *self);
guint       _ft_example_get_counted_bits   (FtExample         *self);
void        _ft_example_set_counted_bits   (FtExample         *self,
                                            guint              bits);
void        _ft_example_set_source_line    (FtExample         *self,
                                            guint64            line);
/* For FtDatasetChecker, on the main thread. */
gpointer    _ft_example_get_check_report   (FtExample         *self,
                                            guint             *owner,
                                            guint             *generation);
void        _ft_example_set_check_report   (FtExample         *self,
                                            gpointer           report,
                                            GDestroyNotify     report_free,
                                            guint              owner,
                                            guint              generation);

/* FtDataset */
void        _ft_dataset_example_changed    (FtDataset         *self,
                                            FtExample         *example);

G_END_DECLS
