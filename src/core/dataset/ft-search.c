/* ft-search.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-search"

#include "config.h"

#include "ft-search.h"

#include "ft-json-scan.h"

#include <string.h>

/* Searching the message text of a whole dataset, off the main thread.
 *
 * FtSearch takes a snapshot of the dataset (the exact line of each
 * example, shared, not copied) on the main thread; runs then walk each
 * line with the JSON iterators, without building a tree, and look for the
 * text in message contents, text parts and tool calls only, so that
 * "role" or "content" never match. Matching ignores case; strings without
 * escapes are searched where they are, without decoding. The same walk
 * records each example's facets (which roles it has, whether it calls
 * tools), which the filters use.
 */

struct _FtSearchResult
{
  gatomicrefcount  ref_count;
  char            *text;
  guint32         *matches;
  guint8          *facets;
  guint            n_examples;
  guint            n_matching;
  guint64          total;
};

struct _FtSearch
{
  GObject            parent_instance;

  FtDatasetSnapshot *snapshot;
  GPtrArray         *examples;   /* FtExample, by index */
  guint8            *broken;     /* by index */
};

G_DEFINE_FINAL_TYPE (FtSearch, ft_search, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FtSearchResult, ft_search_result,
                     ft_search_result_ref, ft_search_result_unref)

/* Matching, ignoring case */

typedef struct
{
  char     *ascii;     /* lower-case text, when it is all ASCII */
  gunichar *chars;     /* lower-case characters otherwise */
  gsize     length;    /* of ascii in bytes, or of chars */
  guint8    leads[256]; /* first bytes a match can start with */
} Matcher;

static void
add_lead (Matcher  *matcher,
          gunichar  c)
{
  char buf[6];

  g_unichar_to_utf8 (c, buf);
  matcher->leads[(guchar)buf[0]] = 1;
}

static void
matcher_init (Matcher    *matcher,
              const char *text)
{
  memset (matcher, 0, sizeof *matcher);

  if (text == NULL || text[0] == '\0')
    return;

  if (g_str_is_ascii (text))
    {
      matcher->ascii = g_ascii_strdown (text, -1);
      matcher->length = strlen (text);
    }
  else
    {
      glong n = 0;

      matcher->chars = g_utf8_to_ucs4_fast (text, -1, &n);
      for (glong i = 0; i < n; i++)
        matcher->chars[i] = g_unichar_tolower (matcher->chars[i]);
      matcher->length = n;

      /* Every character whose lower case is the first one can start a
       * match; only positions with their first bytes are decoded.
       */
      add_lead (matcher, matcher->chars[0]);
      add_lead (matcher, g_unichar_toupper (matcher->chars[0]));
      add_lead (matcher, g_unichar_totitle (matcher->chars[0]));
      for (gunichar c = 0x80; c < 0x10000; c++)
        {
          if (g_unichar_tolower (c) == matcher->chars[0])
            add_lead (matcher, c);
        }
    }
}

static void
matcher_clear (Matcher *matcher)
{
  g_clear_pointer (&matcher->ascii, g_free);
  g_clear_pointer (&matcher->chars, g_free);
}

static gboolean
matcher_is_empty (const Matcher *matcher)
{
  return matcher->length == 0;
}

