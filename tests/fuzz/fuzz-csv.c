/* fuzz-csv.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-import.h"
#include "ft-jsonl-reader.h"

#include <stdint.h>
#include <string.h>

/* libFuzzer harness for import: CSV with a guessed mapping and a fixed
 * one, and legacy JSONL conversion. Every line produced must be valid
 * JSON or, for JSONL passed through, the input line itself.
 */

static gboolean
check_line_cb (const char  *text,
               gsize        length,
               guint64      source_line,
               gpointer     user_data,
               GError     **error)
{
  gboolean passthrough = GPOINTER_TO_INT (user_data);
  FtJsonlLine line;

  g_assert (strlen (text) == length || passthrough);
  g_assert (memchr (text, '\n', length) == NULL);

  ft_jsonl_line_init (&line, source_line, text, length);
  if (!passthrough && !ft_jsonl_line_validate (&line, NULL, NULL))
    g_error ("import produced invalid JSON: %s", text);

  return TRUE;
}

static void
run (const uint8_t  *data,
     size_t          size,
     FtImportFormat  format,
     const char     *map)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(FtImportOptions) options = ft_import_options_new ();
  FtImportStats stats;

  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  ft_import_options_set_format (options, format);
  ft_import_options_set_mapping_spec (options, map);
  ft_import_options_set_system_text (options, "System \"text\"");
  ft_import_stats_init (&stats);
  ft_import_stream (stream, NULL, options, check_line_cb,
                    GINT_TO_POINTER (format == FT_IMPORT_FORMAT_JSONL), &stats, NULL, NULL);
  ft_import_stats_clear (&stats);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  run (data, size, FT_IMPORT_FORMAT_CSV, NULL);
  run (data, size, FT_IMPORT_FORMAT_CSV, "user=1,assistant=2,user=3,assistant=9");
  run (data, size, FT_IMPORT_FORMAT_JSONL, NULL);

  return 0;
}
