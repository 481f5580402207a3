/* ft-file.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-file"

#include "config.h"

#include "ft-file.h"

#include "ft-api-json-private.h"

struct _FtFile
{
  GObject     parent_instance;

  JsonObject *json;
  char       *id;
  char       *filename;
  char       *purpose;
  char       *status;
  gint64      bytes;
  gint64      created_at;
  gint64      expires_at;
};

G_DEFINE_FINAL_TYPE (FtFile, ft_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILENAME,
  PROP_PURPOSE,
  PROP_STATUS,
  PROP_BYTES,
  PROP_CREATED_AT,
  PROP_EXPIRES_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ft_file_finalize (GObject *object)
{
  FtFile *self = (FtFile *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (ft_file_parent_class)->finalize (object);
}

static void
ft_file_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  FtFile *self = FT_FILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_BYTES:
      g_value_set_int64 (value, self->bytes);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_file_class_init (FtFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ft_file_finalize;
  object_class->get_property = ft_file_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, NULL, flags);
  properties [PROP_PURPOSE] = g_param_spec_string ("purpose", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_BYTES] = g_param_spec_int64 ("bytes", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * FtFile:expires-at:
   *
   * Unix time when the file expires, or 0 when it does not.
   */
  properties [PROP_EXPIRES_AT] =
    g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_file_init (FtFile *self)
{
  self->bytes = -1;
}

/**
 * ft_file_new_from_json:
 * @object: a `file` object from the API
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file, or %NULL when @object
 *   has no id
 */
FtFile *
ft_file_new_from_json (JsonObject  *object,
                       GError     **error)
{
  FtFile *self;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_ft_api_json_require_id (object, "file", error))
    return NULL;

  self = g_object_new (FT_TYPE_FILE, NULL);
  self->json = json_object_ref (object);
  self->id = _ft_api_json_dup_string (object, "id");
  self->filename = _ft_api_json_dup_string (object, "filename");
  self->purpose = _ft_api_json_dup_string (object, "purpose");
  self->status = _ft_api_json_dup_string (object, "status");
  self->bytes = _ft_api_json_get_int_or (object, "bytes", -1);
  self->created_at = _ft_api_json_get_int_or (object, "created_at", 0);
  self->expires_at = _ft_api_json_get_int_or (object, "expires_at", 0);

  return self;
}

const char *
ft_file_get_id (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), NULL);
  return self->id;
}

const char *
ft_file_get_filename (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), NULL);
  return self->filename;
}

const char *
ft_file_get_purpose (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), NULL);
  return self->purpose;
}

/**
 * ft_file_get_status:
 * @self: a #FtFile
 *
 * Returns: (nullable): the deprecated `status` (`uploaded`, `processed`,
 *   `error`)
 */
const char *
ft_file_get_status (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), NULL);
  return self->status;
}

/**
 * ft_file_get_bytes:
 * @self: a #FtFile
 *
 * Returns: the size in bytes, or -1 when the server did not say
 */
gint64
ft_file_get_bytes (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), -1);
  return self->bytes;
}

gint64
ft_file_get_created_at (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), 0);
  return self->created_at;
}

gint64
ft_file_get_expires_at (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), 0);
  return self->expires_at;
}

/**
 * ft_file_get_json:
 * @self: a #FtFile
 *
 * Returns: (transfer none) (nullable): the file object as the API sent it,
 *   with every member, also those this version does not read
 */
JsonObject *
ft_file_get_json (FtFile *self)
{
  g_return_val_if_fail (FT_IS_FILE (self), NULL);
  return self->json;
}
