package org.vigil.app.magic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppContext;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.RecordWriter;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * A tiny protocol registered only by a test's services file: a client opening with "MAGIC!" claims
 * the flow; each detection pass of the client's direction that finds new message bytes inspects
 * them (after the magic) as file_data. The flow is one transaction, logged when the client closes
 * as an EVE {@code magic} record ({@code "magic":{"message":…,"length":…}}), which alerts on it
 * carry too.
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
    return new Layer(context.control());
  }

  /** The EVE record of the flow's one transaction: the message so far. */
  private record MagicRecord(String message) implements AppRecord {
    @Override
    public String eventType() {
      return "magic";
    }

    @Override
    public void writeFields(RecordWriter out) {
      out.string("message", message);
      out.number("length", message.length());
    }
  }

  /** The client's bytes after the magic; the part not inspected yet is reported as one unit. */
  private static final class Layer implements AppLayer, AppTransaction {
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private final AppControl control;
    private int seen;
    private int inspected;
    private final AlertedRules alerted = new AlertedRules();

    Layer(AppControl control) {
      this.control = control;
    }

    @Override
    public long id() {
      return 0;
    }

    @Override
    public AppRecord appRecord() {
      return new MagicRecord(message.toString(StandardCharsets.ISO_8859_1));
    }

    @Override
    public boolean firstAlert(int rule) {
      return alerted.first(rule);
    }

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
    public void onClose(boolean toServer) {
      if (toServer) {
        control.logTransaction(this);
      }
    }

    @Override
    public void units(boolean toServer, boolean flowEnd, UnitSink out) {
      if (!toServer || message.size() == inspected) {
        return;
      }
      byte[] b = message.toByteArray();
      inspected = b.length;
      out.inspect(new AppUnit(true, this, s -> s.put(Buffers.FILE_DATA, b, 0, b.length), null));
    }
  }
}
