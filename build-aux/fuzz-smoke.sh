#!/bin/sh
# Builds the libFuzzer harnesses (tests/fuzz) with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer in their own build directory, then runs
# each one on its seed corpus for a share of the given time.
#
# usage: build-aux/fuzz-smoke.sh [SECONDS]     (default 60; CI runs 60)
# env:   FUZZ_BUILD_DIR (default: _build-fuzz in the source tree)
#
# A crash, a sanitizer report, a leak or a failed assertion makes libFuzzer
# write the input to the build directory (crash-*, leak-*) and this script
# exit non-zero. New corpus entries stay in the build directory.
set -eu

seconds=${1:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$src/_build-fuzz}
harnesses="fuzz-jsonl fuzz-csv"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang \
  CFLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
  LDFLAGS="-fsanitize=address,undefined" \
    meson setup "$build" "$src" -Dfuzzing=true -Dbuildtype=debug
fi

targets=""
for h in $harnesses; do
  targets="$targets tests/fuzz/$h"
done
# shellcheck disable=SC2086
ninja -C "$build" $targets

n=$(echo "$harnesses" | wc -w)
each=$((seconds / n))
[ "$each" -ge 1 ] || each=1

status=0
for h in $harnesses; do
  corpus_name=${h#fuzz-}
  work="$build/tests/fuzz/corpus-$corpus_name"
  mkdir -p "$work"
  echo "== $h for ${each}s"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    "$build/tests/fuzz/$h" -max_total_time="$each" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="$build/tests/fuzz/$h-" -print_final_stats=1 \
      "$work" "$src/tests/fuzz/corpus/$corpus_name" || status=$?
done

exit $status
