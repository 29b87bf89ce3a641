package org.vigil.app.rfb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFB handshake's messages as Suricata 7's state machine reads them. */
class RfbParserTest {
  private final RfbParser p = new RfbParser();

  private int send(boolean toServer, String hex) {
    byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
    return p.onData(toServer, b, 0, b.length);
  }

  private int send(boolean toServer, byte[] b) {
    return p.onData(toServer, b, 0, b.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void vncAuthenticationToTheServerInitCompletesTheTransaction() {
    send(false, ascii("RFB 003.008\n"));
    // the client's version in two segments
    send(true, ascii("RFB 003"));
    send(true, ascii(".008\n"));
    send(false, "01 02");
    send(true, "02");
    send(false, "00112233445566778899aabbccddeeff");
    send(true, "ffeeddccbbaa99887766554433221100");
    send(false, "00000000");
    send(true, "01");
    assertEquals(RfbParser.State.TC_SERVER_INIT, p.state());
    send(false, "0400 0300 20180001 00ff00ff00ff 100800 000000 00000004 64657331");
    RfbTransaction tx = p.transaction();
    assertTrue(tx.complete);
    assertEquals(RfbParser.State.SKIP, p.state());
    assertArrayEquals(new String[] {"003", "008"}, tx.clientVersion);
    assertEquals(2, tx.securityType);
    assertEquals(0, tx.securityResult);
    assertEquals(1, tx.shared);
    assertEquals(1024, tx.serverInit.width());
    assertEquals("des1", new String(tx.serverInit.name(), StandardCharsets.US_ASCII));
    assertEquals(List.of(), tx.takeEvents());
  }

  @Test
  void version33ServerChoosesAndAFailureReasonIsKept() {
    send(false, ascii("RFB 003.003\n"));
    send(true, ascii("RFB 003.003\n"));
    assertEquals(RfbParser.State.TC_SERVER_SECURITY_TYPE, p.state());
    send(false, "00000000 00000004 6e6f7065");
    assertEquals("nope", p.transaction().failureReason);
    assertEquals(0, p.transaction().securityType);
  }

  @Test
  void anUnknownSecurityTypeRaisesAnEventWithoutCompleting() {
    send(false, ascii("RFB 003.889\n"));
    send(true, ascii("RFB 003.889\n"));
    send(false, "02 1e 02");
    send(true, "1e");
    RfbTransaction tx = p.transaction();
    assertEquals(30, tx.securityType);
    assertEquals(List.of("unimplemented_security_type"), tx.takeEvents());
    assertEquals(false, tx.complete);
    assertEquals(RfbParser.State.SKIP, p.state());
  }

  @Test
  void dataOutOfTurnIsAConfusedState() {
    send(false, ascii("RFB 003.008\n"));
    send(false, "01 02");
    RfbTransaction tx = p.transaction();
    assertEquals(List.of("confused_state"), tx.takeEvents());
    assertTrue(tx.complete);
  }

  @Test
  void aVersionThatIsNoneIsAnError() {
    assertEquals(RfbParser.ERROR, send(false, ascii("SSH-2.0-x\r\n")));
    assertNull(p.transaction());
  }
}
