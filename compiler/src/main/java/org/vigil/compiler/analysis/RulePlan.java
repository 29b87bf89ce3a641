package org.vigil.compiler.analysis;

import java.util.List;
import java.util.Map;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.PacketOption;
import org.vigil.compiler.ir.PayloadOption;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.StreamSize;
import org.vigil.detect.api.AddressSet;

/**
 * A validated rule laid out for code generation: its header as resolved sets, its checks by kind,
 * and its payload options split into one chain per inspected buffer (each chain has its own cursor,
 * as Suricata evaluates one list per buffer).
 */
public record RulePlan(
    Rule rule,
    AddressSet srcAddr,
    AddressSet dstAddr,
    int[] srcPorts,
    int[] dstPorts,
    boolean bidirectional,
    List<Flow> flows,
    List<AppLayerProtocol> appProtocols,
    List<PacketOption> packetChecks,
    List<StreamSize> streamSizes,
    List<PayloadOption> urilens,
    List<Flowbits> flowbitChecks,
    List<Flowbits> flowbitActions,
    boolean noalert,
    List<Chain> chains,
    Map<String, Integer> variables,
    FastPatternChoice fastPattern) {

  /** The options of one buffer, in source order, evaluated against one cursor. */
  public record Chain(int bufferId, List<PayloadOption> ops) {}

  /**
   * The prefilter pattern of a rule: {@code bytes} in buffer {@code bufferId}, starting at a
   * position in {@code [minStart, maxStart]}.
   */
  public record FastPatternChoice(
      int bufferId, byte[] bytes, boolean nocase, int minStart, int maxStart) {}

  /** Buffer ids every chain of this rule needs present. */
  public int[] requiredBuffers() {
    return chains.stream().mapToInt(Chain::bufferId).distinct().toArray();
  }
}
