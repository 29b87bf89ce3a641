package org.vigil.inspect;

/**
 * The ICMP message type that answers another, as an ICMP flow's record names it (EVE {@code
 * response_icmp_type}): echo request and reply, timestamp, information and address mask requests
 * and replies, and ICMPv6's echo, multicast listener, router, neighbour, node information, home
 * agent address and mobile prefix exchanges; 0 for a type without one.
 */
final class IcmpAnswers {
  private IcmpAnswers() {}

  /** The type answering {@code type} (either way: a reply's is its request), or 0. */
  static int answer(boolean v6, int type) {
    if (v6) {
      return switch (type) {
        case 128 -> 129;
        case 129 -> 128;
        case 130 -> 131;
        case 131 -> 130;
        case 133 -> 134;
        case 134 -> 133;
        case 135 -> 136;
        case 136 -> 135;
        case 139 -> 140;
        case 140 -> 139;
        case 144 -> 145;
        case 145 -> 144;
        case 146 -> 147;
        case 147 -> 146;
        default -> 0;
      };
    }
    return switch (type) {
      case 8 -> 0;
      case 0 -> 8;
      case 13 -> 14;
      case 14 -> 13;
      case 15 -> 16;
      case 16 -> 15;
      case 17 -> 18;
      case 18 -> 17;
      default -> 0;
    };
  }
}
