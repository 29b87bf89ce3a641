package org.vigil.app.tls;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * The EVE tls record of a connection, with Suricata 7's field names and order (its extended
 * format): the server certificate's subject and issuerdn, session_resumed (a resumed session
 * without server certificate, before TLS 1.3), the certificate's serial and fingerprint, the SNI,
 * the version (the server's, named as Suricata names it), notbefore/notafter, ja3/ja3s (hash and
 * string), the client's certificate ({@code client}: subject, issuerdn, fingerprint, serial,
 * notbefore, notafter) and, in the connection's own record (not in an alert's tls object), the
 * protocol spoken before TLS ({@code from_proto}).
 *
 * <p>The record holds the facts as they were when it was made: a worker's record is written later,
 * by another thread, while the connection goes on.
 *
 * @param server the server's certificate, or null
 * @param sessionResumed a resumed session without server certificate was seen
 * @param sni the client's server name, or null
 * @param version the server's version
 * @param ja3 the client's ja3 string, or null
 * @param ja3Hash its hash
 * @param ja3s the server's ja3s string, or null
 * @param ja3sHash its hash
 * @param client the client's certificate, or null
 * @param fromProto the protocol spoken before TLS, or null
 * @param event the connection's own EVE tls record (else the tls object of an alert)
 */
public record TlsRecord(
    X509Summary server,
    boolean sessionResumed,
    String sni,
    int version,
    String ja3,
    String ja3Hash,
    String ja3s,
    String ja3sHash,
    X509Summary client,
    String fromProto,
    boolean event)
    implements AppRecord {
  /** The tls object of an alert on the connection of {@code session}, as it is now. */
  public TlsRecord(TlsSession session) {
    this(session, false);
  }

  /**
   * The record of the connection of {@code session} as it is now ({@code event}: its own EVE tls
   * record, else an alert's tls object).
   */
  public TlsRecord(TlsSession session, boolean event) {
    this(
        session.certificate(false),
        session.resumed()
            && session.certificate(false) == null
            && session.helloSeen(false)
            && !session.logWithoutCertificate(),
        session.sni(),
        session.version(false),
        session.ja3(),
        session.ja3Hash(),
        session.ja3s(),
        session.ja3sHash(),
        session.certificate(true),
        session.fromProtocol(),
        event);
  }

  @Override
  public String eventType() {
    return "tls";
  }

  @Override
  public void writeFields(RecordWriter out) {
    X509Summary c = server;
    if (c != null) {
      out.string("subject", c.subject());
      out.string("issuerdn", c.issuer());
    }
    if (sessionResumed) {
      out.bool("session_resumed", true);
    }
    if (c != null) {
      out.string("serial", c.serial());
      out.string("fingerprint", c.fingerprint());
    }
    out.string("sni", sni);
    out.string("version", TlsSession.versionName(version));
    if (c != null) {
      out.string("notbefore", c.notBefore());
      out.string("notafter", c.notAfter());
    }
    fingerprint(out, "ja3", ja3, ja3Hash);
    fingerprint(out, "ja3s", ja3s, ja3sHash);
    if (client != null) {
      out.startObject("client");
      out.string("subject", client.subject());
      out.string("issuerdn", client.issuer());
      out.string("fingerprint", client.fingerprint());
      out.string("serial", client.serial());
      out.string("notbefore", client.notBefore());
      out.string("notafter", client.notAfter());
      out.endObject();
    }
    if (event) {
      out.string("from_proto", fromProto);
    }
  }

  private static void fingerprint(RecordWriter out, String name, String text, String hash) {
    if (text != null) {
      out.startObject(name);
      out.string("hash", hash);
      out.string("string", text);
      out.endObject();
    }
  }

  @Override
  public String field(String path) {
    X509Summary c = server;
    return switch (path) {
      case "tls.sni" -> sni;
      case "tls.version" -> TlsSession.versionName(version);
      case "tls.subject" -> c == null ? null : c.subject();
      case "tls.issuerdn" -> c == null ? null : c.issuer();
      case "tls.serial" -> c == null ? null : c.serial();
      case "tls.fingerprint" -> c == null ? null : c.fingerprint();
      case "tls.ja3.hash" -> ja3Hash;
      case "tls.ja3s.hash" -> ja3sHash;
      default -> null;
    };
  }
}
