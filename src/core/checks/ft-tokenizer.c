/* ft-tokenizer.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-tokenizer"

#include "config.h"

#include "ft-tokenizer.h"

#include "ft-error.h"
#include "ft-resources.h"
#include "ft-tokenizer-private.h"
#include "ft-tokenizer-resources.h"

#include <glib/gi18n-lib.h>
#include <pcre2.h>
#include <string.h>

/* Byte-level BPE compatible with OpenAI's tiktoken (encode_ordinary).
 *
 * Text is split into pieces with the encoding's pre-tokenisation pattern
 * (PCRE2 with JIT), and each piece is merged with byte-pair encoding over
 * the rank table. The rank table is shared and read-only once loaded; all
 * mutable state (match data, JIT stack, piece cache, scratch buffers) is
 * per thread, so counting takes no lock.
 */

#define N_ENCODINGS 2

/* Marks a missing rank and an empty slot of the rank table. */
#define NO_RANK G_MAXUINT32

/* The piece cache: direct-mapped, per thread and encoding. Pieces up to
 * CACHE_KEY_MAX bytes are cached with their token count, and with their
 * ids when there are at most CACHE_IDS_MAX of them.
 */
#define CACHE_SLOTS   16384
#define CACHE_KEY_MAX 32
#define CACHE_IDS_MAX 6

/* A direct-mapped per-thread cache of rank lookups of up to 8 bytes,
 * which merges repeat a lot: the rank table itself is megabytes, so most
 * of its lookups miss the CPU caches.
 */
#define LOOKUP_CACHE_SLOTS 8192

/* Pieces up to this many bytes merge on the stack with a vector scan for
 * the lowest rank; longer ones use a tournament tree, so that a
 * megabyte-long word costs O(n log n) instead of O(n²).
 */
#define SMALL_PIECE_MAX 256

/* A sanitised copy of invalid UTF-8 larger than this is not kept around
 * for the next call.
 */
#define CLEAN_BUFFER_KEEP (1024 * 1024)

/* The White_Space class of Rust's regex, spelt out: PCRE2's \s with UCP
 * also matches U+180E, which would change token ids.
 */
#define WS "\\t\\n\\x0B\\f\\r\\x20\\x85\\xA0\\x{1680}\\x{2000}-\\x{200A}" \
           "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}"

#define CONTRACTIONS "(?i:'s|'t|'re|'ve|'m|'ll|'d)"
#define UPPER_CLASS  "[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]"
#define LOWER_CLASS  "[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]"

static const char cl100k_pattern[] =
  CONTRACTIONS
  "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
  "|\\p{N}{1,3}"
  "| ?[^" WS "\\p{L}\\p{N}]+[\\r\\n]*"
  "|[" WS "]*[\\r\\n]+"
  "|[" WS "]+(?![^" WS "])"
  "|[" WS "]+";

static const char o200k_pattern[] =
  "[^\\r\\n\\p{L}\\p{N}]?" UPPER_CLASS "*" LOWER_CLASS "+" CONTRACTIONS "?"
  "|[^\\r\\n\\p{L}\\p{N}]?" UPPER_CLASS "+" LOWER_CLASS "*" CONTRACTIONS "?"
  "|\\p{N}{1,3}"
  "| ?[^" WS "\\p{L}\\p{N}]+[\\r\\n/]*"
  "|[" WS "]*[\\r\\n]+"
  "|[" WS "]+(?![^" WS "])"
  "|[" WS "]+";

static const char * const cl100k_special_tokens[] = {
  "<|endoftext|>",
  "<|fim_prefix|>",
  "<|fim_middle|>",
  "<|fim_suffix|>",
  "<|endofprompt|>",
  NULL
};

static const char * const o200k_special_tokens[] = {
  "<|endoftext|>",
  "<|endofprompt|>",
  NULL
};

typedef struct
{
  const char         *name;
  const char         *resource_path;
  const char         *pattern;
  const char * const *special_tokens;
  guint               n_ranks;
} EncodingInfo;

static const EncodingInfo encodings[N_ENCODINGS] = {
  [FT_ENCODING_CL100K_BASE] = {
    "cl100k_base",
    RESOURCE_BASE "/tokenizer/cl100k_base.tiktoken",
    cl100k_pattern,
    cl100k_special_tokens,
    100256,
  },
  [FT_ENCODING_O200K_BASE] = {
    "o200k_base",
    RESOURCE_BASE "/tokenizer/o200k_base.tiktoken",
    o200k_pattern,
    o200k_special_tokens,
    199998,
  },
};

/* tiktoken 0.14 tiktoken/model.py, as listed in PATTERNS.md. Encodings
 * this app does not ship (p50k_base, r50k_base, gpt2) are left out, so
 * those models count as unknown.
 */
typedef struct
{
  const char *name;
  FtEncoding  encoding;
} ModelEntry;

static const ModelEntry model_names[] = {
  { "o1", FT_ENCODING_O200K_BASE },
  { "o3", FT_ENCODING_O200K_BASE },
  { "o4-mini", FT_ENCODING_O200K_BASE },
  { "gpt-5", FT_ENCODING_O200K_BASE },
  { "gpt-4.1", FT_ENCODING_O200K_BASE },
  { "gpt-4o", FT_ENCODING_O200K_BASE },
  { "gpt-4", FT_ENCODING_CL100K_BASE },
  { "gpt-3.5-turbo", FT_ENCODING_CL100K_BASE },
  { "gpt-3.5", FT_ENCODING_CL100K_BASE },
  { "gpt-35-turbo", FT_ENCODING_CL100K_BASE },
  { "davinci-002", FT_ENCODING_CL100K_BASE },
  { "babbage-002", FT_ENCODING_CL100K_BASE },
  { "text-embedding-ada-002", FT_ENCODING_CL100K_BASE },
  { "text-embedding-3-small", FT_ENCODING_CL100K_BASE },
  { "text-embedding-3-large", FT_ENCODING_CL100K_BASE },
};

/* Tried in this order after the exact names. */
static const ModelEntry model_prefixes[] = {
  { "o1-", FT_ENCODING_O200K_BASE },
  { "o3-", FT_ENCODING_O200K_BASE },
  { "o4-mini-", FT_ENCODING_O200K_BASE },
  { "gpt-5", FT_ENCODING_O200K_BASE },
  { "gpt-4.5-", FT_ENCODING_O200K_BASE },
  { "gpt-4.1-", FT_ENCODING_O200K_BASE },
  { "chatgpt-4o-", FT_ENCODING_O200K_BASE },
  { "gpt-4o-", FT_ENCODING_O200K_BASE },
  { "gpt-4-", FT_ENCODING_CL100K_BASE },
  { "gpt-3.5-turbo-", FT_ENCODING_CL100K_BASE },
  { "gpt-35-turbo-", FT_ENCODING_CL100K_BASE },
  /* o200k_harmony: o200k_base's ranks and pattern plus more special
   * tokens, which ordinary counting does not use. */
  { "gpt-oss-", FT_ENCODING_O200K_BASE },
};

/* tiktoken's prefixes for fine-tuned models, used when the base model in
 * "ft:<base>:<org>:…" is not known by itself.
 */
static const ModelEntry fine_tuned_prefixes[] = {
  { "ft:gpt-4o", FT_ENCODING_O200K_BASE },
  { "ft:gpt-4", FT_ENCODING_CL100K_BASE },
  { "ft:gpt-3.5-turbo", FT_ENCODING_CL100K_BASE },
  { "ft:davinci-002", FT_ENCODING_CL100K_BASE },
  { "ft:babbage-002", FT_ENCODING_CL100K_BASE },
};

