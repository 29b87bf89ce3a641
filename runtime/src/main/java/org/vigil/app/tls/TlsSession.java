package org.vigil.app.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The handshake facts of one TLS connection that rules and logs read, kept as Suricata 7's TLS
 * state keeps them: the flags of the handshake message parsed last ({@link #currentFlags}, reset
 * when a direction's data starts on a record boundary), each side's version (the record header's
 * until the side's hello, then the hello's, TLS 1.3 drafts before draft 16 as 0x7f01, overridden by
 * the supported_versions extension), the client's SNI and JA3, the server's JA3S, each side's
 * certificate chain (its first certificate summarised), and what decides whether and when Suricata
 * logs the connection: a resumed session (the client offered a session ticket, or the server echoed
 * the client's session id), a TLS 1.3 server hello (logged without certificate), a certificate
 * request (the handshake then waits for the client's certificate).
 */
public final class TlsSession {
  /** {@link #currentFlags()} bit: a ClientHello. */
  public static final int CLIENT_HELLO = 1;

  /** {@link #currentFlags()} bit: a ServerHello. */
  public static final int SERVER_HELLO = 2;

  /** {@link #currentFlags()} bit: a ClientKeyExchange (SSLv2: a client certificate). */
  public static final int CLIENT_KEYX = 4;

  /** {@link #currentFlags()} bit: a ServerKeyExchange. */
  public static final int SERVER_KEYX = 8;

  /** Certificates of the server's chain kept (the rest are counted only). */
  static final int MAX_CERTS = 10;

  private int currentFlags;
  private final int[] version = new int[2];
  private final boolean[] hello = new boolean[2];
  private String sni;
  private String ja3;
  private String ja3s;
  private String ja3Hash;
  private String ja3sHash;
  private final List<List<byte[]>> certificates = List.of(new ArrayList<>(), new ArrayList<>());
  private final X509Summary[] leaf = new X509Summary[2];
  private final boolean[] certificateSeen = new boolean[2];
  private boolean resumed;
  private boolean logWithoutCertificate;
  private boolean needClientCertificate;
  private boolean clientVersionsExtension;
  private byte[] clientSessionId;
  private String fromProtocol;

  /** The parser events of the connection, in the order raised. */
  final List<TlsEvent> events = new ArrayList<>(1);

  private static int d(boolean toServer) {
    return toServer ? 0 : 1;
  }

  /** The flags of the handshake message parsed last (0 after other data). */
  public int currentFlags() {
    return currentFlags;
  }

  /** The version of side {@code client} (0 while unknown). */
  public int version(boolean client) {
    return version[d(client)];
  }

  /** True once side {@code client}'s hello was parsed. */
  public boolean helloSeen(boolean client) {
    return hello[d(client)];
  }

  /** True once side {@code client}'s Certificate message was parsed. */
  public boolean certificatesSeen(boolean client) {
    return certificateSeen[d(client)];
  }

  /**
   * True once the session looks resumed (Suricata's SSL_AL_FLAG_SESSION_RESUMED): the client hello
   * carried a session ticket extension, or the server hello echoed the client's session id.
   */
  public boolean resumed() {
    return resumed;
  }

  /**
   * True once the server hello chose TLS 1.3 (or a draft): Suricata logs such a connection without
   * waiting for a certificate (SSL_AL_FLAG_LOG_WITHOUT_CERT).
   */
  public boolean logWithoutCertificate() {
    return logWithoutCertificate;
  }

  /**
   * True when Suricata deems the handshake done by its certificates: the server's leaf certificate,
   * or, after a certificate request, the client's.
   */
  public boolean certificateHandshakeDone() {
    return certificate(needClientCertificate) != null;
  }

  /**
   * The protocol the connection spoke before TLS (STARTTLS, FTP's AUTH TLS, an HTTP CONNECT), or
   * null when it started as TLS.
   */
  public String fromProtocol() {
    return fromProtocol;
  }

  /** The connection spoke {@code protocol} before TLS. */
  void fromProtocol(String protocol) {
    fromProtocol = protocol;
  }

  /** The ClientHello's server name, or null. */
  public String sni() {
    return sni;
  }

  /** The ClientHello's JA3 string, or null. */
  public String ja3() {
    return ja3;
  }

  /** The ServerHello's JA3S string, or null. */
  public String ja3s() {
    return ja3s;
  }

  /** The MD5 of {@link #ja3()} in lower-case hex (hashed once), or null. */
  String ja3Hash() {
    if (ja3Hash == null && ja3 != null) {
      ja3Hash = Ja3.md5(ja3);
    }
    return ja3Hash;
  }

  /** The MD5 of {@link #ja3s()} in lower-case hex (hashed once), or null. */
  String ja3sHash() {
    if (ja3sHash == null && ja3s != null) {
      ja3sHash = Ja3.md5(ja3s);
    }
    return ja3sHash;
  }

  /**
   * The DER certificates of side {@code client}'s chain (leaf first), at most {@link #MAX_CERTS}.
   */
  public List<byte[]> certificates(boolean client) {
    return certificates.get(d(client));
  }

  /** Side {@code client}'s leaf certificate, or null (none seen, or it did not parse). */
  public X509Summary certificate(boolean client) {
    return leaf[d(client)];
  }

  /** Data of direction {@code toServer} starts on a record boundary: no current message. */
  void newData() {
    currentFlags = 0;
  }

  /** An SSLv3/TLS record header of version {@code v} in direction {@code toServer}. */
  void recordVersion(boolean toServer, int v) {
    int i = d(toServer);
    if (!hello[i] || version[i] == 0) {
      version[i] = v;
    }
  }

  /** An SSLv2 record starts in direction {@code toServer}. */
  void ssl2Record(boolean toServer) {
    version[d(toServer)] = TlsRecordTypes.SSL_2;
  }

  /** A complete SSLv2 message of type {@code type}; {@code body} starts after the type byte. */
  void ssl2Message(boolean toServer, int type, byte[] body) {
    switch (type) {
      case Ssl2State.CLIENT_HELLO -> {
        currentFlags = CLIENT_HELLO;
        if (body.length >= 2) {
          version[d(toServer)] = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        }
      }
      case Ssl2State.SERVER_HELLO -> currentFlags = SERVER_HELLO;
      case Ssl2State.CLIENT_CERTIFICATE -> currentFlags = toServer ? CLIENT_KEYX : 0;
      default -> currentFlags = 0;
    }
  }

  /** A complete handshake message of type {@code type}, its body {@code b[p..end)}. */
  void handshake(boolean toServer, int type, byte[] b, int p, int end) {
    switch (type) {
      case TlsHello.CLIENT_HELLO -> {
        currentFlags = CLIENT_HELLO;
        helloVersion(toServer, HelloFields.client(b, p, end));
      }
      case TlsHello.SERVER_HELLO -> {
        currentFlags = SERVER_HELLO;
        helloVersion(toServer, HelloFields.server(b, p, end));
      }
      case 12 -> currentFlags = SERVER_KEYX;
      case 16 -> currentFlags = CLIENT_KEYX;
      case 13 -> {
        if (!toServer) {
          currentFlags = 0; // Suricata's "need client certificate" flag replaces the state flags
          needClientCertificate = true;
        }
      }
      case 11 -> {
        if (!certificateSeen[d(toServer)]) {
          certificateSeen[d(toServer)] = true;
          certificateChain(toServer, b, p, end);
        }
      }
      default -> {}
    }
  }

  private void helloVersion(boolean toServer, HelloFields h) {
    if (h == null) {
      return;
    }
    int i = d(toServer);
    hello[i] = true;
    int v = h.version();
    resumption(toServer, h);
    if ((v >= 0x7f01 && v < 0x7f10) || v == 0x0304) {
      v = 0x7f01;
    }
    version[i] = h.supportedVersion() != 0 ? h.supportedVersion() : v;
    if (toServer) {
      if (ja3 == null) {
        ja3 = h.ja3();
        sni = h.sni();
      }
    } else if (ja3s == null) {
      ja3s = h.ja3();
    }
  }

  /** What the hello {@code h} tells of a resumed session or a TLS 1.3 server. */
  private void resumption(boolean toServer, HelloFields h) {
    if (toServer) {
      resumed |= h.sessionTicket();
      clientVersionsExtension |= h.versionsExtension();
      if (clientSessionId == null && h.sessionId().length > 0) {
        clientSessionId = h.sessionId();
      }
      return;
    }
    int v = h.version();
    boolean tls13 = v == 0x0304 || (v >> 8) == 0x7f;
    if (!tls13 && !logWithoutCertificate && clientSessionId != null) {
      resumed |= java.util.Arrays.equals(clientSessionId, h.sessionId());
    }
    if (tls13 || (clientVersionsExtension && h.supportedVersion() > 0x0303)) {
      logWithoutCertificate = true;
    }
  }

  private void certificateChain(boolean toServer, byte[] b, int p, int end) {
    List<byte[]> chain = certificates.get(d(toServer));
    if (p + 3 > end) {
      return;
    }
    int listEnd = Math.min(end, p + 3 + u24(b, p));
    p += 3;
    while (p + 3 <= listEnd && chain.size() < MAX_CERTS) {
      int n = u24(b, p);
      if (p + 3 + n > listEnd) {
        return;
      }
      chain.add(java.util.Arrays.copyOfRange(b, p + 3, p + 3 + n));
      if (chain.size() == 1) {
        leaf[d(toServer)] = X509Summary.parse(b, p + 3, n);
      }
      p += 3 + n;
    }
  }

  private static int u24(byte[] b, int p) {
    return ((b[p] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
  }

  /** Suricata's EVE name of version {@code v} ("TLSv1", "TLS 1.2", "TLS 1.3 draft-23", ...). */
  public static String versionName(int v) {
    return switch (v) {
      case 0 -> "UNDETERMINED";
      case 0x0200 -> "SSLv2";
      case 0x0300 -> "SSLv3";
      case 0x0301 -> "TLSv1";
      case 0x0302 -> "TLS 1.1";
      case 0x0303 -> "TLS 1.2";
      case 0x0304 -> "TLS 1.3";
      case 0x7f01 -> "TLS 1.3 draft-<16";
      default -> {
        if (v >= 0x7f10 && v <= 0x7f1c) {
          yield "TLS 1.3 draft-" + (v & 0xFF);
        }
        if (v == 0xfb14 || v == 0xfb15 || v == 0xfb16 || v == 0xfb17 || v == 0xfb1a) {
          yield "TLS 1.3 draft-" + (v & 0xFF) + "-fb";
        }
        yield String.format("0x%04x", v);
      }
    };
  }
}
