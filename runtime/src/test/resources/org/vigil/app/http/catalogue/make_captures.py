#!/usr/bin/env python3
"""Writes the HTTP response catalogue: one capture per case in cases/ (run it here; python3 only).

Each capture is one TCP connection 10.0.0.1:40000 -> 10.0.0.2:80: handshake, a GET, a response
that uses one trick servers send and browsers accept (or at least that libhtp has to decide on):
chunked framing, Content-Length and Transfer-Encoding conflicts, content codings, header syntax,
odd status lines and versions, interim and bodiless statuses. Each message of the script is sent
by its side in one segment (or in the segments the case lists) and ACKed by the other side with an
empty segment, then FIN/ACK both ways. Every body carries the EICAR test string.

record.sh runs Suricata 7.0.10 (bin/oracle) with catalogue.rules on each capture and writes
expected.txt, which HttpResponseCatalogueTest compares Vigil's alerts with, case by case.
"""
import gzip
import os
import struct
import zlib

C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
CP, SP = 40000, 80

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
GET = b"GET /eicar.com HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: catalogue\r\n\r\n"


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


def write(path, script):
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
    pkts.append(frame(S, C, SP, CP, ss, cs, 0x11))
    pkts.append(frame(C, S, CP, SP, cs, ss + 1, 0x11))
    pkts.append(frame(S, C, SP, CP, ss + 1, cs + 1, 0x10))
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        for i, p in enumerate(pkts):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)


CASES = {}


def case(name, response, request=GET):
    """A GET and its response; response is bytes (one segment) or a list of segments."""
    assert name not in CASES, name
    segs = response if isinstance(response, list) else [response]
    CASES[name] = [(True, request)] + [(False, s) for s in segs]


def script(name, steps):
    assert name not in CASES, name
    CASES[name] = steps


MARK = [b"Content-Type: text/plain", b"X-Catalogue: yes"]


def head(status=b"HTTP/1.1 200 OK", fields=(), eol=b"\r\n", mark=True):
    ls = [status] + (MARK if mark else []) + list(fields)
    return b"".join(l + eol for l in ls) + eol


def cl(body=EICAR, status=b"HTTP/1.1 200 OK", fields=(), eol=b"\r\n"):
    return head(status, [b"Content-Length: %d" % len(body)] + list(fields), eol) + body


def chunks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


def chunked(parts, size_fmt=lambda n: b"%x" % n, eol=b"\r\n", last=b"0\r\n\r\n"):
    return b"".join(size_fmt(len(p)) + eol + p + eol for p in parts) + last


def te(body, status=b"HTTP/1.1 200 OK", fields=(), te_value=b"chunked"):
    return head(status, [b"Transfer-Encoding: " + te_value] + list(fields)) + body


def gz(data, **kw):
    return gzip.compress(data, mtime=0, **kw)


def zl(data):
    return zlib.compress(data)


def raw_deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def gzip_member(data, flags=0, extra=b"", name=b"", comment=b"", hcrc=False):
    h = b"\x1f\x8b\x08" + bytes([flags]) + b"\0\0\0\0\0\xff"
    if flags & 4:
        h += struct.pack("<H", len(extra)) + extra
    if flags & 8:
        h += name + b"\0"
    if flags & 16:
        h += comment + b"\0"
    if hcrc:
        h += struct.pack("<H", zlib.crc32(h) & 0xFFFF)
    return h + raw_deflate(data) + struct.pack("<II", zlib.crc32(data), len(data))


def enc(body, coding, framing=b"cl"):
    f = [b"Content-Encoding: " + coding]
    if framing == b"cl":
        return head(fields=[b"Content-Length: %d" % len(body)] + f) + body
    if framing == b"chunked":
        return head(fields=[b"Transfer-Encoding: chunked"] + f) + chunked(chunks(body, 16))
    return head(fields=f) + body


# --- baselines ---
case("base-content-length", cl())
case("base-chunked", te(chunked([EICAR])))
case("base-chunked-small", te(chunked(chunks(EICAR, 10))))
case("base-close-delimited", head() + EICAR)
case("base-http10-close", head(b"HTTP/1.0 200 OK") + EICAR)
case("base-split-head-body", [head(fields=[b"Content-Length: 68"]), EICAR])

