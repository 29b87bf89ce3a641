package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * The suricata-verify http-evader captures (HTTP evasions of a download of the EICAR test file: odd
 * chunking, content codings, broken headers...). Suricata raises each of the two file_data rules
 * exactly once per capture; here the parser must give exactly one transaction whose file_data holds
 * each pattern.
 */
class HttpConnectionParserEvaderTest {

  private static final byte[] SID1 =
      "EICAR-STANDARD-ANTIVIRUS-TEST-FILE".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SID2 = "X5O!P%@AP[4".getBytes(StandardCharsets.US_ASCII);

  /** The tests run with response-body-decompress-layer-limit=3. */
  private static final HttpConfig CFG = HttpConfig.defaults().withDecompressLayerLimit(3);

  /** Pass rate measured when this test was written; a lower one is a regression. */
  private static final double MIN_PASS_RATE = 1.0;

  @Test
  void eachEvasionStillShowsTheFileToFileData() throws Exception {
    Path verify =
        Path.of(System.getProperty("vigil.corpus", "../../shared/corpus")).resolve("verify");
    Assumptions.assumeTrue(Files.isDirectory(verify), "corpus not found at " + verify);
    List<Path> dirs;
    try (Stream<Path> s = Files.list(verify)) {
      dirs =
          s.filter(p -> p.getFileName().toString().startsWith("http-evader__")).sorted().toList();
    }
    Assumptions.assumeTrue(!dirs.isEmpty(), "no http-evader tests in " + verify);
    List<String> failed = new ArrayList<>();
    for (Path d : dirs) {
      Path pcap = d.resolve("input.pcap");
      int hits1 = 0;
      int hits2 = 0;
      for (PcapConversations.Conn c : PcapConversations.read(pcap)) {
        Recorder r = new Recorder();
        HttpConnectionParser p = new HttpConnectionParser(CFG, ServerPersonality.IDS, r);
        byte[] cs = c.stream(true);
        byte[] ss = c.stream(false);
        p.onData(true, cs, 0, cs.length);
        for (int i = 0; i < ss.length; i += 1448) {
          p.onData(false, ss, i, Math.min(1448, ss.length - i));
        }
        p.onClose(true);
        p.onClose(false);
        for (HttpTransaction tx : r.responses) {
          byte[] fd = tx.fileData();
          if (fd != null && indexOf(fd, SID1) >= 0) {
            hits1++;
          }
          if (fd != null && indexOf(fd, SID2) >= 0) {
            hits2++;
          }
        }
      }
      if (hits1 != 1 || hits2 != 1) {
        failed.add(d.getFileName() + " (sid1 x" + hits1 + ", sid2 x" + hits2 + ")");
      }
    }
    double rate = 1.0 - (double) failed.size() / dirs.size();
    System.out.printf(
        "http-evader: %d/%d pass (%.1f%%); failing: %s%n",
        dirs.size() - failed.size(), dirs.size(), rate * 100, failed);
    assertTrue(
        rate >= MIN_PASS_RATE, "pass rate " + rate + " below " + MIN_PASS_RATE + ": " + failed);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
