/* ft-duplicates.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-duplicates"

#include "config.h"

#include "ft-duplicates.h"

#include "ft-json-scan.h"
#include "ft-jsonl-reader.h"

#include <math.h>
#include <string.h>

/* Each line is reduced to a key, and only a 128-bit digest (SHA-256, cut)
 * of the key is kept with the line numbers, so a finder holds about 80
 * bytes per distinct example whatever their size.
 *
 * Exact key: the canonical JSON of the line: object members sorted by
 * name (the last of duplicate names wins, as in parsers), strings with
 * one escaping, numbers by value (1.0 and 1 are the same). A line that is
 * not valid JSON is keyed by its bytes.
 *
 * Near key: the role and text of each message in order, the text
 * NFC-normalized, case-folded and with every run of whitespace made one
 * space; tool calls and function calls are added in canonical form. For
 * preference lines the input, preferred and non-preferred messages are
 * used; for prompt/completion lines the two texts. Other shapes fall back
 * to the exact key.
 */

#define DIGEST_SIZE 16

struct _FtDuplicateGroup
{
  gatomicrefcount  ref_count;
  GArray          *lines;   /* guint64 */
};

G_DEFINE_BOXED_TYPE (FtDuplicateGroup, ft_duplicate_group,
                     ft_duplicate_group_ref, ft_duplicate_group_unref)

G_DEFINE_ENUM_TYPE (FtDuplicateMode, ft_duplicate_mode,
  G_DEFINE_ENUM_VALUE (FT_DUPLICATE_EXACT, "exact"),
  G_DEFINE_ENUM_VALUE (FT_DUPLICATE_NEAR, "near"))

typedef struct
{
  guint8   digest[DIGEST_SIZE];
  guint64  first_line;
  GArray  *copies;   /* guint64; NULL until a copy is seen */
} Entry;

struct _FtDuplicateFinder
{
  GObject          parent_instance;

  GHashTable      *entries;   /* Entry → Entry */
  FtDuplicateMode  mode;
  guint            n_lines;
  guint            n_duplicates;
};

G_DEFINE_FINAL_TYPE (FtDuplicateFinder, ft_duplicate_finder, G_TYPE_OBJECT)

/* Canonical JSON */

static void append_canonical (GString          *out,
                              const FtJsonSpan *value);

typedef struct
{
  char       *name;
  FtJsonSpan  value;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a;
  const Member *mb = b;

  return strcmp (ma->name, mb->name);
}

static void
append_canonical_object (GString          *out,
                         const FtJsonSpan *value)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan member_value;
  guint written = 0;

  ft_json_iter_init_object (&iter, value->text, value->length);
  while (ft_json_iter_next_member (&iter, &name, &member_value))
    {
      Member member = { ft_json_span_dup_string (&name, G_MAXSIZE, NULL), member_value };

      g_array_append_val (members, member);
    }

  /* A stable sort keeps duplicate names in file order; the last wins. */
  g_array_sort (members, compare_members);

  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      Member *member = &g_array_index (members, Member, i);

      if (i + 1 < members->len
          && strcmp (member->name, g_array_index (members, Member, i + 1).name) == 0)
        {
          g_free (member->name);
          continue;
        }

      if (written++ > 0)
        g_string_append_c (out, ',');
      ft_json_append_string (out, member->name, -1);
      g_string_append_c (out, ':');
      append_canonical (out, &member->value);
      g_free (member->name);
    }
  g_string_append_c (out, '}');
}

static void
append_canonical_number (GString          *out,
                         const FtJsonSpan *value)
{
  g_autofree char *text = g_strndup (value->text, value->length);
  double number;

  if (strpbrk (text, ".eE") == NULL)
    {
      g_string_append (out, strcmp (text, "-0") == 0 ? "0" : text);
      return;
    }

  number = g_ascii_strtod (text, NULL);
  if (number == floor (number) && fabs (number) < 9007199254740992.0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)number);
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), number);

      ft_json_append_node (out, node);
    }
}

