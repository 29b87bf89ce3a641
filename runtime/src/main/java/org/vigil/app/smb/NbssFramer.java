package org.vigil.app.smb;

import java.util.Arrays;

/**
 * Frames one direction of an SMB connection into NetBIOS session messages (a type byte, then a
 * 24-bit big-endian length): session messages (type 0) up to {@link #MAX_MESSAGE} bytes are handed
 * to the consumer whole; of larger ones (bulk file reads and writes) only the first {@link #HEAD}
 * bytes are kept and handed over as their head, the rest skipped; other types (keep-alives) are
 * skipped without being buffered. After a gap it resynchronises on the next SMB message.
 */
final class NbssFramer {
  /** The largest message kept whole (named pipe traffic is far smaller). */
  static final int MAX_MESSAGE = 1 << 20;

  /** The bytes kept of a larger message: its SMB headers and the start of its data. */
  static final int HEAD = 1024;

  /** Takes a whole session message. */
  @FunctionalInterface
  interface Consumer {
    void message(byte[] b, int off, int len);

    /**
     * Takes the first {@code len} bytes of a session message {@code length} bytes long, too large
     * to be kept whole. Default: ignored.
     */
    default void head(byte[] b, int off, int len, int length) {}
  }

  private final byte[] header = new byte[4];
  private int headerFilled;
  private byte[] body = new byte[256];
  private int bodyLen;
  private int bodyFilled;
  private long skip;

  /** The length of the message whose head is being read, or 0 when it is read whole. */
  private int clippedLength;

  /** After a gap: bytes are skipped up to the next session message header with SMB's magic. */
  private boolean resync;

  /** Feeds {@code len} bytes at {@code b[off]}; whole messages go to {@code out}. */
  void onData(byte[] b, int off, int len, Consumer out) {
    int p = off;
    int end = off + len;
    if (resync) {
      p = nextHeader(b, off, end);
      if (p < 0) {
        return;
      }
      resync = false;
    }
    while (p < end) {
      if (skip > 0) {
        int n = (int) Math.min(skip, end - p);
        skip -= n;
        p += n;
        continue;
      }
      if (headerFilled < 4) {
        header[headerFilled++] = b[p++];
        if (headerFilled == 4) {
          start(out);
        }
        continue;
      }
      int n = Math.min(bodyLen - bodyFilled, end - p);
      System.arraycopy(b, p, body, bodyFilled, n);
      bodyFilled += n;
      p += n;
      if (bodyFilled == bodyLen) {
        headerFilled = 0;
        if (clippedLength > 0) {
          skip = clippedLength - bodyLen;
          out.head(body, 0, bodyLen, clippedLength);
        } else {
          out.message(body, 0, bodyLen);
        }
      }
    }
  }

  /**
   * A gap: the message being read is dropped and framing resumes at the next session message header
   * followed by the SMB1/SMB2 magic found within one chunk, as Suricata's SMB parser
   * resynchronises.
   */
  void gap() {
    headerFilled = 0;
    bodyFilled = 0;
    skip = 0;
    resync = true;
  }

  private static int nextHeader(byte[] b, int from, int end) {
    for (int i = from; i + 8 <= end; i++) {
      int magic = b[i + 4] & 0xFF;
      if (b[i] == 0
          && (magic == 0xFE || magic == 0xFF)
          && b[i + 5] == 'S'
          && b[i + 6] == 'M'
          && b[i + 7] == 'B') {
        return i;
      }
    }
    return -1;
  }

  private void start(Consumer out) {
    int length = (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
    if (header[0] != 0) {
      skip = length;
      headerFilled = 0;
      return;
    }
    clippedLength = length > MAX_MESSAGE ? length : 0;
    int kept = clippedLength > 0 ? HEAD : length;
    if (body.length < kept) {
      body = Arrays.copyOf(body, Math.max(kept, body.length * 2));
    }
    bodyLen = kept;
    bodyFilled = 0;
    if (length == 0) {
      headerFilled = 0;
      out.message(body, 0, 0);
    }
  }
}
