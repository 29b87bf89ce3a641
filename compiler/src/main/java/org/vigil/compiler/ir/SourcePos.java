package org.vigil.compiler.ir;

/** Where an IR node came from: file name, 1-based line and 1-based column. */
public record SourcePos(String file, int line, int column) {
  /** Position of nodes that were not read from a file. */
  public static final SourcePos NONE = new SourcePos("<none>", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
