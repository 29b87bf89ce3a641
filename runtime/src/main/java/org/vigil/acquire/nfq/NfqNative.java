package org.vigil.acquire.nfq;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The native calls of the NFQUEUE source: libnetfilter_queue and libnfnetlink for queue setup
 * (once), and libc recv/send/setsockopt, direct-mapped, for the per-packet loop.
 */
final class NfqNative {

  static final String LIBNFQ = "libnetfilter_queue.so.1";
  static final String LIBNFNL = "libnfnetlink.so.0";

  private NfqNative() {}

  /** libnetfilter_queue, setup calls only. */
  interface NetfilterQueue extends Library {
    Pointer nfq_open();

    int nfq_close(Pointer h);

    int nfq_bind_pf(Pointer h, short pf);

    int nfq_unbind_pf(Pointer h, short pf);

    Pointer nfq_create_queue(Pointer h, short num, Callback cb, Pointer data);

    int nfq_destroy_queue(Pointer qh);

    int nfq_set_mode(Pointer qh, byte mode, int range);

    int nfq_set_queue_maxlen(Pointer qh, int len);

    int nfq_set_queue_flags(Pointer qh, int mask, int flags);

    int nfq_fd(Pointer h);

    Pointer nfq_nfnlh(Pointer h);

    Pointer nfq_get_msg_packet_hdr(Pointer nfad);

    int nfq_get_payload(Pointer nfad, com.sun.jna.ptr.PointerByReference data);

    int nfq_get_nfmark(Pointer nfad);

    int nfq_get_indev(Pointer nfad);

    int nfq_get_outdev(Pointer nfad);
  }

  /**
   * The libnetfilter_queue packet callback; only reached while the library itself reads (setup,
   * close).
   */
  interface PacketCallback extends Callback {
    int invoke(Pointer qh, Pointer nfmsg, Pointer nfad, Pointer data);
  }

  /** libnfnetlink: the receive buffer size (SO_RCVBUFFORCE when permitted). */
  interface Nfnetlink extends Library {
    int nfnl_rcvbufsiz(Pointer nfnlh, int size);
  }

  /** Loads libnetfilter_queue, or says which package to install. */
  static NetfilterQueue netfilterQueue() {
    return netfilterQueue(LIBNFQ);
  }

  /** Loads libnetfilter_queue under {@code name}, or says which package to install. */
  static NetfilterQueue netfilterQueue(String name) {
    try {
      return Native.load(name, NetfilterQueue.class);
    } catch (UnsatisfiedLinkError e) {
      throw new NfqException(
          name
              + " is not installed or cannot be loaded (Debian/Ubuntu: apt-get install "
              + "libnetfilter-queue1): "
              + e.getMessage(),
          e);
    }
  }

  /** Loads libnfnetlink, or says which package to install. */
  static Nfnetlink nfnetlink() {
    try {
      return Native.load(LIBNFNL, Nfnetlink.class);
    } catch (UnsatisfiedLinkError e) {
      throw new NfqException(
          LIBNFNL
              + " is not installed or cannot be loaded (Debian/Ubuntu: apt-get install "
              + "libnfnetlink0): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * libc calls of the verdict loop, direct-mapped (errno through {@link Native#getLastError()}).
   */
  static final class Libc {
    static {
      Native.register(Platform.C_LIBRARY_NAME);
    }

    private Libc() {}

    static native long recv(int fd, Pointer buf, long len, int flags);

    static native long send(int fd, Pointer buf, long len, int flags);

    static native int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

    static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    static native String strerror(int errno);
  }

  static final int MSG_DONTWAIT = 0x40;
  static final int MSG_WAITFORONE = 0x10000;
  static final int ENOSYS = 38;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVTIMEO = 20;
  static final int EINTR = 4,
      EAGAIN = 11,
      EPERM = 1,
      EACCES = 13,
      EBUSY = 16,
      ENOBUFS = 105,
      EOPNOTSUPP = 95;

  /** "Operation not permitted (errno 1)". */
  static String describe(int errno) {
    String s;
    try {
      s = Libc.strerror(errno);
    } catch (RuntimeException | LinkageError e) {
      s = null;
    }
    return (s == null ? "error" : s) + " (errno " + errno + ")";
  }
}
