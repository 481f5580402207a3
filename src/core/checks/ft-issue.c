/* ft-issue.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-issue"

#include "config.h"

#include "ft-issue.h"
#include "ft-checks-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _FtIssue
{
  GObject          parent_instance;

  char            *message;
  guint64          line;
  guint64          other_line;
  gint64           example_index;
  int              message_index;
  guint            column;
  FtIssueCode      code : 8;
  FtIssueSeverity  severity : 4;
  guint            in_validation_file : 1;
};

G_DEFINE_FINAL_TYPE (FtIssue, ft_issue, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FtIssueSeverity, ft_issue_severity,
                    G_DEFINE_ENUM_VALUE (FT_ISSUE_SEVERITY_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (FT_ISSUE_SEVERITY_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (FT_ISSUE_SEVERITY_INFO, "info"))

enum {
  PROP_0,
  PROP_CODE,
  PROP_SEVERITY,
  PROP_MESSAGE,
  PROP_LINE,
  PROP_COLUMN,
  PROP_EXAMPLE_INDEX,
  PROP_MESSAGE_INDEX,
  PROP_OTHER_LINE,
  PROP_IN_VALIDATION_FILE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  FtIssueCode      code;
  const char      *string;
  FtIssueSeverity  severity;
  const char      *title;
} CodeInfo;

#define E FT_ISSUE_SEVERITY_ERROR
#define W FT_ISSUE_SEVERITY_WARNING
#define I FT_ISSUE_SEVERITY_INFO

/* The stable codes. Keep in the order of FtIssueCode, and document every
 * new one in README.md ("Command line").
 */
