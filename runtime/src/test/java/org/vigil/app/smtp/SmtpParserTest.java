package org.vigil.app.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SMTP parser on hand-made conversations: envelope, transactions, attachments, STARTTLS. */
class SmtpParserTest {
  private final SmtpParser p = new SmtpParser();
  private final List<SmtpTransaction> done = new ArrayList<>();
  private final List<SmtpParser.FileUnit> files = new ArrayList<>();

  private boolean client(String s) {
    return feed(true, s);
  }

  private boolean server(String s) {
    return feed(false, s);
  }

  private boolean feed(boolean toServer, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    boolean r = p.onData(toServer, b, 0, b.length);
    done.addAll(p.drainCompleted());
    files.addAll(p.drainFiles());
    return r;
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static final String MAIL =
      "Subject: x\r\n"
          + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
          + "\r\n"
          + "--b1\r\n"
          + "Content-Type: text/plain\r\n"
          + "\r\n"
          + "hello\r\n"
          + "--b1\r\n"
          + "Content-Type: application/zip; name=\"a.zip\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n"
          + "\r\n"
          + Base64.getMimeEncoder()
              .encodeToString("PK\u0003\u0004zipped".getBytes(StandardCharsets.ISO_8859_1))
          + "\r\n--b1\r\n"
          + "Content-Disposition: attachment;\r\n filename=notes.txt\r\n"
          + "Content-Transfer-Encoding: quoted-printable\r\n"
          + "\r\n"
          + "line=3Done soft=\r\n"
          + "break\r\n"
          + "two\r\n"
          + "--b1--\r\n"
          + "epilogue\r\n";

  @Test
  void theEnvelopeAndTheAttachmentsOfAMail() {
    server("220 mx ESMTP\r\n");
    client("EHLO client.example\r\n");
    server("250-mx\r\n250 SIZE 10\r\n");
    client("MAIL FROM:<a@example.com> SIZE=10\r\n");
    server("250 ok\r\n");
    client("RCPT TO:<b@example.com>\r\nRCPT TO: <c@example.com>\r\n");
    server("250 ok\r\n250 ok\r\n");
    client("DATA\r\n");
    assertEquals("<a@example.com>", p.open().mailFrom(), "the transaction is open (no parameters)");
    server("354 go\r\n");
    client(MAIL);
    assertEquals(List.of(), done, "the mail has not ended yet");
    client(".\r\n");
    assertEquals(1, done.size());
    SmtpTransaction tx = done.get(0);
    assertEquals(0, tx.id());
    assertEquals("client.example", tx.helo());
    assertEquals("<a@example.com>", tx.mailFrom());
    assertEquals(List.of("<b@example.com>", "<c@example.com>"), tx.rcptTo());
    assertEquals(2, files.size(), "the text part is no attachment");
    assertEquals("a.zip", files.get(0).file().name());
    assertEquals("PK\u0003\u0004zipped", text(files.get(0).file().data()));
    assertEquals("notes.txt", files.get(1).file().name());
    assertEquals("line=one softbreak\r\ntwo", text(files.get(1).file().data()));
    assertEquals(2, tx.attachments());
    assertFalse(files.get(0).file().truncated());
  }

  @Test
  void withoutPipeliningTheDataWaitsFor354() {
    client("HELO h\r\n");
    server("250 ok\r\n");
    client("DATA\r\n");
    client("QUIT\r\n");
    assertEquals(List.of(), done, "QUIT before 354 is a command, not mail data");
    server("554 no\r\n");
    client("MAIL FROM:<x@y>\r\n");
    assertEquals(0, p.open().id(), "still the first transaction: its mail never started");
  }

  @Test
  void pipeliningCountsOnlyAsAContinuationLineOfItsOwn() {
    client("EHLO h\r\n");
    server("250-mx\r\n250 PIPELINING\r\n");
    client(
        "MAIL FROM:<a@b>\r\nDATA\r\nContent-Disposition: attachment; filename=x\r\n\r\nx\r\n.\r\n");
    assertEquals(List.of(), done, "without PIPELINING the data waits for 354: these were commands");
  }

  @Test
  void withPipeliningTheDataFollowsDataAtOnce() {
    server("220 mx\r\n");
    client("EHLO h\r\n");
    server("250-mx\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
    client("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n" + MAIL + ".\r\nMAIL FROM:<e@f>\r\n");
    assertEquals(1, done.size());
    assertEquals(2, files.size());
    assertEquals(1, p.open().id(), "the next MAIL FROM opens the second transaction");
    assertEquals("<e@f>", p.open().mailFrom());
  }

  @Test
  void bdatChunksAreCountedBytes() {
    server("220 mx\r\n");
    client("EHLO h\r\n");
    String body = "Content-Disposition: attachment; filename=\"r.bin\"\r\n\r\nraw\r\nbytes\r\n";
    int half = body.indexOf("\r\n\r\n") + 2; // a chunk ends at a line end
    client("BDAT " + half + "\r\n" + body.substring(0, half));
    assertEquals(List.of(), done);
    // as Suricata's, a connection's chunks are counted into one index: the second size is the
    // total so far
    client("BDAT " + body.length() + " LAST\r\n" + body.substring(half));
    assertEquals(List.of(), done, "as Suricata's, a BDAT LAST chunk leaves its transaction open");
    assertEquals(1, files.size());
    assertEquals("raw\r\nbytes", text(files.get(0).file().data()));
    assertEquals(List.of(), p.open().events(), "chunks ending at line ends: no event");
    client("MAIL FROM:<a@b>\r\nMAIL FROM:<c@d>\r\n");
    assertEquals(0, p.open().id(), "the next MAIL FROM is the same transaction's");
    assertEquals(List.of("DUPLICATE_FIELDS"), p.open().events());
  }

  @Test
  void aBdatChunkEndingInsideALineOverrunsItAndEndsTheParsing() {
    server("220 mx\r\n");
    client("EHLO h\r\n");
    server("250 ok\r\n");
    client("BDAT 5\r\nhello");
    client(" world\r\nBDAT 2 LAST\r\nx\n");
    assertEquals(List.of("BDAT_CHUNK_LEN_EXCEEDED"), p.open().events());
    client("MAIL FROM:<a@b>\r\n");
    assertNull(p.open().mailFrom(), "nothing is parsed after the overrun");
  }

  @Test
  void anEmptyBdatChunkIsOverrunByTheNextLine() {
    server("220 mx\r\n");
    client("EHLO h\r\nBDAT 0 LAST\r\n");
    assertEquals(List.of(), p.open().events(), "raised when the next line comes");
    client("QUIT\r\n");
    assertEquals(List.of("BDAT_CHUNK_LEN_EXCEEDED"), p.open().events());
  }

  @Test
  void aClientSpeakingBeforeTheGreetingMakesTheRepliesInvalid() {
    // the greeting answers EHLO; the EHLO reply's lines then answer nothing while no first reply
    // was seen: each is an invalid reply, and PIPELINING among them does not count
    client("EHLO h\r\n");
    server("220 mx ESMTP\r\n250-mx\r\n250-PIPELINING\r\n250 HELP\r\n");
    client("MAIL FROM:<a@b>\r\nMAIL FROM:<c@d>\r\n");
    server("250 ok\r\n250 ok\r\n");
    client("DATA\r\n");
    client("DATA\r\n");
    server("503 no\r\n");
    client("HELO again\r\n");
    assertEquals(
        List.of(
            "NO_SERVER_WELCOME_MESSAGE",
            "INVALID_REPLY",
            "INVALID_REPLY",
            "INVALID_REPLY",
            "DUPLICATE_FIELDS",
            "UNPARSABLE_CONTENT",
            "DATA_COMMAND_REJECTED",
            "DUPLICATE_FIELDS"),
        p.open().events());
    assertEquals("<a@b>", p.open().mailFrom(), "the first MAIL FROM is kept");
    assertEquals("h", p.open().helo(), "the first HELO is kept");
  }

  @Test
  void aReplyWithoutAKnownCodeEndsTheParsing() {
    server("220 mx\r\n");
    client("EHLO h\r\n");
    server("299 what\r\n");
    client("MAIL FROM:<a@b>\r\n");
    assertEquals(List.of("INVALID_REPLY"), p.open().events());
    assertNull(p.open().mailFrom(), "nothing is parsed after the invalid reply");
    SmtpParser q = new SmtpParser();
    byte[] hi = "220 mx\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] ok = "ok\r\n".getBytes(StandardCharsets.ISO_8859_1);
    q.onData(false, hi, 0, hi.length);
    q.onData(true, "EHLO h\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, 8);
    q.onData(false, ok, 0, ok.length);
    assertEquals(List.of("INVALID_REPLY"), q.open().events(), "a reply line under 3 bytes");
  }

  @Test
  void aRefusedStarttlsIsAnEvent() {
    server("220 mx\r\n");
    client("STARTTLS\r\n");
    server("502 not now\r\n");
    assertEquals(List.of("TLS_REJECTED"), p.open().events());
    client("STARTTLS\r\n");
    server("454 TLS not available\r\n");
    assertEquals(
        List.of("TLS_REJECTED", "INVALID_REPLY"),
        p.open().events(),
        "454 is no reply code Suricata knows: invalid, the parsing ends");
  }

  @Test
  void starttlsAcceptedTurnsTheConnectionIntoTls() {
    client("EHLO h\r\n");
    server("250 STARTTLS\r\n");
    assertFalse(client("STARTTLS\r\n"));
    assertFalse(server("502 not now\r\n"), "refused: still SMTP");
    client("STARTTLS\r\n");
    assertTrue(server("220 go ahead\r\n"));
    assertTrue(p.upgraded());
    assertFalse(client("MAIL FROM:<a@b>\r\n"), "TLS bytes are not read");
  }

  @Test
  void aMailCutByTheClosedStreamGivesItsAttachmentTruncated() {
    server("220 mx\r\n");
    client("EHLO h\r\n");
    server("250-mx\r\n250-PIPELINING\r\n250 SIZE\r\n");
    client(
        "MAIL FROM:<a@b>\r\nDATA\r\nContent-Disposition: attachment; filename=x\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8g");
    p.onClose(true);
    files.addAll(p.drainFiles());
    done.addAll(p.drainCompleted());
    assertEquals(1, files.size());
    assertArrayEquals("hello ".getBytes(StandardCharsets.US_ASCII), files.get(0).file().data());
    assertTrue(files.get(0).file().truncated());
    assertEquals(1, done.size());
  }

  @Test
  void overlongLinesAreReadInPieces() {
    server("220 mx\r\n");
    client("EHLO h\r\n");
    server("250-mx\r\n250-PIPELINING\r\n250 SIZE\r\n");
    String big = "x".repeat(SmtpParser.LINE_MAX * 2 + 17);
    client(
        "DATA\r\nContent-Disposition: attachment; filename=x\r\n\r\n" + big + "\r\nend\r\n.\r\n");
    assertEquals(1, files.size());
    assertEquals(big + "\r\nend", text(files.get(0).file().data()));
  }

  @Test
  void nameParameters() {
    assertEquals(
        "a b.txt", MimeParser.param("attachment; filename=\"a b.txt\"; size=3", "filename"));
    assertEquals("x.exe", MimeParser.param("application/x; NAME=x.exe", "name"));
    assertNull(MimeParser.param("application/x; filename=y", "name"));
  }
}
