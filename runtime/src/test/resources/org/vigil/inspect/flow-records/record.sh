#!/usr/bin/env bash
# Records Suricata 7.0.10's EVE flow records (bin/oracle run, the stock suricata.yaml) with
# flow-records.rules for each corpus capture named (relative to pcaps/zeek) into CAPTURE.txt ('/'
# as '_'): the flow records without timestamp and flow_id, sorted, as FlowRecordsTest compares them.
#   record.sh CAPTURE...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../../../.." && pwd)
corpus=${VIGIL_CORPUS:-$root/../shared/corpus}
for capture in "$@"; do
  "$root/bin/oracle" run "$here/flow-records.rules" "$corpus/pcaps/zeek/$capture" >/dev/null 2>"$here/oracle.log"
  out=$(sed -n 's/^oracle: output in //p' "$here/oracle.log")
  python3 - "$out/eve.json" >"$here/${capture//\//_}.txt" <<'PY'
import re, sys
lines = []
for line in open(sys.argv[1]):
    if '"event_type":"flow"' in line:
        line = re.sub(r'"timestamp":"[^"]*",', "", line.strip(), count=1)
        lines.append(re.sub(r'"flow_id":\d+,', "", line, count=1))
print("\n".join(sorted(lines)))
PY
  rm -rf "$out" "$here/oracle.log"
  echo "$capture: $(wc -l <"$here/${capture//\//_}.txt") flow records"
done
