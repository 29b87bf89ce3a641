#!/usr/bin/env python3
"""Builds a benchmark capture from the corpus captures (bench/compare-suricata.sh --build).

  bench/build-capture.py [--corpus DIR] [--sets zeek,tcpdump] [--select K/N]
                         [--packets N | --mb M | --passes N] [--gap SECONDS] [--start EPOCH] -o OUT.pcap

One pass is every Ethernet capture of the chosen sets (pcap or pcapng, any byte order and time
resolution; other link types are left out, as are captures that cannot be read), in sorted path
order (with --select K/N only every N-th from the K-th: a training sample that leaves the other
captures unseen), joined into one timeline: each capture keeps its own packet spacing (a step back of more
than a second or forward of more than an hour, a test trace's made-up timestamps, becomes no
step) and starts GAP seconds after the previous capture's last packet, the first at START.
Passes follow each other on that timeline until the capture holds the packets or megabytes asked
for (the last pass is cut there) or the number of passes asked for (default one).
Pass k > 0 rewrites the source and destination of the outer IP header of each Ethernet (or
VLAN/QinQ) frame: two bytes of the address (IPv4 bytes 1-2, IPv6 bytes 2-3) are XORed with a
16-bit value of the pass, so the flows of one pass do not take up the 5-tuples of another's;
0/8, 127/8, multicast and broadcast (IPv4) and ::/8, fe80::/10 and ff00::/8 (IPv6) stay.
Checksums follow incrementally (RFC 1624): the IPv4 header checksum and the TCP, UDP and ICMPv6
checksum of a first fragment move by exactly the change of the addresses in their pseudo header
(not a home address or routing header's final address; a zero UDP checksum stays zero), so a
checksum that was valid stays valid and one a trace made invalid on purpose (zeek's checksum
traces) stays invalid. Tunnel inner headers are not rewritten. Writes a microsecond pcap
(Ethernet, snaplen 262144) and prints what it joined.
Needs only Python 3.
"""
import argparse
import os
import struct
import sys

ETHERNET = 1
PCAP_MAGICS = {
    b"\xd4\xc3\xb2\xa1": ("<", 1000),
    b"\xa1\xb2\xc3\xd4": (">", 1000),
    b"\x4d\x3c\xb2\xa1": ("<", 1),
    b"\xa1\xb2\x3c\x4d": (">", 1),
}


def read_pcap(data):
    """(linktype, [(ts_ns, frame)]) of a classic pcap; a truncated last record ends it."""
    end, mult = PCAP_MAGICS[data[:4]]
    linktype = struct.unpack(end + "I", data[20:24])[0] & 0x0FFFFFFF
    out = []
    pos = 24
    rec = struct.Struct(end + "IIII")
    while pos + 16 <= len(data):
        sec, frac, caplen, _ = rec.unpack_from(data, pos)
        pos += 16
        if pos + caplen > len(data):
            break
        out.append((sec * 1_000_000_000 + frac * mult, data[pos : pos + caplen]))
        pos += caplen
    return linktype, out


def read_pcapng(data):
    """(linktype, [(ts_ns, frame)]) of a pcapng whose interfaces are all of one link type."""
    out = []
    ifaces = []  # (linktype, ns per tick)
    pos = 0
    end = "<"
    while pos + 12 <= len(data):
        btype = struct.unpack_from(end + "I", data, pos)[0]
        if btype == 0x0A0D0D0A:
            bom = data[pos + 8 : pos + 12]
            end = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            ifaces = []
        blen = struct.unpack_from(end + "I", data, pos + 4)[0]
        if blen < 12 or pos + blen > len(data):
            break
        body = data[pos + 8 : pos + blen - 4]
        if btype == 1:  # interface description
            lt = struct.unpack_from(end + "H", body, 0)[0]
            ifaces.append([lt, 1000])
            opos = 8
            while opos + 4 <= len(body):
                code, olen = struct.unpack_from(end + "HH", body, opos)
                if code == 0:
                    break
                if code == 9 and olen >= 1:  # if_tsresol
                    r = body[opos + 4]
                    tick_s = 2.0 ** -(r & 0x7F) if r & 0x80 else 10.0 ** -r
                    ifaces[-1][1] = tick_s * 1e9
                opos += 4 + ((olen + 3) & ~3)
        elif btype == 6 and ifaces:  # enhanced packet
            iface, hi, lo, caplen = struct.unpack_from(end + "IIII", body, 0)
            if iface < len(ifaces) and 20 + caplen <= len(body):
                lt, tick = ifaces[iface]
                ts = round(((hi << 32) | lo) * tick)
                out.append((lt, ts, body[20 : 20 + caplen]))
        elif btype == 3 and ifaces:  # simple packet: no timestamp, the previous one
            caplen = min(struct.unpack_from(end + "I", body, 0)[0], len(body) - 4)
            out.append((ifaces[0][0], out[-1][1] if out else 0, body[4 : 4 + caplen]))
        pos += blen
    types = {lt for lt, _, _ in out}
    if len(types) != 1:
        return None, []
    return types.pop(), [(ts, frame) for _, ts, frame in out]


