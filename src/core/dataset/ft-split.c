/* ft-split.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-split"

#include "config.h"

#include "ft-split.h"

#include "ft-error.h"
#include "ft-jsonl-reader.h"
#include "ft-jsonl-writer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* The split is the same on every machine and every run for the same
 * number of examples, percentage and seed:
 *
 * 1. k = floor(n × p + 0.5) examples go to validation (p is the fraction,
 *    0 < p < 1), but at least 1 and at most n − 1 when n ≥ 2.
 * 2. A SplitMix64 generator is seeded with the seed. An array holds the
 *    indices 0 … n−1; for i = 0 … k−1, j = i + uniform(n − i) is drawn and
 *    entries i and j are swapped (a partial Fisher–Yates shuffle). The
 *    first k entries are the validation examples.
 * 3. uniform(m) draws 64-bit numbers r and rejects those below
 *    (2^64 − m) mod m, then returns r mod m, so every value is equally
 *    likely.
 * 4. Both outputs keep the examples in their original order.
 *
 * Every non-blank line is an example, broken or not, so nothing is lost.
 */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;

  return z ^ (z >> 31);
}

static guint64
uniform (guint64 *state,
         guint64  m)
{
  guint64 threshold = (0 - m) % m;

  for (;;)
    {
      guint64 r = splitmix64 (state);

      if (r >= threshold)
        return r % m;
    }
}

/**
 * ft_split_parse_percentage:
 * @text: a percentage such as "10%", "10" or "12.5%"
 * @fraction: (out): the fraction (0.1 for "10%")
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is a percentage strictly between 0 and 100
 */
gboolean
ft_split_parse_percentage (const char  *text,
                           double      *fraction,
                           GError     **error)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double value;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (fraction != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }

  value = g_ascii_strtod (copy, &end);
  if (copy[0] == '\0' || end == NULL || *end != '\0'
      || !isfinite (value) || value <= 0 || value >= 100)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a percentage between 0 and 100, such as “10%%”"), text);
      return FALSE;
    }

  *fraction = value / 100.0;

  return TRUE;
}

/**
 * ft_split_count_validation:
 * @n_examples: the number of examples
 * @fraction: the validation fraction, 0 < @fraction < 1
 *
 * Returns: how many examples go to validation (see the file comment)
 */
guint
ft_split_count_validation (guint  n_examples,
                           double fraction)
{
  double k;

  g_return_val_if_fail (fraction > 0 && fraction < 1, 0);

  if (n_examples < 2)
    return 0;

  k = floor ((double)n_examples * fraction + 0.5);

  return (guint)CLAMP (k, 1, n_examples - 1);
}

/**
 * ft_split_plan:
 * @n_examples: the number of examples
 * @fraction: the validation fraction, 0 < @fraction < 1
 * @seed: the seed
 * @n_validation: (out) (optional): how many are marked
 *
 * Returns: (transfer full) (array length=n_examples): one byte per
 *   example, 1 for validation and 0 for training; %NULL when
 *   @n_examples is 0
 */
guint8 *
ft_split_plan (guint    n_examples,
               double   fraction,
               guint64  seed,
               guint   *n_validation)
{
  g_autofree guint32 *indices = NULL;
  guint8 *plan;
  guint64 state = seed;
  guint k;

  g_return_val_if_fail (fraction > 0 && fraction < 1, NULL);

  k = ft_split_count_validation (n_examples, fraction);
  if (n_validation != NULL)
    *n_validation = k;

  if (n_examples == 0)
    return NULL;

  indices = g_new (guint32, n_examples);
  for (guint i = 0; i < n_examples; i++)
    indices[i] = i;

  for (guint i = 0; i < k; i++)
    {
      guint j = i + (guint)uniform (&state, n_examples - i);
      guint32 tmp = indices[i];

      indices[i] = indices[j];
      indices[j] = tmp;
    }

  plan = g_new0 (guint8, n_examples);
  for (guint i = 0; i < k; i++)
    plan[indices[i]] = 1;

  return plan;
}

static gboolean
check_count (guint     n_examples,
             GError  **error)
{
  if (n_examples >= 2)
    return TRUE;

  g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
               ngettext ("There is %u example; splitting needs at least 2",
                         "There are %u examples; splitting needs at least 2",
                         n_examples),
               n_examples);

  return FALSE;
}

/**
 * ft_split_dataset:
 * @dataset: a #FtDataset
 * @fraction: the validation fraction, 0 < @fraction < 1
 * @seed: the seed
 * @train: (out) (transfer full): a new dataset with the training examples
 * @validation: (out) (transfer full): a new dataset with the others
 * @error: return location for a #GError
 *
 * Splits copies of the examples; @dataset is not changed. The new
 * datasets have no file and are modified.
 *
 * Returns: %TRUE on success; %FALSE with fewer than 2 examples
 */
