/* ft-example-report.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-example-report"

#include "config.h"

#include "ft-example-report.h"
#include "ft-checks-private.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (FtExampleReport, ft_example_report,
                     ft_example_report_ref, ft_example_report_unref)

G_DEFINE_ENUM_TYPE (FtDatasetMethod, ft_dataset_method,
                    G_DEFINE_ENUM_VALUE (FT_DATASET_METHOD_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (FT_DATASET_METHOD_SUPERVISED, "supervised"),
                    G_DEFINE_ENUM_VALUE (FT_DATASET_METHOD_PREFERENCE, "preference"),
                    G_DEFINE_ENUM_VALUE (FT_DATASET_METHOD_REINFORCEMENT, "reinforcement"),
                    G_DEFINE_ENUM_VALUE (FT_DATASET_METHOD_PROMPT_COMPLETION, "prompt-completion"))

static const char *notebook_counter_names[] = {
  "data_type",
  "missing_messages_list",
  "message_missing_key",
  "message_unrecognized_key",
  "unrecognized_role",
  "missing_content",
  "example_missing_assistant_message",
};

G_STATIC_ASSERT (G_N_ELEMENTS (notebook_counter_names) == FT_NOTEBOOK_N_COUNTERS);

/**
 * ft_notebook_counter_to_string:
 * @counter: a #FtNotebookCounter
 *
 * Returns: the notebook's name for @counter ("missing_content")
 */
const char *
ft_notebook_counter_to_string (FtNotebookCounter counter)
{
  g_return_val_if_fail (counter < FT_NOTEBOOK_N_COUNTERS, NULL);

  return notebook_counter_names[counter];
}

/**
 * ft_dataset_method_to_string:
 * @method: a #FtDatasetMethod
 *
 * Returns: "auto", "supervised", "preference", "reinforcement" or
 *   "prompt-completion"
 */
