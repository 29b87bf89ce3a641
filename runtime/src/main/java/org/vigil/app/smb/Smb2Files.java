package org.vigil.app.smb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The files an SMB2 connection reads and writes, as Suricata 7 tracks them: a CREATE request names
 * a file and its response gives the FileId; a TREE_CONNECT request names a share and its response
 * says whether the tree id is a pipe share. A READ response (the offset from its request) or a
 * WRITE request on a FileId that is not a pipe makes one {@link SmbFile} per FileId and direction;
 * a FileId of a tree whose connect was not seen is a pipe when its data starts as DCE/RPC. A CLOSE
 * request ends both directions' files of its FileId, a READ answered end-of-file the read one.
 * Transactions are numbered as Suricata numbers its SMB transactions (one per request but READ,
 * WRITE, GET_INFO and SET_INFO, one per NEGOTIATE dialect, one per pipe write, one per file), so
 * the files' {@code tx_id}s mostly agree with its own. Every map is bounded.
 */
final class Smb2Files {
  private static final int HEADER = 64;
  private static final int SMB1_NEGOTIATE = 0x72;
  private static final int NEGOTIATE = 0;
  private static final int TREE_CONNECT = 3;
  private static final int CREATE = 5;
  private static final int CLOSE = 6;
  private static final int READ = 8;
  private static final int WRITE = 9;
  private static final int GET_INFO = 16;
  private static final int SET_INFO = 17;
  private static final long STATUS_PENDING = 0x00000103L;
  private static final long STATUS_BUFFER_OVERFLOW = 0x80000005L;
  private static final long STATUS_END_OF_FILE = 0xC0000011L;
  private static final long[] NO_EVENTS = {};

  /** SMB1 READ_ANDX, WRITE_ANDX, TRANS, TRANS2, WRITE and WRITE_AND_CLOSE. */
  private static final java.util.Set<Integer> SMB1_BODY_DEPENDENT =
      java.util.Set.of(0x2E, 0x2F, 0x25, 0x32, 0x0B, 0x2C);

  /** Entries kept per map (requests waiting, names, trees) and open files at most. */
  static final int MAX_ENTRIES = 1024;

  // The map keys below write out equals and hashCode (hashCode with the record's own formula): the
  // generated ones go through method handles that C2 inlines as large guard trees into every
  // lookup.

