#!/bin/sh
# MQTT part of `deploy/bench.sh edge`: QoS 1 messages from a real mosquitto through the edge
# agent's MQTT source into an in-memory SpoolSink, against mosquitto_pub → mosquitto_sub of the
# same messages through the same broker in the same run. The messages are the village simulator's
# (org.gridguard.edge.sim.SimLoad, telemetry mode: senscity uplinks of 1,000 simulated sensors),
# mapped by the shipped senscity-sensors preset; a dead-lettered message fails the run. Prints one line:
#   edge-mqtt: mqtt_in_per_s=X baseline_pub_sub_per_s=Y ratio=X/Y
# Needs the Debian packages mosquitto and mosquitto-clients. Args: [messages] [rounds].
set -eu
cd "$(dirname "$0")/../.."
for bin in /usr/sbin/mosquitto mosquitto_pub mosquitto_sub; do
  command -v "$bin" >/dev/null 2>&1 || { echo "missing $bin: apt-get install mosquitto mosquitto-clients" >&2; exit 1; }
done
./mvnw -B -ntp -q -pl edge-agent -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
CP="edge-agent/target/test-classes:edge-agent/target/classes:$(cat edge-agent/target/bench.classpath)"
exec java -Xmx1g -cp "$CP" org.gridguard.edge.source.mqtt.MqttInBenchmark "$@"
