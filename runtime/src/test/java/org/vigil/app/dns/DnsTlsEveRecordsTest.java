package org.vigil.app.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * The EVE dns and tls records of corpus captures: each expected body is the one Suricata 7.0.10
 * wrote for the same capture (its "dns" / "tls" object; tls with ja3 fingerprints enabled).
 */
class DnsTlsEveRecordsTest {
  @TempDir Path dir;

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"never\"; content:\"zzqqzzqq\"; sid:1;)\n";

  private List<String> bodies(String capture, String type) throws IOException {
    Path logs = ZeekRun.run(dir, capture, NO_RULE);
    String key = "\"" + type + "\":";
    return Files.readAllLines(logs.resolve("eve.json")).stream()
        .filter(l -> l.contains("\"event_type\":\"" + type + "\""))
        .map(l -> l.substring(l.indexOf(key) + key.length()))
        .map(
            b ->
                b.contains(",\"pcap_filename\"")
                    ? b.substring(0, b.indexOf(",\"pcap_filename\""))
                    : b.substring(0, b.length() - 1))
        .toList();
  }

  @Test
  void dnsQueryAndAnswerRecords() throws IOException {
    List<String> got = bodies("dns-two-responses.pcap", "dns");
    assertEquals(3, got.size(), got.toString());
    assertEquals(
        "{\"version\":2,\"type\":\"query\",\"id\":21140,\"rrname\":\"www.cmu.edu\","
            + "\"rrtype\":\"A\",\"tx_id\":0,\"opcode\":0}",
        got.get(0));
    assertEquals(
        "{\"version\":2,\"type\":\"answer\",\"id\":21140,\"flags\":\"8410\",\"qr\":true,"
            + "\"aa\":true,\"opcode\":0,\"rrname\":\"www.cmu.edu\",\"rrtype\":\"A\","
            + "\"rcode\":\"NOERROR\",\"answers\":[{\"rrname\":\"www.cmu.edu\","
            + "\"rrtype\":\"CNAME\",\"ttl\":86400,\"rdata\":\"WWW-CMU.ANDREW.cmu.edu\"},"
            + "{\"rrname\":\"www.cmu.edu\",\"rrtype\":\"RRSIG\",\"ttl\":86400},"
            + "{\"rrname\":\"WWW-CMU.ANDREW.cmu.edu\",\"rrtype\":\"CNAME\",\"ttl\":5,"
            + "\"rdata\":\"WWW-CMU-2.ANDREW.cmu.edu\"},{\"rrname\":\"WWW-CMU-2.ANDREW.cmu.edu\","
            + "\"rrtype\":\"A\",\"ttl\":21600,\"rdata\":\"128.2.10.163\"}],"
            + "\"grouped\":{\"CNAME\":[\"WWW-CMU.ANDREW.cmu.edu\",\"WWW-CMU-2.ANDREW.cmu.edu\"],"
            + "\"A\":[\"128.2.10.163\"]},\"authorities\":[{\"rrname\":\"ANDREW.cmu.edu\","
            + "\"rrtype\":\"NS\",\"ttl\":86400,\"rdata\":\"NSAUTH1.NET.cmu.edu\"",
        got.get(1).substring(0, got.get(1).indexOf("NSAUTH1.NET.cmu.edu\"") + 20));
  }

  @Test
  void tlsRecordWithCertificateAndFingerprints() throws IOException {
    List<String> got = bodies("tls/chrome-34-google.pcap", "tls");
    assertEquals(
        List.of(
            "{\"subject\":\"C=US, ST=California, L=Mountain View, O=Google Inc, CN=*.google.de\","
                + "\"issuerdn\":\"C=US, O=Google Inc, CN=Google Internet Authority G2\","
                + "\"serial\":\"5F:16:E9:1E:8E:86:3F:49\","
                + "\"fingerprint\":\"cb:69:d0:4e:c2:ee:06:38:e9:3c:6e:cc:56:b7:dc:c1:f8:43:c2:47\","
                + "\"sni\":\"google.de\",\"version\":\"TLS 1.2\","
                + "\"notbefore\":\"2014-04-09T12:07:45\",\"notafter\":\"2014-07-08T00:00:00\","
                + "\"ja3\":{\"hash\":\"a607f3a5c94c2ee592af1456f36c8367\",\"string\":\"771,49195-49199-"
                + "158-52244-52243-49162-49161-49171-49172-49159-49169-51-50-57-156-47-53-10-5-4,"
                + "0-65281-10-11-35-13172-16-30032-5-13-18,23-24-25,0\"},"
                + "\"ja3s\":{\"hash\":\"9f5e2e0d84076af5475bbe44debdb03e\","
                + "\"string\":\"771,49199,0-65281-11-35-30032-16\"}}"),
        got);
  }

  @Test
  void tlsRecordOfATls13DraftWithoutCertificate() throws IOException {
    List<String> got = bodies("tls/tls13draft23-chrome67.0.3368.0-canary.pcap", "tls");
    assertEquals(
        List.of(
            "{\"sni\":\"tls13.crypto.mozilla.org\",\"version\":\"TLS 1.3 draft-23\","
                + "\"ja3\":{\"hash\":\"6cb345f0f89fe97b1dfad775b52d5cf2\",\"string\":\"771,4865-4866-"
                + "4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53-10,65281-0-23-35-"
                + "13-5-18-16-30032-11-51-45-43-10-24-21,29-23-24,0\"},"
                + "\"ja3s\":{\"hash\":\"eb1d94daa7e0344597e756a1fb6e7054\",\"string\":\"771,4865,51-43\"}}"),
        got);
  }
}
