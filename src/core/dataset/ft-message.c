/* ft-message.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-message"

#include "config.h"

#include "ft-message.h"

#include "ft-dataset-private.h"
#include "ft-error.h"
#include "ft-members-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A message keeps its JSON object as ordered members with the exact text of
 * each value (see ft-members-private.h), plus decoded copies of the keys the
 * app shows. Setters rewrite one member and refresh the copies.
 */
struct _FtMessage
{
  GObject        parent_instance;

  /* borrowed */
  FtExample     *example;

  /* owned */
  GPtrArray     *members;     /* NULL when the message is not an object */
  char          *non_object;  /* exact JSON text when it is not */

  char          *role;
  char          *content;
  char          *name;
  char          *tool_call_id;
  FtRole         role_kind;
  FtContentKind  content_kind;
  int            weight;
};

G_DEFINE_FINAL_TYPE (FtMessage, ft_message, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FtRole, ft_role,
  G_DEFINE_ENUM_VALUE (FT_ROLE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (FT_ROLE_SYSTEM, "system"),
  G_DEFINE_ENUM_VALUE (FT_ROLE_DEVELOPER, "developer"),
  G_DEFINE_ENUM_VALUE (FT_ROLE_USER, "user"),
  G_DEFINE_ENUM_VALUE (FT_ROLE_ASSISTANT, "assistant"),
  G_DEFINE_ENUM_VALUE (FT_ROLE_TOOL, "tool"),
  G_DEFINE_ENUM_VALUE (FT_ROLE_FUNCTION, "function"))

G_DEFINE_ENUM_TYPE (FtContentKind, ft_content_kind,
  G_DEFINE_ENUM_VALUE (FT_CONTENT_MISSING, "missing"),
  G_DEFINE_ENUM_VALUE (FT_CONTENT_NULL, "null"),
  G_DEFINE_ENUM_VALUE (FT_CONTENT_STRING, "string"),
  G_DEFINE_ENUM_VALUE (FT_CONTENT_PARTS, "parts"),
  G_DEFINE_ENUM_VALUE (FT_CONTENT_OTHER, "other"))

G_DEFINE_ENUM_TYPE (FtPartKind, ft_part_kind,
  G_DEFINE_ENUM_VALUE (FT_PART_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (FT_PART_IMAGE_URL, "image-url"),
  G_DEFINE_ENUM_VALUE (FT_PART_OTHER, "other"))

enum {
  PROP_0,
  PROP_ROLE,
  PROP_ROLE_KIND,
  PROP_CONTENT,
  PROP_CONTENT_KIND,
  PROP_TEXT,
  PROP_NAME,
  PROP_WEIGHT,
  PROP_TOOL_CALL_ID,
  PROP_N_TOOL_CALLS,
  PROP_N_PARTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const role_names[] = {
  [FT_ROLE_UNKNOWN] = NULL,
  [FT_ROLE_SYSTEM] = "system",
  [FT_ROLE_DEVELOPER] = "developer",
  [FT_ROLE_USER] = "user",
  [FT_ROLE_ASSISTANT] = "assistant",
  [FT_ROLE_TOOL] = "tool",
  [FT_ROLE_FUNCTION] = "function",
};

/**
 * ft_role_to_string:
 * @role: a role
 *
 * Returns: (nullable): the role as written in JSON, or %NULL for
 *   %FT_ROLE_UNKNOWN
 */
const char *
ft_role_to_string (FtRole role)
{
  if ((guint)role >= G_N_ELEMENTS (role_names))
    return NULL;

  return role_names[role];
}

/**
 * ft_role_from_string:
 * @role: (nullable): a role as written in JSON
 *
 * Returns: the role; %FT_ROLE_UNKNOWN for %NULL or an unknown name
 */
FtRole
ft_role_from_string (const char *role)
{
  if (role == NULL)
    return FT_ROLE_UNKNOWN;

  for (guint i = 1; i < G_N_ELEMENTS (role_names); i++)
    {
      if (strcmp (role, role_names[i]) == 0)
        return i;
    }

  return FT_ROLE_UNKNOWN;
}

static char *
dup_string_member (GPtrArray  *members,
                   const char *name)
{
  FtJsonSpan span;

  if (!_ft_members_get_span (members, name, &span) || !ft_json_span_is_string (&span))
    return NULL;

  return ft_json_span_dup_string (&span, G_MAXSIZE, NULL);
}

/* Rebuilds the decoded copies from the members. */
static void
refresh (FtMessage *self)
{
  FtJsonSpan span;

  g_assert (FT_IS_MESSAGE (self));

  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->tool_call_id, g_free);
  self->role_kind = FT_ROLE_UNKNOWN;
  self->content_kind = FT_CONTENT_MISSING;
  self->weight = -1;

  if (self->members == NULL)
    return;

  self->role = dup_string_member (self->members, "role");
  self->role_kind = ft_role_from_string (self->role);
  self->name = dup_string_member (self->members, "name");
  self->tool_call_id = dup_string_member (self->members, "tool_call_id");

  if (_ft_members_get_span (self->members, "content", &span))
    {
      if (ft_json_span_is_string (&span))
        {
          self->content_kind = FT_CONTENT_STRING;
          self->content = ft_json_span_dup_string (&span, G_MAXSIZE, NULL);
        }
      else if (ft_json_span_is_null (&span))
        {
          self->content_kind = FT_CONTENT_NULL;
        }
      else if (ft_json_span_get_node_type (&span) == JSON_NODE_ARRAY)
        {
          self->content_kind = FT_CONTENT_PARTS;
        }
      else
        {
          self->content_kind = FT_CONTENT_OTHER;
        }
    }

  if (_ft_members_get_span (self->members, "weight", &span))
    {
      if (span.length == 1 && span.text[0] == '0')
        self->weight = 0;
      else if (span.length == 1 && span.text[0] == '1')
        self->weight = 1;
    }
}

/* Makes sure the message is an object before a setter changes it. */
static void
ensure_object (FtMessage *self)
{
  g_assert (FT_IS_MESSAGE (self));

  if (self->members == NULL)
    {
      self->members = _ft_members_new ();
      g_clear_pointer (&self->non_object, g_free);
    }
}

static void
emit_changed (FtMessage *self)
{
  g_assert (FT_IS_MESSAGE (self));

  if (self->example != NULL)
    _ft_example_message_changed (self->example);
}

static void
notify_all (FtMessage *self)
{
  g_assert (FT_IS_MESSAGE (self));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Replaces member @name with @value (JSON text, or NULL to remove it), then
 * refreshes, notifies and tells the example.
 */
static void
change_member (FtMessage  *self,
               const char *name,
               char       *value)
{
  FtJsonSpan span;

  g_assert (FT_IS_MESSAGE (self));

  ensure_object (self);

  if (value == NULL)
    {
      if (!_ft_members_remove (self->members, name))
        return;
    }
  else
    {
      if (_ft_members_get_span (self->members, name, &span)
          && span.length == strlen (value)
          && memcmp (span.text, value, span.length) == 0)
        {
          g_free (value);
          return;
        }
      _ft_members_take_value (self->members, name, value, strcmp (name, "role") == 0);
    }

  refresh (self);
  notify_all (self);
  emit_changed (self);
}

static char *
json_string (const char *utf8)
{
  GString *json = g_string_new (NULL);

  ft_json_append_string (json, utf8, -1);

  return g_string_free (json, FALSE);
}

static JsonNode *
dup_member_node (FtMessage  *self,
                 const char *name)
{
  FtJsonSpan span;

  if (self->members == NULL || !_ft_members_get_span (self->members, name, &span))
    return NULL;

  return ft_json_span_parse (&span);
}

/* The content parts as a parsed array, or a new empty one. */
static JsonArray *
dup_parts (FtMessage *self)
{
  g_autoptr(JsonNode) node = NULL;

  if (self->content_kind == FT_CONTENT_PARTS)
    node = dup_member_node (self, "content");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));

  return json_array_new ();
}

static void
set_parts (FtMessage *self,
           JsonArray *parts)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, parts);
  change_member (self, "content", ft_json_node_to_string (node));
}

