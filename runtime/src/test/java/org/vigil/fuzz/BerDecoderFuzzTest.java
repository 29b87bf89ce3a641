package org.vigil.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.detect.api.Asn1Check;

/**
 * Any buffer, any checks, any start offset and cursor given to the asn1 keyword's BER decoder: it
 * never throws and never recurses past its nesting bound (a stack overflow would fail the run).
 * Seeded with the Kerberos and SNMP conversations of the shared corpus (BER on the wire) and a
 * deeply nested SEQUENCE.
 */
class BerDecoderFuzzTest {
  private static final String METHOD = "anyBufferDecodes";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(BerDecoderFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(FuzzSeeds.corpusFiles("pcaps/zeek", FuzzSeeds.smallCapture(65536)), 400)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 88 || port == 161 || port == 389);
      if (conv.length > 0) {
        FuzzSeeds.add(BerDecoderFuzzTest.class, METHOD, conv);
      }
    }
    byte[] nested = new byte[200];
    for (int i = 0; i < nested.length; i += 2) {
      nested[i] = 0x30;
      nested[i + 1] = (byte) Math.min(127, nested.length - i - 2);
    }
    FuzzSeeds.add(BerDecoderFuzzTest.class, METHOD, nested);
  }

  @FuzzTest(maxDuration = "8s")
  void anyBufferDecodes(FuzzedDataProvider in) {
    int checks = in.consumeInt(0, 7);
    long oversize = in.consumeLong(0, 1 << 20);
    int mode = in.consumeInt(0, 2);
    long offset = in.consumeLong(-70000, 70000);
    byte[] data = in.consumeRemainingAsBytes();
    int base = data.length > 0 ? data.length / 3 : 0;
    int len = data.length - base;
    Asn1Check.matches(data, base, len, len / 2, checks, oversize, mode, offset);
  }
}
