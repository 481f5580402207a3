/* ft-example.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-example"

#include "config.h"

#include "ft-example.h"

#include "ft-dataset-private.h"
#include "ft-error.h"
#include "ft-members-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* An example is cheap until someone looks inside. Loaded from a file it
 * holds only the exact bytes of its line, a short summary for list rows
 * (title, preview, message count) and its kind: no JsonNode tree and no
 * message objects, so 100k examples cost little more than the file.
 *
 * The first call that needs the messages "materializes" the example: the
 * top-level members are split out with their exact value text, and each
 * message list becomes a GListStore of FtMessage. An edit drops the cached
 * line; the next ft_example_get_bytes() writes the members back, with the
 * live message lists in place of their original text. Unedited examples are
 * therefore saved byte for byte.
 */

/* A list row shows one line of each, about 45 characters in a 340 px
 * sidebar. The summary is kept for every example, so it holds little more
 * than that: at these lengths 100,000 examples keep about 10 MB less than
 * at 120 and 160 bytes.
 */
#define TITLE_MAX    80
#define PREVIEW_MAX  64
#define DECODE_MAX   4096

/* Which top-level keys an object has, for classifying it. */
enum
{
  HAS_MESSAGES       = 1 << 0,
  HAS_INPUT          = 1 << 1,
  HAS_PREFERRED      = 1 << 2,
  HAS_PROMPT         = 1 << 3,
};

typedef struct
{
  GPtrArray  *members;        /* top level; NULL unless an object */
  GPtrArray  *input_members;  /* "input" of a preference example */
  GListStore *lists[3];       /* indexed by FtMessageList */
  guint       live;           /* bit (1 << list) set when lists[list] is written */
} ExampleData;

struct _FtExample
{
  GObject       parent_instance;

  /* borrowed */
  FtDataset    *dataset;

  /* owned */
  GBytes       *raw;            /* the current line; NULL after an edit until rebuilt */
  char         *summary;        /* "title\0preview\0" */
  char         *error_message;  /* for broken examples */
  ExampleData  *data;           /* NULL until materialized */

  /* a checker's report; see _ft_example_set_check_report() */
  gpointer        check_report;
  GDestroyNotify  check_report_free;
  guint           check_owner;
  guint           check_generation;

  guint64       source_line;
  guint         n_messages;
  guint         error_column;
  guint8        kind;
  guint8        bits;
  guint8        counted_bits;
};

