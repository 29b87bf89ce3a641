package org.vigil.stream;

/** TCP flag bit constants as returned by {@link TcpSegment#tcpFlags()}. */
public final class TcpFlags {
  public static final int FIN = 1;
  public static final int SYN = 2;
  public static final int RST = 4;
  public static final int PSH = 8;
  public static final int ACK = 16;
  public static final int URG = 32;
  public static final int ECE = 64;
  public static final int CWR = 128;

  private TcpFlags() {}

  /** True if every bit of {@code mask} is set in {@code flags}. */
  public static boolean has(int flags, int mask) {
    return (flags & mask) == mask;
  }
}
