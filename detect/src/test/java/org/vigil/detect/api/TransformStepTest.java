package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The xor and pcrexform steps on buffers, and pcrexform's read budget. */
class TransformStepTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void xorRepeatsTheKey() {
    byte[] in = {0x41 ^ 0x0d, 0x42 ^ 0x0a, 0x43 ^ 0x0d};
    assertArrayEquals(b("ABC"), TransformStep.of("xor:0d0a").apply(in, 0, 3));
    assertArrayEquals(b("B"), TransformStep.of("xor:0a").apply(new byte[] {0, 0x48}, 1, 1));
  }

  @Test
  void pcrexformKeepsTheFirstGroupOrTheBuffer() {
    TransformStep host = TransformStep.of("pcrexform:0:host=([a-z.]+)");
    assertArrayEquals(b("a.b"), host.apply(b("xhost=a.b;"), 0, 10));
    assertArrayEquals(b("no host"), host.apply(b("no host"), 0, 7));
    TransformStep optional = TransformStep.of("pcrexform:0:x(y)?");
    assertArrayEquals(b("x"), optional.apply(b("x"), 0, 1), "the group took no part");
  }

  @Test
  void aCatastrophicRegexStopsAtItsBudgetAndKeepsTheBuffer() {
    TransformStep bad = TransformStep.of("pcrexform:0:(a+)+b");
    byte[] in = b("a".repeat(5000));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertArrayEquals(in, bad.apply(in, 0, in.length)));
  }
}
