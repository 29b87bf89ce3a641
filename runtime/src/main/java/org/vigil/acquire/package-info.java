/**
 * Capture sources: pcap and pcapng files read through a sliding window record by record into reused
 * packets, and the listing of a capture folder in name order. Damage is reported to {@link
 * org.vigil.decode.PathStats} with byte offsets, never thrown past the reader.
 */
package org.vigil.acquire;
