/* ft-cli-tokens.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-cli.h"

#include "ft-tokenizer.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* exemplar-cli tokens [--encoding E] [--model M] [--ids] [FILE|-]
 *
 * Counts the tokens of the whole text of FILE (or standard input) and
 * prints the number, or with --ids the token ids as a JSON array.
 */

/* Reads everything from fd; on failure returns FALSE with errno set. */
static gboolean
read_all (int         fd,
          GByteArray *out)
{
  guint8 buffer[64 * 1024];

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;

      g_byte_array_append (out, buffer, n);
    }
}

static GByteArray *
read_input (const char *path)
{
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  int saved_errno;
  int fd;

  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (!read_all (STDIN_FILENO, contents))
        {
          saved_errno = errno;
          ft_cli_print_error (_("cannot read standard input: %s"), g_strerror (saved_errno));
          return NULL;
        }
      return g_steal_pointer (&contents);
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || !read_all (fd, contents))
    {
      g_autofree char *display_name = NULL;

      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      display_name = g_filename_display_name (path);
      ft_cli_print_error (_("cannot read “%s”: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&contents);
}

static gboolean
choose_encoding (const char *encoding_name,
                 const char *model,
                 FtEncoding *encoding)
{
  *encoding = FT_ENCODING_O200K_BASE;

  if (encoding_name != NULL && model != NULL)
    {
      ft_cli_print_error (_("use either --encoding or --model, not both"));
      return FALSE;
    }

  if (encoding_name != NULL && !ft_encoding_from_string (encoding_name, encoding))
    {
      ft_cli_print_error (_("unknown encoding “%s”; use cl100k_base or o200k_base"),
                          encoding_name);
      return FALSE;
    }

  if (model != NULL && !ft_encoding_lookup_model (model, encoding))
    {
      ft_cli_print_error (_("no known encoding for the model “%s”; "
                            "use --encoding cl100k_base or --encoding o200k_base"),
                          model);
      return FALSE;
    }

  return TRUE;
}

static char *
ids_to_json (GArray *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, guint32, i));
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

int
ft_cli_tokens (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FtTokenizer) tokenizer = NULL;
  g_autoptr(GByteArray) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *model = NULL;
  g_auto(GStrv) files = NULL;
  gboolean show_ids = FALSE;
  FtEncoding encoding;
  const GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("Count with ENCODING: cl100k_base or o200k_base (the default)"), N_("ENCODING") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model,
      N_("Count with the encoding of MODEL, such as gpt-4o-mini"), N_("MODEL") },
    { "ids", 0, 0, G_OPTION_ARG_NONE, &show_ids,
      N_("Print the token ids as a JSON array instead of their number"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  /* GOption names the program in its usage line. */
  g_set_prgname ("exemplar-cli tokens");

  context = g_option_context_new (_("[FILE|-]"));
  g_option_context_set_summary (context,
                                _("Counts the tokens of the whole text of FILE, or of "
                                  "standard input when FILE is “-” or missing, exactly "
                                  "as OpenAI’s tiktoken does. Text that looks like a "
                                  "special token, such as <|endoftext|>, counts as "
                                  "ordinary text."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  if (files != NULL && g_strv_length (files) > 1)
    {
      ft_cli_print_error (_("give at most one FILE"));
      return FT_CLI_EXIT_FAILURE;
    }

  if (!choose_encoding (encoding_name, model, &encoding))
    return FT_CLI_EXIT_FAILURE;

  contents = read_input (files != NULL ? files[0] : NULL);
  if (contents == NULL)
    return FT_CLI_EXIT_FAILURE;

  tokenizer = ft_tokenizer_get (encoding, &error);
  if (tokenizer == NULL)
    {
      ft_cli_print_error ("%s", error->message);
      return FT_CLI_EXIT_FAILURE;
    }

  if (show_ids)
    {
      g_autoptr(GArray) ids = ft_tokenizer_encode (tokenizer,
                                                   (const char *)contents->data,
                                                   contents->len);
      g_autofree char *json = ids_to_json (ids);

      printf ("%s\n", json);
    }
  else
    {
      printf ("%" G_GSIZE_FORMAT "\n",
              ft_tokenizer_count (tokenizer, (const char *)contents->data, contents->len));
    }

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved_errno = errno;

      ft_cli_print_error (_("cannot write the result: %s"), g_strerror (saved_errno));
      return FT_CLI_EXIT_FAILURE;
    }

  return FT_CLI_EXIT_OK;
}
