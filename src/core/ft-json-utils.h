/* ft-json-utils.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean  ft_json_check_text (const char  *text,
                              gssize       length,
                              gsize       *error_offset,
                              GError     **error);
JsonNode *ft_json_parse_text (const char  *text,
                              gssize       length,
                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;
char     *ft_json_reformat   (const char  *text,
                              gssize       length,
                              gboolean     pretty,
                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

const char *ft_json_object_get_string (JsonObject *object,
                                       const char *name);
JsonObject *ft_json_object_get_object (JsonObject *object,
                                       const char *name);
JsonArray  *ft_json_object_get_array  (JsonObject *object,
                                       const char *name);

G_END_DECLS
