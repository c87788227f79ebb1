#!/usr/bin/env bash
# Hub ingest under attack (issue 10): the ingest benchmark's load twice in one run, quiet and then
# while an adversarial client holds oversized pre-auth frames from 1,000 connections, floods wrong
# Hellos from 500 and fuzzes frames from 200 (each from a loopback address of its own). Prints
#   hostile: gateways=N quiet_points_per_s=X hostile_points_per_s=Y ratio=Y/X hello_p99_ms=H direct_memory_peak_mb=M decoy_points_per_s=Z ratio_vs_decoy=Y/Z
# (decoy run: the same attack aimed at a minimal accept-reject-close server instead of the hub,
# so ratio_vs_decoy leaves out what generating the attack on the same cores costs)
#   deploy/bench.sh hostile [points=2000000] [gateways=200]
# GG_BENCH_HOLDERS / GG_BENCH_FLOODERS / GG_BENCH_FUZZERS (1000 / 500 / 200): attacker connections.
# GG_HUB_JVM_OPTS: extra JVM flags for the hub process.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v influxd >/dev/null || { echo "influxd missing: apt-get install influxdb" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd missing: apt-get install openjdk-17-jdk-headless" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cp_file="$root/hub/target/bench-classpath.txt"
./mvnw -B -ntp -q -pl hub -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cp="$root/hub/target/test-classes:$root/hub/target/classes:$root/protocols/target/classes:$root/protocols/testkit/target/classes:$(cat "$cp_file")"
exec java -Xms1g -Xmx2g -Dholders="${GG_BENCH_HOLDERS:-1000}" -Dflooders="${GG_BENCH_FLOODERS:-500}" \
  -Dfuzzers="${GG_BENCH_FUZZERS:-200}" -cp "$cp" org.gridguard.hub.bench.HostileBenchmark "$@"