static void
append_canonical (GString          *out,
                  const FtJsonSpan *value)
{
  switch (value->length > 0 ? value->text[0] : 'n')
    {
    case '{':
      append_canonical_object (out, value);
      break;

    case '[':
      {
        FtJsonIter iter;
        FtJsonSpan element;
        guint n = 0;

        g_string_append_c (out, '[');
        ft_json_iter_init_array (&iter, value->text, value->length);
        while (ft_json_iter_next_element (&iter, &element))
          {
            if (n++ > 0)
              g_string_append_c (out, ',');
            append_canonical (out, &element);
          }
        g_string_append_c (out, ']');
      }
      break;

    case '"':
      {
        g_autofree char *text = ft_json_span_dup_string (value, G_MAXSIZE, NULL);

        ft_json_append_string (out, text, -1);
      }
      break;

    case 't':
    case 'f':
    case 'n':
      g_string_append_len (out, value->text, value->length);
      break;

    default:
      append_canonical_number (out, value);
      break;
    }
}

/* Near keys */

/* Whether a text may be cut before @p without changing its NFC form: an
 * ASCII character, a kana or a CJK ideograph never composes with what
 * precedes it.
 */
static gboolean
is_safe_cut (const char *p)
{
  gunichar c;

  if ((guchar)*p < 0x80)
    return TRUE;

  c = g_utf8_get_char (p);

  return (c >= 0x3040 && c <= 0x3096)
         || (c >= 0x30A1 && c <= 0x30FA)
         || (c >= 0x4E00 && c <= 0x9FFF);
}

/* Whether a character is its own NFC form whatever surrounds it: it
 * neither decomposes nor combines (no combining marks, no singletons such
 * as U+212B ANGSTROM SIGN, no Hangul jamo). Covers Latin, Cyrillic, Arabic
 * letters, CJK, punctuation and emoji; anything else goes through
 * g_utf8_normalize().
 */
static inline gboolean
is_nfc_stable (gunichar c)
{
  return c < 0x0300
         || (c >= 0x0400 && c <= 0x0482)
         || (c >= 0x048A && c <= 0x052F)
         || (c >= 0x0600 && c <= 0x064A)
         || (c >= 0x2002 && c <= 0x2125)
         || (c >= 0x212C && c <= 0x2328)
         || (c >= 0x232B && c <= 0x2BFF)
         || (c >= 0x3000 && c <= 0x3098)
         || (c >= 0x309B && c <= 0x9FFF)
         || (c >= 0xFE00 && c <= 0xFE0F)
         || (c >= 0x1F000 && c <= 0x1FAFF);
}

