package org.vigil.app.smb;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The requests of an SMB connection still waiting for their response: each keeps a transaction of
 * Suricata 7's open (not freed), so a connection-wide event it raises has a transaction to go to.
 * Counted are SMB1 and SMB2 requests Suricata makes a transaction of whatever their body (not
 * reads, writes, transactions, info queries, cancels or lock requests, which may need no answer); a
 * response of the same multiplex or message id (not an interim STATUS_PENDING one) ends one. A gap
 * forgets them all (Suricata closes its transactions from before a gap). At most {@link
 * #MAX_ENTRIES} are kept.
 */
final class SmbOpenRequests {
  static final int MAX_ENTRIES = 1024;

  private static final long STATUS_PENDING = 0x00000103L;
  private static final Set<Integer> SMB1_NOT_COUNTED =
      Set.of(0x2E, 0x2F, 0x25, 0x32, 0x33, 0x0B, 0x2C, 0xA4, 0x24);
  private static final Set<Integer> SMB2_NOT_COUNTED = Set.of(8, 9, 12, 16, 17, 18);
  private static final long SMB1_KEY = 1L << 62;

  private final Set<Long> open = new LinkedHashSet<>();

  /** A whole session message of direction {@code toServer}, {@code len} bytes at {@code off}. */
  void message(boolean toServer, byte[] b, int off, int len) {
    if (len < 32 || b[off + 1] != 'S' || b[off + 2] != 'M' || b[off + 3] != 'B') {
      return;
    }
    switch (b[off] & 0xFF) {
      case 0xFF -> {
        boolean response = (b[off + 9] & 0x80) != 0;
        long key = SMB1_KEY | Smb2Messages.u16(b, off + 30);
        if (response != toServer) {
          update(response, key, b[off + 4] & 0xFF, SMB1_NOT_COUNTED, false);
        }
      }
      case 0xFE -> smb2(toServer, b, off, off + len);
      default -> {}
    }
  }

  /** True while a request waits for its response. */
  boolean any() {
    return !open.isEmpty();
  }

  /** A gap in either direction. */
  void gap() {
    open.clear();
  }

  private void smb2(boolean toServer, byte[] b, int p, int end) {
    for (int chain = 0; chain < 64 && p + 64 <= end; chain++) {
      if ((b[p] & 0xFF) != 0xFE || b[p + 1] != 'S') {
        return;
      }
      boolean response = (Smb2Messages.u32(b, p + 16) & 1) != 0;
      if (response != toServer) {
        boolean pending = response && Smb2Messages.u32(b, p + 8) == STATUS_PENDING;
        update(
            response,
            Smb2Messages.u64(b, p + 24),
            Smb2Messages.u16(b, p + 12),
            SMB2_NOT_COUNTED,
            pending);
      }
      long next = Smb2Messages.u32(b, p + 20);
      if (next < 64 || next > end - p) {
        return;
      }
      p += (int) next;
    }
  }

  private void update(
      boolean response, long key, int command, Set<Integer> notCounted, boolean pending) {
    if (!response) {
      if (!notCounted.contains(command) && open.size() < MAX_ENTRIES) {
        open.add(key);
      }
    } else if (!pending) {
      open.remove(key);
    }
  }
}
