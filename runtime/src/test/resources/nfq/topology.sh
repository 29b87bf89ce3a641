#!/usr/bin/env bash
# Test topology for Vigil's NFQUEUE tests: three network namespaces, client <-> router <-> server, joined by
# veth pairs created directly inside them (nothing is added to the host's own namespace). Private test
# addresses only, never routed outside: 10.231.1.0/24 + fd00:231:1::/64 (client side) and 10.231.2.0/24 +
# fd00:231:2::/64 (server side). The router forwards and sends FORWARD traffic to NFQUEUE <queue>.
#
#   topology.sh up   <name> <queue> <bypass:0|1>   creates <name>c, <name>r, <name>s
#   topology.sh rule <name> <queue> <bypass:0|1> [markskip:0|1]
#                                                  replaces the router's NFQUEUE rule; markskip queues only
#                                                  packets without mark bit 0x1 (for NF_REPEAT with a mark)
#   topology.sh balance <name> <first> <last> <bypass:0|1>
#                                                  replaces it by one spreading flows over queues first..last
#                                                  (--queue-balance: a hash of the sorted address pair)
#   topology.sh split <name> <qa> <qb> <bypass:0|1>
#                                                  replaces it by one queue per direction: packets from the
#                                                  client side to <qa>, from the server side to <qb>
#   topology.sh clients <name> <n>                 adds client addresses 10.231.1.10 .. 10.231.1.(9+n)
#   topology.sh down <name>                        deletes them (never fails)
set -euo pipefail
cmd=${1:?usage: topology.sh up|rule|down <name> [queue] [bypass]}
name=${2:?name}
C=${name}c R=${name}r S=${name}s

ipt() { # iptables in the router namespace; iptables-legacy when the nft flavour fails
  local tool=$1; shift
  if ! ip netns exec "$R" "$tool" "$@" 2>/dev/null; then
    ip netns exec "$R" "$tool-legacy" "$@"
  fi
}

rule() {
  local queue=$1 bypass=$2 markskip=${3:-0} extra=() match=()
  [ "$bypass" = 1 ] && extra=(--queue-bypass)
  [ "$markskip" = 1 ] && match=(-m mark ! --mark 0x1/0x1)
  for tool in iptables ip6tables; do
    ipt "$tool" -F FORWARD
    ipt "$tool" -A FORWARD "${match[@]}" -j NFQUEUE --queue-num "$queue" "${extra[@]}"
  done
}

balance() {
  local first=$1 last=$2 bypass=$3 extra=() target=(--queue-balance "$1:$2")
  [ "$bypass" = 1 ] && extra=(--queue-bypass)
  [ "$first" = "$last" ] && target=(--queue-num "$first") # iptables wants a range of two or more
  for tool in iptables ip6tables; do
    ipt "$tool" -F FORWARD
    ipt "$tool" -A FORWARD -j NFQUEUE "${target[@]}" "${extra[@]}"
  done
}

case "$cmd" in
  up)
    queue=${3:?queue} bypass=${4:-0}
    for ns in "$C" "$R" "$S"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
    ip link add c0 netns "$C" type veth peer name r0 netns "$R"
    ip link add s0 netns "$S" type veth peer name r1 netns "$R"
    ip -n "$C" addr add 10.231.1.2/24 dev c0
    ip -n "$C" addr add fd00:231:1::2/64 dev c0 nodad
    ip -n "$R" addr add 10.231.1.1/24 dev r0
    ip -n "$R" addr add fd00:231:1::1/64 dev r0 nodad
    ip -n "$R" addr add 10.231.2.1/24 dev r1
    ip -n "$R" addr add fd00:231:2::1/64 dev r1 nodad
    ip -n "$S" addr add 10.231.2.2/24 dev s0
    ip -n "$S" addr add fd00:231:2::2/64 dev s0 nodad
    for pair in "$C:c0" "$R:r0" "$R:r1" "$S:s0"; do ip -n "${pair%%:*}" link set "${pair#*:}" up; done
    ip -n "$C" route add default via 10.231.1.1
    ip -n "$C" -6 route add default via fd00:231:1::1
    ip -n "$S" route add default via 10.231.2.1
    ip -n "$S" -6 route add default via fd00:231:2::1
    ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "$R" sysctl -qw net.ipv6.conf.all.forwarding=1
    rule "$queue" "$bypass"
    ;;
  rule)
    rule "${3:?queue}" "${4:-0}" "${5:-0}"
    ;;
  balance)
    balance "${3:?first}" "${4:?last}" "${5:-0}"
    ;;
  split)
    extra=()
    [ "${5:-0}" = 1 ] && extra=(--queue-bypass)
    for tool in iptables ip6tables; do
      ipt "$tool" -F FORWARD
      ipt "$tool" -A FORWARD -i r0 -j NFQUEUE --queue-num "${3:?qa}" "${extra[@]}"
      ipt "$tool" -A FORWARD -i r1 -j NFQUEUE --queue-num "${4:?qb}" "${extra[@]}"
    done
    ;;
  clients)
    for i in $(seq 1 "${3:?n}"); do ip -n "$C" addr add "10.231.1.$((9 + i))/24" dev c0; done
    ;;
  down)
    for ns in "$C" "$R" "$S"; do
      # kill whatever still runs inside, then delete the namespace (its veths go with it)
      pids=$(ip netns pids "$ns" 2>/dev/null || true)
      [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
      ip netns del "$ns" 2>/dev/null || true
    done
    ;;
  *) echo "topology.sh: unknown command $cmd" >&2; exit 2 ;;
esac
