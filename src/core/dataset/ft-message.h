/* ft-message.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FtRole:
 * @FT_ROLE_UNKNOWN: the role is missing, not a string, or none of these
 * @FT_ROLE_SYSTEM: "system"
 * @FT_ROLE_DEVELOPER: "developer"
 * @FT_ROLE_USER: "user"
 * @FT_ROLE_ASSISTANT: "assistant"
 * @FT_ROLE_TOOL: "tool"
 * @FT_ROLE_FUNCTION: the legacy "function"
 */
typedef enum
{
  FT_ROLE_UNKNOWN,
  FT_ROLE_SYSTEM,
  FT_ROLE_DEVELOPER,
  FT_ROLE_USER,
  FT_ROLE_ASSISTANT,
  FT_ROLE_TOOL,
  FT_ROLE_FUNCTION,
} FtRole;

/**
 * FtContentKind:
 * @FT_CONTENT_MISSING: the message has no "content" key
 * @FT_CONTENT_NULL: "content": null (tool and function calls)
 * @FT_CONTENT_STRING: a string
 * @FT_CONTENT_PARTS: an array of content parts (text, image_url)
 * @FT_CONTENT_OTHER: any other JSON value (a mistake the validator reports)
 */
typedef enum
{
  FT_CONTENT_MISSING,
  FT_CONTENT_NULL,
  FT_CONTENT_STRING,
  FT_CONTENT_PARTS,
  FT_CONTENT_OTHER,
} FtContentKind;

/**
 * FtPartKind:
 * @FT_PART_TEXT: {"type": "text", "text": …}
 * @FT_PART_IMAGE_URL: {"type": "image_url", "image_url": {"url": …}}
 * @FT_PART_OTHER: anything else (audio, file, or malformed)
 */
typedef enum
{
  FT_PART_TEXT,
  FT_PART_IMAGE_URL,
  FT_PART_OTHER,
} FtPartKind;

#define FT_TYPE_ROLE         (ft_role_get_type ())
#define FT_TYPE_CONTENT_KIND (ft_content_kind_get_type ())
#define FT_TYPE_PART_KIND    (ft_part_kind_get_type ())

GType ft_role_get_type         (void) G_GNUC_CONST;
GType ft_content_kind_get_type (void) G_GNUC_CONST;
GType ft_part_kind_get_type    (void) G_GNUC_CONST;

const char *ft_role_to_string   (FtRole      role);
FtRole      ft_role_from_string (const char *role);

#define FT_TYPE_MESSAGE (ft_message_get_type ())
G_DECLARE_FINAL_TYPE (FtMessage, ft_message, FT, MESSAGE, GObject)

FtMessage     *ft_message_new                 (FtRole          role,
                                               const char     *content) G_GNUC_WARN_UNUSED_RESULT;
FtMessage     *ft_message_new_from_json       (const char     *json,
                                               gssize          length,
                                               GError        **error) G_GNUC_WARN_UNUSED_RESULT;
FtMessage     *ft_message_copy                (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;

const char    *ft_message_get_role            (FtMessage      *self);
FtRole         ft_message_get_role_kind       (FtMessage      *self);
void           ft_message_set_role            (FtMessage      *self,
                                               const char     *role);
void           ft_message_set_role_kind       (FtMessage      *self,
                                               FtRole          role);

FtContentKind  ft_message_get_content_kind    (FtMessage      *self);
const char    *ft_message_get_content         (FtMessage      *self);
void           ft_message_set_content         (FtMessage      *self,
                                               const char     *content);
void           ft_message_remove_content      (FtMessage      *self);
char          *ft_message_dup_text            (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;

const char    *ft_message_get_name            (FtMessage      *self);
void           ft_message_set_name            (FtMessage      *self,
                                               const char     *name);
int            ft_message_get_weight          (FtMessage      *self);
void           ft_message_set_weight          (FtMessage      *self,
                                               int             weight);
const char    *ft_message_get_tool_call_id    (FtMessage      *self);
void           ft_message_set_tool_call_id    (FtMessage      *self,
                                               const char     *tool_call_id);

guint          ft_message_get_n_tool_calls    (FtMessage      *self);
JsonNode      *ft_message_dup_tool_calls      (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;
void           ft_message_set_tool_calls      (FtMessage      *self,
                                               JsonNode       *tool_calls);
void           ft_message_append_tool_call    (FtMessage      *self,
                                               const char     *id,
                                               const char     *function_name,
                                               const char     *arguments);
JsonNode      *ft_message_dup_function_call   (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;
void           ft_message_set_function_call   (FtMessage      *self,
                                               JsonNode       *function_call);

guint          ft_message_get_n_parts         (FtMessage      *self);
FtPartKind     ft_message_get_part_kind       (FtMessage      *self,
                                               guint           index);
char          *ft_message_dup_part_text       (FtMessage      *self,
                                               guint           index) G_GNUC_WARN_UNUSED_RESULT;
char          *ft_message_dup_part_image_url  (FtMessage      *self,
                                               guint           index) G_GNUC_WARN_UNUSED_RESULT;
void           ft_message_set_part_text       (FtMessage      *self,
                                               guint           index,
                                               const char     *text);
void           ft_message_append_text_part    (FtMessage      *self,
                                               const char     *text);
void           ft_message_append_image_part   (FtMessage      *self,
                                               const char     *url);
void           ft_message_remove_part         (FtMessage      *self,
                                               guint           index);

JsonNode      *ft_message_dup_member          (FtMessage      *self,
                                               const char     *name) G_GNUC_WARN_UNUSED_RESULT;
void           ft_message_set_member          (FtMessage      *self,
                                               const char     *name,
                                               JsonNode       *value);
char         **ft_message_dup_member_names    (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;

char          *ft_message_to_string           (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;
JsonNode      *ft_message_to_json_node        (FtMessage      *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean       ft_message_equal               (FtMessage      *a,
                                               FtMessage      *b);

G_END_DECLS