G_DEFINE_FINAL_TYPE (FtExample, ft_example, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FtExampleKind, ft_example_kind,
  G_DEFINE_ENUM_VALUE (FT_EXAMPLE_KIND_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (FT_EXAMPLE_KIND_PREFERENCE, "preference"),
  G_DEFINE_ENUM_VALUE (FT_EXAMPLE_KIND_PROMPT_COMPLETION, "prompt-completion"),
  G_DEFINE_ENUM_VALUE (FT_EXAMPLE_KIND_OTHER, "other"),
  G_DEFINE_ENUM_VALUE (FT_EXAMPLE_KIND_NOT_OBJECT, "not-object"),
  G_DEFINE_ENUM_VALUE (FT_EXAMPLE_KIND_BROKEN, "broken"))

G_DEFINE_ENUM_TYPE (FtMessageList, ft_message_list,
  G_DEFINE_ENUM_VALUE (FT_MESSAGE_LIST_MESSAGES, "messages"),
  G_DEFINE_ENUM_VALUE (FT_MESSAGE_LIST_PREFERRED, "preferred"),
  G_DEFINE_ENUM_VALUE (FT_MESSAGE_LIST_NON_PREFERRED, "non-preferred"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_SOURCE_LINE,
  PROP_BROKEN,
  PROP_ERROR_MESSAGE,
  PROP_ERROR_COLUMN,
  PROP_TITLE,
  PROP_PREVIEW,
  PROP_N_MESSAGES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Summaries */

/* Cuts @text to at most @max bytes at a character boundary, adding "…". */
static void
truncate_text (GString *text,
               gsize    max)
{
  gsize cut;

  if (text->len <= max)
    return;

  cut = max;
  while (cut > 0 && ((guchar)text->str[cut] & 0xC0) == 0x80)
    cut--;
  g_string_truncate (text, cut);
  g_string_append (text, "…");
}

/* The first line that is not blank, trimmed. */
static char *
make_title (const char *text)
{
  GString *title = g_string_new (NULL);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *end = strchr (p, '\n');
      gsize len = end != NULL ? (gsize)(end - p) : strlen (p);
      const char *start = p;

      while (len > 0 && g_ascii_isspace (*start))
        {
          start++;
          len--;
        }
      while (len > 0 && g_ascii_isspace (start[len - 1]))
        len--;

      if (len > 0)
        {
          g_string_append_len (title, start, len);
          break;
        }
      p = end != NULL ? end + 1 : NULL;
    }

  truncate_text (title, TITLE_MAX);

  return g_string_free (title, FALSE);
}

/* The text with every run of whitespace made one space, trimmed. */
static char *
make_preview (const char *text)
{
  GString *preview = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0' && preview->len <= PREVIEW_MAX; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = preview->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (preview, ' ');
      space = FALSE;
      g_string_append_c (preview, *p);
    }

  truncate_text (preview, PREVIEW_MAX);

  return g_string_free (preview, FALSE);
}

static void
set_summary (FtExample  *self,
             const char *title,
             const char *preview)
{
  gsize title_len;
  gsize preview_len;

  g_assert (FT_IS_EXAMPLE (self));

  if (title == NULL)
    title = "";
  if (preview == NULL)
    preview = "";

  title_len = strlen (title);
  preview_len = strlen (preview);

  g_free (self->summary);
  self->summary = g_malloc (title_len + preview_len + 2);
  memcpy (self->summary, title, title_len + 1);
  memcpy (self->summary + title_len + 1, preview, preview_len + 1);
}

static gboolean
span_member (const FtJsonSpan *object,
             const char       *name,
             FtJsonSpan       *value)
{
  FtJsonIter iter;
  FtJsonSpan member;
  gboolean found = FALSE;
  FtJsonSpan candidate;

  /* The last member with the name wins. */
  ft_json_iter_init_object (&iter, object->text, object->length);
  while (ft_json_iter_next_member (&iter, &member, &candidate))
    {
      if (ft_json_span_equal (&member, name))
        {
          *value = candidate;
          found = TRUE;
        }
    }

  return found;
}

/* The text of a "content" value: a string, or the first text part. */
static char *
span_content_text (const FtJsonSpan *content)
{
  if (ft_json_span_is_string (content))
    return ft_json_span_dup_string (content, DECODE_MAX, NULL);

  if (ft_json_span_get_node_type (content) == JSON_NODE_ARRAY)
    {
      FtJsonIter iter;
      FtJsonSpan part;

      ft_json_iter_init_array (&iter, content->text, content->length);
      while (ft_json_iter_next_element (&iter, &part))
        {
          FtJsonSpan type;
          FtJsonSpan text;

          if (span_member (&part, "type", &type) && ft_json_span_equal (&type, "text")
              && span_member (&part, "text", &text) && ft_json_span_is_string (&text))
            return ft_json_span_dup_string (&text, DECODE_MAX, NULL);
        }
    }

  return NULL;
}

/* "name()" for each tool call, as a preview of an assistant turn that only
 * calls tools.
 */
static char *
span_calls_text (const FtJsonSpan *message)
{
  GString *text = g_string_new (NULL);
  FtJsonSpan calls;
  FtJsonSpan call;

  if (span_member (message, "tool_calls", &calls))
    {
      FtJsonIter iter;

      ft_json_iter_init_array (&iter, calls.text, calls.length);
      while (ft_json_iter_next_element (&iter, &call))
        {
          FtJsonSpan function;
          FtJsonSpan name;

          if (span_member (&call, "function", &function)
              && span_member (&function, "name", &name)
              && ft_json_span_is_string (&name))
            {
              g_autofree char *decoded = ft_json_span_dup_string (&name, TITLE_MAX, NULL);

              if (text->len > 0)
                g_string_append (text, ", ");
              g_string_append_printf (text, "%s()", decoded);
            }
        }
    }
  else if (span_member (message, "function_call", &call))
    {
      FtJsonSpan name;

      if (span_member (&call, "name", &name) && ft_json_span_is_string (&name))
        {
          g_autofree char *decoded = ft_json_span_dup_string (&name, TITLE_MAX, NULL);

          g_string_append_printf (text, "%s()", decoded);
        }
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

typedef struct
{
  guint  n_messages;
  guint  bits;
  char  *title;
  char  *preview;
} Summary;

static void
summarize_messages (const FtJsonSpan *messages,
                    Summary          *summary,
                    gboolean          want_preview)
{
  FtJsonIter iter;
  FtJsonSpan message;

  ft_json_iter_init_array (&iter, messages->text, messages->length);
  while (ft_json_iter_next_element (&iter, &message))
    {
      FtJsonSpan role;
      FtJsonSpan content;
      gboolean is_user;
      gboolean is_assistant;

      summary->n_messages++;

      if (!span_member (&message, "role", &role))
        continue;

      is_user = ft_json_span_equal (&role, "user");
      is_assistant = !is_user && ft_json_span_equal (&role, "assistant");

      if (is_assistant)
        summary->bits |= FT_EXAMPLE_BIT_HAS_ASSISTANT;

      if (is_user && summary->title == NULL && span_member (&message, "content", &content))
        {
          g_autofree char *text = span_content_text (&content);

          if (text != NULL)
            summary->title = make_title (text);
        }
      else if (is_assistant && want_preview && summary->preview == NULL)
        {
          g_autofree char *text = NULL;

          if (span_member (&message, "content", &content))
            text = span_content_text (&content);
          if (text == NULL || text[0] == '\0')
            {
              g_free (text);
              text = span_calls_text (&message);
            }
          if (text != NULL)
            summary->preview = make_preview (text);
        }
    }
}

static guint
classify_name (const FtJsonSpan *name)
{
  if (ft_json_span_equal (name, "messages"))
    return HAS_MESSAGES;
  if (ft_json_span_equal (name, "input"))
    return HAS_INPUT;
  if (ft_json_span_equal (name, "preferred_output")
      || ft_json_span_equal (name, "non_preferred_output")
      || ft_json_span_equal (name, "preferred_completion")
      || ft_json_span_equal (name, "non_preferred_completion"))
    return HAS_PREFERRED;
  if (ft_json_span_equal (name, "prompt") || ft_json_span_equal (name, "completion"))
    return HAS_PROMPT;

  return 0;
}

static FtExampleKind
kind_from_keys (guint keys)
{
  if (keys & HAS_MESSAGES)
    return FT_EXAMPLE_KIND_CHAT;
  if (keys & (HAS_PREFERRED | HAS_INPUT))
    return FT_EXAMPLE_KIND_PREFERENCE;
  if (keys & HAS_PROMPT)
    return FT_EXAMPLE_KIND_PROMPT_COMPLETION;

  return FT_EXAMPLE_KIND_OTHER;
}

static guint
bits_for_kind (FtExampleKind kind)
{
  switch (kind)
    {
    case FT_EXAMPLE_KIND_CHAT:
      return FT_EXAMPLE_BIT_CHAT;
    case FT_EXAMPLE_KIND_PREFERENCE:
      return FT_EXAMPLE_BIT_PREFERENCE;
    case FT_EXAMPLE_KIND_PROMPT_COMPLETION:
      return FT_EXAMPLE_BIT_PROMPT;
    case FT_EXAMPLE_KIND_OTHER:
    case FT_EXAMPLE_KIND_NOT_OBJECT:
    case FT_EXAMPLE_KIND_BROKEN:
    default:
      return 0;
    }
}

/* Reads kind and summary from validated text, without building anything. */
static void
summarize_span (FtExample        *self,
                const FtJsonSpan *line)
{
  Summary summary = { 0 };
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan value;
  guint keys = 0;

  g_assert (FT_IS_EXAMPLE (self));

  if (!ft_json_iter_init_object (&iter, line->text, line->length))
    {
      g_autoptr(GString) title = g_string_new_len (line->text, MIN (line->length, DECODE_MAX));

      truncate_text (title, TITLE_MAX);
      self->kind = FT_EXAMPLE_KIND_NOT_OBJECT;
      self->bits = 0;
      self->n_messages = 0;
      set_summary (self, title->str, NULL);
      return;
    }

  while (ft_json_iter_next_member (&iter, &name, &value))
    keys |= classify_name (&name);

  self->kind = kind_from_keys (keys);

  switch (self->kind)
    {
    case FT_EXAMPLE_KIND_CHAT:
      if (span_member (line, "messages", &value))
        summarize_messages (&value, &summary, TRUE);
      break;

    case FT_EXAMPLE_KIND_PREFERENCE:
      {
        FtJsonSpan input;
        FtJsonSpan output;

        if (span_member (line, "input", &input) && span_member (&input, "messages", &value))
          summarize_messages (&value, &summary, FALSE);

        if (span_member (line, "preferred_output", &output)
            || span_member (line, "preferred_completion", &output))
          {
            Summary preferred = { 0 };

            summarize_messages (&output, &preferred, TRUE);
            summary.preview = g_steal_pointer (&preferred.preview);
            g_free (preferred.title);
          }
      }
      break;

    case FT_EXAMPLE_KIND_PROMPT_COMPLETION:
      if (span_member (line, "prompt", &value) && ft_json_span_is_string (&value))
        {
          g_autofree char *text = ft_json_span_dup_string (&value, DECODE_MAX, NULL);

          summary.title = make_title (text);
        }
      if (span_member (line, "completion", &value) && ft_json_span_is_string (&value))
        {
          g_autofree char *text = ft_json_span_dup_string (&value, DECODE_MAX, NULL);

          summary.preview = make_preview (text);
        }
      break;

    case FT_EXAMPLE_KIND_OTHER:
    case FT_EXAMPLE_KIND_NOT_OBJECT:
    case FT_EXAMPLE_KIND_BROKEN:
    default:
      break;
    }

  self->bits = bits_for_kind (self->kind) | summary.bits;
  self->n_messages = summary.n_messages;
  set_summary (self, summary.title, summary.preview);
  g_free (summary.title);
  g_free (summary.preview);
}

/* Materialized data */

/* Copies @length bytes, NUL bytes included (g_strndup() stops at the
 * first), and adds a NUL after them.
 */
static char *
dup_bytes (const char *text,
           gsize       length)
{
  char *copy = g_malloc (length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';

  return copy;
}

static GBytes *
bytes_new_text (const char *text,
                gsize       length)
{
  /* Keep a NUL after the text so it can be used as a C string. */
  return g_bytes_new_take (dup_bytes (text, length), length);
}

static void
detach_messages (GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FtMessage) message = g_list_model_get_item (G_LIST_MODEL (store), i);

      _ft_message_set_example (message, NULL);
    }
}

static void
example_data_free (ExampleData *data)
{
  for (guint i = 0; i < G_N_ELEMENTS (data->lists); i++)
    {
      detach_messages (data->lists[i]);
      g_object_unref (data->lists[i]);
    }
  g_clear_pointer (&data->members, g_ptr_array_unref);
  g_clear_pointer (&data->input_members, g_ptr_array_unref);
  g_free (data);
}

static void
fill_list (FtExample        *self,
           FtMessageList     list,
           const FtJsonSpan *array)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  FtJsonIter iter;
  FtJsonSpan element;

  ft_json_iter_init_array (&iter, array->text, array->length);
  while (ft_json_iter_next_element (&iter, &element))
    {
      FtMessage *message = _ft_message_new_from_span (&element);

      _ft_message_set_example (message, self);
      g_ptr_array_add (messages, message);
    }

  g_list_store_splice (self->data->lists[list], 0, 0, messages->pdata, messages->len);
  self->data->live |= 1u << list;
}

/* Removes all but the last member called @name, which is the one readers
 * use; the live list then stands for exactly one member.
 */
static void
keep_last_member (GPtrArray  *members,
                  const char *name)
{
  int last = _ft_members_find (members, name);

  for (int i = last - 1; i >= 0; i--)
    {
      const FtMember *member = g_ptr_array_index (members, i);

      if (strcmp (member->name, name) == 0)
        g_ptr_array_remove_index (members, i);
    }
}

/* Splits the current line into members and message objects. The stores
 * exist already (they outlive reloads so that views stay connected).
 */
static void
materialize (FtExample *self)
{
  ExampleData *data = self->data;
  FtJsonSpan line;
  FtJsonSpan span;
  gsize length;

  g_assert (FT_IS_EXAMPLE (self));
  g_assert (data != NULL && data->members == NULL);

  if (self->kind == FT_EXAMPLE_KIND_BROKEN || self->kind == FT_EXAMPLE_KIND_NOT_OBJECT)
    return;

  line.text = g_bytes_get_data (self->raw, &length);
  line.length = length;
  data->members = _ft_members_new_from_span (&line);

  if (self->kind == FT_EXAMPLE_KIND_CHAT)
    {
      keep_last_member (data->members, "messages");
      if (_ft_members_get_span (data->members, "messages", &span)
          && ft_json_span_get_node_type (&span) == JSON_NODE_ARRAY)
        fill_list (self, FT_MESSAGE_LIST_MESSAGES, &span);
    }
  else if (self->kind == FT_EXAMPLE_KIND_PREFERENCE)
    {
      /* Read the old names; an edited line is written with the new ones. */
      if (_ft_members_find (data->members, "preferred_output") < 0)
        _ft_members_rename (data->members, "preferred_completion", "preferred_output");
      if (_ft_members_find (data->members, "non_preferred_output") < 0)
        _ft_members_rename (data->members, "non_preferred_completion", "non_preferred_output");

      keep_last_member (data->members, "input");
      keep_last_member (data->members, "preferred_output");
      keep_last_member (data->members, "non_preferred_output");

      if (_ft_members_get_span (data->members, "input", &span)
          && ft_json_span_get_node_type (&span) == JSON_NODE_OBJECT)
        {
          data->input_members = _ft_members_new_from_span (&span);
          keep_last_member (data->input_members, "messages");
          if (_ft_members_get_span (data->input_members, "messages", &span)
              && ft_json_span_get_node_type (&span) == JSON_NODE_ARRAY)
            fill_list (self, FT_MESSAGE_LIST_MESSAGES, &span);
        }

      if (_ft_members_get_span (data->members, "preferred_output", &span)
          && ft_json_span_get_node_type (&span) == JSON_NODE_ARRAY)
        fill_list (self, FT_MESSAGE_LIST_PREFERRED, &span);

      if (_ft_members_get_span (data->members, "non_preferred_output", &span)
          && ft_json_span_get_node_type (&span) == JSON_NODE_ARRAY)
        fill_list (self, FT_MESSAGE_LIST_NON_PREFERRED, &span);
    }
}

static void
ensure_data (FtExample *self)
{
  g_assert (FT_IS_EXAMPLE (self));

  if (self->data != NULL)
    return;

  self->data = g_new0 (ExampleData, 1);
  for (guint i = 0; i < G_N_ELEMENTS (self->data->lists); i++)
    self->data->lists[i] = g_list_store_new (FT_TYPE_MESSAGE);

  materialize (self);
}

/* Empties the materialized data before the line is replaced. */
static void
drop_content (FtExample *self)
{
  ExampleData *data = self->data;

  g_assert (FT_IS_EXAMPLE (self));

  if (data == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (data->lists); i++)
    {
      detach_messages (data->lists[i]);
      g_list_store_remove_all (data->lists[i]);
    }
  g_clear_pointer (&data->members, g_ptr_array_unref);
  g_clear_pointer (&data->input_members, g_ptr_array_unref);
  data->live = 0;
}

static void
append_list (GString    *out,
             GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FtMessage) message = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (i > 0)
        g_string_append_c (out, ',');
      _ft_message_append_json (message, out);
    }
  g_string_append_c (out, ']');
}

