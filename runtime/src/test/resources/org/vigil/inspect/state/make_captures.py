#!/usr/bin/env python3
"""Writes the xbits/flowint test captures of this folder (run it here; python3 only).

Each capture holds TCP connections of a few hosts, one after another; in each, the client sends
its messages (each ACKed by the server) and the connection closes. The expected alerts of
StateKeywordsTest are what Suricata 7.0.10 raised on these files
(bin/oracle run state-keywords.rules <capture>).
"""
import struct


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip(a):
    return bytes(int(x) for x in a.split("."))


def frame(src, dst, sp, dp, seq, ack, flags, data=b""):
    tcp = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 65535, 0, 0) + data
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, src, dst)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return b"\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x01\x08\x00" + h + tcp


def connection(t, c, s, cport, sport, messages):
    """Packets (time, frame) of one connection starting at second t."""
    c, s = ip(c), ip(s)
    out = []
    cs, ss = 1000, 5000

    def add(f):
        out.append((t + len(out) * 0.001, f))

    add(frame(c, s, cport, sport, cs, 0, 0x02))
    add(frame(s, c, sport, cport, ss, cs + 1, 0x12))
    cs += 1
    ss += 1
    add(frame(c, s, cport, sport, cs, ss, 0x10))
    for m in messages:
        add(frame(c, s, cport, sport, cs, ss, 0x18, m))
        cs += len(m)
        add(frame(s, c, sport, cport, ss, cs, 0x10))
    add(frame(c, s, cport, sport, cs, ss, 0x11))
    add(frame(s, c, sport, cport, ss, cs + 1, 0x11))
    add(frame(c, s, cport, sport, cs + 1, ss + 1, 0x10))
    return out


def write(name, conns):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        for t, p in sorted(sum(conns, []), key=lambda x: x[0]):
            sec = int(t)
            f.write(struct.pack("<IIII", 1700000000 + sec, int(round((t - sec) * 1e6)), len(p), len(p)) + p)


A, B, C = "10.0.0.1", "10.0.0.2", "10.0.0.3"
# xbits: host A sets "seen" (ip_src) and the pair A-B "pair"; later connections test them
write("xbits.pcap", [
    connection(0, A, B, 40000, 80, [b"SETHOST", b"SETPAIR"]),
    connection(1, A, C, 40001, 80, [b"TESTSRC", b"TESTPAIR"]),   # host bit yes, pair A-C no
    connection(2, B, A, 40002, 80, [b"TESTPAIR", b"TESTDST"]),   # pair B-A yes, dst host A yes
    connection(3, C, B, 40003, 80, [b"TESTSRC"]),                # host C: no
    connection(50, A, B, 40004, 80, [b"TESTSRC", b"TESTPAIR"]),  # both expired (expire 10)
    connection(60, A, B, 40005, 80, [b"UNSETHOST", b"TESTSRC", b"TOGGLE", b"TESTTOG", b"TOGGLE", b"TESTTOG"]),
])
# flowint: a counter per flow, compared as it grows; a second flow starts over
write("flowint.pcap", [
    connection(0, A, B, 40000, 80, [b"COUNT", b"COUNT", b"COUNT", b"CHECK", b"SETTEN", b"CHECK"]),
    connection(5, A, B, 40001, 80, [b"CHECK", b"COUNT", b"CHECK"]),
])
# app-layer-event: a request whose Transfer-Encoding is not chunked, then a chunked one
write("events.pcap", [
    connection(0, A, B, 40000, 80, [b"POST /tmui/x HTTP/1.1\r\nHost: b\r\nTransfer-Encoding: gzip\r\n\r\n"]),
    connection(1, A, B, 40001, 80, [b"POST /tmui/y HTTP/1.1\r\nHost: b\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"]),
])
