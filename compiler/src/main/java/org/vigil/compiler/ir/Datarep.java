package org.vigil.compiler.ir;

/**
 * {@code datarep:name, >|<|==, value[, type t][, load f][, memcap m][, hashsize h]} (Suricata 7):
 * the whole buffer is looked up in dataset {@code name} and its reputation compared with {@code
 * value}; a value not in the set never matches. {@code type}/{@code load} are null when absent.
 */
public record Datarep(
    SourcePos pos,
    String name,
    Operator operator,
    int value,
    String type,
    String load,
    long memcap,
    long hashsize,
    Buffer buffer)
    implements PayloadOption {

  /** The comparisons; {@link #id()} is {@code detect.api.Datasets.reputation}'s. */
  public enum Operator {
    GT(">", 0),
    LT("<", 1),
    EQ("==", 2);

    private final String text;
    private final int id;

    Operator(String text, int id) {
      this.text = text;
      this.id = id;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }

    /** The runtime's operator number. */
    public int id() {
      return id;
    }
  }

  @Override
  public String keyword() {
    return "datarep";
  }
}
