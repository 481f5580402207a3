/* ft-thread.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-thread"

#include "config.h"

#include "ft-thread.h"

#ifdef __linux__
# include <sys/resource.h>
# include <sys/syscall.h>
# include <unistd.h>
#endif

/**
 * ft_thread_lower_priority:
 *
 * Lets the calling thread yield the CPU to a GUI's main thread: on two
 * cores, a loader and two check workers at the main thread's priority
 * leave it a fraction of a core, and the main loop stalls while a big file
 * opens. Linux gives each thread its own nice value; the thread still uses
 * every idle cycle.
 *
 * Only call this from a thread of one's own (g_thread_new()), never from
 * a pool thread such as g_task_run_in_thread() uses: an unprivileged
 * process cannot raise the priority again, so the next task the pool runs
 * there would inherit it.
 */
void
ft_thread_lower_priority (void)
{
#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t)syscall (SYS_gettid), 10) != 0)
    g_debug ("Could not lower the priority of a worker thread");
#endif
}
