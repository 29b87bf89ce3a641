package org.vigil.compiler.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.detect.api.Dataset;

/**
 * What the compiler checks of dataset and datarep options (a load-only file must exist and parse as
 * the set's type, as Suricata loads it with the rule), and the spec a generated class binds the set
 * with ({@code detect.api.Datasets#link}).
 */
public final class DatasetChecks {
  private DatasetChecks() {}

  /** Rejects an option whose load file is missing or not of its type. */
  static void check(SourcePos pos, String type, String load, String save) {
    if (load == null || save != null) {
      return; // a state file may not exist yet; it is read at run time when it does
    }
    Path p = Path.of(load);
    if (!Files.isReadable(p)) {
      throw new BackendException(pos, "dataset file " + load + " cannot be read: rule skipped");
    }
    if (type == null) {
      return;
    }
    try {
      new Dataset("check", Dataset.Type.of(type), null, null, 0).read(p);
    } catch (IOException | RuntimeException e) {
      throw new BackendException(pos, "dataset file " + e.getMessage() + ": rule skipped");
    }
  }

  /** The link spec: name, type (enum name or empty), load, save, memcap, NUL-separated. */
  public static String spec(String name, String type, String load, String save, long memcap) {
    return name
        + "\u0000"
        + (type == null ? "" : Dataset.Type.of(type).name())
        + "\u0000"
        + (load == null ? "" : load)
        + "\u0000"
        + (save == null ? "" : save)
        + "\u0000"
        + memcap;
  }
}
