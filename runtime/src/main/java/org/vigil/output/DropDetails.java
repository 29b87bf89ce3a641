package org.vigil.output;

/**
 * The header fields of a dropped packet beyond the IPv4 ones that EVE's drop record prints, as
 * Suricata 7 does per protocol: IPv6 traffic class, hop limit and flow label; TCP sequence and
 * acknowledgement numbers, window, flags, reserved bits and urgent pointer; UDP length; ICMP id and
 * sequence.
 *
 * @param ipv6 the packet is IPv6 ({@code tc}, {@code hoplimit}, {@code flowlbl} instead of {@code
 *     tos}, {@code ttl}, {@code ipid})
 * @param flowLabel IPv6 flow label
 * @param l4 {@code tcp}, {@code udp}, {@code icmp} or null (no transport fields)
 * @param tcpSeq TCP sequence number
 * @param tcpAck TCP acknowledgement number
 * @param tcpWin TCP window
 * @param tcpFlags TCP flags byte
 * @param tcpRes TCP reserved bits (the low nibble of the offset byte)
 * @param tcpUrgp TCP urgent pointer
 * @param udpLen UDP length field
 * @param icmpId ICMP id, or -1 for a message without one
 * @param icmpSeq ICMP sequence, or -1
 */
public record DropDetails(
    boolean ipv6,
    int flowLabel,
    String l4,
    long tcpSeq,
    long tcpAck,
    int tcpWin,
    int tcpFlags,
    int tcpRes,
    int tcpUrgp,
    int udpLen,
    int icmpId,
    int icmpSeq) {}
