package org.vigil.output.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void showsPacketsRateAndShareOfTheFileRead() {
    ProgressLine p = new ProgressLine(System.err, "big.pcap", 1_000_000, 1000, false, 0);
    assertEquals(
        "vigil: 1200000 packets, 240.0 kpps, 41.5% of big.pcap, 5 s",
        p.format(1_200_000, 415_000, 5_000_000_000L));
    assertEquals(
        "vigil: 3000000 packets, 1.50 Mpps, 100.0% of big.pcap, 2 s",
        p.format(3_000_000, 1_000_000, 2_000_000_000L));
    assertEquals(
        "vigil: 10 packets, 10 pps, eth0, 1 s",
        new ProgressLine(System.err, "eth0", 0, 1000, false, 0).format(10, 0, 1_000_000_000L));
  }

  @Test
  void printsOncePerIntervalAndStaysQuietOnShortRuns() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    ProgressLine quiet = new ProgressLine(err, "small.pcap", 100, 1000, false, 0);
    quiet.update(5, 50, 500_000_000L);
    quiet.finish(10, 100, 900_000_000L);
    assertEquals("", buf.toString(StandardCharsets.UTF_8));

    ProgressLine p = new ProgressLine(err, "big.pcap", 1000, 1000, true, 0);
    p.update(100, 100, 1_000_000_000L);
    p.update(150, 150, 1_500_000_000L); // within the interval: nothing
    p.update(300, 300, 2_000_000_000L);
    p.finish(400, 1000, 2_500_000_000L);
    assertEquals(
        "\rvigil: 100 packets, 100 pps, 10.0% of big.pcap, 1 s"
            + "\rvigil: 300 packets, 150 pps, 30.0% of big.pcap, 2 s"
            + "\rvigil: 400 packets, 160 pps, 100.0% of big.pcap, 2 s\n",
        buf.toString(StandardCharsets.UTF_8));
  }
}