static gboolean
get_part_span (FtMessage  *self,
               guint       index,
               FtJsonSpan *part)
{
  FtJsonSpan content;
  FtJsonIter iter;
  guint i = 0;

  if (self->content_kind != FT_CONTENT_PARTS
      || !_ft_members_get_span (self->members, "content", &content))
    return FALSE;

  ft_json_iter_init_array (&iter, content.text, content.length);
  while (ft_json_iter_next_element (&iter, part))
    {
      if (i++ == index)
        return TRUE;
    }

  return FALSE;
}

static gboolean
get_part_member (const FtJsonSpan *part,
                 const char       *name,
                 FtJsonSpan       *value)
{
  FtJsonIter iter;
  FtJsonSpan member;
  gboolean found = FALSE;

  ft_json_iter_init_object (&iter, part->text, part->length);
  while (ft_json_iter_next_member (&iter, &member, value))
    {
      if (ft_json_span_equal (&member, name))
        {
          found = TRUE;
          break;
        }
    }

  return found;
}

static FtPartKind
classify_part (const FtJsonSpan *part)
{
  FtJsonSpan type;

  if (!get_part_member (part, "type", &type))
    return FT_PART_OTHER;
  if (ft_json_span_equal (&type, "text"))
    return FT_PART_TEXT;
  if (ft_json_span_equal (&type, "image_url"))
    return FT_PART_IMAGE_URL;

  return FT_PART_OTHER;
}

