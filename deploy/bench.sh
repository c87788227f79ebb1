#!/usr/bin/env bash
# Benchmark dispatcher: deploy/bench.sh <name> [args...] runs deploy/bench/<name>.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name="${1:-}"
if [[ -z "$name" || ! -x "$here/bench/$name.sh" ]]; then
  echo "usage: deploy/bench.sh <name> [args...]; available:" \
    $(cd "$here/bench" && ls *.sh 2>/dev/null | sed 's/\.sh$//') >&2
  exit 2
fi
shift
exec "$here/bench/$name.sh" "$@"
