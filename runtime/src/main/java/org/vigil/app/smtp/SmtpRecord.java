package org.vigil.app.smtp;

import java.util.List;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An SMTP transaction's EVE record ({@code event_type: smtp}) as Suricata prints its envelope:
 * {@code "smtp":{"helo":…,"mail_from":…,"rcpt_to":[…]}}, each argument as the client sent it.
 *
 * @param helo the HELO/EHLO argument, or null
 * @param mailFrom the MAIL FROM argument, or null
 * @param rcptTo the RCPT TO arguments (left out when empty)
 */
public record SmtpRecord(String helo, String mailFrom, List<String> rcptTo) implements AppRecord {
  @Override
  public String eventType() {
    return "smtp";
  }

  @Override
  public void writeFields(RecordWriter out) {
    out.string("helo", helo);
    out.string("mail_from", mailFrom);
    if (!rcptTo.isEmpty()) {
      out.startArray("rcpt_to");
      for (String r : rcptTo) {
        out.string(null, r);
      }
      out.endArray();
    }
  }

  @Override
  public String field(String path) {
    return switch (path) {
      case "smtp.helo" -> helo;
      case "smtp.mail_from" -> mailFrom;
      case "smtp.rcpt_to" -> rcptTo.isEmpty() ? null : String.join(",", rcptTo);
      default -> null;
    };
  }
}
