/* ft-example-editor.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-example.h"
#include "ft-history.h"
#include "ft-tokenizer.h"

G_BEGIN_DECLS

#define FT_TYPE_EXAMPLE_EDITOR (ft_example_editor_get_type ())

G_DECLARE_FINAL_TYPE (FtExampleEditor, ft_example_editor, FT, EXAMPLE_EDITOR, GtkWidget)

GtkWidget  *ft_example_editor_new           (void) G_GNUC_WARN_UNUSED_RESULT;

/* The example being edited (nullable: shows an empty state). */
FtExample  *ft_example_editor_get_example   (FtExampleEditor *self);
void        ft_example_editor_set_example   (FtExampleEditor *self,
                                             FtExample       *example);
/* Every edit goes through this history, so Ctrl+Z undoes it. */
FtHistory  *ft_example_editor_get_history   (FtExampleEditor *self);
void        ft_example_editor_set_history   (FtExampleEditor *self,
                                             FtHistory       *history);
/* Token counting encoding for live counts. */
FtEncoding  ft_example_editor_get_encoding  (FtExampleEditor *self);
void        ft_example_editor_set_encoding  (FtExampleEditor *self,
                                             FtEncoding       encoding);
/* Findings of this example from the last check, shown inline. */
void        ft_example_editor_set_issues    (FtExampleEditor *self,
                                             GListModel      *issues);
/* Scrolls to message n (-1: the example itself) and focuses its text. */
void        ft_example_editor_focus_message (FtExampleEditor *self,
                                             int              message_index);
/* Search highlighting: matches of text in message bubbles. */
void        ft_example_editor_set_highlight (FtExampleEditor *self,
                                             const char      *text);

G_END_DECLS
