package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ftpbounce on PORT commands from the client 192.168.0.13. */
class FtpBounceCheckTest {
  private static boolean bounce(String payload) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0xC0A8000D, 0x0A000001);
    c.flowFlags = InspectionContext.FLOW_TO_SERVER;
    byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
    return FtpBounceCheck.matches(c, b, 0, b.length);
  }

  @Test
  void anotherHostIsABounce() {
    assertTrue(bounce("PORT 10,0,0,9,4,1\r\n"));
    assertTrue(bounce("port 10,0,0,9,4,1\r\n"));
    assertTrue(bounce("USER x\r\nPORT 10 ,0,0,9,4,1\r\n"), "the last line, blanks before commas");
  }

  @Test
  void theClientItselfOrAMalformedAddressIsNot() {
    assertFalse(bounce("PORT 192,168,0,13,4,1\r\n"));
    assertFalse(bounce("PORT 300,168,0,13,4,1\r\n"), "an octet above 256");
    assertFalse(bounce("PORT 10;0,0,9,4,1\r\n"));
    assertFalse(bounce("PORT 1,2\r\n"));
    assertFalse(bounce("PORT 10,0,0,9,4,1\r\nNOOP\r\n"), "not the last command");
    assertFalse(bounce("EPRT |1|10.0.0.9|1025|\r\n"), "Suricata 7 checks PORT only");
  }

  @Test
  void onlyToTheServer() {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0xC0A8000D, 0x0A000001);
    c.flowFlags = InspectionContext.FLOW_TO_CLIENT;
    byte[] b = "PORT 10,0,0,9,4,1\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertFalse(FtpBounceCheck.matches(c, b, 0, b.length));
  }
}
