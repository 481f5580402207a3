/* ft-validator.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-validator"

#include "config.h"

#include "ft-validator.h"
#include "ft-checks-private.h"
#include "ft-duplicates.h"
#include "ft-format.h"
#include "ft-json-utils.h"
#include "ft-jsonl-reader.h"
#include "ft-models.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Limits from openai-fine-tuning-api.md §10. */
#define MAX_IMAGES_PER_EXAMPLE 10
#define MAX_IMAGE_BYTES        (10 * 1024 * 1024)

/* Seeds of the two duplicate hashes. */
#define EXACT_SEED G_GUINT64_CONSTANT (0x6578616374)
#define NEAR_SEED  G_GUINT64_CONSTANT (0x6e656172)

struct _FtValidator
{
  GObject          parent_instance;

  char            *model;
  FtTokenizer     *tokenizer;
  FtTrainingConstants constants;
  gint64           token_limit;
  FtEncoding       encoding;
  FtDatasetMethod  method;
  guint            encoding_set : 1;
  guint            notebook : 1;
};

G_DEFINE_FINAL_TYPE (FtValidator, ft_validator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ENCODING,
  PROP_TOKEN_LIMIT,
  PROP_NOTEBOOK,
  PROP_METHOD,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* What the checks of one example share. Lives on the stack of the worker
 * thread that checks the example; the validator itself is only read.
 */
typedef struct
{
  FtValidator     *self;
  FtExampleReport *report;
  FtDatasetMethod  method;
  GPtrArray       *function_names;    /* borrowed strings, or NULL */
  int              special_token_message;
  guint            has_tools : 1;
  guint            has_functions : 1;
  guint            uses_tool_calls : 1;
  guint            uses_function_call : 1;
  guint            in_preference : 1;
  guint            reported_whitespace : 1;
  guint            reported_tools_missing : 1;
  guint            valid_utf8 : 1;        /* the node's strings are valid UTF-8 */
} CheckContext;

/* Tool calls waiting for their tool replies. */
typedef struct
{
  const char *id;
  const char *function;
  int         message_index;
  gboolean    answered;
} PendingCall;

/* Helpers */

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Python's truthiness of a JSON value as json.loads() gives it. */
static gboolean
py_truthy (JsonNode *node)
{
  if (node == NULL)
    return FALSE;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return FALSE;

    case JSON_NODE_OBJECT:
      return json_object_get_size (json_node_get_object (node)) > 0;

    case JSON_NODE_ARRAY:
      return json_array_get_length (json_node_get_array (node)) > 0;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (node);
        case G_TYPE_INT64:
          return json_node_get_int (node) != 0;
        case G_TYPE_DOUBLE:
          return json_node_get_double (node) != 0.0;
        case G_TYPE_STRING:
          return json_node_get_string (node)[0] != '\0';
        default:
          return FALSE;
        }
    }
}

/* "text", "a number", … for messages; translated. */
static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    case G_TYPE_STRING:
    default:
      return _("text");
    }
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_surrounding_whitespace (const char *text)
{
  gsize len = strlen (text);
  const char *last;

  if (len == 0)
    return FALSE;

  if (g_unichar_isspace (g_utf8_get_char (text)))
    return TRUE;

  last = g_utf8_find_prev_char (text, text + len);
  return last != NULL && g_unichar_isspace (g_utf8_get_char (last));
}

/* Shortens a user value for a message, on a character boundary. */
static char *
abbreviate (const char *text,
            gsize       max_chars)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= (glong)max_chars)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, max_chars);
  return g_strdup_printf ("%s…", start);
}

static void G_GNUC_PRINTF (4, 5)
add_issue (CheckContext *ctx,
           FtIssueCode   code,
           int           message_index,
           const char   *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _ft_example_report_add_issue (ctx->report,
                                ft_issue_new (code,
                                              ctx->report->line,
                                              ctx->report->index,
                                              message_index,
                                              message));
}

/* The role of a message for messages ("Message 3 (user)"), or a
 * placeholder when it has none.
 */
static const char *
role_of (JsonObject *message)
{
  const char *role = ft_json_object_get_string (message, "role");

  return role != NULL ? role : _("no role");
}

/* Duplicates: the keys of ft-duplicates.c, the app's one definition,
 * hashed to 64 bits.
 */

static guint64
hash_key (GString *key,
          guint64  seed)
{
  FtHasher hasher;

  _ft_hasher_init (&hasher, seed);
  _ft_hasher_update (&hasher, key->str, key->len);

  return _ft_hasher_finish (&hasher);
}

/* @json is the example's text, valid JSON. */
static void
hash_example (FtExampleReport *report,
              const char      *json,
              gsize            length)
{
  g_autoptr(GString) key = g_string_sized_new (length + 16);

  ft_duplicate_append_json_key (key, json, length, FT_DUPLICATE_EXACT);
  report->exact_hash = hash_key (key, EXACT_SEED);
  g_string_truncate (key, 0);
  ft_duplicate_append_json_key (key, json, length, FT_DUPLICATE_NEAR);
  report->near_hash = hash_key (key, NEAR_SEED);
}

/* Whether two values are the same JSON value, as exact duplicates are. */
static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  g_autofree char *a_text = ft_json_node_to_string (a);
  g_autofree char *b_text = ft_json_node_to_string (b);
  g_autoptr(GString) a_key = g_string_new (NULL);
  g_autoptr(GString) b_key = g_string_new (NULL);

  ft_duplicate_append_json_key (a_key, a_text, strlen (a_text), FT_DUPLICATE_EXACT);
  ft_duplicate_append_json_key (b_key, b_text, strlen (b_text), FT_DUPLICATE_EXACT);

  return g_string_equal (a_key, b_key);
}

/* The notebook's format checks (dataset-checks.md §2) and whether its
 * statistics cell would raise (§4). Runs for every example, whatever the
 * mode, so that notebook output can be produced from reports alone.
 */
static void
check_notebook (FtExampleReport *report,
                JsonNode        *node)
{
  static const char *known_keys[] = { "role", "content", "name", "function_call", "weight" };
  static const char *known_roles[] = { "system", "user", "assistant", "function" };
  JsonNode *messages_node;
  JsonArray *messages;
  gboolean has_assistant = FALSE;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _ft_example_report_count (report, FT_NOTEBOOK_DATA_TYPE);
      report->notebook_failure = FT_NOTEBOOK_FAILURE_NOT_AN_OBJECT;
      return;
    }

  messages_node = get_member (json_node_get_object (node), "messages");

  if (!py_truthy (messages_node))
    {
      _ft_example_report_count (report, FT_NOTEBOOK_MISSING_MESSAGES_LIST);

      /* `for message in messages` in the statistics cell: an empty string,
       * list or object iterates as nothing; the rest raise.
       */
      if (messages_node == NULL)
        report->notebook_failure = FT_NOTEBOOK_FAILURE_NO_MESSAGES;
      else if (JSON_NODE_HOLDS_NULL (messages_node) ||
               (JSON_NODE_HOLDS_VALUE (messages_node) &&
                json_node_get_value_type (messages_node) != G_TYPE_STRING))
        report->notebook_failure = FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE;
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (messages_node))
    {
      /* The notebook crashes here; counting it as a missing list is our
       * extension (dataset-checks.md §2).
       */
      _ft_example_report_count (report, FT_NOTEBOOK_MISSING_MESSAGES_LIST);
      if (JSON_NODE_HOLDS_VALUE (messages_node) &&
          json_node_get_value_type (messages_node) != G_TYPE_STRING)
        report->notebook_failure = FT_NOTEBOOK_FAILURE_MESSAGES_NOT_ITERABLE;
      else
        report->notebook_failure = FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT;
      return;
    }

  messages = json_node_get_array (messages_node);
  n = json_array_get_length (messages);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (messages, i);
      JsonObject *message;
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      JsonNode *content;
      const char *role;
      gboolean unrecognized = FALSE;
      gboolean known_role = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          /* Also a crash in the notebook; our extension. */
          _ft_example_report_count (report, FT_NOTEBOOK_MESSAGE_MISSING_KEY);
          if (report->notebook_failure == FT_NOTEBOOK_FAILURE_NONE)
            report->notebook_failure = FT_NOTEBOOK_FAILURE_MESSAGE_NOT_AN_OBJECT;
          continue;
        }

      message = json_node_get_object (element);

      if (!json_object_has_member (message, "role") ||
          !json_object_has_member (message, "content"))
        _ft_example_report_count (report, FT_NOTEBOOK_MESSAGE_MISSING_KEY);

      json_object_iter_init (&iter, message);
      while (json_object_iter_next (&iter, &name, &member))
        {
          gboolean known = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (known_keys); k++)
            known |= strcmp (name, known_keys[k]) == 0;
          unrecognized |= !known;
        }
      if (unrecognized)
        _ft_example_report_count (report, FT_NOTEBOOK_MESSAGE_UNRECOGNIZED_KEY);

      role = ft_json_object_get_string (message, "role");
      for (guint k = 0; role != NULL && k < G_N_ELEMENTS (known_roles); k++)
        known_role |= strcmp (role, known_roles[k]) == 0;
      if (!known_role)
        _ft_example_report_count (report, FT_NOTEBOOK_UNRECOGNIZED_ROLE);

      content = get_member (message, "content");
      if ((!py_truthy (content) && !py_truthy (get_member (message, "function_call"))) ||
          !node_is_string (content))
        _ft_example_report_count (report, FT_NOTEBOOK_MISSING_CONTENT);

      if (g_strcmp0 (role, "assistant") == 0)
        has_assistant = TRUE;
      if (g_strcmp0 (role, "system") == 0)
        report->has_system = TRUE;
      if (g_strcmp0 (role, "user") == 0)
        report->has_user = TRUE;

      /* The statistics cell reads message["role"] of every message, and
       * message["content"] of every assistant message.
       */
      if (report->notebook_failure == FT_NOTEBOOK_FAILURE_NONE)
        {
          if (!json_object_has_member (message, "role"))
            report->notebook_failure = FT_NOTEBOOK_FAILURE_MISSING_ROLE;
          else if (g_strcmp0 (role, "assistant") == 0 && content == NULL)
            report->notebook_failure = FT_NOTEBOOK_FAILURE_ASSISTANT_WITHOUT_CONTENT;
        }
    }

  if (!has_assistant)
    _ft_example_report_count (report, FT_NOTEBOOK_EXAMPLE_MISSING_ASSISTANT_MESSAGE);
}

/* Token counting */

static gint64
count_text (CheckContext *ctx,
            const char   *text,
            int           message_index)
{
  gsize length = strlen (text);

  if (ctx->report->special_token == NULL)
    {
      const char *special = ft_tokenizer_find_special_token (ctx->self->tokenizer, text, length);

      if (special != NULL)
        {
          ctx->report->special_token = special;
          ctx->special_token_message = message_index;
        }
    }

  if (ctx->valid_utf8)
    return (gint64)ft_tokenizer_count_valid (ctx->self->tokenizer, text, length);

  return (gint64)ft_tokenizer_count (ctx->self->tokenizer, text, length);
}

/* The text the model reads or writes in a non-string value, outside
 * notebook mode: text parts, and the names and arguments of calls.
 */