# --- chunked framing ---
case("chunk-ext", te(chunked([EICAR], lambda n: b"%x;foo=bar" % n)))
case("chunk-ext-quoted", te(chunked([EICAR], lambda n: b'%x;name="a;b\r"' % n)))
case("chunk-ext-space-semicolon", te(chunked([EICAR], lambda n: b"%x ;x" % n)))
case("chunk-ext-bare-semicolon", te(chunked([EICAR], lambda n: b"%x;" % n)))
case("chunk-ext-no-semicolon", te(chunked([EICAR], lambda n: b"%x foo" % n)))
case("chunk-size-leading-space", te(chunked([EICAR], lambda n: b" %x" % n)))
case("chunk-size-leading-tab", te(chunked([EICAR], lambda n: b"\t%x" % n)))
case("chunk-size-trailing-space", te(chunked([EICAR], lambda n: b"%x   " % n)))
case("chunk-size-trailing-tab", te(chunked([EICAR], lambda n: b"%x\t" % n)))
case("chunk-size-leading-zeros", te(chunked([EICAR], lambda n: b"000000%x" % n)))
case("chunk-size-16-digits", te(chunked([EICAR], lambda n: b"%016x" % n)))
case("chunk-size-20-digits", te(chunked([EICAR], lambda n: b"%020x" % n)))
case("chunk-size-uppercase", te(chunked([EICAR], lambda n: b"%X" % n)))
case("chunk-size-0x-prefix", te(chunked([EICAR], lambda n: b"0x%x" % n)))
case("chunk-size-negative", te(chunked([EICAR], lambda n: b"-%x" % n)))
case("chunk-size-plus", te(chunked([EICAR], lambda n: b"+%x" % n)))
case("chunk-size-huge", te(chunked([EICAR], lambda n: b"ffffffffffffffff")))
case("chunk-size-7fffffff", te(chunked([EICAR], lambda n: b"7fffffff")))
case("chunk-size-bad-hex", te(chunked([EICAR], lambda n: b"4g")))
case("chunk-size-empty", te(chunked([EICAR], lambda n: b"")))
case("chunk-size-too-small", te(b"20\r\n" + EICAR + b"\r\n0\r\n\r\n"))
case("chunk-size-too-large", te(b"60\r\n" + EICAR + b"\r\n0\r\n\r\n"))
case("chunk-blank-before-size", te(b"\r\n" + chunked([EICAR])))
case("chunk-lf-only", te(chunked(chunks(EICAR, 20), eol=b"\n", last=b"0\n\n")))
case("chunk-lf-only-all", head(fields=[b"Transfer-Encoding: chunked"], eol=b"\n")
     + chunked([EICAR], eol=b"\n", last=b"0\n\n"))
case("chunk-cr-only", te(chunked([EICAR], eol=b"\r", last=b"0\r\r")))
case("chunk-missing-final", te(chunked(chunks(EICAR, 20), last=b"")))
case("chunk-missing-crlf-after-data", te(b"44\r\n" + EICAR + b"0\r\n\r\n"))
case("chunk-trailers", te(chunked([EICAR], last=b"0\r\nX-Trailer: 1\r\nX-Catalogue: no\r\n\r\n")))
case("chunk-zero-first", te(b"0\r\n\r\n" + chunked([EICAR])))
case("chunk-one-byte-each", te(chunked(chunks(EICAR, 1))))
case("chunk-split-size-line", [te(b"4"), b"4\r\n" + EICAR + b"\r\n0\r\n\r\n"])
case("chunk-split-crlf", [te(b"44\r"), b"\n" + EICAR + b"\r", b"\n0\r\n\r\n"])
case("chunk-then-junk", te(chunked([EICAR]) + b"garbage after the last chunk\r\n"))
case("chunk-last-chunk-ext", te(chunked([EICAR], last=b"0;end\r\n\r\n")))
case("chunk-size-spaces-inside", te(chunked([EICAR], lambda n: b"4 4")))
# a size line the close cuts short (no LF) is body as sent; with its LF it is a size again
case("chunk-cr-then-ctl", te(b"44\r\r\r\r\r\r\r\r" + EICAR + b"\r0\r\r"))
case("chunk-cr-hex-after", te(b"44\rABCDEF0123" + EICAR + b"\r0\r\r"))
case("chunk-space-junk-no-lf", te(b"44 " + EICAR + b"\r0\r\r"))
case("chunk-ext-no-lf", te(b"44;foo=bar " + EICAR))
case("chunk-cr-lf-later", te(b"44\r" + EICAR + b"\r\n0\r\n\r\n"))
case("chunk-cr-split", [te(b"44\r"), EICAR + b"\r0\r\r"])
case("chunk-cr-lf-next-segment", [te(b"44\r" + EICAR), b"\r\n0\r\n\r\n"])
case("chunk-second-cr-only", te(b"10\r\n" + EICAR[:16] + b"\r\n34\r" + EICAR[16:] + b"\r0\r\r"))
case("chunk-second-size-cut-by-close", te(b"44\r\n" + EICAR + b"\r\n44"))

