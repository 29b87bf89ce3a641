#!/usr/bin/env bash
# Vigil next to Suricata 7 on the same captures and rules, in one sitting:
#   bench/compare-suricata.sh [--rules FILE] [--runs N] [--cpu C] [--out DIR] [--build SIZE]
#                             [--sets S,...] [--aot build|sample|CAPTURE] [CAPTURE...]
# --build SIZE first builds a benchmark capture from the corpus captures with bench/build-capture.py
# (joined Ethernet captures of the --sets, default zeek, timestamps rebased, addresses rewritten per
# pass, checksums kept in step): SIZE is megabytes (500M), packets (2000000p) or passes (10x); it is
# written to OUT/bench-SIZE.pcap (kept and reused by later runs) and measured after any CAPTURE.
# --aot trains Vigil's JDK AOT cache (bin/aot-train) before the rounds, on CAPTURE or, with sample,
# on one pass of every other capture of the --sets (so half of what is measured was never seen in
# training); Vigil's runs then start with it. --aot build uses the cache a -Paot build trained on the
# bundled traffic (tools/target/vigil.aot, what the README's build gives). Without --aot they run
# without any AOT cache.
# For each capture, N rounds; each round runs, in alternating order (odd rounds Vigil first, even
# rounds Suricata first, so a drifting machine load falls on both alike):
#   vigil    single      bin/vigil run --runmode single, pinned to core C (taskset -c C)
#   suricata single      suricata --runmode single -k none, pinned to core C
#   vigil    workers x2  bin/vigil run --runmode workers --threads 2
#   suricata autofp x2   suricata --runmode autofp -k none (pcap files have no workers mode), two cores
# Both read the same rule file, HOME_NET and EXTERNAL_NET "any" (Vigil's default), checksums not
# validated (-k none), default outputs (eve.json with alerts). Vigil runs the rules compiled once
# beforehand into a .vrs (`vigil compile`), as it is deployed; that compile is timed and printed once.
# Per configuration it prints the median over the rounds (min-max in brackets when N > 1) of:
#   wall     elapsed seconds (/usr/bin/time -v)
#   cpu      user + system seconds (/usr/bin/time -v)
#   proc     packet processing as the engine reports it: Vigil's "N packets in S s", Suricata's
#            "time elapsed" (suricata.log), both from the engine's start to the capture's end
#   load     wall - proc: JVM or process start, configuration, ruleset load, shutdown
#   rss      peak RSS in MB ("Maximum resident set size", /usr/bin/time -v)
#   anon     peak RssAnon, file: peak RssFile (MB), sampled from /proc/PID/status every 50 ms (bench/rss-peak.py)
#   alerts   alert records in eve.json
# and the ratios: speed = Suricata's time / Vigil's (above 1: Vigil faster), mem = Vigil's RSS /
# Suricata's (below 1: Vigil smaller), and Vigil's and Suricata's two-core speed-up over one core.
# Defaults: --rules ../shared/corpus/rules/et-open (all *.rules joined), --runs 3, --cpu 1,
# --out /tmp/vigil-compare. Needs a built Vigil (./mvnw -q -DskipTests package) and Suricata 7
# (bin/oracle install, as root; the script runs it itself when root and Suricata is missing).
# Time figures need a quiet machine; peak RSS moves little with load.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${VIGIL_CORPUS:-$here/../shared/corpus}
rules="" runs=3 cpu=1 out=/tmp/vigil-compare build="" sets=zeek aot=""
caps=()
usage() { sed -n 2,4p "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rules) rules=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --cpu) cpu=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --sets) sets=${2:?}; shift 2 ;;
    --aot) aot=${2:?}; shift 2 ;;
    -h|--help) sed -n 2,35p "$0"; exit 0 ;;
    -*) echo "compare-suricata: unknown option $1" >&2; usage ;;
    *) caps+=("$1"); shift ;;
  esac
done
[ ${#caps[@]} -gt 0 ] || [ -n "$build" ] || usage
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "compare-suricata: --runs wants a positive number" >&2; exit 2; }
case "$build" in
  "") ;;
  *M) size=(--mb "${build%M}") ;;
  *p) size=(--packets "${build%p}") ;;
  *x) size=(--passes "${build%x}") ;;
  *) echo "compare-suricata: --build wants megabytes (500M), packets (2000000p) or passes (10x)" >&2; exit 2 ;;
