/* test-csv-import.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-core-test-utils.h"
#include "ft-csv-import.h"
#include "ft-dataset.h"
#include "ft-error.h"
#include "ft-import.h"

#include <locale.h>
#include <string.h>

static GPtrArray *
read_records (const char  *data,
              char         delimiter,
              GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, strlen (data), NULL);
  g_autoptr(FtCsvReader) reader = ft_csv_reader_new (stream);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  char **record;
  guint64 line;

  if (delimiter != '\0')
    ft_csv_reader_set_delimiter (reader, delimiter);

  while ((record = ft_csv_reader_next_record (reader, &line, NULL, error)) != NULL)
    g_ptr_array_add (records, record);

  return records;
}

#define RECORD(records, i) ((const char * const *)g_ptr_array_index ((records), (i)))

static void
test_reader_basic (void)
{
  static const char data[] =
    "\xEF\xBB\xBFuser,assistant,note\r\n"
    "\"Hello, world\",\"She said \"\"hi\"\"\",\r\n"
    "\r\n"
    "\"two\r\nlines\",plain \"quote\" inside,  \"spaced\"  \r\n"
    ",,\n"
    "last,row,\"\"";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_records (data, '\0', &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpstrv (RECORD (records, 0), ((const char * const[]) { "user", "assistant", "note",
                                                                   NULL }));
  g_assert_cmpstrv (RECORD (records, 1),
                    ((const char * const[]) { "Hello, world", "She said \"hi\"", "", NULL }));
  g_assert_cmpstrv (RECORD (records, 2),
                    ((const char * const[]) {
                      "two\nlines", "plain \"quote\" inside", "  \"spaced\"  ", NULL }));
  g_assert_cmpstrv (RECORD (records, 3), ((const char * const[]) { "", "", "", NULL }));
  g_assert_cmpstrv (RECORD (records, 4), ((const char * const[]) { "last", "row", "", NULL }));
}

static void
test_reader_delimiter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_records ("a;b\n\"x;y\";z\n", ';', &error);
  g_autoptr(GPtrArray) tabs = read_records ("a\tb\nx,y\tz\n", '\t', &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (RECORD (records, 1), ((const char * const[]) { "x;y", "z", NULL }));
  g_assert_cmpstrv (RECORD (tabs, 1), ((const char * const[]) { "x,y", "z", NULL }));
}

static void
test_reader_errors (void)
{
  static const struct {
    const char *data;
    const char *message;
  } cases[] = {
    { "a,b\n\"open,x\ny,z\n", "Line 2: a quoted field that starts on this line is never closed" },
    { "a,b\n\"closed\"x,y\n", "Line 2, column 9: unexpected text after the closing quote" },
    { "a,b\nok,\xff\n", "Line 2, column 4: the text is not valid UTF-8 (byte 0xFF)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = read_records (cases[i].data, '\0', &error);

      g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: %s", i, error->message);
      g_assert_cmpuint (records->len, ==, 1);
    }
}

static void
test_reader_insurance (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "insurance-topics.qa.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(FtCsvReader) reader = ft_csv_reader_new (G_INPUT_STREAM (stream));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  char **record;
  guint64 line = 0;
  guint n = 0;

  header = ft_csv_reader_next_record (reader, &line, NULL, &error);
  g_assert_cmpstrv (header, ((const char * const[]) {
                              "QnA", "topic", "customer_question", "agent_reply", NULL }));
  g_assert_cmpuint (line, ==, 1);

  while ((record = ft_csv_reader_next_record (reader, &line, NULL, &error)) != NULL)
    {
      g_auto(GStrv) fields = record;

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      for (guint i = 0; i < 4; i++)
        {
          g_assert_cmpstr (fields[i], !=, "");
          g_assert_null (strchr (fields[i], '\r'));
        }
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 66);
  g_assert_cmpuint (line, <=, 169);
}

static void
test_mapping_header (void)
{
  static const struct {
    const char *header[5];
    const char *expected;
  } cases[] = {
    { { "System", "User", "Assistant", NULL }, "system=System,user=User,assistant=Assistant" },
    { { "prompt", "completion", NULL }, "user=prompt,assistant=completion" },
    { { "id", " Question ", "ANSWER", NULL }, "user= Question ,assistant=ANSWER" },
    { { "system_prompt", "Input", "Response", "x", NULL }, "system=system_prompt,user=Input,"
                                                           "assistant=Response" },
    { { "prompt", "response", NULL }, "user=prompt,assistant=response" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FtCsvMapping) mapping = ft_csv_mapping_new_from_header (cases[i].header, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = ft_csv_mapping_to_string (mapping, cases[i].header);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_mapping_errors (void)
{
  const char * const header[] = { "QnA", "topic", "customer_question", "agent_reply", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FtCsvMapping) mapping = NULL;
  g_autofree char *text = NULL;
  FtRole role;
  guint column;

  mapping = ft_csv_mapping_new_from_header (header, &error);
  g_assert_null (mapping);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "“QnA”, “topic”, “customer_question”, “agent_reply”"));
  g_clear_error (&error);

  mapping = ft_csv_mapping_parse ("user = customer_question, assistant=4", header, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ft_csv_mapping_get_n_entries (mapping), ==, 2);
  ft_csv_mapping_get_entry (mapping, 1, &role, &column);
  g_assert_cmpint (role, ==, FT_ROLE_ASSISTANT);
  g_assert_cmpuint (column, ==, 3);
  text = ft_csv_mapping_to_string (mapping, header);
  g_assert_cmpstr (text, ==, "user=customer_question,assistant=agent_reply");
  g_clear_pointer (&mapping, ft_csv_mapping_unref);

  mapping = ft_csv_mapping_parse ("robot=1", header, &error);
  g_assert_null (mapping);
  g_assert_nonnull (strstr (error->message, "Unknown role “robot”"));
  g_clear_error (&error);

  mapping = ft_csv_mapping_parse ("user=answer", header, &error);
  g_assert_null (mapping);
  g_assert_nonnull (strstr (error->message, "no column “answer”"));
  g_clear_error (&error);

  mapping = ft_csv_mapping_parse ("user", header, &error);
  g_assert_null (mapping);
  g_assert_nonnull (strstr (error->message, "ROLE=COLUMN"));
  g_clear_error (&error);

  mapping = ft_csv_mapping_parse (" , ", header, &error);
  g_assert_null (mapping);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
}

static gboolean
collect_cb (const char  *line,
            gsize        length,
            guint64      source_line,
            gpointer     user_data,
            GError     **error)
{
  GPtrArray *lines = user_data;

  g_assert_cmpuint (strlen (line), ==, length);
  g_ptr_array_add (lines, g_strdup_printf ("%" G_GUINT64_FORMAT ":%s", source_line, line));

  return TRUE;
}

static GPtrArray *
import_text (const char       *data,
             const char       *name,
             FtImportOptions  *options,
             FtImportStats    *stats,
             GError          **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, strlen (data), NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  ft_import_stream (stream, name, options, collect_cb, lines, stats, NULL, error);

  return lines;
}

static void
test_import_csv (void)
{
  static const char data[] =
    "Question;Answer;Follow-up;Reply\n"
    "Capital of Norway?;Oslo.;;\n"
    "\"2+2\";4;\"And 3+3?\";6\n"
    "Only a question;;;\n"
    "short\n";
  g_autoptr(FtImportOptions) options = ft_import_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  FtImportStats stats;

  ft_import_options_set_mapping_spec (options, "user=Question,assistant=Answer,user=3,"
                                               "assistant=Reply");
  ft_import_options_set_system_text (options, "Be brief.");
  ft_import_stats_init (&stats);

  lines = import_text (data, "qa.txt", options, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "2:{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"Capital of Norway?\"},"
                   "{\"role\":\"assistant\",\"content\":\"Oslo.\"}]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==,
                   "3:{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"2+2\"},{\"role\":\"assistant\","
                   "\"content\":\"4\"},"
                   "{\"role\":\"user\",\"content\":\"And 3+3?\"},{\"role\":\"assistant\","
                   "\"content\":\"6\"}]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==,
                   "4:{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"Only a question\"}]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==,
                   "5:{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"short\"}]}");
  g_assert_cmpuint (stats.n_examples, ==, 4);
  g_assert_cmpuint (stats.n_converted, ==, 4);
  g_assert_cmpuint (stats.warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (stats.warnings, 0), "Line 5: the record has "
                                                                          "1 field, fewer"));
  ft_import_stats_clear (&stats);
}

static void
test_import_csv_header_detection (void)
{
  static const char data[] = "system,prompt,completion\r\n,Hi,Hello\r\nBe kind.,\"a\r\nb\",c\r\n";
  g_autoptr(FtImportOptions) options = ft_import_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) failed = NULL;

  ft_import_options_set_system_text (options, "Default.");
  lines = import_text (data, "data.csv", options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  /* An empty system cell takes the default system text. */
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "2:{\"messages\":[{\"role\":\"system\",\"content\":\"Default.\"},"
                   "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
                   "\"content\":\"Hello\"}]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==,
                   "3:{\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\"},"
                   "{\"role\":\"user\",\"content\":\"a\\nb\"},{\"role\":\"assistant\","
                   "\"content\":\"c\"}]}");

  failed = import_text ("a,b\n1,2\n", "x.csv", NULL, NULL, &error);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_cmpuint (failed->len, ==, 0);
  g_clear_error (&error);

  g_clear_pointer (&failed, g_ptr_array_unref);
  failed = import_text ("", "empty.csv", NULL, NULL, &error);
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "header"));
}

