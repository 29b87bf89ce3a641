package org.vigil.output;

/**
 * A copy of one captured frame handed to the pcap log (owned by whoever holds it; the packet it was
 * copied from goes back to its pool at once).
 *
 * @param capture the capture file's name
 * @param pcapCnt the 1-based record number in that capture
 * @param timestampNanos capture time
 * @param linkType the capture's link type (DLT) of the frame
 * @param wireLength original length on the wire
 * @param bytes the captured bytes of the frame
 */
public record PcapFrame(
    String capture,
    long pcapCnt,
    long timestampNanos,
    int linkType,
    int wireLength,
    byte[] bytes) {}