static void
append_members (FtExample *self,
                GString   *out,
                GPtrArray *members,
                gboolean   is_input)
{
  ExampleData *data = self->data;
  gboolean preference = self->kind == FT_EXAMPLE_KIND_PREFERENCE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      const FtMember *member = g_ptr_array_index (members, i);

      if (i > 0)
        g_string_append_c (out, ',');
      _ft_members_append_name (out, member);

      if ((data->live & (1u << FT_MESSAGE_LIST_MESSAGES))
          && (is_input || !preference)
          && strcmp (member->name, "messages") == 0)
        append_list (out, data->lists[FT_MESSAGE_LIST_MESSAGES]);
      else if (preference && !is_input && data->input_members != NULL
               && strcmp (member->name, "input") == 0)
        append_members (self, out, data->input_members, TRUE);
      else if (preference && !is_input && (data->live & (1u << FT_MESSAGE_LIST_PREFERRED))
               && strcmp (member->name, "preferred_output") == 0)
        append_list (out, data->lists[FT_MESSAGE_LIST_PREFERRED]);
      else if (preference && !is_input && (data->live & (1u << FT_MESSAGE_LIST_NON_PREFERRED))
               && strcmp (member->name, "non_preferred_output") == 0)
        append_list (out, data->lists[FT_MESSAGE_LIST_NON_PREFERRED]);
      else
        g_string_append (out, member->value);
    }
  g_string_append_c (out, '}');
}

