package org.vigil.app.tls;

/**
 * One direction's handshake messages, reassembled from the bodies of its handshake records (a
 * message may span records, and a record may hold several): the 4-byte header (type, 24-bit
 * length), then the body. A message whose body is all in the bytes at hand is read where it lies;
 * one that spans segments or records is gathered in a {@link TlsBuffer} as Suricata buffers it (the
 * buffer grows with the bytes that arrive, not with the length announced), counted in the run's
 * {@link TlsMemory}: no room there ends the direction's parsing, and a message announcing more than
 * the memory's longest message is skipped to its end, counted (at Suricata's default stream depth
 * of 1 MiB no longer message can complete). Each complete message goes to the {@link TlsSession}. A
 * message of a type Suricata 7 does not parse raises {@link TlsEvent#INVALID_HANDSHAKE_MESSAGE} and
 * is skipped within its record only (the next record starts a message again), as Suricata skips it.
 * Once the direction sent ChangeCipherSpec its handshake records are encrypted and no longer read.
 */
final class TlsHandshake {
  private final boolean toServer;
  private final TlsSession session;
  private final TlsMemory memory;
  private final TlsBuffer body;
  private final byte[] header = new byte[4];
  private int headerBytes;
  private int type;
  private int length;
  private int read;
  private boolean encrypted;

  /** The message being read is of a type Suricata does not parse: skipped to its record's end. */
  private boolean unsupported;

  /** The message being read is longer than the memory allows: skipped to its end. */
  private boolean oversized;

  /**
   * Messages of unsupported types in the record being read: Suricata parses a handshake record once
   * it is whole, so their events are raised at its end.
   */
  private int invalidInRecord;

  TlsHandshake(boolean toServer, TlsSession session, TlsMemory memory) {
    this.toServer = toServer;
    this.session = session;
    this.memory = memory;
    this.body = new TlsBuffer(memory);
  }

  /** The direction's ChangeCipherSpec: later handshake records are encrypted. */
  void changeCipherSpec() {
    encrypted = true;
    body.clear();
  }

  /**
   * Reads handshake record body bytes {@code b[p..p+n)}; {@code recordEnds}: they end their record.
   * False when the memory had no room for a message (the direction's parsing then ends).
   */
  boolean feed(byte[] b, int p, int n, boolean recordEnds) {
    int end = p + n;
    while (p < end && !encrypted) {
      if (headerBytes < 4) {
        header[headerBytes++] = b[p++];
        if (headerBytes == 4) {
          type = header[0] & 0xFF;
          length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
          read = 0;
          unsupported = !supported(type);
          if (unsupported) {
            invalidInRecord++;
            if (length == 0) {
              complete();
            }
          } else if (end - p >= length) {
            session.handshake(toServer, type, b, p, p + length); // all here: read in place
            p += length;
            headerBytes = 0;
          } else if (length > memory.maxMessage()) {
            oversized = true;
            memory.oversized();
          } else {
            body.start(length);
          }
        }
        continue;
      }
      int k = Math.min(length - read, end - p);
      if (!unsupported && !oversized && !body.append(b, p, k)) {
        return false;
      }
      read += k;
      p += k;
      if (read == length) {
        complete();
      }
    }
    if (recordEnds && unsupported) {
      headerBytes = 0;
      unsupported = false;
    }
    if (recordEnds) {
      for (; invalidInRecord > 0; invalidInRecord--) {
        session.events.add(TlsEvent.INVALID_HANDSHAKE_MESSAGE);
      }
    }
    return true;
  }

  /** The handshake message types Suricata 7 parses (the others raise an event). */
  private static boolean supported(int type) {
    return switch (type) {
      case 0, 1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 21, 22 -> true;
      default -> false;
    };
  }

  private void complete() {
    if (!unsupported && !oversized) {
      session.handshake(toServer, type, body.bytes(), 0, length);
    }
    unsupported = false;
    oversized = false;
    headerBytes = 0;
    body.clear();
  }

  /** Gives back what the direction holds (the parsing ended, or the flow). */
  void free() {
    body.clear();
  }
}