static const CodeInfo codes[] = {
  { FT_ISSUE_INVALID_JSON, "invalid-json", E, N_("Not valid JSON") },
  { FT_ISSUE_INVALID_UTF8, "invalid-utf8", E, N_("Not valid UTF-8 text") },
  { FT_ISSUE_CONTAINS_NUL, "contains-nul", E, N_("Contains a NUL byte") },
  { FT_ISSUE_BLANK_LINE, "blank-line", W, N_("Empty line") },
  { FT_ISSUE_NOT_AN_OBJECT, "not-an-object", E, N_("Example is not a JSON object") },
  { FT_ISSUE_UNKNOWN_EXAMPLE_KEY, "unknown-example-key", W, N_("Unknown key in example") },
  { FT_ISSUE_LONE_SURROGATE, "lone-surrogate", W, N_("Half of a character") },

  { FT_ISSUE_MISSING_MESSAGES, "missing-messages", E, N_("No messages") },
  { FT_ISSUE_MESSAGES_NOT_A_LIST, "messages-not-a-list", E, N_("Messages are not a list") },
  { FT_ISSUE_EMPTY_MESSAGES, "empty-messages", E, N_("Empty list of messages") },
  { FT_ISSUE_MESSAGE_NOT_AN_OBJECT, "message-not-an-object", E,
    N_("Message is not a JSON object") },
  { FT_ISSUE_MISSING_ROLE, "missing-role", E, N_("Message without role") },
  { FT_ISSUE_UNKNOWN_ROLE, "unknown-role", E, N_("Unknown role") },
  { FT_ISSUE_UNKNOWN_MESSAGE_KEY, "unknown-message-key", W, N_("Unknown key in message") },
  { FT_ISSUE_MISSING_CONTENT, "missing-content", E, N_("Message without content") },
  { FT_ISSUE_EMPTY_CONTENT, "empty-content", E, N_("Empty message") },
  { FT_ISSUE_INVALID_CONTENT, "invalid-content", E, N_("Content is neither text nor parts") },
  { FT_ISSUE_SURROUNDING_WHITESPACE, "surrounding-whitespace", I, N_("Spaces around the text") },
  { FT_ISSUE_MISSING_ASSISTANT_MESSAGE, "missing-assistant-message", E, N_("No assistant reply") },
  { FT_ISSUE_LAST_MESSAGE_NOT_ASSISTANT, "last-message-not-assistant", W,
    N_("Does not end with the assistant") },
  { FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES, "consecutive-assistant-messages", W,
    N_("Two assistant messages in a row") },

  { FT_ISSUE_WEIGHT_NOT_BINARY, "weight-not-binary", E, N_("Weight is not 0 or 1") },
  { FT_ISSUE_WEIGHT_ON_NON_ASSISTANT, "weight-on-non-assistant", E,
    N_("Weight on a non-assistant message") },
  { FT_ISSUE_ALL_WEIGHTS_ZERO, "all-weights-zero", W, N_("Nothing to train on") },

  { FT_ISSUE_INVALID_TOOLS, "invalid-tools", E, N_("Invalid tool definitions") },
  { FT_ISSUE_FUNCTION_SCHEMA_MISMATCH, "function-schema-mismatch", W,
    N_("Required parameter not defined") },
  { FT_ISSUE_INVALID_TOOL_CALLS, "invalid-tool-calls", E, N_("Invalid tool calls") },
  { FT_ISSUE_TOOL_CALL_MISSING_FIELD, "tool-call-missing-field", E, N_("Tool call is incomplete") },
  { FT_ISSUE_MALFORMED_ARGUMENTS, "malformed-arguments", E,
    N_("Function arguments are not valid JSON") },
  { FT_ISSUE_UNKNOWN_FUNCTION, "unknown-function", W, N_("Call to an undefined function") },
  { FT_ISSUE_TOOL_CALLS_WITHOUT_TOOLS, "tool-calls-without-tools", W,
    N_("Tool call without tool definitions") },
  { FT_ISSUE_TOOL_CALL_UNANSWERED, "tool-call-unanswered", E, N_("Tool call without a reply") },
  { FT_ISSUE_TOOL_REPLY_WITHOUT_CALL, "tool-reply-without-call", E,
    N_("Tool reply without a call") },
  { FT_ISSUE_MIXED_FUNCTION_FORMATS, "mixed-function-formats", W, N_("Functions and tools mixed") },
  { FT_ISSUE_LEGACY_FUNCTIONS, "legacy-functions", I, N_("Deprecated function-calling format") },

  { FT_ISSUE_INVALID_CONTENT_PART, "invalid-content-part", E, N_("Invalid content part") },
  { FT_ISSUE_UNSUPPORTED_CONTENT_PART, "unsupported-content-part", E,
    N_("Unsupported content part") },
  { FT_ISSUE_IMAGE_IN_ASSISTANT_MESSAGE, "image-in-assistant-message", E,
    N_("Image in an assistant message") },
  { FT_ISSUE_IMAGE_OUTSIDE_USER_MESSAGE, "image-outside-user-message", E,
    N_("Image outside a user message") },
  { FT_ISSUE_TOO_MANY_IMAGES, "too-many-images", E, N_("More than 10 images") },
  { FT_ISSUE_UNSUPPORTED_IMAGE_TYPE, "unsupported-image-type", E, N_("Unsupported image type") },
  { FT_ISSUE_IMAGE_TOO_LARGE, "image-too-large", E, N_("Image larger than 10 MB") },
  { FT_ISSUE_INVALID_IMAGE_URL, "invalid-image-url", E, N_("Invalid image address") },
  { FT_ISSUE_MODEL_WITHOUT_VISION, "model-without-vision", W, N_("Model cannot train on images") },

  { FT_ISSUE_TOO_MANY_TOKENS, "too-many-tokens", W, N_("Too long for the model") },
  { FT_ISSUE_SPECIAL_TOKEN_TEXT, "special-token-text", W, N_("Contains special-token text") },

  { FT_ISSUE_DPO_MISSING_INPUT, "dpo-missing-input", E, N_("Preference example without input") },
  { FT_ISSUE_DPO_INVALID_OUTPUT, "dpo-invalid-output", E,
    N_("Invalid preferred or rejected output") },
  { FT_ISSUE_DPO_IDENTICAL_OUTPUTS, "dpo-identical-outputs", E,
    N_("Preferred and rejected outputs are the same") },
  { FT_ISSUE_DPO_IMAGE, "dpo-image", E, N_("Image in preference data") },
  { FT_ISSUE_REINFORCEMENT_DATA, "reinforcement-data", I, N_("Reinforcement fine-tuning data") },
  { FT_ISSUE_RFT_LAST_MESSAGE_NOT_USER, "rft-last-message-not-user", E,
    N_("Does not end with the user") },
  { FT_ISSUE_RFT_MISSING_KEY, "rft-missing-key", W, N_("Grader key missing") },
  { FT_ISSUE_PROMPT_COMPLETION_FORMAT, "prompt-completion-format", E,
    N_("Legacy prompt/completion format") },
  { FT_ISSUE_MIXED_FORMATS, "mixed-formats", E, N_("Example in another format") },

  { FT_ISSUE_NO_EXAMPLES, "no-examples", E, N_("No examples") },
  { FT_ISSUE_TOO_FEW_EXAMPLES, "too-few-examples", E, N_("Fewer than 10 examples") },
  { FT_ISSUE_DUPLICATE_EXAMPLE, "duplicate-example", W, N_("Duplicate example") },
  { FT_ISSUE_NEAR_DUPLICATE_EXAMPLE, "near-duplicate-example", W, N_("Nearly identical example") },
  { FT_ISSUE_TRAIN_VALIDATION_OVERLAP, "train-validation-overlap", W,
    N_("Also in the training file") },
  { FT_ISSUE_DUPLICATE_CHECK_LIMITED, "duplicate-check-limited", I,
    N_("Duplicates looked for in part of the file") },
};

