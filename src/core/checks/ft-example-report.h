/* ft-example-report.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ft-issue.h"

G_BEGIN_DECLS

/**
 * FtExampleKind:
 * @FT_EXAMPLE_KIND_BLANK: an empty line; not an example
 * @FT_EXAMPLE_KIND_BROKEN: a line that is not valid JSON (or not UTF-8)
 * @FT_EXAMPLE_KIND_OTHER: valid JSON, but not a recognisable example
 * @FT_EXAMPLE_KIND_CHAT: `{"messages": [...]}` with an assistant turn, or
 *   any `messages` line that is not prompt-only (supervised fine-tuning)
 * @FT_EXAMPLE_KIND_PROMPT_ONLY: `messages` without an assistant turn that
 *   end with the user: the shape of reinforcement fine-tuning data
 * @FT_EXAMPLE_KIND_PREFERENCE: `input` / `preferred_output` /
 *   `non_preferred_output` (DPO)
 * @FT_EXAMPLE_KIND_PROMPT_COMPLETION: the legacy `prompt` / `completion`
 *
 * What a line looks like, whatever the file is checked as.
 */
typedef enum
{
  FT_EXAMPLE_KIND_BLANK,
  FT_EXAMPLE_KIND_BROKEN,
  FT_EXAMPLE_KIND_OTHER,
  FT_EXAMPLE_KIND_CHAT,
  FT_EXAMPLE_KIND_PROMPT_ONLY,
  FT_EXAMPLE_KIND_PREFERENCE,
  FT_EXAMPLE_KIND_PROMPT_COMPLETION,
} FtExampleKind;

#define FT_EXAMPLE_N_KINDS (FT_EXAMPLE_KIND_PROMPT_COMPLETION + 1)

/**
 * FtDatasetMethod:
 * @FT_DATASET_METHOD_AUTO: decide from the data (see
 *   ft_dataset_method_detect())
 * @FT_DATASET_METHOD_SUPERVISED: chat examples for supervised fine-tuning
 * @FT_DATASET_METHOD_PREFERENCE: preference pairs (DPO)
 * @FT_DATASET_METHOD_REINFORCEMENT: prompts for reinforcement fine-tuning
 * @FT_DATASET_METHOD_PROMPT_COMPLETION: the legacy prompt/completion
 *   format, which no current model accepts
 *
 * What a file is checked as.
 */
typedef enum
{
  FT_DATASET_METHOD_AUTO,
  FT_DATASET_METHOD_SUPERVISED,
  FT_DATASET_METHOD_PREFERENCE,
  FT_DATASET_METHOD_REINFORCEMENT,
  FT_DATASET_METHOD_PROMPT_COMPLETION,
} FtDatasetMethod;

#define FT_TYPE_DATASET_METHOD (ft_dataset_method_get_type ())
GType ft_dataset_method_get_type (void);

const char      *ft_dataset_method_to_string   (FtDatasetMethod  method);
gboolean         ft_dataset_method_from_string (const char      *string,
                                                FtDatasetMethod *method);
FtDatasetMethod  ft_dataset_method_for_kind    (FtExampleKind    kind);

/**
 * FtNotebookCounter:
 * @FT_NOTEBOOK_DATA_TYPE: `data_type`
 * @FT_NOTEBOOK_MISSING_MESSAGES_LIST: `missing_messages_list`
 * @FT_NOTEBOOK_MESSAGE_MISSING_KEY: `message_missing_key`
 * @FT_NOTEBOOK_MESSAGE_UNRECOGNIZED_KEY: `message_unrecognized_key`
 * @FT_NOTEBOOK_UNRECOGNIZED_ROLE: `unrecognized_role`
 * @FT_NOTEBOOK_MISSING_CONTENT: `missing_content`
 * @FT_NOTEBOOK_EXAMPLE_MISSING_ASSISTANT_MESSAGE:
 *   `example_missing_assistant_message`
 * @FT_NOTEBOOK_N_COUNTERS: the number of counters
 *
 * The seven error counters of the cookbook notebook, with its names and
 * semantics (dataset-checks.md §2).
 */