/* A slot of the rank table. Tokens of up to 8 bytes compare by their
 * prefix and length alone, without touching token_bytes.
 */
typedef struct
{
  guint64 prefix;   /* the first 8 bytes, zero-padded */
  guint32 rank;     /* NO_RANK: empty */
  guint32 packed;   /* offset into token_bytes << 8 | length */
} RankSlot;

typedef struct
{
  guint32 tag;
  guint8  length;   /* 0: empty */
  guint8  n_tokens;
  guint8  key[CACHE_KEY_MAX];
  guint32 ids[CACHE_IDS_MAX];
} CacheEntry;

/* One cache line each, when the array is aligned. */
G_STATIC_ASSERT (sizeof (CacheEntry) == 64);

typedef struct
{
  guint64 prefix;
  guint32 length;   /* 0: empty */
  guint32 rank;
} LookupEntry;

typedef struct
{
  FtTokenizer         *tokenizer;
  LookupEntry         *lookups;
  pcre2_match_data    *match_data;
  pcre2_match_context *match_context;
  pcre2_jit_stack     *jit_stack;
  CacheEntry          *cache;
  GByteArray          *clean;
  guint64              hits;
  guint64              misses;
} __attribute__ ((aligned (64))) ThreadState;

struct _FtTokenizer
{
  GObject      parent_instance;

  FtEncoding   encoding;

  /* Read-only once loaded. */
  guint8      *token_bytes;
  guint32     *token_offsets;  /* n_tokens + 1 entries */
  guint        n_tokens;
  guint        max_token_length;
  guint32      byte_ranks[256];
  guint32     *pair_ranks;     /* 65536 entries: two-byte tokens by value */
  RankSlot    *slots;
  guint32      slot_mask;
  pcre2_code  *code;
  gboolean     jit;

  /* Cache statistics of threads that have exited. */
  GMutex       stats_lock;
  guint64      exited_hits;
  guint64      exited_misses;
};

G_DEFINE_FINAL_TYPE (FtTokenizer, ft_tokenizer, G_TYPE_OBJECT)

/* Nicks are tiktoken's names, so that GSettings and properties agree. */
G_DEFINE_ENUM_TYPE (FtEncoding, ft_encoding,
  G_DEFINE_ENUM_VALUE (FT_ENCODING_CL100K_BASE, "cl100k_base"),
  G_DEFINE_ENUM_VALUE (FT_ENCODING_O200K_BASE, "o200k_base"))

static void thread_state_free (gpointer data);

/* One per encoding: the tokenizers are process-wide singletons. */
static GPrivate thread_states[N_ENCODINGS] = {
  G_PRIVATE_INIT (thread_state_free),
  G_PRIVATE_INIT (thread_state_free),
};

static FtTokenizer *shared_tokenizers[N_ENCODINGS];
static GMutex shared_locks[N_ENCODINGS];

/* Little-endian loads, so that read_prefix() keeps byte k in bits 8k on
 * every machine. */
static inline guint64
load64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

static inline guint32
load32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline guint64
mix (guint64 h,
     guint64 v)
{
  h = (h ^ v) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
  return h ^ (h >> 29);
}

/* The first min (n, 8) bytes of p as a number, zero-padded; n >= 1.
 * Never reads outside p[0..n).
 */
static inline guint64
read_prefix (const guint8 *p,
             gsize         n)
{
  guint64 v;

  if (n >= 8)
    return load64 (p);
  if (n >= 4)
    return load32 (p) | ((guint64)load32 (p + n - 4) << (8 * (n - 4)));

  v = p[0];
  if (n > 1)
    v |= (guint64)p[1] << 8;
  if (n > 2)
    v |= (guint64)p[2] << 16;

  return v;
}

/* A fast hash for short byte strings, given their prefix; the low bits
 * pick a slot and the high 32 bits serve as a tag.
 */
static inline guint64
hash_piece (const guint8 *p,
            gsize         n,
            guint64       prefix)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  h ^= n * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);

  h = mix (h, prefix);
  if (n > 8)
    {
      const guint8 *q = p + 8;
      const guint8 *end = p + n;

      while (end - q > 8)
        {
          h = mix (h, load64 (q));
          q += 8;
        }
      h = mix (h, load64 (end - 8));
    }

  h *= G_GUINT64_CONSTANT (0xd6e8feb86659fd93);
  return h ^ (h >> 32);
}

static inline guint32
lookup_rank_hashed (FtTokenizer  *self,
                    const guint8 *p,
                    gsize         n,
                    guint64       prefix,
                    guint64       hash)
{
  for (guint32 i = hash & self->slot_mask;; i = (i + 1) & self->slot_mask)
    {
      const RankSlot *slot = &self->slots[i];

      if (slot->rank == NO_RANK)
        return NO_RANK;

      if (slot->prefix == prefix &&
          (slot->packed & 0xff) == n &&
          (n <= 8 || memcmp (self->token_bytes + (slot->packed >> 8) + 8, p + 8, n - 8) == 0))
        return slot->rank;
    }
}

static inline guint32
lookup_rank (FtTokenizer  *self,
             const guint8 *p,
             gsize         n)
{
  guint64 prefix;

  if (n > self->max_token_length)
    return NO_RANK;

  prefix = read_prefix (p, n);
  return lookup_rank_hashed (self, p, n, prefix, hash_piece (p, n, prefix));
}

/* lookup_rank() through the thread's lookup cache. */
static inline guint32
lookup_rank_cached (FtTokenizer  *self,
                    ThreadState  *state,
                    const guint8 *p,
                    gsize         n)
{
  LookupEntry *entry;
  guint64 prefix;
  guint64 hash;
  guint32 rank;

  if (n > 8)
    return lookup_rank (self, p, n);

  prefix = read_prefix (p, n);
  hash = hash_piece (p, n, prefix);
  entry = &state->lookups[(hash >> 32) & (LOOKUP_CACHE_SLOTS - 1)];
  if (entry->prefix == prefix && entry->length == n)
    return entry->rank;

  rank = lookup_rank_hashed (self, p, n, prefix, hash);
  entry->prefix = prefix;
  entry->length = n;
  entry->rank = rank;

  return rank;
}

/* BPE as tiktoken does it: repeatedly merge the adjacent pair with the
 * lowest rank, the leftmost one on ties. n is at most SMALL_PIECE_MAX;
 * writes the tokens to out and returns how many there are.
 *
 * Parts form a linked list indexed by their start offset. keys[i] is
 * (rank << 8 | i) for the pair that starts at part i, or NO_KEY, so the
 * smallest key is the pair to merge; it is found with a vector scan over
 * all offsets, which beats tracking it for pieces this short.
 */

#define NO_KEY G_MAXINT32

typedef gint32 KeyVector __attribute__ ((vector_size (16)));

G_STATIC_ASSERT (SMALL_PIECE_MAX <= 256);

static inline gint32
small_key (guint32 rank,
           gsize   offset)
{
  /* parse_ranks() checks that ranks are below 1 << 23. */
  return rank == NO_RANK ? NO_KEY : (gint32)((rank << 8) | offset);
}

/* keys has a multiple of 4 entries, padded with NO_KEY. */
static inline gint32
smallest_key (const gint32 *keys,
              gsize         n_keys)
{
  KeyVector smallest = { NO_KEY, NO_KEY, NO_KEY, NO_KEY };
  gint32 result = NO_KEY;

  for (gsize i = 0; i < n_keys; i += 4)
    {
      KeyVector v;
      KeyVector less;

      memcpy (&v, keys + i, sizeof v);
      less = v < smallest;
      smallest = (v & less) | (smallest & ~less);
    }

  for (int lane = 0; lane < 4; lane++)
    result = MIN (result, smallest[lane]);

  return result;
}

