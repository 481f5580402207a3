/* ft-bench-gen.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ft-bench-gen.h"

#include "ft-json-scan.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Writes a deterministic chat JSONL file that looks like real training
 * data: system prompts, one to four turns, tool calls with tool
 * definitions, weights, text in Latin (with accents), CJK, Cyrillic and
 * Arabic scripts and emoji, escapes (newlines, quotes, tabs), mixed
 * lengths, and one broken (cut) line every 25,000 examples. The same seed
 * gives the same bytes on every machine: the generator is SplitMix64 and
 * nothing depends on the locale.
 */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;

  return z ^ (z >> 31);
}

static guint
rng_range (Rng   *rng,
           guint  n)
{
  return (guint)(rng_next (rng) % n);
}

static const char * const latin[] = {
  "the", "model", "answer", "question", "data", "please", "customer", "order",
  "refund", "shipping", "account", "password", "invoice", "product", "weather",
  "because", "however", "therefore", "example", "training", "assistant", "helpful",
  "should", "would", "could", "between", "without", "before", "after", "during",
  "report", "summary", "policy", "support", "request", "delivery", "address",
  "number", "service", "problem", "solution", "customer's", "doesn't", "isn't",
  "café", "naïve", "résumé", "Straße", "über", "Größe", "niño", "año", "façade",
  "déjà", "coöperate", "São", "Zürich", "Ærø", "Łódź", "İstanbul",
};

static const char * const cjk[] = {
  "你好", "世界", "数据", "模型", "训练", "医生", "问题", "回答", "时间", "学习",
  "患者", "症状", "治疗", "建议", "检查", "日本語", "ありがとう", "こんにちは",
  "東京", "質問", "答え", "한국어", "안녕하세요", "감사합니다", "，", "。", "？",
};

static const char * const cyrillic[] = {
  "привет", "данные", "модель", "обучение", "вопрос", "ответ", "пожалуйста",
  "заказ", "доставка", "клиент", "спасибо", "время", "погода", "Москва",
  "сегодня", "завтра", "помощь", "адрес", "счёт", "ёлка",
};

static const char * const arabic[] = {
  "مرحبا", "بيانات", "نموذج", "تدريب", "سؤال", "جواب", "شكرا", "من فضلك",
  "طلب", "توصيل", "عميل", "اليوم", "غدا", "مساعدة", "عنوان", "القاهرة",
};

static const char * const emoji[] = {
  "😀", "🚀", "👍", "🎉", "🤖", "❤️", "🇳🇴", "👩‍💻", "🙂", "✅", "⚠️", "📦",
};

static const char * const system_prompts[] = {
  "You are a helpful assistant.",
  "You are a customer support agent for an online store. Be polite, be brief, "
  "and never promise a refund before checking the order status with the tools.",
  "Clippy is a factual chatbot that is also sarcastic.",
  "你是一个医疗助手。请用简洁的中文回答患者的问题。",
  "Ты — вежливый помощник службы поддержки. Отвечай по-русски.",
  "أنت مساعد مفيد. أجب باللغة العربية.",
  "You translate English into French. Keep the tone and the formatting of the "
  "original, including line breaks and lists.\n\nDo not add explanations.",
};

static const char tools_json[] =
  "[{\"type\":\"function\",\"function\":{\"name\":\"get_order_status\","
  "\"description\":\"Looks up the status of an order by its number.\","
  "\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\","
  "\"description\":\"The order number, such as W1234567.\"}},\"required\":[\"order_id\"]}}},"
  "{\"type\":\"function\",\"function\":{\"name\":\"get_current_stock_price\","
  "\"description\":\"Returns the latest price of a stock.\",\"parameters\":{\"type\":\"object\","
  "\"properties\":{\"symbol\":{\"type\":\"string\"}},\"required\":[\"symbol\"]}}},"
  "{\"type\":\"function\",\"function\":{\"name\":\"transfer_to_human_agents\","
  "\"description\":\"Hands the conversation to a person.\",\"parameters\":{\"type\":\"object\","
  "\"properties\":{\"summary\":{\"type\":\"string\"}},\"required\":[\"summary\"]}}}]";

typedef enum
{
  SCRIPT_LATIN,
  SCRIPT_CJK,
  SCRIPT_CYRILLIC,
  SCRIPT_ARABIC,
  SCRIPT_MIXED,
} Script;

static const char *
pick_word (Rng    *rng,
           Script  script)
{
  if (script == SCRIPT_MIXED)
    script = rng_range (rng, 4);

  switch (script)
    {
    case SCRIPT_CJK:
      return cjk[rng_range (rng, G_N_ELEMENTS (cjk))];
    case SCRIPT_CYRILLIC:
      return cyrillic[rng_range (rng, G_N_ELEMENTS (cyrillic))];
    case SCRIPT_ARABIC:
      return arabic[rng_range (rng, G_N_ELEMENTS (arabic))];
    case SCRIPT_LATIN:
    case SCRIPT_MIXED:
    default:
      return latin[rng_range (rng, G_N_ELEMENTS (latin))];
    }
}

