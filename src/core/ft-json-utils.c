/* ft-json-utils.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-json-utils"

#include "config.h"

#include "ft-json-utils.h"

#include "ft-error.h"
#include "ft-json-scan.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* JSON that people type: tool-call arguments, tool parameters, grader data.
 * Checking names the line and column of the problem (people edit these
 * pretty-printed, over several lines), and reformatting works on the text
 * itself, so that numbers and strings keep their exact spelling (json-glib
 * would round large numbers through a double).
 */

#define MAX_DEPTH 256

/**
 * ft_json_check_text:
 * @text: JSON text, possibly over several lines
 * @length: its length in bytes, or -1 when NUL-terminated
 * @error_offset: (out) (optional): the byte offset of the problem
 * @error: return location for a #GError
 *
 * Checks that @text is exactly one JSON value.
 *
 * Returns: %TRUE when it is; otherwise %FALSE with %FT_DATASET_ERROR_PARSE
 *   naming the column (and the line, when @text has several)
 */
gboolean
ft_json_check_text (const char  *text,
                    gssize       length,
                    gsize       *error_offset,
                    GError     **error)
{
  g_autofree char *message = NULL;
  const char *line_start;
  gsize offset = 0;
  guint line = 1;
  guint column;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate (text, length, NULL))
    {
      const char *end = NULL;

      g_utf8_validate (text, length, &end);
      offset = end - text;
      message = g_strdup (_("the text is not valid UTF-8"));
    }
  else if (ft_json_validate (text, length, MAX_DEPTH, NULL, &offset, &message))
    {
      return TRUE;
    }

  line_start = text;
  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          line++;
          line_start = text + i + 1;
        }
    }

  if (error_offset != NULL)
    *error_offset = offset;

  column = ft_json_count_columns (line_start, text + offset - line_start);
  if (memchr (text, '\n', length) != NULL)
    g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                 /* Translators: "Line 2, column 7: expected a value". */
                 _("Line %u, column %u: %s"),
                 line, column, message != NULL ? message : _("not valid JSON"));
  else
    g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                 /* Translators: "Column 7: expected a value", in text of one line. */
                 _("Column %u: %s"),
                 column, message != NULL ? message : _("not valid JSON"));

  return FALSE;
}

/**
 * ft_json_parse_text:
 * @text: JSON text, possibly over several lines
 * @length: its length in bytes, or -1 when NUL-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with the error
 *   of ft_json_check_text()
 */
JsonNode *
ft_json_parse_text (const char  *text,
                    gssize       length,
                    GError     **error)
{
  FtJsonSpan span;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  if (!ft_json_check_text (text, length, NULL, error))
    return NULL;

  span.text = text;
  span.length = length;

  return ft_json_span_parse (&span);
}

static void
append_newline (GString *out,
                guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* Skips whitespace from @p; returns the next significant character. */
static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;

  return p;
}

/**
 * ft_json_reformat:
 * @text: JSON text
 * @length: its length in bytes, or -1 when NUL-terminated
 * @pretty: %TRUE for one member per line, indented by two spaces; %FALSE
 *   for no whitespace at all
 * @error: return location for a #GError
 *
 * Rewrites the whitespace of @text, keeping every value exactly as it is
 * spelled.
 *
 * Returns: (transfer full) (nullable): the new text, or %NULL with the
 *   error of ft_json_check_text()
 */
char *
ft_json_reformat (const char  *text,
                  gssize       length,
                  gboolean     pretty,
                  GError     **error)
{
  GString *out;
  const char *p;
  const char *end;
  guint depth = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  if (!ft_json_check_text (text, length, NULL, error))
    return NULL;

  out = g_string_sized_new (length + (pretty ? length / 2 : 0));
  end = text + length;
  p = skip_space (text, end);

  while (p < end)
    {
      char c = *p;

      if (c == '"')
        {
          const char *start = p++;

          while (p < end && *p != '"')
            p += *p == '\\' ? 2 : 1;
          p++;
          g_string_append_len (out, start, p - start);
        }
      else if (c == '{' || c == '[')
        {
          const char *next = skip_space (p + 1, end);

          /* An empty container stays on one line. */
          if (next < end && (*next == '}' || *next == ']'))
            {
              g_string_append_c (out, c);
              g_string_append_c (out, *next);
              p = next + 1;
            }
          else
            {
              g_string_append_c (out, c);
              depth++;
              if (pretty)
                append_newline (out, depth);
              p++;
            }
        }
      else if (c == '}' || c == ']')
        {
          depth--;
          if (pretty)
            append_newline (out, depth);
          g_string_append_c (out, c);
          p++;
        }
      else if (c == ',')
        {
          g_string_append_c (out, c);
          if (pretty)
            append_newline (out, depth);
          p++;
        }
      else if (c == ':')
        {
          g_string_append (out, pretty ? ": " : ":");
          p++;
        }
      else
        {
          /* A number or a literal: copy up to the next delimiter. */
          const char *start = p;

          while (p < end && strchr (" \t\n\r,:]}", *p) == NULL)
            p++;
          g_string_append_len (out, start, p - start);
        }

      p = skip_space (p, end);
    }

  return g_string_free (out, FALSE);
}

/* Typed members. json-glib's own getters warn on a missing member or one
 * of another type; data read from files and servers may have either, so
 * these say "not there" instead.
 */

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

/**
 * ft_json_object_get_string:
 * @object: (nullable): a JSON object
 * @name: a member name
 *
 * Returns: (nullable): the member's text, or %NULL when @object is %NULL
 *   or the member is missing or not a string
 */
const char *
ft_json_object_get_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * ft_json_object_get_object:
 * @object: (nullable): a JSON object
 * @name: a member name
 *
 * Returns: (nullable): the member, or %NULL when @object is %NULL or the
 *   member is missing or not an object
 */
JsonObject *
ft_json_object_get_object (JsonObject *object,
                           const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * ft_json_object_get_array:
 * @object: (nullable): a JSON object
 * @name: a member name
 *
 * Returns: (nullable): the member, or %NULL when @object is %NULL or the
 *   member is missing or not an array
 */
JsonArray *
ft_json_object_get_array (JsonObject *object,
                          const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