static gsize
merge_small_piece (FtTokenizer  *self,
                   ThreadState  *state,
                   const guint8 *piece,
                   gsize         n,
                   guint32      *out)
{
  gint32 keys[SMALL_PIECE_MAX + 4];
  guint16 next[SMALL_PIECE_MAX];
  guint16 prev[SMALL_PIECE_MAX];
  gsize n_keys = (n + 3) & ~(gsize)3;
  gsize n_parts = n;
  gsize n_out = 0;

  g_assert (n >= 1 && n <= SMALL_PIECE_MAX);

  for (gsize i = 0; i < n; i++)
    {
      next[i] = i + 1;
      prev[i] = i - 1;
      out[i] = self->byte_ranks[piece[i]];
      keys[i] = i + 1 < n
                ? small_key (self->pair_ranks[piece[i] | (piece[i + 1] << 8)], i)
                : NO_KEY;
    }
  for (gsize i = n; i < n_keys; i++)
    keys[i] = NO_KEY;

  for (;;)
    {
      gint32 key = smallest_key (keys, n_keys);
      gsize i, j;

      if (key == NO_KEY)
        break;

      /* Merge part i with the part j after it. */
      i = key & 0xff;
      j = next[i];
      out[i] = key >> 8;
      keys[j] = NO_KEY;
      next[i] = next[j];
      if (next[i] < n)
        prev[next[i]] = i;
      n_parts--;

      keys[i] = next[i] < n
                ? small_key (lookup_rank_cached (self, state, piece + i, next[next[i]] - i), i)
                : NO_KEY;
      if (i > 0)
        {
          gsize h = prev[i];

          keys[h] = small_key (lookup_rank_cached (self, state, piece + h, next[i] - h), h);
        }
    }

  /* Compact the tokens to the front of out. */
  for (gsize i = 0; i < n; i = next[i])
    out[n_out++] = out[i];

  g_assert (n_out == n_parts);

  return n_parts;
}

/* The same merges for long pieces, in O(n log n). Parts form a linked
 * list indexed by their start offset. A tournament tree over the offsets
 * holds (rank << 32 | offset) of the pair that starts at each part, so
 * its root is the pair with the lowest rank, the leftmost one on ties.
 * A merge changes three neighbouring leaves; an update stops climbing as
 * soon as a node keeps its value.
 */

#define NO_PAIR G_MAXUINT64

static inline void
tree_update (guint64 *tree,
             gsize    n_leaves,
             gsize    leaf,
             guint64  key)
{
  gsize k = n_leaves + leaf;

  tree[k] = key;
  for (k /= 2; k > 0; k /= 2)
    {
      guint64 smallest = MIN (tree[2 * k], tree[2 * k + 1]);

      if (tree[k] == smallest)
        break;
      tree[k] = smallest;
    }
}

static inline guint64
pair_key (guint32 rank,
          guint32 offset)
{
  return rank == NO_RANK ? NO_PAIR : ((guint64)rank << 32) | offset;
}

static gsize
merge_long_piece (FtTokenizer  *self,
                  ThreadState  *state,
                  const guint8 *piece,
                  gsize         n,
                  GArray       *ids)
{
  g_autofree guint32 *next = g_new (guint32, n);
  g_autofree guint32 *prev = g_new (guint32, n);
  g_autofree guint32 *token = g_new (guint32, n);
  g_autofree guint64 *tree = NULL;
  gsize n_leaves = 1;
  gsize n_parts = n;

  g_assert (n < G_MAXUINT32);

  while (n_leaves < n)
    n_leaves *= 2;
  tree = g_new (guint64, 2 * n_leaves);

  for (gsize i = 0; i < n; i++)
    {
      guint32 rank = i + 1 < n ? self->pair_ranks[piece[i] | (piece[i + 1] << 8)] : NO_RANK;

      next[i] = i + 1;
      prev[i] = i - 1;
      token[i] = self->byte_ranks[piece[i]];
      tree[n_leaves + i] = pair_key (rank, i);
    }
  for (gsize i = n; i < n_leaves; i++)
    tree[n_leaves + i] = NO_PAIR;
  for (gsize k = n_leaves - 1; k > 0; k--)
    tree[k] = MIN (tree[2 * k], tree[2 * k + 1]);

  while (tree[1] != NO_PAIR)
    {
      guint32 i = tree[1] & G_MAXUINT32;
      guint32 j = next[i];

      /* Merge part i with the part j after it. */
      token[i] = tree[1] >> 32;
      next[i] = next[j];
      if (next[i] < n)
        prev[next[i]] = i;
      n_parts--;

      tree_update (tree, n_leaves, j, NO_PAIR);
      tree_update (tree, n_leaves, i,
                   next[i] < n
                   ? pair_key (lookup_rank_cached (self, state, piece + i, next[next[i]] - i), i)
                   : NO_PAIR);
      if (i > 0)
        {
          guint32 h = prev[i];

          tree_update (tree, n_leaves, h,
                       pair_key (lookup_rank_cached (self, state, piece + h, next[i] - h), h));
        }
    }

  if (ids != NULL)
    {
      for (guint32 i = 0; i < n; i = next[i])
        g_array_append_val (ids, token[i]);
    }

  return n_parts;
}

static gsize
encode_piece (FtTokenizer  *self,
              ThreadState  *state,
              const guint8 *piece,
              gsize         n,
              GArray       *ids)
{
  guint32 tokens[SMALL_PIECE_MAX];
  gsize n_tokens;

  if (n <= CACHE_KEY_MAX)
    {
      guint64 prefix = read_prefix (piece, n);
      guint64 hash = hash_piece (piece, n, prefix);
      CacheEntry *entry = &state->cache[hash & (CACHE_SLOTS - 1)];
      guint32 tag = hash >> 32;
      guint32 rank;

      if (entry->length == n &&
          entry->tag == tag &&
          memcmp (entry->key, piece, n) == 0 &&
          (ids == NULL || entry->n_tokens <= CACHE_IDS_MAX))
        {
          state->hits++;
          if (ids != NULL)
            g_array_append_vals (ids, entry->ids, entry->n_tokens);
          return entry->n_tokens;
        }

      state->misses++;

      rank = n <= self->max_token_length
             ? lookup_rank_hashed (self, piece, n, prefix, hash)
             : NO_RANK;
      if (rank != NO_RANK)
        {
          tokens[0] = rank;
          n_tokens = 1;
        }
      else
        {
          n_tokens = merge_small_piece (self, state, piece, n, tokens);
        }

      entry->tag = tag;
      entry->length = n;
      entry->n_tokens = n_tokens;
      memcpy (entry->key, piece, n);
      memcpy (entry->ids, tokens, MIN (n_tokens, CACHE_IDS_MAX) * sizeof tokens[0]);

      if (ids != NULL)
        g_array_append_vals (ids, tokens, n_tokens);

      return n_tokens;
    }

  state->misses++;

  if (n <= self->max_token_length)
    {
      guint32 rank = lookup_rank (self, piece, n);

      if (rank != NO_RANK)
        {
          if (ids != NULL)
            g_array_append_val (ids, rank);
          return 1;
        }
    }

  if (n <= SMALL_PIECE_MAX)
    {
      n_tokens = merge_small_piece (self, state, piece, n, tokens);
      if (ids != NULL)
        g_array_append_vals (ids, tokens, n_tokens);
      return n_tokens;
    }

  return merge_long_piece (self, state, piece, n, ids);
}

