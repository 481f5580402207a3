/* ft-csv-import.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-csv-import"

#include "config.h"

#include "ft-csv-import.h"

#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* An RFC 4180 reader on top of the JSONL line reader, which already
 * handles the BOM, CRLF, bounded memory and encoding checks. A quoted
 * field may span lines; its line breaks become "\n". Quotes inside a
 * quoted field are doubled; a quote inside an unquoted field is taken as
 * text, as spreadsheets write it.
 */

struct _FtCsvReader
{
  GObject        parent_instance;

  FtJsonlReader *lines;
  char           delimiter;
};

G_DEFINE_FINAL_TYPE (FtCsvReader, ft_csv_reader, G_TYPE_OBJECT)

struct _FtCsvMapping
{
  gatomicrefcount  ref_count;
  GArray          *entries;   /* Entry */
};

typedef struct
{
  FtRole role;
  guint  column;
} Entry;

G_DEFINE_BOXED_TYPE (FtCsvMapping, ft_csv_mapping, ft_csv_mapping_ref, ft_csv_mapping_unref)

static char *
format_number (guint64 number)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, number);
}

static gboolean
check_line (const FtJsonlLine  *line,
            GError            **error)
{
  g_autofree char *number = NULL;
  guint column;

  if (line->status != FT_LINE_INVALID_UTF8 && line->status != FT_LINE_CONTAINS_NUL)
    return TRUE;

  number = format_number (line->number);
  column = ft_json_count_columns (line->text, line->invalid_offset);

  if (line->status == FT_LINE_INVALID_UTF8)
    g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                 _("Line %s, column %u: the text is not valid UTF-8 (byte 0x%02X); "
                   "save the file with the UTF-8 encoding"),
                 number, column, (guchar)line->text[line->invalid_offset]);
  else
    g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                 _("Line %s, column %u: the line contains a NUL byte; "
                   "this does not look like a text file"),
                 number, column);

  return FALSE;
}

static void
ft_csv_reader_finalize (GObject *object)
{
  FtCsvReader *self = (FtCsvReader *)object;

  g_clear_object (&self->lines);

  G_OBJECT_CLASS (ft_csv_reader_parent_class)->finalize (object);
}

static void
ft_csv_reader_class_init (FtCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_csv_reader_finalize;
}

static void
ft_csv_reader_init (FtCsvReader *self)
{
  self->delimiter = ',';
}

/**
 * ft_csv_reader_new:
 * @stream: a CSV stream (UTF-8)
 *
 * Returns: (transfer full): a new reader, with "," as delimiter
 */
FtCsvReader *
ft_csv_reader_new (GInputStream *stream)
{
  FtCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (FT_TYPE_CSV_READER, NULL);
  self->lines = ft_jsonl_reader_new (stream);

  return self;
}

/**
 * ft_csv_reader_get_delimiter:
 * @self: a #FtCsvReader
 *
 * Returns: the field delimiter
 */
char
ft_csv_reader_get_delimiter (FtCsvReader *self)
{
  g_return_val_if_fail (FT_IS_CSV_READER (self), ',');

  return self->delimiter;
}

/**
 * ft_csv_reader_set_delimiter:
 * @self: a #FtCsvReader
 * @delimiter: "," (the default), ";" or "\t"
 */
void
ft_csv_reader_set_delimiter (FtCsvReader *self,
                             char         delimiter)
{
  g_return_if_fail (FT_IS_CSV_READER (self));
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r');
  g_return_if_fail (delimiter != '\0');

  self->delimiter = delimiter;
}

/**
 * ft_csv_reader_next_record:
 * @self: a #FtCsvReader
 * @line: (out) (optional): the line the record starts on (1-based)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the next record. Blank lines are skipped.
 *
 * Returns: (transfer full) (nullable): the fields, or %NULL at the end
 *   (with @error unset) or on error (%FT_DATASET_ERROR_PARSE naming the
 *   line, or a read error)
 */
