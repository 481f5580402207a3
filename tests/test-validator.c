/* test-validator.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-check-pipeline.h"
#include "ft-checks-private.h"
#include "ft-checks-test-utils.h"
#include "ft-core-test-utils.h"
#include "ft-duplicates.h"
#include "ft-issue.h"
#include "ft-validation-summary.h"
#include "ft-validator.h"

#include <locale.h>
#include <string.h>

/* Every code a test produced; the last test checks that all were. */
static gboolean codes_seen[FT_ISSUE_N_CODES];

static void
record_codes (FtExampleReport *report)
{
  for (guint i = 0; i < ft_example_report_get_n_issues (report); i++)
    codes_seen[ft_issue_get_code_id (ft_example_report_get_issue (report, i))] = TRUE;
}

static void
record_summary_codes (FtValidationSummary *summary)
{
  GListModel *issues = ft_validation_summary_get_issues (summary);

  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      codes_seen[ft_issue_get_code_id (issue)] = TRUE;
    }
}

static FtValidator *
new_validator (void)
{
  g_autoptr(GError) error = NULL;
  FtValidator *validator = ft_validator_new ();

  g_assert_true (ft_validator_prepare (validator, &error));
  g_assert_no_error (error);

  return validator;
}

static FtExampleReport *
check_with (FtValidator *validator,
            const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FtExampleReport *report;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  report = ft_validator_check_node (validator, json_parser_get_root (parser), 7, 6);
  record_codes (report);

  return report;
}

static FtExampleReport *
check (const char *json)
{
  g_autoptr(FtValidator) validator = new_validator ();

  return check_with (validator, json);
}

static void
assert_issue (const char  *json,
              FtIssueCode  code)
{
  g_autoptr(FtExampleReport) report = check (json);

  if (!ft_test_report_has (report, code))
    g_error ("%s: expected [%s]", json, ft_issue_code_to_string (code));
}

static void
assert_no_issue (const char  *json,
                 FtIssueCode  code)
{
  g_autoptr(FtExampleReport) report = check (json);

  if (ft_test_report_has (report, code))
    g_error ("%s: unexpected [%s]", json, ft_issue_code_to_string (code));
}

static void
assert_clean (const char *json)
{
  g_autoptr(FtExampleReport) report = check (json);

  for (guint i = 0; i < ft_example_report_get_n_issues (report); i++)
    g_error ("%s: unexpected finding [%s] %s", json,
             ft_issue_get_code (ft_example_report_get_issue (report, i)),
             ft_issue_get_message (ft_example_report_get_issue (report, i)));
}

static char *
data_path (const char *dir,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

#define U "{\"role\": \"user\", \"content\": \"Hi\"}"
#define A "{\"role\": \"assistant\", \"content\": \"Hello\"}"
#define S "{\"role\": \"system\", \"content\": \"Be brief.\"}"
#define WEATHER_TOOLS \
  "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", " \
  "\"parameters\": {\"type\": \"object\", " \
  "\"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}]"
#define CALL(id, name, args) \
  "{\"id\": \"" id "\", \"type\": \"function\", " \
  "\"function\": {\"name\": \"" name "\", \"arguments\": " args "}}"

static void
test_issue_codes (void)
{
  for (guint i = 0; i < FT_ISSUE_N_CODES; i++)
    {
      const char *string = ft_issue_code_to_string (i);
      FtIssueCode code;

      g_assert_nonnull (string);
      g_assert_true (ft_issue_code_from_string (string, &code));
      g_assert_cmpint (code, ==, i);
      g_assert_nonnull (ft_issue_code_get_title (i));
      for (const char *p = string; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
    }

  g_assert_false (ft_issue_code_from_string ("no-such-code", NULL));
  g_assert_cmpstr (ft_issue_code_to_string (FT_ISSUE_MISSING_ASSISTANT_MESSAGE),
                   ==,
                   "missing-assistant-message");
  g_assert_cmpstr (ft_issue_code_to_string (FT_ISSUE_UNKNOWN_ROLE), ==, "unknown-role");
  g_assert_cmpstr (ft_issue_code_to_string (FT_ISSUE_WEIGHT_NOT_BINARY), ==, "weight-not-binary");
  g_assert_cmpstr (ft_issue_code_to_string (FT_ISSUE_TOOL_CALL_UNANSWERED),
                   ==,
                   "tool-call-unanswered");
  g_assert_cmpint (ft_issue_code_get_severity (FT_ISSUE_SURROUNDING_WHITESPACE),
                   ==,
                   FT_ISSUE_SEVERITY_INFO);
}

static void
test_issue_object (void)
{
  g_autoptr(FtIssue) issue = ft_issue_new (FT_ISSUE_UNKNOWN_ROLE,
                                           12,
                                           11,
                                           2,
                                           "Message 3 has the role “bot”.");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  FtIssueSeverity severity;
  guint64 line;
  int message_index;

  g_object_get (issue,
                "code", &code,
                "message", &message,
                "severity", &severity,
                "line", &line,
                "message-index", &message_index,
                NULL);
  g_assert_cmpstr (code, ==, "unknown-role");
  g_assert_cmpstr (message, ==, "Message 3 has the role “bot”.");
  g_assert_cmpint (severity, ==, FT_ISSUE_SEVERITY_ERROR);
  g_assert_cmpuint (line, ==, 12);
  g_assert_cmpint (message_index, ==, 2);
  g_assert_cmpint (ft_issue_get_example_index (issue), ==, 11);
  g_assert_cmpuint (ft_issue_get_other_line (issue), ==, 0);
  g_assert_cmpstr (ft_issue_severity_to_string (FT_ISSUE_SEVERITY_WARNING), ==, "warning");
}

static void
test_validator_clean (void)
{
  assert_clean ("{\"messages\": [" S ", " U ", " A "]}");
  /* Tool calls, developer and weight are valid data. */
  assert_clean ("{\"messages\": [{\"role\": \"developer\", \"content\": \"Be brief.\"}, " U ", "
                "{\"role\": \"assistant\", \"content\": \"Hey\", \"weight\": 0}, " U ", "
                "{\"role\": \"assistant\", \"content\": \"Hello\", \"weight\": 1}]}");
  assert_clean ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_weather", "\"{\\\"city\\\": \\\"Oslo\\\"}\"") "]}, "
                "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"sunny\"}, " A "], "
                WEATHER_TOOLS ", \"parallel_tool_calls\": false}");
  /* A call in the last message teaches the call; it needs no reply. */
  assert_clean ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": null, "
                                     "\"tool_calls\": [" CALL ("c1",
                                                               "get_weather",
                                                               "\"{}\"") "]}], " WEATHER_TOOLS "}");
  /* Vision. */
  assert_clean ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", "
                "\"text\": \"What is this?\"}, "
                "{\"type\": \"image_url\", \"image_url\": {\"url\": "
                "\"https://example.com/cat.png\", \"detail\": \"low\"}}]}, " A "]}");
}

static void
test_validator_line_codes (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(FtExampleReport) broken = NULL;
  g_autoptr(FtExampleReport) utf8 = NULL;
  g_autoptr(FtExampleReport) nul = NULL;
  g_autoptr(FtExampleReport) blank = NULL;
  g_autoptr(FtExampleReport) bare = NULL;
  FtIssue *issue;

  broken = ft_validator_check_broken (validator,
                                      3,
                                      2,
                                      FT_ISSUE_INVALID_JSON,
                                      17,
                                      "Line 3, column 17: unexpected character");
  record_codes (broken);
  g_assert_cmpint (ft_example_report_get_kind (broken), ==, FT_LINE_KIND_BROKEN);
  g_assert_cmpint (ft_example_report_get_notebook_failure (broken), ==, FT_NOTEBOOK_FAILURE_LOAD);
  issue = ft_example_report_get_issue (broken, 0);
  g_assert_cmpuint (ft_issue_get_line (issue), ==, 3);
  g_assert_cmpuint (ft_issue_get_column (issue), ==, 17);
  g_assert_cmpint (ft_issue_get_example_index (issue), ==, 2);

  utf8 = ft_validator_check_broken (validator, 4, 3, FT_ISSUE_INVALID_UTF8, 5, "not UTF-8");
  nul = ft_validator_check_broken (validator, 5, 4, FT_ISSUE_CONTAINS_NUL, 9, "NUL");
  blank = ft_validator_check_blank (validator, 6);
  record_codes (utf8);
  record_codes (nul);
  record_codes (blank);
  g_assert_true (ft_test_report_has (utf8, FT_ISSUE_INVALID_UTF8));
  g_assert_true (ft_test_report_has (nul, FT_ISSUE_CONTAINS_NUL));
  g_assert_true (ft_test_report_has (blank, FT_ISSUE_BLANK_LINE));
  g_assert_cmpint (ft_example_report_get_index (blank), ==, -1);

  assert_issue ("[1, 2]", FT_ISSUE_NOT_AN_OBJECT);
  assert_issue ("\"just a string\"", FT_ISSUE_NOT_AN_OBJECT);
  assert_issue ("null", FT_ISSUE_NOT_AN_OBJECT);
  bare = check ("[" U ", " A "]");
  g_assert_true (ft_test_report_has (bare, FT_ISSUE_NOT_AN_OBJECT));
  g_assert_nonnull (strstr (ft_issue_get_message (ft_example_report_get_issue (bare, 0)),
                            "{\"messages\""));

  assert_issue ("{\"messages\": [" U ", " A "], \"label\": 1}", FT_ISSUE_UNKNOWN_EXAMPLE_KEY);
  assert_issue ("{\"foo\": 1}", FT_ISSUE_MISSING_MESSAGES);
  assert_issue ("{\"messages\": null}", FT_ISSUE_MISSING_MESSAGES);
  assert_issue ("{\"messages\": \"hi\"}", FT_ISSUE_MESSAGES_NOT_A_LIST);
  assert_issue ("{\"messages\": {\"role\": \"user\"}}", FT_ISSUE_MESSAGES_NOT_A_LIST);
  assert_issue ("{\"messages\": []}", FT_ISSUE_EMPTY_MESSAGES);
}

