/* ft-token-counter.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-token-counter"

#include "config.h"

#include "ft-token-counter.h"

#include "ft-error.h"
#include "ft-example-report.h"
#include "ft-json-utils.h"
#include "ft-jsonl-reader.h"
#include "ft-validator.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Live token counts for an editor: one example's total and what each of
 * its messages adds, exactly as the checks count them. Both come from
 * FtValidator itself, so the numbers in the editor and in the checks
 * always agree: the total is the validator's, and each message is counted
 * as a conversation of that message alone, less the 3 tokens of priming
 * every conversation has. The parts add up: total = 3 + Σ messages.
 *
 * Counting runs in a worker thread with a copy of the validator.
 */

#define PRIMING_TOKENS 3

struct _FtTokenCount
{
  gatomicrefcount  ref_count;
  gint64           total;
  GArray          *messages;   /* gint64 */
};

struct _FtTokenCounter
{
  GObject      parent_instance;

  FtValidator *validator;
  FtEncoding   encoding;
};

G_DEFINE_FINAL_TYPE (FtTokenCounter, ft_token_counter, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FtTokenCount, ft_token_count, ft_token_count_ref, ft_token_count_unref)

/* FtTokenCount */

static FtTokenCount *
token_count_new (void)
{
  FtTokenCount *self = g_new0 (FtTokenCount, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->messages = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

/**
 * ft_token_count_ref:
 * @self: a #FtTokenCount
 *
 * Returns: (transfer full): @self
 */
FtTokenCount *
ft_token_count_ref (FtTokenCount *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_token_count_unref:
 * @self: a #FtTokenCount
 */
void
ft_token_count_unref (FtTokenCount *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->messages);
      g_free (self);
    }
}

/**
 * ft_token_count_get_total:
 * @self: a #FtTokenCount
 *
 * Returns: the tokens of the whole example, as the checks count them
 */
gint64
ft_token_count_get_total (FtTokenCount *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total;
}

/**
 * ft_token_count_get_n_messages:
 * @self: a #FtTokenCount
 *
 * Returns: the number of messages counted: those of "messages", or of a
 *   preference pair's input, preferred and rejected output in that order
 *   (the numbering of the checks' findings)
 */
guint
ft_token_count_get_n_messages (FtTokenCount *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->messages->len;
}

/**
 * ft_token_count_get_message:
 * @self: a #FtTokenCount
 * @index: a message, numbered as ft_token_count_get_n_messages() says
 *
 * Returns: the tokens message @index adds to the total
 */
gint64
ft_token_count_get_message (FtTokenCount *self,
                            guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->messages->len, 0);

  return g_array_index (self->messages, gint64, index);
}

/* Counting */

static void
count_messages (FtValidator  *validator,
                JsonArray    *messages,
                FtTokenCount *count)
{
  if (messages == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      g_autoptr(JsonObject) alone = json_object_new ();
      g_autoptr(JsonArray) list = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(FtExampleReport) report = NULL;
      gint64 tokens;

      json_array_add_element (list, json_node_copy (json_array_get_element (messages, i)));
      json_object_set_array_member (alone, "messages", g_steal_pointer (&list));
      json_node_set_object (node, alone);

      report = ft_validator_check_node (validator, node, 0, 0);
      tokens = ft_example_report_get_total_tokens (report) - PRIMING_TOKENS;
      g_array_append_val (count->messages, tokens);
    }
}

static FtTokenCount *
count_line (FtValidator  *validator,
            GBytes       *line,
            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(FtExampleReport) report = NULL;
  g_autoptr(FtTokenCount) count = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *example;
  FtJsonlLine text;
  gsize length;
  const char *data = g_bytes_get_data (line, &length);

  if (!ft_validator_is_prepared (validator) && !ft_validator_prepare (validator, error))
    return NULL;

  /* As the checks read it: strictly, and with lone surrogates as U+FFFD. */
  ft_jsonl_line_init (&text, 0, data != NULL ? data : "", length);
  if (!ft_jsonl_line_load (&text, parser, NULL, NULL, &local_error))
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   /* Translators: %s is the parser's message. */
                   _("The example is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  count = token_count_new ();
  report = ft_validator_check_node (validator, json_parser_get_root (parser), 0, 0);
  count->total = ft_example_report_get_total_tokens (report);

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_steal_pointer (&count);

  example = json_node_get_object (json_parser_get_root (parser));
  if (ft_validator_classify_node (json_parser_get_root (parser)) == FT_LINE_KIND_PREFERENCE)
    {
      JsonObject *input = NULL;
      JsonArray *preferred = ft_json_object_get_array (example, "preferred_output");
      JsonArray *rejected = ft_json_object_get_array (example, "non_preferred_output");

      if (json_object_has_member (example, "input")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (example, "input")))
        input = json_object_get_object_member (example, "input");

      if (preferred == NULL)
        preferred = ft_json_object_get_array (example, "preferred_completion");
      if (rejected == NULL)
        rejected = ft_json_object_get_array (example, "non_preferred_completion");

      count_messages (validator, ft_json_object_get_array (input, "messages"), count);
      count_messages (validator, preferred, count);
      count_messages (validator, rejected, count);
    }
  else
    {
      count_messages (validator, ft_json_object_get_array (example, "messages"), count);
    }

  return g_steal_pointer (&count);
}

