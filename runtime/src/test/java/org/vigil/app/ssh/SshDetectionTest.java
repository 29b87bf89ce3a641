package org.vigil.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshDetectionTest {
  private static int probe(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return SshDetection.probe(b, 0, b.length);
  }

  @Test
  void bannerStartIsSshInAnyCase() {
    assertEquals(SshDetection.MATCH, probe("SSH-2.0-OpenSSH_7.4\r\n"));
    assertEquals(SshDetection.MATCH, probe("ssh-"));
    assertEquals(SshDetection.MATCH, probe("sSh-1.99-x"));
  }

  @Test
  void fewerBytesThanThePatternWaitWhileTheyFit() {
    assertEquals(SshDetection.NEED_MORE, probe(""));
    assertEquals(SshDetection.NEED_MORE, probe("S"));
    assertEquals(SshDetection.NEED_MORE, probe("SSH"));
    assertEquals(SshDetection.NO_MATCH, probe("SX"));
  }

  @Test
  void otherProtocolsAndLeadingBytesAreNotSsh() {
    assertEquals(SshDetection.NO_MATCH, probe("GET / HTTP/1.1\r\n"));
    assertEquals(SshDetection.NO_MATCH, probe("220 ftp ready"));
    assertEquals(SshDetection.NO_MATCH, probe(" SSH-2.0-x"));
    assertEquals(SshDetection.NO_MATCH, probe("SSH_2.0"));
  }
}
