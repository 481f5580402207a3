/* test-jsonl-reader.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"

#include <locale.h>
#include <string.h>

/* A stream that hands out at most a few bytes per read, so that lines
 * cross every possible chunk boundary, and can fail after some bytes.
 */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *data;
  gsize         pos;
  gsize         step;
  gsize         fail_at;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->data, &size);
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  if (self->fail_at > 0 && self->pos >= self->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "simulated read failure");
      return -1;
    }

  /* Vary the step so that boundaries fall everywhere. */
  n = MIN (MIN (count, size - self->pos), 1 + (self->pos % self->step));
  memcpy (buffer, data + self->pos, n);
  self->pos += n;

  return n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->data);

  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       length,
                    gsize       step,
                    gsize       fail_at)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->data = g_bytes_new (data, length);
  self->step = step;
  self->fail_at = fail_at;

  return G_INPUT_STREAM (self);
}

typedef struct
{
  guint64       number;
  guint64       offset;
  char         *text;
  gsize         length;
  FtLineStatus  status;
  gsize         invalid_offset;
} CopiedLine;

static void
copied_line_free (gpointer data)
{
  CopiedLine *line = data;

  g_free (line->text);
  g_free (line);
}

static GPtrArray *
read_lines_from (GInputStream *stream)
{
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (stream);
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (copied_line_free);
  FtJsonlLine line;

  while (ft_jsonl_reader_next (reader, &line, NULL, &error))
    {
      CopiedLine *copy = g_new0 (CopiedLine, 1);

      g_assert_cmpint (line.text[line.length], ==, '\0');
      copy->number = line.number;
      copy->offset = line.offset;
      copy->text = g_memdup2 (line.text, line.length + 1);
      copy->length = line.length;
      copy->status = line.status;
      copy->invalid_offset = line.invalid_offset;
      g_ptr_array_add (lines, copy);
    }
  g_assert_no_error (error);

  /* The end stays the end. */
  g_assert_false (ft_jsonl_reader_next (reader, &line, NULL, &error));
  g_assert_no_error (error);

  return lines;
}

static GPtrArray *
read_lines (const char *data,
            gsize       length)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);

  return read_lines_from (stream);
}

#define LINE(lines, i) ((CopiedLine *)g_ptr_array_index ((lines), (i)))

static void
test_read_lines (void)
{
  static const char data[] = "{\"a\":1}\n{\"b\":2}\n\n  \nlast";
  g_autoptr(GPtrArray) lines = read_lines (data, strlen (data));

  g_assert_cmpuint (lines->len, ==, 5);

  g_assert_cmpuint (LINE (lines, 0)->number, ==, 1);
  g_assert_cmpuint (LINE (lines, 0)->offset, ==, 0);
  g_assert_cmpstr (LINE (lines, 0)->text, ==, "{\"a\":1}");
  g_assert_cmpint (LINE (lines, 0)->status, ==, FT_LINE_OK);

  g_assert_cmpuint (LINE (lines, 1)->number, ==, 2);
  g_assert_cmpuint (LINE (lines, 1)->offset, ==, 8);
  g_assert_cmpstr (LINE (lines, 1)->text, ==, "{\"b\":2}");

  g_assert_cmpuint (LINE (lines, 2)->offset, ==, 16);
  g_assert_cmpuint (LINE (lines, 2)->length, ==, 0);
  g_assert_cmpint (LINE (lines, 2)->status, ==, FT_LINE_BLANK);

  g_assert_cmpstr (LINE (lines, 3)->text, ==, "  ");
  g_assert_cmpint (LINE (lines, 3)->status, ==, FT_LINE_BLANK);

  /* The last line has no "\n" and is still a line. */
  g_assert_cmpuint (LINE (lines, 4)->number, ==, 5);
  g_assert_cmpuint (LINE (lines, 4)->offset, ==, 20);
  g_assert_cmpstr (LINE (lines, 4)->text, ==, "last");
}