# --- Transfer-Encoding values and conflicts ---
case("te-uppercase", te(chunked([EICAR]), te_value=b"CHUNKED"))
case("te-leading-space", te(chunked([EICAR]), te_value=b"  chunked"))
case("te-xchunked", te(chunked([EICAR]), te_value=b"xchunked"))
case("te-chunked-comma-identity", te(chunked([EICAR]), te_value=b"chunked, identity"))
case("te-identity-comma-chunked", te(chunked([EICAR]), te_value=b"identity, chunked"))
case("te-identity-with-cl", head(fields=[b"Transfer-Encoding: identity", b"Content-Length: 68"]) + EICAR)
case("te-foo-plain-body", head(fields=[b"Transfer-Encoding: foo"]) + EICAR)
case("te-x-chunked-body", te(chunked([EICAR]), te_value=b"x"))
case("te-chunked-http10", te(chunked([EICAR]), status=b"HTTP/1.0 200 OK"))
case("te-and-cl", head(fields=[b"Content-Length: 68", b"Transfer-Encoding: chunked"]) + chunked([EICAR]))
case("te-and-cl-plain-body", head(fields=[b"Content-Length: 68", b"Transfer-Encoding: chunked"]) + EICAR)
case("te-twice", head(fields=[b"Transfer-Encoding: chunked", b"Transfer-Encoding: identity"])
     + chunked([EICAR]))
case("te-folded", head(fields=[b"Transfer-Encoding:", b" chunked"]) + chunked([EICAR]))
case("te-space-before-colon", head(fields=[b"Transfer-Encoding : chunked"]) + chunked([EICAR]))
case("te-underscore-name", head(fields=[b"Transfer_Encoding: chunked"]) + chunked([EICAR]))
case("te-nul-in-value", te(chunked([EICAR]), te_value=b"chun\0ked"))
case("te-empty-value", te(chunked([EICAR]), te_value=b""))
case("te-gzip-chunked", head(fields=[b"Transfer-Encoding: gzip, chunked"]) + chunked(chunks(gz(EICAR), 20)))

# --- Content-Length ---
case("cl-short", head(fields=[b"Content-Length: 30"]) + EICAR)
case("cl-long", head(fields=[b"Content-Length: 200"]) + EICAR)
case("cl-plus", head(fields=[b"Content-Length: +68"]) + EICAR)
case("cl-negative", head(fields=[b"Content-Length: -1"]) + EICAR)
case("cl-non-numeric", head(fields=[b"Content-Length: abc"]) + EICAR)
case("cl-two-numbers", head(fields=[b"Content-Length: 68 68"]) + EICAR)
case("cl-comma-list", head(fields=[b"Content-Length: 68, 68"]) + EICAR)
case("cl-leading-zeros", head(fields=[b"Content-Length: 00068"]) + EICAR)
case("cl-trailing-space", head(fields=[b"Content-Length: 68   "]) + EICAR)
case("cl-zero-with-body", head(fields=[b"Content-Length: 0"]) + EICAR)
case("cl-huge", head(fields=[b"Content-Length: 99999999999999999999"]) + EICAR)
case("cl-hex", head(fields=[b"Content-Length: 0x44"]) + EICAR)
case("cl-dup-same", head(fields=[b"Content-Length: 68", b"Content-Length: 68"]) + EICAR)
case("cl-dup-small-first", head(fields=[b"Content-Length: 30", b"Content-Length: 68"]) + EICAR)
case("cl-dup-large-first", head(fields=[b"Content-Length: 68", b"Content-Length: 30"]) + EICAR)
case("cl-folded", head(fields=[b"Content-Length:", b" 68"]) + EICAR)
case("cl-lowercase-name", head(fields=[b"content-length: 68"]) + EICAR)
case("cl-space-before-colon", head(fields=[b"Content-Length : 68"]) + EICAR)
case("cl-http10", cl(status=b"HTTP/1.0 200 OK"))

