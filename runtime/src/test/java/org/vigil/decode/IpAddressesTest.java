package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IpAddressesTest {
  @Test
  void formatsLikeRfc5952AndLikeSuricataEve() {
    long[] a = IpAddresses.parse("2001:db8::1");
    assertEquals("2001:db8::1", IpAddresses.format(6, a[0], a[1]));
    assertEquals("2001:0db8:0000:0000:0000:0000:0000:0001", IpAddresses.formatEve(6, a[0], a[1]));
    long[] b = IpAddresses.parse("1:0:0:2:0:0:0:3");
    assertEquals("1:0:0:2::3", IpAddresses.format(6, b[0], b[1]));
    assertEquals("::", IpAddresses.format(6, 0, 0));
    assertEquals("::1", IpAddresses.format(6, 0, 1));
    assertEquals("1::", IpAddresses.format(6, 1L << 48, 0));
    assertEquals(
        "1:2:3:4:5:6:7:8",
        IpAddresses.format(
            6, IpAddresses.parse("1:2:3:4:5:6:7:8")[0], IpAddresses.parse("1:2:3:4:5:6:7:8")[1]));
    long[] v4 = IpAddresses.parse("192.168.0.255");
    assertEquals("192.168.0.255", IpAddresses.formatEve(4, v4[0], v4[1]));
    assertArrayEquals(new long[] {0, 0xc0a800ffL}, v4);
    assertThrows(IllegalArgumentException.class, () -> IpAddresses.parse("300.1.1.1"));
  }

  @Test
  void ipv4IsWrittenAsInetAddressWritesItForEveryOctetValueInEveryPlace() throws Exception {
    java.util.Random rnd = new java.util.Random(17);
    for (int place = 0; place < 4; place++) {
      for (int v = 0; v < 256; v++) {
        byte[] a = new byte[4];
        rnd.nextBytes(a);
        a[place] = (byte) v;
        String want = java.net.InetAddress.getByAddress(a).getHostAddress();
        long lo =
            ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        assertEquals(want, IpAddresses.format(4, 0, lo));
        assertEquals(want, IpAddresses.formatEve(4, 0, lo));
        assertEquals(want, IpAddresses.formatEve(4, a));
      }
    }
    assertEquals(
        "255.255.255.255", IpAddresses.format(4, -1L, -1L), "bits above the address ignored");
  }

  @Test
  void bytesAreTheAddressInNetworkOrderAsInetAddressGivesThem() throws Exception {
    for (String text :
        new String[] {
          "192.168.0.255",
          "10.0.0.1",
          "255.255.255.255",
          "0.0.0.0",
          "2001:db8::1",
          "fe80::1:2:3:4",
          "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
          "::"
        }) {
      long[] a = IpAddresses.parse(text);
      int version = text.contains(":") ? 6 : 4;
      byte[] want = java.net.InetAddress.getByName(text).getAddress();
      assertArrayEquals(want, IpAddresses.bytes(version, a[0], a[1]), text);
      byte[] out = new byte[16];
      java.util.Arrays.fill(out, (byte) 0x5a);
      IpAddresses.putBytes(out, version, a[0], a[1]);
      assertArrayEquals(want, java.util.Arrays.copyOf(out, want.length), text);
      for (int i = want.length; i < 16; i++) {
        assertEquals(0x5a, out[i], text + ": putBytes wrote past the address");
      }
    }
  }
}
