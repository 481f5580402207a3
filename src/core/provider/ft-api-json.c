/* ft-api-json.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-api-json-private.h"

#include "ft-error.h"
#include "ft-json-utils.h"

#include <glib/gi18n-lib.h>

static JsonNode *
get_member (JsonObject *object,
            const char *key)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, key);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

const char *
_ft_api_json_get_string (JsonObject *object,
                         const char *key)
{
  return ft_json_object_get_string (object, key);
}

char *
_ft_api_json_dup_string (JsonObject *object,
                         const char *key)
{
  return g_strdup (_ft_api_json_get_string (object, key));
}

gboolean
_ft_api_json_get_int (JsonObject *object,
                      const char *key,
                      gint64     *value)
{
  JsonNode *node = get_member (object, key);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = (gint64)json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

gint64
_ft_api_json_get_int_or (JsonObject *object,
                         const char *key,
                         gint64      fallback)
{
  gint64 value;

  if (_ft_api_json_get_int (object, key, &value))
    return value;

  return fallback;
}

gboolean
_ft_api_json_get_double (JsonObject *object,
                         const char *key,
                         double     *value)
{
  JsonNode *node = get_member (object, key);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

JsonObject *
_ft_api_json_get_object (JsonObject *object,
                         const char *key)
{
  return ft_json_object_get_object (object, key);
}

JsonArray *
_ft_api_json_get_array (JsonObject *object,
                        const char *key)
{
  return ft_json_object_get_array (object, key);
}

/* Every API object must at least have an id; everything else may be
 * missing.
 */
gboolean
_ft_api_json_require_id (JsonObject  *object,
                         const char  *what,
                         GError     **error)
{
  const char *id = _ft_api_json_get_string (object, "id");

  if (id == NULL || id[0] == '\0')
    {
      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                   _("The server sent a “%s” object without an “id”"), what);
      return FALSE;
    }

  return TRUE;
}

/* Copies the numeric members of @object into a table of
 * name → heap-allocated double.
 */
GHashTable *
_ft_api_json_number_table (JsonObject *object)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return table;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      double value;

      if (_ft_api_json_get_double (object, name, &value))
        g_hash_table_insert (table, g_strdup (name), g_memdup2 (&value, sizeof value));
    }

  return table;
}

/* Looks @name up in a table from _ft_api_json_number_table(); @value
 * may be %NULL.
 */
gboolean
_ft_api_json_find_number (GHashTable *table,
                          const char *name,
                          double     *value)
{
  double *found = g_hash_table_lookup (table, name);

  if (found == NULL)
    return FALSE;

  if (value != NULL)
    *value = *found;

  return TRUE;
}
