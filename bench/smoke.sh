#!/usr/bin/env bash
# Quick correctness check of the benchmark (no timing). For each profile: generate 300
# messages with seed 1 twice and require byte-identical files; require the Python baseline (and
# the GMime baseline, when built) to find 300 messages in the mbox; run `appeald dry-run` and
# require 300 JSON lines, each with an "action". Exits non-zero on the first failure.
# Usage: bench/smoke.sh   (APPEALD defaults to build/appeald)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3
N=300

APPEALD=${APPEALD:-build/appeald}
if [[ ! -x $APPEALD && -x $ROOT/$APPEALD ]]; then APPEALD=$ROOT/$APPEALD; fi
[[ -x $APPEALD ]] || { echo "smoke: no appeald at '$APPEALD'" >&2; exit 1; }
GMIME=${GMIME:-$(dirname "$APPEALD")/gmime_baseline} # checked only when it was built

work=$(mktemp -d /tmp/appeald-bench-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "smoke: FAIL: $*" >&2
  exit 1
}

for profile in text mixed; do
  for copy in a b; do
    "$PY" "$HERE/gen_dump.py" --seed 1 --messages "$N" --profile "$profile" --out "$work/$profile-$copy" ||
      fail "$profile: generator failed"
  done
  for file in dump.mbox cases.jsonl; do
    cmp -s "$work/$profile-a/$file" "$work/$profile-b/$file" ||
      fail "$profile: $file differs between two runs with the same seed"
  done
  dir=$work/$profile-a
  found=$("$PY" "$HERE/python_baseline.py" "$dir/dump.mbox" |
    "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["messages"], d["part_errors"])')
  [[ $found == "$N 0" ]] || fail "$profile: Python found '$found' (messages, part errors), expected '$N 0'"
  if [[ -x $GMIME ]]; then
    found=$("$GMIME" "$dir/dump.mbox" |
      "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["messages"], d["part_errors"])')
    [[ $found == "$N 0" ]] || fail "$profile: GMime found '$found' (messages, part errors), expected '$N 0'"
  fi
  "$APPEALD" dry-run --cases "$dir/cases.jsonl" "$dir/dump.mbox" >"$dir/out.jsonl" 2>"$dir/err" ||
    fail "$profile: appeald dry-run exited $?: $(tail -n 3 "$dir/err")"
  summary=$("$PY" "$HERE/summarise.py" "$dir/out.jsonl" --expect "$N") ||
    fail "$profile: dry-run output is not $N JSON lines each with an action"
  echo "smoke: $profile: ok ($summary)"
done
echo "2 passed, 0 failed"
