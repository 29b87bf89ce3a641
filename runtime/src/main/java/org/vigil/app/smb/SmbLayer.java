package org.vigil.app.smb;

import java.util.List;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.UnitSink;

/**
 * SMB on one TCP flow: as Suricata 7 when it detects SMB, the session's reassembly depth becomes
 * unlimited (its SMB parser asks for stream depth 0), so raw inspection sees an SMB transfer past
 * the global depth. Each direction is framed into NetBIOS session messages ({@link NbssFramer});
 * SMB1 and SMB2 messages are read for their named pipes' DCE/RPC ({@link Smb1Messages}, {@link
 * Smb2Messages}, {@link SmbPipes}), whose calls are reported as units; SMB2 messages are also read
 * for the files read and written ({@link Smb2Files}), each logged as a transaction with its EVE
 * fileinfo once it ends (as Suricata: at its CLOSE, else when the flow ends). Nothing else of SMB
 * is parsed (no HTTP parsing either), and raw inspection follows the usual timing. After a gap a
 * direction resumes at its next SMB message. A session message Suricata's parser fails on ({@link
 * SmbRecordCheck}) ends the parsing of both directions, as Suricata's parser error does; it and an
 * overlapping file chunk are Suricata's {@code malformed_data} and {@code file_overlap} events,
 * logged on the packet being processed (EVE anomaly records) when Suricata has a transaction to set
 * them on: its latest, which detection then inspects with them ({@link SmbEventUnits}).
 */
public final class SmbLayer implements AppLayer {
  private final NbssFramer[] framers = {new NbssFramer(), new NbssFramer()};
  private final SmbPipes pipes = new SmbPipes();
  private final Smb1Messages smb1 = new Smb1Messages(pipes);
  private final Smb2Messages smb2 = new Smb2Messages(pipes);
  private final Smb2Files files = new Smb2Files();
  private final SmbOpenRequests requests = new SmbOpenRequests();
  private final NbssFramer.Consumer[] consumers = {consumer(true), consumer(false)};
  private final AppControl control;
  private boolean ended;

  /** Suricata's parser failed on the flow: nothing more of it is parsed. */
  private boolean failed;

  /** The transactions events were set on, waiting for detection. */
  private final SmbEventUnits events = new SmbEventUnits();

  /**
   * The SMB layer of a flow detected as SMB now: its reassembly depth is raised through {@code
   * control}.
   */
  public SmbLayer(AppControl control) {
    this.control = control;
    control.raiseReassemblyDepth(0);
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (failed) {
      return;
    }
    int d = toServer ? 0 : 1;
    framers[d].onData(buf, off, len, consumers[d]);
    logEnded();
  }

  private NbssFramer.Consumer consumer(boolean toServer) {
    return new NbssFramer.Consumer() {
      @Override
      public void message(byte[] b, int off, int len) {
        if (failed) {
          return;
        }
        if (SmbRecordCheck.malformed(toServer, b, off, len)) {
          failed = true;
          event("malformed_data");
          return;
        }
        SmbLayer.this.message(toServer, b, off, len);
        if (len >= 4 && (b[off] & 0xFF) == 0xFE && b[off + 1] == 'S') {
          files.message(toServer, b, off, len, len);
        } else if (toServer && len >= 5 && (b[off] & 0xFF) == 0xFF && b[off + 1] == 'S') {
          files.smb1Request(b[off + 4] & 0xFF, len >= 32 && (b[off + 9] & 0x80) == 0);
        }
        requests.message(toServer, b, off, len);
        logOverlaps();
      }

      @Override
      public void head(byte[] b, int off, int len, int length) {
        if (!failed && len >= 4 && (b[off] & 0xFF) == 0xFE && b[off + 1] == 'S') {
          files.message(toServer, b, off, len, length);
          logOverlaps();
        }
      }
    };
  }

  /**
   * Logs the connection-wide event {@code name} on Suricata's latest transaction, when it has one
   * that is still open (a request waiting for its response, a file being transferred).
   */
  private void event(String name) {
    long tx = files.lastTransaction();
    if (tx >= 0 && (requests.any() || files.fileOpen())) {
      control.logEvents(events.raise(tx, name), "smb", List.of(name));
    }
  }

  private void logOverlaps() {
    for (long tx : files.drainOverlaps()) {
      control.logEvents(events.raise(tx, "file_overlap"), "smb", List.of("file_overlap"));
    }
  }

  private void logEnded() {
    for (SmbFile f : files.drainEnded()) {
      control.logTransaction(f);
    }
  }

  private void message(boolean toServer, byte[] b, int off, int len) {
    if (len < 4 || b[off + 1] != 'S' || b[off + 2] != 'M' || b[off + 3] != 'B') {
      return;
    }
    switch (b[off] & 0xFF) {
      case 0xFF -> smb1.message(toServer, b, off, len);
      case 0xFE -> smb2.message(toServer, b, off, len);
      default -> {} // encrypted SMB3 and others are not read
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    framers[toServer ? 0 : 1].gap();
    requests.gap();
  }

  @Override
  public void onClose(boolean toServer) {}

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    pipes.report(toServer, flowEnd, out);
    events.report(toServer, out);
    if (flowEnd && !ended) {
      ended = true;
      files.flowEnd();
      logEnded();
    }
  }
}
