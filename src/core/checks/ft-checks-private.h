/* ft-checks-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-example-report.h"
#include "ft-issue.h"
#include "ft-validation-summary.h"

G_BEGIN_DECLS

/* Up to this many grader keys per RFT file are checked for consistency. */
#define FT_MAX_GRADER_KEYS 64

/* The full report. It is small: findings are only allocated when there are
 * some, and the GUI keeps one per example.
 */
struct _FtExampleReport
{
  gatomicrefcount    ref_count;

  guint64            line;
  gint64             index;
  guint64            exact_hash;
  guint64            near_hash;
  gint64             total_tokens;
  gint64             assistant_tokens;
  GPtrArray         *issues;               /* of FtIssue, or NULL */
  char             **grader_keys;          /* RFT top-level keys, or NULL */
  const char        *special_token;        /* first special-token text seen */

  guint              n_messages;
  guint              n_images;
  guint              n_skipped_values;     /* notebook: values not counted */
  guint32            notebook_counts[FT_NOTEBOOK_N_COUNTERS];
  guint8             notebook_order[FT_NOTEBOOK_N_COUNTERS];
  guint8             n_notebook_order;
  guint8             n_grader_keys;

  FtLineKind         kind : 4;
  FtNotebookFailure  notebook_failure : 4;
  guint              counted : 1;
  guint              has_system : 1;
  guint              has_user : 1;
  guint              legacy_functions : 1;
};

FtExampleReport *_ft_example_report_new          (guint64           line,
                                                  gint64            index);
void             _ft_example_report_add_issue    (FtExampleReport  *self,
                                                  FtIssue          *issue);
void             _ft_example_report_count        (FtExampleReport  *self,
                                                  FtNotebookCounter counter);

void             _ft_summary_builder_set_max_hashed (FtSummaryBuilder *builder,
                                                    gsize             max_hashed);

void             _ft_issue_set_column            (FtIssue          *self,
                                                  guint             column);
void             _ft_issue_set_other_line        (FtIssue          *self,
                                                  guint64           other_line);
void             _ft_issue_set_in_validation_file (FtIssue         *self,
                                                  gboolean          in_validation_file);

/* A streaming 64-bit hash for duplicate detection (not cryptographic). */
typedef struct
{
  guint64 state;
  guint64 length;
  guint64 pending;
  guint   n_pending;
} FtHasher;

void             _ft_hasher_init                 (FtHasher         *hasher,
                                                  guint64           seed);
void             _ft_hasher_update               (FtHasher         *hasher,
                                                  const void       *data,
                                                  gsize             length);
guint64          _ft_hasher_finish               (FtHasher         *hasher);

G_END_DECLS
