/* ft-import.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-import"

#include "config.h"

#include "ft-import.h"

#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"
#include "ft-jsonl-writer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Turns CSV files and legacy prompt/completion JSONL into chat examples.
 *
 * CSV: the first record is the header; a mapping (given, or found from
 * the header names) says which columns become which messages, in order.
 * An optional system text is put first when no column supplies one.
 * Trailing empty cells make no message, so a file with columns for two
 * turns can hold one-turn rows. Line breaks inside fields become "\n".
 *
 * JSONL: a line with "prompt"/"completion" and no "messages" becomes
 * {"messages": [system?, user: prompt, assistant: completion], …} with
 * its other keys kept after "messages". The texts are kept exactly
 * (separators such as " ->" and stop sequences included). Every other
 * line, valid or not, is passed through unchanged; nothing is dropped.
 */

#define PEEK_SIZE (64 * 1024)

struct _FtImportOptions
{
  gatomicrefcount  ref_count;
  FtImportFormat   format;
  char            *system_text;
  FtCsvMapping    *mapping;
  char            *mapping_spec;
  char             delimiter;
};

G_DEFINE_BOXED_TYPE (FtImportOptions, ft_import_options,
                     ft_import_options_ref, ft_import_options_unref)

G_DEFINE_ENUM_TYPE (FtImportFormat, ft_import_format,
  G_DEFINE_ENUM_VALUE (FT_IMPORT_FORMAT_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (FT_IMPORT_FORMAT_JSONL, "jsonl"),
  G_DEFINE_ENUM_VALUE (FT_IMPORT_FORMAT_CSV, "csv"))

/**
 * ft_import_options_new:
 *
 * Returns: (transfer full): options with automatic format, mapping and
 *   delimiter, and no system text
 */
FtImportOptions *
ft_import_options_new (void)
{
  FtImportOptions *self = g_new0 (FtImportOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

/**
 * ft_import_options_ref:
 * @self: a #FtImportOptions
 *
 * Returns: (transfer full): @self
 */
FtImportOptions *
ft_import_options_ref (FtImportOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_import_options_unref:
 * @self: (transfer full): a #FtImportOptions
 */
void
ft_import_options_unref (FtImportOptions *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->system_text);
      g_clear_pointer (&self->mapping, ft_csv_mapping_unref);
      g_free (self->mapping_spec);
      g_free (self);
    }
}

/**
 * ft_import_options_set_format:
 * @self: a #FtImportOptions
 * @format: the input format
 */
void
ft_import_options_set_format (FtImportOptions *self,
                              FtImportFormat   format)
{
  g_return_if_fail (self != NULL);

  self->format = format;
}

/**
 * ft_import_options_set_system_text:
 * @self: a #FtImportOptions
 * @system_text: (nullable): a system message for every converted example
 */
void
ft_import_options_set_system_text (FtImportOptions *self,
                                   const char      *system_text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (system_text == NULL || g_utf8_validate (system_text, -1, NULL));

  g_free (self->system_text);
  self->system_text = system_text != NULL && system_text[0] != '\0' ? g_strdup (system_text) : NULL;
}

/**
 * ft_import_options_set_mapping:
 * @self: a #FtImportOptions
 * @mapping: (nullable): the CSV columns to use; %NULL to find them from
 *   the header
 */
void
ft_import_options_set_mapping (FtImportOptions *self,
                               FtCsvMapping    *mapping)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->mapping, ft_csv_mapping_unref);
  if (mapping != NULL)
    self->mapping = ft_csv_mapping_ref (mapping);
}

/**
 * ft_import_options_set_mapping_spec:
 * @self: a #FtImportOptions
 * @spec: (nullable): a mapping as ft_csv_mapping_parse() reads it, applied
 *   to the header of the file
 */
void
ft_import_options_set_mapping_spec (FtImportOptions *self,
                                    const char      *spec)
{
  g_return_if_fail (self != NULL);

  g_free (self->mapping_spec);
  self->mapping_spec = g_strdup (spec);
}

/**
 * ft_import_options_set_delimiter:
 * @self: a #FtImportOptions
 * @delimiter: the CSV delimiter, or '\0' to guess it from the header line
 */
void
ft_import_options_set_delimiter (FtImportOptions *self,
                                 char             delimiter)
{
  g_return_if_fail (self != NULL);

  self->delimiter = delimiter;
}

/**
 * ft_import_stats_init:
 * @stats: (out caller-allocates): stats to set up
 */
