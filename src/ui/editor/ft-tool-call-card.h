/* ft-tool-call-card.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-message.h"

G_BEGIN_DECLS

#define FT_TYPE_TOOL_CALL_CARD (ft_tool_call_card_get_type ())

G_DECLARE_FINAL_TYPE (FtToolCallCard, ft_tool_call_card, FT, TOOL_CALL_CARD, GtkWidget)

GtkWidget  *ft_tool_call_card_new          (FtMessage      *message,
                                            guint           index) G_GNUC_WARN_UNUSED_RESULT;

FtMessage  *ft_tool_call_card_get_message  (FtToolCallCard *self);
guint       ft_tool_call_card_get_index    (FtToolCallCard *self);
const char *ft_tool_call_card_get_error    (FtToolCallCard *self);
void        ft_tool_call_card_sync         (FtToolCallCard *self);

G_END_DECLS
