package org.vigil.stream.policy;

/** "First" overlap behaviour (also vista): bytes seen first are never replaced; exact RST. */
public final class FirstPolicy implements OverlapPolicy {
  @Override
  public String name() {
    return "first";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return false;
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return OverlapPolicy.exactRst(seq, nextSeq);
  }
}
