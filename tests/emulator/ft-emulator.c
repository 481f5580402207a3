/* ft-emulator.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-emulator"

#include "config.h"

#include "ft-emulator.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/* A stateful loopback stand-in for the OpenAI fine-tuning API, for tests
 * and for Prism's validating proxy. Its answers keep to the spec
 * (tests/contract/openapi.fine-tuning-subset.yaml): keys the schema does
 * not allow to be null are left out rather than sent as null.
 *
 * Jobs move one state per ft_emulator_step() (or per auto-step tick), so
 * tests never sleep. Uploads are received without buffering: multipart
 * bodies are parsed as they arrive and only small files are kept.
 */

#define BASE_PATH        "/v1"
#define CLOCK_START      G_GINT64_CONSTANT (1750000000)
#define KEEP_CONTENT_MAX (4 * 1024 * 1024)
#define RESET_AFTER      (64 * 1024)

typedef struct
{
  char            *pattern;
  FtEmulatorFault  fault;
  guint            remaining;
} Fault;

typedef struct
{
  char       *id;
  char       *filename;
  char       *purpose;
  char       *sha256;
  GBytes     *content;    /* NULL when too large to keep */
  gint64      bytes;
  gint64      created_at;
  gint64      n_lines;
} File;

typedef struct
{
  char      *id;
  GBytes    *content;
  char      *sha256;
  gint64     bytes;
  gint64     n_lines;
} Part;

typedef struct
{
  char       *id;
  char       *filename;
  char       *purpose;
  char       *status;
  char       *file_id;
  GHashTable *parts;    /* id → Part */
  gint64      bytes;
  gint64      created_at;
} Upload;

typedef struct
{
  char       *id;
  char       *model;
  char       *status;
  char       *training_file;
  char       *validation_file;
  char       *suffix;
  char       *method;
  char       *fine_tuned_model;
  char       *result_file;
  char       *error_code;
  char       *error_message;
  char       *error_param;
  JsonObject *metadata;
  GPtrArray  *events;        /* JsonObject, oldest first */
  GPtrArray  *checkpoints;   /* JsonObject, oldest first */
  GString    *csv;
  gint64      created_at;
  gint64      finished_at;
  gint64      seed;
  gint64      n_epochs;
  gint64      batch_size;
  double      learning_rate;
  double      beta;
  gint64      step;
  gint64      total_steps;
  gint64      trained_tokens;
} Job;

typedef struct
{
  char       *id;
  char       *owned_by;
  char       *shutdown_date;
  gint64      created;
} Model;

/* A multipart body parsed as it arrives. */
typedef enum
{
  MP_PREAMBLE,
  MP_HEADERS,
  MP_DATA,
  MP_AFTER_DELIMITER,
  MP_DONE,
  MP_ERROR,
} MultipartState;

typedef struct
{
  FtEmulator     *emulator;
  char           *delimiter;   /* "\r\n--boundary" */
  GByteArray     *pending;
  MultipartState  state;
  char           *part_name;
  char           *part_filename;
  GHashTable     *fields;      /* name → text, for small fields */
  GString        *field;
  GChecksum      *sha256;
  GByteArray     *content;
  gint64          bytes;
  gint64          n_lines;
  gint64          received;
  gboolean        reset;
  char           *file_field;
  char           *file_name;
} Multipart;

struct _FtEmulator
{
  GObject      parent_instance;

  SoupServer  *server;
  char        *api_key;
  char        *retry_after;
  char        *should_retry;
  GPtrArray   *faults;
  GPtrArray   *log;        /* "METHOD /path" */
  GHashTable  *last_headers;
  char        *last_body;
  char        *last_query;
  GHashTable  *files;      /* id → File */
  GPtrArray   *file_order;
  GHashTable  *uploads;
  GHashTable  *jobs;
  GPtrArray   *job_order;
  GHashTable  *models;
  GPtrArray   *model_order;
  GPtrArray   *streams;
  guint        port;
  guint        counter;
  guint        stream_delay_ms;
  guint        steps_per_epoch;
  guint        auto_step_id;
  gint64       clock;
  gint64       largest_chunk;
  guint        n_receiving;      /* multipart bodies being received */
  guint        max_receiving;
  gboolean     results_base64;
};

G_DEFINE_FINAL_TYPE (FtEmulator, ft_emulator, G_TYPE_OBJECT)

/* Helpers */

static char *
new_id (FtEmulator *self,
        const char *prefix)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *id = g_string_new (prefix);
  guint n = ++self->counter;

  /* Deterministic, distinct, and looking like the real thing. */
  for (guint i = 0; i < 12; i++)
    {
      g_string_append_c (id, alphabet[(n * 7 + i * 13 + (n >> (i % 8))) % (sizeof alphabet - 1)]);
    }
  g_string_append_printf (id, "%u", n);

  return g_string_free (id, FALSE);
}

static gint64
tick (FtEmulator *self)
{
  return ++self->clock;
}

static void
file_free (File *file)
{
  g_free (file->id);
  g_free (file->filename);
  g_free (file->purpose);
  g_free (file->sha256);
  g_clear_pointer (&file->content, g_bytes_unref);
  g_free (file);
}

static void
part_free (Part *part)
{
  g_free (part->id);
  g_free (part->sha256);
  g_clear_pointer (&part->content, g_bytes_unref);
  g_free (part);
}

static void
upload_free (Upload *upload)
{
  g_free (upload->id);
  g_free (upload->filename);
  g_free (upload->purpose);
  g_free (upload->status);
  g_free (upload->file_id);
  g_hash_table_unref (upload->parts);
  g_free (upload);
}

static void
job_free (Job *job)
{
  g_free (job->id);
  g_free (job->model);
  g_free (job->status);
  g_free (job->training_file);
  g_free (job->validation_file);
  g_free (job->suffix);
  g_free (job->method);
  g_free (job->fine_tuned_model);
  g_free (job->result_file);
  g_free (job->error_code);
  g_free (job->error_message);
  g_free (job->error_param);
  g_clear_pointer (&job->metadata, json_object_unref);
  g_ptr_array_unref (job->events);
  g_ptr_array_unref (job->checkpoints);
  g_string_free (job->csv, TRUE);
  g_free (job);
}

static void
model_free (Model *model)
{
  g_free (model->id);
  g_free (model->owned_by);
  g_free (model->shutdown_date);
  g_free (model);
}

static void
fault_free (Fault *fault)
{
  g_free (fault->pattern);
  g_free (fault);
}

static void
add_model (FtEmulator *self,
           const char *id,
           const char *owned_by,
           const char *shutdown_date)
{
  Model *model = g_new0 (Model, 1);

  model->id = g_strdup (id);
  model->owned_by = g_strdup (owned_by);
  model->shutdown_date = g_strdup (shutdown_date);
  model->created = tick (self);
  g_hash_table_insert (self->models, model->id, model);
  g_ptr_array_add (self->model_order, model->id);
}

/* Responses */

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  respond_json (msg, status, node);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *message,
               const char        *type,
               const char        *param,
               const char        *code)
{
  JsonObject *root = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (error, "type", type);
  if (param != NULL)
    json_object_set_string_member (error, "param", param);
  else
    json_object_set_null_member (error, "param");
  if (code != NULL)
    json_object_set_string_member (error, "code", code);
  else
    json_object_set_null_member (error, "code");
  json_object_set_object_member (root, "error", error);

  respond_object (msg, status, root);
}

static void
respond_invalid (SoupServerMessage *msg,
                 const char        *param,
                 const char        *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
respond_invalid (SoupServerMessage *msg,
                 const char        *param,
                 const char        *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  respond_error (msg, 400, message, "invalid_request_error", param, NULL);
}

static void
respond_not_found (SoupServerMessage *msg,
                   const char        *what,
                   const char        *id)
{
  g_autofree char *message = g_strdup_printf ("No such %s: '%s'", what, id);

  respond_error (msg, 404, message, "invalid_request_error", NULL, NULL);
}

/* Objects as JSON */

static JsonObject *
file_to_json (File *file)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", file->id);
  json_object_set_string_member (object, "object", "file");
  json_object_set_int_member (object, "bytes", file->bytes);
  json_object_set_int_member (object, "created_at", file->created_at);
  json_object_set_string_member (object, "filename", file->filename);
  json_object_set_string_member (object, "purpose", file->purpose);
  json_object_set_string_member (object, "status", "processed");

  return object;
}

static JsonObject *
upload_to_json (FtEmulator *self,
                Upload     *upload)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", upload->id);
  json_object_set_string_member (object, "object", "upload");
  json_object_set_int_member (object, "bytes", upload->bytes);
  json_object_set_int_member (object, "created_at", upload->created_at);
  json_object_set_string_member (object, "filename", upload->filename);
  json_object_set_string_member (object, "purpose", upload->purpose);
  json_object_set_string_member (object, "status", upload->status);
  json_object_set_int_member (object, "expires_at", upload->created_at + 3600);
  if (upload->file_id != NULL)
    json_object_set_object_member (object,
                                   "file",
                                   file_to_json (g_hash_table_lookup (self->files,
                                                                      upload->file_id)));

  return object;
}

static void
set_nullable_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonObject *
hyperparameters_to_json (Job      *job,
                         gboolean  with_beta)
{
  JsonObject *hp = json_object_new ();

  if (job->n_epochs > 0)
    json_object_set_int_member (hp, "n_epochs", job->n_epochs);
  else
    json_object_set_string_member (hp, "n_epochs", "auto");
  if (job->batch_size > 0)
    json_object_set_int_member (hp, "batch_size", job->batch_size);
  else
    json_object_set_string_member (hp, "batch_size", "auto");
  if (job->learning_rate > 0)
    json_object_set_double_member (hp, "learning_rate_multiplier", job->learning_rate);
  else
    json_object_set_string_member (hp, "learning_rate_multiplier", "auto");
  if (with_beta)
    {
      if (job->beta > 0)
        json_object_set_double_member (hp, "beta", job->beta);
      else
        json_object_set_string_member (hp, "beta", "auto");
    }

  return hp;
}