  /** A FileId. */
  private record Fuid(long persistent, long volatileId) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Fuid f && persistent == f.persistent && volatileId == f.volatileId;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(persistent) * 31 + Long.hashCode(volatileId);
    }
  }

  /** A file of one direction. */
  private record FileKey(Fuid fuid, boolean toServer) {
    @Override
    public boolean equals(Object o) {
      return o instanceof FileKey k && Objects.equals(fuid, k.fuid) && toServer == k.toServer;
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(fuid) * 31 + Boolean.hashCode(toServer);
    }
  }

  /** A tree id of a session. */
  private record TreeKey(long session, long tree) {
    @Override
    public boolean equals(Object o) {
      return o instanceof TreeKey k && session == k.session && tree == k.tree;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(session) * 31 + Long.hashCode(tree);
    }
  }

  /** A connected tree: its share's name and whether it is a pipe share. */
  private record Tree(String share, boolean pipe) {}

  /** A READ request waiting for its response. */
  private record ReadRequest(Fuid fuid, long offset) {}

  private final Map<Long, String> treeRequests = bounded();
  private final Map<TreeKey, Tree> trees = bounded();
  private final Map<Long, String> createRequests = bounded();
  private final Map<Fuid, String> names = bounded();
  private final Map<Long, ReadRequest> reads = bounded();
  private final Map<FileKey, SmbFile> open = new LinkedHashMap<>();
  private final ArrayDeque<SmbFile> ended = new ArrayDeque<>();
  private final List<Long> overlaps = new ArrayList<>();
  private long transactions;
  private boolean negotiated;
  private boolean smb1Negotiated;

  /**
   * One NetBIOS message starting with the SMB2 magic, of direction {@code toServer}: {@code len}
   * bytes at {@code b[off]} of a message {@code length} bytes long (more than {@code len} when only
   * its head was kept: then only its first SMB2 message is read, its data counted by the lengths
   * its header gives).
   */
  void message(boolean toServer, byte[] b, int off, int len, int length) {
    int p = off;
    int end = off + len;
    for (int chain = 0; chain < 64 && p + HEADER <= end; chain++) {
      if ((b[p] & 0xFF) != 0xFE || b[p + 1] != 'S' || b[p + 2] != 'M' || b[p + 3] != 'B') {
        return;
      }
      long next = Smb2Messages.u32(b, p + 20);
      boolean last = next == 0 || next < HEADER || next > end - p;
      int msgEnd = last ? end : p + (int) next;
      int dataEnd = last ? off + length : msgEnd;
      one(toServer, b, p, msgEnd, dataEnd);
      if (last) {
        return;
      }
      p += (int) next;
    }
  }

  /**
   * An SMB1 request of the connection, command {@code command}: its first NEGOTIATE (a dialect
   * negotiation that the server answers in SMB2) is a transaction of Suricata's; with {@code
   * generic} (a whole request header) so is a command Suricata makes a transaction of whatever its
   * body (not a read, write or transaction, whose transactions depend on what they carry).
   */
  void smb1Request(int command, boolean generic) {
    if (command == SMB1_NEGOTIATE) {
      if (!smb1Negotiated) {
        smb1Negotiated = true;
        transactions++;
      }
    } else if (generic && !SMB1_BODY_DEPENDENT.contains(command)) {
      transactions++;
    }
  }

  /**
   * The number Suricata gives the connection's latest transaction (the one its events other than a
   * transaction's own go to), or -1 before the first.
   */
  long lastTransaction() {
    return transactions - 1;
  }

  /** True while a file of the connection is open (its transaction not done). */
  boolean fileOpen() {
    return !open.isEmpty();
  }

  /**
   * The transactions of the {@code file_overlap} events since the last call: a READ response or
   * WRITE request of an open file at an offset before the bytes already put in order, set (as
   * Suricata does) on the connection's latest transaction.
   */
  long[] drainOverlaps() {
    if (overlaps.isEmpty()) {
      return NO_EVENTS;
    }
    long[] out = overlaps.stream().mapToLong(Long::longValue).toArray();
    overlaps.clear();
    return out;
  }

  /** The files that ended since the last call, in the order they ended. */
  List<SmbFile> drainEnded() {
    if (ended.isEmpty()) {
      return List.of();
    }
    List<SmbFile> out = new ArrayList<>(ended);
    ended.clear();
    return out;
  }

  /** The flow ends: every open file is cut off ({@code TRUNCATED}) and drained next. */
  void flowEnd() {
    for (SmbFile f : open.values()) {
      f.end(false);
      ended.add(f);
    }
    open.clear();
  }

  private void one(boolean toServer, byte[] b, int h, int end, int dataEnd) {
    int command = Smb2Messages.u16(b, h + 12);
    long flags = Smb2Messages.u32(b, h + 16);
    boolean response = (flags & 1) != 0;
    if (response == toServer) {
      return; // a message against its direction is not read
    }
    boolean async = (flags & 2) != 0;
    long status = Smb2Messages.u32(b, h + 8);
    long messageId = Smb2Messages.u64(b, h + 24);
    long tree = async ? -1 : Smb2Messages.u32(b, h + 36);
    long session = Smb2Messages.u64(b, h + 40);
    int body = h + HEADER;
    if (!response) {
      countRequest(command);
    }
    switch (command) {
      case TREE_CONNECT -> {
        if (!response && body + 8 <= end) {
          String path =
              text(b, h + Smb2Messages.u16(b, body + 4), Smb2Messages.u16(b, body + 6), end);
          treeRequests.put(messageId, path);
        } else if (response && body + 3 <= end) {
          String share = treeRequests.remove(messageId);
          if (status == 0 && share != null) {
            trees.put(new TreeKey(session, tree), new Tree(share, b[body + 2] == 2));
          }
        }
      }
      case CREATE -> {
        if (!response && body + 48 <= end) {
          String name =
              text(b, h + Smb2Messages.u16(b, body + 44), Smb2Messages.u16(b, body + 46), end);
          createRequests.put(messageId, name);
        } else if (response) {
          String name = createRequests.remove(messageId);
          if (status == 0 && name != null && body + 80 <= end) {
            names.put(fuid(b, body + 64), name);
          }
        }
      }
      case READ -> {
        if (!response && body + 32 <= end) {
          reads.put(messageId, new ReadRequest(fuid(b, body + 16), Smb2Messages.u64(b, body + 8)));
        } else if (response) {
          readResponse(b, h, end, dataEnd, status, messageId, new TreeKey(session, tree));
        }
      }
      case WRITE -> {
        if (!response && body + 32 <= end) {
          int dataOff = Smb2Messages.u16(b, body + 2);
          long length = Smb2Messages.u32(b, body + 4);
          long offset = Smb2Messages.u64(b, body + 8);
          Fuid f = fuid(b, body + 16);
          data(f, true, offset, length, b, h, end, dataEnd, dataOff, new TreeKey(session, tree));
        }
      }
      case CLOSE -> {
        if (!response && body + 24 <= end) {
          Fuid f = fuid(b, body + 8);
          close(new FileKey(f, true));
          close(new FileKey(f, false));
        }
      }
      default -> {}
    }
  }

  private void readResponse(
      byte[] b, int h, int end, int dataEnd, long status, long messageId, TreeKey tree) {
    ReadRequest rq = reads.get(messageId);
    if (rq == null || status == STATUS_PENDING) {
      return; // an interim answer: the final one comes later under the same message id
    }
    reads.remove(messageId);
    if (status == STATUS_END_OF_FILE) {
      close(new FileKey(rq.fuid(), false));
      return;
    }
    int body = h + HEADER;
    if ((status != 0 && status != STATUS_BUFFER_OVERFLOW) || body + 8 > end) {
      return;
    }
    int dataOff = b[body + 2] & 0xFF;
    long length = Smb2Messages.u32(b, body + 4);
    data(rq.fuid(), false, rq.offset(), length, b, h, end, dataEnd, dataOff, tree);
  }

  private void data(
      Fuid f,
      boolean toServer,
      long offset,
      long length,
      byte[] b,
      int h,
      int end,
      int dataEnd,
      int dataOff,
      TreeKey treeKey) {
    if (dataOff < HEADER || length <= 0 || h + dataOff > dataEnd) {
      return;
    }
    long n = Math.min(length, dataEnd - (h + dataOff));
    FileKey key = new FileKey(f, toServer);
    SmbFile file = open.get(key);
    if (file != null && offset < file.size() && overlaps.size() < MAX_ENTRIES) {
      overlaps.add(transactions - 1);
    }
    if (file == null) {
      Tree tree = trees.get(treeKey);
      if (tree == null && looksLikeDcerpc(b, h + dataOff, Math.min(end, dataEnd) - (h + dataOff))) {
        if (treeKey.tree() >= 0) {
          trees.put(treeKey, new Tree("", true)); // the tree connect was missed: a pipe share
        }
        if (toServer) {
          transactions++;
        }
        return;
      }
      if (tree != null && tree.pipe()) {
        if (toServer) {
          transactions++; // Suricata's DCE/RPC transaction of a pipe write
        }
        return;
      }
      if (open.size() >= MAX_ENTRIES) {
        return;
      }
      String name = names.get(f);
      long id = transactions++;
      file =
          new SmbFile(
              id,
              toServer,
              new SmbFileRecord(
                  id + 1,
                  toServer ? "SMB2_COMMAND_WRITE" : "SMB2_COMMAND_READ",
                  treeKey.session(),
                  Math.max(0, treeKey.tree()),
                  name != null ? name : toServer ? "" : "<unknown>",
                  tree != null ? tree.share() : "",
                  guid(f)));
      open.put(key, file);
    }
    file.chunk(offset, n);
  }

  private void close(FileKey key) {
    SmbFile f = open.remove(key);
    if (f != null) {
      f.end(true);
      ended.add(f);
    }
  }

  /** Suricata opens a transaction for most requests; its file transactions count among them. */
  private void countRequest(int command) {
    switch (command) {
      case READ, WRITE, GET_INFO, SET_INFO -> {}
      case NEGOTIATE -> {
        if (!negotiated) {
          negotiated = true;
          transactions++;
        }
      }
      default -> transactions++;
    }
  }

  private static Fuid fuid(byte[] b, int at) {
    return new Fuid(Smb2Messages.u64(b, at), Smb2Messages.u64(b, at + 8));
  }

  /** A FileId as the GUID text Suricata writes ({@code 0000004d-0000-0000-0009-0000ffffffff}). */
  static String guid(long persistent, long volatileId) {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits((int) persistent)
        + '-'
        + hex.toHexDigits((short) (persistent >>> 32))
        + '-'
        + hex.toHexDigits((short) (persistent >>> 48))
        + '-'
        + hex.toHexDigits((short) volatileId)
        + '-'
        + hex.toHexDigits((short) (volatileId >>> 16))
        + hex.toHexDigits((int) (volatileId >>> 32));
  }

  private static String guid(Fuid f) {
    return guid(f.persistent(), f.volatileId());
  }

  /** A UTF-16 name as Suricata keeps it: its zero bytes dropped, the rest one byte a character. */
  private static String text(byte[] b, int at, int len, int end) {
    if (at < 0 || len <= 0 || at >= end) {
      return "";
    }
    int stop = Math.min(end, at + len);
    StringBuilder s = new StringBuilder(len / 2);
    for (int i = at; i < stop; i++) {
      if (b[i] != 0) {
        s.append((char) (b[i] & 0xFF));
      }
    }
    return s.toString();
  }

  private static boolean looksLikeDcerpc(byte[] b, int off, int len) {
    return len >= 16 && b[off] == 5 && (b[off + 1] == 0 || b[off + 1] == 1);
  }

  private static <K, V> Map<K, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > MAX_ENTRIES;
      }
    };
  }
}