/* UTF-8 handling. Input normally comes from JSON strings and is valid;
 * anything else is mapped the way Python's tiktoken would see it:
 *
 * - Each maximal ill-formed subsequence becomes U+FFFD, as Python's
 *   bytes.decode ("utf-8", "replace") does (Unicode's "substitution of
 *   maximal subparts").
 * - A surrogate code point in generalised UTF-8 (ED A0..BF 80..BF), which
 *   is what json-glib produces for a lone "\ud800" escape, becomes one
 *   U+FFFD, as Python's tiktoken turns a lone surrogate into U+FFFD; a
 *   high surrogate directly followed by a low one is the astral character
 *   they encode, as in Python after its UTF-16 round trip.
 */

static inline gboolean
is_continuation (guint8 c)
{
  return (c & 0xc0) == 0x80;
}

/* The range the second byte of a sequence led by c must fall in. */
static inline void
second_byte_range (guint8  c,
                   guint8 *lo,
                   guint8 *hi)
{
  *lo = 0x80;
  *hi = 0xbf;

  if (c == 0xe0)
    *lo = 0xa0;
  else if (c == 0xed)
    *hi = 0x9f;
  else if (c == 0xf0)
    *lo = 0x90;
  else if (c == 0xf4)
    *hi = 0x8f;
}

/* Returns the length of the well-formed sequence at p, or 0. */
static inline gsize
well_formed_length (const guint8 *p,
                    gsize         n)
{
  guint8 c = p[0];
  guint8 lo, hi;
  gsize length;

  if (c < 0x80)
    return 1;
  if (c < 0xc2 || c > 0xf4)
    return 0;

  length = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  if (n < length)
    return 0;

  second_byte_range (c, &lo, &hi);
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < length; i++)
    {
      if (!is_continuation (p[i]))
        return 0;
    }

  return length;
}

/* The length of the maximal ill-formed subsequence at p. */
static gsize
ill_formed_length (const guint8 *p,
                   gsize         n)
{
  guint8 c = p[0];
  guint8 lo, hi;
  gsize expected;
  gsize i = 1;

  if (c < 0xc2 || c > 0xf4)
    return 1;

  expected = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  second_byte_range (c, &lo, &hi);

  if (n > 1 && p[1] >= lo && p[1] <= hi)
    {
      i = 2;
      while (i < expected && i < n && is_continuation (p[i]))
        i++;
    }

  return i;
}

/* Returns the surrogate encoded at p in generalised UTF-8, or 0. */
static inline gunichar
surrogate_at (const guint8 *p,
              gsize         n)
{
  if (n >= 3 && p[0] == 0xed && p[1] >= 0xa0 && p[1] <= 0xbf && is_continuation (p[2]))
    return 0xd000 | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);

  return 0;
}

