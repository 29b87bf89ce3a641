package org.vigil.flow;

/**
 * One bidirectional conversation keyed by its 5-tuple (plus VLANs and tunnel depth): the client is
 * the sender of the first packet. Carries per-direction counters, a stable id for EVE, and
 * attachment slots for later stages. Owned by one thread; pooled and reused after it ends.
 */
public final class Flow {
  // key (client = first sender)
  int ipVersion, proto, vlan0, vlan1, depth;
  long cHi, cLo, sHi, sLo;
  int cPort, sPort;
  int hash;
  long id;
  // time and counters
  long startNanos, lastNanos;
  long pktsToServer, bytesToServer, pktsToClient, bytesToClient;
  int tcpFlagsToServer, tcpFlagsToClient;
  FlowState state = FlowState.NEW;
  boolean finToServer, finToClient;

  /**
   * An inline verdict dropped the flow: every later packet of it is dropped (Suricata's
   * FLOW_ACTION_DROP).
   */
  private boolean dropped;

  // attachments
  Object[] slots = new Object[4];
  // table links
  Flow hashNext, lruPrev, lruNext;
  int lruClass = -1;
  int lruStamp;
  boolean inTable;
  FlowTable owner;

  Flow() {}

  /** Positive id below 2^51, stable for the life of the flow (EVE flow_id). */
  public long id() {
    return id;
  }

  /**
   * Symmetric hash of the key: both directions give the same value (for spreading flows over
   * threads).
   */
  public int hash() {
    return hash;
  }

  public int ipVersion() {
    return ipVersion;
  }

  public int proto() {
    return proto;
  }

  public int vlanId0() {
    return vlan0;
  }

  public int vlanId1() {
    return vlan1;
  }

  /** Tunnel depth of the packets of this flow (0 for outermost). */
  public int tunnelDepth() {
    return depth;
  }

  /** Client (first sender) address, hi/lo longs as in {@link FlowPacket}. */
  public long clientHi() {
    return cHi;
  }

  public long clientLo() {
    return cLo;
  }

  public long serverHi() {
    return sHi;
  }

  public long serverLo() {
    return sLo;
  }

  public int clientPort() {
    return cPort;
  }

  public int serverPort() {
    return sPort;
  }

  public long startNanos() {
    return startNanos;
  }

  public long lastNanos() {
    return lastNanos;
  }

  public long packetsToServer() {
    return pktsToServer;
  }

  public long bytesToServer() {
    return bytesToServer;
  }

  public long packetsToClient() {
    return pktsToClient;
  }

  public long bytesToClient() {
    return bytesToClient;
  }

  /** OR of the TCP flags seen from the client. */
  public int tcpFlagsToServer() {
    return tcpFlagsToServer;
  }

  public int tcpFlagsToClient() {
    return tcpFlagsToClient;
  }

  public FlowState state() {
    return state;
  }

  /**
   * Sets the state (e.g. by the TCP tracker when a session closes); the flow moves to the timeout
   * list of its new state at once.
   */
  public void setState(FlowState state) {
    this.state = state;
    if (owner != null && inTable) owner.stateChanged(this);
  }

  /**
   * Swaps client and server (with their counters and flags), e.g. when the TCP tracker learns that
   * the first packet seen was the server's SYN/ACK. Packets seen afterwards get their direction
   * from the new roles.
   */
  public void swapDirection() {
    long h = cHi, l = cLo;
    int port = cPort;
    cHi = sHi;
    cLo = sLo;
    cPort = sPort;
    sHi = h;
    sLo = l;
    sPort = port;
    long pk = pktsToServer, by = bytesToServer;
    pktsToServer = pktsToClient;
    bytesToServer = bytesToClient;
    pktsToClient = pk;
    bytesToClient = by;
    int fl = tcpFlagsToServer;
    tcpFlagsToServer = tcpFlagsToClient;
    tcpFlagsToClient = fl;
    boolean fin = finToServer;
    finToServer = finToClient;
    finToClient = fin;
  }

  /** The attachment in a slot, or null. */
  @SuppressWarnings("unchecked")
  public <T> T get(FlowSlot<T> slot) {
    return slot.index < slots.length ? (T) slots[slot.index] : null;
  }

  /** Attaches per-flow state of a later stage; it is dropped when the flow is recycled. */
  public <T> void set(FlowSlot<T> slot, T value) {
    if (slot.index >= slots.length) {
      Object[] n = new Object[Math.max(slot.index + 1, slots.length * 2)];
      System.arraycopy(slots, 0, n, 0, slots.length);
      slots = n;
    }
    slots[slot.index] = value;
  }

  void clear() {
    java.util.Arrays.fill(slots, null);
    hashNext = lruPrev = lruNext = null;
    lruClass = -1;
    inTable = false;
    state = FlowState.NEW;
    pktsToServer = bytesToServer = pktsToClient = bytesToClient = 0;
    tcpFlagsToServer = tcpFlagsToClient = 0;
    finToServer = finToClient = false;
    dropped = false;
    startNanos = lastNanos = 0;
  }

  /**
   * True once an inline verdict dropped the flow: its later packets are dropped without inspection.
   */
  public boolean dropped() {
    return dropped;
  }

  /**
   * Drops the flow (inline {@code drop}/{@code reject}): its later packets, both directions, are
   * dropped.
   */
  public void drop() {
    dropped = true;
  }

  @Override
  public String toString() {
    return "Flow["
        + id
        + " proto "
        + proto
        + " "
        + address(cHi, cLo)
        + ":"
        + cPort
        + " -> "
        + address(sHi, sLo)
        + ":"
        + sPort
        + " "
        + state
        + " pkts "
        + pktsToServer
        + "/"
        + pktsToClient
        + "]";
  }

  /**
   * An address for {@link #toString}: dotted quad for IPv4, eight hex groups (not shortened) for
   * IPv6.
   */
  private String address(long hi, long lo) {
    if (ipVersion == 4) {
      return ((lo >>> 24) & 0xff)
          + "."
          + ((lo >>> 16) & 0xff)
          + "."
          + ((lo >>> 8) & 0xff)
          + "."
          + (lo & 0xff);
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i > 0) sb.append(':');
      sb.append(Long.toHexString(((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff));
    }
    return sb.toString();
  }
}