static JsonObject *
job_to_json (Job *job)
{
  JsonObject *object = json_object_new ();
  JsonObject *method = json_object_new ();
  JsonObject *body = json_object_new ();
  JsonArray *results = json_array_new ();
  gboolean dpo = g_strcmp0 (job->method, "dpo") == 0;

  json_object_set_string_member (object, "object", "fine_tuning.job");
  json_object_set_string_member (object, "id", job->id);
  json_object_set_string_member (object, "model", job->model);
  json_object_set_int_member (object, "created_at", job->created_at);
  if (job->finished_at > 0)
    json_object_set_int_member (object, "finished_at", job->finished_at);
  else
    json_object_set_null_member (object, "finished_at");
  set_nullable_string (object, "fine_tuned_model", job->fine_tuned_model);
  json_object_set_string_member (object, "organization_id", "org-emulator");
  if (job->result_file != NULL)
    json_array_add_string_element (results, job->result_file);
  json_object_set_array_member (object, "result_files", results);
  json_object_set_string_member (object, "status", job->status);
  set_nullable_string (object, "validation_file", job->validation_file);
  json_object_set_string_member (object, "training_file", job->training_file);
  json_object_set_object_member (object, "hyperparameters", hyperparameters_to_json (job, FALSE));
  if (job->trained_tokens > 0)
    json_object_set_int_member (object, "trained_tokens", job->trained_tokens);
  else
    json_object_set_null_member (object, "trained_tokens");
  json_object_set_int_member (object, "seed", job->seed);
  json_object_set_array_member (object, "integrations", json_array_new ());
  if (g_strcmp0 (job->status, "running") == 0)
    json_object_set_int_member (object, "estimated_finish", job->created_at + 3600);
  else
    json_object_set_null_member (object, "estimated_finish");

  if (job->error_message != NULL)
    {
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "code", job->error_code);
      json_object_set_string_member (error, "message", job->error_message);
      set_nullable_string (error, "param", job->error_param);
      json_object_set_object_member (object, "error", error);
    }
  else
    {
      json_object_set_null_member (object, "error");
    }

  json_object_set_string_member (method, "type", job->method);
  json_object_set_object_member (body, "hyperparameters", hyperparameters_to_json (job, dpo));
  json_object_set_object_member (method, job->method, body);
  json_object_set_object_member (object, "method", method);

  if (job->metadata != NULL)
    json_object_set_object_member (object, "metadata", json_object_ref (job->metadata));

  return object;
}

static JsonObject *
model_to_json (Model *model)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", model->id);
  json_object_set_string_member (object, "object", "model");
  json_object_set_int_member (object, "created", model->created);
  json_object_set_string_member (object, "owned_by", model->owned_by);
  set_nullable_string (object, "shutdown_date", model->shutdown_date);

  return object;
}

/* Lists: newest first, cursor pagination. */

typedef JsonObject *(*ToJsonFunc) (gpointer item,
                                   gpointer user_data);

static void
respond_list (SoupServerMessage *msg,
              GHashTable        *query,
              GPtrArray         *newest_first,
              const char      *(*get_id) (gpointer item),
              ToJsonFunc         to_json,
              gpointer           user_data,
              guint              default_limit,
              gboolean           with_ids,
              gboolean           nullable_ids)
{
  const char *after = query ? g_hash_table_lookup (query, "after") : NULL;
  const char *limit_s = query ? g_hash_table_lookup (query, "limit") : NULL;
  JsonObject *root = json_object_new ();
  JsonArray *data = json_array_new ();
  guint start = 0;
  guint limit = default_limit;
  guint end;

  if (limit_s != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (limit_s, 10, 1, 10000, &value, NULL))
        {
          json_object_unref (root);
          json_array_unref (data);
          respond_invalid (msg,
                           "limit",
                           "Invalid limit '%s': expected an integer between 1 and 10000",
                           limit_s);
          return;
        }
      limit = value;
    }

  if (after != NULL)
    {
      for (guint i = 0; i < newest_first->len; i++)
        {
          if (g_strcmp0 (get_id (g_ptr_array_index (newest_first, i)), after) == 0)
            {
              start = i + 1;
              break;
            }
        }
    }

  end = MIN (newest_first->len, start + limit);
  for (guint i = start; i < end; i++)
    json_array_add_object_element (data, to_json (g_ptr_array_index (newest_first, i), user_data));

  json_object_set_string_member (root, "object", "list");
  if (with_ids)
    {
      const char *first = end > start ? get_id (g_ptr_array_index (newest_first, start)) : NULL;
      const char *last = end > start ? get_id (g_ptr_array_index (newest_first, end - 1)) : NULL;

      if (nullable_ids)
        {
          set_nullable_string (root, "first_id", first);
          set_nullable_string (root, "last_id", last);
        }
      else
        {
          json_object_set_string_member (root, "first_id", first ? first : "");
          json_object_set_string_member (root, "last_id", last ? last : "");
        }
    }
  json_object_set_array_member (root, "data", data);
  json_object_set_boolean_member (root, "has_more", end < newest_first->len);

  respond_object (msg, 200, root);
}

static GPtrArray *
reversed (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_sized_new (array->len);

  for (guint i = array->len; i > 0; i--)
    g_ptr_array_add (copy, g_ptr_array_index (array, i - 1));

  return copy;
}

static const char *
object_id (gpointer item)
{
  return json_object_get_string_member (item, "id");
}

static JsonObject *
object_ref_to_json (gpointer item,
                    gpointer user_data)
{
  return json_object_ref (item);
}

/* Faults */

static Fault *
take_fault (FtEmulator *self,
            const char *request_line)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->remaining > 0 && g_pattern_match_simple (fault->pattern, request_line))
        return fault;
    }

  return NULL;
}

static void
use_fault (Fault *fault)
{
  if (fault->remaining > 0)
    fault->remaining--;
}

static void
break_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

/* Multipart bodies */

static void
multipart_free (Multipart *mp)
{
  g_free (mp->delimiter);
  g_byte_array_unref (mp->pending);
  g_free (mp->part_name);
  g_free (mp->part_filename);
  g_hash_table_unref (mp->fields);
  if (mp->field != NULL)
    g_string_free (mp->field, TRUE);
  g_clear_pointer (&mp->sha256, g_checksum_free);
  g_clear_pointer (&mp->content, g_byte_array_unref);
  g_free (mp->file_field);
  g_free (mp->file_name);
  g_free (mp);
}

static char *
header_param (const char *headers,
              const char *name)
{
  g_autofree char *needle = g_strdup_printf ("%s=\"", name);
  const char *start = strstr (headers, needle);
  const char *end;

  /* Do not match filename= for name=. */
  while (start != NULL && start > headers && g_ascii_isalpha (start[-1]))
    start = strstr (start + 1, needle);

  if (start == NULL)
    return NULL;

  start += strlen (needle);
  end = strchr (start, '"');

  return end ? g_strndup (start, end - start) : NULL;
}

static const guint8 *
find_bytes (const guint8 *haystack,
            gsize         len,
            const char   *needle,
            gsize         nlen)
{
  const guint8 *p = haystack;
  const guint8 *end = haystack + len;

  while (p + nlen <= end)
    {
      p = memchr (p, needle[0], (end - p) - nlen + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, nlen) == 0)
        return p;
      p++;
    }

  return NULL;
}

static void
multipart_data (Multipart    *mp,
                const guint8 *data,
                gsize         len)
{
  if (len == 0)
    return;

  if (mp->part_filename != NULL)
    {
      g_checksum_update (mp->sha256, data, len);
      mp->bytes += len;
      for (gsize i = 0; i < len; i++)
        if (data[i] == '\n')
          mp->n_lines++;

      if (mp->content != NULL)
        {
          if (mp->content->len + len > KEEP_CONTENT_MAX)
            g_clear_pointer (&mp->content, g_byte_array_unref);
          else
            g_byte_array_append (mp->content, data, len);
        }
    }
  else if (mp->field->len < 65536)
    {
      g_string_append_len (mp->field, (const char *)data, len);
    }
}

static void
multipart_end_part (Multipart *mp)
{
  if (mp->part_filename == NULL && mp->part_name != NULL)
    g_hash_table_insert (mp->fields, g_strdup (mp->part_name), g_strdup (mp->field->str));
  else if (mp->part_filename != NULL)
    {
      g_free (mp->file_field);
      mp->file_field = g_strdup (mp->part_name);
      g_free (mp->file_name);
      mp->file_name = g_strdup (mp->part_filename);
    }

  g_clear_pointer (&mp->part_name, g_free);
  g_clear_pointer (&mp->part_filename, g_free);
}

