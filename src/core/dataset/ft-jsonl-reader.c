/* ft-jsonl-reader.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-jsonl-reader"

#include "config.h"

#include "ft-jsonl-reader.h"

#include "ft-error.h"
#include "ft-json-scan.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The reader pulls fixed-size chunks from the stream. A line that lies
 * inside one chunk is handed out in place (its "\n" overwritten by a NUL);
 * only a line that crosses a chunk boundary is copied into @line, which
 * grows to the longest such line and is released again afterwards. So the
 * reader holds one chunk plus at most the current line.
 */
#define CHUNK_SIZE        (256 * 1024)
#define KEEP_LINE_BUFFER  (1024 * 1024)

static const guchar utf8_bom[3] = { 0xEF, 0xBB, 0xBF };

struct _FtJsonlReader
{
  GObject       parent_instance;

  GInputStream *stream;
  guchar       *chunk;
  gsize         chunk_len;
  gsize         chunk_pos;
  GByteArray   *line;

  guint64       line_number;
  guint64       next_offset;
  guint64       bytes_read;
  guint         eof : 1;
};

G_DEFINE_FINAL_TYPE (FtJsonlReader, ft_jsonl_reader, G_TYPE_OBJECT)

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      switch (text[i])
        {
        case ' ': case '\t': case '\r': case '\f': case '\v':
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* The length of the well-formed UTF-8 character at @p (Unicode's table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static inline gsize
well_formed_length (const guchar *p,
                    const guchar *end)
{
  guchar lo = 0x80;
  guchar hi = 0xBF;
  gsize length;

  if (p[0] < 0xC2 || p[0] > 0xF4)
    return 0;

  length = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
  if ((gsize)(end - p) < length)
    return 0;

  if (p[0] == 0xE0)
    lo = 0xA0;
  else if (p[0] == 0xED)
    hi = 0x9F;
  else if (p[0] == 0xF0)
    lo = 0x90;
  else if (p[0] == 0xF4)
    hi = 0x8F;

  if (p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < length; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
    }

  return length;
}

/* What g_utf8_validate_len() finds (NUL counts as invalid), faster: ASCII,
 * which most of most lines is, eight bytes at a time while none is above
 * 0x7F or NUL, and other characters inline. A test compares the two.
 */
static gboolean
validate_utf8 (const char  *text,
               gsize        length,
               const char **bad)
{
  const guchar *p = (const guchar *)text;
  const guchar *end = p + length;

  while (p < end)
    {
      gsize n;

      if (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0 &&
              ((word - G_GUINT64_CONSTANT (0x0101010101010101)) &
               G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }

      if (*p != 0 && *p < 0x80)
        {
          p++;
          continue;
        }

      n = *p != 0 ? well_formed_length (p, end) : 0;
      if (n == 0)
        {
          *bad = (const char *)p;
          return FALSE;
        }
      p += n;
    }

  return TRUE;
}

static void
classify_line (FtJsonlLine *line)
{
  const char *bad = NULL;

  line->invalid_offset = 0;

  if (!validate_utf8 (line->text, line->length, &bad))
    {
      line->invalid_offset = bad - line->text;
      line->status = *bad == '\0' ? FT_LINE_CONTAINS_NUL : FT_LINE_INVALID_UTF8;
    }
  else if (is_blank (line->text, line->length))
    {
      line->status = FT_LINE_BLANK;
    }
  else
    {
      line->status = FT_LINE_OK;
    }
}

/* Fills @line from @text (which has a writable byte at text[length]). */
static void
finish_line (FtJsonlReader *self,
             FtJsonlLine   *line,
             char          *text,
             gsize          length,
             gsize          raw_length)
{
  g_assert (FT_IS_JSONL_READER (self));

  line->number = ++self->line_number;
  line->offset = self->next_offset;
  self->next_offset += raw_length;

  if (length > 0 && text[length - 1] == '\r')
    length--;

  if (line->number == 1 && length >= 3 && memcmp (text, utf8_bom, 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  text[length] = '\0';
  line->text = text;
  line->length = length;
  classify_line (line);
}

static void
ft_jsonl_reader_finalize (GObject *object)
{
  FtJsonlReader *self = (FtJsonlReader *)object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->chunk, g_free);
  g_clear_pointer (&self->line, g_byte_array_unref);

  G_OBJECT_CLASS (ft_jsonl_reader_parent_class)->finalize (object);
}

static void
ft_jsonl_reader_class_init (FtJsonlReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_jsonl_reader_finalize;
}

static void
ft_jsonl_reader_init (FtJsonlReader *self)
{
  self->line = g_byte_array_new ();
}

/**
 * ft_jsonl_reader_new:
 * @stream: the stream to read JSONL from
 *
 * Creates a reader that splits @stream into lines. It reads @stream in
 * chunks and never holds more than one chunk and the current line.
 *
 * Returns: (transfer full): a new #FtJsonlReader
 */
FtJsonlReader *
ft_jsonl_reader_new (GInputStream *stream)
{
  FtJsonlReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (FT_TYPE_JSONL_READER, NULL);
  self->stream = g_object_ref (stream);
  /* One spare byte, so a line ending at the chunk's end can be terminated. */
  self->chunk = g_malloc (CHUNK_SIZE + 1);

  return self;
}

/**
 * ft_jsonl_reader_next:
 * @self: a #FtJsonlReader
 * @line: (out caller-allocates): the next line
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the next line. Lines end at "\n"; a "\r" before it is dropped, as
 * is a UTF-8 byte order mark at the start of the stream. A last line
 * without "\n" is still a line; nothing after a final "\n" is.
 *
 * Returns: %TRUE with @line filled; %FALSE at the end of the stream (with
 *   @error unset) or on a read error
 */
gboolean
ft_jsonl_reader_next (FtJsonlReader  *self,
                      FtJsonlLine    *line,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_return_val_if_fail (FT_IS_JSONL_READER (self), FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The previous line is no longer needed; give back the memory of a very
   * long one.
   */
  if (self->line->len > KEEP_LINE_BUFFER)
    {
      g_byte_array_unref (self->line);
      self->line = g_byte_array_new ();
    }
  else
    {
      g_byte_array_set_size (self->line, 0);
    }

  for (;;)
    {
      guchar *start = self->chunk + self->chunk_pos;
      gsize available = self->chunk_len - self->chunk_pos;
      guchar *newline = available > 0 ? memchr (start, '\n', available) : NULL;
      gssize n_read;

      if (newline != NULL)
        {
          gsize length = newline - start;

          self->chunk_pos += length + 1;

          if (self->line->len == 0)
            {
              finish_line (self, line, (char *)start, length, length + 1);
            }
          else
            {
              gsize total;

              g_byte_array_append (self->line, start, length);
              total = self->line->len;
              g_byte_array_append (self->line, (const guint8 *)"", 1);
              finish_line (self, line, (char *)self->line->data, total, total + 1);
            }
          return TRUE;
        }

      /* No line end in the chunk: keep what is left and read more. */
      if (available > 0)
        g_byte_array_append (self->line, start, available);
      self->chunk_pos = self->chunk_len = 0;

      if (self->eof)
        {
          gsize total = self->line->len;

          if (total == 0)
            return FALSE;

          g_byte_array_append (self->line, (const guint8 *)"", 1);
          finish_line (self, line, (char *)self->line->data, total, total);
          return TRUE;
        }

      n_read = g_input_stream_read (self->stream, self->chunk, CHUNK_SIZE, cancellable, error);
      if (n_read < 0)
        return FALSE;
      if (n_read == 0)
        self->eof = TRUE;

      self->chunk_len = n_read;
      self->bytes_read += n_read;
    }
}

/**
 * ft_jsonl_reader_get_bytes_read:
 * @self: a #FtJsonlReader
 *
 * Returns: how many bytes have been read from the stream so far
 */
guint64
ft_jsonl_reader_get_bytes_read (FtJsonlReader *self)
{
  g_return_val_if_fail (FT_IS_JSONL_READER (self), 0);

  return self->bytes_read;
}

static char *
format_line_number (guint64 number)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, number);
}

static void
set_line_error (GError     **error,
                guint64      number,
                guint        column,
                const char  *reason)
{
  g_autofree char *number_str = NULL;

  if (number == 0)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   /* Translators: "Column 5: <what is wrong>" */
                   _("Column %u: %s"), column, reason);
      return;
    }

  number_str = format_line_number (number);
  g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
               /* Translators: "Line 12, column 5: <what is wrong>" */
               _("Line %s, column %u: %s"), number_str, column, reason);
}

