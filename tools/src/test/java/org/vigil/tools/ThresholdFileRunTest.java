package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * threshold.config over real captures: per sid alert counts for threshold, event_filter, suppress,
 * rate_filter and global (sid 0) lines, in the single and the autofp run modes. The expected counts
 * of {@link #ORACLE_FILE} and {@link #GLOBAL_FILE} are Suricata 7.0.10's on the same rules,
 * captures and file ({@code bin/oracle run} with a yaml setting {@code threshold-file}).
 */
class ThresholdFileRunTest {
  static final Path ZEEK = AlertedRouterTest.CORPUS.resolve("pcaps/zeek");

  /** Rules whose raw alerts Vigil and Suricata agree on in these captures. */
  static final String RULES =
      """
      alert ip any any -> any any (msg:"ip"; sid:2001; rev:1;)
      alert tcp any any -> any any (msg:"syn"; flags:S; sid:2002; rev:1;)
      alert udp any any -> any any (msg:"udp"; sid:2003; rev:1;)
      alert tcp any any -> any any (msg:"syn limit"; flags:S; threshold: type limit, track by_dst, count 2, seconds 3600; sid:2005; rev:1;)
      """;

  static final String ORACLE_FILE =
      """
      # each filter kind once; 2005's own threshold is replaced
      threshold gen_id 1, sig_id 2003, type limit, track by_src, count 2, seconds 60
      event_filter gen_id 1, sig_id 2002, type both, track by_dst, count 2, seconds 60
      threshold gen_id 1, sig_id 2005, type threshold, track by_rule, count 3, \\
        seconds 3600
      suppress gen_id 1, sig_id 2001, track by_src, ip [192.168.0.0/16, 141.142.220.118]
      """;

  static final String GLOBAL_FILE =
      """
      threshold gen_id 0, sig_id 0, type limit, track by_both, count 1, seconds 3600
      suppress gen_id 1, sig_id 2002
      """;

  @TempDir Path tmp;

  private Map<Long, Integer> alerts(String capture, String thresholds, String... extra)
      throws IOException {
    Path pcap = ZEEK.resolve(capture);
    assumeTrue(Files.isRegularFile(pcap), "corpus not found at " + pcap.toAbsolutePath());
    Path rules = Files.writeString(tmp.resolve("t.rules"), RULES);
    Path th = Files.writeString(tmp.resolve("threshold.config"), thresholds);
    Path cfg = Files.writeString(tmp.resolve("vigil.yaml"), "threshold-file: threshold.config\n");
    Path logs = tmp.resolve("logs-" + capture + extra.length + thresholds.hashCode());
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                pcap.toString(),
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "-c",
                cfg.toString()));
    args.addAll(List.of(extra));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(th));
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
  void countsPerSidAreSuricatasForEveryFilterKind() throws IOException {
    assertEquals(Map.of(2002L, 4, 2003L, 2, 2005L, 5), alerts("nmap-vsn.pcap", ORACLE_FILE));
    assertEquals(
        Map.of(2001L, 34, 2002L, 1, 2003L, 13, 2005L, 2), alerts("wikipedia.pcap", ORACLE_FILE));
    assertEquals(Map.of(2001L, 9, 2003L, 3), alerts("smtp.pcap", ORACLE_FILE));
    assertEquals(
        Map.of(2001L, 34, 2002L, 1, 2003L, 13, 2005L, 2),
        alerts("wikipedia.pcap", ORACLE_FILE, "--runmode", "autofp", "--threads", "2"),
        "thresholds decided in packet order by the parallel mode too");
  }

  @Test
  void globalLinesSkipRulesWithTheirOwnThreshold() throws IOException {
    // 2005 keeps its own limit (by_dst, 2): the sid 0 line is for rules without one
    assertEquals(Map.of(2001L, 7, 2003L, 1, 2005L, 11), alerts("nmap-vsn.pcap", GLOBAL_FILE));
    assertEquals(Map.of(2001L, 13, 2003L, 9, 2005L, 4), alerts("wikipedia.pcap", GLOBAL_FILE));
  }

  @Test
  void rateFilterPassStopsTheAlertsOnceTheRateIsExceeded() throws IOException {
    String pass =
        "rate_filter gen_id 1, sig_id 2001, track by_rule, count 5, seconds 600, new_action pass, timeout 600\n"
            + "rate_filter gen_id 1, sig_id 2003, track by_rule, count 5, seconds 600, new_action alert, timeout 600\n";
    Map<Long, Integer> got = alerts("wikipedia.pcap", pass);
    assertEquals(5, got.get(2001L), "57 matches: the first 5 alert, then the pass action holds");
    assertEquals(38, got.get(2003L), "new_action alert changes nothing");
  }

  @Test
  void aBadLineStopsTheRunNamingFileAndLine() throws IOException {
    Path pcap = ZEEK.resolve("smtp.pcap");
    assumeTrue(Files.isRegularFile(pcap));
    Path rules = Files.writeString(tmp.resolve("t.rules"), RULES);
    Path th =
        Files.writeString(
            tmp.resolve("bad.config"),
            "suppress gen_id 1, sig_id 2001\nthreshold gen_id 1, sig_id 2002, type often, track by_src, count 1, seconds 1\n");
    CliRun r =
        CliRun.of(
            "run",
            "-r",
            pcap.toString(),
            "-S",
            rules.toString(),
            "-l",
            tmp.resolve("bad").toString(),
            "--set",
            "threshold-file=" + th);
    assertTrue(r.code() != 0, "exit " + r.code());
    assertTrue(
        r.err().contains(th + ":2: type must be limit, threshold or both, not 'often'"), r.err());
  }
}