# --- content codings ---
case("ce-gzip", enc(gz(EICAR), b"gzip"))
case("ce-x-gzip", enc(gz(EICAR), b"x-gzip"))
case("ce-gzip-uppercase", enc(gz(EICAR), b"GZIP"))
case("ce-deflate-zlib", enc(zl(EICAR), b"deflate"))
case("ce-deflate-raw", enc(raw_deflate(EICAR), b"deflate"))
case("ce-gzip-chunked", enc(gz(EICAR), b"gzip", b"chunked"))
case("ce-gzip-close", enc(gz(EICAR), b"gzip", b"close"))
case("ce-deflate-chunked", enc(zl(EICAR), b"deflate", b"chunked"))
case("ce-gzip-fname", enc(gzip_member(EICAR, 8, name=b"eicar.com"), b"gzip"))
case("ce-gzip-fextra", enc(gzip_member(EICAR, 4, extra=b"AB\x02\x00xy"), b"gzip"))
case("ce-gzip-fcomment", enc(gzip_member(EICAR, 16, comment=b"a comment"), b"gzip"))
case("ce-gzip-fhcrc", enc(gzip_member(EICAR, 2, hcrc=True), b"gzip"))
case("ce-gzip-all-flags", enc(gzip_member(EICAR, 30, b"ab", b"n", b"c", True), b"gzip"))
case("ce-gzip-no-trailer", enc(gz(EICAR)[:-8], b"gzip"))
case("ce-gzip-bad-crc", enc(gz(EICAR)[:-8] + b"\0\0\0\0\x44\0\0\0", b"gzip"))
case("ce-gzip-truncated-half", enc(gz(EICAR * 4)[:40], b"gzip"))
case("ce-gzip-corrupt-middle", enc(gz(EICAR)[:14] + b"\xff\xff\xff" + gz(EICAR)[17:], b"gzip"))
case("ce-gzip-bad-magic", enc(b"\x1f\x8c" + gz(EICAR)[2:], b"gzip"))
case("ce-gzip-bad-method", enc(b"\x1f\x8b\x07" + gz(EICAR)[3:], b"gzip"))
case("ce-gzip-plain-body", enc(EICAR, b"gzip"))
case("ce-deflate-plain-body", enc(EICAR, b"deflate"))
case("ce-deflate-label-gzip-data", enc(gz(EICAR), b"deflate"))
case("ce-gzip-label-zlib-data", enc(zl(EICAR), b"gzip"))
case("ce-gzip-label-raw-data", enc(raw_deflate(EICAR), b"gzip"))
case("ce-gzip-gzip", enc(gz(gz(EICAR)), b"gzip, gzip"))
case("ce-deflate-gzip", enc(gz(zl(EICAR)), b"deflate, gzip"))
case("ce-gzip-deflate", enc(zl(gz(EICAR)), b"gzip, deflate"))
case("ce-three-layers", enc(gz(gz(gz(EICAR))), b"gzip, gzip, gzip"))
case("ce-gzip-once-labelled-twice", enc(gz(EICAR), b"gzip, gzip"))
case("ce-two-headers", head(fields=[b"Content-Encoding: gzip", b"Content-Encoding: gzip",
                                    b"Content-Length: %d" % len(gz(gz(EICAR)))]) + gz(gz(EICAR)))
case("ce-identity", enc(EICAR, b"identity"))
case("ce-br-plain-body", enc(EICAR, b"br"))
case("ce-gzip-identity", enc(gz(EICAR), b"gzip, identity"))
case("ce-gzip-params", enc(gz(EICAR), b"gzip;q=1.0"))
case("ce-gzip-two-members", enc(gz(b"first member ") + gz(EICAR), b"gzip"))
case("ce-gzip-trailing-garbage", enc(gz(EICAR) + b"trailing garbage", b"gzip"))
case("ce-gzip-folded", head(fields=[b"Content-Encoding:", b"\tgzip", b"Content-Length: %d" % len(gz(EICAR))])
     + gz(EICAR))
case("ce-gzip-split-header", [head(fields=[b"Content-Encoding: gzip", b"Content-Length: %d" % len(gz(EICAR))])
                              + gz(EICAR)[:5], gz(EICAR)[5:]])
