package org.vigil.app.ftp;

import java.nio.charset.StandardCharsets;
import org.vigil.app.AppContext;

/**
 * The data connections an FTP control channel announces, as Suricata 7 finds them: the port of the
 * client's PORT/EPRT command once the server replies (active mode), or of the server's "227 " reply
 * to PASV or "229 " reply to EPSV (passive mode); the next RETR or STOR (with a file name) then
 * expects a connection between the two hosts to that port, carrying the file as protocol "ftp-data"
 * ({@link FtpDataLayer}): to the client for a passive RETR or an active STOR, to the server
 * otherwise. A RETR or STOR with no port announced, or without a file name, is an error of
 * Suricata's FTP parser: it stops parsing the flow ({@link #onData} reports where). Lines end at
 * LF; the first {@value #MAX_LINE} bytes of a line count.
 */
final class FtpDataChannels {
  /** The most bytes of a line kept. */
  static final int MAX_LINE = 4096;

  /** The protocol name of a data connection. */
  static final String PROTOCOL = "ftp-data";

  private enum Command {
    PORT,
    EPRT,
    PASV,
    EPSV,
    RETR,
    STOR,
    OTHER
  }

  private final AppContext context;
  private final long threadBit;
  private boolean closed;

  /** The control flow is gone: it announces no more data flows. */
  void close() {
    if (!closed && context.layers() != null) {
      closed = true;
      context
          .layers()
          .expectations()
          .announcingEnded(context.clientAddress(), context.serverAddress(), threadBit);
    }
  }

  private final byte[][] line = {new byte[MAX_LINE], new byte[MAX_LINE]};
  private final int[] lineLen = new int[2];
  private Command command = Command.OTHER;
  private String portLine = "";
  private int dynPort;
  private boolean active;

  FtpDataChannels(AppContext context) {
    this.context = context;
    this.threadBit = context.control() == null ? 1 : context.control().runOrder().threadBit();
    if (context.layers() != null) {
      // its PORT/PASV and RETR/STOR announce data flows between the same hosts
      context
          .layers()
          .expectations()
          .announcing(context.clientAddress(), context.serverAddress(), threadBit);
    }
  }

  /**
   * Reads control channel bytes of direction {@code toServer}; returns the offset in {@code b} just
   * after a RETR or STOR line the parser fails on (the rest is not read), else -1.
   */
  int onData(boolean toServer, byte[] b, int off, int len) {
    int d = toServer ? 0 : 1;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == '\n') {
        int n = lineLen[d];
        if (n > 0 && line[d][n - 1] == '\r') {
          n--;
        }
        String text = new String(line[d], 0, n, StandardCharsets.ISO_8859_1);
        lineLen[d] = 0;
        if (toServer) {
          if (!onCommand(text)) {
            return i + 1;
          }
        } else {
          onReply(text);
        }
      } else if (lineLen[d] < MAX_LINE) {
        line[d][lineLen[d]++] = c;
      }
    }
    return -1;
  }

  /** Takes a client line; false when it is a RETR or STOR the parser fails on. */
  private boolean onCommand(String text) {
    command = Command.OTHER;
    if (text.length() >= 4) {
      String verb = text.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
      for (Command c : Command.values()) {
        if (c.name().equals(verb)) {
          command = c;
        }
      }
    }
    switch (command) {
      case PORT, EPRT -> portLine = text;
      case RETR, STOR -> {
        if (dynPort != 0 && text.length() >= 6) {
          boolean toClient = active ? command == Command.STOR : command == Command.RETR;
          if (context != null && context.layers() != null && context.clientAddress() != null) {
            context
                .layers()
                .expectations()
                .expect(
                    context.clientAddress(),
                    context.serverAddress(),
                    dynPort,
                    !toClient,
                    PROTOCOL,
                    new FtpDataFile(command.name(), text.substring(5)),
                    context.control() == null ? 0 : context.control().runOrder().position());
          }
          dynPort = 0;
          active = false;
        } else {
          return false;
        }
      }
      case PASV, EPSV, OTHER -> {}
    }
    return true;
  }

  private void onReply(String text) {
    int port =
        switch (command) {
          case PORT -> portCommand(portLine);
          case EPRT -> eprtCommand(portLine);
          case PASV -> text.startsWith("227 ") ? pasvReply(text) : 0;
          case EPSV -> text.startsWith("229 ") ? epsvReply(text) : 0;
          case RETR, STOR, OTHER -> 0;
        };
    if (port != 0) {
      dynPort = port;
      active = command == Command.PORT || command == Command.EPRT;
    }
  }

  /** The port of {@code PORT h1,h2,h3,h4,p1,p2}, or 0. */
  static int portCommand(String line) {
    if (line.length() < 5) {
      return 0;
    }
    return hostPort(line.substring(4).trim());
  }

  /** The port of a "227 ... (h1,h2,h3,h4,p1,p2)" reply, or 0. */
  static int pasvReply(String line) {
    int open = line.indexOf('(');
    int close = line.indexOf(')', open + 1);
    return open < 0 || close < 0 ? 0 : hostPort(line.substring(open + 1, close).trim());
  }

  /** The port of a "229 ... (|||port|)" reply, or 0. */
  static int epsvReply(String line) {
    int at = line.indexOf("|||");
    if (at < 0) {
      return 0;
    }
    int end = line.indexOf('|', at + 3);
    return end < 0 ? 0 : number(line.substring(at + 3, end), 65535);
  }

  /** The port of {@code EPRT |af|address|port|} (any delimiter), or 0. */
  static int eprtCommand(String line) {
    String rest = line.length() > 4 ? line.substring(4).trim() : "";
    if (rest.length() < 2) {
      return 0;
    }
    String d = rest.substring(0, 1);
    String[] f = rest.substring(1).split(java.util.regex.Pattern.quote(d), -1);
    return f.length < 4 ? 0 : number(f[2], 65535);
  }

  /** The port of "h1,h2,h3,h4,p1,p2" (each a number up to 255), or 0. */
  private static int hostPort(String s) {
    String[] f = s.split(",", -1);
    if (f.length != 6) {
      return 0;
    }
    int[] v = new int[6];
    for (int i = 0; i < 6; i++) {
      v[i] = number(f[i].trim(), 255);
      if (v[i] < 0) {
        return 0;
      }
    }
    return v[4] * 256 + v[5];
  }

  /** {@code s} as a decimal number up to {@code max}, or -1 (0 for a port field). */
  private static int number(String s, int max) {
    if (s.isEmpty() || s.length() > 5) {
      return max == 65535 ? 0 : -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return max == 65535 ? 0 : -1;
      }
    }
    int v = Integer.parseInt(s);
    return v <= max ? v : max == 65535 ? 0 : -1;
  }
}
