package org.vigil.app.smb;

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
 * direction resumes at its next SMB message.
 */
public final class SmbLayer implements AppLayer {
  private final NbssFramer[] framers = {new NbssFramer(), new NbssFramer()};
  private final SmbPipes pipes = new SmbPipes();
  private final Smb1Messages smb1 = new Smb1Messages(pipes);
  private final Smb2Messages smb2 = new Smb2Messages(pipes);
  private final Smb2Files files = new Smb2Files();
  private final NbssFramer.Consumer[] consumers = {consumer(true), consumer(false)};
  private final AppControl control;
  private boolean ended;

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
    int d = toServer ? 0 : 1;
    framers[d].onData(buf, off, len, consumers[d]);
    logEnded();
  }

  private NbssFramer.Consumer consumer(boolean toServer) {
    return new NbssFramer.Consumer() {
      @Override
      public void message(byte[] b, int off, int len) {
        SmbLayer.this.message(toServer, b, off, len);
        if (len >= 4 && (b[off] & 0xFF) == 0xFE && b[off + 1] == 'S') {
          files.message(toServer, b, off, len, len);
        } else if (toServer && len >= 5 && (b[off] & 0xFF) == 0xFF && b[off + 1] == 'S') {
          files.smb1Request(b[off + 4] & 0xFF);
        }
      }

      @Override
      public void head(byte[] b, int off, int len, int length) {
        if (len >= 4 && (b[off] & 0xFF) == 0xFE && b[off + 1] == 'S') {
          files.message(toServer, b, off, len, length);
        }
      }
    };
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
  }

  @Override
  public void onClose(boolean toServer) {}

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    pipes.report(toServer, flowEnd, out);
    if (flowEnd && !ended) {
      ended = true;
      files.flowEnd();
      logEnded();
    }
  }
}
