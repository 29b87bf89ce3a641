package org.vigil.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading of Snort's {@code config <directive>: ...} files (classification.config,
 * reference.config).
 */
final class DirectiveFile {
  private DirectiveFile() {}

  /** Parses one file's text; {@code source} names it in errors. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String source, Reader reader) throws IOException;
  }

  /** Receives the text after the directive of each line, with its line number. */
  @FunctionalInterface
  interface LineHandler {
    void line(int number, String body);
  }

  /**
   * Reads {@code fileOrNull}, or the file bundled as class path resource {@code bundled} when null.
   */
  static <T> T load(Path fileOrNull, String bundled, Parser<T> parser) {
    if (fileOrNull == null) {
      InputStream in = DirectiveFile.class.getClassLoader().getResourceAsStream(bundled);
      if (in == null) {
        throw new ConfigException(bundled + ": the bundled file is not on the class path");
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return parser.parse(bundled, r);
      } catch (IOException e) {
        throw new ConfigException(bundled + ": cannot read: " + e.getMessage(), e);
      }
    }
    try (Reader r = Files.newBufferedReader(fileOrNull, StandardCharsets.UTF_8)) {
      return parser.parse(fileOrNull.toString(), r);
    } catch (IOException e) {
      throw new ConfigException(fileOrNull + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Calls {@code handler} with the body of every {@code config <directive>:} line; blank lines and
   * '#' comments are skipped, any other line is an error naming {@code source:line} and the {@code
   * expected} form.
   */
  static void directives(
      String source, Reader reader, String directive, String expected, LineHandler handler)
      throws IOException {
    String prefix = "config " + directive + ":";
    BufferedReader br = new BufferedReader(reader);
    String line;
    int n = 0;
    while ((line = br.readLine()) != null) {
      n++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (!s.startsWith(prefix)) {
        throw new ConfigException(
            source + ":" + n + ": expected '" + prefix + " " + expected + "'");
      }
      handler.line(n, s.substring(prefix.length()).strip());
    }
  }
}