static gint64
count_structured (CheckContext *ctx,
                  const char   *key,
                  JsonNode     *value,
                  int           message_index)
{
  gint64 n = 0;

  if (strcmp (key, "content") == 0 && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *parts = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (parts); i++)
        {
          JsonNode *part = json_array_get_element (parts, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (part) ? json_node_get_object (part) : NULL;
          const char *text = ft_json_object_get_string (object, "text");

          if (text != NULL && g_strcmp0 (ft_json_object_get_string (object, "type"), "text") == 0)
            n += count_text (ctx, text, message_index);
        }
    }
  else if (strcmp (key, "tool_calls") == 0 && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *calls = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (calls); i++)
        {
          JsonNode *call = json_array_get_element (calls, i);
          JsonNode *function;

          if (!JSON_NODE_HOLDS_OBJECT (call))
            continue;
          function = get_member (json_node_get_object (call), "function");
          if (function != NULL && JSON_NODE_HOLDS_OBJECT (function))
            n += count_structured (ctx, "function_call", function, message_index);
        }
    }
  else if (strcmp (key, "function_call") == 0 && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *function = json_node_get_object (value);
      const char *name = ft_json_object_get_string (function, "name");
      const char *arguments = ft_json_object_get_string (function, "arguments");

      if (name != NULL)
        n += count_text (ctx, name, message_index);
      if (arguments != NULL)
        n += count_text (ctx, arguments, message_index);
    }

  return n;
}

/* num_tokens_from_messages () and num_assistant_tokens_from_messages ()
 * of the notebook, without the final 3 priming tokens. In notebook mode a
 * non-string value is skipped (the notebook raises on it); otherwise the
 * text inside it is counted (weights are never counted).
 */
static void
count_messages (CheckContext *ctx,
                JsonArray    *messages,
                int           first_index,
                gint64       *total,
                gint64       *assistant)
{
  gboolean notebook = ctx->self->notebook;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *element = json_array_get_element (messages, i);
      JsonObject *message;
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;
      gboolean is_assistant;
      int index = first_index + (int)i;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      message = json_node_get_object (element);
      is_assistant = g_strcmp0 (ft_json_object_get_string (message, "role"), "assistant") == 0;
      *total += 3;

      json_object_iter_init_ordered (&iter, message);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          gint64 n = 0;

          if (node_is_string (value))
            n = count_text (ctx, json_node_get_string (value), index);
          else if (notebook)
            ctx->report->n_skipped_values++;
          else if (strcmp (key, "weight") != 0)
            n = count_structured (ctx, key, value, index);

          *total += n;
          if (is_assistant &&
              (strcmp (key, "content") == 0 ||
               (!notebook && (strcmp (key,
                                      "tool_calls") == 0 || strcmp (key, "function_call") == 0))))
            *assistant += n;

          if (strcmp (key, "name") == 0)
            *total += 1;
        }
    }
}

/* Content parts and images */

static gboolean
ascii_has_suffix_nocase (const char *text,
                         gsize       length,
                         const char *suffix)
{
  gsize n = strlen (suffix);

  return length >= n && g_ascii_strncasecmp (text + length - n, suffix, n) == 0;
}

static void
check_image_url (CheckContext *ctx,
                 int           message_index,
                 guint         image_number,
                 const char   *url)
{
  static const char *supported_types[] = { "image/jpeg", "image/jpg", "image/png", "image/webp" };
  static const char *unsupported_extensions[] = {
    ".gif", ".bmp", ".tif", ".tiff", ".svg", ".heic", ".heif", ".avif", ".ico",
  };

  if (g_ascii_strncasecmp (url, "data:", 5) == 0)
    {
      const char *type = url + 5;
      const char *end = type + strcspn (type, ";,");
      const char *comma = strchr (type, ',');
      gboolean supported = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (supported_types); i++)
        {
          gsize n = strlen (supported_types[i]);

          supported |= (gsize)(end - type) == n && g_ascii_strncasecmp (type,
                                                                        supported_types[i],
                                                                        n) == 0;
        }

      if (!supported)
        {
          g_autofree char *mime = g_strndup (type, end - type);

          add_issue (ctx, FT_ISSUE_UNSUPPORTED_IMAGE_TYPE, message_index,
                     /* Translators: %u are numbers, %s is a file type like "image/gif". */
                     _("Message %u: image %u is of the type “%s”. Only JPEG, PNG and WEBP "
                       "images are supported."),
                     message_index + 1, image_number, mime[0] != '\0' ? mime : _("unknown"));
        }

      if (comma != NULL)
        {
          gsize payload = strlen (comma + 1);
          gboolean base64 = g_strstr_len (type, comma - type, ";base64") != NULL;
          guint64 bytes = base64 ? (guint64)payload / 4 * 3 : payload;

          if (bytes > MAX_IMAGE_BYTES)
            {
              g_autofree char *megabytes = g_strdup_printf ("%.1f", bytes / (1024.0 * 1024.0));

              add_issue (ctx, FT_ISSUE_IMAGE_TOO_LARGE, message_index,
                         /* Translators: %u are numbers, %s is a size like "12.5". */
                         _("Message %u: image %u is about %s MB. Each image may be at most 10 MB."),
                         message_index + 1, image_number, megabytes);
            }
        }
    }
  else if (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
           g_ascii_strncasecmp (url, "http://", 7) == 0)
    {
      gsize path_length = strcspn (url, "?#");

      for (guint i = 0; i < G_N_ELEMENTS (unsupported_extensions); i++)
        {
          if (ascii_has_suffix_nocase (url, path_length, unsupported_extensions[i]))
            {
              add_issue (ctx, FT_ISSUE_UNSUPPORTED_IMAGE_TYPE, message_index,
                         /* Translators: %u are numbers, %s is a file extension like ".gif". */
                         _("Message %u: image %u is a “%s” file. Only JPEG, PNG and WEBP "
                           "images are supported."),
                         message_index + 1, image_number, unsupported_extensions[i]);
              break;
            }
        }
    }
  else
    {
      g_autofree char *shown = abbreviate (url, 60);

      add_issue (ctx, FT_ISSUE_INVALID_IMAGE_URL, message_index,
                 /* Translators: %u are numbers, %s is what the file has instead of an address. */
                 _("Message %u: image %u has the address “%s”. An image must be an https:// "
                   "address or a data: URL with the image inside."),
                 message_index + 1, image_number, shown);
    }
}

/* Checks a list of content parts. Returns whether it holds any text or
 * image, so that the caller can tell an empty message.
 */
static gboolean
check_content_parts (CheckContext *ctx,
                     int           message_index,
                     const char   *role,
                     JsonArray    *parts)
{
  gboolean has_content = FALSE;
  gboolean reported_misplaced = FALSE;

  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonNode *node = json_array_get_element (parts, i);
      JsonObject *part;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          add_issue (ctx, FT_ISSUE_INVALID_CONTENT_PART, message_index,
                     /* Translators: %u are numbers, %s is a kind of value ("a number"). */
                     _("Message %u: part %u of the content is %s, not a part like {\"type\": "
                       "\"text\", \"text\": …}."),
                     message_index + 1, i + 1, describe_node (node));
          continue;
        }

      part = json_node_get_object (node);
      type = ft_json_object_get_string (part, "type");

      if (type == NULL)
        {
          add_issue (ctx, FT_ISSUE_INVALID_CONTENT_PART, message_index,
                     _("Message %u: part %u of the content has no “type”."),
                     message_index + 1, i + 1);
        }
      else if (strcmp (type, "text") == 0 || strcmp (type, "refusal") == 0)
        {
          const char *text = ft_json_object_get_string (part, type);

          if (text == NULL)
            add_issue (ctx, FT_ISSUE_INVALID_CONTENT_PART, message_index,
                       /* Translators: %u are numbers, %s is a key like "text". */
                       _("Message %u: part %u is a text part without “%s”."),
                       message_index + 1, i + 1, type);
          else if (!is_blank_text (text))
            has_content = TRUE;
        }
      else if (strcmp (type, "image_url") == 0)
        {
          JsonNode *image = get_member (part, "image_url");
          const char *url = NULL;

          ctx->report->n_images++;
          has_content = TRUE;

          if (ctx->in_preference)
            {
              if (!reported_misplaced)
                add_issue (ctx, FT_ISSUE_DPO_IMAGE, message_index,
                           _("Message %u contains an image. Preference fine-tuning takes text "
                             "only."),
                           message_index + 1);
              reported_misplaced = TRUE;
              continue;
            }

          if (g_strcmp0 (role, "assistant") == 0)
            {
              if (!reported_misplaced)
                add_issue (ctx, FT_ISSUE_IMAGE_IN_ASSISTANT_MESSAGE, message_index,
                           _("Message %u is from the assistant and contains an image. Images "
                             "may only appear in user messages."),
                           message_index + 1);
              reported_misplaced = TRUE;
            }
          else if (g_strcmp0 (role, "user") != 0)
            {
              if (!reported_misplaced)
                add_issue (ctx, FT_ISSUE_IMAGE_OUTSIDE_USER_MESSAGE, message_index,
                           /* Translators: %u is a number, %s a role like "system". */
                           _("Message %u (%s) contains an image. Images may only appear in "
                             "user messages."),
                           message_index + 1, role);
              reported_misplaced = TRUE;
            }

          if (image != NULL && JSON_NODE_HOLDS_OBJECT (image))
            url = ft_json_object_get_string (json_node_get_object (image), "url");

          if (url == NULL)
            add_issue (ctx, FT_ISSUE_INVALID_CONTENT_PART, message_index,
                       _("Message %u: part %u is an image without an address. Write it as "
                         "{\"type\": \"image_url\", \"image_url\": {\"url\": …}}."),
                       message_index + 1, i + 1);
          else
            check_image_url (ctx, message_index, ctx->report->n_images, url);
        }
      else
        {
          has_content = TRUE;
          add_issue (ctx, FT_ISSUE_UNSUPPORTED_CONTENT_PART, message_index,
                     /* Translators: %u are numbers, %s is a part type like "input_audio". */
                     _("Message %u: part %u is of the type “%s”, which fine-tuning does not "
                       "accept. Only text, and images in user messages, are allowed."),
                     message_index + 1, i + 1, type);
        }
    }

  return has_content;
}

/* Tools and function calls */

