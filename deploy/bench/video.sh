#!/usr/bin/env bash
# Video benchmark (issue 5): K simultaneous 720p H.264 25 fps RTSP streams analysed at 5 fps by
# the edge agent's camera pipeline, against `ffmpeg -threads 1 ... -f null -` decoding the same
# streams for the same time (CPU time of both). Prints one line:
#   video: streams=K analysed_fps_per_core=X cpu_ratio_vs_ffmpeg_decode=R alarm_latency_p95_ms=L
# Usage: deploy/bench/video.sh [streams=8] [seconds=60]
# Needs the Debian package ffmpeg (with libx264).
set -euo pipefail
cd "$(dirname "$0")/../.."
STREAMS="${1:-8}"
SECONDS_="${2:-60}"
command -v ffmpeg >/dev/null || { echo "ffmpeg missing: apt-get install ffmpeg" >&2; exit 1; }
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -B -ntp -q -pl edge-agent -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >&2
CP="edge-agent/target/test-classes:edge-agent/target/classes:protocols/target/classes:protocols/testkit/target/classes:$(cat "$CP_FILE")"
exec java -Xmx512m -cp "$CP" org.gridguard.edge.video.VideoBenchmark "$STREAMS" "$SECONDS_"
