package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.badRule;
import static org.vigil.compiler.front.Rules.opts;
import static org.vigil.compiler.front.Rules.rule;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Bsize;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.Protocol;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.Target;
import org.vigil.compiler.ir.Transform;

/** Suricata's dialect: header protocols, sticky buffer names and the keywords it adds. */
class DialectKeywordsTest {

  @Test
  void headerAppProtocolIsTcpWithAppLayerProtocol() {
    Rule r = rule("alert http any any -> any any (http.uri; content:\"/a\"; sid:1;)");
    assertEquals(Protocol.TCP, r.protocol());
    AppLayerProtocol a = (AppLayerProtocol) r.options().get(0);
    assertEquals("http", a.name());
    assertFalse(a.negated());
    assertEquals(7, a.pos().column());
    // alert http1 is alert http; the text prints back as the same rule in Snort's header form
    Rule h1 = rule("alert http1 any any -> any any (content:\"x\"; sid:1;)");
    assertEquals("http", ((AppLayerProtocol) h1.options().get(0)).name());
    assertEquals(
        "alert tcp any any -> any any (app-layer-protocol:http; content:\"x\"; sid:1;)",
        RulePrinter.print(h1));
    for (String p : new String[] {"tls", "ssh", "ftp", "smb"}) {
      Rule x = rule("alert " + p + " any any -> any any (content:\"x\"; sid:1;)");
      assertEquals(p, ((AppLayerProtocol) x.options().get(0)).name());
    }
  }

  @Test
  void tcpPktAndTcpStreamFoldIntoTheFlowOption() {
    Rule r =
        rule(
            "alert tcp-pkt any any -> any any (flow:established,to_server; content:\"x\";"
                + " sid:1;)");
    assertEquals(Protocol.TCP, r.protocol());
    Flow f = r.first(Flow.class).orElseThrow();
    assertEquals(Flow.StreamMode.NO_STREAM, f.stream());
    assertEquals(Flow.Dir.TO_SERVER, f.direction());
    Rule s = rule("alert tcp-stream any any -> any any (content:\"x\"; sid:1;)");
    assertEquals(Flow.StreamMode.ONLY_STREAM, s.first(Flow.class).orElseThrow().stream());
    assertEquals(
        "flow:only_stream conflicts with the header",
        badRule("alert tcp-pkt any any -> any any (flow:only_stream; content:\"x\"; sid:1;)")
            .message());
  }

  @Test
  void protocolsWithoutAnAppLayerAreRejectedByName() {
    Diagnostic d = badRule("alert pop3 any any -> any any (content:\"x\"; sid:1;)");
    assertEquals(
        "protocol 'pop3' is not supported yet (no pop3 app layer in Vigil): rule skipped",
        d.message());
    assertEquals(7, d.pos().column());
    assertTrue(
        badRule("alert imap any any -> any any (content:\"x\"; sid:1;)")
            .message()
            .contains("'imap' is not supported yet"));
    assertTrue(
        badRule("alert bogus any any -> any any (content:\"x\"; sid:1;)")
            .message()
            .startsWith("unknown or unsupported protocol 'bogus'"));
  }

  @Test
  void stickyBufferNamesSelectTheSnortBuffers() {
    String[][] pairs = {
      {"http.uri", "HTTP_URI"},
      {"http.uri.raw", "HTTP_RAW_URI"},
      {"http.method", "HTTP_METHOD"},
      {"http.header", "HTTP_HEADER"},
      {"http.header.raw", "HTTP_RAW_HEADER"},
      {"http.cookie", "HTTP_COOKIE"},
      {"http.request_body", "HTTP_CLIENT_BODY"},
      {"http.response_body", "FILE_DATA"},
      {"file.data", "FILE_DATA"},
      {"http.stat_code", "HTTP_STAT_CODE"},
      {"http.stat_msg", "HTTP_STAT_MSG"},
      {"http.host", "HTTP_HOST"},
      {"http.host.raw", "HTTP_RAW_HOST"},
      {"http.user_agent", "HTTP_USER_AGENT"},
      {"http.content_type", "HTTP_CONTENT_TYPE"},
      {"http_content_type", "HTTP_CONTENT_TYPE"},
      {"http.header_names", "HTTP_HEADER_NAMES"},
      {"http.request_line", "HTTP_REQUEST_LINE"},
      {"http.response_line", "HTTP_RESPONSE_LINE"},
      {"http.start", "HTTP_START"},
      {"http.protocol", "HTTP_PROTOCOL"},
      {"http.referer", "HTTP_REFERER"},
      {"http.location", "HTTP_LOCATION"},
      {"http.server", "HTTP_SERVER"},
      {"http.accept", "HTTP_ACCEPT"},
      {"http.accept_enc", "HTTP_ACCEPT_ENC"},
      {"http.accept_lang", "HTTP_ACCEPT_LANG"},
      {"http.connection", "HTTP_CONNECTION"},
      {"http.content_len", "HTTP_CONTENT_LEN"}
    };
    for (String[] p : pairs) {
      var o = opts(p[0] + "; content:\"a\"; content:\"b\";");
      Buffer b = Buffer.valueOf(p[1]);
      assertEquals(b, ((StickyBuffer) o.get(0)).buffer(), p[0]);
      assertEquals(b, ((Content) o.get(2)).buffer(), p[0]);
    }
    // the same rule in both dialects: Snort's modifier and Suricata's sticky buffer
    assertEquals(
        ((Content) opts("content:\"a\"; http_user_agent;").get(0)).buffer(),
        ((Content) opts("http.user_agent; content:\"a\";").get(1)).buffer());
    assertEquals(
        "http_uri used while the sticky buffer http_host is active; reset it with pkt_data first",
        bad("http.host; content:\"a\"; content:\"b\"; http_uri;"));
  }

