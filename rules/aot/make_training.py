#!/usr/bin/env python3
"""Writes training.pcap and training.rules into the folder it is given: the traffic and rules the
build trains Vigil's generic AOT cache on (bin/aot-train --bundled; the README's Warm-up section).

Made up traffic between private and documentation addresses, written from scratch so that the
project carries no third-party capture, shaped like a sensor's link rather than a lab: overlapping
flows of HTTP/1.1 (keep-alive, pipelining, POST bodies, chunked and gzip responses, redirects,
404s), TLS 1.2 handshakes with SNI and a certificate then application data, DNS over UDP and TCP,
SSH, SMTP mail with a MIME attachment, FTP with a passive data connection, SMB2 with a DCERPC named
pipe, DCERPC, RDP, VNC, ICMP echoes, NTP-like UDP, SYNs to closed ports, ARP and malformed frames;
a tenth over IPv6, a fifth on VLAN, QinQ, MPLS, GRE, VXLAN or Geneve links, a few fragmented; TCP
with the options of current stacks, lost and reordered segments, RST closes and idle flows, quiet
minutes in which flows time out (training_net.py, training_apps.py). The rules are templates in
ET Open's keyword mix (training_rules.py); a fifth of them alert on the traffic. Both are
generated when the cache is trained (a fixed seed and fixed timestamps: the same bytes on every
run) instead of being kept in the repository: the ciphertext of the TLS and SSH flows does not
compress.
"""
import base64
import os
import struct
import sys
import zlib

import training_apps as apps
from training_net import Capture, R, Tcp
from training_rules import rules

# the default size: flows of traffic and template rules (the command line may give others)
FLOWS = 1500
RULES = 1500
WORDS = ("alpha beta gamma delta update login admin search index static images api v1 v2 user "
         "account cart checkout news video audio config download upload report status health "
         "metrics assets scripts styles fonts data feed rss item product order invoice").split()
UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
       "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
       "curl/8.5.0", "Wget/1.21.4", "python-requests/2.31.0", "Microsoft-CryptoAPI/10.0",
       "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)", "Java/1.8.0_151"]
HOSTS = ["www.example.com", "cdn.example.net", "api.example.org", "update.example.com",
         "mail.example.net", "files.example.org", "login.example.com", "news.example.net"]
CERT = base64.b64decode(
    "MIIDazCCAlOgAwIBAgIUaO1p1JjB6EEMMX3EQ0U8pOaRhl0wDQYJKoZIhvcNAQELBQAwRTELMAkGA1UEBhMCVVMxHDAaBgNVBAoM"
    "E0V4YW1wbGUgVHJhaW5pbmcgQ0ExGDAWBgNVBAMMD3d3dy5leGFtcGxlLmNvbTAeFw0yNjEyMDYyMjE5MzFaFw0zNjEyMDMyMjE5"
    "MzFaMEUxCzAJBgNVBAYTAlVTMRwwGgYDVQQKDBNFeGFtcGxlIFRyYWluaW5nIENBMRgwFgYDVQQDDA93d3cuZXhhbXBsZS5jb20w"
    "ggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCqyYv35pM2x6uO45HXD2HAraYzeqMEXku/Zm/izeRqO+0H8G1q51TBt125"
    "80m/zXez5/utQ7rj1VymRsFUqYthl/0MJ3+RnvwxXj+EM2lH7GVwB8vdRTsMNI1wmKYwrgN/N1/CDM4QtwYbkrdc5jJUWZcESTE7"
    "22EYKTvIFTO8YUCgaDPMyWV3/6mE5k4QhnTpFwp+tB2mFX8Uq+m7ERPRj9QTmG0SANTOc39GUfuiHsSP48M+x7Hwa+pChFNdYUqp"
    "caHK6ERtfxwB1HUhwfA++GjV/Y6JUovfceB9p2lMKMMj7+h4FHR1O1B7yMYwErV/X/CL2W4tRsU5n049k9gVAgMBAAGjUzBRMB0G"
    "A1UdDgQWBBQKUluCkz+lJvwwkdQXRh3q/n2JXjAfBgNVHSMEGDAWgBQKUluCkz+lJvwwkdQXRh3q/n2JXjAPBgNVHRMBAf8EBTAD"
    "AQH/MA0GCSqGSIb3DQEBCwUAA4IBAQBDx6mWh+0WWF/UPKwq+ze8s26Am7440WGtXTQVwF4WJXPomJ0zCojkOEpSuWzKYiG5MTGJ"
    "VkrFqLQEkYAhFgvl0/NjVHB+1d+nBZerKaCo9iYvy3gRbJT5npZlrHuSCm+/v/ZmRy8yrMnh/rOIgeRwCzBJ6vpRrgnYpN4XYKKF"
    "/SQHYSie+Yvdtu6MJwJcnTy+CHHt2U3UCBiUeJvJNnH3GgmNIgyPf5/Nnpv8WE+s4acU2FtTqPlI95PNXMY0jEAFrjZm4cxmpLVn"
    "Zle/R2GBqhNrA1M236JZ5m/wUK6V4fhvpdnmTdcAjv1GBGuM183vB5vrmBceCvYVLN0p//qh")


