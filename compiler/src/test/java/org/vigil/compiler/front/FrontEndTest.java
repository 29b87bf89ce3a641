package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.compiler.ir.Action;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Direction;
import org.vigil.compiler.ir.PortSpec;
import org.vigil.compiler.ir.Protocol;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.SourcePos;

class FrontEndTest {
  @TempDir Path dir;

  private static ParseResult parse(String text) {
    return FrontEnd.parseText("f.rules", text, Variables.defaults());
  }

  @Test
  void commentsBlankLinesAndContinuations() {
    ParseResult r =
        parse(
            """
        # a comment
           # an indented comment

        alert tcp any any -> any 80 (msg:"one"; \\
            content:"abc"; \\
            sid:1;)
        #alert tcp any any -> any any (msg:"disabled"; sid:2;)
        alert udp any any <> any 53 (msg:"two"; sid:3;) # trailing comment
        """);
    assertEquals(List.of(), r.errors());
    assertEquals(2, r.total());
    Rule one = r.rules().get(0);
    assertEquals(new SourcePos("f.rules", 4, 1), one.pos());
    assertEquals(
        "alert tcp any any -> any 80 (msg:\"one\";     content:\"abc\";     sid:1;)",
        one.source().text());
    assertEquals(new SourcePos("f.rules", 5, 5), one.first(Content.class).orElseThrow().pos());
    Rule two = r.rules().get(1);
    assertEquals(Protocol.UDP, two.protocol());
    assertEquals(Direction.BOTH, two.direction());
  }

  @Test
  void actionsAndProtocols() {
    for (Action a : Action.values()) {
      for (Protocol p : Protocol.values()) {
        Rule r = Rules.rule(a.keyword() + " " + p.keyword() + " any any -> any any (sid:1;)");
        assertEquals(a, r.action());
        assertEquals(p, r.protocol());
      }
    }
    assertEquals(
        "unknown or unsupported action 'activate' (alert, log, pass, drop, reject, sdrop)",
        Rules.badRule("activate tcp any any -> any any (sid:1;)").message());
    assertEquals(
        "unknown or unsupported protocol 'htp' (ip, tcp, udp, icmp, tcp-pkt, tcp-stream, http, http1,"
            + " ftp, ftp-data, tls, ssh, smb, dns, smtp)",
        Rules.badRule("alert htp any any -> any any (sid:1;)").message());
  }

  @Test
  void badRulesAreReportedOnceAndOthersLoad() {
    ParseResult r =
        parse(
            """
        alert tcp any any -> any any (msg:"ok 1"; sid:1;)
        alert tcp any any -> any any (msg:"bad"; content:"x"; frob; sid:2;)
        alert tcp any any -> any any (msg:"missing paren"; sid:3;
        alert tcp any any -> any any (msg:"ok 2"; sid:4;)
        alert tcp any any -> any any (msg:"no resp"; resp:rst_all; sid:5;)
        alert tcp any any any any (msg:"no arrow"; sid:6;)
        """);
    assertEquals(6, r.total());
    assertEquals(List.of(1L, 4L), r.rules().stream().map(Rule::sid).toList());
    assertEquals(4, r.errors().size(), r.errors().toString());
    Diagnostic frob = r.errors().get(0);
    assertEquals(2L, frob.sid());
    assertEquals("f.rules:2:55: unknown keyword 'frob'", frob.headline());
    assertEquals(
        """
        f.rules:2:55: unknown keyword 'frob'
            alert tcp any any -> any any (msg:"bad"; content:"x"; frob; sid:2;)
                                                                  ^""",
        frob.format());
    assertEquals(3L, r.errors().get(1).sid());
    assertEquals(
        "syntax error: incomplete rule: missing ';' or ')' at the end of the options",
        r.errors().get(1).message());
    assertEquals("active responses (resp) are not supported", r.errors().get(2).message());
    assertEquals("unsupported keyword resp", r.errors().get(2).reason());
    assertEquals("syntax error: missing '->' or '<>' before 'any'", r.errors().get(3).message());
    assertEquals(6L, r.errors().get(3).sid());
    assertEquals(
        java.util.Map.of(
            "syntax error", 2, "unknown keyword frob", 1, "unsupported keyword resp", 1),
        r.summary());
  }

  @Test
  void misspelledKeywordsGetASuggestion() {
    assertEquals("unknown keyword 'metadaa' (did you mean 'metadata'?)", Rules.bad("metadaa:x y;"));
    assertEquals(
        "unknown keyword 'http_urii' (did you mean 'http_uri'?)",
        Rules.bad("content:\"a\"; http_urii;"));
    assertEquals("unknown keyword 'xyzzy'", Rules.bad("xyzzy;"));
  }

  @Test
  void syntaxErrorsUseWordsNotTokenNames() {
    assertEquals(
        "syntax error: missing ';' before ')'",
        Rules.badRule("alert tcp any any -> any any (msg:\"x\"; sid:1)").message());
    assertEquals(
        "syntax error: unexpected ':', expected an option keyword or ')'",
        Rules.badRule("alert tcp any any -> any any (msg:\"x\"; :sid:1;)").message());
    assertEquals(
        "unexpected character '{'", Rules.badRule("alert tcp any any -> any { (sid:1;)").message());
  }

  @Test
  void unterminatedStringDoesNotSpillIntoTheNextRule() {
    ParseResult r =
        parse(
            """
        alert tcp any any -> any any (msg:"open; sid:1;)
        alert tcp any any -> any any (msg:"fine"; sid:2;)
        """);
    assertEquals(List.of(2L), r.rules().stream().map(Rule::sid).toList());
    assertEquals(1, r.errors().size());
  }

