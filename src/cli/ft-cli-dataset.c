/* ft-cli-dataset.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli.h"

#include "ft-duplicates.h"
#include "ft-error.h"
#include "ft-import.h"
#include "ft-jsonl-reader.h"
#include "ft-jsonl-writer.h"
#include "ft-split.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* convert, split and dedupe: each streams its input, so memory stays
 * small whatever the file size (dedupe keeps about 80 bytes per distinct
 * example, split one byte per example).
 */

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_warnings (const char *input,
                GPtrArray  *warnings)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_printerr ("%s: %s\n", input, (const char *)g_ptr_array_index (warnings, i));
}

/**
 * ft_cli_convert:
 * @argc: the number of arguments
 * @argv: "convert" and its arguments
 *
 * exemplar-cli convert [--system TEXT] [--map ROLE=COLUMN,…]
 *   [--delimiter CHAR] IN OUT
 *
 * Returns: 0 when everything converted cleanly, 1 when lines were kept as
 *   they were (broken, or not convertible), 2 on bad usage or input that
 *   cannot be read
 */
int
ft_cli_convert (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FtImportOptions) options = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *system_text = NULL;
  g_autofree char *map = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *format = NULL;
  FtImportStats stats;
  int status;
  const GOptionEntry entries[] = {
    { "system", 's', 0, G_OPTION_ARG_STRING, &system_text,
      N_("Put this system message first in every converted example"), N_("TEXT") },
    { "map", 'm', 0, G_OPTION_ARG_STRING, &map,
      N_("Which CSV columns become which messages, in order, by name or 1-based number "
         "(e.g. user=question,assistant=answer)"), N_("ROLE=COLUMN,…") },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter,
      N_("The CSV field delimiter: “,”, “;” or “tab” (default: guessed from the header)"),
      N_("CHAR") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("The input format: csv or jsonl (default: from the file name or content)"), N_("FORMAT") },
    { NULL }
  };

  /* GOption names the program in its usage line. */
  g_set_prgname ("exemplar-cli convert");

  context = g_option_context_new (_("IN.csv|IN.jsonl OUT.jsonl"));
  g_option_context_set_summary (context,
                                _("Convert a CSV file or legacy prompt/completion JSONL into "
                                  "chat JSONL.\nChat lines are kept as they are; nothing is "
                                  "dropped."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if (argc != 3)
    {
      ft_cli_print_error (_("convert needs an input and an output file; "
                            "see “exemplar-cli convert --help”"));
      return FT_CLI_EXIT_FAILURE;
    }

  options = ft_import_options_new ();
  ft_import_options_set_system_text (options, system_text);
  ft_import_options_set_mapping_spec (options, map);

  if (delimiter != NULL)
    {
      if (g_ascii_strcasecmp (delimiter, "tab") == 0 || strcmp (delimiter, "\\t") == 0)
        ft_import_options_set_delimiter (options, '\t');
      else if (strlen (delimiter) == 1 && strchr (",;|\t", delimiter[0]) != NULL)
        ft_import_options_set_delimiter (options, delimiter[0]);
      else
        {
          ft_cli_print_error (_("“%s” is not a delimiter; use “,”, “;”, “|” or “tab”"), delimiter);
          return FT_CLI_EXIT_FAILURE;
        }
    }

  if (format != NULL)
    {
      if (g_ascii_strcasecmp (format, "csv") == 0)
        ft_import_options_set_format (options, FT_IMPORT_FORMAT_CSV);
      else if (g_ascii_strcasecmp (format, "jsonl") == 0)
        ft_import_options_set_format (options, FT_IMPORT_FORMAT_JSONL);
      else
        {
          ft_cli_print_error (_("“%s” is not a format; use csv or jsonl"), format);
          return FT_CLI_EXIT_FAILURE;
        }
    }

  input = g_file_new_for_commandline_arg (argv[1]);
  output = g_file_new_for_commandline_arg (argv[2]);

  ft_import_stats_init (&stats);
  if (!ft_import_file (input, output, options, &stats, NULL, &error))
    {
      if (g_error_matches (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE))
        ft_cli_print_error ("%s: %s", argv[1], error->message);
      else
        ft_cli_print_error ("%s", error->message);
      if (map == NULL && g_error_matches (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE)
          && strstr (error->message, "user=") != NULL)
        g_printerr ("%s\n", _("Use --map ROLE=COLUMN,… to say which columns hold which messages."));
      ft_import_stats_clear (&stats);
      return FT_CLI_EXIT_FAILURE;
    }

  print_warnings (argv[1], stats.warnings);

  {
    g_autofree char *n_examples = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.n_examples);
    g_autofree char *n_converted = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.n_converted);
    g_autofree char *n_kept = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               stats.n_unchanged + stats.n_broken);

    /* Translators: "Wrote 66 examples to out.jsonl (66 converted, 0 kept as they were)." */
    printf (ngettext ("Wrote %s example to %s (%s converted, %s kept as they were).\n",
                      "Wrote %s examples to %s (%s converted, %s kept as they were).\n",
                      (gulong)stats.n_examples),
            n_examples, argv[2], n_converted, n_kept);
  }

  status = stats.warnings->len > 0 ? FT_CLI_EXIT_FINDINGS : FT_CLI_EXIT_OK;
  ft_import_stats_clear (&stats);

  return status;
}