case("ce-gzip-byte-per-chunk", head(fields=[b"Transfer-Encoding: chunked", b"Content-Encoding: gzip"])
     + chunked(chunks(gz(EICAR), 1)))
case("ce-gzip-nul-in-value", enc(gz(EICAR), b"gz\0ip"))
case("ce-deflate-empty-zlib-then-data", enc(zl(b"") + EICAR, b"deflate"))

# --- header syntax ---
case("hdr-folded-marker", head(mark=False, fields=[b"Content-Type: text/plain", b"X-Catalogue:",
                                                   b" yes", b"Content-Length: 68"]) + EICAR)
case("hdr-folded-tab", head(mark=False, fields=[b"Content-Type: text/plain", b"X-Catalogue: y",
                                                b"\tes", b"Content-Length: 68"]) + EICAR)
case("hdr-space-before-colon", head(mark=False, fields=[b"Content-Type: text/plain", b"X-Catalogue : yes",
                                                        b"Content-Length: 68"]) + EICAR)
case("hdr-tab-before-colon", head(mark=False, fields=[b"Content-Type: text/plain", b"X-Catalogue\t: yes",
                                                      b"Content-Length: 68"]) + EICAR)
case("hdr-no-space-after-colon", head(mark=False, fields=[b"Content-Type:text/plain", b"X-Catalogue:yes",
                                                          b"Content-Length:68"]) + EICAR)
case("hdr-many-spaces-after-colon", head(mark=False, fields=[b"Content-Type:     text/plain",
                                                             b"X-Catalogue: \t  yes   ",
                                                             b"Content-Length: 68"]) + EICAR)
case("hdr-nul-in-name", head(mark=False, fields=[b"Content-Type: text/plain", b"X-Cata\0logue: yes",
                                                 b"Content-Length: 68"]) + EICAR)
case("hdr-nul-in-value", head(mark=False, fields=[b"Content-Type: text/pl\0ain", b"X-Catalogue: yes",
                                                  b"Content-Length: 68"]) + EICAR)
case("hdr-missing-colon", head(fields=[b"This line has no colon", b"Content-Length: 68"]) + EICAR)
case("hdr-first-line-folded", head(mark=False, fields=[b" X-Leading: space", b"Content-Type: text/plain",
                                                       b"X-Catalogue: yes", b"Content-Length: 68"]) + EICAR)
case("hdr-lf-only", cl(eol=b"\n"))
case("hdr-cr-only", cl(eol=b"\r"))
case("hdr-mixed-line-ends", b"HTTP/1.1 200 OK\nContent-Type: text/plain\r\nX-Catalogue: yes\n"
     b"Content-Length: 68\r\n\n" + EICAR)
case("hdr-spaces-line-ends-headers", head(fields=[b"Content-Length: 68"])[:-2] + b"   \r\n" + EICAR)
case("hdr-cr-cr-lf-end", head(fields=[b"Content-Length: 68"])[:-2] + b"\r\r\n" + EICAR)
# headers still open: inspected as far as parsed; the close ends them only after a line end
case("hdr-split-status-then-fields", [b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n",
                                      b"X-Catalogue: yes\r\nContent-Length: 68\r\n\r\n" + EICAR])
case("hdr-split-fold-at-segment", [b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Catalogue: yes\r\n",
                                   b" folded\r\nContent-Length: 68\r\n\r\n" + EICAR])
case("hdr-no-blank-line-at-close", head(fields=[b"X-Eicar: " + EICAR])[:-2])
case("hdr-status-line-at-close", head(fields=[b"Content-Length: 68"])[:-2] + b"HTTP/1.1 200 OK")
case("hdr-field-cut-by-close", head(fields=[b"Content-Length: 68"])[:-2] + b"X-Eicar: " + EICAR)
case("hdr-duplicate-marker", head(fields=[b"X-Catalogue: yes", b"Content-Length: 68"]) + EICAR)
case("hdr-empty-value", head(mark=False, fields=[b"Content-Type: text/plain", b"X-Catalogue:",
                                                 b"X-Catalogue: yes", b"Content-Length: 68"]) + EICAR)
case("hdr-long-value", head(fields=[b"X-Long: " + b"a" * 20000, b"Content-Length: 68"]) + EICAR)
case("hdr-name-with-space", head(fields=[b"X Bad Name: 1", b"Content-Length: 68"]) + EICAR)
case("hdr-upper-name", head(mark=False, fields=[b"CONTENT-TYPE: text/plain", b"X-CATALOGUE: yes",
                                                b"CONTENT-LENGTH: 68"]) + EICAR)