static void
multipart_feed (Multipart    *mp,
                const guint8 *data,
                gsize         len)
{
  gsize dlen = strlen (mp->delimiter);

  g_byte_array_append (mp->pending, data, len);

  for (;;)
    {
      const guint8 *buf = mp->pending->data;
      gsize avail = mp->pending->len;

      switch (mp->state)
        {
        case MP_PREAMBLE:
          {
            /* The first delimiter has no leading CRLF. */
            const char *first = mp->delimiter + 2;
            gsize flen = dlen - 2;

            if (avail < flen + 2)
              return;
            if (memcmp (buf, first, flen) != 0 || memcmp (buf + flen, "\r\n", 2) != 0)
              {
                mp->state = MP_ERROR;
                return;
              }
            g_byte_array_remove_range (mp->pending, 0, flen + 2);
            mp->state = MP_HEADERS;
          }
          break;

        case MP_HEADERS:
          {
            const guint8 *end = find_bytes (buf, avail, "\r\n\r\n", 4);
            g_autofree char *headers = NULL;

            if (end == NULL)
              {
                if (avail > 16384)
                  mp->state = MP_ERROR;
                return;
              }

            headers = g_strndup ((const char *)buf, end - buf);
            mp->part_name = header_param (headers, "name");
            mp->part_filename = header_param (headers, "filename");
            if (mp->part_filename == NULL)
              {
                if (mp->field != NULL)
                  g_string_free (mp->field, TRUE);
                mp->field = g_string_new (NULL);
              }
            g_byte_array_remove_range (mp->pending, 0, (end - buf) + 4);
            mp->state = MP_DATA;
          }
          break;

        case MP_DATA:
          {
            const guint8 *found = find_bytes (buf, avail, mp->delimiter, dlen);

            if (found == NULL)
              {
                if (avail > dlen)
                  {
                    gsize safe = avail - dlen;

                    multipart_data (mp, buf, safe);
                    g_byte_array_remove_range (mp->pending, 0, safe);
                  }
                return;
              }

            multipart_data (mp, buf, found - buf);
            g_byte_array_remove_range (mp->pending, 0, (found - buf) + dlen);
            multipart_end_part (mp);
            mp->state = MP_AFTER_DELIMITER;
          }
          break;

        case MP_AFTER_DELIMITER:
          if (avail < 2)
            return;
          if (memcmp (buf, "--", 2) == 0)
            {
              mp->state = MP_DONE;
              return;
            }
          if (memcmp (buf, "\r\n", 2) != 0)
            {
              mp->state = MP_ERROR;
              return;
            }
          g_byte_array_remove_range (mp->pending, 0, 2);
          mp->state = MP_HEADERS;
          break;

        case MP_DONE:
        case MP_ERROR:
        default:
          return;
        }
    }
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 Multipart         *mp)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  mp->emulator->largest_chunk = MAX (mp->emulator->largest_chunk, (gint64)len);
  mp->received += len;

  if (mp->reset)
    {
      if (mp->received >= RESET_AFTER)
        {
          mp->reset = FALSE;
          break_connection (msg);
        }
      return;
    }

  multipart_feed (mp, data, len);
}

static void
on_multipart_finished_cb (SoupServerMessage *msg,
                          FtEmulator        *self)
{
  self->n_receiving--;
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  FtEmulator *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *line = NULL;
  const char *content_type;
  const char *boundary;
  Multipart *mp;
  Fault *fault;

  content_type = soup_message_headers_get_content_type (headers, &params);
  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0 ||
      g_strcmp0 (content_type, "multipart/form-data") != 0)
    return;

  boundary = params ? g_hash_table_lookup (params, "boundary") : NULL;
  if (boundary == NULL)
    return;

  mp = g_new0 (Multipart, 1);
  mp->emulator = self;
  mp->delimiter = g_strdup_printf ("\r\n--%s", boundary);
  mp->pending = g_byte_array_new ();
  mp->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mp->sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  mp->content = g_byte_array_new ();

  line = g_strdup_printf ("POST %s",
                          g_str_has_prefix (path, BASE_PATH) ? path + strlen (BASE_PATH) : path);
  fault = take_fault (self, line);
  if (fault != NULL && fault->fault == FT_EMULATOR_FAULT_RESET_MID_BODY)
    {
      use_fault (fault);
      mp->reset = TRUE;
      /* Counted here: the main handler never runs for this request. */
      g_ptr_array_add (self->log, g_strdup (line));
    }

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), "ft-multipart", mp, (GDestroyNotify)multipart_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), mp);

  /* How many bodies come in at the same time. */
  self->n_receiving++;
  self->max_receiving = MAX (self->max_receiving, self->n_receiving);
  g_signal_connect (msg, "finished", G_CALLBACK (on_multipart_finished_cb), self);
}

static File *
add_file (FtEmulator *self,
          const char *filename,
          const char *purpose,
          GBytes     *content,
          const char *sha256,
          gint64      bytes,
          gint64      n_lines)
{
  File *file = g_new0 (File, 1);

  file->id = new_id (self, "file-");
  file->filename = g_strdup (filename);
  file->purpose = g_strdup (purpose);
  file->content = content ? g_bytes_ref (content) : NULL;
  file->sha256 = g_strdup (sha256);
  file->bytes = bytes;
  file->n_lines = n_lines;
  file->created_at = tick (self);

  g_hash_table_insert (self->files, file->id, file);
  g_ptr_array_add (self->file_order, file->id);

  return file;
}

static GBytes *
take_content (Multipart *mp)
{
  if (mp->content == NULL)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&mp->content));
}

/* Handlers */

static gboolean
check_purpose (const char *purpose)
{
  static const char * const purposes[] = {
    "assistants", "batch", "fine-tune", "vision", "user_data", "evals", NULL
  };

  return purpose != NULL && g_strv_contains (purposes, purpose);
}

static void
handle_create_file (FtEmulator        *self,
                    SoupServerMessage *msg,
                    Multipart         *mp)
{
  const char *purpose;
  g_autoptr(GBytes) content = NULL;
  File *file;

  if (mp == NULL || mp->state != MP_DONE)
    {
      respond_invalid (msg, "file", "The request body is not a complete multipart/form-data body");
      return;
    }

  purpose = g_hash_table_lookup (mp->fields, "purpose");
  if (!check_purpose (purpose))
    {
      respond_invalid (msg,
                       "purpose",
                       "'%s' is not one of ['assistants', 'batch', 'fine-tune', 'vision', "
                       "'user_data', 'evals'] - 'purpose'",
                       purpose ? purpose : "");
      return;
    }

  if (g_strcmp0 (mp->file_field, "file") != 0)
    {
      respond_invalid (msg, "file", "Missing required parameter: 'file'");
      return;
    }

  if (g_str_equal (purpose, "fine-tune") && !g_str_has_suffix (mp->file_name, ".jsonl"))
    {
      respond_invalid (msg, "file", "Invalid file format for Fine-Tuning API. Must be .jsonl");
      return;
    }

  content = take_content (mp);
  file = add_file (self, mp->file_name, purpose, content,
                   g_checksum_get_string (mp->sha256), mp->bytes, mp->n_lines);

  respond_object (msg, 200, file_to_json (file));
}

static JsonObject *
parse_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Reads an "auto"-or-number hyperparameter; returns FALSE when it is out
 * of range.
 */
static gboolean
read_hyper (JsonObject *hp,
            const char *name,
            double      min,
            double      max,
            gboolean    exclusive_min,
            gboolean    integer,
            double     *value)
{
  JsonNode *node = hp ? json_object_get_member (hp, name) : NULL;
  double v;

  *value = 0;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return TRUE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (node), "auto") == 0;
  if (integer && json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  v = json_node_get_double (node);
  if (exclusive_min ? v <= min : v < min)
    return FALSE;
  if (v > max)
    return FALSE;

  *value = v;
  return TRUE;
}

static void
add_event (FtEmulator *self,
           Job        *job,
           const char *level,
           const char *type,
           JsonObject *data,
           const char *format,
           ...) G_GNUC_PRINTF (6, 7);

static void
add_event (FtEmulator *self,
           Job        *job,
           const char *level,
           const char *type,
           JsonObject *data,
           const char *format,
           ...)
{
  JsonObject *event = json_object_new ();
  g_autofree char *message = NULL;
  g_autofree char *id = new_id (self, "ftevent-");
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_object_set_string_member (event, "object", "fine_tuning.job.event");
  json_object_set_string_member (event, "id", id);
  json_object_set_int_member (event, "created_at", tick (self));
  json_object_set_string_member (event, "level", level);
  json_object_set_string_member (event, "message", message);
  json_object_set_string_member (event, "type", type);
  /* The real service sends "data": null on message events; the schema
   * wants an object, so it is left out.
   */
  if (data != NULL)
    json_object_set_object_member (event, "data", data);

  g_ptr_array_add (job->events, event);
}

