package org.vigil.compiler.ir;

/** Options that test decoded packet header fields (IP, TCP, ICMP) and the payload size. */
public sealed interface PacketOption extends RuleOption
    permits Dsize,
        Ttl,
        Tos,
        IpId,
        IpOpts,
        FragBits,
        FragOffset,
        IpProto,
        SameIp,
        Flags,
        Seq,
        Ack,
        Window,
        Itype,
        Icode,
        IcmpId,
        IcmpSeq {}
