package org.vigil.app.magic;

import java.io.ByteArrayOutputStream;
import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * A tiny protocol registered only by a test's services file: a client opening with "MAGIC!" claims
 * the flow; each detection pass of the client's direction that finds new message bytes inspects
 * them (after the magic) as file_data.
 */
public final class MagicProtocol implements AppProtocol {
  private static final byte[] MAGIC = {'M', 'A', 'G', 'I', 'C', '!'};

  @Override
  public String name() {
    return "magic";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public int probeBytes() {
    return MAGIC.length;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    if (!toServer) {
      return NO_MATCH;
    }
    int n = Math.min(len, MAGIC.length);
    for (int i = 0; i < n; i++) {
      if (b[off + i] != MAGIC[i]) {
        return NO_MATCH;
      }
    }
    return n == MAGIC.length ? MATCH : NEED_MORE;
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new Layer();
  }

  /** The client's bytes after the magic; the part not inspected yet is reported as one unit. */
  private static final class Layer implements AppLayer {
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private int seen;
    private int inspected;

    @Override
    public void onData(boolean toServer, byte[] buf, int off, int len) {
      if (!toServer) {
        return;
      }
      int skip = Math.max(0, Math.min(len, MAGIC.length - seen));
      seen += len;
      message.write(buf, off + skip, len - skip);
    }

    @Override
    public void onGap(boolean toServer, long length) {}

    @Override
    public void onClose(boolean toServer) {}

    @Override
    public void units(boolean toServer, boolean flowEnd, UnitSink out) {
      if (!toServer || message.size() == inspected) {
        return;
      }
      byte[] b = message.toByteArray();
      inspected = b.length;
      out.inspect(new AppUnit(true, null, s -> s.put(Buffers.FILE_DATA, b, 0, b.length), null));
    }
  }
}
