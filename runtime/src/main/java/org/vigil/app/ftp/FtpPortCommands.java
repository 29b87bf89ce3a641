package org.vigil.app.ftp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.RecordWriter;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * The PORT commands of an FTP client, for ftpbounce: client lines end at LF; each PORT line (any
 * case, without its line end, its first {@link #MAX_LINE} bytes) is a transaction of its own,
 * reported as a unit to the server with the line as the FTP command buffer on the next pull (as
 * Suricata inspects the command parsed last).
 */
final class FtpPortCommands {
  /** The most bytes of a command line kept. */
  static final int MAX_LINE = 512;

  private final byte[] line = new byte[MAX_LINE];
  private int lineLen;
  private final List<PortCommand> pending = new ArrayList<>();
  private long nextTx;

  /** Reads client bytes. */
  void onClientData(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == '\n') {
        endOfLine();
        lineLen = 0;
      } else if (lineLen < MAX_LINE) {
        line[lineLen++] = c;
      }
    }
  }

  private void endOfLine() {
    int n = lineLen;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    if (n >= 4
        && upper(line[0]) == 'P'
        && upper(line[1]) == 'O'
        && upper(line[2]) == 'R'
        && upper(line[3]) == 'T') {
      pending.add(new PortCommand(nextTx++, Arrays.copyOf(line, n)));
    }
  }

  private static int upper(byte b) {
    return FtpDetection.upper(b);
  }

  /** Reports the PORT commands read since the last pull (to the server only). */
  void units(boolean toServer, boolean flowEnd, UnitSink out) {
    if (!(toServer || flowEnd) || pending.isEmpty()) {
      return;
    }
    List<PortCommand> now = List.copyOf(pending);
    pending.clear();
    for (PortCommand p : now) {
      out.inspect(
          new AppUnit(
              true,
              p,
              sink -> sink.put(Buffers.FTP_COMMAND, p.line, 0, p.line.length),
              p::firstAlert));
    }
  }

  /** One PORT command: a transaction alerting once per rule. */
  private static final class PortCommand implements AppTransaction {
    private final long id;
    private final byte[] line;
    private final BitSet alerted = new BitSet();

    PortCommand(long id, byte[] line) {
      this.id = id;
      this.line = line;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public AppRecord appRecord() {
      String text = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
      return new AppRecord() {
        @Override
        public String eventType() {
          return "ftp";
        }

        @Override
        public void writeFields(RecordWriter out) {
          out.string("command", text.substring(0, 4).toUpperCase(java.util.Locale.ROOT));
          out.string("command_data", text.length() > 5 ? text.substring(5) : "");
        }
      };
    }

    @Override
    public boolean firstAlert(int rule) {
      if (alerted.get(rule)) {
        return false;
      }
      alerted.set(rule);
      return true;
    }
  }
}
