package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** libhtp's host name and host:port checks as Vigil makes them. */
class HostChecksTest {
  @Test
  void hostNamesAreLabelsOfLettersDigitsDashAndUnderscore() {
    assertTrue(HostChecks.validHostname("www.example.com"));
    assertTrue(HostChecks.validHostname("my_host-1.example"));
    assertTrue(HostChecks.validHostname("example.com."), "a trailing dot ends the name");
    assertTrue(HostChecks.validHostname("[2001:db8::1]"));
    assertFalse(HostChecks.validHostname("/"));
    assertFalse(HostChecks.validHostname("/http/1.1"));
    assertFalse(HostChecks.validHostname(".example.com"));
    assertFalse(HostChecks.validHostname("a..b"));
    assertFalse(HostChecks.validHostname("x".repeat(64) + ".com"), "a label over 63 bytes");
    assertFalse(HostChecks.validHostname("[not:v6:zz]"));
    assertFalse(HostChecks.validHostname(""));
  }

  @Test
  void hostAndPort() {
    assertEquals(
        new HostChecks.Authority("example.com", 8080, false),
        HostChecks.parse(" Example.COM:8080 "));
    assertEquals(
        new HostChecks.Authority("example.com", -1, false), HostChecks.parse("example.com"));
    assertEquals(
        new HostChecks.Authority("example.com", -1, true), HostChecks.parse("example.com:"));
    assertEquals(
        new HostChecks.Authority("example.com", -1, true), HostChecks.parse("example.com:0"));
    assertEquals(
        new HostChecks.Authority("example.com", -1, true), HostChecks.parse("example.com:x"));
    assertEquals(new HostChecks.Authority("[::1]", 443, false), HostChecks.parse("[::1]:443"));
    assertEquals(new HostChecks.Authority(null, -1, true), HostChecks.parse("[::1"));
    assertEquals(new HostChecks.Authority(null, -1, true), HostChecks.parse("  "));
  }
}