static void
test_validator_message_codes (void)
{
  g_autoptr(FtExampleReport) report = NULL;
  FtIssue *issue;

  assert_issue ("{\"messages\": [\"hi\", " A "]}", FT_ISSUE_MESSAGE_NOT_AN_OBJECT);
  assert_issue ("{\"messages\": [{\"content\": \"Hi\"}, " A "]}", FT_ISSUE_MISSING_ROLE);
  assert_issue ("{\"messages\": [{\"role\": \"bot\", \"content\": \"Hi\"}, " A "]}",
                FT_ISSUE_UNKNOWN_ROLE);
  assert_issue ("{\"messages\": [{\"role\": 3, \"content\": \"Hi\"}, " A "]}",
                FT_ISSUE_UNKNOWN_ROLE);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"loss_weight\": "
                "1}, " A "]}", FT_ISSUE_UNKNOWN_MESSAGE_KEY);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"tool_call_id\": "
                "\"x\"}, " A "]}", FT_ISSUE_UNKNOWN_MESSAGE_KEY);
  assert_issue ("{\"messages\": [{\"role\": \"user\"}, " A "]}", FT_ISSUE_MISSING_CONTENT);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": null}, " A "]}",
                FT_ISSUE_MISSING_CONTENT);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": \" \\n \"}, " A "]}",
                FT_ISSUE_EMPTY_CONTENT);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"\"}]}",
                FT_ISSUE_EMPTY_CONTENT);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": []}, " A "]}",
                FT_ISSUE_EMPTY_CONTENT);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": 42}, " A "]}",
                FT_ISSUE_INVALID_CONTENT);
  assert_issue ("{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief. \"}, " U ", " A
                "]}",
                FT_ISSUE_SURROUNDING_WHITESPACE);
  assert_issue ("{\"messages\": [" U "]}", FT_ISSUE_MISSING_ASSISTANT_MESSAGE);
  assert_issue ("{\"messages\": [" S "]}", FT_ISSUE_MISSING_ASSISTANT_MESSAGE);
  assert_issue ("{\"messages\": [" U ", " A ", " U "]}", FT_ISSUE_LAST_MESSAGE_NOT_ASSISTANT);
  assert_no_issue ("{\"messages\": [" U "]}", FT_ISSUE_LAST_MESSAGE_NOT_ASSISTANT);

  report = check ("{\"messages\": [" U ", " A ", " A "]}");
  g_assert_true (ft_test_report_has (report, FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES));
  issue = ft_example_report_get_issue (report, 0);
  g_assert_cmpint (ft_issue_get_message_index (issue), ==, 2);
  g_assert_cmpuint (ft_issue_get_line (issue), ==, 7);
  g_assert_cmpint (ft_issue_get_example_index (issue), ==, 6);
}

static void
test_validator_weights (void)
{
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Hey\", "
                                     "\"weight\": 2}]}", FT_ISSUE_WEIGHT_NOT_BINARY);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Hey\", "
                                     "\"weight\": \"1\"}]}", FT_ISSUE_WEIGHT_NOT_BINARY);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Hey\", "
                                     "\"weight\": 0.5}]}", FT_ISSUE_WEIGHT_NOT_BINARY);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Hey\", "
                                     "\"weight\": true}]}", FT_ISSUE_WEIGHT_NOT_BINARY);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"weight\": 1}, " A "]}",
                FT_ISSUE_WEIGHT_ON_NON_ASSISTANT);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Hey\", "
                                     "\"weight\": 0}]}", FT_ISSUE_ALL_WEIGHTS_ZERO);
  assert_no_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Hey\", "
                   "\"weight\": 0}, " U ", " A "]}",
                   FT_ISSUE_ALL_WEIGHTS_ZERO);
}

static void
test_validator_tools (void)
{
  g_autoptr(FtExampleReport) unanswered = NULL;

  assert_issue ("{\"messages\": [" U ", " A "], \"tools\": \"get_weather\"}",
                FT_ISSUE_INVALID_TOOLS);
  assert_issue ("{\"messages\": [" U ", " A "], \"tools\": [{\"type\": \"function\"}]}",
                FT_ISSUE_INVALID_TOOLS);
  assert_issue ("{\"messages\": [" U ", " A "], \"parallel_tool_calls\": \"no\"}",
                FT_ISSUE_INVALID_TOOLS);
  assert_issue ("{\"messages\": [" U ", " A "], \"functions\": [{\"name\": \"f\", "
                                            "\"parameters\": {\"type\": \"object\", "
                                            "\"properties\": {}, \"required\": [\"symbol\"]}}]}",
                FT_ISSUE_FUNCTION_SCHEMA_MISMATCH);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": {}}], "
                WEATHER_TOOLS "}",
                FT_ISSUE_INVALID_TOOL_CALLS);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"tool_calls\": "
                "[]}, " A "]}", FT_ISSUE_INVALID_TOOL_CALLS);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": [{\"id\": "
                                     "\"c1\", \"type\": \"retrieval\", \"function\": "
                                     "{\"name\": \"get_weather\", \"arguments\": \"{}\"}}]}], "
                                     WEATHER_TOOLS "}",
                FT_ISSUE_INVALID_TOOL_CALLS);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": [{\"type\": "
                                     "\"function\", \"function\": {\"name\": \"get_weather\", "
                                     "\"arguments\": \"{}\"}}]}], " WEATHER_TOOLS "}",
                FT_ISSUE_TOOL_CALL_MISSING_FIELD);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": [{\"id\": "
                                     "\"c1\", \"function\": {\"name\": \"get_weather\", "
                                     "\"arguments\": \"{}\"}}]}], " WEATHER_TOOLS "}",
                FT_ISSUE_TOOL_CALL_MISSING_FIELD);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": [{\"id\": "
                                     "\"c1\", \"type\": \"function\", \"function\": "
                                     "{\"arguments\": \"{}\"}}]}], " WEATHER_TOOLS "}",
                FT_ISSUE_TOOL_CALL_MISSING_FIELD);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_weather", "\"{city: Oslo}\"") "]}], " WEATHER_TOOLS "}",
                FT_ISSUE_MALFORMED_ARGUMENTS);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_weather", "{\"city\": \"Oslo\"}") "]}], " WEATHER_TOOLS "}",
                FT_ISSUE_MALFORMED_ARGUMENTS);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": null, "
                                     "\"function_call\": {\"name\": \"f\", \"arguments\": "
                                     "\"{\"}}], \"functions\": [{\"name\": \"f\"}]}",
                FT_ISSUE_MALFORMED_ARGUMENTS);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_time", "\"{}\"") "]}], " WEATHER_TOOLS "}",
                FT_ISSUE_UNKNOWN_FUNCTION);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_weather", "\"{}\"") "]}]}",
                FT_ISSUE_TOOL_CALLS_WITHOUT_TOOLS);

  unanswered = check ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                      CALL ("c1", "get_weather", "\"{}\"") ", "
                      CALL ("c2", "get_weather", "\"{}\"") "]}, "
                      "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"sunny\"}, " A
                      "], " WEATHER_TOOLS "}");
  g_assert_true (ft_test_report_has (unanswered, FT_ISSUE_TOOL_CALL_UNANSWERED));
  g_assert_nonnull (strstr (ft_issue_get_message (ft_example_report_get_issue (unanswered, 0)),
                            "c2"));

  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_weather", "\"{}\"") "]}, " A "], " WEATHER_TOOLS "}",
                FT_ISSUE_TOOL_CALL_UNANSWERED);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"tool\", \"tool_call_id\": \"c9\", "
                                     "\"content\": \"sunny\"}, " A "], " WEATHER_TOOLS "}",
                FT_ISSUE_TOOL_REPLY_WITHOUT_CALL);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": ["
                CALL ("c1", "get_weather", "\"{}\"")
                "]}, {\"role\": \"tool\", \"content\": \"sunny\"}, " A "], " WEATHER_TOOLS "}",
                FT_ISSUE_TOOL_REPLY_WITHOUT_CALL);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": null, "
                                     "\"function_call\": {\"name\": \"get_weather\", "
                                     "\"arguments\": \"{}\"}}], " WEATHER_TOOLS "}",
                FT_ISSUE_MIXED_FUNCTION_FORMATS);
  assert_issue ("{\"messages\": [" U ", " A "], " WEATHER_TOOLS ", \"functions\": [{\"name\": "
                                                                "\"f\"}]}",
                FT_ISSUE_MIXED_FUNCTION_FORMATS);
}

static void
test_validator_images (void)
{
  g_autoptr(GString) many = g_string_new ("{\"messages\": [{\"role\": \"user\", \"content\": [");
  g_autoptr(GString) large = g_string_new ("{\"messages\": [{\"role\": \"user\", \"content\": "
                                           "[{\"type\": \"image_url\", \"image_url\": "
                                           "{\"url\": \"data:image/png;base64,");
  g_autoptr(FtExampleReport) many_report = NULL;
  g_autoptr(FtExampleReport) large_report = NULL;

  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}, " A
                "]}",
                FT_ISSUE_INVALID_CONTENT_PART);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [\"Hi\"]}, " A "]}",
                FT_ISSUE_INVALID_CONTENT_PART);
  /* LLaMA-Factory's own part shape. */
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", "
                "\"value\": \"data/1.jpg\"}]}, " A "]}", FT_ISSUE_INVALID_CONTENT_PART);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": "
                "\"input_audio\", \"input_audio\": {\"data\": \"AAAA\", \"format\": "
                "\"wav\"}}]}, " A "]}",
                FT_ISSUE_UNSUPPORTED_CONTENT_PART);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"file\", "
                "\"file\": {\"file_id\": \"f\"}}]}, " A "]}",
                FT_ISSUE_UNSUPPORTED_CONTENT_PART);
  assert_issue ("{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": [{\"type\": "
                                     "\"image_url\", \"image_url\": {\"url\": "
                                     "\"https://example.com/a.png\"}}]}]}",
                FT_ISSUE_IMAGE_IN_ASSISTANT_MESSAGE);
  assert_issue ("{\"messages\": [{\"role\": \"system\", \"content\": [{\"type\": "
                "\"image_url\", \"image_url\": {\"url\": \"https://example.com/a.png\"}}]}, " U
                ", " A "]}",
                FT_ISSUE_IMAGE_OUTSIDE_USER_MESSAGE);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", "
                "\"image_url\": {\"url\": \"data:image/gif;base64,R0lGOD\"}}]}, " A "]}",
                FT_ISSUE_UNSUPPORTED_IMAGE_TYPE);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", "
                "\"image_url\": {\"url\": \"https://example.com/anim.GIF?x=1\"}}]}, " A "]}",
                FT_ISSUE_UNSUPPORTED_IMAGE_TYPE);
  assert_no_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": "
                   "\"image_url\", \"image_url\": {\"url\": "
                   "\"data:image/webp;base64,UklGR\"}}]}, " A "]}",
                   FT_ISSUE_UNSUPPORTED_IMAGE_TYPE);
  assert_issue ("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", "
                "\"image_url\": {\"url\": \"data/mllm_demo_data/1.jpg\"}}]}, " A "]}",
                FT_ISSUE_INVALID_IMAGE_URL);

  for (guint i = 0; i < 11; i++)
    g_string_append_printf (many, "%s{\"type\": \"image_url\", \"image_url\": {\"url\": "
                                  "\"https://example.com/%u.jpg\"}}", i > 0 ? ", " : "", i);
  g_string_append (many, "]}, " A "]}");
  many_report = check (many->str);
  g_assert_true (ft_test_report_has (many_report, FT_ISSUE_TOO_MANY_IMAGES));

  /* 14,000,000 base64 characters hold 10.5 MB. */
  for (guint i = 0; i < 14000000 / 100; i++)
    g_string_append (large,
                     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_string_append (large, "\"}}]}, " A "]}");
  large_report = check (large->str);
  g_assert_true (ft_test_report_has (large_report, FT_ISSUE_IMAGE_TOO_LARGE));
}

