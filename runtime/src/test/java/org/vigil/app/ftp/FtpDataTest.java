package org.vigil.app.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.inspect.ZeekRun;

/**
 * {@code alert ftp-data} on the corpus's FTP captures: each expected "sid=pcap_cnt,..." list is
 * what Suricata 7.0.10 raised with the same rules ({@code ftp-data.rules}) on the capture.
 */
class FtpDataTest {
  @TempDir Path dir;

  private static String rules() throws IOException {
    try (InputStream in = FtpDataTest.class.getResourceAsStream("ftp-data.rules")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp/retr.pcap|1=58; 2=58; 3=41,46,58",
      })
  void alertsAsSuricata(String capture, String expected) throws IOException {
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.run(dir, capture, rules()));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(expected, s.toString());
  }

  @Test
  void repliesAndCommandsGiveTheDataPort() {
    assertEquals(
        38141, FtpDataChannels.epsvReply("229 Entering Extended Passive Mode (|||38141|)"));
    assertEquals(
        5 * 256 + 7, FtpDataChannels.pasvReply("227 Entering Passive Mode (10,0,0,1,5,7)."));
    assertEquals(0, FtpDataChannels.pasvReply("227 Entering Passive Mode (10,0,0,1,5,256)"));
    assertEquals(1025, FtpDataChannels.portCommand("PORT 192,168,1,2,4,1"));
    assertEquals(0, FtpDataChannels.portCommand("PORT 192,168,1,2,4"));
    assertEquals(6446, FtpDataChannels.eprtCommand("EPRT |2|1080::8:800:200C:417A|6446|"));
    assertEquals(0, FtpDataChannels.eprtCommand("EPRT |2|1080::8|x|"));
  }
}
