#!/usr/bin/env bash
# Measures the verdict rate of 'bin/vigil run -q' (the whole inline run: decode, flow, stream, a small
# ruleset, outputs) next to the C libnetfilter_queue accept-all listener, alternately, on the same UDP
# flood through the namespace topology, and prints the ratio per round. A measurement, asserting nothing.
# Needs root, iproute2, iptables, gcc, libnetfilter-queue-dev and a packaged build
# (./mvnw -B -ntp -q -pl tools -am package -DskipTests). Environment: PACKETS (default 300000), ROUNDS (3).
# Rate = packets verdicted (flood minus the kernel's queue drops) / time from the flood's start until the
# kernel queue is empty again.
set -euo pipefail
HERE="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd -P "$HERE/../../../../.." && pwd)"
N=vgrt Q=2322 P=${PACKETS:-300000} ROUNDS=${ROUNDS:-3}
W=$(mktemp -d)
trap 'bash "$HERE/topology.sh" down $N; rm -rf "$W"' EXIT
gcc -O2 -o "$W/acc" "$HERE/nfq_accept_all.c" -lnetfilter_queue -lnfnetlink
gcc -O2 -o "$W/flood" "$HERE/udp_flood.c"
cat > "$W/rules" <<'R'
drop udp any any -> any 9 (msg:"evil udp"; content:"EVILPATTERN"; sid:2001; rev:1;)
alert tcp any any -> any 8080 (msg:"index"; flow:to_server,established; content:"GET /index.html"; sid:2002; rev:1;)
drop tcp any any -> any 8080 (msg:"evil"; flow:to_server,established; content:"EVILPATTERN"; sid:2003; rev:1;)
R
bash "$HERE/topology.sh" down $N
bash "$HERE/topology.sh" up $N $Q 0
col() { ip netns exec ${N}r cat /proc/net/netfilter/nfnetlink_queue | awk -v q=$Q -v c="$1" '$1==q {print $c}'; }
flood() { ip netns exec ${N}c "$W/flood" 10.231.2.2 9 "$1" 16 10 >/dev/null; }
measure() { # prints the rate
  local d0 d1 t0 t1
  d0=$(( $(col 6) + $(col 7) )); t0=$(date +%s.%N)
  flood "$P"
  while [ "$(col 3)" != "0" ]; do sleep 0.005; done
  t1=$(date +%s.%N); d1=$(( $(col 6) + $(col 7) ))
  python3 -c "print('%.0f' % (($P-($d1-$d0))/($t1-$t0)))"
}
for round in $(seq "$ROUNDS"); do
  ip netns exec ${N}r "$W/acc" $Q > "$W/c.out" & cp=$!
  sleep 0.5; flood $((P / 2))
  c=$(measure)
  kill -TERM $cp; wait $cp || true
  rm -rf "$W/logs"
  ip netns exec ${N}r "$ROOT/bin/vigil" run -q $Q -S "$W/rules" -l "$W/logs" 2> "$W/v.err" & vp=$!
  for _ in $(seq 150); do grep -q "inline on" "$W/v.err" && break; sleep 0.2; done
  sleep 1; flood $((P / 2)) # warm-up
  v=$(measure)
  kill -TERM $vp; wait $vp || true
  python3 -c "print('round $round: C accept-all $c/s, vigil run -q $v/s, ratio %.2f' % ($v/$c))"
done
