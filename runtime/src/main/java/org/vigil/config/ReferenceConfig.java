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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** reference.config: reference system name to the URL prefix its ids are appended to. */
public final class ReferenceConfig {
  /** Name of the file shipped with Vigil (a classpath resource of the rules module). */
  public static final String BUNDLED = "reference.config";

  private final Map<String, String> prefixes;

  private ReferenceConfig(Map<String, String> prefixes) {
    this.prefixes = Collections.unmodifiableMap(prefixes);
  }

  /** Reads {@code file}, or the bundled file when null. */
  public static ReferenceConfig load(Path fileOrNull) {
    if (fileOrNull == null) {
      InputStream in = ReferenceConfig.class.getClassLoader().getResourceAsStream(BUNDLED);
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

  /** Parses {@code config reference: system url-prefix} lines; '#' starts a comment. */
  public static ReferenceConfig parse(String source, Reader reader) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    BufferedReader br = new BufferedReader(reader);
    String line;
    int n = 0;
    while ((line = br.readLine()) != null) {
      n++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String prefix = "config reference:";
      if (!s.startsWith(prefix)) {
        throw new ConfigException(source + ":" + n + ": expected 'config reference: system url-prefix'");
      }
      String[] parts = s.substring(prefix.length()).strip().split("\\s+", 2);
      if (parts.length != 2 || parts[0].isEmpty()) {
        throw new ConfigException(source + ":" + n + ": expected 'system url-prefix'");
      }
      m.put(parts[0].toLowerCase(Locale.ROOT), parts[1].strip());
    }
    return new ReferenceConfig(m);
  }

  /** The URL prefix of a reference system (case-insensitive). */
  public Optional<String> prefix(String system) {
    return Optional.ofNullable(prefixes.get(system.toLowerCase(Locale.ROOT)));
  }

  /** The full URL of a reference, or empty when the system is unknown. */
  public Optional<String> url(String system, String id) {
    return prefix(system).map(p -> p + id);
  }
}