static void
ft_message_finalize (GObject *object)
{
  FtMessage *self = (FtMessage *)object;

  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->non_object, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->tool_call_id, g_free);

  G_OBJECT_CLASS (ft_message_parent_class)->finalize (object);
}

static void
ft_message_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FtMessage *self = FT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_ROLE_KIND:
      g_value_set_enum (value, self->role_kind);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    case PROP_CONTENT_KIND:
      g_value_set_enum (value, self->content_kind);
      break;
    case PROP_TEXT:
      g_value_take_string (value, ft_message_dup_text (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_WEIGHT:
      g_value_set_int (value, self->weight);
      break;
    case PROP_TOOL_CALL_ID:
      g_value_set_string (value, self->tool_call_id);
      break;
    case PROP_N_TOOL_CALLS:
      g_value_set_uint (value, ft_message_get_n_tool_calls (self));
      break;
    case PROP_N_PARTS:
      g_value_set_uint (value, ft_message_get_n_parts (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_message_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FtMessage *self = FT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      ft_message_set_role (self, g_value_get_string (value));
      break;
    case PROP_ROLE_KIND:
      ft_message_set_role_kind (self, g_value_get_enum (value));
      break;
    case PROP_CONTENT:
      ft_message_set_content (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      ft_message_set_name (self, g_value_get_string (value));
      break;
    case PROP_WEIGHT:
      ft_message_set_weight (self, g_value_get_int (value));
      break;
    case PROP_TOOL_CALL_ID:
      ft_message_set_tool_call_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_message_class_init (FtMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_message_finalize;
  object_class->get_property = ft_message_get_property;
  object_class->set_property = ft_message_set_property;

  /**
   * FtMessage:role:
   *
   * The role as written in the file; %NULL when missing or not a string.
   */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE_KIND] =
    g_param_spec_enum ("role-kind", NULL, NULL,
                       FT_TYPE_ROLE, FT_ROLE_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtMessage:content:
   *
   * The content when it is a string, otherwise %NULL. Setting it makes the
   * content a string (or null, for %NULL).
   */
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT_KIND] =
    g_param_spec_enum ("content-kind", NULL, NULL,
                       FT_TYPE_CONTENT_KIND, FT_CONTENT_MISSING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtMessage:text:
   *
   * The text to show: the string content, or the text parts joined.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtMessage:weight:
   *
   * 0 or 1; -1 when the message has no weight or one that is not 0 or 1.
   */
  properties[PROP_WEIGHT] =
    g_param_spec_int ("weight", NULL, NULL,
                      -1, 1, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOOL_CALL_ID] =
    g_param_spec_string ("tool-call-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOOL_CALLS] =
    g_param_spec_uint ("n-tool-calls", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_PARTS] =
    g_param_spec_uint ("n-parts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_message_init (FtMessage *self)
{
  self->weight = -1;
}

FtMessage *
_ft_message_new_from_span (const FtJsonSpan *span)
{
  FtMessage *self = g_object_new (FT_TYPE_MESSAGE, NULL);

  if (ft_json_span_get_node_type (span) == JSON_NODE_OBJECT)
    self->members = _ft_members_new_from_span (span);
  else
    self->non_object = g_strndup (span->text, span->length);

  refresh (self);

  return self;
}

FtExample *
_ft_message_get_example (FtMessage *self)
{
  g_assert (FT_IS_MESSAGE (self));

  return self->example;
}

void
_ft_message_set_example (FtMessage *self,
                         FtExample *example)
{
  g_assert (FT_IS_MESSAGE (self));

  self->example = example;
}

void
_ft_message_append_json (FtMessage *self,
                         GString   *out)
{
  g_assert (FT_IS_MESSAGE (self));

  if (self->members != NULL)
    _ft_members_append_json (out, self->members);
  else
    g_string_append (out, self->non_object);
}

/* The exact JSON text of member @name, or %NULL when absent. */
char *
_ft_message_dup_member_text (FtMessage  *self,
                             const char *name)
{
  FtJsonSpan span;

  g_assert (FT_IS_MESSAGE (self));

  if (self->members == NULL || !_ft_members_get_span (self->members, name, &span))
    return NULL;

  return g_strndup (span.text, span.length);
}

/* Sets member @name to the JSON text @json (valid JSON), or removes it. */
void
_ft_message_set_member_text (FtMessage  *self,
                             const char *name,
                             const char *json)
{
  g_assert (FT_IS_MESSAGE (self));

  change_member (self, name, g_strdup (json));
}

/**
 * ft_message_new:
 * @role: the role
 * @content: (nullable): the text, or %NULL for "content": null
 *
 * Returns: (transfer full): a new message {"role": …, "content": …}
 */
FtMessage *
ft_message_new (FtRole      role,
                const char *content)
{
  FtMessage *self = g_object_new (FT_TYPE_MESSAGE, NULL);
  const char *role_name = ft_role_to_string (role);

  self->members = _ft_members_new ();
  if (role_name != NULL)
    _ft_members_set_string (self->members, "role", role_name);
  if (content != NULL)
    _ft_members_set_string (self->members, "content", content);
  else
    _ft_members_take_value (self->members, "content", g_strdup ("null"), FALSE);
  refresh (self);

  return self;
}

/**
 * ft_message_new_from_json:
 * @json: the JSON text of one message
 * @length: its length, or -1 when NUL-terminated
 * @error: return location for a #GError
 *
 * Creates a message from its JSON text, for pasting. Any JSON value is
 * accepted (the validator reports a message that is not an object).
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with
 *   %FT_DATASET_ERROR_PARSE when @json is not valid JSON
 */
FtMessage *
ft_message_new_from_json (const char  *json,
                          gssize       length,
                          GError     **error)
{
  g_autofree char *reason = NULL;
  FtJsonSpan span;
  gsize offset;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  if (!g_utf8_validate_len (json, length, NULL))
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           _("The message is not valid UTF-8 text"));
      return NULL;
    }

  if (!ft_json_validate (json, length, FT_JSONL_MAX_DEPTH, NULL, &offset, &reason))
    {
      g_set_error (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                   /* Translators: "Column 5: <what is wrong>" */
                   _("Column %u: %s"), ft_json_count_columns (json, offset), reason);
      return NULL;
    }

  /* Trim the whitespace the validator allows around the value. */
  while (length > 0 && g_ascii_isspace (*json))
    {
      json++;
      length--;
    }
  while (length > 0 && g_ascii_isspace (json[length - 1]))
    length--;

  span.text = json;
  span.length = length;

  return _ft_message_new_from_span (&span);
}

/**
 * ft_message_copy:
 * @self: a #FtMessage
 *
 * Returns: (transfer full): a copy of @self that belongs to no example
 */
FtMessage *
ft_message_copy (FtMessage *self)
{
  FtMessage *copy;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  copy = g_object_new (FT_TYPE_MESSAGE, NULL);
  if (self->members != NULL)
    copy->members = _ft_members_copy (self->members);
  else
    copy->non_object = g_strdup (self->non_object);
  refresh (copy);

  return copy;
}

/**
 * ft_message_get_role:
 * @self: a #FtMessage
 *
 * Returns: (nullable): the role as written, %NULL when missing or not a
 *   string
 */
const char *
ft_message_get_role (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  return self->role;
}

/**
 * ft_message_get_role_kind:
 * @self: a #FtMessage
 *
 * Returns: the role, %FT_ROLE_UNKNOWN when missing or unknown
 */
FtRole
ft_message_get_role_kind (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), FT_ROLE_UNKNOWN);

  return self->role_kind;
}

/**
 * ft_message_set_role:
 * @self: a #FtMessage
 * @role: (nullable): a role name; %NULL removes the key
 */
void
ft_message_set_role (FtMessage  *self,
                     const char *role)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (role == NULL || g_utf8_validate (role, -1, NULL));

  if (role != NULL && g_strcmp0 (role, self->role) == 0)
    return;

  change_member (self, "role", role != NULL ? json_string (role) : NULL);
}

/**
 * ft_message_set_role_kind:
 * @self: a #FtMessage
 * @role: a known role (not %FT_ROLE_UNKNOWN)
 */
void
ft_message_set_role_kind (FtMessage *self,
                          FtRole     role)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (ft_role_to_string (role) != NULL);

  ft_message_set_role (self, ft_role_to_string (role));
}

/**
 * ft_message_get_content_kind:
 * @self: a #FtMessage
 *
 * Returns: what kind of value "content" holds
 */
FtContentKind
ft_message_get_content_kind (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), FT_CONTENT_MISSING);

  return self->content_kind;
}