static gboolean
is_nfc_stable_text (const char *text,
                    gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      if (!is_nfc_stable (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* NFC in pieces: g_utf8_normalize() moves the rest of its buffer for each
 * composition, which takes minutes on a 20 MB text, and it is slow on any
 * text, so pieces that are NFC already are copied.
 */
static char *
normalize_nfc (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *piece = NULL;
      gsize ascii = 0;

      /* Runs of ASCII need no work, except the last character, which a
       * combining mark after it may change.
       */
      while ((guchar)end[ascii] != '\0' && (guchar)end[ascii] < 0x80)
        ascii++;
      if (end[ascii] == '\0')
        {
          g_string_append_len (out, p, ascii);
          break;
        }
      if (ascii > 1)
        {
          g_string_append_len (out, p, ascii - 1);
          p += ascii - 1;
        }

      /* Otherwise up to about 4 KB, cut where it is safe. */
      end = g_utf8_next_char (p);
      while (*end != '\0' && ((end - p) < 4096 || !is_safe_cut (end)) && (end - p) < 65536)
        end = g_utf8_next_char (end);

      if (is_nfc_stable_text (p, end - p))
        {
          g_string_append_len (out, p, end - p);
          p = end;
          continue;
        }

      piece = g_utf8_normalize (p, end - p, G_NORMALIZE_NFC);
      if (piece != NULL)
        g_string_append (out, piece);
      else
        g_string_append_len (out, p, end - p);
      p = end;
    }

  return g_string_free (out, FALSE);
}

/* Appends one character of case-folded text, making every run of
 * whitespace one space (none at the start).
 */
static inline void
append_folded_char (GString   *out,
                    gsize      start,
                    gboolean  *space,
                    gunichar   c)
{
  if (g_unichar_isspace (c))
    {
      *space = out->len > start;
      return;
    }
  if (*space)
    g_string_append_c (out, ' ');
  *space = FALSE;
  g_string_append_unichar (out, c);
}

static void
append_normalized (GString    *out,
                   const char *text)
{
  g_autofree char *composed = normalize_nfc (text);
  gboolean space = FALSE;
  gsize start = out->len;
  const char *p = composed;

  while (*p != '\0')
    {
      const char *run;
      g_autofree char *folded = NULL;

      /* ASCII, the common case, by hand. */
      if ((guchar)*p < 0x80)
        {
          char c = *p++;

          if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            {
              space = out->len > start;
              continue;
            }
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
          continue;
        }

      /* A run of other characters: case-folded in one call. */
      run = p;
      while ((guchar)*p >= 0x80)
        p++;
      folded = g_utf8_casefold (run, p - run);
      for (const char *q = folded; *q != '\0'; q = g_utf8_next_char (q))
        append_folded_char (out, start, &space, g_utf8_get_char (q));
    }
}

static gboolean
find_member (const FtJsonSpan *object,
             const char       *name,
             FtJsonSpan       *value)
{
  FtJsonIter iter;
  FtJsonSpan member;
  FtJsonSpan candidate;
  gboolean found = FALSE;

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
append_near_text (GString          *out,
                  const FtJsonSpan *content)
{
  if (ft_json_span_is_string (content))
    {
      g_autofree char *text = ft_json_span_dup_string (content, G_MAXSIZE, NULL);

      append_normalized (out, text);
    }
  else if (ft_json_span_get_node_type (content) == JSON_NODE_ARRAY)
    {
      FtJsonIter iter;
      FtJsonSpan part;

      ft_json_iter_init_array (&iter, content->text, content->length);
      while (ft_json_iter_next_element (&iter, &part))
        {
          FtJsonSpan type;
          FtJsonSpan text;

          if (find_member (&part, "type", &type) && ft_json_span_equal (&type, "text")
              && find_member (&part, "text", &text) && ft_json_span_is_string (&text))
            append_near_text (out, &text);
          else
            append_canonical (out, &part);
          g_string_append_c (out, ' ');
        }
    }
  else
    {
      append_canonical (out, content);
    }
}

static void
append_near_messages (GString          *out,
                      const FtJsonSpan *messages)
{
  FtJsonIter iter;
  FtJsonSpan message;

  if (ft_json_span_get_node_type (messages) != JSON_NODE_ARRAY)
    {
      append_canonical (out, messages);
      return;
    }

  g_string_append_c (out, '[');
  ft_json_iter_init_array (&iter, messages->text, messages->length);
  while (ft_json_iter_next_element (&iter, &message))
    {
      FtJsonSpan value;

      if (ft_json_span_get_node_type (&message) != JSON_NODE_OBJECT)
        {
          append_canonical (out, &message);
          g_string_append_c (out, '\x1e');
          continue;
        }

      if (find_member (&message, "role", &value))
        append_canonical (out, &value);
      g_string_append_c (out, '\x1f');
      if (find_member (&message, "content", &value))
        append_near_text (out, &value);
      g_string_append_c (out, '\x1f');
      if (find_member (&message, "tool_calls", &value))
        append_canonical (out, &value);
      g_string_append_c (out, '\x1f');
      if (find_member (&message, "function_call", &value))
        append_canonical (out, &value);
      g_string_append_c (out, '\x1e');
    }
  g_string_append_c (out, ']');
}

static gboolean
append_near (GString          *out,
             const FtJsonSpan *line)
{
  FtJsonSpan value;

  if (ft_json_span_get_node_type (line) != JSON_NODE_OBJECT)
    return FALSE;

  if (find_member (line, "messages", &value))
    {
      g_string_append (out, "chat:");
      append_near_messages (out, &value);
      return TRUE;
    }

  if (find_member (line, "input", &value))
    {
      FtJsonSpan messages;

      g_string_append (out, "preference:");
      if (find_member (&value, "messages", &messages))
        append_near_messages (out, &messages);
      g_string_append (out, "|preferred:");
      if (find_member (line, "preferred_output", &value)
          || find_member (line, "preferred_completion", &value))
        append_near_messages (out, &value);
      g_string_append (out, "|non-preferred:");
      if (find_member (line, "non_preferred_output", &value)
          || find_member (line, "non_preferred_completion", &value))
        append_near_messages (out, &value);
      return TRUE;
    }

  if (find_member (line, "prompt", &value) || find_member (line, "completion", &value))
    {
      g_string_append (out, "prompt:");
      if (find_member (line, "prompt", &value))
        append_near_text (out, &value);
      g_string_append (out, "|completion:");
      if (find_member (line, "completion", &value))
        append_near_text (out, &value);
      return TRUE;
    }

  return FALSE;
}

/**
 * ft_duplicate_key:
 * @line: one JSONL line
 * @length: its length
 * @mode: the kind of key
 *
 * Returns: (transfer full): the key two lines share when they are
 *   duplicates in @mode (see the file comment); it may contain NUL bytes
 *   for lines that are not text, so compare it with its length from
 *   strlen() only for valid JSON
 */
char *
ft_duplicate_key (const char      *line,
                  gsize            length,
                  FtDuplicateMode  mode)
{
  GString *out = g_string_new (NULL);
  FtJsonlLine parsed;
  FtJsonSpan span;

  g_return_val_if_fail (line != NULL || length == 0, NULL);

  {
    /* ft_jsonl_line_init() wants a terminated text. */
    g_autofree char *copy = g_malloc (length + 1);

    memcpy (copy, line, length);
    copy[length] = '\0';

    ft_jsonl_line_init (&parsed, 0, copy, length);
    if (parsed.status == FT_LINE_OK
        && ft_json_validate (line, length, FT_JSONL_MAX_DEPTH, NULL, NULL, NULL))
      {
        span.text = line;
        span.length = length;

        /* The value without the whitespace around it. */
        while (span.length > 0 && g_ascii_isspace (span.text[0]))
          {
            span.text++;
            span.length--;
          }
        while (span.length > 0 && g_ascii_isspace (span.text[span.length - 1]))
          span.length--;

        if (mode == FT_DUPLICATE_NEAR && append_near (out, &span))
          return g_string_free (out, FALSE);

        g_string_append (out, "json:");
        append_canonical (out, &span);
        return g_string_free (out, FALSE);
      }
  }

  g_string_append (out, "raw:");
  g_string_append_len (out, line, length);

  return g_string_free (out, FALSE);
}

static void
compute_digest (const char      *line,
                gsize            length,
                FtDuplicateMode  mode,
                guint8          *digest)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *key = NULL;
  guint8 full[32];
  gsize full_length = sizeof full;
  gsize key_length;

  key = ft_duplicate_key (line, length, mode);
  /* Raw keys carry the line's own length. */
  key_length = g_str_has_prefix (key, "raw:") ? 4 + length : strlen (key);

  g_checksum_update (checksum, (const guchar *)key, key_length);
  g_checksum_get_digest (checksum, full, &full_length);
  memcpy (digest, full, DIGEST_SIZE);
}

static guint
entry_hash (gconstpointer data)
{
  const Entry *entry = data;
  guint hash;

  memcpy (&hash, entry->digest, sizeof hash);

  return hash;
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  return memcmp (((const Entry *)a)->digest, ((const Entry *)b)->digest, DIGEST_SIZE) == 0;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->copies, g_array_unref);
  g_free (entry);
}

/* Groups */

/**
 * ft_duplicate_group_ref:
 * @self: a #FtDuplicateGroup
 *
 * Returns: (transfer full): @self
 */
FtDuplicateGroup *
ft_duplicate_group_ref (FtDuplicateGroup *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * ft_duplicate_group_unref:
 * @self: (transfer full): a #FtDuplicateGroup
 */
void
ft_duplicate_group_unref (FtDuplicateGroup *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->lines);
      g_free (self);
    }
}

