package org.vigil.app.dcerpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.DceState;

/**
 * The DCE/RPC parser on the PDUs of suricata-verify's dcerpc-issue-7187-01 capture: a bind of two
 * contexts of interface 5d2b62aa-ee0a-4a95-91ae-b064fdb471fc (the second a bind-time feature
 * negotiation the server does not accept), its ack, a request of opnum 4 on context 0 and its
 * response.
 */
class DcerpcParserTest {
  static final byte[] BIND =
      hex(
          "05000b03100000007400000001000000d016d016000000000200000000000100aa622b5d0aee954a91aeb064"
              + "fdb471fc01000000045d888aeb1cc9119fe808002b1048600200000001000100aa622b5d0aee954a91ae"
              + "b064fdb471fc010000002c1cb76c12984045030000000000000001000000");
  static final byte[] BIND_ACK =
      hex(
          "05000c03100000005400000001000000d016d0163230343605003939373836000200000000000000045d88"
              + "8aeb1cc9119fe808002b10486002000000030003000000000000000000000000000000000000000000");
  static final byte[] REQUEST = hex("05000003100000001c00000001000000040000000000040002000000");
  static final byte[] RESPONSE =
      hex("050002031000000024000000010000000c000000000000000400000010000000c0e14a00");
  static final byte[] IFACE = hex("5d2b62aaee0a4a9591aeb064fdb471fc");

  @Test
  void requestCarriesTheAcceptedInterfaceAndOpnum() {
    DcerpcParser p = new DcerpcParser();
    assertEquals(DcerpcParser.PDU_END, p.onData(true, BIND, 0, BIND.length));
    assertEquals(DcerpcParser.PDU_END, p.onData(false, BIND_ACK, 0, BIND_ACK.length));
    assertTrue(p.takeReady().isEmpty(), "binds are no calls");
    p.onData(true, REQUEST, 0, REQUEST.length);
    List<DcerpcParser.Ready> ready = p.takeReady();
    assertEquals(2, ready.size(), "the call is inspected in both directions");
    assertTrue(ready.get(0).toServer());
    assertFalse(ready.get(1).toServer());
    DcerpcCall call = ready.get(0).call();
    assertEquals(call, ready.get(1).call());
    assertEquals(0, call.stub(false).length, "no response yet");
    byte[] s = call.state();
    byte[] uuid = new byte[16];
    System.arraycopy(s, DceState.UUID, uuid, 0, 16);
    assertArrayEquals(IFACE, uuid);
    assertEquals(1, s[DceState.VERSION + 1]);
    assertEquals(
        DceState.IFACE_ACCEPTED | DceState.FIRST_FRAG | DceState.LITTLE_ENDIAN, s[DceState.FLAGS]);
    assertEquals(4, s[DceState.OPNUM + 1]);
    assertArrayEquals(hex("02000000"), call.stub(true));

    p.onData(false, RESPONSE, 0, RESPONSE.length);
    ready = p.takeReady();
    assertEquals(1, ready.size());
    assertFalse(ready.get(0).toServer());
    assertEquals(call, ready.get(0).call(), "the response completes the request's call");
    // Suricata's response stub is everything after the common header
    assertEquals(RESPONSE.length - 16, call.stub(false).length);
  }

  @Test
  void aRequestOnAContextNotAcceptedHasNoInterface() {
    DcerpcParser p = new DcerpcParser();
    p.onData(true, BIND, 0, BIND.length);
    p.onData(false, BIND_ACK, 0, BIND_ACK.length);
    byte[] req = REQUEST.clone();
    req[20] = 1; // context 1: result 3, not accepted
    p.onData(true, req, 0, req.length);
    byte[] s = p.takeReady().get(0).call().state();
    assertEquals(DceState.LITTLE_ENDIAN, s[DceState.FLAGS]);
  }

  @Test
  void pdusSplitAnywhereAndJoinedInOneChunkParseTheSame() {
    byte[] all = new byte[BIND.length + REQUEST.length];
    System.arraycopy(BIND, 0, all, 0, BIND.length);
    System.arraycopy(REQUEST, 0, all, BIND.length, REQUEST.length);
    for (int cut = 1; cut < all.length; cut++) {
      DcerpcParser p = new DcerpcParser();
      p.onData(true, all, 0, cut);
      p.onData(true, all, cut, all.length - cut);
      List<DcerpcParser.Ready> r = p.takeReady();
      assertEquals(2, r.size(), "cut at " + cut);
      assertArrayEquals(hex("02000000"), r.get(0).call().stub(true));
      assertFalse(p.failed());
    }
  }

  @Test
  void aRequestWithoutBindHasNoInterfaceAndAResponseAloneNoState() {
    DcerpcParser p = new DcerpcParser();
    p.onData(false, RESPONSE, 0, RESPONSE.length);
    DcerpcCall alone = p.takeReady().get(0).call();
    assertNull(alone.state());
    p.onData(true, REQUEST, 0, REQUEST.length);
    assertEquals(DceState.LITTLE_ENDIAN, p.takeReady().get(0).call().state()[DceState.FLAGS]);
  }

  @Test
  void notDcerpcOrAnUnparsedTypeEndsTheParsing() {
    DcerpcParser p = new DcerpcParser();
    byte[] auth3 = REQUEST.clone();
    auth3[2] = 16; // AUTH3: Suricata 7's parser does not take it
    assertEquals(DcerpcParser.ERROR, p.onData(true, auth3, 0, auth3.length));
    assertEquals(DcerpcParser.ERROR, p.onData(true, REQUEST, 0, REQUEST.length));
    DcerpcParser q = new DcerpcParser();
    byte[] v4 = REQUEST.clone();
    v4[0] = 4;
    assertEquals(DcerpcParser.ERROR, q.onData(true, v4, 0, v4.length));
  }

  @Test
  void detectionWantsAClientHeader() {
    assertEquals(DcerpcDetection.MATCH, DcerpcDetection.probe(true, BIND, 0, BIND.length));
    assertEquals(DcerpcDetection.NEED_MORE, DcerpcDetection.probe(true, BIND, 0, 10));
    assertEquals(DcerpcDetection.NO_MATCH, DcerpcDetection.probe(false, BIND_ACK, 0, 84));
    assertEquals(
        DcerpcDetection.NO_MATCH, DcerpcDetection.probe(true, "GET / HTTP/1.1".getBytes(), 0, 14));
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