static void
handle_create_job (FtEmulator        *self,
                   SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = parse_body (msg);
  const char *model;
  const char *training_file;
  const char *validation_file;
  const char *suffix;
  const char *method_type = "supervised";
  JsonObject *method;
  JsonObject *hp = NULL;
  File *file;
  Job *job;
  double n_epochs, batch_size, lr, beta = 0;

  if (body == NULL)
    {
      respond_invalid (msg, NULL, "We could not parse the JSON body of your request.");
      return;
    }

  model = get_string (body, "model");
  training_file = get_string (body, "training_file");
  validation_file = get_string (body, "validation_file");
  suffix = get_string (body, "suffix");

  if (model == NULL)
    {
      respond_invalid (msg, "model", "Missing required parameter: 'model'.");
      return;
    }
  if (training_file == NULL)
    {
      respond_invalid (msg, "training_file", "Missing required parameter: 'training_file'.");
      return;
    }

  file = g_hash_table_lookup (self->files, training_file);
  if (file == NULL)
    {
      respond_invalid (msg, "training_file", "invalid training_file: %s", training_file);
      return;
    }
  if (g_strcmp0 (file->purpose, "fine-tune") != 0)
    {
      respond_invalid (msg,
                       "training_file",
                       "File %s has purpose '%s', expected 'fine-tune'",
                       training_file,
                       file->purpose);
      return;
    }
  if (validation_file != NULL && !g_hash_table_contains (self->files, validation_file))
    {
      respond_invalid (msg, "validation_file", "invalid validation_file: %s", validation_file);
      return;
    }
  if (!g_hash_table_contains (self->models, model))
    {
      g_autofree char *message =
        g_strdup_printf ("Model %s is not available for fine-tuning or does not exist.", model);

      respond_error (msg, 400, message, "invalid_request_error", "model", "model_not_available");
      return;
    }
  if (suffix != NULL && (strlen (suffix) < 1 || g_utf8_strlen (suffix, -1) > 64))
    {
      respond_invalid (msg, "suffix", "suffix must be between 1 and 64 characters");
      return;
    }

  method = json_object_get_member (body, "method") &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "method"))
           ? json_object_get_object_member (body, "method") : NULL;
  if (method != NULL)
    {
      JsonObject *inner;

      method_type = get_string (method, "type");
      if (g_strcmp0 (method_type, "supervised") != 0 && g_strcmp0 (method_type, "dpo") != 0)
        {
          respond_invalid (msg,
                           "method.type",
                           "Unsupported method type: %s",
                           method_type ? method_type : "(none)");
          return;
        }
      inner = json_object_get_member (method, method_type) &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (method, method_type))
              ? json_object_get_object_member (method, method_type) : NULL;
      if (inner != NULL && json_object_get_member (inner, "hyperparameters") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (inner, "hyperparameters")))
        hp = json_object_get_object_member (inner, "hyperparameters");
    }
  else if (json_object_get_member (body, "hyperparameters") &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "hyperparameters")))
    {
      hp = json_object_get_object_member (body, "hyperparameters");
    }

  if (!read_hyper (hp, "n_epochs", 1, 50, FALSE, TRUE, &n_epochs))
    {
      respond_invalid (msg,
                       "n_epochs",
                       "Invalid n_epochs: must be an integer between 1 and 50, or 'auto'");
      return;
    }
  if (!read_hyper (hp, "batch_size", 1, 256, FALSE, TRUE, &batch_size))
    {
      respond_invalid (msg,
                       "batch_size",
                       "Invalid batch_size: must be an integer between 1 and 256, or 'auto'");
      return;
    }
  if (!read_hyper (hp, "learning_rate_multiplier", 0, G_MAXDOUBLE, TRUE, FALSE, &lr))
    {
      respond_invalid (msg,
                       "learning_rate_multiplier",
                       "Invalid learning_rate_multiplier: must be greater than 0, or 'auto'");
      return;
    }
  if (g_strcmp0 (method_type, "dpo") == 0 && !read_hyper (hp, "beta", 0, 2, TRUE, FALSE, &beta))
    {
      respond_invalid (msg,
                       "beta",
                       "Invalid beta: must be greater than 0 and at most 2, or 'auto'");
      return;
    }

  job = g_new0 (Job, 1);
  job->id = new_id (self, "ftjob-");
  job->model = g_strdup (model);
  job->status = g_strdup ("validating_files");
  job->training_file = g_strdup (training_file);
  job->validation_file = g_strdup (validation_file);
  job->suffix = g_strdup (suffix);
  job->method = g_strdup (method_type);
  job->n_epochs = (gint64)n_epochs;
  job->batch_size = (gint64)batch_size;
  job->learning_rate = lr;
  job->beta = beta;
  job->seed =
    json_object_get_member (body, "seed") ? json_object_get_int_member (body, "seed") : 42;
  job->created_at = tick (self);
  job->events = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  job->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  job->csv = g_string_new ("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n");
  if (json_object_get_member (body, "metadata") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "metadata")))
    job->metadata = json_object_ref (json_object_get_object_member (body, "metadata"));

  add_event (self, job, "info", "message", NULL, "Created fine-tuning job: %s", job->id);

  g_hash_table_insert (self->jobs, job->id, job);
  g_ptr_array_add (self->job_order, job->id);

  respond_object (msg, 200, job_to_json (job));
}

static void
finish_job (FtEmulator *self,
            Job        *job)
{
  g_autofree char *short_id = new_id (self, "");
  g_autofree char *csv = NULL;
  g_autoptr(GBytes) content = NULL;
  File *results;

  job->fine_tuned_model = g_strdup_printf ("ft:%s:emulator-org:%s:%.8s", job->model,
                                           job->suffix ? job->suffix : "", short_id);
  job->trained_tokens = job->total_steps * 1000;
  job->finished_at = tick (self);

  if (self->results_base64)
    csv = g_base64_encode ((const guchar *)job->csv->str, job->csv->len);
  else
    csv = g_strdup (job->csv->str);
  content = g_bytes_new (csv, strlen (csv));
  results =
    add_file (self, "step_metrics.csv", "fine-tune-results", content, NULL, strlen (csv), 0);
  job->result_file = g_strdup (results->id);

  add_model (self, job->fine_tuned_model, "emulator-org", NULL);
  for (guint i = 0; i < job->checkpoints->len; i++)
    add_model (self,
               get_string (g_ptr_array_index (job->checkpoints, i), "fine_tuned_model_checkpoint"),
               "emulator-org",
               NULL);

  add_event (self,
             job,
             "info",
             "message",
             NULL,
             "New fine-tuned model created: %s",
             job->fine_tuned_model);
  add_event (self, job, "info", "message", NULL, "The job has successfully completed");

  g_free (job->status);
  job->status = g_strdup ("succeeded");
}

static void
set_status (Job        *job,
            const char *status)
{
  g_free (job->status);
  job->status = g_strdup (status);
}

/* Moves @job one step; returns whether anything changed. */
static gboolean
step_job (FtEmulator *self,
          Job        *job)
{
  if (g_str_equal (job->status, "validating_files"))
    {
      File *file = g_hash_table_lookup (self->files, job->training_file);

      if (file != NULL && file->n_lines < 10)
        {
          set_status (job, "failed");
          job->error_code = g_strdup ("invalid_training_file");
          job->error_message =
            g_strdup_printf ("The job failed due to an invalid training file. "
                             "Expected file to have at least 10 lines, "
                             "but got %" G_GINT64_FORMAT ".",
                             file->n_lines);
          job->error_param = g_strdup ("training_file");
          job->finished_at = tick (self);
          add_event (self, job, "error", "message", NULL, "%s", job->error_message);
          return TRUE;
        }

      add_event (self,
                 job,
                 "info",
                 "message",
                 NULL,
                 "Validating training file: %s",
                 job->training_file);
      add_event (self, job, "info", "message", NULL, "Files validated, moving job to queued state");
      set_status (job, "queued");
      return TRUE;
    }

  if (g_str_equal (job->status, "queued"))
    {
      if (job->n_epochs <= 0)
        job->n_epochs = 3;
      if (job->batch_size <= 0)
        job->batch_size = 1;
      if (job->learning_rate <= 0)
        job->learning_rate = 1.8;
      if (g_str_equal (job->method, "dpo") && job->beta <= 0)
        job->beta = 0.1;
      job->total_steps = job->n_epochs * self->steps_per_epoch;

      add_event (self, job, "info", "message", NULL, "Fine-tuning job started");
      set_status (job, "running");
      return TRUE;
    }

  if (g_str_equal (job->status, "running"))
    {
      JsonObject *data = json_object_new ();
      double loss;
      double accuracy;

      job->step++;
      loss = 2.0 / job->step;
      accuracy = 1.0 - 1.0 / (job->step + 1);

      json_object_set_int_member (data, "step", job->step);
      json_object_set_int_member (data, "total_steps", job->total_steps);
      json_object_set_double_member (data, "train_loss", loss);
      json_object_set_double_member (data, "train_mean_token_accuracy", accuracy);
      if (job->validation_file != NULL)
        {
          json_object_set_double_member (data, "valid_loss", loss * 1.1);
          json_object_set_double_member (data, "valid_mean_token_accuracy", accuracy * 0.9);
        }
      add_event (self, job, "info", "metrics", data,
                 "Step %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ": training loss=%.4f",
                 job->step, job->total_steps, loss);

      if (job->validation_file != NULL)
        g_string_append_printf (job->csv, "%" G_GINT64_FORMAT ",%.5f,%.5f,%.5f,%.5f\n",
                                job->step, loss, accuracy, loss * 1.1, accuracy * 0.9);
      else
        g_string_append_printf (job->csv,
                                "%" G_GINT64_FORMAT ",%.5f,%.5f,,\n",
                                job->step,
                                loss,
                                accuracy);

      if (job->step % self->steps_per_epoch == 0)
        {
          JsonObject *checkpoint = json_object_new ();
          JsonObject *metrics = json_object_new ();
          g_autofree char *id = new_id (self, "ftckpt_");
          g_autofree char *name =
            g_strdup_printf ("ft:%s:emulator-org:%s:%.8s:ckpt-step-%" G_GINT64_FORMAT,
                             job->model,
                             job->suffix ? job->suffix : "",
                             job->id + strlen ("ftjob-"),
                             job->step);

          json_object_set_string_member (checkpoint, "object", "fine_tuning.job.checkpoint");
          json_object_set_string_member (checkpoint, "id", id);
          json_object_set_int_member (checkpoint, "created_at", tick (self));
          json_object_set_string_member (checkpoint, "fine_tuned_model_checkpoint", name);
          json_object_set_string_member (checkpoint, "fine_tuning_job_id", job->id);
          json_object_set_int_member (checkpoint, "step_number", job->step);
          json_object_set_double_member (metrics, "step", job->step);
          json_object_set_double_member (metrics, "train_loss", loss);
          json_object_set_double_member (metrics, "train_mean_token_accuracy", accuracy);
          json_object_set_object_member (checkpoint, "metrics", metrics);
          g_ptr_array_add (job->checkpoints, checkpoint);
        }

      if (job->step >= job->total_steps)
        finish_job (self, job);

      return TRUE;
    }

  if (g_str_equal (job->status, "pausing"))
    {
      add_event (self, job, "info", "message", NULL, "Fine-tuning job paused");
      set_status (job, "paused");
      return TRUE;
    }

  return FALSE;
}

static void
handle_job_action (FtEmulator        *self,
                   SoupServerMessage *msg,
                   Job               *job,
                   const char        *action)
{
  if (g_str_equal (action, "cancel"))
    {
      if (g_strv_contains ((const char * const[]) { "succeeded", "failed", "cancelled", NULL },
                           job->status))
        {
          respond_invalid (msg,
                           NULL,
                           "Job %s has already %s and cannot be cancelled.",
                           job->id,
                           job->status);
          return;
        }
      set_status (job, "cancelled");
      job->finished_at = tick (self);
      add_event (self, job, "info", "message", NULL, "Fine-tuning job cancelled");
    }
  else if (g_str_equal (action, "pause"))
    {
      if (!g_str_equal (job->status, "running") && !g_str_equal (job->status, "queued"))
        {
          respond_invalid (msg, NULL, "Job %s is %s and cannot be paused.", job->id, job->status);
          return;
        }
      set_status (job, "pausing");
    }
  else if (g_str_equal (action, "resume"))
    {
      if (!g_str_equal (job->status, "paused"))
        {
          respond_invalid (msg, NULL, "Job %s is %s and cannot be resumed.", job->id, job->status);
          return;
        }
      set_status (job, "queued");
      add_event (self, job, "info", "message", NULL, "Fine-tuning job resumed");
    }
  else
    {
      respond_not_found (msg, "route", action);
      return;
    }

  respond_object (msg, 200, job_to_json (job));
}

