/* test-cli-checks.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli-test-utils.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *
data_path (const char *dir,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

typedef struct
{
  const char *input;
  const char *expected;
  const char *limit;
  int         status;
} NotebookCase;

static const NotebookCase notebook_cases[] = {
  { "toy_chat_fine_tuning.jsonl", "toy_chat_fine_tuning.expected-16385.txt", NULL, 0 },
  { "toy_chat_fine_tuning.jsonl", "toy_chat_fine_tuning.expected-4096.txt", "4096", 0 },
  { "names_unicode.jsonl", "names_unicode.expected.txt", NULL, 0 },
  { "format_edge_cases.jsonl", "format_edge_cases.expected.txt", NULL, 1 },
};

static void
test_cli_notebook (gconstpointer data)
{
  const NotebookCase *c = data;
  g_autofree char *input = data_path ("dataprep", c->input);
  g_autofree char *expected_path = data_path ("dataprep", c->expected);
  g_autofree char *expected = NULL;
  g_auto(CliResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
  g_assert_no_error (error);

  if (c->limit != NULL)
    cli_run (&result,
             NULL,
             (const char *[]) { "validate", "--notebook", "--limit", c->limit, input, NULL });
  else
    cli_run (&result, NULL, (const char *[]) { "validate", "--notebook", input, NULL });

  /* Byte for byte. */
  g_assert_cmpstr (result.out, ==, expected);
  g_assert_cmpint (result.status, ==, c->status);
  if (c->status == 1)
    g_assert_nonnull (strstr (result.err, ":1: the notebook’s statistics cell raises here"));
}

static void
test_cli_notebook_unloadable (void)
{
  g_autofree char *blank = write_input ("blank.jsonl",
                                        "{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"Hi\"}]}\n"
                                        "\n"
                                        "{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"Hi\"}]}\n");
  g_autofree char *broken = write_input ("broken.jsonl",
                                         "{\"messages\": [{\"role\": \"user\", \"content\": "
                                         "\"Hi\"}]}\n"
                                         "{\"messages\": [}\n");
  g_autofree char *empty = write_input ("empty.jsonl", "");
  g_auto(CliResult) r1 = { 0 };
  g_auto(CliResult) r2 = { 0 };
  g_auto(CliResult) r3 = { 0 };

  cli_run (&r1, NULL, (const char *[]) { "validate", "--notebook", blank, NULL });
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_cmpstr (r1.out, ==, "");
  g_assert_nonnull (strstr (r1.err, "blank.jsonl:2: the notebook cannot load this file"));

  cli_run (&r2, NULL, (const char *[]) { "validate", "--notebook", broken, NULL });
  g_assert_cmpint (r2.status, ==, 2);
  g_assert_nonnull (strstr (r2.err, "broken.jsonl:2: the notebook cannot load this file: "
                                    "Column 15"));

  cli_run (&r3, NULL, (const char *[]) { "validate", "--notebook", empty, NULL });
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_cmpstr (r3.out, ==, "Num examples: 0\nNo errors found\n\n(the notebook's statistics "
                               "cell raises an exception on this file)\n");
  g_assert_nonnull (strstr (r3.err, "no examples"));
}

