package org.vigil.app.smb;

import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.UnitSink;

/**
 * SMB on one TCP flow: as Suricata 7 when it detects SMB, the session's reassembly depth becomes
 * unlimited (its SMB parser asks for stream depth 0), so raw inspection sees an SMB transfer past
 * the global depth. Each direction is framed into NetBIOS session messages ({@link NbssFramer});
 * SMB1 and SMB2 messages are read for their named pipes' DCE/RPC ({@link Smb1Messages}, {@link
 * Smb2Messages}, {@link SmbPipes}), whose calls are reported as units. Nothing else of SMB is
 * parsed (no HTTP parsing either), and raw inspection follows the usual timing. After a gap a
 * direction resumes at its next SMB message.
 */
public final class SmbLayer implements AppLayer {
  private final NbssFramer[] framers = {new NbssFramer(), new NbssFramer()};
  private final SmbPipes pipes = new SmbPipes();
  private final Smb1Messages smb1 = new Smb1Messages(pipes);
  private final Smb2Messages smb2 = new Smb2Messages(pipes);

  /**
   * The SMB layer of a flow detected as SMB now: its reassembly depth is raised through {@code
   * control}.
   */
  public SmbLayer(AppControl control) {
    control.raiseReassemblyDepth(0);
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    framers[toServer ? 0 : 1].onData(buf, off, len, (b, o, n) -> message(toServer, b, o, n));
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
  }
}
