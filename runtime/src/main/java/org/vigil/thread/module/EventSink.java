package org.vigil.thread.module;

import org.vigil.output.AlertEvent;
import org.vigil.output.AppEvent;

/**
 * Where worker threads send the events they raise: the outputs are single-writer, so an
 * implementation serializes them (a lock, or a queue to an output thread).
 */
public interface EventSink {
  /** One alert, mapped on the worker thread. */
  void alert(AlertEvent event);

  /** One completed app-layer transaction's record. */
  void transaction(AppEvent event);

  /** The end record of a flow that left the table. */
  void flow(org.vigil.output.FlowEvent event);

  /** The EVE drop record of a packet an inline rule dropped. */
  void drop(org.vigil.output.DropEvent event);

  /** An anomaly or fileinfo record. Default: not kept (a sink that only collects alerts). */
  default void record(org.vigil.output.OutputEvent event) {}

  /** A copy of a packet's frame for the pcap log (the sink owns it from now on). */
  void packet(org.vigil.output.PcapFrame frame);
}
