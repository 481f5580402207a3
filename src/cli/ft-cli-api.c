/* ft-cli-api.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli.h"

#include "ft-client.h"
#include "ft-error.h"
#include "ft-format.h"
#include "ft-job-monitor.h"
#include "ft-provider-store.h"
#include "ft-secrets.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The verbs that talk to a provider:
 *
 *   exemplar-cli models list
 *   exemplar-cli files upload FILE | list
 *   exemplar-cli jobs create … | list | show ID | events ID | watch ID
 *                     | cancel ID | pause ID | resume ID
 *   exemplar-cli chat --model M [--system S] [--stream] PROMPT
 *
 * Each takes --profile NAME (a profile of the app; its key comes from the
 * keyring) or --base-url URL, and --json for the API's own objects. Without
 * either, the default profile is used. The key comes from the keyring for
 * a profile, else from EXEMPLAR_API_KEY or OPENAI_API_KEY; it is never
 * printed.
 *
 * Each verb runs a GMainLoop around one async call of FtClient (or the job
 * monitor, for watch). Ctrl+C cancels the call and ends the program.
 *
 * Exit statuses: 0 done; 1 the API said no (an HTTP error answer, a job
 * that failed or was cancelled while watched); 2 bad usage, no key, or no
 * connection; 130 interrupted.
 */

#define FT_CLI_EXIT_INTERRUPTED 130

/* How long the keyring may take before the CLI goes on without it. */
#define KEYRING_TIMEOUT_MS 10000

typedef struct
{
  /* Options */
  char          *profile;
  char          *base_url;
  gboolean       json;

  /* State */
  FtProvider    *provider;
  FtClient      *client;
  GMainLoop     *loop;
  GCancellable  *cancellable;
  GAsyncResult  *result;
  guint          sigint_id;
  gboolean       interrupted;
  int            status;
} Cli;

static void
cli_clear (Cli *cli)
{
  g_clear_handle_id (&cli->sigint_id, g_source_remove);
  g_clear_pointer (&cli->profile, g_free);
  g_clear_pointer (&cli->base_url, g_free);
  g_clear_object (&cli->client);
  g_clear_object (&cli->provider);
  g_clear_object (&cli->result);
  g_clear_object (&cli->cancellable);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

/* Running async calls */

static gboolean
on_sigint_cb (gpointer user_data)
{
  Cli *cli = user_data;

  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);
  g_main_loop_quit (cli->loop);

  return G_SOURCE_CONTINUE;
}

static void
cli_init (Cli *cli)
{
  cli->loop = g_main_loop_new (NULL, FALSE);
  cli->cancellable = g_cancellable_new ();
  cli->sigint_id = g_unix_signal_add (SIGINT, on_sigint_cb, cli);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;

  g_set_object (&cli->result, result);
  g_main_loop_quit (cli->loop);
}

/* Runs the main loop until result_cb() got the result of the call just
 * started, and hands it over.
 */
static GAsyncResult *
wait_for_result (Cli *cli)
{
  while (cli->result == NULL)
    g_main_loop_run (cli->loop);

  return g_steal_pointer (&cli->result);
}

/* Errors */

static int
report_error (Cli    *cli,
              GError *error)
{
  if (cli->interrupted && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ft_cli_print_error (_("interrupted"));
      return FT_CLI_EXIT_INTERRUPTED;
    }

  ft_cli_print_error ("%s", error->message);

  /* An answer from the API is a refusal; everything else (no connection,
   * no key, a value refused before sending) is ours to fix.
   */
  if (error->domain == FT_CLIENT_ERROR && ft_client_error_get_status (error) > 0)
    return FT_CLI_EXIT_FINDINGS;

  return FT_CLI_EXIT_FAILURE;
}

/* Output */

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_seconds <= 0)
    return g_strdup ("—");

  when = g_date_time_new_from_unix_local (unix_seconds);
  if (when == NULL)
    return g_strdup ("—");

  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

static const char *
or_dash (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : "—";
}

/* Prints rows of cells (the first row are the headings) in columns. */
static void
print_table (GPtrArray *rows)
{
  g_autofree guint *widths = NULL;
  guint n_columns = 0;

  if (rows->len == 0)
    return;

  n_columns = g_strv_length (g_ptr_array_index (rows, 0));
  widths = g_new0 (guint, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        widths[c] = MAX (widths[c], (guint)g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < n_columns)
            {
              guint pad = widths[c] - g_utf8_strlen (cells[c], -1) + 2;

              for (guint i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
            }
        }

      printf ("%s\n", line->str);
    }
}

static void add_row (GPtrArray *rows,
                     ...) G_GNUC_NULL_TERMINATED;

static void
add_row (GPtrArray *rows,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;
  const char *cell;

  va_start (args, rows);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, cell);
  va_end (args);

  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

static void
print_json_node (JsonNode *node,
                 gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  printf ("%s\n", text);
  fflush (stdout);
}

static void
print_json_object (JsonObject *object,
                   gboolean    pretty)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (object == NULL)
    {
      printf ("null\n");
      return;
    }

  json_node_set_object (node, object);
  print_json_node (node, pretty);
}

typedef JsonObject *(*GetJsonFunc) (gpointer item);

/* Prints a list as the API answers one: {"object": "list", "data": […]}. */
static void
print_json_list (GListModel  *items,
                 GetJsonFunc  get_json,
                 gboolean     with_has_more,
                 gboolean     has_more)
{
  g_autoptr(JsonObject) list = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *data = json_array_new ();
  guint n_items = g_list_model_get_n_items (items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      JsonObject *object = get_json (item);

      if (object != NULL)
        json_array_add_object_element (data, json_object_ref (object));
    }

  json_object_set_string_member (list, "object", "list");
  json_object_set_array_member (list, "data", data);
  if (with_has_more)
    json_object_set_boolean_member (list, "has_more", has_more);

  json_node_set_object (node, list);
  print_json_node (node, TRUE);
}

