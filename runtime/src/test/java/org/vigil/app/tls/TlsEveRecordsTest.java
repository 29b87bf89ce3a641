package org.vigil.app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;

/**
 * The EVE tls records of corpus captures whose handshake never shows a server certificate, or shows
 * it late, or inside another protocol: each expected body is the "tls" object Suricata 7.0.10 wrote
 * for the same capture with the stock suricata.yaml (extended tls logging, ja3 enabled).
 */
class TlsEveRecordsTest {
  @TempDir Path dir;

  private static final String NO_RULE =
      "alert tcp any any -> any any (msg:\"never\"; content:\"zzqqzzqq\"; sid:1;)\n";

  /** The "tls" objects of the run's tls records, in order. */
  private List<String> bodies(String capture) throws IOException {
    Path logs = ZeekRun.run(dir, capture, NO_RULE);
    String key = "\"tls\":";
    return Files.readAllLines(logs.resolve("eve.json")).stream()
        .filter(l -> l.contains("\"event_type\":\"tls\""))
        .map(l -> l.substring(l.indexOf(key) + key.length()))
        .map(b -> b.substring(0, b.indexOf(",\"pcap_filename\"")))
        .toList();
  }

  /**
   * Client hellos answered by an alert, then FIN: logged at the close (a session ticket offered).
   */
  @Test
  void clientHelloOnlySessionsClosedByFin() throws IOException {
    assertEquals(
        List.of(
            "{\"sni\":\"tls13.crypto.mozilla.org\",\"version\":\"TLSv1\",\"ja3\":{\"hash"
                + "\":\"3454bbc3704cd1c8271f43d8c762d08b\",\"string\":\"771,49195-49199-4"
                + "9196-49200-52393-52392-52244-52243-49161-49171-49162-49172-156-1"
                + "57-47-53-10,65281-0-23-35-13-5-18-16-30032-11-40-43-10-24-21,29-"
                + "23-24,0\"}}",
            "{\"sni\":\"tls13.crypto.mozilla.org\",\"version\":\"TLSv1\",\"ja3\":{\"hash"
                + "\":\"415a79ed86295a71501896656c5542f9\",\"string\":\"771,49195-49199-1"
                + "58-49196-49200-52393-52392-52244-52243-49161-49171-51-49162-4917"
                + "2-57-156-157-47-53-10,65281-0-23-35-13-5-18-16-30032-11-40-43-10"
                + "-24-21,29-23-24,0\"}}"),
        bodies("tls/tls13draft16-chrome55.0.2879.0-canary-aborted.pcap"));
  }

  /** A client hello to an HTTP server: its answer reads as an SSLv2 record. */
  @Test
  void helloToAnHttpServer() throws IOException {
    assertEquals(
        List.of(
            "{\"sni\":\"vk.com\",\"version\":\"SSLv2\",\"ja3\":{\"hash\":\"823b0b2334cc80f"
                + "23d595d19661af2df\",\"string\":\"769,47-53-10-49171-49172-49161-4916"
                + "2-50-56-19,65281-0-5-10-11-35,23-24,0\"}}"),
        bodies("tls/ssl-to-http-server.pcap"));
  }

  /** A client hello answered by a handshake-failure alert. */
  @Test
  void handshakeFailureAlert() throws IOException {
    assertEquals(
        List.of(
            "{\"version\":\"TLS 1.2\",\"ja3\":{\"hash\":\"62bd27c43a9a4d7fcbc45d8c9e7e"
                + "04dd\",\"string\":\"771,49168-49158-49173-49163-49153-59-2-1-255,11-"
                + "10-35-13-15,14-13-25-11-12-24-9-10-22-23-8-6-7-20-21-4-5-18-19-1"
                + "-2-3-15-16-17,0-1-2\"}}"),
        bodies("tls/tls-1.2-handshake-failure.pcap"));
  }

