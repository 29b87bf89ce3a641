package org.vigil.app.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * SMB parser events of zeek captures as EVE anomaly records, against Suricata 7.0.10's eve.json for
 * the same captures (stock suricata.yaml). Each line: event, pcap_cnt, src_port, tx_id, app_proto,
 * layer.
 */
class SmbEventsPcapTest {
  @TempDir Path dir;

  @Test
  void aSessionMessageTooShortForItsSmb1HeaderIsMalformed() throws IOException {
    // the client's second session message is the 4-byte SMB1 magic alone; it is parsed on the
    // server's ACK (packet 7), the event set on the transaction of the first message (command 0x41)
    assertEquals(
        List.of("malformed_data 7 139 0 smb proto_parser"),
        ZeekRun.anomalies(dir, "netbios/netbios-split-session-msg.pcap"));
  }

  @Test
  void aReadOfAnOpenFileBeforeWhatWasReadIsAFileOverlap() throws IOException {
    // .DS_Store read twice from offset 0 (messages 74 and 87) without a CLOSE between: the second
    // response, ACKed by packet 348, overlaps; the event goes to the latest transaction
    assertEquals(
        List.of("file_overlap 348 62083 82 smb proto_parser"),
        ZeekRun.anomalies(dir, "smb/smb_many_open_files_500.pcap"));
  }

  @Test
  void capturesSuricataRaisesNoSmbEventOnRaiseNone() throws IOException {
    // reads and writes in order, a session message cut by the capture's end, a fuzzed SMB1 flow
    // and SMB3 compression transforms (SMBGhost): Suricata writes no anomaly record for them
    for (String capture :
        List.of(
            "smb/smb2readwrite.pcap",
            "netbios/netbios-truncated-session-msg.pcap",
            "smb/smb1-OSS-fuzz-54883.pcap",
            "smb/SMBGhost.pcap")) {
      assertEquals(List.of(), ZeekRun.anomalies(dir, capture), capture);
    }
  }

  private static final String EVENT_RULES =
      """
      alert smb any any -> any any (msg:"malformed"; app-layer-event:smb.malformed_data; sid:1;)
      alert smb any any -> any any (msg:"overlap"; app-layer-event:smb.file_overlap; sid:2;)
      alert tcp any any -> any any (msg:"malformed tcp"; app-layer-event:smb.malformed_data; sid:3;)
      """;

  @Test
  void appLayerEventRulesAlertOnTheEventsTransactionOncePerDirection() throws IOException {
    // Suricata 7.0.10 (bin/oracle run): malformed_data on the server's ACK (7, to the client) and
    // the client's next packet (8); file_overlap on the client's ACK (348) and the server's next
    // packet (353); never again on the flow
    assertEquals(
        "1=7,8; 3=7,8",
        ZeekRun.alertSummary(
            ZeekRun.run(
                Files.createDirectories(dir.resolve("m")),
                "netbios/netbios-split-session-msg.pcap",
                EVENT_RULES)));
    assertEquals(
        "2=348,353",
        ZeekRun.alertSummary(
            ZeekRun.run(
                Files.createDirectories(dir.resolve("o")),
                "smb/smb_many_open_files_500.pcap",
                EVENT_RULES)));
  }

  @Test
  void appLayerEventRulesStayQuietWhereSuricataRaisesNoSmbEvent() throws IOException {
    assertEquals("", ZeekRun.alertSummary(ZeekRun.run(dir, "smb/smb2readwrite.pcap", EVENT_RULES)));
  }
}
