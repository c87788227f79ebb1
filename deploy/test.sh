#!/usr/bin/env bash
# Command (2) of the README: run every test, unit and integration, on a fresh Debian 12
# machine as root. Installs what is missing (JDK 17, the Debian packages the integration tests
# start), then builds and verifies all modules with the Maven wrapper. Extra arguments go to
# Maven, e.g.  deploy/test.sh -pl protocols
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh

exec ./mvnw -B -ntp verify "$@"
