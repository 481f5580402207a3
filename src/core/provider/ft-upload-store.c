/* ft-upload-store.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-upload-store"

#include "config.h"

#include "ft-upload-store.h"

#include "ft-api-json-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

/* Remembers which bytes went up to which provider under which file id, so
 * the same dataset is not uploaded (and stored, and paid for) twice. The
 * record is a small JSON file written atomically:
 *
 *   {"version": 1, "uploads": [{"provider": "…", "sha256": "…",
 *     "file_id": "file-…", "filename": "…", "bytes": 123,
 *     "uploaded_at": 1700000000}]}
 *
 * Every method does blocking file I/O under a lock: call them from a
 * worker thread (FtClient does).
 */
struct _FtUploadStore
{
  GObject    parent_instance;

  GFile     *file;
  GMutex     mutex;
  JsonArray *uploads;
};

G_DEFINE_FINAL_TYPE (FtUploadStore, ft_upload_store, G_TYPE_OBJECT)

static void
ft_upload_store_finalize (GObject *object)
{
  FtUploadStore *self = (FtUploadStore *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->uploads, json_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ft_upload_store_parent_class)->finalize (object);
}

static void
ft_upload_store_class_init (FtUploadStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ft_upload_store_finalize;
}

static void
ft_upload_store_init (FtUploadStore *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * ft_upload_store_new:
 * @file: the JSON file to keep the record in
 *
 * Returns: (transfer full): a store; the file is read on first use
 */
FtUploadStore *
ft_upload_store_new (GFile *file)
{
  FtUploadStore *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (FT_TYPE_UPLOAD_STORE, NULL);
  self->file = g_object_ref (file);

  return self;
}

/**
 * ft_upload_store_new_default:
 *
 * Returns: (transfer full): the store in
 *   `$XDG_STATE_HOME/exemplar/uploads.json`
 */
FtUploadStore *
ft_upload_store_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "exemplar", "uploads.json",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return ft_upload_store_new (file);
}

/**
 * ft_upload_store_get_file:
 * @self: a #FtUploadStore
 *
 * Returns: (transfer none): where the record is kept
 */
GFile *
ft_upload_store_get_file (FtUploadStore *self)
{
  g_return_val_if_fail (FT_IS_UPLOAD_STORE (self), NULL);
  return self->file;
}

