"""More flows of the AOT training capture (make_training.py): SMB2 over port 445 with a named pipe
carrying DCERPC, DCERPC over port 135, RDP's connection request, VNC's RFB handshake, DNS over TCP,
pipelined HTTP requests, and the odd frames a real link carries (ARP, truncated and malformed
packets).
"""
import struct

from training_net import MAC, R, Tcp

SRVSVC = struct.pack("<IHH", 0x4B324FC8, 0x1670, 0x01D3) + bytes.fromhex("12785a47bf6ee188") + struct.pack("<HH", 3, 0)
NDR = struct.pack("<IHH", 0x8A885D04, 0x1CEB, 0x11C9) + bytes.fromhex("9fe808002b104860") + struct.pack("<I", 2)


def smb2(command, mid, tree, session, body, response=False, status=0):
    hdr = (b"\xfeSMB" + struct.pack("<HHIHHIIQIIQ", 64, 1, status, command, 1, 1 if response else 0, 0, mid, 0xFEFF, tree, session)
           + b"\x00" * 16)
    msg = hdr + body
    return struct.pack("!I", len(msg)) + msg


def dce(ptype, call, body, flags=3):
    return struct.pack("<BBBB4sHHI", 5, 0, ptype, flags, b"\x10\x00\x00\x00", 16 + len(body), 0, call) + body


def dce_bind(call):
    return dce(11, call, struct.pack("<HHIB3x", 4280, 4280, 0, 1) + struct.pack("<HBx", 0, 1) + SRVSVC + NDR)


def dce_bind_ack(call):
    addr = b"\\PIPE\\srvsvc\x00"
    body = struct.pack("<HHIH", 4280, 4280, 0x1234, len(addr)) + addr
    body += b"\x00" * (-(len(body) + 16) % 4) + struct.pack("<B3xHH", 1, 0, 0) + NDR
    return dce(12, call, body)


def dce_call(call, opnum, stub, response=False):
    if response:
        return dce(2, call, struct.pack("<IHBx", len(stub), 0, 0) + stub)
    return dce(0, call, struct.pack("<IHH", len(stub), 0, opnum) + stub)


def utf16(s):
    return s.encode("utf-16-le")