static gboolean
check_line (const FtJsonlLine  *line,
            FtJsonScanFlags    *flags,
            guint              *error_column,
            GError            **error)
{
  g_autofree char *reason = NULL;
  gsize offset = 0;
  guint column;

  *flags = FT_JSON_SCAN_NONE;

  switch (line->status)
    {
    case FT_LINE_OK:
      if (!ft_json_validate (line->text, line->length, FT_JSONL_MAX_DEPTH, flags, &offset,
                             &reason))
        break;

      /* json-glib keeps strings NUL-terminated and would cut the text at
       * the escape, losing the rest of it when the example is saved.
       */
      if (*flags & FT_JSON_SCAN_NUL_ESCAPE)
        {
          offset = ft_json_find_nul_escape (line->text, line->length) - line->text;
          reason = g_strdup (_("the text holds “\\u0000”, the NUL character, which cannot be "
                               "edited or counted; remove it"));
          break;
        }

      if (error_column != NULL)
        *error_column = 0;
      return TRUE;

    case FT_LINE_BLANK:
      reason = g_strdup (line->length == 0
                         ? _("the line is empty; each line must hold one JSON object")
                         : _("the line holds only spaces; each line must hold one JSON object"));
      offset = 0;
      break;

    case FT_LINE_INVALID_UTF8:
      offset = MIN (line->invalid_offset, line->length);
      reason = g_strdup_printf (_("the text is not valid UTF-8 (byte 0x%02X); "
                                  "save the file with the UTF-8 encoding"),
                                offset < line->length ? (guchar)line->text[offset] : 0);
      break;

    case FT_LINE_CONTAINS_NUL:
      offset = MIN (line->invalid_offset, line->length);
      reason = g_strdup (_("the line contains a NUL byte; this does not look like a text file"));
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  /* Bytes before the bad one are valid UTF-8, so columns count characters. */
  column = ft_json_count_columns (line->text, offset);
  if (error_column != NULL)
    *error_column = column;
  set_line_error (error, line->number, column, reason);

  return FALSE;
}

/**
 * ft_jsonl_line_init:
 * @line: (out caller-allocates): the line to fill
 * @number: the 1-based line number, or 0 when the text is not from a file
 * @text: the text, NUL-terminated at @length, without a line break
 * @length: its length in bytes
 *
 * Fills @line as ft_jsonl_reader_next() would for @text, so that it can be
 * checked and parsed the same way.
 */
void
ft_jsonl_line_init (FtJsonlLine *line,
                    guint64      number,
                    const char  *text,
                    gsize        length)
{
  g_return_if_fail (line != NULL);
  g_return_if_fail (text != NULL);

  line->number = number;
  line->offset = 0;
  line->text = text;
  line->length = length;
  classify_line (line);
}

/**
 * ft_jsonl_line_validate:
 * @line: a line from ft_jsonl_reader_next()
 * @error_column: (out) (optional): the 1-based column of the problem, in
 *   characters; 0 when the line is valid
 * @error: return location for a #GError
 *
 * Checks that @line holds exactly one valid JSON value (RFC 8259, strict)
 * nested at most %FT_JSONL_MAX_DEPTH levels, without building it. Any line
 * this accepts, ft_jsonl_parse_line() parses.
 *
 * Returns: %TRUE when the line is valid JSON
 */
gboolean
ft_jsonl_line_validate (const FtJsonlLine  *line,
                        guint              *error_column,
                        GError            **error)
{
  FtJsonScanFlags flags;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (line->text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_line (line, &flags, error_column, error);
}

/**
 * ft_jsonl_line_load:
 * @line: a line from ft_jsonl_reader_next()
 * @parser: the parser to load the line into
 * @flags: (out) (optional): what the strict check noticed, such as
 *   %FT_JSON_SCAN_LONE_SURROGATE (also when the line is refused, e.g.
 *   for %FT_JSON_SCAN_NUL_ESCAPE)
 * @error_column: (out) (optional): the 1-based column of the problem, in
 *   characters
 * @error: return location for a #GError
 *
 * Checks @line as ft_jsonl_line_validate() does, then loads it into
 * @parser, so that a worker can reuse one parser for many lines. Lone
 * surrogate escapes, which json-glib 1.6 mangles, are read as U+FFFD, as
 * Python's tiktoken counts them (see ft_json_replace_lone_surrogates());
 * @line itself is not changed.
 *
 * Returns: %TRUE when @parser holds the line's value; otherwise %FALSE
 *   with @error set (%FT_DATASET_ERROR_PARSE)
 */
gboolean
ft_jsonl_line_load (const FtJsonlLine  *line,
                    JsonParser         *parser,
                    FtJsonScanFlags    *flags,
                    guint              *error_column,
                    GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fixed = NULL;
  FtJsonScanFlags scan_flags;
  const char *text;
  gboolean ok;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (line->text != NULL, FALSE);
  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (flags != NULL)
    *flags = FT_JSON_SCAN_NONE;

  ok = check_line (line, &scan_flags, error_column, error);

  if (flags != NULL)
    *flags = scan_flags;

  if (!ok)
    return FALSE;

  text = line->text;
  if (scan_flags & FT_JSON_SCAN_LONE_SURROGATE)
    {
      fixed = g_strndup (line->text, line->length);
      ft_json_replace_lone_surrogates (fixed, line->length);
      text = fixed;
    }

  if (!json_parser_load_from_data (parser, text, line->length, &local_error))
    {
      /* Not expected after the strict check; report json-glib's reason. */
      if (error_column != NULL)
        *error_column = 1;
      set_line_error (error, line->number, 1, local_error->message);
      return FALSE;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      if (error_column != NULL)
        *error_column = 1;
      set_line_error (error, line->number, 1, _("the line holds no JSON value"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ft_jsonl_parse_line:
 * @line: a line from ft_jsonl_reader_next()
 * @error_column: (out) (optional): the 1-based column of the problem, in
 *   characters
 * @error: return location for a #GError
 *
 * Parses one line into a JSON value with json-glib. The line is checked
 * first (see ft_jsonl_line_validate()): strictly, because json-glib accepts
 * things that are not JSON (single quotes, comments, text after the value),
 * and for depth, because json-glib's parser is recursive.
 *
 * Numbers json-glib cannot hold exactly (integers beyond 64 bits, floats
 * that overflow) come out approximate: the line is still valid JSON. Lone
 * surrogate escapes read as U+FFFD (see ft_jsonl_line_load()).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with @error set
 *   (%FT_DATASET_ERROR_PARSE)
 */
JsonNode *
ft_jsonl_parse_line (const FtJsonlLine  *line,
                     guint              *error_column,
                     GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (line->text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!ft_jsonl_line_load (line, parser, NULL, error_column, error))
    return NULL;

  return json_parser_steal_root (parser);
}