/* Whether the text matches at @p; sets @end past the match. */
static gboolean
matcher_match_at (const Matcher  *matcher,
                  const char     *p,
                  const char     *limit,
                  const char    **end)
{
  if (matcher->ascii != NULL)
    {
      if ((gsize)(limit - p) < matcher->length)
        return FALSE;

      for (gsize i = 0; i < matcher->length; i++)
        {
          if (g_ascii_tolower (p[i]) != matcher->ascii[i])
            return FALSE;
        }

      *end = p + matcher->length;
      return TRUE;
    }

  for (gsize i = 0; i < matcher->length; i++)
    {
      gunichar c;

      if (p >= limit)
        return FALSE;

      c = g_utf8_get_char_validated (p, limit - p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        return FALSE;
      if (g_unichar_tolower (c) != matcher->chars[i])
        return FALSE;

      p = g_utf8_next_char (p);
    }

  *end = p;
  return TRUE;
}

static guint
matcher_count (const Matcher *matcher,
               const char    *text,
               gsize          length)
{
  const char *p = text;
  const char *limit = text + length;
  guint count = 0;

  if (matcher_is_empty (matcher))
    return 0;

  if (matcher->ascii != NULL)
    {
      char first = matcher->ascii[0];
      char upper = g_ascii_toupper (first);

      while ((gsize)(limit - p) >= matcher->length)
        {
          const char *end;

          if ((*p == first || *p == upper) && matcher_match_at (matcher, p, limit, &end))
            {
              count++;
              p = end;
            }
          else
            {
              p++;
            }
        }

      return count;
    }

  /* Matches start at character boundaries: continuation bytes are never
   * leads, and invalid bytes are stepped over one at a time.
   */
  while (p < limit)
    {
      const char *end;

      if (matcher->leads[(guchar)*p] && matcher_match_at (matcher, p, limit, &end))
        {
          count++;
          p = end;
        }
      else
        {
          p++;
        }
    }

  return count;
}

/* Walking a line */

typedef struct
{
  const Matcher *matcher;
  guint          matches;
  guint          facets;
} Walk;

static void
search_string (Walk             *walk,
               const FtJsonSpan *span)
{
  if (matcher_is_empty (walk->matcher) || !ft_json_span_is_string (span))
    return;

  /* Without escapes the text is the bytes between the quotes. */
  if (memchr (span->text + 1, '\\', span->length - 2) == NULL)
    {
      walk->matches += matcher_count (walk->matcher, span->text + 1, span->length - 2);
      return;
    }

  {
    g_autofree char *decoded = ft_json_span_dup_string (span, G_MAXSIZE, NULL);

    walk->matches += matcher_count (walk->matcher, decoded, strlen (decoded));
  }
}

static gboolean
span_member (const FtJsonSpan *object,
             const char       *name,
             FtJsonSpan       *value)
{
  FtJsonIter iter;
  FtJsonSpan member;
  FtJsonSpan candidate;
  gboolean found = FALSE;

  if (ft_json_span_get_node_type (object) != JSON_NODE_OBJECT)
    return FALSE;

  ft_json_iter_init_object (&iter, object->text, object->length);
  while (ft_json_iter_next_member (&iter, &member, &candidate))
    {
      if (ft_json_span_equal (&member, name))
        {
          *value = candidate;
          found = TRUE;
        }
    }

  return found;
}

static void
walk_call (Walk             *walk,
           const FtJsonSpan *call)
{
  FtJsonSpan function;
  FtJsonSpan value;

  /* {"function": {"name", "arguments"}} or a legacy {"name", "arguments"}. */
  if (!span_member (call, "function", &function))
    function = *call;

  if (span_member (&function, "name", &value))
    search_string (walk, &value);
  if (span_member (&function, "arguments", &value))
    search_string (walk, &value);
}

static void
walk_message (Walk             *walk,
              const FtJsonSpan *message)
{
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan value;

  if (ft_json_span_get_node_type (message) != JSON_NODE_OBJECT)
    return;

  ft_json_iter_init_object (&iter, message->text, message->length);
  while (ft_json_iter_next_member (&iter, &name, &value))
    {
      if (ft_json_span_equal (&name, "role"))
        {
          if (ft_json_span_equal (&value, "system") || ft_json_span_equal (&value, "developer"))
            walk->facets |= FT_FACET_SYSTEM;
          else if (ft_json_span_equal (&value, "user"))
            walk->facets |= FT_FACET_USER;
          else if (ft_json_span_equal (&value, "assistant"))
            walk->facets |= FT_FACET_ASSISTANT;
          else if (ft_json_span_equal (&value, "tool") || ft_json_span_equal (&value, "function"))
            walk->facets |= FT_FACET_TOOL;
        }
      else if (ft_json_span_equal (&name, "content"))
        {
          if (ft_json_span_get_node_type (&value) == JSON_NODE_ARRAY)
            {
              FtJsonIter parts;
              FtJsonSpan part;

              ft_json_iter_init_array (&parts, value.text, value.length);
              while (ft_json_iter_next_element (&parts, &part))
                {
                  FtJsonSpan text;

                  if (span_member (&part, "text", &text))
                    search_string (walk, &text);
                }
            }
          else
            {
              search_string (walk, &value);
            }
        }
      else if (ft_json_span_equal (&name, "tool_calls"))
        {
          FtJsonIter calls;
          FtJsonSpan call;

          if (ft_json_span_get_node_type (&value) != JSON_NODE_ARRAY)
            continue;

          ft_json_iter_init_array (&calls, value.text, value.length);
          while (ft_json_iter_next_element (&calls, &call))
            {
              walk->facets |= FT_FACET_TOOL_CALLS;
              walk_call (walk, &call);
            }
        }
      else if (ft_json_span_equal (&name, "function_call"))
        {
          if (ft_json_span_get_node_type (&value) != JSON_NODE_OBJECT)
            continue;

          walk->facets |= FT_FACET_TOOL_CALLS;
          walk_call (walk, &value);
        }
    }
}

static void
walk_messages (Walk             *walk,
               const FtJsonSpan *messages)
{
  FtJsonIter iter;
  FtJsonSpan message;

  if (ft_json_span_get_node_type (messages) != JSON_NODE_ARRAY)
    return;

  ft_json_iter_init_array (&iter, messages->text, messages->length);
  while (ft_json_iter_next_element (&iter, &message))
    walk_message (walk, &message);
}

static void
walk_line (Walk       *walk,
           const char *text,
           gsize       length)
{
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan value;

  if (!ft_json_iter_init_object (&iter, text, length))
    return;

  while (ft_json_iter_next_member (&iter, &name, &value))
    {
      if (ft_json_span_equal (&name, "messages") ||
          ft_json_span_equal (&name, "preferred_output") ||
          ft_json_span_equal (&name, "non_preferred_output"))
        {
          walk_messages (walk, &value);
        }
      else if (ft_json_span_equal (&name, "input"))
        {
          FtJsonSpan messages;

          if (span_member (&value, "messages", &messages))
            walk_messages (walk, &messages);
        }
      else if (ft_json_span_equal (&name, "prompt") ||
               ft_json_span_equal (&name, "completion"))
        {
          search_string (walk, &value);
        }
    }
}

/* FtSearchResult */

/**
 * ft_search_result_ref:
 * @self: a #FtSearchResult
 *
 * Returns: (transfer full): @self
 */
FtSearchResult *
ft_search_result_ref (FtSearchResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_search_result_unref:
 * @self: (transfer full): a #FtSearchResult
 */
void
ft_search_result_unref (FtSearchResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->text);
      g_free (self->matches);
      g_free (self->facets);
      g_free (self);
    }
}

