/* ft-api-json-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Lenient accessors for API objects: a missing key, a null and a value of
 * the wrong type all read as "absent" (docs/openai-fine-tuning-api.md §1).
 */
const char *_ft_api_json_get_string   (JsonObject  *object,
                                       const char  *key);
char       *_ft_api_json_dup_string   (JsonObject  *object,
                                       const char  *key);
gboolean    _ft_api_json_get_int      (JsonObject  *object,
                                       const char  *key,
                                       gint64      *value);
gint64      _ft_api_json_get_int_or   (JsonObject  *object,
                                       const char  *key,
                                       gint64       fallback);
gboolean    _ft_api_json_get_double   (JsonObject  *object,
                                       const char  *key,
                                       double      *value);
JsonObject *_ft_api_json_get_object   (JsonObject  *object,
                                       const char  *key);
JsonArray  *_ft_api_json_get_array    (JsonObject  *object,
                                       const char  *key);
gboolean    _ft_api_json_require_id   (JsonObject  *object,
                                       const char  *what,
                                       GError     **error);
GHashTable *_ft_api_json_number_table (JsonObject  *object);
gboolean    _ft_api_json_find_number  (GHashTable  *table,
                                       const char  *name,
                                       double      *value);

G_END_DECLS
