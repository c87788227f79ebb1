#!/usr/bin/env bash
# Alarm → incident benchmark (issue 13): real influxd and PostgreSQL (testkit), the hub in its own
# JVM on PostgreSQL, simulated gateways over real TCP sending alarms at a steady rate (repeats,
# ends and new alarms; a storm on three devices) while telemetry flows.
#   deploy/bench.sh incident [alarms_per_s=2400] [gateways=200] [seconds=60] [warmup_s=60]
# Prints: incident: alarms_per_s=X incidents=N dup_incidents=0 alarm_to_incident_p99_ms=L client_p99_ms=C
#   L: the hub's own histogram (gridguard_ingest_ack_latency_seconds{lane="PRIORITY"}) over the
#   measured minute, arrival at the hub to the transaction holding the alarm and its incident
#   committed (until 2026-12-03 the line's L was the load generator's send-to-ack, now C).
# GG_HUB_JVM_OPTS: extra JVM flags for the hub process (e.g. a JFR recording).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v influxd >/dev/null || { echo "influxd missing: apt-get install influxdb" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
  || { echo "postgres missing: apt-get install postgresql" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cp_file="$root/hub/target/bench-classpath.txt"
./mvnw -B -ntp -q -pl hub -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cp="$root/hub/target/test-classes:$root/hub/target/classes:$root/protocols/target/classes:$root/protocols/testkit/target/classes:$(cat "$cp_file")"
exec java -Xms512m -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" org.gridguard.hub.bench.IncidentBenchmark "$@"
