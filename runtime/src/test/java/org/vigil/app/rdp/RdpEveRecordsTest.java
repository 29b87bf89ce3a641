package org.vigil.app.rdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.Json;

/**
 * The EVE rdp records and the alerts on RDP flows of the corpus's RDP captures, against what
 * Suricata 7.0.10 wrote for them (its records without timestamp and flow_id, kept beside this test
 * as {@code <capture>.rdp.jsonl}; its alerts' packet, ports, transaction and rdp object as {@code
 * <capture>.alerts.jsonl}), with ET Open's RDP response rule and the flowbit rule whose bit the
 * records' metadata shows. Covers the negotiation (cookie, response flags, failure), the MCS client
 * data, the switch to TLS with the certificate serials, a client whose first bytes are no RDP, and
 * raw-stream alerts carrying the guessed transaction's record.
 */
class RdpEveRecordsTest {
  @TempDir Path dir;

  private static final String RULES =
      "alert tcp any 3389 -> any any (msg:\"ET DOS Microsoft Remote Desktop (RDP) Syn/Ack Outbound"
          + " Flowbit Set\"; flow:from_server; flags:SA; flowbits:isnotset,ms.rdp.synack;"
          + " flowbits:set,ms.rdp.synack; flowbits:noalert; classtype:not-suspicious; sid:2014385;"
          + " rev:5;)\n"
          + "alert tcp any 3389 -> any any (msg:\"ET INFO RDP - Response To External Host\";"
          + " flow:established,to_client; content:\"|03|\"; offset:0; depth:1; content:\"|D0|\";"
          + " offset:5; depth:1; classtype:misc-activity; sid:2001330; rev:10;)\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rdp-invalid-length",
        "rdp-no-cookie-mstshash",
        "rdp-proprietary-encryption",
        "rdp-to-ssl",
        "rdp-unknown-keyboard",
        "rdp-x509"
      })
  void recordsAndAlertsAsSuricatas(String capture) throws IOException {
    Path logs = ZeekRun.run(dir, "rdp/" + capture + ".pcap", RULES);
    List<String> rdp = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, Object> r = Json.object(line);
      if ("rdp".equals(r.get("event_type"))) {
        r.remove("timestamp");
        r.remove("flow_id");
        r.remove("pcap_filename");
        rdp.add(canonical(r));
      } else if ("alert".equals(r.get("event_type"))) {
        alerts.add(canonical(alertView(r)));
      }
    }
    assertEquals(expected(capture + ".rdp.jsonl"), sorted(rdp), "rdp records");
    assertEquals(expected(capture + ".alerts.jsonl"), sorted(alerts), "alerts");
  }

  /** The alert's fields the expected file keeps. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> alertView(Map<String, Object> r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("pcap_cnt", r.get("pcap_cnt"));
    v.put("src_port", r.get("src_port"));
    v.put("dest_port", r.get("dest_port"));
    v.put("tx_id", r.get("tx_id"));
    v.put("tx_guessed", r.get("tx_guessed"));
    v.put("app_proto", r.get("app_proto"));
    v.put("sid", ((Map<String, Object>) r.get("alert")).get("signature_id"));
    v.put("rdp", r.get("rdp"));
    return v;
  }

  private List<String> expected(String resource) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = RdpEveRecordsTest.class.getResourceAsStream(resource)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(canonical(Json.object(line)));
        }
      }
    }
    return sorted(out);
  }

  private static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }

  /**
   * A value as text with object keys sorted and nulls left out, so equal values give equal text.
   */
  @SuppressWarnings("unchecked")
  private static String canonical(Object o) {
    if (o instanceof Map<?, ?> m) {
      StringBuilder s = new StringBuilder("{");
      ((Map<String, Object>) m)
          .entrySet().stream()
              .filter(e -> e.getValue() != null)
              .sorted(Map.Entry.comparingByKey())
              .forEach(
                  e ->
                      s.append(e.getKey()).append('=').append(canonical(e.getValue())).append(';'));
      return s.append('}').toString();
    }
    if (o instanceof List<?> l) {
      StringBuilder s = new StringBuilder("[");
      l.forEach(x -> s.append(canonical(x)).append(','));
      return s.append(']').toString();
    }
    return String.valueOf(o);
  }
}
