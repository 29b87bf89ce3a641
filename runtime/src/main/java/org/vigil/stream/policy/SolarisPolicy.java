package org.vigil.stream.policy;

/**
 * Solaris overlap behaviour: new data wins only when it reaches at least as far (further when
 * starting after); in-window RST.
 */
public final class SolarisPolicy implements OverlapPolicy {
  @Override
  public String name() {
    return "solaris";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return solarisRule(start, endCmp);
  }

  static boolean solarisRule(Start start, int endCmp) {
    return switch (start) {
      case BEFORE, SAME -> endCmp >= 0;
      case AFTER -> endCmp > 0;
    };
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return OverlapPolicy.inWindowRst(seq, payloadLen, nextSeq, lastAck, window);
  }
}