static guint
pick_length (Rng *rng)
{
  guint r = rng_range (rng, 100);

  if (r < 45)
    return 5 + rng_range (rng, 30);
  if (r < 88)
    return 30 + rng_range (rng, 150);
  return 160 + rng_range (rng, 440);
}

static void
make_text (GString *text,
           Rng     *rng,
           Script   script,
           guint    n_words)
{
  gboolean spaced = script != SCRIPT_CJK;

  g_string_truncate (text, 0);
  for (guint i = 0; i < n_words; i++)
    {
      guint r = rng_range (rng, 1000);

      if (i > 0 && spaced)
        g_string_append_c (text, ' ');
      g_string_append (text, pick_word (rng, script));

      if (r < 40)
        g_string_append (text, ".\n");
      else if (r < 45)
        g_string_append (text, "\n\n- ");
      else if (r < 55)
        g_string_append (text, ",");
      else if (r < 58)
        g_string_append (text, " \"quoted\"");
      else if (r < 60)
        g_string_append (text, "\tC:\\path\\file");
      else if (r < 70)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, emoji[rng_range (rng, G_N_ELEMENTS (emoji))]);
        }
    }
  g_string_append_c (text, script == SCRIPT_CJK ? '.' : '.');
}

static void
append_message (GString    *line,
                const char *role,
                const char *content,
                int         weight)
{
  if (line->str[line->len - 1] != '[')
    g_string_append_c (line, ',');
  g_string_append (line, "{\"role\":\"");
  g_string_append (line, role);
  g_string_append (line, "\",\"content\":");
  ft_json_append_string (line, content, -1);
  if (weight >= 0)
    g_string_append_printf (line, ",\"weight\":%d", weight);
  g_string_append_c (line, '}');
}

static void
make_example (GString *line,
              GString *text,
              Rng     *rng,
              guint    index)
{
  Script script;
  guint r = rng_range (rng, 100);
  gboolean tools = rng_range (rng, 100) < 10;
  gboolean weights = rng_range (rng, 100) < 15;
  guint n_turns;

  if (r < 70)
    script = SCRIPT_LATIN;
  else if (r < 80)
    script = SCRIPT_CJK;
  else if (r < 88)
    script = SCRIPT_CYRILLIC;
  else if (r < 95)
    script = SCRIPT_ARABIC;
  else
    script = SCRIPT_MIXED;

  r = rng_range (rng, 100);
  n_turns = r < 55 ? 1 : r < 80 ? 2 : r < 93 ? 3 : 4;

  g_string_assign (line, "{\"messages\":[");

  if (rng_range (rng, 100) < 60)
    append_message (line, "system", system_prompts[rng_range (rng,
                                                              G_N_ELEMENTS (system_prompts))], -1);

  for (guint turn = 0; turn < n_turns; turn++)
    {
      gboolean last = turn + 1 == n_turns;

      make_text (text, rng, script, 5 + rng_range (rng, 40));
      g_string_append_c (text, '?');
      append_message (line, "user", text->str, -1);

      if (tools && last)
        {
          g_autofree char *id = g_strdup_printf ("call_%u_%u", index, turn);

          g_string_append_printf (line,
                                  ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"%s\","
                                  "\"type\":\"function\","
                                  "\"function\":{\"name\":\"get_order_status\","
                                  "\"arguments\":\"{\\\"order_id\\\":\\\"W%07u\\\"}\"}}]}",
                                  id, rng_range (rng, 10000000));
          g_string_append_printf (line,
                                  ",{\"role\":\"tool\",\"tool_call_id\":\"%s\",\"content\":"
                                  "\"{\\\"status\\\":\\\"shipped\\\",\\\"eta_days\\\":%u}\"}",
                                  id, 1 + rng_range (rng, 9));
        }

      make_text (text, rng, script, pick_length (rng));
      append_message (line, "assistant", text->str, weights ? (last ? 1 : 0) : -1);
    }

  g_string_append_c (line, ']');

  if (tools)
    {
      g_string_append (line, ",\"tools\":");
      g_string_append (line, tools_json);
      if (rng_range (rng, 2) == 0)
        g_string_append (line, ",\"parallel_tool_calls\":false");
    }

  g_string_append_c (line, '}');

  /* A few lines are cut short, as a crashed export would leave them. */
  if (index % 25000 == 12345)
    g_string_truncate (line, line->len / 2);
}

/**
 * ft_bench_generate_dataset:
 * @path: where to write
 * @n_examples: how many lines
 * @seed: the generator's seed
 * @bytes_written: (out) (optional): the file size
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
ft_bench_generate_dataset (const char  *path,
                           guint        n_examples,
                           guint64      seed,
                           guint64     *bytes_written,
                           GError     **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  Rng rng = { seed };
  guint64 total = 0;
  FILE *out;

  out = fopen (path, "wb");
  if (out == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < n_examples; i++)
    {
      make_example (line, text, &rng, i);
      g_string_append_c (line, '\n');
      fwrite (line->str, 1, line->len, out);
      total += line->len;
    }

  if (fclose (out) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (bytes_written != NULL)
    *bytes_written = total;

  return TRUE;
}
