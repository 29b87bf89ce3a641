package org.vigil.output;

/**
 * The fields of an EVE flow record that only some flows carry.
 *
 * @param appProtoTs the protocol detected on the client's data when it is not the flow's (EVE
 *     {@code app_proto_ts}), or null
 * @param appProtoTc the same for the server's data (EVE {@code app_proto_tc}), or null
 * @param appProtoOrig the flow's protocol before it changed (EVE {@code app_proto_orig}: {@code
 *     ftp} of an FTP session upgraded to TLS), or null
 * @param responseIcmpType the ICMP type answering the flow's first one (echo request 8: reply 0),
 *     for an ICMP flow that saw a packet to its client (EVE {@code response_icmp_type}), or null
 * @param responseIcmpCode its code, or null
 * @param spi an ESP flow's security parameter index (EVE {@code spi}), or null
 * @param tcp a TCP flow's flags and session state (EVE {@code tcp}), or null for other protocols
 */
public record FlowDetails(
    String appProtoTs,
    String appProtoTc,
    String appProtoOrig,
    Integer responseIcmpType,
    Integer responseIcmpCode,
    Long spi,
    FlowTcp tcp) {

  /** No such field. */
  public static final FlowDetails NONE = new FlowDetails(null, null, null, null, null, null, null);
}
