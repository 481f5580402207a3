/* ft-message-section.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ft-example.h"
#include "ft-message-row.h"

G_BEGIN_DECLS

#define FT_TYPE_MESSAGE_SECTION (ft_message_section_get_type ())

G_DECLARE_FINAL_TYPE (FtMessageSection, ft_message_section, FT, MESSAGE_SECTION, GtkWidget)

GtkWidget     *ft_message_section_new           (void) G_GNUC_WARN_UNUSED_RESULT;

GListModel    *ft_message_section_get_messages  (FtMessageSection *self);
FtMessageList  ft_message_section_get_list      (FtMessageSection *self);
void           ft_message_section_bind          (FtMessageSection *self,
                                                 GListModel       *messages,
                                                 FtMessageList     list);
FtMessageRow  *ft_message_section_get_row       (FtMessageSection *self,
                                                 guint             position);
void           ft_message_section_set_next_role (FtMessageSection *self,
                                                 FtRole            role);

G_END_DECLS
