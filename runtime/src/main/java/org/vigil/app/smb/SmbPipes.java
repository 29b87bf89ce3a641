package org.vigil.app.smb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.app.UnitSink;
import org.vigil.app.dcerpc.DcerpcParser;
import org.vigil.app.dcerpc.DcerpcUnits;

/**
 * The named pipes of one SMB connection that carry DCE/RPC: one {@link DcerpcParser} per open file
 * (an SMB2 FileId or an SMB1 FID), fed what is written to the pipe (to the server) and read from it
 * (to the client). A file is taken as a DCE/RPC pipe when it lies in a tree the server said is a
 * pipe share (IPC$), or, when the tree connect was not seen, when its first data is a DCE/RPC
 * header. At most {@link #MAX_PIPES} pipes are followed per connection.
 */
final class SmbPipes {
  /** Pipes followed per connection at most. */
  static final int MAX_PIPES = 64;

  /** A file of the connection: the SMB dialect's identifiers. */
  record FileKey(int dialect, long id1, long id2) {
    // equals and hashCode written out (hashCode with the record's own formula): the generated ones
    // go through method handles that C2 inlines as large guard trees into every map lookup
    @Override
    public boolean equals(Object o) {
      return o instanceof FileKey k && dialect == k.dialect && id1 == k.id1 && id2 == k.id2;
    }

    @Override
    public int hashCode() {
      return (Integer.hashCode(dialect) * 31 + Long.hashCode(id1)) * 31 + Long.hashCode(id2);
    }
  }

  private final Map<FileKey, DcerpcParser> pipes = new LinkedHashMap<>();
  private final DcerpcUnits units = new DcerpcUnits();

  /**
   * Data written to ({@code toServer}) or read from file {@code key}; {@code pipeTree} true when
   * its tree is known to be a pipe share.
   */
  void data(FileKey key, boolean pipeTree, boolean toServer, byte[] b, int off, int len) {
    if (len <= 0 || !pipes.containsKey(key) && !(pipeTree || looksLikeDcerpc(b, off, len))) {
      return;
    }
    dcerpc(key, toServer, b, off, len);
  }

  /** Data of file {@code key} its dialect's reader decided is DCE/RPC. */
  void dcerpc(FileKey key, boolean toServer, byte[] b, int off, int len) {
    if (len <= 0) {
      return;
    }
    DcerpcParser p = pipes.get(key);
    if (p == null) {
      if (pipes.size() >= MAX_PIPES) {
        return;
      }
      p = new DcerpcParser(true);
      pipes.put(key, p);
    }
    p.onData(toServer, b, off, len);
    units.collect(p);
  }

  /** The file was closed: its DCE/RPC state is dropped. */
  void close(FileKey key) {
    pipes.remove(key);
  }

  /** Reports the DCE/RPC units ready (see {@link DcerpcUnits#report}). */
  void report(boolean toServer, boolean flowEnd, UnitSink out) {
    units.report(toServer, flowEnd, out);
  }

  private static boolean looksLikeDcerpc(byte[] b, int off, int len) {
    return len >= 16 && b[off] == 5 && (b[off + 1] == 0 || b[off + 1] == 1);
  }

  /**
   * Suricata 7's test of SMB data for DCE/RPC: a common header of version 5.0 to 5.2, a non-zero
   * fragment length and a PDU type up to 20.
   */
  static boolean probe(byte[] b, int off, int len) {
    return len >= 16
        && b[off] == 5
        && (b[off + 1] & 0xff) < 3
        && (b[off + 2] & 0xff) <= 20
        && (b[off + 8] != 0 || b[off + 9] != 0);
  }
}
