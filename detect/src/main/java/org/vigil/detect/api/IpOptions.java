package org.vigil.detect.api;

/**
 * Bits of {@link InspectionContext#ipOptions}: which IPv4 options the packet carries (ipopts
 * keyword).
 */
public final class IpOptions {
  private IpOptions() {}

  public static final int RR = 1;
  public static final int EOL = 1 << 1;
  public static final int NOP = 1 << 2;
  public static final int TS = 1 << 3;
  public static final int SEC = 1 << 4;
  public static final int ESEC = 1 << 5;
  public static final int LSRR = 1 << 6;
  public static final int SSRR = 1 << 7;
  public static final int SATID = 1 << 8;

  /**
   * The bit for an ipopts keyword value ({@code rr, eol, nop, ts, sec, esec, lsrr, ssrr, satid}),
   * or 0 for {@code any}, -1 if unknown.
   */
  public static int bit(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "rr" -> RR;
      case "eol" -> EOL;
      case "nop" -> NOP;
      case "ts" -> TS;
      case "sec" -> SEC;
      case "esec" -> ESEC;
      case "lsrr", "lsrre" -> LSRR;
      case "ssrr" -> SSRR;
      case "satid" -> SATID;
      case "any" -> 0;
      default -> -1;
    };
  }

  /** The option bit for IPv4 option type byte {@code type}, for decoders filling the context. */
  public static int forType(int type) {
    return switch (type) {
      case 0 -> EOL;
      case 1 -> NOP;
      case 7 -> RR;
      case 68 -> TS;
      case 130 -> SEC;
      case 133 -> ESEC;
      case 131 -> LSRR;
      case 137 -> SSRR;
      case 136 -> SATID;
      default -> 0;
    };
  }
}
