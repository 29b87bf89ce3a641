package org.vigil.app.smtp;

import java.util.ArrayList;
import java.util.List;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppFile;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;

/**
 * One SMTP transaction as Suricata 7 counts them: opened by the first command while none is open
 * (RSET and QUIT open none), closed by the end of its mail data. It keeps the envelope (MAIL FROM,
 * RCPT TO) and the number of attachments; a rule alerts on it at most once.
 */
public final class SmtpTransaction implements AppTransaction {
  /** The most RCPT TO arguments kept. */
  static final int MAX_RCPT = 64;

  /** The most attachments kept as files (EVE fileinfo records) of one transaction. */
  static final int MAX_FILES = 64;

  private final long id;
  private String helo;
  private String mailFrom;
  private final List<String> rcptTo = new ArrayList<>();
  private int attachments;
  private final List<AppFile> files = new ArrayList<>();
  private boolean done;
  private boolean data;
  private boolean logged;
  private final List<String> events = new ArrayList<>();
  private int eventsWritten;
  private final AlertedRules alerted = new AlertedRules();

  SmtpTransaction(long id, String helo) {
    this.id = id;
    this.helo = helo;
  }

  @Override
  public long id() {
    return id;
  }

  /** The HELO/EHLO argument the connection gave before this transaction opened, or null. */
  public String helo() {
    return helo;
  }

  /** The MAIL FROM argument, or null. */
  public String mailFrom() {
    return mailFrom;
  }

  /** The RCPT TO arguments, in order. */
  public List<String> rcptTo() {
    return List.copyOf(rcptTo);
  }

  /** The attachments of its mail seen so far. */
  public int attachments() {
    return attachments;
  }

  /** True once its mail data ended. */
  public boolean done() {
    return done;
  }

  void helo(String v) {
    helo = v;
  }

  void mailFrom(String v) {
    mailFrom = v;
  }

  void addRcpt(String v) {
    if (rcptTo.size() < MAX_RCPT) {
      rcptTo.add(v);
    }
  }

  void attachment() {
    attachments++;
  }

  /**
   * An attachment of its mail ended: one of its files (EVE fileinfo), at most {@code MAX_FILES}.
   */
  void file(MimeFile f) {
    if (files.size() < MAX_FILES) {
      files.add(new AppFile(true, f.name(), f.size(), false, f.complete(), null, null, null));
    }
  }

  @Override
  public List<AppFile> files() {
    return List.copyOf(files);
  }

  void finish() {
    done = true;
  }

  /** True once its client sent DATA (a second DATA in it is unparsable content). */
  boolean sentData() {
    return data;
  }

  void dataSent() {
    data = true;
  }

  /** True the first time it is asked: the transaction is logged once. */
  boolean firstLog() {
    if (logged) {
      return false;
    }
    logged = true;
    return true;
  }

  /** Records parser event {@code name} (Suricata's name, e.g. {@code INVALID_REPLY}). */
  void event(String name) {
    events.add(name);
  }

  /** Every parser event raised on it, in order. */
  List<String> events() {
    return List.copyOf(events);
  }

  /**
   * The parser events raised on it since the last call, in order (each one EVE anomaly record,
   * written as Suricata does after the packet whose data raised it).
   */
  List<String> newEvents() {
    if (eventsWritten == events.size()) {
      return List.of();
    }
    List<String> out = List.copyOf(events.subList(eventsWritten, events.size()));
    eventsWritten = events.size();
    return out;
  }

  @Override
  public AppRecord appRecord() {
    return new SmtpRecord(helo, mailFrom, List.copyOf(rcptTo));
  }

  @Override
  public boolean firstAlert(int rule) {
    return alerted.first(rule);
  }
}