/* Summary of a materialized example */

static char *
message_preview_text (FtMessage *message)
{
  g_autofree char *text = ft_message_dup_text (message);
  g_autofree char *json = NULL;
  FtJsonSpan span;

  if (text[0] != '\0')
    return g_steal_pointer (&text);

  json = ft_message_to_string (message);
  span.text = json;
  span.length = strlen (json);

  return span_calls_text (&span);
}

static void
summarize_list (GListModel *list,
                Summary    *summary,
                gboolean    want_preview)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FtMessage) message = g_list_model_get_item (list, i);
      FtRole role = ft_message_get_role_kind (message);

      summary->n_messages++;

      if (role == FT_ROLE_ASSISTANT)
        summary->bits |= FT_EXAMPLE_BIT_HAS_ASSISTANT;

      if (role == FT_ROLE_USER && summary->title == NULL)
        {
          g_autofree char *text = ft_message_dup_text (message);

          summary->title = make_title (text);
        }
      else if (role == FT_ROLE_ASSISTANT && want_preview && summary->preview == NULL)
        {
          g_autofree char *text = message_preview_text (message);

          if (text != NULL)
            summary->preview = make_preview (text);
        }
    }
}

static guint
classify_members (GPtrArray *members)
{
  guint keys = 0;

  for (guint i = 0; i < members->len; i++)
    {
      const FtMember *member = g_ptr_array_index (members, i);
      g_autoptr(GString) quoted = g_string_new (NULL);
      FtJsonSpan name;

      ft_json_append_string (quoted, member->name, -1);
      name.text = quoted->str;
      name.length = quoted->len;
      keys |= classify_name (&name);
    }

  return keys;
}

