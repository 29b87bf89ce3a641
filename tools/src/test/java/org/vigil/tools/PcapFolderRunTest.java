package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.output.JavaChild;

/**
 * {@code vigil run -r FOLDER} as Suricata reads capture folders: {@code --pcap-file-recursive}
 * gives the alerts of reading every file on its own, in a fixed order; without it the subfolders
 * passed over are told and counted; {@code --pcap-file-delete} removes what was read; {@code
 * --pcap-file-continuous} reads captures as they arrive until SIGTERM, then writes its final stats
 * and exits 0.
 */
class PcapFolderRunTest {
  static final Path CORPUS =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
          .toAbsolutePath()
          .normalize();
  static final Path ZEEK = CORPUS.resolve("pcaps/zeek");

  /** Rules that fire over many of the zeek captures: HTTP, TCP payload, UDP, DNS and ICMP. */
  static final String RULES =
      """
      alert http any any -> any any (msg:"http GET"; http.method; content:"GET"; sid:1;)
      alert tcp any any -> any any (msg:"tcp HTTP/1.1 in payload"; flow:established; content:"HTTP/1.1"; sid:2;)
      alert udp any any -> any 53 (msg:"udp to 53"; sid:3;)
      alert icmp any any -> any any (msg:"icmp echo"; itype:8; sid:4;)
      alert tcp any any -> any any (msg:"tcp SYN"; flags:S; sid:5;)
      """;

  @TempDir Path dir;

  private Path rules() throws IOException {
    return Files.writeString(dir.resolve("test.rules"), RULES);
  }

  /** The alerts of eve.json as "capture sid proto src:port -> dst:port #pcap_cnt", counted. */
  static TreeMap<String, Integer> alerts(Path logs) throws IOException {
    TreeMap<String, Integer> m = new TreeMap<>();
    Path eve = logs.resolve("eve.json");
    if (!Files.exists(eve)) {
      return m;
    }
    for (String e : Files.readAllLines(eve)) {
      if (!field(e, "event_type").equals("alert")) {
        continue;
      }
      String key =
          Path.of(field(e, "pcap_filename")).toAbsolutePath().normalize()
              + " "
              + field(e, "signature_id")
              + " "
              + field(e, "proto")
              + " "
              + field(e, "src_ip")
              + ":"
              + field(e, "src_port")
              + " -> "
              + field(e, "dest_ip")
              + ":"
              + field(e, "dest_port")
              + " #"
              + field(e, "pcap_cnt");
      m.merge(key, 1, Integer::sum);
    }
    return m;
  }

