#!/usr/bin/python3
"""Summarise `appeald dry-run` JSON lines: actions, how messages matched, and the commonest
triage reasons, on one line. Exits 1 when a line is not a JSON object with an "action".

Usage: summarise.py OUT.jsonl [--expect N]
"""

import collections
import json
import sys


def main(argv):
    path = argv[1]
    expect = int(argv[argv.index("--expect") + 1]) if "--expect" in argv else None
    actions, matched, reasons = collections.Counter(), collections.Counter(), collections.Counter()
    lines = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            lines += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{path}:{number}: not JSON: {e}", file=sys.stderr)
                return 1
            if not isinstance(obj, dict) or "action" not in obj:
                print(f"{path}:{number}: no \"action\"", file=sys.stderr)
                return 1
            actions[obj["action"]] += 1
            matched[obj.get("matched_by")] += 1
            if obj["action"] == "triage":
                reasons[(obj.get("reason") or "").split(":")[0]] += 1
    if expect is not None and lines != expect:
        print(f"{path}: {lines} lines, expected {expect}", file=sys.stderr)
        return 1
    fmt = lambda c: ", ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: -kv[1]))
    print(f"{fmt(actions)}; matched by {fmt(matched)}; triage reasons: "
          + ("; ".join(f"{v}x {k}" for k, v in reasons.most_common(4)) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
