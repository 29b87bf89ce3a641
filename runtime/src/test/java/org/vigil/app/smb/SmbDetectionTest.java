package org.vigil.app.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmbDetectionTest {
  private static int probe(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return SmbDetection.probe(b, 0, b.length);
  }

  @Test
  void aNetbiosSessionMessageCarryingAnySmbVersionIsSmb() {
    assertEquals(SmbDetection.MATCH, probe(0, 0, 0, 0x54, 0xFF, 'S', 'M', 'B'));
    assertEquals(SmbDetection.MATCH, probe(0, 0, 1, 0x04, 0xFE, 'S', 'M', 'B', 0x40));
    assertEquals(SmbDetection.MATCH, probe(0, 0, 0, 0x80, 0xFD, 'S', 'M', 'B'));
  }

  @Test
  void otherFirstBytesAreNotAndAShortStartWaits() {
    assertEquals(
        SmbDetection.NO_MATCH, probe(0x81, 0, 0, 0x44, 0xFF, 'S', 'M', 'B')); // session request
    assertEquals(SmbDetection.NO_MATCH, probe(0, 0, 0, 0x54, 0xFC, 'S', 'M', 'B'));
    assertEquals(SmbDetection.NO_MATCH, probe('G', 'E', 'T', ' '));
    assertEquals(SmbDetection.NEED_MORE, probe(0, 0, 0, 0x54, 0xFE, 'S'));
  }
}
