/* ft-notebook.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ft-validation-summary.h"

G_BEGIN_DECLS

/* The line printed instead of the statistics when the notebook's
 * statistics cell would raise (as in the fixtures).
 */
#define FT_NOTEBOOK_RAISES_LINE "(the notebook's statistics cell raises an exception on this file)"

char       *ft_notebook_render                (FtValidationSummary *summary,
                                               GError             **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
char       *ft_notebook_format_limit          (gint64               limit)
                                               G_GNUC_WARN_UNUSED_RESULT;
const char *ft_notebook_failure_to_string     (FtNotebookFailure    failure);

G_END_DECLS