static gboolean
is_defined_function (CheckContext *ctx,
                     const char   *name)
{
  if (ctx->function_names == NULL)
    return FALSE;

  for (guint i = 0; i < ctx->function_names->len; i++)
    {
      if (strcmp (g_ptr_array_index (ctx->function_names, i), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A function definition: {"name", "description", "parameters"}. */
static void
check_function_definition (CheckContext *ctx,
                           JsonNode     *node,
                           const char   *where,
                           guint         number)
{
  JsonObject *function;
  const char *name;
  JsonNode *parameters;
  JsonObject *schema;
  JsonNode *required;
  JsonNode *props;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_issue (ctx, FT_ISSUE_INVALID_TOOLS, -1,
                 /* Translators: %s is "tools" or "functions", %u a number. */
                 _("Entry %u of “%s” is not a function definition."),
                 number, where);
      return;
    }

  function = json_node_get_object (node);
  name = ft_json_object_get_string (function, "name");
  if (name == NULL || name[0] == '\0')
    {
      add_issue (ctx, FT_ISSUE_INVALID_TOOLS, -1,
                 _("Entry %u of “%s” has no function name."),
                 number, where);
      return;
    }

  if (ctx->function_names == NULL)
    ctx->function_names = g_ptr_array_new ();
  g_ptr_array_add (ctx->function_names, (gpointer)name);

  parameters = get_member (function, "parameters");
  if (parameters == NULL || !JSON_NODE_HOLDS_OBJECT (parameters))
    return;

  schema = json_node_get_object (parameters);
  required = get_member (schema, "required");
  props = get_member (schema, "properties");
  if (required == NULL || !JSON_NODE_HOLDS_ARRAY (required))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (required)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (required), i);
      const char *param = node_is_string (item) ? json_node_get_string (item) : NULL;

      if (param == NULL)
        continue;

      if (props == NULL || !JSON_NODE_HOLDS_OBJECT (props) ||
          !json_object_has_member (json_node_get_object (props), param))
        add_issue (ctx, FT_ISSUE_FUNCTION_SCHEMA_MISMATCH, -1,
                   /* Translators: the first %s is a function, the second a parameter. */
                   _("The function “%s” requires the parameter “%s”, but its definition does "
                     "not describe it under “properties”."),
                   name, param);
    }
}

static void
check_tool_definitions (CheckContext *ctx,
                        JsonObject   *example)
{
  JsonNode *tools = get_member (example, "tools");
  JsonNode *functions = get_member (example, "functions");
  JsonNode *parallel = get_member (example, "parallel_tool_calls");

  if (tools != NULL && !JSON_NODE_HOLDS_NULL (tools))
    {
      ctx->has_tools = TRUE;

      if (!JSON_NODE_HOLDS_ARRAY (tools))
        {
          add_issue (ctx, FT_ISSUE_INVALID_TOOLS, -1,
                     /* Translators: %s is a kind of value ("an object"). */
                     _("“tools” is %s, not a list of tool definitions."),
                     describe_node (tools));
        }
      else
        {
          JsonArray *array = json_node_get_array (tools);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *tool = json_array_get_element (array, i);
              JsonObject *object = NULL;
              const char *type;

              if (JSON_NODE_HOLDS_OBJECT (tool))
                object = json_node_get_object (tool);
              type = ft_json_object_get_string (object, "type");

              if (object == NULL || g_strcmp0 (type, "function") != 0)
                add_issue (ctx, FT_ISSUE_INVALID_TOOLS, -1,
                           _("Entry %u of “tools” is not {\"type\": \"function\", "
                             "\"function\": {…}}."),
                           i + 1);
              else
                check_function_definition (ctx, get_member (object, "function"), "tools", i + 1);
            }
        }
    }

  if (functions != NULL && !JSON_NODE_HOLDS_NULL (functions))
    {
      ctx->has_functions = TRUE;
      ctx->report->legacy_functions = TRUE;

      if (!JSON_NODE_HOLDS_ARRAY (functions))
        {
          add_issue (ctx, FT_ISSUE_INVALID_TOOLS, -1,
                     _("“functions” is %s, not a list of function definitions."),
                     describe_node (functions));
        }
      else
        {
          JsonArray *array = json_node_get_array (functions);

          for (guint i = 0; i < json_array_get_length (array); i++)
            check_function_definition (ctx, json_array_get_element (array, i), "functions", i + 1);
        }
    }

  if (parallel != NULL &&
      !(JSON_NODE_HOLDS_VALUE (parallel) && json_node_get_value_type (parallel) == G_TYPE_BOOLEAN))
    add_issue (ctx, FT_ISSUE_INVALID_TOOLS, -1,
               _("“parallel_tool_calls” is %s; it must be true or false."),
               describe_node (parallel));
}

/* function.arguments must be a string holding JSON. */
static void
check_arguments (CheckContext *ctx,
                 int           message_index,
                 const char   *function,
                 JsonNode     *arguments)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixed = NULL;
  const char *text;

  if (arguments == NULL)
    {
      add_issue (ctx, FT_ISSUE_MALFORMED_ARGUMENTS, message_index,
                 /* Translators: %u is a number, %s a function name. */
                 _("Message %u: the call to “%s” has no “arguments”. Give them as JSON text, "
                   "for example \"{}\"."),
                 message_index + 1, function);
      return;
    }

  if (!node_is_string (arguments))
    {
      add_issue (ctx, FT_ISSUE_MALFORMED_ARGUMENTS, message_index,
                 /* Translators: %u is a number, the first %s a function name, the second a
                  * kind of value. */
                 _("Message %u: the arguments of the call to “%s” are %s. They must be JSON "
                   "written as text, for example \"{\\\"city\\\": \\\"Oslo\\\"}\"."),
                 message_index + 1, function, describe_node (arguments));
      return;
    }

  text = json_node_get_string (arguments);

  /* Python reads lone surrogate escapes; json-glib 1.6 mangles them. */
  if (strstr (text, "\\u") != NULL && ft_json_find_lone_surrogate (text, strlen (text)) != NULL)
    {
      fixed = g_strdup (text);
      ft_json_replace_lone_surrogates (fixed, strlen (fixed));
      text = fixed;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      add_issue (ctx, FT_ISSUE_MALFORMED_ARGUMENTS, message_index,
                 /* Translators: %u is a number, the first %s a function name, the second the
                  * parser's explanation. */
                 _("Message %u: the arguments of the call to “%s” are not valid JSON (%s)."),
                 message_index + 1, function, error->message);
    }
  else if (json_parser_get_root (parser) == NULL)
    {
      add_issue (ctx, FT_ISSUE_MALFORMED_ARGUMENTS, message_index,
                 _("Message %u: the arguments of the call to “%s” are empty. Write \"{}\" for "
                   "a call without arguments."),
                 message_index + 1, function);
    }
}

static void
check_function_name (CheckContext *ctx,
                     int           message_index,
                     const char   *name)
{
  if ((ctx->has_tools || ctx->has_functions) && !is_defined_function (ctx, name))
    add_issue (ctx, FT_ISSUE_UNKNOWN_FUNCTION, message_index,
               /* Translators: %u is a number, %s a function name. */
               _("Message %u calls “%s”, which is not among the functions this example defines."),
               message_index + 1, name);
}

static void
check_tool_calls (CheckContext *ctx,
                  int           message_index,
                  JsonNode     *value,
                  GArray       *pending)
{
  JsonArray *calls;

  ctx->uses_tool_calls = TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      add_issue (ctx, FT_ISSUE_INVALID_TOOL_CALLS, message_index,
                 /* Translators: %u is a number, %s a kind of value ("an object"). */
                 _("Message %u: “tool_calls” is %s, not a list of calls."),
                 message_index + 1, describe_node (value));
      return;
    }

  if (!ctx->has_tools && !ctx->reported_tools_missing)
    {
      add_issue (ctx, FT_ISSUE_TOOL_CALLS_WITHOUT_TOOLS, message_index,
                 _("Message %u calls a tool, but the example defines no tools. Add the tool "
                   "definitions under “tools” so that the model learns when and how to call "
                   "them."),
                 message_index + 1);
      ctx->reported_tools_missing = TRUE;
    }

  calls = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      JsonNode *node = json_array_get_element (calls, i);
      JsonObject *call;
      JsonNode *function_node;
      JsonObject *function = NULL;
      const char *id;
      const char *type;
      const char *name = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          add_issue (ctx, FT_ISSUE_INVALID_TOOL_CALLS, message_index,
                     _("Message %u: tool call %u is %s, not a call."),
                     message_index + 1, i + 1, describe_node (node));
          continue;
        }

      call = json_node_get_object (node);
      id = ft_json_object_get_string (call, "id");
      type = ft_json_object_get_string (call, "type");
      function_node = get_member (call, "function");
      if (function_node != NULL && JSON_NODE_HOLDS_OBJECT (function_node))
        function = json_node_get_object (function_node);
      name = ft_json_object_get_string (function, "name");

      if (id == NULL || id[0] == '\0')
        add_issue (ctx, FT_ISSUE_TOOL_CALL_MISSING_FIELD, message_index,
                   /* Translators: %u are numbers, %s is a key of the call ("id"). */
                   _("Message %u: tool call %u has no “%s”."),
                   message_index + 1, i + 1, "id");

      if (type == NULL)
        add_issue (ctx, FT_ISSUE_TOOL_CALL_MISSING_FIELD, message_index,
                   _("Message %u: tool call %u has no “%s”."),
                   message_index + 1, i + 1, "type");
      else if (strcmp (type, "function") != 0)
        add_issue (ctx, FT_ISSUE_INVALID_TOOL_CALLS, message_index,
                   /* Translators: %u are numbers, %s is a type of call. */
                   _("Message %u: tool call %u has the type “%s”; only “function” calls can be "
                     "trained."),
                   message_index + 1, i + 1, type);

      if (function == NULL)
        {
          add_issue (ctx, FT_ISSUE_TOOL_CALL_MISSING_FIELD, message_index,
                     _("Message %u: tool call %u has no “%s”."),
                     message_index + 1, i + 1, "function");
        }
      else if (name == NULL || name[0] == '\0')
        {
          add_issue (ctx, FT_ISSUE_TOOL_CALL_MISSING_FIELD, message_index,
                     _("Message %u: tool call %u has no “%s”."),
                     message_index + 1, i + 1, "function.name");
        }
      else
        {
          check_function_name (ctx, message_index, name);
          check_arguments (ctx, message_index, name, get_member (function, "arguments"));
        }

      if (id != NULL && id[0] != '\0')
        {
          PendingCall p = { id, name != NULL ? name : "", message_index, FALSE };

          g_array_append_val (pending, p);
        }
    }
}

static void
check_function_call (CheckContext *ctx,
                     int           message_index,
                     JsonNode     *value)
{
  JsonObject *function;
  const char *name;

  ctx->uses_function_call = TRUE;
  ctx->report->legacy_functions = TRUE;

  if (JSON_NODE_HOLDS_NULL (value))
    return;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    {
      add_issue (ctx, FT_ISSUE_INVALID_TOOL_CALLS, message_index,
                 _("Message %u: “function_call” is %s, not a call."),
                 message_index + 1, describe_node (value));
      return;
    }

  function = json_node_get_object (value);
  name = ft_json_object_get_string (function, "name");
  if (name == NULL || name[0] == '\0')
    {
      add_issue (ctx, FT_ISSUE_TOOL_CALL_MISSING_FIELD, message_index,
                 _("Message %u: the function call has no “name”."),
                 message_index + 1);
      return;
    }

  check_function_name (ctx, message_index, name);
  check_arguments (ctx, message_index, name, get_member (function, "arguments"));
}

/* Reports the calls in pending that no tool message answered, then
 * forgets them.
 */
static void
flush_pending_calls (CheckContext *ctx,
                     GArray       *pending)
{
  for (guint i = 0; i < pending->len; i++)
    {
      PendingCall *p = &g_array_index (pending, PendingCall, i);

      if (!p->answered)
        add_issue (ctx, FT_ISSUE_TOOL_CALL_UNANSWERED, p->message_index,
                   /* Translators: %u is a number, the first %s a function, the second an id. */
                   _("Message %u calls “%s” (id “%s”), but no tool message answers it. Add a "
                     "tool message with this tool_call_id right after it."),
                   p->message_index + 1, p->function, p->id);
    }

  g_array_set_size (pending, 0);
}

/* Messages */

typedef struct
{
  GArray     *pending;            /* of PendingCall: the last call's */
  GPtrArray  *call_ids;           /* every call id so far, borrowed */
  const char *previous_role;
  const char *last_role;
  int         last_tool_call_message;
  guint       n_assistant;
  guint       n_assistant_untrained;
} MessageState;

