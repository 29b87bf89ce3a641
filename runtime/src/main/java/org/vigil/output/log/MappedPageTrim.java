package org.vigil.output.log;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

/**
 * Keeps an alert log's cycle file from staying resident behind its appender. Chronicle maps a cycle
 * file block by block and unmaps the blocks the appender leaves behind, except the first: it holds
 * the queue's header, so it stays mapped while the file is open, and every page of records written
 * into it stays resident with it (a whole block of RSS after a few thousand alerts); and the block
 * being written keeps every page written so far until the appender leaves it. Each time the
 * appender has written another {@link #STEP} this gives back the pages behind it in its block, and
 * when it enters a new block the first block's ({@code madvise(MADV_DONTNEED)}): the file is mapped
 * shared, so the data stays in the page cache and on disk, and the few pages Chronicle still writes
 * there (the header, the current index) come back on their next write. A system without {@code
 * madvise} keeps them.
 */
final class MappedPageTrim {
  /** The bytes written between two trims of the block being written. */
  static final long STEP = 1L << 20;

  private static final int MADV_DONTNEED = 4;
  private static final long PAGE = 4096;
  private static final Optional<MethodHandle> MADVISE = madvise();

  private static final ReferenceOwner OWNER = ReferenceOwner.temporary("vigil-page-trim");

  private MappedFile file;
  private long block;
  private long step;
  private long trims;

  /**
   * Called after each append with the bytes it was written through: when the write position has
   * passed another {@link #STEP} since the last trim, the pages behind it in its block are given
   * back, and when it is in a later block of the file than at the last trim, the first block's.
   */
  void afterAppend(Bytes<?> bytes) {
    if (MADVISE.isEmpty() || !(bytes instanceof MappedBytes mapped)) {
      return;
    }
    MappedFile current = mapped.mappedFile();
    long position = bytes.writePosition();
    long chunk = current.chunkSize();
    long at = chunk <= 0 ? 0 : position / chunk;
    if (current != file) {
      file = current;
      block = at;
      step = position / STEP;
      return;
    }
    if (position / STEP == step) {
      return;
    }
    step = position / STEP;
    if (mapped.bytesStore() instanceof MappedBytesStore writing && writing.inside(position)) {
      try {
        long from = writing.start();
        advise(writing.addressForRead(from), position / PAGE * PAGE - from);
      } catch (RuntimeException e) {
        // the store is being replaced: its pages go with it
      }
    }
    if (at != block) {
      block = at;
      if (at > 0) {
        trim(current, Math.min(position, chunk + current.overlapSize()));
      }
    }
  }

  /** The times pages were given back. */
  long trims() {
    return trims;
  }

  /** Gives back the pages of {@code file}'s first block below {@code end}. */
  private void trim(MappedFile file, long end) {
    MappedBytesStore store;
    try {
      store = file.acquireByteStore(OWNER, 0);
    } catch (Exception e) {
      return; // the file is closing: its pages go with it
    }
    try {
      advise(
          store.addressForRead(store.start()),
          Math.min(end, store.underlyingCapacity()) / PAGE * PAGE);
    } catch (RuntimeException e) {
      // the file is closing: its pages go with it
    } finally {
      store.release(OWNER);
    }
  }

  /** {@code madvise(MADV_DONTNEED)} of the {@code length} bytes mapped at {@code address}. */
  private void advise(long address, long length) {
    if (address % PAGE != 0 || length <= 0) {
      return;
    }
    try {
      int rc =
          (int) MADVISE.get().invokeExact(MemorySegment.ofAddress(address), length, MADV_DONTNEED);
      if (rc == 0) {
        trims++;
      }
    } catch (Throwable t) {
      // madvise only advises: the pages stay resident
    }
  }

  private static Optional<MethodHandle> madvise() {
    try {
      Linker linker = Linker.nativeLinker();
      return linker
          .defaultLookup()
          .find("madvise")
          .map(
              f ->
                  linker.downcallHandle(
                      f,
                      FunctionDescriptor.of(
                          ValueLayout.JAVA_INT,
                          ValueLayout.ADDRESS,
                          ValueLayout.JAVA_LONG,
                          ValueLayout.JAVA_INT)));
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }
}