const char *
ft_dataset_method_to_string (FtDatasetMethod method)
{
  GEnumClass *klass = g_type_class_ref (FT_TYPE_DATASET_METHOD);
  GEnumValue *value = g_enum_get_value (klass, method);

  g_type_class_unref (klass);
  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

/**
 * ft_dataset_method_from_string:
 * @string: a method name, as ft_dataset_method_to_string() gives; "sft",
 *   "dpo" and "rft" are accepted too
 * @method: (out): the method
 *
 * Returns: %TRUE if @string names a method
 */
gboolean
ft_dataset_method_from_string (const char      *string,
                               FtDatasetMethod *method)
{
  static const struct {
    const char      *name;
    FtDatasetMethod  method;
  } names[] = {
    { "auto", FT_DATASET_METHOD_AUTO },
    { "supervised", FT_DATASET_METHOD_SUPERVISED },
    { "sft", FT_DATASET_METHOD_SUPERVISED },
    { "preference", FT_DATASET_METHOD_PREFERENCE },
    { "dpo", FT_DATASET_METHOD_PREFERENCE },
    { "reinforcement", FT_DATASET_METHOD_REINFORCEMENT },
    { "rft", FT_DATASET_METHOD_REINFORCEMENT },
    { "prompt-completion", FT_DATASET_METHOD_PROMPT_COMPLETION },
  };

  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (string, names[i].name) == 0)
        {
          if (method != NULL)
            *method = names[i].method;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ft_dataset_method_for_kind:
 * @kind: what a line looks like
 *
 * Returns: the method a file made of such lines is for, or
 *   %FT_DATASET_METHOD_AUTO when the line says nothing about it
 */
FtDatasetMethod
ft_dataset_method_for_kind (FtExampleKind kind)
{
  switch (kind)
    {
    case FT_EXAMPLE_KIND_CHAT:
      return FT_DATASET_METHOD_SUPERVISED;
    case FT_EXAMPLE_KIND_PROMPT_ONLY:
      return FT_DATASET_METHOD_REINFORCEMENT;
    case FT_EXAMPLE_KIND_PREFERENCE:
      return FT_DATASET_METHOD_PREFERENCE;
    case FT_EXAMPLE_KIND_PROMPT_COMPLETION:
      return FT_DATASET_METHOD_PROMPT_COMPLETION;
    case FT_EXAMPLE_KIND_BLANK:
    case FT_EXAMPLE_KIND_BROKEN:
    case FT_EXAMPLE_KIND_OTHER:
    default:
      return FT_DATASET_METHOD_AUTO;
    }
}

FtExampleReport *
_ft_example_report_new (guint64 line,
                        gint64  index)
{
  FtExampleReport *self = g_new0 (FtExampleReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->line = line;
  self->index = index;

  return self;
}

void
_ft_example_report_add_issue (FtExampleReport *self,
                              FtIssue         *issue)
{
  g_assert (self != NULL);
  g_assert (FT_IS_ISSUE (issue));

  if (self->issues == NULL)
    self->issues = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (self->issues, issue);
}

/* Counts one occurrence of a notebook counter, remembering the order in
 * which counters were first incremented: the notebook prints them in that
 * order across the whole file.
 */
void
_ft_example_report_count (FtExampleReport   *self,
                          FtNotebookCounter  counter)
{
  g_assert (self != NULL);
  g_assert (counter < FT_NOTEBOOK_N_COUNTERS);

  if (self->notebook_counts[counter]++ == 0)
    self->notebook_order[self->n_notebook_order++] = counter;
}

/**
 * ft_example_report_ref:
 * @self: a #FtExampleReport
 *
 * Returns: (transfer full): @self
 */
FtExampleReport *
ft_example_report_ref (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * ft_example_report_unref:
 * @self: (transfer full): a #FtExampleReport
 */
void
ft_example_report_unref (FtExampleReport *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->issues, g_ptr_array_unref);
      g_clear_pointer (&self->grader_keys, g_strfreev);
      g_free (self);
    }
}

/**
 * ft_example_report_get_line:
 * @self: a #FtExampleReport
 *
 * Returns: the 1-based line of the example
 */
guint64
ft_example_report_get_line (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line;
}

/**
 * ft_example_report_get_index:
 * @self: a #FtExampleReport
 *
 * Returns: the 0-based example index, or -1 for a blank line
 */
gint64
ft_example_report_get_index (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->index;
}

/**
 * ft_example_report_get_kind:
 * @self: a #FtExampleReport
 *
 * Returns: what the line looks like
 */
FtExampleKind
ft_example_report_get_kind (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, FT_EXAMPLE_KIND_BROKEN);

  return self->kind;
}

/**
 * ft_example_report_get_n_messages:
 * @self: a #FtExampleReport
 *
 * Returns: the number of messages (for DPO lines: input plus outputs)
 */
guint
ft_example_report_get_n_messages (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_messages;
}

/**
 * ft_example_report_get_counted:
 * @self: a #FtExampleReport
 *
 * Returns: whether the tokens were counted (the line is an example with
 *   messages); only counted examples enter the statistics
 */
gboolean
ft_example_report_get_counted (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->counted;
}

/**
 * ft_example_report_get_total_tokens:
 * @self: a #FtExampleReport
 *
 * Returns: the conversation tokens by the notebook's rule, or 0
 */
gint64
ft_example_report_get_total_tokens (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_tokens;
}

/**
 * ft_example_report_get_assistant_tokens:
 * @self: a #FtExampleReport
 *
 * Returns: the tokens of the assistant messages, or 0
 */
gint64
ft_example_report_get_assistant_tokens (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->assistant_tokens;
}

/**
 * ft_example_report_get_n_issues:
 * @self: a #FtExampleReport
 *
 * Returns: the number of findings about this example
 */
guint
ft_example_report_get_n_issues (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->issues != NULL ? self->issues->len : 0;
}

/**
 * ft_example_report_get_issue:
 * @self: a #FtExampleReport
 * @position: less than the number of findings
 *
 * Returns: (transfer none): a finding
 */
FtIssue *
ft_example_report_get_issue (FtExampleReport *self,
                             guint            position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < ft_example_report_get_n_issues (self), NULL);

  return g_ptr_array_index (self->issues, position);
}