static const char *known_roles[] = {
  "system", "user", "assistant", "tool", "function", "developer",
};

static gboolean
key_allowed (const char *role,
             const char *key)
{
  if (strcmp (key, "role") == 0 || strcmp (key, "content") == 0 || strcmp (key, "name") == 0)
    return TRUE;

  /* Checked on their own below, with their own codes. */
  if (strcmp (key, "weight") == 0 || strcmp (key, "tool_calls") == 0 ||
      strcmp (key, "function_call") == 0)
    return TRUE;

  if (g_strcmp0 (role, "assistant") == 0)
    return strcmp (key, "refusal") == 0;

  if (g_strcmp0 (role, "tool") == 0)
    return strcmp (key, "tool_call_id") == 0;

  return FALSE;
}

static void
check_weight (CheckContext *ctx,
              int           index,
              const char   *role,
              JsonNode     *weight,
              MessageState *state)
{
  gboolean binary = JSON_NODE_HOLDS_VALUE (weight) &&
                    json_node_get_value_type (weight) == G_TYPE_INT64 &&
                    (json_node_get_int (weight) == 0 || json_node_get_int (weight) == 1);

  if (g_strcmp0 (role, "assistant") != 0)
    {
      add_issue (ctx, FT_ISSUE_WEIGHT_ON_NON_ASSISTANT, index,
                 /* Translators: %u is a number, %s a role like "user". */
                 _("Message %u (%s) has a weight, but only assistant messages can have one. "
                   "Remove it."),
                 index + 1, role != NULL ? role : _("no role"));
      return;
    }

  if (!binary)
    {
      g_autofree char *shown = NULL;

      if (JSON_NODE_HOLDS_VALUE (weight) || JSON_NODE_HOLDS_NULL (weight))
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();

          json_generator_set_root (generator, weight);
          shown = json_generator_to_data (generator, NULL);
        }
      else
        shown = g_strdup (describe_node (weight));

      add_issue (ctx, FT_ISSUE_WEIGHT_NOT_BINARY, index,
                 /* Translators: %u is a number, %s the weight given. */
                 _("Message %u has the weight %s. A weight must be the number 0 (keep this "
                   "reply as context, do not train on it) or 1 (train on it)."),
                 index + 1, shown);
      return;
    }

  if (json_node_get_int (weight) == 0)
    state->n_assistant_untrained++;
}

static void
check_tool_reply (CheckContext *ctx,
                  int           index,
                  JsonObject   *message,
                  MessageState *state)
{
  const char *id = ft_json_object_get_string (message, "tool_call_id");
  gboolean known = FALSE;

  if (id == NULL || id[0] == '\0')
    {
      add_issue (ctx, FT_ISSUE_TOOL_REPLY_WITHOUT_CALL, index,
                 _("Message %u is a tool reply without a “tool_call_id”. Set it to the id of "
                   "the call it answers."),
                 index + 1);
      return;
    }

  for (guint i = 0; i < state->pending->len; i++)
    {
      PendingCall *p = &g_array_index (state->pending, PendingCall, i);

      if (strcmp (p->id, id) == 0 && !p->answered)
        {
          p->answered = TRUE;
          return;
        }
    }

  for (guint i = 0; i < state->call_ids->len; i++)
    known |= strcmp (g_ptr_array_index (state->call_ids, i), id) == 0;

  if (!known)
    add_issue (ctx, FT_ISSUE_TOOL_REPLY_WITHOUT_CALL, index,
               /* Translators: %u is a number, %s an id. */
               _("Message %u is a tool reply to the call “%s”, but no earlier assistant "
                 "message makes a call with that id."),
               index + 1, id);
}

static void
check_message (CheckContext *ctx,
               JsonNode     *node,
               int           index,
               MessageState *state)
{
  JsonObject *message;
  JsonNode *role_node;
  const char *role = NULL;
  JsonNode *content;
  JsonNode *tool_calls;
  JsonNode *function_call;
  JsonNode *weight;
  gboolean calls;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  GString *unknown_keys = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_issue (ctx, FT_ISSUE_MESSAGE_NOT_AN_OBJECT, index,
                 /* Translators: %u is a number, %s a kind of value ("text"). */
                 _("Message %u is %s, not a message like {\"role\": \"user\", \"content\": …}."),
                 index + 1, describe_node (node));
      state->previous_role = NULL;
      state->last_role = NULL;
      return;
    }

  message = json_node_get_object (node);
  role_node = get_member (message, "role");

  if (role_node == NULL || JSON_NODE_HOLDS_NULL (role_node))
    {
      add_issue (ctx, FT_ISSUE_MISSING_ROLE, index,
                 _("Message %u has no role. Set “role” to system, user, assistant or tool."),
                 index + 1);
    }
  else if (!node_is_string (role_node))
    {
      add_issue (ctx, FT_ISSUE_UNKNOWN_ROLE, index,
                 _("Message %u has a role that is %s. Set “role” to system, user, assistant or "
                   "tool."),
                 index + 1, describe_node (role_node));
    }
  else
    {
      gboolean known = FALSE;

      role = json_node_get_string (role_node);
      for (guint i = 0; i < G_N_ELEMENTS (known_roles); i++)
        known |= strcmp (role, known_roles[i]) == 0;

      if (!known)
        {
          g_autofree char *shown = abbreviate (role, 40);

          add_issue (ctx, FT_ISSUE_UNKNOWN_ROLE, index,
                     /* Translators: %u is a number, %s the role given. */
                     _("Message %u has the role “%s”, which is not a chat role. Use system, "
                       "user, assistant or tool."),
                     index + 1, shown);
          role = NULL;
        }
    }

  /* Keys that do not belong to the message. */
  json_object_iter_init_ordered (&iter, message);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      if (key_allowed (role, key))
        continue;

      if (unknown_keys == NULL)
        unknown_keys = g_string_new (NULL);
      else
        g_string_append (unknown_keys, ", ");
      g_string_append_printf (unknown_keys, "“%s”", key);
    }
  if (unknown_keys != NULL)
    {
      add_issue (ctx, FT_ISSUE_UNKNOWN_MESSAGE_KEY, index,
                 /* Translators: %u is a number, the first %s a role, the second a list of keys. */
                 _("Message %u (%s) has %s, which a %s message does not take. The service may "
                   "reject the file."),
                 index + 1, role_of (message), unknown_keys->str, role_of (message));
      g_string_free (unknown_keys, TRUE);
    }

  content = get_member (message, "content");
  tool_calls = get_member (message, "tool_calls");
  function_call = get_member (message, "function_call");
  weight = get_member (message, "weight");
  calls = (tool_calls != NULL && !JSON_NODE_HOLDS_NULL (tool_calls)) ||
          (function_call != NULL && !JSON_NODE_HOLDS_NULL (function_call));

  /* A new non-tool message ends the replies to earlier calls. */
  if (g_strcmp0 (role, "tool") != 0 && state->pending->len > 0)
    flush_pending_calls (ctx, state->pending);

  /* Calls only come from the assistant. */
  if (calls && g_strcmp0 (role, "assistant") != 0)
    {
      add_issue (ctx, FT_ISSUE_INVALID_TOOL_CALLS, index,
                 _("Message %u (%s) calls a tool or function, but only assistant messages can."),
                 index + 1, role_of (message));
    }
  else if (calls)
    {
      if (tool_calls != NULL && !JSON_NODE_HOLDS_NULL (tool_calls))
        {
          guint before = state->pending->len;

          check_tool_calls (ctx, index, tool_calls, state->pending);
          for (guint i = before; i < state->pending->len; i++)
            g_ptr_array_add (state->call_ids,
                             (gpointer)g_array_index (state->pending, PendingCall, i).id);
          state->last_tool_call_message = index;
        }
      if (function_call != NULL && !JSON_NODE_HOLDS_NULL (function_call))
        check_function_call (ctx, index, function_call);
    }

  /* Content. */
  if (content == NULL || JSON_NODE_HOLDS_NULL (content))
    {
      if (!(calls && g_strcmp0 (role, "assistant") == 0))
        add_issue (ctx, FT_ISSUE_MISSING_CONTENT, index,
                   /* Translators: %u is a number, %s a role. */
                   _("Message %u (%s) has no content. Write the text of the message under "
                     "“content”."),
                   index + 1, role_of (message));
    }
  else if (node_is_string (content))
    {
      const char *text = json_node_get_string (content);

      if (is_blank_text (text))
        {
          if (!(calls && g_strcmp0 (role, "assistant") == 0))
            add_issue (ctx, FT_ISSUE_EMPTY_CONTENT, index,
                       _("Message %u (%s) is empty. Write its text, or remove the message."),
                       index + 1, role_of (message));
        }
      else if (!ctx->reported_whitespace && has_surrounding_whitespace (text))
        {
          add_issue (ctx, FT_ISSUE_SURROUNDING_WHITESPACE, index,
                     _("Message %u (%s) starts or ends with spaces or line breaks. The model "
                       "learns those too; remove them unless they are meant."),
                     index + 1, role_of (message));
          ctx->reported_whitespace = TRUE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (content))
    {
      if (!check_content_parts (ctx, index, role, json_node_get_array (content)) &&
          !(calls && g_strcmp0 (role, "assistant") == 0))
        add_issue (ctx, FT_ISSUE_EMPTY_CONTENT, index,
                   _("Message %u (%s) is empty. Write its text, or remove the message."),
                   index + 1, role_of (message));
    }
  else
    {
      add_issue (ctx, FT_ISSUE_INVALID_CONTENT, index,
                 /* Translators: %u is a number, the first %s a role, the second a kind of value. */
                 _("Message %u (%s) has content that is %s. Content must be text, or a list of "
                   "text and image parts."),
                 index + 1, role_of (message), describe_node (content));
    }

  if (weight != NULL)
    check_weight (ctx, index, role, weight, state);

  if (g_strcmp0 (role, "tool") == 0)
    check_tool_reply (ctx, index, message, state);

  if (g_strcmp0 (role, "assistant") == 0)
    {
      state->n_assistant++;
      if (g_strcmp0 (state->previous_role, "assistant") == 0)
        add_issue (ctx, FT_ISSUE_CONSECUTIVE_ASSISTANT_MESSAGES, index,
                   /* Translators: %u are message numbers. */
                   _("Messages %u and %u both come from the assistant. Merge them into one "
                     "reply (text and tool calls can share a message), or put the user's turn "
                     "between them."),
                   index, index + 1);
    }

  state->previous_role = role;
  state->last_role = role;
}

/* The rules for the end of a conversation. */
typedef enum
{
  END_RULES_NONE,
  END_RULES_SUPERVISED,
  END_RULES_REINFORCEMENT,
} EndRules;

