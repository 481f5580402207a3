/* ft-core-test-utils.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Shared helpers for the core (dataset) tests. */

#define FT_TEST_WAIT(condition)                       \
  G_STMT_START {                                      \
    while (!(condition))                              \
      g_main_context_iteration (NULL, TRUE);          \
  } G_STMT_END

char       *ft_test_make_tmp_dir      (void) G_GNUC_WARN_UNUSED_RESULT;
void        ft_test_remove_tree       (const char  *path);
char       *ft_test_write_file        (const char  *dir,
                                       const char  *name,
                                       const char  *contents,
                                       gssize       length) G_GNUC_WARN_UNUSED_RESULT;
char      **ft_test_fixture_paths     (void) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *ft_test_read_lines        (const char  *path) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *ft_test_expected_lines    (const char  *path) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
