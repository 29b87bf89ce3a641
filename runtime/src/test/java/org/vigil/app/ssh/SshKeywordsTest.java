package org.vigil.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.inspect.ZeekRun;

/**
 * ssh.proto and ssh.software on the corpus's SSH captures: each expected "sid=pcap_cnt,..." list is
 * what Suricata 7.0.10 raised with the same rules ({@code ssh-keywords.rules}) on the capture.
 */
class SshKeywordsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "single-conn.pcap|51=8; 52=8; 53=7; 54=7",
        "ssh1-ssh2-fingerprints.pcap|51=7,9; 52=7,41; 53=9,39; 54=39,41",
        "ssh-on-port-80.pcap|51=7,8; 52=8; 53=7"
      })
  void alertsAsSuricata(String capture, String expected) throws IOException {
    String rules;
    try (InputStream in = SshKeywordsTest.class.getResourceAsStream("ssh-keywords.rules")) {
      rules = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    assertEquals(expected, ZeekRun.alertSummary(ZeekRun.run(dir, "ssh/" + capture, rules)));
  }
}