void
ft_import_stats_init (FtImportStats *stats)
{
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  stats->warnings = g_ptr_array_new_with_free_func (g_free);
}

/**
 * ft_import_stats_clear:
 * @stats: stats from ft_import_stats_init()
 */
void
ft_import_stats_clear (FtImportStats *stats)
{
  g_return_if_fail (stats != NULL);

  g_clear_pointer (&stats->warnings, g_ptr_array_unref);
}

static void
add_warning (FtImportStats *stats,
             char          *message)
{
  if (stats != NULL && stats->warnings != NULL)
    g_ptr_array_add (stats->warnings, message);
  else
    g_free (message);
}

static char *
format_number (guint64 number)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, number);
}

static void
append_message (GString    *out,
                const char *role,
                const char *json_content)
{
  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append (out, "{\"role\":\"");
  g_string_append (out, role);
  g_string_append (out, "\",\"content\":");
  g_string_append (out, json_content);
  g_string_append_c (out, '}');
}

static char *
json_string (const char *utf8)
{
  GString *out = g_string_new (NULL);

  ft_json_append_string (out, utf8, -1);

  return g_string_free (out, FALSE);
}

typedef enum
{
  LEGACY_NOT,          /* not a prompt/completion line */
  LEGACY_CONVERTED,
  LEGACY_NOT_STRING,   /* prompt or completion is not a string */
} LegacyResult;

static LegacyResult
convert_legacy (const char  *line,
                gsize        length,
                const char  *system_text,
                char       **result,
                const char **bad_key)
{
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan value;
  FtJsonSpan prompt = { NULL, 0 };
  FtJsonSpan completion = { NULL, 0 };
  gboolean other_shape = FALSE;
  GString *out;

  *result = NULL;

  if (!ft_json_iter_init_object (&iter, line, length))
    return LEGACY_NOT;

  while (ft_json_iter_next_member (&iter, &name, &value))
    {
      if (ft_json_span_equal (&name, "prompt"))
        prompt = value;
      else if (ft_json_span_equal (&name, "completion"))
        completion = value;
      else if (ft_json_span_equal (&name, "messages")
               || ft_json_span_equal (&name, "input")
               || ft_json_span_equal (&name, "preferred_output")
               || ft_json_span_equal (&name, "preferred_completion"))
        other_shape = TRUE;
    }

  if (other_shape || (prompt.text == NULL && completion.text == NULL))
    return LEGACY_NOT;

  if (prompt.text != NULL && !ft_json_span_is_string (&prompt))
    {
      *bad_key = "prompt";
      return LEGACY_NOT_STRING;
    }
  if (completion.text != NULL && !ft_json_span_is_string (&completion))
    {
      *bad_key = "completion";
      return LEGACY_NOT_STRING;
    }

  out = g_string_new ("{\"messages\":[");
  if (system_text != NULL)
    {
      g_autofree char *system = json_string (system_text);

      append_message (out, "system", system);
    }
  if (prompt.text != NULL)
    {
      g_autofree char *text = g_strndup (prompt.text, prompt.length);

      append_message (out, "user", text);
    }
  if (completion.text != NULL)
    {
      g_autofree char *text = g_strndup (completion.text, completion.length);

      append_message (out, "assistant", text);
    }
  g_string_append_c (out, ']');

  /* Keep every other key, in order. */
  ft_json_iter_init_object (&iter, line, length);
  while (ft_json_iter_next_member (&iter, &name, &value))
    {
      if (ft_json_span_equal (&name, "prompt") || ft_json_span_equal (&name, "completion"))
        continue;
      g_string_append_c (out, ',');
      g_string_append_len (out, name.text, name.length);
      g_string_append_c (out, ':');
      g_string_append_len (out, value.text, value.length);
    }
  g_string_append_c (out, '}');

  *result = g_string_free (out, FALSE);

  return LEGACY_CONVERTED;
}

/**
 * ft_import_convert_prompt_completion:
 * @line: one valid JSON line
 * @length: its length
 * @system_text: (nullable): a system message to put first
 *
 * Returns: (transfer full) (nullable): the line as chat, or %NULL when it
 *   is not a prompt/completion line (or they are not strings)
 */
char *
ft_import_convert_prompt_completion (const char *line,
                                     gsize       length,
                                     const char *system_text)
{
  const char *bad_key = NULL;
  char *result = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  if (!ft_json_validate (line, length, FT_JSONL_MAX_DEPTH, NULL, NULL, NULL))
    return NULL;

  convert_legacy (line, length, system_text, &result, &bad_key);

  return result;
}

