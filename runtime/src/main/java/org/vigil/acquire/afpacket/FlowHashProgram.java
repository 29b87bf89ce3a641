package org.vigil.acquire.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic BPF program a {@code cluster_flow} fanout group runs to pick each packet's socket: a
 * hash of the IP addresses and TCP/UDP/SCTP ports that is the same in both directions (each pair
 * combined by XOR), read relative to the network header so received and sent packets agree. The
 * kernel's own flow hash is not used because a packet sent by a local socket carries that socket's
 * random hash, which would put the two directions of a flow on different threads.
 */
final class FlowHashProgram {
  private static final int LD = 0x00, LDX = 0x01, ST = 0x02, ALU = 0x04, JMP = 0x05, RET = 0x06;
  private static final int MISC = 0x07;
  private static final int W = 0x00, H = 0x08, B = 0x10, ABS = 0x20, IND = 0x40, MEM = 0x60;
  private static final int K = 0x00, X = 0x08;
  private static final int AND = 0x50, LSH = 0x60, RSH = 0x70, MUL = 0x20, XOR = 0xa0;
  private static final int JA = 0x00, JEQ = 0x10, JSET = 0x40;
  private static final int TAX = 0x00;
  private static final int NET = 0xfff00000; // SKF_NET_OFF
  private static final int PROTOCOL = 0xfffff000; // SKF_AD_OFF + SKF_AD_PROTOCOL

  private record Insn(int code, String jt, String jf, int k) {}

  private final List<Insn> code = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();

  private FlowHashProgram() {}

  private FlowHashProgram op(int code, int k) {
    this.code.add(new Insn(code, null, null, k));
    return this;
  }

  private FlowHashProgram jump(int cond, int k, String jt, String jf) {
    code.add(new Insn(JMP | cond | K, jt, jf, k));
    return this;
  }

  private FlowHashProgram label(String name) {
    labels.put(name, code.size());
    return this;
  }

  /** A = A ^ X for the words at {@code a} and {@code b} of the network header. */
  private FlowHashProgram xorWords(int a, int b) {
    return op(LD | W | ABS, NET + a)
        .op(MISC | TAX, 0)
        .op(LD | W | ABS, NET + b)
        .op(ALU | XOR | X, 0);
  }

  /** A = (source port ^ destination port) ^ M[0], the ports' word in A. */
  private FlowHashProgram foldPorts() {
    return op(ST, 1)
        .op(ALU | RSH | K, 16)
        .op(MISC | TAX, 0)
        .op(LD | W | MEM, 1)
        .op(ALU | AND | K, 0xffff)
        .op(ALU | XOR | X, 0)
        .op(LDX | W | MEM, 0)
        .op(ALU | XOR | X, 0)
        .jump(JA, 0, "mix", "mix");
  }

  /**
   * The program, as the {@code sock_filter} array in {@code arena}; its length is {@link #length}.
   */
  static MemorySegment build(Arena arena) {
    FlowHashProgram p = new FlowHashProgram();
    p.op(LD | W | ABS, PROTOCOL)
        .jump(JEQ, 0x0800, "v4", "not4")
        .label("not4")
        .jump(JEQ, 0x86dd, "v6", "other")
        .label("other")
        .op(RET | K, 0);
    // IPv4: addresses, then ports unless a later fragment
    p.label("v4").xorWords(12, 16).op(ST, 0);
    p.op(LD | B | ABS, NET + 9)
        .jump(JEQ, 6, "v4frag", "v4udp")
        .label("v4udp")
        .jump(JEQ, 17, "v4frag", "v4sctp")
        .label("v4sctp")
        .jump(JEQ, 132, "v4frag", "noports")
        .label("v4frag")
        .op(LD | H | ABS, NET + 6)
        .jump(JSET, 0x1fff, "noports", "v4ports")
        .label("v4ports")
        .op(LD | B | ABS, NET)
        .op(ALU | AND | K, 0xf)
        .op(ALU | LSH | K, 2)
        .op(MISC | TAX, 0)
        .op(LD | W | IND, NET)
        .foldPorts();
    // IPv6: the four words of each address, then the ports after a fixed header
    p.label("v6").xorWords(8, 24).op(ST, 0);
    for (int i = 1; i < 4; i++) {
      p.xorWords(8 + 4 * i, 24 + 4 * i).op(LDX | W | MEM, 0).op(ALU | XOR | X, 0).op(ST, 0);
    }
    p.op(LD | B | ABS, NET + 6)
        .jump(JEQ, 6, "v6ports", "v6udp")
        .label("v6udp")
        .jump(JEQ, 17, "v6ports", "v6sctp")
        .label("v6sctp")
        .jump(JEQ, 132, "v6ports", "noports")
        .label("v6ports")
        .op(LD | W | ABS, NET + 40)
        .foldPorts();
    p.label("noports").op(LD | W | MEM, 0);
    // spread the bits: the kernel takes the result modulo the group's size
    p.label("mix").op(ALU | MUL | K, 0x9e3779b1).op(ALU | RSH | K, 12).op(RET | 0x10, 0);
    return p.encode(arena);
  }

  private MemorySegment encode(Arena arena) {
    MemorySegment s = arena.allocate(8L * code.size(), 8);
    for (int i = 0; i < code.size(); i++) {
      Insn in = code.get(i);
      long off = 8L * i;
      int k = in.k;
      int jt = 0;
      int jf = 0;
      if ((in.code & 0x07) == JMP) {
        if ((in.code & 0xf0) == JA) {
          k = labels.get(in.jt) - i - 1;
        } else {
          jt = labels.get(in.jt) - i - 1;
          jf = labels.get(in.jf) - i - 1;
        }
      }
      s.set(ValueLayout.JAVA_SHORT, off, (short) in.code);
      s.set(ValueLayout.JAVA_BYTE, off + 2, (byte) jt);
      s.set(ValueLayout.JAVA_BYTE, off + 3, (byte) jf);
      s.set(ValueLayout.JAVA_INT, off + 4, k);
    }
    return s;
  }

  /** Instructions in {@code program}. */
  static int length(MemorySegment program) {
    return (int) (program.byteSize() / 8);
  }
}
