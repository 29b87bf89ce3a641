#!/usr/bin/env bash
# Peak RSS of Vigil and Suricata 7 on the memory floods of issue #18, each with default settings
# (Suricata reads a file in its default run mode, autofp: a reader and one worker per CPU), and
# Suricata once more with --runmode single (one packet thread, as Vigil's default for files):
#   syn   1,000,000 SYNs from random sources
#   frag  200,000 first fragments (1 KB) that never complete
#   seg   2,000 flows x 200 out-of-order 1000-byte segments behind a hole that is never filled
# The captures are written by runtime/src/test/java/org/vigil/testing/FloodCaptures.java (run as a
# single source file). Needs a built Vigil (bin/vigil) and Suricata (bin/oracle install).
# Vigil runs the rules compiled once beforehand into a .vrs (`vigil compile`, then `run --ruleset`),
# as a sensor is deployed and as bench/compare-suricata.sh runs it: a run with -S would also carry
# the rule compiler (its classes, their JIT'd code) that a deployed sensor does not.
#   bench/floods.sh [out-dir] [rules-file]     (default: /tmp/vigil-floods, one content rule)
# Prints one line per engine and capture: peak RSS (KB, /usr/bin/time %M), seconds, and the
# memcap counters of the run.
#   FLOODS="seg frag"  runs only those floods (default: syn frag seg)
#   FLOODS_WORKERS=1   also runs Vigil with --runmode workers --threads 2 (against autofp's two workers)
#   FLOODS_BASE=1      also runs each engine on the fragment and segment floods with the flood's store
#                      held near empty (defrag.memcap, stream.reassembly.memcap; Suricata's defrag
#                      trackers not preallocated, as its hash needs most of a small memcap) and prints
#                      that run's peak RSS and the difference: what holding the flood's data costs,
#                      apart from the process's own memory (the JVM's, Suricata's). The SYN flood has
#                      none: its store is the flow table, which both engines size at start.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/vigil-floods}
mkdir -p "$out"
rules=${2:-$out/flood.rules}
[ -f "$rules" ] || echo 'alert tcp any any -> any 80 (msg:"flood"; flow:established,to_server; content:"abcdefgh"; sid:1; rev:1;)' >"$rules"
java=""
for c in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*25*/bin/java; do [ -x "$c" ] && java=$c && break; done
[ -n "$java" ] || { echo "floods: no JDK 25 found (set JAVA_HOME)" >&2; exit 2; }
vrs="$out/flood.vrs"
"$here/bin/vigil" compile -S "$rules" -o "$vrs" >"$out/compile.log" 2>&1 ||
  { echo "floods: vigil compile failed, see $out/compile.log" >&2; exit 1; }
gen="$here/runtime/src/test/java/org/vigil/testing/FloodCaptures.java"
floods=${FLOODS:-syn frag seg}
for cap in $floods; do
  case $cap in
    syn) [ -f "$out/syn.pcap" ] || "$java" "$gen" syn 1000000 "$out/syn.pcap" ;;
    frag) [ -f "$out/frag.pcap" ] || "$java" "$gen" frag 200000 "$out/frag.pcap" ;;
    seg) [ -f "$out/seg.pcap" ] || "$java" "$gen" seg 2000 200 "$out/seg.pcap" ;;
    *) echo "floods: unknown flood '$cap' (syn, frag, seg)" >&2; exit 2 ;;
  esac
done

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

# vigil_run NAME CAP [--set k=v ...] / suricata_run NAME CAP [--set k=v ...]: one run into $out/NAME,
# its peak RSS and seconds in $out/time-NAME
vigil_run() {
  local name=$1 cap=$2
  shift 2
  rm -rf "${out:?}/$name"
  /usr/bin/time -o "$out/time-$name" -f "%M %e" "$here/bin/vigil" run --ruleset "$vrs" -r "$out/$cap.pcap" -l "$out/$name" "$@" >/dev/null 2>"$out/$name.log"
}
suricata_run() {
  local name=$1 cap=$2
  shift 2
  rm -rf "${out:?}/$name"
  mkdir -p "$out/$name"
  /usr/bin/time -o "$out/time-$name" -f "%M %e" suricata -k none -c /etc/suricata/suricata.yaml \
    -S "$rules" -r "$out/$cap.pcap" -l "$out/$name" "$@" >"$out/$name/suricata.log" 2>&1
}
peak() { cut -d' ' -f1 "$out/time-$1"; }

for cap in $floods; do
  vigil_run "vigil-$cap" "$cap"
  echo "vigil    $cap: peak RSS $(peak "vigil-$cap") KB, $(cut -d' ' -f2 "$out/time-vigil-$cap") s; $(counters "$out/vigil-$cap/stats.json")"
  if [ "${FLOODS_WORKERS:-0}" = 1 ]; then
    vigil_run "vigil-workers-$cap" "$cap" --runmode workers --threads 2
    echo "vigil    $cap (workers, 2): peak RSS $(peak "vigil-workers-$cap") KB, $(cut -d' ' -f2 "$out/time-vigil-workers-$cap") s; $(counters "$out/vigil-workers-$cap/stats.json")"
  fi
  suricata_run "suricata-$cap" "$cap"
  echo "suricata $cap (autofp, its default): peak RSS $(peak "suricata-$cap") KB, $(cut -d' ' -f2 "$out/time-suricata-$cap") s; $(counters "$out/suricata-$cap/eve.json")"
  suricata_run "suricata-single-$cap" "$cap" --runmode single
  echo "suricata $cap (single): peak RSS $(peak "suricata-single-$cap") KB, $(cut -d' ' -f2 "$out/time-suricata-single-$cap") s; $(counters "$out/suricata-single-$cap/eve.json")"
  [ "${FLOODS_BASE:-0}" = 1 ] || continue
  case $cap in
    frag) vset=(--set defrag.memcap=1mb) sset=(--set defrag.memcap=6mb --set defrag.prealloc=no) ;;
    seg) vset=(--set stream.reassembly.memcap=2mb) sset=(--set stream.reassembly.memcap=2mb) ;;
    *) continue ;;
  esac
  vigil_run "vigil-$cap-base" "$cap" "${vset[@]}"
  suricata_run "suricata-single-$cap-base" "$cap" --runmode single "${sset[@]}"
  # one packet thread each: Vigil's default against Suricata's single
  for e in vigil suricata-single; do
    printf '%-15s %s: store held near empty (%s) peak RSS %s KB; the flood'"'"'s data costs %s KB\n' "$e" "$cap" \
      "$([ $e = vigil ] && echo "${vset[*]}" || echo "${sset[*]}")" "$(peak "$e-$cap-base")" \
      "$(($(peak "$e-$cap") - $(peak "$e-$cap-base")))"
  done
done
