#!/usr/bin/env bash
# System test: the whole product as deploy/run-local.sh starts it (real InfluxDB, mosquitto,
# hub, edge agent with a synthetic camera, the simulated village), checked from outside through
# the hub's metrics and InfluxDB's query API. Run by deploy/test.sh after the Maven tests, with
# the jars they built. Exit 0 when every check passed; otherwise the failed checks and the log
# tails are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
run="$(pwd)/var/run-local"
rm -rf "$run"
mkdir -p var
seconds="${SYSTEM_TEST_SECONDS:-110}"  # the village (deploy/sim/village-sim.yml) forces a door 60 s and raises smoke 90 s after its start

GG_SKIP_BUILD="${GG_SKIP_BUILD:-1}" RUN_SECONDS=$((seconds + 30)) deploy/run-local.sh \
  > "$(pwd)/var/system-test.out" 2>&1 &
runner=$!
trap 'kill $runner 2>/dev/null || true; wait $runner 2>/dev/null || true' EXIT

for _ in $(seq 1 600); do
  [ -f "$run/addresses" ] && break
  kill -0 $runner 2>/dev/null || { cat var/system-test.out; echo "system-test: run-local exited early" >&2; exit 1; }
  sleep 0.5
done
[ -f "$run/addresses" ] || { echo "system-test: the system did not start" >&2; exit 1; }
# shellcheck disable=SC1091
. "$run/addresses"
echo "system-test: running for ${seconds}s"
sleep "$seconds"

failures=0
check() {  # check <description> <command...>
  if "${@:2}" >/dev/null 2>&1; then echo "  ok    $1"; else echo "  FAIL  $1"; failures=$((failures + 1)); fi
}
token=$(cat "$run/technician.token")
signin() {  # signin <ROLE>: a bearer token of that demo user
  local user password
  read -r _ user password < <(grep "^$1 " "$run/logins")
  curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$HTTP_PORT/api/v1/auth/token" | sed -nE 's/.*"token" *: *"([^"]+)".*/\1/p'
}
auth=(-H "Authorization: Bearer $token")
metric() {  # integer sum of a Prometheus metric's samples matching a label filter, or "absent"
  curl -sf "${auth[@]}" "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" \
    | awk -v n="$1" -v f="$2" 'index($0, n) == 1 && index($0, f) { s += $NF; seen = 1 }
        END { if (seen) printf "%d\n", s; else print "absent" }'
}
measurements=$(curl -sf "http://127.0.0.1:$INFLUX_PORT/query?db=gridguard&q=SHOW+MEASUREMENTS" || true)
water=$(curl -sf --get "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode db=gridguard \
  --data-urlencode "q=SELECT count(water_level) FROM water_level" || true)

echo "system-test: checks"
check "hub healthy (InfluxDB and database UP)" \
  sh -c "curl -sf http://127.0.0.1:$HTTP_PORT/actuator/health | grep -q '\"status\":\"UP\"'"
check "health components shown to the technician" \
  sh -c "curl -sf -H 'Authorization: Bearer $token' http://127.0.0.1:$HTTP_PORT/actuator/health | grep -q '\"influx\"'"
check "demo edge agent enrolled with a one-time code (credential file 0600)" \
  test "$(stat -c %a "$run/gateway.credential")" = 600
check "gateway session open" test "$(metric gridguard_ingest_sessions '')" -gt 0
check "telemetry (BULK) records reached the hub" \
  test "$(metric gridguard_ingest_records_in_total 'lane="BULK"')" -gt 0
check "events, alarms, status (PRIORITY) reached the hub" \
  test "$(metric gridguard_ingest_records_in_total 'lane="PRIORITY"')" -gt 0
check "InfluxDB has the water_level measurement" grep -q '"water_level"' <<<"$measurements"
check "InfluxDB has temp_humidity readings" grep -q '"temp_humidity"' <<<"$measurements"
check "water levels stored (count > 0)" grep -qE '"values":\[\["[^"]*",[1-9]' <<<"$water"
# the simulator's devices beyond the original demo ones (deploy/sim/village-sim.yml)
influx_count() {  # influx_count <measurement> <field> <device>: the stored count, or 0
  curl -sf --get "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode db=gridguard \
    --data-urlencode "q=SELECT count($2) FROM $1 WHERE device='$3'" \
    | sed -nE 's/.*"values":\[\["[^"]*",([0-9]+)\]\].*/\1/p' | grep . || echo 0
}
check "simulated manhole cover's telemetry stored (SC-MH-MAIN)" \
  test "$(influx_count manhole_cover tilt_angle SC-MH-MAIN)" -gt 0
check "simulated emergency button's heartbeat stored (SC-SOS-SQUARE)" \
  test "$(influx_count emergency_button battery SC-SOS-SQUARE)" -gt 0
check "simulated gas sensor's telemetry stored (SC-GS-CANTEEN)" \
  test "$(influx_count gas gas_concentration SC-GS-CANTEEN)" -gt 0
check "simulated second access controller's status stored (AC400-0031)" \
  test "$(influx_count access_controller battery AC400-0031)" -gt 0
check "the simulator printed its status line" grep -q "village-sim: sim time" "$run/village.log"
check "anonymous REST call refused (401)" \
  test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$HTTP_PORT/api/v1/gateways)" = 401
check "anonymous metrics refused (401)" \
  test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$HTTP_PORT/actuator/prometheus)" = 401
