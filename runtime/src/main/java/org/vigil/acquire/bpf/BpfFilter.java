package org.vigil.acquire.bpf;

import java.util.HashMap;
import java.util.Map;

/**
 * A filter expression run over the frames of capture files, whatever their link type: compiled once
 * per link type met ({@code pcap_compile} needs it), then {@link BpfProgram#matches} per frame. One
 * thread at a time.
 */
public final class BpfFilter implements AutoCloseable {
  private static final int SNAPLEN = 262144;
  private final String expression;
  private final Map<Integer, BpfProgram> programs = new HashMap<>();
  private int lastType = -1;
  private BpfProgram last;

  /**
   * The filter {@code expression}, checked now for Ethernet frames.
   *
   * @throws IllegalArgumentException with libpcap's message when it does not compile
   */
  public BpfFilter(String expression) {
    this.expression = expression;
    program(1);
  }

  /** The filter's text. */
  public String expression() {
    return expression;
  }

  /** Whether the frame of link type {@code linkType} passes. */
  public boolean matches(int linkType, byte[] data, int caplen, int wirelen) {
    if (linkType != lastType) {
      last = program(linkType);
      lastType = linkType;
    }
    return last.matches(data, caplen, wirelen);
  }

  private BpfProgram program(int linkType) {
    // LINKTYPE_RAW is DLT_RAW (12 on Linux) to libpcap's compiler
    int dlt = linkType == 101 ? 12 : linkType;
    return programs.computeIfAbsent(dlt, t -> BpfProgram.compile(expression, t, SNAPLEN));
  }

  @Override
  public void close() {
    programs.values().forEach(BpfProgram::close);
    programs.clear();
  }
}