/* Recomputes kind and summary after an edit and notifies what changed. */
static void
update_summary (FtExample *self)
{
  ExampleData *data = self->data;
  Summary summary = { 0 };
  g_autofree char *old_title = NULL;
  g_autofree char *old_preview = NULL;
  FtExampleKind old_kind = self->kind;
  guint old_n_messages = self->n_messages;
  FtJsonSpan span;

  g_assert (FT_IS_EXAMPLE (self));
  g_assert (data != NULL && data->members != NULL);

  old_title = g_strdup (ft_example_get_title (self));
  old_preview = g_strdup (ft_example_get_preview (self));

  self->kind = kind_from_keys (classify_members (data->members));

  switch (self->kind)
    {
    case FT_EXAMPLE_KIND_CHAT:
      summarize_list (G_LIST_MODEL (data->lists[FT_MESSAGE_LIST_MESSAGES]), &summary, TRUE);
      break;

    case FT_EXAMPLE_KIND_PREFERENCE:
      {
        Summary preferred = { 0 };

        summarize_list (G_LIST_MODEL (data->lists[FT_MESSAGE_LIST_MESSAGES]), &summary, FALSE);
        summarize_list (G_LIST_MODEL (data->lists[FT_MESSAGE_LIST_PREFERRED]), &preferred, TRUE);
        summary.preview = g_steal_pointer (&preferred.preview);
        g_free (preferred.title);
      }
      break;

    case FT_EXAMPLE_KIND_PROMPT_COMPLETION:
      if (_ft_members_get_span (data->members, "prompt", &span) && ft_json_span_is_string (&span))
        {
          g_autofree char *text = ft_json_span_dup_string (&span, DECODE_MAX, NULL);

          summary.title = make_title (text);
        }
      if (_ft_members_get_span (data->members, "completion", &span)
          && ft_json_span_is_string (&span))
        {
          g_autofree char *text = ft_json_span_dup_string (&span, DECODE_MAX, NULL);

          summary.preview = make_preview (text);
        }
      break;

    case FT_EXAMPLE_KIND_OTHER:
    case FT_EXAMPLE_KIND_NOT_OBJECT:
    case FT_EXAMPLE_KIND_BROKEN:
    default:
      break;
    }

  self->bits = bits_for_kind (self->kind) | summary.bits;
  self->n_messages = summary.n_messages;
  set_summary (self, summary.title, summary.preview);
  g_free (summary.title);
  g_free (summary.preview);

  if (old_kind != self->kind)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  if (old_n_messages != self->n_messages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MESSAGES]);
  if (strcmp (old_title, ft_example_get_title (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (strcmp (old_preview, ft_example_get_preview (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
}

/* Called after every edit of the content. */
static void
content_changed (FtExample *self)
{
  g_assert (FT_IS_EXAMPLE (self));

  g_clear_pointer (&self->raw, g_bytes_unref);
  update_summary (self);

  g_signal_emit (self, signals[CHANGED], 0);

  if (self->dataset != NULL)
    _ft_dataset_example_changed (self->dataset, self);
}

/* Sets the line (kind, summary, error) from @line. Safe in a worker thread
 * for a new example: it emits nothing.
 */
static void
load_line (FtExample         *self,
           const FtJsonlLine *original)
{
  g_autoptr(GError) error = NULL;
  FtJsonlLine trimmed = *original;
  const FtJsonlLine *line = &trimmed;
  guint column = 0;

  g_assert (FT_IS_EXAMPLE (self));

  /* A line saved with "\n" must read back the same, so a "\r" left at the
   * end (from "\r\r\n") goes: it can only be whitespace or part of a
   * broken line's junk.
   */
  while (trimmed.length > 0 && trimmed.text[trimmed.length - 1] == '\r')
    trimmed.length--;

  g_clear_pointer (&self->raw, g_bytes_unref);
  g_clear_pointer (&self->error_message, g_free);
  self->raw = bytes_new_text (line->text, line->length);
  self->error_column = 0;

  if (ft_jsonl_line_validate (line, &column, &error))
    {
      FtJsonSpan span = { line->text, line->length };

      summarize_span (self, &span);
      return;
    }

  {
    g_autofree char *valid = g_utf8_make_valid (line->text, MIN (line->length, DECODE_MAX));
    g_autoptr(GString) title = g_string_new (valid);

    g_strdelimit (title->str, "\t\r", ' ');
    truncate_text (title, TITLE_MAX);
    set_summary (self, title->str, NULL);
  }

  self->kind = FT_EXAMPLE_KIND_BROKEN;
  self->bits = 0;
  self->n_messages = 0;
  self->error_message = g_strdup (error->message);
  self->error_column = column;
}

static void
ft_example_finalize (GObject *object)
{
  FtExample *self = (FtExample *)object;

  g_clear_pointer (&self->raw, g_bytes_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->data, example_data_free);
  if (self->check_report_free != NULL)
    g_clear_pointer (&self->check_report, self->check_report_free);

  G_OBJECT_CLASS (ft_example_parent_class)->finalize (object);
}

static void
ft_example_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FtExample *self = FT_EXAMPLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_SOURCE_LINE:
      g_value_set_uint64 (value, self->source_line);
      break;
    case PROP_BROKEN:
      g_value_set_boolean (value, ft_example_get_broken (self));
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_ERROR_COLUMN:
      g_value_set_uint (value, self->error_column);
      break;
    case PROP_TITLE:
      g_value_set_string (value, ft_example_get_title (self));
      break;
    case PROP_PREVIEW:
      g_value_set_string (value, ft_example_get_preview (self));
      break;
    case PROP_N_MESSAGES:
      g_value_set_uint (value, self->n_messages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_example_class_init (FtExampleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_example_finalize;
  object_class->get_property = ft_example_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       FT_TYPE_EXAMPLE_KIND, FT_EXAMPLE_KIND_CHAT,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtExample:source-line:
   *
   * The 1-based line this example was read from; 0 for a new example.
   */
  properties[PROP_SOURCE_LINE] =
    g_param_spec_uint64 ("source-line", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BROKEN] =
    g_param_spec_boolean ("broken", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtExample:error-message:
   *
   * Why a broken example does not parse, naming the line and column.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR_COLUMN] =
    g_param_spec_uint ("error-column", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtExample:title:
   *
   * A one-line summary for list rows: the first line of the first user
   * message (of the prompt, or of a broken line's text).
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtExample:preview:
   *
   * The start of the first assistant reply (of the preferred output, of
   * the completion), or "name()" of the tools it calls.
   */
  properties[PROP_PREVIEW] =
    g_param_spec_string ("preview", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_MESSAGES] =
    g_param_spec_uint ("n-messages", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtExample::changed:
   *
   * Emitted after any change to the content, including its messages.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
ft_example_init (FtExample *self)
{
}

/* Private API */

FtExample *
_ft_example_new_from_line (const FtJsonlLine *line)
{
  FtExample *self = g_object_new (FT_TYPE_EXAMPLE, NULL);

  self->source_line = line->number;
  load_line (self, line);

  return self;
}

void
_ft_example_message_changed (FtExample *self)
{
  g_assert (FT_IS_EXAMPLE (self));

  content_changed (self);
}

FtDataset *
_ft_example_get_dataset (FtExample *self)
{
  g_assert (FT_IS_EXAMPLE (self));

  return self->dataset;
}

void
_ft_example_set_dataset (FtExample *self,
                         FtDataset *dataset)
{
  g_assert (FT_IS_EXAMPLE (self));

  self->dataset = dataset;
}

guint
_ft_example_get_bits (FtExample *self)
{
  g_assert (FT_IS_EXAMPLE (self));

  return self->bits;
}

guint
_ft_example_get_counted_bits (FtExample *self)
{
  g_assert (FT_IS_EXAMPLE (self));

  return self->counted_bits;
}

void
_ft_example_set_counted_bits (FtExample *self,
                              guint      bits)
{
  g_assert (FT_IS_EXAMPLE (self));

  self->counted_bits = bits;
}

/* A checker keeps its report on each example it checked, with its own
 * id and the generation of its results: a field rather than object data,
 * which would cost an allocation more per example (80 bytes with the
 * owner and generation beside it, against 24 here).
 */
gpointer
_ft_example_get_check_report (FtExample *self,
                              guint     *owner,
                              guint     *generation)
{
  g_assert (FT_IS_EXAMPLE (self));

  *owner = self->check_owner;
  *generation = self->check_generation;

  return self->check_report;
}

void
_ft_example_set_check_report (FtExample      *self,
                              gpointer        report,
                              GDestroyNotify  report_free,
                              guint           owner,
                              guint           generation)
{
  gpointer old_report = self->check_report;
  GDestroyNotify old_free = self->check_report_free;

  g_assert (FT_IS_EXAMPLE (self));

  self->check_report = report;
  self->check_report_free = report_free;
  self->check_owner = owner;
  self->check_generation = generation;

  if (old_report != NULL && old_free != NULL)
    old_free (old_report);
}

void
_ft_example_set_source_line (FtExample *self,
                             guint64    line)
{
  g_assert (FT_IS_EXAMPLE (self));

  if (self->source_line == line)
    return;

  self->source_line = line;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_LINE]);
}

/* Public API */

/**
 * ft_example_new:
 *
 * Returns: (transfer full): a new chat example with no messages
 */
FtExample *
ft_example_new (void)
{
  static const char empty[] = "{\"messages\":[]}";
  FtJsonlLine line;

  ft_jsonl_line_init (&line, 0, empty, strlen (empty));

  return _ft_example_new_from_line (&line);
}

/**
 * ft_example_new_preference:
 *
 * Returns: (transfer full): a new preference (DPO) example with empty
 *   input and outputs
 */
FtExample *
ft_example_new_preference (void)
{
  static const char empty[] =
    "{\"input\":{\"messages\":[]},\"preferred_output\":[],\"non_preferred_output\":[]}";
  FtJsonlLine line;

  ft_jsonl_line_init (&line, 0, empty, strlen (empty));

  return _ft_example_new_from_line (&line);
}

/* Line breaks cannot be part of a JSONL line; in valid JSON they can only
 * be whitespace between tokens, so they become spaces.
 */
static char *
dup_single_line (const char *text,
                 gssize      length,
                 gsize      *out_length)
{
  char *copy;

  if (length < 0)
    length = strlen (text);

  copy = dup_bytes (text, length);
  for (gssize i = 0; i < length; i++)
    {
      if (copy[i] == '\n' || copy[i] == '\r')
        copy[i] = ' ';
    }
  *out_length = length;

  return copy;
}

/**
 * ft_example_new_from_text:
 * @text: one JSON line (line breaks become spaces)
 * @length: its length, or -1 when NUL-terminated
 *
 * Creates an example from text. Text that does not parse makes a broken
 * example; this never fails.
 *
 * Returns: (transfer full): a new example
 */
FtExample *
ft_example_new_from_text (const char *text,
                          gssize      length)
{
  g_autofree char *single = NULL;
  FtJsonlLine line;
  gsize single_length;

  g_return_val_if_fail (text != NULL, NULL);

  single = dup_single_line (text, length, &single_length);
  ft_jsonl_line_init (&line, 0, single, single_length);

  return _ft_example_new_from_line (&line);
}

/**
 * ft_example_copy:
 * @self: a #FtExample
 *
 * Returns: (transfer full): a new example with the same content and no
 *   source line
 */
FtExample *
ft_example_copy (FtExample *self)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  FtJsonlLine line;
  gsize length;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  bytes = ft_example_get_bytes (self);
  data = g_bytes_get_data (bytes, &length);
  ft_jsonl_line_init (&line, 0, data, length);

  return _ft_example_new_from_line (&line);
}

/**
 * ft_example_get_kind:
 * @self: a #FtExample
 *
 * Returns: the shape of the example
 */
FtExampleKind
ft_example_get_kind (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), FT_EXAMPLE_KIND_BROKEN);

  return self->kind;
}

/**
 * ft_example_get_source_line:
 * @self: a #FtExample
 *
 * Returns: the 1-based line it was read from, or 0
 */
guint64
ft_example_get_source_line (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), 0);

  return self->source_line;
}

/**
 * ft_example_get_broken:
 * @self: a #FtExample
 *
 * Returns: %TRUE when the text is not valid JSON
 */
gboolean
ft_example_get_broken (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), FALSE);

  return self->kind == FT_EXAMPLE_KIND_BROKEN;
}

/**
 * ft_example_get_error_message:
 * @self: a #FtExample
 *
 * Returns: (nullable): for a broken example, the parser's message with
 *   line and column
 */
const char *
ft_example_get_error_message (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  return self->error_message;
}

/**
 * ft_example_get_error_column:
 * @self: a #FtExample
 *
 * Returns: for a broken example, the 1-based column of the problem
 *   (in characters); otherwise 0
 */
guint
ft_example_get_error_column (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), 0);

  return self->error_column;
}