static void
test_validator_too_few_images_limit (void)
{
  g_autoptr(GString) ten = g_string_new ("{\"messages\": [{\"role\": \"user\", \"content\": [");

  for (guint i = 0; i < 10; i++)
    g_string_append_printf (ten, "%s{\"type\": \"image_url\", \"image_url\": {\"url\": "
                                 "\"https://example.com/%u.jpeg\"}}", i > 0 ? ", " : "", i);
  g_string_append (ten, "]}, " A "]}");
  assert_clean (ten->str);
}

static void
test_validator_tokens (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(FtValidator) limited = new_validator ();
  g_autoptr(FtValidator) o200k = NULL;
  g_autoptr(FtExampleReport) simple = NULL;
  g_autoptr(FtExampleReport) named = NULL;
  g_autoptr(FtExampleReport) over = NULL;
  g_autoptr(FtExampleReport) special = NULL;
  g_autoptr(FtExampleReport) tool = NULL;
  g_autoptr(FtExampleReport) tool_notebook = NULL;
  g_autoptr(FtValidator) notebook = new_validator ();
  FtTokenizer *tokenizer;
  gsize args;

  /* 3 priming + (3 + "user" + "Hi") + (3 + "assistant" + "Hello"), each
   * word one cl100k token.
   */
  simple = check_with (validator, "{\"messages\": [" U ", " A "]}");
  g_assert_true (ft_example_report_get_counted (simple));
  g_assert_cmpint (ft_example_report_get_n_messages (simple), ==, 2);
  g_assert_cmpint (ft_example_report_get_total_tokens (simple), ==, 13);
  g_assert_cmpint (ft_example_report_get_assistant_tokens (simple), ==, 1);

  /* tokens_per_name: "bob" is one token, plus one for the name key. */
  named = check_with (validator, "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", "
                                 "\"name\": \"bob\"}, " A "]}");
  g_assert_cmpint (ft_example_report_get_total_tokens (named), ==, 15);

  ft_validator_set_token_limit (limited, 12);
  over = check_with (limited, "{\"messages\": [" U ", " A "]}");
  g_assert_true (ft_test_report_has (over, FT_ISSUE_TOO_MANY_TOKENS));
  record_codes (over);
  g_assert_false (ft_test_report_has (simple, FT_ISSUE_TOO_MANY_TOKENS));

  special = check_with (validator, "{\"messages\": [{\"role\": \"user\", \"content\": \"a "
                                   "<|endoftext|> b\"}, " A "]}");
  g_assert_true (ft_test_report_has (special, FT_ISSUE_SPECIAL_TOKEN_TEXT));

  /* Outside notebook mode the call's name and arguments count; in notebook
   * mode the non-string tool_calls value is skipped (the notebook raises).
   */
  tokenizer = ft_tokenizer_get (FT_ENCODING_CL100K_BASE, NULL);
  args = ft_tokenizer_count (tokenizer,
                             "get_weather",
                             -1) + ft_tokenizer_count (tokenizer, "{}", -1);
  g_object_unref (tokenizer);
  tool = check_with (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                                     "\"tool_calls\": ["
                                                     CALL ("c1", "get_weather", "\"{}\"") "]}], "
                                                     WEATHER_TOOLS "}");
  g_assert_cmpint (ft_example_report_get_total_tokens (tool), ==, 3 + 5 + 3 + 1 + (gint64)args);
  g_assert_cmpint (ft_example_report_get_assistant_tokens (tool), ==, (gint64)args);

  ft_validator_set_notebook (notebook, TRUE);
  g_assert_true (ft_validator_prepare (notebook, NULL));
  tool_notebook = check_with (notebook, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                                             "\"tool_calls\": ["
                                                             CALL ("c1", "get_weather", "\"{}\"")
                                                             "]}], " WEATHER_TOOLS "}");
  g_assert_cmpint (ft_example_report_get_total_tokens (tool_notebook), ==, 3 + 5 + 3 + 1);

  /* The model chooses the encoding and the limit. */
  o200k = ft_validator_new ();
  ft_validator_set_model (o200k, "gpt-4o-mini-2024-07-18");
  g_assert_cmpint (ft_validator_get_encoding (o200k), ==, FT_ENCODING_O200K_BASE);
  g_assert_cmpint (ft_validator_get_token_limit (o200k), ==, 65536);
  g_assert_cmpint (ft_validator_get_token_limit_source (o200k), ==, FT_TOKEN_LIMIT_SOURCE_MODEL);
  ft_validator_set_model (o200k, "gpt-4.1-2025-04-14");
  g_assert_cmpint (ft_validator_get_token_limit_source (o200k), ==, FT_TOKEN_LIMIT_SOURCE_ASSUMED);
  ft_validator_set_notebook (o200k, TRUE);
  g_assert_cmpint (ft_validator_get_encoding (o200k), ==, FT_ENCODING_CL100K_BASE);
  g_assert_cmpint (ft_validator_get_token_limit (o200k), ==, 16385);
  ft_validator_set_encoding (o200k, FT_ENCODING_O200K_BASE);
  g_assert_cmpint (ft_validator_get_encoding (o200k), ==, FT_ENCODING_O200K_BASE);
  ft_validator_reset_encoding (o200k);
  g_assert_cmpint (ft_validator_get_encoding (o200k), ==, FT_ENCODING_CL100K_BASE);
}

static void
assert_counter (const char        *json,
                FtNotebookCounter  counter,
                guint              count)
{
  g_autoptr(FtExampleReport) report = check (json);

  if (ft_example_report_get_notebook_count (report, counter) != count)
    g_error ("%s: %s is %u, expected %u", json, ft_notebook_counter_to_string (counter),
             ft_example_report_get_notebook_count (report, counter), count);
}

static void
test_validator_notebook_counters (void)
{
  g_autoptr(FtExampleReport) report = NULL;
  FtNotebookCounter counter;

  assert_counter ("[1, 2]", FT_NOTEBOOK_DATA_TYPE, 1);
  assert_counter ("{\"prompt\": \"a\", \"completion\": \"b\"}",
                  FT_NOTEBOOK_MISSING_MESSAGES_LIST,
                  1);
  assert_counter ("{\"messages\": 0}", FT_NOTEBOOK_MISSING_MESSAGES_LIST, 1);
  /* Extension: a truthy non-list counts as missing, not a crash. */
  assert_counter ("{\"messages\": \"hello\"}", FT_NOTEBOOK_MISSING_MESSAGES_LIST, 1);
  assert_counter ("{\"messages\": [{\"role\": \"user\"}, {\"role\": \"assistant\", "
                  "\"content\": \"x\"}]}", FT_NOTEBOOK_MESSAGE_MISSING_KEY, 1);
  assert_counter ("{\"messages\": [{\"role\": \"user\"}, {\"role\": \"assistant\", "
                  "\"content\": \"x\"}]}", FT_NOTEBOOK_MISSING_CONTENT, 1);
  assert_counter ("{\"messages\": [{\"role\": \"user\"}, {\"role\": \"assistant\", "
                  "\"content\": \"x\"}]}", FT_NOTEBOOK_UNRECOGNIZED_ROLE, 0);
  assert_counter ("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}, {\"role\": "
                  "\"assistant\", \"content\": \"x\"}]}", FT_NOTEBOOK_MESSAGE_MISSING_KEY, 0);
  assert_counter ("{\"messages\": [\"hi\", {\"role\": \"assistant\", \"content\": \"x\"}]}",
                  FT_NOTEBOOK_MESSAGE_MISSING_KEY,
                  1);
  /* weight is a known key; tool_calls is not. */
  assert_counter ("{\"messages\": [{\"role\": \"user\", \"content\": \"x\", \"refusal\": "
                  "\"no\"}, {\"role\": \"assistant\", \"content\": \"x\", \"weight\": 1}]}",
                  FT_NOTEBOOK_MESSAGE_UNRECOGNIZED_KEY, 1);
  /* function is allowed; developer and tool are not. */
  assert_counter ("{\"messages\": [{\"role\": \"developer\", \"content\": \"x\"}, {\"role\": "
                  "\"function\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": "
                  "\"x\"}]}",
                  FT_NOTEBOOK_UNRECOGNIZED_ROLE, 1);
  /* content null with a function_call still counts: it is not a string. */
  assert_counter ("{\"messages\": [{\"role\": \"user\", \"content\": \"\"}, {\"role\": "
                  "\"assistant\", \"content\": null, \"function_call\": {\"name\": \"f\"}}]}",
                  FT_NOTEBOOK_MISSING_CONTENT, 2);
  assert_counter ("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}",
                  FT_NOTEBOOK_EXAMPLE_MISSING_ASSISTANT_MESSAGE,
                  1);

  /* Order of first increments within an example, and at most once per
   * message per counter.
   */
  report = check ("{\"messages\": [{\"role\": \"tool\", \"tool_call_id\": \"x\"}, {\"role\": "
                  "\"tool\", \"tool_call_id\": \"y\"}]}");
  g_assert_cmpuint (ft_example_report_get_notebook_count (report, FT_NOTEBOOK_MESSAGE_MISSING_KEY),
                    ==,
                    2);
  g_assert_cmpuint (ft_example_report_get_notebook_count (report,
                                                          FT_NOTEBOOK_MESSAGE_UNRECOGNIZED_KEY),
                    ==,
                    2);
  g_assert_cmpuint (ft_example_report_get_notebook_count (report, FT_NOTEBOOK_UNRECOGNIZED_ROLE),
                    ==,
                    2);
  g_assert_cmpuint (ft_example_report_get_notebook_count (report, FT_NOTEBOOK_MISSING_CONTENT),
                    ==,
                    2);
  counter = FT_NOTEBOOK_EXAMPLE_MISSING_ASSISTANT_MESSAGE;
  g_assert_cmpuint (ft_example_report_get_notebook_count (report, counter), ==, 1);
}

