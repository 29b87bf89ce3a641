/**
 * The per-thread flow table: symmetric hashing, timeouts on packet time, memory cap, flow end
 * records, slots. It reads packets through {@link org.vigil.flow.FlowPacket} and counts into {@link
 * org.vigil.flow.FlowStats}, so it imports nothing of {@code org.vigil.decode} (decode, whose
 * Packet carries its Flow, depends on flow).
 */
package org.vigil.flow;