/**
 * ft_example_get_title:
 * @self: a #FtExample
 *
 * Returns: the list-row title, see #FtExample:title
 */
const char *
ft_example_get_title (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  return self->summary != NULL ? self->summary : "";
}

/**
 * ft_example_get_preview:
 * @self: a #FtExample
 *
 * Returns: the list-row preview, see #FtExample:preview
 */
const char *
ft_example_get_preview (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  if (self->summary == NULL)
    return "";

  return self->summary + strlen (self->summary) + 1;
}

/**
 * ft_example_get_n_messages:
 * @self: a #FtExample
 *
 * Returns: the number of messages (of "input" for a preference example)
 */
guint
ft_example_get_n_messages (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), 0);

  return self->n_messages;
}

/**
 * ft_example_get_bytes:
 * @self: a #FtExample
 *
 * The current line, exactly: the bytes read from the file for an unedited
 * (or broken) example, otherwise one line of JSON in which only the edited
 * values are rewritten. It never contains a line break.
 *
 * Returns: (transfer full): the line, without a line break
 */
GBytes *
ft_example_get_bytes (FtExample *self)
{
  GString *out;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  if (self->raw == NULL)
    {
      g_assert (self->data != NULL && self->data->members != NULL);

      out = g_string_new (NULL);
      append_members (self, out, self->data->members, FALSE);
      self->raw = g_string_free_to_bytes (out);
    }

  return g_bytes_ref (self->raw);
}

/**
 * ft_example_dup_text:
 * @self: a #FtExample
 *
 * Returns: (transfer full): the current line as valid UTF-8 (invalid bytes
 *   of a broken line show as U+FFFD)
 */
char *
ft_example_dup_text (FtExample *self)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  bytes = ft_example_get_bytes (self);
  data = g_bytes_get_data (bytes, &length);

  return g_utf8_make_valid (data, length);
}

/**
 * ft_example_set_text:
 * @self: a #FtExample
 * @text: the new line (line breaks become spaces)
 * @error: return location for a #GError
 *
 * Replaces the whole example with @text, which is kept either way: if it
 * parses, the example becomes a normal one (this is how a broken example
 * is fixed); if not, it becomes (or stays) broken and @error says why.
 * The message lists stay the same objects, with new messages.
 *
 * Returns: %TRUE when @text is valid JSON
 */
/* Replaces the whole line, keeping the message list objects, and tells
 * everyone.
 */
static void
reload (FtExample         *self,
        const FtJsonlLine *line)
{
  g_autofree char *old_title = NULL;
  g_autofree char *old_preview = NULL;
  FtExampleKind old_kind;
  guint old_n_messages;

  g_assert (FT_IS_EXAMPLE (self));

  old_title = g_strdup (ft_example_get_title (self));
  old_preview = g_strdup (ft_example_get_preview (self));
  old_kind = self->kind;
  old_n_messages = self->n_messages;

  drop_content (self);
  load_line (self, line);
  if (self->data != NULL)
    materialize (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (old_kind != self->kind)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROKEN]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_COLUMN]);
  if (old_n_messages != self->n_messages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MESSAGES]);
  if (strcmp (old_title, ft_example_get_title (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (strcmp (old_preview, ft_example_get_preview (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
  if (self->dataset != NULL)
    _ft_dataset_example_changed (self->dataset, self);
}

/* Sets the exact bytes of the line (for undo), broken ones included. */
void
_ft_example_set_bytes (FtExample *self,
                       GBytes    *bytes)
{
  FtJsonlLine line;
  gsize length;
  const char *data;

  g_assert (FT_IS_EXAMPLE (self));

  /* The bytes of an example always have a NUL after them. */
  data = g_bytes_get_data (bytes, &length);
  ft_jsonl_line_init (&line, self->source_line, data, length);
  reload (self, &line);
}

/**
 * ft_example_set_text:
 * @self: a #FtExample
 * @text: the new line (line breaks become spaces)
 * @error: return location for a #GError
 *
 * Replaces the whole example with @text, which is kept either way: if it
 * parses, the example becomes a normal one (this is how a broken example
 * is fixed); if not, it becomes (or stays) broken and @error says why.
 * The message lists stay the same objects, with new messages.
 *
 * Returns: %TRUE when @text is valid JSON
 */
gboolean
ft_example_set_text (FtExample   *self,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *single = NULL;
  FtJsonlLine line;
  gsize length;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  single = dup_single_line (text, -1, &length);
  ft_jsonl_line_init (&line, self->source_line, single, length);
  reload (self, &line);

  if (self->kind == FT_EXAMPLE_KIND_BROKEN)
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE, self->error_message);
      return FALSE;
    }

  return TRUE;
}

/**
 * ft_example_to_json_node:
 * @self: a #FtExample
 * @error: return location for a #GError
 *
 * Parses the current line with json-glib, for the validator.
 *
 * Returns: (transfer full) (nullable): the example as JSON, or %NULL with
 *   %FT_DATASET_ERROR_PARSE for a broken example
 */
JsonNode *
ft_example_to_json_node (FtExample  *self,
                         GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  FtJsonlLine line;
  gsize length;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->kind == FT_EXAMPLE_KIND_BROKEN)
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE, self->error_message);
      return NULL;
    }

  bytes = ft_example_get_bytes (self);
  data = g_bytes_get_data (bytes, &length);
  ft_jsonl_line_init (&line, self->source_line, data, length);

  return ft_jsonl_parse_line (&line, NULL, error);
}