static void
test_cli_notebook_notes (void)
{
  g_autofree char *path = NULL;
  g_auto(CliResult) result = { 0 };

  path = write_input ("weights.jsonl",
                      "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi <|endoftext|>\"}, "
                      "{\"role\": \"assistant\", \"content\": \"Hey\", \"weight\": 0}]}\n");

  /* The notebook raises on both; we count and say so on stderr. */
  cli_run (&result, NULL, (const char *[]) { "validate", "--notebook", path, NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Num examples: 1\nNo errors found\n"));
  g_assert_nonnull (strstr (result.out, "Dataset has ~"));
  g_assert_nonnull (strstr (result.err, "1 message value is not text"));
  g_assert_nonnull (strstr (result.err, "1 example contains special-token text"));
}

static void
test_cli_validate_human (void)
{
  g_autofree char *path = data_path ("dataprep", "format_edge_cases.jsonl");
  g_autofree char *clippy = data_path ("real", "clippy-sarcastic.train.jsonl");
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) clean = { 0 };

  cli_run (&result, NULL, (const char *[]) { "validate", path, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, "format_edge_cases.jsonl:1: error: This line is a "
                                        "list, not an example."));
  g_assert_nonnull (strstr (result.out, "[not-an-object]"));
  g_assert_nonnull (strstr (result.out, "format_edge_cases.jsonl:4: error: This example has no "
                                        "assistant message"));
  g_assert_nonnull (strstr (result.out, "[missing-assistant-message]"));
  g_assert_nonnull (strstr (result.out, "14 examples, checked as supervised fine-tuning data"));
  g_assert_nonnull (strstr (result.out, "Estimated cost: unknown (give --model"));
  g_assert_nonnull (strstr (result.out, "Findings: "));

  cli_run (&clean,
           NULL,
           (const char *[]) { "validate", "--model", "gpt-4o-mini-2024-07-18", clippy, NULL });
  g_assert_cmpint (clean.status, ==, 0);
  g_assert_nonnull (strstr (clean.out, "Tokens, counted with o200k_base"));
  g_assert_nonnull (strstr (clean.out, "Limit: 65,536 tokens per example "
                                       "(gpt-4o-mini-2024-07-18)"));
  g_assert_nonnull (strstr (clean.out, "Estimated cost: $"));
  g_assert_nonnull (strstr (clean.out, "2027-01-06"));
  g_assert_nonnull (strstr (clean.out, "Findings: 0 errors, 0 warnings"));
}

static void
test_cli_validate_json (void)
{
  g_autofree char *path = data_path ("dataprep", "toy_chat_fine_tuning.jsonl");
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *summary;
  JsonObject *training;
  JsonObject *tokens;
  JsonArray *issues;
  JsonObject *cost;

  cli_run (&result,
           NULL,
           (const char *[]) { "validate", "--json", "--model", "gpt-4o-mini", path, NULL });
  g_assert_cmpint (result.status, ==, 1);
  root = cli_parse_json (result.out);

  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "exemplar-validate/1");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "file"),
                                   "toy_chat_fine_tuning.jsonl"));
  g_assert_true (json_object_get_null_member (root, "validation_file"));

  issues = json_object_get_array_member (root, "issues");
  g_assert_cmpuint (json_array_get_length (issues), >, 0);
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);

      g_assert_true (json_object_has_member (issue, "line"));
      g_assert_true (json_object_has_member (issue, "severity"));
      g_assert_true (json_object_has_member (issue, "code"));
      g_assert_true (json_object_has_member (issue, "message"));
      if (g_strcmp0 (json_object_get_string_member (issue, "code"), "too-few-examples") == 0)
        g_assert_cmpint (json_object_get_int_member (issue, "line"), ==, 0);
    }

  summary = json_object_get_object_member (root, "summary");
  training = json_object_get_object_member (summary, "training");
  g_assert_true (json_object_get_null_member (summary, "validation"));
  g_assert_cmpint (json_object_get_int_member (training, "examples"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (training, "encoding"), ==, "o200k_base");
  g_assert_cmpstr (json_object_get_string_member (training, "method"), ==, "supervised");
  g_assert_cmpint (json_object_get_int_member (training, "token_limit"), ==, 65536);
  g_assert_cmpstr (json_object_get_string_member (training, "token_limit_source"), ==, "model");
  g_assert_cmpint (json_object_get_int_member (training, "epochs"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (training, "errors"), >=, 1);
  tokens = json_object_get_object_member (training, "total_tokens");
  g_assert_cmpint (json_object_get_int_member (tokens, "sum"),
                   ==,
                   json_object_get_int_member (training, "billed_tokens"));
  g_assert_cmpint (json_object_get_int_member (training, "trained_tokens"), ==,
                   20 * json_object_get_int_member (training, "billed_tokens"));

  cost = json_object_get_object_member (training, "cost");
  g_assert_true (json_object_get_boolean_member (cost, "known"));
  g_assert_cmpstr (json_object_get_string_member (cost, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (cost, "price_unit"), ==, "1m_tokens");
  g_assert_cmpint (json_object_get_int_member (cost, "price_micros"), ==, 3000000);
  /* trained tokens × $3 / 1M, rounded half up to a micro-dollar */
  g_assert_cmpint (json_object_get_int_member (cost, "amount_micros"), ==,
                   (json_object_get_int_member (training,
                                                "trained_tokens") * 3000000 + 500000) / 1000000);
}

/* The --json output is one document laid out exactly as json-glib lays
 * it out: parsing it and generating it again with json-glib gives the same
 * text.
 */
static JsonNode *
assert_json_layout (const char *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  again = json_generator_to_data (generator, NULL);
  expected = g_strconcat (again, "\n", NULL);
  g_assert_cmpstr (out, ==, expected);

  return json_parser_steal_root (parser);
}

static void
test_cli_json_layout (void)
{
  static const char * const fields[] = {
    "file", "line", "column", "example", "message_index", "severity", "code", "message",
    "other_line", NULL
  };
  g_autofree char *edge = data_path ("dataprep", "format_edge_cases.jsonl");
  g_autofree char *clippy = data_path ("real", "clippy-sarcastic.train.jsonl");
  g_autofree char *odd = write_input ("odd \"name\".jsonl",
                                      "{\"messages\": [{\"role\": \"user\", \"content\": "
                                      "\"\\ud83d \\\"quoted\\\"\\ttab\"}]}\n"
                                      "{\"messages\": [}\n"
                                      "\n");
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing.jsonl", NULL);
  g_auto(CliResult) human = { 0 };
  g_auto(CliResult) json = { 0 };
  g_auto(CliResult) clean = { 0 };
  g_auto(CliResult) odd_json = { 0 };
  g_auto(CliResult) stats = { 0 };
  g_auto(CliResult) failed = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) clean_root = NULL;
  g_autoptr(JsonNode) odd_root = NULL;
  g_autoptr(JsonNode) stats_root = NULL;
  g_autoptr(JsonNode) failed_root = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new ();
  JsonObject *object;
  JsonArray *issues;

  /* A fixture with many findings: the issues are the printed findings. */
  cli_run (&human, NULL, (const char *[]) { "validate", edge, NULL });
  cli_run (&json, NULL, (const char *[]) { "validate", "--json", edge, NULL });
  g_assert_cmpint (json.status, ==, human.status);
  root = assert_json_layout (json.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "schema"), ==, "exemplar-validate/1");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "file"),
                                   "format_edge_cases.jsonl"));
  g_assert_true (json_object_get_null_member (object, "validation_file"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (object, "summary"), "training"),
                                               "examples"), ==, 14);

  lines = g_strsplit (human.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_suffix (lines[i], "]") && strstr (lines[i], ": error: ") != NULL)
        g_ptr_array_add (findings, lines[i]);
      else if (g_str_has_suffix (lines[i], "]") && strstr (lines[i], ": warning: ") != NULL)
        g_ptr_array_add (findings, lines[i]);
      else if (g_str_has_suffix (lines[i], "]") && strstr (lines[i], ": info: ") != NULL)
        g_ptr_array_add (findings, lines[i]);
    }

  issues = json_object_get_array_member (object, "issues");
  g_assert_cmpuint (json_array_get_length (issues), >=, 10);
  g_assert_cmpuint (json_array_get_length (issues), ==, findings->len);
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);
      g_autoptr(GList) members = json_object_get_members (issue);
      g_autofree char *printed = NULL;
      guint k = 0;

      /* Stable names, in a stable order. */
      for (GList *l = members; l != NULL; l = l->next, k++)
        g_assert_cmpstr (l->data, ==, fields[k]);
      g_assert_null (fields[k]);

      if (json_object_get_int_member (issue, "line") > 0)
        printed = g_strdup_printf ("%s:%" G_GINT64_FORMAT ": %s: %s [%s]",
                                   json_object_get_string_member (issue, "file"),
                                   json_object_get_int_member (issue, "line"),
                                   json_object_get_string_member (issue, "severity"),
                                   json_object_get_string_member (issue, "message"),
                                   json_object_get_string_member (issue, "code"));
      else
        printed = g_strdup_printf ("%s: %s: %s [%s]",
                                   json_object_get_string_member (issue, "file"),
                                   json_object_get_string_member (issue, "severity"),
                                   json_object_get_string_member (issue, "message"),
                                   json_object_get_string_member (issue, "code"));
      g_assert_cmpstr (printed, ==, g_ptr_array_index (findings, i));
    }

  /* No findings: an empty array, as json-glib writes it. */
  cli_run (&clean, NULL, (const char *[]) { "validate", "--json", clippy, NULL });
  g_assert_cmpint (clean.status, ==, 0);
  clean_root = assert_json_layout (clean.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (clean_root), "issues")), ==, 0);

  /* Quotes, escapes and broken lines in names and messages, two files. */
  cli_run (&odd_json, NULL, (const char *[]) { "validate", "--json", "--validation-file", odd,
                                               odd, NULL });
  odd_root = assert_json_layout (odd_json.out);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (
                                     json_node_get_object (odd_root), "validation_file"),
                                   "odd \"name\".jsonl"));

  cli_run (&stats, NULL, (const char *[]) { "stats", "--json", edge, NULL });
  stats_root = assert_json_layout (stats.out);
  g_assert_false (json_object_has_member (json_node_get_object (stats_root), "issues"));

  /* A file that cannot be read midway still closes the document. */
  cli_run (&failed, NULL, (const char *[]) { "validate", "--json", "--validation-file", missing,
                                             edge, NULL });
  g_assert_cmpint (failed.status, ==, 2);
  failed_root = assert_json_layout (failed.out);
  g_assert_true (json_object_has_member (json_node_get_object (failed_root), "issues"));
}

