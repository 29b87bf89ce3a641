/**
 * The per-packet detection stages of one thread: {@link org.vigil.inspect.FlowInspector} runs, for
 * each packet, TCP tracking and reassembly ({@code org.vigil.stream}), the flow's app layer ({@code
 * org.vigil.app}, through its contract only: no protocol package is imported here), then detection
 * over the raw stream chunks, the app-layer units it pulls from the app layer and the packet. Each
 * detection pass is described by one immutable {@link org.vigil.inspect.DetectionPass} applied by
 * the inspector's single {@link org.vigil.inspect.PassSink}; the app layer's requests (stop
 * inspection, protocol change flushes, deeper reassembly, raw triggers) are carried out by {@link
 * org.vigil.inspect.FlowControl}, with {@link org.vigil.inspect.InspectionCutoff} and {@link
 * org.vigil.inspect.ProtocolChangeFlush}, whose effect on the raw chunks and whose flushes on
 * pseudo packets {@link org.vigil.inspect.RawDataFlush} carries out; {@link
 * org.vigil.inspect.TxStreamEngine} matches the rules mixing app-layer buffers and raw payload.
 * Alerts leave through an {@link org.vigil.inspect.AlertListener}, completed transactions through a
 * {@link org.vigil.inspect.TransactionLog}.
 */
package org.vigil.inspect;