/**
 * ft_search_result_get_text:
 * @self: a #FtSearchResult
 *
 * Returns: the text searched for
 */
const char *
ft_search_result_get_text (FtSearchResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * ft_search_result_get_n_examples:
 * @self: a #FtSearchResult
 *
 * Returns: the number of examples searched
 */
guint
ft_search_result_get_n_examples (FtSearchResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_examples;
}

/**
 * ft_search_result_get_n_matches:
 * @self: a #FtSearchResult
 * @index: an example index
 *
 * Returns: how often the text occurs in the messages of example @index
 */
guint
ft_search_result_get_n_matches (FtSearchResult *self,
                                guint           index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->n_examples, 0);

  return self->matches[index];
}

/**
 * ft_search_result_get_facets:
 * @self: a #FtSearchResult
 * @index: an example index
 *
 * Returns: what example @index holds
 */
FtFacets
ft_search_result_get_facets (FtSearchResult *self,
                             guint           index)
{
  g_return_val_if_fail (self != NULL, FT_FACET_NONE);
  g_return_val_if_fail (index < self->n_examples, FT_FACET_NONE);

  return self->facets[index];
}

/**
 * ft_search_result_get_total_matches:
 * @self: a #FtSearchResult
 *
 * Returns: how often the text occurs in all examples
 */
guint64
ft_search_result_get_total_matches (FtSearchResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total;
}

/**
 * ft_search_result_get_n_matching:
 * @self: a #FtSearchResult
 *
 * Returns: how many examples hold the text at least once
 */
guint
ft_search_result_get_n_matching (FtSearchResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_matching;
}

/* FtSearch */

static void
ft_search_finalize (GObject *object)
{
  FtSearch *self = (FtSearch *)object;

  g_clear_pointer (&self->snapshot, ft_dataset_snapshot_unref);
  g_clear_pointer (&self->examples, g_ptr_array_unref);
  g_clear_pointer (&self->broken, g_free);

  G_OBJECT_CLASS (ft_search_parent_class)->finalize (object);
}

static void
ft_search_class_init (FtSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_search_finalize;
}

static void
ft_search_init (FtSearch *self)
{
}