static void
test_validator_notebook_failures (void)
{
  static const struct {
    const char        *json;
    FtNotebookFailure  failure;
  } cases[] = {
    { "{\"messages\": [" U ", " A "]}", FT_NOTEBOOK_FAILURE_NONE },
    { "{\"messages\": []}", FT_NOTEBOOK_FAILURE_NONE },
    { "{\"messages\": \"\"}", FT_NOTEBOOK_FAILURE_NONE },
    { "[1]", FT_NOTEBOOK_FAILURE_NOT_AN_OBJECT },
    { "{\"prompt\": \"x\"}", FT_NOTEBOOK_FAILURE_NO_MESSAGES },
    { "{\"messages\": null}", FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE },
    { "{\"messages\": 5}", FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE },
    { "{\"messages\": \"abc\"}", FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT },
    { "{\"messages\": [1, " A "]}", FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT },
    { "{\"messages\": [{\"content\": \"x\"}, " A "]}", FT_NOTEBOOK_FAILURE_MISSING_ROLE },
    { "{\"messages\": [" U ", {\"role\": \"assistant\", \"tool_calls\": []}]}",
      FT_NOTEBOOK_FAILURE_ASSISTANT_WITHOUT_CONTENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FtExampleReport) report = check (cases[i].json);

      if (ft_example_report_get_notebook_failure (report) != cases[i].failure)
        g_error ("%s: failure %d, expected %d", cases[i].json,
                 ft_example_report_get_notebook_failure (report), cases[i].failure);
    }
}

static void
test_validator_preference (void)
{
  g_autoptr(FtExampleReport) report = NULL;

  assert_clean ("{\"input\": {\"messages\": [" U "], \"tools\": [], \"parallel_tool_calls\": "
                                                 "true}, "
                "\"preferred_output\": [{\"role\": \"assistant\", \"content\": \"Hello there!\"}], "
                "\"non_preferred_output\": [{\"role\": \"assistant\", \"content\": \"What.\"}]}");
  /* The old names are accepted. */
  assert_clean ("{\"input\": {\"messages\": [" U "]}, "
                "\"preferred_completion\": [{\"role\": \"assistant\", \"content\": \"Hello "
                "there!\"}], "
                "\"non_preferred_completion\": [{\"role\": \"assistant\", \"content\": "
                "\"What.\"}]}");
  assert_issue ("{\"input\": {\"messages\": []}, \"preferred_output\": [" A
                "], \"non_preferred_output\": [{\"role\": \"assistant\", \"content\": \"No\"}]}",
                FT_ISSUE_DPO_MISSING_INPUT);
  assert_issue ("{\"preferred_output\": [" A "], \"non_preferred_output\": [{\"role\": "
                                             "\"assistant\", \"content\": \"No\"}]}",
                FT_ISSUE_DPO_MISSING_INPUT);
  assert_issue ("{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [" A ", " A
                "], \"non_preferred_output\": [{\"role\": \"assistant\", \"content\": \"No\"}]}",
                FT_ISSUE_DPO_INVALID_OUTPUT);
  assert_issue ("{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [" U
                "], \"non_preferred_output\": [" A "]}",
                FT_ISSUE_DPO_INVALID_OUTPUT);
  assert_issue ("{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [" A "]}",
                FT_ISSUE_DPO_INVALID_OUTPUT);
  assert_issue ("{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [" A
                "], \"non_preferred_output\": [" A "]}",
                FT_ISSUE_DPO_IDENTICAL_OUTPUTS);
  assert_issue ("{\"input\": {\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": "
                "\"image_url\", \"image_url\": {\"url\": \"https://example.com/a.png\"}}]}]}, "
                "\"preferred_output\": [" A "], \"non_preferred_output\": [{\"role\": "
                                            "\"assistant\", \"content\": \"No\"}]}",
                FT_ISSUE_DPO_IMAGE);

  /* An image in an output is named by its position after the input. */
  {
    g_autoptr(FtExampleReport) image = NULL;
    FtIssue *issue;

    image = check ("{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [{\"role\": "
                   "\"assistant\", \"content\": [{\"type\": \"image_url\", \"image_url\": "
                   "{\"url\": \"https://example.com/a.png\"}}]}], "
                   "\"non_preferred_output\": [" A "]}");
    issue = ft_example_report_get_issue (image, 0);
    g_assert_true (ft_test_report_has (image, FT_ISSUE_DPO_IMAGE));
    g_assert_cmpint (ft_issue_get_message_index (issue), ==, 1);
    g_assert_nonnull (strstr (ft_issue_get_message (issue), "Message 2"));
  }

  /* Tokens: the input and both outputs, as one conversation. */
  report = check ("{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [" A
                  "], \"non_preferred_output\": [{\"role\": \"assistant\", \"content\": "
                  "\"Hello\", \"name\": \"x\"}]}");
  g_assert_true (ft_example_report_get_counted (report));
  g_assert_cmpint (ft_example_report_get_n_messages (report), ==, 3);
  g_assert_cmpint (ft_example_report_get_assistant_tokens (report), ==, 2);
}

static void
test_validator_methods (void)
{
  g_autoptr(FtValidator) sft = new_validator ();
  g_autoptr(FtValidator) rft = new_validator ();
  g_autoptr(FtValidator) dpo = new_validator ();
  g_autoptr(FtExampleReport) mixed = NULL;
  g_autoptr(FtExampleReport) mixed2 = NULL;
  g_autoptr(FtExampleReport) rft_bad = NULL;
  g_autoptr(FtExampleReport) rft_good = NULL;
  guint kinds[FT_LINE_N_KINDS] = { 0 };

  ft_validator_set_method (sft, FT_DATASET_METHOD_SUPERVISED);
  mixed = check_with (sft,
                      "{\"input\": {\"messages\": [" U "]}, \"preferred_output\": [" A
                      "], \"non_preferred_output\": [" A "]}");
  g_assert_true (ft_test_report_has (mixed, FT_ISSUE_MIXED_FORMATS));
  g_assert_false (ft_example_report_get_counted (mixed));

  ft_validator_set_method (dpo, FT_DATASET_METHOD_PREFERENCE);
  mixed2 = check_with (dpo, "{\"messages\": [" U ", " A "]}");
  g_assert_true (ft_test_report_has (mixed2, FT_ISSUE_MIXED_FORMATS));

  ft_validator_set_method (rft, FT_DATASET_METHOD_REINFORCEMENT);
  rft_bad = check_with (rft, "{\"messages\": [" U ", " A "], \"target\": 3}");
  g_assert_true (ft_test_report_has (rft_bad, FT_ISSUE_RFT_LAST_MESSAGE_NOT_USER));
  g_assert_false (ft_test_report_has (rft_bad, FT_ISSUE_UNKNOWN_EXAMPLE_KEY));
  rft_good = check_with (rft, "{\"messages\": [{\"role\": \"developer\", \"content\": \"Solve "
                              "it.\"}, " U "], \"target\": 3}");
  g_assert_cmpuint (ft_example_report_get_n_issues (rft_good), ==, 0);
  g_assert_cmpint (ft_example_report_get_kind (rft_good), ==, FT_LINE_KIND_PROMPT_ONLY);

  /* Detection: the most common kind wins, SFT on ties. */
  kinds[FT_LINE_KIND_PROMPT_ONLY] = 3;
  kinds[FT_LINE_KIND_CHAT] = 2;
  g_assert_cmpint (ft_validator_detect_method (kinds, FT_LINE_N_KINDS),
                   ==,
                   FT_DATASET_METHOD_REINFORCEMENT);
  kinds[FT_LINE_KIND_CHAT] = 3;
  g_assert_cmpint (ft_validator_detect_method (kinds, FT_LINE_N_KINDS),
                   ==,
                   FT_DATASET_METHOD_SUPERVISED);
  memset (kinds, 0, sizeof kinds);
  g_assert_cmpint (ft_validator_detect_method (kinds, FT_LINE_N_KINDS),
                   ==,
                   FT_DATASET_METHOD_SUPERVISED);
  kinds[FT_LINE_KIND_PROMPT_COMPLETION] = 1;
  g_assert_cmpint (ft_validator_detect_method (kinds, FT_LINE_N_KINDS),
                   ==,
                   FT_DATASET_METHOD_PROMPT_COMPLETION);
}

static FtExampleReport *
check_line (FtValidator *validator,
            const char  *json,
            guint64      line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  FtExampleReport *report;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  report = ft_validator_check_node (validator,
                                    json_parser_get_root (parser),
                                    line,
                                    (gint64)line - 1);
  record_codes (report);
  return report;
}

