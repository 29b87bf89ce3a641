package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class TlsConnectionParserTest {
  private final TlsConnectionParser p = new TlsConnectionParser();

  /** A record of {@code type}, version 3.{@code minor}, whose body is {@code body}. */
  private static byte[] record(int type, int minor, byte... body) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(type);
    o.write(3);
    o.write(minor);
    o.write(body.length >> 8);
    o.write(body.length & 0xFF);
    o.writeBytes(body);
    return o.toByteArray();
  }

  private static byte[] body(int n, int first) {
    byte[] b = new byte[n];
    b[0] = (byte) first;
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] b : parts) {
      o.writeBytes(b);
    }
    return o.toByteArray();
  }

  private int feed(boolean toServer, byte[] b, int from, int to) {
    return p.onData(toServer, b, from, to - from);
  }

  @Test
  void aRecordSplitInItsHeaderAndBodyEndsOnTheSegmentThatCompletesIt() {
    byte[] hello = record(TlsRecordTypes.HANDSHAKE, 1, body(60, 1));
    assertEquals(0, feed(true, hello, 0, 3));
    assertEquals(0, feed(true, hello, 3, 20));
    assertEquals(0, feed(true, hello, 20, 64));
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, hello, 64, 65));
    assertEquals(1, p.records(true));
    assertEquals(0, p.records(false));
  }

  @Test
  void severalRecordsInOneSegmentAllCount() {
    byte[] flight =
        concat(
            record(TlsRecordTypes.HANDSHAKE, 3, body(40, 2)),
            record(TlsRecordTypes.CHANGE_CIPHER_SPEC, 3, (byte) 1),
            record(TlsRecordTypes.HANDSHAKE, 3, body(16, 0x14)));
    assertEquals(TlsConnectionParser.RECORD_END, feed(false, flight, 0, flight.length));
    assertEquals(3, p.records(false));
  }

  @Test
  void theFirstApplicationDataByteIsReportedOnceEvenBeforeTheRecordEnds() {
    byte[] data = record(TlsRecordTypes.APPLICATION_DATA, 3, body(100, 0x55));
    assertEquals(0, feed(true, data, 0, 5), "the header alone is not application data yet");
    assertEquals(TlsConnectionParser.APP_DATA, feed(true, data, 5, 6));
    assertTrue(p.encrypted());
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, data, 6, data.length));
    byte[] more = record(TlsRecordTypes.APPLICATION_DATA, 3, body(10, 1));
    assertEquals(TlsConnectionParser.RECORD_END, feed(false, more, 0, more.length));
  }

  @Test
  void zeroLengthOversizeAndUnknownVersionRecordsAreErrors() {
    byte[] empty = record(TlsRecordTypes.HANDSHAKE, 1);
    assertEquals(TlsConnectionParser.ERROR, feed(true, empty, 0, empty.length));
    assertTrue(p.failed());
    byte[] later = record(TlsRecordTypes.HANDSHAKE, 1, body(4, 1));
    assertEquals(0, feed(true, later, 0, later.length), "nothing is parsed after an error");

    TlsConnectionParser q = new TlsConnectionParser();
    byte[] big = {22, 3, 1, (byte) 0x44, 0x01};
    assertEquals(TlsConnectionParser.ERROR, q.onData(true, big, 0, big.length));

    TlsConnectionParser r = new TlsConnectionParser();
    byte[] v = {22, 3, 9, 0, 1, 0};
    assertEquals(TlsConnectionParser.ERROR, r.onData(false, v, 0, v.length));
  }

  @Test
  void anUnknownContentTypeIsSkippedAfterTls10ButFatalOtherwise() {
    byte[] tls10 =
        concat(
            record(TlsRecordTypes.HANDSHAKE, 1, body(8, 1)),
            record(25, 1, body(4, 0)),
            record(TlsRecordTypes.HANDSHAKE, 1, body(8, 1)));
    // the unknown record and everything after it in the same data is skipped
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, tls10, 0, tls10.length));
    assertEquals(1, p.records(true));
    assertFalse(p.failed());
    byte[] next = record(TlsRecordTypes.HANDSHAKE, 1, body(8, 1));
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, next, 0, next.length));

    TlsConnectionParser q = new TlsConnectionParser();
    byte[] tls12 =
        concat(record(TlsRecordTypes.HANDSHAKE, 3, body(8, 1)), record(25, 3, body(4, 0)));
    assertEquals(
        TlsConnectionParser.RECORD_END | TlsConnectionParser.ERROR,
        q.onData(true, tls12, 0, tls12.length));
  }

  /** An SSLv2 record with a 2-byte header: message {@code type} then {@code rest}. */
  private static byte[] ssl2(int type, byte... rest) {
    int len = rest.length + 1;
    byte[] r = new byte[2 + len];
    r[0] = (byte) (0x80 | (len >> 8));
    r[1] = (byte) len;
    r[2] = (byte) type;
    System.arraycopy(rest, 0, r, 3, rest.length);
    return r;
  }

  @Test
  void anSsl2CompatibleClientHelloIsFollowedByTlsRecords() {
    // version 3.1, cipher specs length 3, session id length 0, challenge length 16
    byte[] hello = ssl2(1, concat(new byte[] {3, 1, 0, 3, 0, 0, 0, 16, 0, 0, 4}, new byte[16]));
    assertEquals(0, feed(true, hello, 0, 4), "an SSLv2 record is read whole");
    assertEquals(0, feed(true, hello, 4, hello.length), "no raw trigger for SSLv2 records");
    byte[] keyx = record(TlsRecordTypes.HANDSHAKE, 1, body(20, 16));
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, keyx, 0, keyx.length));
    assertFalse(p.failed());
  }

  @Test
  void anSsl2HandshakeEncryptedOnBothSidesStopsInspection() {
    byte[] hello = ssl2(1, concat(new byte[] {0, 2, 0, 3, 0, 0, 0, 16, 0, 0, 4}, new byte[16]));
    feed(true, hello, 0, hello.length);
    byte[] serverHello = ssl2(4, new byte[20]);
    feed(false, serverHello, 0, serverHello.length);
    byte[] clientFinished = ssl2(3, new byte[10]);
    assertEquals(
        0,
        feed(true, clientFinished, 0, clientFinished.length),
        "no session id: the client encrypts");
    byte[] serverVerify = ssl2(5, new byte[10]);
    assertEquals(
        TlsConnectionParser.NO_INSPECTION, feed(false, serverVerify, 0, serverVerify.length));
  }

  @Test
  void aZeroLengthSsl2RecordOrAGapEndsTheParsing() {
    byte[] v2 = {(byte) 0x80, 0x00, 0x01, 0x00, 0x02};
    assertEquals(TlsConnectionParser.ERROR, feed(true, v2, 0, v2.length));
    TlsConnectionParser q = new TlsConnectionParser();
    assertEquals(TlsConnectionParser.ERROR, q.onGap(false));
    assertTrue(q.failed());
  }

  @Test
  void anEncryptedHeartbeatAnswerLongerThanItsRequestIsHeartbleed() {
    byte[] ccs = record(TlsRecordTypes.CHANGE_CIPHER_SPEC, 1, (byte) 1);
    feed(true, ccs, 0, ccs.length);
    byte[] request = record(TlsRecordTypes.HEARTBEAT, 1, body(32, 0x77));
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, request, 0, request.length));
    byte[] answer = record(TlsRecordTypes.HEARTBEAT, 1, body(16416, 0x33));
    assertEquals(0, feed(false, answer, 0, 5000), "judged when the record is complete");
    assertEquals(TlsConnectionParser.ERROR, feed(false, answer, 5000, answer.length));
  }

  @Test
  void heartbeatsBeforeEncryptionNeedTheirPaddingAndOneInFlightPerSide() {
    // request: type 1, payload 4 bytes, 16 bytes of padding: accepted; its answer too
    byte[] ok = new byte[23];
    ok[0] = 1;
    ok[2] = 4;
    byte[] request = record(TlsRecordTypes.HEARTBEAT, 2, ok);
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, request, 0, request.length));
    byte[] answer = ok.clone();
    answer[0] = 2;
    byte[] response = record(TlsRecordTypes.HEARTBEAT, 2, answer);
    assertEquals(TlsConnectionParser.RECORD_END, feed(false, response, 0, response.length));
    // a request claiming more payload than it carries (CVE-2014-0160)
    byte[] bleed = new byte[3];
    bleed[0] = 1;
    bleed[1] = 0x40;
    byte[] attack = record(TlsRecordTypes.HEARTBEAT, 2, bleed);
    assertEquals(TlsConnectionParser.ERROR, feed(true, attack, 0, attack.length));

    TlsConnectionParser q = new TlsConnectionParser();
    q.onData(true, request, 0, request.length);
    assertEquals(
        TlsConnectionParser.ERROR,
        q.onData(true, request, 0, request.length),
        "a second request while one is in flight");
  }

  /** A ClientHello handshake message whose extensions are {@code ext} (type, length, body...). */
  private static byte[] clientHello(byte... ext) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {3, 3});
    m.writeBytes(new byte[32]);
    m.write(0); // session id
    m.writeBytes(new byte[] {0, 2, 0x13, 0x01}); // one cipher suite
    m.writeBytes(new byte[] {1, 0}); // compression: null
    m.write(ext.length >> 8);
    m.write(ext.length & 0xFF);
    m.writeBytes(ext);
    byte[] body = m.toByteArray();
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write(1);
    h.write(0);
    h.write(body.length >> 8);
    h.write(body.length & 0xFF);
    h.writeBytes(body);
    return record(TlsRecordTypes.HANDSHAKE, 1, h.toByteArray());
  }

  @Test
  void earlyDataBeforeTheServerHelloDoesNotCountAsEncryptedTraffic() {
    byte[] hello = clientHello((byte) 0, (byte) 42, (byte) 0, (byte) 0); // early_data, empty
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, hello, 0, hello.length));
    byte[] early = record(TlsRecordTypes.APPLICATION_DATA, 3, body(30, 9));
    assertEquals(TlsConnectionParser.RECORD_END, feed(true, early, 0, early.length), "0-RTT data");
    assertFalse(p.encrypted());
    byte[] serverHello = record(TlsRecordTypes.HANDSHAKE, 3, body(40, 2));
    feed(false, serverHello, 0, serverHello.length);
    assertEquals(
        TlsConnectionParser.APP_DATA | TlsConnectionParser.RECORD_END,
        feed(false, early, 0, early.length));
    assertTrue(p.encrypted());
  }

  @Test
  void withoutEarlyDataTheFirstApplicationDataCountsEvenBeforeTheServerHello() {
    byte[] hello =
        clientHello((byte) 0, (byte) 43, (byte) 0, (byte) 3, (byte) 2, (byte) 3, (byte) 4);
    feed(true, hello, 0, hello.length);
    byte[] data = record(TlsRecordTypes.APPLICATION_DATA, 3, body(30, 9));
    assertEquals(
        TlsConnectionParser.APP_DATA | TlsConnectionParser.RECORD_END,
        feed(true, data, 0, data.length));
  }
}