char **
ft_csv_reader_next_record (FtCsvReader   *self,
                           guint64       *line,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  FtJsonlLine current;
  guint64 start_line;
  gboolean in_quotes = FALSE;
  gboolean after_quote = FALSE;

  g_return_val_if_fail (FT_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Skip blank lines between records. */
  do
    {
      if (!ft_jsonl_reader_next (self->lines, &current, cancellable, error))
        return NULL;
    }
  while (current.status == FT_LINE_BLANK && current.length == 0);

  start_line = current.number;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  for (;;)
    {
      if (!check_line (&current, error))
        return NULL;

      for (gsize i = 0; i < current.length; i++)
        {
          char c = current.text[i];

          if (in_quotes)
            {
              if (c != '"')
                g_string_append_c (field, c);
              else if (i + 1 < current.length && current.text[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i++;
                }
              else
                {
                  in_quotes = FALSE;
                  after_quote = TRUE;
                }
            }
          else if (c == self->delimiter)
            {
              g_ptr_array_add (fields, g_strndup (field->str, field->len));
              g_string_truncate (field, 0);
              after_quote = FALSE;
            }
          else if (after_quote)
            {
              g_autofree char *number = NULL;

              /* Spaces after a closing quote are harmless. */
              if (c == ' ' || c == '\t')
                continue;

              number = format_number (current.number);
              g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("Line %s, column %u: unexpected text after the closing quote "
                             "of a field; a quote inside a quoted field must be doubled (\"\")"),
                           number, ft_json_count_columns (current.text, i));
              return NULL;
            }
          else if (c == '"' && field->len == 0)
            {
              in_quotes = TRUE;
            }
          else
            {
              g_string_append_c (field, c);
            }
        }

      if (!in_quotes)
        break;

      /* A quoted field goes on at the next line. */
      g_string_append_c (field, '\n');
      if (!ft_jsonl_reader_next (self->lines, &current, cancellable, error))
        {
          g_autofree char *number = NULL;

          if (error != NULL && *error != NULL)
            return NULL;

          number = format_number (start_line);
          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                       _("Line %s: a quoted field that starts on this line is never closed "
                         "(a closing \" is missing)"),
                       number);
          return NULL;
        }
    }

  g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
  g_ptr_array_add (fields, NULL);

  if (line != NULL)
    *line = start_line;

  return (char **)g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/* Mappings */

/**
 * ft_csv_mapping_new:
 *
 * Returns: (transfer full): an empty mapping
 */
FtCsvMapping *
ft_csv_mapping_new (void)
{
  FtCsvMapping *self = g_new0 (FtCsvMapping, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  return self;
}

/**
 * ft_csv_mapping_ref:
 * @self: a #FtCsvMapping
 *
 * Returns: (transfer full): @self
 */
FtCsvMapping *
ft_csv_mapping_ref (FtCsvMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_csv_mapping_unref:
 * @self: (transfer full): a #FtCsvMapping
 */
void
ft_csv_mapping_unref (FtCsvMapping *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->entries);
      g_free (self);
    }
}

/**
 * ft_csv_mapping_add:
 * @self: a #FtCsvMapping
 * @role: the role of the message
 * @column: the 0-based column holding its text
 *
 * Appends a message taken from @column.
 */
void
ft_csv_mapping_add (FtCsvMapping *self,
                    FtRole        role,
                    guint         column)
{
  Entry entry = { role, column };

  g_return_if_fail (self != NULL);
  g_return_if_fail (ft_role_to_string (role) != NULL);

  g_array_append_val (self->entries, entry);
}

/**
 * ft_csv_mapping_get_n_entries:
 * @self: a #FtCsvMapping
 *
 * Returns: the number of messages each record makes
 */
guint
ft_csv_mapping_get_n_entries (FtCsvMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/**
 * ft_csv_mapping_get_entry:
 * @self: a #FtCsvMapping
 * @index: an entry
 * @role: (out) (optional): its role
 * @column: (out) (optional): its 0-based column
 */
void
ft_csv_mapping_get_entry (FtCsvMapping *self,
                          guint         index,
                          FtRole       *role,
                          guint        *column)
{
  const Entry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->entries->len);

  entry = &g_array_index (self->entries, Entry, index);
  if (role != NULL)
    *role = entry->role;
  if (column != NULL)
    *column = entry->column;
}

/* Lower case, with spaces, "_" and "-" removed: "System Prompt" and
 * "system_prompt" are the same name.
 */
static char *
normalize_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p != ' ' && *p != '_' && *p != '-' && *p != '\t')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static const struct {
  FtRole      role;
  const char *names[10];
} known_columns[] = {
  { FT_ROLE_SYSTEM, { "system", "systemprompt", "systemmessage", "instructions", NULL } },
  { FT_ROLE_USER, { "user", "prompt", "question", "input", "query", "human",
                    "usermessage", NULL } },
  { FT_ROLE_ASSISTANT, { "assistant", "completion", "response", "answer", "output", "reply",
                         "assistantmessage", "gpt", "bot", NULL } },
};

static int
find_column (const char * const *header,
             const char         *name)
{
  g_autofree char *wanted = normalize_name (name);

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *normalized = normalize_name (header[i]);

      if (strcmp (normalized, wanted) == 0)
        return i;
    }

  return -1;
}

