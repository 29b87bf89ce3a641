package org.vigil.app.ftp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.RecordWriter;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * The FTP transactions of a flow as Suricata 7 keeps them, for ftpbounce: each client line naming a
 * command ({@link FtpCommandNames}) opens a transaction and becomes the flow's current command (a
 * line naming none makes it unknown); a PORT or EPRT line is kept as the flow's port line. Each
 * server line completes the oldest open transaction unless it is a preliminary reply (1xx); with
 * none open it goes to the last one, with none at all it opens one of its own. A transaction is
 * inspected to the server once it is complete (on the next pull of that direction) or at flow end,
 * never before: Suricata keeps no "updated" mark on FTP requests. Its unit carries, as the FTP
 * command buffer, the flow's port line when the current command is PORT at that moment (what
 * ftpbounce reads whatever the transaction), else nothing. Lines end at LF; a CR before it is not
 * part of the line; a line is cut at {@link #MAX_LINE} bytes.
 */
final class FtpTransactions {
  /** Suricata's ftp max-line-length. */
  static final int MAX_LINE = 4096;

  private final Lines client = new Lines();
  private final Lines server = new Lines();
  private final List<Tx> open = new ArrayList<>();
  private int command = -1;
  private byte[] portLine;
  private long nextTx;

  /** Reads client bytes. */
  void onClientData(byte[] b, int off, int len) {
    client.read(b, off, len, this::request);
  }

  /** Reads server bytes. */
  void onServerData(byte[] b, int off, int len) {
    server.read(b, off, len, this::reply);
  }

  private void request(byte[] line, int n) {
    command = FtpCommandNames.of(line, n);
    if (command < 0) {
      return;
    }
    if (command == FtpCommandNames.PORT || command == FtpCommandNames.EPRT) {
      portLine = Arrays.copyOf(line, n);
    }
    open.add(new Tx(nextTx++, Arrays.copyOf(line, n), command));
  }

  private void reply(byte[] line, int n) {
    Tx tx = null;
    for (int i = 0; i < open.size(); i++) {
      Tx t = open.get(i);
      if (!t.done) {
        tx = t;
        break;
      }
    }
    if (tx == null && !open.isEmpty()) {
      tx = open.get(open.size() - 1);
    }
    if (tx == null) {
      tx = new Tx(nextTx++, new byte[0], -1);
      open.add(tx);
    }
    if (!preliminary(line, n)) {
      tx.done = true;
    }
  }

  /**
   * The number of the oldest transaction not answered yet, or the next number when all are
   * (Suricata's inspect id: an FTP transaction completes in both directions with its reply).
   */
  long inspectId() {
    for (int i = 0; i < open.size(); i++) {
      Tx t = open.get(i);
      if (!t.done) {
        return t.id;
      }
    }
    return nextTx;
  }

  /** A 1xx reply: digits then a blank. */
  private static boolean preliminary(byte[] l, int n) {
    return n >= 4
        && l[0] == '1'
        && Character.isDigit(l[1])
        && Character.isDigit(l[2])
        && Character.isWhitespace(l[3]);
  }

  /**
   * Reports the transactions now inspected to the server: the complete ones on a pull to the
   * server, all the others at flow end. A reported transaction is forgotten.
   */
  void units(boolean toServer, boolean flowEnd, UnitSink out) {
    if (!(toServer || flowEnd) || open.isEmpty()) {
      return;
    }
    byte[] bounceLine = command == FtpCommandNames.PORT ? portLine : null;
    List<Tx> now = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      Tx t = open.get(i);
      if (t.done || flowEnd) {
        now.add(t);
      }
    }
    open.removeAll(now);
    for (Tx t : now) {
      out.inspect(
          new AppUnit(
              true,
              t,
              sink -> {
                if (bounceLine != null) {
                  sink.put(Buffers.FTP_COMMAND, bounceLine, 0, bounceLine.length);
                }
              },
              t::firstAlert));
    }
  }

  /** The lines of one direction. */
  private static final class Lines {
    private final byte[] line = new byte[MAX_LINE];
    private int len;

    interface Sink {
      void line(byte[] line, int len);
    }

    void read(byte[] b, int off, int n, Sink sink) {
      for (int i = off; i < off + n; i++) {
        byte c = b[i];
        if (c == '\n') {
          int l = len;
          if (l > 0 && l < MAX_LINE && line[l - 1] == '\r') {
            l--;
          }
          sink.line(line, l);
          len = 0;
        } else if (len < MAX_LINE) {
          line[len++] = c;
        }
      }
    }
  }

  /** One command and its replies: a transaction alerting once per rule. */
  private static final class Tx implements AppTransaction {
    private final long id;
    private final byte[] request;
    private final int command;
    private final AlertedRules alerted = new AlertedRules();
    private boolean done;

    Tx(long id, byte[] request, int command) {
      this.id = id;
      this.request = request;
      this.command = command;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public AppRecord appRecord() {
      String name = command < 0 ? null : FtpCommandNames.NAMES[command];
      String text = new String(request, StandardCharsets.ISO_8859_1);
      int space = text.indexOf(' ');
      String data = space < 0 ? null : text.substring(space + 1);
      return new AppRecord() {
        @Override
        public String eventType() {
          return "ftp";
        }

        @Override
        public void writeFields(RecordWriter out) {
          out.string("command", name == null ? null : name.toUpperCase(Locale.ROOT));
          out.string("command_data", data);
        }
      };
    }

    @Override
    public boolean firstAlert(int rule) {
      return alerted.first(rule);
    }
  }
}
