/**
 * TCP tracking and target-based stream reassembly.
 *
 * <p>Use: build a {@link org.vigil.stream.StreamEngine} per flow thread from a {@link
 * org.vigil.stream.StreamConfig} and a {@link org.vigil.stream.policy.PolicyResolver}; create one
 * {@link org.vigil.stream.TcpSession} per TCP flow with {@code engine.newSession(initiatorAddr,
 * initiatorPort, responderAddr, responderPort)}; register the app-layer {@link
 * org.vigil.stream.StreamConsumer} (or a {@link org.vigil.stream.BlockingStreams}) and, in IDS
 * mode, a {@link org.vigil.stream.RawInspector}; hand every segment to {@code
 * session.process(segment, fromInitiator)} and read the {@link org.vigil.stream.SegmentResult}
 * (events, payload rewritten, inline window); call {@code session.close()} when the flow ends.
 * Overlap policies live in {@link org.vigil.stream.policy}.
 *
 * <p>Inside, a session ({@code TcpConnection}) is always in one state, a {@code TcpStateHandler}:
 * one class per state ({@code ListenState}, {@code SynSentState}, {@code SynRecvState}, {@code
 * EstablishedState}, Suricata 7's close states {@code FinWait1State} … {@code LastAckState} and
 * {@code DrainingState}, {@code ClosedState}), each handling a segment and setting the next state;
 * {@code DataTransfer} holds what the states that carry data share. The close states decide when
 * Suricata's raw timing inspects data below the chunk size; callers see them as {@code
 * TcpState.CLOSING}.
 */
package org.vigil.stream;
