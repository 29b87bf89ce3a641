package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ftpbounce on the port line of a flow whose client is 192.168.0.13. */
class FtpBounceCheckTest {
  private static boolean bounce(String portLine) {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0xC0A8000D, 0x0A000001);
    c.flowFlags = InspectionContext.FLOW_TO_SERVER;
    byte[] b = portLine.getBytes(StandardCharsets.ISO_8859_1);
    return FtpBounceCheck.matches(c, b, 0, b.length);
  }

  @Test
  void anotherHostIsABounce() {
    assertTrue(bounce("PORT 10,0,0,9,4,1"));
    assertTrue(bounce("port 10 ,0,0,9,4,1"), "blanks before a comma");
    assertTrue(bounce("XPORT 10,0,0,9,4,1"), "read from the first digit");
    assertTrue(bounce("PORT 10,0,0,9,"), "the port numbers are not read");
  }

  @Test
  void theClientItselfOrAMalformedAddressIsNot() {
    assertFalse(bounce("PORT 192,168,0,13,4,1"));
    assertFalse(bounce("PORT 300,168,0,13,4,1"), "an octet above 256");
    assertFalse(bounce("PORT 10;0,0,9,4,1"));
    assertFalse(bounce("PORT 1,2"));
    assertFalse(bounce("PORT 10,0,0,9"), "no comma after the fourth number");
    assertFalse(bounce("PORT 10,0,00009,9,4,1"), "five digits");
    assertFalse(bounce("P 1,2,3"), "fewer than 8 bytes");
  }

  @Test
  void anIpv6ClientIsComparedByItsFirstFourBytes() {
    InspectionContext c = new InspectionContext();
    c.ipVersion = 6;
    c.srcIp[0] = 0x20;
    c.srcIp[1] = 0x01;
    c.srcIp[2] = 0x0d;
    c.srcIp[3] = (byte) 0xb8;
    c.flowFlags = InspectionContext.FLOW_TO_SERVER;
    byte[] own = "PORT 32,1,13,184,4,1".getBytes(StandardCharsets.ISO_8859_1);
    assertFalse(FtpBounceCheck.matches(c, own, 0, own.length));
    byte[] other = "PORT 10,0,0,9,4,1".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(FtpBounceCheck.matches(c, other, 0, other.length));
  }

  @Test
  void onlyToTheServer() {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0xC0A8000D, 0x0A000001);
    c.flowFlags = InspectionContext.FLOW_TO_CLIENT;
    byte[] b = "PORT 10,0,0,9,4,1".getBytes(StandardCharsets.ISO_8859_1);
    assertFalse(FtpBounceCheck.matches(c, b, 0, b.length));
  }
}
