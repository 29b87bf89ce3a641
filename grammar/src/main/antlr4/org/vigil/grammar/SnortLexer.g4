/*
 * Lexer of Snort 2.x rule files.
 *
 * Modes: DEFAULT (statement start and rule header), OPTIONS (inside the parentheses: keyword names),
 * VALUE (tokenized option values: numbers, words, operators, quoted strings), STR (inside a quoted
 * string), HEX (inside |..| of a content string), RAW (values of reference and metadata, taken as
 * one token up to the next unescaped ';'), PATH (the rest of an include line).
 * A backslash at the end of a line joins the next line in every mode; a newline always returns to
 * DEFAULT, so one broken rule never spills into the next. Inside quotes, '\' escapes the next character
 * ('\"', '\;', '\\') and an unescaped ';' is an error (the option ends there, its quote is unclosed).
 */
lexer grammar SnortLexer;

@header {
import org.antlr.v4.runtime.IntStream;
}

@members {
  /** The last option keyword seen; it decides how its value is lexed. */
  private String lastOption = "";

  private boolean hexAllowed() {
    return lastOption.equals("content") || lastOption.equals("uricontent");
  }

  private boolean rawValue() {
    return lastOption.equals("reference") || lastOption.equals("metadata");
  }

  /**
   * A '"' closes a quoted value only when what follows it (after blanks) ends the value: ';', ',',
   * the rule's last ')' (nothing but blanks after it on the line) or the end of the line. Otherwise
   * it is text, as Snort and Suricata read pcre:"/a"b/" and pcre:"/(%22|")x/" (Suricata takes a
   * value up to its unescaped ';' and strips only the outer quotes).
   */
  private boolean quoteCloses() {
    int i = blanksFrom(1);
    int c = _input.LA(i);
    if (c == ')') {
      c = _input.LA(blanksFrom(i + 1));
      return c == '\r' || c == '\n' || c == IntStream.EOF;
    }
    return c == ';' || c == ',' || c == '\r' || c == '\n' || c == IntStream.EOF;
  }

  /** The lookahead index of the first character at or after {@code i} that is not a blank. */
  private int blanksFrom(int i) {
    int c;
    while ((c = _input.LA(i)) == ' ' || c == '\t') {
      i++;
    }
    return i;
  }

  private void toDefaultMode() {
    while (!_modeStack.isEmpty()) {
      popMode();
    }
    mode(DEFAULT_MODE);
  }
}

// ---------------------------------------------------------------- DEFAULT: statements and headers
CONT       : '\\' [ \t]* '\r'? '\n' -> skip ;
WS         : [ \t\f]+ -> skip ;
NL         : '\r'? '\n' ;
COMMENT    : '#' ~[\r\n]* -> skip ;
KW_VAR     : 'var' ;
KW_IPVAR   : 'ipvar' ;
KW_PORTVAR : 'portvar' ;
KW_INCLUDE : 'include' -> pushMode(PATH_MODE) ;
ARROW      : '->' ;
BIDIR      : '<>' ;
LBRACK     : '[' ;
RBRACK     : ']' ;
COMMA      : ',' ;
BANG       : '!' ;
VARREF     : '$' [A-Za-z_] [A-Za-z0-9_]* ;
HWORD      : [A-Za-z0-9_.:/]+ ('-' [A-Za-z0-9_.:/]+)* ;
LPAREN     : '(' { lastOption = ""; } -> pushMode(OPTIONS) ;
HEADER_ERR : . ;

// ---------------------------------------------------------------- OPTIONS: keyword ; keyword: value ;
mode OPTIONS;
O_CONT     : '\\' [ \t]* '\r'? '\n' -> skip ;
O_WS       : [ \t\f]+ -> skip ;
O_NL       : '\r'? '\n' { toDefaultMode(); } -> type(NL) ;
OPT_NAME   : [A-Za-z_] [A-Za-z0-9_.\-]* { lastOption = getText(); } ;
COLON      : ':' { pushMode(rawValue() ? RAW : VALUE); } ;
SEMI       : ';' ;
RPAREN     : ')' -> popMode ;
O_ERR      : . -> type(HEADER_ERR) ;

// ---------------------------------------------------------------- VALUE: tokenized option values
mode VALUE;
V_CONT     : '\\' [ \t]* '\r'? '\n' -> skip ;
V_WS       : [ \t\f]+ -> skip ;
V_NL       : '\r'? '\n' { toDefaultMode(); } -> type(NL) ;
V_SEMI     : ';' -> type(SEMI), popMode ;
V_RPAREN   : ')' { popMode(); popMode(); } -> type(RPAREN) ;
QUOTE      : '"' -> pushMode(STR) ;
HEXNUM     : '0' [xX] [0-9A-Fa-f]+ ;
NUMBER     : [0-9]+ ;
WORD       : [A-Za-z_] [A-Za-z0-9_.]* ;
RANGE      : '<>' ;
LE         : '<=' ;
GE         : '>=' ;
NE         : '!=' ;
LT         : '<' ;
GT         : '>' ;
EQ         : '=' ;
V_BANG     : '!' -> type(BANG) ;
AMP        : '&' ;
CARET      : '^' ;
PIPE       : '|' ;
V_COMMA    : ',' -> type(COMMA) ;
MINUS      : '-' ;
PLUS       : '+' ;
STAR       : '*' ;
V_COLON    : ':' -> type(COLON) ;
SLASH      : '/' ;
VALUE_ERR  : . ;

// ---------------------------------------------------------------- STR: inside "..."
mode STR;
S_CONT     : '\\' [ \t]* '\r'? '\n' -> skip ;
S_NL       : '\r'? '\n' { toDefaultMode(); } -> type(NL) ;
S_QUOTE    : '"' { quoteCloses() }? -> type(QUOTE), popMode ;
STR_ESC    : '\\' ~[\r\n] ;
HEX_OPEN   : '|' { hexAllowed() }? -> pushMode(HEX) ;
// An unescaped ';' ends an option even inside quotes, as Snort and Suricata split options; the parser
// accepts no STR_SEMI, so a value whose closing quote is missing is rejected where the ';' stands.
STR_SEMI   : ';' ;
STR_TEXT   : ~["\\|;\r\n]+ | '|' | '"' ;

// ---------------------------------------------------------------- HEX: |0d 0a| inside a content string
mode HEX;
H_CONT     : '\\' [ \t]* '\r'? '\n' -> skip ;
H_WS       : [ \t]+ -> skip ;
H_NL       : '\r'? '\n' { toDefaultMode(); } -> type(NL) ;
HEX_DIGITS : [0-9A-Fa-f]+ ;
HEX_CLOSE  : '|' -> popMode ;
HEX_ERR    : . ;

// ---------------------------------------------------------------- RAW: reference / metadata values
mode RAW;
R_CONT     : '\\' [ \t]* '\r'? '\n' -> skip ;
R_NL       : '\r'? '\n' { toDefaultMode(); } -> type(NL) ;
R_SEMI     : ';' -> type(SEMI), popMode ;
RAW_TEXT   : ( '\\' ~[\r\n] | ~[;\\\r\n] )+ ;

// ---------------------------------------------------------------- PATH: include <path>
mode PATH_MODE;
P_WS       : [ \t]+ -> skip ;
P_NL       : '\r'? '\n' -> type(NL), popMode ;
PATH       : ~[ \t\r\n] ~[\r\n]* ;
