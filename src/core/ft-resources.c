/* ft-resources.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-resources"

#include "config.h"

#include "ft-resources.h"

/* The resources compiled into the library (rank files, price table) are
 * registered lazily by GLib 2.74: the first look-up turns them into
 * GResources under the global resources lock, but a second thread that
 * asks meanwhile gets NULL instead of waiting. Two tokenizers loading at
 * once crashed one test run in sixty on one core.
 */

/**
 * ft_resource_get_registered:
 * @get_resource: the `*_get_resource ()` function that
 *   glib-compile-resources generated
 *
 * Asks one thread at a time, and when the answer is still %NULL (another
 * thread is registering), waits for the registration through the resources
 * lock and asks again.
 *
 * Returns: (transfer none): the resource
 */
GResource *
ft_resource_get_registered (FtResourceGetter get_resource)
{
  static GMutex lock;
  GResource *resource;

  g_return_val_if_fail (get_resource != NULL, NULL);

  g_mutex_lock (&lock);
  resource = get_resource ();
  if (resource == NULL)
    {
      g_resources_get_info ("/", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
      resource = get_resource ();
    }
  g_mutex_unlock (&lock);

  return resource;
}