static JsonObject *
job_item_to_json (gpointer item,
                  gpointer user_data)
{
  FtEmulator *self = user_data;

  return job_to_json (g_hash_table_lookup (self->jobs, item));
}

static const char *
string_id (gpointer item)
{
  return item;
}

static JsonObject *
file_item_to_json (gpointer item,
                   gpointer user_data)
{
  FtEmulator *self = user_data;

  return file_to_json (g_hash_table_lookup (self->files, item));
}

static void
handle_jobs (FtEmulator        *self,
             SoupServerMessage *msg,
             const char        *method,
             char             **parts,
             GHashTable        *query)
{
  guint n = g_strv_length (parts);
  Job *job;

  /* parts: fine_tuning, jobs, [id, [action]] */
  if (n == 2)
    {
      if (g_str_equal (method, "POST"))
        handle_create_job (self, msg);
      else
        {
          g_autoptr(GPtrArray) order = reversed (self->job_order);

          respond_list (msg, query, order, string_id, job_item_to_json, self, 20, FALSE, FALSE);
        }
      return;
    }

  job = g_hash_table_lookup (self->jobs, parts[2]);
  if (job == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Could not find fine tune job: %s", parts[2]);

      respond_error (msg,
                     404,
                     message,
                     "invalid_request_error",
                     "fine_tune_id",
                     "fine_tune_not_found");
      return;
    }

  if (n == 3)
    {
      respond_object (msg, 200, job_to_json (job));
      return;
    }

  if (g_str_equal (parts[3], "events"))
    {
      g_autoptr(GPtrArray) order = reversed (job->events);

      respond_list (msg, query, order, object_id, object_ref_to_json, NULL, 20, FALSE, FALSE);
      return;
    }

  if (g_str_equal (parts[3], "checkpoints"))
    {
      g_autoptr(GPtrArray) order = reversed (job->checkpoints);

      respond_list (msg, query, order, object_id, object_ref_to_json, NULL, 10, TRUE, TRUE);
      return;
    }

  if (g_str_equal (method, "POST"))
    {
      handle_job_action (self, msg, job, parts[3]);
      return;
    }

  respond_not_found (msg, "route", parts[3]);
}

static void
handle_files (FtEmulator        *self,
              SoupServerMessage *msg,
              const char        *method,
              char             **parts,
              GHashTable        *query)
{
  guint n = g_strv_length (parts);
  Multipart *mp = g_object_get_data (G_OBJECT (msg), "ft-multipart");
  File *file;

  if (n == 1)
    {
      if (g_str_equal (method, "POST"))
        {
          handle_create_file (self, msg, mp);
        }
      else
        {
          g_autoptr(GPtrArray) order = reversed (self->file_order);
          g_autoptr(GPtrArray) filtered = g_ptr_array_new ();
          const char *purpose = query ? g_hash_table_lookup (query, "purpose") : NULL;

          for (guint i = 0; i < order->len; i++)
            {
              File *f = g_hash_table_lookup (self->files, g_ptr_array_index (order, i));

              if (purpose == NULL || g_strcmp0 (purpose, f->purpose) == 0)
                g_ptr_array_add (filtered, f->id);
            }
          respond_list (msg,
                        query,
                        filtered,
                        string_id,
                        file_item_to_json,
                        self,
                        10000,
                        TRUE,
                        FALSE);
        }
      return;
    }

  file = g_hash_table_lookup (self->files, parts[1]);
  if (file == NULL)
    {
      respond_not_found (msg, "File", parts[1]);
      return;
    }

  if (n == 2 && g_str_equal (method, "DELETE"))
    {
      JsonObject *root = json_object_new ();

      json_object_set_string_member (root, "id", file->id);
      json_object_set_string_member (root, "object", "file");
      json_object_set_boolean_member (root, "deleted", TRUE);
      g_ptr_array_remove (self->file_order, file->id);
      g_hash_table_remove (self->files, parts[1]);
      respond_object (msg, 200, root);
      return;
    }

  if (n == 2)
    {
      respond_object (msg, 200, file_to_json (file));
      return;
    }

  if (n == 3 && g_str_equal (parts[2], "content"))
    {
      if (file->content == NULL)
        {
          respond_invalid (msg, NULL, "The emulator does not keep the content of files over 4 MB");
          return;
        }
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (file->content, NULL),
                                        g_bytes_get_size (file->content));
      return;
    }

  respond_not_found (msg, "route", parts[2]);
}

static void
handle_uploads (FtEmulator        *self,
                SoupServerMessage *msg,
                const char        *method,
                char             **parts)
{
  guint n = g_strv_length (parts);
  Upload *upload;

  if (n == 1 && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) body = parse_body (msg);
      JsonNode *bytes = body ? json_object_get_member (body, "bytes") : NULL;

      if (body == NULL || get_string (body, "filename") == NULL || bytes == NULL ||
          !JSON_NODE_HOLDS_VALUE (bytes) || get_string (body, "mime_type") == NULL)
        {
          respond_invalid (msg,
                           NULL,
                           "Missing required parameters: filename, purpose, bytes, mime_type");
          return;
        }
      if (!check_purpose (get_string (body, "purpose")))
        {
          respond_invalid (msg, "purpose", "Invalid purpose");
          return;
        }

      upload = g_new0 (Upload, 1);
      upload->id = new_id (self, "upload_");
      upload->filename = g_strdup (get_string (body, "filename"));
      upload->purpose = g_strdup (get_string (body, "purpose"));
      upload->status = g_strdup ("pending");
      upload->bytes = json_node_get_int (bytes);
      upload->created_at = tick (self);
      upload->parts =
        g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)part_free);
      g_hash_table_insert (self->uploads, upload->id, upload);

      respond_object (msg, 200, upload_to_json (self, upload));
      return;
    }

  upload = n >= 2 ? g_hash_table_lookup (self->uploads, parts[1]) : NULL;
  if (upload == NULL || n != 3 || !g_str_equal (method, "POST"))
    {
      respond_not_found (msg, "upload", n >= 2 ? parts[1] : "");
      return;
    }

  if (g_str_equal (parts[2], "parts"))
    {
      Multipart *mp = g_object_get_data (G_OBJECT (msg), "ft-multipart");
      JsonObject *root;
      Part *part;

      if (!g_str_equal (upload->status, "pending"))
        {
          respond_invalid (msg,
                           NULL,
                           "Upload %s is %s; no parts can be added",
                           upload->id,
                           upload->status);
          return;
        }
      if (mp == NULL || mp->state != MP_DONE || g_strcmp0 (mp->file_field, "data") != 0)
        {
          respond_invalid (msg, "data", "Missing required parameter: 'data'");
          return;
        }

      part = g_new0 (Part, 1);
      part->id = new_id (self, "part_");
      part->content = take_content (mp);
      part->bytes = mp->bytes;
      part->n_lines = mp->n_lines;
      part->sha256 = g_strdup (g_checksum_get_string (mp->sha256));
      g_hash_table_insert (upload->parts, part->id, part);

      root = json_object_new ();
      json_object_set_string_member (root, "id", part->id);
      json_object_set_string_member (root, "object", "upload.part");
      json_object_set_int_member (root, "created_at", tick (self));
      json_object_set_string_member (root, "upload_id", upload->id);
      respond_object (msg, 200, root);
      return;
    }

  if (g_str_equal (parts[2], "cancel"))
    {
      if (!g_str_equal (upload->status, "pending"))
        {
          respond_invalid (msg,
                           NULL,
                           "Upload %s is %s and cannot be cancelled",
                           upload->id,
                           upload->status);
          return;
        }
      g_free (upload->status);
      upload->status = g_strdup ("cancelled");
      respond_object (msg, 200, upload_to_json (self, upload));
      return;
    }

  if (g_str_equal (parts[2], "complete"))
    {
      g_autoptr(JsonObject) body = parse_body (msg);
      JsonArray *ids = body && json_object_get_member (body, "part_ids") &&
                       JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "part_ids"))
                       ? json_object_get_array_member (body, "part_ids") : NULL;
      g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
      g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
      g_autoptr(GByteArray) all = g_byte_array_new ();
      gboolean kept = TRUE;
      gint64 total = 0;
      gint64 lines = 0;
      const char *expected_md5;
      g_autoptr(GBytes) content = NULL;
      File *file;

      if (!g_str_equal (upload->status, "pending"))
        {
          respond_invalid (msg,
                           NULL,
                           "Upload %s is %s and cannot be completed",
                           upload->id,
                           upload->status);
          return;
        }
      if (ids == NULL)
        {
          respond_invalid (msg, "part_ids", "Missing required parameter: 'part_ids'");
          return;
        }

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          const char *id = json_array_get_string_element (ids, i);
          Part *part = id ? g_hash_table_lookup (upload->parts, id) : NULL;

          if (part == NULL)
            {
              respond_invalid (msg, "part_ids", "Unknown part id: %s", id ? id : "(not a string)");
              return;
            }
          total += part->bytes;
          lines += part->n_lines;
          if (part->content != NULL && kept)
            {
              g_checksum_update (md5,
                                 g_bytes_get_data (part->content, NULL),
                                 g_bytes_get_size (part->content));
              g_checksum_update (sha256,
                                 g_bytes_get_data (part->content, NULL),
                                 g_bytes_get_size (part->content));
              g_byte_array_append (all,
                                   g_bytes_get_data (part->content, NULL),
                                   g_bytes_get_size (part->content));
            }
          else
            kept = FALSE;
        }

      if (total != upload->bytes)
        {
          respond_invalid (msg,
                           "part_ids",
                           "The parts add up to %" G_GINT64_FORMAT
                           " bytes, but the upload was created with %" G_GINT64_FORMAT,
                           total,
                           upload->bytes);
          return;
        }

      expected_md5 = get_string (body, "md5");
      if (kept && expected_md5 != NULL &&
          g_strcmp0 (expected_md5, g_checksum_get_string (md5)) != 0)
        {
          respond_invalid (msg, "md5", "The md5 checksum does not match the uploaded parts");
          return;
        }

      if (kept && all->len <= KEEP_CONTENT_MAX)
        content = g_byte_array_free_to_bytes (g_steal_pointer (&all));
      file = add_file (self, upload->filename, upload->purpose, content,
                       kept ? g_checksum_get_string (sha256) : NULL, total, lines);
      upload->file_id = g_strdup (file->id);
      g_free (upload->status);
      upload->status = g_strdup ("completed");
      respond_object (msg, 200, upload_to_json (self, upload));
      return;
    }

  respond_not_found (msg, "route", parts[2]);
}

