/* fuzz-jsonl.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-dataset.h"
#include "ft-duplicates.h"
#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"

#include <stdint.h>
#include <string.h>

/* libFuzzer harness for the JSONL path: the reader splits the input into
 * lines, each line is checked, parsed with json-glib and made into an
 * example, which is summarized, materialized, edited and serialized.
 *
 * Beyond "no crash, no leak", it checks what the rest of the app relies
 * on: a line the strict check accepts, json-glib parses; an unedited
 * example gives back its line; an edited one stays valid JSON.
 */

static void
exercise (const FtJsonlLine *line)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(FtExample) example = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint column = 0;
  gboolean valid;
  gsize length = line->length;

  valid = ft_jsonl_line_validate (line, &column, NULL);
  node = ft_jsonl_parse_line (line, &column, &error);

  /* The strict check and json-glib agree. */
  if (valid != (node != NULL))
    g_error ("line %" G_GUINT64_FORMAT ": strict check says %d, parser says %s",
             line->number, valid, error != NULL ? error->message : "ok");

  if (line->status == FT_LINE_BLANK)
    return;

  example = ft_example_new_from_text (line->text, line->length);
  if (memchr (line->text, '\r', line->length) == NULL)
    g_assert (ft_example_get_broken (example) == !valid);

  (void)ft_example_get_title (example);
  (void)ft_example_get_preview (example);
  bytes = ft_example_get_bytes (example);

  /* An unedited example gives its line back (ft_example_new_from_text()
   * makes line breaks spaces, so lines with CR are left out).
   */
  if (memchr (line->text, '\r', length) == NULL)
    g_assert (g_bytes_get_size (bytes) == length
              && memcmp (g_bytes_get_data (bytes, NULL), line->text, length) == 0);

  key = ft_duplicate_key (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          FT_DUPLICATE_NEAR);

  if (ft_example_get_kind (example) != FT_EXAMPLE_KIND_BROKEN
      && ft_example_get_kind (example) != FT_EXAMPLE_KIND_NOT_OBJECT)
    {
      GListModel *messages = ft_example_get_messages (example);
      g_autoptr(FtMessage) added = ft_message_new (FT_ROLE_ASSISTANT, "fuzz \"text\"\n");
      g_autoptr(GBytes) edited = NULL;
      g_autoptr(JsonNode) edited_node = NULL;
      g_autoptr(GError) edited_error = NULL;
      guint n = g_list_model_get_n_items (messages);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FtMessage) message = g_list_model_get_item (messages, i);
          g_autofree char *text = ft_message_dup_text (message);

          (void)ft_message_get_n_parts (message);
          ft_message_set_weight (message, ft_message_get_weight (message) == 1 ? 0 : 1);
        }

      ft_example_append_message (example, added);
      ft_example_set_parallel_tool_calls (example, 1);

      /* Edits keep the line valid JSON. */
      edited_node = ft_example_to_json_node (example, &edited_error);
      if (edited_node == NULL)
        g_error ("edited example does not parse: %s", edited_error->message);
      edited = ft_example_get_bytes (example);
      g_assert (memchr (g_bytes_get_data (edited, NULL), '\n', g_bytes_get_size (edited)) == NULL);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(FtJsonlReader) reader = NULL;
  FtJsonlLine line;

  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  reader = ft_jsonl_reader_new (stream);

  while (ft_jsonl_reader_next (reader, &line, NULL, NULL))
    {
      g_assert (line.text[line.length] == '\0');
      exercise (&line);
    }

  return 0;
}
