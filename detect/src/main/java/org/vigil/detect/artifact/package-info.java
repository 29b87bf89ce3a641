/**
 * The second compiler↔runtime contract: the {@code .vrs} ruleset artifact. {@link
 * org.vigil.detect.artifact.RulesetImage} is its content (rule metadata and source, generated class
 * bytes, port groups with their prefilter and address tables), written by the compiler and read by
 * the runtime; {@link org.vigil.detect.artifact.VrsEnvelope} versions it and checks its SHA-256
 * digest (and, with {@link org.vigil.detect.artifact.VrsKeys}, an Ed25519 signature) before
 * anything in it is parsed or any class defined. It depends only on {@code detect.api}.
 */
package org.vigil.detect.artifact;