check "anonymous health shows no details" \
  sh -c "! curl -sf http://127.0.0.1:$HTTP_PORT/actuator/health | grep -q components"
check "one demo login per role" test "$(cut -d' ' -f1 "$run/logins" | sort -u | wc -l)" = 6
check "demo gateway listed for its technician" \
  sh -c "curl -sf -H 'Authorization: Bearer $token' http://127.0.0.1:$HTTP_PORT/api/v1/gateways | grep -q village-demo"
patrol_grids=$(curl -sf -H "Authorization: Bearer $(signin PATROL)" \
  "http://127.0.0.1:$HTTP_PORT/api/v1/grids?size=500" || true)
check "demo patrol sees its village's grid" grep -q 330102001001001 <<<"$patrol_grids"
lacks() { ! grep -q "$1" <<<"$2"; }
check "demo patrol sees no other town's grids" lacks 330102002 "$patrol_grids"
dispatcher=$(signin DISPATCHER)
alarms=$(curl -s -H "Authorization: Bearer $dispatcher" "http://127.0.0.1:$HTTP_PORT/api/v1/alarms?size=200" || true)
incidents=$(curl -s -H "Authorization: Bearer $dispatcher" "http://127.0.0.1:$HTTP_PORT/api/v1/incidents?size=200" || true)
check "the village's forced door became an alarm" grep -q '"DOOR_FORCED_OPEN"' <<<"$alarms"
check "the village's smoke became an alarm" grep -q '"SMOKE"' <<<"$alarms"
check "alarms became incidents in the village's grid" \
  grep -qE '"gridCode":"330102001001001"[^}]*"source":"ALARM"' <<<"$incidents"
check "smoke incident is P1 fire (9101), dispatched at once" \
  grep -qE '"category":"9101","priority":1,[^}]*"state":"DISPATCHED"' <<<"$incidents"
patrol=$(signin PATROL)
tasks=$(curl -s -H "Authorization: Bearer $patrol" "http://127.0.0.1:$HTTP_PORT/api/v1/patrol/tasks" || true)
check "the fire reached the on-duty demo patrol as a task" grep -q '"9101"' <<<"$tasks"
check "no protocol errors" test "$(metric gridguard_ingest_protocol_errors_total '')" = 0
check "no telemetry dead letters" test "$(metric gridguard_telemetry_dead_letters_total '')" = 0
check "no MQTT payload dead-lettered" test ! -s "$run/mqtt-dead-letter.jsonl"
# issue 12: the edge is configured through the hub, not by a hand-written YAML
api="http://127.0.0.1:$HTTP_PORT/api/v1"
gw_devices=$(curl -s "${auth[@]}" "$api/gateways/village-demo/devices" || true)
has_demo_devices() { grep -q '"cam-village-gate"' <<<"$gw_devices" && grep -q '"SC-WL-RIVER"' <<<"$gw_devices"; }
check "demo camera and river gauge registered in the hub" has_demo_devices
check "agent.yml has no cameras or device rules of its own" sh -c "! grep -qE '^(video|rules):' '$run/agent.yml'"
push_status=$(curl -s "${auth[@]}" "$api/gateways/village-demo/config/status" || true)
check "the edge runs the configuration the hub pushed (in_sync)" grep -q '"state":"in_sync"' <<<"$push_status"
check "the last push is kept at the edge for the next start (0600)" \
  test "$(stat -c %a "$run/pushed-config.yml" 2>/dev/null)" = 600
