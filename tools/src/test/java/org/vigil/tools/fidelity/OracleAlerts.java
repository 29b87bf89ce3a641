package org.vigil.tools.fidelity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vigil.testing.Json;

/** Reads alert lines (the oracle's JSONL, or Vigil's eve.json) into comparison keys. */
final class OracleAlerts {
  private OracleAlerts() {}

  /**
   * The oracle's alerts: one JSON object per line with pcap, gid, sid, the 5-tuple and pcap_cnt.
   */
  static List<AlertKey> readExpected(Path jsonl) throws IOException {
    return read(
        jsonl,
        m ->
            AlertKey.of(
                (String) m.get("pcap"),
                num(m.get("gid"), 1),
                num(m.get("sid"), 0),
                (String) m.get("proto"),
                (String) m.get("src_ip"),
                port(m.get("src_port")),
                (String) m.get("dest_ip"),
                port(m.get("dest_port")),
                packet(m.get("pcap_cnt"))));
  }

  /**
   * Vigil's EVE alerts, with the capture name mapped by {@code pcapName} to the oracle's form
   * (relative to the corpus folder).
   */
  static List<AlertKey> readEve(Path eve, Function<String, String> pcapName) throws IOException {
    List<AlertKey> out = new ArrayList<>();
    for (AlertKey k :
        read(
            eve,
            m -> {
              if (!"alert".equals(m.get("event_type"))) {
                return null;
              }
              @SuppressWarnings("unchecked")
              Map<String, Object> a = (Map<String, Object>) m.get("alert");
              return AlertKey.of(
                  pcapName.apply((String) m.get("pcap_filename")),
                  num(a.get("gid"), 1),
                  num(a.get("signature_id"), 0),
                  (String) m.get("proto"),
                  (String) m.get("src_ip"),
                  port(m.get("src_port")),
                  (String) m.get("dest_ip"),
                  port(m.get("dest_port")),
                  packet(m.get("pcap_cnt")));
            })) {
      out.add(k);
    }
    return out;
  }

  private static long num(Object o, long def) {
    return o instanceof Number n ? n.longValue() : def;
  }

  private static Long packet(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }

  private static Integer port(Object o) {
    return o instanceof Number n ? n.intValue() : null;
  }

  private static List<AlertKey> read(Path file, Function<Map<String, Object>, AlertKey> map)
      throws IOException {
    List<AlertKey> out = new ArrayList<>();
    try (var lines = Files.lines(file)) {
      lines
          .filter(l -> !l.isBlank())
          .forEach(
              l -> {
                AlertKey k = map.apply(parse(l));
                if (k != null) {
                  out.add(k);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  private static Map<String, Object> parse(String line) {
    try {
      return Json.object(line);
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("not JSON: " + line, e));
    }
  }
}
