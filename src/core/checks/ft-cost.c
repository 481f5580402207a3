/* ft-cost.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-cost"

#include "config.h"

#include "ft-cost.h"
#include "ft-checks-resources.h"
#include "ft-error.h"
#include "ft-models.h"
#include "ft-resources.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#define PRICES_RESOURCE "/io/github/exemplar_studio/Exemplar/core/prices.json"

struct _FtPriceTable
{
  GObject       parent_instance;

  char         *as_of;
  GArray       *entries;   /* of FtPriceEntry, strings in strings */
  GStringChunk *strings;
};

G_DEFINE_FINAL_TYPE (FtPriceTable, ft_price_table, G_TYPE_OBJECT)

/**
 * ft_training_constants_init:
 * @constants: (out caller-allocates): the constants to fill
 *
 * Fills @constants with the values of the current cookbook notebook.
 */
void
ft_training_constants_init (FtTrainingConstants *constants)
{
  g_return_if_fail (constants != NULL);

  constants->max_tokens_per_example = FT_NOTEBOOK_TOKEN_LIMIT;
  constants->target_epochs = 3;
  constants->min_target_examples = 100;
  constants->max_target_examples = 25000;
  constants->min_default_epochs = 1;
  constants->max_default_epochs = 25;
}

/**
 * ft_cost_default_epochs:
 * @constants: the notebook constants
 * @n_examples: the number of training examples
 *
 * The notebook's estimate of the epochs the service picks by default
 * (`n_epochs: "auto"`): 3, raised for small files so that about 100
 * examples are seen (at most 25 epochs), lowered for large ones so that
 * at most about 25,000 are (at least 1 epoch).
 *
 * Returns: the number of epochs, or 0 when there are no examples (the
 *   notebook divides by zero there)
 */
guint
ft_cost_default_epochs (const FtTrainingConstants *constants,
                        guint64                    n_examples)
{
  guint64 epochs;

  g_return_val_if_fail (constants != NULL, 0);

  if (n_examples == 0)
    return 0;

  epochs = constants->target_epochs;

  if (n_examples * constants->target_epochs < constants->min_target_examples)
    epochs = MIN ((guint64)constants->max_default_epochs,
                  constants->min_target_examples / n_examples);
  else if (n_examples * constants->target_epochs > constants->max_target_examples)
    epochs = MAX ((guint64)constants->min_default_epochs,
                  constants->max_target_examples / n_examples);

  return (guint)epochs;
}

/**
 * ft_cost_billed_tokens:
 * @constants: the notebook constants
 * @example_tokens: the conversation tokens of one example
 *
 * Returns: the tokens one epoch bills for the example: its tokens, capped
 *   at the per-example limit
 */
gint64
ft_cost_billed_tokens (const FtTrainingConstants *constants,
                       gint64                     example_tokens)
{
  g_return_val_if_fail (constants != NULL, 0);

  return MIN (constants->max_tokens_per_example, MAX (example_tokens, 0));
}

/* Price table */

static void
ft_price_table_finalize (GObject *object)
{
  FtPriceTable *self = (FtPriceTable *)object;

  g_clear_pointer (&self->as_of, g_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ft_price_table_parent_class)->finalize (object);
}

static void
ft_price_table_class_init (FtPriceTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_price_table_finalize;
}

static void
ft_price_table_init (FtPriceTable *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (FtPriceEntry));
  self->strings = g_string_chunk_new (1024);
}

static const char *
intern (FtPriceTable *self,
        const char   *str)
{
  return str != NULL ? g_string_chunk_insert_const (self->strings, str) : NULL;
}

static gboolean
get_price_micros (JsonObject  *object,
                  const char  *member,
                  gint64      *micros,
                  gboolean    *present,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  *present = FALSE;
  *micros = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   /* Translators: %s is a key of the price table, like "training_per_1m_tokens". */
                   _("The price table is invalid: “%s” is not a number"), member);
      return FALSE;
    }

  value = json_node_get_double (node);
  if (!(value >= 0) || value > 1e9)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   _("The price table is invalid: “%s” is out of range"), member);
      return FALSE;
    }

  *micros = (gint64)llround (value * 1e6);
  *present = TRUE;
  return TRUE;
}

