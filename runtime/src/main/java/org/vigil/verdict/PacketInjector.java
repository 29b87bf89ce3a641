package org.vigil.verdict;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends a complete IP packet (header included) built by the verdict module, e.g. a reject's RST.
 */
public interface PacketInjector extends AutoCloseable {

  /** Sends {@code packet[0, length)}, an IPv4 or IPv6 packet according to {@code ipVersion}. */
  void inject(int ipVersion, ByteBuffer packet, int length) throws IOException;

  /** Releases the sockets; the default does nothing. */
  @Override
  default void close() {}
}
