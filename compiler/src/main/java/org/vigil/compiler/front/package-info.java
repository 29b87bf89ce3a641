/**
 * The rule front end: rule files to IR. {@link org.vigil.compiler.front.FrontEnd} reads files and
 * folders, the ANTLR grammar ({@code org.vigil.grammar}) tokenizes every statement, one parser
 * class per keyword family turns option tokens into IR, {@code RuleChecks} applies the whole-rule
 * checks Suricata 7 applies at load, and each rejected rule becomes one {@link
 * org.vigil.compiler.front.Diagnostic}. {@link org.vigil.compiler.front.RulePrinter} prints IR back
 * as canonical rule text.
 */
package org.vigil.compiler.front;
