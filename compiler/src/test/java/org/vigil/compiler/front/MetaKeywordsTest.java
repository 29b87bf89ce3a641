package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.rule;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Metadata;
import org.vigil.compiler.ir.Reference;
import org.vigil.compiler.ir.Rule;

class MetaKeywordsTest {

  @Test
  void metaOptions() {
    Rule r =
        rule(
            "alert tcp any any -> any any (msg:\"a \\\"quoted\\\"\\; msg \\\\ (c \\windows)\";"
                + " reference:url,www.example.com/a?b=c&d\\;e; reference:cve,2014-3566; gid:3; sid:2000001; rev:7;"
                + " classtype:trojan-activity; priority:2; metadata:former_category TROJAN, created_at 2017_05_01, flag;)");
    assertEquals("a \"quoted\"; msg \\ (c \\windows)", r.msg());
    assertEquals(3, r.gid());
    assertEquals(2000001, r.sid());
    assertEquals(7, r.rev());
    assertEquals("trojan-activity", r.classtype());
    assertEquals(2, r.priority());
    List<Reference> refs = r.all(Reference.class);
    assertEquals("url", refs.get(0).system());
    assertEquals("www.example.com/a?b=c&d;e", refs.get(0).id());
    assertEquals("cve", refs.get(1).system());
    assertEquals(
        List.of(
            new Metadata.Entry("former_category", "TROJAN"),
            new Metadata.Entry("created_at", "2017_05_01"),
            new Metadata.Entry("flag", "")),
        r.first(Metadata.class).orElseThrow().entries());
  }

  @Test
  void defaultsAndErrors() {
    Rule r = rule("alert tcp any any -> any any (sid:5;)");
    assertEquals(1, r.gid());
    assertEquals("", r.msg());
    assertEquals("sid: sid must be a number, found 'abc'", bad("msg:\"x\"; sid:abc;"));
    assertEquals("msg: the message must be a quoted string", bad("msg:hello;"));
    assertEquals("reference: expected 'system,id', found 'nocomma'", bad("reference:nocomma;"));
    assertEquals("priority: priority 0 is out of range [1, 255]", bad("priority:0;"));
    assertEquals("classtype: invalid classtype name 'a b'", bad("classtype:a b;"));
    assertEquals(
        "rule has no sid", Rules.badRule("alert tcp any any -> any any (msg:\"x\";)").message());
    assertEquals("rule has more than one sid", bad("sid:2;"));
  }
}