static void
check_message_list (CheckContext *ctx,
                    JsonArray    *messages,
                    int           first_index,
                    EndRules      end_rules)
{
  MessageState state = { 0 };
  guint n = json_array_get_length (messages);

  state.pending = g_array_new (FALSE, FALSE, sizeof (PendingCall));
  state.call_ids = g_ptr_array_new ();
  state.last_tool_call_message = -1;

  for (guint i = 0; i < n; i++)
    check_message (ctx, json_array_get_element (messages, i), first_index + (int)i, &state);

  /* Calls in the very last message teach the model to make the call; its
   * answer is not part of the example. Calls answered only in part are
   * still wrong.
   */
  if (state.pending->len > 0 && state.last_tool_call_message != first_index + (int)n - 1)
    flush_pending_calls (ctx, state.pending);

  if (end_rules == END_RULES_SUPERVISED && n > 0)
    {
      if (state.n_assistant == 0)
        add_issue (ctx, FT_ISSUE_MISSING_ASSISTANT_MESSAGE, -1,
                   _("This example has no assistant message, so there is nothing to learn from "
                     "it. Add the reply you want the model to give."));
      else if (state.n_assistant == state.n_assistant_untrained)
        add_issue (ctx, FT_ISSUE_ALL_WEIGHTS_ZERO, -1,
                   _("Every assistant message in this example has the weight 0, so nothing in "
                     "it is trained. Set the weight of at least one reply to 1."));

      if (state.n_assistant > 0 && state.last_role != NULL && strcmp (state.last_role,
                                                                      "assistant") != 0)
        add_issue (ctx, FT_ISSUE_LAST_MESSAGE_NOT_ASSISTANT, first_index + (int)n - 1,
                   /* Translators: %s is a role like "user". */
                   _("This example ends with a %s message. Only assistant replies are trained, "
                     "so it is wasted; end the example with the assistant's reply."),
                   state.last_role);
    }
  else if (end_rules == END_RULES_REINFORCEMENT && n > 0 &&
           g_strcmp0 (state.last_role, "user") != 0)
    {
      add_issue (ctx, FT_ISSUE_RFT_LAST_MESSAGE_NOT_USER, first_index + (int)n - 1,
                 _("This example ends with a %s message. Reinforcement fine-tuning examples "
                   "end with the user's request, which the model answers during training."),
                 state.last_role != NULL ? state.last_role : _("broken"));
    }

  g_array_unref (state.pending);
  g_ptr_array_unref (state.call_ids);
}

static void
check_function_formats (CheckContext *ctx)
{
  if (ctx->has_tools && ctx->has_functions)
    add_issue (ctx, FT_ISSUE_MIXED_FUNCTION_FORMATS, -1,
               _("This example defines both “tools” and the deprecated “functions”. Use only "
                 "“tools”."));
  else if ((ctx->has_tools || ctx->uses_tool_calls) &&
           (ctx->has_functions || ctx->uses_function_call))
    add_issue (ctx, FT_ISSUE_MIXED_FUNCTION_FORMATS, -1,
               _("This example mixes tools (“tools”, “tool_calls”) with the deprecated "
                 "functions (“functions”, “function_call”). Use only tools."));
}

static void
check_token_limit (CheckContext *ctx)
{
  FtValidator *self = ctx->self;
  gint64 limit = ft_validator_get_token_limit (self);
  g_autofree char *tokens = NULL;
  g_autofree char *limit_text = NULL;

  if (ctx->report->total_tokens <= limit)
    return;

  tokens = ft_format_integer (ctx->report->total_tokens);
  limit_text = ft_format_integer (limit);

  switch (ft_validator_get_token_limit_source (self))
    {
    case FT_TOKEN_LIMIT_SOURCE_MODEL:
      add_issue (ctx, FT_ISSUE_TOO_MANY_TOKENS, -1,
                 /* Translators: the first two %s are numbers, the third a model. */
                 ngettext ("This example has %s token, more than the %s that %s takes per "
                           "training example. The rest is cut off during training.",
                           "This example has %s tokens, more than the %s that %s takes per "
                           "training example. The rest is cut off during training.",
                           (gulong)ctx->report->total_tokens),
                 tokens, limit_text, self->model);
      break;

    case FT_TOKEN_LIMIT_SOURCE_ASSUMED:
      add_issue (ctx, FT_ISSUE_TOO_MANY_TOKENS, -1,
                 /* Translators: the first two %s are numbers, the third a model. */
                 ngettext ("This example has %s token, more than %s, the limit assumed for %s "
                           "(no official figure is known). The rest may be cut off during "
                           "training.",
                           "This example has %s tokens, more than %s, the limit assumed for %s "
                           "(no official figure is known). The rest may be cut off during "
                           "training.",
                           (gulong)ctx->report->total_tokens),
                 tokens, limit_text, self->model);
      break;

    case FT_TOKEN_LIMIT_SOURCE_EXPLICIT:
    case FT_TOKEN_LIMIT_SOURCE_NOTEBOOK:
    default:
      add_issue (ctx, FT_ISSUE_TOO_MANY_TOKENS, -1,
                 /* Translators: %s are numbers. */
                 ngettext ("This example has %s token, more than the limit of %s per training "
                           "example. The rest is cut off during training.",
                           "This example has %s tokens, more than the limit of %s per training "
                           "example. The rest is cut off during training.",
                           (gulong)ctx->report->total_tokens),
                 tokens, limit_text);
      break;
    }
}

static void
finish_counting (CheckContext *ctx)
{
  ctx->report->counted = TRUE;
  check_token_limit (ctx);

  if (ctx->report->special_token != NULL)
    add_issue (ctx, FT_ISSUE_SPECIAL_TOKEN_TEXT, ctx->special_token_message,
               /* Translators: %u is a number, %s a text like "<|endoftext|>". */
               _("Message %u contains “%s”, the text of a special token. It is counted as "
                 "ordinary text here, but some tools (like the cookbook notebook) refuse it."),
               ctx->special_token_message + 1, ctx->report->special_token);
}

/* Examples */

static void
check_chat (CheckContext *ctx,
            JsonObject   *example)
{
  static const char *chat_keys[] = { "messages", "tools", "parallel_tool_calls", "functions" };
  JsonNode *messages_node = get_member (example, "messages");
  JsonArray *messages;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  GString *unknown_keys = NULL;
  GPtrArray *grader_keys = NULL;
  gint64 total = 3;
  gint64 assistant = 0;

  /* The notebook iterates an empty string, list or object as no messages:
   * 3 tokens of priming, nothing else.
   */
  if (ctx->self->notebook && messages_node != NULL && !JSON_NODE_HOLDS_NULL (messages_node) &&
      !py_truthy (messages_node) &&
      (!JSON_NODE_HOLDS_VALUE (messages_node) ||
       json_node_get_value_type (messages_node) == G_TYPE_STRING))
    {
      ctx->report->total_tokens = 3;
      ctx->report->counted = TRUE;
    }

  if (messages_node == NULL || JSON_NODE_HOLDS_NULL (messages_node))
    {
      add_issue (ctx, FT_ISSUE_MISSING_MESSAGES, -1,
                 _("This example has no “messages”. Each line must hold one conversation: "
                   "{\"messages\": [{\"role\": \"user\", \"content\": …}, {\"role\": "
                   "\"assistant\", \"content\": …}]}."));
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (messages_node))
    {
      add_issue (ctx, FT_ISSUE_MESSAGES_NOT_A_LIST, -1,
                 /* Translators: %s is a kind of value ("an object"). */
                 _("“messages” is %s, not a list of messages."),
                 describe_node (messages_node));
      return;
    }

  messages = json_node_get_array (messages_node);
  ctx->report->n_messages = json_array_get_length (messages);

  if (ctx->report->n_messages == 0)
    {
      add_issue (ctx, FT_ISSUE_EMPTY_MESSAGES, -1,
                 _("The list of messages is empty. Add the conversation, or remove the line."));
      return;
    }

  /* Top-level keys: grader data for RFT, unknown for SFT. */
  json_object_iter_init_ordered (&iter, example);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (chat_keys); i++)
        known |= strcmp (key, chat_keys[i]) == 0;
      if (known)
        continue;

      if (ctx->method == FT_DATASET_METHOD_REINFORCEMENT)
        {
          if (grader_keys == NULL)
            grader_keys = g_ptr_array_new ();
          if (grader_keys->len < FT_MAX_GRADER_KEYS)
            g_ptr_array_add (grader_keys, g_strdup (key));
        }
      else
        {
          if (unknown_keys == NULL)
            unknown_keys = g_string_new (NULL);
          else
            g_string_append (unknown_keys, ", ");
          g_string_append_printf (unknown_keys, "“%s”", key);
        }
    }

  if (unknown_keys != NULL)
    {
      add_issue (ctx, FT_ISSUE_UNKNOWN_EXAMPLE_KEY, -1,
                 /* Translators: %s is a list of keys. */
                 _("The example has %s, which is not part of the chat format (messages, tools, "
                   "parallel_tool_calls). The service may reject or ignore it."),
                 unknown_keys->str);
      g_string_free (unknown_keys, TRUE);
    }

  if (grader_keys != NULL)
    {
      ctx->report->n_grader_keys = grader_keys->len;
      g_ptr_array_add (grader_keys, NULL);
      ctx->report->grader_keys = (char **)g_ptr_array_free (grader_keys, FALSE);
    }

  check_tool_definitions (ctx, example);
  check_message_list (ctx, messages, 0,
                      ctx->method == FT_DATASET_METHOD_REINFORCEMENT ? END_RULES_REINFORCEMENT
                                                                     : END_RULES_SUPERVISED);
  check_function_formats (ctx);

  if (ctx->report->n_images > MAX_IMAGES_PER_EXAMPLE)
    add_issue (ctx, FT_ISSUE_TOO_MANY_IMAGES, -1,
               /* Translators: %u is a number of images. */
               ngettext ("This example has %u image; at most 10 are allowed per example.",
                         "This example has %u images; at most 10 are allowed per example.",
                         ctx->report->n_images),
               ctx->report->n_images);

  count_messages (ctx, messages, 0, &total, &assistant);
  ctx->report->total_tokens = total;
  ctx->report->assistant_tokens = assistant;
  finish_counting (ctx);
}

static JsonNode *
get_output (JsonObject  *example,
            const char  *name,
            const char  *old_name,
            const char **used_name)
{
  JsonNode *node = get_member (example, name);

  *used_name = name;
  if (node == NULL && (node = get_member (example, old_name)) != NULL)
    *used_name = old_name;

  return node;
}

/* One DPO output: a list holding exactly one assistant message with text. */
static JsonArray *
check_output (CheckContext *ctx,
              JsonNode     *node,
              const char   *name,
              int           message_index)
{
  JsonArray *array;
  JsonNode *element;
  JsonObject *message;
  JsonNode *content;

  if (node == NULL)
    {
      add_issue (ctx, FT_ISSUE_DPO_INVALID_OUTPUT, -1,
                 /* Translators: %s is a key like "preferred_output". */
                 _("This preference example has no “%s”. It needs a list with one assistant "
                   "message."),
                 name);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 1)
    {
      add_issue (ctx, FT_ISSUE_DPO_INVALID_OUTPUT, -1,
                 /* Translators: %s is a key like "preferred_output". */
                 _("“%s” must be a list with exactly one assistant message."),
                 name);
      return NULL;
    }

  array = json_node_get_array (node);
  element = json_array_get_element (array, 0);
  message = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

  if (message == NULL || g_strcmp0 (ft_json_object_get_string (message, "role"), "assistant") != 0)
    {
      add_issue (ctx, FT_ISSUE_DPO_INVALID_OUTPUT, -1,
                 _("The message in “%s” must come from the assistant."),
                 name);
      return array;
    }

  content = get_member (message, "content");
  if (node_is_string (content))
    {
      if (is_blank_text (json_node_get_string (content)))
        add_issue (ctx, FT_ISSUE_DPO_INVALID_OUTPUT, -1,
                   _("The message in “%s” is empty."),
                   name);
    }
  else if (content != NULL && JSON_NODE_HOLDS_ARRAY (content))
    {
      if (!check_content_parts (ctx, message_index, "assistant", json_node_get_array (content)))
        add_issue (ctx, FT_ISSUE_DPO_INVALID_OUTPUT, -1,
                   _("The message in “%s” is empty."),
                   name);
    }
  else
    {
      add_issue (ctx, FT_ISSUE_DPO_INVALID_OUTPUT, -1,
                 _("The message in “%s” has no text."),
                 name);
    }

  return array;
}

