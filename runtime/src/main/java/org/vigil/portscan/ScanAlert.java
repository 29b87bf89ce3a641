package org.vigil.portscan;

/**
 * A scan found: its signature, the scanner and the scanned host (for decoy and distributed scans
 * the source of the last attempt; for sweeps the last host tried), when, and the details.
 *
 * @param signature gid 122 sid and message
 * @param version IP version of both addresses
 * @param scannerHi upper 64 bits of the scanner's address (0 for IPv4)
 * @param scannerLo lower 64 bits (the IPv4 address)
 * @param targetHi upper 64 bits of the scanned host's address
 * @param targetLo lower 64 bits
 * @param timeNanos capture time of the packet that completed the scan
 * @param details the counts EVE writes in the {@code portscan} object
 */
public record ScanAlert(
    ScanSignature signature,
    int version,
    long scannerHi,
    long scannerLo,
    long targetHi,
    long targetLo,
    long timeNanos,
    PortscanRecord details) {}
