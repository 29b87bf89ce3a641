package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * xbits (per host and host pair, with expiry), flowint (per flow counters) and app-layer-event on
 * hand-made captures ({@code state/make_captures.py}): each expected "sid=pcap_cnt,..." list is
 * what Suricata 7.0.10 raised with the same rules ({@code state/state-keywords.rules}) on the
 * capture.
 */
class StateKeywordsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "xbits.pcap|3=18; 4=28; 5=28; 6=36,46,64; 7=64",
        "flowint.pcap|13=16; 15=16,28",
        "events.pcap|21=6; 22=6"
      })
  void alertsAsSuricata(String capture, String expected) throws IOException, URISyntaxException {
    String rules;
    try (InputStream in =
        StateKeywordsTest.class.getResourceAsStream("state/state-keywords.rules")) {
      rules = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    Path pcap = Path.of(StateKeywordsTest.class.getResource("state/" + capture).toURI());
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, rules));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(expected, s.toString());
  }
}
