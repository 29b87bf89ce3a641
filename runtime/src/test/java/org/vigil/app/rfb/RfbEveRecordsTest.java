package org.vigil.app.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.Json;

/**
 * The EVE rfb and anomaly records of the corpus's RFB captures, against what Suricata 7.0.10 wrote
 * for them (without timestamp and flow_id, kept beside this test as {@code <capture>.jsonl}): VNC
 * authentication with and without a security result, a server's failure reason, the framebuffer of
 * a completed handshake, a security type the parser does not know (its anomaly on the packet that
 * raised it, the record at the flow's end).
 */
class RfbEveRecordsTest {
  @TempDir Path dir;

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"never\"; content:\"zzqqzzqq\"; sid:1;)\n";

  @ParameterizedTest
  @ValueSource(strings = {"vnc-mac-to-linux", "vnc-scanner", "vncmac"})
  void recordsAsSuricatas(String capture) throws IOException {
    Path logs = ZeekRun.run(dir, "rfb/" + capture + ".pcap", NO_RULE);
    List<String> got = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Map<String, Object> r = Json.object(line);
      if ("rfb".equals(r.get("event_type")) || "anomaly".equals(r.get("event_type"))) {
        r.remove("timestamp");
        r.remove("flow_id");
        r.remove("pcap_filename");
        got.add(canonical(known(capture, r)));
      }
    }
    List<String> want = new ArrayList<>();
    try (InputStream in = RfbEveRecordsTest.class.getResourceAsStream(capture + ".jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          want.add(canonical(known(capture, Json.object(line))));
        }
      }
    }
    assertEquals(want.stream().sorted().toList(), got.stream().sorted().toList());
  }

  /**
   * {@code r} without what is known to differ: in vnc-scanner the server's failure reason is not
   * acknowledged before the client resets the connection; Vigil's stream hands it to the parser at
   * the reset and the record is logged there, Suricata's at the flow's timeout (same record, other
   * packet).
   */
  private static Map<String, Object> known(String capture, Map<String, Object> r) {
    if (capture.equals("vnc-scanner")) {
      r.remove("pcap_cnt");
      r.remove("pkt_src");
    }
    return r;
  }

  /** A value as text with object keys sorted and nulls left out. */
  @SuppressWarnings("unchecked")
  static String canonical(Object o) {
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