static void
test_import_legacy (void)
{
  static const char data[] =
    "{\"prompt\":\"Is it raining? ->\",\"completion\":\" 1\"}\n"
    "{\"prompt\": \"Mix \\u00e9\", \"label\": 1.50, \"completion\": \" 0@@@\", \"extra\": [null]}\n"
    "\n"
    "{\"messages\":[{\"role\":\"user\",\"content\":\"kept\"}]}\n"
    "{\"prompt\": 5, \"completion\": \"x\"}\n"
    "{\"prompt\": \"broken\n";
  g_autoptr(FtImportOptions) options = ft_import_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  FtImportStats stats;

  ft_import_options_set_system_text (options, "Classify.");
  ft_import_stats_init (&stats);
  lines = import_text (data, NULL, options, &stats, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (lines->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "1:{\"messages\":[{\"role\":\"system\",\"content\":\"Classify.\"},"
                   "{\"role\":\"user\",\"content\":\"Is it raining? ->\"},"
                   "{\"role\":\"assistant\",\"content\":\" 1\"}]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==,
                   "2:{\"messages\":[{\"role\":\"system\",\"content\":\"Classify.\"},"
                   "{\"role\":\"user\",\"content\":\"Mix \\u00e9\"},"
                   "{\"role\":\"assistant\",\"content\":\" 0@@@\"}],\"label\":1.50,"
                   "\"extra\":[null]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==,
                   "4:{\"messages\":[{\"role\":\"user\",\"content\":\"kept\"}]}");
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "5:{\"prompt\": 5, \"completion\": \"x\"}");
  g_assert_cmpstr (g_ptr_array_index (lines, 4), ==, "6:{\"prompt\": \"broken");

  g_assert_cmpuint (stats.n_examples, ==, 5);
  g_assert_cmpuint (stats.n_converted, ==, 2);
  g_assert_cmpuint (stats.n_unchanged, ==, 2);
  g_assert_cmpuint (stats.n_broken, ==, 1);
  g_assert_cmpuint (stats.warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (stats.warnings, 0), ==,
                   "Line 5: “prompt” is not a string; the line was kept as it is");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (stats.warnings, 1), "Line 6, column 19: the "
                                                                          "line ends inside a "
                                                                          "string"));
  ft_import_stats_clear (&stats);
}

