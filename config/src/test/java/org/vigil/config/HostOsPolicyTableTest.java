package org.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostOsPolicyTableTest {

  static byte[] ip(String s) throws Exception {
    return InetAddress.getByName(s).getAddress();
  }

  @Test
  void suricataDefaultGivesWindowsToIpv4AndTheDefaultToIpv6() throws Exception {
    HostOsPolicyTable t = HostOsPolicyTable.from(VigilConfig.defaults());
    assertEquals("windows", t.policyFor(ip("192.0.2.1")));
    assertEquals("bsd", t.policyFor(ip("2001:db8::1")));
  }

  @Test
  void longestPrefixWins() throws Exception {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("linux", List.of("10.0.0.0/8"));
    m.put("solaris", List.of("10.1.0.0/16", "2001:db8::/32"));
    m.put("first", List.of("10.1.2.3"));
    HostOsPolicyTable t = new HostOsPolicyTable("bsd", m);
    assertEquals("linux", t.policyFor(ip("10.200.0.1")));
    assertEquals("solaris", t.policyFor(ip("10.1.9.9")));
    assertEquals("first", t.policyFor(ip("10.1.2.3")));
    assertEquals("bsd", t.policyFor(ip("11.0.0.1")));
    assertEquals("solaris", t.policyFor(ip("2001:db8:1::5")));
  }

  @Test
  void oddPrefixLengthsMaskBits() throws Exception {
    HostOsPolicyTable t = new HostOsPolicyTable("bsd", Map.of("last", List.of("192.168.0.0/23")));
    assertEquals("last", t.policyFor(ip("192.168.1.255")));
    assertEquals("bsd", t.policyFor(ip("192.168.2.0")));
  }

  @Test
  void badEntryNamesTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new HostOsPolicyTable("bsd", Map.of("linux", List.of("10.0.0.0/40"))));
    assertTrue(e.getMessage().contains("host-os-policy.linux"), e.getMessage());
  }
}
