package org.vigil.compiler.analysis;

import java.util.List;
import org.vigil.compiler.ir.AppLayerOption;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.SslState;
import org.vigil.compiler.ir.SslVersion;
import org.vigil.compiler.ir.TlsVersion;

/**
 * Lowers the TLS state keywords onto byte tests of the internal TLS state buffer the TLS app layer
 * fills (byte 0: the flags of the handshake message parsed last, client_hello 1, server_hello 2,
 * client_keyx 4, server_keyx 8; bytes 1-2: the inspected direction's version; byte 3: that
 * version's ssl_version bit, sslv2 1 ... tls1.3 32, 0 for another version; bytes 4-5: the version
 * with TLS 1.3 drafts as 0x0304), with Suricata 7's semantics: {@code ssl_state} matches when the
 * listed flags of the current message differ from the negated ones ({@code (cur & listed) !=
 * negated}); {@code ssl_version} when the direction's version is listed without '!' (a negated
 * version never matches, negated and plain ones cannot be mixed, a version outside the six never
 * matches); {@code tls.version} on equality.
 */
final class TlsStateChecks {
  private TlsStateChecks() {}

  /** True for the options lowered here. */
  static boolean handles(AppLayerOption o) {
    return o instanceof SslState || o instanceof SslVersion || o instanceof TlsVersion;
  }

  /** The byte tests of {@code o} (one of {@link #handles}). */
  static List<ByteTest> lower(AppLayerOption o) {
    return switch (o) {
      case SslState s -> List.of(sslState(s));
      case SslVersion v -> sslVersion(v);
      case TlsVersion t ->
          List.of(
              StateTests.test(
                  Buffer.TLS_STATE,
                  t.pos(),
                  2,
                  false,
                  ByteTest.Operator.EQ,
                  t.version(),
                  t.raw() ? 1 : 4,
                  null));
      default -> throw new IllegalArgumentException(o.keyword());
    };
  }

  private static ByteTest sslState(SslState s) {
    int listed = 0;
    int negated = 0;
    for (SslState.Item i : s.states()) {
      int bit = 1 << i.state().ordinal();
      listed |= bit;
      if (i.negated()) {
        negated |= bit;
      }
    }
    // the bitmask shifts the masked value right by its trailing zeros
    int shifted = negated >>> Integer.numberOfTrailingZeros(listed);
    return StateTests.test(
        Buffer.TLS_STATE, s.pos(), 1, true, ByteTest.Operator.EQ, shifted, 0, (long) listed);
  }

  private static List<ByteTest> sslVersion(SslVersion v) {
    int listed = 0;
    boolean negated = v.versions().get(0).negated();
    for (SslVersion.Item i : v.versions()) {
      if (i.negated() != negated) {
        throw new BackendException(
            v.pos(), "ssl_version: negated and plain versions cannot be mixed");
      }
      int bit = 1 << i.version().ordinal();
      if ((listed & bit) != 0) {
        throw new BackendException(
            v.pos(), "ssl_version: " + i.version().text() + " is listed twice");
      }
      listed |= bit;
    }
    // Suricata 7 matches a listed version that is not negated: a negated list never matches
    return List.of(
        StateTests.test(
            Buffer.TLS_STATE,
            v.pos(),
            1,
            false,
            ByteTest.Operator.AND,
            negated ? 0 : listed,
            3,
            null));
  }
}