static void
test_import_file_fixtures (void)
{
  static const struct {
    const char *name;
    const char *map;
    guint       n_examples;
  } cases[] = {
    { "context-switching.prompt-completion.jsonl", NULL, 178 },
    { "mof-synthesis.prompt-completion.jsonl", NULL, 69 },
    { "insurance-topics.qa.csv", "user=customer_question,assistant=agent_reply", 66 },
  };
  g_autofree char *dir = ft_test_make_tmp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", cases[i].name,
                                                     NULL);
      g_autofree char *out_path = g_build_filename (dir, "out.jsonl", NULL);
      g_autoptr(GFile) input = g_file_new_for_path (path);
      g_autoptr(GFile) output = g_file_new_for_path (out_path);
      g_autoptr(FtImportOptions) options = ft_import_options_new ();
      g_autoptr(FtDataset) dataset = ft_dataset_new ();
      g_autoptr(GError) error = NULL;
      FtImportStats stats;

      ft_import_options_set_mapping_spec (options, cases[i].map);
      ft_import_stats_init (&stats);
      g_assert_true (ft_import_file (input, output, options, &stats, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.n_converted, ==, cases[i].n_examples);
      g_assert_cmpuint (stats.warnings->len, ==, 0);
      ft_import_stats_clear (&stats);

      g_assert_true (ft_dataset_load (dataset, output, NULL, &error));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, cases[i].n_examples);
      g_assert_cmpint (ft_dataset_get_kind (dataset), ==, FT_DATASET_KIND_CHAT);
      for (guint j = 0; j < cases[i].n_examples; j++)
        g_assert_cmpuint (ft_example_get_n_messages (ft_dataset_peek_example (dataset, j)), ==, 2);
    }

  ft_test_remove_tree (dir);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  char ***warnings = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_dataset_import_finish (FT_DATASET (object), result, warnings, &error));
  g_assert_no_error (error);
}