  /** The first value of {@code name} in a JSON line (a string or a number), "" when absent. */
  static String field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\":(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))")
            .matcher(json);
    return !m.find() ? "" : m.group(1) != null ? m.group(1).replace("\\/", "/") : m.group(2);
  }

  /** The {@code capture} group of the last stats.json record. */
  static String captureStats(Path logs) throws IOException {
    List<String> lines = Files.readAllLines(logs.resolve("stats.json"));
    Matcher m = Pattern.compile("\"capture\":\\{[^}]*}").matcher(lines.getLast());
    assertTrue(m.find(), lines.getLast());
    return m.group();
  }

  static long capture(Path logs, String counter) throws IOException {
    String c = captureStats(logs);
    String v = field(c, counter);
    assertFalse(v.isEmpty(), counter + " in " + c);
    return Long.parseLong(v);
  }

  @Test
  void recursiveRunGivesTheAlertsOfEveryFileReadOnItsOwn() throws IOException {
    assumeTrue(Files.isDirectory(ZEEK), "corpus not found at " + ZEEK);
    recursiveEqualsFileByFile("-S", rules().toString(), 1000);
  }

  @Test
  void recursiveRunWithEtOpenGivesTheAlertsOfEveryFileReadOnItsOwn() throws IOException {
    Path et = CORPUS.resolve("rules/et-open");
    assumeTrue(Files.isDirectory(ZEEK) && Files.isDirectory(et), "corpus not found at " + CORPUS);
    Path vrs = dir.resolve("et-open.vrs");
    CliRun c = CliRun.of("compile", "-S", et.toString(), "-o", vrs.toString());
    assertEquals(0, c.code(), c.err());
    recursiveEqualsFileByFile("--ruleset", vrs.toString(), 100);
  }

  private void recursiveEqualsFileByFile(String rulesOption, String rules, int atLeast)
      throws IOException {
    Path logs = dir.resolve("recursive");
    CliRun all =
        CliRun.of(
            "run",
            "-r",
            ZEEK.toString(),
            "--pcap-file-recursive",
            rulesOption,
            rules,
            "-l",
            logs.toString());
    assertEquals(0, all.code(), all.err());
    assertFalse(all.err().contains("skipped"), all.err());
    TreeMap<String, Integer> recursive = alerts(logs);
    // every file on its own: one flat folder of links to them (named by their path below the
    // folder, in
    // another order than the recursion's), each file read as its own capture
    Path flat = Files.createDirectories(dir.resolve("flat"));
    Map<String, String> target = new java.util.HashMap<>();
    try (Stream<Path> s = Files.walk(ZEEK)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String rel = ZEEK.relativize(f).toString();
        if (rel.startsWith(".") || rel.contains("/.")) {
          continue;
        }
        Path link = flat.resolve(new StringBuilder(rel.replace('/', '~')).reverse().toString());
        Files.createSymbolicLink(link, f);
        target.put(link.toString(), f.toString());
      }
    }
    Path l = dir.resolve("flat-logs");
    CliRun r = CliRun.of("run", "-r", flat.toString(), rulesOption, rules, "-l", l.toString());
    assertEquals(0, r.code(), r.err());
    for (String link : target.keySet()) {
      Files.delete(Path.of(link));
    }
    TreeMap<String, Integer> perFile = new TreeMap<>();
    alerts(l)
        .forEach(
            (k, v) -> {
              String link = k.substring(0, k.indexOf(' '));
              perFile.merge(target.get(link) + k.substring(link.length()), v, Integer::sum);
            });
    assertTrue(
        recursive.values().stream().mapToInt(Integer::intValue).sum() > atLeast,
        "alerts: " + recursive.size());
    assertEquals(perFile, recursive);
    // and the captures with the most alerts, each read alone
    Map<Path, TreeMap<String, Integer>> byFile = new TreeMap<>();
    recursive.forEach(
        (k, v) ->
            byFile
                .computeIfAbsent(Path.of(k.substring(0, k.indexOf(' '))), x -> new TreeMap<>())
                .put(k, v));
    List<Path> busiest =
        byFile.keySet().stream()
            .sorted((a, b) -> Integer.compare(byFile.get(b).size(), byFile.get(a).size()))
            .limit(3)
            .toList();
    for (Path f : busiest) {
      Path one = dir.resolve("one-" + f.getFileName());
      CliRun alone = CliRun.of("run", "-r", f.toString(), rulesOption, rules, "-l", one.toString());
      assertEquals(0, alone.code(), alone.err());
      assertEquals(byFile.get(f), alerts(one), f.toString());
    }
    assertEquals(0, capture(logs, "folders_skipped"));
    try (Stream<Path> s = Files.walk(ZEEK)) {
      assertEquals(
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .count(),
          capture(logs, "files"));
    }
  }

  @Test
  void recursionReadsInTheNameOrderOfPathsBelowTheFolderWhateverTheirTimes() throws IOException {
    Path top = Files.createDirectories(dir.resolve("top"));
    Path http = ZEEK.resolve("http/get.pcap");
    assumeTrue(Files.isRegularFile(http), "corpus not found at " + ZEEK);
    // written in reverse order, so modification times run against the names
    List<String> names =
        List.of("b.pcap", "a/z.pcap", "a/b/c.pcap", "a.pcap", "A.pcap", ".hidden/x.pcap");
    long t = System.currentTimeMillis();
    for (String n : names) {
      Path p = top.resolve(n);
      Files.createDirectories(p.getParent());
      Files.copy(http, p);
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(t -= 60_000));
    }
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            top.toString(),
            "--pcap-file-recursive",
            "-S",
            rules().toString(),
            "-l",
            logs.toString());
    assertEquals(0, r.code(), r.err());
    List<String> order = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      String f = field(line, "pcap_filename");
      String rel = f.isEmpty() ? "" : top.relativize(Path.of(f)).toString();
      if (!f.isEmpty() && (order.isEmpty() || !order.getLast().equals(rel))) {
        order.add(rel);
      }
    }
    assertEquals(List.of("A.pcap", "a.pcap", "a/b/c.pcap", "a/z.pcap", "b.pcap"), order);
  }

  @Test
  void withoutRecursionTheSkippedSubfoldersAreToldAndCounted() throws IOException {
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            ZEEK.resolve("http").toString(),
            "-S",
            rules().toString(),
            "-l",
            logs.toString());
    assumeTrue(Files.isDirectory(ZEEK.resolve("http/261")), "corpus not found at " + ZEEK);
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "vigil run: -r "
                    + ZEEK.resolve("http")
                    + ": 1 subfolder skipped "
                    + "(--pcap-file-recursive reads them)"),
        r.err());
    assertEquals(1, capture(logs, "folders_skipped"));
    Path root = dir.resolve("root");
    CliRun top =
        CliRun.of("run", "-r", ZEEK.toString(), "-S", rules().toString(), "-l", root.toString());
    long subfolders;
    try (Stream<Path> s = Files.list(ZEEK)) {
      subfolders = s.filter(Files::isDirectory).count();
    }
    assertTrue(top.err().contains(": " + subfolders + " subfolders skipped"), top.err());
    assertEquals(subfolders, capture(root, "folders_skipped"));
  }

  @Test
  void deleteRemovesTheCapturesReadAndKeepsWhatIsNoCapture() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in/sub"));
    Path src = ZEEK.resolve("http");
    assumeTrue(Files.isDirectory(src), "corpus not found at " + ZEEK);
    Files.copy(src.resolve("get.pcap"), in.resolve("get.pcap"));
    Files.copy(src.resolve("get.pcap"), in.getParent().resolve("top.pcap"));
    Files.writeString(in.getParent().resolve("notes.txt"), "not a capture");
    Path logs = dir.resolve("logs");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            in.getParent().toString(),
            "--pcap-file-recursive",
            "--pcap-file-delete",
            "-S",
            rules().toString(),
            "-l",
            logs.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(in.resolve("get.pcap")));
    assertFalse(Files.exists(in.getParent().resolve("top.pcap")));
    assertTrue(Files.exists(in.getParent().resolve("notes.txt")));
    assertEquals(2, capture(logs, "files_deleted"));
    assertFalse(alerts(logs).isEmpty());
  }

  @Test
  void continuousOptionsNeedAFolderAndCaptureFiles() throws IOException {
    CliRun file =
        CliRun.of(
            "run",
            "-r",
            ZEEK.resolve("http/get.pcap").toString(),
            "--pcap-file-continuous",
            "-S",
            rules().toString(),
            "-l",
            dir.resolve("l").toString());
    assertEquals(2, file.code());
    assertTrue(file.err().contains("--pcap-file-continuous watches a folder"), file.err());
    CliRun queue =
        CliRun.of(
            "run",
            "-q",
            "3",
            "--pcap-file-delete",
            "-S",
            rules().toString(),
            "-l",
            dir.resolve("l").toString());
    assertEquals(2, queue.code());
    assertTrue(queue.err().contains("read capture files (-r)"), queue.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"single", "workers"})
  void continuousRunReadsCapturesAsTheyArriveUntilSigtermThenExitsZeroWithStats(String runmode)
      throws Exception {
    Path src = ZEEK.resolve("http");
    assumeTrue(Files.isDirectory(src), "corpus not found at " + ZEEK);
    Path watch = Files.createDirectories(dir.resolve("watch"));
    Path logs = dir.resolve("logs");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                JavaChild.command(
                    Vigil.class,
                    "run",
                    "-r",
                    watch.toString(),
                    "--pcap-file-continuous",
                    "--pcap-file-delete",
                    "-S",
                    rules().toString(),
                    "-l",
                    logs.toString(),
                    "--set",
                    "pcap-file.delay=0",
                    "--set",
                    "pcap-file.poll-interval=0.2",
                    "--runmode",
                    runmode,
                    "--threads",
                    "2"))
            .redirectError(err.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      waitFor(() -> Files.readString(err).contains("watching " + watch), p, err);
      // expected: what a plain run of the same captures raises
      Path a = src.resolve("get.pcap");
      Path b = src.resolve("bro.org.pcap");
      Path expectLogs = dir.resolve("expected");
      Path expectIn = Files.createDirectories(dir.resolve("expect-in"));
      Files.copy(a, expectIn.resolve("1.pcap"));
      Files.copy(b, expectIn.resolve("2.pcap"));
      assertEquals(
          0,
          CliRun.of(
                  "run",
                  "-r",
                  expectIn.toString(),
                  "-S",
                  rules().toString(),
                  "-l",
                  expectLogs.toString())
              .code());
      TreeMap<String, Integer> expected = new TreeMap<>();
      alerts(expectLogs)
          .forEach((k, v) -> expected.put(k.replace(expectIn.toString(), watch.toString()), v));
      assertTrue(expected.size() > 2, expected.toString());
      // copied under a hidden name, then renamed: the watch sees whole files
      Files.copy(a, watch.resolve(".1.pcap.part"));
      Files.move(
          watch.resolve(".1.pcap.part"), watch.resolve("1.pcap"), StandardCopyOption.ATOMIC_MOVE);
      waitFor(() -> !Files.exists(watch.resolve("1.pcap")) && !alerts(logs).isEmpty(), p, err);
      // a capture written in place: read once complete
      Files.copy(b, watch.resolve("2.pcap"));
      Files.createDirectories(watch.resolve("sub"));
      waitFor(() -> alerts(logs).equals(expected), p, err);
      assertFalse(Files.exists(watch.resolve("2.pcap")), "deleted once read");
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
      String stderr = Files.readString(err);
      assertEquals(0, p.exitValue(), stderr);
      assertTrue(stderr.contains("1 subfolder skipped"), stderr);
      assertTrue(
          stderr.matches(
              "(?s).*vigil: \\d+ rules ready.*; \\d+ packets in .*; "
                  + expected.values().stream().mapToInt(Integer::intValue).sum()
                  + " alerts; .*"),
          stderr);
      assertTrue(
          runmode.equals("single") || stderr.contains("(workers, 2 worker threads)"), stderr);
      assertEquals(2, capture(logs, "files"));
      assertEquals(2, capture(logs, "files_deleted"));
      assertEquals(1, capture(logs, "folders_skipped"));
    } finally {
      p.destroyForcibly();
    }
  }

  interface Check {
    boolean ok() throws IOException;
  }

  private static void waitFor(Check c, Process p, Path err) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.ok()) {
      assertTrue(p.isAlive(), "vigil ended: " + Files.readString(err));
      assertTrue(System.nanoTime() < deadline, "timed out; stderr: " + Files.readString(err));
      Thread.sleep(100);
    }
  }
}
