/**
 * TCP tracking and target-based stream reassembly.
 *
 * <p>Use: build a {@link org.vigil.stream.StreamEngine} per flow thread from a {@link org.vigil.stream.StreamConfig}
 * and a {@link org.vigil.stream.policy.PolicyResolver}; create one {@link org.vigil.stream.TcpSession} per TCP flow
 * with {@code engine.newSession(initiatorAddr, initiatorPort, responderAddr, responderPort)}; register the app-layer
 * {@link org.vigil.stream.StreamConsumer} (or a {@link org.vigil.stream.BlockingStreams}) and, in IDS mode, a
 * {@link org.vigil.stream.RawInspector}; hand every segment to {@code session.process(segment, fromInitiator)} and read
 * the {@link org.vigil.stream.SegmentResult} (events, payload rewritten, inline window); call {@code session.close()}
 * when the flow ends. Overlap policies live in {@link org.vigil.stream.policy}.
 */
package org.vigil.stream;
