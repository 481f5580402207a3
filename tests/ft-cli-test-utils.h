/* ft-cli-test-utils.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Shared helpers for the tests that run exemplar-cli ($EXEMPLAR_CLI) as a
 * subprocess.
 */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

void                 cli_result_clear (CliResult           *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

GSubprocessLauncher *cli_launcher_new (GSubprocessFlags     flags)
                                      G_GNUC_WARN_UNUSED_RESULT;
GSubprocess         *cli_spawn        (GSubprocessLauncher *launcher,
                                       const char * const  *args)
                                      G_GNUC_WARN_UNUSED_RESULT;
void                 cli_run          (CliResult           *result,
                                       const char          *stdin_text,
                                       const char * const  *args);
char                *write_input      (const char          *name,
                                       const char          *contents)
                                      G_GNUC_WARN_UNUSED_RESULT;
JsonObject          *cli_parse_json   (const char          *text)
                                      G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
