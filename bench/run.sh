#!/usr/bin/env bash
# Dry-run benchmark: generate a reproducible dump, time `appeald dry-run` over it on one core
# (and on two, when there are two, checking the output is the same), time GMime's parse and
# decode (bench/gmime_baseline.cpp, when built) and Python's email package over the same dump,
# and print a Markdown table. Each tool runs --repeat times (default 3) and the table shows its
# fastest run and the largest peak RSS; every run's time is listed below it.
#
# Usage: bench/run.sh [--default] [--messages N] [--profile text|mixed] [--seed S]
#                     [--python-sample M] [--skip-python] [--keep] [--repeat R]
# With no size or profile (or with --default) it runs text 20,000 and mixed 100,000.
# Builds nothing: build a Release appeald first, or point APPEALD at one.
# Environment: APPEALD (default build/appeald), GMIME (default gmime_baseline beside APPEALD),
# BENCH_DIR (default /tmp/appeald-bench).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3
BENCH_DIR=${BENCH_DIR:-/tmp/appeald-bench}
DEFAULT_PYTHON_SAMPLE=20000 # Python runs on at most this many messages unless told otherwise
CPU=0                       # the one core everything is timed on
CPU2=1                      # the second core of the two-core appeald row

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

messages="" profile="" seed=1 skip_python=0 keep=0 python_sample="" repeat=3
while (($#)); do
  case "$1" in
  --messages) messages=${2:?}; shift ;;
  --profile) profile=${2:?}; shift ;;
  --seed) seed=${2:?}; shift ;;
  --python-sample) python_sample=${2:?}; shift ;;
  --skip-python) skip_python=1 ;;
  --keep) keep=1 ;;
  --repeat) repeat=${2:?}; shift ;;
  --default) messages="" profile="" ;;
  -h | --help) usage 0 ;;
  *) echo "run.sh: unknown argument: $1" >&2; usage 2 >&2 ;;
  esac
  shift
