package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset the {@code datasets:} section of vigil.yaml defines with a state file: rules name it
 * without a type, {@code set} alerts for each query seen first, the set is written to its state
 * file under {@code default-data-dir} when the run ends, and the next run starts from it.
 */
class DatasetRunTest {
  @TempDir Path tmp;

  private static final Path ZEEK =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus")).resolve("pcaps/zeek");

  private static final String RULES =
      """
      alert dns any any -> any any (msg:"new query"; dns.query; dataset:set,queries; sid:1;)
      alert dns any any -> any any (msg:"known query"; dns.query; dataset:isset,queries; sid:2;)
      """;

  private Map<Long, Integer> run(String name) throws IOException {
    Path pcap = ZEEK.resolve("ticks-dns.pcap");
    assumeTrue(Files.isRegularFile(pcap), "corpus not found at " + pcap.toAbsolutePath());
    Path rules = Files.writeString(tmp.resolve("t.rules"), RULES);
    Path cfg =
        Files.writeString(
            tmp.resolve("vigil.yaml"),
            "default-data-dir: "
                + tmp.resolve("data")
                + "\ndatasets:\n  queries:\n    type: string\n    state: queries.lst\n");
    Path logs = tmp.resolve("logs-" + name);
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            logs.toString(),
            "-c",
            cfg.toString());
    assertEquals(0, r.code(), r.err());
    Map<Long, Integer> bySid = new TreeMap<>();
    Pattern sid = Pattern.compile("\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Matcher m = sid.matcher(line);
      if (line.contains("\"event_type\":\"alert\"") && m.find()) {
        bySid.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
      }
    }
    return bySid;
  }

  @Test
  void theStateFileCarriesTheSetToTheNextRun() throws IOException {
    // the rules of one packet run in sid order: set adds the query, then isset finds it
    assertEquals(Map.of(1L, 10, 2L, 10), run("first"));
    List<String> state = Files.readAllLines(tmp.resolve("data/queries.lst"));
    assertEquals(10, state.size());
    assertEquals(
        true,
        state.contains(
            Base64.getEncoder()
                .encodeToString("pXIqopbiiD.de".getBytes(StandardCharsets.US_ASCII))),
        state.toString());
    assertEquals(Map.of(2L, 10), run("second"), "every query is known from the state file");
  }
}
