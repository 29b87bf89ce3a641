package org.vigil.flow;

/**
 * Flow table settings: memory cap ({@code flow.memcap}, bytes; each flow record is counted at
 * {@link #FLOW_BYTES}), hash buckets, flow records kept ready ({@code flow.prealloc}), timeouts in
 * seconds per protocol class (tcp, udp, icmp, other) and state, normal and emergency, and the share
 * of the memcap that must be free again before emergency mode ends.
 */
public record FlowConfig(
    long memcapBytes,
    int hashSize,
    int[] timeouts,
    int[] emergencyTimeouts,
    double emergencyRecovery,
    int prealloc) {
  /**
   * Bytes accounted per flow against the memory cap: the flow record with its slot array and the
   * inspector's per-flow detection context with its flowbits, 400 bytes on the heap (FlowMemoryTest
   * measures them), rounded up (TCP session state counts against {@code stream.memcap}).
   */
  public static final int FLOW_BYTES = 416;

  public static final int TCP = 0, UDP = 1, ICMP = 2, OTHER = 3;

  /**
   * Suricata 7's defaults: 32 MB (its built-in flow.memcap; the shipped suricata.yaml raises it to
   * 128mb), 65536 buckets, its flow-timeouts section, 30% recovery, 10000 flows kept ready.
   */
  public static FlowConfig defaults() {
    return new FlowConfig(
        32L * 1024 * 1024,
        65536,
        new int[] {60, 600, 60, /*udp*/ 30, 300, 0, /*icmp*/ 30, 300, 0, /*other*/ 30, 300, 0},
        new int[] {5, 100, 10, /*udp*/ 10, 100, 0, /*icmp*/ 10, 100, 0, /*other*/ 10, 100, 0},
        0.30,
        10000);
  }

  /** A copy with another memory cap. */
  public FlowConfig withMemcap(long bytes) {
    return new FlowConfig(
        bytes, hashSize, timeouts, emergencyTimeouts, emergencyRecovery, prealloc);
  }

  /**
   * A copy with the memory settings of the configuration: cap, hash buckets, records kept ready and
   * emergency recovery in percent.
   */
  public FlowConfig withMemory(long memcap, int buckets, int spare, int recoveryPercent) {
    return new FlowConfig(
        memcap, buckets, timeouts, emergencyTimeouts, recoveryPercent / 100.0, spare);
  }

  /** Timeout in seconds for a protocol class and state. */
  public int timeout(int protoClass, FlowState state, boolean emergency) {
    return (emergency ? emergencyTimeouts : timeouts)[protoClass * 3 + state.ordinal()];
  }
}
