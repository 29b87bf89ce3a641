package org.vigil.flow;

/**
 * Flow table settings: memory cap (bytes; each flow is counted at {@link #FLOW_BYTES}), hash
 * buckets, and timeouts in seconds per protocol class (tcp, udp, icmp, other) and state, normal and
 * emergency.
 */
public record FlowConfig(
    long memcapBytes,
    int hashSize,
    int[] timeouts,
    int[] emergencyTimeouts,
    double emergencyRecovery) {
  /** Bytes accounted per flow against the memory cap. */
  public static final int FLOW_BYTES = 320;

  public static final int TCP = 0, UDP = 1, ICMP = 2, OTHER = 3;

  /** Suricata 7's defaults: 32 MB, 65536 buckets, its flow-timeouts section, 30% recovery. */
  public static FlowConfig defaults() {
    return new FlowConfig(
        32L * 1024 * 1024,
        65536,
        new int[] {60, 600, 60, /*udp*/ 30, 300, 0, /*icmp*/ 30, 300, 0, /*other*/ 30, 300, 0},
        new int[] {5, 100, 10, /*udp*/ 10, 100, 0, /*icmp*/ 10, 100, 0, /*other*/ 10, 100, 0},
        0.30);
  }

  public FlowConfig withMemcap(long bytes) {
    return new FlowConfig(bytes, hashSize, timeouts, emergencyTimeouts, emergencyRecovery);
  }

  /** Timeout in seconds for a protocol class and state. */
  public int timeout(int protoClass, FlowState state, boolean emergency) {
    return (emergency ? emergencyTimeouts : timeouts)[protoClass * 3 + state.ordinal()];
  }

  public long maxFlows() {
    return Math.max(1, memcapBytes / FLOW_BYTES);
  }
}
