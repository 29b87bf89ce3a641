package org.vigil.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** classification.config: classtype name to category text and priority. */
public final class ClassificationConfig {
  /** Name of the file shipped with Vigil (a classpath resource of the rules module). */
  public static final String BUNDLED = "classification.config";

  private final Map<String, Classification> byName;

  private ClassificationConfig(Map<String, Classification> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Reads {@code file}, or the bundled file when null. Errors name the file and line. */
  public static ClassificationConfig load(Path fileOrNull) {
    return DirectiveFile.load(fileOrNull, BUNDLED, ClassificationConfig::parse);
  }

  /**
   * Parses {@code config classification: name,description,priority} lines; '#' starts a comment.
   */
  public static ClassificationConfig parse(String source, Reader reader) throws IOException {
    Map<String, Classification> m = new LinkedHashMap<>();
    DirectiveFile.directives(
        source,
        reader,
        "classification",
        "name,description,priority",
        (n, body) -> {
          int first = body.indexOf(',');
          int last = body.lastIndexOf(',');
          if (first <= 0 || last == first) {
            throw new ConfigException(
                source + ":" + n + ": expected 'name,description,priority', found '" + body + "'");
          }
          String name = body.substring(0, first).strip();
          String desc = body.substring(first + 1, last).strip();
          int prio;
          try {
            prio = Integer.parseInt(body.substring(last + 1).strip());
          } catch (NumberFormatException e) {
            throw new ConfigException(
                source + ":" + n + ": priority of '" + name + "' is not a number");
          }
          if (prio < 1 || prio > 255) {
            throw new ConfigException(
                source + ":" + n + ": priority of '" + name + "' must be 1..255");
          }
          m.put(name, new Classification(name, desc, prio));
        });
    return new ClassificationConfig(m);
  }

  /** The classification of a classtype name. */
  public Optional<Classification> lookup(String classtype) {
    return Optional.ofNullable(byName.get(classtype));
  }

  /** All classifications by name, in file order. */
  public Map<String, Classification> all() {
    return byName;
  }
}
