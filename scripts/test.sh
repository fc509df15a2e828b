#!/usr/bin/env bash
# The README's test command: install dependencies, build, and pass every test.
#   1. unit, golden and corpus tests (ctest) on the normal build;
#   2. the same tests under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. a short, fixed-length smoke run of every libFuzzer target (clang).
# Any failure, sanitizer report or fuzzer crash fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

./scripts/install-deps.sh

echo "== build (RelWithDebInfo)"
./scripts/build.sh
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== build (ASan + UBSan)"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DAPPEALD_ASAN=ON -DAPPEALD_UBSAN=ON \
  >/dev/null
cmake --build build-sanitize -j "$jobs"
echo "== tests under sanitizers"
ctest --test-dir build-sanitize --output-on-failure -j "$jobs"

echo "== fuzz smoke runs"
./fuzz/smoke.sh
