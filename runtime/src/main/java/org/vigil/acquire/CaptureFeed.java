package org.vigil.acquire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The captures of a run, handed out one at a time: a fixed list ({@link CaptureList}) or a folder
 * watched for new files until the run is stopped ({@link CaptureFolderWatch}). The run reads each
 * capture it is given to its end, then says so with {@link #read}.
 */
public sealed interface CaptureFeed permits CaptureList, CaptureFolderWatch {
  /**
   * The next capture to read, waiting up to {@code waitMillis} for one to be ready; null when none
   * is (yet, or any more: see {@link #ended}).
   */
  Path next(long waitMillis) throws IOException;

  /** True once no capture will come any more (the list is read, or the feed was closed). */
  boolean ended();

  /**
   * The run read {@code capture} completely ({@code opened}: it was a capture file; false when it
   * could not be opened as one). A feed that deletes captures deletes the opened ones here.
   */
  void read(Path capture, boolean opened) throws IOException;

  /**
   * Ends the feed (any thread, e.g. a signal handler): a waiting {@link #next} returns null soon.
   */
  void close();

  /** Every capture of the feed when known in advance (for the progress line), else null. */
  List<Path> known();

  /** Subfolders passed over (not read: no recursion, or a symbolic link). */
  long skippedFolders();

  /** Captures deleted after they were read. */
  long deleted();

  /** Reads {@code files} in this order. */
  static CaptureFeed of(List<Path> files) {
    return new CaptureList(new CaptureListing(files, 0), false);
  }
}
