package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.ok;

import org.junit.jupiter.api.Test;

class RuleChecksTest {

  @Test
  void packetKeywordsDoNotMixWithAppLayerBuffers() {
    assertEquals(
        "dsize tests single packets and cannot be combined with http_client_body (app-layer data),"
            + " as in Suricata",
        bad("dsize:<200; content:\"x\"; http_client_body;"));
    assertTrue(bad("content:\"x\"; http_uri; flags:S;").startsWith("flags tests single packets"));
    assertTrue(
        bad("flow:to_server,no_stream; file_data; content:\"x\";")
            .startsWith("flow tests single packets"));
    // base64_data and icmp_seq do not count, as in Suricata
    ok("itype:8; content:\"A\"; base64_decode; base64_data; content:\"s\";");
    ok("icmp_seq:0; content:\"x\"; http_uri;");
    ok("dsize:>5; content:\"x\";");
  }

  @Test
  void directionsMustAgree() {
    assertEquals(
        "http_stat_code (server to client) and http_uri (client to server) cannot match in the same rule",
        bad("content:\"a\"; http_uri; content:\"200\"; http_stat_code;"));
    assertEquals(
        "http_stat_code is only seen server to client but the rule has flow:to_server",
        bad("flow:established,to_server; content:\"a\"; pcre:\"/200/S\";"));
    assertEquals(
        "http_method is only seen client to server but the rule has flow:to_client",
        bad("flow:to_client; content:\"GET\"; http_method;"));
    ok("flow:established; content:\"a\"; http_header; content:\"b\"; http_cookie;");
  }

  @Test
  void urilenMustLeaveRoomForUriContent() {
    assertTrue(
        bad("urilen:9; content:\"/top2.html\"; http_uri;")
            .startsWith("content of 10 bytes can never fit urilen:9"));
    assertTrue(
        bad("urilen:1; content:!\".swf\"; http_uri;")
            .startsWith("content of 4 bytes can never fit urilen:1"));
    ok("urilen:9; content:\"/top2.html\";");
    ok("urilen:>9; content:\"/top2.html\"; http_uri;");
    ok("urilen:10,raw; content:\"/top2.html\"; http_uri;");
  }

  @Test
  void stickyBufferNeedsMatches() {
    assertEquals(
        "file_data is not followed by any option that inspects it",
        bad("content:\"x\"; file_data; content:\"y\"; within:4; file_data;"));
    ok("file_data; isdataat:1;");
  }

  @Test
  void oneRateLimitPerRule() {
    String t = "threshold:type limit,track by_src,count 1,seconds 60;";
    String d = "detection_filter:track by_src,count 5,seconds 60;";
    assertEquals(
        "threshold and detection_filter cannot be used in the same rule", bad(t + " " + d));
    assertEquals("only one threshold is allowed per rule", bad(t + " " + t));
    assertEquals("only one detection_filter is allowed per rule", bad(d + " " + d));
  }
}
