package org.vigil.app.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The mail an SMTP client is sending (after DATA, or in BDAT chunks): its lines go through a {@link
 * MimeParser}, whose attachments become files of the transaction they arrive in (a mail sent with
 * BDAT opens none, as Suricata 7's; its attachments are still inspected).
 */
final class SmtpMail {
  private MimeParser mime;

  /** The mail came with BDAT. */
  private boolean bdat;

  private final List<SmtpParser.FileUnit> files = new ArrayList<>();

  /** True while a mail is being read. */
  boolean open() {
    return mime != null;
  }

  /** A mail starts ({@code bdat}: sent with BDAT, else DATA). */
  void start(boolean bdat) {
    mime = new MimeParser();
    this.bdat = bdat;
  }

  /**
   * The first {@code n} bytes of {@code line} ({@code eol}: the line ended; {@code continued}: a
   * later piece of a line too long to hold), to transaction {@code tx}; nothing while no mail is
   * read.
   */
  void line(byte[] line, int n, boolean eol, boolean continued, SmtpTransaction tx) {
    if (mime == null) {
      return;
    }
    mime.line(line, 0, n, eol, continued);
    collect(tx);
  }

  /** The mail ends ({@code complete}: at its end mark, else cut), its last files to {@code tx}. */
  void end(boolean complete, SmtpTransaction tx) {
    if (mime != null) {
      mime.end(complete);
      collect(tx);
      mime = null;
    }
  }

  /** The attachments completed since the last call, in order. */
  List<SmtpParser.FileUnit> drainFiles() {
    if (files.isEmpty()) {
      return List.of();
    }
    List<SmtpParser.FileUnit> out = List.copyOf(files);
    files.clear();
    return out;
  }

  private void collect(SmtpTransaction tx) {
    for (MimeFile f : mime.drain()) {
      if (tx != null) {
        tx.attachment();
        if (!bdat) {
          tx.file(f);
        }
        files.add(new SmtpParser.FileUnit(tx, f));
      }
    }
  }
}