static void
test_read_line_ends (void)
{
  static const struct {
    const char *data;
    guint       n_lines;
  } cases[] = {
    { "", 0 },
    { "\n", 1 },
    { "a", 1 },
    { "a\n", 1 },
    { "a\n\n", 2 },
    { "a\r\n", 1 },
    { "a\r\nb", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) lines = read_lines (cases[i].data, strlen (cases[i].data));

      g_assert_cmpuint (lines->len, ==, cases[i].n_lines);
    }
}

static void
test_read_crlf (void)
{
  static const char data[] = "{\"a\":1}\r\n{\"b\":\"x\\r\"}\r\n\r\nend\r";
  g_autoptr(GPtrArray) lines = read_lines (data, strlen (data));

  g_assert_cmpuint (lines->len, ==, 4);
  g_assert_cmpstr (LINE (lines, 0)->text, ==, "{\"a\":1}");
  g_assert_cmpstr (LINE (lines, 1)->text, ==, "{\"b\":\"x\\r\"}");
  g_assert_cmpuint (LINE (lines, 1)->offset, ==, 9);
  g_assert_cmpint (LINE (lines, 2)->status, ==, FT_LINE_BLANK);
  g_assert_cmpuint (LINE (lines, 2)->length, ==, 0);
  g_assert_cmpstr (LINE (lines, 3)->text, ==, "end");
}

static void
test_read_bom (void)
{
  static const char data[] = "\xEF\xBB\xBF{\"a\":1}\n\xEF\xBB\xBF{\"b\":2}\n";
  g_autoptr(GPtrArray) lines = read_lines (data, strlen (data));

  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (LINE (lines, 0)->text, ==, "{\"a\":1}");
  g_assert_cmpuint (LINE (lines, 0)->offset, ==, 0);
  /* Only the first line's BOM is a BOM; later it is text (and bad JSON). */
  g_assert_cmpstr (LINE (lines, 1)->text, ==, "\xEF\xBB\xBF{\"b\":2}");
  g_assert_cmpuint (LINE (lines, 1)->offset, ==, 11);
}

