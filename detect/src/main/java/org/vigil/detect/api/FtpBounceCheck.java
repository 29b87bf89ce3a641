package org.vigil.detect.api;

/**
 * The {@code ftpbounce} keyword as Suricata 7 applies it: the buffer is the flow's last PORT line
 * (present only while PORT is the flow's current command); the first four comma-separated numbers
 * after its first digit give an IPv4 address, which matches when it differs from the client's
 * address (for an IPv6 client, from its first four bytes, as Suricata compares them). Inspected to
 * the server only; a malformed address never matches.
 */
public final class FtpBounceCheck {
  private FtpBounceCheck() {}

  /** True when the buffer {@code data[base .. base+len)} carries a bouncing PORT command. */
  public static boolean matches(InspectionContext ctx, byte[] data, int base, int len) {
    if (ctx.ipVersion == 0 || (ctx.flowFlags & InspectionContext.FLOW_TO_CLIENT) != 0) {
      return false;
    }
    long ip = address(data, base, len, 0);
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

  /**
   * The address of the comma-separated numbers in {@code line[offset..]}: from the first digit, at
   * most four digits each (a fifth ends the search), each at most 256 (the value taken modulo 2^8
   * into the address as Suricata shifts it), blanks allowed before a comma; as an unsigned 32-bit
   * value, or -1 when they do not make one. A line of fewer than 8 bytes past the offset has none.
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
