package org.vigil.compiler.front;

import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Bytes;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.FastPattern;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.SourcePos;

/** A content option while its modifiers are still being applied; becomes a {@link Content}. */
final class ContentDraft {
  final SourcePos pos;
  final byte[] pattern;
  final boolean negated;
  Buffer buffer;
  boolean nocase;
  boolean rawbytes;
  IntArg offset;
  IntArg depth;
  IntArg distance;
  IntArg within;
  boolean endsWith;
  FastPattern fastPattern;

  /** Set when an http_* modifier moved it out of the packet buffer. */
  boolean bufferModified;

  ContentDraft(SourcePos pos, byte[] pattern, boolean negated, Buffer buffer) {
    this.pos = pos;
    this.pattern = pattern;
    this.negated = negated;
    this.buffer = buffer;
  }

  boolean relative() {
    return distance != null || within != null;
  }

  boolean absolute() {
    return offset != null || depth != null;
  }

  boolean fastPatternOnly() {
    return fastPattern instanceof FastPattern.Only;
  }

  Content build() {
    return new Content(
        pos,
        new Bytes(pattern),
        negated,
        buffer,
        nocase,
        rawbytes,
        offset,
        depth,
        distance,
        within,
        endsWith,
        fastPattern);
  }
}