static void
test_validator_dataset (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(GPtrArray) reports = ft_test_new_report_array ();
  g_autoptr(GPtrArray) validation = ft_test_new_report_array ();
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(FtValidationSummary) validation_summary = NULL;
  g_autoptr(FtValidationSummary) empty = NULL;
  g_autoptr(GPtrArray) empty_reports = g_ptr_array_new ();
  g_autoptr(GPtrArray) overlap = NULL;
  GListModel *issues;
  guint n_exact = 0;
  guint n_near = 0;
  guint n_few = 0;

  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", " A "]}", 1));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"Bye\"}]}", 2));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", " A "]}", 3));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [{\"role\": \"user\", "
                                                   "\"content\": \"  hi\"}, {\"role\": "
                                                   "\"assistant\", \"content\": \"HELLO\"}]}", 4));
  g_ptr_array_add (reports, ft_validator_check_blank (validator, 5));
  /* The same as line 2 with its keys in another order. */
  g_ptr_array_add (reports, check_line (validator,
                                        "{\"messages\": [{\"content\": \"Hi\", "
                                        "\"role\": \"user\"}, {\"content\": \"Bye\", "
                                        "\"role\": \"assistant\"}]}",
                                        6));

  summary = ft_validation_summary_new_from_reports (validator, reports);
  record_summary_codes (summary);
  issues = ft_validation_summary_get_issues (summary);

  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      switch (ft_issue_get_code_id (issue))
        {
        case FT_ISSUE_DUPLICATE_EXAMPLE:
          n_exact++;
          /* Line 3 repeats line 1, line 6 line 2. */
          g_assert_cmpuint (ft_issue_get_other_line (issue), ==,
                            ft_issue_get_line (issue) == 3 ? 1 : 2);
          break;

        case FT_ISSUE_NEAR_DUPLICATE_EXAMPLE:
          n_near++;
          g_assert_cmpuint (ft_issue_get_line (issue), ==, 4);
          g_assert_cmpuint (ft_issue_get_other_line (issue), ==, 1);
          break;

        case FT_ISSUE_TOO_FEW_EXAMPLES:
          n_few++;
          g_assert_cmpuint (ft_issue_get_line (issue), ==, 0);
          break;

        default:
          g_error ("unexpected [%s]", ft_issue_get_code (issue));
        }
    }

  g_assert_cmpuint (n_exact, ==, 2);
  g_assert_cmpuint (n_near, ==, 1);
  g_assert_cmpuint (n_few, ==, 1);
  g_assert_cmpuint (ft_validation_summary_get_n_lines (summary), ==, 6);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (summary), ==, 5);
  g_assert_cmpuint (ft_validation_summary_get_n_counted (summary), ==, 5);
  g_assert_cmpint (ft_validation_summary_get_method (summary), ==, FT_DATASET_METHOD_SUPERVISED);
  g_assert_cmpuint (ft_validation_summary_get_n_epochs (summary), ==, 20);
  {
    g_autoptr(FtValidator) custom = ft_validator_copy (validator);
    g_autoptr(FtValidationSummary) custom_summary = NULL;
    FtTrainingConstants constants;

    /* Other constants: at most 10 default epochs. */
    ft_validator_get_constants (custom, &constants);
    g_assert_cmpint (constants.max_tokens_per_example, ==, 16385);
    constants.max_default_epochs = 10;
    ft_validator_set_constants (custom, &constants);
    custom_summary = ft_validation_summary_new_from_reports (custom, reports);
    g_assert_cmpuint (ft_validation_summary_get_n_epochs (custom_summary), ==, 10);
  }
  /* Blank line + whitespace on line 4 + 3 duplicates + too few. */
  g_assert_cmpuint (ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_WARNING), ==, 4);
  g_assert_cmpuint (ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_INFO), ==, 1);

  g_ptr_array_add (validation,
                   check_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                                               "\"content\": \"Something "
                                                               "new\"}]}", 1));
  g_ptr_array_add (validation,
                   check_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                                               "\"content\": \"bye\"}]}", 2));
  validation_summary = ft_validation_summary_new_from_reports (validator, validation);
  overlap = ft_validation_summary_find_overlap (validation_summary, summary);
  g_assert_cmpuint (overlap->len, ==, 1);
  g_assert_cmpint (ft_issue_get_code_id (g_ptr_array_index (overlap, 0)),
                   ==,
                   FT_ISSUE_TRAIN_VALIDATION_OVERLAP);
  g_assert_cmpuint (ft_issue_get_line (g_ptr_array_index (overlap, 0)), ==, 2);
  g_assert_cmpuint (ft_issue_get_other_line (g_ptr_array_index (overlap, 0)), ==, 2);
  g_assert_true (ft_issue_get_in_validation_file (g_ptr_array_index (overlap, 0)));
  codes_seen[FT_ISSUE_TRAIN_VALIDATION_OVERLAP] = TRUE;

  empty = ft_validation_summary_new_from_reports (validator, empty_reports);
  record_summary_codes (empty);
  g_assert_cmpuint (g_list_model_get_n_items (ft_validation_summary_get_issues (empty)), ==, 1);
  g_assert_cmpuint (ft_validation_summary_get_n_epochs (empty), ==, 0);
  g_assert_null (ft_validation_summary_get_total_tokens_stats (empty));
}

/* A kept report whose example moved: the dataset-level findings name the
 * line it is on now, not the one it was checked on.
 */
static void
test_validator_dataset_moved (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(FtExampleReport) first = check_line (validator, "{\"messages\": [" U ", " A "]}", 1);
  g_autoptr(FtExampleReport) other =
    check_line (validator,
                "{\"messages\": [" U ", {\"role\": \"assistant\", \"content\": \"Bye\"}]}", 2);
  g_autoptr(FtExampleReport) copy = check_line (validator, "{\"messages\": [" U ", " A "]}", 3);
  g_autoptr(FtValidationSummary) summary = NULL;
  FtSummaryBuilder *builder;
  GListModel *issues;
  guint n_exact = 0;

  /* Now in the order copy, other, first: the first copy is on line 1. */
  builder = ft_summary_builder_new (validator);
  ft_summary_builder_add_at (builder, copy, 1, 0);
  ft_summary_builder_add_at (builder, other, 2, 1);
  ft_summary_builder_add_at (builder, first, 3, 2);
  summary = ft_summary_builder_finish (builder);

  issues = ft_validation_summary_get_issues (summary);
  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      if (ft_issue_get_code_id (issue) != FT_ISSUE_DUPLICATE_EXAMPLE)
        continue;

      n_exact++;
      g_assert_cmpuint (ft_issue_get_line (issue), ==, 3);
      g_assert_cmpint (ft_issue_get_example_index (issue), ==, 2);
      g_assert_cmpuint (ft_issue_get_other_line (issue), ==, 1);
      g_assert_nonnull (strstr (ft_issue_get_message (issue), "line 1"));
    }

  g_assert_cmpuint (n_exact, ==, 1);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (summary), ==, 3);
  /* The reports themselves still say where they were checked. */
  g_assert_cmpuint (ft_example_report_get_line (copy), ==, 3);
}

static void
test_validator_duplicate_limit (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(GPtrArray) reports = ft_test_new_report_array ();
  g_autoptr(FtSummaryBuilder) builder = ft_summary_builder_new (validator);
  g_autoptr(FtValidationSummary) summary = NULL;
  GListModel *issues;
  guint n_duplicates = 0;
  guint n_limited = 0;

  /* Lines 1-4 differ; line 5 repeats line 1 (seen), line 6 repeats line 4
   * (not kept: only 3 examples are).
   */
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"One\"}]}", 1));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"Two\"}]}", 2));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"Three\"}]}", 3));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"Four\"}]}", 4));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"One\"}]}", 5));
  g_ptr_array_add (reports, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                        "\"assistant\", "
                                                                        "\"content\": "
                                                                        "\"Four\"}]}", 6));

  _ft_summary_builder_set_max_hashed (builder, 3);
  for (guint i = 0; i < reports->len; i++)
    ft_summary_builder_add (builder, g_ptr_array_index (reports, i));
  summary = ft_summary_builder_finish (g_steal_pointer (&builder));
  record_summary_codes (summary);

  issues = ft_validation_summary_get_issues (summary);
  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      if (ft_issue_get_code_id (issue) == FT_ISSUE_DUPLICATE_EXAMPLE)
        {
          n_duplicates++;
          g_assert_cmpuint (ft_issue_get_line (issue), ==, 5);
        }
      n_limited += ft_issue_get_code_id (issue) == FT_ISSUE_DUPLICATE_CHECK_LIMITED;
    }

  g_assert_cmpuint (n_duplicates, ==, 1);
  g_assert_cmpuint (n_limited, ==, 1);
}

static void
test_validator_dataset_files (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(FtValidator) mini = ft_validator_new ();
  g_autoptr(FtValidator) rft = new_validator ();
  g_autoptr(GPtrArray) images = ft_test_new_report_array ();
  g_autoptr(GPtrArray) graders = ft_test_new_report_array ();
  g_autoptr(GPtrArray) legacy = ft_test_new_report_array ();
  g_autoptr(GPtrArray) completions = ft_test_new_report_array ();
  g_autoptr(FtValidationSummary) s1 = NULL;
  g_autoptr(FtValidationSummary) s2 = NULL;
  g_autoptr(FtValidationSummary) s3 = NULL;
  g_autoptr(FtValidationSummary) s4 = NULL;
  g_autoptr(FtValidator) pc = new_validator ();

  ft_validator_set_model (mini, "gpt-4o-mini");
  g_assert_true (ft_validator_prepare (mini, NULL));
  g_ptr_array_add (images, check_line (mini, "{\"messages\": [{\"role\": \"user\", "
                                             "\"content\": [{\"type\": \"image_url\", "
                                             "\"image_url\": {\"url\": "
                                             "\"https://example.com/a.png\"}}]}, " A "]}", 1));
  s1 = ft_validation_summary_new_from_reports (mini, images);
  record_summary_codes (s1);
  g_assert_true (codes_seen[FT_ISSUE_MODEL_WITHOUT_VISION]);

  ft_validator_set_method (rft, FT_DATASET_METHOD_REINFORCEMENT);
  g_ptr_array_add (graders, check_line (rft, "{\"messages\": [" U "], \"target\": 3, \"nums\": "
                                                                  "[1]}", 1));
  g_ptr_array_add (graders, check_line (rft, "{\"messages\": [" U "], \"target\": 4}", 2));
  s2 = ft_validation_summary_new_from_reports (rft, graders);
  record_summary_codes (s2);
  g_assert_true (codes_seen[FT_ISSUE_RFT_MISSING_KEY]);
  g_assert_true (codes_seen[FT_ISSUE_REINFORCEMENT_DATA]);

  g_ptr_array_add (legacy, check_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                                       "\"assistant\", "
                                                                       "\"content\": null, "
                                                                       "\"function_call\": "
                                                                       "{\"name\": \"f\", "
                                                                       "\"arguments\": "
                                                                       "\"{}\"}}], "
                                                                       "\"functions\": "
                                                                       "[{\"name\": \"f\"}]}", 1));
  s3 = ft_validation_summary_new_from_reports (validator, legacy);
  record_summary_codes (s3);
  g_assert_true (codes_seen[FT_ISSUE_LEGACY_FUNCTIONS]);

  ft_validator_set_method (pc, FT_DATASET_METHOD_PROMPT_COMPLETION);
  g_ptr_array_add (completions,
                   check_line (pc, "{\"prompt\": \"a ->\", \"completion\": \" 1\"}", 1));
  g_assert_cmpuint (ft_example_report_get_n_issues (g_ptr_array_index (completions, 0)), ==, 0);
  s4 = ft_validation_summary_new_from_reports (pc, completions);
  record_summary_codes (s4);
  g_assert_true (codes_seen[FT_ISSUE_PROMPT_COMPLETION_FORMAT]);
}

