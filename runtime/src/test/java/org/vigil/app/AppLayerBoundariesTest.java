package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app-layer boundaries, read from the sources' references to {@code org.vigil.*} classes: the
 * app contract and its protocols use no detection (but the buffer ids), threading, inspection,
 * engine or output code (a protocol's log record is an {@link AppRecord}); the inspector, the
 * threads, the engine and the outputs know no protocol package, nor a protocol's record by name.
 */
class AppLayerBoundariesTest {
  private static final Path MAIN = Path.of("src/main/java/org/vigil");
  private static final Pattern REF =
      Pattern.compile("org\\.vigil\\.([a-z]+(?:\\.[a-z]+)*)(?:\\.([A-Z]\\w*))?");
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

  /**
   * "file: package" for each reference in code (comments left out) from the sources under {@code
   * dir} to a package {@code banned} matches; the buffer ids of detect.api.Buffers are allowed.
   */
  private static List<String> references(String dir, Pattern banned) throws IOException {
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(dir))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = REF.matcher(COMMENT.matcher(Files.readString(f)).replaceAll(""));
        while (m.find()) {
          String pkg = m.group(1);
          boolean buffers = pkg.equals("detect.api") && "Buffers".equals(m.group(2));
          if (banned.matcher(pkg).matches() && !buffers) {
            bad.add(MAIN.relativize(f) + ": " + pkg);
          }
        }
      }
    }
    return bad;
  }

  @Test
  void appLayersUseNoDetectionThreadingOrInspection() throws IOException {
    assertEquals(
        List.of(),
        references(
            "app", Pattern.compile("(detect|thread|inspect|engine|verdict|acquire)(\\..*)?")));
  }

  @Test
  void appLayersNameNoOutputTheirRecordsAreAppRecords() throws IOException {
    assertEquals(List.of(), references("app", Pattern.compile("(output|outputs)(\\..*)?")));
  }

  @Test
  void inspectionThreadingEngineAndOutputsKnowNoProtocol() throws IOException {
    Pattern protocol = Pattern.compile("app\\.[a-z]+(\\..*)?");
    for (String dir : List.of("inspect", "thread", "engine", "outputs", "output")) {
      assertEquals(List.of(), references(dir, protocol), dir);
    }
  }

  /**
   * The packages that pass records around name no protocol's record type or log method ({@code
   * HttpRecord}, {@code http(…)}, {@code Tls…}): a record travels as an {@link AppRecord}.
   */
  @Test
  void recordPassersNameNoProtocolInCode() throws IOException {
    Pattern named =
        Pattern.compile(
            "\\b(Http|Tls|Ssh|Dns|Smb|Ftp|Smtp)[A-Z]\\w*|\\b(http|tls|ssh|dns|smb|ftp|smtp)\\s*\\(");
    List<String> bad = new ArrayList<>();
    for (String dir : List.of("inspect", "thread", "engine", "outputs")) {
      try (Stream<Path> files = Files.walk(MAIN.resolve(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String code = COMMENT.matcher(Files.readString(f)).replaceAll("");
          Matcher m = named.matcher(code);
          while (m.find()) {
            bad.add(MAIN.relativize(f) + ": " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), bad);
  }
}
