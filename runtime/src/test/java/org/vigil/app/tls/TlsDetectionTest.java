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

  @Test
  void anSsl2ClientHelloIsTlsOnPort443OrWhenItsVersionIs2() {
    byte[] v31 = {(byte) 0x80, 0x55, 0x01, 0x03, 0x01};
    assertEquals(TlsDetection.MATCH, TlsDetection.probe(true, v31, 0, v31.length, 443));
    assertEquals(TlsDetection.NO_MATCH, TlsDetection.probe(true, v31, 0, v31.length, 8443));
    byte[] v2 = {(byte) 0x80, 0x55, 0x01, 0x00, 0x02};
    assertEquals(TlsDetection.MATCH, TlsDetection.probe(true, v2, 0, v2.length, 8443));
    byte[] notHello = {(byte) 0x80, 0x55, 0x04, 0x00, 0x02};
    assertEquals(
        TlsDetection.NO_MATCH, TlsDetection.probe(true, notHello, 0, notHello.length, 443));
  }
}