/* Options and connecting */

static void
add_connection_entries (GOptionContext *context,
                        Cli            *cli)
{
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &cli->profile,
      N_("Use the provider profile NAME (its key comes from the keyring)"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &cli->base_url,
      N_("Talk to the OpenAI-compatible API at URL, e.g. https://api.openai.com/v1"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print the API’s own JSON objects"), NULL },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("connection", _("Connection and output options:"),
                              _("Show the connection and output options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
  g_option_context_set_main_group (context, group);
}

static gboolean
expect_arguments (int          argc,
                  guint        n_expected,
                  const char  *what)
{
  if ((guint)(argc - 1) == n_expected)
    return TRUE;

  if ((guint)(argc - 1) < n_expected)
    ft_cli_print_error (_("missing %s"), what);
  else
    ft_cli_print_error (_("too many arguments; expected only %s"), what);

  return FALSE;
}

/* Parses the options of "exemplar-cli COMMAND …", where COMMAND is e.g.
 * "jobs show"; @argv[0] is its last word. Leaves the positional arguments
 * in @argv[1..] and, unless @n_arguments is -1, expects that many of them
 * (@what names them in the message if not).
 */
static gboolean
parse_options (Cli                *cli,
               const char         *command,
               const char         *parameter,
               const char         *summary,
               const GOptionEntry *extra,
               int                 n_arguments,
               const char         *what,
               int                *argc,
               char             ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("exemplar-cli %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  add_connection_entries (context, cli);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FALSE;
    }

  g_set_prgname ("exemplar-cli");

  if (cli->profile != NULL && cli->base_url != NULL)
    {
      ft_cli_print_error (_("use either --profile or --base-url, not both"));
      return FALSE;
    }

  return n_arguments < 0 || expect_arguments (*argc, n_arguments, what);
}

static char *
dup_env_key (void)
{
  const char *names[] = { "EXEMPLAR_API_KEY", "OPENAI_API_KEY" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && value[0] != '\0')
        return g_strdup (value);
    }

  return NULL;
}

static FtProvider *
load_profile (Cli     *cli,
              GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(FtProviderStore) store = NULL;
  FtProvider *provider;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the app’s profiles are not available (the settings schema %s is "
                     "not installed); use --base-url URL"),
                   APP_ID);
      return NULL;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  store = ft_provider_store_new (settings);

  if (cli->profile != NULL)
    provider = ft_provider_store_find (store, cli->profile);
  else
    provider = ft_provider_store_get_default_provider (store);

  if (provider == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (store));

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(FtProvider) item = g_list_model_get_item (G_LIST_MODEL (store), i);

          g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                  ft_provider_get_display_name (item));
        }

      if (cli->profile == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("there are no provider profiles; add one in the app’s "
                               "Preferences, or use --base-url URL"));
      else if (n_items == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("there is no provider profile “%s”, nor any other; add one in the "
                       "app’s Preferences, or use --base-url URL"),
                     cli->profile);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("there is no provider profile “%s”; the profiles are %s"),
                     cli->profile, names->str);
      return NULL;
    }

  /* Flush nothing back: the CLI only reads profiles. */
  return g_object_ref (provider);
}

