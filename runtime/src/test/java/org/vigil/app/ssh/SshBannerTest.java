package org.vigil.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshBannerTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static SshBanner parse(String line) {
    byte[] x = b(line);
    return SshBanner.parse(x, 0, x.length);
  }

  @Test
  void versionsAreSplitAtTheFirstDashAndTheSoftwareEndsAtASpace() {
    SshBanner v = parse("SSH-2.0-OpenSSH_7.4");
    assertEquals("2.0", v.protoVersionText());
    assertEquals("OpenSSH_7.4", v.softwareVersionText());
    v = parse("SSH-1.99-Cisco-1.25");
    assertEquals("1.99", v.protoVersionText());
    assertEquals("Cisco-1.25", v.softwareVersionText());
    v = parse("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13");
    assertEquals("OpenSSH_9.6p1", v.softwareVersionText());
    assertEquals("", parse("SSH-2.0-").softwareVersionText());
  }

  @Test
  void bannersWithoutVersionsOrInOtherCaseAreInvalid() {
    assertNull(parse("SSH-2.0"));
    assertNull(parse("SSH--x"));
    assertNull(parse("ssh-2.0-x"));
    assertNull(parse("SSH"));
    assertNull(parse("HTTP/1.1 200 OK"));
  }

  @Test
  void aLineEndsAtLfCrLfOrALoneCrFollowedByData() {
    byte[] x = b("SSH-2.0-a\r\nrest");
    long l = SshBanner.line(x, 0, x.length);
    assertEquals(9, l >>> 32);
    assertEquals(11, (int) l);
    x = b("SSH-2.0-a\nrest");
    l = SshBanner.line(x, 0, x.length);
    assertEquals(9, l >>> 32);
    assertEquals(10, (int) l);
    x = b("SSH-2.0-a\rrest");
    l = SshBanner.line(x, 0, x.length);
    assertEquals(9, l >>> 32);
    assertEquals(10, (int) l);
    x = b("SSH-2.0-a\r");
    assertEquals(-1, SshBanner.line(x, 0, x.length));
    x = b("SSH-2.0-a");
    assertEquals(-1, SshBanner.line(x, 0, x.length));
  }
}
