package org.vigil.compiler.ir;

/**
 * {@code content} (and {@code uricontent}, which is content in {@link Buffer#HTTP_URI}) with all
 * its modifiers folded in. {@code offset/depth} are absolute (from the start of the buffer), {@code
 * distance/within} relative to the end of the previous match in the same buffer; each is null when
 * absent. {@code fastPattern} is null when not given.
 *
 * <p>Values are as written: {@code depth} counts from {@code offset} (the match must end before
 * offset+depth), {@code within} counts from the end of the previous match plus {@code distance}. A
 * relative content with no earlier content or pcre in its buffer is relative to the buffer start.
 * The front end guarantees the Suricata 7 load rules: no relative and absolute modifiers together,
 * fast_pattern:only never on a negated, relative or positioned content, depth and within never
 * shorter than the pattern. {@code endsWith} (Suricata's {@code endswith}) requires the match to
 * end at the end of the buffer; Suricata's {@code startswith} is {@code offset:0; depth:<length>}.
 */
public record Content(
    SourcePos pos,
    Bytes pattern,
    boolean negated,
    Buffer buffer,
    boolean nocase,
    boolean rawbytes,
    IntArg offset,
    IntArg depth,
    IntArg distance,
    IntArg within,
    boolean endsWith,
    FastPattern fastPattern)
    implements PayloadOption {

  /** True when distance or within makes this content relative to the previous match. */
  public boolean isRelative() {
    return distance != null || within != null;
  }

  /** True for {@code fast_pattern:only}. */
  public boolean isFastPatternOnly() {
    return fastPattern instanceof FastPattern.Only;
  }

  @Override
  public String keyword() {
    return "content";
  }
}
