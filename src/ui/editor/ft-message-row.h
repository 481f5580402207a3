/* ft-message-row.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-message.h"

G_BEGIN_DECLS

#define FT_TYPE_MESSAGE_ROW (ft_message_row_get_type ())

G_DECLARE_FINAL_TYPE (FtMessageRow, ft_message_row, FT, MESSAGE_ROW, GtkWidget)

GtkWidget  *ft_message_row_new           (FtMessage    *message) G_GNUC_WARN_UNUSED_RESULT;

FtMessage  *ft_message_row_get_message   (FtMessageRow *self);
void        ft_message_row_set_number    (FtMessageRow *self,
                                          int           number);
void        ft_message_row_set_tokens    (FtMessageRow *self,
                                          gint64        tokens);
void        ft_message_row_set_issues    (FtMessageRow *self,
                                          GPtrArray    *issues);
void        ft_message_row_set_answered  (FtMessageRow *self,
                                          const char   *function_name);
guint       ft_message_row_set_highlight (FtMessageRow *self,
                                          const char   *text);
gboolean    ft_message_row_focus_text    (FtMessageRow *self);

G_END_DECLS
