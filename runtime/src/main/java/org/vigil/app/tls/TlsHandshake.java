package org.vigil.app.tls;

/**
 * One direction's handshake messages, reassembled from the bodies of its handshake records (a
 * message may span records, and a record may hold several): the 4-byte header (type, 24-bit
 * length), then the body, buffered whole as Suricata buffers it (any length a header can announce;
 * the buffer grows with the bytes that arrive, not with the length announced). Each complete
 * message goes to the {@link TlsSession}. A message of a type Suricata 7 does not parse raises
 * {@link TlsEvent#INVALID_HANDSHAKE_MESSAGE} and is skipped within its record only (the next record
 * starts a message again), as Suricata skips it. Once the direction sent ChangeCipherSpec its
 * handshake records are encrypted and no longer read.
 */
final class TlsHandshake {
  /** The first buffer of a message (it doubles as the message's bytes arrive). */
  static final int FIRST_BUFFER = 4096;

  private final boolean toServer;
  private final TlsSession session;
  private final byte[] header = new byte[4];
  private int headerBytes;
  private int type;
  private int length;
  private byte[] body;
  private int read;
  private boolean encrypted;

  /** The message being read is of a type Suricata does not parse: skipped to its record's end. */
  private boolean unsupported;

  /**
   * Messages of unsupported types in the record being read: Suricata parses a handshake record once
   * it is whole, so their events are raised at its end.
   */
  private int invalidInRecord;

  TlsHandshake(boolean toServer, TlsSession session) {
    this.toServer = toServer;
    this.session = session;
  }

  /** The direction's ChangeCipherSpec: later handshake records are encrypted. */
  void changeCipherSpec() {
    encrypted = true;
  }

  /**
   * Reads handshake record body bytes {@code b[p..p+n)}; {@code recordEnds}: they end their record.
   */
  void feed(byte[] b, int p, int n, boolean recordEnds) {
    int end = p + n;
    while (p < end && !encrypted) {
      if (headerBytes < 4) {
        header[headerBytes++] = b[p++];
        if (headerBytes == 4) {
          type = header[0] & 0xFF;
          length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
          unsupported = !supported(type);
          if (unsupported) {
            invalidInRecord++;
          }
          body = unsupported ? null : new byte[Math.min(length, FIRST_BUFFER)];
          read = 0;
          if (length == 0) {
            complete();
          }
        }
        continue;
      }
      int k = Math.min(length - read, end - p);
      if (body != null) {
        if (read + k > body.length) {
          body =
              java.util.Arrays.copyOf(
                  body, (int) Math.min(length, Math.max(2L * body.length, read + k)));
        }
        System.arraycopy(b, p, body, read, k);
      }
      read += k;
      p += k;
      if (read == length) {
        complete();
      }
    }
    if (recordEnds && unsupported) {
      headerBytes = 0;
      body = null;
      unsupported = false;
    }
    if (recordEnds) {
      for (; invalidInRecord > 0; invalidInRecord--) {
        session.events.add(TlsEvent.INVALID_HANDSHAKE_MESSAGE);
      }
    }
  }

  /** The handshake message types Suricata 7 parses (the others raise an event). */
  private static boolean supported(int type) {
    return switch (type) {
      case 0, 1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 21, 22 -> true;
      default -> false;
    };
  }

  private void complete() {
    unsupported = false;
    if (body != null) {
      session.handshake(toServer, type, body, 0, length);
    }
    headerBytes = 0;
    body = null;
  }
}
