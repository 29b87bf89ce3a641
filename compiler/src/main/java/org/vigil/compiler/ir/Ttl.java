package org.vigil.compiler.ir;

/**
 * {@code ttl:...}: IP time-to-live; forms {@code N}, {@code <N}, {@code >N}, {@code <=N}, {@code
 * >=N}, {@code a<>b} (Snort {@code a-b} is read as {@code a<>b}, as Suricata 7 does).
 */
public record Ttl(SourcePos pos, NumericCheck check) implements PacketOption {
  @Override
  public String keyword() {
    return "ttl";
  }
}