/**
 * ft_message_get_content:
 * @self: a #FtMessage
 *
 * Returns: (nullable): the content when it is a string ("\u0000" escapes
 *   show as U+FFFD), otherwise %NULL
 */
const char *
ft_message_get_content (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  return self->content;
}

/**
 * ft_message_set_content:
 * @self: a #FtMessage
 * @content: (nullable): the text, or %NULL for "content": null
 *
 * Makes the content a string (replacing content parts) or null.
 */
void
ft_message_set_content (FtMessage  *self,
                        const char *content)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (content == NULL || g_utf8_validate (content, -1, NULL));

  if (content != NULL)
    {
      if (self->content_kind == FT_CONTENT_STRING && g_strcmp0 (self->content, content) == 0)
        return;
      change_member (self, "content", json_string (content));
    }
  else
    {
      change_member (self, "content", g_strdup ("null"));
    }
}

/**
 * ft_message_remove_content:
 * @self: a #FtMessage
 *
 * Removes the "content" key (an assistant tool call may leave it out).
 */
void
ft_message_remove_content (FtMessage *self)
{
  g_return_if_fail (FT_IS_MESSAGE (self));

  change_member (self, "content", NULL);
}

/**
 * ft_message_dup_text:
 * @self: a #FtMessage
 *
 * Returns: (transfer full): the text to show: the string content, the text
 *   parts joined by newlines, the JSON of any other content, or ""
 */
