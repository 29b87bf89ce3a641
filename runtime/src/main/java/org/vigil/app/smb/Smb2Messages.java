package org.vigil.app.smb;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the SMB2 messages of a connection (each NetBIOS message may hold a compound chain) for what
 * its named pipes carry: TREE_CONNECT responses name the pipe shares; WRITE requests, READ
 * responses and FSCTL_PIPE_TRANSCEIVE IOCTLs give the pipe data to {@link SmbPipes} (a READ or
 * IOCTL response finds its FileId through its request's message id); CLOSE drops a pipe.
 */
final class Smb2Messages {
  private static final int HEADER = 64;
  private static final int TREE_CONNECT = 3;
  private static final int CLOSE = 6;
  private static final int READ = 8;
  private static final int WRITE = 9;
  private static final int IOCTL = 11;
  private static final long FSCTL_PIPE_TRANSCEIVE = 0x0011C017L;
  private static final int MAX_PENDING = 1024;

  private final SmbPipes pipes;
  private final Set<Long> pipeTrees = new HashSet<>();

  /** READ and IOCTL requests waiting for their response: message id to FileId. */
  private final Map<Long, SmbPipes.FileKey> pending = new LinkedHashMap<>();

  Smb2Messages(SmbPipes pipes) {
    this.pipes = pipes;
  }

  /** One NetBIOS message starting with the SMB2 magic, of direction {@code toServer}. */
  void message(boolean toServer, byte[] b, int off, int len) {
    int p = off;
    int end = off + len;
    for (int chain = 0; chain < 64 && p + HEADER <= end; chain++) {
      if ((b[p] & 0xFF) != 0xFE || b[p + 1] != 'S' || b[p + 2] != 'M' || b[p + 3] != 'B') {
        return;
      }
      long next = u32(b, p + 20);
      int msgEnd = next == 0 || next > end - p ? end : p + (int) next;
      one(toServer, b, p, msgEnd);
      if (next == 0 || next < HEADER || next > end - p) {
        return;
      }
      p += (int) next;
    }
  }

  private void one(boolean toServer, byte[] b, int h, int end) {
    int command = u16(b, h + 12);
    boolean response = (u32(b, h + 16) & 1) != 0;
    boolean async = (u32(b, h + 16) & 2) != 0;
    long status = u32(b, h + 8);
    long messageId = u64(b, h + 24);
    long tree = async ? -1 : u32(b, h + 36);
    int body = h + HEADER;
    if (response != !toServer) {
      return; // a message against its direction is not read
    }
    switch (command) {
      case TREE_CONNECT -> {
        if (response && status == 0 && body + 3 <= end && b[body + 2] == 2) {
          pipeTrees.add(tree);
        }
      }
      case WRITE -> {
        if (!response && body + 32 <= end) {
          int dataOff = u16(b, body + 2);
          long len = u32(b, body + 4);
          SmbPipes.FileKey key = key(b, body + 16);
          data(key, tree, true, b, h, end, dataOff, len);
        }
      }
      case READ -> {
        if (!response && body + 32 <= end) {
          remember(messageId, key(b, body + 16));
        } else if (response && body + 8 <= end) {
          SmbPipes.FileKey key = pending.remove(messageId);
          if (key != null && (status == 0 || status == 0x80000005L)) {
            data(key, tree, false, b, h, end, b[body + 2] & 0xFF, u32(b, body + 4));
          }
        }
      }
      case IOCTL -> {
        if (body + 48 > end || u32(b, body + 4) != FSCTL_PIPE_TRANSCEIVE) {
          return;
        }
        SmbPipes.FileKey key = key(b, body + 8);
        if (!response) {
          remember(messageId, key);
          data(key, tree, true, b, h, end, (int) u32(b, body + 24), u32(b, body + 28));
        } else {
          pending.remove(messageId);
          if (status == 0 || status == 0x80000005L) {
            data(key, tree, false, b, h, end, (int) u32(b, body + 32), u32(b, body + 36));
          }
        }
      }
      case CLOSE -> {
        if (!response && body + 24 <= end) {
          pipes.close(key(b, body + 8));
        }
      }
      default -> {}
    }
  }

  private void data(
      SmbPipes.FileKey key,
      long tree,
      boolean toServer,
      byte[] b,
      int h,
      int end,
      int dataOff,
      long len) {
    if (dataOff < HEADER || len <= 0 || h + dataOff > end) {
      return;
    }
    int n = (int) Math.min(len, end - (h + dataOff));
    pipes.data(key, pipeTrees.contains(tree), toServer, b, h + dataOff, n);
  }

  private void remember(long messageId, SmbPipes.FileKey key) {
    pending.put(messageId, key);
    if (pending.size() > MAX_PENDING) {
      pending.remove(pending.keySet().iterator().next());
    }
  }

  private static SmbPipes.FileKey key(byte[] b, int at) {
    return new SmbPipes.FileKey(2, u64(b, at), u64(b, at + 8));
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  static long u32(byte[] b, int at) {
    return u16(b, at) | (long) u16(b, at + 2) << 16;
  }

  static long u64(byte[] b, int at) {
    return u32(b, at) | u32(b, at + 4) << 32;
  }
}
