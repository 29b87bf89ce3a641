package org.vigil.stream.policy;

/**
 * Old Linux (2.2 and earlier) overlap behaviour: earlier start wins; same start wins unless
 * shorter; in-window RST.
 */
public final class OldLinuxPolicy implements OverlapPolicy {
  @Override
  public String name() {
    return "old_linux";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return switch (start) {
      case BEFORE -> true;
      case SAME -> endCmp >= 0;
      case AFTER -> false;
    };
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return OverlapPolicy.inWindowRst(seq, payloadLen, nextSeq, lastAck, window);
  }
}
