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
 * Keeps the first block of an alert log's cycle file from staying resident for the cycle's life.
 * Chronicle maps a cycle file block by block and unmaps the blocks the appender leaves behind,
 * except the first: it holds the queue's header, so it stays mapped while the file is open, and
 * every page of records written into it stays resident with it (a whole block of RSS after a few
 * thousand alerts). Each time the appender enters a new block this drops the first block's pages
 * from the process ({@code madvise(MADV_DONTNEED)}): the file is mapped shared, so the data stays
 * in the page cache and on disk, and the few pages Chronicle still writes there (the header, the
 * current index) come back on their next write. A system without {@code madvise} keeps them.
 */
final class HeaderBlockTrim {
  private static final int MADV_DONTNEED = 4;
  private static final long PAGE = 4096;
  private static final Optional<MethodHandle> MADVISE = madvise();

  private static final ReferenceOwner OWNER = ReferenceOwner.temporary("vigil-header-trim");

  private MappedFile file;
  private long block;
  private long trims;

  /**
   * Called after each append with the bytes it was written through: when the write position is in a
   * later block of the file than at the last call, the first block's pages are given back.
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
      return;
    }
    if (at == block) {
      return;
    }
    block = at;
    if (at > 0) {
      trim(current, Math.min(position, chunk + current.overlapSize()));
    }
  }

  /** The times the first block's pages were given back. */
  long trims() {
    return trims;
  }

  /** Drops the resident pages of {@code file}'s first block below {@code end}. */
  private void trim(MappedFile file, long end) {
    MappedBytesStore store;
    try {
      store = file.acquireByteStore(OWNER, 0);
    } catch (Exception e) {
      return; // the file is closing: nothing stays resident
    }
    try {
      long address = store.addressForRead(store.start());
      long length = Math.min(end, store.underlyingCapacity()) / PAGE * PAGE;
      if (address % PAGE == 0 && length > 0) {
        int rc =
            (int)
                MADVISE.get().invokeExact(MemorySegment.ofAddress(address), length, MADV_DONTNEED);
        if (rc == 0) {
          trims++;
        }
      }
    } catch (Throwable t) {
      // madvise only advises: the pages stay resident
    } finally {
      store.release(OWNER);
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
