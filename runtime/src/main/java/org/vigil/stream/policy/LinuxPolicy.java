package org.vigil.stream.policy;

/**
 * Linux overlap behaviour: earlier start wins; at the same start the longer segment wins; in-window
 * RST.
 */
public final class LinuxPolicy implements OverlapPolicy {
  @Override
  public String name() {
    return "linux";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return switch (start) {
      case BEFORE -> true;
      case SAME -> endCmp > 0;
      case AFTER -> false;
    };
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return OverlapPolicy.inWindowRst(seq, payloadLen, nextSeq, lastAck, window);
  }
}
