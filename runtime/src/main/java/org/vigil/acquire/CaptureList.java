package org.vigil.acquire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fixed list of captures, read in its order; with {@code delete}, each capture is deleted once
 * read.
 */
public final class CaptureList implements CaptureFeed {
  private final CaptureListing listing;
  private final boolean delete;
  private int next;
  private long deleted;
  private volatile boolean closed;

  /** The captures of {@code listing}, deleted once read when {@code delete}. */
  public CaptureList(CaptureListing listing, boolean delete) {
    this.listing = listing;
    this.delete = delete;
  }

  @Override
  public Path next(long waitMillis) {
    return ended() ? null : listing.files().get(next++);
  }

  @Override
  public boolean ended() {
    return closed || next >= listing.files().size();
  }

  @Override
  public void read(Path capture, boolean opened) throws IOException {
    if (delete && opened && Files.deleteIfExists(capture)) {
      deleted++;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public List<Path> known() {
    return listing.files();
  }

  @Override
  public long skippedFolders() {
    return listing.skippedFolders();
  }

  @Override
  public long deleted() {
    return deleted;
  }
}
