#!/usr/bin/env bash
# Alarm → patrol benchmark (issue 16): real influxd, PostgreSQL and mosquitto (testkit), the hub in
# its own JVM on PostgreSQL, a real edge agent process, 1,000 patrol SSE clients (5 per village, all
# on duty), 50,000 telemetry points/s from simulated gateways; P1 smoke alarms published to the
# edge's broker by the village simulator's load mode (org.gridguard.edge.sim.SimLoadCommand from the
# edge agent jar, senscity smoke uplinks) are timed to each on-duty member's task event.
#   deploy/bench.sh alarm [alarms=300] [clients=1000] [points_per_s=50000] [villages=200] [rate=5]
# Prints: alarm_to_patrol: alarms=N ingest_points_per_s=X patrol_clients=C p50_ms=A p99_ms=B lost=0
# GG_HUB_JVM_OPTS: extra JVM flags for the hub process (e.g. a JFR recording).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v influxd >/dev/null || { echo "influxd missing: apt-get install influxdb" >&2; exit 1; }
command -v /usr/sbin/mosquitto >/dev/null \
  || { echo "mosquitto missing: apt-get install mosquitto" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
  || { echo "postgres missing: apt-get install postgresql" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cp_file="$root/hub/target/bench-classpath.txt"
./mvnw -B -ntp -q -pl edge-agent -am package -DskipTests >&2
./mvnw -B -ntp -q -pl hub -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cp="$root/hub/target/test-classes:$root/hub/target/classes:$root/protocols/target/classes:$root/protocols/testkit/target/classes:$(cat "$cp_file")"
exec java -Xms512m -Xmx2g ${GG_BENCH_JVM_OPTS:-} -DedgeJar="$root/edge-agent/target/gridguard-edge-agent.jar" \
  -cp "$cp" org.gridguard.hub.bench.AlarmBenchmark "$@"
