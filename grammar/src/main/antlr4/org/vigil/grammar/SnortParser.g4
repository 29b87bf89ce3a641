/*
 * Parser of one logical line of a Snort 2.x rule file (the lexer's NL tokens split a file into
 * statements; the front end parses each statement on its own so that one bad rule never affects
 * another). Option values are kept as token sequences; each keyword's parser in the compiler
 * front end gives them meaning.
 */
parser grammar SnortParser;

options { tokenVocab = SnortLexer; }

statement
    : (ruleDecl | varDecl | includeDecl) EOF
    ;

varDecl
    : kind=(KW_VAR | KW_IPVAR | KW_PORTVAR) name=HWORD spec
    ;

includeDecl
    : KW_INCLUDE PATH
    ;

ruleDecl
    : action=HWORD protocol=HWORD srcAddr=spec srcPort=spec dir=(ARROW | BIDIR)
      dstAddr=spec dstPort=spec LPAREN option* RPAREN
    ;

spec
    : BANG? specAtom
    ;

specAtom
    : HWORD                                     # specWord
    | VARREF                                    # specVar
    | LBRACK spec (COMMA spec)* COMMA? RBRACK   # specList
    ;

option
    : name=OPT_NAME (COLON value)? SEMI
    ;

// Values are token sequences: the front end reads them by token index, so no sub-rules (and no
// parse-tree nodes) per token.
value
    : ( QUOTE (STR_TEXT | STR_ESC | HEX_OPEN (HEX_DIGITS | HEX_ERR)* HEX_CLOSE)* QUOTE
      | RAW_TEXT
      | NUMBER | HEXNUM | WORD
      | RANGE | LE | GE | NE | LT | GT | EQ | BANG | AMP | CARET | PIPE
      | COMMA | MINUS | PLUS | STAR | COLON | SLASH | VALUE_ERR
      )*
    ;
