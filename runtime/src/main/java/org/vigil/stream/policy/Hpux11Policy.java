package org.vigil.stream.policy;

/**
 * HP-UX 11 behaviour: overlaps as solaris; accepts a RST at or beyond the next expected sequence.
 */
public final class Hpux11Policy implements OverlapPolicy {
  @Override
  public String name() {
    return "hpux11";
  }

  @Override
  public boolean newDataWins(Start start, int endCmp) {
    return SolarisPolicy.solarisRule(start, endCmp);
  }

  @Override
  public boolean acceptsRst(int seq, int payloadLen, int nextSeq, int lastAck, long window) {
    return seq - nextSeq >= 0;
  }
}
