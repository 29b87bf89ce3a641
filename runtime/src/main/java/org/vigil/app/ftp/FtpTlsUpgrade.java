package org.vigil.app.ftp;

/**
 * The part of Suricata 7's FTP parser that turns a connection into TLS: the command of the last
 * request line (client to server) is remembered, and a reply line starting with "234 " while that
 * command is "AUTH TLS" (any case) upgrades the connection to TLS. Lines end at LF; only a line's
 * first bytes are kept. Nothing else of FTP is tracked.
 */
public final class FtpTlsUpgrade {
  private static final byte[] AUTH_TLS = {'A', 'U', 'T', 'H', ' ', 'T', 'L', 'S'};
  private static final byte[] REPLY = {'2', '3', '4', ' '};

  /**
   * Per direction (client to server first): the first bytes of the line being read and its length
   * so far.
   */
  private final byte[][] line = {new byte[AUTH_TLS.length], new byte[REPLY.length]};

  private final int[] lineLen = new int[2];
  private boolean authTls;
  private boolean upgraded;

  /**
   * Reads {@code len} bytes of direction {@code toServer}; returns the number of bytes consumed
   * before the upgrade (the rest belongs to TLS), or -1 when no upgrade happened in them.
   */
  public int onData(boolean toServer, byte[] b, int off, int len) {
    if (upgraded) {
      return 0;
    }
    int d = toServer ? 0 : 1;
    byte[] keep = line[d];
    for (int i = 0; i < len; i++) {
      byte c = b[off + i];
      if (c == '\n') {
        if (endOfLine(toServer)) {
          upgraded = true;
          return i + 1;
        }
        lineLen[d] = 0;
        continue;
      }
      if (lineLen[d] < keep.length) {
        keep[lineLen[d]] = c;
      }
      lineLen[d]++;
    }
    return -1;
  }

  private boolean endOfLine(boolean toServer) {
    if (toServer) {
      authTls = startsWith(line[0], lineLen[0], AUTH_TLS, true);
      return false;
    }
    return authTls && startsWith(line[1], lineLen[1], REPLY, false);
  }

  private static boolean startsWith(byte[] l, int len, byte[] pat, boolean ignoreCase) {
    if (len < pat.length) {
      return false;
    }
    for (int i = 0; i < pat.length; i++) {
      int c = ignoreCase ? FtpDetection.upper(l[i]) : l[i];
      if (c != pat[i]) {
        return false;
      }
    }
    return true;
  }

  /** True once a "234 " reply answered "AUTH TLS". */
  public boolean upgraded() {
    return upgraded;
  }
}