def read_capture(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] in PCAP_MAGICS:
        return read_pcap(data)
    if data[:4] == b"\x0a\x0d\x0d\x0a":
        return read_pcapng(data)
    return None, []


def ip_layout(frame):
    """(ip_offset, version, l4_offset, l4_proto, pseudo) of an Ethernet frame's IP header, or None.

    l4_offset is None in a non-first fragment; pseudo says per address (source, destination)
    whether the L4 pseudo header holds the IP header's.
    """
    off = 12
    while off + 2 <= len(frame):
        et = (frame[off] << 8) | frame[off + 1]
        if et in (0x8100, 0x88A8, 0x9100):
            off += 4
            continue
        break
    else:
        return None
    ip = off + 2
    if et == 0x0800 and ip + 20 <= len(frame) and frame[ip] >> 4 == 4:
        ihl = (frame[ip] & 0x0F) * 4
        proto = frame[ip + 9]
        frag_off = ((frame[ip + 6] & 0x1F) << 8) | frame[ip + 7]
        l4 = ip + ihl if frag_off == 0 and ihl >= 20 else None
        return ip, 4, l4, proto, (True, True)
    if et == 0x86DD and ip + 40 <= len(frame) and frame[ip] >> 4 == 6:
        nxt = frame[ip + 6]
        l4 = ip + 40
        # hop-by-hop, routing, destination options; a fragment header ends at a first fragment.
        # A home address option (destination options) stands for the source in the L4 pseudo
        # header, a routing header with segments left its last address for the destination:
        # the checksum does not move with those header addresses then.
        pseudo = [True, True]
        while nxt in (0, 43, 60, 44) and l4 + 8 <= len(frame):
            if nxt == 44:
                if struct.unpack_from(">H", frame, l4 + 2)[0] & 0xFFF8:
                    return ip, 6, None, 44, pseudo
                nxt, l4 = frame[l4], l4 + 8
                continue
            size = 8 + frame[l4 + 1] * 8
            if nxt == 43 and frame[l4 + 3] > 0:
                pseudo[1] = False
            elif nxt == 60:
                opt = l4 + 2
                while opt + 2 <= min(l4 + size, len(frame)):
                    if frame[opt] == 0:  # Pad1
                        opt += 1
                        continue
                    if frame[opt] == 0xC9:
                        pseudo[0] = False
                    opt += 2 + frame[opt + 1]
            nxt, l4 = frame[l4], l4 + size
        return ip, 6, l4, nxt, pseudo
    return None


def l4_checksum_at(version, proto, l4, frame):
    """Offset of the L4 checksum covering the pseudo header, or None."""
    if l4 is None:
        return None
    at = {6: 16, 17: 6, 58: 2 if version == 6 else None}.get(proto)
    if at is None or l4 + at + 2 > len(frame):
        return None
    return l4 + at


def csum_add(a, b):
    s = a + b
    return (s & 0xFFFF) + (s >> 16)


def adjust(frame, at, old_words, new_words):
    """RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') over the changed 16-bit words."""
    hc = struct.unpack_from(">H", frame, at)[0]
    s = ~hc & 0xFFFF
    for w in old_words:
        s = csum_add(s, ~w & 0xFFFF)
    for w in new_words:
        s = csum_add(s, w)
    struct.pack_into(">H", frame, at, ~s & 0xFFFF)


def keep_v4(first):
    return first == 0 or first == 127 or first >= 224


def keep_v6(b0, b1):
    return b0 == 0 or b0 == 0xFF or (b0 == 0xFE and b1 & 0xC0 == 0x80)


