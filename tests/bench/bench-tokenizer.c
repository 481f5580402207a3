/* bench-tokenizer.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-tokenizer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Measures FtTokenizer: load time per encoding, then counting speed on one
 * thread and on two, on a deterministic generated corpus of chat-like
 * messages (English prose, code, other European languages, CJK, emoji,
 * numbers). Prints numbers; asserts nothing about time.
 *
 * Usage: bench-tokenizer [MEGABYTES]   (default 4)
 */

#define N_PASSES 5

/* The kinds of text in a message, and how often each comes up (%). */
typedef enum
{
  KIND_ENGLISH,
  KIND_CODE,
  KIND_EUROPEAN,
  KIND_CJK,
  KIND_NUMBERS,
  KIND_EMOJI,
  N_KINDS,
  KIND_MIXED = N_KINDS,
} Kind;

static const struct {
  const char *name;
  int         percent;
} kinds[N_KINDS] = {
  { "English", 50 },
  { "code", 15 },
  { "European", 10 },
  { "CJK", 10 },
  { "numbers", 10 },
  { "emoji", 5 },
};

static const char * const english_words[] = {
  "the", "of", "and", "to", "a", "in", "is", "you", "that", "it", "he", "was",
  "for", "on", "are", "as", "with", "his", "they", "I", "at", "be", "this",
  "have", "from", "or", "one", "had", "by", "word", "but", "not", "what",
  "all", "were", "we", "when", "your", "can", "said", "there", "use", "an",
  "each", "which", "she", "do", "how", "their", "if", "will", "up", "other",
  "about", "out", "many", "then", "them", "these", "so", "some", "her",
  "would", "make", "like", "him", "into", "time", "has", "look", "two",
  "more", "write", "go", "see", "number", "no", "way", "could", "people",
  "my", "than", "first", "water", "been", "call", "who", "oil", "its", "now",
  "find", "long", "down", "day", "did", "get", "come", "made", "may", "part",
  "customer", "refund", "order", "account", "password", "subscription",
  "invoice", "delivery", "assistant", "please", "thanks", "question",
  "answer", "example", "model", "training", "dataset", "fine-tuning",
  "summarize", "translate", "explain", "policy", "shipping", "warranty",
  "don't", "can't", "I'm", "you're", "we've", "it's", "they'll", "I'd",
  "Unfortunately", "However", "Therefore", "Additionally", "Sincerely",
};

static const char * const european_words[] = {
  "Grüße", "Straße", "Überweisung", "Rückerstattung", "bitte", "danke",
  "schön", "déjà", "élève", "français", "garçon", "où", "très", "naïve",
  "señor", "mañana", "año", "información", "también", "pequeño",
  "Привет", "спасибо", "пожалуйста", "заказ", "доставка", "вопрос",
  "Καλημέρα", "ευχαριστώ", "παραγγελία", "Dziękuję", "zamówienie",
  "Ελλάδα", "İstanbul", "ğüşıöç", "Đặt", "hàng", "cảm", "ơn",
};

static const char * const cjk_phrases[] = {
  "你好", "谢谢", "请问", "订单", "退款", "我们", "客户", "服务", "时间",
  "今天", "明天", "问题", "可以", "帮助", "发货", "地址", "电话", "账户",
  "こんにちは", "ありがとう", "注文", "返金", "お願いします", "確認", "配送",
  "안녕하세요", "감사합니다", "주문", "환불", "배송", "확인",
};

static const char * const emoji[] = {
  "😀", "😂", "👍", "🙏", "🎉", "❤️", "🔥", "✅", "🚀", "👨‍👩‍👧‍👦",
  "👍🏽", "🇩🇪", "🇯🇵", "1️⃣", "🤖", "📦", "💳",
};

static const char * const code_lines[] = {
  "def count_tokens(messages, encoding=\"cl100k_base\"):",
  "    total = 3",
  "    for message in messages:",
  "        total += 3 + sum(len(enc.encode(v)) for v in message.values())",
  "    return total",
  "static int",
  "compare_items (const void *a, const void *b)",
  "{",
  "  return strcmp (*(const char **)a, *(const char **)b);",
  "}",
  "const response = await fetch(`${baseUrl}/v1/fine_tuning/jobs`, {",
  "  method: 'POST', headers: { 'Content-Type': 'application/json' },",
  "});",
  "SELECT id, created_at, status FROM jobs WHERE status = 'running';",
  "$ curl -s https://api.example.com/v1/models | jq '.data[].id'",
  "<div class=\"message assistant\"><p>Hello!</p></div>",
  "{\"role\": \"user\", \"content\": \"What is 2 + 2?\"}",
};

