package org.vigil.acquire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing of capture folders (recursion, order, skipped subfolders) and a watched folder's
 * hand-out rule.
 */
class CaptureFolderWatchTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private List<String> names(List<Path> files) {
    return files.stream().map(f -> CaptureReader.relativeName(dir, f)).toList();
  }

  @Test
  void listingIsInNameOrderOfRelativePathsAndCountsSkippedSubfolders() throws IOException {
    file("b", "x");
    file("a/z", "x");
    file("a/b/c", "x");
    file(".h/x", "x");
    file(".dot", "x");
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("a"));
    CaptureListing flat = CaptureReader.list(dir, false);
    assertEquals(List.of("b"), names(flat.files()));
    assertEquals(2, flat.skippedFolders(), "a and the link; hidden folders are not counted");
    CaptureListing deep = CaptureReader.list(dir, true);
    assertEquals(List.of("a/b/c", "a/z", "b"), names(deep.files()));
    assertEquals(1, deep.skippedFolders(), "the link is not followed");
  }

  @Test
  void aFileIsHandedOutOnceUnchangedBetweenTwoLooksAndOldEnough() throws Exception {
    CaptureFolderWatch w = new CaptureFolderWatch(dir, false, false, 0, 50);
    assertNull(w.next(120));
    Path a = file("a", "12");
    Path b = file("b", "1");
    assertEquals(a, w.next(1000));
    assertEquals(b, w.next(1000));
    // still growing: never handed out while it changes between looks
    Path c = file("c", "1");
    long t = System.currentTimeMillis() - 100_000;
    for (int i = 0; i < 6; i++) {
      Files.writeString(c, "more", StandardOpenOption.APPEND);
      Files.setLastModifiedTime(c, FileTime.fromMillis(t + i * 1000L));
      assertNull(w.next(40));
    }
    assertEquals(c, w.next(1000));
    w.read(a, true);
    w.read(c, true);
    w.read(b, true);
    Files.writeString(b, "rewritten");
    Files.setLastModifiedTime(b, FileTime.fromMillis(t));
    assertEquals(b, w.next(1000), "changed after it was read: read again once complete");
    w.read(b, true);
    assertNull(w.next(200), "a file read and unchanged is not read again");
    Thread closer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              w.close();
            });
    long t0 = System.nanoTime();
    closer.start();
    assertNull(w.next(10_000));
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "close wakes a waiting next");
    assertTrue(w.ended());
  }

  @Test
  void aRecentFileWaitsForTheDelayAndDeleteRemovesWhatWasRead() throws Exception {
    CaptureFolderWatch w = new CaptureFolderWatch(dir, true, true, 60_000, 20);
    Path recent = file("sub/recent", "x");
    Path old = file("old", "x");
    Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    assertEquals(old, w.next(1000));
    assertNull(w.next(200), "modified less than the delay ago");
    w.read(old, true);
    assertFalse(Files.exists(old));
    assertEquals(1, w.deleted());
    Files.setLastModifiedTime(recent, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    assertEquals(recent, w.next(1000));
    w.read(recent, false);
    assertTrue(Files.exists(recent), "a file that was no capture is kept");
    assertEquals(1, w.deleted());
  }
}
