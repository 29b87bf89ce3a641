/**
 * Inline verdicts: the {@link org.vigil.verdict.Verdict} a rule action turns into (accept, drop,
 * drop the flow, reject, repeat with a mark), and the {@link org.vigil.verdict.InlineEnforcer} that
 * carries them out on the decoded packet and its flow: a dropped flow is marked on the flow itself
 * ({@link org.vigil.flow.Flow#dropped()}), and the TCP resets / ICMP unreachables of a reject are
 * built from the packet by {@link org.vigil.verdict.RejectPacketBuilder} and sent through a {@link
 * org.vigil.verdict.RawSocketInjector}. A packet source only hears accept, drop or repeat.
 */
package org.vigil.verdict;