static void
append_english (GString *out,
                GRand   *rand)
{
  int n_sentences = g_rand_int_range (rand, 1, 6);

  for (int s = 0; s < n_sentences; s++)
    {
      int n_words = g_rand_int_range (rand, 4, 20);

      for (int w = 0; w < n_words; w++)
        {
          int k = g_rand_int_range (rand, 0, G_N_ELEMENTS (english_words));
          const char *word = english_words[k];

          if (w == 0)
            {
              g_string_append_c (out, g_ascii_toupper (word[0]));
              g_string_append (out, word + 1);
            }
          else
            {
              g_string_append_c (out, ' ');
              g_string_append (out, word);
            }
          if (w + 1 < n_words && g_rand_int_range (rand, 0, 10) == 0)
            g_string_append_c (out, ',');
        }
      g_string_append (out, g_rand_boolean (rand) ? ". " : g_rand_boolean (rand) ? "? " : "! ");
    }
}

static void
append_numbers (GString *out,
                GRand   *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      g_string_append_printf (out, "Order #%u was placed on %04d-%02d-%02d. ",
                              g_rand_int (rand), g_rand_int_range (rand, 2019, 2027),
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      break;
    case 1:
      g_string_append_printf (out, "The total is $%d.%02d (%d items, %.1f%% off). ",
                              g_rand_int_range (rand, 1, 5000), g_rand_int_range (rand, 0, 100),
                              g_rand_int_range (rand, 1, 40), g_rand_double_range (rand, 0, 50));
      break;
    case 2:
      g_string_append_printf (out, "Call +1 (%03d) %03d-%04d. ",
                              g_rand_int_range (rand, 200, 999), g_rand_int_range (rand, 100, 999),
                              g_rand_int_range (rand, 0, 9999));
      break;
    default:
      g_string_append_printf (out, "%" G_GUINT64_FORMAT " ",
                              ((guint64)g_rand_int (rand) << 32) | g_rand_int (rand));
      break;
    }
}

static void
append_from (GString            *out,
             GRand              *rand,
             const char * const *words,
             guint               n_words,
             const char         *separator,
             int                 min,
             int                 max)
{
  int n = g_rand_int_range (rand, min, max);

  for (int i = 0; i < n; i++)
    {
      g_string_append (out, words[g_rand_int_range (rand, 0, n_words)]);
      g_string_append (out, separator);
    }
}

static Kind
pick_kind (GRand *rand)
{
  int roll = g_rand_int_range (rand, 0, 100);

  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      if (roll < kinds[kind].percent)
        return kind;
      roll -= kinds[kind].percent;
    }

  return KIND_ENGLISH;
}

/* A chat message of one to seven parts, each of the given kind or, for
 * KIND_MIXED, of a random one.
 */