static void
test_import_dataset_async (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "qa.tsv", "question\tanswer\nA?\tB\nC?\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_auto(GStrv) warnings = NULL;

  ft_dataset_import_async (dataset, file, NULL, NULL, import_done_cb, &warnings);
  FT_TEST_WAIT (warnings != NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 2);
  g_assert_null (ft_dataset_get_file (dataset));
  g_assert_true (ft_dataset_get_modified (dataset));
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_cmpstr (ft_example_get_title (ft_dataset_peek_example (dataset, 0)), ==, "A?");
  g_assert_cmpuint (ft_example_get_source_line (ft_dataset_peek_example (dataset, 1)), ==, 3);

  ft_test_remove_tree (dir);
}

static void
test_import_dataset_sync_error (void)
{
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *path = ft_test_write_file (dir, "bad.csv", "user,assistant\n\"never closed\n",
                                              -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FtDataset) dataset = ft_dataset_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ft_dataset_import (dataset, file, NULL, NULL, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 0);

  ft_test_remove_tree (dir);
}

static void
header_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  char ***header = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_import_read_csv_header_finish (G_FILE (object), result, header, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_read_header (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real",
                                                 "insurance-topics.qa.csv", NULL);
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autofree char *tsv_path = ft_test_write_file (dir, "faq.tsv",
                                                  "Frage\tAntwort\nWann?\tMorgen.\n", -1);
  g_autofree char *empty_path = ft_test_write_file (dir, "empty.csv", "", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) tsv = g_file_new_for_path (tsv_path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/faq.csv");
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) async_header = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_import_read_csv_header (file, &header, &first, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (header), ==, 4);
  g_assert_cmpstr (header[2], ==, "customer_question");
  g_assert_cmpstr (first[2], ==, "How are auto insurance premiums calculated?");
  g_clear_pointer (&header, g_strfreev);
  g_clear_pointer (&first, g_strfreev);

  /* The delimiter comes from the name, as for an import. */
  g_assert_true (ft_import_read_csv_header (tsv, &header, &first, NULL, &error));
  g_assert_cmpuint (g_strv_length (header), ==, 2);
  g_assert_cmpstr (header[1], ==, "Antwort");
  g_assert_cmpstr (first[0], ==, "Wann?");

  g_assert_false (ft_import_read_csv_header (empty, &async_header, NULL, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (ft_import_read_csv_header (missing, &async_header, NULL, NULL, &error));
  g_assert_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO);
  g_clear_error (&error);

  ft_import_read_csv_header_async (file, NULL, header_read_cb, &async_header);
  FT_TEST_WAIT (async_header != NULL);
  g_assert_cmpstr (async_header[3], ==, "agent_reply");

  ft_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ft/csv/reader-basic", test_reader_basic);
  g_test_add_func ("/ft/csv/reader-delimiter", test_reader_delimiter);
  g_test_add_func ("/ft/csv/reader-errors", test_reader_errors);
  g_test_add_func ("/ft/csv/reader-insurance", test_reader_insurance);
  g_test_add_func ("/ft/csv/mapping-header", test_mapping_header);
  g_test_add_func ("/ft/csv/mapping-errors", test_mapping_errors);
  g_test_add_func ("/ft/import/csv", test_import_csv);
  g_test_add_func ("/ft/import/csv-header-detection", test_import_csv_header_detection);
  g_test_add_func ("/ft/import/legacy", test_import_legacy);
  g_test_add_func ("/ft/import/file-fixtures", test_import_file_fixtures);
  g_test_add_func ("/ft/import/dataset-async", test_import_dataset_async);
  g_test_add_func ("/ft/import/dataset-sync-error", test_import_dataset_sync_error);
  g_test_add_func ("/ft/import/read-header", test_import_read_header);

  return g_test_run ();
}