  /** A client hello answered by a record Suricata refuses: logged at the close, version unknown. */
  @Test
  void serverDataThatIsNotTls() throws IOException {
    assertEquals(
        List.of(
            "{\"version\":\"UNDETERMINED\",\"ja3\":{\"hash\":\"62bd27c43a9a4d7fcbc45d8"
                + "c9e7e04dd\",\"string\":\"771,49168-49158-49173-49163-49153-59-2-1-25"
                + "5,11-10-35-13-15,14-13-25-11-12-24-9-10-22-23-8-6-7-20-21-4-5-18"
                + "-19-1-2-3-15-16-17,0-1-2\"}}"),
        bodies("tls/tls-1.2-protocol-error.pcap"));
  }

  /** A certificate message of 350 kB over 22 records. */
  @Test
  void certificateMessageOverManyRecords() throws IOException {
    assertEquals(
        List.of(
            "{\"subject\":\"CN=Bro\",\"issuerdn\":\"CN=Bro\",\"serial\":\"00:C8:BC:D2:FE"
                + ":44:49:B8:B3\",\"fingerprint\":\"fa:91:e3:f3:39:8a:e9:66:dd:0b:64:d5"
                + ":e7:c1:6f:34:ad:a9:c9:d6\",\"sni\":\"104.236.167.107\",\"version\":\"TLS"
                + " 1.2\",\"notbefore\":\"2015-03-11T23:27:53\",\"notafter\":\"2016-03-10T2"
                + "3:27:53\",\"ja3\":{\"hash\":\"799135475da362592a4be9199d258726\",\"strin"
                + "g\":\"771,255-49188-49187-49162-49161-49160-49192-49191-49172-4917"
                + "1-49170-49190-49189-49157-49156-49155-49194-49193-49167-49166-49"
                + "165-107-103-57-51-22-61-60-53-47-10-49159-49169-49154-49164-5-4,"
                + "0-10-11-13-13172,23-24-25,0\"},\"ja3s\":{\"hash\":\"9099266b09da09a1d9"
                + "e1839ae9ad5682\",\"string\":\"771,49192,65281-11\"}}"),
        bodies("tls/tls-fragmented-handshake.pcap"));
  }

  /** TLS inside an HTTP CONNECT tunnel: a resumed session, from_proto http. */
  @Test
  void tlsThroughAnHttpConnectTunnel() throws IOException {
    assertEquals(
        List.of(
            "{\"session_resumed\":true,\"sni\":\"secure.newegg.com\",\"version\":\"TLS"
                + " 1.2\",\"ja3\":{\"hash\":\"07b4162d4db57554961824a21c4a0fde\",\"string\":"
                + "\"771,49195-49199-49162-49161-49171-49172-51-57-47-53-10,0-65281-"
                + "10-11-35-13172-16-5-13,23-24-25,0\"},\"ja3s\":{\"hash\":\"66a6571ef756"
                + "b3c9e82b3fd802bbcac2\",\"string\":\"771,10,65281\"},\"from_proto\":\"htt"
                + "p\"}"),
        bodies("http/connect-with-header.pcap"));
  }

  /** A client certificate after a certificate request: the client object. */
  @Test
  void clientCertificate() throws IOException {
    assertEquals(
        List.of(
            "{\"subject\":\"CN=certauth.idrix.fr\",\"issuerdn\":\"C=US, O=Let's Encr"
                + "ypt, CN=R3\",\"serial\":\"04:5A:90:5E:1E:A8:69:42:AC:38:57:B4:81:D6:"
                + "DE:9A:85:CB\",\"fingerprint\":\"ae:ae:9d:28:72:4c:f5:2c:b8:12:1c:7a:"
                + "ad:a7:ec:12:78:4a:2a:64\",\"sni\":\"certauth.idrix.fr\",\"version\":\"TL"
                + "S 1.2\",\"notbefore\":\"2023-01-04T16:14:07\",\"notafter\":\"2023-04-04T"
                + "16:14:06\",\"ja3\":{\"hash\":\"579ccef312d18482fc42e2b822ca2430\",\"stri"
                + "ng\":\"771,4865-4867-4866-49195-49199-52393-52392-49196-49200-4916"
                + "2-49161-49171-49172-156-157-47-53,0-23-65281-10-11-35-16-5-34-51"
                + "-43-13-45-28-21,29-23-24-25-256-257,0\"},\"ja3s\":{\"hash\":\"d154fcfa"
                + "5bb4f0748e1dd1992c681104\",\"string\":\"771,49200,65281-0-11-35-16-2"
                + "3\"},\"client\":{\"subject\":\"CN=johanna@corelight.com\",\"issuerdn\":\"C"
                + "=IT, ST=Bergamo, L=Ponte San Pietro, O=Actalis S.p.A., CN=Actali"
                + "s Client Authentication CA G3\",\"fingerprint\":\"bf:36:12:70:e0:c6:"
                + "7d:d9:df:c2:15:6c:5d:cb:d4:43:8e:9d:99:6a\",\"serial\":\"07:5D:A2:11"
                + ":71:A4:12:41:76:6C:C0:1C:A5:98:52:B1\",\"notbefore\":\"2023-02-28T15"
                + ":59:27\",\"notafter\":\"2024-02-28T15:59:27\"}}"),
        bodies("tls/client-certificate.pcap"));
  }

