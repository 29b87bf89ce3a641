package org.vigil.acquire.synthetic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Messages of the other protocols a sensor sees: TLS handshakes with a server name and encrypted
 * records, DNS queries and answers, SSH banners and key exchange, SMTP and FTP dialogues.
 */
final class Messages {
  private static final String[] NAMES = {
    "www.example.com",
    "login.example.net",
    "cdn.example.org",
    "api.example.io",
    "update.example.com"
  };
  private static final int[] CIPHERS = {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0x009c, 0x002f};

  private final Random random;

  Messages(Random random) {
    this.random = random;
  }

  /** A server name under one of the common domains. */
  String name() {
    String n = NAMES[random.nextInt(NAMES.length)];
    return random.nextInt(3) == 0 ? Integer.toString(random.nextInt(1 << 16), 36) + "." + n : n;
  }

  /** A TLS 1.2 ClientHello record naming {@code sni}. */
  byte[] clientHello(String sni) {
    Bytes ext = new Bytes();
    byte[] host = sni.getBytes(StandardCharsets.US_ASCII);
    ext.u16(0).u16(host.length + 5).u16(host.length + 3).u8(0).u16(host.length).raw(host);
    ext.u16(0x000a).u16(6).u16(4).u16(0x001d).u16(0x0017);
    ext.u16(0x000b).u16(2).u8(1).u8(0);
    ext.u16(0x000d).u16(6).u16(4).u16(0x0403).u16(0x0804);
    Bytes hello = new Bytes().u16(0x0303).random(32).u8(0);
    int n = 2 + random.nextInt(CIPHERS.length - 1);
    hello.u16(2 * n);
    for (int i = 0; i < n; i++) {
      hello.u16(CIPHERS[i]);
    }
    hello.u8(1).u8(0).u16(ext.size()).raw(ext.bytes());
    return record(22, handshake(1, hello.bytes()));
  }

  /** The server's ServerHello and ServerHelloDone, then a change of cipher and encrypted data. */
  byte[] serverHello() {
    Bytes hello = new Bytes().u16(0x0303).random(32).u8(32).random(32);
    hello.u16(CIPHERS[random.nextInt(CIPHERS.length)]).u8(0).u16(5);
    hello.u16(0xff01).u16(1).u8(0);
    Bytes out = new Bytes().raw(record(22, handshake(2, hello.bytes())));
    out.raw(record(22, handshake(14, new byte[0])));
    out.raw(record(20, new byte[] {1}));
    return out.raw(record(23, new Bytes().random(40 + random.nextInt(600)).bytes())).bytes();
  }

  /** Application data records (ciphertext). */
  byte[] encrypted(int length) {
    return record(23, new Bytes().random(length).bytes());
  }

  /** A DNS query for {@code name}, or its answer. */
  byte[] dns(int id, String name, boolean answer) {
    int type = new int[] {1, 1, 28, 15, 16}[Math.floorMod(id, 5)];
    Bytes b = new Bytes().u16(id).u16(answer ? 0x8180 : 0x0100).u16(1).u16(answer ? 1 : 0);
    b.u16(0).u16(0);
    for (String label : name.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.u8(l.length).raw(l);
    }
    b.u8(0).u16(type).u16(1);
    if (answer) {
      b.u16(0xc00c).u16(1).u16(1).u16(0).u16(300).u16(4).random(4);
    }
    return b.bytes();
  }

  /** An SSH identification line. */
  byte[] sshBanner(boolean server) {
    return text(
        server
            ? "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u2\r\n"
            : random.nextBoolean() ? "SSH-2.0-OpenSSH_7.6p1\r\n" : "SSH-2.0-libssh2_1.8.0\r\n");
  }

  /** An SSH binary packet of key exchange data. */
  byte[] sshPacket() {
    int len = 200 + random.nextInt(600);
    return new Bytes().u16(0).u16(len).u8(4).u8(20).random(len - 2).bytes();
  }

  /** Plain text as ASCII bytes. */
  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] handshake(int type, byte[] body) {
    return new Bytes().u8(type).u8(body.length >>> 16).u16(body.length).raw(body).bytes();
  }

  private byte[] record(int type, byte[] body) {
    return new Bytes().u8(type).u16(0x0303).u16(body.length).raw(body).bytes();
  }

  /** A big-endian byte builder. */
  private final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int v) {
      out.write(v);
      return this;
    }

    Bytes u16(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Bytes raw(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    Bytes random(int n) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return raw(b);
    }

    int size() {
      return out.size();
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
