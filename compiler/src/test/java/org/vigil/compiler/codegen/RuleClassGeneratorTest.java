package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.RuleMatcher;

/**
 * Pins Snort/Suricata semantics per keyword on the generated code (checked against the interpreter
 * on every call).
 */
class RuleClassGeneratorTest {

  private static Harness h(String options) {
    return new Harness("alert tcp any any -> any any (msg:\"t\"; " + options + " sid:1;)\n");
  }

  @Test
  void distanceAndWithinCountFromTheEndOfThePreviousMatch() {
    Harness h = h("content:\"abc\"; content:\"def\"; distance:2; within:5;");
    assertTrue(h.matches(1, "abcXXdef"));
    assertFalse(h.matches(1, "abcXdef"), "distance 2 skips two bytes first");
    assertTrue(h.matches(1, "abcXXXXdef"), "window is [end+2, end+2+5)");
    assertFalse(h.matches(1, "abcXXXXXdef"));
  }

  @Test
  void depthCountsFromOffset() {
    Harness h = h("content:\"xyz\"; offset:2; depth:4;");
    assertTrue(h.matches(1, "abxyzq"));
    assertTrue(h.matches(1, "abcxyz"));
    assertFalse(h.matches(1, "abcdxyz"));
    assertFalse(h.matches(1, "axyz"));
  }

  @Test
  void relativeContentIsRetriedOnTheNextOccurrenceOfItsAnchor() {
    Harness h = h("content:\"user=\"; content:\"admin\"; within:5;");
    assertTrue(h.matches(1, "user=guest&user=admin"));
    assertFalse(h.matches(1, "user=guest&user=x admin"));
  }

  @Test
  void aNegatedContentBetweenIsNotTheAnchorOfALaterRelativeContent() {
    // "B" anchors on "A" (the nearest content that is not negated), so "A" is retried at 2
    Harness h = h("content:\"A\"; content:!\"Z\"; content:\"B\"; distance:0; within:1;");
    assertTrue(h.matches(1, "A_AB"));
    assertFalse(h.matches(1, "A_AB Z"));
    assertFalse(h.matches(1, "A_A_B"));
  }

  @Test
  void negatedRelativeContent() {
    Harness h = h("content:\"GET \"; depth:4; content:!\"/index\"; within:6;");
    assertTrue(h.matches(1, "GET /other HTTP/1.0"));
    assertFalse(h.matches(1, "GET /index.html"));
    assertTrue(h.matches(1, "GET /x/index.html"), "outside the within window");
  }

  @Test
  void nocaseAndHex() {
    Harness h = h("content:\"|41 42|cD\"; nocase;");
    assertTrue(h.matches(1, "xxabCdyy"));
    assertFalse(h.matches(1, "xxab dyy"));
  }

  @Test
  void byteJumpFromAByteExtractVariable() {
    Harness h = h("byte_extract:1,0,skip; byte_jump:1,skip,relative; content:\"Z\"; within:1;");
    // byte 0 = 2 -> read at cursor(1)+2 = position 3 value 1 -> jump to 3+1+1 = 5 -> Z at 5
    assertTrue(h.matches(1, tcpBytes(new byte[] {2, 'a', 'b', 1, 'c', 'Z'})));
    assertFalse(h.matches(1, tcpBytes(new byte[] {2, 'a', 'b', 1, 'Z', 'c'})));
  }

