package org.vigil.acquire.nfq;

/**
 * A snapshot of one NFQUEUE source: packets received and the verdicts sent (accepted, dropped,
 * repeated), handler failures that got the fail verdict, malformed messages, ENOBUFS overruns,
 * verdict send failures and kernel-reported verdict errors, verdict sends (syscalls), and the
 * kernel's queue counters (null if unreadable).
 */
public record NfqStats(
    int queue,
    long received,
    long accepted,
    long dropped,
    long repeated,
    long handlerFailures,
    long malformed,
    long enobufs,
    long sendErrors,
    long verdictErrors,
    long verdictSends,
    KernelQueueCounters kernel) {}