static void
test_validator_real_zava (void)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autofree char *path = data_path ("real", "zava-retail-agent.tools.jsonl");
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = ft_test_summarize_file (validator, path, &reports);

  /* SOURCE.md: "25 lines have two assistant messages in a row"; the file
   * has 25 such pairs, on 20 lines (5 lines have two pairs). Every
   * tool_call_id matches a call; every example ends with the assistant.
   */
  g_assert_cmpuint (reports->len, ==, 55);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES), ==, 25);
  g_assert_cmpuint (ft_test_count_lines_with (reports, FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES),
                    ==,
                    20);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_TOOL_REPLY_WITHOUT_CALL), ==, 0);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_TOOL_CALL_UNANSWERED), ==, 0);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_LAST_MESSAGE_NOT_ASSISTANT), ==, 0);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_MALFORMED_ARGUMENTS), ==, 0);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_TOOL_CALLS_WITHOUT_TOOLS), ==, 0);
  g_assert_cmpint (ft_validation_summary_get_method (summary), ==, FT_DATASET_METHOD_SUPERVISED);
  g_assert_cmpuint (ft_validation_summary_get_n_counted (summary), ==, 55);
}

static void
test_validator_real_rft (void)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autofree char *path = data_path ("real", "countdown-rft.train.jsonl");
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(FtValidationSummary) summary = ft_test_summarize_file (validator, path, &reports);
  GListModel *issues = ft_validation_summary_get_issues (summary);
  guint n_rft = 0;

  /* Detected as RFT: one file-level note instead of 25 errors. */
  g_assert_cmpint (ft_validation_summary_get_method (summary), ==, FT_DATASET_METHOD_REINFORCEMENT);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_MISSING_ASSISTANT_MESSAGE), ==, 0);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_UNKNOWN_EXAMPLE_KEY), ==, 0);
  g_assert_cmpuint (ft_test_count_code (reports, FT_ISSUE_RFT_LAST_MESSAGE_NOT_USER), ==, 0);
  g_assert_cmpuint (ft_validation_summary_count_issues (summary, FT_ISSUE_SEVERITY_ERROR), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

      n_rft += ft_issue_get_code_id (issue) == FT_ISSUE_REINFORCEMENT_DATA;
      g_assert_cmpint (ft_issue_get_code_id (issue), !=, FT_ISSUE_RFT_MISSING_KEY);
    }
  g_assert_cmpuint (n_rft, ==, 1);

  /* "The developer text ends with whitespace." */
  g_assert_cmpuint (ft_test_count_lines_with (reports, FT_ISSUE_SURROUNDING_WHITESPACE), ==, 25);
}

static void
test_validator_real_files (void)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autofree char *dpo_path = data_path ("real", "orca-dpo-pairs.validation.jsonl");
  g_autofree char *bare_path = data_path ("real", "openpipe-bare-array.jsonl");
  g_autofree char *llama_path = data_path ("real", "llamafactory-multimodal.v1.jsonl");
  g_autofree char *functions_path = data_path ("real", "stock-functions.train.jsonl");
  g_autofree char *reduced_path = data_path ("real", "stock-functions-token-reduction.train.jsonl");
  g_autofree char *tools_path = data_path ("real", "stock-tools.train.jsonl");
  g_autofree char *pc_path = data_path ("real", "context-switching.prompt-completion.jsonl");
  g_autofree char *clippy_path = data_path ("real", "clippy-sarcastic.train.jsonl");
  g_autoptr(GPtrArray) r = NULL;
  g_autoptr(FtValidationSummary) s = NULL;

  /* Orca DPO pairs: a clean preference file. */
  s = ft_test_summarize_file (validator, dpo_path, &r);
  g_assert_cmpint (ft_validation_summary_get_method (s), ==, FT_DATASET_METHOD_PREFERENCE);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (s), ==, 284);
  g_assert_cmpuint (ft_validation_summary_count_issues (s, FT_ISSUE_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (ft_test_count_code (r, FT_ISSUE_DPO_IDENTICAL_OUTPUTS), ==, 0);
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* OpenPipe: a bare array of messages on one line. */
  s = ft_test_summarize_file (validator, bare_path, &r);
  g_assert_cmpuint (r->len, ==, 1);
  g_assert_true (ft_test_report_has (g_ptr_array_index (r, 0), FT_ISSUE_NOT_AN_OBJECT));
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* LLaMA-Factory: {type, value} parts, copies of lines 1-6, blank end. */
  s = ft_test_summarize_file (validator, llama_path, &r);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (s), ==, 24);
  g_assert_cmpuint (ft_test_count_lines_with (r, FT_ISSUE_INVALID_CONTENT_PART), ==, 24);
  g_assert_cmpuint (ft_test_count_code (r, FT_ISSUE_BLANK_LINE), ==, 1);
  {
    GListModel *issues = ft_validation_summary_get_issues (s);
    guint n_duplicates = 0;

    for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
      {
        g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);

        if (ft_issue_get_code_id (issue) == FT_ISSUE_DUPLICATE_EXAMPLE)
          {
            n_duplicates++;
            g_assert_cmpuint (ft_issue_get_line (issue), >=, 7);
            g_assert_cmpuint (ft_issue_get_other_line (issue),
                              ==,
                              (ft_issue_get_line (issue) - 1) % 6 + 1);
          }
      }
    g_assert_cmpuint (n_duplicates, ==, 18);
  }
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* Legacy functions: one file-level note, valid arguments. */
  s = ft_test_summarize_file (validator, functions_path, &r);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (s), ==, 96);
  g_assert_cmpuint (ft_test_count_code (r, FT_ISSUE_MALFORMED_ARGUMENTS), ==, 0);
  g_assert_cmpuint (ft_test_count_code (r, FT_ISSUE_UNKNOWN_FUNCTION), ==, 0);
  g_assert_cmpuint (ft_test_count_lines_with (r, FT_ISSUE_SURROUNDING_WHITESPACE), ==, 96);
  g_assert_cmpuint (ft_validation_summary_count_issues (s, FT_ISSUE_SEVERITY_ERROR), ==, 0);
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* Token reduction: required names with no properties, on every line;
   * 75 of 100 system prompts end with a space.
   */
  s = ft_test_summarize_file (validator, reduced_path, &r);
  g_assert_cmpuint (ft_test_count_lines_with (r, FT_ISSUE_FUNCTION_SCHEMA_MISMATCH), ==, 100);
  g_assert_cmpuint (ft_test_count_lines_with (r, FT_ISSUE_SURROUNDING_WHITESPACE), ==, 75);
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* Stock tools: 36 single calls at the end, each fine without a reply. */
  s = ft_test_summarize_file (validator, tools_path, &r);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (s), ==, 86);
  g_assert_cmpuint (ft_test_count_code (r, FT_ISSUE_TOOL_CALL_UNANSWERED), ==, 0);
  g_assert_cmpuint (ft_validation_summary_count_issues (s, FT_ISSUE_SEVERITY_ERROR), ==, 0);
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* Prompt/completion: one file-level error, nothing per line. */
  s = ft_test_summarize_file (validator, pc_path, &r);
  g_assert_cmpint (ft_validation_summary_get_method (s), ==, FT_DATASET_METHOD_PROMPT_COMPLETION);
  g_assert_cmpuint (ft_validation_summary_count_issues (s, FT_ISSUE_SEVERITY_ERROR), ==, 1);
  g_clear_pointer (&r, g_ptr_array_unref);
  g_clear_object (&s);

  /* Clippy: exactly 10 examples, no final newline: enough, and clean. */
  s = ft_test_summarize_file (validator, clippy_path, &r);
  g_assert_cmpuint (ft_validation_summary_get_n_examples (s), ==, 10);
  g_assert_cmpuint (ft_validation_summary_count_issues (s, FT_ISSUE_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (ft_validation_summary_count_issues (s, FT_ISSUE_SEVERITY_WARNING), ==, 0);
}

static void
test_validator_threads_worker (gpointer data,
                               gpointer user_data)
{
  FtValidator *validator = user_data;
  const char *json = data;
  g_autoptr(FtExampleReport) report = check_line (validator, json, 1);

  g_assert_cmpint (ft_example_report_get_total_tokens (report), ==, 13);
}

static void
test_validator_threads (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  GThreadPool *pool = g_thread_pool_new (test_validator_threads_worker, validator, 4, FALSE, NULL);

  for (guint i = 0; i < 2000; i++)
    g_thread_pool_push (pool, (gpointer)"{\"messages\": [" U ", " A "]}", NULL);

  g_thread_pool_free (pool, FALSE, TRUE);
}

static FtExampleReport *
check_text_line (FtValidator *validator,
                 const char  *text)
{
  FtJsonlLine line;
  FtExampleReport *report;

  ft_jsonl_line_init (&line, 0, text, strlen (text));
  report = ft_validator_check_line (validator, &line, 4, 3, NULL);
  record_codes (report);

  return report;
}

/* The escape \u0000, which json-glib would cut the text at, makes the
 * line broken (nothing of it is lost); an escaped backslash before
 * "u0000" is ordinary text.
 */
static void
test_validator_nul_escape (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(FtExampleReport) nul = NULL;
  g_autoptr(FtExampleReport) text = NULL;

  nul = check_text_line (validator, "{\"messages\": [{\"role\": \"user\", "
                                    "\"content\": \"a\\u0000\"}, " A "]}");
  g_assert_cmpint (ft_example_report_get_kind (nul), ==, FT_LINE_KIND_BROKEN);
  g_assert_true (ft_test_report_has (nul, FT_ISSUE_CONTAINS_NUL));
  g_assert_cmpuint (ft_issue_get_column (ft_example_report_get_issue (nul, 0)), ==, 45);

  text = check_text_line (validator, "{\"messages\": [{\"role\": \"user\", "
                                     "\"content\": \"a\\\\u0000\"}, " A "]}");
  g_assert_cmpint (ft_example_report_get_kind (text), !=, FT_LINE_KIND_BROKEN);
  g_assert_false (ft_test_report_has (text, FT_ISSUE_CONTAINS_NUL));
}

/* A lone surrogate escape counts as U+FFFD, as Python's json and tiktoken
 * count it, and is named in a warning; nothing of the line is lost.
 */
static void
test_validator_lone_surrogate (void)
{
  g_autoptr(FtValidator) validator = new_validator ();
  g_autoptr(FtExampleReport) lone = NULL;
  g_autoptr(FtExampleReport) replaced = NULL;
  g_autoptr(FtExampleReport) two = NULL;
  g_autoptr(FtExampleReport) pair = NULL;
  g_autoptr(FtExampleReport) at_end = NULL;
  g_autoptr(FtExampleReport) at_end_replaced = NULL;
  g_autoptr(FtExampleReport) arguments = NULL;
  g_autoptr(FtExampleReport) broken = NULL;
  FtIssue *issue;

  lone = check_text_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                     "\"content\": \"Smile \\ud83d!\"}]}");
  replaced = check_text_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                         "\"content\": \"Smile \xef\xbf\xbd!\"}]}");
  g_assert_cmpuint (ft_example_report_get_n_issues (lone), ==, 1);
  issue = ft_example_report_get_issue (lone, 0);
  g_assert_cmpint (ft_issue_get_code_id (issue), ==, FT_ISSUE_LONE_SURROGATE);
  g_assert_cmpint (ft_issue_get_severity (issue), ==, FT_ISSUE_SEVERITY_WARNING);
  g_assert_cmpuint (ft_issue_get_line (issue), ==, 4);
  g_assert_nonnull (strstr (ft_issue_get_message (issue), "\\ud83d"));
  g_assert_cmpuint (ft_example_report_get_n_issues (replaced), ==, 0);
  g_assert_cmpint (ft_example_report_get_total_tokens (lone), ==,
                   ft_example_report_get_total_tokens (replaced));
  g_assert_cmpint (ft_example_report_get_assistant_tokens (lone), ==,
                   ft_example_report_get_assistant_tokens (replaced));

  /* Before the closing quote, where json-glib would swallow the quote. */
  at_end = check_text_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                       "\"content\": \"Bye \\udc00\"}]}");
  at_end_replaced = check_text_line (validator, "{\"messages\": [" U ", {\"role\": "
                                                "\"assistant\", \"content\": \"Bye "
                                                "\xef\xbf\xbd\"}]}");
  g_assert_true (ft_test_report_has (at_end, FT_ISSUE_LONE_SURROGATE));
  g_assert_cmpint (ft_example_report_get_total_tokens (at_end), ==,
                   ft_example_report_get_total_tokens (at_end_replaced));

  two = check_text_line (validator, "{\"messages\": [{\"role\": \"user\", \"content\": "
                                    "\"\\ud800\\u0041\"}, " A "]}");
  g_assert_true (ft_test_report_has (two, FT_ISSUE_LONE_SURROGATE));
  g_assert_false (ft_test_report_has (two, FT_ISSUE_INVALID_JSON));

  /* Inside tool-call arguments, which are JSON text of their own. */
  arguments = check_text_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                          "\"tool_calls\": ["
                                          CALL ("c1", "get_weather",
                                                "\"{\\\"city\\\": \\\"\\\\ud83d\\\"}\"")
                                          "]}, {\"role\": \"tool\", \"tool_call_id\": \"c1\", "
                                          "\"content\": \"Sunny\"}, " A "], " WEATHER_TOOLS "}");
  g_assert_false (ft_test_report_has (arguments, FT_ISSUE_MALFORMED_ARGUMENTS));

  /* A pair is one character, and text that is not JSON stays broken. */
  pair = check_text_line (validator, "{\"messages\": [" U ", {\"role\": \"assistant\", "
                                     "\"content\": \"\\ud83d\\ude00\"}]}");
  g_assert_cmpuint (ft_example_report_get_n_issues (pair), ==, 0);
  broken = check_text_line (validator, "{\"messages\": [\"\\ud83d\\u12\"]}");
  g_assert_true (ft_test_report_has (broken, FT_ISSUE_INVALID_JSON));
  g_assert_false (ft_test_report_has (broken, FT_ISSUE_LONE_SURROGATE));
}