/**
 * ft_duplicate_group_get_n_lines:
 * @self: a #FtDuplicateGroup
 *
 * Returns: the number of lines in the group (at least 2)
 */
guint
ft_duplicate_group_get_n_lines (FtDuplicateGroup *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->lines->len;
}

/**
 * ft_duplicate_group_get_line:
 * @self: a #FtDuplicateGroup
 * @index: an index
 *
 * Returns: the line number; index 0 is the first occurrence
 */
guint64
ft_duplicate_group_get_line (FtDuplicateGroup *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->lines->len, 0);

  return g_array_index (self->lines, guint64, index);
}

/* Finder */

static void
ft_duplicate_finder_finalize (GObject *object)
{
  FtDuplicateFinder *self = (FtDuplicateFinder *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (ft_duplicate_finder_parent_class)->finalize (object);
}

static void
ft_duplicate_finder_class_init (FtDuplicateFinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_duplicate_finder_finalize;
}

static void
ft_duplicate_finder_init (FtDuplicateFinder *self)
{
  self->entries = g_hash_table_new_full (entry_hash, entry_equal, NULL, entry_free);
}

/**
 * ft_duplicate_finder_new:
 * @mode: exact or near duplicates
 *
 * Returns: (transfer full): a new finder; add lines to it in order
 */
FtDuplicateFinder *
ft_duplicate_finder_new (FtDuplicateMode mode)
{
  FtDuplicateFinder *self = g_object_new (FT_TYPE_DUPLICATE_FINDER, NULL);

  self->mode = mode;

  return self;
}

/**
 * ft_duplicate_finder_get_mode:
 * @self: a #FtDuplicateFinder
 *
 * Returns: the mode
 */
FtDuplicateMode
ft_duplicate_finder_get_mode (FtDuplicateFinder *self)
{
  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), FT_DUPLICATE_EXACT);

  return self->mode;
}

