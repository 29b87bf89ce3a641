package org.vigil.app.dcerpc;

import org.vigil.app.AppContext;
import org.vigil.app.AppLayer;
import org.vigil.app.AppProtocol;

/**
 * DCE/RPC as a registered app-layer protocol: over TCP a client's first bytes are a PDU header (see
 * {@link DcerpcDetection}); over UDP a client's first datagram is a connectionless request (see
 * {@link DcerpcUdpLayer#detects}).
 */
public final class DcerpcProtocol implements AppProtocol {
  @Override
  public String name() {
    return DcerpcLayer.NAME;
  }

  @Override
  public int order() {
    return 45;
  }

  @Override
  public int probeBytes() {
    return DcerpcDetection.PROBE_BYTES;
  }

  @Override
  public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return DcerpcDetection.probe(toServer, b, off, len);
  }

  /** Suricata's pattern and probe, registered for both directions. */
  @Override
  public int detects(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return DcerpcDetection.header(b, off, len);
  }

  @Override
  public AppLayer newLayer(AppContext context) {
    return new DcerpcLayer(context.control());
  }

  @Override
  public int probeDatagram(boolean toServer, byte[] b, int off, int len, int serverPort) {
    return DcerpcUdpLayer.detects(toServer, b, off, len) ? MATCH : NO_MATCH;
  }

  @Override
  public AppLayer newDatagramLayer(AppContext context) {
    return new DcerpcUdpLayer(context.control());
  }
}
