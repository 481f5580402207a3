/* exemplar-cli.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Each verb group adds its entries here, in the order --help lists them. */
static const FtCliVerb verbs[] = {
  { "validate", N_("Check a fine-tuning file: format, tokens, statistics and cost"),
    ft_cli_validate },
  { "stats", N_("Print the statistics and cost estimate of a fine-tuning file"), ft_cli_stats },
  { "tokens", N_("Count the tokens of a text as tiktoken does"), ft_cli_tokens },
  { "convert", N_("Convert CSV or prompt/completion files to chat JSONL"), ft_cli_convert },
  { "split", N_("Split a dataset into training and validation files"), ft_cli_split },
  { "dedupe", N_("Find (and remove) duplicate examples"), ft_cli_dedupe },
  { "models", N_("List the models of a provider"), ft_cli_models },
  { "files", N_("Upload and list training files"), ft_cli_files },
  { "jobs", N_("Create, list, watch and control fine-tuning jobs"), ft_cli_jobs },
  { "chat", N_("Ask a model a question"), ft_cli_chat },
  { NULL, NULL, NULL }
};

void
ft_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the prefix of every error message of the command-line tool. */
  g_printerr (_("exemplar-cli: %s\n"), message);
}

static void
print_usage (FILE *stream)
{
  guint n_verbs = 0;

  for (guint i = 0; verbs[i].name != NULL; i++)
    n_verbs++;

  fprintf (stream, "%s\n", _("Usage: exemplar-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (stream,
           "\n%s\n\n",
           _("Check, convert and train fine-tuning datasets from the command line."));

  if (n_verbs > 0)
    {
      fprintf (stream, "%s\n", _("Commands:"));
      for (guint i = 0; verbs[i].name != NULL; i++)
        fprintf (stream, "  %-12s %s\n", verbs[i].name, _(verbs[i].summary));
      fprintf (stream,
               "\n%s\n",
               _("Run “exemplar-cli COMMAND --help” for the options of a command."));
    }
  else
    {
      fprintf (stream, "%s\n", _("This build has no commands yet."));
    }

  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  %-12s %s\n", "-h, --help", _("Show this help"));
  fprintf (stream, "  %-12s %s\n", "--version", _("Show the version"));
}

int
main (int   argc,
      char *argv[])
{
  const char *verb;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("exemplar-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return FT_CLI_EXIT_FAILURE;
    }

  verb = argv[1];

  if (strcmp (verb, "--help") == 0 || strcmp (verb, "-h") == 0 || strcmp (verb, "help") == 0)
    {
      print_usage (stdout);
      return FT_CLI_EXIT_OK;
    }

  if (strcmp (verb, "--version") == 0 || strcmp (verb, "version") == 0)
    {
      printf ("exemplar-cli %s\n", PACKAGE_VERSION);
      return FT_CLI_EXIT_OK;
    }

  for (guint i = 0; verbs[i].name != NULL; i++)
    {
      if (strcmp (verb, verbs[i].name) == 0)
        return verbs[i].run (argc - 1, argv + 1);
    }

  ft_cli_print_error (_("unknown command “%s”; run “exemplar-cli --help” for the list"), verb);
  return FT_CLI_EXIT_FAILURE;
}