/**
 * ft_example_equal:
 * @a: a #FtExample
 * @b: a #FtExample
 *
 * Returns: %TRUE when both lines are the same text
 */
gboolean
ft_example_equal (FtExample *a,
                  FtExample *b)
{
  g_autoptr(GBytes) bytes_a = NULL;
  g_autoptr(GBytes) bytes_b = NULL;

  g_return_val_if_fail (FT_IS_EXAMPLE (a), FALSE);
  g_return_val_if_fail (FT_IS_EXAMPLE (b), FALSE);

  bytes_a = ft_example_get_bytes (a);
  bytes_b = ft_example_get_bytes (b);

  return g_bytes_equal (bytes_a, bytes_b);
}

/**
 * ft_example_get_messages:
 * @self: a #FtExample
 *
 * The messages ("input"."messages" for a preference example), as a list of
 * #FtMessage that stays the same object for the life of the example. Do not
 * change the list itself; use ft_example_insert_message() and friends.
 *
 * Returns: (transfer none): a #GListModel of #FtMessage
 */
GListModel *
ft_example_get_messages (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  return ft_example_get_message_list (self, FT_MESSAGE_LIST_MESSAGES);
}

/**
 * ft_example_get_message_list:
 * @self: a #FtExample
 * @list: which list
 *
 * Returns: (transfer none): a #GListModel of #FtMessage, empty when the
 *   example has no such list
 */
GListModel *
ft_example_get_message_list (FtExample     *self,
                             FtMessageList  list)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (list <= FT_MESSAGE_LIST_NON_PREFERRED, NULL);

  ensure_data (self);

  return G_LIST_MODEL (self->data->lists[list]);
}

/* Makes the member of @list hold the live list, creating it if needed. */
static void
make_live (FtExample     *self,
           FtMessageList  list)
{
  ExampleData *data = self->data;

  g_assert (FT_IS_EXAMPLE (self));

  if (data->live & (1u << list))
    return;

  if (self->kind != FT_EXAMPLE_KIND_PREFERENCE)
    {
      _ft_members_take_value (data->members, "messages", g_strdup ("[]"), FALSE);
      /* An object without messages becomes a chat example. */
      self->kind = FT_EXAMPLE_KIND_CHAT;
    }
  else if (list == FT_MESSAGE_LIST_MESSAGES)
    {
      if (data->input_members == NULL)
        {
          data->input_members = _ft_members_new ();
          _ft_members_take_value (data->members, "input", g_strdup ("{}"), FALSE);
        }
      _ft_members_take_value (data->input_members, "messages", g_strdup ("[]"), FALSE);
    }
  else
    {
      const char *name = list == FT_MESSAGE_LIST_PREFERRED
                         ? "preferred_output" : "non_preferred_output";

      _ft_members_take_value (data->members, name, g_strdup ("[]"), FALSE);
    }

  data->live |= 1u << list;
}

/**
 * ft_example_insert_message:
 * @self: a #FtExample (not broken, and an object)
 * @list: which list; the outputs only for a preference example
 * @position: where, at most the list's length
 * @message: a message that belongs to no example
 *
 * Inserts @message. An object without "messages" gets one.
 */
void
ft_example_insert_message (FtExample     *self,
                           FtMessageList  list,
                           guint          position,
                           FtMessage     *message)
{
  g_return_if_fail (FT_IS_EXAMPLE (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (_ft_message_get_example (message) == NULL);
  g_return_if_fail (self->kind != FT_EXAMPLE_KIND_BROKEN);
  g_return_if_fail (self->kind != FT_EXAMPLE_KIND_NOT_OBJECT);
  g_return_if_fail (list == FT_MESSAGE_LIST_MESSAGES || self->kind == FT_EXAMPLE_KIND_PREFERENCE);
  g_return_if_fail (list <= FT_MESSAGE_LIST_NON_PREFERRED);

  ensure_data (self);
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->data->lists[list])));

  make_live (self, list);
  _ft_message_set_example (message, self);
  g_list_store_insert (self->data->lists[list], position, message);

  content_changed (self);
}

/**
 * ft_example_append_message:
 * @self: a #FtExample
 * @message: a message that belongs to no example
 *
 * Appends @message to the messages.
 */
void
ft_example_append_message (FtExample *self,
                           FtMessage *message)
{
  g_return_if_fail (FT_IS_EXAMPLE (self));

  ensure_data (self);
  ft_example_insert_message (self, FT_MESSAGE_LIST_MESSAGES,
                             g_list_model_get_n_items (G_LIST_MODEL (self->data->lists[0])),
                             message);
}

/**
 * ft_example_remove_message:
 * @self: a #FtExample
 * @list: which list
 * @position: the message to remove
 */
void
ft_example_remove_message (FtExample     *self,
                           FtMessageList  list,
                           guint          position)
{
  g_autoptr(FtMessage) message = NULL;

  g_return_if_fail (FT_IS_EXAMPLE (self));
  g_return_if_fail (list <= FT_MESSAGE_LIST_NON_PREFERRED);

  ensure_data (self);
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->data->lists[list])));

  message = g_list_model_get_item (G_LIST_MODEL (self->data->lists[list]), position);
  _ft_message_set_example (message, NULL);
  g_list_store_remove (self->data->lists[list], position);

  content_changed (self);
}

/**
 * ft_example_move_message:
 * @self: a #FtExample
 * @list: which list
 * @from: the position of the message
 * @to: its new position
 */
void
ft_example_move_message (FtExample     *self,
                         FtMessageList  list,
                         guint          from,
                         guint          to)
{
  g_autoptr(FtMessage) message = NULL;
  guint n;

  g_return_if_fail (FT_IS_EXAMPLE (self));
  g_return_if_fail (list <= FT_MESSAGE_LIST_NON_PREFERRED);

  ensure_data (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->data->lists[list]));
  g_return_if_fail (from < n);
  g_return_if_fail (to < n);

  if (from == to)
    return;

  message = g_list_model_get_item (G_LIST_MODEL (self->data->lists[list]), from);
  g_list_store_remove (self->data->lists[list], from);
  g_list_store_insert (self->data->lists[list], to, message);

  content_changed (self);
}

/* Where "tools" and friends live: in "input" for a preference example. */
static GPtrArray *
tools_members (FtExample *self,
               gboolean   create)
{
  ExampleData *data;

  ensure_data (self);
  data = self->data;

  if (data->members == NULL)
    return NULL;

  if (self->kind != FT_EXAMPLE_KIND_PREFERENCE)
    return data->members;

  if (data->input_members == NULL && create)
    {
      data->input_members = _ft_members_new ();
      _ft_members_take_value (data->members, "input", g_strdup ("{}"), FALSE);
    }

  return data->input_members;
}