static gsize
find_ill_formed (const guint8 *p,
                 gsize         n)
{
  gsize i = 0;

  while (i < n)
    {
      gsize length;

      if (n - i >= 8 && (load64 (p + i) & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
        {
          i += 8;
          continue;
        }

      length = well_formed_length (p + i, n - i);
      if (length == 0)
        return i;
      i += length;
    }

  return n;
}

static void
append_replacement (GByteArray *out)
{
  static const guint8 replacement[] = { 0xef, 0xbf, 0xbd };

  g_byte_array_append (out, replacement, sizeof replacement);
}

/* Returns text itself when it is well-formed, else a cleaned copy in the
 * thread's buffer; *n is updated to the copy's length.
 */
static const guint8 *
sanitize_text (ThreadState  *state,
               const guint8 *text,
               gsize        *n)
{
  GByteArray *out = state->clean;
  gsize size = *n;
  gsize i = find_ill_formed (text, size);

  if (i == size)
    return text;

  g_byte_array_set_size (out, 0);
  g_byte_array_append (out, text, i);

  while (i < size)
    {
      gsize length = well_formed_length (text + i, size - i);
      gunichar high;

      if (length > 0)
        {
          gsize run = find_ill_formed (text + i, size - i);

          g_byte_array_append (out, text + i, run);
          i += run;
          continue;
        }

      high = surrogate_at (text + i, size - i);
      if (high != 0)
        {
          gunichar low = high < 0xdc00 ? surrogate_at (text + i + 3, size - i - 3) : 0;

          if (low >= 0xdc00)
            {
              guint8 utf8[6];
              gunichar c = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
              int utf8_length = g_unichar_to_utf8 (c, (char *)utf8);

              g_byte_array_append (out, utf8, utf8_length);
              i += 6;
            }
          else
            {
              append_replacement (out);
              i += 3;
            }
          continue;
        }

      append_replacement (out);
      i += ill_formed_length (text + i, size - i);
    }

  *n = out->len;
  return out->data;
}

static ThreadState *
get_thread_state (FtTokenizer *self)
{
  GPrivate *key = &thread_states[self->encoding];
  ThreadState *state = g_private_get (key);

  if G_LIKELY (state != NULL)
    return state;

  /* Its own cache lines: the counters change on every piece. */
  state = g_aligned_alloc0 (1, sizeof (ThreadState), 64);
  state->tokenizer = self;
  state->lookups = g_new0 (LookupEntry, LOOKUP_CACHE_SLOTS);
  state->match_data = pcre2_match_data_create_from_pattern (self->code, NULL);
  state->match_context = pcre2_match_context_create (NULL);
  state->jit_stack = pcre2_jit_stack_create (32 * 1024, 8 * 1024 * 1024, NULL);
  state->cache = g_aligned_alloc0 (CACHE_SLOTS, sizeof (CacheEntry), 64);
  state->clean = g_byte_array_new ();

  if (state->match_data == NULL || state->match_context == NULL || state->jit_stack == NULL)
    g_error ("Could not allocate the PCRE2 match state");

  pcre2_jit_stack_assign (state->match_context, NULL, state->jit_stack);

  g_private_set (key, state);

  return state;
}

static void
thread_state_free (gpointer data)
{
  ThreadState *state = data;
  FtTokenizer *self = state->tokenizer;

  g_mutex_lock (&self->stats_lock);
  self->exited_hits += state->hits;
  self->exited_misses += state->misses;
  g_mutex_unlock (&self->stats_lock);

  pcre2_match_data_free (state->match_data);
  pcre2_match_context_free (state->match_context);
  pcre2_jit_stack_free (state->jit_stack);
  g_aligned_free (state->cache);
  g_free (state->lookups);
  g_byte_array_unref (state->clean);
  g_aligned_free (state);
}

static gsize
utf8_char_length (const guint8 *p,
                  gsize         n)
{
  gsize length = 1;

  while (length < n && is_continuation (p[length]))
    length++;

  return length;
}

/* An exact shortcut for the most common pieces of ASCII text.
 *
 * For a piece that starts with an ASCII byte, match_ascii() works out
 * what the encoding's pattern would match by following the pattern's
 * alternatives by hand. Whenever the outcome could depend on a non-ASCII
 * character (a letter, a mark, a digit or a space outside ASCII, or "ſ"
 * after an apostrophe, which (?i) matches as "s"), it gives up and returns
 * 0, and PCRE2 matches that piece. The test compares both paths on
 * random text.
 */

enum
{
  ASCII_OTHER,      /* punctuation, symbols, control characters */
  ASCII_APOSTROPHE,
  ASCII_UPPER,
  ASCII_LOWER,
  ASCII_DIGIT,
  ASCII_SPACE,      /* \t \x0B \f and space */
  ASCII_NEWLINE,    /* \r \n */
};

static const guint8 ascii_classes[128] = {
  ['\t'] = ASCII_SPACE, ['\n'] = ASCII_NEWLINE, ['\x0b'] = ASCII_SPACE,
  ['\f'] = ASCII_SPACE, ['\r'] = ASCII_NEWLINE, [' '] = ASCII_SPACE,
  ['\''] = ASCII_APOSTROPHE,
  ['0' ... '9'] = ASCII_DIGIT,
  ['A' ... 'Z'] = ASCII_UPPER,
  ['a' ... 'z'] = ASCII_LOWER,
};

/* The class of s[i], or -1 past the end, or 128 for a non-ASCII byte. */
static inline int
class_at (const guint8 *s,
          gsize         size,
          gsize         i)
{
  if (i >= size)
    return -1;
  if (s[i] >= 0x80)
    return 128;
  return ascii_classes[s[i]];
}

static inline gboolean
is_letter_class (int c)
{
  return c == ASCII_UPPER || c == ASCII_LOWER;
}

static inline gboolean
is_space_class (int c)
{
  return c == ASCII_SPACE || c == ASCII_NEWLINE;
}

/* The length of (?i:'s|'t|'re|'ve|'m|'ll|'d) at i: 0 if none matches,
 * -1 if a non-ASCII character decides.
 */
static inline gssize
contraction_length (const guint8 *s,
                    gsize         size,
                    gsize         i)
{
  guint8 c1, c2;

  if (i + 1 >= size || s[i] != '\'')
    return 0;
  if (s[i + 1] >= 0x80)
    return -1;

  c1 = g_ascii_tolower (s[i + 1]);
  if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd')
    return 2;

  if (i + 2 >= size)
    return 0;
  c2 = g_ascii_tolower (s[i + 2]);
  if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l'))
    return 3;

  return 0;
}

/* Letters from i, which is an ASCII letter: cl100k's \p{L}+. */
static inline gsize
match_letters_cl100k (const guint8 *s,
                      gsize         size,
                      gsize         i)
{
  int c;

  while (is_letter_class (c = class_at (s, size, i)))
    i++;

  return c == 128 ? 0 : i;
}

/* Letters from i, which is an ASCII letter: o200k's
 * [Lu Lt Lm Lo M]*[Ll Lm Lo M]+ or [Lu Lt Lm Lo M]+[Ll Lm Lo M]*, then
 * an optional contraction.
 */
static inline gsize
match_letters_o200k (const guint8 *s,
                     gsize         size,
                     gsize         i)
{
  gssize contraction;
  int c;

  while ((c = class_at (s, size, i)) == ASCII_UPPER)
    i++;
  if (c == 128)
    return 0;
  while ((c = class_at (s, size, i)) == ASCII_LOWER)
    i++;
  if (c == 128)
    return 0;

  contraction = contraction_length (s, size, i);
  if (contraction < 0)
    return 0;

  return i + contraction;
}

/* [^\s\p{L}\p{N}]+ from i, which is ASCII punctuation, then [\r\n]*
 * (cl100k) or [\r\n/]* (o200k).
 */
static inline gsize
match_punctuation (const guint8 *s,
                   gsize         size,
                   gsize         i,
                   gboolean      slash)
{
  int c;

  while ((c = class_at (s, size, i)) == ASCII_OTHER || c == ASCII_APOSTROPHE)
    i++;
  if (c == 128)
    return 0;

  while (i < size && (s[i] == '\r' || s[i] == '\n' || (slash && s[i] == '/')))
    i++;

  return i;
}

/* Whitespace from i: \s*[\r\n]+ | \s+(?!\S) | \s+ */
static inline gsize
match_whitespace (const guint8 *s,
                  gsize         size,
                  gsize         i)
{
  gsize start = i;
  gsize newline_end = 0;
  int c;

  while (is_space_class (c = class_at (s, size, i)))
    {
      if (c == ASCII_NEWLINE)
        newline_end = i + 1;
      i++;
    }
  if (c == 128)
    return 0;

  if (newline_end != 0)
    return newline_end;
  if (i == size)
    return i;
  if (i - start >= 2)
    return i - 1;

  return start + 1;
}

static inline gsize
match_ascii (FtEncoding    encoding,
             const guint8 *s,
             gsize         size,
             gsize         i)
{
  gboolean o200k = encoding == FT_ENCODING_O200K_BASE;
  int c = class_at (s, size, i);
  int next;

  switch (c)
    {
    case ASCII_UPPER:
    case ASCII_LOWER:
      return o200k ? match_letters_o200k (s, size, i) : match_letters_cl100k (s, size, i);

    case ASCII_DIGIT:
      /* \p{N}{1,3} */
      for (gsize end = i + 1; end < i + 3; end++)
        {
          next = class_at (s, size, end);
          if (next == 128)
            return 0;
          if (next != ASCII_DIGIT)
            return end;
        }
      return i + 3;

    case ASCII_NEWLINE:
      return match_whitespace (s, size, i);

    case ASCII_APOSTROPHE:
    case ASCII_OTHER:
    case ASCII_SPACE:
      if (c == ASCII_APOSTROPHE && !o200k)
        {
          gssize contraction = contraction_length (s, size, i);

          if (contraction < 0)
            return 0;
          if (contraction > 0)
            return i + contraction;
        }

      /* [^\r\n\p{L}\p{N}] followed by letters. */
      next = class_at (s, size, i + 1);
      if (next == 128)
        return 0;
      if (is_letter_class (next))
        return o200k ? match_letters_o200k (s, size, i + 1) : match_letters_cl100k (s, size, i + 1);

      if (c != ASCII_SPACE)
        return match_punctuation (s, size, i, o200k);
      if (s[i] == ' ' && (next == ASCII_OTHER || next == ASCII_APOSTROPHE))
        return match_punctuation (s, size, i + 1, o200k);
      return match_whitespace (s, size, i);

    default:
      return 0;
    }
}

/* Finds the end of the piece that starts at offset. */
static gsize
next_piece (FtTokenizer  *self,
            ThreadState  *state,
            const guint8 *subject,
            gsize         size,
            gsize         offset,
            gboolean      fast)
{
  PCRE2_SIZE *ovector;
  gsize end;
  int rc;

  if (fast && (end = match_ascii (self->encoding, subject, size, offset)) != 0)
    return end;

  if (self->jit)
    rc = pcre2_jit_match (self->code, subject, size, offset, 0,
                          state->match_data, state->match_context);
  else
    rc = pcre2_match (self->code, subject, size, offset, PCRE2_NO_UTF_CHECK,
                      state->match_data, state->match_context);

  if G_UNLIKELY (rc <= 0)
    {
      /* The patterns match every character, so this means PCRE2 ran out
       * of resources. Go on one character at a time rather than stop; the
       * count is then no longer exact.
       */
      g_warning ("Pre-tokenising failed at byte %" G_GSIZE_FORMAT " (PCRE2 error %d)",
                 offset, rc);
      return offset + utf8_char_length (subject + offset, size - offset);
    }

  ovector = pcre2_get_ovector_pointer (state->match_data);

  /* Neither can happen with these patterns: a match that skips text, and
   * an empty match. Count every byte and keep the loop moving anyway.
   */
  if G_UNLIKELY (ovector[0] != offset)
    return ovector[0] > offset
           ? ovector[0]
           : offset + utf8_char_length (subject + offset, size - offset);
  if G_UNLIKELY (ovector[1] <= offset)
    return offset + utf8_char_length (subject + offset, size - offset);

  return ovector[1];
}

static void
release_clean_buffer (ThreadState *state)
{
  if (state->clean->len > CLEAN_BUFFER_KEEP)
    {
      g_byte_array_unref (state->clean);
      state->clean = g_byte_array_new ();
    }
}

/* With @valid, the caller vouches that @text is valid UTF-8, and it is
 * not scanned for ill-formed sequences.
 */
static gsize
tokenize (FtTokenizer *self,
          const char  *text,
          gssize       length,
          gboolean     fast,
          gboolean     valid,
          GArray      *ids)
{
  ThreadState *state;
  const guint8 *subject;
  gsize size;
  gsize offset = 0;
  gsize total = 0;

  if (text == NULL || length == 0)
    return 0;

  state = get_thread_state (self);
  size = length < 0 ? strlen (text) : (gsize)length;
  if (valid)
    subject = (const guint8 *)text;
  else
    subject = sanitize_text (state, (const guint8 *)text, &size);

  while (offset < size)
    {
      gsize end = next_piece (self, state, subject, size, offset, fast);

      total += encode_piece (self, state, subject + offset, end - offset, ids);
      offset = end;
    }

  release_clean_buffer (state);

  return total;
}

/**
 * _ft_tokenizer_split:
 * @self: a #FtTokenizer
 * @text: UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 * @fast: whether to use the ASCII shortcut or PCRE2 alone
 *
 * Pre-tokenises @text, for tests.
 *
 * Returns: (transfer full): the pieces, as strings (after the UTF-8
 *   clean-up of ft_tokenizer_count())
 */
GPtrArray *
_ft_tokenizer_split (FtTokenizer *self,
                     const char  *text,
                     gssize       length,
                     gboolean     fast)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  ThreadState *state;
  const guint8 *subject;
  gsize size;
  gsize offset = 0;

  g_return_val_if_fail (FT_IS_TOKENIZER (self), pieces);

  if (text == NULL || length == 0)
    return pieces;

  state = get_thread_state (self);
  size = length < 0 ? strlen (text) : (gsize)length;
  subject = sanitize_text (state, (const guint8 *)text, &size);

  while (offset < size)
    {
      gsize end = next_piece (self, state, subject, size, offset, fast);

      g_ptr_array_add (pieces, g_strndup ((const char *)subject + offset, end - offset));
      offset = end;
    }

  release_clean_buffer (state);

  return pieces;
}

/**
 * _ft_tokenizer_encode_reference:
 * @self: a #FtTokenizer
 * @text: UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Encodes @text with PCRE2 alone, without the ASCII shortcut, for tests.
 *
 * Returns: (transfer full) (element-type guint32): the token ids
 */
GArray *
_ft_tokenizer_encode_reference (FtTokenizer *self,
                                const char  *text,
                                gssize       length)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_return_val_if_fail (FT_IS_TOKENIZER (self), ids);

  tokenize (self, text, length, FALSE, FALSE, ids);

  return ids;
}

