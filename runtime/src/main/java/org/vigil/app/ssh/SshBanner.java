package org.vigil.app.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One side's identification line ("SSH-protoversion-softwareversion comments"), read as Suricata
 * 7's parser does: "SSH-" (case-sensitive), a protocol version of at least one byte up to the next
 * '-', then the software version up to the first space or line end (empty allowed).
 *
 * @param protoVersion the protocol version bytes ("2.0", "1.99", "1.5", ...)
 * @param softwareVersion the software version bytes
 */
public record SshBanner(byte[] protoVersion, byte[] softwareVersion) {
  /**
   * Banner lines at least this long raise Suricata's long-banner event (they are still accepted).
   */
  public static final int MAX_LEN = 256;

  /** The protocol version as text. */
  public String protoVersionText() {
    return new String(protoVersion, StandardCharsets.ISO_8859_1);
  }

  /** The software version as text. */
  public String softwareVersionText() {
    return new String(softwareVersion, StandardCharsets.ISO_8859_1);
  }

  /**
   * Parses a banner from {@code len} bytes at {@code b[off]} (a line without its end); null when
   * invalid.
   */
  public static SshBanner parse(byte[] b, int off, int len) {
    int end = off + len;
    if (len < 4 || b[off] != 'S' || b[off + 1] != 'S' || b[off + 2] != 'H' || b[off + 3] != '-') {
      return null;
    }
    int p = off + 4;
    int dash = p;
    while (dash < end && b[dash] != '-') {
      dash++;
    }
    if (dash == p || dash == end) {
      return null; // an empty protocol version, or none ended by '-'
    }
    int s = dash + 1;
    int e = s;
    while (e < end && b[e] != ' ' && b[e] != '\r' && b[e] != '\n') {
      e++;
    }
    if (e == s) {
      e = end; // nothing before the first space: the whole rest is taken
    }
    return new SshBanner(Arrays.copyOfRange(b, p, dash), Arrays.copyOfRange(b, s, e));
  }

  /**
   * Finds the end of the line starting at {@code b[off]} within {@code len} bytes: returns {@code
   * (lineLength << 32) | consumed} (consumed includes the terminator: "\n", "\r\n", or a lone "\r"
   * followed by more data), or -1 when the line is not complete yet.
   */
  public static long line(byte[] b, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n') {
        return ((long) (i - off) << 32) | (i + 1 - off);
      }
      if (b[i] == '\r') {
        if (i + 1 == end) {
          return -1; // "\r" may still be the start of "\r\n"
        }
        int consumed = b[i + 1] == '\n' ? i + 2 - off : i + 1 - off;
        return ((long) (i - off) << 32) | consumed;
      }
    }
    return -1;
  }
}