def smb(cap, t, client, words):
    c = Tcp(cap, t, client, "198.51.100.%d" % R.randrange(80, 90), R.randrange(32768, 61000), 445)
    session, mid = R.randrange(1 << 40), 0

    def ask(command, body, answer, tree=0, status=0):
        nonlocal mid
        c.send(True, smb2(command, mid, tree, session, body))
        c.send(False, smb2(command, mid, tree, session, answer, True, status))
        mid += 1

    ask(0, struct.pack("<HHHHI", 36, 2, 1, 0, 0x7F) + R.randbytes(16) + b"\x00" * 8 + struct.pack("<HH", 0x0210, 0x0311),
        struct.pack("<HHHH", 65, 1, 0x0311, 0) + R.randbytes(16) + struct.pack("<IIII", 0x2F, 65536, 65536, 65536) + b"\x00" * 24)
    blob = R.randbytes(R.randrange(60, 200))
    ask(1, struct.pack("<HBBIIHHQ", 25, 0, 1, 1, 0, 88, len(blob), 0) + blob,
        struct.pack("<HHHH", 9, 0, 72, len(blob)) + blob, status=0xC0000016)
    ask(1, struct.pack("<HBBIIHHQ", 25, 0, 1, 1, 0, 88, len(blob), 0) + blob, struct.pack("<HHHH", 9, 0, 72, 0))
    share = R.choice(["IPC$", "share", "public", "C$"])
    path = utf16("\\\\fileserver\\" + share)
    tree = R.randrange(1, 1 << 16)
    ask(3, struct.pack("<HHHH", 9, 0, 72, len(path)) + path, struct.pack("<HBxIII", 16, 2 if share == "IPC$" else 1, 0, 0, 0x1F01FF), tree=tree)
    name = utf16("srvsvc" if share == "IPC$" else "%s\\%s.%s" % (R.choice(words), R.choice(words), R.choice(["txt", "docx", "exe", "pdf"])))
    fid = R.randbytes(16)
    create = struct.pack("<HBBIQQIIIIIHHII", 57, 0, 0, 2, 0, 0, 0x12019F, 0, 7, 1, 0x40, 120, len(name), 0, 0) + name
    ask(5, create, struct.pack("<HBBIQQQQQQII", 89, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x80, 0) + fid + struct.pack("<II", 0, 0), tree=tree)
    if share == "IPC$":
        for call, (req, resp) in enumerate([(dce_bind(1), dce_bind_ack(1)),
                                            (dce_call(2, 15, R.randbytes(60)), dce_call(2, 15, R.randbytes(300), True))]):
            ioctl = struct.pack("<HHI", 57, 0, 0x0011C017) + fid + struct.pack("<IIIIIIII", 120, len(req), 0, 120 + len(req), 0, 4280, 1, 0)
            answer = struct.pack("<HHI", 49, 0, 0x0011C017) + fid + struct.pack("<IIIIII", 112, 0, 112, len(resp), 0, 0)
            ask(11, ioctl + req, answer + resp, tree=tree)
    else:
        data = bytes(R.choice(words).encode() + b" ") * R.randrange(20, 400)
        ask(9, struct.pack("<HHIQ", 49, 112, len(data), 0) + fid + struct.pack("<IIHHI", 0, 0, 0, 0, 0) + data,
            struct.pack("<HHIII", 17, 0, len(data), 0, 0), tree=tree)
        ask(8, struct.pack("<HBBIQ", 49, 0, 0, len(data), 0) + fid + struct.pack("<IIIHHB", 1, 0, 0, 0, 0, 0),
            struct.pack("<HBxII4x", 17, 80, len(data), 0) + data, tree=tree)
    ask(6, struct.pack("<HHI", 24, 0, 0) + fid, struct.pack("<HHI", 60, 0, 0) + b"\x00" * 52, tree=tree)
    ask(4, struct.pack("<HH", 4, 0), struct.pack("<HH", 4, 0), tree=tree)
    c.close()


def dcerpc(cap, t, client, words):
    c = Tcp(cap, t, client, "198.51.100.%d" % R.randrange(90, 100), R.randrange(32768, 61000), 135)
    c.send(True, dce_bind(1))
    c.send(False, dce_bind_ack(1))
    for call in range(2, R.randrange(3, 7)):
        stub = utf16(R.choice(words)) + R.randbytes(R.randrange(20, 400))
        if R.random() < 0.3:
            # a request in two fragments
            half = len(stub) // 2
            c.send(True, dce(0, call, struct.pack("<IHH", len(stub), 0, 15) + stub[:half], flags=1)
                   + dce(0, call, struct.pack("<IHH", len(stub), 0, 15) + stub[half:], flags=2))
        else:
            c.send(True, dce_call(call, R.randrange(40), stub))
        c.send(False, dce_call(call, 0, R.randbytes(R.randrange(20, 900)), True))
    c.close()


def rdp(cap, t, client, words):
    c = Tcp(cap, t, client, "198.51.100.%d" % R.randrange(100, 110), R.randrange(32768, 61000), 3389)
    cookie = b"Cookie: mstshash=%s\r\n" % R.choice(words).encode()
    x224 = bytes([6 + len(cookie) + 8, 0xE0, 0, 0, 0x12, 0x34, 0]) + cookie + struct.pack("<BBHI", 1, 0, 8, 3)
    c.send(True, struct.pack("!BBH", 3, 0, 4 + len(x224)) + x224)
    cc = bytes([6 + 8, 0xD0, 0x12, 0x34, 0x56, 0x78, 0]) + struct.pack("<BBHI", 2, 0, 8, 1)
    c.send(False, struct.pack("!BBH", 3, 0, 4 + len(cc)) + cc)
    for _ in range(R.randrange(2, 6)):
        c.send(True, b"\x17\x03\x03" + R.randbytes(R.randrange(60, 600)))
        c.send(False, b"\x17\x03\x03" + R.randbytes(R.randrange(60, 1400)))
    c.close()


