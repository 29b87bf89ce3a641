#!/usr/bin/env bash
# Vigil's EVE records next to Suricata 7's on the same captures, rules and suricata.yaml:
#   bench/eve-compare.sh [--rules FILE] [--yaml FILE] [--out DIR] [--skip-suricata] [--skip-vigil] CAPTURE-DIR
# Suricata runs in its unix-socket mode (rules loaded once, each capture read on its own into its own
# folder, as bin/oracle's expected alerts were made); Vigil reads the folder recursively, each file its
# own capture. Both with the oracle's settings (-k none, HOME_NET=EXTERNAL_NET=any, the corpus's
# classification and reference files) and the yaml given (default the stock /etc/suricata/suricata.yaml,
# which enables alert, anomaly (app-layer), http, dns, tls, files, smtp, ssh, flow, ... records).
# Then it prints (bench/eve_compare.py, also runnable alone on an --out folder):
#   - records per event type, Suricata / Vigil, and the difference in percent;
#   - anomaly records per type and event name;
#   - per event type, the captures where the counts differ most;
#   - for alert and http records, each key path Suricata writes that Vigil never does (and the reverse),
#     with how many records carry it;
#   - alerts joined to http records on flow_id + tx_id, for both.
# Defaults: --rules ../shared/corpus/rules/et-open-2024 (all *.rules joined), --out /tmp/vigil-eve-compare.
# --skip-suricata / --skip-vigil reuse that engine's output already in --out (rerun only the other).
# Needs a built Vigil (./mvnw -q -DskipTests package) and Suricata 7 with suricatasc (bin/oracle install).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${VIGIL_CORPUS:-$here/../shared/corpus}
rules="" yaml=/etc/suricata/suricata.yaml out=/tmp/vigil-eve-compare
skip_suricata=0 skip_vigil=0 dir=""
usage() { sed -n 2,3p "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rules) rules=${2:?}; shift 2 ;;
    --yaml) yaml=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --skip-suricata) skip_suricata=1; shift ;;
    --skip-vigil) skip_vigil=1; shift ;;
    -h|--help) sed -n 2,20p "$0"; exit 0 ;;
    -*) echo "eve-compare: unknown option $1" >&2; usage ;;
    *) [ -z "$dir" ] || usage; dir=$1; shift ;;
  esac
done
[ -n "$dir" ] && [ -d "$dir" ] || usage
dir=$(cd "$dir" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ -z "$rules" ]; then
  rules="$out/rules.rules"
  cat "$corpus"/rules/et-open-2024/*.rules >"$rules"
fi
[ -r "$rules" ] || { echo "eve-compare: cannot read rules $rules" >&2; exit 2; }
rules=$(cd "$(dirname "$rules")" && pwd)/$(basename "$rules")
common=(-k none -c "$yaml"
  --set vars.address-groups.HOME_NET=any --set vars.address-groups.EXTERNAL_NET=any
  --set classification-file="$corpus/rules/classification.config"
  --set reference-config-file="$corpus/rules/reference.config")

# The captures, in path order; each gets a numbered folder under suricata/ (index.tsv maps them).
find "$dir" -type f ! -name '.*' | LC_ALL=C sort | while read -r f; do
  case "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" in
    d4c3b2a1|a1b2c3d4|4d3cb2a1|a1b23c4d|0a0d0d0a) echo "$f" ;;
  esac
done >"$out/captures.txt"
echo "eve-compare: $(wc -l <"$out/captures.txt") captures under $dir" >&2

if [ "$skip_suricata" = 0 ]; then
  suricata -V 2>/dev/null | grep -q '7\.0\.' || { echo "eve-compare: needs Suricata 7 (bin/oracle install)" >&2; exit 2; }
  rm -rf "$out/suricata"
  mkdir -p "$out/suricata"
  sock="$out/suricata/command.socket"
  suricata --unix-socket="$sock" "${common[@]}" -S "$rules" -l "$out/suricata" \
    >"$out/suricata/suricata.out" 2>&1 &
  spid=$!
  trap 'kill $spid 2>/dev/null || true' EXIT
  for _ in $(seq 600); do
    suricatasc -c version "$sock" >/dev/null 2>&1 && break
    kill -0 $spid 2>/dev/null || { echo "eve-compare: suricata ended, see $out/suricata/suricata.out" >&2; exit 1; }
    sleep 0.5
  done
  i=0
  : >"$out/suricata/index.tsv"
  while read -r f; do
    i=$((i + 1))
    mkdir -p "$out/suricata/$i"
    printf '%s\t%s\n' "$i" "$f" >>"$out/suricata/index.tsv"
    suricatasc -c "pcap-file $f $out/suricata/$i" "$sock" >/dev/null
  done <"$out/captures.txt"
  # done when nothing is queued and nothing is being read
  while :; do
    n=$(suricatasc -c pcap-file-number "$sock" | python3 -c 'import json,sys; print(json.load(sys.stdin)["message"])')
    c=$(suricatasc -c pcap-current "$sock" | python3 -c 'import json,sys; print(json.load(sys.stdin)["message"])')
    [ "$n" = 0 ] && [ "$c" = None ] && break
    sleep 1
  done
  suricatasc -c shutdown "$sock" >/dev/null || true
  wait $spid || true
  trap - EXIT
  echo "eve-compare: suricata done ($out/suricata)" >&2
fi

if [ "$skip_vigil" = 0 ]; then
  [ -x "$here/bin/vigil" ] || { echo "eve-compare: no bin/vigil" >&2; exit 2; }
  rm -rf "$out/vigil"
  mkdir -p "$out/vigil"
  "$here/bin/vigil" run -r "$dir" --pcap-file-recursive --runmode single "${common[@]}" -S "$rules" \
    -l "$out/vigil" >"$out/vigil/vigil.out" 2>&1 ||
    { echo "eve-compare: vigil failed, see $out/vigil/vigil.out" >&2; exit 1; }
  echo "eve-compare: vigil done ($out/vigil)" >&2
fi

python3 -B "$here/bench/eve_compare.py" "$out"
