package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TlsDetectionTest {
  private static int probe(boolean toServer, int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return TlsDetection.probe(toServer, b, 0, b.length);
  }

  @Test
  void clientsOpenWithAHandshakeRecordOfSsl3ToTls12() {
    for (int minor = 0; minor <= 3; minor++) {
      assertEquals(TlsDetection.MATCH, probe(true, 0x16, 3, minor));
    }
    assertEquals(TlsDetection.NO_MATCH, probe(true, 0x16, 3, 4));
    assertEquals(TlsDetection.NO_MATCH, probe(true, 0x17, 3, 1));
    assertEquals(TlsDetection.NO_MATCH, probe(true, 'G', 'E', 'T'));
    assertEquals(TlsDetection.NEED_MORE, probe(true, 0x16, 3));
  }

  @Test
  void serversMayOpenWithAnAlertHandshakeOrApplicationDataRecord() {
    assertEquals(TlsDetection.MATCH, probe(false, 0x15, 3, 1));
    assertEquals(TlsDetection.MATCH, probe(false, 0x16, 3, 3));
    assertEquals(TlsDetection.MATCH, probe(false, 0x17, 3, 0));
    assertEquals(TlsDetection.NO_MATCH, probe(false, 0x18, 3, 1));
    assertEquals(TlsDetection.NEED_MORE, probe(false, 0x15));
  }
}
