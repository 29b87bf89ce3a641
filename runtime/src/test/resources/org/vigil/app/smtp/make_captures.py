#!/usr/bin/env python3
"""Writes the SMTP test captures of this folder (run it here; python3 only, no dependencies).

Each capture is one TCP connection 10.0.0.1:40000 -> 10.0.0.2:25: handshake, then each message
of the script sent by its side in one segment and ACKed by the other side with an empty segment,
then FIN/ACK both ways. The expected alerts of SmtpKeywordsTest are what Suricata 7.0.10 raised
on these files (bin/oracle run smtp-keywords.rules <capture>).
"""
import base64
import struct

C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
CP, SP = 40000, 25


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, sp, dp, seq, ack, flags, data=b""):
    tcp = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 65535, 0, 0) + data
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x01\x08\x00" + ip + tcp


def write(name, script):
    pkts = []
    cs, ss = 1000, 5000
    pkts.append(frame(C, S, CP, SP, cs, 0, 0x02))
    pkts.append(frame(S, C, SP, CP, ss, cs + 1, 0x12))
    cs += 1
    ss += 1
    pkts.append(frame(C, S, CP, SP, cs, ss, 0x10))
    for to_server, data in script:
        if to_server:
            pkts.append(frame(C, S, CP, SP, cs, ss, 0x18, data))
            cs += len(data)
            pkts.append(frame(S, C, SP, CP, ss, cs, 0x10))
        else:
            pkts.append(frame(S, C, SP, CP, ss, cs, 0x18, data))
            ss += len(data)
            pkts.append(frame(C, S, CP, SP, cs, ss, 0x10))
    pkts.append(frame(C, S, CP, SP, cs, ss, 0x11))
    pkts.append(frame(S, C, SP, CP, ss, cs + 1, 0x11))
    pkts.append(frame(C, S, CP, SP, cs + 1, ss + 1, 0x10))
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        for i, p in enumerate(pkts):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)


def lines(*ls):
    return b"".join(l + b"\r\n" for l in ls)


attachment = b"070707" + b"A" * 40 + b"../../jetty/webapps/zimbra/public/x.jsp ustar" + b"\x00" * 8
b64 = base64.encodebytes(attachment).replace(b"\n", b"\r\n")
mail = (
    lines(
        b"From: a@example.com",
        b"To: b@example.com",
        b"Subject: report",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="XyZ"',
        b"",
        b"preamble",
        b"--XyZ",
        b"Content-Type: text/plain",
        b"",
        b"body text mentions jetty in plain text only",
        b"--XyZ",
        b'Content-Type: application/octet-stream; name="x.cpio"',
        b'Content-Disposition: attachment; filename="x.cpio"',
        b"Content-Transfer-Encoding: base64",
        b"",
    )
    + b64
    + lines(b"--XyZ--", b".")
)

greeting = [(False, lines(b"220 mail.example.com ESMTP"))]
envelope = [
    (True, lines(b"EHLO client.example.com")),
    (False, lines(b"250-mail.example.com", b"250 SIZE 1000000")),
    (True, lines(b"MAIL FROM:<a@example.com>")),
    (False, lines(b"250 OK")),
    (True, lines(b"RCPT TO:<b@example.com>")),
    (False, lines(b"250 OK")),
    (True, lines(b"RCPT TO:<c@example.com>")),
    (False, lines(b"250 OK")),
    (True, lines(b"DATA")),
    (False, lines(b"354 go ahead")),
]
write("attachment.pcap", greeting + envelope + [
    (True, mail),
    (False, lines(b"250 queued")),
    (True, lines(b"QUIT")),
    (False, lines(b"221 bye")),
])
# the same mail sent pipelined, the data right after DATA; the server announces PIPELINING on
# the last line of its reply, which Suricata does not take: DATA waits for 354, and the mail's lines
# before it are read as commands
write("pipelining-last-line.pcap", greeting + [
    (True, lines(b"EHLO client.example.com")),
    (False, lines(b"250-mail.example.com", b"250 PIPELINING")),
    (True, lines(b"MAIL FROM:<a@example.com>", b"RCPT TO:<b@example.com>", b"DATA") + mail),
    (False, lines(b"250 OK", b"250 OK", b"354 go ahead", b"250 queued")),
    (True, lines(b"QUIT")),
    (False, lines(b"221 bye")),
])
# the same with "250-PIPELINING": the data follows DATA before the server answers it
write("pipelining.pcap", greeting + [
    (True, lines(b"EHLO client.example.com")),
    (False, lines(b"250-mail.example.com", b"250-PIPELINING", b"250 8BITMIME")),
    (True, lines(b"MAIL FROM:<a@example.com>", b"RCPT TO:<b@example.com>", b"DATA") + mail),
    (False, lines(b"250 OK", b"250 OK", b"354 go ahead", b"250 queued")),
    (True, lines(b"QUIT")),
    (False, lines(b"221 bye")),
])
# the server accepts STARTTLS: the client's next bytes are a TLS ClientHello
write("starttls.pcap", greeting + [
    (True, lines(b"EHLO client.example.com")),
    (False, lines(b"250-mail.example.com", b"250 STARTTLS")),
    (True, lines(b"STARTTLS")),
    (False, lines(b"220 ready")),
    (True, bytes.fromhex("16030100310100002d0303") + b"\x11" * 32 + bytes.fromhex("000002002f0100")),
])
