package org.vigil.app;

import org.vigil.config.VigilConfig;

/**
 * A registered app-layer protocol (a {@link java.util.ServiceLoader} service, see {@link
 * AppLayers}): how it recognises a flow from a direction's first bytes, and how it makes the flow's
 * {@link AppLayer}. Instances are made by the service loader and then {@link #configure
 * configured}.
 */
public interface AppProtocol {
  /** A direction's first bytes are this protocol's. */
  int MATCH = 1;

  /** A direction's first bytes are not this protocol's. */
  int NO_MATCH = -1;

  /** Too few bytes were seen and they could still start this protocol's. */
  int NEED_MORE = 0;

  /** The protocol's name (lower case, as EVE's app_proto). */
  String name();

  /** Where it is tried among the registered protocols (lower first). */
  int order();

  /** How many first bytes of a direction {@link #probe} needs at most. */
  int probeBytes();

  /**
   * Classifies the first {@code len} bytes of direction {@code toServer} at {@code b[off]} of a
   * flow to {@code serverPort}: {@link #MATCH}, {@link #NO_MATCH} or {@link #NEED_MORE}.
   */
  int probe(boolean toServer, byte[] b, int off, int len, int serverPort);

  /**
   * Classifies a direction's first bytes as Suricata 7's protocol detection patterns of this
   * protocol would ({@link #MATCH}, {@link #NO_MATCH} or {@link #NEED_MORE}), for its detection
   * events ({@link AppControl#detectionEvent}); by default {@link #probe}. A fallback protocol,
   * which probes nothing, overrides it.
   */
  default int detects(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return probe(toServer, b, off, len, serverPort);
  }

  /**
   * Whether its flows may announce others between the same hosts ({@link Expectations}: FTP's data
   * connections); such a flow is detected by {@link #probe} on a direction's first bytes.
   */
  default boolean announcesFlows() {
    return false;
  }

  /**
   * True for a fallback protocol: its layer is made with the flow and sees every byte until another
   * protocol claims the flow, doing its own detection (HTTP). The first fallback registered
   * applies.
   */
  default boolean fallback() {
    return false;
  }

  /**
   * True when a client opening with this protocol's bytes claims the flow even after a server that
   * spoke first with bytes no registered protocol claims (an FTP server's unknown banner).
   */
  default boolean followsUnknownServer() {
    return false;
  }

  /**
   * True when a server answering with this protocol's bytes claims the flow even after a client
   * whose first bytes no registered protocol claims (RDP: Suricata detects each direction on its
   * own, and the server's answer on port 3389 decides).
   */
  default boolean followsUnknownClient() {
    return false;
  }

  /**
   * True when the bytes the other direction sent while the flow was being detected (as many as the
   * probes keep) go to this protocol's layer too, before the detecting direction's, as Suricata's
   * parser of the detected protocol reads them (an FTP server's banner opens a transaction of its
   * own).
   */
  default boolean readsOtherDirectionAfterDetection() {
    return false;
  }

  /**
   * This protocol as configuration {@code config} sets it up (the same instance when it reads
   * none).
   */
  default AppProtocol configure(VigilConfig config) {
    return this;
  }

  /**
   * Makes the app layer of one flow; null when the protocol's memcap has no room for it (the flow
   * is then not parsed as this protocol, and the protocol counts it).
   */
  AppLayer newLayer(AppContext context);

  /**
   * The protocol's counters for stats.json under its name (memuse, memcap hits), shared by the
   * run's threads; empty by default.
   */
  default java.util.Map<String, Object> counters() {
    return java.util.Map.of();
  }

  /**
   * Classifies one UDP datagram's payload ({@code len} bytes at {@code b[off]}) of direction {@code
   * toServer} of a flow to {@code serverPort}: {@link #MATCH} or {@link #NO_MATCH} (a datagram is
   * whole, so never {@link #NEED_MORE}). Protocols not carried over UDP keep the default, {@link
   * #NO_MATCH}.
   */
  default int probeDatagram(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return NO_MATCH;
  }

  /**
   * Makes the app layer of one UDP flow this protocol's {@link #probeDatagram} claimed: each {@link
   * AppLayer#onData} call is one whole datagram.
   */
  default AppLayer newDatagramLayer(AppContext context) {
    throw new UnsupportedOperationException(name() + " is not carried over UDP");
  }
}
