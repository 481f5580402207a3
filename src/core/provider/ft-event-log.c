/* ft-event-log.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-event-log"

#include "config.h"

#include "ft-event-log.h"

/* The events of one job, oldest first, without duplicates. The API lists
 * events newest first and has no "since" cursor, so a poll re-reads the
 * first page(s) and keeps only the ids not seen before
 * (docs/openai-fine-tuning-api.md §1, §7). FtClient does the fetching.
 */
struct _FtEventLog
{
  GObject     parent_instance;

  char       *job_id;
  GListStore *events;
  GHashTable *seen;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FtEventLog, ft_event_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* GListModel */

static GType
ft_event_log_get_item_type (GListModel *model)
{
  return FT_TYPE_JOB_EVENT;
}

static guint
ft_event_log_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (FT_EVENT_LOG (model)->events));
}

static gpointer
ft_event_log_get_item (GListModel *model,
                       guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (FT_EVENT_LOG (model)->events), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ft_event_log_get_item_type;
  iface->get_n_items = ft_event_log_get_n_items;
  iface->get_item = ft_event_log_get_item;
}

static void
ft_event_log_finalize (GObject *object)
{
  FtEventLog *self = (FtEventLog *)object;

  g_clear_pointer (&self->job_id, g_free);
  g_clear_object (&self->events);
  g_clear_pointer (&self->seen, g_hash_table_unref);

  G_OBJECT_CLASS (ft_event_log_parent_class)->finalize (object);
}

static void
ft_event_log_class_init (FtEventLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_event_log_finalize;
}

static void
ft_event_log_init (FtEventLog *self)
{
  self->events = g_list_store_new (FT_TYPE_JOB_EVENT);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * ft_event_log_new:
 * @job_id: the job whose events to collect
 *
 * Returns: (transfer full): an empty log
 */
FtEventLog *
ft_event_log_new (const char *job_id)
{
  FtEventLog *self;

  g_return_val_if_fail (job_id != NULL, NULL);

  self = g_object_new (FT_TYPE_EVENT_LOG, NULL);
  self->job_id = g_strdup (job_id);

  return self;
}

const char *
ft_event_log_get_job_id (FtEventLog *self)
{
  g_return_val_if_fail (FT_IS_EVENT_LOG (self), NULL);
  return self->job_id;
}

gboolean
ft_event_log_contains (FtEventLog *self,
                       const char *event_id)
{
  g_return_val_if_fail (FT_IS_EVENT_LOG (self), FALSE);
  return g_hash_table_contains (self->seen, event_id);
}

/**
 * ft_event_log_append_newest:
 * @self: a #FtEventLog
 * @newest_first: (element-type FtJobEvent): events as the API lists them
 *
 * Appends the events of @newest_first that the log does not have yet, in
 * chronological order, with one #GListModel::items-changed.
 *
 * Returns: the number of events added
 */
guint
ft_event_log_append_newest (FtEventLog *self,
                            GPtrArray  *newest_first)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  guint n_before;

  g_return_val_if_fail (FT_IS_EVENT_LOG (self), 0);
  g_return_val_if_fail (newest_first != NULL, 0);

  for (guint i = newest_first->len; i > 0; i--)
    {
      FtJobEvent *event = g_ptr_array_index (newest_first, i - 1);
      const char *id = ft_job_event_get_id (event);

      if (g_hash_table_contains (self->seen, id))
        continue;

      g_hash_table_add (self->seen, g_strdup (id));
      g_ptr_array_add (fresh, event);
    }

  if (fresh->len == 0)
    return 0;

  n_before = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  g_list_store_splice (self->events, n_before, 0, fresh->pdata, fresh->len);
  g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, fresh->len);

  return fresh->len;
}