def rewrite(frame, layout, key):
    """Frame with its IP addresses moved by pass key (two bytes XORed), checksums kept in step."""
    ip, version, l4, proto, pseudo = layout
    buf = bytearray(frame)
    if version == 4:
        addrs, width, part = (ip + 12, ip + 16), 4, 1  # bytes 1-2 of the address
    else:
        addrs, width, part = (ip + 8, ip + 24), 16, 2  # bytes 2-3: inside the routing prefix
    words = struct.Struct(">" + "H" * (width // 2))
    old, new, l4_old, l4_new = [], [], [], []
    for a, in_pseudo in zip(addrs, pseudo):
        if version == 4 and keep_v4(buf[a]):
            continue
        if version == 6 and keep_v6(buf[a], buf[a + 1]):
            continue
        before = words.unpack_from(buf, a)
        buf[a + part] ^= key >> 8
        buf[a + part + 1] ^= key & 0xFF
        after = words.unpack_from(buf, a)
        old.extend(before)
        new.extend(after)
        if in_pseudo:
            l4_old.extend(before)
            l4_new.extend(after)
    if not old:
        return bytes(buf)
    if version == 4:
        adjust(buf, ip + 10, old, new)
    at = l4_checksum_at(version, proto, l4, buf)
    if not l4_old or at is None:
        return bytes(buf)
    if not (proto == 17 and buf[at] == 0 and buf[at + 1] == 0):  # no UDP checksum stays none
        adjust(buf, at, l4_old, l4_new)
        if proto == 17 and buf[at] == 0 and buf[at + 1] == 0:
            struct.pack_into(">H", buf, at, 0xFFFF)  # a computed UDP zero is sent as all ones
    return bytes(buf)


def pass_key(k):
    """A non-zero 16-bit XOR value per pass k > 0, distinct for the first 65535 passes."""
    return ((k * 40503) & 0xFFFF) or 0x8000


def timeline(pkts):
    """[(ns since the capture's first packet, frame, layout)]: the capture's own packet spacing,
    except a step back of more than a second or forward of more than an hour (a test trace's
    spliced or made-up timestamps), which becomes no step."""
    out = []
    rel = 0
    prev = pkts[0][0]
    for ts, frame in pkts:
        step = ts - prev
        if -1_000_000_000 <= step <= 3600 * 1_000_000_000:
            rel += step
        prev = ts
        out.append((rel, frame, ip_layout(frame)))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Builds a benchmark capture from the corpus captures.")
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--sets", default="zeek", help="comma-separated folders of corpus/pcaps")
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--packets", type=int, help="stop at this many packets")
    size.add_argument("--mb", type=float, help="stop at this many megabytes of frames")
    size.add_argument("--passes", type=int, help="this many whole passes (default 1)")
    ap.add_argument("--select", default="0/1", metavar="K/N",
                    help="only the captures whose index in path order is K modulo N (default 0/1: all)")
    ap.add_argument("--gap", type=float, default=1.0, help="seconds between captures (default 1)")
    ap.add_argument("--start", type=int, default=1_577_836_800, help="first packet's epoch second")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args()

    files = []
    for s in a.sets.split(","):
        root = os.path.join(a.corpus, "pcaps", s)
        if not os.path.isdir(root):
            sys.exit(f"build-capture: no capture set {root}")
        for d, _, names in os.walk(root):
            for n in names:
                if n.endswith((".pcap", ".pcapng", ".cap")):
                    files.append(os.path.join(d, n))
    files.sort()
    k_sel, n_sel = (int(x) for x in a.select.split("/"))
    files = [f for i, f in enumerate(files) if i % n_sel == k_sel]
    captures = []  # [(relative ts_ns, frame, layout)] per capture, timestamps from its first packet
    skipped = 0
    for path in files:
        try:
            lt, pkts = read_capture(path)
        except (struct.error, IndexError, KeyError, ValueError):
            lt, pkts = None, []
        if lt != ETHERNET or not pkts:
            skipped += 1
            continue
        captures.append(timeline(pkts))
    if not captures:
        sys.exit("build-capture: no Ethernet capture found")
    one = sum(len(c) for c in captures)
    one_bytes = sum(len(fr) for c in captures for _, fr, _ in c)
    print(f"build-capture: {len(captures)} Ethernet captures ({skipped} other or unreadable), "
          f"{one} packets, {one_bytes / 1e6:.1f} MB per pass", file=sys.stderr)
    if a.packets:
        limit_pkts, limit_bytes, passes = a.packets, None, None
    elif a.mb:
        limit_pkts, limit_bytes, passes = None, int(a.mb * 1e6), None
    else:
        limit_pkts, limit_bytes, passes = None, None, a.passes or 1

    gap = int(a.gap * 1e9)
    clock = a.start * 1_000_000_000
    written = nbytes = 0
    k = 0
    rec = struct.Struct("<IIII")
    with open(a.out, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, ETHERNET))
        done = False
        while not done:
            key = pass_key(k)
            for cap in captures:
                last = 0
                for rel, frame, layout in cap:
                    if k and layout is not None:
                        frame = rewrite(frame, layout, key)
                    ts = max(0, clock + rel)
                    last = max(last, rel)
                    out.write(rec.pack(ts // 1_000_000_000, ts % 1_000_000_000 // 1000, len(frame), len(frame)))
                    out.write(frame)
                    written += 1
                    nbytes += len(frame)
                    if (limit_pkts and written >= limit_pkts) or (limit_bytes and nbytes >= limit_bytes):
                        done = True
                        break
                clock += last + gap
                if done:
                    break
            k += 1
            if passes is not None and k >= passes:
                done = True
    print(f"build-capture: {a.out}: {written} packets, {nbytes / 1e6:.1f} MB of frames, "
          f"{k} pass(es)", file=sys.stderr)


if __name__ == "__main__":
    main()