  @Test
  void startswithIsOffsetZeroDepthLength() {
    Content c = (Content) opts("content:\"abc\"; startswith; fast_pattern;").get(0);
    assertEquals(IntArg.of(0), c.offset());
    assertEquals(IntArg.of(3), c.depth());
    assertEquals(
        "startswith can't be mixed with offset, depth, distance or within on the same content",
        bad("content:\"a\"; content:\"abc\"; distance:0; startswith;"));
    assertEquals(
        "can't use multiple depth on the same content",
        bad("content:\"abc\"; startswith; depth:5;"));
    assertEquals("startswith needs a preceding content", bad("startswith;"));
  }

  @Test
  void endswithMarksTheContent() {
    Content c = (Content) opts("content:!\"abc\"; endswith;").get(0);
    assertTrue(c.endsWith());
    assertTrue(c.negated());
    assertFalse(((Content) opts("content:\"abc\";").get(0)).endsWith());
    assertEquals(
        "can't use multiple endswith on one content", bad("content:\"a\"; endswith; endswith;"));
  }

  @Test
  void bsizeReadsTheStickyBuffer() {
    Bsize b = (Bsize) opts("http.uri; bsize:<10; content:\"a\";").get(1);
    assertEquals(Buffer.HTTP_URI, b.buffer());
    assertEquals(NumericCheck.of(NumericCheck.Op.LT, 10), b.check());
    assertEquals(
        new NumericCheck(NumericCheck.Op.RANGE, 2, 9),
        ((Bsize) opts("http.host; bsize:2<>9;").get(1)).check());
    assertEquals(
        "bsize needs a sticky buffer before it (http.uri, http.host, file.data, ...)",
        bad("content:\"a\"; bsize:5;"));
  }

  @Test
  void targetNoalertAndAppLayerProtocol() {
    assertEquals(
        Target.Side.DEST_IP, ((Target) opts("target:dest_ip; content:\"a\";").get(0)).side());
    assertEquals("target: expected src_ip or dest_ip, found 'both'", bad("target:both;"));
    assertEquals(
        Flowbits.Command.NOALERT, ((Flowbits) opts("noalert; content:\"a\";").get(0)).command());
    AppLayerProtocol a = (AppLayerProtocol) opts("app-layer-protocol:!tls;").get(0);
    assertEquals("tls", a.name());
    assertTrue(a.negated());
    assertTrue(bad("app-layer-protocol:imap;").contains("'imap' is not supported yet"));
    assertEquals("smtp", ((AppLayerProtocol) opts("app-layer-protocol:smtp;").get(0)).name());
  }

  @Test
  void keywordsOfOtherParsersAreNamedNotHalfEnforced() {
    assertEquals(
        "krb5_cname is not supported yet (no SMB/Kerberos fields yet)",
        bad("krb5_cname; content:\"a\";"));
    assertEquals(
        "the strip_pseudo_headers transform is not supported yet",
        bad("http.host; strip_pseudo_headers;"));
  }

  @Test
  void transformsFollowTheStickyBuffer() {
    var o = opts("http.host; dotprefix; to_lowercase; content:\".a.com\"; endswith;");
    assertEquals(Transform.Kind.DOTPREFIX, ((Transform) o.get(1)).kind());
    assertEquals(Transform.Kind.TO_LOWERCASE, ((Transform) o.get(2)).kind());
    assertEquals(Buffer.HTTP_HOST, ((Transform) o.get(2)).buffer());
    // after options that inspected the buffer, a transform starts a transformed instance of it
    var again = opts("http.host; content:\"a\"; dotprefix; content:\".a\";");
    assertEquals(Transform.Kind.DOTPREFIX, ((Transform) again.get(2)).kind());
    // once an option consumed transforms, no more may follow until the sticky buffer is selected
    assertEquals(
        "to_lowercase must follow a sticky buffer keyword (http.host, http.uri, ...) before any"
            + " option that inspects it",
        bad("http.host; dotprefix; content:\"a\"; to_lowercase; content:\"b\";"));
    assertEquals(
        "to_md5 must follow a sticky buffer keyword (http.host, http.uri, ...) before any option"
            + " that inspects it",
        bad("content:\"a\"; to_md5;"));
  }

  @Test
  void dialectRulesPrintBackToTheSameIr() {
    String[] rules = {
      "alert http any any -> any any (flow:established,to_server; http.user_agent;"
          + " content:\"curl/\"; nocase; startswith; http.host; content:!\"x.com\"; endswith;"
          + " bsize:>3; target:src_ip; sid:1;)",
      "alert tcp-pkt any any -> any any (content:\"a\"; endswith; noalert; sid:2;)",
      "alert http any any -> any any (http.host; dotprefix; content:\".google.com\"; endswith;"
          + " sid:4;)",
      "alert tcp any any -> any any (http.start; content:\"GET\"; http.header_names;"
          + " content:\"|0d 0a|Host|0d 0a|\"; sid:3;)"
    };
    for (String text : rules) {
      Rule r = rule(text);
      Rule again = rule(RulePrinter.print(r));
      assertEquals(RulePrinter.print(r), RulePrinter.print(again), text);
      assertEquals(r.options().size(), again.options().size(), text);
    }
  }
}
