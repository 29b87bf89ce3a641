package org.vigil.stream.testpcap;

import org.vigil.stream.TcpSegment;

/**
 * TEST-ONLY decoded TCP packet (the real decoder lives in org.vigil.decode): addresses, ports and
 * the TCP fields the stream engine reads.
 */
public record TestPacket(
    int index,
    byte[] src,
    byte[] dst,
    int srcPort,
    int dstPort,
    int tcpSeq,
    int tcpAck,
    int tcpFlags,
    int tcpWindow,
    byte[] data,
    int payloadOffset,
    int payloadLength,
    boolean truncated,
    boolean hasTcpTimestamp,
    long tcpTsVal,
    long tcpTsEcr,
    int tcpWscale,
    int tcpMss,
    boolean tcpSackPermitted,
    boolean tcpTfo,
    long timestampNanos)
    implements TcpSegment {}