static void
handle_models (FtEmulator        *self,
               SoupServerMessage *msg,
               const char        *method,
               const char        *model_id)
{
  Model *model;

  if (model_id == NULL)
    {
      JsonObject *root = json_object_new ();
      JsonArray *data = json_array_new ();

      for (guint i = 0; i < self->model_order->len; i++)
        {
          const char *id = g_ptr_array_index (self->model_order, i);

          json_array_add_object_element (data,
                                         model_to_json (g_hash_table_lookup (self->models, id)));
        }
      json_object_set_string_member (root, "object", "list");
      json_object_set_array_member (root, "data", data);
      respond_object (msg, 200, root);
      return;
    }

  model = g_hash_table_lookup (self->models, model_id);
  if (model == NULL)
    {
      g_autofree char *message = g_strdup_printf ("The model '%s' does not exist", model_id);

      respond_error (msg, 404, message, "invalid_request_error", "model", "model_not_found");
      return;
    }

  if (g_str_equal (method, "DELETE"))
    {
      JsonObject *root;

      if (!g_str_has_prefix (model_id, "ft:"))
        {
          respond_error (msg,
                         403,
                         "You have insufficient permissions for this operation. "
                         "Only fine-tuned models can be deleted.",
                         "invalid_request_error",
                         NULL,
                         NULL);
          return;
        }

      root = json_object_new ();
      json_object_set_string_member (root, "id", model_id);
      json_object_set_string_member (root, "object", "model");
      json_object_set_boolean_member (root, "deleted", TRUE);
      g_ptr_array_remove (self->model_order, model->id);
      g_hash_table_remove (self->models, model_id);
      respond_object (msg, 200, root);
      return;
    }

  respond_object (msg, 200, model_to_json (model));
}

/* Chat */

typedef struct
{
  FtEmulator        *emulator;
  SoupServerMessage *msg;
  GPtrArray         *chunks;   /* strings: whole SSE events */
  guint              next;
  guint              source_id;
  guint              delay_ms;
  guint              stall_at;
  guint              cut_at;
  gboolean           finished;
} Stream;

static void
stream_free (Stream *stream)
{
  g_clear_handle_id (&stream->source_id, g_source_remove);
  g_ptr_array_unref (stream->chunks);
  g_clear_object (&stream->msg);
  g_free (stream);
}

static char *
answer_for (const char *model,
            const char *prompt)
{
  if (g_str_has_prefix (model, "ft:"))
    {
      g_auto(GStrv) parts = g_strsplit (model, ":", -1);
      const char *suffix = g_strv_length (parts) > 3 && parts[3][0] ? parts[3] : "tuned";

      return g_strdup_printf ("As the %s model taught by example: %s", suffix, prompt);
    }

  return g_strdup_printf ("The base model %s says: %s", model, prompt);
}

static char *
chunk_json (const char *id,
            const char *model,
            gint64      created,
            JsonObject *delta,
            const char *finish_reason,
            JsonObject *usage)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  JsonArray *choices = json_array_new ();
  g_autofree char *text = NULL;

  json_object_set_string_member (root, "id", id);
  json_object_set_string_member (root, "object", "chat.completion.chunk");
  json_object_set_int_member (root, "created", created);
  json_object_set_string_member (root, "model", model);
  json_object_set_string_member (root, "system_fingerprint", "fp_emulator");

  if (delta != NULL)
    {
      JsonObject *choice = json_object_new ();

      json_object_set_int_member (choice, "index", 0);
      json_object_set_object_member (choice, "delta", delta);
      json_object_set_null_member (choice, "logprobs");
      set_nullable_string (choice, "finish_reason", finish_reason);
      json_array_add_object_element (choices, choice);
    }
  json_object_set_array_member (root, "choices", choices);

  if (usage != NULL)
    json_object_set_object_member (root, "usage", usage);

  json_node_take_object (node, root);
  text = json_to_string (node, FALSE);

  return g_strdup_printf ("data: %s\n\n", text);
}

static void
on_stream_finished_cb (SoupServerMessage *msg,
                       Stream            *stream)
{
  stream->finished = TRUE;
  g_clear_handle_id (&stream->source_id, g_source_remove);
  g_ptr_array_remove (stream->emulator->streams, stream);
}

static gboolean
stream_tick_cb (gpointer user_data)
{
  Stream *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  stream->source_id = 0;

  if (stream->next == stream->stall_at)
    {
      /* Keep the connection open and send nothing more. */
      stream->stall_at = G_MAXUINT;
      return G_SOURCE_REMOVE;
    }

  if (stream->next >= stream->chunks->len || stream->next == stream->cut_at)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (stream->msg);
      return G_SOURCE_REMOVE;
    }

  soup_message_body_append (body, SOUP_MEMORY_COPY,
                            g_ptr_array_index (stream->chunks, stream->next),
                            strlen (g_ptr_array_index (stream->chunks, stream->next)));
  stream->next++;
  soup_server_message_unpause (stream->msg);

  stream->source_id = g_timeout_add (stream->delay_ms, stream_tick_cb, stream);
  return G_SOURCE_REMOVE;
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \n\t", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      n++;

  return n;
}

static void
handle_chat (FtEmulator        *self,
             SoupServerMessage *msg,
             const char        *path_model,
             Fault             *fault)
{
  g_autoptr(JsonObject) body = parse_body (msg);
  g_autofree char *answer = NULL;
  g_autofree char *id = NULL;
  const char *model;
  const char *prompt = "";
  JsonArray *messages;
  guint prompt_tokens = 0;
  gboolean stream;
  gboolean include_usage = FALSE;
  gint64 created;
  JsonObject *usage;

  if (body == NULL)
    {
      respond_invalid (msg, NULL, "We could not parse the JSON body of your request.");
      return;
    }

  model = path_model ? path_model : get_string (body, "model");
  messages = json_object_get_member (body, "messages") &&
             JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "messages"))
             ? json_object_get_array_member (body, "messages") : NULL;
  if (model == NULL)
    {
      respond_invalid (msg, "model", "Missing required parameter: 'model'.");
      return;
    }
  if (messages == NULL || json_array_get_length (messages) == 0)
    {
      respond_invalid (msg, "messages", "'messages' must contain at least one message");
      return;
    }
  if (!g_hash_table_contains (self->models, model))
    {
      g_autofree char *message =
        g_strdup_printf ("The model `%s` does not exist or you do not have access to it.", model);

      respond_error (msg, 404, message, "invalid_request_error", NULL, "model_not_found");
      return;
    }

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *m = json_array_get_object_element (messages, i);
      const char *content = get_string (m, "content");

      prompt_tokens += count_words (content) + 3;
      if (g_strcmp0 (get_string (m, "role"), "user") == 0 && content != NULL)
        prompt = content;
    }

  answer = answer_for (model, prompt);
  id = new_id (self, "chatcmpl-");
  created = tick (self);
  usage = json_object_new ();
  json_object_set_int_member (usage, "prompt_tokens", prompt_tokens);
  json_object_set_int_member (usage, "completion_tokens", count_words (answer));
  json_object_set_int_member (usage, "total_tokens", prompt_tokens + count_words (answer));

  stream =
    json_object_get_member (body, "stream") && json_object_get_boolean_member (body, "stream");
  if (json_object_get_member (body, "stream_options") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "stream_options")))
    {
      JsonObject *options = json_object_get_object_member (body, "stream_options");

      include_usage = json_object_get_boolean_member_with_default (options,
                                                                   "include_usage",
                                                                   FALSE);
    }

  if (!stream)
    {
      JsonObject *root = json_object_new ();
      JsonArray *choices = json_array_new ();
      JsonObject *choice = json_object_new ();
      JsonObject *message = json_object_new ();

      json_object_set_string_member (message, "role", "assistant");
      json_object_set_string_member (message, "content", answer);
      json_object_set_null_member (message, "refusal");
      json_object_set_int_member (choice, "index", 0);
      json_object_set_object_member (choice, "message", message);
      json_object_set_null_member (choice, "logprobs");
      json_object_set_string_member (choice, "finish_reason", "stop");
      json_array_add_object_element (choices, choice);

      json_object_set_string_member (root, "id", id);
      json_object_set_string_member (root, "object", "chat.completion");
      json_object_set_int_member (root, "created", created);
      json_object_set_string_member (root, "model", model);
      json_object_set_string_member (root, "system_fingerprint", "fp_emulator");
      json_object_set_array_member (root, "choices", choices);
      json_object_set_object_member (root, "usage", usage);
      respond_object (msg, 200, root);
      return;
    }

  {
    Stream *s = g_new0 (Stream, 1);
    g_auto(GStrv) words = g_strsplit (answer, " ", -1);
    JsonObject *delta;

    s->emulator = self;
    s->msg = g_object_ref (msg);
    s->chunks = g_ptr_array_new_with_free_func (g_free);
    s->delay_ms = 0;
    s->stall_at = G_MAXUINT;
    s->cut_at = G_MAXUINT;

    delta = json_object_new ();
    json_object_set_string_member (delta, "role", "assistant");
    json_object_set_string_member (delta, "content", "");
    g_ptr_array_add (s->chunks, chunk_json (id, model, created, delta, NULL, NULL));

    for (guint i = 0; words[i] != NULL; i++)
      {
        g_autofree char *piece = g_strdup_printf ("%s%s", i > 0 ? " " : "", words[i]);

        delta = json_object_new ();
        json_object_set_string_member (delta, "content", piece);
        g_ptr_array_add (s->chunks, chunk_json (id, model, created, delta, NULL, NULL));
      }

    g_ptr_array_add (s->chunks, chunk_json (id, model, created, json_object_new (), "stop", NULL));
    if (include_usage)
      g_ptr_array_add (s->chunks,
                       chunk_json (id, model, created, NULL, NULL, json_object_ref (usage)));
    g_ptr_array_add (s->chunks, g_strdup ("data: [DONE]\n\n"));
    json_object_unref (usage);

    if (fault != NULL)
      {
        guint middle = MAX (2, s->chunks->len / 2);

        switch (fault->fault)
          {
          case FT_EMULATOR_FAULT_SSE_CUT:
            s->cut_at = middle;
            break;
          case FT_EMULATOR_FAULT_SSE_STALL:
            s->stall_at = middle;
            break;
          case FT_EMULATOR_FAULT_SSE_ERROR:
            g_ptr_array_insert (s->chunks,
                                middle,
                                g_strdup ("data: {\"error\":"
                                          "{\"message\":\"The model overloaded while answering.\","
                                          "\"type\":\"server_error\",\"param\":null,"
                                          "\"code\":\"server_overloaded\"}}\n\n"));
            s->cut_at = middle + 1;
            break;
          case FT_EMULATOR_FAULT_SLOW:
            s->delay_ms = self->stream_delay_ms;
            break;
          default:
            break;
          }
      }

    soup_server_message_set_status (msg, 200, NULL);
    soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                       SOUP_ENCODING_CHUNKED);
    soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                           "text/event-stream",
                                           NULL);
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Cache-Control",
                                  "no-cache");
    soup_server_message_pause (msg);

    g_ptr_array_add (self->streams, s);
    g_signal_connect (msg, "finished", G_CALLBACK (on_stream_finished_cb), s);
    s->source_id = g_timeout_add (s->delay_ms, stream_tick_cb, s);
  }
}

