#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a fixed number of executions,
# seeded from tests/data. A crash, leak or sanitizer report fails the run.
# FUZZ_RUNS overrides the executions per target (default 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-20000}
jobs=$(nproc 2>/dev/null || echo 2)
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPPEALD_FUZZ=ON \
  -DAPPEALD_ASAN=ON -DAPPEALD_UBSAN=ON -DCMAKE_CXX_COMPILER=clang++ >/dev/null
targets=$(find fuzz -maxdepth 1 -name 'fuzz_*.cpp' -exec basename {} .cpp \; | sort)
# Only the fuzz targets: they need the parsers, not the CLI, JSON and TOML layers.
# shellcheck disable=SC2086
cmake --build build-fuzz -j "$jobs" --target $targets

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
find tests/data -type f -size -256k -print0 | xargs -0 -I{} cp {} "$seeds/" 2>/dev/null || true

total=0
for name in $targets; do
  target="build-fuzz/fuzz/$name"
  corpus="$seeds/corpus-$name"
  mkdir -p "$corpus"
  log="build-fuzz/$name.log"
  if ! "$target" -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -dict=fuzz/mail.dict -artifact_prefix=build-fuzz/"$name"- "$corpus" "$seeds" >"$log" 2>&1; then
    echo "fuzz: $name FAILED (see $log)"
    tail -40 "$log"
    exit 1
  fi
  done_runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' | tail -1)
  echo "fuzz: $name ${done_runs:-0} executions, no crash"
  total=$((total + ${done_runs:-0}))
done
echo "fuzz: $total executions in all, 0 crashes"
