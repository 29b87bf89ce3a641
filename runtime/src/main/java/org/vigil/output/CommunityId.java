package org.vigil.output;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.vigil.decode.IcmpCounterparts;

/**
 * The Community ID of a flow, version 1 (the published Community ID flow hashing spec, as EVE's
 * {@code community_id}): SHA-1 over the seed and the flow's endpoints ordered so both directions
 * hash alike, base64, prefixed with "1:". ICMP types with a request/reply counterpart use the pair
 * (type, counterpart) as ports; other ICMP types use (type, code) and keep their direction.
 */
public final class CommunityId {
  private final int seed;
  private final MessageDigest sha1;

  /** Hashes with {@code seed} (0 by default, 16 bits). */
  public CommunityId(int seed) {
    if (seed < 0 || seed > 0xffff) {
      throw new IllegalArgumentException("community-id seed must be 0..65535, not " + seed);
    }
    this.seed = seed;
    try {
      this.sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ID of a record's flow, from its header's addresses, protocol and ports or ICMP type. */
  public String of(EventHeader h) {
    int proto = protoNumber(h.proto());
    byte[] src = address(h.srcIp());
    byte[] dst = address(h.destIp());
    if (proto < 0 || src == null || dst == null) {
      return null;
    }
    if (h.icmpType() != null) {
      int type = h.icmpType();
      int other = IcmpCounterparts.of(IcmpCounterparts.Convention.COMMUNITY_ID, proto == 58, type);
      boolean oneWay = other < 0;
      return of(
          src,
          dst,
          proto,
          type,
          oneWay ? (h.icmpCode() == null ? 0 : h.icmpCode()) : other,
          oneWay);
    }
    if (h.srcPort() == null || h.destPort() == null) {
      return of(src, dst, proto, -1, -1, false);
    }
    return of(src, dst, proto, h.srcPort(), h.destPort(), false);
  }

  /** The ID of the tuple (ports -1: a protocol without ports); a one-way tuple keeps its order. */
  public String of(byte[] src, byte[] dst, int proto, int sport, int dport, boolean oneWay) {
    if (!oneWay && !ordered(src, dst, sport, dport)) {
      byte[] a = src;
      src = dst;
      dst = a;
      int p = sport;
      sport = dport;
      dport = p;
    }
    sha1.reset();
    sha1.update((byte) (seed >>> 8));
    sha1.update((byte) seed);
    sha1.update(src);
    sha1.update(dst);
    sha1.update((byte) proto);
    sha1.update((byte) 0);
    if (sport >= 0) {
      sha1.update((byte) (sport >>> 8));
      sha1.update((byte) sport);
      sha1.update((byte) (dport >>> 8));
      sha1.update((byte) dport);
    }
    return "1:" + Base64.getEncoder().encodeToString(sha1.digest());
  }

  private static boolean ordered(byte[] src, byte[] dst, int sport, int dport) {
    int c = Arrays.compareUnsigned(src, dst);
    return c < 0 || (c == 0 && sport <= dport);
  }

  private static int protoNumber(String name) {
    return switch (name) {
      case "TCP" -> 6;
      case "UDP" -> 17;
      case "ICMP" -> 1;
      case "IPv6-ICMP" -> 58;
      case "SCTP" -> 132;
      case "GRE" -> 47;
      case "ESP" -> 50;
      case "AH" -> 51;
      case "IPv6" -> 41;
      default -> {
        try {
          yield Integer.parseInt(name);
        } catch (NumberFormatException e) {
          yield -1;
        }
      }
    };
  }

  /** The bytes of a printed address (a literal: no name lookup), or null. */
  private static byte[] address(String ip) {
    if (ip.isEmpty() || !(Character.digit(ip.charAt(0), 16) >= 0 || ip.charAt(0) == ':')) {
      return null;
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