def rfb(cap, t, client, words):
    c = Tcp(cap, t, client, "198.51.100.%d" % R.randrange(110, 120), R.randrange(32768, 61000), 5900)
    c.send(False, b"RFB 003.008\n")
    c.send(True, b"RFB 003.008\n")
    c.send(False, b"\x01\x02")
    c.send(True, b"\x02")
    c.send(False, R.randbytes(16))
    c.send(True, R.randbytes(16))
    c.send(False, b"\x00\x00\x00\x00")
    c.send(True, b"\x01")
    name = R.choice(words).encode() + b"'s desktop"
    c.send(False, struct.pack("!HH", 1024, 768) + bytes([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0])
           + struct.pack("!I", len(name)) + name)
    for _ in range(R.randrange(2, 8)):
        c.send(True, b"\x03\x01" + struct.pack("!HHHH", 0, 0, 1024, 768))
        c.send(False, b"\x00\x00" + R.randbytes(R.randrange(100, 3000)))
    c.close()


def dns_tcp(cap, t, client, question):
    c = Tcp(cap, t, client, "192.0.2.53", R.randrange(32768, 61000), 53)
    qid = R.randrange(65536)
    query = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + question
    c.send(True, struct.pack("!H", len(query)) + query)
    answer = struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + question + b"\xc0\x0c" + struct.pack("!HHIH", 16, 1, 300, 40) + b"\x27" + R.randbytes(39)
    c.send(False, struct.pack("!H", len(answer)) + answer)
    c.close()


def http_pipelined(cap, t, client, words, hosts, uas):
    c = Tcp(cap, t, client, "198.51.100.%d" % R.randrange(1, 40), R.randrange(32768, 61000), 80)
    host, ua, n = R.choice(hosts), R.choice(uas), R.randrange(2, 5)
    reqs = b"".join(b"GET /%s/%s.js?v=%d HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nReferer: http://%s/\r\n\r\n"
                    % (R.choice(words).encode(), R.choice(words).encode(), i, host.encode(), ua.encode(), host.encode()) for i in range(n))
    c.send(True, reqs)
    body = b"var %s = 1;" % R.choice(words).encode()
    c.send(False, (b"HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)) * n)
    c.send(True, b"HEAD / HTTP/1.0\r\nHost: %s\r\n\r\n" % host.encode())
    c.send(False, b"HTTP/1.0 200 OK\r\nContent-Length: 5120\r\nConnection: close\r\n\r\n")
    c.close()


def odd(cap, t, client):
    """A frame of the kinds every capture has a few of: ARP, and IPv4 or TCP headers that lie."""
    kind = R.random()
    if kind < 0.5:
        cap.arp(t, client, "10.1.0.1")
        return
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 60, 1, 0, 64, 6, 0, bytes([10, 1, 0, 9]), bytes([198, 51, 100, 7])))
    tcp = bytearray(struct.pack("!HHIIHHHH", 40000, 80, 1, 0, (8 << 12) | 0x02, 1024, 0, 0) + b"\x02\x04\x05\xb4\x08\x03\x00\x00" + b"\x01" * 4)
    if kind < 0.7:
        ip[2:4] = struct.pack("!H", 200)  # claims more than the frame holds
    elif kind < 0.85:
        ip[0] = 0x43  # header shorter than the minimum
    else:
        tcp[25] = 0x0F  # an option longer than the header
    cap.raw(t, MAC + b"\x08\x00" + bytes(ip) + bytes(tcp))
