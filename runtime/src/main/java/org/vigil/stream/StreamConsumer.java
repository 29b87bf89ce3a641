package org.vigil.stream;

/**
 * An app-layer module's view of a connection: called only when new in-order data (or a confirmed
 * gap, or the end) arrives in a direction. Buffers are only valid during the call.
 */
public interface StreamConsumer {
  /** New in-order bytes in a direction. */
  void onData(boolean toServer, byte[] buf, int off, int len);

  /** {@code length} bytes are missing (confirmed lost); data continues after them. */
  void onGap(boolean toServer, long length);

  /** The direction ended (FIN reached, RST or session end); no more calls for it. */
  void onClose(boolean toServer);
}