char *
ft_message_dup_text (FtMessage *self)
{
  FtJsonSpan span;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  switch (self->content_kind)
    {
    case FT_CONTENT_STRING:
      return g_strdup (self->content);

    case FT_CONTENT_PARTS:
      {
        GString *text = g_string_new (NULL);
        guint n_parts = ft_message_get_n_parts (self);

        for (guint i = 0; i < n_parts; i++)
          {
            g_autofree char *part = NULL;

            if (ft_message_get_part_kind (self, i) != FT_PART_TEXT)
              continue;
            part = ft_message_dup_part_text (self, i);
            if (part == NULL)
              continue;
            if (text->len > 0)
              g_string_append_c (text, '\n');
            g_string_append (text, part);
          }
        return g_string_free (text, FALSE);
      }

    case FT_CONTENT_OTHER:
      if (_ft_members_get_span (self->members, "content", &span))
        return g_strndup (span.text, span.length);
      return g_strdup ("");

    case FT_CONTENT_MISSING:
    case FT_CONTENT_NULL:
    default:
      return g_strdup ("");
    }
}

/**
 * ft_message_get_name:
 * @self: a #FtMessage
 *
 * Returns: (nullable): the "name" of the participant, or %NULL
 */
const char *
ft_message_get_name (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  return self->name;
}

/**
 * ft_message_set_name:
 * @self: a #FtMessage
 * @name: (nullable): a name; %NULL removes the key
 */
void
ft_message_set_name (FtMessage  *self,
                     const char *name)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));

  if (name != NULL && g_strcmp0 (name, self->name) == 0)
    return;

  change_member (self, "name", name != NULL ? json_string (name) : NULL);
}

/**
 * ft_message_get_weight:
 * @self: a #FtMessage
 *
 * Returns: 0 or 1, or -1 when there is no weight (or one that is not 0
 *   or 1; ft_message_dup_member() shows it)
 */
int
ft_message_get_weight (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), -1);

  return self->weight;
}

