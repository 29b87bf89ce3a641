package org.vigil.acquire.nfq;

import org.vigil.verdict.InlineEnforcer;

/**
 * A snapshot of one NFQUEUE source: packets received and the verdicts sent (accepted, dropped, repeated;
 * rejected counts the reject verdicts among the drops), handler failures that got the fail verdict,
 * malformed messages, ENOBUFS overruns, verdict send failures and kernel-reported verdict errors, verdict
 * sends (syscalls), the enforcer's flow-drop/reject counters, and the kernel's queue counters (null if
 * unreadable).
 */
public record NfqStats(int queue, long received, long accepted, long dropped, long rejected, long repeated,
                       long handlerFailures, long malformed, long enobufs, long sendErrors, long verdictErrors,
                       long verdictSends, InlineEnforcer.Stats enforcer, KernelQueueCounters kernel) {}
