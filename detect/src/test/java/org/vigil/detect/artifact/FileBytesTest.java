package org.vigil.detect.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBytesTest {
  @TempDir Path dir;

  @Test
  void readsEveryByteOfFilesAroundTheChunkSize() throws IOException {
    Random r = new Random(7);
    for (int size :
        new int[] {
          0, 1, FileBytes.CHUNK - 1, FileBytes.CHUNK, FileBytes.CHUNK + 1, 3 * 65536 + 5
        }) {
      byte[] b = new byte[size];
      r.nextBytes(b);
      Path f = dir.resolve("f" + size);
      Files.write(f, b);
      assertArrayEquals(b, FileBytes.read(f), "size " + size);
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> FileBytes.read(dir.resolve("absent")));
  }

  /**
   * Files.readAllBytes of an 8 MiB file leaves an 8 MiB direct buffer in the reading thread's
   * cache; FileBytes leaves at most one read's worth.
   */
  @Test
  void aBigReadLeavesNoFileSizedDirectBufferBehind() throws Exception {
    byte[] b = new byte[8 << 20];
    new Random(3).nextBytes(b);
    Path f = dir.resolve("big");
    Files.write(f, b);
    BufferPoolMXBean direct =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(p -> p.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    AtomicLong grown = new AtomicLong();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    // a new thread: its buffer cache starts empty and is measured before the thread ends
    Thread t =
        new Thread(
            () -> {
              try {
                long before = direct.getMemoryUsed();
                assertEquals(b.length, FileBytes.read(f).length);
                grown.set(direct.getMemoryUsed() - before);
              } catch (Throwable e) {
                failed.set(e);
              }
            });
    t.start();
    t.join();
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
    assertTrue(grown.get() <= FileBytes.CHUNK, "direct memory grew by " + grown.get());
  }
}
