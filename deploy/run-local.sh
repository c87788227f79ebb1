#!/usr/bin/env bash
# Command (1) of the README: run the whole system locally on a fresh Debian 12 machine (root).
#   - installs missing Debian packages and a JDK 17 (deploy/install-deps.sh), builds the jars
#   - starts InfluxDB and mosquitto on free loopback ports, state under var/run-local/
#   - starts the hub (embedded H2 database) with demo data: a small county of grids and one user
#     per role with generated passwords (printed, and in var/run-local/logins), registers a demo
#     gateway as the demo technician
#   - starts the simulated village (deploy/sim/village.sh, config deploy/sim/village-sim.yml):
#     vendor MQTT payloads of its devices and a synthetic camera (an ffmpeg child), and the edge
#     agent for the demo gateway
# Prints the addresses; Ctrl-C stops everything. Set RUN_SECONDS=N to stop by itself after N s,
# GG_SKIP_BUILD=1 to use the jars already built (deploy/system-test.sh does, after the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run="$root/var/run-local"
mkdir -p "$run"

if [ -z "${GG_SKIP_BUILD:-}" ]; then
  deploy/install-deps.sh
  echo "run-local: building (tests skipped; deploy/test.sh runs them)"
  ./mvnw -B -ntp -q -DskipTests package
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "run-local: stopping"
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    # children first: killing a restart loop's subshell alone left its ffmpeg (waiting in
    # -listen mode for a client that never came) running after run-local ended
    pkill -TERM -P "${pids[$i]}" 2>/dev/null || true
    kill "${pids[$i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup INT TERM EXIT

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {  # preferred port if free, else a random free one
  local p="${1:-0}"
  if [ "$p" -gt 0 ] && ! port_busy "$p"; then echo "$p"; return; fi
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    port_busy "$p" || { echo "$p"; return; }
  done
  echo "run-local: no free port found" >&2; exit 1
}
wait_for() {  # wait_for <what> <seconds> <command...>
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $(( secs * 10 ))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "run-local: $what did not come up in ${secs}s; see $run/*.log" >&2; exit 1
}

influx_port=$(pick_port 8086); influx_rpc=$(pick_port 0)
mqtt_port=$(pick_port 1883); ingest_port=$(pick_port 7000); http_port=$(pick_port 8080)
camera_port=$(pick_port 0)

# --- InfluxDB 1.x ------------------------------------------------------------------------
mkdir -p "$run/influxdb"
cat > "$run/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$influx_rpc"
[meta]
  dir = "$run/influxdb/meta"
[data]
  dir = "$run/influxdb/data"
  wal-dir = "$run/influxdb/wal"
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
influxd -config "$run/influxdb.conf" >"$run/influxdb.log" 2>&1 &
pids+=($!)
wait_for InfluxDB 30 curl -sf "http://127.0.0.1:$influx_port/ping"

# --- mosquitto ---------------------------------------------------------------------------
cat > "$run/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence_location $run/
log_dest file $run/mosquitto.log
$( [ "$(id -u)" = 0 ] && echo "user root" )
# the sized gateway settings (queue, in-flight, persistence), as a gateway installs them
$(cat "$root/deploy/mosquitto-gateway.conf")
CONF
mosquitto -c "$run/mosquitto.conf" >/dev/null 2>&1 &
pids+=($!)
wait_for mosquitto 15 port_busy "$mqtt_port"

# --- hub -----------------------------------------------------------------------------------
hub_jar=$(ls hub/target/gridguard-hub-*.jar | grep -v original | head -1)
( cd "$run" && exec java -Xmx512m -jar "$root/$hub_jar" \
    --server.port="$http_port" \
    --spring.datasource.url="jdbc:h2:file:$run/hub-db" \
    --gridguard.ingest.host=127.0.0.1 --gridguard.ingest.port="$ingest_port" \
    --gridguard.ingest.tls.enabled=false \
    --gridguard.influx.url="http://127.0.0.1:$influx_port" \
    --gridguard.evidence.directory="$run/evidence" \
    --gridguard.security.bootstrap-password-file="$run/bootstrap-admin-password" \
    --gridguard.demo.enabled=true --gridguard.demo.logins-file="$run/logins" \
    >"$run/hub.log" 2>&1 ) &
pids+=($!)
wait_for hub 120 curl -sf "http://127.0.0.1:$http_port/actuator/health"

wait_for "demo logins" 30 test -s "$run/logins"

# sign in as the demo technician (REST API: bearer token), then register the demo gateway
gateway=village-demo
hub="http://127.0.0.1:$http_port"
read -r _ tech_user tech_password < <(grep '^TECHNICIAN ' "$run/logins")
token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"$tech_user\",\"password\":\"$tech_password\"}" "$hub/api/v1/auth/token" \
  | sed -nE 's/.*"token" *: *"([^"]+)".*/\1/p')