/* Dispatch */

static gboolean
check_auth (FtEmulator        *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *api_key = soup_message_headers_get_one (headers, "api-key");
  const char *given = NULL;
  g_autofree char *message = NULL;

  if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
    given = authorization + strlen ("Bearer ");
  else if (api_key != NULL)
    given = api_key;

  if (given == NULL || given[0] == '\0')
    {
      respond_error (msg,
                     401,
                     "You didn't provide an API key. "
                     "You need to provide your API key in an Authorization header "
                     "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",

                     "invalid_request_error",
                     NULL,
                     NULL);
      return FALSE;
    }

  if (self->api_key == NULL || g_str_equal (self->api_key, given))
    return TRUE;

  /* Quote the key back, as the real service partly does, so the client
   * has to keep it out of its messages.
   */
  message = g_strdup_printf ("Incorrect API key provided: %s. You can find your API key at "
                             "https://platform.openai.com/account/api-keys.",
                             given);
  respond_error (msg, 401, message, "invalid_request_error", NULL, "invalid_api_key");
  return FALSE;
}

static gboolean
apply_fault (FtEmulator        *self,
             SoupServerMessage *msg,
             Fault             *fault)
{
  if (self->should_retry != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "x-should-retry", self->should_retry);

  switch (fault->fault)
    {
    case FT_EMULATOR_FAULT_HTTP_401:
      respond_error (msg,
                     401,
                     "Incorrect API key provided: [emulated]. You can find your API key at "
                     "https://platform.openai.com/account/api-keys.",
                     "invalid_request_error",
                     NULL,
                     "invalid_api_key");
      return TRUE;
    case FT_EMULATOR_FAULT_HTTP_404:
      respond_error (msg, 404, "The requested resource was not found (emulated).",
                     "invalid_request_error", NULL, "not_found");
      return TRUE;
    case FT_EMULATOR_FAULT_HTTP_429:
      respond_error (msg,
                     429,
                     "Rate limit reached for requests (emulated). Please try again shortly.",
                     "requests",
                     NULL,
                     "rate_limit_exceeded");
      if (self->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After",
                                      self->retry_after);
      return TRUE;
    case FT_EMULATOR_FAULT_HTTP_429_QUOTA:
      respond_error (msg,
                     429,
                     "You exceeded your current quota, please check your plan and billing details.",
                     "insufficient_quota",
                     NULL,
                     "insufficient_quota");
      return TRUE;
    case FT_EMULATOR_FAULT_HTTP_500:
      respond_error (msg, 500, "The server had an error while processing your request (emulated).",
                     "server_error", NULL, NULL);
      return TRUE;
    case FT_EMULATOR_FAULT_MALFORMED_JSON:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"object\": \"list\", \"data\": [", 27);
      return TRUE;
    case FT_EMULATOR_FAULT_RESET:
      break_connection (msg);
      return TRUE;
    case FT_EMULATOR_FAULT_BREAK_SCHEMA:
      soup_server_message_set_status (msg, 200, NULL);
      {
        static const char broken[] =
          "{\"object\":\"list\",\"data\":[{\"id\":42,\"object\":\"model\"}]}";

        soup_server_message_set_response (msg,
                                          "application/json",
                                          SOUP_MEMORY_STATIC,
                                          broken,
                                          strlen (broken));
      }
      return TRUE;
    case FT_EMULATOR_FAULT_STALL:
      {
        g_autofree char *key = g_strdup_printf ("stalled-%p", msg);

        soup_server_message_pause (msg);
        g_object_set_data_full (G_OBJECT (self), key, g_object_ref (msg), g_object_unref);
      }
      return TRUE;
    case FT_EMULATOR_FAULT_RESET_MID_BODY:
    case FT_EMULATOR_FAULT_SSE_CUT:
    case FT_EMULATOR_FAULT_SSE_STALL:
    case FT_EMULATOR_FAULT_SSE_ERROR:
    case FT_EMULATOR_FAULT_SLOW:
    default:
      return FALSE;
    }
}

static void
server_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  FtEmulator *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  g_autofree char *request_id = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) parts = NULL;
  const char *rest;
  Fault *fault;

  request_id = g_strdup_printf ("req_emulator_%u", ++self->counter);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "x-request-id",
                                request_id);

  if (!g_str_has_prefix (path, BASE_PATH "/"))
    {
      respond_not_found (msg, "route", path);
      return;
    }
  rest = path + strlen (BASE_PATH);
  line = g_strdup_printf ("%s %s", method, rest);

  {
    Multipart *mp = g_object_get_data (G_OBJECT (msg), "ft-multipart");

    /* A body reset by a fault was counted in the early handler. */
    if (mp == NULL || mp->received < RESET_AFTER || mp->state == MP_DONE)
      g_ptr_array_add (self->log, g_strdup (line));
  }

  g_hash_table_remove_all (self->last_headers);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (self->last_headers, g_ascii_strdown (name, -1), g_strdup (value));
  g_free (self->last_query);
  self->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  g_clear_pointer (&self->last_body, g_free);
  if (g_object_get_data (G_OBJECT (msg), "ft-multipart") == NULL)
    {
      g_autoptr(GBytes) body =
        soup_message_body_flatten (soup_server_message_get_request_body (msg));

      self->last_body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }

  fault = take_fault (self, line);
  if (fault != NULL && fault->fault == FT_EMULATOR_FAULT_RESET_MID_BODY)
    fault = NULL;
  if (fault != NULL)
    {
      use_fault (fault);
      if (apply_fault (self, msg, fault))
        return;
    }

  if (!check_auth (self, msg))
    return;

  parts = g_strsplit (rest + 1, "/", -1);

  if (g_str_equal (parts[0], "models"))
    {
      g_autofree char *model_id =
        parts[1] ? g_uri_unescape_string (rest + strlen ("/models/"), NULL) : NULL;

      handle_models (self, msg, method, model_id);
    }
  else if (g_str_equal (parts[0], "files"))
    handle_files (self, msg, method, parts, query);
  else if (g_str_equal (parts[0], "uploads"))
    handle_uploads (self, msg, method, parts);
  else if (g_str_equal (parts[0], "fine_tuning") && g_strcmp0 (parts[1], "jobs") == 0)
    handle_jobs (self, msg, method, parts, query);
  else if (g_str_equal (parts[0], "chat") && g_strcmp0 (parts[1], "completions") == 0 &&
           g_str_equal (method, "POST"))
    handle_chat (self, msg, NULL, fault);
  else if (g_str_equal (parts[0], "deployments") && parts[1] != NULL &&
           g_strcmp0 (parts[2], "chat") == 0)
    {
      g_autofree char *deployment = g_uri_unescape_string (parts[1], NULL);

      handle_chat (self, msg, deployment, fault);
    }
  else
    respond_not_found (msg, "route", rest);
}

static gboolean
auto_step_cb (gpointer user_data)
{
  ft_emulator_step (user_data);
  return G_SOURCE_CONTINUE;
}

/* GObject */

static void
ft_emulator_dispose (GObject *object)
{
  FtEmulator *self = (FtEmulator *)object;

  g_clear_handle_id (&self->auto_step_id, g_source_remove);
  if (self->streams != NULL)
    {
      while (self->streams->len > 0)
        {
          Stream *stream = g_ptr_array_index (self->streams, 0);

          g_signal_handlers_disconnect_by_data (stream->msg, stream);
          g_ptr_array_remove_index (self->streams, 0);
        }
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (ft_emulator_parent_class)->dispose (object);
}

static void
ft_emulator_finalize (GObject *object)
{
  FtEmulator *self = (FtEmulator *)object;

  g_free (self->api_key);
  g_free (self->retry_after);
  g_free (self->should_retry);
  g_free (self->last_body);
  g_free (self->last_query);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->log);
  g_ptr_array_unref (self->streams);
  g_hash_table_unref (self->last_headers);
  g_ptr_array_unref (self->file_order);
  g_hash_table_unref (self->files);
  g_hash_table_unref (self->uploads);
  g_ptr_array_unref (self->job_order);
  g_hash_table_unref (self->jobs);
  g_ptr_array_unref (self->model_order);
  g_hash_table_unref (self->models);

  G_OBJECT_CLASS (ft_emulator_parent_class)->finalize (object);
}

