#!/usr/bin/env bash
# Live capture throughput: replays one capture with tcpreplay over a veth pair into Vigil (`run -i`) and
# into Suricata (`--af-packet`), both on the same rules and thread count, at each packet rate given, and
# prints per rate what tcpreplay sent, what the link delivered to the sensor's interface, the kernel's
# packet and drop counts of each engine and the packets it decoded. A rate is zero-loss ("zero" yes) only
# when the engine decoded every packet its sockets received: the kernel dropped none, none was left
# unread in the ring at the stop, and the link lost no more than at a low rate (the capture's frames
# tcpreplay sends but the veth never delivers, counted once by a calibration replay). "unseen" are
# delivered frames no socket counted: with several threads the fanout group's defrag option (defrag:
# yes, both engines' default) joins IPv4 fragments before the sockets and discards those it cannot join
# (overlapping ones), so they depend on the capture and the setting, not on the rate.
# cpu_s/M: the engine's CPU seconds (all threads) while the replay ran, per
# million frames it decoded. LIVE_RATE_THREADS=1 adds a line below each row that splits the CPU by kind of
# thread (packet threads, C2 compiler, GC, ...: bench/thread-window.py, all of them in threads.txt); it
# is off by default because sampling /proc/PID/task every 200 ms costs the engine itself packets
# (Suricata lost 0.03-1.7 % at 50-75k pps with it, none without, same sitting). The highest zero-loss
# rate is each engine's throughput on this machine. Needs
# root, iproute2, tcpreplay, Suricata (`bin/oracle install`) and a built Vigil. Run it on a quiet
# machine: the replay itself takes a core.
#   sudo bench/live-rate.sh --rules ET.rules --vrs ET.vrs [--threads N] [--rounds K] [--loop L]
#        [--warm-up SAMPLE|none] [--engines "vigil suricata"] CAPTURE PPS...
# --warm-up: Vigil runs SAMPLE (a capture of the same kind of traffic, not CAPTURE itself) through a
# throwaway chain before it opens its sockets (`run --warm-up`), so the replay meets compiled code;
# without it Vigil warms up on its built-in synthetic traffic, `--warm-up none` not at all.
# CAPTURE is one Ethernet pcap (mergecap -F pcap -a joins several); frames above 1500 bytes need the
# veth's MTU, which is raised to 16000. Replay long enough (--loop) that the rings cannot hold it all.
# --engines: which engines to run (default both). LIVE_RATE_NS=P names the namespaces P-src and P-sen.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
vigil=${VIGIL:-$here/bin/vigil}
rules="" vrs="" threads=2 rounds=1 loops=1 warm=() engines="vigil suricata"
while [ $# -gt 0 ]; do
  case "$1" in
    --rules) rules=$2; shift 2 ;;
    --vrs) vrs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --loop) loops=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --warm-up) if [ "$2" = none ]; then warm=(--warm-up none); else warm=(--warm-up "$(realpath "$2")"); fi
      shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] && [ -n "$rules" ] || { sed -n 2,20p "$0"; exit 2; }
capture=$(realpath "$1"); shift
[ -n "$vrs" ] || vrs=$rules
[ "$(id -u)" -eq 0 ] || { echo "live-rate: needs root (network namespaces)" >&2; exit 2; }
corpus=${VIGIL_CORPUS:-$here/../shared/corpus}
out=$(mktemp -d /tmp/live-rate.XXXXXX)
# the namespaces' names start with $LIVE_RATE_NS (default lr), so two sittings can run side by side
ns=${LIVE_RATE_NS:-lr}
src=$ns-src sen=$ns-sen

