package org.vigil.acquire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A folder watched for captures until {@link #close}: every {@code pollMillis} it is listed as
 * {@link CaptureReader#list} does, and a file is handed out once it is complete, that is when its
 * size and modification time did not change between two looks and it was last modified at least
 * {@code delayMillis} ago (a writer still filling it changes one of them). The files that became
 * complete at one look are read in name order. A file is read once; it is read again only when it
 * changes afterwards (rewritten in place). With {@code delete}, each capture is deleted once read.
 */
public final class CaptureFolderWatch implements CaptureFeed {
  private record Seen(long size, long modifiedMillis) {}

  private final Path folder;
  private final boolean recursive;
  private final boolean delete;
  private final long delayMillis;
  private final long pollNanos;
  private final Map<Path, Seen> pending = new HashMap<>();
  private final Map<Path, Seen> handedOut = new HashMap<>();
  private final Map<Path, Seen> read = new HashMap<>();
  private final ArrayDeque<Path> ready = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private long lastLook;
  private boolean looked;
  private volatile long skippedFolders;
  private volatile long deleted;

  /**
   * Watches {@code folder} (with {@code recursive}, its subfolders too), looking every {@code
   * pollMillis}; a file is complete when unchanged between two looks and modified at least {@code
   * delayMillis} ago.
   */
  public CaptureFolderWatch(
      Path folder, boolean recursive, boolean delete, long delayMillis, long pollMillis) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + ": not a folder (a watched capture folder)");
    }
    if (delayMillis < 0 || pollMillis <= 0) {
      throw new IllegalArgumentException("delay must be >= 0 and the poll interval > 0");
    }
    this.folder = folder;
    this.recursive = recursive;
    this.delete = delete;
    this.delayMillis = delayMillis;
    this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
  }

  @Override
  public Path next(long waitMillis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    boolean lookedNow = false;
    while (true) {
      if (ended()) {
        return null;
      }
      Path p = ready.poll();
      if (p != null) {
        return p;
      }
      long now = System.nanoTime();
      // A look that falls due only after the wait ran out is left to the next call: a caller that
      // woke late must not see a file unchanged merely because nobody could write it meanwhile.
      if ((!looked || now - lastLook >= pollNanos) && (!lookedNow || deadline - now > 0)) {
        look();
        lastLook = now;
        looked = true;
        lookedNow = true;
        continue;
      }
      long sleep = Math.min(deadline - now, lastLook + pollNanos - now);
      if (deadline - now <= 0) {
        return null;
      }
      try {
        closed.await(Math.max(sleep, 0), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
      }
    }
  }

  /**
   * Lists the folder: files unchanged since the last look (and old enough) become ready, in name
   * order.
   */
  private void look() throws IOException {
    CaptureListing listing = CaptureReader.list(folder, recursive);
    skippedFolders = listing.skippedFolders();
    long wallNow = System.currentTimeMillis();
    Set<Path> present = new HashSet<>(listing.files());
    for (Path f : listing.files()) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(f, BasicFileAttributes.class);
      } catch (NoSuchFileException gone) {
        present.remove(f);
        continue;
      }
      Seen now = new Seen(a.size(), a.lastModifiedTime().toMillis());
      if (handedOut.containsKey(f) || now.equals(read.get(f))) {
        continue;
      }
      Seen before = pending.put(f, now);
      if (now.equals(before) && wallNow - now.modifiedMillis() >= delayMillis) {
        pending.remove(f);
        handedOut.put(f, now);
        ready.add(f);
      }
    }
    pending.keySet().retainAll(present);
    read.keySet().retainAll(present);
  }

  @Override
  public boolean ended() {
    return closed.getCount() == 0;
  }

  @Override
  public void read(Path capture, boolean opened) throws IOException {
    Seen seen = handedOut.remove(capture);
    if (delete && opened) {
      if (Files.deleteIfExists(capture)) {
        deleted++;
      }
    } else if (seen != null) {
      read.put(capture, seen);
    }
  }

  @Override
  public void close() {
    closed.countDown();
  }

  @Override
  public List<Path> known() {
    return null;
  }

  @Override
  public long skippedFolders() {
    return skippedFolders;
  }

  @Override
  public long deleted() {
    return deleted;
  }
}
