package org.vigil.app.smb;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the SMB2 messages of a connection (each NetBIOS message may hold a compound chain) for what
 * its named pipes carry: TREE_CONNECT requests and responses make the trees known (pipe shares or
 * not), CREATE requests and responses name the opened files, WRITE requests, READ responses and
 * FSCTL_PIPE_TRANSCEIVE IOCTLs carry the data (a READ or IOCTL response finds its FileId through
 * its request's message id), and {@link SmbPipeNames} decides as Suricata 7 which data is DCE/RPC
 * for {@link SmbPipes}; CLOSE drops a pipe. As Suricata's parser, the data is read where the fixed
 * part of its message ends (after a response's input buffer for an IOCTL response), whatever offset
 * the message gives.
 */
final class Smb2Messages {
  private static final int HEADER = 64;
  private static final int TREE_CONNECT = 3;
  private static final int TREE_DISCONNECT = 4;
  private static final int CREATE = 5;
  private static final int CLOSE = 6;
  private static final int READ = 8;
  private static final int WRITE = 9;
  private static final int IOCTL = 11;
  private static final long FSCTL_PIPE_TRANSCEIVE = 0x0011C017L;
  private static final int MAX_PENDING = 1024;

  private final SmbPipes pipes;
  private final SmbPipeNames names = new SmbPipeNames();

  /** TREE_CONNECT requests waiting for their response: their message ids. */
  private final Set<Long> treeRequests = new HashSet<>();

  /** CREATE requests waiting for their response: message id to the file name. */
  private final Map<Long, String> createRequests = new LinkedHashMap<>();

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
        if (!response) {
          bounded(treeRequests, messageId);
        } else if (treeRequests.remove(messageId) && status == 0 && body + 3 <= end) {
          // Suricata keeps a tree whose request and successful response it saw
          names.tree(tree, b[body + 2] == 2);
        }
      }
      case TREE_DISCONNECT -> names.treeGone(tree);
      case CREATE -> {
        if (!response && body + 48 <= end) {
          int nameOff = u16(b, body + 44);
          int nameLen = u16(b, body + 46);
          if (nameOff >= HEADER && h + nameOff + nameLen <= end) {
            createRequests.put(messageId, SmbPipeNames.name(b, h + nameOff, nameLen));
            if (createRequests.size() > MAX_PENDING) {
              createRequests.remove(createRequests.keySet().iterator().next());
            }
          }
        } else if (response && status == 0 && body + 80 <= end) {
          String name = createRequests.remove(messageId);
          if (name != null) {
            names.name(key(b, body + 64), name);
          }
        }
      }
      case WRITE -> {
        if (!response && body + 48 <= end) {
          data(key(b, body + 16), tree, true, b, h, end, HEADER + 48, u32(b, body + 4));
        }
      }
      case READ -> {
        if (!response && body + 32 <= end) {
          remember(messageId, key(b, body + 16));
        } else if (response && body + 8 <= end) {
          SmbPipes.FileKey key = pending.remove(messageId);
          if (key != null && (status == 0 || status == 0x80000005L)) {
            data(key, tree, false, b, h, end, HEADER + 16, u32(b, body + 4));
          }
        }
      }
      case IOCTL -> {
        if (body + 48 > end || u32(b, body + 4) != FSCTL_PIPE_TRANSCEIVE) {
          return;
        }
        SmbPipes.FileKey key = key(b, body + 8);
        // a transceive is DCE/RPC when its file was opened by a DCE/RPC service's pipe name
        boolean dcerpc = names.service(key);
        if (!response) {
          remember(messageId, key);
          if (dcerpc) {
            transceive(key, true, b, h, end, HEADER + 56, u32(b, body + 28));
          }
        } else {
          pending.remove(messageId);
          long input = u32(b, body + 28);
          if (dcerpc && (status == 0 || status == 0x80000005L) && input <= end - body) {
            transceive(key, false, b, h, end, HEADER + 48 + (int) input, u32(b, body + 36));
          }
        }
      }
      case CLOSE -> {
        if (!response && body + 24 <= end) {
          SmbPipes.FileKey key = key(b, body + 8);
          pipes.close(key);
          names.closed(key);
        }
      }
      default -> {}
    }
  }

  private void transceive(
      SmbPipes.FileKey key, boolean toServer, byte[] b, int h, int end, int dataOff, long len) {
    if (dataOff < HEADER || len <= 0 || h + dataOff > end) {
      return;
    }
    pipes.dcerpc(key, toServer, b, h + dataOff, (int) Math.min(len, end - (h + dataOff)));
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
    if (names.dcerpc(key, tree, toServer, b, h + dataOff, n)) {
      pipes.dcerpc(key, toServer, b, h + dataOff, n);
    }
  }

  private static void bounded(Set<Long> set, long id) {
    if (set.size() >= MAX_PENDING) {
      set.clear();
    }
    set.add(id);
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
