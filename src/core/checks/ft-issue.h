/* ft-issue.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FtIssueSeverity:
 * @FT_ISSUE_SEVERITY_ERROR: the service refuses the file, or the example
 *   cannot train what it should
 * @FT_ISSUE_SEVERITY_WARNING: the file is accepted, but probably not what
 *   the user wants (tokens cut off, duplicates, wasted turns)
 * @FT_ISSUE_SEVERITY_INFO: worth knowing, nothing to fix necessarily
 *
 * How bad a finding is. Errors make `exemplar-cli validate` exit with 1.
 */
typedef enum
{
  FT_ISSUE_SEVERITY_ERROR,
  FT_ISSUE_SEVERITY_WARNING,
  FT_ISSUE_SEVERITY_INFO,
} FtIssueSeverity;

#define FT_TYPE_ISSUE_SEVERITY (ft_issue_severity_get_type ())
GType ft_issue_severity_get_type (void);

/**
 * FtIssueCode:
 *
 * What a finding is about. Each code has a stable string (the `code` of
 * the CLI's JSON output, also printed in brackets after each finding),
 * a default severity and a short title; the table is in ft-issue.c and
 * documented in README.md. Codes are only ever added, never renamed.
 */
typedef enum
{
  /* Lines */
  FT_ISSUE_INVALID_JSON,
  FT_ISSUE_INVALID_UTF8,
  FT_ISSUE_CONTAINS_NUL,
  FT_ISSUE_BLANK_LINE,
  FT_ISSUE_NOT_AN_OBJECT,
  FT_ISSUE_UNKNOWN_EXAMPLE_KEY,
  FT_ISSUE_LONE_SURROGATE,

  /* Messages */
  FT_ISSUE_MISSING_MESSAGES,
  FT_ISSUE_MESSAGES_NOT_A_LIST,
  FT_ISSUE_EMPTY_MESSAGES,
  FT_ISSUE_MESSAGE_NOT_AN_OBJECT,
  FT_ISSUE_MISSING_ROLE,
  FT_ISSUE_UNKNOWN_ROLE,
  FT_ISSUE_UNKNOWN_MESSAGE_KEY,
  FT_ISSUE_MISSING_CONTENT,
  FT_ISSUE_EMPTY_CONTENT,
  FT_ISSUE_INVALID_CONTENT,
  FT_ISSUE_SURROUNDING_WHITESPACE,
  FT_ISSUE_MISSING_ASSISTANT_MESSAGE,
  FT_ISSUE_LAST_MESSAGE_NOT_ASSISTANT,
  FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES,

  /* Weights */
  FT_ISSUE_WEIGHT_NOT_BINARY,
  FT_ISSUE_WEIGHT_ON_NON_ASSISTANT,
  FT_ISSUE_ALL_WEIGHTS_ZERO,

  /* Tools and functions */
  FT_ISSUE_INVALID_TOOLS,
  FT_ISSUE_FUNCTION_SCHEMA_MISMATCH,
  FT_ISSUE_INVALID_TOOL_CALLS,
  FT_ISSUE_TOOL_CALL_MISSING_FIELD,
  FT_ISSUE_MALFORMED_ARGUMENTS,
  FT_ISSUE_UNKNOWN_FUNCTION,
  FT_ISSUE_TOOL_CALLS_WITHOUT_TOOLS,
  FT_ISSUE_TOOL_CALL_UNANSWERED,
  FT_ISSUE_TOOL_REPLY_WITHOUT_CALL,
  FT_ISSUE_MIXED_FUNCTION_FORMATS,
  FT_ISSUE_LEGACY_FUNCTIONS,

  /* Content parts and images */
  FT_ISSUE_INVALID_CONTENT_PART,
  FT_ISSUE_UNSUPPORTED_CONTENT_PART,
  FT_ISSUE_IMAGE_IN_ASSISTANT_MESSAGE,
  FT_ISSUE_IMAGE_OUTSIDE_USER_MESSAGE,
  FT_ISSUE_TOO_MANY_IMAGES,
  FT_ISSUE_UNSUPPORTED_IMAGE_TYPE,
  FT_ISSUE_IMAGE_TOO_LARGE,
  FT_ISSUE_INVALID_IMAGE_URL,
  FT_ISSUE_MODEL_WITHOUT_VISION,

  /* Tokens */
  FT_ISSUE_TOO_MANY_TOKENS,
  FT_ISSUE_SPECIAL_TOKEN_TEXT,

  /* Preference (DPO) and reinforcement (RFT) data, other formats */
  FT_ISSUE_DPO_MISSING_INPUT,
  FT_ISSUE_DPO_INVALID_OUTPUT,
  FT_ISSUE_DPO_IDENTICAL_OUTPUTS,
  FT_ISSUE_DPO_IMAGE,
  FT_ISSUE_REINFORCEMENT_DATA,
  FT_ISSUE_RFT_LAST_MESSAGE_NOT_USER,
  FT_ISSUE_RFT_MISSING_KEY,
  FT_ISSUE_PROMPT_COMPLETION_FORMAT,
  FT_ISSUE_MIXED_FORMATS,

  /* The whole file */
  FT_ISSUE_NO_EXAMPLES,
  FT_ISSUE_TOO_FEW_EXAMPLES,
  FT_ISSUE_DUPLICATE_EXAMPLE,
  FT_ISSUE_NEAR_DUPLICATE_EXAMPLE,
  FT_ISSUE_TRAIN_VALIDATION_OVERLAP,
  FT_ISSUE_DUPLICATE_CHECK_LIMITED,

  FT_ISSUE_N_CODES
} FtIssueCode;

const char      *ft_issue_code_to_string             (FtIssueCode      code);
gboolean         ft_issue_code_from_string           (const char      *string,
                                                      FtIssueCode     *code);
FtIssueSeverity  ft_issue_code_get_severity          (FtIssueCode      code);
const char      *ft_issue_code_get_title             (FtIssueCode      code);
const char      *ft_issue_severity_to_string         (FtIssueSeverity  severity);

#define FT_TYPE_ISSUE (ft_issue_get_type ())

G_DECLARE_FINAL_TYPE (FtIssue, ft_issue, FT, ISSUE, GObject)

FtIssue         *ft_issue_new                        (FtIssueCode      code,
                                                      guint64          line,
                                                      gint64           example_index,
                                                      int              message_index,
                                                      const char      *message)
                                                      G_GNUC_WARN_UNUSED_RESULT;
FtIssueCode      ft_issue_get_code_id                (FtIssue         *self);
const char      *ft_issue_get_code                   (FtIssue         *self);
FtIssueSeverity  ft_issue_get_severity               (FtIssue         *self);
const char      *ft_issue_get_message                (FtIssue         *self);
guint64          ft_issue_get_line                   (FtIssue         *self);
guint            ft_issue_get_column                 (FtIssue         *self);
gint64           ft_issue_get_example_index          (FtIssue         *self);
int              ft_issue_get_message_index          (FtIssue         *self);
guint64          ft_issue_get_other_line             (FtIssue         *self);
gboolean         ft_issue_get_in_validation_file     (FtIssue         *self);

G_END_DECLS
