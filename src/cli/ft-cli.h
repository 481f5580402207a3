/* ft-cli.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses shared by every verb. */
#define FT_CLI_EXIT_OK       0
#define FT_CLI_EXIT_FINDINGS 1   /* the command ran and found problems */
#define FT_CLI_EXIT_FAILURE  2   /* bad usage, unreadable input, a failed call */

/**
 * FtCliVerb:
 * @name: the verb as typed ("validate", "jobs")
 * @summary: a translatable one-line description, marked with N_()
 * @run: runs the verb; argv[0] is the verb itself
 *
 * One command of exemplar-cli. Each group of verbs lives in its own file
 * and contributes a table of these.
 */
typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int    argc,
                    char **argv);
} FtCliVerb;

void ft_cli_print_error (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);

/* Verbs, one group per file (ft-cli-<group>.c). */
int  ft_cli_validate    (int          argc,
                         char       **argv);
int  ft_cli_stats       (int          argc,
                         char       **argv);
int  ft_cli_tokens      (int          argc,
                         char       **argv);
/* ft-cli-dataset.c */
int  ft_cli_convert     (int          argc,
                         char       **argv);
int  ft_cli_split       (int          argc,
                         char       **argv);
int  ft_cli_dedupe      (int          argc,
                         char       **argv);

/* ft-cli-api.c */
int  ft_cli_models      (int          argc,
                         char       **argv);
int  ft_cli_files       (int          argc,
                         char       **argv);
int  ft_cli_jobs        (int          argc,
                         char       **argv);
int  ft_cli_chat        (int          argc,
                         char       **argv);

G_END_DECLS
