package org.vigil.app.smb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmbRecordCheckTest {
  private static byte[] smb2(int length, int headerLength, long next) {
    byte[] b = new byte[length];
    b[0] = (byte) 0xFE;
    b[1] = 'S';
    b[2] = 'M';
    b[3] = 'B';
    b[4] = (byte) headerLength;
    for (int i = 0; i < 4; i++) {
      b[20 + i] = (byte) (next >>> (8 * i));
    }
    return b;
  }

  @Test
  void dataThatIsNoSmbHeaderIsMalformedBothWays() {
    byte[] b = "GET / HTTP/1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(SmbRecordCheck.malformed(true, b, 0, b.length));
    assertTrue(SmbRecordCheck.malformed(false, b, 0, b.length));
  }

  @Test
  void shortDataIsMalformedToTheServerOnly() {
    byte[] b = {(byte) 0xFF, 'S'};
    assertTrue(SmbRecordCheck.malformed(true, b, 0, 2));
    assertFalse(SmbRecordCheck.malformed(false, b, 0, 2));
    assertTrue(SmbRecordCheck.malformed(false, new byte[] {(byte) 0xFF, 'X'}, 0, 2));
  }

  @Test
  void anSmb1MessageNeedsItsWholeHeader() {
    byte[] b = new byte[32];
    b[0] = (byte) 0xFF;
    b[1] = 'S';
    b[2] = 'M';
    b[3] = 'B';
    assertFalse(SmbRecordCheck.malformed(true, b, 0, 32));
    assertTrue(SmbRecordCheck.malformed(true, b, 0, 31));
  }

  @Test
  void anSmb2ChainNeedsEachHeaderAndTheOffsetItGives() {
    assertFalse(SmbRecordCheck.malformed(true, smb2(100, 64, 0), 0, 100));
    assertTrue(SmbRecordCheck.malformed(true, smb2(63, 64, 0), 0, 63));
    // the next message announced at 80 of 100 bytes: 20 bytes are no SMB2 header
    assertTrue(SmbRecordCheck.malformed(false, smb2(100, 64, 80), 0, 100));
    // announced past the end
    assertTrue(SmbRecordCheck.malformed(false, smb2(100, 64, 120), 0, 100));
  }

  @Test
  void otherVersionBytesAreNotRead() {
    byte[] b = {(byte) 0xFC, 'S', 'M', 'B', 0, 0};
    assertFalse(SmbRecordCheck.malformed(true, b, 0, b.length));
  }
}
