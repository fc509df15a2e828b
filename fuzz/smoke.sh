#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 16 and runs each for a fixed number of executions,
# seeded from tests/data (and config/rubric.toml for the rubric loader). A crash, leak, timeout,
# out-of-memory, sanitizer report or broken property fails the run.
#   FUZZ_RUNS       executions per target instead of the table below (e.g. 1000 for a quick check)
#   FUZZ_BUILD_DIR  build directory (default build-fuzz)
#   FUZZ_CXX        the clang++ to use (default clang++-16, else clang++)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)
cxx=${FUZZ_CXX:-$(command -v clang++-16 || command -v clang++)}
started=$(date +%s)

# target  executions  max_len  dictionary            seeds
# Sized to take under 2 minutes of fuzzing in all on 2 busy cores under ASan+UBSan; the slower
# targets (whole rubrics, address and header parsers fed whole messages) get fewer executions.
plan="
fuzz_address 8000  16384 fuzz/mail.dict        mail
fuzz_cases   20000 16384 fuzz/fuzz_cases.dict  cases
fuzz_headers 8000  16384 fuzz/mail.dict        mail
fuzz_html    10000 65536 fuzz/mail.dict        mail
fuzz_message 10000 65536 fuzz/mail.dict        mail
fuzz_reply   10000 65536 fuzz/mail.dict        mail
fuzz_rubric  5000  65536 fuzz/fuzz_rubric.dict rubric
"

# Every target in fuzz/ must be in the plan, so a new one cannot be skipped silently.
targets=$(find fuzz -maxdepth 1 -name 'fuzz_*.cpp' -exec basename {} .cpp \; | sort)
for name in $targets; do
  if ! grep -q "^$name " <<<"$plan"; then
    echo "fuzz: $name is not in fuzz/smoke.sh's plan" >&2
    exit 1
  fi
done

# A build directory configured with another compiler (clang 14, before clang 16 was needed)
# starts afresh: CMake cannot switch compilers in place.
if [ -f "$build/CMakeCache.txt" ] &&
  ! grep -q "^CMAKE_CXX_COMPILER:[A-Z]*=$cxx\$" "$build/CMakeCache.txt"; then
  rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
fi
CXX="$cxx" cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPPEALD_FUZZ=ON \
  -DAPPEALD_ASAN=ON -DAPPEALD_UBSAN=ON -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
# Only the fuzz targets: they need the parsers and loaders, not the CLI and the mail transport.
# shellcheck disable=SC2086
cmake --build "$build" -j "$jobs" --target $targets
built=$(date +%s)

# Seed sets, copied at run time (nothing is duplicated in git); libFuzzer adds what it finds to
# each target's own corpus directory, which is thrown away afterwards.
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/mail" "$seeds/cases" "$seeds/rubric"
find tests/data -type f -size -256k -print0 | xargs -0 -I{} cp {} "$seeds/mail/" 2>/dev/null || true
find tests/data -type f -name '*.jsonl' -exec cp {} "$seeds/cases/" \;
find tests/data -type f -name '*.toml' -exec cp {} "$seeds/rubric/" \;
cp config/rubric.toml "$seeds/rubric/"

total=0
while read -r name runs max_len dict seed_set; do
  [ -n "$name" ] || continue
  target="$build/fuzz/$name"
  corpus="$seeds/corpus-$name"
  mkdir -p "$corpus"
  log="$build/$name.log"
  if ! "$target" -runs="${FUZZ_RUNS:-$runs}" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -dict="$dict" -artifact_prefix="$build/$name-" "$corpus" "$seeds/$seed_set" >"$log" 2>&1; then
    echo "fuzz: $name FAILED (see $log)"
    tail -40 "$log"
    exit 1
  fi
  done_runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' | tail -1)
  echo "fuzz: $name ${done_runs:-0} executions, no crash"
  total=$((total + ${done_runs:-0}))
done <<<"$plan"
finished=$(date +%s)
echo "fuzz: $total executions in all, 0 crashes (build $((built - started)) s, runs" \
  "$((finished - built)) s)"
