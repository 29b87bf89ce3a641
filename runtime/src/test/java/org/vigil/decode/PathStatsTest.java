package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.testing.Json;

class PathStatsTest {
  @Test
  @SuppressWarnings("unchecked")
  void countersAreWrittenAsStatsJsonGroupsAndSummed() throws IOException {
    PathStats a = new PathStats(), b = new PathStats();
    a.packets = 10;
    a.flows.created = 2;
    a.decoderEvent(DecodeEvent.IPV4_TRUNC_PKT);
    b.packets = 5;
    b.fragments = 3;
    b.reassembled = 1;
    b.flows.evicted = 4;
    b.decoderEvent(DecodeEvent.IPV4_TRUNC_PKT);
    b.decoderEvent(DecodeEvent.TCP_OPT_INVALID_LEN);
    b.captureError("x.pcap: offset 99: truncated record");
    a.add(b);
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      a.writeJson(g);
      g.writeEndObject();
    }
    Map<String, Object> doc = (Map<String, Object>) Json.parse(w.toString());
    Map<String, Object> decoder = (Map<String, Object>) doc.get("decoder");
    assertEquals(15L, decoder.get("pkts"));
    Map<String, Object> events = (Map<String, Object>) decoder.get("event");
    assertEquals(2L, events.get("ipv4.trunc_pkt"));
    assertEquals(1L, events.get("tcp.opt_invalid_len"));
    assertEquals(DecodeEvent.values().length, events.size());
    assertEquals(3L, ((Map<String, Object>) doc.get("defrag")).get("fragments"));
    assertEquals(1L, ((Map<String, Object>) doc.get("defrag")).get("reassembled"));
    assertEquals(4L, ((Map<String, Object>) doc.get("flow")).get("evicted"));
    assertEquals(1L, ((Map<String, Object>) doc.get("capture")).get("errors"));
    assertEquals(3, a.totalEvents());
    assertEquals("x.pcap: offset 99: truncated record", a.captureErrorMessages().get(0));
  }
}
