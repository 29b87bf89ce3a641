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
 * ".". BDAT's chunks are counted bytes, the mail ending with the LAST one (its transaction stays
 * open, as Suricata ends none at BDAT). The mail data goes through a {@link MimeParser}; its
 * attachments become the {@link #drainFiles() files} of the transaction. A transaction is opened by
 * any client line while none is open (a mail line too), but RSET and QUIT outside mail data after a
 * finished one; it is over at the mail's end mark, a 250 to RSET or a 220 to STARTTLS, which also
 * ends SMTP: the connection turns into TLS. A gap ends the parsing. Lines longer than {@link
 * #LINE_MAX} are cut (commands, replies) or read in pieces (mail data).
 *
 * <p>It raises Suricata's SMTP parser events on the open transaction (none while there is none):
 * INVALID_REPLY (a reply line shorter than 3 bytes or without a known reply code, which ends the
 * parsing as Suricata's parser error does; a first reply to no command that is not 220),
 * NO_SERVER_WELCOME_MESSAGE (a client line before the server's first reply), DATA_COMMAND_REJECTED
 * (DATA answered other than 354), UNPARSABLE_CONTENT (a second DATA in one transaction: ignored),
 * DUPLICATE_FIELDS (a second HELO/EHLO on the connection or MAIL FROM in the transaction: the first
 * is kept), TLS_REJECTED (STARTTLS answered other than 220) and BDAT_CHUNK_LEN_EXCEEDED (a BDAT
 * chunk that does not end at a line end, or of size 0: Suricata reads the chunk by lines, the line
 * crossing the chunk's end overruns it and ends the parsing).
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
    RSET,
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

  private boolean pipelining;
  private boolean dataMode;
  private final BdatChunks bdat = new BdatChunks();

  /** The mail being read. */
  private final SmtpMail mail = new SmtpMail();

  private String helo;
  private SmtpTransaction current;
  private long nextId;
  private boolean tls;
  private boolean stopped;
  private boolean failed;
  private boolean overrunNext;

  /** The server's first reply was seen (a reply when no command waited, at its last line). */
  private boolean firstReplySeen;

  /** The server is inside a multi-line reply (its last line had "-" after the code). */
  private boolean multiline;

  /**
   * The current transaction was done before the data being read: Suricata has freed it (logged and
   * inspected), so any client line opens a new one, RSET and QUIT too.
   */
  private boolean currentFreed;

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
    currentFreed = current != null && current.done();
    boolean inChunk = toServer && bdat.reading(); // Suricata then reads a cut line as a line
    for (int i = off; i < end && !tls && !stopped; i++) {
      if (toServer && overrunNext) {
        overrun(); // the client's line after a chunk already counted full
        break;
      }
      if (toServer && bdat.reading()) {
        int n = bdat.take(end - i);
        for (int k = 0; k < n; k++) {
          dataByte(b[i + k]);
        }
        bdat.read(n, b[i + n - 1]);
        i += n - 1;
        boolean overran = bdat.overran();
        if (bdat.lastEnded()) {
          flushPiece();
          endMessage(true, false);
        }
        if (overran) {
          // the line crossing the chunk's end overruns it once Suricata reads that line: at its
          // end, or with the next data (a line cut by the data's end is read whole)
          overrunNext = true;
          if (inChunk || SmtpText.indexOf(b, i + 1, end, (byte) '\n') >= 0) {
            overrun();
          }
          break;
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
    if (mail.open()) {
      endMessage(false);
    }
    stopped = true;
  }

  /**
   * Direction {@code toServer} closed: a mail still open ends cut, with the bytes of its last line
   * that had no line end.
   */
  public void onClose(boolean toServer) {
    if (toServer && mail.open() && !stopped && !tls) {
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

  /** The transaction commands go to now (done or not), or null. */
  SmtpTransaction current() {
    return current;
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
    return mail.drainFiles();
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

  /**
   * The line crossing a BDAT chunk's end overruns it (Suricata's BDAT_CHUNK_LEN_EXCEEDED, a parser
   * error): raised when the chunk ends, the parsing ends.
   */
  private void overrun() {
    event("BDAT_CHUNK_LEN_EXCEEDED");
    stopped = true;
    failed = true;
  }

  /** True once a client line made Suricata's parser fail (its parsing ended; BDAT). */
  public boolean failed() {
    return failed;
  }

  /** Raises parser event {@code name} on the open transaction (none: not raised). */
  private void event(String name) {
    if (current != null) {
      current.event(name);
    }
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
    boolean bare = n == lineLen[d];
    boolean wasPiece = piece[d];
    lineLen[d] = 0;
    piece[d] = false;
    byte[] l = line[d];
    if (!toServer) {
      if (!wasPiece) {
        reply(l, n, bare);
      }
      return;
    }
    if (dataMode) {
      if (current == null || current.done()) {
        // as Suricata: every client line may open a transaction, a mail line too (the server's
        // 354 can put the parser back into mail data after the end mark)
        current = new SmtpTransaction(nextId++, helo);
      }
      if (!firstReplySeen) {
        event("NO_SERVER_WELCOME_MESSAGE");
      }
      if (!wasPiece && n == 1 && l[0] == '.') {
        endMessage(true);
        // the server answers the mail as a command of its own
        addPending(Command.OTHER);
      } else {
        mimeLine(0, n, true, wasPiece);
      }
      return;
    }
    if (!wasPiece) {
      command(l, n);
    }
  }

  /** Line buffer {@code d}'s first {@code n} bytes to the mail. */
  private void mimeLine(int d, int n, boolean eol, boolean continued) {
    mail.line(line[d], n, eol, continued, current);
  }

  private void command(byte[] l, int n) {
    String text = new String(l, 0, n, StandardCharsets.ISO_8859_1);
    int sp = text.indexOf(' ');
    String verb = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(Locale.ROOT);
    String arg = sp < 0 ? "" : text.substring(sp + 1).strip();
    // RSET and QUIT belong to the transaction before them (Suricata tests the line's first bytes)
    // while it was not freed yet
    boolean noNewTx = SmtpText.startsWith(l, n, "RSET") || SmtpText.startsWith(l, n, "QUIT");
    if (current == null || (current.done() && (currentFreed || !noNewTx))) {
      current = new SmtpTransaction(nextId++, helo);
    }
    if (!firstReplySeen) {
      event("NO_SERVER_WELCOME_MESSAGE");
    }
    Command pend = Command.OTHER;
    switch (verb) {
      case "HELO", "EHLO" -> {
        if (helo != null) {
          event("DUPLICATE_FIELDS");
        } else {
          helo = arg;
          current.helo(arg);
        }
      }
      case "MAIL" -> {
        if (current.mailFrom() != null) {
          event("DUPLICATE_FIELDS");
        } else {
          current.mailFrom(SmtpText.afterColon(arg, "FROM"));
        }
      }
      case "RCPT" -> current.addRcpt(SmtpText.afterColon(arg, "TO"));
      case "DATA" -> {
        if (current.sentData()) {
          // DATA again before the server took the first: Suricata ignores the line
          event("UNPARSABLE_CONTENT");
          return;
        }
        current.dataSent();
        pend = Command.DATA;
        mail.start(false);
        if (pipelining) {
          dataMode = true;
        }
      }
      case "BDAT" -> startBdat(arg);
      case "STARTTLS" -> pend = Command.STARTTLS;
      case "RSET" -> {
        bdat.reset();
        pend = Command.RSET;
      }
      default -> {}
    }
    addPending(pend);
  }

  private void addPending(Command c) {
    if (pending.size() == MAX_PENDING) {
      pending.poll();
    }
    pending.add(c);
  }

  /** BDAT size [LAST]: mail data follows, as much as Suricata counts ({@link BdatChunks}). */
  private void startBdat(String arg) {
    BdatChunks.Start start = bdat.start(arg);
    if (start == BdatChunks.Start.INVALID) {
      stopped = true; // Suricata's parser fails on the line
      failed = true;
      return;
    }
    if (!mail.open()) {
      mail.start(true);
    }
    if (start == BdatChunks.Start.OVERRUN) {
      overrunNext = true; // the next client line is already past the chunk
      if (bdat.last()) {
        flushPiece();
        endMessage(true, false);
      }
    }
  }

  /**
   * One server line ({@code n} bytes without its line end; {@code bare}: it ended with a lone LF),
   * in Suricata's order: its length and multi-line mark, its code, the first reply, then the
   * command it answers; the command is answered at the reply's last line.
   */
  private void reply(byte[] l, int n, boolean bare) {
    if (n == 0 && bare) {
      return; // an empty line ended by a lone LF is skipped
    }
    if (n < 3) {
      invalidReply();
      return;
    }
    multiline = n >= 4 && l[3] == '-';
    int code = SmtpText.replyCode(l);
    if (code < 0) {
      invalidReply();
      return;
    }
    Command cmd = pending.peek();
    if (cmd == null) {
      // the greeting (first reply, its last line), or a reply to nothing seen
      if (!firstReplySeen) {
        firstReplySeen = !multiline;
        if (code != 220) {
          event("INVALID_REPLY");
        }
      }
      return;
    }
    switch (cmd) {
      case DATA -> {
        if (code == 354) {
          dataMode = true;
        } else {
          event("DATA_COMMAND_REJECTED");
        }
      }
      case STARTTLS -> {
        if (code == 220) {
          tls = true;
          complete(); // the transaction before the upgrade is over
        } else {
          event("TLS_REJECTED");
        }
      }
      case RSET -> {
        if (code == 250 && !multiline) {
          complete();
        }
      }
      case OTHER -> {}
    }
    if (!multiline) {
      pending.poll();
    } else if (firstReplySeen && code == 250 && n == 14 && SmtpText.pipeliningAt4(l)) {
      // Suricata takes a continuation line that is exactly "250-PIPELINING" (any case)
      pipelining = true;
    }
  }

  /** A reply line Suricata's parser fails on: INVALID_REPLY, the parsing ends. */
  private void invalidReply() {
    event("INVALID_REPLY");
    stopped = true;
  }

  private void endMessage(boolean complete) {
    endMessage(complete, true);
  }

  /**
   * The mail ends ({@code complete}: at its end mark, else cut); {@code finish}: its transaction is
   * done (a DATA mail's end mark; Suricata never ends a transaction at a BDAT LAST chunk, it stays
   * open for the next commands).
   */
  private void endMessage(boolean complete, boolean finish) {
    mail.end(complete, current);
    dataMode = false;
    bdat.clear();
    if (finish) {
      complete();
    }
  }

  /** The open transaction is over (logged): a mail's end mark, an accepted STARTTLS or RSET. */
  private void complete() {
    if (current != null && !current.done()) {
      current.finish();
      completed.add(current);
    }
  }
}