#undef E
#undef W
#undef I

G_STATIC_ASSERT (G_N_ELEMENTS (codes) == FT_ISSUE_N_CODES);

/**
 * ft_issue_code_to_string:
 * @code: a #FtIssueCode
 *
 * Returns: the stable code string ("missing-assistant-message")
 */
const char *
ft_issue_code_to_string (FtIssueCode code)
{
  g_return_val_if_fail (code < FT_ISSUE_N_CODES, NULL);

  return codes[code].string;
}

/**
 * ft_issue_code_from_string:
 * @string: a code string
 * @code: (out): the code
 *
 * Returns: %TRUE if @string is a known code
 */
gboolean
ft_issue_code_from_string (const char  *string,
                           FtIssueCode *code)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (strcmp (codes[i].string, string) == 0)
        {
          if (code != NULL)
            *code = codes[i].code;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ft_issue_code_get_severity:
 * @code: a #FtIssueCode
 *
 * Returns: the severity findings with @code have
 */
FtIssueSeverity
ft_issue_code_get_severity (FtIssueCode code)
{
  g_return_val_if_fail (code < FT_ISSUE_N_CODES, FT_ISSUE_SEVERITY_ERROR);

  return codes[code].severity;
}

/**
 * ft_issue_code_get_title:
 * @code: a #FtIssueCode
 *
 * Returns: a short translated title for @code, for filters and headings
 */
const char *
ft_issue_code_get_title (FtIssueCode code)
{
  g_return_val_if_fail (code < FT_ISSUE_N_CODES, NULL);

  return g_dgettext (GETTEXT_PACKAGE, codes[code].title);
}

/**
 * ft_issue_severity_to_string:
 * @severity: a #FtIssueSeverity
 *
 * Returns: "error", "warning" or "info" (not translated: for machine
 *   output)
 */
const char *
ft_issue_severity_to_string (FtIssueSeverity severity)
{
  switch (severity)
    {
    case FT_ISSUE_SEVERITY_ERROR:
      return "error";
    case FT_ISSUE_SEVERITY_WARNING:
      return "warning";
    case FT_ISSUE_SEVERITY_INFO:
      return "info";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
ft_issue_finalize (GObject *object)
{
  FtIssue *self = (FtIssue *)object;

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ft_issue_parent_class)->finalize (object);
}

static void
ft_issue_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FtIssue *self = FT_ISSUE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, ft_issue_get_code (self));
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_LINE:
      g_value_set_uint64 (value, self->line);
      break;

    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;

    case PROP_EXAMPLE_INDEX:
      g_value_set_int64 (value, self->example_index);
      break;

    case PROP_MESSAGE_INDEX:
      g_value_set_int (value, self->message_index);
      break;

    case PROP_OTHER_LINE:
      g_value_set_uint64 (value, self->other_line);
      break;

    case PROP_IN_VALIDATION_FILE:
      g_value_set_boolean (value, self->in_validation_file);
      break;

    case PROP_TITLE:
      g_value_set_string (value, ft_issue_code_get_title (self->code));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_issue_class_init (FtIssueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_issue_finalize;
  object_class->get_property = ft_issue_get_property;

  /**
   * FtIssue:code:
   *
   * The stable code string, for example "missing-assistant-message".
   */
  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       FT_TYPE_ISSUE_SEVERITY,
                       FT_ISSUE_SEVERITY_ERROR,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:message:
   *
   * What is wrong and what to do, in words a non-programmer understands.
   */
  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:line:
   *
   * The 1-based line in the file, or 0 for findings about the whole file.
   */
  properties [PROP_LINE] =
    g_param_spec_uint64 ("line", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:column:
   *
   * The 1-based column (in bytes) for syntax errors, otherwise 0.
   */
  properties [PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:example-index:
   *
   * The 0-based position of the example among the file's examples (blank
   * lines are not examples), or -1.
   */
  properties [PROP_EXAMPLE_INDEX] =
    g_param_spec_int64 ("example-index", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:message-index:
   *
   * The 0-based position of the message in the example, or -1.
   */
  properties [PROP_MESSAGE_INDEX] =
    g_param_spec_int ("message-index", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:other-line:
   *
   * For duplicates, the line of the earlier copy; for train/validation
   * overlap, the line in the training file. Otherwise 0.
   */
  properties [PROP_OTHER_LINE] =
    g_param_spec_uint64 ("other-line", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:in-validation-file:
   *
   * Whether #FtIssue:line is a line of the validation file.
   */
  properties [PROP_IN_VALIDATION_FILE] =
    g_param_spec_boolean ("in-validation-file", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * FtIssue:title:
   *
   * The translated title of the code, for filters and headings.
   */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_issue_init (FtIssue *self)
{
  self->example_index = -1;
  self->message_index = -1;
}

/**
 * ft_issue_new:
 * @code: what the finding is about
 * @line: the 1-based line, or 0 for the whole file
 * @example_index: the 0-based example, or -1
 * @message_index: the 0-based message, or -1
 * @message: the translated explanation
 *
 * Creates a finding with the default severity of @code. Findings are
 * immutable once published, so they can be created in worker threads and
 * handed to the UI.
 *
 * Returns: (transfer full): a new #FtIssue
 */
FtIssue *
ft_issue_new (FtIssueCode  code,
              guint64      line,
              gint64       example_index,
              int          message_index,
              const char  *message)
{
  FtIssue *self;

  g_return_val_if_fail (code < FT_ISSUE_N_CODES, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (FT_TYPE_ISSUE, NULL);
  self->code = code;
  self->severity = codes[code].severity;
  self->line = line;
  self->example_index = example_index;
  self->message_index = message_index;
  self->message = g_strdup (message);

  return self;
}

void
_ft_issue_set_column (FtIssue *self,
                      guint    column)
{
  g_assert (FT_IS_ISSUE (self));

  self->column = column;
}

void
_ft_issue_set_other_line (FtIssue *self,
                          guint64  other_line)
{
  g_assert (FT_IS_ISSUE (self));

  self->other_line = other_line;
}

void
_ft_issue_set_in_validation_file (FtIssue  *self,
                                  gboolean  in_validation_file)
{
  g_assert (FT_IS_ISSUE (self));

  self->in_validation_file = !!in_validation_file;
}

/**
 * ft_issue_get_code_id:
 * @self: a #FtIssue
 *
 * Returns: the code
 */
FtIssueCode
ft_issue_get_code_id (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), FT_ISSUE_INVALID_JSON);

  return self->code;
}

/**
 * ft_issue_get_code:
 * @self: a #FtIssue
 *
 * Returns: the stable code string
 */
const char *
ft_issue_get_code (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), NULL);

  return codes[self->code].string;
}

/**
 * ft_issue_get_severity:
 * @self: a #FtIssue
 *
 * Returns: the severity
 */
FtIssueSeverity
ft_issue_get_severity (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), FT_ISSUE_SEVERITY_ERROR);

  return self->severity;
}

/**
 * ft_issue_get_message:
 * @self: a #FtIssue
 *
 * Returns: the translated explanation
 */
const char *
ft_issue_get_message (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), NULL);

  return self->message;
}

