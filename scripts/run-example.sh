#!/usr/bin/env bash
# The README's first command: install dependencies, build, and run appeald over examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
for message in examples/mailbox/*.eml; do
  echo "== appeald inspect $message"
  ./build/appeald inspect --pretty "$message"
done
