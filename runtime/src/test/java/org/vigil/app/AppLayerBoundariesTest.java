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
 * app contract and its protocols use no detection (but the buffer ids), threading, inspection or
 * engine code (a protocol may name an output record, the app contract none); the inspector and the
 * threading packages know no protocol package.
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
  void theAppContractNamesNoOutputOnlyAProtocolMayForItsRecords() throws IOException {
    List<String> bad = new ArrayList<>();
    for (String s : references("app", Pattern.compile("output(\\..*)?"))) {
      if (!s.startsWith("app/http/")) {
        bad.add(s);
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void inspectionAndThreadingKnowNoProtocol() throws IOException {
    Pattern protocol = Pattern.compile("app\\.[a-z]+(\\..*)?");
    assertEquals(List.of(), references("inspect", protocol));
    assertEquals(List.of(), references("thread", protocol));
  }
}
