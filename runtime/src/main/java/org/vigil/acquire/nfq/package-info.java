/**
 * Inline acquisition through Linux NFQUEUE: {@link org.vigil.acquire.nfq.NfqSource} binds a queue
 * and runs the verdict loop, calling a {@link org.vigil.acquire.nfq.PacketHandler} for each packet,
 * which answers with an {@link org.vigil.acquire.nfq.NfqVerdict} (accept, drop, repeat). The
 * package knows nothing of rules or flows: flow drops and rejects are the engine's inline verdict
 * module's (org.vigil.verdict).
 *
 * <p>How {@code vigil run -q N} drives it:
 *
 * <pre>{@code
 * NfqOptions options = NfqOptions.defaults(n).withFailOpen(failOpenConfigured);
 * try (NfqSource source = NfqSource.open(options)) {          // NfqException: not root, no library, queue busy
 *   Runtime.getRuntime().addShutdownHook(new Thread(source::close)); // SIGTERM/SIGINT: stop, unbind
 *   source.run(packet -> engine.verdictFor(packet));          // an NfqVerdict; returns when stopped
 *   writeStats(source.stats());
 * }
 * }</pre>
 *
 * <p>The packet's bytes ({@code buffer()}, {@code payloadOffset()}, {@code payloadLength()}: the IP
 * packet, no link layer) are valid only during the handler call. Several queues: one source and one
 * thread each. Iptables sends traffic with {@code -j NFQUEUE --queue-num N [--queue-bypass]};
 * {@code --queue-bypass} lets traffic through while no process is bound, {@link
 * org.vigil.acquire.nfq.NfqOptions#failOpen()} while the queue is full.
 */
package org.vigil.acquire.nfq;
