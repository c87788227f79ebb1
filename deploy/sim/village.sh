#!/usr/bin/env bash
# A simulated village for the local run: publishes realistic vendor payloads to the gateway's
# mosquitto with mosquitto_pub (package mosquitto-clients), matching the edge agent's shipped
# mapping presets (acme-access, senscity-sensors, gridguard-canonical):
#   - 3 water-level gauges, 2 temperature/humidity sensors, 1 e-bike charging socket: every 5 s
#   - swipes at two doors (mostly granted, some denied) every few seconds
#   - a forced door every ~2 minutes, a smoke alarm (and its clearing) every ~3 minutes,
#     a burst of denied swipes every ~4 minutes, the river gauge rising past its threshold
#     every ~5 minutes
# Usage: deploy/sim/village.sh <mqtt-port> [seconds]   (default: run until killed)
set -euo pipefail
port="${1:?usage: village.sh <mqtt-port> [seconds]}"
duration="${2:-0}"
pub() { mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t "$1" -m "$2"; }
now_ms() { date +%s%3N; }
local_time() { TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M:%S'; }

seq=1000
tick=0
start=$(date +%s)
while :; do
  if [ "$duration" -gt 0 ] && [ $(( $(date +%s) - start )) -ge "$duration" ]; then
    exit 0
  fi
  ts=$(now_ms)
  if (( tick % 5 == 0 )); then
    # River gauge: a slow wave that crosses 1.0 m for ~40 s every 5 minutes.
    phase=$(( tick % 300 ))
    if (( phase >= 240 && phase < 280 )); then river=$(( 1050 + RANDOM % 80 )); else river=$(( 420 + RANDOM % 60 )); fi
    pub senscity/v1/SC-WL-RIVER/up "{\"devEui\":\"SC-WL-RIVER\",\"product\":\"water\",\"ts\":$ts,\"data\":{\"level_mm\":$river,\"battery\":87}}"
    pub senscity/v1/SC-WL-POND/up "{\"devEui\":\"SC-WL-POND\",\"product\":\"water\",\"ts\":$ts,\"data\":{\"level_mm\":$(( 300 + RANDOM % 40 )),\"battery\":64}}"
    pub senscity/v1/SC-WL-CULVERT/up "{\"devEui\":\"SC-WL-CULVERT\",\"product\":\"water\",\"ts\":$ts,\"data\":{\"level_mm\":$(( 150 + RANDOM % 30 )),\"battery\":91}}"
    pub senscity/v1/SC-TH-HALL/up "{\"devEui\":\"SC-TH-HALL\",\"product\":\"th\",\"ts\":$ts,\"data\":{\"temp\":$(( 205 + RANDOM % 20 )),\"hum\":$(( 55 + RANDOM % 10 )),\"battery\":77}}"
    pub senscity/v1/SC-TH-STORE/up "{\"devEui\":\"SC-TH-STORE\",\"product\":\"th\",\"ts\":$ts,\"data\":{\"temp\":$(( 180 + RANDOM % 20 )),\"hum\":$(( 60 + RANDOM % 10 )),\"battery\":80}}"
    pub senscity/v1/SC-EB-LIFT/up "{\"devEui\":\"SC-EB-LIFT\",\"product\":\"ebike\",\"ts\":$ts,\"data\":{\"current_ma\":$(( RANDOM % 50 )),\"battery\":99}}"
    pub gridguard/gateway_probe/probe-1/telemetry "{\"ts\":$ts,\"readings\":[{\"metric\":\"cpu_temp\",\"value\":$(( 40 + RANDOM % 10 )).5,\"unit\":\"Cel\"}]}"
  fi
  if (( RANDOM % 3 == 0 )); then
    seq=$(( seq + 1 ))
    door=$(( 1 + RANDOM % 2 ))
    evt=1; (( RANDOM % 6 == 0 )) && evt=2
    pub acme/access/AC400-0012/event "{\"sn\":\"AC400-0012\",\"door\":$door,\"evt\":$evt,\"verify\":\"card\",\"card\":\"00$(( 10000000 + RANDOM ))\",\"time\":\"$(local_time)\",\"seq\":$seq}"
  fi
  if (( tick % 120 == 60 )); then
    seq=$(( seq + 1 ))
    pub acme/access/AC400-0012/event "{\"sn\":\"AC400-0012\",\"door\":1,\"evt\":30,\"verify\":\"none\",\"time\":\"$(local_time)\",\"seq\":$seq}"
  fi
  if (( tick % 240 == 200 )); then
    for _ in 1 2 3 4 5 6; do
      seq=$(( seq + 1 ))
      pub acme/access/AC400-0012/event "{\"sn\":\"AC400-0012\",\"door\":2,\"evt\":2,\"verify\":\"card\",\"card\":\"0099999999\",\"time\":\"$(local_time)\",\"seq\":$seq}"
    done
  fi
  if (( tick % 180 == 90 )); then
    pub senscity/v1/SC-SM-KITCHEN/up "{\"devEui\":\"SC-SM-KITCHEN\",\"product\":\"smoke\",\"ts\":$ts,\"data\":{\"smoke\":12,\"battery\":70},\"alarm\":1}"
  fi
  if (( tick % 180 == 120 )); then
    pub senscity/v1/SC-SM-KITCHEN/up "{\"devEui\":\"SC-SM-KITCHEN\",\"product\":\"smoke\",\"ts\":$ts,\"data\":{\"smoke\":0,\"battery\":70},\"alarm\":2}"
  fi
  tick=$(( tick + 1 ))
  sleep 1
done
