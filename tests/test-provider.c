/* test-provider.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-client.h"
#include "ft-error.h"

#include <math.h>

/* Provider profiles and the API objects, parsed from JSON shapes the
 * real service sends (docs/openai-fine-tuning-api.md §12).
 */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_presets (void)
{
  const char * const *ids = ft_provider_get_preset_ids ();
  g_autoptr(FtProvider) openai = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OPENAI);
  g_autoptr(FtProvider) azure = ft_provider_new_from_preset (FT_PROVIDER_PRESET_AZURE);
  g_autoptr(FtProvider) nebius = ft_provider_new_from_preset (FT_PROVIDER_PRESET_NEBIUS);
  g_autoptr(FtProvider) ollama = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OLLAMA);
  g_autoptr(FtProvider) llama = ft_provider_new_from_preset (FT_PROVIDER_PRESET_LLAMA_CPP);
  g_autoptr(FtProvider) vllm = ft_provider_new_from_preset (FT_PROVIDER_PRESET_VLLM);
  g_autoptr(GDateTime) before = g_date_time_new_utc (2027, 1, 5, 23, 59, 59);
  g_autoptr(GDateTime) on = g_date_time_new_utc (2027, 1, 6, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length ((char **)ids), ==, 7);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(FtProvider) provider = ft_provider_new_from_preset (ids[i]);

      g_assert_nonnull (provider);
      g_assert_cmpstr (ft_provider_get_preset (provider), ==, ids[i]);
      g_assert_nonnull (ft_provider_get_display_name (provider));
    }
  g_assert_null (ft_provider_new_from_preset ("no-such-preset"));

  g_assert_cmpstr (ft_provider_get_base_url (openai), ==, "https://api.openai.com/v1");
  g_assert_cmpint (ft_provider_get_auth_style (openai), ==, FT_AUTH_STYLE_BEARER);
  g_assert_cmpstr (ft_provider_get_new_jobs_end_date (openai), ==, "2027-01-06");
  g_assert_true (ft_provider_accepts_new_jobs_on (openai, before));
  g_assert_false (ft_provider_accepts_new_jobs_on (openai, on));
  g_assert_true (ft_provider_has_capability (openai,
                                             FT_PROVIDER_CAP_UPLOADS_API |
                                             FT_PROVIDER_CAP_PAUSE_RESUME));
  g_assert_true (ft_provider_get_needs_key (openai));

  g_assert_cmpint (ft_provider_get_auth_style (azure), ==, FT_AUTH_STYLE_AZURE);
  g_assert_cmpstr (ft_provider_get_api_version (azure), ==, "2024-10-21");
  g_assert_false (ft_provider_has_capability (azure, FT_PROVIDER_CAP_PAUSE_RESUME));
  g_assert_true (ft_provider_accepts_new_jobs_on (azure, on));

  g_assert_cmpstr (ft_provider_get_base_url (nebius), ==, "https://api.tokenfactory.nebius.com/v1");

  g_assert_cmpstr (ft_provider_get_base_url (ollama), ==, "http://localhost:11434/v1");
  g_assert_cmpstr (ft_provider_get_base_url (llama), ==, "http://127.0.0.1:8080/v1");
  g_assert_cmpstr (ft_provider_get_base_url (vllm), ==, "http://localhost:8000/v1");
  g_assert_false (ft_provider_get_needs_key (ollama));
  g_assert_false (ft_provider_has_capability (ollama, FT_PROVIDER_CAP_FINE_TUNING));
  g_assert_false (ft_provider_accepts_new_jobs_on (ollama, before));
  g_assert_true (ft_provider_check_base_url (ollama, &error));
  g_assert_no_error (error);
}

