/* show-example-editor.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shows FtExampleEditor with a rich example (system prompt, tool calls,
 * a tool result, a reply with weight 0, findings) in a window, to look at
 * it and to take screenshots of it:
 *
 *   show-example-editor [--dark] [--size WxH] [--line FILE:N] [OUTPUT.png]
 *
 * With OUTPUT.png, the window renders itself to the file once drawn and
 * quits; otherwise it stays open.
 */

#include "config.h"

#include "ft-example-editor.h"
#include "ft-issue.h"
#include "ft-tools-editor.h"
#include "ft-ui-test-utils.h"

#include <adwaita.h>
#include <glib/gi18n.h>

static const char rich_example[] =
  "{\"messages\":["
  "{\"role\":\"system\",\"content\":\"You are Spoke, the support assistant of Velo Atelier, a "
  "bicycle shop in Lyon. "
  "Answer briefly and kindly. Check stock with the tools before promising anything.\"},"
  "{\"role\":\"user\",\"content\":\"Hi! Do you have the Trek FX 3 in a medium frame? I'd like to "
  "try it this weekend.\"},"
  "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function"
  "\","
  "\"function\":{\"name\":\"check_stock\",\"arguments\":\"{\\\"model\\\":\\\"Trek FX 3\\\",\\"
  "\"frame\\\":\\\"M\\\",\\\"store\\\":\\\"Lyon\\\"}\"}}]},"
  "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"in_stock\\\": 2, \\"
  "\"test_ride\\\": true}\"},"
  "{\"role\":\"assistant\",\"content\":\"Good news: we have two in medium, and one is ready for a "
  "test ride. "
  "Shall I book Saturday morning for you?\",\"weight\":0},"
  "{\"role\":\"user\",\"content\":\"Saturday at 10 would be perfect.\"},"
  "{\"role\":\"assistant\",\"content\":\"Done! Your test ride is booked for Saturday at 10:00. "
  "Bring a photo ID, and we will adjust the saddle for you. See you then!\"}],"
  "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"check_stock\","
  "\"description\":\"How many bikes of a model and frame size a store has\","
  "\"parameters\":{\"type\":\"object\",\"properties\":{\"model\":{\"type\":\"string\"},"
  "\"frame\":{\"type\":\"string\",\"enum\":[\"S\",\"M\",\"L\"]},\"store\":{\"type\":\"string\"}},"
  "\"required\":[\"model\",\"frame\"]}}}]}";

static char *output;
static gboolean dark;
static char *size = NULL;
static char *line = NULL;
static int focus = -2;
static gboolean expand_tools;

static const GOptionEntry entries[] = {
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WxH" },
  { "line", 0, 0, G_OPTION_ARG_STRING, &line, "Show line N of a JSONL file", "FILE:N" },
  { "focus", 0, 0, G_OPTION_ARG_INT, &focus, "Focus message N", "N" },
  { "expand-tools", 0, 0, G_OPTION_ARG_NONE, &expand_tools, "Open the first tool", NULL },
  { NULL }
};

static FtExample *
load_example (GError **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *colon;
  g_autofree char *path = NULL;
  guint64 number;

  if (line == NULL)
    return ft_example_new_from_text (rich_example, -1);

  colon = strrchr (line, ':');
  if (colon == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--line takes FILE:N");
      return NULL;
    }

  path = g_strndup (line, colon - line);
  number = g_ascii_strtoull (colon + 1, NULL, 10);
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  if (number == 0 || number > g_strv_length (lines))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s has no line %s", path,
                   colon + 1);
      return NULL;
    }

  return ft_example_new_from_text (lines[number - 1], -1);
}


static gboolean
shoot_cb (gpointer user_data)
{
  GtkWidget *window = user_data;

  ft_test_save_png (window, output);
  g_print ("%s\n", output);
  gtk_window_destroy (GTK_WINDOW (window));

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FtExample) example = NULL;
  g_autoptr(GListStore) issues = g_list_store_new (FT_TYPE_ISSUE);
  g_autoptr(FtIssue) issue = NULL;
  GtkWidget *window;
  GtkWidget *editor;
  int width = 900;
  int height = 1000;

  if (size != NULL)
    sscanf (size, "%dx%d", &width, &height);

  example = load_example (&error);
  if (example == NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_title (GTK_WINDOW (window), "Example Editor");

  editor = ft_example_editor_new ();
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), editor);
  ft_example_editor_set_example (FT_EXAMPLE_EDITOR (editor), example);

  if (line == NULL)
    {
      issue = ft_issue_new (FT_ISSUE_SURROUNDING_WHITESPACE, 12, 11, 5,
                            "Message 6 ends with a space. Trailing spaces are trained on too; "
                            "remove them unless they matter.");
      g_list_store_append (issues, issue);
      ft_example_editor_set_issues (FT_EXAMPLE_EDITOR (editor), G_LIST_MODEL (issues));
    }

  if (focus > -2)
    ft_example_editor_focus_message (FT_EXAMPLE_EDITOR (editor), focus);

  if (expand_tools)
    {
      GtkWidget *tools = ft_test_find_widget_by_type (editor, FT_TYPE_TOOLS_EDITOR);

      ft_tools_editor_focus_tool (FT_TOOLS_EDITOR (tools), 0);
    }

  gtk_window_present (GTK_WINDOW (window));

  if (output != NULL)
    g_timeout_add (1500, shoot_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[OUTPUT.png]");
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (argc > 1)
    output = argv[1];

  app = adw_application_new ("io.github.exemplar_studio.Exemplar.ShowEditor",
                             G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/exemplar_studio/Exemplar");
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
