#!/usr/bin/env python3
"""Compares the EVE records of a bench/eve-compare.sh output folder: Suricata's (suricata/N/eve.json,
capture N of suricata/index.tsv) and Vigil's (vigil/eve.json, records named by pcap_filename).

  bench/eve_compare.py OUT [--types alert,http,...] [--worst N] [--capture PATH] [--flow-values]

Captures Suricata read no packet of (link types it does not decode, empty files) are left out of the
counts and listed with the records Vigil wrote there.
--capture prints, for one capture, both engines' records of the compared types, one line each
(event type, addresses, the record's own object), Suricata's first.
--flow-values compares the flow records both engines wrote for the same flow (proto, endpoints,
start) value by value: per key path and pair of values (Suricata | Vigil, - for absent), how many
records differ so, with one example capture; timestamp and flow_id are left out."""
import collections
import json
import os
import sys

TYPES = ["alert", "http", "flow", "dns", "tls", "ssh", "fileinfo", "anomaly", "smtp", "drop"]
KEYED = ["alert", "http", "flow", "dns", "tls", "fileinfo", "anomaly"]


def records(path):
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except ValueError:
                    pass


def load(out):
    """(suricata, vigil): capture path -> list of records."""
    sur = collections.defaultdict(list)
    index = os.path.join(out, "suricata", "index.tsv")
    if os.path.exists(index):
        for line in open(index):
            i, cap = line.rstrip("\n").split("\t", 1)
            eve = os.path.join(out, "suricata", i, "eve.json")
            sur[cap] = list(records(eve)) if os.path.exists(eve) else []
    vig = collections.defaultdict(list)
    eve = os.path.join(out, "vigil", "eve.json")
    loose = []
    if os.path.exists(eve):
        for e in records(eve):
            if e.get("event_type") == "stats":
                continue
            if "pcap_filename" in e:
                vig[e["pcap_filename"]].append(e)
            else:
                loose.append(e)
    # records without pcap_filename (flow records): the capture of another record of their flow, else
    # the capture where Suricata logged the same flow (proto, endpoints, start)
    by_flow = {e.get("flow_id"): c for c, recs in vig.items() for e in recs}
    by_key = {flow_key(e): c for c, recs in sur.items() for e in recs if e.get("event_type") == "flow"}
    for e in loose:
        c = by_key.get(flow_key(e)) or by_flow.get(e.get("flow_id")) or "?"
        vig[c].append(e)
    return sur, vig


def read_nothing(recs):
    """Suricata's records of a capture it decoded no packet of: only stats, with decoder.pkts 0."""
    stats = [e for e in recs if e.get("event_type") == "stats"]
    return (len(stats) == len(recs) and bool(stats)
            and all(((e.get("stats") or {}).get("decoder") or {}).get("pkts", 0) == 0 for e in stats))


def flow_key(e):
    ports = e.get("proto") in ("TCP", "UDP")
    a = (e.get("src_ip"), e.get("src_port") if ports else None)
    b = (e.get("dest_ip"), e.get("dest_port") if ports else None)
    start = (e.get("flow") or {}).get("start")
    return (e.get("proto"), min(a, b, key=str), max(a, b, key=str), start)


