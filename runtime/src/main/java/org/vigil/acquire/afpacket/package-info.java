/**
 * Live capture on Linux AF_PACKET: a TPACKET_V3 ring mapped into the JVM through the FFM API
 * ({@link org.vigil.acquire.afpacket.PacketRing}), walked one ready block at a time ({@link
 * org.vigil.acquire.afpacket.BlockWalker}), joined into a fanout group so several sockets share an
 * interface by flow ({@link org.vigil.acquire.afpacket.Fanout}), with the kernel's packet and drop
 * counters ({@link org.vigil.acquire.afpacket.RingStats}); {@link
 * org.vigil.acquire.afpacket.AfPacketSource} is the receive loop of one thread.
 */
package org.vigil.acquire.afpacket;