static void
check_preference (CheckContext *ctx,
                  JsonObject   *example)
{
  JsonNode *input_node = get_member (example, "input");
  JsonObject *input = NULL;
  JsonNode *messages_node = NULL;
  JsonArray *messages = NULL;
  JsonNode *preferred_node;
  JsonNode *rejected_node;
  const char *preferred_name;
  const char *rejected_name;
  JsonArray *preferred;
  JsonArray *rejected;
  gint64 total = 3;
  gint64 assistant = 0;
  int n_input;

  ctx->in_preference = TRUE;

  if (input_node != NULL && JSON_NODE_HOLDS_OBJECT (input_node))
    {
      input = json_node_get_object (input_node);
      messages_node = get_member (input, "messages");
    }

  if (messages_node != NULL && JSON_NODE_HOLDS_ARRAY (messages_node) &&
      json_array_get_length (json_node_get_array (messages_node)) > 0)
    {
      messages = json_node_get_array (messages_node);
      check_tool_definitions (ctx, input);
      check_message_list (ctx, messages, 0, END_RULES_NONE);
      check_function_formats (ctx);
    }
  else
    {
      add_issue (ctx, FT_ISSUE_DPO_MISSING_INPUT, -1,
                 _("This preference example has no conversation to answer. Put it under "
                   "“input” as {\"messages\": […]}, ending with the user's turn."));
    }

  preferred_node = get_output (example,
                               "preferred_output",
                               "preferred_completion",
                               &preferred_name);
  rejected_node = get_output (example,
                              "non_preferred_output",
                              "non_preferred_completion",
                              &rejected_name);
  /* The outputs are numbered after the input's messages, as counted. */
  n_input = messages != NULL ? (int)json_array_get_length (messages) : 0;
  preferred = check_output (ctx, preferred_node, preferred_name, n_input);
  rejected = check_output (ctx, rejected_node, rejected_name, n_input + 1);

  if (preferred != NULL && rejected != NULL && same_value (preferred_node, rejected_node))
    {
        add_issue (ctx, FT_ISSUE_DPO_IDENTICAL_OUTPUTS, -1,
                   _("The preferred and the rejected output are the same, so there is nothing "
                     "to learn from this pair."));
    }

  if (messages == NULL)
    return;

  ctx->report->n_messages = json_array_get_length (messages);
  count_messages (ctx, messages, 0, &total, &assistant);
  if (preferred != NULL)
    {
      count_messages (ctx, preferred, ctx->report->n_messages, &total, &assistant);
      ctx->report->n_messages += json_array_get_length (preferred);
    }
  if (rejected != NULL)
    {
      count_messages (ctx, rejected, ctx->report->n_messages, &total, &assistant);
      ctx->report->n_messages += json_array_get_length (rejected);
    }

  ctx->report->total_tokens = total;
  ctx->report->assistant_tokens = assistant;
  finish_counting (ctx);
}

static const char *
describe_kind (FtLineKind kind)
{
  switch (kind)
    {
    case FT_LINE_KIND_PREFERENCE:
      return _("a preference pair (DPO)");
    case FT_LINE_KIND_PROMPT_COMPLETION:
      return _("a legacy prompt/completion pair");
    case FT_LINE_KIND_CHAT:
    case FT_LINE_KIND_PROMPT_ONLY:
      return _("a chat conversation");
    case FT_LINE_KIND_BLANK:
    case FT_LINE_KIND_BROKEN:
    case FT_LINE_KIND_OTHER:
    default:
      return _("something else");
    }
}

static const char *
describe_method (FtDatasetMethod method)
{
  switch (method)
    {
    case FT_DATASET_METHOD_PREFERENCE:
      return _("preference (DPO)");
    case FT_DATASET_METHOD_REINFORCEMENT:
      return _("reinforcement fine-tuning");
    case FT_DATASET_METHOD_PROMPT_COMPLETION:
      return _("legacy prompt/completion");
    case FT_DATASET_METHOD_AUTO:
    case FT_DATASET_METHOD_SUPERVISED:
    default:
      return _("supervised fine-tuning");
    }
}

static void
check_not_an_object (CheckContext *ctx,
                     JsonNode     *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      gboolean looks_like_messages = json_array_get_length (array) > 0;

      for (guint i = 0; i < json_array_get_length (array) && looks_like_messages; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          looks_like_messages = JSON_NODE_HOLDS_OBJECT (element) &&
                                json_object_has_member (json_node_get_object (element), "role");
        }

      if (looks_like_messages)
        {
          add_issue (ctx, FT_ISSUE_NOT_AN_OBJECT, -1,
                     _("This line is a bare list of messages. Wrap it as {\"messages\": […]} "
                       "to make it an example."));
          return;
        }
    }

  add_issue (ctx, FT_ISSUE_NOT_AN_OBJECT, -1,
             /* Translators: %s is a kind of value ("a list"). */
             _("This line is %s, not an example. Each line must be one JSON object such as "
               "{\"messages\": […]}."),
             describe_node (node));
}

/* GObject */

/* Checks one example (see ft_validator_check_node()). The duplicate keys
 * come from its text, which the caller passes when it has it (%NULL:
 * written from @node). With @valid_utf8, every string in @node is known to
 * be valid UTF-8 (it was parsed by ft_jsonl_line_load()), and tokens are
 * counted without checking again.
 */
static FtExampleReport *
check_node (FtValidator *self,
            JsonNode    *node,
            const char  *text,
            gsize        length,
            gboolean     valid_utf8,
            guint64      line,
            gint64       index)
{
  g_autofree char *written = NULL;
  CheckContext ctx = { 0 };
  FtLineKind kind;
  FtDatasetMethod line_method;

  g_assert (FT_IS_VALIDATOR (self));

  ctx.self = self;
  ctx.report = _ft_example_report_new (line, index);
  ctx.special_token_message = -1;
  ctx.valid_utf8 = valid_utf8;

  if (text == NULL)
    {
      text = written = ft_json_node_to_string (node);
      length = strlen (written);
    }

  kind = ft_validator_classify_node (node);
  ctx.report->kind = kind;
  hash_example (ctx.report, text, length);
  check_notebook (ctx.report, node);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      check_not_an_object (&ctx, node);
      return ctx.report;
    }

  /* A line is checked as what the file is for; with no method, as what
   * it looks like (prompt-only lines then count as broken SFT).
   */
  line_method = ft_dataset_method_for_kind (kind);
  ctx.method = self->notebook ? FT_DATASET_METHOD_SUPERVISED : self->method;
  if (ctx.method == FT_DATASET_METHOD_AUTO)
    ctx.method = (line_method == FT_DATASET_METHOD_REINFORCEMENT ||
                  line_method == FT_DATASET_METHOD_AUTO) ? FT_DATASET_METHOD_SUPERVISED
                                                         : line_method;

  switch (ctx.method)
    {
    case FT_DATASET_METHOD_PREFERENCE:
      if (kind == FT_LINE_KIND_PREFERENCE || kind == FT_LINE_KIND_OTHER)
        check_preference (&ctx, json_node_get_object (node));
      else
        add_issue (&ctx, FT_ISSUE_MIXED_FORMATS, -1,
                   /* Translators: the first %s is a kind of example, the second a kind of data. */
                   _("This line is %s, but the file holds %s data. One file must use one format."),
                   describe_kind (kind), describe_method (ctx.method));
      break;

    case FT_DATASET_METHOD_PROMPT_COMPLETION:
      /* The whole file gets one finding; see FtValidationSummary. */
      if (kind != FT_LINE_KIND_PROMPT_COMPLETION)
        add_issue (&ctx, FT_ISSUE_MIXED_FORMATS, -1,
                   _("This line is %s, but the file holds %s data. One file must use one format."),
                   describe_kind (kind), describe_method (ctx.method));
      break;

    case FT_DATASET_METHOD_SUPERVISED:
    case FT_DATASET_METHOD_REINFORCEMENT:
    case FT_DATASET_METHOD_AUTO:
    default:
      if (kind == FT_LINE_KIND_PREFERENCE || kind == FT_LINE_KIND_PROMPT_COMPLETION)
        add_issue (&ctx, FT_ISSUE_MIXED_FORMATS, -1,
                   _("This line is %s, but the file holds %s data. One file must use one format."),
                   describe_kind (kind), describe_method (ctx.method));
      else
        check_chat (&ctx, json_node_get_object (node));
      break;
    }

  g_clear_pointer (&ctx.function_names, g_ptr_array_unref);

  return ctx.report;
}

static void
ft_validator_finalize (GObject *object)
{
  FtValidator *self = (FtValidator *)object;

  g_clear_pointer (&self->model, g_free);
  g_clear_object (&self->tokenizer);

  G_OBJECT_CLASS (ft_validator_parent_class)->finalize (object);
}

static void
ft_validator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FtValidator *self = FT_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_ENCODING:
      g_value_set_int (value, ft_validator_get_encoding (self));
      break;

    case PROP_TOKEN_LIMIT:
      g_value_set_int64 (value, ft_validator_get_token_limit (self));
      break;

    case PROP_NOTEBOOK:
      g_value_set_boolean (value, self->notebook);
      break;

    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_validator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FtValidator *self = FT_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ft_validator_set_model (self, g_value_get_string (value));
      break;

    case PROP_ENCODING:
      ft_validator_set_encoding (self, g_value_get_int (value));
      break;

    case PROP_TOKEN_LIMIT:
      ft_validator_set_token_limit (self, g_value_get_int64 (value));
      break;

    case PROP_NOTEBOOK:
      ft_validator_set_notebook (self, g_value_get_boolean (value));
      break;

    case PROP_METHOD:
      ft_validator_set_method (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_validator_class_init (FtValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_validator_finalize;
  object_class->get_property = ft_validator_get_property;
  object_class->set_property = ft_validator_set_property;

  /**
   * FtValidator:model:
   *
   * The model to train, or %NULL. It chooses the encoding (unless one is
   * set) and the token limit (unless one is set).
   */
  properties [PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtValidator:encoding:
   *
   * The #FtEncoding tokens are counted with: the one set, else
   * `cl100k_base` in notebook mode, else the model's.
   */
  properties [PROP_ENCODING] =
    g_param_spec_int ("encoding", NULL, NULL,
                      FT_ENCODING_CL100K_BASE, FT_ENCODING_O200K_BASE, FT_ENCODING_CL100K_BASE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtValidator:token-limit:
   *
   * The most tokens per example. Setting 0 chooses it automatically (see
   * ft_validator_get_token_limit_source()).
   */
  properties [PROP_TOKEN_LIMIT] =
    g_param_spec_int64 ("token-limit", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtValidator:notebook:
   *
   * Whether to count exactly as the cookbook notebook does: non-string
   * values are skipped instead of counting the text inside them, and the
   * default encoding and limit are the notebook's.
   */
  properties [PROP_NOTEBOOK] =
    g_param_spec_boolean ("notebook", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtValidator:method:
   *
   * What the data is checked as; with %FT_DATASET_METHOD_AUTO each line
   * is checked as what it looks like.
   */
  properties [PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL,
                       FT_TYPE_DATASET_METHOD,
                       FT_DATASET_METHOD_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_validator_init (FtValidator *self)
{
  self->encoding = FT_ENCODING_CL100K_BASE;
  self->method = FT_DATASET_METHOD_AUTO;
  ft_training_constants_init (&self->constants);
}

/* Public API */

/**
 * ft_validator_new:
 *
 * Creates a validator with the default options: no model, so
 * `cl100k_base` and the notebook's limit of 16,385 tokens.
 *
 * Returns: (transfer full): a new #FtValidator
 */
FtValidator *
ft_validator_new (void)
{
  return g_object_new (FT_TYPE_VALIDATOR, NULL);
}

/**
 * ft_validator_copy:
 * @self: a #FtValidator
 *
 * Copies the options and the loaded tokenizer, so that a worker can keep
 * checking with them while the original is changed.
 *
 * Returns: (transfer full): a new #FtValidator
 */
FtValidator *
ft_validator_copy (FtValidator *self)
{
  FtValidator *copy;

  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);

  copy = ft_validator_new ();
  copy->model = g_strdup (self->model);
  copy->encoding = self->encoding;
  copy->encoding_set = self->encoding_set;
  copy->token_limit = self->token_limit;
  copy->notebook = self->notebook;
  copy->method = self->method;
  copy->constants = self->constants;
  if (self->tokenizer != NULL &&
      ft_tokenizer_get_encoding (self->tokenizer) == ft_validator_get_encoding (copy))
    copy->tokenizer = g_object_ref (self->tokenizer);

  return copy;
}

const char *
ft_validator_get_model (FtValidator *self)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);

  return self->model;
}

/**
 * ft_validator_set_model:
 * @self: a #FtValidator
 * @model: (nullable): a model name
 *
 * Sets the model to train. Call ft_validator_prepare() again afterwards:
 * the encoding may change.
 */
void
ft_validator_set_model (FtValidator *self,
                        const char  *model)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));

  if (g_strcmp0 (self->model, model) == 0)
    return;

  g_free (self->model);
  self->model = g_strdup (model);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENCODING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOKEN_LIMIT]);
}