static void
test_cli_validate_overlap (void)
{
  g_autofree char *train = write_input ("train.jsonl",
                                        "{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"Hi\"}, {\"role\": \"assistant\", \"content\": "
                                        "\"Hello\"}]}\n"
                                        "{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"Bye\"}, {\"role\": \"assistant\", \"content\": "
                                        "\"See you\"}]}\n");
  g_autofree char *valid = write_input ("valid.jsonl",
                                        "{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"New\"}, {\"role\": \"assistant\", \"content\": "
                                        "\"Thing\"}]}\n"
                                        "{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"bye\"}, {\"role\": \"assistant\", \"content\": "
                                        "\"See  you\"}]}\n");
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) json = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *issues;
  gboolean found = FALSE;

  cli_run (&result, NULL, (const char *[]) { "validate", "--validation-file", valid, train, NULL });
  g_assert_nonnull (strstr (result.out, "valid.jsonl:2: warning: This validation example is "
                                        "also in the training file (line 2)."));
  g_assert_nonnull (strstr (result.out, "[train-validation-overlap]"));

  cli_run (&json,
           NULL,
           (const char *[]) { "validate", "--json", "--validation-file", valid, train, NULL });
  root = cli_parse_json (json.out);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "validation_file"),
                                   "valid.jsonl"));
  g_assert_false (json_object_get_null_member (json_object_get_object_member (root, "summary"),
                                               "validation"));
  issues = json_object_get_array_member (root, "issues");
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);

      if (g_strcmp0 (json_object_get_string_member (issue, "code"),
                     "train-validation-overlap") == 0)
        {
          found = TRUE;
          g_assert_true (g_str_has_suffix (json_object_get_string_member (issue, "file"),
                                           "valid.jsonl"));
          g_assert_cmpint (json_object_get_int_member (issue, "line"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (issue, "other_line"), ==, 2);
        }
    }
  g_assert_true (found);
}

