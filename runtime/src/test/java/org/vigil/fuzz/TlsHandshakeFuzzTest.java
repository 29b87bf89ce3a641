package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.tls.TlsConnectionParser;
import org.vigil.app.tls.TlsSession;
import org.vigil.app.tls.X509Summary;

/**
 * Any conversation (see {@link FuzzSeeds#chunks}) given to the TLS parser, with the handshake
 * messages it reassembles (hellos, JA3/JA3S, certificate chains) read back, and any bytes given to
 * the certificate reader as DER: nothing throws, however lengths, tags and extensions lie. Seeded
 * with the TLS conversations of the shared corpus's captures.
 */
class TlsHandshakeFuzzTest {
  private static final String METHOD = "anyHandshakeParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(TlsHandshakeFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/tls", FuzzSeeds.smallCapture(262144)), 60)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 443);
      if (conv.length > 0) {
        FuzzSeeds.add(TlsHandshakeFuzzTest.class, METHOD, conv);
      }
    }
  }

  @FuzzTest(maxDuration = "8s")
  void anyHandshakeParses(byte[] input) {
    X509Summary.parse(input, 0, input.length);
    TlsConnectionParser parser = new TlsConnectionParser();
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        parser.onGap(c.toServer());
      } else {
        parser.onData(c.toServer(), c.data(), c.off(), c.len());
      }
    }
    TlsSession s = parser.session();
    s.sni();
    s.ja3();
    s.ja3s();
    s.version(true);
    s.version(false);
    for (boolean side : new boolean[] {true, false}) {
      for (byte[] der : s.certificates(side)) {
        X509Summary.parse(der, 0, der.length);
      }
      s.certificate(side);
    }
  }
}
