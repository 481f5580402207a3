/* ft-tool-calls.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ft-example.h"
#include "ft-message.h"

G_BEGIN_DECLS

gboolean  ft_message_get_tool_call          (FtMessage    *self,
                                             guint         index,
                                             char        **id,
                                             char        **function_name,
                                             char        **arguments);
void      ft_message_set_tool_call_function (FtMessage    *self,
                                             guint         index,
                                             const char   *function_name,
                                             const char   *arguments);
void      ft_message_remove_tool_call       (FtMessage    *self,
                                             guint         index);

char     *ft_example_find_tool_call         (FtExample    *self,
                                             const char   *tool_call_id) G_GNUC_WARN_UNUSED_RESULT;
char     *ft_example_new_tool_call_id       (FtExample    *self) G_GNUC_WARN_UNUSED_RESULT;

guint     ft_example_get_n_tools            (FtExample    *self);
gboolean  ft_example_get_tool               (FtExample    *self,
                                             guint         index,
                                             char        **name,
                                             char        **description,
                                             char        **parameters);
gboolean  ft_example_set_tool               (FtExample    *self,
                                             guint         index,
                                             const char   *name,
                                             const char   *description,
                                             const char   *parameters,
                                             GError      **error);
gboolean  ft_example_insert_tool            (FtExample    *self,
                                             guint         index,
                                             const char   *name,
                                             const char   *description,
                                             const char   *parameters,
                                             GError      **error);
void      ft_example_remove_tool            (FtExample    *self,
                                             guint         index);

G_END_DECLS
