package org.vigil.app.smb;

import java.util.List;
import java.util.TreeMap;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppFile;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;

/**
 * One file an SMB connection transfers in one direction, as Suricata 7's SMB file transaction: the
 * chunks READ responses (to the client) or WRITE requests (to the server) carry for one FileId are
 * put in file order; a chunk past the file's end so far waits (at most {@link #MAX_QUEUED}) until
 * the bytes before it arrive, one before it overlaps and is dropped. The file ends at the CLOSE of
 * its FileId or, to the client, a read answered end-of-file ({@code CLOSED}), else when the flow
 * ends ({@code TRUNCATED}). Logged once, as an EVE {@code smb} record with its {@code fileinfo}.
 */
final class SmbFile implements AppTransaction {
  /** Out-of-order chunks kept waiting per file. */
  static final int MAX_QUEUED = 64;

  private final long id;
  private final boolean toServer;
  private final SmbFileRecord record;
  private final TreeMap<Long, Long> queued = new TreeMap<>();
  private final AlertedRules alerted = new AlertedRules();
  private long tracked;
  private boolean gaps;
  private boolean done;
  private boolean closed;

  SmbFile(long id, boolean toServer, SmbFileRecord record) {
    this.id = id;
    this.toServer = toServer;
    this.record = record;
  }

  @Override
  public long id() {
    return id;
  }

  /** The file goes to the server (written). */
  boolean toServer() {
    return toServer;
  }

  /** True once closed or cut off. */
  boolean done() {
    return done;
  }

  /** A chunk of {@code length} bytes at file offset {@code offset} (ignored once done). */
  void chunk(long offset, long length) {
    if (done || length <= 0) {
      return;
    }
    if (offset == tracked) {
      tracked += length;
      for (var e = queued.firstEntry(); e != null && e.getKey() <= tracked; ) {
        queued.pollFirstEntry();
        tracked = Math.max(tracked, e.getKey() + e.getValue());
        e = queued.firstEntry();
      }
    } else if (offset > tracked && queued.size() < MAX_QUEUED) {
      queued.merge(offset, length, Math::max);
    }
  }

  /** The file ended as its protocol says ({@code complete}) or was cut off. */
  void end(boolean complete) {
    if (done) {
      return;
    }
    done = true;
    closed = complete;
    if (!queued.isEmpty()) {
      gaps = true;
    }
  }

  /** Bytes of the file put in order so far. */
  long size() {
    return tracked;
  }

  @Override
  public AppRecord appRecord() {
    return record;
  }

  @Override
  public boolean firstAlert(int rule) {
    return alerted.first(rule);
  }

  @Override
  public List<AppFile> files() {
    return List.of(
        new AppFile(toServer, record.filename(), tracked, gaps, closed, null, null, null));
  }
}
