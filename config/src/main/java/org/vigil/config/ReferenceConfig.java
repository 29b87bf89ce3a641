package org.vigil.config;

import java.io.IOException;
import java.io.Reader;
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
    return DirectiveFile.load(fileOrNull, BUNDLED, ReferenceConfig::parse);
  }

  /** Parses {@code config reference: system url-prefix} lines; '#' starts a comment. */
  public static ReferenceConfig parse(String source, Reader reader) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    DirectiveFile.directives(
        source,
        reader,
        "reference",
        "system url-prefix",
        (n, body) -> {
          String[] parts = body.split("\\s+", 2);
          if (parts.length != 2 || parts[0].isEmpty()) {
            throw new ConfigException(source + ":" + n + ": expected 'system url-prefix'");
          }
          m.put(parts[0].toLowerCase(Locale.ROOT), parts[1].strip());
        });
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
