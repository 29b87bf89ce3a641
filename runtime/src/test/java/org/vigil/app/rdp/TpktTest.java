package org.vigil.app.rdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The TPKT/X.224/MCS messages as Suricata 7's RDP parser reads them, and their EVE objects. */
class TpktTest {
  private static String record(byte[] b) {
    RdpMessage m = Tpkt.parse(new RdpReader(b, 0, b.length));
    return m == null ? null : JsonText.of(new RdpRecord(1, m));
  }

  @Test
  void connectionRequestWithCookieAndNegotiation() {
    byte[] b =
        RdpBytes.x224(
            0xE,
            RdpBytes.of().ascii("Cookie: mstshash=JOHN\r\n").u8(1, 0x0B).u16le(8).u32le(3).build());
    assertEquals(
        "{\"tx_id\":1,\"event_type\":\"initial_request\",\"cookie\":\"JOHN\",\"flags\":"
            + "[\"restricted_admin_mode_required\",\"redirected_authentication_mode_required\","
            + "\"correlation_info_present\"]}",
        record(b));
  }

  @Test
  void connectionRequestWhoseNegotiationHasUnknownProtocolBitsHasNoFlags() {
    byte[] b = RdpBytes.x224(0xE, RdpBytes.of().u8(1, 1).u16le(8).u32le(0x10).build());
    assertEquals("{\"tx_id\":1,\"event_type\":\"initial_request\"}", record(b));
  }

  @Test
  void connectionRequestNotOfClassZeroIsSkipped() {
    byte[] b = RdpBytes.tpkt(RdpBytes.of().u8(6, 0xE0).u16be(0).u16be(1).u8(0x10).build());
    assertNull(record(b));
  }

  @Test
  void confirmWithResponseAndWithFailure() {
    byte[] ok = RdpBytes.x224(0xD, RdpBytes.of().u8(2, 0x1F).u16le(8).u32le(8).build());
    assertEquals(
        "{\"tx_id\":1,\"event_type\":\"initial_response\",\"server_supports\":[\"extended_clie"
            + "nt_data\",\"dynvc_gfx\",\"restricted_admin\",\"redirected_authentication\"],\"pr"
            + "otocol\":\"hybrid_ex\"}",
        record(ok));
    byte[] fail = RdpBytes.x224(0xD, RdpBytes.of().u8(3, 0).u16le(8).u32le(5).build());
    assertEquals(
        "{\"tx_id\":1,\"event_type\":\"initial_response\",\"error_code\":5,\"reason\":\"hybrid"
            + " required by server\"}",
        record(fail));
    byte[] bare = RdpBytes.x224(0xD, new byte[0]);
    assertEquals("{\"tx_id\":1,\"event_type\":\"initial_response\"}", record(bare));
  }

  @Test
  void connectInitialWithCoreAndChannels() {
    byte[] optional =
        RdpBytes.of()
            .u16le(0xca01) // post-beta2 colour depth
            .u16le(1) // product id
            .u32le(0) // serial
            .u16le(16) // high colour depth
            .u16le(0x7) // supported depths
            .u16le(0x1 | 0x8 | 0x10) // early capabilities
            .utf16("abc", 64)
            .u8(6) // lan
            .u8(0)
            .u32le(0)
            .u32le(5) // a physical width out of range ends the optional fields
            .build();
    byte[] net =
        RdpBytes.of()
            .u16le(0xc003)
            .u16le(8 + 24)
            .u32le(2)
            .ascii("rdpdr\0\0\0")
            .u32le(0)
            .ascii("cliprdr\0")
            .u32le(0)
            .build();
    byte[] other = RdpBytes.of().u16le(0xc002).u16le(8).u32le(0).build();
    byte[] b = RdpBytes.connectInitial(RdpBytes.core("FROG", 7601, 0x409, optional), other, net);
    assertEquals(
        "{\"tx_id\":1,\"event_type\":\"connect_request\",\"client\":{\"version\":\"v5\",\"des"
            + "ktop_width\":1024,\"desktop_height\":768,\"color_depth\":16,\"keyboard_layout\":"
            + "\"en-US\",\"build\":\"Windows 7 SP1\",\"client_name\":\"FROG\",\"keyboard_type\":"
            + "\"enhanced\",\"function_keys\":12,\"product_id\":1,\"capabilities\":[\"support_e"
            + "rrinfo_pdf\",\"strong_asymmetric_keys\"],\"id\":\"abc\",\"connection_hint\":\"lan"
            + "\"},\"channels\":[\"rdpdr\",\"cliprdr\"]}",
        record(b));
  }

  @Test
  void connectResponse() {
    byte[] b = RdpBytes.data(RdpBytes.of().u8(0x7f, 0x66, 0x82).build());
    assertEquals("{\"tx_id\":1,\"event_type\":\"connect_response\"}", record(b));
  }

  @Test
  void notATpktIsInvalidAndAShortOneIncomplete() {
    byte[] tls = {0x16, 3, 1, 0, 5};
    assertThrows(RdpReader.Invalid.class, () -> Tpkt.parse(new RdpReader(tls, 0, tls.length)));
    byte[] shortLength = {3, 0, 0, 3};
    assertThrows(
        RdpReader.Invalid.class,
        () -> Tpkt.parse(new RdpReader(shortLength, 0, shortLength.length)));
    byte[] cut = {3, 0, 0, 20, 1, 2};
    assertThrows(RdpReader.Incomplete.class, () -> Tpkt.parse(new RdpReader(cut, 0, cut.length)));
  }

  @Test
  void contentReadingPastItsTpktStalls() {
    // a connection request whose length indicator claims more than the TPKT holds
    byte[] b = RdpBytes.tpkt(RdpBytes.of().u8(20, 0xE0).u16be(0).u16be(0).u8(0).build());
    assertThrows(RdpReader.Stalled.class, () -> Tpkt.parse(new RdpReader(b, 0, b.length)));
    // an empty TPKT: the X.224 length indicator is missing
    byte[] empty = RdpBytes.tpkt(new byte[0]);
    assertThrows(RdpReader.Stalled.class, () -> Tpkt.parse(new RdpReader(empty, 0, empty.length)));
  }
}
