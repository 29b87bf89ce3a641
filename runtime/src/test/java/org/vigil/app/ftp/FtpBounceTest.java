package org.vigil.app.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * ftpbounce on the corpus's ftp/ipv4.pcap, whose client sends two PORT commands with its own
 * address, and on a copy whose PORT commands name 141.142.220.236 instead (same length, checksums
 * left stale as -k none reads them): as Suricata 7.0.10, the keyword alone alerts on each bouncing
 * PORT, on the client's packet after the one that acknowledged it (59, 77), and the community rule
 * that adds content and pcre on the payload does not (the payload then inspected is the next
 * command's).
 */
class FtpBounceTest {
  private static final String RULES =
      "alert tcp any any -> any 21 (msg:\"PORT bounce\"; flow:to_server,established;"
          + " content:\"PORT\"; nocase; ftpbounce; pcre:\"/^PORT/smi\"; sid:3441; rev:1;)\n"
          + "alert tcp any any -> any any (msg:\"ftpbounce alone\"; ftpbounce; sid:3442; rev:1;)\n";

  @TempDir Path dir;

  @Test
  void aPortToAnotherHostAlertsAsSuricata() throws IOException {
    Path original = ZeekRun.CORPUS.resolve("pcaps/zeek/ftp/ipv4.pcap");
    assumeTrue(Files.isRegularFile(original), "corpus not found at " + original);
    assertEquals(Map.of(), ZeekRun.alertsBySid(ZeekRun.runFile(dir, original, RULES)));

    byte[] b = Files.readAllBytes(original);
    String s = new String(b, StandardCharsets.ISO_8859_1);
    String edited = s.replace("PORT 141,142,220,235,", "PORT 141,142,220,236,");
    Path bounce = dir.resolve("bounce.pcap");
    Files.write(bounce, edited.getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        Map.of(3442L, List.of("59", "77")),
        ZeekRun.alertsBySid(ZeekRun.runFile(dir, bounce, RULES)));
  }
}
