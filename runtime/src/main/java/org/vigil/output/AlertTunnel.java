package org.vigil.output;

/**
 * EVE's alert {@code tunnel} object: the outermost packet that carried the alert's tunnel inner
 * packet.
 *
 * @param srcIp the outer packet's source address
 * @param srcPort its source port (0 for a protocol without ports)
 * @param destIp its destination address
 * @param destPort its destination port (0 for a protocol without ports)
 * @param proto its protocol as EVE prints it ("GRE", "UDP", …)
 * @param depth how many tunnel layers the alert's packet is inside
 * @param pcapCnt the outer packet's number in its capture, or null
 * @param pktSrc how the outer packet came (EVE {@code pkt_src})
 */
public record AlertTunnel(
    String srcIp,
    int srcPort,
    String destIp,
    int destPort,
    String proto,
    int depth,
    Long pcapCnt,
    String pktSrc) {}
