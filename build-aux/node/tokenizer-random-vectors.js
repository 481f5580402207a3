// Writes tests/data/tokenizer-random-vectors.jsonl: random strings built
// from characters that exercise the pre-tokenisation patterns, with the
// token ids of OpenAI's tiktoken (npm package "tiktoken", WASM build of
// the Rust core) for both encodings. The output is deterministic.
//
// Usage (from the top of the source tree):
//   npm install --prefix build-aux/node --no-save tiktoken@1.0.22
//   node build-aux/node/tokenizer-random-vectors.js > tests/data/tokenizer-random-vectors.jsonl

"use strict";

const { get_encoding } = require("tiktoken");

const cl100k = get_encoding("cl100k_base");
const o200k = get_encoding("o200k_base");

// Letters of every case class, contractions in both cases, ASCII and
// other digits, every kind of space (including U+0085, U+180E and U+FEFF,
// which engines disagree on), marks, symbols and astral characters. All
// of them were assigned before Unicode 14, which PCRE2 10.42 knows.
const alphabet = [
  "a", "b", "e", "l", "r", "s", "t", "v", "m", "d", "x",
  "A", "B", "L", "S", "T", "R", "D", "Q", "'", "'", "\u2019", "\u017f", "\u212a",
  "0", "1", "7", "9", "\u0663", "\u00bd", "\u2167",
  " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1f", "\x01",
  ".", ",", "!", "?", "/", "//", "(", ")", "-", "_", "<|", "|>", "#", "\"", "\\",
  "\u00e9", "\u00c9", "e\u0301", "\u0301", "\u01c5", "\u02b0", "\u00df", "\u0131", "\u0130",
  "\u4e2d", "\u6587", "\u3042", "\ud55c", "\u05d0", "\u0627", "\u0915\u093f",
  "\u00a0", "\u0085", "\u180e", "\u1680", "\u2000", "\u2028", "\u2029", "\u202f", "\u3000",
  "\ufeff", "\u200b", "\u200d", "\u2026", "\u20ac",
  "\ud83d\ude00", "\ud83d\udc4d\ud83c\udffd", "\ud835\udc00", "\ue000",
  " the", " and", "ing", "tion", "HTTP", "Server", "don't", "I'M", "we'LL",
  "12345", "3.14", "2024-01-01", "https://x.y/z?a=b", "<|endoftext|>",
  "\u0416", "\u0436", "\u03a9", "\u03c9", "\u0e01", "\u0e34", "\u1100", "\u1161",
  "\u30ab", "\u30fc", "\uff21", "\uff41", "\u2160", "\u00aa", "\u00b2",
];

let seed = 20261126;
function random (n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}

for (let i = 0; i < 2500; i++) {
  const n = i < 2400 ? random (31) : random (601);
  let text = "";

  for (let k = 0; k < n; k++)
    text += alphabet[random (alphabet.length)];

  for (const [name, encoding] of [["cl100k_base", cl100k], ["o200k_base", o200k]]) {
    process.stdout.write (JSON.stringify ({
      encoding: name,
      text: text,
      tokens: Array.from (encoding.encode_ordinary (text)),
    }) + "\n");
  }
}