/* Duplicates as `exemplar-cli validate` finds them: the pipeline's summary,
 * as line → other line for exact and for near duplicates.
 */
static void
validate_duplicates (const char *path,
                     GHashTable *exact,
                     GHashTable *near)
{
  g_autoptr(FtValidator) validator = ft_validator_new ();
  g_autoptr(FtCheckPipeline) pipeline = ft_check_pipeline_new (validator);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(FtValidationSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *issues;

  g_assert_nonnull (stream);
  g_assert_true (ft_validator_prepare (validator, &error));
  summary = ft_check_pipeline_run (pipeline, G_INPUT_STREAM (stream), NULL, NULL, &error);
  g_assert_no_error (error);

  issues = ft_validation_summary_get_issues (summary);
  for (guint i = 0; i < g_list_model_get_n_items (issues); i++)
    {
      g_autoptr(FtIssue) issue = g_list_model_get_item (issues, i);
      GHashTable *table = NULL;

      g_assert_cmpint (ft_issue_get_code_id (issue), !=, FT_ISSUE_DUPLICATE_CHECK_LIMITED);
      if (ft_issue_get_code_id (issue) == FT_ISSUE_DUPLICATE_EXAMPLE)
        table = exact;
      else if (ft_issue_get_code_id (issue) == FT_ISSUE_NEAR_DUPLICATE_EXAMPLE)
        table = near;
      if (table != NULL)
        g_hash_table_insert (table,
                             GSIZE_TO_POINTER (ft_issue_get_line (issue)),
                             GSIZE_TO_POINTER (ft_issue_get_other_line (issue)));
    }
}

/* Duplicates as `exemplar-cli dedupe [--near]` finds them, among the lines
 * that are JSON (validate reports the others as broken instead).
 */
static void
dedupe_duplicates (const char      *path,
                   FtDuplicateMode  mode,
                   GHashTable      *copies)
{
  g_autoptr(FtDuplicateFinder) finder = ft_duplicate_finder_new (mode);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (G_INPUT_STREAM (stream));
  FtJsonlLine line;

  while (ft_jsonl_reader_next (reader, &line, NULL, NULL))
    {
      guint64 first;

      if (!ft_jsonl_line_validate (&line, NULL, NULL))
        continue;

      first = ft_duplicate_finder_add (finder, line.text, line.length, line.number);
      if (first != 0)
        g_hash_table_insert (copies, GSIZE_TO_POINTER (line.number), GSIZE_TO_POINTER (first));
    }
}

/* Checks that validate and dedupe agree on @path; returns the lines that
 * validate finds nearly (or exactly) the same as an earlier one.
 */
static GHashTable *
assert_duplicates_agree (const char *path)
{
  g_autoptr(GHashTable) exact = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) near = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) dedupe_exact = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) dedupe_near = g_hash_table_new (NULL, NULL);
  GHashTable *flagged = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer line;
  gpointer other;

  validate_duplicates (path, exact, near);
  dedupe_duplicates (path, FT_DUPLICATE_EXACT, dedupe_exact);
  dedupe_duplicates (path, FT_DUPLICATE_NEAR, dedupe_near);

  /* Exact: the same lines, with the same earlier copy. */
  g_assert_cmpuint (g_hash_table_size (exact), ==, g_hash_table_size (dedupe_exact));
  g_hash_table_iter_init (&iter, exact);
  while (g_hash_table_iter_next (&iter, &line, &other))
    {
      if (g_hash_table_lookup (dedupe_exact, line) != other)
        g_error ("%s: line %" G_GSIZE_FORMAT ": validate says a copy of %" G_GSIZE_FORMAT
                 ", dedupe of %" G_GSIZE_FORMAT, path, GPOINTER_TO_SIZE (line),
                 GPOINTER_TO_SIZE (other),
                 GPOINTER_TO_SIZE (g_hash_table_lookup (dedupe_exact, line)));
      g_hash_table_add (flagged, line);
    }

  /* Near: an exact copy is a near one too; a near finding names the first
   * of its group, as dedupe --near does.
   */
  g_hash_table_iter_init (&iter, near);
  while (g_hash_table_iter_next (&iter, &line, &other))
    {
      if (g_hash_table_lookup (dedupe_near, line) != other)
        g_error ("%s: line %" G_GSIZE_FORMAT ": validate says nearly %" G_GSIZE_FORMAT
                 ", dedupe --near says %" G_GSIZE_FORMAT, path, GPOINTER_TO_SIZE (line),
                 GPOINTER_TO_SIZE (other),
                 GPOINTER_TO_SIZE (g_hash_table_lookup (dedupe_near, line)));
      g_hash_table_add (flagged, line);
    }

  g_hash_table_iter_init (&iter, dedupe_near);
  while (g_hash_table_iter_next (&iter, &line, &other))
    {
      if (!g_hash_table_contains (flagged, line))
        g_error ("%s: line %" G_GSIZE_FORMAT ": dedupe --near says nearly %" G_GSIZE_FORMAT
                 ", validate finds nothing", path, GPOINTER_TO_SIZE (line),
                 GPOINTER_TO_SIZE (other));
    }
  g_assert_cmpuint (g_hash_table_size (flagged), ==, g_hash_table_size (dedupe_near));

  return flagged;
}