static void
test_cli_validate_stdin (void)
{
  g_auto(CliResult) result = { 0 };

  cli_run (&result,
           "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": "
           "\"assistant\", \"content\": \"Hello\"}]}\n"
           "not json\n",
           (const char *[]) { "validate", "-", NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, "-:2: error: Column 1:"));
  g_assert_nonnull (strstr (result.out, "[invalid-json]"));
  g_assert_nonnull (strstr (result.out, "1 of them could not be read"));
}

/* One example is one example, not "1 examples". */
static void
test_cli_validate_one_example (void)
{
  g_auto(CliResult) result = { 0 };

  cli_run (&result,
           "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": "
           "\"assistant\", \"content\": \"Hello\"}]}\n",
           (const char *[]) { "validate", "-", NULL });
  g_assert_nonnull (strstr (result.out, "-: 1 example, checked as supervised fine-tuning data"));
  g_assert_nonnull (strstr (result.out, "; 0 examples over it"));
}

static void
test_cli_validate_errors (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "no-such-file.jsonl", NULL);
  g_autofree char *path = data_path ("dataprep", "toy_chat_fine_tuning.jsonl");
  g_auto(CliResult) r1 = { 0 };
  g_auto(CliResult) r2 = { 0 };
  g_auto(CliResult) r3 = { 0 };
  g_auto(CliResult) r4 = { 0 };
  g_auto(CliResult) r5 = { 0 };

  cli_run (&r1, NULL, (const char *[]) { "validate", missing, NULL });
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_nonnull (strstr (r1.err, "no-such-file.jsonl"));

  cli_run (&r2, NULL, (const char *[]) { "validate", NULL });
  g_assert_cmpint (r2.status, ==, 2);

  cli_run (&r3, NULL, (const char *[]) { "validate", "--encoding", "p50k", path, NULL });
  g_assert_cmpint (r3.status, ==, 2);
  g_assert_nonnull (strstr (r3.err, "unknown encoding"));

  cli_run (&r4, NULL, (const char *[]) { "validate", "--notebook", "--json", path, NULL });
  g_assert_cmpint (r4.status, ==, 2);

  cli_run (&r5, NULL, (const char *[]) { "validate", "--limit", "-5", path, NULL });
  g_assert_cmpint (r5.status, ==, 2);
}

