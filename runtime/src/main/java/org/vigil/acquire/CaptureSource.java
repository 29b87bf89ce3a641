package org.vigil.acquire;

import java.nio.file.Path;
import org.vigil.decode.Packet;

/**
 * One capture being read record by record into a reused packet (pcap or pcapng file; other sources
 * may implement it).
 */
public interface CaptureSource extends AutoCloseable {
  /**
   * Reads the next packet record into p (its buffer is reused; frame, length, timestamp, link type,
   * 1-based record number and capture name are set). Returns false at the end of the capture or at
   * damage that cannot be skipped (reported to the stats with its byte offset).
   */
  boolean next(Packet p);

  /** The file being read. */
  Path path();

  /** Packet records delivered so far. */
  long records();

  /** Releases the mapping (never throws). */
  @Override
  void close();
}