/**
 * ft_cli_split:
 * @argc: the number of arguments
 * @argv: "split" and its arguments
 *
 * exemplar-cli split [--validation PERCENT] [--seed N] IN TRAIN_OUT VALID_OUT
 *
 * Returns: 0 on success, 2 on bad usage or input that cannot be read
 */
int
ft_cli_split (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) train = NULL;
  g_autoptr(GFile) validation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *percentage = NULL;
  g_autofree char *seed_text = NULL;
  guint64 seed = 0;
  double fraction = 0.1;
  guint n_train = 0;
  guint n_validation = 0;
  const GOptionEntry entries[] = {
    { "validation", 'v', 0, G_OPTION_ARG_STRING, &percentage,
      N_("The share of examples for validation (default: 10%)"), N_("PERCENT") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The seed; the same seed gives the same split everywhere (default: 0)"), N_("N") },
    { NULL }
  };

  /* GOption names the program in its usage line. */
  g_set_prgname ("exemplar-cli split");

  context = g_option_context_new (_("IN.jsonl TRAIN_OUT.jsonl VALID_OUT.jsonl"));
  g_option_context_set_summary (context,
                                _("Split a JSONL file into training and validation files, "
                                  "at random but reproducibly. Both keep the original order."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if (argc != 4)
    {
      ft_cli_print_error (_("split needs an input and two output files; "
                            "see “exemplar-cli split --help”"));
      return FT_CLI_EXIT_FAILURE;
    }

  if (percentage != NULL && !ft_split_parse_percentage (percentage, &fraction, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  if (seed_text != NULL && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    {
      ft_cli_print_error (_("“%s” is not a seed; use a whole number such as 42"), seed_text);
      return FT_CLI_EXIT_FAILURE;
    }

  input = g_file_new_for_commandline_arg (argv[1]);
  train = g_file_new_for_commandline_arg (argv[2]);
  validation = g_file_new_for_commandline_arg (argv[3]);

  if (g_file_equal (train, validation))
    {
      ft_cli_print_error (_("the training and validation files must be different"));
      return FT_CLI_EXIT_FAILURE;
    }

  if (!ft_split_file (input, fraction, seed, train, validation,
                      &n_train, &n_validation, NULL, &error))
    {
      if (g_error_matches (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE))
        ft_cli_print_error ("%s: %s", argv[1], error->message);
      else
        ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  {
    g_autofree char *seed_str = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
    /* Translators: "90 examples to train.jsonl"; %s is a file name. */
    g_autofree char *to_train = g_strdup_printf (ngettext ("%u example to %s",
                                                           "%u examples to %s", n_train),
                                                 n_train, argv[2]);
    /* Translators: "10 to valid.jsonl": more examples; %s is a file name. */
    g_autofree char *to_validation = g_strdup_printf (ngettext ("%u to %s", "%u to %s",
                                                                n_validation),
                                                      n_validation, argv[3]);

    /* Translators: "Wrote 90 examples to train.jsonl and 10 to valid.jsonl (seed 0)." */
    printf (_("Wrote %s and %s (seed %s).\n"), to_train, to_validation, seed_str);
  }

  return FT_CLI_EXIT_OK;
}

static char *
join_lines (FtDuplicateGroup *group)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ft_duplicate_group_get_n_lines (group); i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, ft_duplicate_group_get_line (group, i));
    }

  return g_string_free (out, FALSE);
}

static FtJsonlReader *
open_reader (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_IO,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }

  return ft_jsonl_reader_new (G_INPUT_STREAM (stream));
}

/**
 * ft_cli_dedupe:
 * @argc: the number of arguments
 * @argv: "dedupe" and its arguments
 *
 * exemplar-cli dedupe [--near] [--against FILE] [--output OUT] IN
 *
 * Returns: 0 when there are no duplicates, 1 when there are, 2 on bad
 *   usage or input that cannot be read
 */
int
ft_cli_dedupe (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FtDuplicateFinder) finder = NULL;
  g_autoptr(FtDuplicateFinder) other = NULL;
  g_autoptr(FtJsonlReader) reader = NULL;
  g_autoptr(GByteArray) drop = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *against = NULL;
  gboolean near = FALSE;
  guint n_overlap = 0;
  FtJsonlLine line;
  const GOptionEntry entries[] = {
    { "near", 'n', 0, G_OPTION_ARG_NONE, &near,
      N_("Also count examples whose messages differ only in case and spacing"), NULL },
    { "against", 'a', 0, G_OPTION_ARG_FILENAME, &against,
      N_("Also report examples that are in FILE too "
         "(e.g. the training file, for a validation file)"),
      N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the file without the later copies to OUT"), N_("OUT") },
    { NULL }
  };

  /* GOption names the program in its usage line. */
  g_set_prgname ("exemplar-cli dedupe");

  context = g_option_context_new (_("IN.jsonl"));
  g_option_context_set_summary (context,
                                _("Report examples that appear more than once, by line number, and "
                                  "optionally write the file without the later copies."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!parse_options (context, &argc, &argv))
    return FT_CLI_EXIT_FAILURE;

  if (argc != 2)
    {
      ft_cli_print_error (_("dedupe needs one input file; see “exemplar-cli dedupe --help”"));
      return FT_CLI_EXIT_FAILURE;
    }

  /* The other file first, when given. */
  if (against != NULL)
    {
      g_autoptr(FtJsonlReader) other_reader = open_reader (against, &error);

      if (other_reader == NULL)
        {
          ft_cli_print_error ("%s", error->message);
          return FT_CLI_EXIT_FAILURE;
        }

      other = ft_duplicate_finder_new (near ? FT_DUPLICATE_NEAR : FT_DUPLICATE_EXACT);
      while (ft_jsonl_reader_next (other_reader, &line, NULL, &error))
        {
          if (line.status != FT_LINE_BLANK)
            ft_duplicate_finder_add (other, line.text, line.length, line.number);
        }
      if (error != NULL)
        {
          ft_cli_print_error (_("Could not read “%s”: %s"), against, error->message);
          return FT_CLI_EXIT_FAILURE;
        }
    }

  reader = open_reader (argv[1], &error);
  if (reader == NULL)
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  finder = ft_duplicate_finder_new (near ? FT_DUPLICATE_NEAR : FT_DUPLICATE_EXACT);
  drop = g_byte_array_new ();

  while (ft_jsonl_reader_next (reader, &line, NULL, &error))
    {
      guint8 dropped = 0;

      if (line.status == FT_LINE_BLANK)
        continue;

      if (ft_duplicate_finder_add (finder, line.text, line.length, line.number) != 0)
        dropped = 1;

      if (other != NULL)
        {
          guint64 other_line = ft_duplicate_finder_lookup (other, line.text, line.length);

          if (other_line != 0)
            {
              g_autofree char *here = g_strdup_printf ("%" G_GUINT64_FORMAT, line.number);
              g_autofree char *there = g_strdup_printf ("%" G_GUINT64_FORMAT, other_line);

              /* Translators: "valid.jsonl: line 4 is also line 17 of train.jsonl" */
              printf (_("%s: line %s is also line %s of %s\n"), argv[1], here, there, against);
              n_overlap++;
              dropped = 1;
            }
        }

      g_byte_array_append (drop, &dropped, 1);
    }

  if (error != NULL)
    {
      ft_cli_print_error (_("Could not read “%s”: %s"), argv[1], error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  groups = ft_duplicate_finder_dup_groups (finder);
  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *lines = join_lines (g_ptr_array_index (groups, i));

      if (near)
        /* Translators: "data.jsonl: lines 3, 9 are the same example (ignoring case and spacing)" */
        printf (_("%s: lines %s are the same example (ignoring case and spacing)\n"),
                argv[1], lines);
      else
        /* Translators: "data.jsonl: lines 3, 9 are the same example" */
        printf (_("%s: lines %s are the same example\n"), argv[1], lines);
    }

  if (groups->len == 0 && n_overlap == 0)
    {
      printf ("%s\n", _("No duplicates found."));
    }
  else
    {
      guint n_copies = ft_duplicate_finder_get_n_duplicates (finder);

      if (n_copies > 0)
        printf (ngettext ("Found %u later copy of an earlier example.\n",
                          "Found %u later copies of earlier examples.\n", n_copies),
                n_copies);
      if (other != NULL)
        printf (ngettext ("%u example is also in %s.\n", "%u examples are also in %s.\n",
                          n_overlap),
                n_overlap, against);
    }

  if (output != NULL)
    {
      g_autoptr(GFile) out_file = g_file_new_for_commandline_arg (output);
      g_autoptr(FtJsonlWriter) writer = NULL;
      guint index = 0;
      guint kept = 0;

      g_clear_object (&reader);
      reader = open_reader (argv[1], &error);
      if (reader == NULL)
        {
          ft_cli_print_error ("%s", error->message);
          return FT_CLI_EXIT_FAILURE;
        }

      writer = ft_jsonl_writer_new (out_file, &error);
      if (writer == NULL)
        {
          ft_cli_print_error ("%s", error->message);
          return FT_CLI_EXIT_FAILURE;
        }

      while (ft_jsonl_reader_next (reader, &line, NULL, &error))
        {
          if (line.status == FT_LINE_BLANK)
            continue;
          if (index < drop->len && drop->data[index++] == 0)
            {
              if (!ft_jsonl_writer_write_line (writer, line.text, line.length, NULL, &error))
                break;
              kept++;
            }
        }

      if (error != NULL || !ft_jsonl_writer_commit (writer, NULL, &error))
        {
          ft_cli_print_error ("%s", error->message);
          return FT_CLI_EXIT_FAILURE;
        }

      /* Translators: "Wrote 6 examples to out.jsonl." */
      printf (ngettext ("Wrote %u example to %s.\n", "Wrote %u examples to %s.\n", kept),
              kept, output);
    }

  return groups->len > 0 || n_overlap > 0 ? FT_CLI_EXIT_FINDINGS : FT_CLI_EXIT_OK;
}
