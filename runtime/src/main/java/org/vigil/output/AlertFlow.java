package org.vigil.output;

/**
 * The flow an alert was raised on, as EVE's alert {@code flow} object prints it: its counters up to
 * the alerting packet, its start, and its endpoints as the flow sees them (client first).
 *
 * @param pktsToServer {@code pkts_toserver}
 * @param pktsToClient {@code pkts_toclient}
 * @param bytesToServer {@code bytes_toserver}
 * @param bytesToClient {@code bytes_toclient}
 * @param startNanos {@code start}, the flow's first packet time
 * @param srcIp {@code src_ip}, the client
 * @param destIp {@code dest_ip}, the server
 * @param srcPort {@code src_port}, or null for protocols without ports
 * @param destPort {@code dest_port}, or null
 */
public record AlertFlow(
    long pktsToServer,
    long pktsToClient,
    long bytesToServer,
    long bytesToClient,
    long startNanos,
    String srcIp,
    String destIp,
    Integer srcPort,
    Integer destPort) {}
