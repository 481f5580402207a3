/* ft-example-editor-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-example-editor.h"

G_BEGIN_DECLS

/* The editor's child widgets (bubbles, cards, sections) never change the
 * example themselves: each user action is one call here, which the editor
 * records as one undo step.
 */
void     _ft_example_editor_edit_text        (FtExampleEditor *self,
                                              FtMessage       *message,
                                              int              part,
                                              const char      *text);
void     _ft_example_editor_end_typing       (FtExampleEditor *self);
void     _ft_example_editor_set_role         (FtExampleEditor *self,
                                              FtMessage       *message,
                                              FtRole           role);
void     _ft_example_editor_set_weight       (FtExampleEditor *self,
                                              FtMessage       *message,
                                              int              weight);
void     _ft_example_editor_add_message      (FtExampleEditor *self,
                                              FtMessageList    list,
                                              guint            position,
                                              FtRole           role);
void     _ft_example_editor_remove_message   (FtExampleEditor *self,
                                              FtMessage       *message);
void     _ft_example_editor_move_message     (FtExampleEditor *self,
                                              FtMessage       *message,
                                              int              delta);
void     _ft_example_editor_add_tool_call    (FtExampleEditor *self,
                                              FtMessage       *message);
void     _ft_example_editor_set_tool_call    (FtExampleEditor *self,
                                              FtMessage       *message,
                                              guint            index,
                                              const char      *function_name,
                                              const char      *arguments);
void     _ft_example_editor_remove_tool_call (FtExampleEditor *self,
                                              FtMessage       *message,
                                              guint            index);
gboolean _ft_example_editor_set_text        (FtExampleEditor *self,
                                              FtExample       *example,
                                              const char      *text,
                                              GError         **error);
gboolean _ft_example_editor_set_tool        (FtExampleEditor *self,
                                              guint            index,
                                              const char      *name,
                                              const char      *description,
                                              const char      *parameters,
                                              GError         **error);
void     _ft_example_editor_add_tool         (FtExampleEditor *self);
void     _ft_example_editor_remove_tool      (FtExampleEditor *self,
                                              guint            index);
void     _ft_example_editor_set_field        (FtExampleEditor *self,
                                              const char      *name,
                                              JsonNode        *value);

/* Lookups for the child widgets. */
gboolean _ft_example_editor_locate_message   (FtExampleEditor *self,
                                              FtMessage       *message,
                                              FtMessageList   *list,
                                              guint           *position);
int      _ft_example_editor_get_message_index (FtExampleEditor *self,
                                              FtMessage       *message);
FtRole   _ft_example_editor_next_role        (FtExampleEditor *self,
                                              FtMessageList    list,
                                              guint            position);
void     _ft_example_editor_set_current      (FtExampleEditor *self,
                                              FtMessage       *message);

G_END_DECLS
