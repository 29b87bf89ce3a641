package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.TcpConversation;

/**
 * base64_decode and base64_data as Suricata 7.0.10 applies them, on hand-made captures (each
 * expected "sid=pcap_cnt,..." list is what bin/oracle raised with the same rules): on the packet
 * payload and on any sticky or http_* buffer (an http_* modified content takes the decode to its
 * buffer), with bytes, offset and relative; decoding stops at the first character outside the
 * alphabet; base64_data's options run inside the decode's buffer, so a failure retries the content
 * before it, and the decode's own buffer is not inspected after it; a decode without base64_data
 * never matches.
 */
class Base64RunTest {
  @TempDir Path dir;

  private String run(Path pcap, String rulesResource) throws IOException {
    String rules;
    try (var in = Base64RunTest.class.getResourceAsStream(rulesResource)) {
      rules = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, rules));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    return s.toString();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void onThePacketPayload() throws IOException {
    TcpConversation t = TcpConversation.udpOnly();
    for (String p :
        new String[] {
          "xxxxSGVsbG8gV29ybGQ=",
          "SGVs bG8=",
          "SGVs\r\nbG8=",
          "QQ==QkI=",
          "SGVsbG8*",
          "SGVsbG8",
          "SGVsb*",
          "SGVsb",
          "*SGVs",
          "xAAxSGVsbG8=",
          "SGVsbG8=",
          "Q=Q=QkI=",
          "SGVsbG8gV29ybGQ"
        }) {
      t.udp("10.0.0.1", "10.0.0.2", 9999, b(p));
    }
    // 12: no retry of the content before a failed decode; 13: the pkt_data content is the fast
    // pattern and absent; 19 (bytes above 65535) and 20 (offset before bytes) do not load
    assertEquals(
        "1=1,5,6,10,11,13; 2=1,13; 3=1; 4=1,10; 6=1; 8=2,3,8; 9=5,6,10,11; 10=7; 11=4;"
            + " 14=1,2,3,4,5,6,7,8,10,11,12,13; 17=2,3,4,8,12; 18=1,5,6,10,11,13;"
            + " 21=1,5,6,10,11,13; 24=2,3,4,7,8,12; 25=1,2,3,5,6,7,8,10,11,13;"
            + " 26=1,2,3,5,6,7,8,10,11,13",
        run(t.close(dir.resolve("b64.pcap")), "base64-packet.rules"));
  }

  @Test
  void onHttpBuffers() throws IOException {
    String body = "SGVsbG8gV29ybGQ=\r\nV29ybGQ=\r\n";
    Path pcap =
        new TcpConversation("10.0.0.1", "10.0.0.2", 80)
            .client(
                b(
                    "GET /a?q=SGVsbG8gV29ybGQ=&r=1 HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Basic YWRtaW46c2VjcmV0\r\nCookie: s=SGVsbG8=\r\n"
                        + "User-Agent: QUJD\r\n\r\n"))
            .server(
                b(
                    "HTTP/1.1 200 OK\r\nContent-Length: "
                        + body.length()
                        + "\r\nContent-Type: text/plain\r\n\r\n"
                        + body))
            .close(dir.resolve("http.pcap"));
    assertEquals(
        "101=7; 102=7; 103=7; 104=7; 105=7; 106=9; 107=9; 108=7; 109=7; 111=7; 112=7; 114=7;"
            + " 201=9; 202=9; 205=9",
        run(pcap, "base64-http.rules"));
  }
}
