#!/usr/bin/env bash
# The README's first command: install dependencies, build, and run appeald's main job on the
# bundled example: a dry-run over examples/mailbox (a directory of .eml files) against
# examples/cases.jsonl. Would-be replies are written to build/example-replies/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
echo "== appeald dry-run --format table (people)"
./build/appeald dry-run --cases examples/cases.jsonl --format table examples/mailbox
echo
echo "== appeald dry-run (JSON Lines, the contract's format)"
./build/appeald dry-run --cases examples/cases.jsonl --replies-dir build/example-replies \
  examples/mailbox
echo
echo "Would-be replies: build/example-replies/"
