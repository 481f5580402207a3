/* ft-example.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ft-message.h"

G_BEGIN_DECLS

/**
 * FtExampleKind:
 * @FT_EXAMPLE_KIND_CHAT: an object with "messages" (supervised or
 *   reinforcement fine-tuning)
 * @FT_EXAMPLE_KIND_PREFERENCE: a DPO line: "input" with
 *   "preferred_output"/"non_preferred_output" (or the old "_completion"
 *   names)
 * @FT_EXAMPLE_KIND_PROMPT_COMPLETION: a legacy "prompt"/"completion" line
 * @FT_EXAMPLE_KIND_OTHER: an object with none of these keys
 * @FT_EXAMPLE_KIND_NOT_OBJECT: valid JSON that is not an object
 * @FT_EXAMPLE_KIND_BROKEN: a line that is not valid JSON
 *
 * The shape of one line. Every shape loads; the validator reports the
 * ones the API would refuse.
 */
typedef enum
{
  FT_EXAMPLE_KIND_CHAT,
  FT_EXAMPLE_KIND_PREFERENCE,
  FT_EXAMPLE_KIND_PROMPT_COMPLETION,
  FT_EXAMPLE_KIND_OTHER,
  FT_EXAMPLE_KIND_NOT_OBJECT,
  FT_EXAMPLE_KIND_BROKEN,
} FtExampleKind;

/**
 * FtMessageList:
 * @FT_MESSAGE_LIST_MESSAGES: "messages" (for a preference example,
 *   "input"."messages")
 * @FT_MESSAGE_LIST_PREFERRED: "preferred_output" of a preference example
 * @FT_MESSAGE_LIST_NON_PREFERRED: "non_preferred_output" of a preference
 *   example
 */
typedef enum
{
  FT_MESSAGE_LIST_MESSAGES,
  FT_MESSAGE_LIST_PREFERRED,
  FT_MESSAGE_LIST_NON_PREFERRED,
} FtMessageList;

#define FT_TYPE_EXAMPLE_KIND (ft_example_kind_get_type ())
#define FT_TYPE_MESSAGE_LIST (ft_message_list_get_type ())

GType ft_example_kind_get_type (void) G_GNUC_CONST;
GType ft_message_list_get_type (void) G_GNUC_CONST;

#define FT_TYPE_EXAMPLE (ft_example_get_type ())
G_DECLARE_FINAL_TYPE (FtExample, ft_example, FT, EXAMPLE, GObject)

FtExample     *ft_example_new                     (void) G_GNUC_WARN_UNUSED_RESULT;
FtExample     *ft_example_new_preference          (void) G_GNUC_WARN_UNUSED_RESULT;
FtExample     *ft_example_new_from_text           (const char     *text,
                                                   gssize          length)
                                                   G_GNUC_WARN_UNUSED_RESULT;
FtExample     *ft_example_copy                    (FtExample      *self) G_GNUC_WARN_UNUSED_RESULT;

FtExampleKind  ft_example_get_kind                (FtExample      *self);
guint64        ft_example_get_source_line         (FtExample      *self);
gboolean       ft_example_get_broken              (FtExample      *self);
const char    *ft_example_get_error_message       (FtExample      *self);
guint          ft_example_get_error_column        (FtExample      *self);
const char    *ft_example_get_title               (FtExample      *self);
const char    *ft_example_get_preview             (FtExample      *self);
guint          ft_example_get_n_messages          (FtExample      *self);

GBytes        *ft_example_get_bytes               (FtExample      *self) G_GNUC_WARN_UNUSED_RESULT;
char          *ft_example_dup_text                (FtExample      *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean       ft_example_set_text                (FtExample      *self,
                                                   const char     *text,
                                                   GError        **error);
JsonNode      *ft_example_to_json_node            (FtExample      *self,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       ft_example_equal                   (FtExample      *a,
                                                   FtExample      *b);

GListModel    *ft_example_get_messages            (FtExample      *self);
GListModel    *ft_example_get_message_list        (FtExample      *self,
                                                   FtMessageList   list);
void           ft_example_insert_message          (FtExample      *self,
                                                   FtMessageList   list,
                                                   guint           position,
                                                   FtMessage      *message);
void           ft_example_append_message          (FtExample      *self,
                                                   FtMessage      *message);
void           ft_example_remove_message          (FtExample      *self,
                                                   FtMessageList   list,
                                                   guint           position);
void           ft_example_move_message            (FtExample      *self,
                                                   FtMessageList   list,
                                                   guint           from,
                                                   guint           to);

JsonNode      *ft_example_dup_tools               (FtExample      *self) G_GNUC_WARN_UNUSED_RESULT;
void           ft_example_set_tools               (FtExample      *self,
                                                   JsonNode       *tools);
int            ft_example_get_parallel_tool_calls (FtExample      *self);
void           ft_example_set_parallel_tool_calls (FtExample      *self,
                                                   int             parallel_tool_calls);
JsonNode      *ft_example_dup_functions           (FtExample      *self) G_GNUC_WARN_UNUSED_RESULT;
void           ft_example_set_functions           (FtExample      *self,
                                                   JsonNode       *functions);
JsonNode      *ft_example_dup_member              (FtExample      *self,
                                                   const char     *name) G_GNUC_WARN_UNUSED_RESULT;
void           ft_example_set_member              (FtExample      *self,
                                                   const char     *name,
                                                   JsonNode       *value);
char         **ft_example_dup_member_names        (FtExample      *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