[ -n "$token" ] || { echo "run-local: could not sign in as $tech_user; see $run/hub.log" >&2; exit 1; }
printf '%s' "$token" > "$run/technician.token"; chmod 600 "$run/technician.token"
api="$hub/api/v1/gateways"
# register the gateway (an earlier run may have: 409 is fine), then enrol the edge agent with a
# one-time code as a technician would (README "Devices and enrolment"): no credential typed or copied
curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"gatewayId\":\"$gateway\",\"gridCode\":\"330102001001001\"}" "$api"
answer=$(curl -s -X POST -H "Authorization: Bearer $token" "$api/$gateway/enrolment")
code=$(sed -nE 's/.*"code" *: *"([^"]+)".*/\1/p' <<<"$answer")
[ -n "$code" ] || { echo "run-local: could not get an enrolment code: $answer" >&2; exit 1; }
java -jar edge-agent/target/gridguard-edge-agent.jar --enrol "$hub" "$code" --out "$run" \
  >"$run/enrol.log" 2>&1 \
  || { echo "run-local: edge enrolment failed:" >&2; cat "$run/enrol.log" >&2; exit 1; }

# the demo's devices are registered in the hub as a technician would (README "Devices and
# enrolment"): the hub assembles them into the edge's managed sections (video.cameras,
# rules.devices) and pushes them to the agent over its session — agent.yml has none of them
devices="$api/$gateway/devices"
register_device() { # $1 = device id, $2 = JSON body; an earlier run may have it (409 is fine)
  local status
  status=$(curl -s -o "$run/device-$1.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$2" "$devices")
  case "$status" in
    201|409) ;;
    *) echo "run-local: could not register device $1 ($status):" >&2; cat "$run/device-$1.json" >&2; exit 1 ;;
  esac
}
register_device cam-village-gate "{\"deviceId\":\"cam-village-gate\",\"kind\":\"CAMERA\",\"name\":\"Village gate\",
  \"gridCode\":\"330102001001001\",\"lat\":30.2741,\"lon\":120.1551,
  \"stream\":{\"url\":\"http://127.0.0.1:$camera_port/cam-village-gate.mjpg\"},
  \"settings\":{\"analysis_fps\":5,\"zones\":[{\"name\":\"gate\",
    \"polygon\":[[0.0,0.45],[1.0,0.45],[1.0,1.0],[0.0,1.0]],\"min_area\":0.01}]}}"
# the simulated river gauge crosses 1 m every 5 minutes
register_device SC-WL-RIVER "{\"deviceId\":\"SC-WL-RIVER\",\"kind\":\"SENSOR\",\"name\":\"River gauge\",
  \"gridCode\":\"330102001001001\",\"lat\":30.2752,\"lon\":120.1563,
  \"settings\":{\"sensor_type\":\"water_level\",\"unit\":\"m\",\"thresholds\":[{\"metric\":\"water_level\",
    \"above\":1.0,\"clear_below\":0.8,\"debounce\":\"10s\",\"type\":\"WATER_LEVEL\",\"priority\":1,\"category\":9104}]}}"

# the demo village's patrol is on duty round the clock (a dispatcher's roster, through the REST API),
# so the village's P1 fire is dispatched to the demo patrol's phone
read -r _ disp_user disp_password < <(grep '^DISPATCHER ' "$run/logins")
read -r _ patrol_user _ < <(grep '^PATROL ' "$run/logins")
disp_token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"$disp_user\",\"password\":\"$disp_password\"}" "$hub/api/v1/auth/token" \
  | sed -nE 's/.*"token" *: *"([^"]+)".*/\1/p')
teams="$hub/api/v1/patrol/teams"
team=$(curl -s -H "Authorization: Bearer $disp_token" "$teams" | sed -nE 's/.*"id" *: *([0-9]+).*"gridCode" *: *"330102001001".*/\1/p' | head -1)
if [ -z "$team" ]; then
  team=$(curl -s -X POST -H "Authorization: Bearer $disp_token" -H 'Content-Type: application/json' \
    -d '{"name":"Demo village patrol","gridCode":"330102001001"}' "$teams" | sed -nE 's/^\{"id" *: *([0-9]+).*/\1/p')
