#!/usr/bin/env bash
# Edge agent benchmark. Prints one line:
#   edge: mqtt_in_per_s=X spool_append_per_s=Y fsync_p99_ms=Z end_to_end_per_s=W baseline...=B spool_vs_baseline=R
# spool_append_per_s: 2 producer threads appending telemetry records into the spool (group
# commit, fsync every <= 50 ms), until every future completed (durable).
# Baseline (same run): one thread writing the same framed bytes with FileChannel.write and
# force() every 50 ms. fsync_p99_ms: the spool's group-commit fsync latency p99 (bucket upper
# bound). end_to_end_per_s: spool -> uplink (Netty) -> in-process test hub, until acknowledged.
# mqtt_in_per_s: QoS 1 messages from a real mosquitto through the MQTT source into the spool
# (durable, acked to the broker); baseline mosquitto_pub -> mosquitto_sub, same run.
# Options: -Dbench.mqtt=N -Dbench.mqtt.rounds=R as well.
# Options: -Dbench.appends=N -Dbench.e2e=N through BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# One reactor run so protocols resolves from this tree (never from ~/.m2); edge-agent is built
# last, so its classpath is what ends up in the file.
./mvnw -B -ntp -q -pl edge-agent -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
classpath="edge-agent/target/test-classes:edge-agent/target/classes:protocols/target/classes:protocols/testkit/target/classes:$(cat "$cp_file")"
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.gridguard.edge.bench.EdgeBenchmark