static void
test_read_invalid_utf8 (void)
{
  static const char data[] = "{\"é\":\"\xff\"}\n{\"a\":\"\xc3\"}";
  g_autoptr(GPtrArray) lines = read_lines (data, strlen (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  FtJsonlLine line;
  guint column = 0;

  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (LINE (lines, 0)->status, ==, FT_LINE_INVALID_UTF8);
  g_assert_cmpuint (LINE (lines, 0)->invalid_offset, ==, 7);
  g_assert_cmpint (LINE (lines, 1)->status, ==, FT_LINE_INVALID_UTF8);
  g_assert_cmpuint (LINE (lines, 1)->invalid_offset, ==, 6);

  ft_jsonl_line_init (&line, 1, LINE (lines, 0)->text, LINE (lines, 0)->length);
  g_assert_cmpint (line.status, ==, FT_LINE_INVALID_UTF8);
  node = ft_jsonl_parse_line (&line, &column, &error);
  g_assert_null (node);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  /* "é" is one character of two bytes. */
  g_assert_cmpuint (column, ==, 7);
  g_assert_nonnull (strstr (error->message, "Line 1, column 7"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_read_nul (void)
{
  static const char data[] = "{\"a\":\"x\0y\"}\nok\n";
  g_autoptr(GPtrArray) lines = read_lines (data, sizeof data - 1);
  g_autoptr(GError) error = NULL;
  FtJsonlLine line;
  guint column = 0;

  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (LINE (lines, 0)->status, ==, FT_LINE_CONTAINS_NUL);
  g_assert_cmpuint (LINE (lines, 0)->invalid_offset, ==, 7);
  g_assert_cmpuint (LINE (lines, 0)->length, ==, 11);
  g_assert_cmpint (LINE (lines, 1)->status, ==, FT_LINE_OK);

  line.number = 1;
  line.offset = 0;
  line.text = LINE (lines, 0)->text;
  line.length = LINE (lines, 0)->length;
  line.status = LINE (lines, 0)->status;
  line.invalid_offset = LINE (lines, 0)->invalid_offset;
  g_assert_false (ft_jsonl_line_validate (&line, &column, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_cmpuint (column, ==, 8);
  g_assert_nonnull (strstr (error->message, "NUL"));
}

static void
test_read_long_line (void)
{
  g_autoptr(GString) data = g_string_new ("{\"a\":1}\n{\"long\":\"");
  g_autoptr(GPtrArray) lines = NULL;
  gsize long_length;

  for (guint i = 0; i < 5 * 1024 * 1024; i++)
    g_string_append_c (data, 'a' + i % 26);
  g_string_append (data, "\"}\r\n{\"b\":2}\n");
  long_length = data->len - strlen ("{\"a\":1}\n") - strlen ("\r\n{\"b\":2}\n");

  lines = read_lines (data->str, data->len);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpuint (LINE (lines, 1)->length, ==, long_length);
  g_assert_cmpint (LINE (lines, 1)->status, ==, FT_LINE_OK);
  g_assert_true (g_str_has_suffix (LINE (lines, 1)->text, "\"}"));
  g_assert_cmpstr (LINE (lines, 2)->text, ==, "{\"b\":2}");
  g_assert_cmpuint (LINE (lines, 2)->offset, ==, 8 + long_length + 2);
}

static void
test_read_trickle (void)
{
  static const char data[] =
    "\xEF\xBB\xBF{\"a\":\"é\"}\r\n"
    "\n"
    "   \r\n"
    "{\"b\":[1,2,3]}\n"
    "\xff\xfe broken\n"
    "{\"c\":\"\\u00e9\"}";
  g_autoptr(GPtrArray) expected = read_lines (data, strlen (data));

  for (gsize step = 1; step <= 13; step++)
    {
      g_autoptr(GInputStream) stream = trickle_stream_new (data, strlen (data), step, 0);
      g_autoptr(GPtrArray) lines = read_lines_from (stream);

      g_assert_cmpuint (lines->len, ==, expected->len);
      for (guint i = 0; i < lines->len; i++)
        {
          g_assert_cmpuint (LINE (lines, i)->number, ==, LINE (expected, i)->number);
          g_assert_cmpuint (LINE (lines, i)->offset, ==, LINE (expected, i)->offset);
          g_assert_cmpmem (LINE (lines, i)->text, LINE (lines, i)->length,
                           LINE (expected, i)->text, LINE (expected, i)->length);
          g_assert_cmpint (LINE (lines, i)->status, ==, LINE (expected, i)->status);
        }
    }

  g_assert_cmpuint (expected->len, ==, 6);
  g_assert_cmpstr (LINE (expected, 0)->text, ==, "{\"a\":\"é\"}");
  g_assert_cmpint (LINE (expected, 4)->status, ==, FT_LINE_INVALID_UTF8);
}

static void
test_read_bytes_read (void)
{
  static const char data[] = "{\"a\":1}\n{\"b\":2}\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, strlen (data), NULL);
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (stream);
  FtJsonlLine line;

  g_assert_cmpuint (ft_jsonl_reader_get_bytes_read (reader), ==, 0);
  while (ft_jsonl_reader_next (reader, &line, NULL, NULL))
    ;
  g_assert_cmpuint (ft_jsonl_reader_get_bytes_read (reader), ==, strlen (data));
}

static void
test_read_error (void)
{
  static const char data[] = "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n";
  g_autoptr(GInputStream) stream = trickle_stream_new (data, strlen (data), 100, 10);
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (stream);
  g_autoptr(GError) error = NULL;
  FtJsonlLine line;
  guint n = 0;

  while (ft_jsonl_reader_next (reader, &line, NULL, &error))
    n++;

  g_assert_cmpuint (n, ==, 1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

static void
test_read_cancelled (void)
{
  static const char data[] = "{\"a\":1}\n";
  g_autoptr(GInputStream) stream = trickle_stream_new (data, strlen (data), 3, 0);
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (stream);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  FtJsonlLine line;

  g_cancellable_cancel (cancellable);
  g_assert_false (ft_jsonl_reader_next (reader, &line, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static JsonNode *
parse_text (const char  *text,
            guint       *column,
            GError     **error)
{
  FtJsonlLine line;

  ft_jsonl_line_init (&line, 3, text, strlen (text));

  return ft_jsonl_parse_line (&line, column, error);
}

static void
test_parse_valid (void)
{
  static const struct {
    const char   *text;
    JsonNodeType  type;
  } cases[] = {
    { "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", JSON_NODE_OBJECT },
    { "  { \"a\" : [ 1 , -2.5e3 , true , false , null ] }  ", JSON_NODE_OBJECT },
    { "[]", JSON_NODE_ARRAY },
    { "\"text\"", JSON_NODE_VALUE },
    { "0", JSON_NODE_VALUE },
    { "-0.0", JSON_NODE_VALUE },
    { "null", JSON_NODE_NULL },
    { "{\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}", JSON_NODE_OBJECT },
    { "{\"\":{}}", JSON_NODE_OBJECT },
    { "{\"a\":\"\xe2\x80\xa8 \xf0\x9f\x98\x80\"}", JSON_NODE_OBJECT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      guint column = 99;

      node = parse_text (cases[i].text, &column, &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
      g_assert_cmpint (json_node_get_node_type (node), ==, cases[i].type);
      g_assert_cmpuint (column, ==, 0);
    }
}

static void
test_parse_invalid (void)
{
  /* Each one is something json-glib 1.6 would accept or mis-report. */
  static const struct {
    const char *text;
    guint       column;
    const char *reason;
  } cases[] = {
    { "{\"a\":1,}", 8, "trailing comma" },
    { "[1,2,]", 6, "trailing comma" },
    { "{'a':1}", 2, "double quotes" },
    { "{\"a\":'x'}", 6, "double quotes" },
    { "/* c */ {}", 1, "expected a value" },
    { "{\"a\":01}", 6, "leading zeros" },
    { "{\"a\":0x10}", 6, "invalid number" },
    { "{\"a\":.5}", 6, "expected a value" },
    { "{\"a\":1.}", 6, "invalid number" },
    { "{\"a\":+1}", 6, "expected a value" },
    { "{\"a\":1} {}", 9, "after the end of the JSON value" },
    { "{\"a\":\"unterminated}", 20, "inside a string" },
    { "{\"messages\": [", 15, "before the array is closed" },
    { "{", 2, "before the object is closed" },
    { "{\"a\":\"tab\there\"}", 10, "control character" },
    { "{\"a\":\"\\x\"}", 7, "invalid escape" },
    { "{\"a\":\"\\u12\"}", 7, "four hexadecimal digits" },
    { "{\"a\":\"\\ud83d\\u12\"}", 13, "four hexadecimal digits" },
    { "{\"a\":NaN}", 6, "unexpected word “NaN”" },
    { "{\"a\":True}", 6, "unexpected word “True”" },
    { "{\"a\":tru}", 6, "unexpected word “tru”" },
    { "{\"a\" 1}", 6, "expected “:”" },
    { "{\"a\":1 \"b\":2}", 8, "expected “,” or “}”" },
    { "[1 2]", 4, "expected “,” or “]”" },
    { "{1:2}", 2, "member name" },
    { "{\"é\":x}", 6, "unexpected word “x”" },
    { "prompt,completion", 1, "unexpected word “prompt”" },
    { "\"a\",\"b\"", 4, "after the end of the JSON value" },
    { "", 1, "empty" },
    { " \t ", 1, "only spaces" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      guint column = 0;

      node = parse_text (cases[i].text, &column, &error);
      g_assert_null (node);
      g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
      if (strstr (error->message, cases[i].reason) == NULL || column != cases[i].column)
        g_error ("“%s”: got column %u, “%s”", cases[i].text, column, error->message);
      g_assert_true (g_str_has_prefix (error->message, "Line 3, column "));
    }
}

static char *
nested (guint depth)
{
  GString *text = g_string_new ("{\"a\":");

  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static void
test_parse_deep (void)
{
  g_autofree char *ok = nested (FT_JSONL_MAX_DEPTH);
  g_autofree char *too_deep = nested (FT_JSONL_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested (100000);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint column = 0;

  node = parse_text (ok, &column, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  g_assert_null (parse_text (too_deep, &column, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "more than 256 levels"));
  /* "{\"a\":" is 5 characters, then 255 brackets are allowed. */
  g_assert_cmpuint (column, ==, 5 + 256);
  g_clear_error (&error);

  g_assert_null (parse_text (very_deep, &column, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_cmpuint (column, ==, 5 + 256);
}

static void
test_parse_huge_numbers (void)
{
  static const char * const large[] = {
    "{\"a\":1e999}",
    "{\"a\":-1e999}",
    "{\"a\":9223372036854775808}",
    "{\"a\":-9223372036854775809}",
    "{\"a\":10000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000}",
  };
  static const char * const exact[] = {
    "{\"a\":9223372036854775807}",
    "{\"a\":-9223372036854775808}",
    "{\"a\":1e308}",
    "{\"a\":1e-999}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (large); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      FtJsonScanFlags flags = 0;

      g_assert_true (ft_json_validate (large[i], strlen (large[i]), 256, &flags, NULL, NULL));
      g_assert_cmpint (flags, ==, FT_JSON_SCAN_LARGE_NUMBER);
      node = parse_text (large[i], NULL, NULL);
      g_assert_nonnull (node);
    }

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    {
      FtJsonScanFlags flags = 0;

      g_assert_true (ft_json_validate (exact[i], strlen (exact[i]), 256, &flags, NULL, NULL));
      g_assert_cmpint (flags, ==, FT_JSON_SCAN_NONE);
    }
}

/* json-glib 1.6 drops the byte after a lone surrogate escape, swallows the
 * closing quote after one and fails on a high surrogate before another
 * escape. Python's json keeps each and tiktoken counts it as U+FFFD, which
 * is what the parsed text holds; pairs stay the character they encode.
 */
static void
test_parse_lone_surrogates (void)
{
  static const struct {
    const char *text;
    const char *expected;
    guint       n_lone;
  } cases[] = {
    { "{\"s\":\"a\\ud800b\"}", "a\xef\xbf\xbd" "b", 1 },
    { "{\"s\":\"a\\udc00b\"}", "a\xef\xbf\xbd" "b", 1 },
    { "{\"s\":\"end \\ud83d\"}", "end \xef\xbf\xbd", 1 },
    { "{\"s\":\"\\ud83d\\u0041\"}", "\xef\xbf\xbd" "A", 1 },
    { "{\"s\":\"\\ud800\\ud800\\udc00\"}", "\xef\xbf\xbd\xf0\x90\x80\x80", 1 },
    { "{\"s\":\"\\udc00\\ud800\"}", "\xef\xbf\xbd\xef\xbf\xbd", 2 },
    { "{\"s\":\"\\ud83d\\ude00 ok\"}", "\xf0\x9f\x98\x80 ok", 0 },
    /* An escaped backslash before "ud800" is no escape. */
    { "{\"s\":\"\\\\ud800\"}", "\\ud800", 0 },
    { "{\"\\ud800\":\"key\"}", NULL, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *text = cases[i].text;
      g_autofree char *copy = g_strdup (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      FtJsonScanFlags flags = 0;
      const char *lone;
      JsonObject *object;

      g_assert_true (ft_json_validate (text, strlen (text), 256, &flags, NULL, NULL));
      g_assert_cmpint (!!(flags & FT_JSON_SCAN_LONE_SURROGATE), ==, cases[i].n_lone > 0);

      lone = ft_json_find_lone_surrogate (text, strlen (text));
      g_assert_true ((lone != NULL) == (cases[i].n_lone > 0));
      if (lone != NULL)
        g_assert_true (g_str_has_prefix (lone, "\\u"));
      g_assert_cmpuint (ft_json_replace_lone_surrogates (copy, strlen (copy)), ==,
                        cases[i].n_lone);
      g_assert_cmpuint (strlen (copy), ==, strlen (text));

      node = parse_text (text, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
      object = json_node_get_object (node);
      if (cases[i].expected != NULL)
        g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, cases[i].expected);
      else
        g_assert_cmpstr (json_object_get_string_member (object, "\xef\xbf\xbd"), ==, "key");
    }

  /* A surrogate escape without its four digits is still an error. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = parse_text ("{\"s\":\"\\ud83d\\u12\"}", NULL, &error);

    g_assert_null (node);
    g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  }

  /* A reused parser gets the same text, and the line is left as it was. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    static const char text[] = "[\"x\\ud800\",\"y\\ude00\"]";
    FtJsonScanFlags flags = 0;
    FtJsonlLine line;
    JsonArray *array;

    ft_jsonl_line_init (&line, 1, text, strlen (text));
    g_assert_true (ft_jsonl_line_load (&line, parser, &flags, NULL, NULL));
    g_assert_cmpint (flags, ==, FT_JSON_SCAN_LONE_SURROGATE);
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "x\xef\xbf\xbd");
    g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "y\xef\xbf\xbd");
    g_assert_cmpstr (line.text, ==, "[\"x\\ud800\",\"y\\ude00\"]");
  }

  /* Spans parse the same way. */
  {
    static const char text[] = "{\"t\":\"\\ud800\"}";
    FtJsonSpan span = { text, strlen (text) };
    g_autoptr(JsonNode) node = ft_json_span_parse (&span);

    g_assert_nonnull (node);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "t"), ==,
                     "\xef\xbf\xbd");
  }
}

/* The reader checks UTF-8 eight ASCII bytes at a time: whatever the bytes
 * and wherever they fall, it finds what g_utf8_validate_len() finds.
 */
static void
test_utf8_check (void)
{
  static const char * const pieces[] = {
    "a", "json ", "\"", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\xa0\x80",
    "\xc0\xaf", "\xe0\x80\x80", "\xf4\x90\x80\x80", "\xf8", "\x80", "\xc3", "\xe2\x82",
    "\xf0\x9f\x98", "\xff", "", "\x7f", "\xc2\x80", "\xe0\xa0\x80", "\xed\x9f\xbf",
    "\xf1\x80\x80\x80", "\xf4\x8f\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xc1\xbf",
  };
  guint64 state = 42;
  guint n_invalid = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_pieces;
      const char *bad = NULL;
      gboolean valid;
      FtJsonlLine line;

      state = state * 6364136223846793005ull + 1442695040888963407ull;
      n_pieces = (state >> 40) % 40;
      for (guint i = 0; i < n_pieces; i++)
        {
          const char *piece;

          state = state * 6364136223846793005ull + 1442695040888963407ull;
          /* Mostly ASCII, as real lines are. */
          if ((state >> 33) % 4 != 0)
            piece = "ascii text ";
          else
            piece = pieces[(state >> 35) % G_N_ELEMENTS (pieces)];

          if (*piece == '\0')
            g_string_append_c (text, '\0');
          else
            g_string_append (text, piece);
        }

      valid = g_utf8_validate_len (text->str, text->len, &bad);
      ft_jsonl_line_init (&line, 1, text->str, text->len);
      if (valid)
        {
          g_assert_cmpint (line.status, !=, FT_LINE_INVALID_UTF8);
          g_assert_cmpint (line.status, !=, FT_LINE_CONTAINS_NUL);
        }
      else
        {
          g_assert_cmpint (line.status, ==,
                           *bad == '\0' ? FT_LINE_CONTAINS_NUL : FT_LINE_INVALID_UTF8);
          g_assert_cmpuint (line.invalid_offset, ==, bad - text->str);
          n_invalid++;
        }
    }

  g_assert_cmpuint (n_invalid, >, 1000);
}

static void
test_not_jsonl (void)
{
  /* A pretty-printed JSON array, a CSV file and binary data: every line
   * is a line with a clear message, none crashes.
   */
  static const char pretty[] =
    "[\n"
    "  {\n"
    "    \"messages\": []\n"
    "  }\n"
    "]\n";
  static const char csv[] = "prompt,completion\r\n\"Hi\",\"Hello\"\r\n";
  static const guchar binary[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I',
                                   'H' };
  g_autoptr(GPtrArray) lines = NULL;
  const char *expected_pretty[] = {
    "before the array is closed",
    "before the object is closed",
    "unexpected “:” after the end of the JSON value",
    "expected a value, found “}”",
    "expected a value, found “]”",
  };

  lines = read_lines (pretty, strlen (pretty));
  g_assert_cmpuint (lines->len, ==, 5);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(GError) error = NULL;
      FtJsonlLine line;

      ft_jsonl_line_init (&line, i + 1, LINE (lines, i)->text, LINE (lines, i)->length);
      g_assert_false (ft_jsonl_line_validate (&line, NULL, &error));
      if (strstr (error->message, expected_pretty[i]) == NULL)
        g_error ("line %u: %s", i + 1, error->message);
    }
  g_clear_pointer (&lines, g_ptr_array_unref);

  lines = read_lines (csv, strlen (csv));
  g_assert_cmpuint (lines->len, ==, 2);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(GError) error = NULL;
      FtJsonlLine line;

      ft_jsonl_line_init (&line, i + 1, LINE (lines, i)->text, LINE (lines, i)->length);
      g_assert_false (ft_jsonl_line_validate (&line, NULL, &error));
      g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
    }
  g_clear_pointer (&lines, g_ptr_array_unref);

  lines = read_lines ((const char *)binary, sizeof binary);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (LINE (lines, 0)->status, ==, FT_LINE_INVALID_UTF8);
  g_assert_cmpuint (LINE (lines, 0)->invalid_offset, ==, 0);
  g_assert_cmpint (LINE (lines, 1)->status, ==, FT_LINE_OK);
  g_assert_cmpint (LINE (lines, 2)->status, ==, FT_LINE_CONTAINS_NUL);
  g_assert_cmpuint (LINE (lines, 2)->invalid_offset, ==, 0);
  {
    g_autoptr(GError) error = NULL;
    FtJsonlLine line;

    ft_jsonl_line_init (&line, 2, LINE (lines, 1)->text, LINE (lines, 1)->length);
    g_assert_false (ft_jsonl_line_validate (&line, NULL, &error));
    g_assert_nonnull (strstr (error->message, "U+001A"));
  }
}

static void
test_json_generator (void)
{
  static const struct {
    const char *input;
    const char *output;
  } cases[] = {
    { "[0.1, 1.0, 1e5, -0.0, 1.5e-7, 1e300, 123456789012345678]",
      "[0.1,1.0,100000.0,-0.0,1.5e-07,1e+300,123456789012345678]" },
    { "[0.0001, 0.00001, 1e15, 1e16, 123.456, 2.5e-3, 1.7976931348623157e308, 5e-324]",
      "[0.0001,1e-05,1000000000000000.0,1e+16,123.456,0.0025,1.7976931348623157e+308,5e-324]" },
    { "{\"b\" : 1, \"a\" : [true, false, null], \"c\": {}}",
      "{\"b\":1,\"a\":[true,false,null],\"c\":{}}" },
    { "\"\\u0001\\t\\n\\\"\\\\/é\\u2028\"", "\"\\u0001\\t\\n\\\"\\\\/é\u2028\"" },
    { "[1e999, -1e999]", "[1e999,-1e999]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_text (cases[i].input, NULL, NULL);
      g_autofree char *text = NULL;

      g_assert_nonnull (node);
      text = ft_json_node_to_string (node);
      g_assert_cmpstr (text, ==, cases[i].output);
    }
}

static void
test_json_generator_deep (void)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  g_autofree char *text = NULL;

  /* Built by hand: far deeper than any parser allows, but the generator
   * does not recurse.
   */
  json_node_take_array (root, array);
  for (guint i = 0; i < 100000; i++)
    {
      JsonArray *inner = json_array_new ();

      json_array_add_array_element (array, inner);
      array = inner;
    }

  text = ft_json_node_to_string (root);
  g_assert_cmpuint (strlen (text), ==, 2 * 100001);
}

static void
test_json_iter (void)
{
  static const char text[] =
    " {\"a\" : \"x,]}\\\"\", \"b\":[1,{\"c\":\"}\"},[]], \"c\\u00e9\":-1.5e3 ,\"d\":{}, "
    "\"e\":null} ";
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan value;
  FtJsonSpan element;
  const char *names[] = { "a", "b", "cé", "d", "e" };
  const char *values[] = { "\"x,]}\\\"\"", "[1,{\"c\":\"}\"},[]]", "-1.5e3", "{}", "null" };
  guint n = 0;

  g_assert_true (ft_json_iter_init_object (&iter, text, strlen (text)));
  while (ft_json_iter_next_member (&iter, &name, &value))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (names));
      g_assert_true (ft_json_span_equal (&name, names[n]));
      g_assert_cmpmem (value.text, value.length, values[n], strlen (values[n]));
      n++;
    }
  g_assert_cmpuint (n, ==, 5);

  g_assert_false (ft_json_iter_init_array (&iter, text, strlen (text)));
  g_assert_false (ft_json_iter_next_element (&iter, &element));

  g_assert_true (ft_json_iter_init_array (&iter, values[1], strlen (values[1])));
  n = 0;
  while (ft_json_iter_next_element (&iter, &element))
    n++;
  g_assert_cmpuint (n, ==, 3);

  g_assert_true (ft_json_iter_init_array (&iter, "[]", 2));
  g_assert_false (ft_json_iter_next_element (&iter, &element));
}

static void
test_json_decode (void)
{
  static const char text[] = "\"a\\nb\\u00e9\\ud83d\\ude00\\u0000z\\\"\"";
  FtJsonSpan span = { text, strlen (text) };
  g_autofree char *decoded = NULL;
  g_autofree char *prefix = NULL;
  gboolean had_nul = FALSE;

  decoded = ft_json_span_dup_string (&span, G_MAXSIZE, &had_nul);
  g_assert_cmpstr (decoded, ==, "a\nbé😀\xef\xbf\xbdz\"");
  g_assert_true (had_nul);

  /* A cut never splits a character. */
  prefix = ft_json_span_dup_string (&span, 5, NULL);
  g_assert_cmpstr (prefix, ==, "a\nbé");
  g_clear_pointer (&prefix, g_free);
  prefix = ft_json_span_dup_string (&span, 4, NULL);
  g_assert_cmpstr (prefix, ==, "a\nb");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/jsonl/read-lines", test_read_lines);
  g_test_add_func ("/ft/jsonl/read-line-ends", test_read_line_ends);
  g_test_add_func ("/ft/jsonl/read-crlf", test_read_crlf);
  g_test_add_func ("/ft/jsonl/read-bom", test_read_bom);
  g_test_add_func ("/ft/jsonl/read-invalid-utf8", test_read_invalid_utf8);
  g_test_add_func ("/ft/jsonl/read-nul", test_read_nul);
  g_test_add_func ("/ft/jsonl/read-long-line", test_read_long_line);
  g_test_add_func ("/ft/jsonl/read-trickle", test_read_trickle);
  g_test_add_func ("/ft/jsonl/read-bytes-read", test_read_bytes_read);
  g_test_add_func ("/ft/jsonl/read-error", test_read_error);
  g_test_add_func ("/ft/jsonl/read-cancelled", test_read_cancelled);
  g_test_add_func ("/ft/jsonl/parse-valid", test_parse_valid);
  g_test_add_func ("/ft/jsonl/parse-invalid", test_parse_invalid);
  g_test_add_func ("/ft/jsonl/parse-deep", test_parse_deep);
  g_test_add_func ("/ft/jsonl/parse-huge-numbers", test_parse_huge_numbers);
  g_test_add_func ("/ft/jsonl/parse-lone-surrogates", test_parse_lone_surrogates);
  g_test_add_func ("/ft/jsonl/utf8-check", test_utf8_check);
  g_test_add_func ("/ft/jsonl/not-jsonl", test_not_jsonl);
  g_test_add_func ("/ft/json/generator", test_json_generator);
  g_test_add_func ("/ft/json/generator-deep", test_json_generator_deep);
  g_test_add_func ("/ft/json/iter", test_json_iter);
  g_test_add_func ("/ft/json/decode", test_json_decode);

  return g_test_run ();
}
