package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts of rules matching raw stream data on a flow with app-layer state name the transaction
 * Suricata 7 guesses for them ({@code tx_id} and {@code tx_guessed}); an alert on the transaction's
 * own buffers names it without guessing. Expected as Suricata 7.0.10 wrote them for the same
 * capture and ET Open rules.
 */
class GuessedTransactionTest {
  @TempDir Path dir;

  private static final String RULES =
      """
      alert ip any any -> any any (msg:"GPL ATTACK_RESPONSE id check returned root"; \
      content:"uid=0|28|root|29|"; classtype:bad-unknown; sid:2100498; rev:7;)
      alert tcp any any -> any any (msg:"ET ATTACK_RESPONSE Output of id command from HTTP \
      server"; flow:established; content:"uid="; pcre:"/^\\d+[^\\r\\n\\s]+/R"; content:" gid="; \
      within:5; pcre:"/^\\d+[^\\r\\n\\s]+/R"; content:" groups="; within:8; \
      classtype:bad-unknown; sid:2019284; rev:3;)
      alert http any any -> any any (msg:"ET POLICY curl User-Agent Outbound"; \
      flow:established,to_server; http.user_agent; content:"curl/"; nocase; startswith; \
      classtype:attempted-recon; sid:2013028; rev:7;)
      """;

  @Test
  void rawStreamMatchesOnAnHttpFlowNameTheGuessedTransaction() throws IOException {
    Path logs = ZeekRun.run(dir, "http/testmyids.pcap", RULES);
    Map<String, String> got = new TreeMap<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (!line.contains("\"event_type\":\"alert\"")) {
        continue;
      }
      String sid = line.replaceAll(".*\"signature_id\":(\\d+).*", "$1");
      String tx = line.replaceAll(".*(\"tx_id\":[^\"]*(\"tx_guessed\":true,)?)\"alert\".*", "$1");
      got.put(sid, tx.equals(line) ? "none" : tx);
    }
    assertEquals(
        Map.of(
            "2013028", "\"tx_id\":0,",
            "2019284", "\"tx_id\":0,\"tx_guessed\":true,",
            "2100498", "\"tx_id\":0,\"tx_guessed\":true,"),
        got,
        String.join("\n", List.copyOf(got.values())));
  }
}
