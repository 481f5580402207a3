/* ft-clock.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-clock"

#include "config.h"

#include "ft-clock.h"

/* One-shot timeouts behind an object, so that code that polls (the job
 * monitor) can run on real time in the app and on a hand-driven clock in
 * tests, which never sleep:
 *
 *   clock = ft_clock_new_manual ();
 *   monitor = ft_job_monitor_new_with_clock (client, clock);
 *   ft_clock_advance (clock, 10000);   // runs what was due within 10 s
 *
 * A real clock uses GLib timeout sources in the thread-default main
 * context of the caller of ft_clock_add_timeout(). Every id is valid until
 * the timeout fired or was removed, and removing a stale id is harmless.
 */
typedef struct
{
  FtClock        *clock;
  guint           id;
  gint64          due_ms;
  FtClockFunc     func;
  gpointer        user_data;
  GDestroyNotify  destroy;
  GSource        *source;
} Timer;

struct _FtClock
{
  GObject     parent_instance;

  GHashTable *timers;
  gint64      now_ms;
  guint       last_id;
  gboolean    manual;
};

G_DEFINE_FINAL_TYPE (FtClock, ft_clock, G_TYPE_OBJECT)

static void
timer_free (Timer *timer)
{
  if (timer->source != NULL)
    {
      g_source_destroy (timer->source);
      g_source_unref (timer->source);
    }
  if (timer->destroy != NULL)
    timer->destroy (timer->user_data);
  g_free (timer);
}

/* Runs @timer, which has already left the table, and frees it. */
static void
fire (Timer *timer)
{
  g_clear_pointer (&timer->source, g_source_unref);
  timer->func (timer->user_data);
  timer_free (timer);
}

static gboolean
source_cb (gpointer user_data)
{
  Timer *timer = user_data;
  FtClock *self = timer->clock;

  g_hash_table_steal (self->timers, GUINT_TO_POINTER (timer->id));
  fire (timer);

  return G_SOURCE_REMOVE;
}

static void
ft_clock_dispose (GObject *object)
{
  FtClock *self = (FtClock *)object;

  g_hash_table_remove_all (self->timers);

  G_OBJECT_CLASS (ft_clock_parent_class)->dispose (object);
}

static void
ft_clock_finalize (GObject *object)
{
  FtClock *self = (FtClock *)object;

  g_clear_pointer (&self->timers, g_hash_table_unref);

  G_OBJECT_CLASS (ft_clock_parent_class)->finalize (object);
}

static void
ft_clock_class_init (FtClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ft_clock_dispose;
  object_class->finalize = ft_clock_finalize;
}

static void
ft_clock_init (FtClock *self)
{
  self->timers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)timer_free);
}

/**
 * ft_clock_new:
 *
 * Returns: (transfer full): a clock on real (monotonic) time
 */
FtClock *
ft_clock_new (void)
{
  return g_object_new (FT_TYPE_CLOCK, NULL);
}

/**
 * ft_clock_new_manual:
 *
 * Returns: (transfer full): a clock whose time starts at 0 and moves only
 *   with ft_clock_advance()
 */
FtClock *
ft_clock_new_manual (void)
{
  FtClock *self = g_object_new (FT_TYPE_CLOCK, NULL);

  self->manual = TRUE;

  return self;
}

gboolean
ft_clock_is_manual (FtClock *self)
{
  g_return_val_if_fail (FT_IS_CLOCK (self), FALSE);

  return self->manual;
}

/**
 * ft_clock_get_now_ms:
 * @self: a #FtClock
 *
 * Returns: the time in milliseconds: monotonic time for a real clock, the
 *   sum of all advances for a manual one
 */
gint64
ft_clock_get_now_ms (FtClock *self)
{
  g_return_val_if_fail (FT_IS_CLOCK (self), 0);

  if (self->manual)
    return self->now_ms;

  return g_get_monotonic_time () / 1000;
}

/**
 * ft_clock_get_n_pending:
 * @self: a #FtClock
 *
 * Returns: how many timeouts are waiting
 */
