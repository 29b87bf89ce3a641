package org.vigil.detect.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.Buffers;

class RulesetImageTest {
  @Test
  void badFilesAreNamedErrors() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> RulesetImage.read(new ByteArrayInputStream("hello world!".getBytes())));
    assertTrue(e.getMessage().contains("not a Vigil ruleset"), e.getMessage());
    byte[] truncated = {0x56, 0x52, 0x53, 0x31, 0, 0, 0, 1, 0};
    assertThrows(IOException.class, () -> RulesetImage.read(new ByteArrayInputStream(truncated)));
    byte[] future = {0x56, 0x52, 0x53, 0x31, 0, 0, 0, 9};
    e = assertThrows(IOException.class, () -> RulesetImage.read(new ByteArrayInputStream(future)));
    assertTrue(e.getMessage().contains("unsupported .vrs format 9"), e.getMessage());
  }

  /** Content behind a valid digest (a faulty writer) with an element count far beyond its size. */
  @Test
  void aCountBeyondTheContentIsRefusedNotAllocated() throws IOException {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bos);
    out.writeUTF("v");
    out.writeUTF("h");
    out.writeInt(Integer.MAX_VALUE); // flowbit names
    out.writeInt(0);
    byte[] file = VrsEnvelope.seal(bos.toByteArray(), null, null);
    VrsException e =
        assertThrows(VrsException.class, () -> RulesetImage.read(new ByteArrayInputStream(file)));
    assertTrue(
        e.getMessage().contains("bad element count 2147483647 with 4 bytes left"), e.getMessage());
  }

  /**
   * Rules that share a classtype, a reference or metadata texts hold one copy of each text once
   * read: the ruleset lives as long as the run.
   */
  @Test
  void textsRulesShareAreReadIntoOneCopy() throws IOException {
    RuleMeta[] meta = {rule(0, 1001, "ref-a"), rule(1, 1002, "ref-b")};
    PortGroup none = new PortGroup("any", 2, new int[] {0, 1}, new Prefilter[Buffers.COUNT]);
    RulesetImage written =
        new RulesetImage(
            "v",
            "h",
            meta,
            new String[] {"r1", "r2"},
            new String[] {"", ""},
            List.of(),
            List.of(),
            new PortGroup[] {none, none, none},
            new PortGroup[][] {{}, {}, {}},
            new int[3][]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    written.write(out);
    RulesetImage read = RulesetImage.read(new ByteArrayInputStream(out.toByteArray()));
    RuleMeta a = read.meta[0];
    RuleMeta b = read.meta[1];
    assertEquals(List.of(1001L, 1002L), List.of(a.sid(), b.sid()));
    assertEquals("trojan-activity", a.classtype());
    assertSame(a.classtype(), b.classtype());
    assertEquals(List.of("url,example.com/shared", "url,example.com/ref-a"), a.references());
    assertSame(a.references().get(0), b.references().get(0));
    assertNotSame(a.references().get(1), b.references().get(1));
    assertEquals(Map.of("created_at", List.of("2010_07_30")), a.metadata());
    String key = a.metadata().keySet().iterator().next();
    assertSame(key, b.metadata().keySet().iterator().next());
    assertSame(a.metadata().get(key).get(0), b.metadata().get(key).get(0));
  }

  /**
   * A rule's scope keeps what its flow option needs beside its inspection and target bits, and a
   * file of format 5 (a one-byte scope, no flow bits) is refused with the advice to recompile.
   */
  @Test
  void theFlowBitsOfARuleScopeAreKept() throws IOException {
    int scope =
        RuleMeta.ON_STREAM
            | RuleMeta.NEEDS_PAYLOAD
            | RuleMeta.TARGET_DEST
            | RuleMeta.FLOW_TO_CLIENT
            | RuleMeta.FLOW_ESTABLISHED;
    RuleMeta m = rule(0, 1001, "ref-a");
    RuleMeta[] meta = {
      new RuleMeta(
          0,
          m.gid(),
          m.sid(),
          m.rev(),
          m.action(),
          m.msg(),
          m.classtype(),
          m.priority(),
          m.references(),
          null,
          scope)
    };
    PortGroup none = new PortGroup("any", 1, new int[] {0}, new Prefilter[Buffers.COUNT]);
    RulesetImage written =
        new RulesetImage(
            "v",
            "h",
            meta,
            new String[] {"r1"},
            new String[] {""},
            List.of(),
            List.of(),
            new PortGroup[] {none, none, none},
            new PortGroup[][] {{}, {}, {}},
            new int[3][]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    written.write(out);
    byte[] file = out.toByteArray();
    assertEquals(scope, RulesetImage.read(new ByteArrayInputStream(file)).meta[0].scope());
    file[7] = 5;
    IOException e =
        assertThrows(IOException.class, () -> RulesetImage.read(new ByteArrayInputStream(file)));
    assertTrue(e.getMessage().contains("recompile the rules"), e.getMessage());
  }

  private static RuleMeta rule(int index, long sid, String ref) {
    Map<String, List<String>> md = new LinkedHashMap<>();
    md.put("created_at", List.of("2010_07_30"));
    return new RuleMeta(
        index,
        1,
        sid,
        1,
        RuleAction.ALERT,
        "msg " + sid,
        "trojan-activity",
        1,
        List.of("url,example.com/shared", "url,example.com/" + ref),
        null,
        0,
        md);
  }
}
