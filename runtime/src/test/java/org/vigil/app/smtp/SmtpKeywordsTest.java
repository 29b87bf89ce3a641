package org.vigil.app.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.inspect.ZeekRun;

/**
 * {@code alert smtp} rules on hand-made SMTP captures ({@code make_captures.py} beside the rules):
 * each expected "sid=pcap_cnt,..." list is what Suricata 7.0.10 raised with the same rules ({@code
 * smtp-keywords.rules}) on the capture.
 */
class SmtpKeywordsTest {
  @TempDir Path dir;

  private static String rules() throws IOException {
    try (InputStream in = SmtpKeywordsTest.class.getResourceAsStream("smtp-keywords.rules")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static Path capture(String name) {
    try {
      return Path.of(SmtpKeywordsTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "attachment.pcap|1=29; 4=29; 5=29; 8=29; 9=29",
        "pipelining.pcap|1=13; 4=13; 5=13; 8=13; 9=13",
        "pipelining-last-line.pcap|4=18; 5=18; 8=18",
        "starttls.pcap|6=16"
      })
  void alertsAsSuricata(String capture, String expected) throws IOException {
    Map<Long, List<String>> got =
        ZeekRun.alertsBySid(ZeekRun.runFile(dir, capture(capture), rules()));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(expected, s.toString());
  }

  /** The transaction's EVE smtp record: helo, mail_from and the recipients, as Suricata's. */
  @Test
  void theTransactionIsLoggedWithItsEnvelope() throws IOException {
    List<String> lines =
        Files.readAllLines(
            ZeekRun.runFile(dir, capture("attachment.pcap"), rules()).resolve("eve.json"));
    List<String> smtp = lines.stream().filter(l -> l.contains("\"event_type\":\"smtp\"")).toList();
    // as Suricata 7.0.10: the QUIT after the mail opens a transaction of its own (helo only),
    // logged at the connection's end (packet 36)
    assertEquals(2, smtp.size(), lines.toString());
    assertTrue(
        smtp.get(1).contains("\"pcap_cnt\":36,")
            && smtp.get(1).contains("\"tx_id\":1,\"smtp\":{\"helo\":\"client.example.com\"}"),
        smtp.get(1));
    assertTrue(
        smtp.get(0)
            .contains(
                "\"tx_id\":0,\"smtp\":{\"helo\":\"client.example.com\","
                    + "\"mail_from\":\"<a@example.com>\","
                    + "\"rcpt_to\":[\"<b@example.com>\",\"<c@example.com>\"]}"),
        smtp.get(0));
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains("\"event_type\":\"alert\"")
                        && l.contains("\"signature_id\":1,")
                        && l.contains("\"app_proto\":\"smtp\"")),
        "the file.data alert carries the flow's protocol");
  }
}
