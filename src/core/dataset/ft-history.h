/* ft-history.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ft-dataset.h"

G_BEGIN_DECLS

#define FT_TYPE_HISTORY (ft_history_get_type ())
G_DECLARE_FINAL_TYPE (FtHistory, ft_history, FT, HISTORY, GObject)

FtHistory  *ft_history_new                   (FtDataset      *dataset) G_GNUC_WARN_UNUSED_RESULT;

FtDataset  *ft_history_get_dataset           (FtHistory      *self);
gboolean    ft_history_get_can_undo          (FtHistory      *self);
gboolean    ft_history_get_can_redo          (FtHistory      *self);
char       *ft_history_dup_undo_label        (FtHistory      *self) G_GNUC_WARN_UNUSED_RESULT;
char       *ft_history_dup_redo_label        (FtHistory      *self) G_GNUC_WARN_UNUSED_RESULT;

gboolean    ft_history_undo                  (FtHistory      *self);
gboolean    ft_history_redo                  (FtHistory      *self);
void        ft_history_clear                 (FtHistory      *self);
void        ft_history_mark_saved            (FtHistory      *self);

void        ft_history_begin_group           (FtHistory      *self,
                                              const char     *label);
void        ft_history_end_group             (FtHistory      *self);

void        ft_history_insert_example        (FtHistory      *self,
                                              guint           position,
                                              FtExample      *example);
void        ft_history_remove_example        (FtHistory      *self,
                                              guint           position);
void        ft_history_move_example          (FtHistory      *self,
                                              guint           from,
                                              guint           to);
void        ft_history_replace_example       (FtHistory      *self,
                                              guint           position,
                                              FtExample      *example);
gboolean    ft_history_set_example_text      (FtHistory      *self,
                                              FtExample      *example,
                                              const char     *text,
                                              GError        **error);

void        ft_history_set_example_member    (FtHistory      *self,
                                              FtExample      *example,
                                              const char     *name,
                                              JsonNode       *value,
                                              const char     *label);

void        ft_history_set_message_role      (FtHistory      *self,
                                              FtMessage      *message,
                                              FtRole          role);
void        ft_history_set_message_content   (FtHistory      *self,
                                              FtMessage      *message,
                                              const char     *content);
void        ft_history_set_message_weight    (FtHistory      *self,
                                              FtMessage      *message,
                                              int             weight);
void        ft_history_set_message_member    (FtHistory      *self,
                                              FtMessage      *message,
                                              const char     *name,
                                              JsonNode       *value);
void        ft_history_set_message_part_text (FtHistory      *self,
                                              FtMessage      *message,
                                              guint           index,
                                              const char     *text);
void        ft_history_append_tool_call      (FtHistory      *self,
                                              FtMessage      *message,
                                              const char     *id,
                                              const char     *function_name,
                                              const char     *arguments);
void        ft_history_set_tool_call         (FtHistory      *self,
                                              FtMessage      *message,
                                              guint           index,
                                              const char     *function_name,
                                              const char     *arguments);
void        ft_history_remove_tool_call      (FtHistory      *self,
                                              FtMessage      *message,
                                              guint           index);
void        ft_history_insert_message        (FtHistory      *self,
                                              FtExample      *example,
                                              FtMessageList   list,
                                              guint           position,
                                              FtMessage      *message);
void        ft_history_remove_message        (FtHistory      *self,
                                              FtExample      *example,
                                              FtMessageList   list,
                                              guint           position);
void        ft_history_move_message          (FtHistory      *self,
                                              FtExample      *example,
                                              FtMessageList   list,
                                              guint           from,
                                              guint           to);

G_END_DECLS
