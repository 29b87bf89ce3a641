package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.inspect.ZeekRun;

/**
 * The TLS keywords (tls.sni, tls.cert_*, ja3/ja3s, tls.certs, ssl_state, ssl_version, tls.version)
 * on the corpus's TLS captures: each expected "sid=pcap_cnt,..." list is what Suricata 7.0.10
 * raised with the same rules ({@code tls-keywords.rules}) on the same capture.
 */
class TlsKeywordsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ssl.v3.pcap|15=10,36,237; 18=34,235; 19=10,36,237; 26=10,36,237; 28=8,34,235;"
            + " 30=8,10,34,36,235,237; 35=5,8,31,34,232,235; 40=8,10,34,36,235,237;"
            + " 41=5,31,232; 42=5,8,31,34,232,235",
        "tls1.2.pcap|14=11; 25=8; 26=11; 28=7; 29=7,8; 33=7,8; 35=5,7; 36=8; 40=7,8;"
            + " 41=5; 42=5,7",
        "ssl-v2.pcap|28=7; 35=5,7; 41=5; 42=5,7",
        "tls13draft23-chrome67.0.3368.0-canary.pcap|12=12; 17=12; 20=12; 28=12;"
            + " 32=12,16; 34=12,16; 35=7,12; 41=7; 42=7,12; 43=12,16",
        "cert-no-cn.pcap|16=9; 26=9; 27=7; 28=7; 29=7; 30=9; 33=7; 35=5; 40=7,9; 41=5;"
            + " 42=5,10",
        "chrome-34-google.pcap|11=9; 13=12; 21=12; 22=12; 23=12; 26=12; 27=10; 28=9;"
            + " 29=9,12; 33=9,12; 35=5,9; 40=9,12; 41=5; 42=5,9",
        "tls-fragmented-handshake.pcap|25=12; 27=413,415; 28=9; 29=9,12; 33=9,12;"
            + " 35=5,9; 36=12; 40=9,12; 41=5; 42=5,9",
        "tls1_1.pcap|22=14; 23=14; 25=10; 26=14; 27=12; 28=8; 35=5,8; 36=10; 41=5;" + " 42=5,8",
        "client-certificate.pcap|25=9; 26=18; 28=8; 29=9; 32=8; 33=9; 34=8; 35=5,8;"
            + " 36=9; 40=9; 41=5; 42=5,8"
      })
  void alertsAsSuricata(String capture, String expected) throws IOException {
    String rules;
    try (InputStream in = TlsKeywordsTest.class.getResourceAsStream("tls-keywords.rules")) {
      rules = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.run(dir, "tls/" + capture, rules));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(expected, s.toString());
  }
}
