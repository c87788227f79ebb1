#!/usr/bin/env bash
# Command (2) of the README: run every test on a fresh Debian 12 machine as root.
#   1. installs what is missing (JDK 17, the Debian packages the integration tests start)
#   2. unit and integration tests of all modules with the Maven wrapper (./mvnw verify)
#   3. the system test: the whole product as deploy/run-local.sh starts it, checked from
#      outside (deploy/system-test.sh), with the jars step 2 built
# Extra arguments go to Maven, e.g.  deploy/test.sh -pl protocols  (the system test then runs
# only when every module was built: skip it with GG_SKIP_SYSTEM_TEST=1).
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh

./mvnw -B -ntp verify "$@"

if [ -z "${GG_SKIP_SYSTEM_TEST:-}" ] && [ $# -eq 0 ]; then
  deploy/system-test.sh
fi
