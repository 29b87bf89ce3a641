/**
 * The first compiler↔runtime contract: the interfaces a generated rule class implements ({@link
 * org.vigil.detect.api.RuleMatcher}), the context it reads ({@link
 * org.vigil.detect.api.InspectionContext}, buffer ids in {@link org.vigil.detect.api.Buffers}) and
 * the primitives it may call (content search, byte tests, pcre programs under a budget, flowbits,
 * keyword plugins). Code generation targets only this package; it imports nothing else of Vigil.
 */
package org.vigil.detect.api;