/**
 * ft_example_report_count_issues:
 * @self: a #FtExampleReport
 * @severity: a severity
 *
 * Returns: the number of findings with @severity
 */
guint
ft_example_report_count_issues (FtExampleReport *self,
                                FtIssueSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < ft_example_report_get_n_issues (self); i++)
    {
      if (ft_issue_get_severity (g_ptr_array_index (self->issues, i)) == severity)
        n++;
    }

  return n;
}

/**
 * ft_example_report_get_notebook_count:
 * @self: a #FtExampleReport
 * @counter: a notebook counter
 *
 * Returns: how much this example adds to @counter
 */
guint
ft_example_report_get_notebook_count (FtExampleReport   *self,
                                      FtNotebookCounter  counter)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (counter < FT_NOTEBOOK_N_COUNTERS, 0);

  return self->notebook_counts[counter];
}

/**
 * ft_example_report_get_notebook_failure:
 * @self: a #FtExampleReport
 *
 * Returns: why the notebook would raise on this example, if it would
 */
FtNotebookFailure
ft_example_report_get_notebook_failure (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, FT_NOTEBOOK_FAILURE_NONE);

  return self->notebook_failure;
}

/**
 * ft_example_report_get_exact_hash:
 * @self: a #FtExampleReport
 *
 * Returns: a hash of the example's JSON value; equal for identical
 *   examples (0 for broken and blank lines)
 */
guint64
ft_example_report_get_exact_hash (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->exact_hash;
}

/**
 * ft_example_report_get_near_hash:
 * @self: a #FtExampleReport
 *
 * Returns: a hash of the example with its texts without white space and
 *   with ASCII letters lower-cased; equal for examples that differ only
 *   in spaces, line breaks or letter case
 */
guint64
ft_example_report_get_near_hash (FtExampleReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->near_hash;
}

/* Hashing */

#define PRIME_1 G_GUINT64_CONSTANT (0x9E3779B185EBCA87)
#define PRIME_2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
#define PRIME_3 G_GUINT64_CONSTANT (0x165667B19E3779F9)

static inline guint64
rotate_left (guint64 x,
             int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
mix_word (guint64 state,
          guint64 word)
{
  state += word * PRIME_2;
  state = rotate_left (state, 31);
  return state * PRIME_1;
}

void
_ft_hasher_init (FtHasher *hasher,
                 guint64   seed)
{
  hasher->state = seed + PRIME_3;
  hasher->length = 0;
  hasher->pending = 0;
  hasher->n_pending = 0;
}

void
_ft_hasher_update (FtHasher   *hasher,
                   const void *data,
                   gsize       length)
{
  const guint8 *p = data;
  const guint8 *end = p + length;

  hasher->length += length;

  while (hasher->n_pending != 0 && p < end)
    {
      hasher->pending |= (guint64)*p++ << (8 * hasher->n_pending);
      if (++hasher->n_pending == 8)
        {
          hasher->state = mix_word (hasher->state, hasher->pending);
          hasher->pending = 0;
          hasher->n_pending = 0;
        }
    }

  while (end - p >= 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      hasher->state = mix_word (hasher->state, GUINT64_FROM_LE (word));
      p += 8;
    }

  while (p < end)
    {
      hasher->pending |= (guint64)*p++ << (8 * hasher->n_pending);
      hasher->n_pending++;
    }
}

guint64
_ft_hasher_finish (FtHasher *hasher)
{
  guint64 h = hasher->state;

  if (hasher->n_pending != 0)
    h = mix_word (h, hasher->pending ^ ((guint64)hasher->n_pending << 56));

  h ^= hasher->length * PRIME_3;
  h ^= h >> 33;
  h *= PRIME_2;
  h ^= h >> 29;
  h *= PRIME_3;
  h ^= h >> 32;

  /* 0 means "no hash" in reports. */
  return h != 0 ? h : 1;
}