/**
 * ft_message_set_weight:
 * @self: a #FtMessage
 * @weight: 0, 1, or -1 to remove the key
 */
void
ft_message_set_weight (FtMessage *self,
                       int        weight)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (weight >= -1 && weight <= 1);

  if (weight >= 0 && weight == self->weight)
    return;

  change_member (self, "weight", weight >= 0 ? g_strdup_printf ("%d", weight) : NULL);
}

/**
 * ft_message_get_tool_call_id:
 * @self: a #FtMessage
 *
 * Returns: (nullable): the "tool_call_id" of a tool message
 */
const char *
ft_message_get_tool_call_id (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  return self->tool_call_id;
}

/**
 * ft_message_set_tool_call_id:
 * @self: a #FtMessage
 * @tool_call_id: (nullable): the id; %NULL removes the key
 */
void
ft_message_set_tool_call_id (FtMessage  *self,
                             const char *tool_call_id)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (tool_call_id == NULL || g_utf8_validate (tool_call_id, -1, NULL));

  if (tool_call_id != NULL && g_strcmp0 (tool_call_id, self->tool_call_id) == 0)
    return;

  change_member (self, "tool_call_id", tool_call_id != NULL ? json_string (tool_call_id) : NULL);
}

/**
 * ft_message_get_n_tool_calls:
 * @self: a #FtMessage
 *
 * Returns: the number of entries in "tool_calls" (0 when absent)
 */
guint
ft_message_get_n_tool_calls (FtMessage *self)
{
  FtJsonSpan span;
  FtJsonSpan element;
  FtJsonIter iter;
  guint n = 0;

  g_return_val_if_fail (FT_IS_MESSAGE (self), 0);

  if (self->members == NULL || !_ft_members_get_span (self->members, "tool_calls", &span))
    return 0;

  ft_json_iter_init_array (&iter, span.text, span.length);
  while (ft_json_iter_next_element (&iter, &element))
    n++;

  return n;
}

/**
 * ft_message_dup_tool_calls:
 * @self: a #FtMessage
 *
 * Returns: (transfer full) (nullable): the "tool_calls" value, or %NULL
 */
JsonNode *
ft_message_dup_tool_calls (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  return dup_member_node (self, "tool_calls");
}

/**
 * ft_message_set_tool_calls:
 * @self: a #FtMessage
 * @tool_calls: (nullable): the new "tool_calls" value; %NULL removes it
 */
void
ft_message_set_tool_calls (FtMessage *self,
                           JsonNode  *tool_calls)
{
  g_return_if_fail (FT_IS_MESSAGE (self));

  change_member (self, "tool_calls",
                 tool_calls != NULL ? ft_json_node_to_string (tool_calls) : NULL);
}

/**
 * ft_message_append_tool_call:
 * @self: a #FtMessage
 * @id: the call id
 * @function_name: the function called
 * @arguments: the arguments, a JSON text in a string
 *
 * Appends {"id", "type": "function", "function": {"name", "arguments"}}
 * to "tool_calls".
 */
void
ft_message_append_tool_call (FtMessage  *self,
                             const char *id,
                             const char *function_name,
                             const char *arguments)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonArray) array = NULL;
  JsonObject *call;
  JsonObject *function;

  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (function_name != NULL);
  g_return_if_fail (arguments != NULL);

  node = ft_message_dup_tool_calls (self);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    array = json_array_ref (json_node_get_array (node));
  else
    array = json_array_new ();

  call = json_object_new ();
  json_object_set_string_member (call, "id", id);
  json_object_set_string_member (call, "type", "function");
  function = json_object_new ();
  json_object_set_string_member (function, "name", function_name);
  json_object_set_string_member (function, "arguments", arguments);
  json_object_set_object_member (call, "function", function);
  json_array_add_object_element (array, call);

  g_clear_pointer (&node, json_node_unref);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  ft_message_set_tool_calls (self, node);
}

/**
 * ft_message_dup_function_call:
 * @self: a #FtMessage
 *
 * Returns: (transfer full) (nullable): the legacy "function_call" value
 */
JsonNode *
ft_message_dup_function_call (FtMessage *self)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  return dup_member_node (self, "function_call");
}

/**
 * ft_message_set_function_call:
 * @self: a #FtMessage
 * @function_call: (nullable): the new value; %NULL removes the key
 */
