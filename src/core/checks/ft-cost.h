/* ft-cost.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FtTrainingConstants:
 * @max_tokens_per_example: examples are billed (and trained) up to this
 *   many tokens (the notebook's `MAX_TOKENS_PER_EXAMPLE`, 16,385)
 * @target_epochs: `TARGET_EPOCHS`, 3
 * @min_target_examples: `MIN_TARGET_EXAMPLES`, 100
 * @max_target_examples: `MAX_TARGET_EXAMPLES`, 25,000
 * @min_default_epochs: `MIN_DEFAULT_EPOCHS`, 1
 * @max_default_epochs: `MAX_DEFAULT_EPOCHS`, 25
 *
 * The constants of the cookbook notebook's epochs and billing estimate.
 */
typedef struct
{
  gint64 max_tokens_per_example;
  guint  target_epochs;
  guint  min_target_examples;
  guint  max_target_examples;
  guint  min_default_epochs;
  guint  max_default_epochs;
} FtTrainingConstants;

#define FT_NOTEBOOK_TOKEN_LIMIT        16385
#define FT_NOTEBOOK_TOKEN_LIMIT_BEFORE 4096

void    ft_training_constants_init  (FtTrainingConstants       *constants);

guint   ft_cost_default_epochs      (const FtTrainingConstants *constants,
                                     guint64                    n_examples);
gint64  ft_cost_billed_tokens       (const FtTrainingConstants *constants,
                                     gint64                     example_tokens);

/**
 * FtPriceUnit:
 * @FT_PRICE_UNIT_UNKNOWN: no trustworthy price is known
 * @FT_PRICE_UNIT_PER_MILLION_TOKENS: per million trained tokens (SFT, DPO)
 * @FT_PRICE_UNIT_PER_HOUR: per hour of training (RFT); not convertible to
 *   a per-token price
 *
 * What a training price is counted in.
 */
typedef enum
{
  FT_PRICE_UNIT_UNKNOWN,
  FT_PRICE_UNIT_PER_MILLION_TOKENS,
  FT_PRICE_UNIT_PER_HOUR,
} FtPriceUnit;

/**
 * FtPriceEntry:
 * @provider: the provider id ("openai")
 * @model: the model snapshot ("gpt-4o-mini-2024-07-18")
 * @method: the fine-tuning method the price is for ("supervised",
 *   "reinforcement")
 * @unit: what @micros is counted in
 * @micros: the price in millionths of @currency per @unit, or 0 when @unit
 *   is %FT_PRICE_UNIT_UNKNOWN
 * @currency: an ISO 4217 code ("USD")
 * @max_tokens_per_example: the training limit per example, or 0 if unknown
 * @source: where the figures come from
 * @as_of: the date they were taken, YYYY-MM-DD
 *
 * One row of the price table. Owned by the #FtPriceTable.
 */
typedef struct
{
  const char  *provider;
  const char  *model;
  const char  *method;
  FtPriceUnit  unit;
  gint64       micros;
  const char  *currency;
  gint64       max_tokens_per_example;
  const char  *source;
  const char  *as_of;
} FtPriceEntry;

#define FT_TYPE_PRICE_TABLE (ft_price_table_get_type ())

G_DECLARE_FINAL_TYPE (FtPriceTable, ft_price_table, FT, PRICE_TABLE, GObject)

FtPriceTable       *ft_price_table_new_default    (GError              **error)
                                                   G_GNUC_WARN_UNUSED_RESULT;
FtPriceTable       *ft_price_table_new_from_bytes (GBytes               *bytes,
                                                   GError              **error)
                                                   G_GNUC_WARN_UNUSED_RESULT;
FtPriceTable       *ft_price_table_new_from_file  (GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GError              **error)
                                                   G_GNUC_WARN_UNUSED_RESULT;
const char         *ft_price_table_get_as_of      (FtPriceTable         *self);
guint               ft_price_table_get_n_entries  (FtPriceTable         *self);
const FtPriceEntry *ft_price_table_get_entry      (FtPriceTable         *self,
                                                   guint                 position);
const FtPriceEntry *ft_price_table_lookup         (FtPriceTable         *self,
                                                   const char           *provider,
                                                   const char           *model);

/**
 * FtCostEstimate:
 * @n_examples: the number of examples
 * @billed_tokens: the tokens of one epoch, each example capped at the
 *   per-example limit ("Dataset has ~N tokens that will be charged for")
 * @n_epochs: the epochs used (the default heuristic unless given)
 * @trained_tokens: @billed_tokens × @n_epochs
 * @price: (nullable): the price row used, or %NULL when none matched
 * @known: whether @amount_micros is a real figure
 * @amount_micros: the estimated cost in millionths of @price's currency
 *
 * A training cost estimate. It is never made up: @known is %FALSE whenever
 * no per-token price is known for the model (an RFT model's per-hour price
 * included).
 */
typedef struct
{
  guint64             n_examples;
  gint64              billed_tokens;
  guint               n_epochs;
  gint64              trained_tokens;
  const FtPriceEntry *price;
  gboolean            known;
  gint64              amount_micros;
} FtCostEstimate;

void  ft_cost_estimate       (FtPriceTable   *table,
                              const char     *provider,
                              const char     *model,
                              guint64         n_examples,
                              gint64          billed_tokens,
                              guint           n_epochs,
                              FtCostEstimate *estimate);
char *ft_cost_format_amount  (gint64          micros,
                              const char     *currency) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
