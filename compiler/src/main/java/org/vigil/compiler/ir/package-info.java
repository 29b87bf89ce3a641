/**
 * The typed intermediate representation of Snort 2.x rules: one immutable record per rule and per
 * keyword family, every node carrying its {@link org.vigil.compiler.ir.SourcePos}.
 *
 * <p>Conventions a back end can rely on:
 *
 * <ul>
 *   <li>Options of a {@link org.vigil.compiler.ir.Rule} are in source order.
 *   <li>Content modifiers (nocase, depth, offset, distance, within, fast_pattern, rawbytes, http_*)
 *       are folded into their {@link org.vigil.compiler.ir.Content}; every payload option carries
 *       the {@link org.vigil.compiler.ir.Buffer} it inspects, already resolved from sticky buffers
 *       (file_data, pkt_data, ...) and http_* modifiers.
 *   <li>Absent optional numbers are {@code null}; values that may name a byte_extract variable are
 *       {@link org.vigil.compiler.ir.IntArg}.
 *   <li>Numeric comparisons are {@link org.vigil.compiler.ir.NumericCheck} (operator, value[,
 *       value2]).
 * </ul>
 */
package org.vigil.compiler.ir;