camera_id=$(sed -nE 's/.*"id":([0-9]+),"gatewayId":"village-demo","deviceId":"cam-village-gate".*/\1/p' <<<"$gw_devices" | head -1)
preview_ok() {
  curl -s -o /dev/null -X POST "${auth[@]}" "$api/devices/$camera_id/snapshot" || return 1
  for _ in $(seq 1 40); do
    [ "$(curl -s -o "$run/preview.jpg" -w '%{http_code}' "${auth[@]}" "$api/devices/$camera_id/preview")" = 200 ] \
      && [ "$(head -c 2 "$run/preview.jpg" | od -An -tx1 | tr -d ' ')" = ffd8 ] && return 0
    sleep 0.5
  done
  return 1
}
check "snapshot now: the camera's preview picture arrives (JPEG)" preview_ok
camera_health=$(curl -s "${auth[@]}" "$api/devices/$camera_id/health" || true)
check "the pushed camera turned online (device health)" grep -q '"state":"ONLINE"' <<<"$camera_health"
# issue 12: a mapping changed at the hub (the gateway's edge profile) is pushed and maps live
profile='{"mappingRules":"- name: system-test-gauge\n  topic: systemtest/gauge/+/up\n  device_type: water_level\n  device_id: \"{topic[2]}\"\n  readings:\n    - metric: water_level\n      path: $.level_mm\n      convert: mm_to_m\n      unit: m\n"}'
profile_code=$(curl -s -o "$run/profile.json" -w '%{http_code}' -X PUT "${auth[@]}" \
  -H 'Content-Type: application/json' -d "$profile" "$api/gateways/village-demo/edge-profile" || true)
check "the technician's mapping rule is accepted by the hub" test "$profile_code" = 200
profile_pushed() {
  for _ in $(seq 1 60); do
    status=$(curl -s "${auth[@]}" "$api/gateways/village-demo/config/status" || true)
    grep -q '"state":"in_sync"' <<<"$status" && grep -q system-test-gauge "$run/pushed-config.yml" \
      && return 0
    sleep 0.5
  done
  return 1
}
check "the new mapping is pushed and applied by the edge (in_sync, kept)" profile_pushed
mapped_live() {
  for _ in $(seq 1 40); do
    mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -q 1 -t systemtest/gauge/ST-GAUGE-1/up \
      -m '{"level_mm": 777}' || return 1
    [ "$(influx_count water_level water_level ST-GAUGE-1)" -gt 0 ] && return 0
    sleep 0.5
  done
  return 1
}
check "a message on the new topic is mapped and stored without a restart" mapped_live
check "the edge agent was not restarted for it" \
  test "$(grep -c 'edge agent .* started' "$run/edge-agent.log")" = 1
check "edge agent analysed camera frames" grep -q "framesAnalysed=[1-9]" "$run/edge-agent.log"
check "edge agent logged no errors" sh -c "! grep -q ' ERROR ' '$run/edge-agent.log'"

if [ "$failures" -gt 0 ]; then
  echo "system-test: $failures check(s) failed; log tails:" >&2
  for f in edge-agent.log hub.log village.log; do echo "== $f" >&2; tail -30 "$run/$f" >&2; done
  exit 1
fi
echo "system-test: all checks passed"