gboolean
ft_split_dataset (FtDataset  *dataset,
                  double      fraction,
                  guint64     seed,
                  FtDataset **train,
                  FtDataset **validation,
                  GError    **error)
{
  g_autoptr(FtDataset) train_set = NULL;
  g_autoptr(FtDataset) validation_set = NULL;
  g_autoptr(GPtrArray) train_examples = NULL;
  g_autoptr(GPtrArray) validation_examples = NULL;
  g_autofree guint8 *plan = NULL;
  guint n;

  g_return_val_if_fail (FT_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (fraction > 0 && fraction < 1, FALSE);
  g_return_val_if_fail (train != NULL, FALSE);
  g_return_val_if_fail (validation != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (dataset));
  if (!check_count (n, error))
    return FALSE;

  plan = ft_split_plan (n, fraction, seed, NULL);
  train_examples = g_ptr_array_new_with_free_func (g_object_unref);
  validation_examples = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      FtExample *copy = ft_example_copy (ft_dataset_peek_example (dataset, i));

      g_ptr_array_add (plan[i] ? validation_examples : train_examples, copy);
    }

  train_set = ft_dataset_new ();
  validation_set = ft_dataset_new ();
  ft_dataset_splice (train_set, 0, 0,
                     (FtExample * const *)train_examples->pdata, train_examples->len);
  ft_dataset_splice (validation_set, 0, 0,
                     (FtExample * const *)validation_examples->pdata, validation_examples->len);

  *train = g_steal_pointer (&train_set);
  *validation = g_steal_pointer (&validation_set);

  return TRUE;
}

static FtJsonlReader *
open_reader (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  return ft_jsonl_reader_new (G_INPUT_STREAM (stream));
}

static gboolean
read_failed (GFile   *file,
             GError  *local_error,
             GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (local_error));
  else
    g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                 _("Could not read “%s”: %s"), name, local_error->message);

  return FALSE;
}

/**
 * ft_split_file:
 * @input: a JSONL file
 * @fraction: the validation fraction, 0 < @fraction < 1
 * @seed: the seed
 * @train: where to write the training examples
 * @validation: where to write the validation examples
 * @n_train: (out) (optional): how many went to @train
 * @n_validation: (out) (optional): how many went to @validation
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Splits a file in two passes with bounded memory (one byte per
 * example): lines are copied byte for byte, blank lines dropped. Both
 * outputs are written atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_split_file (GFile         *input,
               double         fraction,
               guint64        seed,
               GFile         *train,
               GFile         *validation,
               guint         *n_train,
               guint         *n_validation,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(FtJsonlReader) reader = NULL;
  g_autoptr(FtJsonlWriter) train_writer = NULL;
  g_autoptr(FtJsonlWriter) validation_writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *plan = NULL;
  FtJsonlLine line;
  guint n = 0;
  guint index = 0;
  guint k = 0;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (fraction > 0 && fraction < 1, FALSE);
  g_return_val_if_fail (G_IS_FILE (train), FALSE);
  g_return_val_if_fail (G_IS_FILE (validation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* First pass: count. */
  reader = open_reader (input, cancellable, error);
  if (reader == NULL)
    return FALSE;
  while (ft_jsonl_reader_next (reader, &line, cancellable, &local_error))
    {
      if (line.status != FT_LINE_BLANK)
        n++;
    }
  if (local_error != NULL)
    return read_failed (input, local_error, error);
  g_clear_object (&reader);

  if (!check_count (n, error))
    return FALSE;

  plan = ft_split_plan (n, fraction, seed, &k);

  /* Second pass: copy. */
  train_writer = ft_jsonl_writer_new (train, error);
  if (train_writer == NULL)
    return FALSE;
  validation_writer = ft_jsonl_writer_new (validation, error);
  if (validation_writer == NULL)
    return FALSE;

  reader = open_reader (input, cancellable, error);
  if (reader == NULL)
    return FALSE;
  while (ft_jsonl_reader_next (reader, &line, cancellable, &local_error))
    {
      if (line.status == FT_LINE_BLANK)
        continue;

      if (index >= n)
        {
          g_autofree char *name = g_file_get_parse_name (input);

          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                       _("Could not split “%s”: the file changed while it was read"), name);
          return FALSE;
        }

      if (!ft_jsonl_writer_write_line (plan[index] ? validation_writer : train_writer,
                                       line.text, line.length, cancellable, error))
        return FALSE;
      index++;
    }
  if (local_error != NULL)
    return read_failed (input, local_error, error);

  if (index != n)
    {
      g_autofree char *name = g_file_get_parse_name (input);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not split “%s”: the file changed while it was read"), name);
      return FALSE;
    }

  if (!ft_jsonl_writer_commit (train_writer, cancellable, error)
      || !ft_jsonl_writer_commit (validation_writer, cancellable, error))
    return FALSE;

  if (n_train != NULL)
    *n_train = n - k;
  if (n_validation != NULL)
    *n_validation = k;

  return TRUE;
}
