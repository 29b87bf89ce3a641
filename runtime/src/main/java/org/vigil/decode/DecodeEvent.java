package org.vigil.decode;

/** Kinds of decoder anomalies: each is attached to the packet and counted in the stats. */
public enum DecodeEvent {
  LINK_UNSUPPORTED("decoder.link.unsupported"),
  NULL_PKT_TOO_SMALL("decoder.null.pkt_too_small"),
  SLL_PKT_TOO_SMALL("decoder.sll.pkt_too_small"),
  SLL2_PKT_TOO_SMALL("decoder.sll2.pkt_too_small"),
  CHDLC_PKT_TOO_SMALL("decoder.chdlc.pkt_too_small"),
  ETHERNET_PKT_TOO_SMALL("decoder.ethernet.pkt_too_small"),
  VLAN_HEADER_TOO_SMALL("decoder.vlan.header_too_small"),
  VLAN_TOO_MANY_LAYERS("decoder.vlan.too_many_layers"),
  DCE_PKT_TOO_SMALL("decoder.dce.pkt_too_small"),
  VNTAG_HEADER_TOO_SMALL("decoder.vntag.header_too_small"),
  IEEE8021AH_HEADER_TOO_SMALL("decoder.ieee8021ah.header_too_small"),
  NSH_HEADER_TOO_SMALL("decoder.nsh.header_too_small"),
  NSH_UNSUPPORTED_VERSION("decoder.nsh.unsupported_version"),
  NSH_BAD_HEADER_LENGTH("decoder.nsh.bad_header_length"),
  NSH_UNKNOWN_PAYLOAD("decoder.nsh.unknown_payload"),
  PPPOE_PKT_TOO_SMALL("decoder.pppoe.pkt_too_small"),
  PPPOE_WRONG_CODE("decoder.pppoe.wrong_code"),
  PPPOE_MALFORMED_TAGS("decoder.pppoe.malformed_tags"),
  PPP_PKT_TOO_SMALL("decoder.ppp.pkt_too_small"),
  PPP_UNSUP_PROTO("decoder.ppp.unsup_proto"),
  MPLS_HEADER_TOO_SMALL("decoder.mpls.header_too_small"),
  MPLS_PKT_TOO_SMALL("decoder.mpls.pkt_too_small"),
  MPLS_BAD_LABEL_ROUTER_ALERT("decoder.mpls.bad_label_router_alert"),
  MPLS_BAD_LABEL_IMPLICIT_NULL("decoder.mpls.bad_label_implicit_null"),
  MPLS_BAD_LABEL_RESERVED("decoder.mpls.bad_label_reserved"),
  MPLS_UNKNOWN_PAYLOAD_TYPE("decoder.mpls.unknown_payload_type"),
  IPV4_PKT_TOO_SMALL("decoder.ipv4.pkt_too_small"),
  IPV4_HLEN_TOO_SMALL("decoder.ipv4.hlen_too_small"),
  IPV4_IPLEN_SMALLER_THAN_HLEN("decoder.ipv4.iplen_smaller_than_hlen"),
  IPV4_TRUNC_PKT("decoder.ipv4.trunc_pkt"),
  IPV4_WRONG_IP_VER("decoder.ipv4.wrong_ip_version"),
  IPV4_OPT_INVALID_LEN("decoder.ipv4.opt_invalid_len"),
  IPV4_OPT_MALFORMED("decoder.ipv4.opt_malformed"),
  IPV4_OPT_DUPLICATE("decoder.ipv4.opt_duplicate"),
  IPV4_OPT_UNKNOWN("decoder.ipv4.opt_unknown"),
  IPV4_CHECKSUM_INVALID("decoder.ipv4.checksum_invalid"),
  IPV4_FRAG_PKT_TOO_LARGE("decoder.ipv4.frag_pkt_too_large"),
  IPV4_FRAG_OVERLAP("decoder.ipv4.frag_overlap"),
  IPV4_FRAG_IGNORED("decoder.ipv4.frag_ignored"),
  IPV4_WITH_ICMPV6("decoder.ipv4.icmpv6"),
  IPV6_PKT_TOO_SMALL("decoder.ipv6.pkt_too_small"),
  IPV6_TRUNC_PKT("decoder.ipv6.trunc_pkt"),
  IPV6_TRUNC_EXTHDR("decoder.ipv6.trunc_exthdr"),
  IPV6_WRONG_IP_VER("decoder.ipv6.wrong_ip_version"),
  IPV6_EXTHDR_DUPL_HH("decoder.ipv6.exthdr_dupl_hh"),
  IPV6_EXTHDR_DUPL_RH("decoder.ipv6.exthdr_dupl_rh"),
  IPV6_EXTHDR_DUPL_FH("decoder.ipv6.exthdr_dupl_fh"),
  IPV6_EXTHDR_DUPL_DH("decoder.ipv6.exthdr_dupl_dh"),
  IPV6_EXTHDR_DUPL_AH("decoder.ipv6.exthdr_dupl_ah"),
  IPV6_EXTHDR_USELESS_FH("decoder.ipv6.exthdr_useless_fh"),
  IPV6_EXTHDR_INVALID_OPTLEN("decoder.ipv6.exthdr_invalid_optlen"),
  IPV6_EXTHDR_RH_TYPE_0("decoder.ipv6.rh_type_0"),
  IPV6_HOPOPTS_UNKNOWN_OPT("decoder.ipv6.hopopts_unknown_opt"),
  IPV6_DSTOPTS_UNKNOWN_OPT("decoder.ipv6.dstopts_unknown_opt"),
  IPV6_EXTHDR_AH_RES_NOT_NULL("decoder.ipv6.exthdr_ah_res_not_null"),
  IPV6_FRAG_PKT_TOO_LARGE("decoder.ipv6.frag_pkt_too_large"),
  IPV6_FRAG_OVERLAP("decoder.ipv6.frag_overlap"),
  IPV6_FRAG_INVALID_LENGTH("decoder.ipv6.frag_invalid_length"),
  IPV6_FRAG_IGNORED("decoder.ipv6.frag_ignored"),
  IPV6_WITH_ICMPV4("decoder.ipv6.icmpv4"),
  TCP_PKT_TOO_SMALL("decoder.tcp.pkt_too_small"),
  TCP_HLEN_TOO_SMALL("decoder.tcp.hlen_too_small"),
  TCP_INVALID_OPTLEN("decoder.tcp.invalid_optlen"),
  TCP_OPT_INVALID_LEN("decoder.tcp.opt_invalid_len"),
  TCP_OPT_DUPLICATE("decoder.tcp.opt_duplicate"),
  TCP_CHECKSUM_INVALID("decoder.tcp.checksum_invalid"),
  UDP_PKT_TOO_SMALL("decoder.udp.pkt_too_small"),
  UDP_HLEN_TOO_SMALL("decoder.udp.hlen_too_small"),
  UDP_HLEN_INVALID("decoder.udp.hlen_invalid"),
  UDP_LEN_INVALID("decoder.udp.len_invalid"),
  UDP_CHECKSUM_INVALID("decoder.udp.checksum_invalid"),
  ICMPV4_PKT_TOO_SMALL("decoder.icmpv4.pkt_too_small"),
  ICMPV4_UNKNOWN_TYPE("decoder.icmpv4.unknown_type"),
  ICMPV4_UNKNOWN_CODE("decoder.icmpv4.unknown_code"),
  ICMPV4_IPV4_TRUNC_PKT("decoder.icmpv4.ipv4_trunc_pkt"),
  ICMPV4_IPV4_UNKNOWN_VER("decoder.icmpv4.ipv4_unknown_ver"),
  ICMPV4_CHECKSUM_INVALID("decoder.icmpv4.checksum_invalid"),
  ICMPV6_PKT_TOO_SMALL("decoder.icmpv6.pkt_too_small"),
  ICMPV6_UNKNOWN_TYPE("decoder.icmpv6.unknown_type"),
  ICMPV6_UNKNOWN_CODE("decoder.icmpv6.unknown_code"),
  ICMPV6_IPV6_TRUNC_PKT("decoder.icmpv6.ipv6_trunc_pkt"),
  ICMPV6_IPV6_UNKNOWN_VER("decoder.icmpv6.ipv6_unknown_version"),
  ICMPV6_CHECKSUM_INVALID("decoder.icmpv6.checksum_invalid"),
  GRE_PKT_TOO_SMALL("decoder.gre.pkt_too_small"),
  GRE_WRONG_VERSION("decoder.gre.wrong_version"),
  GRE_VERSION0_RECUR("decoder.gre.version0_recur"),
  GRE_VERSION0_FLAGS("decoder.gre.version0_flags"),
  GRE_VERSION0_HDR_TOO_BIG("decoder.gre.version0_hdr_too_big"),
  GRE_VERSION0_MALFORMED_SRE_HDR("decoder.gre.version0_malformed_sre_hdr"),
  GRE_VERSION1_CHKSUM("decoder.gre.version1_chksum"),
  GRE_VERSION1_ROUTE("decoder.gre.version1_route"),
  GRE_VERSION1_SSR("decoder.gre.version1_ssr"),
  GRE_VERSION1_RECUR("decoder.gre.version1_recur"),
  GRE_VERSION1_FLAGS("decoder.gre.version1_flags"),
  GRE_VERSION1_NO_KEY("decoder.gre.version1_no_key"),
  GRE_VERSION1_WRONG_PROTOCOL("decoder.gre.version1_wrong_protocol"),
  GRE_VERSION1_HDR_TOO_BIG("decoder.gre.version1_hdr_too_big"),
  ERSPAN_HEADER_TOO_SMALL("decoder.erspan.header_too_small"),
  ERSPAN_UNSUPPORTED_VERSION("decoder.erspan.unsupported_version"),
  GENEVE_UNKNOWN_PAYLOAD_TYPE("decoder.geneve.unknown_payload_type"),
  IPRAW_INVALID_IPV("decoder.ipraw.invalid_ip_version"),
  TOO_MANY_LAYERS("decoder.too_many_layers");

  private final String statName;

  DecodeEvent(String statName) {
    this.statName = statName;
  }

  /** Dotted counter name as written in stats.json (Suricata's naming where one exists). */
  public String statName() {
    return statName;
  }

  private static final DecodeEvent[] VALUES = values();
  private static final java.util.Map<String, DecodeEvent> BY_KEYWORD = new java.util.HashMap<>();

  static {
    for (DecodeEvent e : VALUES) BY_KEYWORD.put(e.keyword(), e);
  }

  /**
   * The name without the "decoder." prefix, as Suricata's decode-event keyword spells it (e.g.
   * ipv4.trunc_pkt).
   */
  public String keyword() {
    return statName.substring("decoder.".length());
  }

  /** The kind for a decode-event keyword value (with or without the "decoder." prefix), or null. */
  public static DecodeEvent byKeyword(String name) {
    return BY_KEYWORD.get(name.startsWith("decoder.") ? name.substring("decoder.".length()) : name);
  }

  /** The kind for an ordinal, without allocating. */
  public static DecodeEvent of(int ordinal) {
    return VALUES[ordinal];
  }
}
