package org.vigil.app;

import org.vigil.stream.StreamConsumer;

/**
 * A protocol parser bound to one TCP flow: fed the flow's in-order stream bytes per direction
 * ({@link #onData}, {@link #onGap}, {@link #onClose}), it reports the units its parsing made ready
 * when the inspector pulls them ({@link #units}), and asks for inspection controls through the
 * {@link AppControl} of its {@link AppContext}.
 */
public interface AppLayer extends StreamConsumer {

  /**
   * The inspector pulls the units ready in direction {@code toServer} into {@code out}, before the
   * detection of a packet of that direction ({@code flowEnd} false: the units a detection pass of
   * that direction sees, complete or not), or while the flow ends ({@code flowEnd} true: the
   * completed units that waited for a packet of their direction; once a flow end started, every
   * unit completed since is reported on the next pull of either direction, in the order it
   * completed, each with its own direction).
   */
  default void units(boolean toServer, boolean flowEnd, UnitSink out) {}

  /**
   * The flow ended: its streams were flushed and closed and their units pulled; the layer may still
   * log what it holds (transactions never completed). Default: nothing.
   */
  default void flowEnded() {}

  /**
   * The flow is about to end: what the layer is fed from here on is the streams' rest that was
   * never acknowledged, flushed at the end ({@link #flowEnded} follows). Default: nothing.
   */
  default void flowEnding() {}

  /**
   * The flow spoke {@code protocol} before this layer took it over (STARTTLS, an HTTP CONNECT
   * tunnel): the layer's records may name it. Default: ignored.
   */
  default void switchedFrom(String protocol) {}

  /**
   * The number of the transaction detection would inspect next in direction {@code toServer}
   * (Suricata's inspect id: the first one whose message in that direction is not complete, or the
   * number of transactions when all are), or -1 when the flow has no app-layer state (no protocol
   * detected). A match outside any transaction (raw stream data) is attributed to it, as Suricata
   * guesses an alert's transaction. Default: 0 (one transaction per flow).
   */
  default long inspectTransaction(boolean toServer) {
    return 0;
  }

  /**
   * The record an alert attributed to transaction number {@code txId} by {@link
   * #inspectTransaction} carries (a raw stream match, EVE {@code tx_guessed}), or null when none
   * (default).
   */
  default AppRecord transactionRecord(long txId) {
    return null;
  }

  /**
   * The flow is gone (or another layer took it over): memory the layer counted against its
   * protocol's memcap is given back. Called once; the layer gets nothing after it.
   */
  default void free() {}

  /**
   * The name of the flow's app-layer protocol as rules see it ({@code alert http}, {@code
   * app-layer-protocol}) and EVE writes it ({@link AppProtocol#name()}), or null until detected.
   */
  default String protocolName() {
    return null;
  }

  /**
   * The protocol detected on direction {@code toServer}'s data when it is not {@link
   * #protocolName()}'s (EVE {@code app_proto_ts} / {@code app_proto_tc}): {@code failed} when that
   * direction's first bytes are no protocol's while the other's were, or the other protocol both
   * directions disagree on; null otherwise (default: never).
   */
  default String directionProtocol(boolean toServer) {
    return null;
  }

  /**
   * True once the layer's parser stopped as Suricata's does on an error, which disables the flow's
   * app layer: the detection of a direction still undecided then ends without an event (default:
   * never).
   */
  default boolean parsingStopped() {
    return false;
  }

  /**
   * True when protocol detection gave up on the flow: no protocol was detected and each direction's
   * first bytes are no protocol's (EVE {@code app_proto: failed}); default: never.
   */
  default boolean detectionFailed() {
    return false;
  }

  /**
   * The flow's protocol before this layer changed it (EVE {@code app_proto_orig}: {@code smtp} once
   * STARTTLS made the flow TLS), or null when it did not change (default).
   */
  default String originalProtocol() {
    return null;
  }
}
