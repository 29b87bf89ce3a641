package org.vigil.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vigil.detect.api.Base64Decoding;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.Primitives;

/**
 * base64_decode on any buffer with any start and byte count: it never throws, decodes at most three
 * bytes per four characters read (plus the last group's), and the base64_data buffer it sets lies
 * inside its scratch array.
 */
class Base64DecodeFuzzTest {
  @FuzzTest(maxDuration = "5s")
  void anyBufferDecodes(FuzzedDataProvider in) {
    int start = in.consumeInt(-4, 300);
    int max = in.consumeInt(0, 70000);
    byte[] data = in.consumeRemainingAsBytes();
    InspectionContext ctx = new InspectionContext();
    boolean ok = Primitives.base64Decode(ctx, data, 0, data.length, start, max);
    int n = ctx.len[Buffers.BASE64_DATA];
    if (ok) {
      int read = Math.min(data.length - Math.max(0, start), max == 0 ? 65535 : max);
      assertTrue(n > 0 && n <= read / 4 * 3 + 2, "decoded " + n + " from " + read);
      assertTrue(ctx.off[Buffers.BASE64_DATA] + n <= ctx.data[Buffers.BASE64_DATA].length);
    }
    byte[] out = new byte[data.length / 4 * 3 + 3];
    assertTrue(Base64Decoding.decode(data, 0, data.length, out) <= out.length);
  }
}
