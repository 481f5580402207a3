/* ft-search.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ft-dataset.h"

G_BEGIN_DECLS

/**
 * FtFacets:
 * @FT_FACET_NONE: nothing
 * @FT_FACET_SYSTEM: a "system" (or "developer") message
 * @FT_FACET_USER: a "user" message
 * @FT_FACET_ASSISTANT: an "assistant" message
 * @FT_FACET_TOOL: a "tool" (or legacy "function") message
 * @FT_FACET_TOOL_CALLS: an assistant message that calls tools or a function
 * @FT_FACET_BROKEN: the line is not valid JSON
 *
 * What an example holds, for filtering.
 */
typedef enum
{
  FT_FACET_NONE       = 0,
  FT_FACET_SYSTEM     = 1 << 0,
  FT_FACET_USER       = 1 << 1,
  FT_FACET_ASSISTANT  = 1 << 2,
  FT_FACET_TOOL       = 1 << 3,
  FT_FACET_TOOL_CALLS = 1 << 4,
  FT_FACET_BROKEN     = 1 << 5,
} FtFacets;

/**
 * FtSearchResult:
 *
 * What a search found, by example index: how often the text occurs in
 * each example's messages, and each example's facets. Immutable.
 */
typedef struct _FtSearchResult FtSearchResult;

#define FT_TYPE_SEARCH_RESULT (ft_search_result_get_type ())
GType           ft_search_result_get_type              (void) G_GNUC_CONST;
FtSearchResult *ft_search_result_ref                   (FtSearchResult  *self);
void            ft_search_result_unref                 (FtSearchResult  *self);
const char     *ft_search_result_get_text              (FtSearchResult  *self);
guint           ft_search_result_get_n_examples        (FtSearchResult  *self);
guint           ft_search_result_get_n_matches         (FtSearchResult  *self,
                                                        guint            index);
FtFacets        ft_search_result_get_facets            (FtSearchResult  *self,
                                                        guint            index);
guint64         ft_search_result_get_total_matches     (FtSearchResult  *self);
guint           ft_search_result_get_n_matching        (FtSearchResult  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtSearchResult, ft_search_result_unref)

#define FT_TYPE_SEARCH (ft_search_get_type ())
G_DECLARE_FINAL_TYPE (FtSearch, ft_search, FT, SEARCH, GObject)

FtSearch       *ft_search_new                          (FtDataset       *dataset)
                                                        G_GNUC_WARN_UNUSED_RESULT;
guint           ft_search_get_n_examples               (FtSearch        *self);
FtExample      *ft_search_get_example                  (FtSearch        *self,
                                                        guint            index);
FtSearchResult *ft_search_run                          (FtSearch        *self,
                                                        const char      *text,
                                                        GCancellable    *cancellable,
                                                        GError         **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
void            ft_search_run_async                    (FtSearch        *self,
                                                        const char      *text,
                                                        GCancellable    *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer         user_data);
FtSearchResult *ft_search_run_finish                   (GAsyncResult    *result,
                                                        GError         **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;

guint           ft_search_count                        (const char      *haystack,
                                                        gssize           length,
                                                        const char      *text);
char           *ft_search_replace                      (const char      *haystack,
                                                        const char      *text,
                                                        const char      *replacement,
                                                        guint           *n_replaced)
                                                        G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
