package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.IrComparison;
import org.vigil.compiler.ir.PluginOption;
import org.vigil.compiler.ir.Rule;
import org.vigil.detect.KeywordPlugins;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.KeywordPlugin;
import org.vigil.example.EntropyKeyword;
import org.vigil.example.FixedKeyword;

/**
 * Rule keywords from plugins: found on the class path, parsed by the plugin, rejected like any
 * keyword without it.
 */
class PluginKeywordsTest {

  /** A plugin keyword without a value, for the printer's flag form. */
  static final class AlwaysKeyword implements KeywordPlugin {
    @Override
    public String name() {
      return "always";
    }

    @Override
    public String version() {
      return "0.1";
    }

    @Override
    public Prepared prepare(String value) {
      if (!value.isEmpty()) {
        throw new IllegalArgumentException("takes no value");
      }
      return (ctx, data, base, len, cursor) -> cursor;
    }
  }

  /** A plugin that claims a keyword Vigil implements. */
  static final class ContentKeyword implements KeywordPlugin {
    @Override
    public String name() {
      return "content";
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public Prepared prepare(String value) {
      return (ctx, data, base, len, cursor) -> cursor;
    }
  }

  private static ParseResult parse(String text, KeywordPlugins plugins) {
    return FrontEnd.parseText("local.rules", text, Variables.defaults(), plugins);
  }

  @Test
  void keywordFromTheClassPathBecomesAPluginOptionOnTheCurrentBuffer() {
    Rule r =
        Rules.rule(
            "alert tcp any any -> any any (msg:\"x\"; content:\"abc\"; entropy: >7.0 , relative ; "
                + "file_data; entropy:<=2; sid:1;)");
    List<PluginOption> ps = r.all(PluginOption.class);
    assertEquals(2, ps.size());
    PluginOption a = ps.get(0);
    assertEquals("entropy", a.keyword());
    assertEquals(">7.0 , relative", a.value());
    assertEquals(Buffer.PKT_DATA, a.buffer());
    assertTrue(a.relative());
    assertEquals(EntropyKeyword.class.getName(), a.pluginClass());
    assertEquals("1.0", a.version());
    assertEquals("t.rules:1:55", a.pos().toString());
    assertEquals(Buffer.FILE_DATA, ps.get(1).buffer());
    assertFalse(ps.get(1).relative());
  }

  @Test
  void badValueIsReportedAtItsPositionAndOnlyThatRuleIsSkipped() {
    ParseResult pr =
        parse(
            "alert tcp any any -> any any (msg:\"ok\"; entropy:>7.5; sid:1;)\n"
                + "alert tcp any any -> any any (msg:\"bad\"; entropy:~7; sid:2;)\n"
                + "alert tcp any any -> any any (msg:\"bad\"; entropy:>9; sid:3;)\n",
            null);
    assertEquals(List.of(1L), pr.rules().stream().map(Rule::sid).toList());
    assertEquals(2, pr.errors().size());
    assertEquals(
        "local.rules:2:50: entropy: expected <op><bits per byte> such as '>7.0', found '~7'",
        pr.errors().get(0).headline());
    assertEquals(2L, pr.errors().get(0).sid());
    assertEquals(
        "local.rules:3:50: entropy: entropy is at most 8 bits per byte, found 9",
        pr.errors().get(1).headline());
  }

  @Test
  void withoutThePluginTheKeywordIsUnknownAsBefore() {
    String rule =
        "alert tcp any any -> any any (msg:\"x\"; content:\"abc\"; entropy:>7.0; sid:1;)\n"
            + "alert tcp any any -> any any (msg:\"y\"; content:\"abc\"; sid:2;)\n";
    ParseResult pr = parse(rule, KeywordPlugins.none());
    assertEquals(List.of(2L), pr.rules().stream().map(Rule::sid).toList());
    assertEquals(1, pr.errors().size());
    assertEquals("local.rules:1:55: unknown keyword 'entropy'", pr.errors().get(0).headline());
    // with the plugin on the class path the same text loads
    assertEquals(2, parse(rule, null).rules().size());
  }

  @Test
  void pluginMayNotReplaceABuiltInKeyword() {
    ParseResult pr =
        parse(
            "alert tcp any any -> any any (msg:\"x\"; always; sid:1;)\n",
            KeywordPlugins.of(List.of(new AlwaysKeyword(), new ContentKeyword())));
    assertEquals(1, pr.errors().size());
    assertEquals(
        "local.rules:1:40: keyword plugin "
            + ContentKeyword.class.getName()
            + " claims 'content', a keyword Vigil implements itself",
        pr.errors().get(0).headline());
  }

  @Test
  void pluginMayImplementAKeywordVigilRejectsAsUnsupported() {
    String rule = "alert tcp any any -> any any (msg:\"x\"; pkt_num:5, 7; sid:1;)\n";
    assertEquals(
        "local.rules:1:40: pkt_num is not supported",
        parse(rule, KeywordPlugins.none()).errors().get(0).headline());
    KeywordPlugin pktNum =
        new FixedKeyword("pkt_num", "1", value -> (ctx, data, base, len, cursor) -> cursor);
    ParseResult pr = parse(rule, KeywordPlugins.of(List.of(pktNum)));
    assertEquals(List.of(), pr.errors());
    assertEquals("5, 7", pr.rules().get(0).all(PluginOption.class).get(0).value());
  }

  @Test
  void twoPluginsForOneKeywordAreRefused() {
    KeywordPlugin other =
        new FixedKeyword("entropy", "2", value -> (ctx, data, base, len, cursor) -> cursor);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> KeywordPlugins.of(List.of(new EntropyKeyword(), other)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "keyword 'entropy' is claimed by two plugins: " + EntropyKeyword.class.getName()),
        e.getMessage());
  }

  @Test
  void printerRoundTripsPluginOptions() {
    KeywordPlugins plugins = KeywordPlugins.of(List.of(new EntropyKeyword(), new AlwaysKeyword()));
    String text =
        "alert tcp any any -> any 443 (msg:\"tls\"; content:\"|17 03|\"; depth:2; entropy:>7.0, relative, bytes 512; "
            + "always; sid:7; rev:1;)";
    Rule r = parse(text + "\n", plugins).rules().get(0);
    String printed = RulePrinter.print(r);
    assertEquals(
        "alert tcp any any -> any 443 (msg:\"tls\"; content:\"|17 03|\"; depth:2; "
            + "entropy:>7.0, relative, bytes 512; always; sid:7; rev:1;)",
        printed);
    Rule again = parse(printed + "\n", plugins).rules().get(0);
    assertTrue(IrComparison.equalIgnoringPositions(r, again), printed);
  }

  @Test
  void examplePluginMeasuresEntropy() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    assertEquals(8.0, EntropyKeyword.entropy(all, 0, 256), 1e-9);
    assertEquals(0.0, EntropyKeyword.entropy(new byte[10], 0, 10), 1e-9);
    KeywordPlugin.Prepared p = new EntropyKeyword().prepare(">7.9, bytes 256");
    assertEquals(3, p.match(new InspectionContext(), all, 0, 256, 3));
    assertEquals(
        KeywordPlugin.Prepared.NO_MATCH,
        p.match(new InspectionContext(), new byte[300], 0, 300, 0));
  }
}
