package org.vigil.detect.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a whole file into one array in reads of at most {@link #CHUNK} bytes.
 *
 * <p>{@link Files#readAllBytes} reads a file in one call, and the JDK copies each read of a heap
 * array through a temporary direct buffer of the read's size that it then keeps in the reading
 * thread's cache for the thread's life: a 30 MB {@code .vrs} or an 11 MB rule file left 30 or 11 MB
 * of native memory resident for the whole run. Reads of {@link #CHUNK} bytes need a buffer of that
 * size only.
 */
public final class FileBytes {
  /** The largest single read: the largest temporary direct buffer a read needs. */
  public static final int CHUNK = 64 * 1024;

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private FileBytes() {}

  /** The file's bytes; a file that grows or shrinks while read yields the bytes it had at EOF. */
  public static byte[] read(Path file) throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      if (size > MAX_ARRAY) {
        throw new IOException(file + ": too large to read (" + size + " bytes)");
      }
      byte[] b = new byte[(int) size];
      int n = 0;
      while (true) {
        if (n == b.length) {
          // at the size the file had: one more read tells whether it grew
          byte[] more = new byte[CHUNK];
          int r = ch.read(ByteBuffer.wrap(more));
          if (r < 0) {
            return b;
          }
          if ((long) n + r > MAX_ARRAY) {
            throw new IOException(file + ": too large to read (more than " + n + " bytes)");
          }
          b = Arrays.copyOf(b, (int) Math.min(MAX_ARRAY, Math.max(2L * n, (long) n + CHUNK)));
          System.arraycopy(more, 0, b, n, r);
          n += r;
          continue;
        }
        int r = ch.read(ByteBuffer.wrap(b, n, Math.min(CHUNK, b.length - n)));
        if (r < 0) {
          return Arrays.copyOf(b, n);
        }
        n += r;
      }
    }
  }
}
