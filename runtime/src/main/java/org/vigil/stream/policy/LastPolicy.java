package org.vigil.stream.policy;

/** "Last" overlap behaviour: the most recent bytes always win; exact RST. */
public final class LastPolicy implements OverlapPolicy {
  @Override
  public String name() {
    return "last";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return true;
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return OverlapPolicy.exactRst(seq, nextSeq);
  }
}
