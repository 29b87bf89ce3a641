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
 * @param session the connection's handshake facts
 * @param event the connection's own EVE tls record (else the tls object of an alert)
 */
public record TlsRecord(TlsSession session, boolean event) implements AppRecord {
  /** The tls object of an alert on the connection. */
  public TlsRecord(TlsSession session) {
    this(session, false);
  }

  @Override
  public String eventType() {
    return "tls";
  }

  @Override
  public void writeFields(RecordWriter out) {
    X509Summary c = session.certificate(false);
    if (c != null) {
      out.string("subject", c.subject());
      out.string("issuerdn", c.issuer());
    }
    if (session.resumed()
        && c == null
        && session.helloSeen(false)
        && !session.logWithoutCertificate()) {
      out.bool("session_resumed", true);
    }
    if (c != null) {
      out.string("serial", c.serial());
      out.string("fingerprint", c.fingerprint());
    }
    out.string("sni", session.sni());
    out.string("version", TlsSession.versionName(session.version(false)));
    if (c != null) {
      out.string("notbefore", c.notBefore());
      out.string("notafter", c.notAfter());
    }
    fingerprint(out, "ja3", session.ja3(), session.ja3Hash());
    fingerprint(out, "ja3s", session.ja3s(), session.ja3sHash());
    X509Summary client = session.certificate(true);
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
      out.string("from_proto", session.fromProtocol());
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
    X509Summary c = session.certificate(false);
    return switch (path) {
      case "tls.sni" -> session.sni();
      case "tls.version" -> TlsSession.versionName(session.version(false));
      case "tls.subject" -> c == null ? null : c.subject();
      case "tls.issuerdn" -> c == null ? null : c.issuer();
      case "tls.serial" -> c == null ? null : c.serial();
      case "tls.fingerprint" -> c == null ? null : c.fingerprint();
      case "tls.ja3.hash" -> session.ja3Hash();
      case "tls.ja3s.hash" -> session.ja3sHash();
      default -> null;
    };
  }
}
