package org.vigil.app.rdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.app.AppProtocol;
import org.vigil.config.VigilConfig;

/** RDP's detection as Suricata registers it, and {@code app-layer.protocols.rdp.enabled}. */
class RdpProtocolTest {
  private static final byte[] TPKT = {3, 0, 0, 11};

  private static AppProtocol configured(String enabled) {
    return new RdpProtocol()
        .configure(VigilConfig.load(null, List.of(RdpProtocol.ENABLED_KEY + "=" + enabled)));
  }

  @Test
  void aTpktToPort3389InEitherDirection() {
    AppProtocol p = new RdpProtocol();
    assertEquals(AppProtocol.MATCH, p.probe(true, TPKT, 0, 4, 3389));
    assertEquals(AppProtocol.MATCH, p.probe(false, TPKT, 0, 1, 3389));
    assertEquals(AppProtocol.NO_MATCH, p.probe(true, TPKT, 0, 4, 3390), "another port");
    assertEquals(AppProtocol.NO_MATCH, p.probe(true, new byte[] {0x16}, 0, 1, 3389));
    assertEquals(AppProtocol.NEED_MORE, p.probe(true, TPKT, 0, 0, 3389));
  }

  @Test
  void disabledIsNeverDetected() {
    assertEquals(AppProtocol.NO_MATCH, configured("no").probe(true, TPKT, 0, 4, 3389));
    assertEquals(AppProtocol.MATCH, configured("yes").probe(true, TPKT, 0, 4, 3389));
  }

  @Test
  void detectionOnlyDetectsButParsesNothing() {
    AppProtocol p = configured("detection-only");
    assertEquals(AppProtocol.MATCH, p.probe(true, TPKT, 0, 4, 3389));
    org.vigil.app.AppLayer layer =
        p.newLayer(new org.vigil.app.AppContext(new byte[4], 3389, null, null, null));
    byte[] cr = RdpBytes.x224(0xE, new byte[0]);
    layer.onData(true, cr, 0, cr.length); // nothing parsed, so nothing logged through the control
    assertEquals("rdp", layer.protocolName());
    assertEquals(-1, layer.inspectTransaction(true));
  }
}
