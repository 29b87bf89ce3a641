package org.vigil.output.log;

import net.openhft.posix.PosixAPI;
import net.openhft.posix.internal.jnr.JNRPosixAPI;
import net.openhft.posix.internal.noop.NoOpPosixAPI;

/**
 * Chronicle's POSIX calls, with its native layer (jnr-ffi, jffi and the call stubs jnr's x86
 * assembler writes) loaded at the first call instead of when Chronicle starts: Chronicle's {@code
 * Jvm} asks for the {@link PosixAPI} in its static initializer only to load it early, and the paths
 * Vigil uses call it only for {@code msync} (an alert log with {@code sync: async} or {@code
 * sync}). A run that never calls it never loads the ~300 classes and the native library. The
 * implementation is Chronicle's own choice: jnr's, or its no-op one (which throws on use) when jnr
 * cannot load.
 */
final class DeferredPosixApi implements PosixAPI {

  private static final class Loaded {
    static final PosixAPI API = load();

    private static PosixAPI load() {
      try {
        return new JNRPosixAPI();
      } catch (Throwable t) {
        return new NoOpPosixAPI(t.toString());
      }
    }
  }

  private static PosixAPI api() {
    return Loaded.API;
  }

  @Override
  public int close(int fd) {
    return api().close(fd);
  }

  @Override
  public int fallocate(int fd, int mode, long offset, long length) {
    return api().fallocate(fd, mode, offset, length);
  }

  @Override
  public int ftruncate(int fd, long offset) {
    return api().ftruncate(fd, offset);
  }

  @Override
  public long lseek(int fd, long offset, int whence) {
    return api().lseek(fd, offset, whence);
  }

  @Override
  public int lockf(int fd, int cmd, long len) {
    return api().lockf(fd, cmd, len);
  }

  @Override
  public int madvise(long addr, long length, int advice) {
    return api().madvise(addr, length, advice);
  }

  @Override
  public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
    return api().mmap(addr, length, prot, flags, fd, offset);
  }

  @Override
  public boolean mlock(long addr, long length) {
    return api().mlock(addr, length);
  }

  @Override
  public boolean mlock2(long addr, long length, boolean lockOnFault) {
    return api().mlock2(addr, length, lockOnFault);
  }

  @Override
  public void mlockall(int flags) {
    api().mlockall(flags);
  }

  @Override
  public int msync(long address, long length, int flags) {
    return api().msync(address, length, flags);
  }

  @Override
  public int munmap(long addr, long length) {
    return api().munmap(addr, length);
  }

  @Override
  public int open(CharSequence path, int flags, int perm) {
    return api().open(path, flags, perm);
  }

  @Override
  public long read(int fd, long dst, long len) {
    return api().read(fd, dst, len);
  }

  @Override
  public long write(int fd, long src, long len) {
    return api().write(fd, src, len);
  }

  @Override
  public int gettimeofday(long timeval) {
    return api().gettimeofday(timeval);
  }

  @Override
  public int sched_setaffinity(int pid, int cpusetsize, long mask) {
    return api().sched_setaffinity(pid, cpusetsize, mask);
  }

  @Override
  public int sched_getaffinity(int pid, int cpusetsize, long mask) {
    return api().sched_getaffinity(pid, cpusetsize, mask);
  }

  @Override
  public int lastError() {
    return api().lastError();
  }

  @Override
  public long clock_gettime(int clockId) {
    return api().clock_gettime(clockId);
  }

  @Override
  public long malloc(long size) {
    return api().malloc(size);
  }

  @Override
  public void free(long ptr) {
    api().free(ptr);
  }

  @Override
  public int get_nprocs() {
    return api().get_nprocs();
  }

  @Override
  public int get_nprocs_conf() {
    return api().get_nprocs_conf();
  }

  @Override
  public int getpid() {
    return api().getpid();
  }

  @Override
  public int gettid() {
    return api().gettid();
  }

  @Override
  public String strerror(int errno) {
    return api().strerror(errno);
  }
}