static gboolean
load_model (FtPriceTable  *self,
            const char    *provider,
            const char    *currency,
            const char    *default_as_of,
            JsonNode      *node,
            GError       **error)
{
  FtPriceEntry entry = { 0 };
  JsonObject *object;
  JsonNode *limit;
  gboolean per_token;
  gboolean per_hour;
  gint64 token_micros;
  gint64 hour_micros;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("The price table is invalid: a model entry is not an object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  entry.model = intern (self, json_object_get_string_member_with_default (object, "model", NULL));
  if (entry.model == NULL)
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("The price table is invalid: a model entry has no “model”"));
      return FALSE;
    }

  if (!get_price_micros (object, "training_per_1m_tokens", &token_micros, &per_token, error) ||
      !get_price_micros (object, "training_per_hour", &hour_micros, &per_hour, error))
    return FALSE;

  entry.provider = intern (self, provider);
  entry.method = intern (self,
                         json_object_get_string_member_with_default (object,
                                                                     "method",
                                                                     "supervised"));
  entry.currency = intern (self, currency);
  entry.source = intern (self, json_object_get_string_member_with_default (object, "source", ""));
  entry.as_of = intern (self,
                        json_object_get_string_member_with_default (object,
                                                                    "as_of",
                                                                    default_as_of));

  if (per_token)
    {
      entry.unit = FT_PRICE_UNIT_PER_MILLION_TOKENS;
      entry.micros = token_micros;
    }
  else if (per_hour)
    {
      entry.unit = FT_PRICE_UNIT_PER_HOUR;
      entry.micros = hour_micros;
    }

  limit = json_object_get_member (object, "max_tokens_per_example");
  if (limit != NULL && json_node_get_value_type (limit) == G_TYPE_INT64)
    entry.max_tokens_per_example = MAX (json_node_get_int (limit), 0);

  g_array_append_val (self->entries, entry);
  return TRUE;
}

