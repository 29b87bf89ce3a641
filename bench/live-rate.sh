#!/usr/bin/env bash
# Live capture throughput: replays one capture with tcpreplay over a veth pair into Vigil (`run -i`) and
# into Suricata (`--af-packet`), both on the same rules and thread count, at each packet rate given, and
# prints the kernel's packet and drop counts of each engine per rate. The highest rate with 0 drops is
# each engine's zero-loss throughput on this machine. Needs root, iproute2, tcpreplay, Suricata
# (`bin/oracle install`) and a built Vigil. Run it on a quiet machine: the replay itself takes a core.
#   sudo bench/live-rate.sh --rules ET.rules --vrs ET.vrs [--threads N] [--rounds K] [--loop L]
#        [--warm-up SAMPLE] CAPTURE PPS...
# --warm-up: Vigil runs SAMPLE (a capture of the same kind of traffic, not CAPTURE itself) through a
# throwaway chain before it opens its sockets (`run --warm-up`), so the replay meets compiled code.
# CAPTURE is one Ethernet pcap (mergecap -F pcap -a joins several); frames above 1500 bytes need the
# veth's MTU, which is raised to 16000. Replay long enough (--loop) that the rings cannot hold it all.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
vigil=${VIGIL:-$here/bin/vigil}
rules="" vrs="" threads=2 rounds=1 loops=1 warm=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rules) rules=$2; shift 2 ;;
    --vrs) vrs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --loop) loops=$2; shift 2 ;;
    --warm-up) warm=(--warm-up "$(realpath "$2")"); shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] && [ -n "$rules" ] || { sed -n 2,12p "$0"; exit 2; }
capture=$(realpath "$1"); shift
[ -n "$vrs" ] || vrs=$rules
[ "$(id -u)" -eq 0 ] || { echo "live-rate: needs root (network namespaces)" >&2; exit 2; }
corpus=${VIGIL_CORPUS:-$here/../shared/corpus}
out=$(mktemp -d /tmp/live-rate.XXXXXX)

cleanup() { ip netns del lr-src 2>/dev/null || true; ip netns del lr-sen 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add lr-src
ip netns add lr-sen
ip link add lr0 netns lr-src type veth peer name lr1 netns lr-sen
for ns in lr-src:lr0 lr-sen:lr1; do
  ip -n "${ns%%:*}" link set "${ns##*:}" mtu 16000 up
done
ip -n lr-sen link set lo up

# Waits until FILE holds PATTERN (the engine is ready) or 120 s pass.
await() {
  for _ in $(seq 1 1200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "live-rate: engine not ready, see $1" >&2
  return 1
}

vigil_run() { # dir
  local mode=(--runmode single)
  [ "$threads" -gt 1 ] && mode=(--runmode workers --threads "$threads")
  ip netns exec lr-sen "$vigil" run -i lr1 --ruleset "$vrs" -k none -l "$1" "${mode[@]}" "${warm[@]}" ${VIGIL_ARGS:-} >"$1/out.txt" 2>&1 &
  echo $!
}

suricata_run() { # dir
  ip netns exec lr-sen suricata --af-packet=lr1 -k none --runmode workers \
    --set af-packet.0.interface=lr1 --set af-packet.0.threads="$threads" \
    --set af-packet.0.cluster-type=cluster_flow \
    --set vars.address-groups.HOME_NET=any --set vars.address-groups.EXTERNAL_NET=any \
    --set classification-file="$corpus/rules/classification.config" \
    --set reference-config-file="$corpus/rules/reference.config" \
    -S "$rules" -l "$1" >"$1/out.txt" 2>&1 &
  echo $!
}

# Kernel packets and drops an engine reported at exit.
counts() { # engine dir
  if [ "$1" = vigil ]; then
    python3 - "$2/stats.json" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line:
        last = json.loads(line)
def find(o, k):
    if isinstance(o, dict):
        for key, v in o.items():
            if key == k and not isinstance(v, dict):
                return v
            r = find(v, k)
            if r is not None:
                return r
    return None
print(find(last, "kernel_packets"), find(last, "kernel_drops"))
PY
  else
    grep -hoE "packets: [0-9]+, drops: [0-9]+" "$2/suricata.log" 2>/dev/null |
      awk "{gsub(\",\",\"\",\$2); p+=\$2; d+=\$4} END {print p+0, d+0}"
  fi
}

alerts() { grep -c '"event_type":"alert"' "$1/eve.json" 2>/dev/null || echo 0; }

printf '%-8s %-9s %10s %10s %8s %7s\n' pps engine kernel_pkts drops drop% alerts
for round in $(seq 1 "$rounds"); do
  for pps in "$@"; do
    for engine in vigil suricata; do
      dir=$out/$engine-$pps-$round
      mkdir -p "$dir"
      if [ $engine = vigil ]; then
        pid=$(vigil_run "$dir")
        await "$dir/out.txt" "capturing on lr1" || true
        sleep 2
      else
        pid=$(suricata_run "$dir")
        await "$dir/suricata.log" "Engine started\|threads, engine started" || true
      fi
      ip netns exec lr-src tcpreplay -q -i lr0 --pps "$pps" --loop "$loops" "$capture" >"$dir/replay.txt" 2>&1 || true
      sleep 2
      kill -TERM "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      read -r kp kd < <(counts $engine "$dir")
      pct=$(python3 -c "import sys; p,d=float(sys.argv[1] or 0),float(sys.argv[2] or 0); print(f'{100*d/p:.2f}' if p else '-')" "${kp:-0}" "${kd:-0}")
      printf '%-8s %-9s %10s %10s %8s %7s\n' "$pps" $engine "${kp:-?}" "${kd:-?}" "$pct" "$(alerts "$dir")"
    done
  done
done
echo "logs in $out"
