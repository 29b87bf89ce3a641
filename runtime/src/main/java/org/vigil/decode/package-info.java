/**
 * The pooled {@link org.vigil.decode.Packet}, one decoder class per protocol layer, decoder events, and
 * {@link org.vigil.decode.DecodePipeline}, which drives capture → decode → defrag → flow → consumer.
 */
package org.vigil.decode;
