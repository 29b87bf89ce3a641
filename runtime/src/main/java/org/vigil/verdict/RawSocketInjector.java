package org.vigil.verdict;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends rejects through raw sockets ({@code socket(AF_INET|AF_INET6, SOCK_RAW, IPPROTO_RAW)},
 * header included) bound through JNA to libc. Needs CAP_NET_RAW; sockets open on first use.
 */
public final class RawSocketInjector implements PacketInjector {

  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOCK_RAW = 3;
  private static final int IPPROTO_RAW = 255;

  private int fd4 = -1;
  private int fd6 = -1;
  private final byte[] scratch = new byte[65536];
  private final byte[] addr4 = new byte[16];
  private final byte[] addr6 = new byte[28];

  /** libc, direct-mapped. */
  static final class Libc {
    static {
      Native.register(Platform.C_LIBRARY_NAME);
    }

    private Libc() {}

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen)
        throws LastErrorException;

    static native int close(int fd);
  }

  @Override
  public void inject(int ipVersion, ByteBuffer packet, int length) throws IOException {
    for (int i = 0; i < length; i++) scratch[i] = packet.get(i);
    try {
      if (ipVersion == 4) {
        if (fd4 < 0) fd4 = open(AF_INET);
        addr4[0] = (byte) AF_INET; // sa_family, little-endian u16
        addr4[1] = 0;
        for (int i = 0; i < 4; i++) addr4[4 + i] = scratch[16 + i];
        Libc.sendto(fd4, scratch, length, 0, addr4, addr4.length);
      } else {
        if (fd6 < 0) fd6 = open(AF_INET6);
        addr6[0] = (byte) AF_INET6;
        addr6[1] = 0;
        for (int i = 0; i < 16; i++) addr6[8 + i] = scratch[24 + i];
        Libc.sendto(fd6, scratch, length, 0, addr6, addr6.length);
      }
    } catch (LastErrorException e) {
      throw new IOException(
          "sending reject (IPv" + ipVersion + ") failed: " + describe(e.getErrorCode()), e);
    }
  }

  private static int open(int family) throws IOException {
    try {
      return Libc.socket(family, SOCK_RAW, IPPROTO_RAW);
    } catch (LastErrorException e) {
      String why =
          e.getErrorCode() == 1 || e.getErrorCode() == 13
              ? "permission denied: raw sockets need root or CAP_NET_RAW"
              : describe(e.getErrorCode());
      throw new IOException("cannot open raw socket for rejects: " + why, e);
    }
  }

  private static String describe(int errno) {
    return "errno " + errno;
  }

  @Override
  public void close() {
    if (fd4 >= 0) Libc.close(fd4);
    if (fd6 >= 0) Libc.close(fd6);
    fd4 = fd6 = -1;
  }
}