/**
 * ft_search_new:
 * @dataset: a dataset
 *
 * Takes what a search needs from @dataset as it is now: a snapshot of its
 * lines and which of them are broken. Cheap; call it on the main thread.
 *
 * Returns: (transfer full): a new #FtSearch
 */
FtSearch *
ft_search_new (FtDataset *dataset)
{
  FtSearch *self;
  guint n;

  g_return_val_if_fail (FT_IS_DATASET (dataset), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (dataset));

  self = g_object_new (FT_TYPE_SEARCH, NULL);
  self->snapshot = ft_dataset_snapshot (dataset);
  self->examples = g_ptr_array_new_full (n, g_object_unref);
  self->broken = g_new0 (guint8, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      FtExample *example = ft_dataset_peek_example (dataset, i);

      g_ptr_array_add (self->examples, g_object_ref (example));
      self->broken[i] = ft_example_get_broken (example);
    }

  return self;
}

/**
 * ft_search_get_n_examples:
 * @self: a #FtSearch
 *
 * Returns: the number of examples
 */
guint
ft_search_get_n_examples (FtSearch *self)
{
  g_return_val_if_fail (FT_IS_SEARCH (self), 0);

  return self->examples->len;
}

/**
 * ft_search_get_example:
 * @self: a #FtSearch
 * @index: an example index
 *
 * Returns: (transfer none): the example that was at @index
 */
FtExample *
ft_search_get_example (FtSearch *self,
                       guint     index)
{
  g_return_val_if_fail (FT_IS_SEARCH (self), NULL);
  g_return_val_if_fail (index < self->examples->len, NULL);

  return g_ptr_array_index (self->examples, index);
}

typedef struct
{
  FtDatasetSnapshot *snapshot;
  const guint8      *broken;
  const Matcher     *matcher;
  FtSearchResult    *result;
  GCancellable      *cancellable;
  guint              start;
  guint              end;
  guint64            total;
  guint              n_matching;
  gboolean           cancelled;
} Chunk;

static gpointer
search_chunk (gpointer data)
{
  Chunk *chunk = data;
  FtSearchResult *result = chunk->result;

  for (guint i = chunk->start; i < chunk->end; i++)
    {
      GBytes *bytes = ft_dataset_snapshot_get_bytes (chunk->snapshot, i);
      Walk walk = { chunk->matcher, 0, 0 };
      gsize length;
      const char *data_ = g_bytes_get_data (bytes, &length);

      if ((i & 1023) == 0 && g_cancellable_is_cancelled (chunk->cancellable))
        {
          chunk->cancelled = TRUE;
          return NULL;
        }

      if (chunk->broken[i])
        {
          walk.facets = FT_FACET_BROKEN;
          if (!matcher_is_empty (chunk->matcher) && length > 0)
            walk.matches = matcher_count (chunk->matcher, data_, length);
        }
      else if (length > 0)
        {
          walk_line (&walk, data_, length);
        }

      result->matches[i] = walk.matches;
      result->facets[i] = walk.facets;
      chunk->total += walk.matches;
      if (walk.matches > 0)
        chunk->n_matching++;
    }

  return NULL;
}

/* Reads only the snapshot and the broken flags, so any thread may run it.
 * Big datasets are split between threads, one per core.
 */
