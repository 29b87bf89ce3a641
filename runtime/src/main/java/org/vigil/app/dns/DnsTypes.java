package org.vigil.app.dns;

/** The DNS record types whose data is decoded, their EVE names, and address formatting. */
public final class DnsTypes {
  static final int A = 1;
  static final int NS = 2;
  static final int CNAME = 5;
  static final int SOA = 6;
  static final int PTR = 12;
  static final int MX = 15;
  static final int TXT = 16;
  static final int AAAA = 28;
  static final int SRV = 33;

  private DnsTypes() {}

  /** The type's name as Suricata's EVE writes it ("A", "AAAA", ...), else its number as text. */
  public static String name(int type) {
    return switch (type) {
      case A -> "A";
      case NS -> "NS";
      case CNAME -> "CNAME";
      case SOA -> "SOA";
      case PTR -> "PTR";
      case MX -> "MX";
      case TXT -> "TXT";
      case AAAA -> "AAAA";
      case SRV -> "SRV";
      case 10 -> "NULL";
      case 11 -> "WKS";
      case 13 -> "HINFO";
      case 29 -> "LOC";
      case 35 -> "NAPTR";
      case 41 -> "OPT";
      case 43 -> "DS";
      case 44 -> "SSHFP";
      case 46 -> "RRSIG";
      case 47 -> "NSEC";
      case 48 -> "DNSKEY";
      case 50 -> "NSEC3";
      case 52 -> "TLSA";
      case 64 -> "SVCB";
      case 250 -> "TSIG";
      case 257 -> "CAA";
      case 255 -> "ANY";
      case 65 -> "HTTPS";
      default -> Integer.toString(type);
    };
  }

  /** The response code's name as Suricata's EVE writes it. */
  public static String rcode(int rcode) {
    return switch (rcode) {
      case 0 -> "NOERROR";
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 3 -> "NXDOMAIN";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      default -> Integer.toString(rcode);
    };
  }

  static String ipv4(byte[] b, int p) {
    return (b[p] & 0xFF)
        + "."
        + (b[p + 1] & 0xFF)
        + "."
        + (b[p + 2] & 0xFF)
        + "."
        + (b[p + 3] & 0xFF);
  }

  /** An IPv6 address as Suricata's DNS logger writes it: eight groups of four hex digits. */
  static String ipv6(byte[] b, int p) {
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(String.format("%02x%02x", b[p + i] & 0xFF, b[p + i + 1] & 0xFF));
    }
    return sb.toString();
  }
}