static void
count_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FtValidator *validator = g_object_get_data (G_OBJECT (task), "ft-validator");
  GBytes *line = task_data;
  g_autoptr(GError) error = NULL;
  FtTokenCount *count;

  if (g_task_return_error_if_cancelled (task))
    return;

  count = count_line (validator, line, &error);
  if (count == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, count, (GDestroyNotify)ft_token_count_unref);
}

static void
ft_token_counter_finalize (GObject *object)
{
  FtTokenCounter *self = (FtTokenCounter *)object;

  g_clear_object (&self->validator);

  G_OBJECT_CLASS (ft_token_counter_parent_class)->finalize (object);
}

static void
ft_token_counter_class_init (FtTokenCounterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_token_counter_finalize;
}

static void
ft_token_counter_init (FtTokenCounter *self)
{
}

/**
 * ft_token_counter_new:
 * @encoding: the encoding to count with
 *
 * Returns: (transfer full): a new #FtTokenCounter
 */
FtTokenCounter *
ft_token_counter_new (FtEncoding encoding)
{
  FtTokenCounter *self = g_object_new (FT_TYPE_TOKEN_COUNTER, NULL);

  self->encoding = encoding;
  self->validator = ft_validator_new ();
  ft_validator_set_encoding (self->validator, encoding);
  ft_validator_set_notebook (self->validator, FALSE);

  return self;
}

/**
 * ft_token_counter_get_encoding:
 * @self: a #FtTokenCounter
 *
 * Returns: the encoding counted with
 */
FtEncoding
ft_token_counter_get_encoding (FtTokenCounter *self)
{
  g_return_val_if_fail (FT_IS_TOKEN_COUNTER (self), FT_ENCODING_CL100K_BASE);

  return self->encoding;
}

/**
 * ft_token_counter_count:
 * @self: a #FtTokenCounter
 * @line: the example as one line of JSON (ft_example_get_bytes())
 * @error: return location for a #GError
 *
 * Counts in the calling thread (the CLI and tests; the GUI uses
 * ft_token_counter_count_async()).
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL with
 *   %FT_DATASET_ERROR_PARSE when @line is not valid JSON
 */
FtTokenCount *
ft_token_counter_count (FtTokenCounter  *self,
                        GBytes          *line,
                        GError         **error)
{
  g_autoptr(FtValidator) validator = NULL;

  g_return_val_if_fail (FT_IS_TOKEN_COUNTER (self), NULL);
  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  validator = ft_validator_copy (self->validator);

  return count_line (validator, line, error);
}

/**
 * ft_token_counter_count_async:
 * @self: a #FtTokenCounter
 * @line: the example as one line of JSON (ft_example_get_bytes())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the counts are ready
 * @user_data: data for @callback
 *
 * Counts in a worker thread; the first count loads the tokenizer there.
 */
void
ft_token_counter_count_async (FtTokenCounter      *self,
                              GBytes              *line,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FT_IS_TOKEN_COUNTER (self));
  g_return_if_fail (line != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_token_counter_count_async);
  g_task_set_task_data (task, g_bytes_ref (line), (GDestroyNotify)g_bytes_unref);

  /* The worker gets its own validator; the loaded tokenizer is shared. */
  g_object_set_data_full (G_OBJECT (task), "ft-validator",
                          ft_validator_copy (self->validator), g_object_unref);
  g_task_run_in_thread (task, count_worker);
}

/**
 * ft_token_counter_count_finish:
 * @self: a #FtTokenCounter
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the counts
 */
FtTokenCount *
ft_token_counter_count_finish (FtTokenCounter  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (FT_IS_TOKEN_COUNTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