static gboolean
import_jsonl (GInputStream     *stream,
              FtImportOptions  *options,
              FtImportFunc      func,
              gpointer          user_data,
              FtImportStats    *stats,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (stream);
  g_autoptr(GError) local_error = NULL;
  FtJsonlLine line;

  while (ft_jsonl_reader_next (reader, &line, cancellable, &local_error))
    {
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *converted = NULL;
      const char *bad_key = NULL;
      LegacyResult result;

      if (line.status == FT_LINE_BLANK)
        continue;

      if (!ft_jsonl_line_validate (&line, NULL, &parse_error))
        {
          add_warning (stats, g_strdup (parse_error->message));
          if (stats != NULL)
            stats->n_broken++;
          result = LEGACY_NOT;
        }
      else
        {
          result = convert_legacy (line.text, line.length, options->system_text,
                                   &converted, &bad_key);
        }

      if (result == LEGACY_NOT_STRING)
        {
          g_autofree char *number = format_number (line.number);

          add_warning (stats,
                       g_strdup_printf (_("Line %s: “%s” is not a string; "
                                          "the line was kept as it is"),
                                        number, bad_key));
        }

      if (converted != NULL)
        {
          if (!func (converted, strlen (converted), line.number, user_data, error))
            return FALSE;
          if (stats != NULL)
            stats->n_converted++;
        }
      else
        {
          if (!func (line.text, line.length, line.number, user_data, error))
            return FALSE;
          if (stats != NULL && parse_error == NULL)
            stats->n_unchanged++;
        }

      if (stats != NULL)
        stats->n_examples++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Guesses the delimiter from the first line: the most frequent of ",",
 * ";" and tab outside quotes.
 */
static char
guess_delimiter (const char *data,
                 gsize       length)
{
  guint commas = 0;
  guint semicolons = 0;
  guint tabs = 0;
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < length && (in_quotes || (data[i] != '\n' && data[i] != '\r')); i++)
    {
      if (data[i] == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (data[i] == ',')
        commas++;
      else if (data[i] == ';')
        semicolons++;
      else if (data[i] == '\t')
        tabs++;
    }

  if (tabs > commas && tabs >= semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static gboolean
import_csv (GInputStream     *stream,
            char              delimiter,
            FtImportOptions  *options,
            FtImportFunc      func,
            gpointer          user_data,
            FtImportStats    *stats,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(FtCsvReader) reader = ft_csv_reader_new (stream);
  g_autoptr(FtCsvMapping) mapping = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *system_json = NULL;
  gboolean has_system_column = FALSE;
  guint64 line = 0;
  char **record;

  ft_csv_reader_set_delimiter (reader, delimiter);

  header = ft_csv_reader_next_record (reader, &line, cancellable, &local_error);
  if (header == NULL)
    {
      if (local_error == NULL)
        g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                             _("The file is empty: a CSV file needs a header row "
                               "naming its columns"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; header[i] != NULL; i++)
    g_strstrip (header[i]);

  if (options->mapping != NULL)
    mapping = ft_csv_mapping_ref (options->mapping);
  else if (options->mapping_spec != NULL)
    mapping = ft_csv_mapping_parse (options->mapping_spec, (const char * const *)header, error);
  else
    mapping = ft_csv_mapping_new_from_header ((const char * const *)header, error);

  if (mapping == NULL)
    return FALSE;

  for (guint i = 0; i < ft_csv_mapping_get_n_entries (mapping); i++)
    {
      FtRole role;

      ft_csv_mapping_get_entry (mapping, i, &role, NULL);
      has_system_column |= role == FT_ROLE_SYSTEM;
    }

  if (options->system_text != NULL)
    system_json = json_string (options->system_text);

  while ((record = ft_csv_reader_next_record (reader, &line, cancellable, &local_error)) != NULL)
    {
      g_auto(GStrv) fields = record;
      guint n_fields = g_strv_length (fields);
      guint n_entries = ft_csv_mapping_get_n_entries (mapping);
      guint last = 0;
      gboolean short_record = FALSE;

      /* Messages after the last non-empty cell are left out. */
      for (guint i = 0; i < n_entries; i++)
        {
          guint column;

          ft_csv_mapping_get_entry (mapping, i, NULL, &column);
          if (column < n_fields && fields[column][0] != '\0')
            last = i + 1;
          short_record |= column >= n_fields;
        }

      if (short_record)
        {
          g_autofree char *number = format_number (line);

          add_warning (stats,
                       g_strdup_printf (ngettext ("Line %s: the record has %u field, fewer "
                                                  "than the columns used; the missing ones "
                                                  "were taken as empty",
                                                  "Line %s: the record has %u fields, fewer "
                                                  "than the columns used; the missing ones "
                                                  "were taken as empty",
                                                  n_fields),
                                        number, n_fields));
        }

      g_string_assign (out, "{\"messages\":[");
      if (!has_system_column && system_json != NULL)
        append_message (out, "system", system_json);

      for (guint i = 0; i < last; i++)
        {
          g_autofree char *content = NULL;
          const char *text;
          FtRole role;
          guint column;

          ft_csv_mapping_get_entry (mapping, i, &role, &column);
          text = column < n_fields ? fields[column] : "";

          if (role == FT_ROLE_SYSTEM && text[0] == '\0')
            {
              if (system_json != NULL)
                append_message (out, "system", system_json);
              continue;
            }

          content = json_string (text);
          append_message (out, ft_role_to_string (role), content);
        }
      g_string_append (out, "]}");

      if (!func (out->str, out->len, line, user_data, error))
        return FALSE;

      if (stats != NULL)
        {
          stats->n_examples++;
          stats->n_converted++;
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static FtImportFormat
format_from_name (const char *name,
                  char       *delimiter)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FT_IMPORT_FORMAT_AUTO;

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".csv"))
    return FT_IMPORT_FORMAT_CSV;
  if (g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".tab"))
    {
      *delimiter = '\t';
      return FT_IMPORT_FORMAT_CSV;
    }
  if (g_str_has_suffix (lower, ".jsonl") || g_str_has_suffix (lower, ".json")
      || g_str_has_suffix (lower, ".ndjson"))
    return FT_IMPORT_FORMAT_JSONL;

  return FT_IMPORT_FORMAT_AUTO;
}

/**
 * ft_import_stream:
 * @stream: the input
 * @name: (nullable): the input's file name, to tell the format by
 * @options: (nullable): how to convert; %NULL for the defaults
 * @func: (scope call): called with each resulting line, in order
 * @user_data: data for @func
 * @stats: (nullable): filled with counts and warnings; initialize it with
 *   ft_import_stats_init()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads CSV or JSONL and hands chat JSONL lines to @func, streaming.
 *
 * Returns: %TRUE on success; %FALSE on a read error, a CSV syntax error
 *   (%FT_DATASET_ERROR_PARSE naming the line), a missing column, or when
 *   @func fails
 */
gboolean
ft_import_stream (GInputStream     *stream,
                  const char       *name,
                  FtImportOptions  *options,
                  FtImportFunc      func,
                  gpointer          user_data,
                  FtImportStats    *stats,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(FtImportOptions) defaults = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  FtImportFormat format;
  char delimiter = '\0';

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = defaults = ft_import_options_new ();

  format = options->format;
  if (format == FT_IMPORT_FORMAT_AUTO)
    format = format_from_name (name, &delimiter);
  if (options->delimiter != '\0')
    delimiter = options->delimiter;

  buffered = g_buffered_input_stream_new_sized (stream, PEEK_SIZE);

  if (format == FT_IMPORT_FORMAT_AUTO || (format == FT_IMPORT_FORMAT_CSV && delimiter == '\0'))
    {
      const char *data;
      gsize length;
      gsize i = 0;

      if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), PEEK_SIZE,
                                        cancellable, error) < 0)
        return FALSE;

      data = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &length);
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;

      if (format == FT_IMPORT_FORMAT_AUTO)
        {
          gsize j = i;

          while (j < length && g_ascii_isspace (data[j]))
            j++;
          if (j >= length || data[j] == '{' || data[j] == '[')
            format = FT_IMPORT_FORMAT_JSONL;
          else
            format = FT_IMPORT_FORMAT_CSV;
        }

      if (format == FT_IMPORT_FORMAT_CSV && delimiter == '\0')
        delimiter = guess_delimiter (data + i, length - i);
    }

  if (format == FT_IMPORT_FORMAT_CSV)
    return import_csv (buffered, delimiter, options, func, user_data, stats, cancellable, error);

  return import_jsonl (buffered, options, func, user_data, stats, cancellable, error);
}