  @Test
  void byteJumpNegativePostOffsetBeforeTheBufferStartMovesTheCursorToTheStart() {
    // suricata-verify detect-bytejump-05: Suricata 7 clamps a target before the start to the start
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"start"; content:"|0A 95 00 20|"; byte_jump:0,0,relative,post_offset -8; pcre:"/^NSLO/R"; sid:1;)
        alert tcp any any -> any any (msg:"before"; content:"|0A 95 00 20|"; byte_jump:0,0,relative,post_offset -10; pcre:"/^NSLO/R"; sid:2;)
        alert tcp any any -> any any (msg:"past"; content:"|0A 95 00 20|"; byte_jump:0,0,relative,post_offset 3; sid:3;)
        alert tcp any any -> any any (msg:"end"; content:"|0A 95 00 20|"; byte_jump:0,0,relative,post_offset 2; sid:4;)
        alert tcp any any -> any any (msg:"read"; content:"|0A 95|"; byte_jump:1,0,relative,post_offset -100; content:"NSLO"; within:4; sid:5;)
        """);
    byte[] p = {'N', 'S', 'L', 'O', 0x0a, (byte) 0x95, 0x00, 0x20, 'x', 'y'};
    assertTrue(h.matches(1, tcpBytes(p)), "cursor 8 - 8 = 0: NSLO at the start");
    assertTrue(h.matches(2, tcpBytes(p)), "cursor 8 - 10 = -2: moved to the start, not a failure");
    assertFalse(h.matches(3, tcpBytes(p)), "8 + 3 is past the end");
    assertTrue(h.matches(4, tcpBytes(p)), "8 + 2 is the end: still inside");
    assertTrue(h.matches(5, tcpBytes(p)), "a 1-byte read then -100: back to the start");
    byte[] q = {'N', 'S', 'L', 'O', 'x', 0x0a, (byte) 0x95, 0x00, 0x20};
    assertFalse(h.matches(1, tcpBytes(q)), "cursor 9 - 8 = 1: NSLO is not anchored there");
    assertTrue(h.matches(2, tcpBytes(q)), "cursor 9 - 10 = -1: moved to the start");
    assertTrue(
        h.matches(2, tcpBytes(new byte[] {'N', 'S', 'L', 'O', 0x0a, (byte) 0x95, 0x00, 0x20})));
  }

  @Test
  void byteExtractVariableAsDistance() {
    Harness h = h("byte_extract:1,0,n; content:\"END\"; distance:n; within:3;");
    assertTrue(h.matches(1, tcpBytes(new byte[] {3, 'x', 'x', 'x', 'E', 'N', 'D'})));
    assertFalse(h.matches(1, tcpBytes(new byte[] {2, 'x', 'x', 'x', 'E', 'N', 'D'})));
  }

  @Test
  void byteTestBinaryAndString() {
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"a"; byte_test:2,>,0x100,0; sid:1;)
        alert tcp any any -> any any (msg:"b"; content:"len="; byte_test:4,=,1234,0,relative,string,dec; sid:2;)
        alert tcp any any -> any any (msg:"c"; byte_test:2,>,0x100,0,little; sid:3;)
        alert tcp any any -> any any (msg:"d"; byte_test:1,&,0x80,0; sid:4;)
        alert tcp any any -> any any (msg:"e"; byte_test:1,!&,0x80,0; sid:5;)
        """);
    assertTrue(h.matches(1, tcpBytes(new byte[] {0x01, 0x01})));
    assertFalse(h.matches(1, tcpBytes(new byte[] {0x01, 0x00})));
    assertTrue(h.matches(2, "x len=1234;"));
    assertFalse(h.matches(2, "x len=1235;"));
    assertFalse(h.matches(2, "x len=12"), "not enough bytes");
    assertTrue(h.matches(3, tcpBytes(new byte[] {0x00, 0x02})));
    assertFalse(h.matches(3, tcpBytes(new byte[] {0x02, 0x00})));
    assertTrue(h.matches(4, tcpBytes(new byte[] {(byte) 0x81})));
    assertFalse(h.matches(4, tcpBytes(new byte[] {0x01})));
    assertTrue(h.matches(5, tcpBytes(new byte[] {0x01})));
  }

  @Test
  void stringByteTestReadsAsStrtoullAndComparesUnsigned() {
    // community sid 2278 (negative Content-Length): Suricata reads "-1" as 2^64-1, which is >
    // 0x7FFFFFFF
    Harness h =
        h(
            "content:\"Content-Length|3A|\"; nocase; byte_test:10,>,0x7FFFFFFF,1,relative,string,dec;");
    assertTrue(h.matches(1, "Content-Length: -1\r\n\r\nHost: example.com\r\n"));
    assertFalse(h.matches(1, "Content-Length: 100\r\n\r\nHost: example.com\r\n"));
    assertTrue(h.matches(1, "Content-Length: 4294967296\r\nHost: example.com\r\n"));
    assertFalse(
        h.matches(1, "Content-Length: +12\r\n\r\nHost: example.com\r\n"),
        "a plus sign is read and ignored");
    assertFalse(
        h.matches(1, "Content-Length: -\r\n\r\n\r\nHost: example.com\r\n"),
        "a sign without digits reads nothing");
    Harness big = h("byte_test:8,>,1,0;");
    assertTrue(
        big.matches(1, tcpBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1})),
        "8 binary bytes are unsigned too");
    assertTrue(
        big.matches(1, tcpBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0})),
        "2^63 is a value, not a failed read");
    assertFalse(
        big.matches(1, tcpBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0})),
        "7 bytes cannot be read as 8");
    Harness extracted = h("byte_extract:8,0,v; content:\"x\"; distance:0; within:1;");
    assertTrue(
        extracted.matches(1, tcpBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 'x'})),
        "byte_extract of 2^63 goes on to the next keyword");
  }

  @Test
  void zeroByteStringTestReadsTheNumberUpToTheBufferEnd() {
    // ET's http.content_len; byte_test:0,>,4000,0,string,dec: the whole buffer as one number
    Harness h = h("byte_test:0,>,4000,0,string,dec;");
    assertTrue(h.matches(1, "4001"));
    assertTrue(h.matches(1, "123456789"), "more digits than any fixed count");
    assertFalse(h.matches(1, "4000"));
    assertFalse(h.matches(1, "x4001"), "no digit at the offset");
    Harness eq0 = h("content:\"n=\"; byte_test:0,=,0,0,relative,string,dec;");
    assertTrue(eq0.matches(1, "n=0"));
    assertFalse(eq0.matches(1, "n="), "nothing left after the match: no number");
    Harness bin = h("content:\"A\"; byte_test:0,=,0,0;");
    assertTrue(bin.matches(1, "AB"), "0 binary bytes read the value 0");
  }

  @Test
  void isdataatAbsoluteRelativeAndNegated() {
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"a"; content:"AB"; isdataat:3,relative; sid:1;)
        alert tcp any any -> any any (msg:"b"; content:"AB"; isdataat:!1,relative; sid:2;)
        alert tcp any any -> any any (msg:"c"; isdataat:5; sid:3;)
        """);
    assertTrue(h.matches(1, "ABxyz"));
    assertFalse(h.matches(1, "ABxy"), "three bytes after the match are needed");
    assertTrue(h.matches(2, "xxAB"));
    assertFalse(h.matches(2, "xxABc"));
    assertTrue(h.matches(3, "123456"));
    assertFalse(h.matches(3, "12345"));
  }

  @Test
  void pcreRelativeAndFlags() {
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"a"; content:"id="; pcre:"/^\\d{3}/R"; sid:1;)
        alert tcp any any -> any any (msg:"b"; pcre:"/select.+from/is"; sid:2;)
        alert tcp any any -> any any (msg:"c"; pcre:!"/evil/"; sid:3;)
        alert tcp any any -> any any (msg:"d"; pcre:"/a.*b/G"; content:"c"; within:1; sid:4;)
        """);
    assertTrue(h.matches(1, "x id=123"));
    assertFalse(h.matches(1, "x id=12a"));
    assertFalse(h.matches(1, "x 123 id=a"));
    assertTrue(h.matches(2, "SELECT *\nFROM t"));
    assertTrue(h.matches(3, "good"));
    assertFalse(h.matches(3, "so evil"));
    // ungreedy: a.*b stops at the first b, then c must follow it; retried from the next start
    assertTrue(h.matches(4, "abcb"));
  }

  @Test
  void dsizeFlagsAndHeaderFields() {
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"a"; dsize:>3; flags:PA; sid:1;)
        alert tcp any any -> any any (msg:"b"; flags:S,12; sid:2;)
        alert tcp any any -> any any (msg:"c"; ttl:<65; sid:3;)
        alert tcp any any -> any 80 (msg:"d"; sid:4;)
        alert tcp any any -> any 81 (msg:"e"; sid:5;)
        alert tcp 10.0.0.0/8 any <> 192.168.0.0/16 any (msg:"f"; sid:6;)
        """);
    assertTrue(h.matches(1, "abcd"));
    assertFalse(h.matches(1, "abc"));
    InspectionContext syn = Harness.tcp("");
    syn.tcpFlags = 0x02 | 0x40;
    assertTrue(h.matches(2, syn), "ECE is ignored by the mask");
    assertFalse(h.matches(2, Harness.tcp("")));
    assertTrue(h.matches(3, "x"));
    assertTrue(h.matches(4, "x"));
    assertFalse(h.matches(5, "x"));
    InspectionContext c = Harness.tcp("x");
    assertFalse(h.matches(6, c));
    c.setIpv4(0xc0a80101, 0x0a000001);
    assertTrue(h.matches(6, c), "<> matches the reverse direction");
  }

  @Test
  void flowbitsAreSetOnlyAfterTheWholeRuleMatched() {
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"login"; content:"LOGIN"; flowbits:set,logged; content:"OK"; flowbits:noalert; sid:1;)
        alert tcp any any -> any any (msg:"cmd"; flowbits:isset,logged; content:"CMD"; sid:2;)
        alert tcp any any -> any any (msg:"nologin"; flowbits:isnotset,logged; content:"CMD"; sid:3;)
        """);
    InspectionContext c = Harness.tcp("LOGIN failed");
    assertEquals(RuleMatcher.NO_MATCH, h.run(1, c));
    assertFalse(c.flowbits.isSet(0), "set only after the whole rule matched");
    c = Harness.tcp("LOGIN OK");
    assertEquals(RuleMatcher.MATCH_NOALERT, h.run(1, c));
    assertTrue(c.flowbits.isSet(0));
    c.setBuffer(Buffers.PAYLOAD, "CMD".getBytes(StandardCharsets.US_ASCII), 0, 3);
    assertTrue(h.matches(2, c));
    assertFalse(h.matches(3, c));
  }

  @Test
  void httpBuffersAndUrilen() {
    Harness h =
        new Harness(
            """
        alert tcp any any -> any any (msg:"a"; flow:to_server,established; content:"/admin"; http_uri; content:"POST"; http_method; urilen:<20; sid:1;)
        """);
    InspectionContext c = Harness.tcp("");
    byte[] uri = "/admin/x".getBytes(StandardCharsets.US_ASCII);
    c.setBuffer(Buffers.HTTP_URI, uri, 0, uri.length);
    assertFalse(h.matches(1, c), "no method buffer");
    byte[] m = "POST".getBytes(StandardCharsets.US_ASCII);
    c.setBuffer(Buffers.HTTP_METHOD, m, 0, m.length);
    assertTrue(h.matches(1, c));
    c.flowFlags = InspectionContext.FLOW_TO_CLIENT | InspectionContext.FLOW_ESTABLISHED;
    assertFalse(h.matches(1, c));
  }

  private static void put(InspectionContext c, int id, String v) {
    byte[] b = v.getBytes(StandardCharsets.US_ASCII);
    c.setBuffer(id, b, 0, b.length);
  }

  @Test
  void suricataDialectOnHttpBuffers() {
    Harness h =
        new Harness(
            """
        alert http any any -> any any (msg:"a"; http.user_agent; content:"curl/"; startswith; http.host; dotprefix; content:".example.com"; endswith; sid:1;)
        alert http any any -> any any (msg:"b"; http.uri; bsize:<6; content:"/a"; sid:2;)
        alert http any any -> any any (msg:"c"; http.host; content:!"evil.com"; endswith; sid:3;)
        """);
    InspectionContext c = Harness.tcp("");
    c.appProto = org.vigil.detect.api.AppProtos.HTTP;
    put(c, Buffers.HTTP_USER_AGENT, "curl/8.0");
    put(c, Buffers.HTTP_HOST, "example.com");
    assertTrue(h.matches(1, c), "dotprefix makes the bare domain match");
    put(c, Buffers.HTTP_HOST, "www.example.com");
    assertTrue(h.matches(1, c));
    put(c, Buffers.HTTP_HOST, "badexample.com");
    assertFalse(h.matches(1, c), "the dot keeps other domains out");
    put(c, Buffers.HTTP_HOST, "www.example.com.evil");
    assertFalse(h.matches(1, c), "endswith");
    put(c, Buffers.HTTP_HOST, "www.example.com");
    put(c, Buffers.HTTP_USER_AGENT, "x curl/8.0");
    assertFalse(h.matches(1, c), "startswith");
    put(c, Buffers.HTTP_URI, "/a");
    assertTrue(h.matches(2, c));
    put(c, Buffers.HTTP_URI, "/abcdef");
    assertFalse(h.matches(2, c), "bsize");
    put(c, Buffers.HTTP_HOST, "evil.com.example");
    assertTrue(h.matches(3, c), "a negated endswith fails only at the end");
    put(c, Buffers.HTTP_HOST, "www.evil.com");
    assertFalse(h.matches(3, c));
    put(c, Buffers.HTTP_URI, "/a");
    c.appProto = org.vigil.detect.api.AppProtos.TLS;
    assertFalse(h.matches(2, c), "alert http needs an HTTP flow");
  }

  private static InspectionContext tcpBytes(byte[] b) {
    return Harness.tcp(b);
  }
}
