#!/usr/bin/env bash
# Installs what the tests need on Debian 12, only if missing:
#   - the Debian packages whose binaries the integration tests start as child processes
#     (org.gridguard.testkit): influxdb mosquitto mosquitto-clients ffmpeg postgresql, plus curl
#     (run-local, Maven wrapper; ca-certificates for its HTTPS) and openssl (TLS test certificates),
#     plus chromium and chromium-driver (the console's browser tests drive /usr/bin/chromium
#     through /usr/bin/chromedriver, headless) and fonts-wqy-microhei (a Chinese font, so the
#     test screenshots are readable), plus any package named as an argument
#   - a JDK 17 (openjdk-17-jdk-headless) if there is no java/javac 17+ on PATH, since the Maven
#     wrapper run by deploy/test.sh needs one.
#
# Idempotent: when everything is installed it changes nothing. The tests run their own
# instances on free ports, so the system services these packages would start are kept from
# starting during the install and are then stopped and disabled: they would only hold the
# default ports (8086, 1883, 5432).
set -euo pipefail

DEFAULT_PACKAGES=(influxdb mosquitto mosquitto-clients ffmpeg postgresql curl openssl ca-certificates
  chromium chromium-driver fonts-wqy-microhei)
JDK_PACKAGE=openjdk-17-jdk-headless
POLICY=/usr/sbin/policy-rc.d

packages=("${DEFAULT_PACKAGES[@]}" "$@")

log() { echo "install-deps: $*"; }

# "dpkg -s" alone also succeeds for removed packages whose config files remain.
installed() {
  dpkg -s "$1" 2>/dev/null | grep -qx 'Status: install ok installed'
}

has_jdk17() {
  command -v javac >/dev/null 2>&1 || return 1
  local major
  major=$(java -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
has_jdk17 || missing+=("$JDK_PACKAGE")

if [ ${#missing[@]} -eq 0 ]; then
  log "nothing to install (${packages[*]}, JDK 17)"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: must run as root (or with sudo available) to install: ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
fi
root() { ${as_root[@]+"${as_root[@]}"} "$@"; }

# Keep maintainer scripts from starting services at all: invoke-rc.d and deb-systemd-invoke
# honour policy-rc.d, exit code 101 = "action forbidden". An existing policy (Docker images ship
# one) is left as it is.
if [ ! -e "$POLICY" ]; then
  root sh -c "printf '#!/bin/sh\nexit 101\n' > $POLICY && chmod 755 $POLICY"
  trap 'root rm -f "$POLICY"' EXIT
fi

log "installing ${missing[*]}"
root apt-get update
root env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"

# Stops and disables a service that a just-installed package may have started, with whatever
# init tooling exists (systemd, sysvinit scripts, or neither in a container); never fails.
disable_service() {
  local service=$1
  if command -v systemctl >/dev/null 2>&1; then
    # Works without a running systemd too: disable only edits the unit symlinks.
    root systemctl disable "$service" >/dev/null 2>&1 || true
  fi
  if [ -d /run/systemd/system ]; then
    root systemctl stop "$service" >/dev/null 2>&1 || true
  else
    root service "$service" stop >/dev/null 2>&1 || true
    if command -v update-rc.d >/dev/null 2>&1; then
      root update-rc.d "$service" disable >/dev/null 2>&1 || true
    fi
  fi
}

# Last resort for daemons still running: match only the package's own daemon (its service
# user, or the cluster config under /etc/postgresql), never the tests' instances, which run
# as root, or as postgres but without an /etc/postgresql config.
for package in "${missing[@]}"; do
  case "$package" in
    influxdb)
      disable_service influxdb
      root pkill -u influxdb -x influxd || true
      ;;
    mosquitto)
      disable_service mosquitto
      root pkill -u mosquitto -x mosquitto || true
      ;;
    postgresql)
      disable_service postgresql
      if command -v pg_lsclusters >/dev/null 2>&1; then
        pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _; do
          root pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
        done || true
      fi
      root pkill -u postgres -f 'config_file=/etc/postgresql/' || true
      ;;
  esac
done

log "done"
