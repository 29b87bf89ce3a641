package org.vigil.compiler.ir;

/**
 * {@code dataset:set|isset|isnotset|unset,name[, type t][, load f][, save f][, state f][, memcap
 * m][, hashsize h]} (Suricata 7): the whole buffer, as its transforms left it, is looked up in,
 * added to or removed from dataset {@code name}; set and unset match when they changed the set.
 * {@code type} is null to use a set defined elsewhere (the configuration or another rule); {@code
 * load}/{@code save} are null when absent (state sets both); {@code memcap} 0 is the default.
 */
public record DatasetMatch(
    SourcePos pos,
    Command command,
    String name,
    String type,
    String load,
    String save,
    long memcap,
    long hashsize,
    Buffer buffer)
    implements PayloadOption {

  /** The dataset commands; {@link #id()} is {@code detect.api.Datasets.match}'s. */
  public enum Command {
    ISSET("isset", 0),
    ISNOTSET("isnotset", 1),
    SET("set", 2),
    UNSET("unset", 3);

    private final String text;
    private final int id;

    Command(String text, int id) {
      this.text = text;
      this.id = id;
    }

    /** The command as written. */
    public String text() {
      return text;
    }

    /** The runtime's command number. */
    public int id() {
      return id;
    }
  }

  @Override
  public String keyword() {
    return "dataset";
  }
}
