package org.vigil.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

class SnortLexerTest {

  /** Token names and texts, e.g. "OPT_NAME:content". */
  private static List<String> lex(String text) {
    SnortLexer lexer = new SnortLexer(CharStreams.fromString(text));
    List<String> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      out.add(
          SnortLexer.VOCABULARY.getSymbolicName(t.getType())
              + ":"
              + t.getText().replace("\n", "\\n"));
    }
    return out;
  }

  @Test
  void headerTokens() {
    assertEquals(
        List.of(
            "HWORD:alert",
            "HWORD:tcp",
            "BANG:!",
            "VARREF:$HOME_NET",
            "LBRACK:[",
            "HWORD:80",
            "COMMA:,",
            "HWORD:1024:",
            "RBRACK:]",
            "ARROW:->",
            "HWORD:2001:db8::/32",
            "HWORD:any",
            "LPAREN:(",
            "RPAREN:)"),
        lex("alert tcp !$HOME_NET [80,1024:] -> 2001:db8::/32 any ()"));
  }

  @Test
  void contentStringsHaveHexModeButPcreDoesNot() {
    assertEquals(
        List.of(
            "OPT_NAME:content",
            "COLON::",
            "BANG:!",
            "QUOTE:\"",
            "STR_TEXT:a",
            "HEX_OPEN:|",
            "HEX_DIGITS:0d",
            "HEX_DIGITS:0A",
            "HEX_CLOSE:|",
            "STR_ESC:\\;",
            "QUOTE:\"",
            "SEMI:;"),
        lex("(content:!\"a|0d 0A|\\;\";").subList(1, 13));
    assertEquals(
        List.of(
            "OPT_NAME:pcre",
            "COLON::",
            "QUOTE:\"",
            "STR_TEXT:/(a",
            "STR_TEXT:|",
            "STR_TEXT:b)/i",
            "QUOTE:\"",
            "SEMI:;"),
        lex("(pcre:\"/(a|b)/i\";").subList(1, 9));
  }

  @Test
  void valuesAreTokenized() {
    assertEquals(
        List.of(
            "OPT_NAME:byte_test",
            "COLON::",
            "NUMBER:1",
            "COMMA:,",
            "BANG:!",
            "AMP:&",
            "COMMA:,",
            "HEXNUM:0xF8",
            "COMMA:,",
            "MINUS:-",
            "NUMBER:2",
            "COMMA:,",
            "WORD:relative",
            "SEMI:;"),
        lex("(byte_test:1,!&,0xF8,-2,relative;").subList(1, 15));
    assertEquals(
        List.of("OPT_NAME:dsize", "COLON::", "NUMBER:13", "RANGE:<>", "NUMBER:32", "SEMI:;"),
        lex("(dsize:13<>32;").subList(1, 7));
  }

  @Test
  void referenceIsRawTextAndContinuationIsJoined() {
    assertEquals(
        List.of(
            "OPT_NAME:reference",
            "COLON::",
            "RAW_TEXT:url,a.com/x?y=(1)&z",
            "SEMI:;",
            "OPT_NAME:sid"),
        lex("(reference:url,a.com/x?y=(1)&z; \\\n  sid").subList(1, 6));
  }

  @Test
  void newlineEndsAnUnterminatedString() {
    List<String> t = lex("(msg:\"open\nalert");
    assertEquals("NL:\\n", t.get(5));
    assertEquals("HWORD:alert", t.get(6));
  }

  @Test
  void includeTakesTheRestOfTheLine() {
    assertEquals(
        List.of("KW_INCLUDE:include", "PATH:$RULE_PATH/my rules.rules", "NL:\\n", "KW_VAR:var"),
        lex("include $RULE_PATH/my rules.rules\nvar"));
  }
}