static gboolean
write_line_cb (const char  *line,
               gsize        length,
               guint64      source_line,
               gpointer     user_data,
               GError     **error)
{
  return ft_jsonl_writer_write_line (user_data, line, length, NULL, error);
}

/**
 * ft_import_file:
 * @input: a CSV or JSONL file
 * @output: the chat JSONL file to write (atomically)
 * @options: (nullable): how to convert
 * @stats: (nullable): filled with counts and warnings
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Converts @input into @output, streaming; @output is only replaced when
 * everything was read.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_import_file (GFile            *input,
                GFile            *output,
                FtImportOptions  *options,
                FtImportStats    *stats,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(FtJsonlWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (input);
  basename = g_file_get_basename (input);

  stream = g_file_read (input, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  writer = ft_jsonl_writer_new (output, error);
  if (writer == NULL)
    return FALSE;

  if (!ft_import_stream (G_INPUT_STREAM (stream), basename, options,
                         write_line_cb, writer, stats, cancellable, &local_error))
    {
      if (local_error->domain == G_IO_ERROR && local_error->code != G_IO_ERROR_CANCELLED)
        g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      ft_jsonl_writer_abort (writer);
      return FALSE;
    }

  return ft_jsonl_writer_commit (writer, cancellable, error);
}

/**
 * ft_import_read_csv_header:
 * @file: a CSV (or TSV) file
 * @header: (out) (transfer full) (array zero-terminated=1): the column names
 * @first_record: (out) (optional) (transfer full) (array zero-terminated=1)
 *   (nullable): the first record after the header, or %NULL when there is
 *   none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the header of a CSV file the way an import would (the same
 * delimiter), so that a user can choose the columns when the names do not
 * say which is which. Blocking; see ft_import_read_csv_header_async().
 *
 * Returns: %TRUE on success
 */