/* Loading */

static const guint8 base64_values[256] = {
  ['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7,
  ['H'] = 8, ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13,
  ['N'] = 14, ['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18, ['S'] = 19,
  ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24, ['Y'] = 25,
  ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29, ['d'] = 30, ['e'] = 31,
  ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36, ['k'] = 37,
  ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42, ['q'] = 43,
  ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48, ['w'] = 49,
  ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55,
  ['3'] = 56, ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61,
  ['9'] = 62, ['+'] = 63, ['/'] = 64,
};

/* Decodes standard base64 with padding from p up to the first space;
 * returns the number of bytes written to out, or -1.
 */
static gssize
decode_base64 (const guint8  *p,
               const guint8  *end,
               const guint8 **stop,
               guint8        *out)
{
  gssize written = 0;

  for (;;)
    {
      guint32 v[4];
      int n_pad = 0;

      if (p < end && *p == ' ')
        break;
      if (end - p < 4)
        return -1;

      for (int k = 0; k < 4; k++)
        {
          if (p[k] == '=' && k >= 2)
            {
              v[k] = 0;
              n_pad++;
            }
          else if (n_pad > 0 || base64_values[p[k]] == 0)
            {
              return -1;
            }
          else
            {
              v[k] = base64_values[p[k]] - 1;
            }
        }

      out[written++] = (v[0] << 2) | (v[1] >> 4);
      if (n_pad < 2)
        out[written++] = ((v[1] & 0xf) << 4) | (v[2] >> 2);
      if (n_pad < 1)
        out[written++] = ((v[2] & 0x3) << 6) | v[3];
      p += 4;

      if (n_pad > 0)
        {
          if (p >= end || *p != ' ')
            return -1;
          break;
        }
    }

  *stop = p;
  return written;
}

static gboolean
set_data_error (GError     **error,
                const char  *name,
                guint        line)
{
  g_set_error (error, FT_TOKENIZER_ERROR, FT_TOKENIZER_ERROR_DATA,
               _("The built-in %s token ranks are damaged at line %u"),
               name, line);
  return FALSE;
}

static gboolean
parse_ranks (FtTokenizer   *self,
             const guint8  *data,
             gsize          size,
             GError       **error)
{
  const EncodingInfo *info = &encodings[self->encoding];
  const guint8 *p = data;
  const guint8 *end = data + size;
  guint32 capacity = 1024;
  guint32 written = 0;
  guint n = 0;

  while (capacity < info->n_ranks * 2)
    capacity *= 2;

  self->token_bytes = g_malloc (size);
  self->token_offsets = g_new (guint32, info->n_ranks + 1);
  self->slots = g_new (RankSlot, capacity);
  self->slot_mask = capacity - 1;
  memset (self->slots, 0xff, capacity * sizeof self->slots[0]);
  self->pair_ranks = g_new (guint32, 65536);
  memset (self->pair_ranks, 0xff, 65536 * sizeof self->pair_ranks[0]);
  for (guint i = 0; i < G_N_ELEMENTS (self->byte_ranks); i++)
    self->byte_ranks[i] = NO_RANK;

  while (p < end)
    {
      guint8 *token = self->token_bytes + written;
      gssize length;
      guint64 rank = 0;
      guint64 prefix;
      guint64 hash;
      guint32 i;

      if (n >= info->n_ranks)
        return set_data_error (error, info->name, n + 1);

      length = decode_base64 (p, end, &p, token);
      if (length <= 0 || p >= end || *p != ' ')
        return set_data_error (error, info->name, n + 1);

      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return set_data_error (error, info->name, n + 1);
      while (p < end && g_ascii_isdigit (*p) && rank <= G_MAXUINT32)
        rank = rank * 10 + (*p++ - '0');
      if (p >= end || *p != '\n' || rank != n || rank >= (1 << 23))
        return set_data_error (error, info->name, n + 1);
      p++;

      if (length > 255 || written >= (1 << 24))
        return set_data_error (error, info->name, n + 1);

      prefix = read_prefix (token, length);
      hash = hash_piece (token, length, prefix);
      for (i = hash & self->slot_mask;
           self->slots[i].rank != NO_RANK;
           i = (i + 1) & self->slot_mask)
        {
          const RankSlot *slot = &self->slots[i];

          /* The same bytes twice. */
          if (slot->prefix == prefix &&
              (slot->packed & 0xff) == (guint32)length &&
              memcmp (self->token_bytes + (slot->packed >> 8), token, length) == 0)
            return set_data_error (error, info->name, n + 1);
        }

      self->slots[i].prefix = prefix;
      self->slots[i].rank = n;
      self->slots[i].packed = (written << 8) | length;
      self->token_offsets[n] = written;
      self->max_token_length = MAX (self->max_token_length, (guint)length);
      if (length == 1)
        self->byte_ranks[token[0]] = n;
      else if (length == 2)
        self->pair_ranks[token[0] | (token[1] << 8)] = n;

      written += length;
      n++;
    }

  if (n != info->n_ranks)
    return set_data_error (error, info->name, n + 1);

  /* Every byte must have a rank, or some text could not be encoded. */
  for (guint i = 0; i < G_N_ELEMENTS (self->byte_ranks); i++)
    {
      if (self->byte_ranks[i] == NO_RANK)
        return set_data_error (error, info->name, n);
    }

  self->token_offsets[n] = written;
  self->n_tokens = n;
  self->token_bytes = g_realloc (self->token_bytes, MAX (written, 1));

  return TRUE;
}

static gboolean
compile_pattern (FtTokenizer  *self,
                 GError      **error)
{
  const EncodingInfo *info = &encodings[self->encoding];
  PCRE2_SIZE error_offset;
  int error_code;
  int rc;

  self->code = pcre2_compile ((PCRE2_SPTR)info->pattern,
                              PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP,
                              &error_code,
                              &error_offset,
                              NULL);
  if (self->code == NULL)
    {
      PCRE2_UCHAR message[256];

      pcre2_get_error_message (error_code, message, sizeof message);
      g_set_error (error, FT_TOKENIZER_ERROR, FT_TOKENIZER_ERROR_PATTERN,
                   _("The %s pre-tokenisation pattern does not compile at offset %u: %s"),
                   info->name, (guint)error_offset, (const char *)message);
      return FALSE;
    }

  /* Without JIT (e.g. where executable memory is forbidden) the
   * interpreter gives the same results, only slower.
   */
  rc = pcre2_jit_compile (self->code, PCRE2_JIT_COMPLETE);
  self->jit = rc == 0;
  if (!self->jit)
    g_debug ("PCRE2 JIT is not available (%d); using the interpreter", rc);

  return TRUE;
}

static FtTokenizer *
ft_tokenizer_load (FtEncoding   encoding,
                   GError     **error)
{
  g_autoptr(FtTokenizer) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const EncodingInfo *info = &encodings[encoding];
  GResource *resource;
  gint64 begin = g_get_monotonic_time ();
  gsize size;
  const guint8 *data;

  resource = ft_resource_get_registered (_ft_tokenizer_ranks_get_resource);
  bytes = g_resource_lookup_data (resource, info->resource_path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  error);
  if (bytes == NULL)
    return NULL;

  self = g_object_new (FT_TYPE_TOKENIZER, NULL);
  self->encoding = encoding;

  data = g_bytes_get_data (bytes, &size);
  if (!parse_ranks (self, data, size, error))
    return NULL;

  if (!compile_pattern (self, error))
    return NULL;

  g_debug ("Loaded %s (%u tokens) in %.1f ms",
           info->name, self->n_tokens,
           (g_get_monotonic_time () - begin) / 1000.0);

  return g_steal_pointer (&self);
}

static void
ft_tokenizer_finalize (GObject *object)
{
  FtTokenizer *self = (FtTokenizer *)object;

  g_clear_pointer (&self->code, pcre2_code_free);
  g_clear_pointer (&self->slots, g_free);
  g_clear_pointer (&self->pair_ranks, g_free);
  g_clear_pointer (&self->token_offsets, g_free);
  g_clear_pointer (&self->token_bytes, g_free);
  g_mutex_clear (&self->stats_lock);

  G_OBJECT_CLASS (ft_tokenizer_parent_class)->finalize (object);
}

static void
ft_tokenizer_class_init (FtTokenizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_tokenizer_finalize;
}

static void
ft_tokenizer_init (FtTokenizer *self)
{
  g_mutex_init (&self->stats_lock);
}

/**
 * ft_encoding_to_string:
 * @encoding: an encoding
 *
 * Returns: tiktoken's name for @encoding, such as "cl100k_base"
 */
const char *
ft_encoding_to_string (FtEncoding encoding)
{
  g_return_val_if_fail (encoding < N_ENCODINGS, NULL);

  return encodings[encoding].name;
}

/**
 * ft_encoding_from_string:
 * @name: an encoding name, such as "o200k_base"
 * @encoding: (out): where to store the encoding
 *
 * Returns: %TRUE if @name is a known encoding
 */
gboolean
ft_encoding_from_string (const char *name,
                         FtEncoding *encoding)
{
  g_return_val_if_fail (encoding != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < N_ENCODINGS; i++)
    {
      if (strcmp (name, encodings[i].name) == 0)
        {
          *encoding = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
lookup_model_name (const char *name,
                   gsize       length,
                   FtEncoding *encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_names); i++)
    {
      if (strlen (model_names[i].name) == length &&
          memcmp (name, model_names[i].name, length) == 0)
        {
          *encoding = model_names[i].encoding;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (model_prefixes); i++)
    {
      gsize prefix_length = strlen (model_prefixes[i].name);

      if (prefix_length <= length &&
          memcmp (name, model_prefixes[i].name, prefix_length) == 0)
        {
          *encoding = model_prefixes[i].encoding;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ft_encoding_lookup_model:
 * @model: (nullable): a model name, such as "gpt-4o-mini" or
 *   "ft:gpt-4o-2024-08-06:my-org::9tlRxeVX"
 * @encoding: (out): where to store the encoding
 *
 * Looks up the encoding of @model as tiktoken 0.14 does: the exact name
 * first, then known prefixes in order. A fine-tuned model
 * ("ft:<base>:<org>:…") uses the encoding of its base model; tiktoken's
 * own "ft:" prefixes, which would give cl100k_base for "ft:gpt-4.1-…",
 * apply only when the base is unknown.
 *
 * Returns: %TRUE if the model is known
 */
gboolean
ft_encoding_lookup_model (const char *model,
                          FtEncoding *encoding)
{
  g_return_val_if_fail (encoding != NULL, FALSE);

  if (model == NULL)
    return FALSE;

  if (g_str_has_prefix (model, "ft:"))
    {
      const char *base = model + strlen ("ft:");
      const char *colon = strchr (base, ':');
      gsize length = colon != NULL ? (gsize)(colon - base) : strlen (base);

      if (length > 0 && lookup_model_name (base, length, encoding))
        return TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (fine_tuned_prefixes); i++)
        {
          if (g_str_has_prefix (model, fine_tuned_prefixes[i].name))
            {
              *encoding = fine_tuned_prefixes[i].encoding;
              return TRUE;
            }
        }

      return FALSE;
    }

  return lookup_model_name (model, strlen (model), encoding);
}

/**
 * ft_encoding_for_model:
 * @model: (nullable): a model name
 * @fallback: the encoding to use for unknown models
 *
 * Returns: the encoding of @model, or @fallback if the model is unknown
 */
FtEncoding
ft_encoding_for_model (const char *model,
                       FtEncoding  fallback)
{
  FtEncoding encoding;

  if (ft_encoding_lookup_model (model, &encoding))
    return encoding;

  return fallback;
}

/**
 * ft_tokenizer_get:
 * @encoding: an encoding
 * @error: return location for a #GError
 *
 * Returns the process-wide tokenizer for @encoding, loading it on first
 * use. Loading takes a few tens of milliseconds and blocks, so call this
 * from a worker thread or the CLI; the UI uses ft_tokenizer_get_async().
 * Safe to call from any thread.
 *
 * Returns: (transfer full): the tokenizer, or %NULL with @error set if
 *   the built-in data is damaged
 */
FtTokenizer *
ft_tokenizer_get (FtEncoding   encoding,
                  GError     **error)
{
  FtTokenizer *self;

  g_return_val_if_fail (encoding < N_ENCODINGS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_atomic_pointer_get (&shared_tokenizers[encoding]);
  if G_LIKELY (self != NULL)
    return g_object_ref (self);

  g_mutex_lock (&shared_locks[encoding]);
  self = shared_tokenizers[encoding];
  if (self == NULL)
    {
      self = ft_tokenizer_load (encoding, error);
      if (self != NULL)
        g_atomic_pointer_set (&shared_tokenizers[encoding], self);
    }
  g_mutex_unlock (&shared_locks[encoding]);

  return self != NULL ? g_object_ref (self) : NULL;
}

static void
get_tokenizer_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FtEncoding encoding = GPOINTER_TO_UINT (task_data);
  g_autoptr(GError) error = NULL;
  FtTokenizer *self;

  self = ft_tokenizer_get (encoding, &error);
  if (self == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/**
 * ft_tokenizer_get_async:
 * @encoding: an encoding
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the tokenizer is ready
 * @user_data: data for @callback
 *
 * Gets the tokenizer for @encoding like ft_tokenizer_get(), loading it in
 * a worker thread if needed.
 */
void
ft_tokenizer_get_async (FtEncoding           encoding,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FtTokenizer *self;

  g_return_if_fail (encoding < N_ENCODINGS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_tokenizer_get_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (encoding), NULL);
  g_task_set_return_on_cancel (task, TRUE);

  self = g_atomic_pointer_get (&shared_tokenizers[encoding]);
  if (self != NULL)
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  else
    g_task_run_in_thread (task, get_tokenizer_worker);
}

/**
 * ft_tokenizer_get_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the tokenizer, or %NULL with @error set
 */
FtTokenizer *
ft_tokenizer_get_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ft_tokenizer_get_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ft_tokenizer_get_encoding:
 * @self: a #FtTokenizer
 *
 * Returns: the encoding @self implements
 */
FtEncoding
ft_tokenizer_get_encoding (FtTokenizer *self)
{
  g_return_val_if_fail (FT_IS_TOKENIZER (self), FT_ENCODING_CL100K_BASE);

  return self->encoding;
}

/**
 * ft_tokenizer_get_n_tokens:
 * @self: a #FtTokenizer
 *
 * Returns: the number of ordinary (mergeable) tokens; their ids are
 *   0 to n - 1
 */
guint
ft_tokenizer_get_n_tokens (FtTokenizer *self)
{
  g_return_val_if_fail (FT_IS_TOKENIZER (self), 0);

  return self->n_tokens;
}

/**
 * ft_tokenizer_get_token_bytes:
 * @self: a #FtTokenizer
 * @id: a token id
 * @length: (out): the length of the token in bytes
 *
 * Returns the bytes of an ordinary token, which need not be valid UTF-8
 * on their own (a token may hold part of a character).
 *
 * Returns: (transfer none) (nullable): the bytes, not NUL-terminated, or
 *   %NULL if @id is not an ordinary token
 */
const guint8 *
ft_tokenizer_get_token_bytes (FtTokenizer *self,
                              guint32      id,
                              gsize       *length)
{
  g_return_val_if_fail (FT_IS_TOKENIZER (self), NULL);
  g_return_val_if_fail (length != NULL, NULL);

  if (id >= self->n_tokens)
    {
      *length = 0;
      return NULL;
    }

  *length = self->token_offsets[id + 1] - self->token_offsets[id];
  return self->token_bytes + self->token_offsets[id];
}

/**
 * ft_tokenizer_count:
 * @self: a #FtTokenizer
 * @text: (nullable): UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Counts the tokens of @text as tiktoken's encode_ordinary() would:
 * special-token text counts as ordinary text. Ill-formed UTF-8 counts as
 * U+FFFD (see the comment at sanitize_text()). Thread-safe and lock-free.
 *
 * Returns: the number of tokens
 */
gsize
ft_tokenizer_count (FtTokenizer *self,
                    const char  *text,
                    gssize       length)
{
  g_return_val_if_fail (FT_IS_TOKENIZER (self), 0);

  return tokenize (self, text, length, TRUE, FALSE, NULL);
}

/**
 * ft_tokenizer_count_valid:
 * @self: a #FtTokenizer
 * @text: (nullable): text the caller knows to be valid UTF-8, such as a
 *   string json-glib parsed from text that was checked
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Counts like ft_tokenizer_count(), without checking @text for ill-formed
 * UTF-8 first, which that does for every text. The count is the same for
 * valid text; text that is not valid UTF-8 must not be given (PCRE2 reads
 * it unchecked).
 *
 * Returns: the number of tokens
 */
gsize
ft_tokenizer_count_valid (FtTokenizer *self,
                          const char  *text,
                          gssize       length)
{
  g_return_val_if_fail (FT_IS_TOKENIZER (self), 0);

  return tokenize (self, text, length, TRUE, TRUE, NULL);
}

/**
 * ft_tokenizer_encode:
 * @self: a #FtTokenizer
 * @text: (nullable): UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Encodes @text like ft_tokenizer_count() counts it.
 *
 * Returns: (transfer full) (element-type guint32): the token ids
 */
GArray *
ft_tokenizer_encode (FtTokenizer *self,
                     const char  *text,
                     gssize       length)
{
  GArray *ids;

  g_return_val_if_fail (FT_IS_TOKENIZER (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  tokenize (self, text, length, TRUE, FALSE, ids);

  return ids;
}

/**
 * ft_tokenizer_find_special_token:
 * @self: a #FtTokenizer
 * @text: (nullable): UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Finds the first special-token literal of the encoding in @text, such as
 * "<|endoftext|>". tiktoken's encode() raises on such text (the cookbook
 * notebook would stop), while ft_tokenizer_count() counts it as ordinary
 * text, so checks warn about it.
 *
 * Returns: (transfer none) (nullable): the literal found first, or %NULL
 */
const char *
ft_tokenizer_find_special_token (FtTokenizer *self,
                                 const char  *text,
                                 gssize       length)
{
  const char * const *special_tokens;
  const char *p;
  const char *end;

  g_return_val_if_fail (FT_IS_TOKENIZER (self), NULL);

  if (text == NULL)
    return NULL;

  special_tokens = encodings[self->encoding].special_tokens;
  p = text;
  end = text + (length < 0 ? strlen (text) : (gsize)length);

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      if (end - p > 1 && p[1] == '|')
        {
          for (guint i = 0; special_tokens[i] != NULL; i++)
            {
              gsize n = strlen (special_tokens[i]);

              if ((gsize)(end - p) >= n && memcmp (p, special_tokens[i], n) == 0)
                return special_tokens[i];
            }
        }
      p++;
    }

  return NULL;
}

/**
 * ft_tokenizer_get_cache_stats:
 * @self: a #FtTokenizer
 * @hits: (out) (optional): pieces found in the per-thread caches
 * @misses: (out) (optional): pieces that had to be looked up or merged
 *
 * Reports how well the piece caches work, for benchmarks: the totals of
 * the threads that have exited, plus the calling thread's own.
 */
void
ft_tokenizer_get_cache_stats (FtTokenizer *self,
                              guint64     *hits,
                              guint64     *misses)
{
  ThreadState *state;
  guint64 total_hits;
  guint64 total_misses;

  g_return_if_fail (FT_IS_TOKENIZER (self));

  g_mutex_lock (&self->stats_lock);
  total_hits = self->exited_hits;
  total_misses = self->exited_misses;
  g_mutex_unlock (&self->stats_lock);

  state = g_private_get (&thread_states[self->encoding]);
  if (state != NULL && state->tokenizer == self)
    {
      total_hits += state->hits;
      total_misses += state->misses;
    }

  if (hits != NULL)
    *hits = total_hits;
  if (misses != NULL)
    *misses = total_misses;
}
