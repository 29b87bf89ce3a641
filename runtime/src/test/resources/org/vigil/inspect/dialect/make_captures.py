#!/usr/bin/env python3
"""Writes dialect.pcap, the capture of SuricataDialectTest (run it here; python3 only).

UDP datagrams 10.0.0.1:40000 -> 10.0.0.2: DNS queries to port 53 (one question, type A) and raw
payloads to port 9999, one per packet. The expected alerts of SuricataDialectTest are what
Suricata 7.0.10 raised on this file (bin/oracle run dialect.rules dialect.pcap).
"""
import struct

C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(dport, data, ident):
    udp = struct.pack("!HHHH", 40000, dport, 8 + len(data), 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), ident, 0x4000, 64, 17, 0, C, S)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + udp


def dns(name, ident):
    q = b"".join(bytes([len(l)]) + l for l in name.split(b".")) + b"\0"
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 1, 1)


PACKETS = [
    (53, dns(b"EXAMPLE.COM", 1)),  # 1: xor 20 gives example|0e|com
    (53, dns(b"www.vigil.example", 2)),  # 2: pcrexform takes "www"
    (53, dns(b"rs-ny.rustdesk.com", 3)),  # 3: the RustDesk shape
    (53, dns(b"xrs-ny.rustdesk.com", 4)),  # 4: not it
    (9999, bytes([5, 6, 0, 0])),  # 5: byte_math 5+1 = 6
    (9999, b"L=099!d"),  # 6: string byte_math, 99+1 = 'd'
    (9999, bytes([0x34, 0x12, 0x23])),  # 7: bitmask
    (9999, bytes([2, 0x2E, 0x2E, 0x2E, 0x58])),  # 8: content offset from byte_math
    (9999, bytes([3, 48])),  # 9: 3 << 4 = 48
]

with open("dialect.pcap", "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, (port, data) in enumerate(PACKETS):
        fr = frame(port, data, i + 1)
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)) + fr)