/**
 * ft_issue_get_line:
 * @self: a #FtIssue
 *
 * Returns: the 1-based line, or 0 for the whole file
 */
guint64
ft_issue_get_line (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), 0);

  return self->line;
}

/**
 * ft_issue_get_column:
 * @self: a #FtIssue
 *
 * Returns: the 1-based byte column of a syntax error, or 0
 */
guint
ft_issue_get_column (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), 0);

  return self->column;
}

/**
 * ft_issue_get_example_index:
 * @self: a #FtIssue
 *
 * Returns: the 0-based example, or -1
 */
gint64
ft_issue_get_example_index (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), -1);

  return self->example_index;
}

/**
 * ft_issue_get_message_index:
 * @self: a #FtIssue
 *
 * Returns: the 0-based message, or -1
 */
int
ft_issue_get_message_index (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), -1);

  return self->message_index;
}

/**
 * ft_issue_get_other_line:
 * @self: a #FtIssue
 *
 * Returns: the line of the earlier copy (duplicates) or of the training
 *   file (overlap), or 0
 */
guint64
ft_issue_get_other_line (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), 0);

  return self->other_line;
}

/**
 * ft_issue_get_in_validation_file:
 * @self: a #FtIssue
 *
 * Returns: whether the line is in the validation file
 */
gboolean
ft_issue_get_in_validation_file (FtIssue *self)
{
  g_return_val_if_fail (FT_IS_ISSUE (self), FALSE);

  return self->in_validation_file;
}
