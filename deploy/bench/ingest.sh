#!/usr/bin/env bash
# Hub ingest benchmark (issue 3): real influxd, the hub in its own JVM, 200 simulated gateways over
# real TCP; baseline = the same points written straight to the same InfluxDB with batched HTTP.
#   deploy/bench.sh ingest [points=4000000] [gateways=200] [idle_connections=5000]
# GG_INFLUX_WRITERS (default 2): parallel write requests, hub and baseline alike.
# GG_INFLUX_ENCODING (default auto = identity on loopback): auto|gzip|identity, hub and baseline alike.
# GG_BENCH_WARMUP (default 0 = as many as the run): points of each of the two warm-up passes.
# GG_HUB_JVM_OPTS: extra JVM flags for the hub process (e.g. a JFR recording).
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
exec java -Xms1g -Xmx4g -Dwriters="${GG_INFLUX_WRITERS:-2}" -Dwarmup="${GG_BENCH_WARMUP:-0}" -Dencoding="${GG_INFLUX_ENCODING:-auto}" -Dsample="${GG_BENCH_SAMPLE:-false}" -cp "$cp" org.gridguard.hub.bench.IngestBenchmark "$@"