void
ft_message_set_function_call (FtMessage *self,
                              JsonNode  *function_call)
{
  g_return_if_fail (FT_IS_MESSAGE (self));

  change_member (self, "function_call",
                 function_call != NULL ? ft_json_node_to_string (function_call) : NULL);
}

/**
 * ft_message_get_n_parts:
 * @self: a #FtMessage
 *
 * Returns: the number of content parts (0 unless the content is an array)
 */
guint
ft_message_get_n_parts (FtMessage *self)
{
  FtJsonSpan span;
  FtJsonSpan part;
  FtJsonIter iter;
  guint n = 0;

  g_return_val_if_fail (FT_IS_MESSAGE (self), 0);

  if (self->content_kind != FT_CONTENT_PARTS
      || !_ft_members_get_span (self->members, "content", &span))
    return 0;

  ft_json_iter_init_array (&iter, span.text, span.length);
  while (ft_json_iter_next_element (&iter, &part))
    n++;

  return n;
}

/**
 * ft_message_get_part_kind:
 * @self: a #FtMessage
 * @index: a part index
 *
 * Returns: what the part is
 */
FtPartKind
ft_message_get_part_kind (FtMessage *self,
                          guint      index)
{
  FtJsonSpan part;

  g_return_val_if_fail (FT_IS_MESSAGE (self), FT_PART_OTHER);

  if (!get_part_span (self, index, &part))
    return FT_PART_OTHER;

  return classify_part (&part);
}

/**
 * ft_message_dup_part_text:
 * @self: a #FtMessage
 * @index: the index of a text part
 *
 * Returns: (transfer full) (nullable): the part's "text", or %NULL
 */
char *
ft_message_dup_part_text (FtMessage *self,
                          guint      index)
{
  FtJsonSpan part;
  FtJsonSpan text;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  if (!get_part_span (self, index, &part)
      || !get_part_member (&part, "text", &text)
      || !ft_json_span_is_string (&text))
    return NULL;

  return ft_json_span_dup_string (&text, G_MAXSIZE, NULL);
}

/**
 * ft_message_dup_part_image_url:
 * @self: a #FtMessage
 * @index: the index of an image part
 *
 * Returns: (transfer full) (nullable): the part's "image_url"."url", or
 *   %NULL
 */
char *
ft_message_dup_part_image_url (FtMessage *self,
                               guint      index)
{
  FtJsonSpan part;
  FtJsonSpan image;
  FtJsonSpan url;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  if (!get_part_span (self, index, &part) || !get_part_member (&part, "image_url", &image))
    return NULL;

  /* The older shorthand {"image_url": "https://…"} is read too. */
  if (ft_json_span_is_string (&image))
    return ft_json_span_dup_string (&image, G_MAXSIZE, NULL);

  if (!get_part_member (&image, "url", &url) || !ft_json_span_is_string (&url))
    return NULL;

  return ft_json_span_dup_string (&url, G_MAXSIZE, NULL);
}

/**
 * ft_message_set_part_text:
 * @self: a #FtMessage
 * @index: the index of a part
 * @text: the new text
 *
 * Sets the "text" of a content part, keeping its other keys.
 */
void
ft_message_set_part_text (FtMessage  *self,
                          guint       index,
                          const char *text)
{
  g_autoptr(JsonArray) parts = NULL;
  JsonNode *element;

  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (text != NULL);

  parts = dup_parts (self);
  g_return_if_fail (index < json_array_get_length (parts));

  element = json_array_get_element (parts, index);
  g_return_if_fail (JSON_NODE_HOLDS_OBJECT (element));

  json_object_set_string_member (json_node_get_object (element), "text", text);
  set_parts (self, parts);
}

/**
 * ft_message_append_text_part:
 * @self: a #FtMessage
 * @text: the text
 *
 * Appends {"type": "text", "text": …}. A string content becomes the first
 * text part.
 */
void
ft_message_append_text_part (FtMessage  *self,
                             const char *text)
{
  g_autoptr(JsonArray) parts = NULL;
  JsonObject *part;

  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (text != NULL);

  parts = dup_parts (self);
  if (self->content_kind == FT_CONTENT_STRING)
    {
      JsonObject *first = json_object_new ();

      json_object_set_string_member (first, "type", "text");
      json_object_set_string_member (first, "text", self->content);
      json_array_add_object_element (parts, first);
    }

  part = json_object_new ();
  json_object_set_string_member (part, "type", "text");
  json_object_set_string_member (part, "text", text);
  json_array_add_object_element (parts, part);
  set_parts (self, parts);
}

