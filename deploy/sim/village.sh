#!/usr/bin/env bash
# The simulated village (org.gridguard.edge.sim.VillageSim in the edge agent's jar): publishes the
# vendor payloads of the edge's mapping presets to a gateway's mosquitto, as configured in
# deploy/sim/village-sim.yml (villages, devices per kind, daily rhythm, anomalies, cameras).
# Usage: deploy/sim/village.sh <mqtt-port> [seconds]   (default: run until stopped)
# Environment: VILLAGE_SIM_CONFIG (default deploy/sim/village-sim.yml), VILLAGE_CAMERA_PORT (serve
# the config's cameras from this port on), VILLAGE_SEED (override the seed), JAVA (default java).
# Needs the built jar (./mvnw -B -ntp -q -pl edge-agent -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:?usage: village.sh <mqtt-port> [seconds]}"
seconds="${2:-0}"
jar="$here/../../edge-agent/target/gridguard-edge-agent.jar"
[ -f "$jar" ] || { echo "village.sh: $jar is missing; build it first (./mvnw -B -ntp -q -pl edge-agent -am package -DskipTests)" >&2; exit 1; }
args=("${VILLAGE_SIM_CONFIG:-$here/village-sim.yml}" --mqtt-port "$port" --seconds "$seconds")
[ -n "${VILLAGE_CAMERA_PORT:-}" ] && args+=(--camera-port "$VILLAGE_CAMERA_PORT")
[ -n "${VILLAGE_SEED:-}" ] && args+=(--seed "$VILLAGE_SEED")
# exec: the simulator is this script's process, so stopping it (run-local's cleanup) stops the
# simulator, which stops its ffmpeg children
exec "${JAVA:-java}" -Xmx128m -cp "$jar" org.gridguard.edge.sim.VillageSim "${args[@]}"