def text(n):
    words, size = [], 0
    while size < n:
        words.append(R.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words).encode()[:n]


def client_ip():
    return "10.1.%d.%d" % (R.randrange(4), R.randrange(2, 250))


def http(cap, t):
    c = Tcp(cap, t, client_ip(), "198.51.100.%d" % R.randrange(1, 40), R.randrange(32768, 61000), R.choice([80, 80, 80, 8080]))
    host, ua = R.choice(HOSTS), R.choice(UAS)
    for _ in range(R.choice([1, 1, 2, 3])):
        path = "/" + "/".join(R.choice(WORDS) for _ in range(R.randrange(1, 4)))
        path += R.choice(["", ".html", ".php?id=%d" % R.randrange(999), ".js", ".png", "?q=%s&page=%d" % (R.choice(WORDS), R.randrange(9))])
        if R.random() < 0.2:
            body = b"user=%s&pass=%s&token=%d" % (R.choice(WORDS).encode(), R.choice(WORDS).encode(), R.randrange(10 ** 6))
            req = ("POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: %d\r\nCookie: sid=%08x\r\n\r\n" % (path, host, ua, len(body), R.randrange(1 << 32))).encode() + body
        else:
            req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
                   "Connection: keep-alive\r\n\r\n" % (path, host, ua)).encode()
        c.send(True, req)
        kind = R.random()
        if kind < 0.1:
            resp = b"HTTP/1.1 404 Not Found\r\nServer: nginx\r\nContent-Length: 9\r\n\r\nnot found"
        elif kind < 0.18:
            resp = b"HTTP/1.1 302 Found\r\nLocation: http://%s/login\r\nContent-Length: 0\r\n\r\n" % host.encode()
        elif kind < 0.4:
            body = text(R.randrange(200, 12000))
            chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 1000]), body[i:i + 1000]) for i in range(0, len(body), 1000))
            resp = b"HTTP/1.1 200 OK\r\nServer: Apache/2.4.41\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"
        elif kind < 0.55:
            z = zlib.compressobj(6, zlib.DEFLATED, 31)
            body = z.compress(b"<html><script>var x='" + text(R.randrange(500, 20000)) + b"';</script></html>") + z.flush()
            resp = (b"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
        else:
            ctype, body = R.choice([(b"text/html", b"<html><body>" + text(R.randrange(100, 15000)) + b"</body></html>"),
                                    (b"application/javascript", b"function f(){return '" + text(R.randrange(100, 6000)) + b"';}"),
                                    (b"application/octet-stream", b"MZ\x90\x00" + R.randbytes(R.randrange(100, 1500))),
                                    (b"image/png", b"\x89PNG\r\n\x1a\n" + R.randbytes(R.randrange(100, 1200)))])
            resp = b"HTTP/1.1 200 OK\r\nServer: Apache\r\nContent-Type: %s\r\nContent-Length: %d\r\nSet-Cookie: a=%d\r\n\r\n%s" % (ctype, len(body), R.randrange(999), body)
        c.send(False, resp)
    c.close()


def tls_record(typ, body):
    return struct.pack("!BHH", typ, 0x0303, len(body)) + body


def handshake(typ, body):
    return struct.pack("!B", typ) + struct.pack("!I", len(body))[1:] + body


def ext(typ, body):
    return struct.pack("!HH", typ, len(body)) + body


def tls(cap, t):
    c = Tcp(cap, t, client_ip(), "203.0.113.%d" % R.randrange(1, 40), R.randrange(32768, 61000), 443)
    sni = R.choice(HOSTS).encode()
    exts = (ext(0, struct.pack("!HBH", len(sni) + 3, 0, len(sni)) + sni) + ext(10, b"\x00\x04\x00\x1d\x00\x17")
            + ext(11, b"\x01\x00") + ext(16, b"\x00\x0c\x02h2\x08http/1.1") + ext(13, b"\x00\x04\x04\x03\x08\x04"))
    ciphers = b"\xc0\x2b\xc0\x2f\xc0\x2c\xc0\x30\x00\x9c\x00\x2f"
    hello = b"\x03\x03" + R.randbytes(32) + b"\x00" + struct.pack("!H", len(ciphers)) + ciphers + b"\x01\x00" + struct.pack("!H", len(exts)) + exts
    c.send(True, tls_record(22, handshake(1, hello)))
    server_hello = b"\x03\x03" + R.randbytes(32) + b"\x20" + R.randbytes(32) + b"\xc0\x2f\x00" + b"\x00\x05" + ext(0xff01, b"\x00")
    certs = struct.pack("!I", len(CERT))[1:] + CERT
    flight = handshake(2, server_hello) + handshake(11, struct.pack("!I", len(certs))[1:] + certs) + handshake(12, R.randbytes(300)) + handshake(14, b"")
    c.send(False, tls_record(22, flight))
    c.send(True, tls_record(22, handshake(16, R.randbytes(66))) + tls_record(20, b"\x01") + tls_record(22, R.randbytes(40)))
    c.send(False, tls_record(20, b"\x01") + tls_record(22, R.randbytes(40)))
    for _ in range(R.randrange(1, 4)):
        c.send(True, tls_record(23, R.randbytes(R.randrange(100, 900))))
        c.send(False, tls_record(23, R.randbytes(R.randrange(200, 2500))))
    c.send(True, tls_record(21, R.randbytes(26)))
    c.close()


def dns_name(name):
    return b"".join(struct.pack("!B", len(p)) + p.encode() for p in name.split(".")) + b"\x00"


def dns(cap, t):
    client, server, sport, qid = client_ip(), "192.0.2.53", R.randrange(1024, 65535), R.randrange(65536)
    name = R.choice([R.choice(HOSTS), "%s.%s" % (R.choice(WORDS), R.choice(HOSTS)), "%s%d.example.com" % (R.choice(WORDS), R.randrange(99))])
    qtype = R.choice([1, 1, 1, 28, 15, 16])
    question = dns_name(name) + struct.pack("!HH", qtype, 1)
    if R.random() < 0.1:
        apps.dns_tcp(cap, t, client, question)
        return
    cap.udp(t, client, server, sport, 53, struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + question)
    if R.random() < 0.1:
        cap.udp(t + 0.01, server, client, 53, sport, struct.pack("!HHHHHH", qid, 0x8183, 1, 0, 0, 0) + question)
        return
    answers = b"\xc0\x0c" + struct.pack("!HHIH", 5, 1, 300, 14) + dns_name("cdn.example.net") if R.random() < 0.3 else b""
    count = 1 if answers else 0
    for _ in range(R.randrange(1, 3)):
        answers += b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([198, 51, 100, R.randrange(1, 250)])
        count += 1
    cap.udp(t + R.uniform(0.001, 0.05), server, client, 53, sport, struct.pack("!HHHHHH", qid, 0x8180, 1, count, 0, 0) + question + answers)


def ssh(cap, t):
    c = Tcp(cap, t, client_ip(), "198.51.100.%d" % R.randrange(50, 60), R.randrange(32768, 61000), 22)
    c.send(False, b"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n")
    c.send(True, R.choice([b"SSH-2.0-OpenSSH_9.6\r\n", b"SSH-2.0-PuTTY_Release_0.80\r\n", b"SSH-2.0-libssh2_1.10.0\r\n"]))
    algos = [b"curve25519-sha256,ecdh-sha2-nistp256", b"ssh-ed25519,rsa-sha2-512", b"aes128-ctr,chacha20-poly1305@openssh.com",
             b"aes128-ctr,chacha20-poly1305@openssh.com", b"hmac-sha2-256", b"hmac-sha2-256", b"none", b"none", b"", b""]
    payload = b"\x14" + R.randbytes(16) + b"".join(struct.pack("!I", len(a)) + a for a in algos) + b"\x00" + b"\x00\x00\x00\x00"
    pad = 8 - (len(payload) + 5) % 8 + 8
    kex = struct.pack("!IB", len(payload) + pad + 1, pad) + payload + b"\x00" * pad
    c.send(True, kex)
    c.send(False, kex)
    for _ in range(R.randrange(3, 12)):
        c.send(R.random() < 0.5, R.randbytes(R.randrange(32, 600)))
    c.close()


def smtp(cap, t):
    c = Tcp(cap, t, client_ip(), "198.51.100.%d" % R.randrange(60, 70), R.randrange(32768, 61000), 25)
    say = lambda to_server, line: c.send(to_server, line)
    say(False, b"220 mail.example.net ESMTP Postfix\r\n")
    say(True, b"EHLO client.example.com\r\n")
    say(False, b"250-mail.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
    say(True, b"MAIL FROM:<%s@example.com>\r\n" % R.choice(WORDS).encode())
    say(False, b"250 2.1.0 Ok\r\n")
    say(True, b"RCPT TO:<%s@example.net>\r\n" % R.choice(WORDS).encode())
    say(False, b"250 2.1.5 Ok\r\n")
    say(True, b"DATA\r\n")
    say(False, b"354 End data with <CR><LF>.<CR><LF>\r\n")
    attach = base64.encodebytes(text(R.randrange(200, 5000))).replace(b"\n", b"\r\n")
    msg = (b"From: a@example.com\r\nTo: b@example.net\r\nSubject: %s report\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n--XYZ\r\nContent-Type: text/plain\r\n\r\n%s\r\n"
           b"--XYZ\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"%s.%s\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n%s--XYZ--\r\n.\r\n"
           % (R.choice(WORDS).encode(), text(R.randrange(50, 800)), R.choice(WORDS).encode(), R.choice([b"pdf", b"zip", b"doc", b"exe"]), attach))
    say(True, msg)
    say(False, b"250 2.0.0 Ok: queued as %X\r\n" % R.randrange(1 << 40))
    say(True, b"QUIT\r\n")
    say(False, b"221 2.0.0 Bye\r\n")
    c.close()


def ftp(cap, t):
    client, server = client_ip(), "198.51.100.%d" % R.randrange(70, 80)
    c = Tcp(cap, t, client, server, R.randrange(32768, 61000), 21)
    for to_server, line in [(False, b"220 (vsFTPd 3.0.3)\r\n"), (True, b"USER anonymous\r\n"), (False, b"331 Please specify the password.\r\n"),
                            (True, b"PASS guest@\r\n"), (False, b"230 Login successful.\r\n"), (True, b"SYST\r\n"), (False, b"215 UNIX Type: L8\r\n"),
                            (True, b"TYPE I\r\n"), (False, b"200 Switching to Binary mode.\r\n"), (True, b"PASV\r\n")]:
        c.send(to_server, line)
    port = R.randrange(30000, 31000)
    c.send(False, b"227 Entering Passive Mode (%s,%d,%d).\r\n" % (server.replace(".", ",").encode(), port >> 8, port & 0xFF))
    name = R.choice(WORDS) + R.choice([".tar.gz", ".txt", ".bin"])
    c.send(True, b"RETR %s\r\n" % name.encode())
    d = Tcp(cap, c.t, client, server, R.randrange(32768, 61000), port)
    c.t = d.t
    c.send(False, b"150 Opening BINARY mode data connection for %s.\r\n" % name.encode())
    d.t = c.t
    d.send(False, text(R.randrange(500, 20000)))
    d.close()
    c.t = d.t
    c.send(False, b"226 Transfer complete.\r\n")
    c.send(True, b"QUIT\r\n")
    c.send(False, b"221 Goodbye.\r\n")
    c.close()


def other(cap, t):
    kind = R.random()
    client = client_ip()
    if kind < 0.4:
        server, ident = "192.0.2.%d" % R.randrange(1, 250), R.randrange(65536)
        for seq in range(R.randrange(1, 4)):
            cap.icmp(t + seq, client, server, 8, ident, seq, b"abcdefghijklmnopqrstuvwabcdefghi")
            cap.icmp(t + seq + 0.003, server, client, 0, ident, seq, b"abcdefghijklmnopqrstuvwabcdefghi")
    elif kind < 0.7:
        server = "192.0.2.%d" % R.randrange(1, 250)
        cap.udp(t, client, server, 123, 123, b"\x23" + b"\x00" * 39 + R.randbytes(8))
        cap.udp(t + 0.02, server, client, 123, 123, b"\x24\x02" + R.randbytes(46))
    else:
        server, dport = "198.51.100.%d" % R.randrange(1, 250), R.choice([23, 445, 3389, 1433, 5900, 6667])
        c = Tcp(cap, t, client, server, R.randrange(32768, 61000), dport, handshake=False)
        c.seg(True, 0x02, opts=b"\x02\x04\x05\xb4")
        # the RST/ACK answers with sequence 0 and acknowledges the SYN
        c.ends[True][2] += 1
        c.ends[False][2] = 0
        c.seg(False, 0x14, opts=b"")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    flows = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else FLOWS
    count = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else RULES
    cap = Capture()
    t = 0.0
    mix = ([http] * 55 + [tls] * 15 + [dns] * 55 + [ssh] * 2 + [smtp] * 4 + [ftp] * 3 + [other] * 15
           + [lambda c, at: apps.http_pipelined(c, at, client_ip(), WORDS, HOSTS, UAS)] * 5
           + [lambda c, at: apps.smb(c, at, client_ip(), WORDS)] * 4 + [lambda c, at: apps.dcerpc(c, at, client_ip(), WORDS)] * 2
           + [lambda c, at: apps.rdp(c, at, client_ip(), WORDS)] + [lambda c, at: apps.rfb(c, at, client_ip(), WORDS)]
           + [lambda c, at: apps.odd(c, at, client_ip())] * 3)
    links = ["plain"] * 78 + ["vlan"] * 8 + ["qinq", "qinq", "mpls", "mpls"] + ["gre"] * 3 + ["vxlan"] * 4 + ["geneve"] * 3
    for i in range(flows):
        cap.link, cap.v6 = R.choice(links), R.random() < 0.1
        cap.frag = R.choice([480, 560, 1200]) if R.random() < 0.04 else 0
        R.choice(mix)(cap, t)
        # now and then a quiet minute or more, in which idle flows time out
        t += R.expovariate(30) if i % 150 else R.uniform(60, 400)
    n = cap.save(os.path.join(folder, "training.pcap"))
    with open(os.path.join(folder, "training.rules"), "w") as f:
        f.write(rules(count, WORDS))
    print("training.pcap: %d packets, training.rules: %d rules" % (n, count + 11))


if __name__ == "__main__":
    main()