/**
 * ft_duplicate_finder_add:
 * @self: a #FtDuplicateFinder
 * @line: one line (the example's text)
 * @length: its length
 * @line_number: its line number (or any id the caller wants back)
 *
 * Returns: the line number of the earlier example @line duplicates, or 0
 *   when it is the first of its kind
 */
guint64
ft_duplicate_finder_add (FtDuplicateFinder *self,
                         const char        *line,
                         gsize              length,
                         guint64            line_number)
{
  Entry probe;
  Entry *entry;

  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);
  g_return_val_if_fail (line != NULL || length == 0, 0);

  self->n_lines++;
  compute_digest (line, length, self->mode, probe.digest);

  entry = g_hash_table_lookup (self->entries, &probe);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      memcpy (entry->digest, probe.digest, DIGEST_SIZE);
      entry->first_line = line_number;
      g_hash_table_add (self->entries, entry);
      return 0;
    }

  if (entry->copies == NULL)
    entry->copies = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_append_val (entry->copies, line_number);
  self->n_duplicates++;

  return entry->first_line;
}

/**
 * ft_duplicate_finder_lookup:
 * @self: a #FtDuplicateFinder
 * @line: one line
 * @length: its length
 *
 * Looks @line up without adding it, for overlap between a training and a
 * validation file.
 *
 * Returns: the line number of the first added example equal to @line, or
 *   0 when there is none
 */
guint64
ft_duplicate_finder_lookup (FtDuplicateFinder *self,
                            const char        *line,
                            gsize              length)
{
  Entry probe;
  Entry *entry;

  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);
  g_return_val_if_fail (line != NULL || length == 0, 0);

  compute_digest (line, length, self->mode, probe.digest);
  entry = g_hash_table_lookup (self->entries, &probe);

  return entry != NULL ? entry->first_line : 0;
}

/**
 * ft_duplicate_finder_get_n_lines:
 * @self: a #FtDuplicateFinder
 *
 * Returns: how many lines were added
 */
guint
ft_duplicate_finder_get_n_lines (FtDuplicateFinder *self)
{
  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);

  return self->n_lines;
}

/**
 * ft_duplicate_finder_get_n_duplicates:
 * @self: a #FtDuplicateFinder
 *
 * Returns: how many added lines repeat an earlier one
 */
guint
ft_duplicate_finder_get_n_duplicates (FtDuplicateFinder *self)
{
  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), 0);

  return self->n_duplicates;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  FtDuplicateGroup *ga = *(FtDuplicateGroup **)a;
  FtDuplicateGroup *gb = *(FtDuplicateGroup **)b;
  guint64 la = ft_duplicate_group_get_line (ga, 0);
  guint64 lb = ft_duplicate_group_get_line (gb, 0);

  return la < lb ? -1 : la > lb;
}

/**
 * ft_duplicate_finder_dup_groups:
 * @self: a #FtDuplicateFinder
 *
 * Returns: (transfer full) (element-type FtDuplicateGroup): the groups of
 *   two or more equal examples, ordered by their first line
 */
GPtrArray *
ft_duplicate_finder_dup_groups (FtDuplicateFinder *self)
{
  GPtrArray *groups;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (FT_IS_DUPLICATE_FINDER (self), NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify)ft_duplicate_group_unref);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Entry *entry = key;
      FtDuplicateGroup *group;

      if (entry->copies == NULL)
        continue;

      group = g_new0 (FtDuplicateGroup, 1);
      g_atomic_ref_count_init (&group->ref_count);
      group->lines = g_array_sized_new (FALSE, FALSE, sizeof (guint64), entry->copies->len + 1);
      g_array_append_val (group->lines, entry->first_line);
      g_array_append_vals (group->lines, entry->copies->data, entry->copies->len);
      g_ptr_array_add (groups, group);
    }

  g_ptr_array_sort (groups, compare_groups);

  return groups;
}