static gboolean
load_table (FtPriceTable  *self,
            GBytes        *bytes,
            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *providers;
  const char *currency;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   _("The price table is not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("The price table is invalid: it is not a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  self->as_of = g_strdup (json_object_get_string_member_with_default (root, "as_of", ""));
  currency = json_object_get_string_member_with_default (root, "currency", "USD");

  if (!json_object_has_member (root, "providers") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "providers")))
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("The price table is invalid: “providers” is not a list"));
      return FALSE;
    }

  providers = json_object_get_array_member (root, "providers");
  for (guint i = 0; i < json_array_get_length (providers); i++)
    {
      JsonNode *node = json_array_get_element (providers, i);
      JsonObject *provider;
      const char *id;
      JsonNode *models;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      provider = json_node_get_object (node);
      id = json_object_get_string_member_with_default (provider, "id", NULL);
      models = json_object_get_member (provider, "models");
      if (id == NULL || models == NULL || !JSON_NODE_HOLDS_ARRAY (models))
        continue;

      for (guint j = 0; j < json_array_get_length (json_node_get_array (models)); j++)
        {
          if (!load_model (self,
                           id,
                           json_object_get_string_member_with_default (provider,
                                                                       "currency",
                                                                       currency),
                           self->as_of,
                           json_array_get_element (json_node_get_array (models), j),
                           error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * ft_price_table_new_from_bytes:
 * @bytes: the JSON text of a price table (the format of data/prices.json)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
FtPriceTable *
ft_price_table_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  g_autoptr(FtPriceTable) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FT_TYPE_PRICE_TABLE, NULL);
  if (!load_table (self, bytes, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ft_price_table_new_from_file:
 * @file: a price table file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads a price table from @file (blocking).
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
FtPriceTable *
ft_price_table_new_from_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   /* Translators: the first %s is a file name, the second the system's reason. */
                   _("Could not read the price table “%s”: %s"), name, local_error->message);
      return NULL;
    }

  return ft_price_table_new_from_bytes (bytes, error);
}

/**
 * ft_price_table_new_default:
 * @error: return location for a #GError
 *
 * Loads the shipped price table: the installed copy in the package data
 * folder when there is one (packagers may update it), otherwise the copy
 * compiled into the library, so that tests and an uninstalled build find
 * it too.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
FtPriceTable *
ft_price_table_new_default (GError **error)
{
  g_autofree char *path = g_build_filename (PKGDATADIR, "prices.json", NULL);
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      return ft_price_table_new_from_file (file, NULL, error);
    }

  bytes = g_resource_lookup_data (ft_resource_get_registered (ft_checks_get_resource),
                                  PRICES_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return ft_price_table_new_from_bytes (bytes, error);
}

/**
 * ft_price_table_get_as_of:
 * @self: a #FtPriceTable
 *
 * Returns: the date of the table, YYYY-MM-DD
 */
const char *
ft_price_table_get_as_of (FtPriceTable *self)
{
  g_return_val_if_fail (FT_IS_PRICE_TABLE (self), NULL);

  return self->as_of;
}

/**
 * ft_price_table_get_n_entries:
 * @self: a #FtPriceTable
 *
 * Returns: the number of rows
 */
guint
ft_price_table_get_n_entries (FtPriceTable *self)
{
  g_return_val_if_fail (FT_IS_PRICE_TABLE (self), 0);

  return self->entries->len;
}

/**
 * ft_price_table_get_entry:
 * @self: a #FtPriceTable
 * @position: a row, less than the number of entries
 *
 * Returns: (transfer none): the row
 */
const FtPriceEntry *
ft_price_table_get_entry (FtPriceTable *self,
                          guint         position)
{
  g_return_val_if_fail (FT_IS_PRICE_TABLE (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return &g_array_index (self->entries, FtPriceEntry, position);
}

static const FtPriceEntry *
lookup_exact (FtPriceTable *self,
              const char   *provider,
              const char   *model)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const FtPriceEntry *entry = &g_array_index (self->entries, FtPriceEntry, i);

      if (g_strcmp0 (entry->provider, provider) == 0 && g_strcmp0 (entry->model, model) == 0)
        return entry;
    }

  return NULL;
}

/**
 * ft_price_table_lookup:
 * @self: a #FtPriceTable
 * @provider: a provider id ("openai")
 * @model: a model name: a snapshot, an alias ("gpt-4o-mini") or a
 *   fine-tuned model ("ft:gpt-4o-mini-2024-07-18:org::id", priced as its base)
 *
 * Returns: (transfer none) (nullable): the matching row, or %NULL
 */
const FtPriceEntry *
ft_price_table_lookup (FtPriceTable *self,
                       const char   *provider,
                       const char   *model)
{
  const FtPriceEntry *entry;
  g_autofree char *base = NULL;
  const FtModelInfo *info;

  g_return_val_if_fail (FT_IS_PRICE_TABLE (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  if (model == NULL)
    return NULL;

  if ((entry = lookup_exact (self, provider, model)) != NULL)
    return entry;

  base = ft_models_get_base_name (model);
  if (base != NULL && (entry = lookup_exact (self, provider, base)) != NULL)
    return entry;

  info = ft_models_lookup (model);
  if (info != NULL)
    return lookup_exact (self, provider, info->id);

  return NULL;
}

/* Cost */

/**
 * ft_cost_estimate:
 * @table: (nullable): the price table
 * @provider: (nullable): a provider id
 * @model: (nullable): the model to train
 * @n_examples: the number of examples
 * @billed_tokens: the billed tokens of one epoch
 * @n_epochs: the epochs
 * @estimate: (out caller-allocates): the estimate
 *
 * Computes `epochs × billed tokens / 1,000,000 × price per 1M tokens`
 * in integer arithmetic, rounded half up to a millionth of the currency.
 * With no table, provider or model, or no per-token price for the model,
 * the estimate is marked unknown.
 */
void
ft_cost_estimate (FtPriceTable   *table,
                  const char     *provider,
                  const char     *model,
                  guint64         n_examples,
                  gint64          billed_tokens,
                  guint           n_epochs,
                  FtCostEstimate *estimate)
{
  g_return_if_fail (table == NULL || FT_IS_PRICE_TABLE (table));
  g_return_if_fail (estimate != NULL);

  memset (estimate, 0, sizeof *estimate);
  estimate->n_examples = n_examples;
  estimate->billed_tokens = MAX (billed_tokens, 0);
  estimate->n_epochs = n_epochs;
  estimate->trained_tokens = estimate->billed_tokens * (gint64)n_epochs;

  if (table == NULL || provider == NULL || model == NULL)
    return;

  estimate->price = ft_price_table_lookup (table, provider, model);

  if (estimate->price != NULL && estimate->price->unit == FT_PRICE_UNIT_PER_MILLION_TOKENS)
    {
      gint64 tokens = estimate->trained_tokens;
      gint64 price = estimate->price->micros;

      /* tokens × price / 10⁶ without overflow: split tokens at a million. */
      estimate->amount_micros = (tokens / 1000000) * price
                                + ((tokens % 1000000) * price + 500000) / 1000000;
      estimate->known = TRUE;
    }
}

/**
 * ft_cost_format_amount:
 * @micros: an amount in millionths of @currency
 * @currency: (nullable): an ISO 4217 code; %NULL for US dollars
 *
 * Formats an amount for people, rounded half up to cents: "$4.95",
 * "12.00 EUR". A positive amount below half a cent is "<$0.01".
 *
 * Returns: (transfer full): the text
 */
char *
ft_cost_format_amount (gint64      micros,
                       const char *currency)
{
  gint64 cents;
  g_autofree char *number = NULL;
  gboolean dollars = currency == NULL || g_strcmp0 (currency, "USD") == 0;

  if (micros > 0 && micros < 5000)
    {
      if (dollars)
        return g_strdup ("<$0.01");
      return g_strdup_printf ("<0.01 %s", currency);
    }

  cents = (ABS (micros) + 5000) / 10000;
  number = g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d",
                            micros < 0 ? "-" : "", cents / 100, (int)(cents % 100));

  if (dollars)
    return g_strdup_printf ("$%s", number);

  return g_strdup_printf ("%s %s", number, currency);
}
