package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Ack;
import org.vigil.compiler.ir.BitsMode;
import org.vigil.compiler.ir.Dsize;
import org.vigil.compiler.ir.Flags;
import org.vigil.compiler.ir.FragBits;
import org.vigil.compiler.ir.FragOffset;
import org.vigil.compiler.ir.IcmpId;
import org.vigil.compiler.ir.IcmpSeq;
import org.vigil.compiler.ir.Icode;
import org.vigil.compiler.ir.IpId;
import org.vigil.compiler.ir.IpOpts;
import org.vigil.compiler.ir.IpProto;
import org.vigil.compiler.ir.Itype;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.NumericCheck.Op;
import org.vigil.compiler.ir.SameIp;
import org.vigil.compiler.ir.Seq;
import org.vigil.compiler.ir.TcpFlag;
import org.vigil.compiler.ir.Tos;
import org.vigil.compiler.ir.Ttl;
import org.vigil.compiler.ir.Window;

class PacketKeywordsTest {

  @Test
  void numericKeywords() {
    assertEquals(NumericCheck.of(Op.GT, 11), one("dsize:>11;", Dsize.class).check());
    assertEquals(new NumericCheck(Op.RANGE, 13, 32), one("dsize:13<>32;", Dsize.class).check());
    assertEquals(NumericCheck.of(Op.NE, 0), one("dsize:!0;", Dsize.class).check());
    assertEquals(NumericCheck.of(Op.GE, 220), one("ttl:>=220;", Ttl.class).check());
    assertEquals(new NumericCheck(Op.RANGE, 3, 5), one("ttl:3-5;", Ttl.class).check());
    assertEquals(NumericCheck.of(Op.NE, 8), one("tos:!8;", Tos.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 13170), one("id:13170;", IpId.class).check());
    assertEquals(NumericCheck.of(Op.LT, 10), one("fragoffset:<10;", FragOffset.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 41), one("ip_proto:41;", IpProto.class).check());
    assertEquals(NumericCheck.of(Op.NE, 6), one("ip_proto:!tcp;", IpProto.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 1958810375L), one("seq:1958810375;", Seq.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 0), one("ack:0;", Ack.class).check());
    assertEquals(NumericCheck.of(Op.NE, 512), one("window:!512;", Window.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 8), one("itype:8;", Itype.class).check());
    assertEquals(new NumericCheck(Op.RANGE, 1, 5), one("icode:1<>5;", Icode.class).check());
    assertEquals(NumericCheck.of(Op.GT, 0), one("icode:>0;", Icode.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 666), one("icmp_id:666;", IcmpId.class).check());
    assertEquals(NumericCheck.of(Op.EQ, 0), one("icmp_seq:0;", IcmpSeq.class).check());
    one("sameip;", SameIp.class);
  }

  @Test
  void numericErrors() {
    assertEquals("ttl: value 300 is out of range [0, 255]", bad("ttl:300;"));
    assertEquals("id: operator '>' is not allowed here", bad("id:>5;"));
    assertEquals("dsize: value must be a number, found 'big'", bad("dsize:big;"));
    assertEquals("dsize: a value is required", bad("dsize;"));
    assertEquals(
        "ip_proto: unknown protocol name 'carrier_pigeon'", bad("ip_proto:carrier_pigeon;"));
    assertEquals("sameip: takes no value, found '1'", bad("sameip:1;"));
  }

  @Test
  void flagsForms() {
    Flags s = one("flags:S;", Flags.class);
    assertEquals(BitsMode.EXACT, s.mode());
    assertEquals(Set.of(TcpFlag.SYN), s.flags());
    Flags m = one("flags:SA,12;", Flags.class);
    assertEquals(Set.of(TcpFlag.SYN, TcpFlag.ACK), m.flags());
    assertEquals(Set.of(TcpFlag.CWR, TcpFlag.ECE), m.ignored());
    assertEquals(
        Set.of(TcpFlag.SYN, TcpFlag.FIN, TcpFlag.CWR, TcpFlag.ECE),
        one("flags:SF12;", Flags.class).flags());
    assertEquals(BitsMode.ANY, one("flags:RSF*;", Flags.class).mode());
    assertEquals(BitsMode.ALL, one("flags:A+;", Flags.class).mode());
    assertEquals(BitsMode.NOT, one("flags:!R;", Flags.class).mode());
    assertEquals(Set.of(), one("flags:0;", Flags.class).flags());
    assertEquals("flags: unknown TCP flag 'X' (F S R P A U C E, 1 2, 0)", bad("flags:SX;"));
    assertEquals("flags: more than one modifier in '+S*'", bad("flags:+S*;"));
  }

  @Test
  void fragbitsAndIpopts() {
    FragBits f = one("fragbits:M+;", FragBits.class);
    assertEquals(BitsMode.ALL, f.mode());
    assertEquals(Set.of(FragBits.Bit.MORE_FRAGMENTS), f.bits());
    assertEquals(BitsMode.NOT, one("fragbits:!D;", FragBits.class).mode());
    assertEquals(Set.of(FragBits.Bit.values()), one("fragbits:MDR;", FragBits.class).bits());
    assertEquals("fragbits: unknown fragment bit 'X' (M, D, R)", bad("fragbits:X;"));
    assertEquals(IpOpts.Option.LSRR, one("ipopts:lsrr;", IpOpts.class).option());
    assertEquals(
        "ipopts: unknown IP option 'bogus' (rr, eol, nop, ts, sec, esec, lsrr, lsrre, ssrr, satid, any)",
        bad("ipopts:bogus;"));
  }
}
