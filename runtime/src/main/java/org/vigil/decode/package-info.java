/**
 * The pooled {@link org.vigil.decode.Packet}, one decoder class per protocol layer, decoder events,
 * and {@link org.vigil.decode.PathStats}, the packet path's counters (capture, decode, defrag,
 * flow) that stats.json reports. The stage that drives capture → decode → defrag is {@code
 * org.vigil.engine.DecodePipeline}; decode itself imports nothing of the stages above it.
 */
package org.vigil.decode;
