package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.TcpConversation;

/**
 * asn1 as Suricata 7.0.10 applies it (each expectation checked with bin/oracle): a packet check run
 * once the payload options matched, from where they left the cursor, on the packet's own payload,
 * even when they matched a stream chunk; a failure does not retry the contents.
 */
class Asn1RunTest {
  private static final String KRB =
      "content:\"j\"; depth:1; content:\"|01 A1|\"; asn1:oversize_length 10,relative_offset -1;";

  @TempDir Path dir;

  private static byte[] repeat(char c, int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  @Test
  void theFirstMatchOfTheContentsIsTheOnlyOneTried() throws IOException {
    byte[] small = {(byte) 0xa1, 2, 'a', 'b'};
    byte[] big = PacketBuilder.concat(new byte[] {(byte) 0xa1, 0x20}, repeat('C', 32));
    Path pcap =
        TcpConversation.udpOnly()
            // the first "01 A1" leads to a small object, the second to a big one: no alert
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                88,
                PacketBuilder.concat(new byte[] {'j', 1}, small, new byte[] {1}, big))
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                88,
                PacketBuilder.concat(new byte[] {'j', 1}, big, new byte[] {1}, small))
            .close(dir.resolve("udp.pcap"));
    String rule = "alert udp any any -> any 88 (msg:\"k\"; " + KRB + " sid:2578;)\n";
    assertEquals(
        Map.of(2578L, List.of("2")), ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, rule)));
  }

  @Test
  void aStreamMatchDecodesThePacketPayloadFromTheChunksCursor() throws IOException {
    // S1 (4): "j 01 A1 02 a b" and zeros (a chunk big enough to be inspected when acknowledged);
    // S2 (6) carries a big object at offset 2, where the chunk's cursor points less one
    Path pcap =
        new TcpConversation("10.0.0.1", "10.0.0.2", 7777)
            .client(
                PacketBuilder.concat(new byte[] {'j', 1, (byte) 0xa1, 2, 'a', 'b'}, new byte[3000]))
            .client(PacketBuilder.concat(new byte[] {'z', 'z', 4, 0x20}, repeat('B', 32)))
            .client(new byte[] {'y', 'y', 'y', 'y'})
            .close(dir.resolve("tcp.pcap"));
    String rule =
        "alert tcp any any -> any 7777 (msg:\"k\"; flow:to_server,established; "
            + KRB
            + " sid:2579;)\n";
    assertEquals(
        Map.of(2579L, List.of("6")), ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, rule)));
  }

  @Test
  void kerberosRequestsOverUdp() throws IOException {
    Path kinit = ZeekRun.CORPUS.resolve("pcaps/zeek/krb/kinit.pcap");
    assumeTrue(Files.isRegularFile(kinit), "corpus not found at " + kinit);
    String rule =
        "alert udp any any -> any 88 (msg:\"k\"; flow:to_server; content:\"j\"; depth:1;"
            + " content:\"|01 A1|\"; asn1:oversize_length %d,relative_offset -1; sid:2578;)\n";
    // the community rule: no principal name is longer than 1024 bytes
    assertEquals(Map.of(), ZeekRun.alertsBySid(ZeekRun.runFile(dir, kinit, rule.formatted(1024))));
    // with a bound of 10, the 72 AS-REQs whose "01 A1" is there, as Suricata: not 75-116
    List<String> at =
        ZeekRun.alertsBySid(ZeekRun.runFile(dir, kinit, rule.formatted(10))).get(2578L);
    assertEquals(72, at.size());
    assertEquals(
        List.of("1", "73", "118", "208"), List.of(at.get(0), at.get(35), at.get(36), at.get(71)));
  }
}