/**
 * ft_validator_get_encoding:
 * @self: a #FtValidator
 *
 * Returns: the encoding tokens are counted with
 */
FtEncoding
ft_validator_get_encoding (FtValidator *self)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), FT_ENCODING_CL100K_BASE);

  if (self->encoding_set)
    return self->encoding;

  if (self->notebook || self->model == NULL)
    return FT_ENCODING_CL100K_BASE;

  return ft_encoding_for_model (self->model, FT_ENCODING_CL100K_BASE);
}

/**
 * ft_validator_set_encoding:
 * @self: a #FtValidator
 * @encoding: an encoding
 *
 * Counts with @encoding whatever the model is.
 */
void
ft_validator_set_encoding (FtValidator *self,
                           FtEncoding   encoding)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));

  if (self->encoding_set && self->encoding == encoding)
    return;

  self->encoding = encoding;
  self->encoding_set = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENCODING]);
}

/**
 * ft_validator_reset_encoding:
 * @self: a #FtValidator
 *
 * Chooses the encoding from the model again.
 */
void
ft_validator_reset_encoding (FtValidator *self)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));

  if (!self->encoding_set)
    return;

  self->encoding_set = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENCODING]);
}

/**
 * ft_validator_get_token_limit:
 * @self: a #FtValidator
 *
 * Returns: the most tokens an example may have
 */
gint64
ft_validator_get_token_limit (FtValidator *self)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), FT_NOTEBOOK_TOKEN_LIMIT);

  if (self->token_limit > 0)
    return self->token_limit;

  if (self->notebook || self->model == NULL)
    return FT_NOTEBOOK_TOKEN_LIMIT;

  return ft_models_get_token_limit (self->model, NULL);
}

/**
 * ft_validator_get_token_limit_source:
 * @self: a #FtValidator
 *
 * Returns: where ft_validator_get_token_limit() comes from; an assumed
 *   limit must be labelled as such
 */
FtTokenLimitSource
ft_validator_get_token_limit_source (FtValidator *self)
{
  gboolean known = FALSE;

  g_return_val_if_fail (FT_IS_VALIDATOR (self), FT_TOKEN_LIMIT_SOURCE_NOTEBOOK);

  if (self->token_limit > 0)
    return FT_TOKEN_LIMIT_SOURCE_EXPLICIT;

  if (self->notebook || self->model == NULL)
    return FT_TOKEN_LIMIT_SOURCE_NOTEBOOK;

  ft_models_get_token_limit (self->model, &known);
  return known ? FT_TOKEN_LIMIT_SOURCE_MODEL : FT_TOKEN_LIMIT_SOURCE_ASSUMED;
}

/**
 * ft_validator_set_token_limit:
 * @self: a #FtValidator
 * @token_limit: the most tokens per example, or 0 for automatic
 */
void
ft_validator_set_token_limit (FtValidator *self,
                              gint64       token_limit)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));
  g_return_if_fail (token_limit >= 0);

  if (self->token_limit == token_limit)
    return;

  self->token_limit = token_limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOKEN_LIMIT]);
}

gboolean
ft_validator_get_notebook (FtValidator *self)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), FALSE);

  return self->notebook;
}

/**
 * ft_validator_set_notebook:
 * @self: a #FtValidator
 * @notebook: whether to count as the cookbook notebook does
 */
void
ft_validator_set_notebook (FtValidator *self,
                           gboolean     notebook)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));

  notebook = !!notebook;
  if (self->notebook == (guint)notebook)
    return;

  self->notebook = notebook;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOTEBOOK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENCODING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOKEN_LIMIT]);
}

FtDatasetMethod
ft_validator_get_method (FtValidator *self)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), FT_DATASET_METHOD_AUTO);

  return self->method;
}

/**
 * ft_validator_set_method:
 * @self: a #FtValidator
 * @method: what to check the data as
 */
void
ft_validator_set_method (FtValidator     *self,
                         FtDatasetMethod  method)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));

  if (self->method == method)
    return;

  self->method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_METHOD]);
}

/**
 * ft_validator_get_constants:
 * @self: a #FtValidator
 * @constants: (out caller-allocates): the constants
 *
 * The training constants of the epochs estimate (the notebook's unless
 * changed), with the per-example limit of this validator (examples are
 * billed up to it).
 */
void
ft_validator_get_constants (FtValidator         *self,
                            FtTrainingConstants *constants)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));
  g_return_if_fail (constants != NULL);

  *constants = self->constants;
  constants->max_tokens_per_example = ft_validator_get_token_limit (self);
}

/**
 * ft_validator_set_constants:
 * @self: a #FtValidator
 * @constants: the training constants
 *
 * Changes the constants of the epochs estimate (the notebook's by
 * default). Their max_tokens_per_example is ignored: the per-example
 * limit is #FtValidator:token-limit.
 */
void
ft_validator_set_constants (FtValidator               *self,
                            const FtTrainingConstants *constants)
{
  g_return_if_fail (FT_IS_VALIDATOR (self));
  g_return_if_fail (constants != NULL);
  g_return_if_fail (constants->target_epochs > 0);
  g_return_if_fail (constants->min_default_epochs <= constants->max_default_epochs);

  self->constants = *constants;
}

/**
 * ft_validator_prepare:
 * @self: a #FtValidator
 * @error: return location for a #GError
 *
 * Loads the tokenizer for the current encoding (blocking: call it from a
 * worker thread or the CLI, or use ft_validator_prepare_async()). Must
 * succeed before examples are checked, and be called again after the
 * model or encoding changes.
 *
 * Returns: %TRUE on success
 */
gboolean
ft_validator_prepare (FtValidator  *self,
                      GError      **error)
{
  FtEncoding encoding;
  FtTokenizer *tokenizer;

  g_return_val_if_fail (FT_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  encoding = ft_validator_get_encoding (self);
  if (self->tokenizer != NULL && ft_tokenizer_get_encoding (self->tokenizer) == encoding)
    return TRUE;

  /* A new reference, which the validator keeps. */
  tokenizer = ft_tokenizer_get (encoding, error);
  if (tokenizer == NULL)
    return FALSE;

  g_clear_object (&self->tokenizer);
  self->tokenizer = tokenizer;
  return TRUE;
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FtValidator *self = g_task_get_source_object (task);
  g_autoptr(FtTokenizer) tokenizer = ft_tokenizer_get_finish (result, &error);

  if (tokenizer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The encoding may have changed while the tokenizer loaded. */
  if (ft_tokenizer_get_encoding (tokenizer) == ft_validator_get_encoding (self))
    {
      g_clear_object (&self->tokenizer);
      self->tokenizer = g_steal_pointer (&tokenizer);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * ft_validator_prepare_async:
 * @self: a #FtValidator
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the tokenizer is loaded
 * @user_data: data for @callback
 *
 * Loads the tokenizer in a worker thread.
 */
void
ft_validator_prepare_async (FtValidator         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FT_IS_VALIDATOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_validator_prepare_async);

  if (self->tokenizer != NULL &&
      ft_tokenizer_get_encoding (self->tokenizer) == ft_validator_get_encoding (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  ft_tokenizer_get_async (ft_validator_get_encoding (self), cancellable,
                          prepare_cb, g_steal_pointer (&task));
}

/**
 * ft_validator_prepare_finish:
 * @self: a #FtValidator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the validator is ready
 */
gboolean
ft_validator_prepare_finish (FtValidator   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ft_validator_is_prepared:
 * @self: a #FtValidator
 *
 * Returns: whether the tokenizer for the current encoding is loaded
 */
gboolean
ft_validator_is_prepared (FtValidator *self)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), FALSE);

  return self->tokenizer != NULL &&
         ft_tokenizer_get_encoding (self->tokenizer) == ft_validator_get_encoding (self);
}

/**
 * ft_validator_classify_node:
 * @node: one line's JSON value
 *
 * Returns: what the line looks like
 */
FtLineKind
ft_validator_classify_node (JsonNode *node)
{
  JsonObject *object;
  JsonNode *messages;

  g_return_val_if_fail (node != NULL, FT_LINE_KIND_OTHER);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FT_LINE_KIND_OTHER;

  object = json_node_get_object (node);
  messages = get_member (object, "messages");

  if (messages != NULL)
    {
      JsonArray *array;
      guint n;
      JsonNode *last;

      if (!JSON_NODE_HOLDS_ARRAY (messages))
        return FT_LINE_KIND_CHAT;

      array = json_node_get_array (messages);
      n = json_array_get_length (array);
      if (n == 0)
        return FT_LINE_KIND_CHAT;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              g_strcmp0 (ft_json_object_get_string (json_node_get_object (element), "role"),
                         "assistant") == 0)
            return FT_LINE_KIND_CHAT;
        }

      last = json_array_get_element (array, n - 1);
      if (JSON_NODE_HOLDS_OBJECT (last) &&
          g_strcmp0 (ft_json_object_get_string (json_node_get_object (last), "role"), "user") == 0)
        return FT_LINE_KIND_PROMPT_ONLY;

      return FT_LINE_KIND_CHAT;
    }

  if (json_object_has_member (object, "input") ||
      json_object_has_member (object, "preferred_output") ||
      json_object_has_member (object, "non_preferred_output") ||
      json_object_has_member (object, "preferred_completion") ||
      json_object_has_member (object, "non_preferred_completion"))
    return FT_LINE_KIND_PREFERENCE;

  if (json_object_has_member (object, "prompt") || json_object_has_member (object, "completion"))
    return FT_LINE_KIND_PROMPT_COMPLETION;

  return FT_LINE_KIND_OTHER;
}

/**
 * ft_validator_detect_method:
 * @kind_counts: (array length=n_kinds): how many lines of each
 *   #FtLineKind there are (indexed by kind)
 * @n_kinds: the length of @kind_counts, %FT_LINE_N_KINDS
 *
 * Decides what a file is for from the kinds of its lines: the method with
 * the most lines, supervised fine-tuning on ties or when nothing tells.
 * So a file whose lines mostly end with the user and have no assistant
 * turn is reinforcement fine-tuning data, not broken SFT data.
 *
 * Returns: the method, never %FT_DATASET_METHOD_AUTO
 */
FtDatasetMethod
ft_validator_detect_method (const guint *kind_counts,
                            guint        n_kinds)
{
  static const FtLineKind order[] = {
    FT_LINE_KIND_CHAT,
    FT_LINE_KIND_PREFERENCE,
    FT_LINE_KIND_PROMPT_ONLY,
    FT_LINE_KIND_PROMPT_COMPLETION,
  };
  FtLineKind best = FT_LINE_KIND_CHAT;
  guint best_count = 0;

  g_return_val_if_fail (kind_counts != NULL, FT_DATASET_METHOD_SUPERVISED);
  g_return_val_if_fail (n_kinds == FT_LINE_N_KINDS, FT_DATASET_METHOD_SUPERVISED);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (kind_counts[order[i]] > best_count)
        {
          best = order[i];
          best_count = kind_counts[order[i]];
        }
    }

  return ft_dataset_method_for_kind (best);
}