def paths(obj, prefix, out):
    """Adds the key paths of obj (dict keys joined by '.', list elements as '[]')."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            p = prefix + "." + k if prefix else k
            if p in ("alert.metadata", "metadata.flowbits", "metadata.flowints", "metadata.pktvars"):
                out.add(p)  # keys named by the rule or flow: the object's presence only
                continue
            out.add(p)
            paths(v, p, out)
    elif isinstance(obj, list):
        for v in obj:
            paths(v, prefix + "[]", out)


def key_counts(recs):
    c = collections.Counter()
    for e in recs:
        s = set()
        paths(e, "", s)
        c.update(s)
    return c


def join(recs):
    """Alerts with a tx_id that find an http record with their flow_id and tx_id."""
    http = {(e.get("flow_id"), e.get("tx_id")) for e in recs if e.get("event_type") == "http"}
    alerts = [e for e in recs if e.get("event_type") == "alert" and e.get("app_proto") == "http"]
    with_tx = [e for e in alerts if "tx_id" in e]
    joined = [e for e in with_tx if (e.get("flow_id"), e.get("tx_id")) in http]
    return len(alerts), len(with_tx), len(joined)


def pct(a, b):
    return "" if a == 0 else "%+.1f%%" % (100.0 * (b - a) / a)


def line(e):
    t = e.get("event_type")
    body = e.get(t) if isinstance(e.get(t), dict) else {}
    if t == "alert":
        body = {"sid": body.get("signature_id"), "tx_id": e.get("tx_id")}
    return "%s %s %s:%s -> %s:%s %s %s" % (
        t, e.get("pcap_cnt"), e.get("src_ip"), e.get("src_port"), e.get("dest_ip"), e.get("dest_port"),
        e.get("proto"), json.dumps(body, sort_keys=True)[:300])


def main(argv):
    out = argv[1]
    types, worst, capture = TYPES, 8, None
    if "--flow-values" in argv:
        flow_values(load(argv[1]), worst)
        return
    i = 2
    while i < len(argv):
        if argv[i] == "--types":
            types = argv[i + 1].split(",")
        elif argv[i] == "--worst":
            worst = int(argv[i + 1])
        elif argv[i] == "--capture":
            capture = argv[i + 1]
        i += 2
    sur, vig = load(out)
    if capture:
        for name, d in (("suricata", sur), ("vigil", vig)):
            for e in d.get(capture, []):
                if e.get("event_type") in types:
                    print(name, line(e))
        return
    caps = sorted(set(sur) | set(vig))
    unread = [c for c in caps if c in sur and read_nothing(sur[c])]
    if unread:
        print("left out: %d capture(s) Suricata read no packet of (its decoder.pkts 0), Vigil's records"
              " there:" % len(unread))
        for c in unread:
            n = collections.Counter(e.get("event_type") for e in vig.get(c, []))
            print("  %s: %s" % (c, ", ".join("%s %d" % kv for kv in sorted(n.items())) or "none"))
        caps = [c for c in caps if c not in unread]
    allsur = [e for c in caps for e in sur.get(c, [])]
    allvig = [e for c in caps for e in vig.get(c, [])]
    cs = collections.Counter(e.get("event_type") for e in allsur)
    cv = collections.Counter(e.get("event_type") for e in allvig)
    print("records per event type (%d captures): suricata / vigil" % len(caps))
    for t in sorted(set(cs) | set(cv), key=lambda t: -cs.get(t, 0)):
        if t == "stats":
            continue
        print("  %-10s %6d %6d  %s" % (t, cs.get(t, 0), cv.get(t, 0), pct(cs.get(t, 0), cv.get(t, 0))))

    def anomaly_names(recs):
        return collections.Counter(
            "%s %s %s %s" % (a.get("type"), a.get("app_proto", "-"), a.get("layer", "-"), a.get("event"))
            for a in (e["anomaly"] for e in recs if e.get("event_type") == "anomaly"))

    an_s, an_v = anomaly_names(allsur), anomaly_names(allvig)
    if an_s or an_v:
        print("anomaly records by type app_proto layer event: suricata / vigil")
        for k in sorted(set(an_s) | set(an_v), key=lambda k: -an_s.get(k, 0)):
            print("  %-80s %5d %5d" % (k, an_s.get(k, 0), an_v.get(k, 0)))
    fr_s = collections.Counter(
        "%s %s %s" % (e["flow"].get("reason"), e["flow"].get("state"), e.get("proto"))
        for e in allsur if e.get("event_type") == "flow")
    fr_v = collections.Counter(
        "%s %s %s" % (e["flow"].get("reason"), e["flow"].get("state"), e.get("proto"))
        for e in allvig if e.get("event_type") == "flow")
    if fr_s or fr_v:
        print("flow records by reason state proto: suricata / vigil")
        for k in sorted(set(fr_s) | set(fr_v), key=lambda k: -fr_s.get(k, 0)):
            print("  %-40s %5d %5d" % (k, fr_s.get(k, 0), fr_v.get(k, 0)))

    for t in types:
        diffs = []
        for c in caps:
            a = sum(1 for e in sur.get(c, []) if e.get("event_type") == t)
            b = sum(1 for e in vig.get(c, []) if e.get("event_type") == t)
            if a != b:
                diffs.append((abs(a - b), c, a, b))
        if diffs:
            diffs.sort(key=lambda d: (-d[0], d[1]))
            print("%s: %d captures differ; most (suricata / vigil):" % (t, len(diffs)))
            for _, c, a, b in diffs[:worst]:
                print("  %5d %5d  %s" % (a, b, c))

    for t in KEYED:
        ks = key_counts(e for e in allsur if e.get("event_type") == t)
        kv = key_counts(e for e in allvig if e.get("event_type") == t)
        only_s = sorted(k for k in ks if k not in kv)
        only_v = sorted(k for k in kv if k not in ks)
        if only_s or only_v:
            print("%s keys only suricata writes (records): %s" % (
                t, ", ".join("%s (%d)" % (k, ks[k]) for k in only_s) or "none"))
            print("%s keys only vigil writes (records): %s" % (
                t, ", ".join("%s (%d)" % (k, kv[k]) for k in only_v) or "none"))
    fs = {flow_key(e): (c, e) for c in caps for e in sur.get(c, []) if e.get("event_type") == "flow"}
    fv = {flow_key(e): (c, e) for c in caps for e in vig.get(c, []) if e.get("event_type") == "flow"}
    for name, a, b in (("suricata", fs, fv), ("vigil", fv, fs)):
        only = [a[k] for k in a if k not in b]
        if only:
            kinds = collections.Counter(
                "%s %s %s" % (e.get("proto"), e.get("app_proto", "-"), e["flow"].get("reason")) for _, e in only)
            print("flows only %s logs (proto app_proto reason): %s" % (
                name, ", ".join("%s %d" % kv for kv in kinds.most_common(12))))
            for c, e in sorted(only, key=lambda x: x[0])[:worst]:
                print("  %s %s:%s -> %s:%s %s start %s pkts %s/%s" % (
                    c, e.get("src_ip"), e.get("src_port"), e.get("dest_ip"), e.get("dest_port"), e.get("proto"),
                    e["flow"].get("start"), e["flow"].get("pkts_toserver"), e["flow"].get("pkts_toclient")))
    js = [join(sur.get(c, [])) for c in caps]
    jv = [join(vig.get(c, [])) for c in caps]
    print("http alerts / with tx_id / joined to an http record on flow_id+tx_id:")
    print("  suricata %d / %d / %d" % tuple(sum(x[i] for x in js) for i in range(3)))
    print("  vigil    %d / %d / %d" % tuple(sum(x[i] for x in jv) for i in range(3)))


def flat(obj, prefix="", out=None):
    """Key path -> JSON text of each value (metadata kept whole)."""
    out = {} if out is None else out
    for k, v in obj.items():
        p = prefix + "." + k if prefix else k
        if isinstance(v, dict) and p != "metadata":
            flat(v, p, out)
        else:
            out[p] = json.dumps(v, sort_keys=True)
    return out


def flow_values(loaded, worst):
    sur, vig = loaded
    fs = {flow_key(e): (c, e) for c in sur for e in sur[c] if e.get("event_type") == "flow"}
    fv = {flow_key(e): e for c in vig for e in vig[c] if e.get("event_type") == "flow"}
    diff, example, paired = collections.Counter(), {}, 0
    for k, (c, e) in fs.items():
        if k not in fv:
            continue
        paired += 1
        a, b = flat(e), flat(fv[k])
        for p in set(a) | set(b):
            if p in ("timestamp", "flow_id") or a.get(p) == b.get(p):
                continue
            d = (p, a.get(p, "-"), b.get(p, "-"))
            diff[d] += 1
            example.setdefault(d, c)
    print("flow records of the same flow: %d; values that differ (suricata | vigil):" % paired)
    for (p, a, b), n in diff.most_common(worst * 5):
        print("  %5d %-24s %s | %s  e.g. %s" % (n, p, a[:60], b[:60], example[(p, a, b)]))


if __name__ == "__main__":
    main(sys.argv)
