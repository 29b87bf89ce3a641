package org.vigil.compiler.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.PcreFlag;
import org.vigil.compiler.ir.SourcePos;

class PcreTranslatorTest {

  private static PcreTranslator.Translated t(String re, PcreFlag... flags) {
    Set<PcreFlag> f = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
    return PcreTranslator.translate(
        new Pcre(new SourcePos("t.rules", 3, 9), false, re, f, Buffer.PKT_DATA, false));
  }

  private static boolean find(PcreTranslator.Translated t, String s) {
    return t.compile().matcher(s).find();
  }

  @Test
  void flagsMapToJava() {
    assertTrue(find(t("abc", PcreFlag.CASELESS), "xABC"));
    assertTrue(find(t("a.b", PcreFlag.DOTALL), "a\nb"));
    assertFalse(find(t("a.b"), "a\nb"));
    assertTrue(find(t("^b", PcreFlag.MULTILINE), "a\nb"));
    assertTrue(find(t("a b # comment", PcreFlag.EXTENDED), "ab"));
    assertTrue(
        find(t("a[ ]b", PcreFlag.EXTENDED), "a b"),
        "whitespace in a class is literal in PCRE x mode");
    assertTrue(find(t("end$"), "the end\n"));
    assertFalse(find(t("end$", PcreFlag.DOLLAR_ENDONLY), "the end\n"));
    assertTrue(t("x", PcreFlag.ANCHORED).anchored());
  }

  @Test
  void ungreedyInvertsQuantifiers() {
    var m = t("a.+b", PcreFlag.UNGREEDY).compile().matcher("aXbYb");
    assertTrue(m.find());
    assertEquals("aXb", m.group());
    m = t("a.+?b", PcreFlag.UNGREEDY).compile().matcher("aXbYb");
    assertTrue(m.find());
    assertEquals("aXbYb", m.group());
  }

  @Test
  void pcreSyntaxTranslated() {
    assertTrue(find(t("(?P<user>\\w+)=(?P=user)"), "ab=ab"));
    assertTrue(find(t("[[:digit:]]{3}"), "x123"));
    assertTrue(find(t("\\x4"), "\u0004"));
    assertTrue(find(t("\\101"), "A"), "octal");
    assertTrue(find(t("a{,3}"), "a{,3}"), "a brace that is not a quantifier is literal");
    assertTrue(find(t("[]a]"), "]"));
  }

  @Test
  void untranslatableConstructsAreNamed() {
    BackendException e = assertThrows(BackendException.class, () -> t("(a|b)(?1)"));
    assertTrue(e.getMessage().contains("recursion"), e.getMessage());
    assertEquals(3, e.pos().line());
    assertTrue(
        assertThrows(BackendException.class, () -> t("(?(1)a|b)"))
            .getMessage()
            .contains("conditional"));
    assertTrue(
        assertThrows(BackendException.class, () -> t("ab\\Kc")).getMessage().contains("\\K"));
    assertTrue(
        assertThrows(BackendException.class, () -> t("(?|a|b)"))
            .getMessage()
            .contains("branch reset"));
  }
}
