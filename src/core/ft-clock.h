/* ft-clock.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FtClockFunc:
 * @user_data: the data given to ft_clock_add_timeout()
 *
 * Called once when a timeout of an #FtClock is due.
 */
typedef void (*FtClockFunc) (gpointer user_data);

#define FT_TYPE_CLOCK (ft_clock_get_type ())

G_DECLARE_FINAL_TYPE (FtClock, ft_clock, FT, CLOCK, GObject)

FtClock  *ft_clock_new                (void) G_GNUC_WARN_UNUSED_RESULT;
FtClock  *ft_clock_new_manual         (void) G_GNUC_WARN_UNUSED_RESULT;

gboolean  ft_clock_is_manual          (FtClock        *self);
gint64    ft_clock_get_now_ms         (FtClock        *self);
guint     ft_clock_get_n_pending      (FtClock        *self);
gint64    ft_clock_get_next_due_ms    (FtClock        *self);

guint     ft_clock_add_timeout        (FtClock        *self,
                                       guint           delay_ms,
                                       FtClockFunc     func,
                                       gpointer        user_data,
                                       GDestroyNotify  destroy);
void      ft_clock_remove             (FtClock        *self,
                                       guint           id);
guint     ft_clock_advance            (FtClock        *self,
                                       guint           ms);

G_END_DECLS