cleanup() { ip netns del "$src" 2>/dev/null || true; ip netns del "$sen" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add "$src"
ip netns add "$sen"
# no IPv6 on the link: its neighbour discovery would add frames nobody replayed
for n in "$src" "$sen"; do
  ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add "$ns-0" netns "$src" type veth peer name lr1 netns "$sen"
ip -n "$src" link set "$ns-0" name lr0
for end in "$src":lr0 "$sen":lr1; do
  ip -n "${end%%:*}" link set "${end##*:}" mtu 16000 up
done
ip -n "$sen" link set lo up

# Waits until FILE holds PATTERN (the engine is ready) or 120 s pass.
await() {
  for _ in $(seq 1 1200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "live-rate: engine not ready, see $1" >&2
  return 1
}

vigil_run() { # dir
  local mode=(--runmode single)
  [ "$threads" -gt 1 ] && mode=(--runmode workers --threads "$threads")
  ip netns exec "$sen" "$vigil" run -i lr1 --ruleset "$vrs" -k none -l "$1" "${mode[@]}" "${warm[@]}" ${VIGIL_ARGS:-} >"$1/out.txt" 2>&1 &
  echo $!
}

suricata_run() { # dir
  ip netns exec "$sen" suricata --af-packet=lr1 -k none --runmode workers \
    --set af-packet.0.interface=lr1 --set af-packet.0.threads="$threads" \
    --set af-packet.0.cluster-type=cluster_flow \
    --set vars.address-groups.HOME_NET=any --set vars.address-groups.EXTERNAL_NET=any \
    --set classification-file="$corpus/rules/classification.config" \
    --set reference-config-file="$corpus/rules/reference.config" \
    -S "$rules" -l "$1" >"$1/out.txt" 2>&1 &
  echo $!
}

# Kernel packets and drops an engine reported at exit, and the frames it decoded.
counts() { # engine dir
  if [ "$1" = vigil ]; then
    python3 - "$2/stats.json" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line:
        last = json.loads(line)
s = last["stats"]
print(s["capture"]["kernel_packets"], s["capture"]["kernel_drops"], s["decoder"]["pkts"])
PY
  else
    local kd pk
    kd=$(grep -hoE "packets: [0-9]+, drops: [0-9]+" "$2/suricata.log" 2>/dev/null |
      awk "{gsub(\",\",\"\",\$2); p+=\$2; d+=\$4} END {print p+0, d+0}")
    pk=$(grep -E "^decoder.pkts +\|" "$2/stats.log" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
    echo "$kd ${pk:-0}"
  fi
}

# CPU seconds (user + sys, all threads) process PID has used so far.
cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Frames the sensor's end of the link received so far (every frame that reached its packet sockets).
delivered() { ip netns exec "$sen" cat /sys/class/net/lr1/statistics/rx_packets; }

# Frames tcpreplay sent (its "Successful packets"), from its output FILE.
sent() { awk '/Successful packets:/ {print $3}' "$1"; }

alerts() { grep -c '"event_type":"alert"' "$1/eve.json" 2>/dev/null || echo 0; }

# The frames of CAPTURE tcpreplay sends but the link does not deliver even at a low rate: one loop.
d0=$(delivered)
ip netns exec "$src" tcpreplay -q -i lr0 --pps 20000 "$capture" >"$out/calibrate.txt" 2>&1 || true
sleep 1
unfit=$(( $(sent "$out/calibrate.txt") - ($(delivered) - d0) ))
echo "calibration: the link does not carry $unfit frames of each loop of $(basename "$capture")"

printf '%-7s %-8s %8s %9s %6s %9s %7s %8s %6s %7s %6s %5s %6s %7s\n' \
  pps engine sent delivered unseen kern_pkts drops decoded unread lost% link+ zero alerts cpu_s/M
for round in $(seq 1 "$rounds"); do
  for pps in "$@"; do
    for engine in $engines; do
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
      d0=$(delivered)
      c0=$(cpu "$pid")
      sampler=""
      if [ "${LIVE_RATE_THREADS:-0}" = 1 ]; then
        python3 "$here/bench/thread-window.py" "$pid" "$dir/threads.txt" &
        sampler=$!
      fi
      ip netns exec "$src" tcpreplay -q -i lr0 --pps "$pps" --loop "$loops" "$capture" >"$dir/replay.txt" 2>&1 || true
      sleep 2
      dv=$(( $(delivered) - d0 ))
      c1=$(cpu "$pid")
      if [ -n "$sampler" ]; then
        kill -TERM "$sampler"
        wait "$sampler" || true
      fi
      kill -TERM "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      sn=$(sent "$dir/replay.txt")
      read -r kp kd dec < <(counts $engine "$dir")
      # the engine's CPU while the replay ran, per million frames it decoded (load-insensitive)
      cpm=$(python3 -c "import sys; c,d=float(sys.argv[1])-float(sys.argv[2]),int(sys.argv[3]); print(f'{c*1e6/d:.1f}' if d else '-')" "$c1" "$c0" "${dec:-0}")
      # unread: counted by the kernel, not dropped, never decoded (left in the ring at the stop);
      # link+: frames the link lost beyond those it can never carry (its backlog overflowed)
      unread=$(( ${kp:-0} - ${kd:-0} - ${dec:-0} ))
      extra=$(( ${sn:-0} - dv - unfit * loops ))
      unseen=$(( dv - ${kp:-0} ))
      lost=$(( ${kp:-0} - ${dec:-0} + (extra > 0 ? extra : 0) ))
      pct=$(python3 -c "import sys; s,l=int(sys.argv[1]),int(sys.argv[2]); print(f'{100*l/s:.3f}' if s else '-')" "${kp:-0}" "$lost")
      zero=no
      [ "${kd:-0}" -eq 0 ] && [ "$unread" -eq 0 ] && [ "$extra" -le 0 ] && [ "${kp:-0}" -gt 0 ] && zero=yes
      printf '%-7s %-8s %8s %9s %6s %9s %7s %8s %6s %7s %6s %5s %6s %7s\n' "$pps" $engine "${sn:-?}" "$dv" \
        "$unseen" "${kp:-?}" "${kd:-?}" "${dec:-?}" "$unread" "$pct" "$extra" $zero "$(alerts "$dir")" "$cpm"
      # where that CPU went: the engine's busiest kinds of thread, CPU seconds while the replay ran
      [ -n "$sampler" ] && echo "        threads: $(head -6 "$dir/threads.txt" | awk '{c = $1; $1 = ""; sub(/^ /, ""); sep = NR > 1 ? ", " : ""; printf "%s%s %s", sep, $0, c}')"
    done
  done
done
echo "logs in $out"