static char *
lookup_keyring (Cli        *cli,
                FtProvider *provider)
{
  g_autoptr(FtSecrets) secrets = ft_secrets_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  ft_secrets_set_timeout (secrets, KEYRING_TIMEOUT_MS);
  ft_secrets_lookup_async (secrets, ft_provider_get_id (provider), cli->cancellable,
                           result_cb, cli);
  result = wait_for_result (cli);
  key = ft_secrets_lookup_finish (secrets, result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No key from the keyring: %s", error->message);

  return key;
}

/* Sets up cli->provider and cli->client. Returns FT_CLI_EXIT_OK or the
 * status to exit with.
 */
static int
connect_client (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *env_key = NULL;
  char *key = NULL;

  if (cli->base_url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (cli->base_url, G_URI_FLAGS_NONE, NULL);
      const char *host = uri ? g_uri_get_host (uri) : NULL;

      cli->provider = ft_provider_new ();
      ft_provider_set_id (cli->provider, "command-line");
      ft_provider_set_display_name (cli->provider, host ? host : cli->base_url);
      ft_provider_set_base_url (cli->provider, cli->base_url);
      ft_provider_set_capabilities (cli->provider,
                                    FT_PROVIDER_CAP_FINE_TUNING | FT_PROVIDER_CAP_SUPERVISED |
                                    FT_PROVIDER_CAP_DPO | FT_PROVIDER_CAP_REINFORCEMENT |
                                    FT_PROVIDER_CAP_PAUSE_RESUME | FT_PROVIDER_CAP_CHECKPOINTS |
                                    FT_PROVIDER_CAP_UPLOADS_API | FT_PROVIDER_CAP_MODEL_LISTING);
    }
  else
    {
      cli->provider = load_profile (cli, &error);
      if (cli->provider == NULL)
        {
          ft_cli_print_error ("%s", error->message);
          return FT_CLI_EXIT_FAILURE;
        }
    }

  if (!ft_provider_check_base_url (cli->provider, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  cli->client = ft_client_new (cli->provider);

  if (!ft_provider_get_needs_key (cli->provider))
    return FT_CLI_EXIT_OK;

  if (cli->base_url == NULL)
    key = lookup_keyring (cli, cli->provider);
  if (cli->interrupted)
    {
      g_clear_pointer (&key, ft_secrets_key_free);
      ft_cli_print_error (_("interrupted"));
      return FT_CLI_EXIT_INTERRUPTED;
    }

  if (key == NULL)
    key = env_key = dup_env_key ();

  if (key == NULL)
    {
      if (cli->base_url != NULL)
        ft_cli_print_error (_("no API key: set EXEMPLAR_API_KEY (or OPENAI_API_KEY) "
                              "in the environment"));
      else
        ft_cli_print_error (_("no API key for the profile “%s”: store one in the app’s "
                              "Preferences, or set EXEMPLAR_API_KEY (or OPENAI_API_KEY)"),
                            ft_provider_get_display_name (cli->provider));
      return FT_CLI_EXIT_FAILURE;
    }

  ft_client_set_api_key (cli->client, key);
  if (key != env_key)
    ft_secrets_key_free (key);
  else
    memset (env_key, 0, strlen (env_key));

  return FT_CLI_EXIT_OK;
}

/* Groups of verbs */

typedef int (*VerbFunc) (Cli   *cli,
                         int    argc,
                         char **argv);

typedef struct
{
  const char *name;
  const char *usage;
  VerbFunc    func;
} Verb;

static void
print_group_usage (FILE       *stream,
                   const char *group,
                   const Verb *verbs)
{
  fprintf (stream, "%s\n", _("Usage:"));
  for (guint i = 0; verbs[i].name != NULL; i++)
    fprintf (stream, "  exemplar-cli %s %s\n", group, verbs[i].usage);
  fprintf (stream, "\n%s\n",
           _("Each command takes --profile NAME or --base-url URL, and --json. "
             "Run “exemplar-cli GROUP COMMAND --help” for its options."));
}

/* Runs "exemplar-cli GROUP VERB …" (@argv[0] is GROUP): prints the usage
 * for no verb or --help, else runs the verb of @verbs named by @argv[1].
 * Returns FALSE (and leaves the message to the caller) for an unknown verb.
 */
static gboolean
run_group (const char *group,
           const Verb *verbs,
           int         argc,
           char      **argv,
           int        *status)
{
  g_auto(Cli) cli = { 0 };

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_group_usage (argc < 2 ? stderr : stdout, group, verbs);
      *status = argc < 2 ? FT_CLI_EXIT_FAILURE : FT_CLI_EXIT_OK;
      return TRUE;
    }

  cli_init (&cli);

  for (guint i = 0; verbs[i].name != NULL; i++)
    {
      if (strcmp (argv[1], verbs[i].name) == 0)
        {
          *status = verbs[i].func (&cli, argc - 1, argv + 1);
          return TRUE;
        }
    }

  return FALSE;
}

/* Lists @items: as the API's JSON list with --json, else as a table with
 * @headings and a row of each item from @add_item_row.
 */
typedef void (*AddItemRowFunc) (GPtrArray *rows,
                                gpointer   item);

static void
print_items (Cli                *cli,
             GListModel         *items,
             GetJsonFunc         get_json,
             gboolean            with_has_more,
             gboolean            has_more,
             const char * const *headings,
             AddItemRowFunc      add_item_row)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_items = g_list_model_get_n_items (items);

  if (cli->json)
    {
      print_json_list (items, get_json, with_has_more, has_more);
      return;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_ptr_array_add (rows, g_strdupv ((char **)headings));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      add_item_row (rows, item);
    }
  print_table (rows);
}

/* models */

static JsonObject *
model_json (gpointer item)
{
  return ft_model_get_json (item);
}

static void
add_model_row (GPtrArray *rows,
               gpointer   item)
{
  g_autofree char *created = format_time (ft_model_get_created (item));

  add_row (rows, ft_model_get_id (item), created,
           or_dash (ft_model_get_owned_by (item)),
           or_dash (ft_model_get_shutdown_date (item)), NULL);
}

static int
models_list (Cli   *cli,
             int    argc,
             char **argv)
{
  const char *headings[] = { _("ID"), _("CREATED"), _("OWNED BY"), _("SHUTDOWN"), NULL };
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (cli, "models list", "", _("List the models the provider offers."),
                      NULL, 0, _("the command"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  ft_client_list_models_async (cli->client, cli->cancellable, result_cb, cli);
  result = wait_for_result (cli);
  models = ft_client_list_models_finish (cli->client, result, &error);
  if (models == NULL)
    return report_error (cli, error);

  print_items (cli, models, model_json, FALSE, FALSE, headings, add_model_row);

  return FT_CLI_EXIT_OK;
}

int
ft_cli_models (int    argc,
               char **argv)
{
  static const Verb verbs[] = {
    { "list", "list", models_list },
    { NULL }
  };
  int status;

  if (run_group ("models", verbs, argc, argv, &status))
    return status;

  ft_cli_print_error (_("unknown command “models %s”; run “exemplar-cli models --help”"),
                      argv[1]);
  return FT_CLI_EXIT_FAILURE;
}

/* files */

static JsonObject *
file_json (gpointer item)
{
  return ft_file_get_json (item);
}

typedef struct
{
  goffset last_shown;
  guint   last_percent;
  gboolean shown;
} Progress;

static void
upload_progress_cb (goffset  current,
                    goffset  total,
                    gpointer user_data)
{
  Progress *progress = user_data;
  g_autofree char *done = NULL;
  g_autofree char *size = NULL;
  char bar[31];
  guint percent;
  guint filled;

  if (total <= 0)
    return;

  percent = (guint)(100 * MIN (current, total) / total);
  if (progress->shown && percent == progress->last_percent && current != total)
    return;

  filled = percent * 30 / 100;
  memset (bar, '#', filled);
  memset (bar + filled, '-', 30 - filled);
  bar[30] = '\0';

  done = g_format_size (current);
  size = g_format_size (total);
  /* Translators: an upload progress bar, e.g. "[####------] 45 %  12.3 MB of 27.0 MB". */
  fprintf (stderr, _("\r[%s] %3u %%  %s of %s "), bar, percent, done, size);
  fflush (stderr);

  progress->shown = TRUE;
  progress->last_percent = percent;
  progress->last_shown = current;
}

static int
files_upload (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autofree char *purpose = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(FtFile) uploaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reused = FALSE;
  Progress progress = { 0 };
  gboolean terminal;
  int status;
  const GOptionEntry entries[] = {
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose,
      N_("What the file is for (default: fine-tune)"), N_("PURPOSE") },
    { NULL }
  };

  if (!parse_options (cli, "files upload", _("FILE"),
                      _("Upload a training or validation file (JSONL). Large files go through "
                        "the Uploads API in parts; a file uploaded before is not sent again."),
                      entries, 1, _("the FILE to upload"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      ft_cli_print_error (_("cannot read “%s”: no such file"), name);
      return FT_CLI_EXIT_FAILURE;
    }

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  /* A progress bar only for people, never into a pipe or a log. */
  terminal = isatty (STDERR_FILENO);
  ft_client_upload_file_async (cli->client, file, purpose ? purpose : "fine-tune",
                               terminal ? upload_progress_cb : NULL, &progress,
                               cli->cancellable, result_cb, cli);
  result = wait_for_result (cli);
  uploaded = ft_client_upload_file_finish (cli->client, result, &reused, &error);
  if (progress.shown)
    fprintf (stderr, "\n");

  if (uploaded == NULL)
    return report_error (cli, error);

  if (cli->json)
    {
      print_json_object (ft_file_get_json (uploaded), TRUE);
      return FT_CLI_EXIT_OK;
    }

  {
    g_autofree char *size = g_format_size (MAX (0, ft_file_get_bytes (uploaded)));

    if (reused)
      /* Translators: the file id, its name, its size. */
      printf (_("%s  %s  %s  (uploaded before; not sent again)\n"),
              ft_file_get_id (uploaded), or_dash (ft_file_get_filename (uploaded)), size);
    else
      printf ("%s  %s  %s\n",
              ft_file_get_id (uploaded), or_dash (ft_file_get_filename (uploaded)), size);
  }

  return FT_CLI_EXIT_OK;
}

static void
add_file_row (GPtrArray *rows,
              gpointer   item)
{
  g_autofree char *created = format_time (ft_file_get_created_at (item));
  gint64 bytes = ft_file_get_bytes (item);
  g_autofree char *size = bytes >= 0 ? g_format_size (bytes) : g_strdup ("—");

  add_row (rows, ft_file_get_id (item), created, size,
           or_dash (ft_file_get_purpose (item)),
           or_dash (ft_file_get_filename (item)), NULL);
}

static int
files_list (Cli   *cli,
            int    argc,
            char **argv)
{
  const char *headings[] = { _("ID"), _("CREATED"), _("SIZE"), _("PURPOSE"), _("FILENAME"), NULL };
  g_autofree char *purpose = NULL;
  g_autoptr(GListStore) all = g_list_store_new (FT_TYPE_FILE);
  g_autofree char *after = NULL;
  gboolean has_more = TRUE;
  int status;
  const GOptionEntry entries[] = {
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose,
      N_("Only files with this purpose, e.g. fine-tune"), N_("PURPOSE") },
    { NULL }
  };

  if (!parse_options (cli, "files list", "", _("List the uploaded files, newest first."),
                      entries, 0, _("the command"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  while (has_more)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) page = NULL;
      g_autoptr(GError) error = NULL;
      guint n_items;

      ft_client_list_files_async (cli->client, purpose, after, 0, cli->cancellable, result_cb, cli);
      result = wait_for_result (cli);
      page = ft_client_list_files_finish (cli->client, result, &has_more, &error);
      if (page == NULL)
        return report_error (cli, error);

      n_items = g_list_model_get_n_items (page);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(FtFile) item = g_list_model_get_item (page, i);

          g_list_store_append (all, item);
          if (i + 1 == n_items)
            {
              g_free (after);
              after = g_strdup (ft_file_get_id (item));
            }
        }

      if (n_items == 0)
        break;
    }

  print_items (cli, G_LIST_MODEL (all), file_json, FALSE, FALSE, headings, add_file_row);

  return FT_CLI_EXIT_OK;
}

int
ft_cli_files (int    argc,
              char **argv)
{
  static const Verb verbs[] = {
    { "upload", "upload [--purpose PURPOSE] FILE", files_upload },
    { "list", "list [--purpose PURPOSE]", files_list },
    { NULL }
  };
  int status;

  if (run_group ("files", verbs, argc, argv, &status))
    return status;

  ft_cli_print_error (_("unknown command “files %s”; run “exemplar-cli files --help”"),
                      argv[1]);
  return FT_CLI_EXIT_FAILURE;
}

/* jobs */

static JsonObject *
job_json (gpointer item)
{
  return ft_job_get_json (item);
}

static JsonObject *
event_json (gpointer item)
{
  return ft_job_event_get_json (item);
}

static const char *
level_name (FtEventLevel level)
{
  switch (level)
    {
    case FT_EVENT_LEVEL_INFO:
      return "info";
    case FT_EVENT_LEVEL_WARN:
      return "warn";
    case FT_EVENT_LEVEL_ERROR:
      return "error";
    case FT_EVENT_LEVEL_OTHER:
    default:
      return "other";
    }
}

static void
print_event (FtJobEvent *event)
{
  g_autofree char *when = format_time (ft_job_event_get_created_at (event));

  printf ("%s  %-5s  %s\n", when, level_name (ft_job_event_get_level (event)),
          or_dash (ft_job_event_get_message (event)));
  fflush (stdout);
}

static char *
format_number (gint64 value)
{
  if (value < 0)
    return g_strdup (_("auto"));

  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
print_job (FtJob *job)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autofree char *created = format_time (ft_job_get_created_at (job));
  g_autofree char *finished = format_time (ft_job_get_finished_at (job));
  g_autofree char *estimated = format_time (ft_job_get_estimated_finish (job));
  g_autofree char *epochs = format_number (ft_job_get_n_epochs (job));
  g_autofree char *batch = format_number (ft_job_get_batch_size (job));
  g_autofree char *lr = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *seed = NULL;

  lr = ft_job_get_learning_rate_multiplier (job) > 0
         ? g_strdup_printf ("%g", ft_job_get_learning_rate_multiplier (job))
         : g_strdup (_("auto"));
  if (ft_job_get_trained_tokens (job) >= 0)
    tokens = ft_format_integer (ft_job_get_trained_tokens (job));
  else
    tokens = g_strdup ("—");
  seed = ft_job_get_seed (job) >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, ft_job_get_seed (job))
                                    : g_strdup ("—");

  add_row (rows, _("ID:"), ft_job_get_id (job), NULL);
  add_row (rows, _("Status:"), or_dash (ft_job_get_status_string (job)), NULL);
  add_row (rows, _("Model:"), or_dash (ft_job_get_model (job)), NULL);
  add_row (rows, _("Fine-tuned model:"), or_dash (ft_job_get_fine_tuned_model (job)), NULL);
  add_row (rows, _("Method:"), ft_job_method_to_string (ft_job_get_method (job)), NULL);
  add_row (rows, _("Training file:"), or_dash (ft_job_get_training_file (job)), NULL);
  add_row (rows, _("Validation file:"), or_dash (ft_job_get_validation_file (job)), NULL);
  add_row (rows, _("Suffix:"), or_dash (ft_job_get_suffix (job)), NULL);
  add_row (rows, _("Epochs:"), epochs, NULL);
  add_row (rows, _("Batch size:"), batch, NULL);
  add_row (rows, _("LR multiplier:"), lr, NULL);
  if (ft_job_get_method (job) == FT_JOB_METHOD_DPO)
    {
      double value = ft_job_get_beta (job);
      g_autofree char *beta = value > 0 ? g_strdup_printf ("%g", value) : g_strdup (_("auto"));

      add_row (rows, _("Beta:"), beta, NULL);
    }
  add_row (rows, _("Seed:"), seed, NULL);
  add_row (rows, _("Created:"), created, NULL);
  if (!ft_job_is_terminal (job))
    add_row (rows, _("Estimated finish:"), estimated, NULL);
  add_row (rows, _("Finished:"), finished, NULL);
  add_row (rows, _("Trained tokens:"), tokens, NULL);
  if (ft_job_has_failed (job))
    add_row (rows, _("Error:"), or_dash (ft_job_get_error_message (job)), NULL);

  print_table (rows);
}

static gboolean
parse_method (const char  *name,
              FtJobMethod *method)
{
  if (name == NULL || g_str_equal (name, "sft") || g_str_equal (name, "supervised"))
    *method = FT_JOB_METHOD_SUPERVISED;
  else if (g_str_equal (name, "dpo"))
    *method = FT_JOB_METHOD_DPO;
  else
    return FALSE;

  return TRUE;
}

static int
jobs_create (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autofree char *model = NULL;
  g_autofree char *training_file = NULL;
  g_autofree char *validation_file = NULL;
  g_autofree char *method_name = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(FtJobParams) params = NULL;
  g_autoptr(FtJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FtJobMethod method;
  double lr_multiplier = 0;
  double beta = 0;
  gint64 seed = FT_JOB_PARAMS_NO_SEED;
  int epochs = 0;
  int batch_size = 0;
  int status;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model,
      N_("The base model (or an earlier fine-tuned model) to train"), N_("MODEL") },
    { "training-file", 't', 0, G_OPTION_ARG_STRING, &training_file,
      N_("The id of the uploaded training file"), N_("ID") },
    { "validation-file", 'v', 0, G_OPTION_ARG_STRING, &validation_file,
      N_("The id of the uploaded validation file"), N_("ID") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_name,
      N_("sft (supervised, the default) or dpo (preferences)"), N_("METHOD") },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs,
      N_("Training epochs, 1–50 (default: chosen by the provider)"), N_("N") },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size,
      N_("Batch size, 1–256 (default: chosen by the provider)"), N_("N") },
    { "lr-multiplier", 0, 0, G_OPTION_ARG_DOUBLE, &lr_multiplier,
      N_("Learning rate multiplier, above 0 (default: chosen by the provider)"), N_("X") },
    { "beta", 0, 0, G_OPTION_ARG_DOUBLE, &beta,
      N_("DPO beta, above 0 and at most 2 (default: chosen by the provider)"), N_("X") },
    { "suffix", 0, 0, G_OPTION_ARG_STRING, &suffix,
      N_("Up to 64 characters for the fine-tuned model’s name"), N_("TEXT") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("A seed for a reproducible run"), N_("N") },
    { NULL }
  };

  if (!parse_options (cli, "jobs create", "",
                      _("Create a fine-tuning job from uploaded files."),
                      entries, 0, _("options"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if (model == NULL || training_file == NULL)
    {
      ft_cli_print_error (_("both --model and --training-file are needed"));
      return FT_CLI_EXIT_FAILURE;
    }

  if (!parse_method (method_name, &method))
    {
      ft_cli_print_error (_("unknown method “%s”; use sft or dpo"), method_name);
      return FT_CLI_EXIT_FAILURE;
    }

  if (beta != 0 && method != FT_JOB_METHOD_DPO)
    {
      ft_cli_print_error (_("--beta applies to --method dpo only"));
      return FT_CLI_EXIT_FAILURE;
    }

  params = ft_job_params_new (model, training_file);
  ft_job_params_set_method (params, method);
  if (validation_file != NULL)
    ft_job_params_set_validation_file (params, validation_file);
  if (suffix != NULL)
    ft_job_params_set_suffix (params, suffix);
  ft_job_params_set_seed (params, seed);
  ft_job_params_set_n_epochs (params, epochs);
  ft_job_params_set_batch_size (params, batch_size);
  ft_job_params_set_learning_rate_multiplier (params, lr_multiplier);
  ft_job_params_set_beta (params, beta);

  /* Out-of-range values are refused here, before anything is sent. */
  if (!ft_job_params_validate (params, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  ft_client_create_job_async (cli->client, params, cli->cancellable, result_cb, cli);
  result = wait_for_result (cli);
  job = ft_client_create_job_finish (cli->client, result, &error);
  if (job == NULL)
    return report_error (cli, error);

  if (cli->json)
    print_json_object (ft_job_get_json (job), TRUE);
  else
    /* Translators: the job id and its status. */
    printf (_("Created %s (%s)\n"), ft_job_get_id (job), or_dash (ft_job_get_status_string (job)));

  return FT_CLI_EXIT_OK;
}

static void
add_job_row (GPtrArray *rows,
             gpointer   item)
{
  g_autofree char *created = format_time (ft_job_get_created_at (item));

  add_row (rows, ft_job_get_id (item), or_dash (ft_job_get_status_string (item)), created,
           or_dash (ft_job_get_model (item)), or_dash (ft_job_get_fine_tuned_model (item)), NULL);
}

static int
jobs_list (Cli   *cli,
           int    argc,
           char **argv)
{
  const char *headings[] = {
    _("ID"), _("STATUS"), _("CREATED"), _("MODEL"), _("FINE-TUNED MODEL"), NULL
  };
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gboolean has_more = FALSE;
  int limit = 20;
  int status;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("How many jobs to list, newest first (default: 20)"), N_("N") },
    { "after", 0, 0, G_OPTION_ARG_STRING, &after,
      N_("List the jobs older than this job id"), N_("ID") },
    { NULL }
  };

  if (!parse_options (cli, "jobs list", "", _("List fine-tuning jobs, newest first."),
                      entries, 0, _("the command"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if (limit < 1 || limit > 100)
    {
      ft_cli_print_error (_("--limit must be between 1 and 100"));
      return FT_CLI_EXIT_FAILURE;
    }

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  ft_client_list_jobs_async (cli->client, after, limit, cli->cancellable, result_cb, cli);
  result = wait_for_result (cli);
  jobs = ft_client_list_jobs_finish (cli->client, result, &has_more, &error);
  if (jobs == NULL)
    return report_error (cli, error);

  print_items (cli, jobs, job_json, TRUE, has_more, headings, add_job_row);

  if (!cli->json && has_more && g_list_model_get_n_items (jobs) > 0)
    {
      g_autoptr(FtJob) last = g_list_model_get_item (jobs, g_list_model_get_n_items (jobs) - 1);

      /* Translators: a hint after a job list that has more pages. */
      printf (_("More jobs follow: exemplar-cli jobs list --after %s\n"), ft_job_get_id (last));
    }

  return FT_CLI_EXIT_OK;
}

typedef void (*JobCallFunc) (FtClient            *client,
                             const char          *job_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

/* Runs one call of the API that answers with the job @job_id. */
static FtJob *
call_job (Cli          *cli,
          JobCallFunc   func,
          const char   *job_id,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  func (cli->client, job_id, cli->cancellable, result_cb, cli);
  result = wait_for_result (cli);

  return ft_client_job_finish (cli->client, result, error);
}

static void
print_job_status (FtJob *job)
{
  printf ("%s: %s\n", ft_job_get_id (job), or_dash (ft_job_get_status_string (job)));
}

/* The verbs "jobs show|cancel|pause|resume ID": one call, then the job. */
static int
jobs_call (Cli   *cli,
           int    argc,
           char **argv)
{
  static const struct
  {
    const char  *verb;
    const char  *summary;
    JobCallFunc  func;
    void       (*print) (FtJob *job);
  } calls[] = {
    { "show", N_("Show a fine-tuning job."),
      ft_client_retrieve_job_async, print_job },
    { "cancel", N_("Cancel a fine-tuning job."),
      ft_client_cancel_job_async, print_job_status },
    { "pause", N_("Pause a running fine-tuning job."),
      ft_client_pause_job_async, print_job_status },
    { "resume", N_("Resume a paused fine-tuning job."),
      ft_client_resume_job_async, print_job_status },
  };
  g_autofree char *command = NULL;
  g_autoptr(FtJob) job = NULL;
  g_autoptr(GError) error = NULL;
  guint i = 0;
  int status;

  while (i + 1 < G_N_ELEMENTS (calls) && !g_str_equal (argv[0], calls[i].verb))
    i++;

  command = g_strconcat ("jobs ", calls[i].verb, NULL);
  if (!parse_options (cli, command, _("ID"), _(calls[i].summary), NULL, 1, _("the job ID"),
                      &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  job = call_job (cli, calls[i].func, argv[1], &error);
  if (job == NULL)
    return report_error (cli, error);

  if (cli->json)
    print_json_object (ft_job_get_json (job), TRUE);
  else
    calls[i].print (job);

  return FT_CLI_EXIT_OK;
}

static int
jobs_events (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(FtEventLog) log = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;
  int status;

  if (!parse_options (cli, "jobs events", _("ID"),
                      _("Print all events of a fine-tuning job, oldest first."),
                      NULL, 1, _("the job ID"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  log = ft_event_log_new (argv[1]);
  ft_client_update_event_log_async (cli->client, log, cli->cancellable, result_cb, cli);
  result = wait_for_result (cli);
  ft_client_update_event_log_finish (cli->client, result, &error);
  if (error != NULL)
    return report_error (cli, error);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (log));

  if (cli->json)
    {
      g_autoptr(GListStore) newest_first = g_list_store_new (FT_TYPE_JOB_EVENT);

      /* As the API lists them. */
      for (guint i = n_items; i > 0; i--)
        {
          g_autoptr(FtJobEvent) event = g_list_model_get_item (G_LIST_MODEL (log), i - 1);

          g_list_store_append (newest_first, event);
        }
      print_json_list (G_LIST_MODEL (newest_first), event_json, TRUE, FALSE);
      return FT_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FtJobEvent) event = g_list_model_get_item (G_LIST_MODEL (log), i);

      print_event (event);
    }

  return FT_CLI_EXIT_OK;
}

/* jobs watch */

typedef struct
{
  Cli      *cli;
  char     *status;
  gboolean  done;
} Watch;

static void
on_events_added_cb (FtJobMonitor *monitor,
                    FtJob        *job,
                    FtEventLog   *log,
                    guint         n_added,
                    Watch        *watch)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (log));

  for (guint i = n_items - n_added; i < n_items; i++)
    {
      g_autoptr(FtJobEvent) event = g_list_model_get_item (G_LIST_MODEL (log), i);

      if (watch->cli->json)
        print_json_object (ft_job_event_get_json (event), FALSE);
      else
        print_event (event);
    }
}

static void
on_job_updated_cb (FtJobMonitor *monitor,
                   FtJob        *job,
                   Watch        *watch)
{
  const char *status = ft_job_get_status_string (job);

  if (g_strcmp0 (status, watch->status) == 0)
    return;

  if (watch->cli->json)
    print_json_object (ft_job_get_json (job), FALSE);
  else
    {
      /* Translators: a status change of a watched job, e.g. "Status: queued → running". */
      printf (_("Status: %s → %s\n"), or_dash (watch->status), or_dash (status));
      fflush (stdout);
    }

  g_free (watch->status);
  watch->status = g_strdup (status);
}

static void
on_job_finished_cb (FtJobMonitor *monitor,
                    FtJob        *job,
                    Watch        *watch)
{
  Cli *cli = watch->cli;

  watch->done = TRUE;

  if (ft_job_get_status (job) == FT_JOB_STATUS_SUCCEEDED)
    {
      if (!cli->json)
        printf (_("The job succeeded: %s\n"), or_dash (ft_job_get_fine_tuned_model (job)));
      cli->status = FT_CLI_EXIT_OK;
    }
  else if (ft_job_has_failed (job))
    {
      if (!cli->json)
        ft_cli_print_error (_("the job failed: %s"),
                            ft_job_get_error_message (job) ? ft_job_get_error_message (job)
                                                           : _("no reason given"));
      cli->status = FT_CLI_EXIT_FINDINGS;
    }
  else
    {
      if (!cli->json)
        ft_cli_print_error (_("the job was cancelled"));
      cli->status = FT_CLI_EXIT_FINDINGS;
    }

  fflush (stdout);
  g_main_loop_quit (cli->loop);
}

static void
on_poll_failed_cb (FtJobMonitor *monitor,
                   FtJob        *job,
                   GError       *error,
                   gboolean      stopped,
                   Watch        *watch)
{
  Cli *cli = watch->cli;

  if (!stopped)
    {
      guint seconds = (ft_job_monitor_get_interval (monitor, ft_job_get_id (job)) + 999) / 1000;

      ft_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                       "%s (trying again in %u second)",
                                       "%s (trying again in %u seconds)", seconds),
                          error->message, seconds);
      return;
    }

  watch->done = TRUE;
  cli->status = report_error (cli, error);
  g_main_loop_quit (cli->loop);
}

static int
jobs_watch (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(FtJob) job = NULL;
  g_autoptr(FtJobMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { cli, NULL, FALSE };
  double interval = FT_JOB_MONITOR_DEFAULT_MIN_INTERVAL_MS / 1000.0;
  guint interval_ms;
  int status;
  const GOptionEntry entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_DOUBLE, &interval,
      N_("Check every SECONDS while the job changes (default: 10); quiet jobs are checked "
         "less often"), N_("SECONDS") },
    { NULL }
  };

  if (!parse_options (cli, "jobs watch", _("ID"),
                      _("Follow a fine-tuning job until it ends, printing new events and status "
                        "changes. Ctrl+C stops watching; the job goes on."),
                      entries, 1, _("the job ID"), &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if (!(interval >= 0.01 && interval <= 3600))
    {
      ft_cli_print_error (_("--interval must be between 0.01 and 3600 seconds"));
      return FT_CLI_EXIT_FAILURE;
    }
  interval_ms = (guint)(interval * 1000);

  if ((status = connect_client (cli)) != FT_CLI_EXIT_OK)
    return status;

  job = call_job (cli, ft_client_retrieve_job_async, argv[1], &error);
  if (job == NULL)
    return report_error (cli, error);

  if (cli->json)
    print_json_object (ft_job_get_json (job), FALSE);
  else
    {
      /* Translators: the job id, its model and its status. */
      printf (_("Watching %s (%s): %s\n"), ft_job_get_id (job), or_dash (ft_job_get_model (job)),
              or_dash (ft_job_get_status_string (job)));
      fflush (stdout);
    }
  watch.status = g_strdup (ft_job_get_status_string (job));

  /* The defaults are 10 s → 30 s → 5 min; --interval scales all three. */
  monitor = ft_job_monitor_new (cli->client);
  ft_job_monitor_set_intervals (monitor, interval_ms, interval_ms * 3, interval_ms * 30);
  g_signal_connect (monitor, "events-added", G_CALLBACK (on_events_added_cb), &watch);
  g_signal_connect (monitor, "job-updated", G_CALLBACK (on_job_updated_cb), &watch);
  g_signal_connect (monitor, "job-finished", G_CALLBACK (on_job_finished_cb), &watch);
  g_signal_connect (monitor, "poll-failed", G_CALLBACK (on_poll_failed_cb), &watch);

  ft_job_monitor_watch (monitor, job);
  while (!watch.done && !cli->interrupted)
    g_main_loop_run (cli->loop);

  g_signal_handlers_disconnect_by_data (monitor, &watch);
  ft_job_monitor_unwatch_all (monitor);
  g_free (watch.status);

  if (!watch.done && cli->interrupted)
    {
      fprintf (stderr, "\n%s\n", _("Stopped watching; the job goes on."));
      return FT_CLI_EXIT_INTERRUPTED;
    }

  return cli->status;
}

int
ft_cli_jobs (int    argc,
             char **argv)
{
  static const Verb verbs[] = {
    { "create", "create --model M --training-file ID [--validation-file ID] [--method sft|dpo]\n"
                "                   [--epochs N] [--batch-size N] [--lr-multiplier X] [--beta X]\n"
                "                   [--suffix S] [--seed N]", jobs_create },
    { "list", "list [--limit N] [--after ID]", jobs_list },
    { "show", "show ID", jobs_call },
    { "events", "events ID", jobs_events },
    { "watch", "watch [--interval SECONDS] ID", jobs_watch },
    { "cancel", "cancel ID", jobs_call },
    { "pause", "pause ID", jobs_call },
    { "resume", "resume ID", jobs_call },
    { NULL }
  };
  int status;

  if (run_group ("jobs", verbs, argc, argv, &status))
    return status;

  ft_cli_print_error (_("unknown command “jobs %s”; run “exemplar-cli jobs --help”"), argv[1]);
  return FT_CLI_EXIT_FAILURE;
}

/* chat */

static void
on_delta_cb (FtChatStream *stream,
             const char   *text,
             gpointer      user_data)
{
  fputs (text, stdout);
  fflush (stdout);
}

int
ft_cli_chat (int    argc,
             char **argv)
{
  g_auto(Cli) cli = { 0 };
  g_autofree char *model = NULL;
  g_autofree char *system = NULL;
  g_autofree char *prompt = NULL;
  g_autoptr(FtChatRequest) request = NULL;
  g_autoptr(FtChatResult) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stream = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model,
      N_("The model to ask (a base model or a fine-tuned ft:… model)"), N_("MODEL") },
    { "system", 's', 0, G_OPTION_ARG_STRING, &system,
      N_("A system message to send first"), N_("TEXT") },
    { "stream", 0, 0, G_OPTION_ARG_NONE, &stream,
      N_("Print the answer as it is written"), NULL },
    { NULL }
  };

  cli_init (&cli);

  /* "exemplar-cli chat …": the verb is the whole group. */
  if (!parse_options (&cli, "chat", _("PROMPT"),
                      _("Ask a model one question and print its answer."),
                      entries, -1, NULL, &argc, &argv))
    return FT_CLI_EXIT_FAILURE;
  if (model == NULL)
    {
      ft_cli_print_error (_("--model is needed"));
      return FT_CLI_EXIT_FAILURE;
    }
  if (argc < 2)
    {
      ft_cli_print_error (_("missing %s"), _("the PROMPT"));
      return FT_CLI_EXIT_FAILURE;
    }
  if (stream && cli.json)
    {
      ft_cli_print_error (_("--json prints a whole answer; it cannot be combined with --stream"));
      return FT_CLI_EXIT_FAILURE;
    }

  prompt = g_strjoinv (" ", argv + 1);

  if ((status = connect_client (&cli)) != FT_CLI_EXIT_OK)
    return status;

  request = ft_chat_request_new (model);
  if (system != NULL)
    ft_chat_request_add_message (request, "system", system);
  ft_chat_request_add_message (request, "user", prompt);

  if (stream)
    {
      g_autoptr(FtChatStream) chat = ft_chat_stream_new (cli.client, request);

      g_signal_connect (chat, "delta", G_CALLBACK (on_delta_cb), NULL);
      ft_chat_stream_run_async (chat, cli.cancellable, result_cb, &cli);
      result = wait_for_result (&cli);
      answer = ft_chat_stream_run_finish (chat, result, &error);
      if (answer == NULL)
        {
          /* End the partial line before the message. */
          if (ft_chat_stream_get_text (chat)[0] != '\0')
            printf ("\n");
          fflush (stdout);
          return report_error (&cli, error);
        }
      printf ("\n");
    }
  else
    {
      ft_client_chat_async (cli.client, request, cli.cancellable, result_cb, &cli);
      result = wait_for_result (&cli);
      answer = ft_client_chat_finish (cli.client, result, &error);
      if (answer == NULL)
        return report_error (&cli, error);

      if (cli.json)
        print_json_object (ft_chat_result_get_json (answer), TRUE);
      else if (ft_chat_result_get_content (answer) != NULL)
        printf ("%s\n", ft_chat_result_get_content (answer));
      else
        printf ("%s\n", or_dash (ft_chat_result_get_refusal (answer)));
    }

  return FT_CLI_EXIT_OK;
}