esac
[ ${#caps[@]} -eq 0 ] || for c in "${caps[@]}"; do
  [ -r "$c" ] || { echo "compare-suricata: cannot read capture $c" >&2; exit 2; }
done
if [ "$aot" = build ] && [ ! -r "$here/tools/target/vigil.aot" ]; then
  echo "compare-suricata: no build cache; build with ./mvnw -q -DskipTests -Paot package" >&2; exit 2
elif [ -n "$aot" ] && [ "$aot" != build ] && [ "$aot" != sample ] && [ ! -r "$aot" ]; then
  echo "compare-suricata: cannot read training capture $aot" >&2; exit 2
fi
[ -x /usr/bin/time ] || { echo "compare-suricata: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }
[ -f "$here/tools/target/vigil-tools.jar" ] || { echo "compare-suricata: build Vigil first (./mvnw -q -DskipTests package)" >&2; exit 2; }
if ! suricata -V 2>/dev/null | grep -q '7\.0\.'; then
  if [ "$(id -u)" = 0 ]; then "$here/bin/oracle" install >/dev/null
  else echo "compare-suricata: Suricata 7 is not installed; run 'sudo bin/oracle install'" >&2; exit 2; fi
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ -n "$build" ]; then
  bench="$out/bench-$build-${sets//,/+}.pcap"
  if [ -s "$bench" ]; then
    echo "capture $bench (built before)"
  else
    python3 "$here/bench/build-capture.py" --corpus "$corpus" --sets "$sets" "${size[@]}" -o "$bench.tmp" &&
      mv "$bench.tmp" "$bench"
  fi
  caps+=("$bench")
fi
if [ -z "$rules" ]; then
  rules="$out/et-open.rules"
  cat "$corpus"/rules/et-open/*.rules >"$rules"
fi
[ -r "$rules" ] || { echo "compare-suricata: cannot read rules $rules" >&2; exit 2; }

# The rules compiled once, as Vigil is deployed.
vrs="$out/rules.vrs"
/usr/bin/time -o "$out/compile.time" -f "%e" "$here/bin/vigil" compile -S "$rules" -o "$vrs" >"$out/compile.log" 2>&1 ||
  { echo "compare-suricata: vigil compile failed, see $out/compile.log" >&2; exit 1; }
echo "rules $rules: vigil compile $(cat "$out/compile.time") s ($(grep -o '[0-9]* rules\? compiled[^;]*' "$out/compile.log" | head -n1 || true))"

# Vigil's AOT cache, trained once on the rules as compiled (none without --aot).
export VIGIL_AOT_CACHE=none
if [ "$aot" = build ]; then
  VIGIL_AOT_CACHE="$here/tools/target/vigil.aot"
  echo "vigil AOT cache: the build's ($VIGIL_AOT_CACHE)"
elif [ -n "$aot" ]; then
  train=$aot
  if [ "$aot" = sample ]; then
    train="$out/train-${sets//,/+}.pcap"
    python3 "$here/bench/build-capture.py" --corpus "$corpus" --sets "$sets" --select 0/2 --passes 1 \
      -o "$train" 2>/dev/null
  fi
  "$here/bin/aot-train" --cache "$out/vigil.aot" --ruleset "$vrs" -r "$train" 2>"$out/aot-train.log" ||
    { cat "$out/aot-train.log" >&2; exit 1; }
  echo "vigil AOT cache trained on $train: $(tail -n1 "$out/aot-train.log")"
  VIGIL_AOT_CACHE="$out/vigil.aot"
fi

# measure DIR CMD...: runs CMD under /usr/bin/time -v while sampling the RssAnon and RssFile of the
# processes below it (the engine, through bin/vigil's or taskset's exec); writes DIR/measure
# (wall cpu rss_kb anon_kb file_kb).
measure() {
  local dir=$1 t
  shift
  /usr/bin/time -v -o "$dir/time" "$@" >"$dir/stdout" 2>"$dir/stderr" &
  t=$!
  python3 "$here/bench/rss-peak.py" "$t" >"$dir/rss" &
  local s=$!
  local rc=0
  wait "$t" || rc=$?
  wait "$s" || true
  if [ $rc -ne 0 ]; then
    echo "compare-suricata: failed (exit $rc): $*; see $dir/stderr" >&2
    return 1
  fi
  python3 - "$dir/time" "$dir/rss" >"$dir/measure" <<'PY'
import sys
v = {}
for line in open(sys.argv[1]):
    k, _, val = line.strip().rpartition(": ")
    v[k] = val
parts = v["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
cpu = float(v["User time (seconds)"]) + float(v["System time (seconds)"])
anon, file = open(sys.argv[2]).read().split()
print(f"{wall:.2f} {cpu:.2f} {v['Maximum resident set size (kbytes)']} {anon} {file}")
PY
}

# proc DIR ENGINE: seconds of packet processing the engine reports (Vigil: "N packets in S s";
# Suricata: "time elapsed S s" in suricata.log, from its engine start to the end)
proc_time() {
  if [ "$2" = vigil ]; then
    sed -n 's/.* packets in \([0-9.]*\) s.*/\1/p' "$1/stderr" | head -n1
  else
    sed -n 's/.*time elapsed \([0-9.]*\)s.*/\1/p' "$1/log/suricata.log" | head -n1
  fi
}

alerts() {
  local n
  n=$(grep -c '"event_type":"alert"' "$1/eve.json" 2>/dev/null) || true
  echo "${n:-0}"
}

run_one() { # capture-index round config
  local cap=$1 r=$2 cfg=$3 d="$out/c$1/$3-$2"
  local c=${caps[$cap]}
  rm -rf "$d"
  mkdir -p "$d/log"
  case "$cfg" in
    vigil-single) measure "$d" taskset -c "$cpu" "$here/bin/vigil" run --runmode single \
      --ruleset "$vrs" -r "$c" -l "$d/log" ;;
    vigil-workers2) measure "$d" "$here/bin/vigil" run --runmode workers --threads 2 \
      --ruleset "$vrs" -r "$c" -l "$d/log" ;;
    suricata-single|suricata-autofp2)
      local mode=single pin=(taskset -c "$cpu")
      if [ "$cfg" = suricata-autofp2 ]; then mode=autofp pin=(); fi
      measure "$d" "${pin[@]}" suricata --runmode "$mode" -k none -c /etc/suricata/suricata.yaml \
        --set vars.address-groups.HOME_NET=any --set vars.address-groups.EXTERNAL_NET=any \
        --set classification-file="$corpus/rules/classification.config" \
        --set reference-config-file="$corpus/rules/reference.config" \
        -S "$rules" -r "$c" -l "$d/log" ;;
  esac
  local pr
  pr=$(proc_time "$d" "${cfg%%-*}")
  echo "$(cat "$d/measure") ${pr:-nan} $(alerts "$d/log")" >"$d/row"
}

