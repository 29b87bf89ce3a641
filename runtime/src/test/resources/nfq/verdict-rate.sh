#!/usr/bin/env bash
# Measures NFQUEUE verdicts/s of Vigil's NfqSource next to the C libnetfilter_queue accept-all listener
# (NfqVerdictRateTest; needs root, iproute2, iptables, gcc, libnetfilter-queue-dev) and prints the ratio.
# Environment: PACKETS per flood (default 400000), ROUNDS (default 3).
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../../../../.." && pwd)"
cd "$ROOT"
VIGIL_NFQ_RATE=1 VIGIL_NFQ_RATE_PACKETS="${PACKETS:-400000}" VIGIL_NFQ_RATE_ROUNDS="${ROUNDS:-3}" \
  ./mvnw -B -ntp -q -pl runtime test -Dtest=NfqVerdictRateTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E "^round|^NFQUEUE verdict rate|vigil STATS|ALLOC|skipped|ERROR|FAIL" || true
