package org.vigil.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: runs Debian's jq (installed by bin/setup) over a file. */
public final class Jq {
  private Jq() {}

  /** Path of jq, or null when it is not installed. */
  public static String find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, "jq");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  /** Result of one jq run. */
  public record Result(int code, String out, String err) {}

  /** Runs {@code jq <args...> file}. */
  public static Result run(String jq, Path file, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(jq));
    cmd.addAll(List.of(args));
    cmd.add(file.toString());
    Path out = Files.createTempFile("jq-out", ".txt");
    Path err = Files.createTempFile("jq-err", ".txt");
    int code =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start()
            .waitFor();
    Result r =
        new Result(
            code,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
