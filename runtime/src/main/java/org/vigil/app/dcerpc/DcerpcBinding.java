package org.vigil.app.dcerpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The interfaces of one DCE/RPC association as Suricata 7 keeps them: each bind or alter_context
 * replaces the proposed presentation contexts (context id, interface UUID in RFC 4122 byte order,
 * major version, whether the bind had the first-fragment flag), and each bind_ack or
 * alter_context_resp replaces the accepted ones with those its results accept (result 0), matched
 * to the proposals by position.
 */
final class DcerpcBinding {
  /** Bytes of one presentation context item (one transfer syntax, as Suricata reads it). */
  private static final int CONTEXT_ITEM = 44;

  /** Bytes of one bind_ack result. */
  private static final int RESULT = 24;

  /** One presentation context: its interface's major and minor version. */
  record Context(int ctxId, byte[] uuid, int version, int minor, boolean firstFrag) {}

  private List<Context> proposed = List.of();
  private List<Context> accepted = List.of();

  /** The results of the last bind_ack, per proposed context (0: accepted). */
  private List<Integer> results = List.of();

  /** Reads a bind or alter_context PDU of {@code len} bytes at {@code b[off]}; false if short. */
  boolean bind(byte[] b, int off, int len) {
    boolean little = DcerpcPdu.little(b, off);
    boolean first = (DcerpcPdu.flags(b, off) & DcerpcPdu.FIRST_FRAG) != 0;
    int p = off + DcerpcPdu.HEADER;
    int end = off + len;
    if (p + 12 > end) {
      return false;
    }
    int n = b[p + 8] & 0xFF;
    p += 12;
    List<Context> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (p + CONTEXT_ITEM > end) {
        return false;
      }
      int ctx = DcerpcPdu.u16(b, p, little);
      byte[] uuid = uuid(b, p + 4, little);
      int version = DcerpcPdu.u16(b, p + 20, little);
      int minor = DcerpcPdu.u16(b, p + 22, little);
      list.add(new Context(ctx, uuid, version, minor, first));
      p += CONTEXT_ITEM;
    }
    proposed = list;
    return true;
  }

  /** Reads a bind_ack or alter_context_resp PDU; false if short. */
  boolean bindAck(byte[] b, int off, int len) {
    int p = off + DcerpcPdu.HEADER;
    int end = off + len;
    if (p + 10 > end) {
      return false;
    }
    int secAddr = DcerpcPdu.u16(b, p + 8, true);
    p += 10 + secAddr;
    int rem = (secAddr + 2) % 4;
    if (rem != 0) {
      p += 4 - rem;
    }
    if (p + 4 > end) {
      return false;
    }
    int n = b[p] & 0xFF;
    p += 4;
    List<Context> list = new ArrayList<>();
    List<Integer> res = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (p + RESULT > end) {
        return false;
      }
      int result = DcerpcPdu.u16(b, p, true);
      res.add(result);
      if (result == 0 && i < proposed.size()) {
        list.add(proposed.get(i));
      }
      p += RESULT;
    }
    accepted = list;
    results = res;
    return true;
  }

  /** The contexts the last bind or alter_context proposed. */
  List<Context> proposed() {
    return proposed;
  }

  /** The result the last bind_ack gave the {@code i}-th proposed context (0 when it gave none). */
  int result(int i) {
    return i < results.size() ? results.get(i) : 0;
  }

  /** The accepted context with id {@code ctxId}, or null. */
  Context accepted(int ctxId) {
    for (Context c : accepted) {
      if (c.ctxId() == ctxId) {
        return c;
      }
    }
    return null;
  }

  /** A wire UUID in RFC 4122 order (its first three fields swapped when little endian). */
  static byte[] uuid(byte[] b, int at, boolean little) {
    byte[] u = new byte[16];
    System.arraycopy(b, at, u, 0, 16);
    if (little) {
      swap(u, 0, 3);
      swap(u, 1, 2);
      swap(u, 4, 5);
      swap(u, 6, 7);
    }
    return u;
  }

  private static void swap(byte[] u, int i, int j) {
    byte t = u[i];
    u[i] = u[j];
    u[j] = t;
  }
}