for i in "${!caps[@]}"; do
  mkdir -p "$out/c$i"
  for r in $(seq "$runs"); do
    if [ $((r % 2)) = 1 ]; then order=(vigil-single suricata-single vigil-workers2 suricata-autofp2)
    else order=(suricata-single vigil-single suricata-autofp2 vigil-workers2); fi
    for cfg in "${order[@]}"; do run_one "$i" "$r" "$cfg"; done
  done
  python3 - "$out/c$i" "$runs" "${caps[$i]}" "$cpu" <<'PY'
import statistics, sys
d, runs, cap, cpu = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
names = {"vigil-single": f"vigil single (core {cpu})", "suricata-single": f"suricata single (core {cpu})",
         "vigil-workers2": "vigil workers x2", "suricata-autofp2": "suricata autofp x2"}
rows = {}
for cfg in names:
    vals = []
    for r in range(1, runs + 1):
        w, c, rss, anon, file, proc, al = open(f"{d}/{cfg}-{r}/row").read().split()
        vals.append({"wall": float(w), "cpu": float(c), "rss": int(rss) / 1024, "anon": int(anon) / 1024,
                     "file": int(file) / 1024, "proc": float(proc), "alerts": int(al)})
    for v in vals:
        v["load"] = v["wall"] - v["proc"]
    rows[cfg] = vals
def med(cfg, k):
    return statistics.median(v[k] for v in rows[cfg])
def cell(cfg, k, fmt):
    xs = [v[k] for v in rows[cfg]]
    s = fmt.format(statistics.median(xs))
    if len(xs) > 1 and min(xs) != max(xs):
        s += " [" + fmt.format(min(xs)) + "-" + fmt.format(max(xs)) + "]"
    return s
keys = [("wall", "{:.2f}"), ("cpu", "{:.2f}"), ("load", "{:.2f}"), ("proc", "{:.2f}"),
        ("rss", "{:.0f}"), ("anon", "{:.0f}"), ("file", "{:.0f}"), ("alerts", "{:.0f}")]
print(f"\n{cap}: {runs} round(s), median [min-max]; seconds and MB")
print(f"{'':28}" + "".join(f"{k:>22}" for k, _ in keys))
for cfg, label in names.items():
    print(f"{label:28}" + "".join(f"{cell(cfg, k, f):>22}" for k, f in keys))
def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"
for v, s, label in (("vigil-single", "suricata-single", "one core"), ("vigil-workers2", "suricata-autofp2", "two cores")):
    print(f"{label}: speed (suricata/vigil) wall {ratio(med(s, 'wall'), med(v, 'wall'))}, "
          f"proc {ratio(med(s, 'proc'), med(v, 'proc'))}, cpu {ratio(med(s, 'cpu'), med(v, 'cpu'))}; "
          f"mem (vigil/suricata) rss {ratio(med(v, 'rss'), med(s, 'rss'))}, "
          f"anon {ratio(med(v, 'anon'), med(s, 'anon'))}; "
          f"alerts vigil {med(v, 'alerts'):.0f} suricata {med(s, 'alerts'):.0f}")
print(f"two cores over one (proc): vigil {ratio(med('vigil-single', 'proc'), med('vigil-workers2', 'proc'))}, "
      f"suricata {ratio(med('suricata-single', 'proc'), med('suricata-autofp2', 'proc'))}")
PY
done
