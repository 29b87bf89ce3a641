#!/usr/bin/env bash
# Measures NFQUEUE verdicts/s of Vigil's NfqSource next to the C libnetfilter_queue accept-all listener
# (NfqVerdictRateTest; needs root, iproute2, iptables, gcc, libnetfilter-queue-dev). Prints the ratio.
# Options through the environment: PACKETS (per flood, default 400000), ROUNDS (default 3).
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../../../../.." && pwd)"
cd "$ROOT"
VIGIL_NFQ_RATE=1 ./mvnw -B -ntp -q -pl runtime test -Dtest=NfqVerdictRateTest -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dvigil.nfq.rate.packets=${PACKETS:-400000} -Dvigil.nfq.rate.rounds=${ROUNDS:-3}" \
  -Dsurefire.useFile=false -DtrimStackTrace=false 2>&1 | grep -E "round|NFQUEUE verdict rate|vigil STATS|ERROR|skipped" || true
