package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules without content match header fields of each packet: on zeek's wikipedia.pcap they alert on
 * exactly the packets Suricata 7.0.10 alerts on (its eve.json with the corpus oracle's settings).
 */
class ContentlessRulesPcapTest {
  @TempDir Path dir;

  private static List<String> packets(String list) {
    return Arrays.asList(list.split(" "));
  }

  @Test
  void ackOnlyAndToServerRulesAlertOnSuricatasPackets() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "wikipedia.pcap",
            "alert tcp any any -> any any (msg:\"ack only\"; flags:A; sid:1; rev:1;)\n"
                + "alert tcp any any -> any any (msg:\"to server\"; flow:to_server; sid:2; rev:1;)\n");
    Map<Long, List<String>> got = ZeekRun.alertsBySid(logs);
    assertEquals(
        packets(
            "8 11 13 15 52 55 58 61 63 67 70 72 73 75 78 80 82 84 85 87 89 90 94 96 98 102 105 106"
                + " 108 110 111"),
        got.get(1L).stream().sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).toList());
    assertEquals(
        packets(
            "6 8 9 11 12 15 22 23 30 37 38 45 50 52 53 55 56 58 59 61 63 64 65 67 68 70 71 75 76 78"
                + " 79 82 83 87 89 91 92 94 95 98 102 105 106 108 110 111 113"),
        got.get(2L).stream().sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).toList());
  }
}