static void
test_variant_round_trip (void)
{
  g_autoptr(FtProvider) provider = ft_provider_new_from_preset (FT_PROVIDER_PRESET_AZURE);
  g_autoptr(FtProvider) copy = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ft_provider_set_id (provider, "azure-work");
  ft_provider_set_display_name (provider, "Work (Azure)");
  ft_provider_set_base_url (provider, "https://contoso.openai.azure.com/openai/");
  ft_provider_set_project (provider, "proj_123");
  ft_provider_set_organization (provider, "org-9");

  variant = g_variant_ref_sink (ft_provider_to_variant (provider));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT));
  text = g_variant_print (variant, FALSE);
  g_assert_null (strstr (text, "key\""));

  copy = ft_provider_new_from_variant (variant, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ft_provider_get_id (copy), ==, "azure-work");
  g_assert_cmpstr (ft_provider_get_preset (copy), ==, FT_PROVIDER_PRESET_AZURE);
  g_assert_cmpstr (ft_provider_get_display_name (copy), ==, "Work (Azure)");
  g_assert_cmpstr (ft_provider_get_base_url (copy), ==, "https://contoso.openai.azure.com/openai");
  g_assert_cmpint (ft_provider_get_auth_style (copy), ==, FT_AUTH_STYLE_AZURE);
  g_assert_cmpstr (ft_provider_get_api_version (copy), ==, "2024-10-21");
  g_assert_cmpstr (ft_provider_get_project (copy), ==, "proj_123");
  g_assert_cmpstr (ft_provider_get_organization (copy), ==, "org-9");
  g_assert_cmpuint (ft_provider_get_capabilities (copy),
                    ==,
                    ft_provider_get_capabilities (provider));
  g_assert_null (ft_provider_get_new_jobs_end_date (copy));

  bad = g_variant_ref_sink (g_variant_new_string ("nope"));
  g_assert_null (ft_provider_new_from_variant (bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_urls (void)
{
  g_autoptr(FtProvider) azure = ft_provider_new_from_preset (FT_PROVIDER_PRESET_AZURE);
  g_autoptr(FtProvider) openai = ft_provider_new_from_preset (FT_PROVIDER_PRESET_OPENAI);
  g_autofree char *jobs = NULL;
  g_autofree char *chat = NULL;
  g_autofree char *openai_chat = NULL;
  g_autofree char *listed = NULL;

  ft_provider_set_base_url (azure, "https://contoso.openai.azure.com/openai");
  jobs = ft_provider_build_url (azure, "/fine_tuning/jobs");
  chat = ft_provider_build_chat_url (azure, "my-deployment");
  listed = ft_provider_build_url (azure, "/files?limit=2");
  openai_chat = ft_provider_build_chat_url (openai, "gpt-4o-mini");

  g_assert_cmpstr (jobs,
                   ==,
                   "https://contoso.openai.azure.com/openai/fine_tuning/jobs"
                   "?api-version=2024-10-21");
  g_assert_cmpstr (chat,
                   ==,
                   "https://contoso.openai.azure.com/openai/deployments/my-deployment"
                   "/chat/completions?api-version=2024-10-21");
  g_assert_cmpstr (listed,
                   ==,
                   "https://contoso.openai.azure.com/openai/files?limit=2&api-version=2024-10-21");
  g_assert_cmpstr (openai_chat, ==, "https://api.openai.com/v1/chat/completions");
}

static void
test_https_required (void)
{
  static const struct {
    const char *url;
    gboolean    ok;
    int         code;
  } cases[] = {
    { "https://api.openai.com/v1", TRUE, 0 },
    { "http://127.0.0.1:8080/v1", TRUE, 0 },
    { "http://127.5.6.7/v1", TRUE, 0 },
    { "http://localhost:11434/v1", TRUE, 0 },
    { "http://[::1]:8000/v1", TRUE, 0 },
    { "http://api.example.com/v1", FALSE, FT_CLIENT_ERROR_INSECURE },
    { "http://192.168.1.20:8000/v1", FALSE, FT_CLIENT_ERROR_INSECURE },
    { "http://localhost.example.com/v1", FALSE, FT_CLIENT_ERROR_INSECURE },
    { "ftp://example.com/v1", FALSE, FT_CLIENT_ERROR_INVALID_ARGUMENT },
    { "not a url", FALSE, FT_CLIENT_ERROR_INVALID_ARGUMENT },
    { "", FALSE, FT_CLIENT_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FtProvider) provider = ft_provider_new ();
      g_autoptr(GError) error = NULL;

      ft_provider_set_base_url (provider, cases[i].url);
      g_assert_cmpint (ft_provider_check_base_url (provider, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, FT_CLIENT_ERROR, cases[i].code);
    }

  {
    g_autoptr(FtProvider) provider = ft_provider_new ();
    g_autoptr(GError) error = NULL;

    ft_provider_set_base_url (provider, "http://api.example.com/v1");
    ft_provider_check_base_url (provider, &error);
    g_assert_cmpstr (error->message,
                     ==,
                     "Exemplar will not send your API key to “api.example.com” "
                     "over an unencrypted connection. "
                     "Use an https:// address; plain http:// is only allowed "
                     "for servers on this computer.");
  }
}

static void
test_model_names (void)
{
  static const struct {
    const char *id;
    gboolean    fine_tuned;
    const char *base;
    const char *org;
    const char *suffix;
    gint64      step;
  } cases[] = {
    { "gpt-4o-mini-2024-07-18", FALSE, NULL, NULL, NULL, -1 },
    { "ft:gpt-4o-mini-2024-07-18:my-org:my-suffix:AbC123", TRUE,
      "gpt-4o-mini-2024-07-18", "my-org", "my-suffix", -1 },
    { "ft:gpt-4o-mini-2024-07-18:my-org::AbC123", TRUE,
      "gpt-4o-mini-2024-07-18", "my-org", NULL, -1 },
    { "ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:96olL566:ckpt-step-2000", TRUE,
      "gpt-4o-mini-2024-07-18", "my-org", "custom-suffix", 2000 },
    { "ft:davinci-002:my-org:custom_suffix:7q8mpxmy", TRUE,
      "davinci-002", "my-org", "custom_suffix", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FtModel) model = ft_model_new_for_id (cases[i].id);

      g_assert_cmpstr (ft_model_get_id (model), ==, cases[i].id);
      g_assert_cmpint (ft_model_get_is_fine_tuned (model), ==, cases[i].fine_tuned);
      g_assert_cmpstr (ft_model_get_base_model (model), ==, cases[i].base);
      g_assert_cmpstr (ft_model_get_organization (model), ==, cases[i].org);
      g_assert_cmpstr (ft_model_get_suffix (model), ==, cases[i].suffix);
      g_assert_cmpint (ft_model_get_checkpoint_step (model), ==, cases[i].step);
      g_assert_cmpint (ft_model_get_is_checkpoint (model), ==, cases[i].step >= 0);
    }

  {
    g_autoptr(JsonObject) object =
      parse_object ("{\"id\":\"gpt-4.1-nano-2025-04-14\",\"object\":\"model\","
                    "\"created\":1686935002,\"owned_by\":\"system\","
                    "\"shutdown_date\":\"2026-10-23\"}");
    g_autoptr(JsonObject) null_date =
      parse_object ("{\"id\":\"x\",\"object\":\"model\",\"created\":1,\"owned_by\":\"openai\","
                    "\"shutdown_date\":null}");
    g_autoptr(FtModel) model = ft_model_new_from_json (object, NULL);
    g_autoptr(FtModel) other = ft_model_new_from_json (null_date, NULL);

    g_assert_cmpstr (ft_model_get_shutdown_date (model), ==, "2026-10-23");
    g_assert_cmpint (ft_model_get_created (model), ==, 1686935002);
    g_assert_cmpstr (ft_model_get_owned_by (model), ==, "system");
    g_assert_null (ft_model_get_shutdown_date (other));
  }
}

/* §12.1 and §12.3: an all-null error on a job that did not fail, missing
 * trained_tokens, hyperparameters, finished_at; "paused" and statuses
 * this version does not know.
 */
static void
test_job_quirks (void)
{
  g_autoptr(JsonObject) dpo = parse_object (
    "{\"object\":\"fine_tuning.job\",\"id\":\"ftjob-abc\",\"model\":\"gpt-4o-mini\","
    "\"created_at\":1721764800,"
    "\"fine_tuned_model\":null,\"organization_id\":\"org-123\",\"result_files\":[],"
    "\"status\":\"validating_files\","
    "\"validation_file\":null,\"training_file\":\"file-abc\",\"seed\":7,"
    "\"error\":{\"code\":null,\"message\":null,\"param\":null},"
    "\"method\":{\"type\":\"dpo\",\"dpo\":"
    "{\"hyperparameters\":{\"beta\":0.1,\"n_epochs\":\"auto\"}}},"
    "\"user_provided_suffix\":\"mine\",\"usage_metrics\":null,\"shared_with_openai\":false}");
  g_autoptr(JsonObject) paused = parse_object (
    "{\"object\":\"fine_tuning.job\",\"id\":\"ftjob-p\",\"model\":\"m\",\"status\":\"paused\"}");
  g_autoptr(JsonObject) unknown = parse_object (
    "{\"id\":\"ftjob-u\",\"status\":\"frobnicating\",\"hyperparameters\":null,\"error\":null}");
  g_autoptr(JsonObject) failed = parse_object (
    "{\"id\":\"ftjob-f\",\"status\":\"failed\",\"error\":{\"code\":\"invalid_training_file\","
    "\"message\":\"The file has 3 examples; at least 10 are required.\","
    "\"param\":\"training_file\"},"
    "\"hyperparameters\":{\"n_epochs\":3,\"batch_size\":1,\"learning_rate_multiplier\":1.8}}");
  g_autoptr(JsonObject) no_id = parse_object ("{\"status\":\"queued\"}");
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtJob) job_paused = NULL;
  g_autoptr(FtJob) job_unknown = NULL;
  g_autoptr(FtJob) job_failed = NULL;
  g_autoptr(GError) error = NULL;

  job = ft_job_new_from_json (dpo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ft_job_get_status (job), ==, FT_JOB_STATUS_VALIDATING_FILES);
  g_assert_false (ft_job_has_failed (job));
  g_assert_null (ft_job_get_error_message (job));
  g_assert_cmpint (ft_job_get_trained_tokens (job), ==, -1);
  g_assert_cmpint (ft_job_get_finished_at (job), ==, 0);
  g_assert_cmpint (ft_job_get_method (job), ==, FT_JOB_METHOD_DPO);
  g_assert_cmpfloat (ft_job_get_beta (job), ==, 0.1);
  g_assert_cmpint (ft_job_get_n_epochs (job), ==, -1);
  g_assert_cmpint (ft_job_get_seed (job), ==, 7);
  g_assert_cmpstr (ft_job_get_suffix (job), ==, "mine");
  g_assert_null (ft_job_get_validation_file (job));
  g_assert_null (ft_job_get_fine_tuned_model (job));
  g_assert_cmpuint (g_strv_length ((char **)ft_job_get_result_files (job)), ==, 0);

  job_paused = ft_job_new_from_json (paused, NULL);
  g_assert_cmpint (ft_job_get_status (job_paused), ==, FT_JOB_STATUS_PAUSED);
  g_assert_false (ft_job_is_terminal (job_paused));
  g_assert_cmpuint (g_strv_length ((char **)ft_job_get_result_files (job_paused)), ==, 0);

  job_unknown = ft_job_new_from_json (unknown, NULL);
  g_assert_cmpint (ft_job_get_status (job_unknown), ==, FT_JOB_STATUS_OTHER);
  g_assert_cmpstr (ft_job_get_status_string (job_unknown), ==, "frobnicating");
  g_assert_false (ft_job_is_terminal (job_unknown));
  g_assert_cmpint (ft_job_get_method (job_unknown), ==, FT_JOB_METHOD_SUPERVISED);

  job_failed = ft_job_new_from_json (failed, NULL);
  g_assert_true (ft_job_has_failed (job_failed));
  g_assert_true (ft_job_is_terminal (job_failed));
  g_assert_cmpstr (ft_job_get_error_message (job_failed),
                   ==,
                   "The file has 3 examples; at least 10 are required.");
  g_assert_cmpstr (ft_job_get_error_param (job_failed), ==, "training_file");
  g_assert_cmpint (ft_job_get_n_epochs (job_failed), ==, 3);
  g_assert_cmpfloat (ft_job_get_learning_rate_multiplier (job_failed), ==, 1.8);

  g_assert_null (ft_job_new_from_json (no_id, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_job_update (void)
{
  g_autoptr(JsonObject) running =
    parse_object ("{\"id\":\"ftjob-1\",\"model\":\"m\",\"status\":\"running\"}");
  g_autoptr(JsonObject) done =
    parse_object ("{\"id\":\"ftjob-1\",\"model\":\"m\",\"status\":\"succeeded\","
                  "\"fine_tuned_model\":\"ft:m:o::x\",\"trained_tokens\":5768}");
  g_autoptr(FtJob) job = ft_job_new_from_json (running, NULL);
  g_autoptr(FtJob) newer = ft_job_new_from_json (done, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (job, "notify", G_CALLBACK (on_notify_cb), names);
  ft_job_update_from (job, newer);

  g_assert_cmpint (ft_job_get_status (job), ==, FT_JOB_STATUS_SUCCEEDED);
  g_assert_cmpstr (ft_job_get_fine_tuned_model (job), ==, "ft:m:o::x");
  g_assert_cmpint (ft_job_get_trained_tokens (job), ==, 5768);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "status", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "fine-tuned-model", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "trained-tokens", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (names, "model", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (names, "id", g_str_equal, NULL));
}

/* The objects keep what the API sent, for `exemplar-cli --json`. */
static void
test_raw_json (void)
{
  g_autoptr(JsonObject) job_json = parse_object (
    "{\"object\":\"fine_tuning.job\",\"id\":\"ftjob-r\",\"model\":\"m\",\"status\":\"running\","
    "\"usage_metrics\":{\"x\":1},\"shared_with_openai\":false}");
  g_autoptr(JsonObject) newer_json = parse_object (
    "{\"object\":\"fine_tuning.job\",\"id\":\"ftjob-r\",\"model\":\"m\",\"status\":\"succeeded\"}");
  g_autoptr(JsonObject) model_json = parse_object (
    "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\","
    "\"extra\":[1,2]}");
  g_autoptr(JsonObject) file_json = parse_object (
    "{\"id\":\"file-r\",\"object\":\"file\",\"filename\":\"t.jsonl\",\"status_details\":\"ok\"}");
  g_autoptr(JsonObject) event_json = parse_object (
    "{\"object\":\"fine_tuning.job.event\",\"id\":\"ftevent-r\",\"message\":\"Hi\","
    "\"obscure\":true}");
  g_autoptr(FtJob) job = ft_job_new_from_json (job_json, NULL);
  g_autoptr(FtJob) newer = ft_job_new_from_json (newer_json, NULL);
  g_autoptr(FtModel) model = ft_model_new_from_json (model_json, NULL);
  g_autoptr(FtModel) bare = ft_model_new_for_id ("gpt-4o");
  g_autoptr(FtFile) file = ft_file_new_from_json (file_json, NULL);
  g_autoptr(FtJobEvent) event = ft_job_event_new_from_json (event_json, NULL);

  g_assert_true (ft_job_get_json (job) == job_json);
  g_assert_true (json_object_has_member (ft_job_get_json (job), "usage_metrics"));
  ft_job_update_from (job, newer);
  g_assert_true (ft_job_get_json (job) == newer_json);
  g_assert_false (json_object_has_member (ft_job_get_json (job), "usage_metrics"));

  g_assert_true (json_object_has_member (ft_model_get_json (model), "extra"));
  g_assert_null (ft_model_get_json (bare));
  g_assert_cmpstr (json_object_get_string_member (ft_file_get_json (file), "status_details"),
                   ==, "ok");
  g_assert_true (json_object_get_boolean_member (ft_job_event_get_json (event), "obscure"));
}

/* §12.4, §12.6 and checkpoints with only some metrics. */
static void
test_object_quirks (void)
{
  g_autoptr(JsonObject) message_event =
    parse_object ("{\"object\":\"fine_tuning.job.event\",\"id\":\"ftevent-1\",\"created_at\":1,"
                  "\"level\":\"info\",\"message\":\"Created fine-tuning job\",\"data\":null,"
                  "\"type\":\"message\"}");
  g_autoptr(JsonObject) metrics_event = parse_object (
    "{\"object\":\"fine_tuning.job.event\",\"id\":\"ftevent-2\",\"created_at\":2,"
    "\"level\":\"warning\","
    "\"message\":\"Step 3/10\",\"data\":{\"step\":3,\"total_steps\":10,\"train_loss\":0.25,"
    "\"train_mean_token_accuracy\":0.9},\"type\":\"metrics\"}");
  g_autoptr(JsonObject) file_null = parse_object (
    "{\"id\":\"file-1\",\"object\":\"file\",\"bytes\":120000,\"created_at\":1677610602,"
    "\"expires_at\":null,"
    "\"filename\":\"train.jsonl\",\"purpose\":\"fine-tune\",\"status\":\"processed\"}");
  g_autoptr(JsonObject) file_missing = parse_object (
    "{\"id\":\"file-2\",\"object\":\"file\",\"filename\":\"x.jsonl\",\"purpose\":\"fine-tune\"}");
  g_autoptr(JsonObject) checkpoint = parse_object (
    "{\"object\":\"fine_tuning.job.checkpoint\",\"id\":\"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB\","
    "\"created_at\":1721764867,"
    "\"fine_tuned_model_checkpoint\":"
    "\"ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:96olL566:ckpt-step-2000\","
    "\"metrics\":{\"full_valid_loss\":0.134,\"full_valid_mean_token_accuracy\":0.874},"
    "\"fine_tuning_job_id\":\"ftjob-abc123\",\"step_number\":2000}");
  g_autoptr(FtJobEvent) e1 = ft_job_event_new_from_json (message_event, NULL);
  g_autoptr(FtJobEvent) e2 = ft_job_event_new_from_json (metrics_event, NULL);
  g_autoptr(FtFile) f1 = ft_file_new_from_json (file_null, NULL);
  g_autoptr(FtFile) f2 = ft_file_new_from_json (file_missing, NULL);
  g_autoptr(FtCheckpoint) c = ft_checkpoint_new_from_json (checkpoint, NULL);
  double value = 0;

  g_assert_false (ft_job_event_is_metrics (e1));
  g_assert_false (ft_job_event_get_metric (e1, "step", NULL));
  g_assert_cmpint (ft_job_event_get_level (e1), ==, FT_EVENT_LEVEL_INFO);
  g_assert_true (ft_job_event_is_metrics (e2));
  g_assert_cmpint (ft_job_event_get_level (e2), ==, FT_EVENT_LEVEL_WARN);
  g_assert_true (ft_job_event_get_metric (e2, "train_loss", &value));
  g_assert_cmpfloat (value, ==, 0.25);
  g_assert_true (ft_job_event_get_metric (e2, "total_steps", &value));
  g_assert_cmpfloat (value, ==, 10);

  g_assert_cmpint (ft_file_get_expires_at (f1), ==, 0);
  g_assert_cmpint (ft_file_get_bytes (f1), ==, 120000);
  g_assert_cmpint (ft_file_get_bytes (f2), ==, -1);
  g_assert_null (ft_file_get_status (f2));

  g_assert_cmpint (ft_checkpoint_get_step_number (c), ==, 2000);
  g_assert_cmpstr (ft_checkpoint_get_job_id (c), ==, "ftjob-abc123");
  g_assert_true (ft_checkpoint_get_metric (c, "full_valid_loss", &value));
  g_assert_cmpfloat (value, ==, 0.134);
  g_assert_false (ft_checkpoint_get_metric (c, "train_loss", NULL));
}

static void
test_metrics_csv (void)
{
  static const char plain[] =
    "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,extra\r\n"
    "1,1.52347,0.0,,,7\r\n"
    "2,1.1,0.5,1.3,0.4,8\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (plain, strlen (plain));
  g_autofree char *encoded = g_base64_encode ((const guchar *)plain, strlen (plain));
  g_autoptr(GBytes) base64 = g_bytes_new (encoded, strlen (encoded));
  g_autoptr(GBytes) bad = g_bytes_new_static ("step,train_loss\n1,0.5\n2,abc\n", 27);
  g_autoptr(GBytes) junk = g_bytes_new_static ("<html>nope</html>", 17);
  g_autoptr(GError) error = NULL;
  FtMetrics *variants[2];

  variants[0] = ft_metrics_new_from_csv (bytes, &error);
  g_assert_no_error (error);
  variants[1] = ft_metrics_new_from_csv (base64, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      FtMetrics *metrics = variants[i];
      const double *loss;
      const double *valid;
      guint n = 0;

      g_assert_cmpuint (ft_metrics_get_n_rows (metrics), ==, 2);
      g_assert_true (ft_metrics_has_column (metrics, "extra"));
      g_assert_false (ft_metrics_has_column (metrics, "nope"));
      loss = ft_metrics_get_series (metrics, "train_loss", &n);
      g_assert_cmpuint (n, ==, 2);
      g_assert_cmpfloat (loss[0], ==, 1.52347);
      g_assert_cmpfloat (loss[1], ==, 1.1);
      valid = ft_metrics_get_series (metrics, "valid_loss", NULL);
      g_assert_true (isnan (valid[0]));
      g_assert_cmpfloat (valid[1], ==, 1.3);
      g_assert_null (ft_metrics_get_series (metrics, "nope", &n));
      g_assert_cmpuint (n, ==, 0);
      g_object_unref (metrics);
    }

  g_assert_null (ft_metrics_new_from_csv (bad, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message,
                   ==,
                   "Line 3 of the results file has “abc” in column “train_loss”, "
                   "which is not a number");
  g_clear_error (&error);

  g_assert_null (ft_metrics_new_from_csv (junk, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE);
}

static void
test_job_params (void)
{
  static const struct {
    FtJobMethod  method;
    gint64       epochs;
    gint64       batch;
    double       lr;
    double       beta;
    const char  *suffix;
    gint64       seed;
    const char  *message;
  } cases[] = {
    { FT_JOB_METHOD_SUPERVISED, 51, 0, 0, 0, NULL, -1,
      "The number of epochs must be between 1 and 50, or automatic; 51 is out of range." },
    { FT_JOB_METHOD_SUPERVISED, -2, 0, 0, 0, NULL, -1,
      "The number of epochs must be between 1 and 50, or automatic; -2 is out of range." },
    { FT_JOB_METHOD_SUPERVISED, 0, 257, 0, 0, NULL, -1,
      "The batch size must be between 1 and 256, or automatic; 257 is out of range." },
    { FT_JOB_METHOD_SUPERVISED, 0, 0, -0.5, 0, NULL, -1,
      "The learning rate multiplier must be greater than 0, or automatic; -0.5 is out of range." },
    { FT_JOB_METHOD_DPO, 0, 0, 0, 2.5, NULL, -1,
      "Beta must be greater than 0 and at most 2, or automatic; 2.5 is out of range." },
    { FT_JOB_METHOD_SUPERVISED, 0, 0, 0, 0.5, NULL, -1, "Beta only applies to DPO jobs." },
    { FT_JOB_METHOD_SUPERVISED, 0, 0, 0, 0, "", -1,
      "The model name suffix must be 1 to 64 characters long; “” has 0." },
    { FT_JOB_METHOD_SUPERVISED, 0, 0, 0, 0, NULL, 2147483648,
      "The seed must be between 0 and 2147483647; 2147483648 is out of range." },
    { FT_JOB_METHOD_REINFORCEMENT, 0, 0, 0, 0, NULL, -1,
      "Exemplar can create supervised and DPO jobs, not “reinforcement” jobs." },
  };
  g_autoptr(FtJobParams) params = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_suffix = g_strnfill (65, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FtJobParams) p = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-1");
      g_autoptr(GError) local_error = NULL;

      ft_job_params_set_method (p, cases[i].method);
      ft_job_params_set_n_epochs (p, cases[i].epochs);
      ft_job_params_set_batch_size (p, cases[i].batch);
      ft_job_params_set_learning_rate_multiplier (p, cases[i].lr);
      ft_job_params_set_beta (p, cases[i].beta);
      ft_job_params_set_suffix (p, cases[i].suffix);
      ft_job_params_set_seed (p, cases[i].seed);

      g_assert_false (ft_job_params_validate (p, &local_error));
      g_assert_error (local_error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (local_error->message, ==, cases[i].message);
    }

  params = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-1");
  ft_job_params_set_suffix (params, long_suffix);
  g_assert_false (ft_job_params_validate (params, &error));
  g_assert_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&params);

  params = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-1");
  for (guint i = 0; i < 17; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      ft_job_params_set_metadata (params, key, "v");
    }
  g_assert_false (ft_job_params_validate (params, &error));
  g_assert_cmpstr (error->message,
                   ==,
                   "A job can carry at most 16 metadata pairs; this one has 17.");
  g_clear_error (&error);
  ft_job_params_set_metadata (params, "k16", NULL);
  g_assert_true (ft_job_params_validate (params, &error));
  g_assert_no_error (error);
  g_clear_object (&params);

  params = ft_job_params_new ("gpt-4o-mini-2024-07-18", "file-1");
  ft_job_params_set_method (params, FT_JOB_METHOD_DPO);
  ft_job_params_set_n_epochs (params, 3);
  ft_job_params_set_beta (params, 0.5);
  ft_job_params_set_suffix (params, "support-bot");
  ft_job_params_set_seed (params, 42);
  ft_job_params_set_validation_file (params, "file-2");
  ft_job_params_set_metadata (params, "team", "support");
  g_assert_true (ft_job_params_validate (params, &error));
  g_assert_no_error (error);

  node = ft_job_params_to_json (params);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json,
                   ==,
                   "{\"model\":\"gpt-4o-mini-2024-07-18\",\"training_file\":\"file-1\","
                   "\"validation_file\":\"file-2\",\"suffix\":\"support-bot\",\"seed\":42,"
                   "\"method\":{\"type\":\"dpo\",\"dpo\":{\"hyperparameters\":"
                   "{\"n_epochs\":3,\"batch_size\":\"auto\",\"learning_rate_multiplier\":\"auto\","
                   "\"beta\":0.5}}},"
                   "\"metadata\":{\"team\":\"support\"}}");
}

static void
test_chat_request (void)
{
  g_autoptr(FtChatRequest) request = ft_chat_request_new ("gpt-4o-mini");
  g_autoptr(FtChatRequest) copy = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) streamed = NULL;
  g_autofree char *plain_json = NULL;
  g_autofree char *streamed_json = NULL;

  ft_chat_request_add_message (request, "system", "Be terse.");
  ft_chat_request_add_message (request, "user", "Capital of Norway?");
  ft_chat_request_set_temperature (request, 0.0);
  ft_chat_request_set_max_completion_tokens (request, 50);
  ft_chat_request_set_seed (request, 7);
  copy = ft_chat_request_copy_for_model (request, "ft:gpt-4o-mini:o::x");
  ft_chat_request_add_message (request, "assistant", "Oslo.");

  plain = ft_chat_request_to_json (copy, FALSE);
  streamed = ft_chat_request_to_json (copy, TRUE);
  plain_json = json_to_string (plain, FALSE);
  streamed_json = json_to_string (streamed, FALSE);

  g_assert_cmpuint (ft_chat_request_get_n_messages (copy), ==, 2);
  g_assert_cmpuint (ft_chat_request_get_n_messages (request), ==, 3);
  g_assert_cmpstr (plain_json,
                   ==,
                   "{\"model\":\"ft:gpt-4o-mini:o::x\","
                   "\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
                   "{\"role\":\"user\",\"content\":\"Capital of Norway?\"}],\"temperature\":0.0,"
                   "\"max_completion_tokens\":50,\"seed\":7}");
  g_assert_true (g_str_has_suffix (streamed_json,
                                   "\"seed\":7,\"stream\":true,"
                                   "\"stream_options\":{\"include_usage\":true}}"));
}

static void
test_error_details (void)
{
  g_autoptr(GError) error = g_error_new_literal (FT_CLIENT_ERROR, FT_CLIENT_ERROR_AUTH, "rejected");
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_cmpuint (ft_client_error_get_status (error), ==, 0);
  g_assert_null (ft_client_error_get_request_id (error));

  ft_client_error_set_details (error,
                               401,
                               "req_1",
                               "invalid_request_error",
                               "invalid_api_key",
                               NULL);
  copy = g_error_copy (error);

  g_assert_cmpuint (ft_client_error_get_status (copy), ==, 401);
  g_assert_cmpstr (ft_client_error_get_request_id (copy), ==, "req_1");
  g_assert_cmpstr (ft_client_error_get_api_type (copy), ==, "invalid_request_error");
  g_assert_cmpstr (ft_client_error_get_api_code (copy), ==, "invalid_api_key");
  g_assert_null (ft_client_error_get_api_param (copy));
  g_assert_cmpuint (ft_client_error_get_status (other), ==, 0);
  g_assert_null (ft_client_error_get_request_id (other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ft/provider/presets", test_presets);
  g_test_add_func ("/ft/provider/variant-round-trip", test_variant_round_trip);
  g_test_add_func ("/ft/provider/urls", test_urls);
  g_test_add_func ("/ft/provider/https-required", test_https_required);
  g_test_add_func ("/ft/provider/model-names", test_model_names);
  g_test_add_func ("/ft/provider/job-quirks", test_job_quirks);
  g_test_add_func ("/ft/provider/job-update", test_job_update);
  g_test_add_func ("/ft/provider/raw-json", test_raw_json);
  g_test_add_func ("/ft/provider/object-quirks", test_object_quirks);
  g_test_add_func ("/ft/provider/metrics-csv", test_metrics_csv);
  g_test_add_func ("/ft/provider/job-params", test_job_params);
  g_test_add_func ("/ft/provider/chat-request", test_chat_request);
  g_test_add_func ("/ft/provider/error-details", test_error_details);

  return g_test_run ();
}
