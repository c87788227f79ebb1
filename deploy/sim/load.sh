#!/usr/bin/env bash
# The village simulator as a load generator (org.gridguard.edge.sim.SimLoadCommand in the edge
# agent's jar): N simulated devices of given kinds over V villages publish their smoke/emergency/
# forced-door/manhole alarms or their everyday uplinks at a fixed rate, in the vendor formats the
# edge's presets map (the same payloads as village.sh). The load benchmarks use it
# (deploy/bench.sh alarm, deploy/bench.sh edge-mqtt).
# Usage: deploy/sim/load.sh <mqtt-port> --mode alarms|telemetry [--kinds smoke,...] [--devices N]
#          [--villages N] [--rate per_s (0: unpaced)] [--count N (0: until stopped)]
#          [--clear-after-ms N] [--id-prefix SC] [--tag L] [--seed N] [--times-file PATH]
# Device i is <id-prefix>-<kind prefix>-<tag><i, 4 digits> (SC-SM-L0007) in village i mod V;
# --times-file writes "<device id> <publish epoch microseconds>" per alarm. Prints one line:
#   sim-load: mode=alarms units=N messages=M seconds=S units_per_s=R
# Needs the built jar (./mvnw -B -ntp -q -pl edge-agent -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:?usage: load.sh <mqtt-port> --mode alarms|telemetry [options]}"
shift
jar="$here/../../edge-agent/target/gridguard-edge-agent.jar"
[ -f "$jar" ] || { echo "load.sh: $jar is missing; build it first (./mvnw -B -ntp -q -pl edge-agent -am package -DskipTests)" >&2; exit 1; }
exec "${JAVA:-java}" -Xmx256m -cp "$jar" org.gridguard.edge.sim.SimLoadCommand --mqtt-port "$port" "$@"
