package org.vigil.app.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Both directions of one SMTP connection as Suricata 7's SMTP parser reads them: client command
 * lines (HELO/EHLO, MAIL FROM, RCPT TO, DATA, BDAT, STARTTLS, …) and server reply lines, matched in
 * order. DATA enters the mail data at once when the server announced PIPELINING (a continuation
 * line "250-PIPELINING" of a reply), else when it answers 354; the data ends at a line holding only
 * ".". BDAT's chunks are counted bytes, the mail ending with the LAST one. The mail data goes
 * through a {@link MimeParser}; its attachments become the {@link #drainFiles() files} of the
 * transaction. A 220 reply to STARTTLS ends SMTP: the connection turns into TLS. A gap ends the
 * parsing. Lines longer than {@link #LINE_MAX} are cut (commands, replies) or read in pieces (mail
 * data).
 */
public final class SmtpParser {
  /** The longest line kept whole. */
  public static final int LINE_MAX = 4096;

  /** The most commands waiting for their replies. */
  static final int MAX_PENDING = 128;

  /** An attachment of a transaction, ready for inspection. */
  public record FileUnit(SmtpTransaction tx, MimeFile file) {}

  private enum Command {
    DATA,
    STARTTLS,
    OTHER
  }

  /** The line being read: client, server, and the client's BDAT mail data. */
  private final byte[][] line = {new byte[LINE_MAX], new byte[LINE_MAX], new byte[LINE_MAX]};

  private static final int BDAT = 2;
  private final int[] lineLen = new int[3];

  /** Per line buffer: the line being read is longer than the buffer (its start was handled). */
  private final boolean[] piece = new boolean[3];

  private final ArrayDeque<Command> pending = new ArrayDeque<>();
  private final List<SmtpTransaction> completed = new ArrayList<>();
  private final List<FileUnit> files = new ArrayList<>();

  private boolean pipelining;
  private boolean dataMode;
  private long bdatLeft;

  /** The mail being read came with BDAT (its attachments are inspected, not logged as files). */
  private boolean bdatMail;

  private boolean bdatLast;
  private MimeParser mime;
  private String helo;
  private SmtpTransaction current;
  private long nextId;
  private boolean tls;
  private boolean stopped;

  /**
   * Reads {@code len} bytes of direction {@code toServer}; returns true when, in them, the server
   * accepted STARTTLS: the connection is TLS from the next bytes on (the rest of these are SMTP's,
   * as Suricata's parser consumes them).
   */
  public boolean onData(boolean toServer, byte[] b, int off, int len) {
    if (stopped || tls) {
      return false;
    }
    int d = toServer ? 0 : 1;
    int end = off + len;
    for (int i = off; i < end && !tls; i++) {
      if (toServer && bdatLeft > 0) {
        int n = (int) Math.min(end - i, bdatLeft);
        for (int k = 0; k < n; k++) {
          dataByte(b[i + k]);
        }
        i += n - 1;
        bdatLeft -= n;
        if (bdatLeft == 0 && bdatLast) {
          flushPiece();
          endMessage(true);
        }
        continue;
      }
      byte c = b[i];
      if (c == '\n') {
        endOfLine(d, toServer);
      } else {
        append(d, c, toServer && dataMode);
      }
    }
    return tls;
  }

  /** A gap in direction {@code toServer}: the parsing ends (an open mail ends cut). */
  public void onGap(boolean toServer) {
    if (mime != null) {
      endMessage(false);
    }
    stopped = true;
  }

  /**
   * Direction {@code toServer} closed: a mail still open ends cut, with the bytes of its last line
   * that had no line end.
   */
  public void onClose(boolean toServer) {
    if (toServer && mime != null && !stopped && !tls) {
      if (dataMode && lineLen[0] > 0) {
        mimeLine(0, lineLen[0], true, piece[0]);
        lineLen[0] = 0;
      }
      flushPiece();
      endMessage(false);
    }
  }

  /** True once the server accepted STARTTLS. */
  public boolean upgraded() {
    return tls;
  }

  /** The transaction open now (not done), or null. */
  public SmtpTransaction open() {
    return current != null && !current.done() ? current : null;
  }

  /** The transactions completed since the last call, in order. */
  public List<SmtpTransaction> drainCompleted() {
    if (completed.isEmpty()) {
      return List.of();
    }
    List<SmtpTransaction> out = List.copyOf(completed);
    completed.clear();
    return out;
  }

  /** The attachments completed since the last call, in order. */
  public List<FileUnit> drainFiles() {
    if (files.isEmpty()) {
      return List.of();
    }
    List<FileUnit> out = List.copyOf(files);
    files.clear();
    return out;
  }

  /** One byte of BDAT mail data: lines go to the MIME parser. */
  private void dataByte(byte c) {
    if (c == '\n') {
      mimeLine(BDAT, strip(BDAT), true, piece[BDAT]);
      lineLen[BDAT] = 0;
      piece[BDAT] = false;
    } else {
      append(BDAT, c, true);
    }
  }

  private void append(int d, byte c, boolean data) {
    if (lineLen[d] == LINE_MAX) {
      if (!data) {
        return; // an overlong command or reply: the rest is cut
      }
      mimeLine(d, LINE_MAX, false, piece[d]);
      piece[d] = true;
      lineLen[d] = 0;
    }
    line[d][lineLen[d]++] = c;
  }

  /** The bytes of a BDAT line held when its chunk ended the mail. */
  private void flushPiece() {
    if (lineLen[BDAT] > 0 || piece[BDAT]) {
      mimeLine(BDAT, strip(BDAT), true, piece[BDAT]);
    }
    lineLen[BDAT] = 0;
    piece[BDAT] = false;
  }

  private int strip(int d) {
    int n = lineLen[d];
    return n > 0 && line[d][n - 1] == '\r' ? n - 1 : n;
  }

  private void endOfLine(int d, boolean toServer) {
    int n = strip(d);
    boolean wasPiece = piece[d];
    lineLen[d] = 0;
    piece[d] = false;
    byte[] l = line[d];
    if (!toServer) {
      if (!wasPiece) {
        reply(l, n);
      }
      return;
    }
    if (dataMode) {
      if (!wasPiece && n == 1 && l[0] == '.') {
        endMessage(true);
      } else {
        mimeLine(0, n, true, wasPiece);
      }
      return;
    }
    if (!wasPiece) {
      command(l, n);
    }
  }

  /** Line buffer {@code d}'s first {@code n} bytes to the MIME parser. */
  private void mimeLine(int d, int n, boolean eol, boolean continued) {
    if (mime == null) {
      return;
    }
    mime.line(line[d], 0, n, eol, continued);
    collectFiles();
  }

  private void collectFiles() {
    for (MimeFile f : mime.drain()) {
      if (current != null) {
        current.attachment();
        if (!bdatMail) {
          current.file(f); // Suricata 7 opens no file of a mail sent with BDAT
        }
        files.add(new FileUnit(current, f));
      }
    }
  }

  private void command(byte[] l, int n) {
    String text = new String(l, 0, n, StandardCharsets.ISO_8859_1);
    int sp = text.indexOf(' ');
    String verb = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(Locale.ROOT);
    String arg = sp < 0 ? "" : text.substring(sp + 1).strip();
    if ((current == null || current.done()) && !verb.equals("RSET") && !verb.equals("QUIT")) {
      current = new SmtpTransaction(nextId++, helo);
    }
    Command pend = Command.OTHER;
    switch (verb) {
      case "HELO", "EHLO" -> {
        helo = arg;
        current.helo(arg);
      }
      case "MAIL" -> current.mailFrom(afterColon(arg, "FROM"));
      case "RCPT" -> current.addRcpt(afterColon(arg, "TO"));
      case "DATA" -> {
        pend = Command.DATA;
        mime = new MimeParser();
        bdatMail = false;
        if (pipelining) {
          dataMode = true;
        }
      }
      case "BDAT" -> bdat(arg);
      case "STARTTLS" -> pend = Command.STARTTLS;
      default -> {}
    }
    if (pending.size() == MAX_PENDING) {
      pending.poll();
    }
    pending.add(pend);
  }

  /** BDAT size [LAST]: the next size bytes are mail data. */
  private void bdat(String arg) {
    String[] w = arg.split("[ \t]+");
    long size;
    try {
      size = Long.parseLong(w[0]);
    } catch (NumberFormatException e) {
      return;
    }
    if (size < 0) {
      return;
    }
    if (mime == null) {
      mime = new MimeParser();
      bdatMail = true;
    }
    bdatLeft = size;
    bdatLast = w.length > 1 && w[1].equalsIgnoreCase("LAST");
    if (size == 0 && bdatLast) {
      flushPiece();
      endMessage(true);
    }
  }

  /** The argument of "MAIL FROM:x" / "RCPT TO:x" after the colon ({@code arg} is "FROM:x"). */
  private static String afterColon(String arg, String word) {
    int colon = arg.indexOf(':');
    if (colon >= 0 && arg.substring(0, colon).strip().equalsIgnoreCase(word)) {
      return arg.substring(colon + 1).strip();
    }
    return arg;
  }

  private void reply(byte[] l, int n) {
    if (n < 3 || !digit(l[0]) || !digit(l[1]) || !digit(l[2])) {
      return;
    }
    int code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
    if (n > 3 && l[3] == '-') {
      // a continuation line: the reply goes on; Suricata takes a line that is exactly
      // "250-PIPELINING" (any case) for the server's PIPELINING
      if (code == 250 && n == 14 && pipeliningAt4(l)) {
        pipelining = true;
      }
      return;
    }
    Command cmd = pending.poll();
    if (cmd == null) {
      return; // the greeting, or a reply to nothing seen
    }
    switch (cmd) {
      case DATA -> {
        if (code == 354) {
          dataMode = true;
        }
      }
      case STARTTLS -> {
        if (code == 220) {
          tls = true;
        }
      }
      case OTHER -> {}
    }
  }

  private void endMessage(boolean complete) {
    if (mime != null) {
      mime.end(complete);
      collectFiles();
      mime = null;
    }
    dataMode = false;
    bdatLeft = 0;
    bdatLast = false;
    if (current != null && !current.done()) {
      current.finish();
      completed.add(current);
    }
  }

  private static boolean pipeliningAt4(byte[] l) {
    byte[] p = {'P', 'I', 'P', 'E', 'L', 'I', 'N', 'I', 'N', 'G'};
    for (int k = 0; k < p.length; k++) {
      if (Character.toUpperCase((char) (l[4 + k] & 0xFF)) != p[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