guint
ft_clock_get_n_pending (FtClock *self)
{
  g_return_val_if_fail (FT_IS_CLOCK (self), 0);

  return g_hash_table_size (self->timers);
}

/**
 * ft_clock_get_next_due_ms:
 * @self: a #FtClock
 *
 * Returns: the milliseconds from now until the next timeout is due (0 when
 *   one is overdue), or -1 when none waits
 */
gint64
ft_clock_get_next_due_ms (FtClock *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 next = -1;
  gint64 now;

  g_return_val_if_fail (FT_IS_CLOCK (self), -1);

  now = ft_clock_get_now_ms (self);
  g_hash_table_iter_init (&iter, self->timers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Timer *timer = value;
      gint64 left = MAX (0, timer->due_ms - now);

      if (next < 0 || left < next)
        next = left;
    }

  return next;
}

/**
 * ft_clock_add_timeout:
 * @self: a #FtClock
 * @delay_ms: milliseconds from now
 * @func: called once when due
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data after @func ran or the timeout
 *   was removed
 *
 * Returns: the id of the timeout, never 0
 */
guint
ft_clock_add_timeout (FtClock        *self,
                      guint           delay_ms,
                      FtClockFunc     func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  Timer *timer;

  g_return_val_if_fail (FT_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  do
    self->last_id++;
  while (self->last_id == 0 ||
         g_hash_table_contains (self->timers, GUINT_TO_POINTER (self->last_id)));

  timer = g_new0 (Timer, 1);
  timer->clock = self;
  timer->id = self->last_id;
  timer->due_ms = ft_clock_get_now_ms (self) + delay_ms;
  timer->func = func;
  timer->user_data = user_data;
  timer->destroy = destroy;

  if (!self->manual)
    {
      timer->source = g_timeout_source_new (delay_ms);
      g_source_set_callback (timer->source, source_cb, timer, NULL);
      g_source_set_static_name (timer->source, "[exemplar] FtClock timeout");
      g_source_attach (timer->source, g_main_context_get_thread_default ());
    }

  g_hash_table_insert (self->timers, GUINT_TO_POINTER (timer->id), timer);

  return timer->id;
}

/**
 * ft_clock_remove:
 * @self: a #FtClock
 * @id: an id from ft_clock_add_timeout()
 *
 * Removes a timeout that has not fired yet; meant for
 * `g_clear_handle_id (&id, ...)` with a wrapper, or a plain call.
 */
void
ft_clock_remove (FtClock *self,
                 guint    id)
{
  g_return_if_fail (FT_IS_CLOCK (self));

  g_hash_table_remove (self->timers, GUINT_TO_POINTER (id));
}

/**
 * ft_clock_advance:
 * @self: a manual #FtClock
 * @ms: how far to move time
 *
 * Moves time forward by @ms and runs every timeout that falls due on the
 * way, in order; timeouts added by those callbacks run too when they fall
 * due within @ms.
 *
 * Returns: the number of timeouts that ran
 */
guint
ft_clock_advance (FtClock *self,
                  guint    ms)
{
  gint64 target;
  guint n_fired = 0;

  g_return_val_if_fail (FT_IS_CLOCK (self), 0);
  g_return_val_if_fail (self->manual, 0);

  target = self->now_ms + ms;

  for (;;)
    {
      GHashTableIter iter;
      gpointer value;
      Timer *next = NULL;

      g_hash_table_iter_init (&iter, self->timers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Timer *timer = value;

          if (timer->due_ms > target)
            continue;
          if (next == NULL || timer->due_ms < next->due_ms ||
              (timer->due_ms == next->due_ms && timer->id < next->id))
            next = timer;
        }

      if (next == NULL)
        break;

      self->now_ms = MAX (self->now_ms, next->due_ms);
      g_hash_table_steal (self->timers, GUINT_TO_POINTER (next->id));
      fire (next);
      n_fired++;
    }

  self->now_ms = target;

  return n_fired;
}
