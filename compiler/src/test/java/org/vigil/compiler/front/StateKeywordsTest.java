package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.opts;
import static org.vigil.compiler.front.Rules.rule;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Flowint;
import org.vigil.compiler.ir.Xbits;

/** xbits and flowint as ET Open 2024 writes them, and their errors. */
class StateKeywordsTest {

  @Test
  void xbitsTakeACommandANameATrackAndAnExpiry() {
    Xbits x =
        (Xbits) opts("xbits:set, ET.CVE-2023-46604.attempt, track ip_dst, expire 300;").get(0);
    assertEquals(Xbits.Command.SET, x.command());
    assertEquals("ET.CVE-2023-46604.attempt", x.name());
    assertEquals(Xbits.Track.IP_DST, x.track());
    assertEquals(300, x.expireSeconds());
    Xbits d = (Xbits) opts("xbits:isset,ET.ipcheck,track ip_pair;").get(0);
    assertEquals(Xbits.Track.IP_PAIR, d.track());
    assertEquals(Xbits.DEFAULT_EXPIRE, d.expireSeconds());
    assertEquals(
        "alert tcp any any -> any any (xbits:toggle,a,track ip_src,expire 30; sid:1;)",
        RulePrinter.print(
            rule("alert tcp any any -> any any (xbits:toggle,a,track ip_src; sid:1;)")));
  }

  @Test
  void xbitsErrors() {
    assertEquals(
        "xbits: unknown command 'flip' (set, unset, toggle, isset, isnotset)",
        bad("xbits:flip,a,track ip_src;"));
    assertEquals(
        "xbits: unknown track 'ip_any' (ip_src, ip_dst, ip_pair)",
        bad("xbits:set,a,track ip_any;"));
    assertEquals(
        "xbits: expected cmd,name,track ip_src|ip_dst|ip_pair[,expire seconds], found 'set,a'",
        bad("xbits:set,a;"));
    assertEquals(
        "xbits: expire must be at least 1 second", bad("xbits:set,a,track ip_src,expire 0;"));
  }

  @Test
  void flowintTakesANameAnOperatorAndAValueOrAVariable() {
    Flowint f = (Flowint) opts("flowint: ET.infostealer.dll.download, +, 1;").get(0);
    assertEquals("ET.infostealer.dll.download", f.name());
    assertEquals(Flowint.Op.ADD, f.op());
    assertEquals(1, f.value());
    Flowint v = (Flowint) opts("flowint:a,>=,b;").get(0);
    assertEquals(Flowint.Op.GE, v.op());
    assertEquals("b", v.valueVar());
    assertEquals(Flowint.Op.NOTSET, ((Flowint) opts("flowint:a,notset;").get(0)).op());
    assertEquals(
        "alert tcp any any -> any any (flowint:a,==,3; flowint:a,isset; sid:1;)",
        RulePrinter.print(
            rule("alert tcp any any -> any any (flowint:a, ==, 3; flowint:a,isset; sid:1;)")));
  }

  @Test
  void flowintErrors() {
    assertEquals(
        "flowint: unknown operator '*' (=, +, -, <, <=, ==, !=, >=, >, isset, notset)",
        bad("flowint:a,*,2;"));
    assertEquals("flowint: + needs a value", bad("flowint:a,+;"));
    assertEquals(
        "flowint: unknown operator 'isnotset' (=, +, -, <, <=, ==, !=, >=, >, isset, notset)",
        bad("flowint:a,isnotset;"));
    assertEquals("flowint: isset takes no value", bad("flowint:a,isset,1;"));
  }

  @Test
  void appLayerEventNamesAnEventOurParsersRaise() {
    org.vigil.compiler.ir.AppLayerEvent e =
        (org.vigil.compiler.ir.AppLayerEvent)
            opts("app-layer-event:http.invalid_transfer_encoding_value_in_request;").get(0);
    assertEquals("http.invalid_transfer_encoding_value_in_request", e.name());
    assertEquals(
        org.vigil.detect.api.AppEvents.id("http.invalid_transfer_encoding_value_in_request"),
        e.id());
    assertEquals(
        "app-layer-event 'smtp.invalid_reply' is not an event Vigil's parsers raise (rule skipped;"
            + " they raise http.*, tls.* and smb.* events)",
        bad("app-layer-event:smtp.invalid_reply;"));
  }

  @Test
  void requiresIsCheckedAgainstSuricata7010WithoutOptionalFeatures() {
    assertEquals(
        "alert tcp any any -> any any (content:\"a\"; sid:1;)",
        RulePrinter.print(
            rule(
                "alert tcp any any -> any any (requires: version >= 7.0.3 < 8; content:\"a\";"
                    + " sid:1;)")));
    assertEquals(
        "requires version >= 8; Vigil follows Suricata 7.0.10: rule skipped",
        bad("requires:version >= 8;"));
    assertEquals(
        "requires version < 7.0.10; Vigil follows Suricata 7.0.10: rule skipped",
        bad("requires:version >= 7, version < 7.0.10;"));
    assertEquals(
        "requires feature 'geoip', which Vigil does not have: rule skipped",
        bad("requires:feature geoip;"));
    assertEquals(
        "requires: unknown requirement 'os' (feature, version)", bad("requires:os linux;"));
  }
}
