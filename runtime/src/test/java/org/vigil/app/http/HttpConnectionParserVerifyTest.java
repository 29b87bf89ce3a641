package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * The suricata-verify captures whose rules read HTTP buffers other than file_data: the buffer each
 * rule names must hold the rule's content in as many transactions as Suricata alerted.
 */
class HttpConnectionParserVerifyTest {

  private static List<HttpTransaction> transactions(String test) throws Exception {
    Path dir =
        Path.of(System.getProperty("vigil.corpus", "../../shared/corpus"))
            .resolve("verify")
            .resolve(test);
    Path pcap = dir.resolve("input.pcap");
    if (!Files.exists(pcap) && Files.isDirectory(dir)) {
      try (var s = Files.list(dir)) {
        pcap = s.filter(p -> p.toString().endsWith(".pcap")).findFirst().orElse(pcap);
      }
    }
    Assumptions.assumeTrue(Files.exists(pcap), "corpus not found at " + pcap);
    List<HttpTransaction> txs = new ArrayList<>();
    for (PcapConversations.Conn c : PcapConversations.read(pcap)) {
      Recorder r = new Recorder();
      HttpConnectionParser p =
          new HttpConnectionParser(HttpConfig.defaults(), ServerPersonality.IDS, r);
      byte[] cs = c.stream(true);
      byte[] ss = c.stream(false);
      p.onData(true, cs, 0, cs.length);
      p.onData(false, ss, 0, ss.length);
      p.onClose(true);
      p.onClose(false);
      java.util.LinkedHashSet<HttpTransaction> all = new java.util.LinkedHashSet<>(r.requests);
      all.addAll(r.responses);
      txs.addAll(all);
    }
    return txs;
  }

  private static long count(
      List<HttpTransaction> txs,
      Function<HttpTransaction, byte[]> buffer,
      String content,
      boolean nocase) {
    return txs.stream()
        .filter(
            tx -> {
              byte[] b = buffer.apply(tx);
              if (b == null) {
                return false;
              }
              String s = new String(b, StandardCharsets.ISO_8859_1);
              return nocase
                  ? s.toLowerCase(Locale.ROOT).contains(content.toLowerCase(Locale.ROOT))
                  : s.contains(content);
            })
        .count();
  }

  @Test
  void httpAsyncTwoResponsesOnOneConnection() throws Exception {
    List<HttpTransaction> txs = transactions("http-async");
    assertEquals(1, count(txs, HttpTransaction::fileData, "World", false));
    assertEquals(1, count(txs, HttpTransaction::fileData, "People", false));
  }

  @Test
  void httpCloseHeadersResponseHeaderBuffer() throws Exception {
    assertEquals(
        1,
        count(
            transactions("http-close-headers"),
            HttpTransaction::responseHeaderBuffer,
            "ng1nx",
            true));
  }

  @Test
  void httpRawHeaderKeepsTheSpacesAsSent() throws Exception {
    List<HttpTransaction> txs = transactions("http-raw-header");
    assertEquals(1, count(txs, HttpTransaction::responseRawHeader, "Server:       Yx(", false));
    assertEquals(0, count(txs, HttpTransaction::responseHeaderBuffer, "Server:       Yx(", false));
  }

  @Test
  void tcpFastOpenRequestInTheSyn() throws Exception {
    List<HttpTransaction> txs = transactions("tcp-fastopen-01");
    assertEquals(1, count(txs, HttpTransaction::uri, "/etc/passwd", false));
    assertEquals(1, count(txs, HttpTransaction::rawUri, "/etc/passwd", false));
  }
}