static JsonNode *
dup_node (GPtrArray  *members,
          const char *name)
{
  FtJsonSpan span;

  if (members == NULL || !_ft_members_get_span (members, name, &span))
    return NULL;

  return ft_json_span_parse (&span);
}

static void
set_node (FtExample  *self,
          GPtrArray  *members,
          const char *name,
          JsonNode   *value)
{
  if (value == NULL)
    {
      if (!_ft_members_remove (members, name))
        return;
    }
  else
    {
      _ft_members_take_value (members, name, ft_json_node_to_string (value), FALSE);
    }

  content_changed (self);
}

/**
 * ft_example_dup_tools:
 * @self: a #FtExample
 *
 * Returns: (transfer full) (nullable): the "tools" value
 */
JsonNode *
ft_example_dup_tools (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  return dup_node (tools_members (self, FALSE), "tools");
}

/**
 * ft_example_set_tools:
 * @self: a #FtExample (an object)
 * @tools: (nullable): the new "tools" value; %NULL removes it
 */
void
ft_example_set_tools (FtExample *self,
                      JsonNode  *tools)
{
  GPtrArray *members;

  g_return_if_fail (FT_IS_EXAMPLE (self));

  members = tools_members (self, TRUE);
  g_return_if_fail (members != NULL);

  set_node (self, members, "tools", tools);
}

/**
 * ft_example_get_parallel_tool_calls:
 * @self: a #FtExample
 *
 * Returns: 1 for true, 0 for false, -1 when absent or not a boolean
 */
int
ft_example_get_parallel_tool_calls (FtExample *self)
{
  GPtrArray *members;
  FtJsonSpan span;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), -1);

  members = tools_members (self, FALSE);
  if (members == NULL || !_ft_members_get_span (members, "parallel_tool_calls", &span))
    return -1;

  if (span.length == 4 && memcmp (span.text, "true", 4) == 0)
    return 1;
  if (span.length == 5 && memcmp (span.text, "false", 5) == 0)
    return 0;

  return -1;
}

/**
 * ft_example_set_parallel_tool_calls:
 * @self: a #FtExample (an object)
 * @parallel_tool_calls: 1, 0, or -1 to remove the key
 */
void
ft_example_set_parallel_tool_calls (FtExample *self,
                                    int        parallel_tool_calls)
{
  GPtrArray *members;

  g_return_if_fail (FT_IS_EXAMPLE (self));
  g_return_if_fail (parallel_tool_calls >= -1 && parallel_tool_calls <= 1);

  members = tools_members (self, parallel_tool_calls >= 0);
  g_return_if_fail (members != NULL || parallel_tool_calls < 0);

  if (members == NULL)
    return;

  if (parallel_tool_calls < 0)
    {
      if (!_ft_members_remove (members, "parallel_tool_calls"))
        return;
    }
  else
    {
      if (ft_example_get_parallel_tool_calls (self) == parallel_tool_calls)
        return;
      _ft_members_take_value (members, "parallel_tool_calls",
                              g_strdup (parallel_tool_calls ? "true" : "false"), FALSE);
    }

  content_changed (self);
}

/**
 * ft_example_dup_functions:
 * @self: a #FtExample
 *
 * Returns: (transfer full) (nullable): the legacy "functions" value
 */
JsonNode *
ft_example_dup_functions (FtExample *self)
{
  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  return dup_node (tools_members (self, FALSE), "functions");
}

/**
 * ft_example_set_functions:
 * @self: a #FtExample (an object)
 * @functions: (nullable): the new "functions" value; %NULL removes it
 */
void
ft_example_set_functions (FtExample *self,
                          JsonNode  *functions)
{
  GPtrArray *members;

  g_return_if_fail (FT_IS_EXAMPLE (self));

  members = tools_members (self, TRUE);
  g_return_if_fail (members != NULL);

  set_node (self, members, "functions", functions);
}

static gboolean
is_live_member (FtExample  *self,
                const char *name)
{
  if (self->kind == FT_EXAMPLE_KIND_PREFERENCE)
    return strcmp (name, "input") == 0
           || strcmp (name, "preferred_output") == 0
           || strcmp (name, "non_preferred_output") == 0
           || strcmp (name, "preferred_completion") == 0
           || strcmp (name, "non_preferred_completion") == 0;

  return strcmp (name, "messages") == 0;
}

/**
 * ft_example_dup_member:
 * @self: a #FtExample
 * @name: a top-level key
 *
 * Reads any top-level key, known to the app or not (for example the keys
 * a reinforcement grader uses).
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when absent
 */
JsonNode *
ft_example_dup_member (FtExample  *self,
                       const char *name)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ensure_data (self);

  if (!is_live_member (self, name))
    return dup_node (self->data->members, name);

  /* A live list: read it from the current text. */
  root = ft_example_to_json_node (self, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), name))
    return NULL;

  return json_node_copy (json_object_get_member (json_node_get_object (root), name));
}

/**
 * ft_example_set_member:
 * @self: a #FtExample (an object)
 * @name: a top-level key
 * @value: (nullable): the new value; %NULL removes the key
 *
 * Sets any top-level key. Setting "messages" (or a preference list)
 * replaces the messages: the lists get new #FtMessage objects.
 */
void
ft_example_set_member (FtExample  *self,
                       const char *name,
                       JsonNode   *value)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;

  g_return_if_fail (FT_IS_EXAMPLE (self));
  g_return_if_fail (name != NULL);

  ensure_data (self);
  g_return_if_fail (self->data->members != NULL);

  if (!is_live_member (self, name))
    {
      set_node (self, self->data->members, name, value);
      return;
    }

  /* Rebuild the whole line with the new value, then reload it. */
  {
    g_autoptr(GPtrArray) members = NULL;
    FtJsonlLine line;
    FtJsonSpan span;
    gsize length;

    bytes = ft_example_get_bytes (self);
    span.text = g_bytes_get_data (bytes, &length);
    span.length = length;
    members = _ft_members_new_from_span (&span);
    if (value != NULL)
      _ft_members_take_value (members, name, ft_json_node_to_string (value), FALSE);
    else
      _ft_members_remove (members, name);

    text = g_string_new (NULL);
    _ft_members_append_json (text, members);

    ft_jsonl_line_init (&line, self->source_line, text->str, text->len);
    reload (self, &line);
  }
}

/**
 * ft_example_dup_member_names:
 * @self: a #FtExample
 *
 * Returns: (transfer full): the top-level keys in file order (empty when
 *   the example is not an object)
 */
char **
ft_example_dup_member_names (FtExample *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (FT_IS_EXAMPLE (self), NULL);

  ensure_data (self);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->data->members != NULL && i < self->data->members->len; i++)
    {
      const FtMember *member = g_ptr_array_index (self->data->members, i);

      g_strv_builder_add (builder, member->name);
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return names;
}