static void
ensure_loaded (FtUploadStore *self)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonObject *root;
  JsonArray *uploads;

  if (self->uploads != NULL)
    return;

  self->uploads = json_array_new ();
  path = g_file_get_path (self->file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  parser = json_parser_new ();
  if (!json_parser_load_from_mapped_file (parser, path, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* A damaged record only costs a re-upload; keep going without it. */
      g_warning ("Ignoring the upload record %s: %s", path,
                 error ? error->message : "not a JSON object");
      return;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  uploads = _ft_api_json_get_array (root, "uploads");
  if (uploads != NULL)
    {
      for (guint i = 0; i < json_array_get_length (uploads); i++)
        {
          JsonNode *node = json_array_get_element (uploads, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            json_array_add_element (self->uploads, json_node_copy (node));
        }
    }
}

static gboolean
save (FtUploadStore  *self,
      GError        **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autofree char *data = NULL;
  JsonObject *object = json_object_new ();
  gsize len;

  json_object_set_int_member (object, "version", 1);
  json_object_set_array_member (object, "uploads", json_array_ref (self->uploads));
  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &len);

  if (parent != NULL && !g_file_make_directory_with_parents (parent, NULL, error))
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return FALSE;
      g_clear_error (error);
    }

  /* Writes a temporary file, syncs and renames it over the old one. */
  return g_file_replace_contents (self->file, data, len, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE, NULL, NULL, error);
}

/**
 * ft_upload_store_lookup:
 * @self: a #FtUploadStore
 * @provider_key: identifies the provider account (base URL, project)
 * @sha256: the SHA-256 of the file content, in hex
 *
 * Returns: (transfer full) (nullable): the id of a file with this content
 *   uploaded to that provider before
 */
char *
ft_upload_store_lookup (FtUploadStore *self,
                        const char    *provider_key,
                        const char    *sha256)
{
  char *found = NULL;

  g_return_val_if_fail (FT_IS_UPLOAD_STORE (self), NULL);
  g_return_val_if_fail (provider_key != NULL && sha256 != NULL, NULL);

  g_mutex_lock (&self->mutex);
  ensure_loaded (self);
  for (guint i = json_array_get_length (self->uploads); i > 0 && found == NULL; i--)
    {
      JsonObject *entry = json_array_get_object_element (self->uploads, i - 1);

      if (g_strcmp0 (_ft_api_json_get_string (entry, "provider"), provider_key) == 0 &&
          g_strcmp0 (_ft_api_json_get_string (entry, "sha256"), sha256) == 0)
        found = _ft_api_json_dup_string (entry, "file_id");
    }
  g_mutex_unlock (&self->mutex);

  return found;
}

/**
 * ft_upload_store_remember:
 * @self: a #FtUploadStore
 * @provider_key: identifies the provider account
 * @sha256: the SHA-256 of the content, in hex
 * @file_id: the id the provider gave the file
 * @filename: (nullable): the uploaded file's name
 * @bytes: its size
 * @error: return location for a #GError
 *
 * Records a finished upload and writes the record to disk.
 *
 * Returns: whether the record was saved
 */
gboolean
ft_upload_store_remember (FtUploadStore  *self,
                          const char     *provider_key,
                          const char     *sha256,
                          const char     *file_id,
                          const char     *filename,
                          gint64          bytes,
                          GError        **error)
{
  JsonObject *entry;
  gboolean ret;

  g_return_val_if_fail (FT_IS_UPLOAD_STORE (self), FALSE);
  g_return_val_if_fail (provider_key != NULL && sha256 != NULL && file_id != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ensure_loaded (self);

  entry = json_object_new ();
  json_object_set_string_member (entry, "provider", provider_key);
  json_object_set_string_member (entry, "sha256", sha256);
  json_object_set_string_member (entry, "file_id", file_id);
  if (filename != NULL)
    json_object_set_string_member (entry, "filename", filename);
  json_object_set_int_member (entry, "bytes", bytes);
  json_object_set_int_member (entry, "uploaded_at", g_get_real_time () / G_USEC_PER_SEC);
  json_array_add_object_element (self->uploads, entry);

  ret = save (self, error);
  g_mutex_unlock (&self->mutex);

  return ret;
}

/**
 * ft_upload_store_forget:
 * @self: a #FtUploadStore
 * @provider_key: identifies the provider account
 * @file_id: a file id that no longer exists there
 * @error: return location for a #GError
 *
 * Returns: whether the record was saved (also when nothing changed)
 */
gboolean
ft_upload_store_forget (FtUploadStore  *self,
                        const char     *provider_key,
                        const char     *file_id,
                        GError        **error)
{
  gboolean changed = FALSE;
  gboolean ret = TRUE;

  g_return_val_if_fail (FT_IS_UPLOAD_STORE (self), FALSE);
  g_return_val_if_fail (provider_key != NULL && file_id != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ensure_loaded (self);
  for (guint i = json_array_get_length (self->uploads); i > 0; i--)
    {
      JsonObject *entry = json_array_get_object_element (self->uploads, i - 1);

      if (g_strcmp0 (_ft_api_json_get_string (entry, "provider"), provider_key) == 0 &&
          g_strcmp0 (_ft_api_json_get_string (entry, "file_id"), file_id) == 0)
        {
          json_array_remove_element (self->uploads, i - 1);
          changed = TRUE;
        }
    }
  if (changed)
    ret = save (self, error);
  g_mutex_unlock (&self->mutex);

  return ret;
}

guint
ft_upload_store_get_n_entries (FtUploadStore *self)
{
  guint n;

  g_return_val_if_fail (FT_IS_UPLOAD_STORE (self), 0);

  g_mutex_lock (&self->mutex);
  ensure_loaded (self);
  n = json_array_get_length (self->uploads);
  g_mutex_unlock (&self->mutex);

  return n;
}
