package org.vigil.defrag;

/**
 * Defragmentation settings: tracker timeout (seconds of packet time) and memory cap (bytes of
 * fragment data).
 */
public record DefragConfig(int timeoutSeconds, long memcapBytes, int maxFragmentsPerDatagram) {
  /** Suricata's defaults: 60 s, 32 MB. */
  public static DefragConfig defaults() {
    return new DefragConfig(60, 32L * 1024 * 1024, 8192);
  }
}
