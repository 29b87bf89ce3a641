#!/usr/bin/env bash
# Per-queue NFQUEUE verdict rate of Vigil next to the C libnetfilter_queue accept-all listener, in the same
# sitting, on the namespace topology of the runtime's NFQUEUE tests (client -> router -> server, nothing in the
# host's namespace). The router's FORWARD rule spreads flows over QUEUES queues with --queue-balance; one UDP
# flood per queue, from a client address that hashes to that queue, runs at the same time.
#
#   source: Vigil's NfqSource, one thread per queue as 'vigil run -q A:B' binds them (NfqQueueMeasure:
#           copy the packet out, accept), with its default batching and with one packet per syscall, against
#           one C listener process per queue (nfq_accept_all.c: recv + nfq_set_verdict per packet);
#           rate = packets / first-to-last packet time, after a warm-up flood.
#   engine: (ENGINE=1) the whole 'bin/vigil run -q A:B --runmode workers' with three rules against the C
#           listeners; rate = packets verdicted / time from the floods' start until the queue is empty.
#
# Needs root, iproute2, iptables, gcc, libnetfilter-queue-dev, and the builds:
#   ./mvnw -o -pl grammar,config,detect,compiler,runtime,rules,tools,bench package -DskipTests
# Environment: QUEUES (2), PACKETS per queue and flood (300000), ROUNDS (3), SIZE of the UDP payload (16),
# SOURCE (1; 0 skips the source measurement), ENGINE (0), JAVA (a JDK 25 java; default: the one bin/vigil finds).
set -euo pipefail
HERE="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd -P "$HERE/../.." && pwd)"
TOPO="$ROOT/runtime/src/test/resources/nfq/topology.sh"
JAR="$ROOT/bench/target/benchmarks.jar"
N=vgqr FIRST=2340 QUEUES=${QUEUES:-2} P=${PACKETS:-300000} ROUNDS=${ROUNDS:-3} SIZE=${SIZE:-16}
LAST=$((FIRST + QUEUES - 1))
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n1)}
[ -f "$JAR" ] || { echo "build $JAR first (see the comment at the top)" >&2; exit 2; }
W=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  bash "$TOPO" down $N
  [ -n "${KEEP:-}" ] && echo "kept $W" || rm -rf "$W"
}
trap cleanup EXIT
gcc -O2 -o "$W/acc" "$HERE/nfq_accept_all.c" -lnetfilter_queue -lnfnetlink
gcc -O2 -o "$W/flood" "$HERE/udp_flood.c"
bash "$TOPO" down $N
bash "$TOPO" up $N $FIRST 0
bash "$TOPO" clients $N 16
bash "$TOPO" balance $N $FIRST $LAST 0

proc() { ip netns exec ${N}r cat /proc/net/netfilter/nfnetlink_queue; }
col() { proc | awk -v q="$1" -v c="$2" '$1==q {print $c}'; } # 3 waiting, 6 queue drops, 7 user drops, 8 id seq
LFD=0 LPID=0
start() { # start <tag> <command...>: runs it in the router with stdin from a control fifo; waits for READY
  local tag=$1; shift
  mkfifo "$W/$tag.ctl"
  ip netns exec ${N}r "$@" < "$W/$tag.ctl" > "$W/$tag.out" 2>&1 &
  LPID=$!
  PIDS+=("$LPID")
  exec {LFD}> "$W/$tag.ctl"
  for _ in $(seq 600); do grep -q READY "$W/$tag.out" && return 0; sleep 0.05; done
  echo "$tag did not start:" >&2; cat "$W/$tag.out" >&2; exit 1
}
stop() { # stop <pid> <fd>
  kill -TERM "$1"; wait "$1" || true
  exec {2}>&- 2>/dev/null || true
}
floods() { # floods <packets>: one flood per queue at once
  local fp=()
  for q in $(seq $FIRST $LAST); do
    ip netns exec ${N}c "$W/flood" "${ADDR[$q]}" 10.231.2.2 9 "$1" "$SIZE" 20 > /dev/null & fp+=($!)
  done
  wait "${fp[@]}"
}
drained() { for q in $(seq $FIRST $LAST); do while [ "$(col $q 3)" != "0" ]; do sleep 0.002; done; done; }

# which client address lands on which queue (the kernel's hash has a per-boot seed): 20 datagrams each
declare -A ADDR
pids=()
for q in $(seq $FIRST $LAST); do start "map$q" "$W/acc" $q; pids+=("$LPID"); done
for i in $(seq 10 25); do
  declare -A before=()
  for q in $(seq $FIRST $LAST); do before[$q]=$(col $q 8); done
  ip netns exec ${N}c "$W/flood" 10.231.1.$i 10.231.2.2 9 20 "$SIZE" 5 > /dev/null
  sleep 0.05
  for q in $(seq $FIRST $LAST); do
    if [ $(( $(col $q 8) - ${before[$q]} )) -ge 20 ] && [ -z "${ADDR[$q]:-}" ]; then ADDR[$q]=10.231.1.$i; fi
  done