typedef enum
{
  FT_NOTEBOOK_DATA_TYPE,
  FT_NOTEBOOK_MISSING_MESSAGES_LIST,
  FT_NOTEBOOK_MESSAGE_MISSING_KEY,
  FT_NOTEBOOK_MESSAGE_UNRECOGNIZED_KEY,
  FT_NOTEBOOK_UNRECOGNIZED_ROLE,
  FT_NOTEBOOK_MISSING_CONTENT,
  FT_NOTEBOOK_EXAMPLE_MISSING_ASSISTANT_MESSAGE,
  FT_NOTEBOOK_N_COUNTERS
} FtNotebookCounter;

const char *ft_notebook_counter_to_string (FtNotebookCounter counter);

/**
 * FtNotebookFailure:
 * @FT_NOTEBOOK_FAILURE_NONE: the notebook gets through this example
 * @FT_NOTEBOOK_FAILURE_LOAD: the line is not valid JSON (or is empty), so
 *   the notebook's loading cell raises
 * @FT_NOTEBOOK_FAILURE_NOT_AN_OBJECT: `ex["messages"]` on a non-object
 * @FT_NOTEBOOK_FAILURE_NO_MESSAGES: `ex["messages"]` on an object without
 *   that key
 * @FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE: `messages` is null, a
 *   boolean or a number
 * @FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT: a message is not an object
 * @FT_NOTEBOOK_FAILURE_MISSING_ROLE: a message has no `role`
 * @FT_NOTEBOOK_FAILURE_ASSISTANT_WITHOUT_CONTENT: an assistant message has
 *   no `content`
 *
 * Why the notebook would raise on an example instead of printing the
 * statistics.
 */
typedef enum
{
  FT_NOTEBOOK_FAILURE_NONE,
  FT_NOTEBOOK_FAILURE_LOAD,
  FT_NOTEBOOK_FAILURE_NOT_AN_OBJECT,
  FT_NOTEBOOK_FAILURE_NO_MESSAGES,
  FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE,
  FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT,
  FT_NOTEBOOK_FAILURE_MISSING_ROLE,
  FT_NOTEBOOK_FAILURE_ASSISTANT_WITHOUT_CONTENT,
} FtNotebookFailure;

typedef struct _FtExampleReport FtExampleReport;

#define FT_TYPE_EXAMPLE_REPORT (ft_example_report_get_type ())

GType              ft_example_report_get_type             (void) G_GNUC_CONST;
FtExampleReport   *ft_example_report_ref                  (FtExampleReport   *self);
void               ft_example_report_unref                (FtExampleReport   *self);

guint64            ft_example_report_get_line             (FtExampleReport   *self);
gint64             ft_example_report_get_index            (FtExampleReport   *self);
FtExampleKind      ft_example_report_get_kind             (FtExampleReport   *self);
guint              ft_example_report_get_n_messages       (FtExampleReport   *self);
gboolean           ft_example_report_get_counted          (FtExampleReport   *self);
gint64             ft_example_report_get_total_tokens     (FtExampleReport   *self);
gint64             ft_example_report_get_assistant_tokens (FtExampleReport   *self);
guint              ft_example_report_get_n_issues         (FtExampleReport   *self);
FtIssue           *ft_example_report_get_issue            (FtExampleReport   *self,
                                                           guint              position);
guint              ft_example_report_count_issues         (FtExampleReport   *self,
                                                           FtIssueSeverity    severity);
guint              ft_example_report_get_notebook_count   (FtExampleReport   *self,
                                                           FtNotebookCounter  counter);
FtNotebookFailure  ft_example_report_get_notebook_failure (FtExampleReport   *self);
guint64            ft_example_report_get_exact_hash       (FtExampleReport   *self);
guint64            ft_example_report_get_near_hash        (FtExampleReport   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtExampleReport, ft_example_report_unref)

G_END_DECLS
