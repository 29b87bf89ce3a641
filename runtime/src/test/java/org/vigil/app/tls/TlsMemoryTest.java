package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The TLS parsers' budget: a handshake message gathered across records is counted in {@link
 * TlsMemory} at the size of its buffer (which grows with the bytes that arrive, not with the length
 * announced), given back when the message completes or the parsing ends; a message longer than the
 * longest allowed is skipped to its end and counted, the records after it parsed as before; a
 * buffer the budget has no room for ends the parsing, counted.
 */
class TlsMemoryTest {
  private static final int KIB = 1024;

  /** Handshake records (version 3.3) carrying {@code bytes}, at most 16 KiB of body each. */
  private static byte[] records(byte[] bytes) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int p = 0; p < bytes.length; p += 16 * KIB) {
      int n = Math.min(16 * KIB, bytes.length - p);
      o.writeBytes(new byte[] {TlsRecordTypes.HANDSHAKE, 3, 3, (byte) (n >> 8), (byte) n});
      o.write(bytes, p, n);
    }
    return o.toByteArray();
  }

  /** A handshake message header of {@code type} announcing {@code length} bytes. */
  private static byte[] header(int type, int length) {
    return new byte[] {(byte) type, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
  }

  /** A handshake message of {@code type} whose body is {@code n} zero bytes. */
  private static byte[] message(int type, int n) {
    byte[] m = new byte[4 + n];
    System.arraycopy(header(type, n), 0, m, 0, 4);
    return m;
  }

  /** A ServerHello message choosing TLS 1.2 (cipher 0x1301, no session id, no extensions). */
  private static byte[] serverHello() {
    byte[] body = new byte[2 + 32 + 1 + 2 + 1];
    body[0] = 3;
    body[1] = 3;
    body[35] = 0x13;
    body[36] = 0x01;
    byte[] m = new byte[4 + body.length];
    System.arraycopy(header(TlsHello.SERVER_HELLO, body.length), 0, m, 0, 4);
    System.arraycopy(body, 0, m, 4, body.length);
    return m;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] b : parts) {
      o.writeBytes(b);
    }
    return o.toByteArray();
  }

  /** Feeds {@code b} to the server direction in segments of {@code seg} bytes; ORs the results. */
  private static int serverSends(TlsConnectionParser p, byte[] b, int seg) {
    int r = 0;
    for (int off = 0; off < b.length; off += seg) {
      r |= p.onData(false, b, off, Math.min(seg, b.length - off));
    }
    return r;
  }

  @Test
  void aHeaderAnnouncingMuchAndSendingLittleHoldsLittle() {
    TlsMemory memory = new TlsMemory(0, 1 << 24);
    TlsConnectionParser p = new TlsConnectionParser(memory);
    TlsConnectionParser q = new TlsConnectionParser(memory);
    // a Certificate message announcing 16 MiB - 1 whose first 100 bytes arrive, on two flows
    byte[] start = records(concat(header(11, (1 << 24) - 1), new byte[100]));
    assertEquals(TlsConnectionParser.RECORD_END, serverSends(p, start, start.length));
    assertEquals(TlsConnectionParser.RECORD_END, serverSends(q, start, start.length));
    assertEquals(2 * TlsBuffer.FIRST, memory.used(), "the first 4 KiB buffer of each, no more");
    p.free();
    q.free();
    assertEquals(0, memory.used(), "given back at the flows' end");
    assertEquals(2 * TlsBuffer.FIRST, memory.peak());
  }

  @Test
  void aMessageSpanningSegmentsIsCountedWhileItIsGatheredAndGivenBackWhenComplete() {
    TlsMemory memory = new TlsMemory(1 << 20, 1 << 20);
    TlsConnectionParser p = new TlsConnectionParser(memory);
    byte[] flight = records(concat(serverHello(), message(11, 40 * KIB), message(14, 0)));
    serverSends(p, flight, 1460);
    assertTrue(p.session().helloSeen(false));
    assertTrue(p.session().certificatesSeen(false), "the 40 KiB certificate message completed");
    assertEquals(0, memory.used());
    assertTrue(memory.peak() >= 40 * KIB && memory.peak() <= 64 * KIB, "peak " + memory.peak());
    assertEquals(0, memory.hits());
    assertEquals(0, memory.oversizedMessages());
  }

  @Test
  void aMessageInOneSegmentIsReadInPlace() {
    TlsMemory memory = new TlsMemory(1 << 20, 1 << 20);
    TlsConnectionParser p = new TlsConnectionParser(memory);
    byte[] flight = records(concat(serverHello(), message(11, 3000)));
    serverSends(p, flight, flight.length);
    assertTrue(p.session().certificatesSeen(false));
    assertEquals(0, memory.peak(), "nothing buffered");
  }

  @Test
  void aMessageLongerThanTheLimitIsSkippedToItsEndAndCounted() {
    TlsMemory memory = new TlsMemory(1 << 20, 64 * KIB);
    TlsConnectionParser p = new TlsConnectionParser(memory);
    // a 100 KiB certificate message, then the server hello: the hello is parsed after the skip
    byte[] flight = records(concat(message(11, 100 * KIB), serverHello()));
    int r = serverSends(p, flight, 1460);
    assertEquals(TlsConnectionParser.RECORD_END, r, "records framed, no error");
    assertFalse(p.failed());
    assertEquals(1, memory.oversizedMessages());
    assertFalse(p.session().certificatesSeen(false), "the long message is not parsed");
    assertTrue(p.session().helloSeen(false), "the message after it is");
    assertTrue(
        memory.peak() <= 16 * KIB,
        "only the first record, gathered for its hello: " + memory.peak());
    assertEquals(0, memory.hits());
  }

  @Test
  void noRoomInTheBudgetEndsTheParsingAndIsCounted() {
    TlsMemory memory = new TlsMemory(64 * KIB, 1 << 20);
    TlsConnectionParser p = new TlsConnectionParser(memory);
    byte[] flight = records(concat(serverHello(), message(11, 200 * KIB)));
    int r = serverSends(p, flight, 1460);
    assertEquals(TlsConnectionParser.ERROR, r & TlsConnectionParser.ERROR);
    assertTrue(p.failed());
    assertEquals(1, memory.hits());
    assertEquals(0, memory.used(), "the parsing ended: its buffer is given back");
    assertTrue(memory.peak() <= 64 * KIB, "peak " + memory.peak());
    assertTrue(p.session().helloSeen(false), "what came before is kept");
  }
}
