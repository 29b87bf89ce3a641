package org.vigil.app.ssh;

/**
 * The parser of one direction of an SSH connection, following Suricata 7's rust/src/ssh: first the
 * banner line, then the binary packets, framed by their cleartext header (uint32 packet_length > 1,
 * byte padding_length, byte message code; the record is 4 + packet_length bytes). A record whose
 * header arrived but not its end is skipped as its bytes come; bytes too few for a decision (a
 * banner line not ended yet, a record header of fewer than 6 bytes) are held and parsed again with
 * the next data, as Suricata's parser asks for more data.
 */
final class SshDirection {
  /**
   * How far the direction got, in Suricata's order (in progress, banner wait eol, banner done,
   * finished).
   */
  enum Stage {
    IN_PROGRESS,
    BANNER_WAIT_EOL,
    BANNER_DONE,
    FINISHED
  }

  private static final int HEADER = 6;
  private static final int NEWKEYS = 21;

  private Stage stage = Stage.IN_PROGRESS;

  /** Bytes of the current record still to skip. */
  private long recordLeft;

  /** Bytes held for the next call (an unended banner line or a partial record header). */
  private byte[] held = new byte[0];

  private int heldLen;
  private SshBanner banner;
  private boolean longBanner;

  /** The banner line was not an SSH banner (Suricata's invalid_banner event). */
  private boolean invalidBanner;

  private long records;

  Stage stage() {
    return stage;
  }

  SshBanner banner() {
    return banner;
  }

  boolean longBanner() {
    return longBanner;
  }

  boolean invalidBanner() {
    return invalidBanner;
  }

  /** Complete binary packets parsed. */
  long records() {
    return records;
  }

  /**
   * Parses {@code len} new bytes; {@code other} is the opposite direction. Returns a combination of
   * {@link SshConnectionParser#NO_INSPECTION} (a complete NEWKEYS record while the other side had
   * sent its own) and {@link SshConnectionParser#ERROR} (an invalid banner or record: parsing
   * ends).
   */
  int feed(byte[] b, int off, int len, SshDirection other) {
    byte[] in = b;
    int s = off;
    int e = off + len;
    if (heldLen > 0) {
      in = new byte[heldLen + len];
      System.arraycopy(held, 0, in, 0, heldLen);
      System.arraycopy(b, off, in, heldLen, len);
      s = 0;
      e = in.length;
      heldLen = 0;
    }
    return stage.compareTo(Stage.BANNER_DONE) < 0
        ? banner(in, s, e, other)
        : records(in, s, e, other);
  }

  private int banner(byte[] in, int s, int e, SshDirection other) {
    long line = SshBanner.line(in, s, e - s);
    if (stage == Stage.BANNER_WAIT_EOL) {
      // the rest of an overlong banner line: skipped up to its end
      return line < 0 ? 0 : records(in, s + (int) line, e, other);
    }
    if (line >= 0) {
      int lineLen = (int) (line >>> 32);
      banner = SshBanner.parse(in, s, lineLen);
      if (banner == null) {
        invalidBanner = true;
        return SshConnectionParser.ERROR;
      }
      stage = Stage.BANNER_DONE;
      longBanner = lineLen >= SshBanner.MAX_LEN;
      return records(in, s + (int) line, e, other);
    }
    if (e - s < SshBanner.MAX_LEN) {
      hold(in, s, e);
      return 0;
    }
    // no line end within the banner limit: the banner is what came, the line's rest is skipped
    banner = SshBanner.parse(in, s, e - s);
    if (banner == null) {
      invalidBanner = true;
      return SshConnectionParser.ERROR;
    }
    stage = Stage.BANNER_WAIT_EOL;
    longBanner = true;
    return 0;
  }

  private int records(byte[] in, int s, int e, SshDirection other) {
    if (recordLeft > 0) {
      if (recordLeft > e - s) {
        recordLeft -= e - s;
        return 0;
      }
      s += (int) recordLeft;
      recordLeft = 0;
    }
    int status = 0;
    while (s < e) {
      int avail = e - s;
      if (avail < 4) {
        hold(in, s, e);
        return status;
      }
      long pktLen =
          ((in[s] & 0xFFL) << 24)
              | ((in[s + 1] & 0xFF) << 16)
              | ((in[s + 2] & 0xFF) << 8)
              | (in[s + 3] & 0xFF);
      if (pktLen <= 1) {
        return status | SshConnectionParser.ERROR;
      }
      if (avail < HEADER) {
        hold(in, s, e);
        return status;
      }
      int msg = in[s + 5] & 0xFF;
      if (avail - 4 >= pktLen) {
        records++;
        if (msg == NEWKEYS) {
          stage = Stage.FINISHED;
          if (other.stage == Stage.FINISHED) {
            status |= SshConnectionParser.NO_INSPECTION;
          }
        }
        s += (int) (4 + pktLen);
      } else {
        // the header of a record whose end is still to come: its rest is skipped as it arrives (a
        // NEWKEYS seen this way finishes the direction but, as in Suricata, stops no inspection)
        recordLeft = pktLen - 2 - (avail - HEADER);
        if (msg == NEWKEYS) {
          stage = Stage.FINISHED;
        }
        return status;
      }
    }
    return status;
  }

  private void hold(byte[] in, int s, int e) {
    int n = e - s;
    if (held.length < n) {
      held = new byte[Math.max(n, 2 * held.length)];
    }
    System.arraycopy(in, s, held, 0, n);
    heldLen = n;
  }
}