case("hdr-tab-line-before-end", head(fields=[b"Content-Length: 68"])[:-2] + b"\t\r\n\r\n" + EICAR)
case("hdr-many-fields", head(fields=[b"X-F%d: v" % i for i in range(120)] + [b"Content-Length: 68"]) + EICAR)

# --- status lines and versions ---
case("status-no-reason", cl(status=b"HTTP/1.1 200"))
case("status-no-reason-space", cl(status=b"HTTP/1.1 200 "))
case("status-lowercase-http", cl(status=b"http/1.1 200 OK"))
case("status-extra-spaces", cl(status=b"HTTP/1.1   200   OK"))
case("status-tabs", cl(status=b"HTTP/1.1\t200\tOK"))
case("status-leading-space", cl(status=b" HTTP/1.1 200 OK"))
case("status-http2", cl(status=b"HTTP/2.0 200 OK"))
case("status-http110", cl(status=b"HTTP/1.10 200 OK"))
case("status-http1", cl(status=b"HTTP/1 200 OK"))
case("status-no-slash", cl(status=b"HTTP 200 OK"))
case("status-code-4-digits", cl(status=b"HTTP/1.1 2000 OK"))
case("status-code-2-digits", cl(status=b"HTTP/1.1 20 OK"))
case("status-code-letters", cl(status=b"HTTP/1.1 abc OK"))
case("status-code-099", cl(status=b"HTTP/1.1 099 OK"))
case("status-code-999", cl(status=b"HTTP/1.1 999 OK"))
case("status-reason-long", cl(status=b"HTTP/1.1 200 OK and then some more words"))
case("status-blank-lines-before", b"\r\n\r\n" + cl())
case("status-junk-line", cl(status=b"XTTP/1.1 200 OK"))
case("status-missing", EICAR)
case("status-junk-then-response", b"junk line\r\n" + cl())
case("status-http09-request", head() + EICAR, request=b"GET /eicar.com\r\n")
case("status-http09-bare-body", EICAR, request=b"GET /eicar.com\r\n")
case("status-http10-request", cl(), request=b"GET /eicar.com HTTP/1.0\r\n\r\n")

# --- interim and bodiless statuses ---
case("interim-100-continue", b"HTTP/1.1 100 Continue\r\n\r\n" + cl())
case("interim-100-twice", b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n" + cl())
case("interim-100-headers", b"HTTP/1.1 100 Continue\r\nX-Catalogue: no\r\n\r\n" + cl())
case("interim-102", b"HTTP/1.1 102 Processing\r\n\r\n" + cl())
case("interim-100-separate", [b"HTTP/1.1 100 Continue\r\n\r\n", cl()])
case("interim-100-with-cl-body", b"HTTP/1.1 100 Continue\r\nContent-Length: 68\r\n\r\n" + EICAR + cl())
case("bodiless-204-cl", cl(status=b"HTTP/1.1 204 No Content"))
case("bodiless-204-chunked", te(chunked([EICAR]), status=b"HTTP/1.1 204 No Content"))
case("bodiless-304-cl", cl(status=b"HTTP/1.1 304 Not Modified"))
case("bodiless-205-cl", cl(status=b"HTTP/1.1 205 Reset Content"))
case("bodiless-head", cl(), request=b"HEAD /eicar.com HTTP/1.1\r\nHost: www.example.com\r\n\r\n")
case("bodiless-101", cl(status=b"HTTP/1.1 101 Switching Protocols"))
case("bodiless-204-then-200", cl(status=b"HTTP/1.1 204 No Content", body=b"") + cl(),
     request=GET + GET)

# --- several responses on the connection ---
case("pipelined-second", cl(b"not this one") + cl(), request=GET + GET)
case("pipelined-separate", [cl(b"not this one"), cl()], request=GET + GET)
script("keepalive-two-requests", [(True, GET), (False, cl(b"first")), (True, GET), (False, cl())])
case("cl-short-then-response", head(fields=[b"Content-Length: 5"]) + b"hello" + cl(), request=GET + GET)

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "cases")
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.endswith(".pcap"):
            os.remove(os.path.join(out, f))
    for name, steps in CASES.items():
        write(os.path.join(out, name + ".pcap"), steps)
    print(len(CASES), "cases")
