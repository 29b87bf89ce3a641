#!/usr/bin/env python3
"""Writes demo.pcap: the bundled capture of the README's first command.

Made up traffic between documentation addresses (RFC 5737), written from scratch so that the
project carries no third-party capture: an HTTP exchange that is clean, one that fetches
/etc/passwd through a path-traversal URI split over three TCP segments, a DNS query for a
known-bad demo domain, and an ICMP echo with an odd payload. Run it again to regenerate the file
byte for byte (timestamps are fixed).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pcapbytes import csum, ip4  # noqa: E402  (the generators' shared module, one folder up)

CLIENT, SERVER, DNS = "192.0.2.10", "198.51.100.20", "203.0.113.53"
T0 = 1_764_000_000  # fixed epoch second


def ipv4(src, dst, proto, payload, ident):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0, ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b""):
    off = 5 << 12
    hdr = struct.pack("!HHIIHHHH", sport, dport, seq, ack, off | flags, 65535, 0, 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(hdr) + len(payload))
    c = csum(pseudo + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


def udp(src, dst, sport, dport, payload):
    hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 17, len(hdr) + len(payload))
    c = csum(pseudo + hdr + payload) or 0xFFFF
    return hdr[:6] + struct.pack("!H", c) + payload


def ether(ip_packet):
    return b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + ip_packet


class Writer:
    def __init__(self):
        self.records = []
        self.t = 0
        self.ident = 1

    def add(self, src, dst, proto, l4):
        self.t += 1
        self.ident += 1
        frame = ether(ipv4(src, dst, proto, l4, self.ident))
        self.records.append(struct.pack("<IIII", T0 + self.t // 1000, (self.t % 1000) * 1000, len(frame), len(frame)) + frame)

    def save(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for r in self.records:
                f.write(r)


def http_session(w, sport, request_parts, response):
    c_isn, s_isn = 1000 + sport * 7, 50000 + sport * 13
    w.add(CLIENT, SERVER, 6, tcp(CLIENT, SERVER, sport, 80, c_isn, 0, 0x02))
    w.add(SERVER, CLIENT, 6, tcp(SERVER, CLIENT, 80, sport, s_isn, c_isn + 1, 0x12))
    w.add(CLIENT, SERVER, 6, tcp(CLIENT, SERVER, sport, 80, c_isn + 1, s_isn + 1, 0x10))
    seq = c_isn + 1
    for part in request_parts:
        w.add(CLIENT, SERVER, 6, tcp(CLIENT, SERVER, sport, 80, seq, s_isn + 1, 0x18, part))
        seq += len(part)
        w.add(SERVER, CLIENT, 6, tcp(SERVER, CLIENT, 80, sport, s_isn + 1, seq, 0x10))
    w.add(SERVER, CLIENT, 6, tcp(SERVER, CLIENT, 80, sport, s_isn + 1, seq, 0x18, response))
    s_seq = s_isn + 1 + len(response)
    w.add(CLIENT, SERVER, 6, tcp(CLIENT, SERVER, sport, 80, seq, s_seq, 0x11))
    w.add(SERVER, CLIENT, 6, tcp(SERVER, CLIENT, 80, sport, s_seq, seq + 1, 0x11))
    w.add(CLIENT, SERVER, 6, tcp(CLIENT, SERVER, sport, 80, seq + 1, s_seq + 1, 0x10))


def main():
    w = Writer()
    ok_body = b"<html><body>hello</body></html>"
    http_session(w, 40001,
                 [b"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: demo-browser/1.0\r\n\r\n"],
                 b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(ok_body), ok_body))
    passwd = b"root:x:0:0:root:/root:/bin/bash\n"
    http_session(w, 40002,
                 [b"GET /cgi-bin/view?file=../../et", b"c/pas", b"swd HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: curl/8.0\r\n\r\n"],
                 b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(passwd), passwd))
    query = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x04evil\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
    w.add(CLIENT, DNS, 17, udp(CLIENT, DNS, 53001, 53, query))
    echo = struct.pack("!BBHHH", 8, 0, 0, 0x77, 1) + b"VIGIL-DEMO-PING"
    echo = echo[:2] + struct.pack("!H", csum(echo)) + echo[4:]
    w.add(CLIENT, SERVER, 1, echo)
    w.save("demo.pcap")


if __name__ == "__main__":
    main()
