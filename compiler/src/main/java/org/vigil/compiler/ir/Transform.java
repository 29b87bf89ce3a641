package org.vigil.compiler.ir;

/**
 * A buffer transform written after a sticky buffer keyword ({@code http.host; dotprefix;}): every
 * option of that buffer instance inspects the buffer as transformed, steps in source order. {@code
 * argument} is the value of a transform that takes one (the xor key in hex, the pcrexform regex),
 * else null.
 */
public record Transform(SourcePos pos, Kind kind, Buffer buffer, String argument)
    implements PayloadOption {
  /** A transform without an argument. */
  public Transform(SourcePos pos, Kind kind, Buffer buffer) {
    this(pos, kind, buffer, null);
  }

  /** The transforms Vigil builds; {@link #id()} is the runtime's step id. */
  public enum Kind {
    DOTPREFIX("dotprefix", 1),
    STRIP_WHITESPACE("strip_whitespace", 2),
    COMPRESS_WHITESPACE("compress_whitespace", 3),
    TO_LOWERCASE("to_lowercase", 4),
    TO_UPPERCASE("to_uppercase", 5),
    URL_DECODE("url_decode", 6),
    TO_MD5("to_md5", 7),
    TO_SHA1("to_sha1", 8),
    TO_SHA256("to_sha256", 9),
    HEADER_LOWERCASE("header_lowercase", 10),
    /** Takes a quoted hex key; applied as a {@code detect.api.TransformStep}, not by its id. */
    XOR("xor", 11),
    /** Takes a quoted regex; applied as a {@code detect.api.TransformStep}, not by its id. */
    PCREXFORM("pcrexform", 12);

    private final String keyword;
    private final int id;

    Kind(String keyword, int id) {
      this.keyword = keyword;
      this.id = id;
    }

    /** The keyword as written. */
    public String keyword() {
      return keyword;
    }

    /** True for a transform written with a quoted value. */
    public boolean takesArgument() {
      return this == XOR || this == PCREXFORM;
    }

    /** The step id of {@code org.vigil.detect.api.Transforms}. */
    public int id() {
      return id;
    }
  }

  @Override
  public String keyword() {
    return kind.keyword();
  }
}
