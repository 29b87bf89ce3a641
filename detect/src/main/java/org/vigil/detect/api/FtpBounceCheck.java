package org.vigil.detect.api;

/**
 * The {@code ftpbounce} keyword as Suricata 7 applies it to an FTP client's command: the last
 * command line of the inspected buffer is a PORT command (any case) whose first four numbers, read
 * after the command, give an IPv4 address other than the client's own (the packet's source, as the
 * keyword is inspected to the server only). A malformed address never matches.
 */
public final class FtpBounceCheck {
  private FtpBounceCheck() {}

  private static final int COMMAND = 4; // "PORT"

  /** True when the buffer {@code data[base .. base+len)} carries a bouncing PORT command. */
  public static boolean matches(InspectionContext ctx, byte[] data, int base, int len) {
    if (ctx.ipVersion != 4 || (ctx.flowFlags & InspectionContext.FLOW_TO_CLIENT) != 0) {
      return false;
    }
    int end = base + len;
    while (end > base && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
      end--;
    }
    int start = end;
    while (start > base && data[start - 1] != '\n') {
      start--;
    }
    int lineLen = end - start;
    if (lineLen < COMMAND || !isPort(data, start)) {
      return false;
    }
    long ip = address(data, start, lineLen, COMMAND + 1);
    if (ip < 0) {
      return false;
    }
    long client =
        ((ctx.srcIp[0] & 0xFFL) << 24)
            | ((ctx.srcIp[1] & 0xFFL) << 16)
            | ((ctx.srcIp[2] & 0xFFL) << 8)
            | (ctx.srcIp[3] & 0xFFL);
    return ip != client;
  }

  private static boolean isPort(byte[] b, int p) {
    String want = "PORT";
    for (int i = 0; i < COMMAND; i++) {
      int c = b[p + i] & 0xFF;
      if (c >= 'a' && c <= 'z') {
        c -= 'a' - 'A';
      }
      if (c != want.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The address of the comma-separated numbers in {@code line[offset..]} (at most four digits each,
   * each at most 256, blanks allowed before a comma), as an unsigned 32-bit value; -1 when they do
   * not make one.
   */
  static long address(byte[] b, int line, int len, int offset) {
    if (len < 7 || offset + 7 >= len) {
      return -1;
    }
    int i = offset;
    while (i < len && !digit(b[line + i])) {
      i++;
    }
    long ip = 0;
    int octet = 0;
    int digits = 0;
    int octets = 0;
    for (; i < len && digits < 4; i++) {
      byte c = b[line + i];
      if (digit(c)) {
        octet = octet * 10 + (c - '0');
        digits++;
        continue;
      }
      if (octet > 256) {
        return -1;
      }
      while (i < len && space(b[line + i])) {
        i++;
      }
      if (i >= len || b[line + i] != ',') {
        return -1;
      }
      octets++;
      digits = 0;
      ip = ((ip << 8) + octet) & 0xFFFFFFFFL;
      octet = 0;
      if (octets == 4) {
        return ip;
      }
    }
    return -1;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean space(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
  }
}
