#!/usr/bin/env bash
# Records what Suricata 7.0.10 (bin/oracle run) raises with catalogue.rules on each capture of
# cases/ into expected.txt: one line per case, "case sid=pcap_cnt,... sid=..." (sids in order,
# pcap_cnt "-" for an alert at flow end), "case -" for none. Run make_captures.py first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
oracle=$(cd "$here/../../../../../../../../.." && pwd)/bin/oracle
out=$here/expected.txt
: >"$out.tmp"
for pcap in "$here"/cases/*.pcap; do
  name=$(basename "$pcap" .pcap)
  line=$("$oracle" run "$here/catalogue.rules" "$pcap" 2>"$here/oracle.log" | python3 -c '
import sys, collections
by = collections.defaultdict(list)
for l in sys.stdin:
    cnt, sid = l.split()[:2]
    by[int(sid)].append("-" if cnt == "None" else cnt)
print(" ".join("%d=%s" % (s, ",".join(by[s])) for s in sorted(by)) or "-")')
  echo "$name $line" >>"$out.tmp"
  rm -rf "$(sed -n 's/^oracle: output in //p' "$here/oracle.log")" "$here/oracle.log"
done
LC_ALL=C sort "$out.tmp" >"$out"
rm "$out.tmp"
wc -l "$out"
