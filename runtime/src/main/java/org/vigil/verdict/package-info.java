/**
 * Inline verdicts: the {@link org.vigil.verdict.Verdict} a rule action turns into (accept, drop, drop the
 * flow, reject, repeat with a mark), and the {@link org.vigil.verdict.InlineEnforcer} that carries them out
 * for a packet source: the dropped-flow set, and the TCP resets / ICMP unreachables of a reject, built by
 * {@link org.vigil.verdict.RejectPacketBuilder} and sent through a
 * {@link org.vigil.verdict.RawSocketInjector}. {@link org.vigil.verdict.InlineHeaders} is a minimal header
 * parse for the flow key and the reject fields, to be replaced by the decoder's packet at integration.
 */
package org.vigil.verdict;