static void
ft_emulator_class_init (FtEmulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ft_emulator_dispose;
  object_class->finalize = ft_emulator_finalize;
}

static void
add_base_models (FtEmulator *self)
{
  add_model (self, "gpt-4o-mini-2024-07-18", "system", "2027-01-14");
  add_model (self, "gpt-4.1-mini-2025-04-14", "system", "2027-01-14");
  add_model (self, "gpt-4.1-nano-2025-04-14", "system", "2026-10-23");
}

static void
ft_emulator_init (FtEmulator *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify)fault_free);
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify)stream_free);
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)file_free);
  self->file_order = g_ptr_array_new ();
  self->uploads =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)upload_free);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)job_free);
  self->job_order = g_ptr_array_new ();
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)model_free);
  self->model_order = g_ptr_array_new ();
  self->clock = CLOCK_START;
  self->steps_per_epoch = 2;
  self->retry_after = g_strdup ("0");

  add_base_models (self);
}

FtEmulator *
ft_emulator_new (void)
{
  return g_object_new (FT_TYPE_EMULATOR, NULL);
}

/**
 * ft_emulator_start:
 * @self: a #FtEmulator
 * @port: the port, or 0 for any free one
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1 only.
 */
gboolean
ft_emulator_start (FtEmulator  *self,
                   guint        port,
                   GError     **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  GSList *uris;

  g_return_val_if_fail (FT_IS_EMULATOR (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "exemplar-emulator ", NULL);
  soup_server_add_early_handler (self->server, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->server, NULL, server_handler, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return TRUE;
}

/**
 * ft_emulator_reset:
 * @self: a #FtEmulator
 *
 * Forgets all files, uploads, jobs, fine-tuned models, faults, settings
 * and the request log, keeping the server (and its port) running.
 */
void
ft_emulator_reset (FtEmulator *self)
{
  g_return_if_fail (FT_IS_EMULATOR (self));

  g_ptr_array_set_size (self->faults, 0);
  g_ptr_array_set_size (self->log, 0);
  g_hash_table_remove_all (self->last_headers);
  g_clear_pointer (&self->last_body, g_free);
  g_clear_pointer (&self->last_query, g_free);
  g_ptr_array_set_size (self->file_order, 0);
  g_hash_table_remove_all (self->files);
  g_hash_table_remove_all (self->uploads);
  g_ptr_array_set_size (self->job_order, 0);
  g_hash_table_remove_all (self->jobs);
  g_ptr_array_set_size (self->model_order, 0);
  g_hash_table_remove_all (self->models);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->should_retry, g_free);
  g_free (self->retry_after);
  self->retry_after = g_strdup ("0");
  self->stream_delay_ms = 0;
  self->steps_per_epoch = 2;
  self->results_base64 = FALSE;
  self->largest_chunk = 0;
  self->max_receiving = self->n_receiving;
  self->clock = CLOCK_START;
  add_base_models (self);
}

guint
ft_emulator_get_port (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), 0);
  return self->port;
}

/**
 * ft_emulator_dup_base_url:
 * @self: a #FtEmulator
 *
 * Returns: (transfer full): `http://127.0.0.1:PORT/v1`
 */
char *
ft_emulator_dup_base_url (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);
  return g_strdup_printf ("http://127.0.0.1:%u" BASE_PATH, self->port);
}

/**
 * ft_emulator_set_api_key:
 * @self: a #FtEmulator
 * @api_key: (nullable): the only key accepted, or %NULL for any
 */
void
ft_emulator_set_api_key (FtEmulator *self,
                         const char *api_key)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
}

/**
 * ft_emulator_set_retry_after:
 * @self: a #FtEmulator
 * @retry_after: (nullable): the Retry-After of emulated 429s
 */
void
ft_emulator_set_retry_after (FtEmulator *self,
                             const char *retry_after)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  g_free (self->retry_after);
  self->retry_after = g_strdup (retry_after);
}

/**
 * ft_emulator_set_should_retry:
 * @self: a #FtEmulator
 * @should_retry: (nullable): the x-should-retry header of emulated
 *   faults ("true", "false"), or %NULL for none
 */
void
ft_emulator_set_should_retry (FtEmulator *self,
                              const char *should_retry)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  g_free (self->should_retry);
  self->should_retry = g_strdup (should_retry);
}

void
ft_emulator_set_stream_delay (FtEmulator *self,
                              guint       delay_ms)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  self->stream_delay_ms = delay_ms;
}

void
ft_emulator_set_steps_per_epoch (FtEmulator *self,
                                 guint       steps)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  g_return_if_fail (steps > 0);
  self->steps_per_epoch = steps;
}

void
ft_emulator_set_results_base64 (FtEmulator *self,
                                gboolean    base64)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  self->results_base64 = base64;
}

/**
 * ft_emulator_set_auto_step:
 * @self: a #FtEmulator
 * @interval_ms: step every job this often, or 0 to step only on demand
 */
void
ft_emulator_set_auto_step (FtEmulator *self,
                           guint       interval_ms)
{
  g_return_if_fail (FT_IS_EMULATOR (self));

  g_clear_handle_id (&self->auto_step_id, g_source_remove);
  if (interval_ms > 0)
    self->auto_step_id = g_timeout_add (interval_ms, auto_step_cb, self);
}

/**
 * ft_emulator_add_fault:
 * @self: a #FtEmulator
 * @pattern: a glob over "METHOD /path" (path without /v1), e.g.
 *   `GET /models` or `POST /uploads/ * /parts` (without the spaces)
 * @fault: what to do
 * @count: for how many matching requests
 */
void
ft_emulator_add_fault (FtEmulator      *self,
                       const char      *pattern,
                       FtEmulatorFault  fault,
                       guint            count)
{
  Fault *f;

  g_return_if_fail (FT_IS_EMULATOR (self));

  f = g_new0 (Fault, 1);
  f->pattern = g_strdup (pattern);
  f->fault = fault;
  f->remaining = count;
  g_ptr_array_add (self->faults, f);
}

void
ft_emulator_clear_faults (FtEmulator *self)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  g_ptr_array_set_size (self->faults, 0);
}

/**
 * ft_emulator_count_requests:
 * @self: a #FtEmulator
 * @pattern: a glob over "METHOD /path"
 *
 * Returns: how many requests matched since the last clear
 */
guint
ft_emulator_count_requests (FtEmulator *self,
                            const char *pattern)
{
  guint n = 0;

  g_return_val_if_fail (FT_IS_EMULATOR (self), 0);

  for (guint i = 0; i < self->log->len; i++)
    if (g_pattern_match_simple (pattern, g_ptr_array_index (self->log, i)))
      n++;

  return n;
}

void
ft_emulator_clear_log (FtEmulator *self)
{
  g_return_if_fail (FT_IS_EMULATOR (self));
  g_ptr_array_set_size (self->log, 0);
}

const char *
ft_emulator_get_last_header (FtEmulator *self,
                             const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);

  lower = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (self->last_headers, lower);
}

const char *
ft_emulator_get_last_body (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);
  return self->last_body;
}

const char *
ft_emulator_get_last_query (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);
  return self->last_query;
}

/**
 * ft_emulator_step:
 * @self: a #FtEmulator
 *
 * Moves every unfinished job one step.
 *
 * Returns: the number of jobs that changed
 */
guint
ft_emulator_step (FtEmulator *self)
{
  guint changed = 0;

  g_return_val_if_fail (FT_IS_EMULATOR (self), 0);

  for (guint i = 0; i < self->job_order->len; i++)
    if (step_job (self, g_hash_table_lookup (self->jobs, g_ptr_array_index (self->job_order, i))))
      changed++;

  return changed;
}

void
ft_emulator_run_jobs (FtEmulator *self)
{
  g_return_if_fail (FT_IS_EMULATOR (self));

  while (ft_emulator_step (self) > 0)
    ;
}

const char *
ft_emulator_get_job_status (FtEmulator *self,
                            const char *job_id)
{
  Job *job;

  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);

  job = g_hash_table_lookup (self->jobs, job_id);
  return job ? job->status : NULL;
}

const char *
ft_emulator_get_upload_status (FtEmulator *self,
                               const char *upload_id)
{
  Upload *upload;

  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);

  upload = g_hash_table_lookup (self->uploads, upload_id);
  return upload ? upload->status : NULL;
}

guint
ft_emulator_get_n_files (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), 0);
  return g_hash_table_size (self->files);
}

const char *
ft_emulator_get_file_sha256 (FtEmulator *self,
                             const char *file_id)
{
  File *file;

  g_return_val_if_fail (FT_IS_EMULATOR (self), NULL);

  file = g_hash_table_lookup (self->files, file_id);
  return file ? file->sha256 : NULL;
}

/**
 * ft_emulator_get_peak_uploads:
 * @self: a #FtEmulator
 *
 * Returns: the most multipart bodies (files or upload parts) that were
 *   being received at the same time since the last reset
 */
guint
ft_emulator_get_peak_uploads (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), 0);

  return self->max_receiving;
}

/**
 * ft_emulator_get_largest_chunk:
 * @self: a #FtEmulator
 *
 * Returns: the largest piece of a multipart body received at once, to
 *   show that uploads are not buffered
 */
gint64
ft_emulator_get_largest_chunk (FtEmulator *self)
{
  g_return_val_if_fail (FT_IS_EMULATOR (self), 0);
  return self->largest_chunk;
}
