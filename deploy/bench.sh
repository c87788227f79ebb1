#!/usr/bin/env bash
# Benchmarks. Each prints one summary line with a ratio against a baseline measured in the same run.
#   deploy/bench.sh <name> [args...]    runs deploy/bench/<name>.sh
#   deploy/bench.sh                     lists them
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name="${1:-}"
if [[ -z "$name" || ! -x "$here/bench/$name.sh" ]]; then
  echo "usage: deploy/bench.sh <name> [args...]; available:" >&2
  for f in "$here"/bench/*.sh; do echo "  $(basename "$f" .sh)" >&2; done
  exit 2
fi
shift
exec "$here/bench/$name.sh" "$@"
