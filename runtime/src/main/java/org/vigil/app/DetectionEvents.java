package org.vigil.app;

import java.util.List;

/**
 * Suricata 7's protocol detection events of one TCP flow (EVE anomaly records of layer {@code
 * proto_detect}): each direction's first bytes are matched against every registered protocol's
 * detection patterns ({@link AppProtocol#detects}); a direction whose first {@link #DEPTH} bytes
 * match none is undetected, as Suricata's pattern matcher gives up at its deepest pattern. Once
 * both directions are decided: one detected and the other not is {@value #ONLY_ONE}, two different
 * protocols {@value #MISMATCH}, reported on the packet being processed. A gap, or the end of a
 * direction still undecided, ends it without an event.
 */
final class DetectionEvents {
  /** One direction was detected, the other's first bytes are no protocol's. */
  static final String ONLY_ONE = "APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION";

  /** The two directions were detected as different protocols. */
  static final String MISMATCH = "APPLAYER_MISMATCH_PROTOCOL_BOTH_DIRECTIONS";

  /** Detection gave up a flow of unknown protocol that held too much data. */
  static final String SKIPPED = "APPLAYER_PROTO_DETECTION_SKIPPED";

  /**
   * Per direction (client to server first), the bytes after which no pattern can match any more:
   * the deepest detection pattern Suricata 7 registers for that direction over TCP (HTTP/2's client
   * preface, 16; a server's HTTP version or SMB header, 8).
   */
  static final int[] DEPTH = {16, 8};

  private static final int PENDING = -2;
  private static final int NONE = -1;

  private final List<AppProtocol> protocols;
  private final AppContext context;

  /** Per direction: the protocol index its first bytes matched, {@link #NONE} or pending. */
  private final int[] seen = {PENDING, PENDING};

  private final byte[][] first = new byte[2][];
  private final int[] firstLen = new int[2];
  private boolean done;

  DetectionEvents(List<AppProtocol> protocols, AppContext context) {
    this.protocols = protocols;
    this.context = context;
  }

  /**
   * The next {@code len} stream bytes of direction {@code toServer}, before the layers see them.
   */
  void onData(boolean toServer, byte[] buf, int off, int len) {
    if (done || len <= 0) {
      return;
    }
    int d = toServer ? 0 : 1;
    if (seen[d] == PENDING) {
      if (first[d] == null) {
        first[d] = new byte[DEPTH[0]];
      }
      int n = Math.min(len, first[d].length - firstLen[d]);
      System.arraycopy(buf, off, first[d], firstLen[d], n);
      firstLen[d] += n;
      seen[d] = classify(toServer, first[d], firstLen[d]);
      if (seen[d] != PENDING) {
        first[d] = null;
      }
    }
    if (seen[0] == PENDING || seen[1] == PENDING) {
      return;
    }
    done = true;
    if (seen[0] >= 0 && seen[1] >= 0 && seen[0] != seen[1]) {
      // Suricata's record names the protocol its parser got first: the client's
      context.control().detectionEvent(protocols.get(seen[0]).name(), MISMATCH);
    } else if ((seen[0] >= 0) != (seen[1] >= 0)) {
      context.control().detectionEvent(protocols.get(Math.max(seen[0], seen[1])).name(), ONLY_ONE);
    }
  }

  /**
   * What direction {@code toServer} was detected as once both directions are decided, when that is
   * not {@code flowProtocol}: {@code failed} for first bytes no protocol's while the other
   * direction's were a protocol's ({@value #ONLY_ONE}), the other protocol when they disagree
   * ({@value #MISMATCH}); else null.
   */
  String directionProtocol(boolean toServer, String flowProtocol) {
    if (seen[0] == PENDING || seen[1] == PENDING) {
      return null;
    }
    int d = toServer ? 0 : 1;
    if (seen[d] == NONE) {
      return seen[1 - d] >= 0 ? "failed" : null;
    }
    String name = protocols.get(seen[d]).name();
    return name.equals(flowProtocol) ? null : name;
  }

  /**
   * True while direction {@code toServer}'s first bytes are still undecided (detection not over):
   * Suricata hands a direction's data to the flow's parser only once its detection is done.
   */
  boolean undecided(boolean toServer) {
    return !done && seen[toServer ? 0 : 1] == PENDING;
  }

  /** True once both directions' first bytes were found to be no protocol's. */
  boolean noneDetected() {
    return seen[0] == NONE && seen[1] == NONE;
  }

  /** A gap: detection is over, without an event. */
  void end() {
    done = true;
    first[0] = null;
    first[1] = null;
  }

  /**
   * Direction {@code toServer} ended: still undecided, it ends detection without an event (Suricata
   * takes the flow's protocol for it at its end).
   */
  void closed(boolean toServer) {
    if (seen[toServer ? 0 : 1] == PENDING) {
      end();
    }
  }

  /**
   * The flow's data was handed on and no protocol is chosen (nor announced): as Suricata 7 bails
   * out of detecting a flow whose directions no pattern matched, it gives up (reporting {@value
   * #SKIPPED}, without a protocol) when a direction holds more than twice its {@linkplain
   * AppControl#holdLimit limit}, or more than its limit once its first bytes are no protocol's
   * while the other direction sent nothing or is still undecided. Returns true when it gave up (the
   * flow then has no app layer).
   */
  boolean giveUp() {
    if (done || seen[0] >= 0 || seen[1] >= 0) {
      return false;
    }
    AppControl c = context.control();
    long ts = c.heldBytes(true);
    long tc = c.heldBytes(false);
    if (ts < 0 || tc < 0) {
      return false;
    }
    long lts = c.holdLimit(true);
    long ltc = c.holdLimit(false);
    boolean skip =
        ts > 2 * lts
            || tc > 2 * ltc
            || (seen[0] == NONE && ts > lts && (tc == 0 || seen[1] == PENDING))
            || (seen[1] == NONE && tc > ltc && (ts == 0 || seen[0] == PENDING));
    if (skip) {
      end();
      c.detectionEvent(null, SKIPPED);
    }
    return skip;
  }

  private int classify(boolean toServer, byte[] b, int len) {
    boolean more = false;
    for (int i = 0; i < protocols.size(); i++) {
      int v = protocols.get(i).detects(toServer, b, 0, len, context.serverPort());
      if (v == AppProtocol.MATCH) {
        return i;
      }
      more |= v == AppProtocol.NEED_MORE;
    }
    boolean deepEnough = len >= DEPTH[toServer ? 0 : 1];
    return deepEnough && (!more || len >= b.length) ? NONE : PENDING;
  }
}
