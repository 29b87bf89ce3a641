package org.vigil.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    if (fileOrNull == null) {
      InputStream in = ClassificationConfig.class.getClassLoader().getResourceAsStream(BUNDLED);
      if (in == null) {
        throw new ConfigException(BUNDLED + ": the bundled file is not on the class path");
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return parse(BUNDLED, r);
      } catch (IOException e) {
        throw new ConfigException(BUNDLED + ": cannot read: " + e.getMessage(), e);
      }
    }
    try (Reader r = Files.newBufferedReader(fileOrNull, StandardCharsets.UTF_8)) {
      return parse(fileOrNull.toString(), r);
    } catch (IOException e) {
      throw new ConfigException(fileOrNull + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Parses {@code config classification: name,description,priority} lines; '#' starts a comment. */
  public static ClassificationConfig parse(String source, Reader reader) throws IOException {
    Map<String, Classification> m = new LinkedHashMap<>();
    BufferedReader br = new BufferedReader(reader);
    String line;
    int n = 0;
    while ((line = br.readLine()) != null) {
      n++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String prefix = "config classification:";
      if (!s.startsWith(prefix)) {
        throw new ConfigException(source + ":" + n + ": expected 'config classification: name,description,priority'");
      }
      String body = s.substring(prefix.length()).strip();
      int first = body.indexOf(',');
      int last = body.lastIndexOf(',');
      if (first <= 0 || last == first) {
        throw new ConfigException(source + ":" + n + ": expected 'name,description,priority', found '" + body + "'");
      }
      String name = body.substring(0, first).strip();
      String desc = body.substring(first + 1, last).strip();
      int prio;
      try {
        prio = Integer.parseInt(body.substring(last + 1).strip());
      } catch (NumberFormatException e) {
        throw new ConfigException(source + ":" + n + ": priority of '" + name + "' is not a number");
      }
      if (prio < 1 || prio > 255) {
        throw new ConfigException(source + ":" + n + ": priority of '" + name + "' must be 1..255");
      }
      m.put(name, new Classification(name, desc, prio));
    }
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
