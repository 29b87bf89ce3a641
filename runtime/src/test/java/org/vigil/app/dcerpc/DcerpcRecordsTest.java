package org.vigil.app.dcerpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.TcpConversation;

/**
 * EVE {@code dcerpc} records as Suricata 7.0.10 writes them (each expected line is its pcap_cnt and
 * dcerpc object from bin/oracle's eve.json, byte for byte): over TCP the bind with its interfaces
 * and ack results, the alter_context, and each request with its response; over UDP each call with
 * its activity and sequence number, logged once answered, or at once after a datagram that did not
 * parse.
 */
class DcerpcRecordsTest {
  private static final String RULE =
      "alert tcp any any -> any any (msg:\"none\"; content:\"NEVER-THERE-123\"; sid:1;)\n";

  @TempDir Path dir;

  private static List<String> expected(String resource) throws IOException {
    try (InputStream in = DcerpcRecordsTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** Per dcerpc record of the run: "pcap_cnt {the dcerpc object as written}". */
  private static List<String> records(Path logs) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (!line.contains("\"event_type\":\"dcerpc\"")) {
        continue;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"pcap_cnt\":(\\d+)").matcher(line);
      String cnt = m.find() ? m.group(1) : "-";
      int start = line.indexOf("\"dcerpc\":{") + "\"dcerpc\":".length();
      int depth = 0;
      int end = start;
      for (; end < line.length(); end++) {
        char c = line.charAt(end);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      out.add(cnt + " " + line.substring(start, end + 1));
    }
    return out;
  }

  @Test
  void overTcp() throws IOException {
    Path pcap = ZeekRun.CORPUS.resolve("pcaps/zeek/dce-rpc/cs_window7-join_stream092.pcap");
    assumeTrue(Files.isRegularFile(pcap), "corpus not found at " + pcap);
    assertEquals(expected("eve-dcerpc-tcp.txt"), records(ZeekRun.runFile(dir, pcap, RULE)));
  }

  @Test
  void overUdp() throws IOException {
    String a1 = "11111111-2222-3333-4444-555555555555";
    String a2 = "66666666-2222-3333-4444-555555555555";
    TcpConversation t =
        TcpConversation.udpOnly()
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                40000,
                135,
                DcerpcUdpTest.pdu(0, 0x20, 15, 1, "STUBREQ1abcd"))
            .udp("10.0.0.2", "10.0.0.1", 135, 40000, DcerpcUdpTest.pdu(2, 0, 15, 1, "STUBRSP1efgh"))
            .udp("10.0.0.1", "10.0.0.2", 40000, 135, DcerpcUdpTest.pdu(0, 0x04, 16, 2, "FRAGONE-"))
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                40000,
                135,
                DcerpcUdpTest.pdu(0, 0x06, 16, 2, "FRAGTWO-", a1, true, 1, -1))
            .udp("10.0.0.2", "10.0.0.1", 135, 40000, DcerpcUdpTest.pdu(2, 0, 16, 2, "RESP2"))
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                40000,
                135,
                DcerpcUdpTest.pdu(0, 0, 17, 3, "\0\0\1\0BIGE", a2, false, 0, -1))
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                40000,
                135,
                DcerpcUdpTest.pdu(0, 0, 17, 4, "\0\0\1\0LITE", a2, true, 0, -1))
            .udp(
                "10.0.0.1",
                "10.0.0.2",
                40000,
                135,
                DcerpcUdpTest.pdu(0, 0, 18, 5, "SHORTSTUB", a1, true, 0, 100))
            .udp("10.0.0.1", "10.0.0.2", 40000, 135, DcerpcUdpTest.pdu(0, 0, 19, 6, "AFTERERR"));
    Path pcap = t.close(dir.resolve("cl135.pcap"));
    assertEquals(expected("eve-dcerpc-udp.txt"), records(ZeekRun.runFile(dir, pcap, RULE)));
  }
}