/**
 * ft_message_append_image_part:
 * @self: a #FtMessage
 * @url: an https: or data: URL
 *
 * Appends {"type": "image_url", "image_url": {"url": …}}. A string content
 * becomes the first text part.
 */
void
ft_message_append_image_part (FtMessage  *self,
                              const char *url)
{
  g_autoptr(JsonArray) parts = NULL;
  JsonObject *part;
  JsonObject *image;

  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (url != NULL);

  parts = dup_parts (self);
  if (self->content_kind == FT_CONTENT_STRING)
    {
      JsonObject *first = json_object_new ();

      json_object_set_string_member (first, "type", "text");
      json_object_set_string_member (first, "text", self->content);
      json_array_add_object_element (parts, first);
    }

  part = json_object_new ();
  json_object_set_string_member (part, "type", "image_url");
  image = json_object_new ();
  json_object_set_string_member (image, "url", url);
  json_object_set_object_member (part, "image_url", image);
  json_array_add_object_element (parts, part);
  set_parts (self, parts);
}

/**
 * ft_message_remove_part:
 * @self: a #FtMessage
 * @index: the index of a part
 */
void
ft_message_remove_part (FtMessage *self,
                        guint      index)
{
  g_autoptr(JsonArray) parts = NULL;

  g_return_if_fail (FT_IS_MESSAGE (self));

  parts = dup_parts (self);
  g_return_if_fail (index < json_array_get_length (parts));

  json_array_remove_element (parts, index);
  set_parts (self, parts);
}

/**
 * ft_message_dup_member:
 * @self: a #FtMessage
 * @name: a key
 *
 * Reads any key of the message, known to the app or not.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when absent
 */
JsonNode *
ft_message_dup_member (FtMessage  *self,
                       const char *name)
{
  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return dup_member_node (self, name);
}

/**
 * ft_message_set_member:
 * @self: a #FtMessage
 * @name: a key
 * @value: (nullable): the new value; %NULL removes the key
 *
 * Sets any key of the message, known to the app or not.
 */
void
ft_message_set_member (FtMessage  *self,
                       const char *name,
                       JsonNode   *value)
{
  g_return_if_fail (FT_IS_MESSAGE (self));
  g_return_if_fail (name != NULL);

  change_member (self, name, value != NULL ? ft_json_node_to_string (value) : NULL);
}

/**
 * ft_message_dup_member_names:
 * @self: a #FtMessage
 *
 * Returns: (transfer full): the keys in file order (empty when the message
 *   is not an object)
 */
char **
ft_message_dup_member_names (FtMessage *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->members != NULL && i < self->members->len; i++)
    {
      const FtMember *member = g_ptr_array_index (self->members, i);

      g_strv_builder_add (builder, member->name);
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return names;
}

/**
 * ft_message_to_string:
 * @self: a #FtMessage
 *
 * Returns: (transfer full): the message as one line of JSON
 */
char *
ft_message_to_string (FtMessage *self)
{
  GString *out;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  out = g_string_new (NULL);
  _ft_message_append_json (self, out);

  return g_string_free (out, FALSE);
}

/**
 * ft_message_to_json_node:
 * @self: a #FtMessage
 *
 * Returns: (transfer full): the message as a JSON value
 */
JsonNode *
ft_message_to_json_node (FtMessage *self)
{
  g_autofree char *text = NULL;
  FtJsonSpan span;

  g_return_val_if_fail (FT_IS_MESSAGE (self), NULL);

  text = ft_message_to_string (self);
  span.text = text;
  span.length = strlen (text);

  return ft_json_span_parse (&span);
}

/**
 * ft_message_equal:
 * @a: a #FtMessage
 * @b: a #FtMessage
 *
 * Returns: %TRUE when both messages have the same JSON text
 */
gboolean
ft_message_equal (FtMessage *a,
                  FtMessage *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_return_val_if_fail (FT_IS_MESSAGE (a), FALSE);
  g_return_val_if_fail (FT_IS_MESSAGE (b), FALSE);

  text_a = ft_message_to_string (a);
  text_b = ft_message_to_string (b);

  return strcmp (text_a, text_b) == 0;
}
