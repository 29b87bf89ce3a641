package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * byte_math, the xor and pcrexform transforms, a transform after inspected options, dataset and
 * datarep (with load files) on a hand-made capture ({@code dialect/make_captures.py}): the expected
 * "sid=pcap_cnt,..." list is what Suricata 7.0.10 raised with the same rules ({@code
 * dialect/dialect.rules}).
 */
class SuricataDialectTest {
  @TempDir Path dir;

  private static String resource(String name) throws IOException {
    try (InputStream in = SuricataDialectTest.class.getResourceAsStream("dialect/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static Path capture(String name) {
    try {
      return Path.of(SuricataDialectTest.class.getResource("dialect/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void alertsAsSuricata() throws IOException {
    // the dataset files sit beside the rules, where a relative load file is looked for
    for (String f : List.of("known.lst", "rep.lst", "md5.lst")) {
      java.nio.file.Files.writeString(dir.resolve(f), resource(f));
    }
    Map<Long, List<String>> got =
        ZeekRun.alertsBySid(
            ZeekRun.runFile(dir, capture("dialect.pcap"), resource("dialect.rules")));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(
        "1=1; 3=2; 4=2; 5=3; 10=5; 11=6; 12=7; 13=8; 14=6,8; 20=1,2,3,4; 21=2; 22=1,3,4; 23=3;"
            + " 24=1; 25=4",
        s.toString());
  }
}