/* validate, dedupe and the editor (which shows the validator's findings)
 * give the same answer: on every fixture, and on lines that tell
 * definitions apart.
 */
static void
test_validator_duplicates_agree (void)
{
  static const struct {
    const char *line;
    guint64     exact_of;   /* the earlier exact copy, or 0 */
    guint64     near_of;    /* the first nearly identical line, or 0 */
  } cases[] = {
    /* 1 */ { "{\"messages\": [{\"role\": \"user\", \"content\": \"Straße\"}, "
              "{\"role\": \"assistant\", \"content\": \"Ja\"}]}", 0, 0 },
    /* 2: Unicode case folding */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"STRASSE\"}, "
      "{\"role\": \"assistant\", \"content\": \"ja\"}]}", 0, 1 },
    /* 3 */ { "{\"messages\": [{\"role\": \"user\", \"content\": \"ÉCOLE\"}, "
              "{\"role\": \"assistant\", \"content\": \"Oui\"}]}", 0, 0 },
    /* 4: NFC and case */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"e\\u0301cole\"}, "
      "{\"role\": \"assistant\", \"content\": \"oui\"}]}", 0, 3 },
    /* 5 */ { "{\"messages\": [{\"role\": \"user\", \"content\": \"no\\u00a0break\"}, "
              "{\"role\": \"assistant\", \"content\": \"ok\"}]}", 0, 0 },
    /* 6: a no-break space is white space */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \" no \\n\\t break\"}, "
      "{\"role\": \"assistant\", \"content\": \"ok \"}]}", 0, 5 },
    /* 7: key order, spacing and escapes: the same value */
    { "{ \"messages\" : [ {\"content\": \"Stra\\u00dfe\", \"role\": \"user\"}, "
      "{\"content\": \"Ja\", \"role\": \"assistant\"} ] }", 1, 1 },
    /* 8 */ { "{\"messages\": [{\"role\": \"user\", \"content\": \"Weather?\"}, "
              "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"c1\", \"type\": "
              "\"function\", \"function\": {\"name\": \"w\", \"arguments\": "
              "\"{\\\"city\\\": \\\"Oslo\\\"}\"}}]}, {\"role\": \"tool\", \"tool_call_id\": "
              "\"c1\", \"content\": \"Sunny\"}, {\"role\": \"assistant\", \"content\": "
              "\"Sunny.\"}]}", 0, 0 },
    /* 9: tool calls with their keys in another order */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"WEATHER?\"}, "
      "{\"role\": \"assistant\", \"tool_calls\": [{\"function\": {\"arguments\": "
      "\"{\\\"city\\\": \\\"Oslo\\\"}\", \"name\": \"w\"}, \"type\": \"function\", "
      "\"id\": \"c1\"}]}, {\"role\": \"tool\", \"content\": \"Sunny\", \"tool_call_id\": "
      "\"c1\"}, {\"role\": \"assistant\", \"content\": \"sunny.\"}]}", 0, 8 },
    /* 10: other arguments are another call */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"Weather?\"}, "
      "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"c1\", \"type\": "
      "\"function\", \"function\": {\"name\": \"w\", \"arguments\": "
      "\"{\\\"city\\\": \\\"oslo\\\"}\"}}]}, {\"role\": \"tool\", \"tool_call_id\": "
      "\"c1\", \"content\": \"Sunny\"}, {\"role\": \"assistant\", \"content\": "
      "\"Sunny.\"}]}", 0, 0 },
    /* 11 */ { "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
               "{\"role\": \"assistant\", \"content\": \"Hello\", \"weight\": 0}]}", 0, 0 },
    /* 12: weights and names are left out */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\", \"name\": \"ann\"}, "
      "{\"role\": \"assistant\", \"content\": \"Hello\", \"weight\": 1}]}", 0, 11 },
    /* 13: so are other keys of the example */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
      "{\"role\": \"assistant\", \"content\": \"Hello\"}], \"n\": 1.0}", 0, 11 },
    /* 14: numbers by value */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
      "{\"role\": \"assistant\", \"content\": \"Hello\"}], \"n\": 1}", 13, 11 },
    /* 15: a space inside a word is a difference */
    { "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
      "{\"role\": \"assistant\", \"content\": \"Hel lo\"}]}", 0, 0 },
    /* 16: so is a role */
    { "{\"messages\": [{\"role\": \"system\", \"content\": \"Hi\"}, "
      "{\"role\": \"assistant\", \"content\": \"Hello\"}]}", 0, 0 },
  };
  g_auto(GStrv) paths = ft_test_fixture_paths ();
  g_autofree char *dir = ft_test_make_tmp_dir ();
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) flagged = NULL;
  guint n_fixture_flagged = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GHashTable) fixture_flagged = assert_duplicates_agree (paths[i]);

      n_fixture_flagged += g_hash_table_size (fixture_flagged);
    }
  /* Some fixtures do hold copies. */
  g_assert_cmpuint (n_fixture_flagged, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (contents, "%s\n", cases[i].line);
  path = ft_test_write_file (dir, "tricky.jsonl", contents->str, -1);
  flagged = assert_duplicates_agree (path);

  {
    g_autoptr(GHashTable) exact = g_hash_table_new (NULL, NULL);
    g_autoptr(GHashTable) near = g_hash_table_new (NULL, NULL);

    validate_duplicates (path, exact, near);
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        gpointer line = GSIZE_TO_POINTER (i + 1);

        g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (exact, line)), ==,
                          cases[i].exact_of);
        if (cases[i].exact_of == 0)
          g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (near, line)), ==,
                            cases[i].near_of);
        g_assert_true (g_hash_table_contains (flagged, line) == (cases[i].near_of != 0));
      }
  }

  ft_test_remove_tree (dir);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static guint
tokenizer_refs (FtEncoding encoding)
{
  g_autoptr(FtTokenizer) tokenizer = ft_tokenizer_get (encoding, NULL);

  g_assert_nonnull (tokenizer);

  /* Not counting the one taken here. */
  return g_atomic_int_get (&G_OBJECT (tokenizer)->ref_count) - 1;
}

/* A validator holds the tokenizer it loaded once, and lets go of it. */
static void
test_validator_tokenizer_reference (void)
{
  guint cl100k = tokenizer_refs (FT_ENCODING_CL100K_BASE);
  guint o200k = tokenizer_refs (FT_ENCODING_O200K_BASE);

  {
    g_autoptr(FtValidator) validator = ft_validator_new ();
    g_autoptr(FtValidator) copy = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    ft_validator_set_encoding (validator, FT_ENCODING_CL100K_BASE);
    g_assert_true (ft_validator_prepare (validator, &error));
    g_assert_no_error (error);
    g_assert_true (ft_validator_prepare (validator, &error));
    g_assert_cmpuint (tokenizer_refs (FT_ENCODING_CL100K_BASE), ==, cl100k + 1);

    copy = ft_validator_copy (validator);
    g_assert_cmpuint (tokenizer_refs (FT_ENCODING_CL100K_BASE), ==, cl100k + 2);

    /* Switching encodings drops the old tokenizer. */
    ft_validator_set_encoding (validator, FT_ENCODING_O200K_BASE);
    ft_validator_prepare_async (validator, NULL, prepared_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (ft_validator_prepare_finish (validator, result, &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpuint (tokenizer_refs (FT_ENCODING_CL100K_BASE), ==, cl100k + 1);
    g_assert_cmpuint (tokenizer_refs (FT_ENCODING_O200K_BASE), ==, o200k + 1);
  }

  g_assert_cmpuint (tokenizer_refs (FT_ENCODING_CL100K_BASE), ==, cl100k);
  g_assert_cmpuint (tokenizer_refs (FT_ENCODING_O200K_BASE), ==, o200k);
}

static const struct {
  const char *path;
  GTestFunc   func;
} tests[] = {
  { "/ft/issue/codes", test_issue_codes },
  { "/ft/issue/object", test_issue_object },
  { "/ft/validator/clean", test_validator_clean },
  { "/ft/validator/line-codes", test_validator_line_codes },
  { "/ft/validator/message-codes", test_validator_message_codes },
  { "/ft/validator/weights", test_validator_weights },
  { "/ft/validator/tools", test_validator_tools },
  { "/ft/validator/images", test_validator_images },
  { "/ft/validator/ten-images", test_validator_too_few_images_limit },
  { "/ft/validator/tokens", test_validator_tokens },
  { "/ft/validator/notebook-counters", test_validator_notebook_counters },
  { "/ft/validator/notebook-failures", test_validator_notebook_failures },
  { "/ft/validator/preference", test_validator_preference },
  { "/ft/validator/methods", test_validator_methods },
  { "/ft/validator/dataset", test_validator_dataset },
  { "/ft/validator/duplicate-limit", test_validator_duplicate_limit },
  { "/ft/validator/dataset-files", test_validator_dataset_files },
  { "/ft/validator/dataset-moved", test_validator_dataset_moved },
  { "/ft/validator/real-zava", test_validator_real_zava },
  { "/ft/validator/real-rft", test_validator_real_rft },
  { "/ft/validator/real-files", test_validator_real_files },
  { "/ft/validator/threads", test_validator_threads },
  { "/ft/validator/tokenizer-reference", test_validator_tokenizer_reference },
  { "/ft/validator/lone-surrogate", test_validator_lone_surrogate },
  { "/ft/validator/nul-escape", test_validator_nul_escape },
  { "/ft/validator/duplicates-agree", test_validator_duplicates_agree },
};

/* Every finding code is produced by at least one of the tests above: runs
 * them all again (whatever -p/-s selected) and looks at what they gave.
 */
static void
test_validator_all_codes (void)
{
  memset (codes_seen, 0, sizeof codes_seen);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    tests[i].func ();

  for (guint i = 0; i < FT_ISSUE_N_CODES; i++)
    {
      if (!codes_seen[i])
        g_error ("no test produced [%s]", ft_issue_code_to_string (i));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_func (tests[i].path, tests[i].func);
  g_test_add_func ("/ft/validator/all-codes", test_validator_all_codes);

  return g_test_run ();
}
