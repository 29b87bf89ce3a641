package org.vigil.decode;

/** Ethernet type values seen on the decode path. */
public final class EtherTypes {
  private EtherTypes() {}

  public static final int IPV4 = 0x0800,
      ARP = 0x0806,
      IPV6 = 0x86DD,
      VLAN = 0x8100,
      QINQ = 0x88A8,
      QINQ_OLD = 0x9100,
      PPPOE_DISC = 0x8863,
      PPPOE_SESS = 0x8864,
      MPLS_UC = 0x8847,
      MPLS_MC = 0x8848,
      TEB = 0x6558,
      ERSPAN_II = 0x88BE,
      ERSPAN_III = 0x22EB,
      PPP = 0x880B,
      DCE = 0x8903,
      VNTAG = 0x8926,
      PBB = 0x88E7,
      NSH = 0x894F;
}
