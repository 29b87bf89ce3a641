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
import org.vigil.testing.TcpConversation;

/**
 * ftpbounce as Suricata 7.0.10 raises it (each expectation checked with bin/oracle): an FTP
 * transaction is inspected to the server once a reply completed it, or at flow end, and the keyword
 * reads the flow's current command then, whatever the transaction. The community rule that adds
 * content and pcre on the payload (3441) also needs the raw stream inspected on that packet, which
 * a few short commands never make happen.
 */
class FtpBounceTest {
  private static final String RULES =
      "alert tcp any any -> any 21 (msg:\"PORT bounce\"; flow:to_server,established;"
          + " content:\"PORT\"; nocase; ftpbounce; pcre:\"/^PORT/smi\"; sid:3441; rev:1;)\n"
          + "alert tcp any any -> any any (msg:\"ftpbounce alone\"; ftpbounce; sid:3442; rev:1;)\n";

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aPortToAnotherHostAlertsOnTheClientPacketAfterItsReply() throws IOException {
    Path original = ZeekRun.CORPUS.resolve("pcaps/zeek/ftp/ipv4.pcap");
    assumeTrue(Files.isRegularFile(original), "corpus not found at " + original);
    assertEquals(Map.of(), ZeekRun.alertsBySid(ZeekRun.runFile(dir, original, RULES)));
    // the same capture with PORT commands naming 141.142.220.236 instead of the client
    byte[] b = Files.readAllBytes(original);
    String s = new String(b, StandardCharsets.ISO_8859_1);
    String edited = s.replace("PORT 141,142,220,235,", "PORT 141,142,220,236,");
    Path bounce = dir.resolve("bounce.pcap");
    Files.write(bounce, edited.getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        Map.of(3442L, List.of("59", "77")),
        ZeekRun.alertsBySid(ZeekRun.runFile(dir, bounce, RULES)));
  }

  @Test
  void unrepliedPortsWaitForTheFlowEnd() throws IOException {
    // 500 PORT commands, none replied; the server's banner, sent before the client's first
    // command made the flow FTP, is a complete transaction inspected on the next client packet
    Map<Long, List<String>> a =
        ZeekRun.alertsBySid(ZeekRun.run(dir, "ftp/ftp-many-port-expected.pcap", RULES));
    assertEquals(null, a.get(3441L));
    assertEquals("8", a.get(3442L).get(0));
    assertEquals("-", a.get(3442L).get(1), "the others at flow end");
  }

  @Test
  void theRuleWithContentNeedsTheRawStreamOnThatPacket() throws IOException {
    Path pcap =
        new TcpConversation("10.0.0.1", "10.0.0.2", 21)
            .server(b("220 (vsFTPd)\r\n")) // 4, 5
            .client(b("USER a\r\n")) // 6, 7
            .server(b("331 pw\r\n")) // 8, 9
            // a segment big enough to be inspected as raw stream when acknowledged
            .client(b("NOOP\r\n".repeat(600) + "PORT 10,0,0,200,78,33\r\n")) // 10, 11
            .server(b("200 ok\r\n")) // 12, 13: the first NOOP complete, PORT current
            .client(b("PORT 10,0,0,200,78,34\r\n")) // 14, 15
            .server(b("200 ok\r\n")) // 16, 17: the second NOOP complete
            .close(dir.resolve("big.pcap"));
    Map<Long, List<String>> a = ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, RULES));
    assertEquals(List.of("13"), a.get(3441L));
    assertEquals(List.of("13", "17"), a.get(3442L).subList(0, 2));
  }

  @Test
  void aCommandAfterThePortInTheSameSegmentEndsTheBounce() throws IOException {
    Path pcap =
        new TcpConversation("10.0.0.1", "10.0.0.2", 21)
            .server(b("220 ready\r\n"))
            .client(b("PORT 10,0,0,200,78,33\r\nNOOP\r\n"))
            .server(b("200 PORT ok\r\n200 ok\r\n"))
            .client(b("NOOP\r\n"))
            .server(b("200 ok\r\n"))
            .close(dir.resolve("noop.pcap"));
    assertEquals(Map.of(), ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, RULES)));
  }
}
