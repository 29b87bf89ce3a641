package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastLogWriterTest {
  @TempDir Path dir;

  @Test
  void writesSuricataFastLines() throws Exception {
    Path file = dir.resolve("fast.log");
    try (FastLogWriter w = FastLogWriter.open(file)) {
      w.write(TestEvents.alert(2000001, 7));
      w.write(
          new AppEvent(
              TestEvents.tcpHeader(1), 0, TestEvents.http("x"))); // not an alert: not logged
      w.write(TestEvents.icmpAlert(2000002));
    }
    assertEquals(
        List.of(
            "11/26/2026-18:50:42.123456  [**] [1:2000001:3] ET POLICY test \"quoted\" msg 2000001 [**] "
                + "[Classification: Potential Corporate Privacy Violation] [Priority: 1] {TCP} 10.0.0.1:51000 -> 192.0.2.7:80",
            "11/26/2026-18:50:42.123457  [Drop] [**] [1:2000002:1] ICMPv6 echo [**] [Classification: (null)] "
                + "[Priority: 3] {IPv6-ICMP} 2001:db8::1:0 -> 2001:db8::2:0"),
        Files.readAllLines(file));
  }
}