/**
 * ft_validator_check_node:
 * @self: a prepared #FtValidator
 * @node: one line's JSON value
 * @line: the 1-based line number
 * @index: the 0-based example index
 *
 * Checks one example: the notebook's counters, the app's own rules, the
 * tokens and the duplicate hashes. Thread-safe: any number of threads may
 * check examples with one validator, as long as its options are not
 * changed meanwhile. @node is only read.
 *
 * Returns: (transfer full): the report
 */
FtExampleReport *
ft_validator_check_node (FtValidator *self,
                         JsonNode    *node,
                         guint64      line,
                         gint64       index)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (self->tokenizer != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);

  return check_node (self, node, NULL, 0, FALSE, line, index);
}

/**
 * ft_validator_check_broken:
 * @self: a #FtValidator
 * @line: the 1-based line number
 * @index: the 0-based example index
 * @code: %FT_ISSUE_INVALID_JSON, %FT_ISSUE_INVALID_UTF8 or
 *   %FT_ISSUE_CONTAINS_NUL
 * @column: the 1-based column of the problem, or 0
 * @message: the explanation (the parser's message for invalid JSON)
 *
 * Reports a line that could not be parsed. It stays an example (the GUI
 * keeps it for the user to fix); the notebook would stop loading there.
 *
 * Returns: (transfer full): the report
 */
FtExampleReport *
ft_validator_check_broken (FtValidator *self,
                           guint64      line,
                           gint64       index,
                           FtIssueCode  code,
                           guint        column,
                           const char  *message)
{
  FtExampleReport *report;
  FtIssue *issue;

  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (code == FT_ISSUE_INVALID_JSON ||
                        code == FT_ISSUE_INVALID_UTF8 ||
                        code == FT_ISSUE_CONTAINS_NUL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  report = _ft_example_report_new (line, index);
  report->kind = FT_LINE_KIND_BROKEN;
  report->notebook_failure = FT_NOTEBOOK_FAILURE_LOAD;

  issue = ft_issue_new (code, line, index, -1, message);
  _ft_issue_set_column (issue, column);
  _ft_example_report_add_issue (report, issue);

  return report;
}

/**
 * ft_validator_check_blank:
 * @self: a #FtValidator
 * @line: the 1-based line number
 *
 * Reports an empty line. It is not an example (its index is -1).
 *
 * Returns: (transfer full): the report
 */
FtExampleReport *
ft_validator_check_blank (FtValidator *self,
                          guint64      line)
{
  FtExampleReport *report;

  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);

  report = _ft_example_report_new (line, -1);
  report->kind = FT_LINE_KIND_BLANK;
  report->notebook_failure = FT_NOTEBOOK_FAILURE_LOAD;
  _ft_example_report_add_issue (report,
                                ft_issue_new (FT_ISSUE_BLANK_LINE, line, -1, -1,
                                              _("This line is empty. Empty lines are not "
                                                "examples; remove it (the cookbook notebook, "
                                                "for one, stops at it).")));

  return report;
}

/* The warning for lone surrogate escapes, which json-glib was given as
 * U+FFFD.
 */
static void
add_lone_surrogate_issue (FtExampleReport   *report,
                          const FtJsonlLine *line)
{
  g_autofree char *copy = g_strndup (line->text, line->length);
  g_autofree char *message = NULL;
  const char *escape = ft_json_find_lone_surrogate (line->text, line->length);
  gsize n = ft_json_replace_lone_surrogates (copy, line->length);

  g_return_if_fail (escape != NULL && n > 0);

  if (n == 1)
    message = g_strdup_printf (_("The text contains “%.6s”, a lone surrogate: half of a "
                                 "character, as when an emoji is cut in two. It counts as the "
                                 "replacement character “�” (U+FFFD), as in Python. "
                                 "Write the whole character, or remove it."),
                               escape);
  else
    /* Translators: %u is a number of escapes, %s the first of them, such as “\ud83d”. */
    message = g_strdup_printf (ngettext ("The text contains %u lone surrogate, such as “%.6s”: "
                                         "half of a character, as when an emoji is cut in two. "
                                         "Each counts as the replacement character "
                                         "“�” (U+FFFD), as in Python. Write the "
                                         "whole characters, or remove them.",
                                         "The text contains %u lone surrogates, such as “%.6s”: "
                                         "half of a character, as when an emoji is cut in two. "
                                         "Each counts as the replacement character "
                                         "“�” (U+FFFD), as in Python. Write the "
                                         "whole characters, or remove them.",
                                         n),
                               (guint)n, escape);

  _ft_example_report_add_issue (report,
                                ft_issue_new (FT_ISSUE_LONE_SURROGATE,
                                              report->line,
                                              report->index,
                                              -1,
                                              message));
}

/**
 * ft_validator_check_line:
 * @self: a #FtValidator
 * @line: a line from a #FtJsonlReader or ft_jsonl_line_init(); its number
 *   goes into parse error messages (0 for none)
 * @number: the 1-based line number of the report
 * @index: the 0-based example index
 * @parser: (nullable): a parser to reuse, or %NULL for a new one
 *
 * Checks one line of text: blank lines as ft_validator_check_blank(),
 * lines that are not JSON as ft_validator_check_broken() (with the column
 * of the problem), and the rest as ft_validator_check_node(). A line with
 * lone surrogate escapes is checked as Python reads it, with each one
 * counted as U+FFFD, and gets a warning. Thread-safe as
 * ft_validator_check_node() is; @parser must belong to the calling thread.
 *
 * Returns: (transfer full): the report
 */
FtExampleReport *
ft_validator_check_line (FtValidator       *self,
                         const FtJsonlLine *line,
                         guint64            number,
                         gint64             index,
                         JsonParser        *parser)
{
  g_autoptr(JsonParser) own_parser = NULL;
  g_autoptr(GError) error = NULL;
  FtExampleReport *report;
  FtJsonScanFlags flags;
  FtIssueCode code;
  guint column = 0;

  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (line != NULL && line->text != NULL, NULL);
  g_return_val_if_fail (parser == NULL || JSON_IS_PARSER (parser), NULL);

  if (line->status == FT_LINE_BLANK)
    return ft_validator_check_blank (self, number);

  if (parser == NULL)
    parser = own_parser = json_parser_new ();

  if (ft_jsonl_line_load (line, parser, &flags, &column, &error))
    {
      /* The line is valid UTF-8, and json-glib was given no lone
       * surrogate, so its strings are valid UTF-8 too.
       */
      report = check_node (self, json_parser_get_root (parser), line->text, line->length, TRUE,
                           number, index);
      if (flags & FT_JSON_SCAN_LONE_SURROGATE)
        add_lone_surrogate_issue (report, line);
      return report;
    }

  switch (line->status)
    {
    case FT_LINE_INVALID_UTF8:
      code = FT_ISSUE_INVALID_UTF8;
      break;
    case FT_LINE_CONTAINS_NUL:
      code = FT_ISSUE_CONTAINS_NUL;
      break;
    case FT_LINE_OK:
      code = (flags & FT_JSON_SCAN_NUL_ESCAPE) ? FT_ISSUE_CONTAINS_NUL : FT_ISSUE_INVALID_JSON;
      break;
    case FT_LINE_BLANK:
    default:
      code = FT_ISSUE_INVALID_JSON;
      break;
    }

  return ft_validator_check_broken (self, number, index, code, MAX (column, 1), error->message);
}

typedef struct
{
  char    *text;
  guint64  line;
  gint64   index;
} CheckTextData;

static void
check_text_data_free (CheckTextData *data)
{
  g_free (data->text);
  g_free (data);
}

static void
check_text_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  FtValidator *self = source_object;
  CheckTextData *data = task_data;
  FtJsonlLine line;

  /* Number 0: the message names the column; the finding has the line. */
  ft_jsonl_line_init (&line, 0, data->text, strlen (data->text));

  g_task_return_pointer (task,
                         ft_validator_check_line (self, &line, data->line, data->index, NULL),
                         (GDestroyNotify)ft_example_report_unref);
}

static void
check_text_prepared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ft_validator_prepare_finish (FT_VALIDATOR (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, check_text_worker);
}

/**
 * ft_validator_check_text_async:
 * @self: a #FtValidator
 * @text: one example as JSON text (an edited example's compact line)
 * @line: the 1-based line the example comes from
 * @index: the 0-based example index
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the report is ready
 * @user_data: data for @callback
 *
 * Checks one example in a worker thread (loading the tokenizer first,
 * asynchronously, if needed), for the GUI after an edit. Do not change the validator's
 * options while it runs.
 */
void
ft_validator_check_text_async (FtValidator         *self,
                               const char          *text,
                               guint64              line,
                               gint64               index,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckTextData *data;

  g_return_if_fail (FT_IS_VALIDATOR (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CheckTextData, 1);
  data->text = g_strdup (text);
  data->line = line;
  data->index = index;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_validator_check_text_async);
  g_task_set_task_data (task, data, (GDestroyNotify)check_text_data_free);
  g_task_set_return_on_cancel (task, TRUE);

  /* The tokenizer is loaded in the main context first, never by a worker
   * racing another.
   */
  if (ft_validator_is_prepared (self))
    g_task_run_in_thread (task, check_text_worker);
  else
    ft_validator_prepare_async (self, cancellable, check_text_prepared_cb, g_steal_pointer (&task));
}

/**
 * ft_validator_check_text_finish:
 * @self: a #FtValidator
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the report, or %NULL with @error set (the
 *   tokenizer could not be loaded, or the check was cancelled)
 */
FtExampleReport *
ft_validator_check_text_finish (FtValidator   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
