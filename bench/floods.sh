#!/usr/bin/env bash
# Peak RSS of Vigil and Suricata 7 on the memory floods of issue #18, each with default settings:
#   syn   1,000,000 SYNs from random sources
#   frag  200,000 first fragments (1 KB) that never complete
#   seg   2,000 flows x 200 out-of-order 1000-byte segments behind a hole that is never filled
# The captures are written by runtime/src/test/java/org/vigil/testing/FloodCaptures.java (run as a
# single source file). Needs a built Vigil (bin/vigil) and Suricata (bin/oracle install).
#   bench/floods.sh [out-dir] [rules-file]     (default: /tmp/vigil-floods, one content rule)
# Prints one line per engine and capture: peak RSS (KB, /usr/bin/time %M), seconds, and the
# memcap counters of the run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/vigil-floods}
mkdir -p "$out"
rules=${2:-$out/flood.rules}
[ -f "$rules" ] || echo 'alert tcp any any -> any 80 (msg:"flood"; flow:established,to_server; content:"abcdefgh"; sid:1; rev:1;)' >"$rules"
java=""
for c in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*25*/bin/java; do [ -x "$c" ] && java=$c && break; done
[ -n "$java" ] || { echo "floods: no JDK 25 found (set JAVA_HOME)" >&2; exit 2; }
gen="$here/runtime/src/test/java/org/vigil/testing/FloodCaptures.java"
[ -f "$out/syn.pcap" ] || "$java" "$gen" syn 1000000 "$out/syn.pcap"
[ -f "$out/frag.pcap" ] || "$java" "$gen" frag 200000 "$out/frag.pcap"
[ -f "$out/seg.pcap" ] || "$java" "$gen" seg 2000 200 "$out/seg.pcap"

counters() { # stats.json or eve.json -> the memory counters of the last stats record
  python3 - "$1" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1]):
    if '"stats"' in line:
        last = json.loads(line)
s = last["stats"]
# memuse is the value when the run ended (Vigil's flows are flushed by then); memuse_peak (Vigil
# only) the most the store held at once
keys = {"flow": ["memuse", "memuse_peak", "memcap", "emerg_mode_entered", "emerg_mode_over"],
        "tcp": ["memuse", "memuse_peak", "reassembly_memuse", "reassembly_memuse_peak",
                "ssn_memcap_drop", "segment_memcap_drop"],
        "defrag": ["memuse_peak", "max_frag_hits", "memcap", "evicted"],
        "http": ["memuse", "memcap"]}
print(" ".join(f"{g}.{k}={s[g][k]}" for g, ks in keys.items() if g in s for k in ks if k in s[g]))
PY
}

for cap in syn frag seg; do
  v="$out/vigil-$cap"; s="$out/suricata-$cap"
  rm -rf "$v" "$s"; mkdir -p "$s"
  /usr/bin/time -o "$out/time-vigil-$cap" -f "%M %e" "$here/bin/vigil" run -S "$rules" -r "$out/$cap.pcap" -l "$v" >/dev/null 2>"$out/vigil-$cap.log"
  echo "vigil    $cap: peak RSS $(cut -d' ' -f1 "$out/time-vigil-$cap") KB, $(cut -d' ' -f2 "$out/time-vigil-$cap") s; $(counters "$v/stats.json")"
  /usr/bin/time -o "$out/time-suricata-$cap" -f "%M %e" suricata --runmode single -k none -c /etc/suricata/suricata.yaml \
    -S "$rules" -r "$out/$cap.pcap" -l "$s" >"$s/suricata.log" 2>&1
  echo "suricata $cap: peak RSS $(cut -d' ' -f1 "$out/time-suricata-$cap") KB, $(cut -d' ' -f2 "$out/time-suricata-$cap") s; $(counters "$s/eve.json")"
done