done
for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
for q in $(seq $FIRST $LAST); do
  [ -n "${ADDR[$q]:-}" ] || { echo "no client address hashes to queue $q" >&2; exit 1; }
  echo "queue $q: flood from ${ADDR[$q]}"
done

rate_of() { awk -v q="$1" '$1=="QUEUE" && $2==q {print $8}' "$2"; }
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }

for round in $(seq "$ROUNDS"); do
  [ "${SOURCE:-1}" = 1 ] || break
  # C: one listener process per queue
  pids=() fds=()
  for q in $(seq $FIRST $LAST); do start "c$round.$q" "$W/acc" $q; pids+=("$LPID"); fds+=("$LFD"); done
  floods $((P / 2)); drained
  for fd in "${fds[@]}"; do echo RESET >&"$fd"; done
  sleep 0.2; floods "$P"; drained
  for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
  # Vigil: one JVM, one NfqSource thread per queue; batched (the defaults: up to 16 packets per recvmmsg,
  # up to 64 verdicts per send), then one recv and one verdict send per packet as the C listener does
  for mode in batched single; do
    opts=()
    [ $mode = single ] && opts=(rxbatch=1 vbatch=1)
    start "v$mode$round" "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp "$JAR" \
      org.vigil.bench.NfqQueueMeasure $FIRST $LAST "${opts[@]}"
    vp=$LPID vfd=$LFD
    floods $((P / 2)); drained
    echo RESET >&"$vfd"
    sleep 0.2; floods "$P"; drained
    kill -TERM "$vp"; wait "$vp" || true
  done
  for q in $(seq $FIRST $LAST); do
    c=$(rate_of $q "$W/c$round.$q.out")
    v=$(rate_of $q "$W/vbatched$round.out")
    s1=$(rate_of $q "$W/vsingle$round.out")
    echo "source round $round queue $q: C accept-all $c/s | Vigil NfqSource $v/s ratio $(ratio "$v" "$c")" \
      "| Vigil one packet per syscall $s1/s ratio $(ratio "$s1" "$c")"
  done
done

if [ "${ENGINE:-0}" = 1 ]; then
  cat > "$W/rules" <<'R'
drop udp any any -> any 9 (msg:"evil udp"; content:"EVILPATTERN"; sid:2001; rev:1;)
alert tcp any any -> any 8080 (msg:"index"; flow:to_server,established; content:"GET /index.html"; sid:2002; rev:1;)
drop tcp any any -> any 8080 (msg:"evil"; flow:to_server,established; content:"EVILPATTERN"; sid:2003; rev:1;)
R
  drain_rates() { # flood, then per queue: verdicted / (time until that queue is empty)
    declare -A d0 t1
    for q in $(seq $FIRST $LAST); do d0[$q]=$(( $(col $q 6) + $(col $q 7) )); done
    local t0; t0=$(date +%s.%N)
    floods "$P"
    for q in $(seq $FIRST $LAST); do
      while [ "$(col $q 3)" != "0" ]; do sleep 0.002; done
      t1[$q]=$(date +%s.%N)
    done
    for q in $(seq $FIRST $LAST); do
      python3 -c "import sys; p,d,a,b=map(float,sys.argv[1:5]); print('%d %.0f' % (int(sys.argv[5]), (p-d)/(b-a)))" \
        "$P" $(( $(col $q 6) + $(col $q 7) - ${d0[$q]} )) "$t0" "${t1[$q]}" "$q"
    done
  }
  for round in $(seq "$ROUNDS"); do
    pids=()
    for q in $(seq $FIRST $LAST); do start "ce$round.$q" "$W/acc" $q; pids+=("$LPID"); done
    floods $((P / 2)); drained
    drain_rates > "$W/ce.rates"
    for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
    rm -rf "$W/logs"
    ip netns exec ${N}r "$ROOT/bin/vigil" run -q $FIRST:$LAST --runmode workers -S "$W/rules" -l "$W/logs" \
      2> "$W/ve$round.err" &
    vp=$!
    PIDS+=("$vp")
    for _ in $(seq 300); do grep -q "inline on" "$W/ve$round.err" && break; sleep 0.1; done
    sleep 1; floods $((P / 2)); drained # warm-up
    drain_rates > "$W/ve.rates"
    kill -TERM "$vp"; wait "$vp" || true
    while read -r q c; do
      v=$(awk -v q="$q" '$1==q {print $2}' "$W/ve.rates")
      echo "engine round $round queue $q: C accept-all $c/s, vigil run -q (3 rules) $v/s, ratio $(ratio "$v" "$c")"
    done < "$W/ce.rates"
  done
fi
