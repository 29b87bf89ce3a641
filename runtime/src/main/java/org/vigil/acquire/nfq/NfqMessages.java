package org.vigil.acquire.nfq;

import java.nio.ByteBuffer;

/**
 * The netlink / nfnetlink_queue wire format: reads NFQNL_MSG_PACKET messages into an {@link
 * NfqPacket} and writes NFQNL_MSG_VERDICT messages. Netlink headers are host order (little-endian
 * here), nfqueue attribute values network order.
 */
final class NfqMessages {

  static final int NLMSG_HDRLEN = 16;
  static final int NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_OVERRUN = 4;
  static final int NLM_F_REQUEST = 1;
  static final int NFNL_SUBSYS_QUEUE = 3;
  static final int NFQNL_MSG_PACKET = 0, NFQNL_MSG_VERDICT = 1;
  static final int TYPE_PACKET = (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET;
  static final int TYPE_VERDICT = (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_VERDICT;
  static final int NFQA_PACKET_HDR = 1,
      NFQA_VERDICT_HDR = 2,
      NFQA_MARK = 3,
      NFQA_TIMESTAMP = 4,
      NFQA_IFINDEX_INDEV = 5,
      NFQA_IFINDEX_OUTDEV = 6,
      NFQA_PAYLOAD = 10,
      NFQA_CAP_LEN = 13;
  static final int NF_DROP = 0, NF_ACCEPT = 1, NF_REPEAT = 4;

  /** Bytes of a verdict message without / with a mark attribute. */
  static final int VERDICT_LEN = 32, VERDICT_MARK_LEN = 40;

  private NfqMessages() {}

  static int align4(int n) {
    return (n + 3) & ~3;
  }

  /** Little-endian u32 at {@code off}. */
  static int le32(ByteBuffer b, int off) {
    return Integer.reverseBytes(b.getInt(off));
  }

  /** Little-endian u16 at {@code off}. */
  static int le16(ByteBuffer b, int off) {
    return Short.reverseBytes(b.getShort(off)) & 0xffff;
  }

  /**
   * Reads the NFQNL_MSG_PACKET message whose netlink header is at {@code msg} and spans {@code len}
   * bytes into {@code p}. Returns false when it lacks the packet header or an attribute overruns
   * the message ({@code p.headerSeen} then tells whether the packet id is known, so it can still
   * get a verdict).
   */
  static boolean readPacket(ByteBuffer b, int msg, int len, NfqPacket p) {
    p.reset(b);
    int end = msg + len;
    int nfgen = msg + NLMSG_HDRLEN;
    if (nfgen + 4 > end) return false;
    p.queue = b.getShort(nfgen + 2) & 0xffff;
    int a = nfgen + 4;
    boolean haveHeader = false;
    while (a + 4 <= end) {
      int alen = le16(b, a);
      int type = le16(b, a + 2) & 0x3fff;
      if (alen < 4 || a + alen > end) return false;
      int v = a + 4;
      int vlen = alen - 4;
      switch (type) {
        case NFQA_PACKET_HDR -> {
          if (vlen < 7) return false;
          p.id = b.getInt(v);
          p.hwProtocol = b.getShort(v + 4) & 0xffff;
          p.hook = b.get(v + 6) & 0xff;
          haveHeader = true;
          p.headerSeen = true;
        }
        case NFQA_MARK -> {
          if (vlen >= 4) {
            p.mark = b.getInt(v);
            p.hasMark = true;
          }
        }
        case NFQA_TIMESTAMP -> {
          if (vlen >= 16) {
            p.timestampSeconds = b.getLong(v);
            p.timestampMicros = b.getLong(v + 8);
          }
        }
        case NFQA_IFINDEX_INDEV -> {
          if (vlen >= 4) p.inIfindex = b.getInt(v);
        }
        case NFQA_IFINDEX_OUTDEV -> {
          if (vlen >= 4) p.outIfindex = b.getInt(v);
        }
        case NFQA_PAYLOAD -> {
          p.payloadOffset = v;
          p.payloadLength = vlen;
        }
        case NFQA_CAP_LEN -> {
          if (vlen >= 4) p.capturedLength = b.getInt(v);
        }
        default -> {}
      }
      a += align4(alen);
    }
    return haveHeader;
  }

  /**
   * Writes at {@code off} a verdict message for packet {@code id} of {@code queue}: {@code
   * nfVerdict} (NF_ACCEPT, NF_DROP, NF_REPEAT) and, when {@code withMark}, the new mark. Returns
   * the bytes written.
   */
  static int writeVerdict(
      ByteBuffer b,
      int off,
      int queue,
      int id,
      int nfVerdict,
      boolean withMark,
      int mark,
      int seq) {
    int len = withMark ? VERDICT_MARK_LEN : VERDICT_LEN;
    b.putInt(off, Integer.reverseBytes(len));
    b.putShort(off + 4, Short.reverseBytes((short) TYPE_VERDICT));
    b.putShort(off + 6, Short.reverseBytes((short) NLM_F_REQUEST));
    b.putInt(off + 8, Integer.reverseBytes(seq));
    b.putInt(off + 12, 0);
    b.put(off + 16, (byte) 0); // AF_UNSPEC
    b.put(off + 17, (byte) 0); // NFNETLINK_V0
    b.putShort(off + 18, (short) queue);
    b.putShort(off + 20, Short.reverseBytes((short) 12));
    b.putShort(off + 22, Short.reverseBytes((short) NFQA_VERDICT_HDR));
    b.putInt(off + 24, nfVerdict);
    b.putInt(off + 28, id);
    if (withMark) {
      b.putShort(off + 32, Short.reverseBytes((short) 8));
      b.putShort(off + 34, Short.reverseBytes((short) NFQA_MARK));
      b.putInt(off + 36, mark);
    }
    return len;
  }
}
