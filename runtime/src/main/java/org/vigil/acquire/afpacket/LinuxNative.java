package org.vigil.acquire.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls of AF_PACKET capture through the FFM API, each returning -1 with the errno of the
 * call kept in a per-thread capture segment ({@link #errno()}). Setup calls run once per socket;
 * the receive loop calls only {@link #poll} (once per ready block, not per packet).
 */
final class LinuxNative {
  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;
  static final int ETH_P_ALL = 0x0003;
  static final int SOL_SOCKET = 1;
  static final int SO_ERROR = 4;
  static final int SO_RCVBUF = 8;
  static final int SO_RCVBUFFORCE = 33;
  static final int SO_ATTACH_FILTER = 26;
  static final int SOL_PACKET = 263;
  static final int PACKET_ADD_MEMBERSHIP = 1;
  static final int PACKET_RX_RING = 5;
  static final int PACKET_STATISTICS = 6;
  static final int PACKET_VERSION = 10;
  static final int PACKET_FANOUT = 18;
  static final int TPACKET_V3 = 2;
  static final int PACKET_MR_PROMISC = 1;
  static final int PROT_READ = 1;
  static final int PROT_WRITE = 2;
  static final int MAP_SHARED = 1;
  static final int MAP_LOCKED = 0x2000;
  static final short POLLIN = 1;
  static final short POLLERR = 8;
  static final int EINTR = 4;
  static final int ENETDOWN = 100;
  static final int ENODEV = 19;
  static final int ENXIO = 6;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final ThreadLocal<MemorySegment> STATE =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

  private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
  private static final java.lang.foreign.AddressLayout P = ValueLayout.ADDRESS;

  private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(I, I, I, I));
  private static final MethodHandle SETSOCKOPT =
      errnoCall("setsockopt", FunctionDescriptor.of(I, I, I, I, P, I));
  private static final MethodHandle GETSOCKOPT =
      errnoCall("getsockopt", FunctionDescriptor.of(I, I, I, I, P, P));
  private static final MethodHandle BIND = errnoCall("bind", FunctionDescriptor.of(I, I, P, I));
  private static final MethodHandle MMAP =
      errnoCall("mmap", FunctionDescriptor.of(P, P, J, I, I, I, J));
  private static final MethodHandle MUNMAP = errnoCall("munmap", FunctionDescriptor.of(I, P, J));
  private static final MethodHandle POLL = errnoCall("poll", FunctionDescriptor.of(I, P, J, I));
  private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(I, I));
  private static final MethodHandle IF_NAMETOINDEX =
      errnoCall("if_nametoindex", FunctionDescriptor.of(I, P));
  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(
          LIBC.find("strerror").orElseThrow(),
          FunctionDescriptor.of(
              P.withTargetLayout(MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)), I));

  private LinuxNative() {}

  private static MethodHandle errnoCall(String name, FunctionDescriptor fd) {
    MemorySegment fn =
        LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    return LINKER.downcallHandle(fn, fd, Linker.Option.captureCallState("errno"));
  }

  /** The errno of this thread's last call made here. */
  static int errno() {
    return (int) ERRNO.get(STATE.get(), 0L);
  }

  /** "Network is down (errno 100)". */
  static String describe(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.getString(0) + " (errno " + errno + ")";
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  static int socket(int domain, int type, int protocol) {
    try {
      return (int) SOCKET.invokeExact(STATE.get(), domain, type, protocol);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  static int setsockopt(int fd, int level, int name, MemorySegment value) {
    try {
      return (int)
          SETSOCKOPT.invokeExact(STATE.get(), fd, level, name, value, (int) value.byteSize());
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** getsockopt into {@code value} (its whole size offered); returns -1 or the call's result. */
  static int getsockopt(int fd, int level, int name, MemorySegment value, Arena arena) {
    return getsockopt(fd, level, name, value, arena.allocate(I));
  }

  /**
   * getsockopt into {@code value} (its whole size offered), {@code len} an int the call may change;
   * returns -1 or the call's result.
   */
  static int getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment len) {
    len.set(I, 0, (int) value.byteSize());
    try {
      return (int) GETSOCKOPT.invokeExact(STATE.get(), fd, level, name, value, len);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  static int bind(int fd, MemorySegment addr) {
    try {
      return (int) BIND.invokeExact(STATE.get(), fd, addr, (int) addr.byteSize());
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** Maps {@code length} bytes of {@code fd} shared and read-write; NULL address on failure. */
  static MemorySegment mmap(int fd, long length, int flags) {
    try {
      MemorySegment m =
          (MemorySegment)
              MMAP.invokeExact(
                  STATE.get(),
                  MemorySegment.NULL,
                  length,
                  PROT_READ | PROT_WRITE,
                  MAP_SHARED | flags,
                  fd,
                  0L);
      return m.address() == -1L ? MemorySegment.NULL : m;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  static int munmap(MemorySegment addr, long length) {
    try {
      return (int) MUNMAP.invokeExact(STATE.get(), addr, length);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** poll(2) over the {@code count} pollfd structs at {@code fds}. */
  static int poll(MemorySegment fds, long count, int timeoutMillis) {
    try {
      return (int) POLL.invokeExact(STATE.get(), fds, count, timeoutMillis);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  static int close(int fd) {
    try {
      return (int) CLOSE.invokeExact(STATE.get(), fd);
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** The index of interface {@code name}, 0 when there is none. */
  static int ifNameToIndex(String name) {
    try (Arena a = Arena.ofConfined()) {
      return (int) IF_NAMETOINDEX.invokeExact(STATE.get(), a.allocateFrom(name));
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /** An int socket option. */
  static int setInt(int fd, int level, int name, int value) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(I);
      v.set(I, 0, value);
      return setsockopt(fd, level, name, v);
    }
  }
}
