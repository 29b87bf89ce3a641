package org.vigil.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.config.Memcaps;
import org.vigil.memory.Memcap;
import org.vigil.stream.StreamMemory;

/**
 * The memory budgets of one run, shared by all its threads: flow records ({@code flow.memcap}), TCP
 * session state ({@code stream.memcap}) and stream data ({@code stream.reassembly.memcap}). The
 * defragmenter keeps its own budget ({@code defrag.memcap}): one defragmenter per run (single, and
 * the reader of autofp and custom layouts), or one per worker in {@code workers}, where every
 * worker tracks every datagram under the full budget, so each keeps and drops the datagrams single
 * does, while only the worker that runs a datagram's flow holds its fragments' bytes (a fragment
 * flood holds its bytes about once, its trackers once per worker).
 */
final class RunMemory {
  final Memcaps caps;
  final Memcap flows;
  final StreamMemory sessions;
  final StreamMemory reassembly;
  private final org.vigil.app.AppLayers protocols;

  /**
   * The budgets of {@code caps}; the app-layer protocols' own budgets are reported from {@code
   * protocols}.
   */
  RunMemory(Memcaps caps, org.vigil.app.AppLayers protocols) {
    this.caps = caps;
    this.protocols = protocols;
    this.flows = new Memcap(caps.flowMemcap());
    this.sessions = new StreamMemory(caps.streamMemcap());
    this.reassembly = new StreamMemory(caps.reassemblyMemcap());
  }

  /**
   * Adds the stream budgets' use to the {@code tcp} group of a stats tree: {@code memuse} (session
   * state) and {@code reassembly_memuse} (stream data), now and at most; and each app-layer
   * protocol's counters (HTTP's memuse and memcap hits) to the group of its name.
   */
  @SuppressWarnings("unchecked")
  void addTo(Map<String, Object> m) {
    Map<String, Object> tcp =
        (Map<String, Object>) m.computeIfAbsent("tcp", k -> new LinkedHashMap<>());
    tcp.put("memuse", sessions.used());
    tcp.put("memuse_peak", sessions.peak());
    tcp.put("reassembly_memuse", reassembly.used());
    tcp.put("reassembly_memuse_peak", reassembly.peak());
    if (protocols != null) {
      for (org.vigil.app.AppProtocol p : protocols.protocols()) {
        Map<String, Object> c = p.counters();
        if (!c.isEmpty()) {
          ((Map<String, Object>) m.computeIfAbsent(p.name(), k -> new LinkedHashMap<>())).putAll(c);
        }
      }
    }
  }
}