gboolean
ft_import_read_csv_header (GFile          *file,
                           char         ***header,
                           char         ***first_record,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(FtCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_auto(GStrv) names = NULL;
  char delimiter = '\0';
  guint64 line = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  format_from_name (basename, &delimiter);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  buffered = g_buffered_input_stream_new_sized (G_INPUT_STREAM (stream), PEEK_SIZE);
  if (delimiter == '\0')
    {
      const char *data;
      gsize length;

      if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), PEEK_SIZE,
                                        cancellable, &local_error) < 0)
        {
          g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                       _("Could not read “%s”: %s"), name, local_error->message);
          return FALSE;
        }

      data = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &length);
      delimiter = guess_delimiter (data, length);
    }

  reader = ft_csv_reader_new (buffered);
  ft_csv_reader_set_delimiter (reader, delimiter);

  names = ft_csv_reader_next_record (reader, &line, cancellable, error);
  if (names == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                             _("The file is empty: a CSV file needs a header row naming "
                               "its columns"));
      return FALSE;
    }

  for (guint i = 0; names[i] != NULL; i++)
    g_strstrip (names[i]);

  if (first_record != NULL)
    *first_record = ft_csv_reader_next_record (reader, &line, cancellable, NULL);

  *header = g_steal_pointer (&names);

  return TRUE;
}

typedef struct
{
  char **header;
  char **first_record;
} HeaderData;

static void
header_data_free (HeaderData *data)
{
  g_strfreev (data->header);
  g_strfreev (data->first_record);
  g_free (data);
}

static void
read_header_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = source_object;
  HeaderData *data = g_new0 (HeaderData, 1);
  GError *error = NULL;

  if (!ft_import_read_csv_header (file, &data->header, &data->first_record, cancellable, &error))
    {
      header_data_free (data);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, data, (GDestroyNotify)header_data_free);
}

/**
 * ft_import_read_csv_header_async:
 * @file: a CSV (or TSV) file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Like ft_import_read_csv_header(), in a worker thread.
 */
void
ft_import_read_csv_header_async (GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_import_read_csv_header_async);
  g_task_run_in_thread (task, read_header_worker);
}

/**
 * ft_import_read_csv_header_finish:
 * @file: the file
 * @result: the result
 * @header: (out) (transfer full) (array zero-terminated=1): the column names
 * @first_record: (out) (optional) (transfer full) (nullable): the first
 *   record after the header
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
ft_import_read_csv_header_finish (GFile         *file,
                                  GAsyncResult  *result,
                                  char        ***header,
                                  char        ***first_record,
                                  GError       **error)
{
  HeaderData *data;

  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  data = g_task_propagate_pointer (G_TASK (result), error);
  if (data == NULL)
    return FALSE;

  *header = g_steal_pointer (&data->header);
  if (first_record != NULL)
    *first_record = g_steal_pointer (&data->first_record);
  header_data_free (data);

  return TRUE;
}
