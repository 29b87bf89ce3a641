package org.vigil.stream.policy;

/**
 * BSD overlap behaviour (also windows, windows2k3, macos, hpux10, irix): data starting earlier
 * wins; exact RST.
 */
public final class BsdPolicy implements OverlapPolicy {
  @Override
  public String name() {
    return "bsd";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return start == Start.BEFORE;
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return OverlapPolicy.exactRst(seq, nextSeq);
  }
}