static char *
make_message (GRand *rand,
              Kind   only)
{
  GString *out = g_string_new (NULL);
  int n_parts = g_rand_int_range (rand, 1, 8);

  for (int i = 0; i < n_parts; i++)
    {
      switch (only == KIND_MIXED ? pick_kind (rand) : only)
        {
        case KIND_ENGLISH:
          append_english (out, rand);
          break;
        case KIND_CODE:
          g_string_append (out, "\n```\n");
          append_from (out, rand, code_lines, G_N_ELEMENTS (code_lines), "\n", 2, 10);
          g_string_append (out, "```\n");
          break;
        case KIND_EUROPEAN:
          append_from (out, rand, european_words, G_N_ELEMENTS (european_words), " ", 3, 15);
          break;
        case KIND_CJK:
          append_from (out, rand, cjk_phrases, G_N_ELEMENTS (cjk_phrases), "", 3, 15);
          g_string_append (out, g_rand_boolean (rand) ? "。" : "，");
          break;
        case KIND_NUMBERS:
          append_numbers (out, rand);
          break;
        case KIND_EMOJI:
        case N_KINDS:
        default:
          append_from (out, rand, emoji, G_N_ELEMENTS (emoji),
                       g_rand_boolean (rand) ? " " : "", 1, 5);
          break;
        }

      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_append (out, "\n\n");
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
make_corpus (Kind    kind,
             double  megabytes,
             gsize  *total_bytes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126 + kind);
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  *total_bytes = 0;
  while (*total_bytes < megabytes * 1e6)
    {
      char *message = make_message (rand, kind);

      *total_bytes += strlen (message);
      g_ptr_array_add (messages, message);
    }

  return messages;
}

typedef struct
{
  FtTokenizer  *tokenizer;
  char        **messages;
  guint         first;
  guint         last;
  guint         stride;
  guint64       n_tokens;
  double        cpu_seconds;
} Slice;

static double
thread_cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static gpointer
count_slice_worker (gpointer data)
{
  Slice *slice = data;
  double begin = thread_cpu_seconds ();

  slice->n_tokens = 0;
  for (guint i = slice->first; i < slice->last; i += slice->stride)
    slice->n_tokens += ft_tokenizer_count (slice->tokenizer, slice->messages[i], -1);
  slice->cpu_seconds = thread_cpu_seconds () - begin;

  return NULL;
}

static double
run_threads (FtTokenizer  *tokenizer,
             char        **messages,
             guint         n_messages,
             guint         n_threads,
             guint64      *n_tokens,
             double       *cpu_seconds)
{
  GThread *threads[8];
  Slice slices[8];
  gint64 begin;

  g_assert (n_threads <= G_N_ELEMENTS (threads));

  begin = g_get_monotonic_time ();
  for (guint t = 0; t < n_threads; t++)
    {
      slices[t] = (Slice) { tokenizer, messages, t, n_messages, n_threads, 0, 0 };
      threads[t] = g_thread_new ("bench-count", count_slice_worker, &slices[t]);
    }

  *n_tokens = 0;
  *cpu_seconds = 0;
  for (guint t = 0; t < n_threads; t++)
    {
      g_thread_join (threads[t]);
      *n_tokens += slices[t].n_tokens;
      *cpu_seconds += slices[t].cpu_seconds;
    }

  return (g_get_monotonic_time () - begin) / 1e6;
}

/* The best wall time of N_PASSES runs; also the least CPU time, which
 * other load on the machine disturbs less.
 */
static double
best_time (FtTokenizer *tokenizer,
           GPtrArray   *messages,
           guint        n_threads,
           guint64     *n_tokens,
           double      *best_cpu_seconds)
{
  double best = G_MAXDOUBLE;
  double best_cpu = G_MAXDOUBLE;

  for (guint pass = 0; pass < N_PASSES; pass++)
    {
      double cpu_seconds;

      best = MIN (best, run_threads (tokenizer, (char **)messages->pdata, messages->len,
                                     n_threads, n_tokens, &cpu_seconds));
      best_cpu = MIN (best_cpu, cpu_seconds);
    }

  if (best_cpu_seconds != NULL)
    *best_cpu_seconds = best_cpu;

  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) messages = NULL;
  double megabytes = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 4;
  gsize total_bytes;

  if (megabytes <= 0)
    megabytes = 4;

  messages = make_corpus (KIND_MIXED, megabytes, &total_bytes);
  printf ("corpus: %u chat messages, %.2f MB (50%% English, 15%% code, 10%% European, "
          "10%% CJK, 10%% numbers, 5%% emoji), counted message by message, best of %d\n",
          messages->len, total_bytes / 1e6, N_PASSES);

  for (FtEncoding encoding = 0; encoding <= FT_ENCODING_O200K_BASE; encoding++)
    {
      g_autoptr(FtTokenizer) tokenizer = NULL;
      g_autoptr(GError) error = NULL;
      const char *name = ft_encoding_to_string (encoding);
      guint64 single_tokens = 0;
      guint64 double_tokens = 0;
      guint64 hits_before, misses_before, hits, misses;
      double single, twice;
      double single_cpu, twice_cpu;
      gint64 begin;
      double load;

      begin = g_get_monotonic_time ();
      tokenizer = ft_tokenizer_get (encoding, &error);
      load = (g_get_monotonic_time () - begin) / 1e3;
      if (tokenizer == NULL)
        {
          fprintf (stderr, "%s: %s\n", name, error->message);
          return EXIT_FAILURE;
        }

      ft_tokenizer_get_cache_stats (tokenizer, &hits_before, &misses_before);
      single = best_time (tokenizer, messages, 1, &single_tokens, &single_cpu);
      twice = best_time (tokenizer, messages, 2, &double_tokens, &twice_cpu);
      ft_tokenizer_get_cache_stats (tokenizer, &hits, &misses);
      hits -= hits_before;
      misses -= misses_before;

      if (single_tokens != double_tokens)
        {
          fprintf (stderr, "%s: 1 thread counted %" G_GUINT64_FORMAT " tokens, "
                   "2 threads %" G_GUINT64_FORMAT "\n",
                   name, single_tokens, double_tokens);
          return EXIT_FAILURE;
        }

      printf ("\n%s: load %.1f ms; %" G_GUINT64_FORMAT " tokens (%.2f bytes/token)\n",
              name, load, single_tokens, (double)total_bytes / single_tokens);
      printf ("%s: 1 thread %.1f MB/s, 2 threads %.1f MB/s; piece cache hit rate %.1f%%\n",
              name, total_bytes / 1e6 / single, total_bytes / 1e6 / twice,
              100.0 * hits / MAX (hits + misses, 1));
      printf ("%s: per CPU second: 1 thread %.1f MB, 2 threads %.1f MB\n",
              name, total_bytes / 1e6 / single_cpu, total_bytes / 1e6 / twice_cpu);

      /* Each kind of text alone, on one thread. */
      printf ("%s: 1 thread by kind:", name);
      for (Kind kind = 0; kind < N_KINDS; kind++)
        {
          g_autoptr(GPtrArray) part = NULL;
          guint64 n_tokens;
          gsize part_bytes;

          part = make_corpus (kind, MIN (megabytes, 1), &part_bytes);
          printf (" %s %.1f", kinds[kind].name,
                  part_bytes / 1e6 / best_time (tokenizer, part, 1, &n_tokens, NULL));
        }
      printf (" MB/s\n");
    }

  return EXIT_SUCCESS;
}
