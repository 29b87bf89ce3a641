package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.AppControl;
import org.vigil.app.AppTransaction;
import org.vigil.app.dcerpc.DcerpcUdpLayer;

/**
 * Any sequence of datagrams (the chunks of {@link FuzzSeeds#chunks}, each one datagram of its
 * direction) given to the connectionless DCE/RPC layer: it never throws, and every unit it reports
 * has buffers that can be read. Seeded with a request and a response of a fragmented call.
 */
class DcerpcUdpFuzzTest {
  private static final String METHOD = "anyDatagramsParse";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(DcerpcUdpFuzzTest.class, METHOD);
    byte[] req = header(0, 0x04, 8);
    byte[] last = header(0, 0x06, 4);
    byte[] rsp = header(2, 0, 2);
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    for (byte[] d : new byte[][] {req, last, rsp}) {
      o.write(d[1] == 2 ? 0 : 1); // a response to the client, requests to the server
      o.write(d.length);
      o.writeBytes(d);
    }
    FuzzSeeds.add(DcerpcUdpFuzzTest.class, METHOD, o.toByteArray());
  }

  private static byte[] header(int type, int flags, int body) {
    byte[] b = new byte[80 + body];
    b[0] = 4;
    b[1] = (byte) type;
    b[2] = (byte) flags;
    b[4] = 0x10;
    b[74] = (byte) body;
    return b;
  }

  @FuzzTest(maxDuration = "8s")
  void anyDatagramsParse(byte[] input) {
    DcerpcUdpLayer layer = new DcerpcUdpLayer(NO_CONTROL);
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (!c.gap()) {
        DcerpcUdpLayer.detects(c.toServer(), c.data(), c.off(), c.len());
        layer.onData(c.toServer(), c.data(), c.off(), c.len());
      }
      layer.units(c.toServer(), false, u -> u.buffers().fill((id, b, off, len) -> {}));
    }
    layer.units(true, true, u -> u.buffers().fill((id, b, off, len) -> {}));
  }

  /** Takes the logged calls' records, as the outputs would. */
  private static final AppControl NO_CONTROL =
      new AppControl() {
        @Override
        public void stopInspection() {}

        @Override
        public void stopPayloadInspection() {}

        @Override
        public void flushForProtocolChange() {}

        @Override
        public void changeProtocol() {}

        @Override
        public void protocolChangeDone() {}

        @Override
        public void raiseReassemblyDepth(long bytes) {}

        @Override
        public void triggerRawInspection(boolean toServer) {}

        @Override
        public void logTransaction(AppTransaction tx) {
          tx.appRecord().writeFields(NO_WRITER);
        }
      };

  private static final org.vigil.app.RecordWriter NO_WRITER =
      new org.vigil.app.RecordWriter() {
        @Override
        public void string(String name, String value) {}

        @Override
        public void number(String name, long value) {}

        @Override
        public void bool(String name, boolean value) {}

        @Override
        public void startObject(String name) {}

        @Override
        public void endObject() {}

        @Override
        public void startArray(String name) {}

        @Override
        public void endArray() {}
      };
}
