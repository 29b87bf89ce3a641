package org.vigil.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SshConnectionParserTest {
  private static final int KEXINIT = 20;
  private static final int NEWKEYS = 21;

  /**
   * A binary packet: uint32 packet_length, padding_length, message code, {@code data} bytes,
   * padding.
   */
  private static byte[] record(int msg, int data, int padding) {
    int pktLen = 1 + 1 + data + padding;
    byte[] r = new byte[4 + pktLen];
    r[0] = (byte) (pktLen >>> 24);
    r[1] = (byte) (pktLen >>> 16);
    r[2] = (byte) (pktLen >>> 8);
    r[3] = (byte) pktLen;
    r[4] = (byte) padding;
    r[5] = (byte) msg;
    Arrays.fill(r, 6, r.length, (byte) 0x41);
    return r;
  }

  private static byte[] cat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) p;
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  private static int feed(SshConnectionParser p, boolean toServer, byte[] b) {
    return p.onData(toServer, b, 0, b.length);
  }

  @Test
  void newKeysFromBothSidesStopInspectionOnTheSecondOne() {
    SshConnectionParser p = new SshConnectionParser();
    assertEquals(0, feed(p, false, cat("SSH-2.0-OpenSSH_7.5\r\n")));
    assertEquals(0, feed(p, true, cat("SSH-2.0-OpenSSH_7.4\r\n", record(KEXINIT, 1400, 6))));
    assertEquals(
        0,
        feed(p, false, cat(record(KEXINIT, 300, 4), record(31, 500, 8), record(NEWKEYS, 0, 10))));
    assertTrue(p.newKeys(false));
    assertFalse(p.encrypted());
    assertEquals(0, feed(p, true, record(30, 40, 4)));
    assertEquals(SshConnectionParser.NO_INSPECTION, feed(p, true, record(NEWKEYS, 0, 10)));
    assertTrue(p.encrypted());
    assertEquals("2.0", p.banner(true).protoVersionText());
    assertEquals("OpenSSH_7.4", p.banner(true).softwareVersionText());
    assertEquals("OpenSSH_7.5", p.banner(false).softwareVersionText());
    assertEquals(3, p.records(true));
    assertEquals(3, p.records(false));
  }

  @Test
  void aStreamFedByteByByteIsFramedAsAWhole() {
    SshConnectionParser p = new SshConnectionParser();
    byte[] client =
        cat(
            "SSH-2.0-PuTTY_Release_0.72\r\n",
            record(KEXINIT, 1000, 5),
            record(30, 32, 4),
            record(5, 12, 7));
    for (int i = 0; i < client.length; i++) {
      assertEquals(0, p.onData(true, client, i, 1), "byte " + i);
    }
    assertEquals("PuTTY_Release_0.72", p.banner(true).softwareVersionText());
    assertEquals(
        0,
        p.records(true),
        "each record arrived in pieces: framed by its header, never complete at once");
    // framing kept: the next record, whole in one segment, is read as one
    assertEquals(0, feed(p, true, record(2, 8, 4)));
    assertEquals(1, p.records(true));
  }

  @Test
  void newKeysWhoseHeaderIsSplitAcrossSegmentsCompletesOnTheLastPiece() {
    SshConnectionParser p = new SshConnectionParser();
    feed(p, false, cat("SSH-2.0-s\r\n", record(NEWKEYS, 0, 10)));
    feed(p, true, cat("SSH-2.0-c\r\n", record(KEXINIT, 100, 4)));
    byte[] nk = record(NEWKEYS, 0, 10);
    assertEquals(0, p.onData(true, nk, 0, 3), "3 header bytes are held");
    assertEquals(0, p.onData(true, nk, 3, 2), "5 header bytes are held");
    assertEquals(SshConnectionParser.NO_INSPECTION, p.onData(true, nk, 5, nk.length - 5));
  }

  @Test
  void newKeysWhoseBodyIsSplitFinishesTheSideButStopsNothing() {
    SshConnectionParser p = new SshConnectionParser();
    feed(p, false, cat("SSH-2.0-s\r\n", record(NEWKEYS, 0, 10)));
    feed(p, true, cat("SSH-2.0-c\r\n"));
    byte[] nk = record(NEWKEYS, 0, 10);
    assertEquals(0, p.onData(true, nk, 0, 8));
    assertEquals(0, p.onData(true, nk, 8, nk.length - 8));
    assertTrue(p.newKeys(true));
    assertFalse(p.encrypted(), "as Suricata, a NEWKEYS seen from its header alone sets no flag");
    // the side whose NEWKEYS comes whole afterwards finds this one finished
    SshConnectionParser q = new SshConnectionParser();
    feed(q, true, cat("SSH-2.0-c\r\n"));
    q.onData(true, nk, 0, 8);
    q.onData(true, nk, 8, nk.length - 8);
    assertEquals(0, feed(q, false, "SSH-2.0-s\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(SshConnectionParser.NO_INSPECTION, feed(q, false, record(NEWKEYS, 0, 10)));
  }

  @Test
  void aPacketLengthBelowTwoOrABadBannerEndsParsing() {
    SshConnectionParser p = new SshConnectionParser();
    assertEquals(
        SshConnectionParser.ERROR,
        feed(p, true, cat("SSH-2.0-c\r\n", new byte[] {0, 0, 0, 1, 0, 21})));
    assertTrue(p.failed());
    assertEquals(
        0,
        feed(p, false, cat("SSH-2.0-s\r\n", record(NEWKEYS, 0, 10))),
        "nothing is parsed after an error");
    assertEquals(
        SshConnectionParser.ERROR, feed(new SshConnectionParser(), true, cat("SSH-2.0\r\n")));
    assertEquals(
        SshConnectionParser.ERROR,
        feed(new SshConnectionParser(), false, cat("ssh-2.0-lower\r\n")));
    assertEquals(
        SshConnectionParser.ERROR,
        feed(new SshConnectionParser(), false, cat("Welcome!\r\nSSH-2.0-x\r\n")));
  }

  @Test
  void aGapEndsParsing() {
    SshConnectionParser p = new SshConnectionParser();
    feed(p, true, cat("SSH-2.0-c\r\n"));
    assertEquals(SshConnectionParser.ERROR, p.onGap(true));
    assertEquals(0, feed(p, true, record(NEWKEYS, 0, 10)));
  }

  @Test
  void aBannerSplitOverSegmentsIsHeldUntilItsLineEnds() {
    SshConnectionParser p = new SshConnectionParser();
    byte[] s = cat("SSH-1.99-Cisco-1.25\r", "\n", record(NEWKEYS, 0, 10));
    assertEquals(0, p.onData(false, s, 0, 7));
    assertEquals(0, p.onData(false, s, 7, 13), "a trailing CR may start CRLF: held");
    assertEquals(0, p.onData(false, s, 20, s.length - 20));
    assertEquals("1.99", p.banner(false).protoVersionText());
    assertEquals("Cisco-1.25", p.banner(false).softwareVersionText());
    assertTrue(p.newKeys(false));
  }

  @Test
  void anOverlongBannerIsTakenAtTheLimitAndItsLineSkipped() {
    SshConnectionParser p = new SshConnectionParser();
    byte[] first = cat("SSH-2.0-", "x".repeat(300));
    assertEquals(0, feed(p, true, first));
    assertTrue(p.longBanner(true));
    assertEquals(0, feed(p, true, cat("yyyy\r\n", record(KEXINIT, 20, 4))));
    assertEquals(1, p.records(true));
    assertEquals("x".repeat(300), p.banner(true).softwareVersionText());
  }
}
