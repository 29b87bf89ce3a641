package org.vigil.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.vigil.flow.FlowStats;

/**
 * Counters of the packet path (capture, decode, defrag, flow) as plain fields, owned by one thread;
 * several can be summed with {@link #add}. Written into stats.json by {@link #writeJson}.
 */
public final class PathStats {
  /** Capture records read (packets, as tshark counts them). */
  public long packets;

  /** Captured bytes of those records. */
  public long bytes;

  /** Pseudo packets created: tunnel inner packets. */
  public long tunnelPackets;

  public long ipv4, ipv6, tcp, udp, icmpv4, icmpv6, other;

  /** Capture files opened, and those that could not be read at all. */
  public long captures, capturesUnreadable;

  /** Frames of capture files the run's BPF filter refused (not decoded, not counted above). */
  public long filtered;

  /** Truncated records and bad blocks met while reading captures. */
  public long captureErrors;

  public long fragments,
      fragmentsIpv4,
      fragmentsIpv6,
      reassembled,
      fragmentsTimedOut,
      fragmentsEvicted,
      fragmentsDropped;

  /**
   * Defragmentation memory: bytes held now and at most (defrag.memcap's budget), times the memcap
   * was reached, fragments dropped because defrag.max-frags were held.
   */
  public long defragMemuse, defragMemusePeak, defragMemcapHits, defragMaxFragHits;

  /** The flow table's counters (it counts into this object). */
  public final FlowStats flows = new FlowStats();

  private final long[] events = new long[DecodeEvent.values().length];
  private final List<String> errorMessages = new ArrayList<>();

  public void decoderEvent(DecodeEvent e) {
    events[e.ordinal()]++;
  }

  public long events(DecodeEvent e) {
    return events[e.ordinal()];
  }

  /** Total of all decoder events. */
  public long totalEvents() {
    long s = 0;
    for (long v : events) s += v;
    return s;
  }

  /**
   * Records a capture problem (truncated file, bad block) with its message "file: offset N: what".
   */
  public void captureError(String message) {
    captureErrors++;
    if (errorMessages.size() < 1000) errorMessages.add(message);
  }

  /** Up to 1000 capture error messages, in order. */
  public List<String> captureErrorMessages() {
    return Collections.unmodifiableList(errorMessages);
  }

  /** Adds another thread's counters into this one. */
  public void add(PathStats o) {
    packets += o.packets;
    bytes += o.bytes;
    tunnelPackets += o.tunnelPackets;
    ipv4 += o.ipv4;
    ipv6 += o.ipv6;
    tcp += o.tcp;
    udp += o.udp;
    icmpv4 += o.icmpv4;
    icmpv6 += o.icmpv6;
    other += o.other;
    captures += o.captures;
    capturesUnreadable += o.capturesUnreadable;
    captureErrors += o.captureErrors;
    filtered += o.filtered;
    fragments += o.fragments;
    fragmentsIpv4 += o.fragmentsIpv4;
    fragmentsIpv6 += o.fragmentsIpv6;
    reassembled += o.reassembled;
    fragmentsTimedOut += o.fragmentsTimedOut;
    fragmentsEvicted += o.fragmentsEvicted;
    fragmentsDropped += o.fragmentsDropped;
    defragMemuse += o.defragMemuse;
    defragMemusePeak = Math.max(defragMemusePeak, o.defragMemusePeak);
    defragMemcapHits += o.defragMemcapHits;
    defragMaxFragHits += o.defragMaxFragHits;
    flows.add(o.flows);
    for (int i = 0; i < events.length; i++) events[i] += o.events[i];
    for (String m : o.errorMessages) if (errorMessages.size() < 1000) errorMessages.add(m);
  }

  /**
   * Writes the counters as JSON object fields ("capture", "decoder", "defrag", "flow") into the
   * object the generator is currently inside (Suricata's stats.json grouping).
   */
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("capture");
    g.writeNumberField("files", captures);
    g.writeNumberField("files_unreadable", capturesUnreadable);
    g.writeNumberField("errors", captureErrors);
    if (filtered > 0) {
      g.writeNumberField("bpf_filtered", filtered);
    }
    g.writeEndObject();
    g.writeObjectFieldStart("decoder");
    g.writeNumberField("pkts", packets);
    g.writeNumberField("bytes", bytes);
    g.writeNumberField("ipv4", ipv4);
    g.writeNumberField("ipv6", ipv6);
    g.writeNumberField("tcp", tcp);
    g.writeNumberField("udp", udp);
    g.writeNumberField("icmpv4", icmpv4);
    g.writeNumberField("icmpv6", icmpv6);
    g.writeNumberField("other", other);
    g.writeNumberField("tunnel_pkts", tunnelPackets);
    g.writeObjectFieldStart("event");
    for (DecodeEvent e : DecodeEvent.values()) g.writeNumberField(e.keyword(), events[e.ordinal()]);
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("defrag");
    g.writeNumberField("fragments", fragments);
    g.writeNumberField("ipv4_fragments", fragmentsIpv4);
    g.writeNumberField("ipv6_fragments", fragmentsIpv6);
    g.writeNumberField("reassembled", reassembled);
    g.writeNumberField("timeouts", fragmentsTimedOut);
    g.writeNumberField("evicted", fragmentsEvicted);
    g.writeNumberField("dropped", fragmentsDropped);
    g.writeNumberField("memuse", defragMemuse);
    g.writeNumberField("memuse_peak", defragMemusePeak);
    g.writeNumberField("memcap", defragMemcapHits);
    g.writeNumberField("max_frag_hits", defragMaxFragHits);
    g.writeEndObject();
    g.writeObjectFieldStart("flow");
    g.writeNumberField("total", flows.created);
    g.writeNumberField("tcp", flows.tcp);
    g.writeNumberField("udp", flows.udp);
    g.writeNumberField("icmp", flows.icmp);
    g.writeNumberField("other", flows.other);
    g.writeNumberField("timeout", flows.timedOut);
    g.writeNumberField("evicted", flows.evicted);
    g.writeNumberField("emerg_mode_entered", flows.emergencyEvictions);
    g.writeNumberField("emerg_mode_over", flows.emergencyOver);
    g.writeNumberField("memcap", flows.memcapHits);
    g.writeNumberField("memuse", flows.memuse);
    g.writeNumberField("memuse_peak", flows.memusePeak);
    g.writeNumberField("end_of_capture", flows.endOfCapture);
    g.writeNumberField("active", flows.active);
    g.writeNumberField("peak", flows.peak);
    g.writeEndObject();
  }
}