done
[[ -z $profile || $profile == text || $profile == mixed ]] || { echo "run.sh: --profile is text or mixed" >&2; exit 2; }
[[ -z $messages || $messages =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --messages needs a positive number" >&2; exit 2; }
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --repeat needs a positive number" >&2; exit 2; }
[[ $seed =~ ^[0-9]+$ ]] || { echo "run.sh: --seed needs a number" >&2; exit 2; }
[[ -z $python_sample || $python_sample =~ ^[0-9]+$ ]] || { echo "run.sh: --python-sample needs a number" >&2; exit 2; }

APPEALD=${APPEALD:-build/appeald}
if [[ ! -x $APPEALD && -x $ROOT/$APPEALD ]]; then APPEALD=$ROOT/$APPEALD; fi
if [[ ! -x $APPEALD ]]; then
  echo "run.sh: no appeald at '$APPEALD'; build a Release one first:" >&2
  echo "  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build" >&2
  exit 1
fi
# The GMime baseline (bench/gmime_baseline.cpp) sits beside appeald when GMime 3 was found at
# configure time; without it the table has no GMime row.
GMIME=${GMIME:-$(dirname "$APPEALD")/gmime_baseline}
if [[ ! -x $GMIME ]]; then
  echo "run.sh: no GMime baseline at '$GMIME' (install libgmime-3.0-dev and rebuild for its row)" >&2
  GMIME=""
fi
for tool in /usr/bin/time taskset sha256sum "$PY"; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

if [[ -z $messages && -z $profile ]]; then
  runs=("text 20000" "mixed 100000")
else
  runs=("${profile:-text} ${messages:-20000}")
fi

generator_id() { # the generator's sources and arguments: a change regenerates the dump
  cat "$HERE"/gen_*.py | sha256sum | cut -d' ' -f1
  echo "$*"
}

# Prints the dump directory for profile $1, $2 messages; generates it unless a matching one is there.
prepare_dump() {
  local prof=$1 n=$2 dir="$BENCH_DIR/$1-$2-$seed"
  if [[ -f $dir/SHA256SUMS && -f $dir/generator ]] &&
    [[ $(cat "$dir/generator") == "$(generator_id "$prof" "$n" "$seed")" ]] &&
    (cd "$dir" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1); then
    echo "reusing $dir (checksums match)" >&2
    REUSED=1
  else
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "generating $prof dump of $n messages (seed $seed) into $dir ..." >&2
    local t0=$SECONDS
    "$PY" "$HERE/gen_dump.py" --seed "$seed" --messages "$n" --profile "$prof" --out "$dir"
    (cd "$dir" && sha256sum dump.mbox cases.jsonl >SHA256SUMS)
    generator_id "$prof" "$n" "$seed" >"$dir/generator"
    echo "generated in $((SECONDS - t0)) s: $(du -h "$dir/dump.mbox" | cut -f1)" >&2
    REUSED=0
  fi
  DUMP_DIR=$dir
}

rows=()
notes=()
timings=()
# Runs "$@" (stdout to $OUT) $repeat times under /usr/bin/time; sets BEST_SECS to the fastest
# run, MAX_RSS to the largest peak RSS, and adds every run's seconds to timings under $LABEL.
# A run that fails stops the benchmark; so does a repeat whose output differs from the first,
# unless SAME_OUTPUT=0 (Python's summary holds its own timing).
timed() {
  local all="" secs rss i
  BEST_SECS="" MAX_RSS=0
  for ((i = 1; i <= repeat; i++)); do
    local out=$OUT
    ((i > 1)) && out=$OUT.again
    /usr/bin/time -f '%e %M' -o "$OUT.time" "$@" >"$out" 2>"$OUT.stderr" || {
      echo "run.sh: $LABEL failed; stderr:" >&2
      tail -n 5 "$OUT.stderr" >&2
      exit 1
    }
    if ((i > 1)); then
      [[ ${SAME_OUTPUT:-1} == 0 ]] || cmp -s "$OUT" "$out" || { echo "run.sh: $LABEL printed something else on run $i" >&2; exit 1; }
      rm -f "$out"
    fi
    read -r secs rss <"$OUT.time"
    all+="${all:+, }$secs"
    if [[ -z $BEST_SECS ]] || awk -v a="$secs" -v b="$BEST_SECS" 'BEGIN { exit !(a < b) }'; then
      BEST_SECS=$secs
    fi
    ((rss > MAX_RSS)) && MAX_RSS=$rss
  done
  timings+=("$LABEL: $all s")
}
row() { # tool profile messages bytes seconds rss_kb
  awk -v tool="$1" -v prof="$2" -v n="$3" -v b="$4" -v s="$5" -v kb="$6" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "| %s | %s | %d | %.1f | %.2f | %.0f | %.1f | %.1f |\n",
      tool, prof, n, b / 1e6, s, n / s, b / 1e6 / s, kb / 1024 }'
}

for spec in "${runs[@]}"; do
  read -r prof n <<<"$spec"
  prepare_dump "$prof" "$n"
  dir=$DUMP_DIR
  bytes=$(stat -c %s "$dir/dump.mbox")
  cat "$dir/dump.mbox" "$dir/cases.jsonl" >/dev/null # both tools read from a warm page cache

  echo "timing appeald dry-run on $prof $n ($repeat runs) ..." >&2
  LABEL="appeald $prof $n, one core" OUT=$dir/out.jsonl
  timed taskset -c "$CPU" "$APPEALD" dry-run --cases "$dir/cases.jsonl" "$dir/dump.mbox"
  secs=$BEST_SECS rss=$MAX_RSS
  lines=$(wc -l <"$dir/out.jsonl")
  if [[ $lines -ne $n ]]; then
    echo "run.sh: appeald printed $lines lines for $n messages" >&2
    exit 1
  fi
  rows+=("$(row "appeald dry-run" "$prof" "$n" "$bytes" "$secs" "$rss")")
  notes+=("$prof $n: $("$PY" "$HERE/summarise.py" "$dir/out.jsonl")")

  if (($(nproc) >= 2)); then
    # The parse thread on a core of its own; the output must not change by a byte.
    echo "timing appeald dry-run on $prof $n, two cores ($repeat runs) ..." >&2
    LABEL="appeald $prof $n, two cores" OUT=$dir/out2.jsonl
    timed taskset -c "$CPU,$CPU2" "$APPEALD" dry-run --cases "$dir/cases.jsonl" "$dir/dump.mbox"
    cmp -s "$dir/out.jsonl" "$dir/out2.jsonl" || {
      echo "run.sh: the two-core output differs from the one-core output" >&2
      exit 1
    }
    rm -f "$dir/out2.jsonl"
    secs2=$BEST_SECS rss2=$MAX_RSS
    rows+=("$(row "appeald dry-run, 2 cores" "$prof" "$n" "$bytes" "$secs2" "$rss2")")
  fi

  if [[ -n $GMIME ]]; then
    echo "timing GMime parse+decode on $prof $n ($repeat runs) ..." >&2
    LABEL="gmime $prof $n" OUT=$dir/gmime.json
    SAME_OUTPUT=0 timed taskset -c "$CPU" "$GMIME" "$dir/dump.mbox"
    read -r gn gerr < <("$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["messages"], d["part_errors"])' <"$dir/gmime.json")
    [[ $gn -eq $n ]] || { echo "run.sh: GMime found $gn messages for $n" >&2; exit 1; }
    rows+=("$(row "GMime parse+decode only" "$prof" "$n" "$bytes" "$BEST_SECS" "$MAX_RSS")")
    ((gerr == 0)) || notes+=("$prof $n: GMime could not decode $gerr text parts")
  fi

  if ((!skip_python)); then
    sample=${python_sample:-$((n > DEFAULT_PYTHON_SAMPLE ? DEFAULT_PYTHON_SAMPLE : 0))}
    ((sample >= n)) && sample=0
    echo "timing Python email on $prof $((sample ? sample : n)) ($repeat runs) ..." >&2
    LABEL="python $prof $((sample ? sample : n))" OUT=$dir/python.json
    SAME_OUTPUT=0 timed taskset -c "$CPU" "$PY" "$HERE/python_baseline.py" --limit "$sample" "$dir/dump.mbox"
    psecs=$BEST_SECS prss=$MAX_RSS
    read -r pn pbytes perr < <("$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["messages"], d["bytes"], d["part_errors"])' <"$dir/python.json")
    tool="python email"
    ((sample)) && { tool="python email (first $pn of $n)"; } || pbytes=$bytes
    rows+=("$(row "$tool" "$prof" "$pn" "$pbytes" "$psecs" "$prss")")
    ((perr == 0)) || notes+=("$prof $n: Python could not decode $perr headers or parts")
  fi
  if ((!keep && !REUSED)); then rm -rf "$dir"; fi
done

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo
echo "| tool | profile | messages | MB | seconds | messages/s | MB/s | peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, kernel $(uname -r); timed on one core" \
  "(taskset -c $CPU); $("$APPEALD" --version 2>/dev/null | head -n1), $("$PY" --version);" \
  "seed $seed; the 2-core rows on cores $CPU and $CPU2. MB = 10^6 bytes of dump; peak RSS in MiB." \
  "Seconds: the fastest of $repeat runs; peak RSS: the largest."
echo
printf 'Runs: %s\n' "${timings[@]}"
echo
printf 'Actions %s\n' "${notes[@]}"
