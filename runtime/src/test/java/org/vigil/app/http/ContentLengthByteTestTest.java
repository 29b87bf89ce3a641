package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * ET Open 2024's {@code http.content_len; byte_test:0,op,value,0,string,dec} on zeek's post.pcap (a
 * POST with Content-Length 11, answered with Content-Length 366): a string byte_test of 0 bytes
 * reads the whole buffer as one number. Suricata 7.0.10 alerts sid 1 at pcap_cnt 7 and sid 3 at 11.
 */
class ContentLengthByteTestTest {
  @TempDir Path dir;

  @Test
  void zeroByteStringTestsCompareTheWholeContentLengthAsSuricata() throws IOException {
    String rules =
        """
        alert http any any -> any any (msg:"req 11"; flow:to_server; http.content_len; byte_test:0,=,11,0,string,dec; sid:1;)
        alert http any any -> any any (msg:"req >11"; flow:to_server; http.content_len; byte_test:0,>,11,0,string,dec; sid:2;)
        alert http any any -> any any (msg:"resp 366"; flow:to_client; http.content_len; byte_test:0,=,366,0,string,dec; sid:3;)
        alert http any any -> any any (msg:"resp <300"; flow:to_client; http.content_len; byte_test:0,<,300,0,string,dec; sid:4;)
        """;
    Path logs = ZeekRun.run(dir, "http/post.pcap", rules);
    List<String> got = new ArrayList<>();
    Pattern cnt = Pattern.compile("\"pcap_cnt\":(\\d+)");
    Pattern sid = Pattern.compile("\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      if (line.contains("\"event_type\":\"alert\"")) {
        Matcher c = cnt.matcher(line);
        Matcher m = sid.matcher(line);
        got.add(m.find() && c.find() ? m.group(1) + "@" + c.group(1) : line);
      }
    }
    assertEquals(List.of("1@7", "3@11"), got);
  }
}
