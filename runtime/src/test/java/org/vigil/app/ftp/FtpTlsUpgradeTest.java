package org.vigil.app.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FtpTlsUpgradeTest {
  private final FtpTlsUpgrade u = new FtpTlsUpgrade();

  private int send(boolean toServer, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return u.onData(toServer, b, 0, b.length);
  }

  @Test
  void authTlsAnsweredBy234UpgradesAfterTheReplyLine() {
    assertEquals(-1, send(false, "220 Welcome\r\n"));
    assertEquals(-1, send(true, "auth tls\r\n"));
    assertEquals(-1, send(false, "234"));
    assertEquals(" Proceed\r\n".length(), send(false, " Proceed\r\n"), "the line ends the upgrade");
    assertTrue(u.upgraded());
  }

  @Test
  void anotherCommandOrReplyDoesNotUpgrade() {
    send(true, "AUTH SSL\r\n");
    assertEquals(-1, send(false, "234 AUTH SSL ok\r\n"));
    send(true, "AUTH TLS\r\n");
    assertEquals(-1, send(false, "534 no\r\n"));
    send(true, "FEAT\r\n");
    assertEquals(-1, send(false, "234 late\r\n"), "the command the reply answers is FEAT");
    assertFalse(u.upgraded());
  }

  @Test
  void detectionPatternsAreCaseInsensitiveAtTheStart() {
    byte[] user = "user anonymous".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(FtpDetection.MATCH, FtpDetection.probe(true, user, 0, user.length));
    byte[] part = "PA".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(FtpDetection.NEED_MORE, FtpDetection.probe(true, part, 0, part.length));
    byte[] banner = "220 Hello".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(FtpDetection.NO_MATCH, FtpDetection.probe(false, banner, 0, banner.length));
    byte[] vsftpd = "220 (vsFTPd 3.0.3)".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(FtpDetection.MATCH, FtpDetection.probe(false, vsftpd, 0, vsftpd.length));
  }
}
