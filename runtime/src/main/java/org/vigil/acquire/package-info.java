/**
 * Capture sources: memory-mapped pcap and pcapng files read record by record into reused packets,
 * and the listing of a capture folder in name order. Damage is reported to {@link
 * org.vigil.decode.PathStats} with byte offsets, never thrown past the reader.
 */
package org.vigil.acquire;
