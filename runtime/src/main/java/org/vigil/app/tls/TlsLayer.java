package org.vigil.app.tls;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vigil.app.AppControl;
import org.vigil.app.AppUnit;
import org.vigil.app.BufferSink;
import org.vigil.app.FramedLayer;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * TLS on one TCP flow, detected or reached by an FTP AUTH TLS upgrade: feeds the record parser;
 * each complete record has its direction's ACKed raw data inspected on the direction's next packet
 * (Suricata's raw reassembly trigger), and the first ApplicationData record stops the flow's
 * payload inspection as Suricata's default encryption handling does (see {@link
 * AppControl#stopPayloadInspection()}); an SSLv2 handshake whose both sides encrypt stops the
 * flow's inspection as SSH's does. Data that is not TLS, or a gap, ends the parsing only: raw
 * inspection goes on as before. Each direction's data that completed a record makes a unit of that
 * direction on the connection's one {@link TlsTransaction}: the TLS state (ssl_state, ssl_version,
 * tls.version), and to the server the SNI and JA3, to the client the leaf certificate's fields, the
 * JA3S and each certificate of the chain (tls.certs, one unit per certificate).
 */
public final class TlsLayer extends FramedLayer {
  private final TlsConnectionParser parser = new TlsConnectionParser();
  private final TlsTransaction tx = new TlsTransaction(parser.session());
  private final boolean[] pending = new boolean[2];

  /** The layer of a flow whose inspection {@code control} controls. */
  public TlsLayer(AppControl control) {
    super(control);
  }

  /** The parser (for tests and logging). */
  public TlsConnectionParser parser() {
    return parser;
  }

  @Override
  protected int parse(boolean toServer, byte[] buf, int off, int len) {
    return parser.onData(toServer, buf, off, len);
  }

  @Override
  protected boolean react(boolean toServer, int r) {
    if ((r & TlsConnectionParser.RECORD_END) != 0) {
      pending[toServer ? 0 : 1] = true;
      control.triggerRawInspection(toServer);
    }
    if ((r & TlsConnectionParser.APP_DATA) != 0) {
      control.stopPayloadInspection();
    }
    if ((r & TlsConnectionParser.NO_INSPECTION) != 0) {
      control.stopInspection(); // SSLv2, both sides encrypted: as SSH
      return true;
    }
    return (r & TlsConnectionParser.ERROR) != 0;
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    if (flowEnd) {
      unitsOf(true, out);
      unitsOf(false, out);
    } else {
      unitsOf(toServer, out);
    }
  }

  private void unitsOf(boolean toServer, UnitSink out) {
    int d = toServer ? 0 : 1;
    if (!pending[d]) {
      return;
    }
    pending[d] = false;
    TlsSession s = parser.session();
    byte[] state = new byte[TlsStateBytes.LENGTH];
    TlsStateBytes.fill(s, toServer, state);
    List<byte[]> certs = s.certificates();
    out.inspect(
        new AppUnit(
            toServer,
            tx,
            sink -> {
              sink.put(Buffers.TLS_STATE, state, 0, state.length);
              if (toServer) {
                text(sink, Buffers.TLS_SNI, s.sni());
                if (s.ja3() != null) {
                  text(sink, Buffers.JA3_STRING, s.ja3());
                  text(sink, Buffers.JA3_HASH, Ja3.md5(s.ja3()));
                }
              } else {
                X509Summary c = s.serverCertificate();
                if (c != null) {
                  text(sink, Buffers.TLS_CERT_SUBJECT, c.subject());
                  text(sink, Buffers.TLS_CERT_ISSUER, c.issuer());
                  text(sink, Buffers.TLS_CERT_SERIAL, c.serial());
                  text(sink, Buffers.TLS_CERT_FINGERPRINT, c.fingerprint());
                }
                if (s.ja3s() != null) {
                  text(sink, Buffers.JA3S_STRING, s.ja3s());
                  text(sink, Buffers.JA3S_HASH, Ja3.md5(s.ja3s()));
                }
                if (!certs.isEmpty()) {
                  sink.put(Buffers.TLS_CERTS, certs.get(0), 0, certs.get(0).length);
                }
              }
            },
            null));
    for (int i = 1; !toServer && i < certs.size(); i++) {
      byte[] cert = certs.get(i);
      out.inspect(
          new AppUnit(false, tx, sink -> sink.put(Buffers.TLS_CERTS, cert, 0, cert.length), null));
    }
  }

  private static void text(BufferSink sink, int buffer, String value) {
    if (value != null) {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      sink.put(buffer, b, 0, b.length);
    }
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }
}