fi
[ -n "$team" ] || { echo "run-local: could not create the demo patrol team" >&2; exit 1; }
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $disp_token" -H 'Content-Type: application/json' \
  -d "{\"usernames\":[\"$patrol_user\"]}" "$teams/$team/members" \
  || { echo "run-local: could not add $patrol_user to the demo patrol" >&2; exit 1; }
shifts=$(for d in MON TUE WED THU FRI SAT SUN; do printf '{"username":"%s","day":"%s","start":"00:00","end":"00:00"},' "$patrol_user" "$d"; done)
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $disp_token" -H 'Content-Type: application/json' \
  -d "{\"shifts\":[${shifts%,}]}" "$teams/$team/roster" \
  || { echo "run-local: could not set the demo patrol roster" >&2; exit 1; }

# more of the simulated village's devices, so that the console map shows them (they publish
# whether registered or not; registering adds the place, the name and the health)
register_device AC400-0012 "{\"deviceId\":\"AC400-0012\",\"kind\":\"DOOR\",\"name\":\"Village gate doors\",
  \"gridCode\":\"330102001001001\",\"lat\":30.2744,\"lon\":120.1548,
  \"settings\":{\"channels\":[{\"channel\":\"1\",\"name\":\"North door\"},{\"channel\":\"2\",\"name\":\"South door\"}]}}"
register_device SC-SM-KITCHEN "{\"deviceId\":\"SC-SM-KITCHEN\",\"kind\":\"SENSOR\",\"name\":\"Canteen kitchen smoke\",
  \"gridCode\":\"330102001001001\",\"lat\":30.2738,\"lon\":120.1559,\"settings\":{\"sensor_type\":\"smoke\"}}"
register_device SC-SOS-SQUARE "{\"deviceId\":\"SC-SOS-SQUARE\",\"kind\":\"SENSOR\",\"name\":\"Square emergency button\",
  \"gridCode\":\"330102001001001\",\"lat\":30.2747,\"lon\":120.1557,\"settings\":{\"sensor_type\":\"emergency_button\"}}"
register_device SC-MH-MAIN "{\"deviceId\":\"SC-MH-MAIN\",\"kind\":\"SENSOR\",\"name\":\"Main street manhole\",
  \"gridCode\":\"330102001001001\",\"lat\":30.2735,\"lon\":120.1545,\"settings\":{\"sensor_type\":\"manhole_cover\"}}"

# --- simulated village (its camera first: the edge is told to open it as soon as it connects) ---
# deploy/sim/village-sim.yml: the demo devices, their rhythm and anomalies (a forced door at 60 s,
# smoke at 90 s, ...) and the synthetic camera cam-village-gate (an ffmpeg child of the simulator,
# stopped with it)
VILLAGE_CAMERA_PORT="$camera_port" deploy/sim/village.sh "$mqtt_port" >"$run/village.log" 2>&1 &
pids+=($!)

# --- edge agent ----------------------------------------------------------------------------
sed -e "s|@RUN@|$run|g" -e "s|@GATEWAY@|$gateway|g" -e "s|@INGEST_PORT@|$ingest_port|g" \
    -e "s|@MQTT_PORT@|$mqtt_port|g" \
    deploy/local/agent.yml > "$run/agent.yml"
java -Xmx512m -jar edge-agent/target/gridguard-edge-agent.jar --config "$run/agent.yml" \
  >"$run/edge-agent.log" 2>&1 &
pids+=($!)

cat <<INFO > "$run/addresses"
HTTP_PORT=$http_port
INFLUX_PORT=$influx_port
MQTT_PORT=$mqtt_port
INGEST_PORT=$ingest_port
INFO
cat <<INFO

GridGuard is running (state and logs in $run):
  console (sign in in a browser)  http://127.0.0.1:$http_port/   patrol phone page: /patrol
  hub health (anonymous: UP/DOWN) http://127.0.0.1:$http_port/actuator/health
  hub REST API (bearer token)    http://127.0.0.1:$http_port/api/v1/...   OpenAPI: /swagger-ui.html
  metrics (ADMIN/TECHNICIAN)     http://127.0.0.1:$http_port/actuator/prometheus
  hub ingest (GridGuard protocol) 127.0.0.1:$ingest_port (plain TCP, local only)
  InfluxDB                       http://127.0.0.1:$influx_port  (database gridguard)
  mosquitto                      127.0.0.1:$mqtt_port
  synthetic camera               http://127.0.0.1:$camera_port/cam-village-gate.mjpg
  simulated village              deploy/sim/village-sim.yml, status lines in $run/village.log
  edge agent                     gateway '$gateway', config $run/agent.yml
Demo logins (role, username, password; also in $run/logins):
$(sed 's/^/  /' "$run/logins")
Try:  TOKEN=\$(cat $run/technician.token)
      curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$http_port/api/v1/gateways
      curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$http_port/api/v1/gateways/$gateway/config/status
      curl -s 'http://127.0.0.1:$influx_port/query?db=gridguard&q=SHOW+MEASUREMENTS'
Ctrl-C stops everything.
INFO

if [ -n "${RUN_SECONDS:-}" ]; then
  sleep "$RUN_SECONDS"
else
  wait -n "${pids[@]}" || true
  echo "run-local: a component exited; see $run/*.log" >&2
fi