static FtSearchResult *
run_search (FtDatasetSnapshot  *snapshot,
            const guint8       *broken,
            const char         *text,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(FtSearchResult) result = NULL;
  g_autofree Chunk *chunks = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Matcher matcher;
  guint n = ft_dataset_snapshot_get_n_examples (snapshot);
  guint n_chunks = n >= 4096 ? MAX (1, MIN (g_get_num_processors (), 8)) : 1;
  gboolean cancelled = FALSE;

  result = g_new0 (FtSearchResult, 1);
  g_atomic_ref_count_init (&result->ref_count);
  result->text = g_strdup (text != NULL ? text : "");
  result->n_examples = n;
  result->matches = g_new0 (guint32, MAX (n, 1));
  result->facets = g_new0 (guint8, MAX (n, 1));

  matcher_init (&matcher, text);

  chunks = g_new0 (Chunk, n_chunks);
  for (guint c = 0; c < n_chunks; c++)
    {
      chunks[c].snapshot = snapshot;
      chunks[c].broken = broken;
      chunks[c].matcher = &matcher;
      chunks[c].result = result;
      chunks[c].cancellable = cancellable;
      chunks[c].start = (guint)((guint64)n * c / n_chunks);
      chunks[c].end = (guint)((guint64)n * (c + 1) / n_chunks);
      if (c > 0)
        g_ptr_array_add (threads, g_thread_new ("ft-search", search_chunk, &chunks[c]));
    }

  search_chunk (&chunks[0]);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));

  for (guint c = 0; c < n_chunks; c++)
    {
      result->total += chunks[c].total;
      result->n_matching += chunks[c].n_matching;
      cancelled |= chunks[c].cancelled;
    }

  matcher_clear (&matcher);

  if (cancelled && g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * ft_search_run:
 * @self: a #FtSearch
 * @text: (nullable): the text to look for, or %NULL (or "") for facets only
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Searches the message text of every example, ignoring case, blocking.
 *
 * Returns: (transfer full): the result, or %NULL when cancelled
 */
FtSearchResult *
ft_search_run (FtSearch      *self,
               const char    *text,
               GCancellable  *cancellable,
               GError       **error)
{
  g_return_val_if_fail (FT_IS_SEARCH (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_search (self->snapshot, self->broken, text, cancellable, error);
}

typedef struct
{
  FtDatasetSnapshot *snapshot;
  guint8            *broken;
  char              *text;
} RunData;

static void
run_data_free (RunData *data)
{
  ft_dataset_snapshot_unref (data->snapshot);
  g_free (data->broken);
  g_free (data->text);
  g_free (data);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  FtSearchResult *result;

  result = run_search (data->snapshot, data->broken, data->text, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)ft_search_result_unref);
}

/**
 * ft_search_run_async:
 * @self: a #FtSearch
 * @text: (nullable): the text to look for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the current main context when done
 * @user_data: data for @callback
 *
 * Like ft_search_run(), in a worker thread. The callback gets no source
 * object; finish with ft_search_run_finish().
 */
void
ft_search_run_async (FtSearch            *self,
                     const char          *text,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;
  guint n;

  g_return_if_fail (FT_IS_SEARCH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  n = self->examples->len;
  data = g_new0 (RunData, 1);
  data->snapshot = ft_dataset_snapshot_ref (self->snapshot);
  data->broken = g_memdup2 (self->broken, MAX (n, 1));
  data->text = g_strdup (text);

  /* The task does not hold the search, whose examples must be released
   * on the main thread.
   */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_search_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);
  g_task_run_in_thread (task, run_worker);
}

/**
 * ft_search_run_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
FtSearchResult *
ft_search_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_search_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ft_search_count:
 * @haystack: text
 * @length: its length in bytes, or -1 if NUL-terminated
 * @text: the text to look for
 *
 * Counts the non-overlapping occurrences of @text in @haystack, ignoring
 * case, as a search does.
 *
 * Returns: the number of occurrences
 */
guint
ft_search_count (const char *haystack,
                 gssize      length,
                 const char *text)
{
  Matcher matcher;
  guint count;

  g_return_val_if_fail (haystack != NULL, 0);

  matcher_init (&matcher, text);
  count = matcher_count (&matcher, haystack, length < 0 ? strlen (haystack) : (gsize)length);
  matcher_clear (&matcher);

  return count;
}

/**
 * ft_search_replace:
 * @haystack: text
 * @text: the text to look for, ignoring case
 * @replacement: what to put in its place
 * @n_replaced: (out) (optional): how many occurrences were replaced
 *
 * Returns: (transfer full): @haystack with every occurrence of @text
 *   replaced, as a search finds them
 */
char *
ft_search_replace (const char *haystack,
                   const char *text,
                   const char *replacement,
                   guint      *n_replaced)
{
  GString *out;
  Matcher matcher;
  const char *p = haystack;
  const char *limit;
  guint count = 0;

  g_return_val_if_fail (haystack != NULL, NULL);
  g_return_val_if_fail (replacement != NULL, NULL);

  limit = haystack + strlen (haystack);
  out = g_string_sized_new (limit - haystack);
  matcher_init (&matcher, text);

  while (p < limit)
    {
      const char *end;

      if (!matcher_is_empty (&matcher) && matcher_match_at (&matcher, p, limit, &end))
        {
          g_string_append (out, replacement);
          count++;
          p = end;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, MIN (next, limit) - p);
          p = MIN (next, limit);
        }
    }

  matcher_clear (&matcher);

  if (n_replaced != NULL)
    *n_replaced = count;

  return g_string_free (out, FALSE);
}
