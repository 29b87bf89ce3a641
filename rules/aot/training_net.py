"""The packet layer of the AOT training capture (make_training.py): frames with their times, the
links they travel on (plain Ethernet, 802.1Q and QinQ tags, MPLS, GRE, VXLAN and Geneve tunnels,
IPv4 or IPv6 with the same flows mapped onto documentation prefixes), IP fragments, and TCP
connections with options, lost and retransmitted segments and segments out of order, the way a
sensor's link carries them.
"""
import os
import random
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pcapbytes import csum, ip4  # noqa: E402  (the generators' shared module, one folder up)

T0 = 1_764_000_000
R = random.Random(20)
MAC = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01"


def ip6(s):
    """An IPv4 address of the generated traffic mapped into 2001:db8::/32 (its own /64 per /24)."""
    a = ip4(s)
    return b"\x20\x01\x0d\xb8" + bytes([a[0], a[1], 0, a[2]]) + b"\x00" * 7 + bytes([a[3]])


# where the checksum of a transport header sits (ICMPv4 sums without a pseudo-header)
CSUM_AT = {6: 16, 17: 6, 1: 2, 58: 2}


class Capture:
    """Packets with their times, written sorted by time so flows overlap as on a real link. The
    link, address family and fragmentation in effect (set per flow by the caller) shape every
    packet: link is one of plain, vlan, qinq, mpls, gre, vxlan, geneve."""

    def __init__(self):
        self.packets = []
        self.ident = 0
        self.link, self.v6, self.frag = "plain", False, 0

    def ip(self, t, src, dst, proto, l4):
        if self.v6 and proto == 1:
            proto = 58
            l4 = bytes([128 if l4[0] == 8 else 129 if l4[0] == 0 else l4[0]]) + l4[1:]
        if self.v6:
            s, d = ip6(src), ip6(dst)
            pseudo = s + d + struct.pack("!IxxxB", len(l4), proto)
        else:
            s, d = ip4(src), ip4(dst)
            pseudo = s + d + struct.pack("!BBH", 0, proto, len(l4)) if proto != 1 else b""
        at = CSUM_AT.get(proto)
        if at is not None and len(l4) >= at + 2:
            l4 = l4[:at] + b"\0\0" + l4[at + 2:]
            c = csum(pseudo + l4)
            l4 = l4[:at] + struct.pack("!H", c or (0xFFFF if proto == 17 else 0)) + l4[at + 2:]
        for packet in (self.ipv6 if self.v6 else self.ipv4)(s, d, proto, l4):
            self.add(t, packet, 0x86DD if self.v6 else 0x0800)
            t += 0.00001

    def ipv4(self, s, d, proto, l4):
        self.ident = (self.ident + 1) & 0xFFFF
        pieces = self.pieces(l4)
        out = []
        for off, more, part in pieces:
            flags = (0x2000 if more else 0) | (off // 8) | (0x4000 if len(pieces) == 1 else 0)
            hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(part), self.ident, flags, 64, proto, 0, s, d)
            out.append(hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:] + part)
        return out

    def ipv6(self, s, d, proto, l4):
        self.ident += 1
        pieces = self.pieces(l4)
        if len(pieces) == 1:
            return [struct.pack("!IHBB", 0x60000000, len(l4), proto, 64) + s + d + l4]
        out = []
        for off, more, part in pieces:
            fh = struct.pack("!BBHI", proto, 0, off | (1 if more else 0), self.ident)
            out.append(struct.pack("!IHBB", 0x60000000, len(fh) + len(part), 44, 64) + s + d + fh + part)
        return out

    def pieces(self, l4):
        """The fragments (offset, more, bytes) of a payload: one piece unless fragmenting; the
        pieces sometimes come in reverse order, and sometimes one is sent twice."""
        if not self.frag or len(l4) <= self.frag:
            return [(0, False, l4)]
        size = max(8, self.frag // 8 * 8)
        out = [(at, at + size < len(l4), l4[at:at + size]) for at in range(0, len(l4), size)]
        kind = R.random()
        if kind < 0.25:
            out.reverse()
        elif kind < 0.35:
            out.insert(1, out[0])
        return out

    def add(self, t, packet, ethertype):
        link = self.link
        if link in ("gre", "vxlan", "geneve"):
            inner, ethertype = self.tunnel(link, packet, ethertype), 0x0800
            packet = inner
        head = MAC
        if link == "vlan":
            head += struct.pack("!HH", 0x8100, 10 + self.ident % 3)
        elif link == "qinq":
            head += struct.pack("!HHHH", 0x88A8, 100, 0x8100, 20)
        elif link == "mpls" and ethertype == 0x0800:
            head, ethertype = head + struct.pack("!HI", 0x8847, (16000 << 12) | 0x100 | 64), None
        frame = head + (struct.pack("!H", ethertype) if ethertype else b"") + packet
        self.packets.append((t, len(self.packets), frame))

    def tunnel(self, link, packet, ethertype):
        """The packet inside an outer IPv4 header between two tunnel end points."""
        if link == "gre":
            l4, proto = struct.pack("!HH", 0, ethertype) + packet, 47
        else:
            inner = MAC + struct.pack("!H", ethertype) + packet
            head = struct.pack("!II", 0x08000000, 4242 << 8) if link == "vxlan" else struct.pack("!HHI", 0, 0x6558, 4242 << 8)
            port = 4789 if link == "vxlan" else 6081
            body = head + inner
            l4, proto = struct.pack("!HHHH", 49152 + self.ident % 1000, port, 8 + len(body), 0) + body, 17
        self.ident = (self.ident + 1) & 0xFFFF
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), self.ident, 0x4000, 64, proto, 0, ip4("172.16.0.1"), ip4("172.16.0.2"))
        return hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:] + l4

    def udp(self, t, src, dst, sport, dport, payload):
        self.ip(t, src, dst, 17, struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload)

    def icmp(self, t, src, dst, typ, ident, seq, payload):
        self.ip(t, src, dst, 1, struct.pack("!BBHHH", typ, 0, 0, ident, seq) + payload)

    def arp(self, t, src, dst):
        body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + MAC[6:] + ip4(src) + b"\0" * 6 + ip4(dst)
        self.packets.append((t, len(self.packets), b"\xff" * 6 + MAC[6:] + b"\x08\x06" + body))

    def raw(self, t, frame):
        self.packets.append((t, len(self.packets), frame))

    def save(self, path):
        self.packets.sort()
        out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t, _, frame in self.packets:
            us = int(t * 1_000_000)
            out += struct.pack("<IIII", T0 + us // 1_000_000, us % 1_000_000, len(frame), len(frame)) + frame
        with open(path, "wb") as f:
            f.write(bytes(out))
        return len(self.packets)


class Tcp:
    """One TCP connection: handshake (with the options of current stacks on most), data in
    MSS-sized segments with ACKs, now and then a segment lost and sent again or two segments out
    of order, then a FIN or RST close (or none: the flow times out)."""

    def __init__(self, cap, t, client, server, sport, dport, handshake=True):
        self.cap, self.t = cap, t
        self.ends = {True: [client, sport, R.randrange(1 << 31)], False: [server, dport, R.randrange(1 << 31)]}
        self.stamps = R.random() < 0.7
        self.clock = R.randrange(1 << 30)
        self.disorder = R.random() < 0.15
        if handshake:
            syn_opts = struct.pack("!BBH", 2, 4, 1460) + b"\x04\x02" + self.ts() + b"\x01\x03\x03\x07"
            self.seg(True, 0x02, opts=syn_opts)
            self.ends[True][2] += 1
            self.seg(False, 0x12, opts=syn_opts)
            self.ends[False][2] += 1
            self.seg(True, 0x10)

    def ts(self):
        self.clock += 7
        return struct.pack("!BBII", 8, 10, self.clock, self.clock - 3)

    def seg(self, to_server, flags, payload=b"", opts=None, seq=None, at=None):
        self.t += R.uniform(0.0002, 0.02)
        (src, sp, mine), (dst, dp, ack) = self.ends[to_server], self.ends[not to_server]
        if opts is None:
            opts = b"\x01\x01" + self.ts() if self.stamps else b""
        opts += b"\x00" * (-len(opts) % 4)
        seq = mine if seq is None else seq
        hdr = struct.pack("!HHIIHHHH", sp, dp, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF if flags != 0x02 else 0,
                          ((5 + len(opts) // 4) << 12) | flags, 64240, 0, 0)
        self.cap.ip(self.t if at is None else at, src, dst, 6, hdr + opts + payload)
        if seq == mine:
            self.ends[to_server][2] += len(payload)

    def send(self, to_server, data, mss=1448):
        parts = [data[at:at + mss] for at in range(0, len(data), mss)]
        for i, part in enumerate(parts):
            odd = self.disorder and R.random() < 0.3
            if odd and i + 1 < len(parts):
                # the next segment overtakes this one
                seq, t = self.ends[to_server][2], self.t
                self.ends[to_server][2] += len(part)
                self.seg(to_server, 0x18, part, seq=seq, at=t + 0.03)
                self.t = t
                continue
            self.seg(to_server, 0x18, part)
            if odd:
                # lost on the way to the sensor's peer: the same bytes again
                self.seg(to_server, 0x18, part, seq=self.ends[to_server][2] - len(part))
            if i % 2 == 1 or i + 1 == len(parts):
                self.seg(not to_server, 0x10)

    def close(self):
        kind = R.random()
        if kind < 0.1:
            self.seg(R.random() < 0.5, 0x14)
            return
        if kind < 0.15:
            return
        self.seg(True, 0x11)
        self.ends[True][2] += 1
        self.seg(False, 0x11)
        self.ends[False][2] += 1
        self.seg(True, 0x10)
