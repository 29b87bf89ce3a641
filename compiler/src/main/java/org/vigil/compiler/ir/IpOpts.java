package org.vigil.compiler.ir;

/** {@code ipopts:name}: the IP header carries that option ({@code any}: any option). */
public record IpOpts(SourcePos pos, Option option) implements PacketOption {
  /** The IP options Snort names. */
  public enum Option {
    RR("rr", 7),
    EOL("eol", 0),
    NOP("nop", 1),
    TS("ts", 68),
    SEC("sec", 130),
    ESEC("esec", 133),
    LSRR("lsrr", 131),
    LSRRE("lsrre", 131),
    SSRR("ssrr", 137),
    SATID("satid", 136),
    ANY("any", -1);

    private final String text;
    private final int code;

    Option(String text, int code) {
      this.text = text;
      this.code = code;
    }

    /** The name as written in a rule. */
    public String text() {
      return text;
    }

    /** The IP option type byte, -1 for any. */
    public int code() {
      return code;
    }
  }

  @Override
  public String keyword() {
    return "ipopts";
  }
}
