package org.vigil.decode;

/** Layer-4 checksum verification over the IPv4/IPv6 pseudo header. */
final class Checksums {
  private Checksums() {}

  /**
   * True when the TCP/UDP/ICMPv6 checksum over [off, off+len) with the pseudo header of p is valid.
   */
  static boolean l4Valid(Packet p, int proto, int off, int len) {
    byte[] b = p.data;
    long sum = 0;
    if (p.ipVersion == 4) {
      sum = Bytes.onesSum(b, p.l3Offset + 12, 8, sum);
    } else {
      sum = Bytes.onesSum(b, p.l3Offset + 8, 32, sum);
    }
    sum += proto;
    sum += len & 0xffff;
    sum += len >>> 16;
    sum = Bytes.onesSum(b, off, len, sum);
    return Bytes.fold(sum) == 0;
  }
}