  /** FTP upgraded by AUTH TLS: from_proto ftp. */
  @Test
  void ftpAuthTls() throws IOException {
    assertEquals(
        List.of(
            "{\"sni\":\"127.0.0.1\",\"version\":\"TLS 1.3\",\"ja3\":{\"hash\":\"11d974c911"
                + "4303ebbaac1703a515be37\",\"string\":\"771,4866-4867-4865-4868-49196-"
                + "52393-49325-49162-49195-49324-49161-49200-52392-49172-49199-4917"
                + "1-157-49309-53-156-49308-47-159-52394-49311-57-158-49310-51,35-1"
                + "1-0-13-23-10-43-5-28-45-51-22-65281,23-24-25-29-30-256-257-258-2"
                + "59-260,0\"},\"ja3s\":{\"hash\":\"15af977ce25de452b96affa2addb1036\",\"st"
                + "ring\":\"771,4866,43-51\"},\"from_proto\":\"ftp\"}"),
        bodies("ftp/ftp-auth-tls.pcap"));
  }

  /** A resumed session whose certificate does not parse: session_resumed. */
  @Test
  void resumedSessionWithoutCertificate() throws IOException {
    assertEquals(
        List.of(
            "{\"session_resumed\":true,\"version\":\"TLS 1.2\",\"ja3\":{\"hash\":\"bd9c9"
                + "9b3a0f752c3ab8b052a79e9de3e\",\"string\":\"771,49200-49196-49192-491"
                + "88-49172-49162-49186-49185-163-159-107-106-57-56-136-135-49202-4"
                + "9198-49194-49190-49167-49157-157-61-53-132-49170-49160-49180-491"
                + "79-22-19-49165-49155-10-49199-49195-49191-49187-49171-49161-4918"
                + "3-49182-162-158-103-64-51-50-154-153-69-68-49201-49197-49193-491"
                + "89-49166-49156-156-60-47-150-65-7-49169-49159-49164-49154-5-4-21"
                + "-18-9-20-17-8-6-3-255,11-10-35-13-15,14-13-25-11-12-24-9-10-22-2"
                + "3-8-6-7-20-21-4-5-18-19-1-2-3-15-16-17,0-1-2\"},\"ja3s\":{\"hash\":\"c"
                + "253ec3ad88e42f8da4032682892f9a0\",\"string\":\"771,4,65281\"}}"),
        bodies("tls/tls1.2-protocol-violation.pcap"));
  }

  /**
   * The server's hello and certificate are never acknowledged: they are parsed only when the flow
   * ends, where a rule on the certificate still alerts but, as Suricata, no tls record is written.
   */
  @Test
  void certificateOnlyInTheEndFlushAlertsButIsNotLogged() throws IOException {
    Path logs =
        ZeekRun.run(
            dir,
            "tls/ml-dsa-44-cert.pcap",
            "alert tls any any -> any any (msg:\"cert\"; tls.cert_subject;"
                + " content:\"ml-dsa.example.com\"; sid:7;)\n");
    List<String> eve = Files.readAllLines(logs.resolve("eve.json"));
    assertEquals(0, eve.stream().filter(l -> l.contains("\"event_type\":\"tls\"")).count());
    assertEquals(
        1,
        eve.stream()
            .filter(l -> l.contains("\"event_type\":\"alert\"") && l.contains("\"signature_id\":7"))
            .count());
  }
}
