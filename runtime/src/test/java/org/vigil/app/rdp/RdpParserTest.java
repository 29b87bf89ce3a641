package org.vigil.app.rdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection-level parsing: messages across segments, the switch to TLS after the negotiation,
 * the certificate chain's serials, the end of parsing (connect-response, certificate, error) and a
 * stalled direction.
 */
class RdpParserTest {
  /** A self-signed certificate whose serial is 0x00ab01. */
  private static final byte[] CERT =
      Base64.getDecoder()
          .decode(
              "MIIBaTCCARCgAwIBAgIDAKsBMAoGCCqGSM49BAMCMBMxETAPBgNVBAMMCHJkcC10ZXN0MB4XDTI2MTIwNj"
                  + "IyMjY0MloXDTI2MTIwNzIyMjY0MlowEzERMA8GA1UEAwwIcmRwLXRlc3QwWTATBgcqhkjOPQIBBggqh"
                  + "kjOPQMBBwNCAAQGjFeKUarPhcAf21SLj1qUJKS4Hzu1JuIvIFK9AOmVpAww/StzTdjDMHoc0rCXs/Vk"
                  + "jnbDDs7nn9tafkRDdYZoo1MwUTAdBgNVHQ4EFgQU/CcG7El9AMj4hOnCULDZpuWpEMgwHwYDVR0jBB"
                  + "gwFoAU/CcG7El9AMj4hOnCULDZpuWpEMgwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE"
                  + "AiB65zCV0KGjIppE2sqHMf00JZpWuqqt0wjJyI8KC3/cbQIgUs/zKHqIEuJXd0v1MMngbaX6vTZfgbh"
                  + "mP94RwoNX8Os=");

  private final RdpParser parser = new RdpParser();
  private final List<String> records = new ArrayList<>();

  private int feed(boolean toServer, byte[] b) {
    int r = parser.onData(toServer, b, 0, b.length);
    for (RdpMessage m : parser.made()) {
      records.add(JsonText.of(new RdpRecord(records.size() + 1, m)));
    }
    return r;
  }

  private static byte[] record(int type, byte[] body) {
    return RdpBytes.of().u8(type, 3, 3).u16be(body.length).bytes(body).build();
  }

  private static byte[] handshake(int type, byte[] body) {
    return RdpBytes.of().u8(type).u8(0, body.length >> 8, body.length & 0xFF).bytes(body).build();
  }

  private static byte[] certificate(byte[]... certs) {
    RdpBytes list = RdpBytes.of();
    for (byte[] c : certs) {
      list.u8(0, c.length >> 8, c.length & 0xFF).bytes(c);
    }
    byte[] l = list.build();
    return handshake(11, RdpBytes.of().u8(0, l.length >> 8, l.length & 0xFF).bytes(l).build());
  }

  @Test
  void negotiationThenTlsCertificate() {
    byte[] cr = RdpBytes.x224(0xE, RdpBytes.of().ascii("Cookie: mstshash=a\r\n").build());
    // the request arrives in two segments
    assertEquals(0, feed(true, java.util.Arrays.copyOf(cr, 5)));
    assertEquals(0, records.size());
    assertEquals(0, feed(true, java.util.Arrays.copyOfRange(cr, 5, cr.length)));
    feed(false, RdpBytes.x224(0xD, RdpBytes.of().u8(2, 1).u16le(8).u32le(1).build()));
    feed(true, record(22, handshake(1, new byte[40]))); // a client hello: TLS from now on
    byte[] flight =
        RdpBytes.of()
            .bytes(record(22, handshake(2, new byte[38])))
            .bytes(record(22, certificate(CERT, new byte[] {1, 2, 3})))
            .build();
    assertEquals(0, feed(false, flight));
    // nothing is parsed after the certificate, not even bytes that are no TLS
    assertEquals(0, feed(true, new byte[] {9, 9, 9}));
    assertEquals(
        List.of(
            "{\"tx_id\":1,\"event_type\":\"initial_request\",\"cookie\":\"a\"}",
            "{\"tx_id\":2,\"event_type\":\"initial_response\",\"server_supports\":[\"extended_clie"
                + "nt_data\"],\"protocol\":\"ssl\"}",
            "{\"tx_id\":3,\"event_type\":\"tls_handshake\",\"x509_serials\":[\"ab01\"]}"),
        records);
  }

  @Test
  void applicationDataBeforeAnyCertificateEndsTheParsing() {
    feed(true, record(22, handshake(1, new byte[4])));
    assertEquals(RdpParser.ERROR, feed(false, record(23, new byte[10])));
    assertTrue(parser.failed());
    assertEquals(0, feed(false, RdpBytes.x224(0xD, new byte[0])));
    assertEquals(List.of(), records);
  }

  @Test
  void bytesThatAreNeitherTpktNorTlsAreAnError() {
    assertEquals(RdpParser.ERROR, feed(true, new byte[] {'G', 'E', 'T', ' '}));
  }

  @Test
  void connectResponseEndsTheParsing() {
    byte[] resp = RdpBytes.data(RdpBytes.of().u8(0x7f, 0x66).build());
    byte[] more = RdpBytes.x224(0xD, new byte[0]);
    feed(false, RdpBytes.of().bytes(resp).bytes(more).build());
    feed(true, RdpBytes.x224(0xE, new byte[0]));
    assertEquals(List.of("{\"tx_id\":1,\"event_type\":\"connect_response\"}"), records);
  }

  @Test
  void aStalledDirectionParsesNothingMoreWhileTheOtherGoesOn() {
    feed(true, RdpBytes.tpkt(new byte[0]));
    feed(true, RdpBytes.x224(0xE, new byte[0]));
    feed(false, RdpBytes.x224(0xD, new byte[0]));
    assertEquals(List.of("{\"tx_id\":1,\"event_type\":\"initial_response\"}"), records);
  }

  @Test
  void messagesOfTheWrongDirectionAreSkipped() {
    feed(false, RdpBytes.x224(0xE, new byte[0]));
    feed(true, RdpBytes.x224(0xD, new byte[0]));
    assertEquals(List.of(), records);
    assertEquals(0, feed(true, RdpBytes.x224(0xE, new byte[0])));
    assertEquals(1, records.size());
  }
}
