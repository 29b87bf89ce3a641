"""Bytes the capture generators share (demo/make_demo_pcap.py, aot/training_net.py): an IPv4
address's four bytes and the Internet checksum (RFC 1071) of IP, TCP, UDP and ICMP headers.
"""
import struct


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
