package org.vigil.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pcap-log} output: writes captured frames, unchanged, to classic pcap files in the log
 * directory (nanosecond timestamps, magic {@code a1b23c4d}, little endian). With {@code
 * conditional: alerts} only the packets that raised an alert, with {@code all} every captured
 * packet. Each frame keeps its capture's link type: the frames of the first link type met go to
 * {@code filename}, those of any other link type N to {@code <name>.N.<ext>}. Pseudo packets
 * (tunnel inner, defragmented, stream flushes) are not frames of the capture and are not logged. A
 * packet is written once even when several alerts (or threads) ask for it. Single-writer.
 *
 * <pre>
 * outputs:
 *   pcap-log: {enabled: yes, filename: log.pcap, conditional: alerts}
 * </pre>
 */
public final class PcapLog implements Closeable {
  /** The output's name under {@code outputs:}. */
  public static final String NAME = "pcap-log";

  private static final int SNAPLEN = 262_144;

  /** Which packets are logged. */
  public enum Conditional {
    ALERTS,
    ALL
  }

  private final Path first;
  private final Conditional conditional;
  private final Map<Integer, OutputStream> files = new LinkedHashMap<>();
  // per capture, the record numbers written (one bit per record up to the highest: small beside the
  // capture)
  private final Map<String, BitSet> seen = new HashMap<>();
  private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
  private long written;
  private long duplicates;

  private PcapLog(Path first, Conditional conditional) {
    this.first = first;
    this.conditional = conditional;
  }

  /**
   * Checks a {@code pcap-log} section (keys enabled, filename, conditional).
   *
   * @throws OutputConfigException naming the bad key
   */
  public static Conditional validate(OutputContext c) {
    for (String k : c.settings().keySet()) {
      if (!List.of("enabled", "filename", "conditional").contains(k)) {
        throw new OutputConfigException(
            c.key(k), "unknown setting (enabled, filename, conditional)");
      }
    }
    String f = c.string("filename", "log.pcap");
    if (f.isBlank() || f.contains("/")) {
      throw new OutputConfigException(
          c.key("filename"), "expected a file name in the log directory, got '" + f + "'");
    }
    String cond = c.string("conditional", "alerts").trim().toLowerCase(java.util.Locale.ROOT);
    return switch (cond) {
      case "alerts" -> Conditional.ALERTS;
      case "all" -> Conditional.ALL;
      default ->
          throw new OutputConfigException(
              c.key("conditional"),
              "expected alerts or all, got '" + c.settings().get("conditional") + "'");
    };
  }

  /**
   * Opens the pcap log a {@code pcap-log} section describes (files are created when their first
   * frame comes).
   */
  public static PcapLog open(OutputContext c) {
    Conditional cond = validate(c);
    return new PcapLog(c.fileName("log.pcap"), cond);
  }

  /** Which packets this log takes. */
  public Conditional conditional() {
    return conditional;
  }

  /** Writes {@code f} unless its packet was written already; true if written. */
  public boolean write(PcapFrame f) throws IOException {
    return write(
        f.capture(),
        f.pcapCnt(),
        f.timestampNanos(),
        f.linkType(),
        f.wireLength(),
        f.bytes(),
        f.bytes().length);
  }

  /**
   * Writes the frame {@code data[0, length)} of record {@code pcapCnt} of {@code capture} unless it
   * was written already (the bytes are not kept); true if written.
   */
  public boolean write(
      String capture,
      long pcapCnt,
      long timestampNanos,
      int linkType,
      int wireLength,
      byte[] data,
      int length)
      throws IOException {
    if (conditional == Conditional.ALERTS && pcapCnt > 0 && pcapCnt <= Integer.MAX_VALUE) {
      BitSet done = seen.computeIfAbsent(capture, k -> new BitSet());
      if (done.get((int) pcapCnt)) {
        duplicates++;
        return false;
      }
      done.set((int) pcapCnt);
    }
    OutputStream out = files.get(linkType);
    if (out == null) {
      out = create(linkType);
      files.put(linkType, out);
    }
    int caplen = Math.min(length, SNAPLEN);
    header.clear();
    header.putInt((int) Math.floorDiv(timestampNanos, 1_000_000_000L));
    header.putInt((int) Math.floorMod(timestampNanos, 1_000_000_000L));
    header.putInt(caplen);
    header.putInt(Math.max(wireLength, caplen));
    out.write(header.array(), 0, 16);
    out.write(data, 0, caplen);
    written++;
    return true;
  }

  private OutputStream create(int linkType) throws IOException {
    Path file = first;
    if (!files.isEmpty()) {
      String name = first.getFileName().toString();
      int dot = name.lastIndexOf('.');
      file =
          first.resolveSibling(
              dot > 0
                  ? name.substring(0, dot) + "." + linkType + name.substring(dot)
                  : name + "." + linkType);
    }
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b23c4d)
        .putShort((short) 2)
        .putShort((short) 4)
        .putInt(0)
        .putInt(0)
        .putInt(SNAPLEN)
        .putInt(linkType);
    out.write(h.array());
    return out;
  }

  /** Frames written. */
  public long written() {
    return written;
  }

  /** The log's counters for stats ("output.pcap_log"). */
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("conditional", conditional.name().toLowerCase(java.util.Locale.ROOT));
    m.put("written", written);
    m.put("duplicates", duplicates);
    m.put("files", (long) files.size());
    return m;
  }

  /** Pushes buffered frames to the files. */
  public void flush() throws IOException {
    for (OutputStream o : files.values()) {
      o.flush();
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputStream o : files.values()) {
      try {
        o.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