static char *
describe_header (const char * const *header)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; header[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "“%s”", header[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * ft_csv_mapping_new_from_header:
 * @header: the first record of the file
 * @error: return location for a #GError
 *
 * Picks columns by name, ignoring case, spaces, "_" and "-": system
 * (system, system_prompt, instructions), user (user, prompt, question,
 * input, query, human) and assistant (assistant, completion, response,
 * answer, output, reply), in that order.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with
 *   %FT_DATASET_ERROR_PARSE when no user or no assistant column is found
 */
FtCsvMapping *
ft_csv_mapping_new_from_header (const char * const  *header,
                                GError             **error)
{
  g_autoptr(FtCsvMapping) self = ft_csv_mapping_new ();
  gboolean found_user = FALSE;
  gboolean found_assistant = FALSE;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_columns); i++)
    {
      for (guint j = 0; known_columns[i].names[j] != NULL; j++)
        {
          int column = find_column (header, known_columns[i].names[j]);

          if (column >= 0)
            {
              ft_csv_mapping_add (self, known_columns[i].role, column);
              found_user |= known_columns[i].role == FT_ROLE_USER;
              found_assistant |= known_columns[i].role == FT_ROLE_ASSISTANT;
              break;
            }
        }
    }

  if (!found_user || !found_assistant)
    {
      g_autofree char *names = describe_header (header);

      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   _("Could not tell which columns hold the user and the assistant text; "
                     "the columns are %s. Name them, for example “user=%s,assistant=%s”"),
                   names,
                   header[0] != NULL ? header[0] : "1",
                   header[0] != NULL && header[1] != NULL ? header[1] : "2");
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ft_csv_mapping_parse:
 * @spec: "role=COLUMN,role=COLUMN,…"; a column is a header name or a
 *   1-based number, a role is system, developer, user or assistant
 * @header: (nullable): the header, to look names up in
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with
 *   %FT_DATASET_ERROR_PARSE saying what is wrong
 */
FtCsvMapping *
ft_csv_mapping_parse (const char          *spec,
                      const char * const  *header,
                      GError             **error)
{
  g_autoptr(FtCsvMapping) self = ft_csv_mapping_new ();
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  items = g_strsplit (spec, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      char *equals = strchr (item, '=');
      const char *role_name;
      const char *column_name;
      FtRole role;
      guint64 number;
      int column = -1;

      if (item[0] == '\0')
        continue;

      if (equals == NULL)
        {
          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                       _("“%s” is not a column mapping; write ROLE=COLUMN, "
                         "for example “user=question”"),
                       item);
          return NULL;
        }

      *equals = '\0';
      role_name = g_strstrip (item);
      column_name = g_strstrip (equals + 1);
      role = ft_role_from_string (role_name);

      if (role != FT_ROLE_SYSTEM && role != FT_ROLE_DEVELOPER
          && role != FT_ROLE_USER && role != FT_ROLE_ASSISTANT)
        {
          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                       _("Unknown role “%s”; use system, developer, user or assistant"),
                       role_name);
          return NULL;
        }

      if (header != NULL)
        column = find_column (header, column_name);

      if (column < 0 && g_ascii_string_to_unsigned (column_name, 10, 1, G_MAXINT, &number, NULL))
        column = number - 1;

      if (column < 0)
        {
          g_autofree char *names = header != NULL ? describe_header (header) : g_strdup ("");

          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                       _("There is no column “%s”; the columns are %s"),
                       column_name, names);
          return NULL;
        }

      ft_csv_mapping_add (self, role, column);
    }

  if (self->entries->len == 0)
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("The column mapping is empty"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ft_csv_mapping_to_string:
 * @self: a #FtCsvMapping
 * @header: (nullable): the header, for column names
 *
 * Returns: (transfer full): the mapping as "role=COLUMN,…", the form
 *   ft_csv_mapping_parse() reads
 */
char *
ft_csv_mapping_to_string (FtCsvMapping       *self,
                          const char * const *header)
{
  GString *out;
  guint n_header;

  g_return_val_if_fail (self != NULL, NULL);

  n_header = header != NULL ? g_strv_length ((char **)header) : 0;
  out = g_string_new (NULL);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (entry->column < n_header && header[entry->column][0] != '\0'
          && strchr (header[entry->column], ',') == NULL)
        g_string_append_printf (out, "%s=%s",
                                ft_role_to_string (entry->role), header[entry->column]);
      else
        g_string_append_printf (out, "%s=%u", ft_role_to_string (entry->role), entry->column + 1);
    }

  return g_string_free (out, FALSE);
}