static void
test_cli_stats (void)
{
  g_autofree char *path = data_path ("dataprep", "toy_chat_fine_tuning.jsonl");
  g_autofree char *rft = data_path ("real", "countdown-rft.train.jsonl");
  g_auto(CliResult) human = { 0 };
  g_auto(CliResult) json = { 0 };
  g_auto(CliResult) hourly = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *training;
  JsonObject *messages;

  cli_run (&human, NULL, (const char *[]) { "stats", path, NULL });
  g_assert_cmpint (human.status, ==, 0);
  g_assert_null (strstr (human.out, "error:"));
  g_assert_nonnull (strstr (human.out, "5 examples"));
  g_assert_nonnull (strstr (human.out, "per example        min 26, max 8,032"));
  g_assert_nonnull (strstr (human.out, "~8,242 tokens per epoch × 20 epochs"));

  cli_run (&json, NULL, (const char *[]) { "stats", "--json", path, NULL });
  g_assert_cmpint (json.status, ==, 0);
  root = cli_parse_json (json.out);
  g_assert_false (json_object_has_member (root, "issues"));
  training = json_object_get_object_member (json_object_get_object_member (root, "summary"),
                                            "training");
  messages = json_object_get_object_member (training, "messages");
  g_assert_cmpint (json_object_get_int_member (messages, "min"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (messages, "max"), ==, 9);
  g_assert_cmpfloat (json_object_get_double_member (messages, "p90"), ==, 6.6000000000000005);
  g_assert_cmpint (json_object_get_int_member (training, "billed_tokens"), ==, 8242);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (training, "cost"),
                                                  "known"));

  cli_run (&hourly, NULL, (const char *[]) { "stats", "--model", "o4-mini-2025-04-16", rft, NULL });
  g_assert_cmpint (hourly.status, ==, 0);
  g_assert_nonnull (strstr (hourly.out, "billed per hour of training"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (notebook_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ft/cli-checks/notebook/%s",
                                               notebook_cases[i].expected);

      g_test_add_data_func (path, &notebook_cases[i], test_cli_notebook);
    }
  g_test_add_func ("/ft/cli-checks/notebook-unloadable", test_cli_notebook_unloadable);
  g_test_add_func ("/ft/cli-checks/notebook-notes", test_cli_notebook_notes);
  g_test_add_func ("/ft/cli-checks/validate-human", test_cli_validate_human);
  g_test_add_func ("/ft/cli-checks/validate-json", test_cli_validate_json);
  g_test_add_func ("/ft/cli-checks/json-layout", test_cli_json_layout);
  g_test_add_func ("/ft/cli-checks/validate-overlap", test_cli_validate_overlap);
  g_test_add_func ("/ft/cli-checks/validate-stdin", test_cli_validate_stdin);
  g_test_add_func ("/ft/cli-checks/validate-one-example", test_cli_validate_one_example);
  g_test_add_func ("/ft/cli-checks/validate-errors", test_cli_validate_errors);
  g_test_add_func ("/ft/cli-checks/stats", test_cli_stats);

  return g_test_run ();
}
