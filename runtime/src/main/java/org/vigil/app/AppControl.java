package org.vigil.app;

/**
 * What the app layer of a flow may ask of its inspection while a packet of the flow (or its end) is
 * processed, as Suricata's parsers set flags on their flow. The inspector implements it; each call
 * applies to the flow being processed.
 */
public interface AppControl {
  /**
   * Stop the flow's inspection (SSH once encrypted, Suricata's APP_LAYER_PARSER_NO_INSPECTION): the
   * raw data ACKed by the end of the current packet's tracking is inspected on flush pseudo
   * packets, then no payload or raw data of the flow is. Ignored at flow end.
   */
  void stopInspection();

  /**
   * Stop the flow's payload inspection (TLS once encrypted, Suricata's
   * APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD): the current packet is inspected as usual, from the
   * next packet on no payload or raw data of the flow is. Ignored at flow end.
   */
  void stopPayloadInspection();

  /**
   * The flow's protocol changed (FTP's AUTH TLS answered by 234): the raw data ACKed by the end of
   * the current packet's tracking is inspected on flush pseudo packets, then inspection goes on.
   * Ignored at flow end.
   */
  void flushForProtocolChange();

  /**
   * The flow's protocol changes and the new one is detected later (an HTTP CONNECT answered 2xx):
   * this packet and each later one until {@link #protocolChangeDone()} flush their raw data as
   * {@link #flushForProtocolChange()} does.
   */
  void changeProtocol();

  /** The pending protocol change completed (or was given up): no more flushes. */
  void protocolChangeDone();

  /**
   * A deeper reassembly of the flow's stream ({@code bytes} 0: unlimited), as SMB's parser asks.
   */
  void raiseReassemblyDepth(long bytes);

  /**
   * A unit of direction {@code toServer} completed: that direction's ACKed stream data is inspected
   * raw on its next packet, as Suricata's parsers trigger raw reassembly.
   */
  void triggerRawInspection(boolean toServer);

  /**
   * Transaction {@code tx} completed: it is logged (EVE transaction records) attributed to the
   * packet being processed, its addresses oriented client to server.
   */
  void logTransaction(AppTransaction tx);

  /**
   * A protocol detection event of the flow (Suricata's {@code APPLAYER_*} events, EVE anomaly
   * records of layer {@code proto_detect}) on the packet being processed; {@code appProto} names
   * the flow's protocol. Ignored by default.
   */
  default void detectionEvent(String appProto, String event) {}

  /**
   * Parser events {@code events} (Suricata's names) of transaction {@code tx} of a flow of protocol
   * {@code appProto} are logged now, apart from the transaction's record (EVE anomaly records of
   * layer {@code proto_parser}, addressed as the packet being processed). Ignored by default.
   */
  default void logEvents(AppTransaction tx, String appProto, java.util.List<String> events) {}

  /**
   * The bytes of direction {@code toServer} a TCP flow's protocol detection holds while the flow's
   * protocol is unknown (received in sequence so far, ACKed or not), or -1 when not known
   * (default).
   */
  default long heldBytes(boolean toServer) {
    return -1;
  }

  /**
   * The most bytes of direction {@code toServer} Suricata 7's protocol detection holds before it
   * gives up a flow whose protocol is unknown (default: no limit).
   */
  default long holdLimit(boolean toServer) {
    return Long.MAX_VALUE / 4;
  }

  /**
   * Where the packet being processed stands among the run's packets, for what the threads of a run
   * share (default: a run of one thread).
   */
  default RunOrder runOrder() {
    return RunOrder.SINGLE;
  }
}