  @Test
  void varLinesDefineVariables() {
    ParseResult r =
        parse(
            """
        ipvar MY_NET [10.0.0.0/8,!10.1.0.0/16]
        portvar MY_PORTS [80,8080:8090]
        var BOTH 25
        alert tcp $MY_NET any -> any $MY_PORTS (sid:1;)
        alert tcp any $BOTH -> any any (sid:2;)
        """);
    assertEquals(List.of(), r.errors());
    assertEquals(2, r.total());
    AddressSpec.Var v = (AddressSpec.Var) r.rules().get(0).sourceAddress();
    assertEquals("MY_NET", v.name());
    assertTrue(v.value() instanceof AddressSpec.Group g && g.items().size() == 2);
    PortSpec.Var p = (PortSpec.Var) r.rules().get(0).destinationPort();
    assertTrue(p.value() instanceof PortSpec.Group);
  }

  @Test
  void includeIsRelativeToTheIncludingFile() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(
        dir.resolve("sub/inner.rules"), "alert tcp any any -> any any (msg:\"inner\"; sid:2;)\n");
    Files.writeString(
        dir.resolve("main.rules"),
        """
        var RULE_PATH sub
        alert tcp any any -> any any (msg:"outer"; sid:1;)
        include $RULE_PATH/inner.rules
        include missing.rules
        """);
    ParseResult r = FrontEnd.parse(List.of(dir.resolve("main.rules")), Variables.defaults());
    assertEquals(List.of(1L, 2L), r.rules().stream().map(Rule::sid).toList());
    assertEquals(1, r.errors().size());
    assertTrue(
        r.errors().get(0).message().startsWith("include: cannot read "),
        r.errors().get(0).message());
    assertTrue(r.rules().get(1).pos().file().endsWith("inner.rules"));
  }

  @Test
  void foldersAreReadInNameOrderAndMissingSourcesFail() throws IOException {
    Files.writeString(dir.resolve("b.rules"), "alert tcp any any -> any any (sid:2;)\n");
    Files.writeString(dir.resolve("a.rules"), "alert tcp any any -> any any (sid:1;)\n");
    Files.writeString(dir.resolve("notes.txt"), "not rules\n");
    ParseResult r = FrontEnd.parse(List.of(dir), Variables.defaults());
    assertEquals(List.of(1L, 2L), r.rules().stream().map(Rule::sid).toList());
    IOException e =
        assertThrows(
            IOException.class,
            () -> FrontEnd.parse(List.of(dir.resolve("none.rules")), Variables.defaults()));
    assertTrue(
        e.getMessage().endsWith("none.rules: no such file or folder, or not readable"),
        e.getMessage());
  }

  @Test
  void unknownClasstypeIsRejectedWhenAClassificationIsGiven() throws IOException {
    Files.writeString(
        dir.resolve("c.rules"),
        """
        alert tcp any any -> any any (classtype:trojan-activity; sid:1;)
        alert tcp any any -> any any (classtype:made-up; sid:2;)
        """);
    var classes =
        org.vigil.config.ClassificationConfig.parse(
            "c", new java.io.StringReader("config classification: trojan-activity,Trojan,1\n"));
    ParseResult r = FrontEnd.parse(List.of(dir.resolve("c.rules")), Variables.defaults(), classes);
    assertEquals(1, r.rules().size());
    assertEquals(
        "unknown classtype 'made-up' (not in the classification file)",
        r.errors().get(0).message());
  }

  @Test
  void duplicateSidsKeepTheHigherRevision() {
    ParseResult r =
        parse(
            """
        alert tcp any any -> any any (msg:"old"; sid:9; rev:1;)
        alert tcp any any -> any any (msg:"new"; sid:9; rev:2;)
        alert tcp any any -> any any (msg:"same again"; sid:9; rev:2;)
        alert tcp any any -> any any (msg:"other gid"; gid:3; sid:9; rev:1;)
        """);
    assertEquals(List.of("new", "other gid"), r.rules().stream().map(Rule::msg).toList());
    assertEquals(4, r.total());
    assertEquals(2, r.errors().size());
    assertEquals(
        "f.rules:1:1: duplicate signature gid 1 sid 9 rev 1; rev 2 at f.rules:2:1 is kept",
        r.errors().get(0).headline());
    assertEquals(new SourcePos("f.rules", 3, 1), r.errors().get(1).pos());
  }

  @Test
  void configGivesVariablesAndClassifications() throws IOException {
    Files.writeString(dir.resolve("classes.config"), "config classification: mine,My class,2\n");
    Files.writeString(dir.resolve("vigil.yaml"), "classification-file: classes.config\n");
    Files.writeString(
        dir.resolve("r.rules"),
        """
        alert tcp $HOME_NET any -> $SIP_SERVERS any (classtype:mine; sid:1;)
        alert tcp any any -> any any (classtype:trojan-activity; sid:2;)
        """);
    var cfg =
        org.vigil.config.VigilConfig.load(
            dir.resolve("vigil.yaml"), List.of("vars.address-groups.SIP_SERVERS=[10.0.0.0/8]"));
    ParseResult r = FrontEnd.parse(List.of(dir.resolve("r.rules")), cfg);
    assertEquals(List.of(1L), r.rules().stream().map(Rule::sid).toList());
    assertEquals(
        "unknown classtype 'trojan-activity' (not in the classification file)",
        r.errors().get(0).message());
  }
}
