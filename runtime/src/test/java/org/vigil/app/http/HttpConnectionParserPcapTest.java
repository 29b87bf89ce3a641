package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.app.http.normalize.ServerPersonality;

/**
 * Feeds the HTTP payloads of Zeek's HTTP captures through the parser and checks the request URIs
 * and status codes against what tshark dissects from the same files.
 */
class HttpConnectionParserPcapTest {

  static Path corpus() {
    String c = System.getProperty("vigil.corpus", "../../shared/corpus");
    return Path.of(c).resolve("pcaps/zeek/http");
  }

  /** URIs and status codes (as strings) of every transaction in a capture. */
  record Seen(List<String> uris, List<String> codes, List<HttpTransaction> txs) {}

  static Seen parse(Path pcap) throws IOException {
    List<String> uris = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    List<HttpTransaction> txs = new ArrayList<>();
    for (PcapConversations.Conn c : PcapConversations.read(pcap)) {
      Recorder r = new Recorder();
      HttpConnectionParser p =
          new HttpConnectionParser(HttpConfig.defaults(), ServerPersonality.IDS, r);
      byte[] cs = c.stream(true);
      byte[] ss = c.stream(false);
      // feed in 1400-byte pieces, client first (the simple reader has no timing)
      for (int i = 0; i < cs.length; i += 1400) {
        p.onData(true, cs, i, Math.min(1400, cs.length - i));
      }
      for (int i = 0; i < ss.length; i += 1400) {
        p.onData(false, ss, i, Math.min(1400, ss.length - i));
      }
      p.onClose(true);
      p.onClose(false);
      assertEquals(0, p.eventCount(HttpEvent.PARSER_FAILURE), pcap.toString());
      java.util.LinkedHashSet<HttpTransaction> all = new java.util.LinkedHashSet<>(r.requests);
      all.addAll(r.responses);
      for (HttpTransaction tx : all) {
        txs.add(tx);
        if (tx.rawUri() != null) {
          uris.add(Recorder.str(tx.rawUri()));
        }
        if (tx.statCode() != null) {
          codes.add(Recorder.str(tx.statCode()));
        }
      }
    }
    return new Seen(uris, codes, txs);
  }

  static List<String[]> tshark(Path pcap) throws Exception {
    Process pr;
    try {
      pr =
          new ProcessBuilder(
                  "tshark",
                  "-r",
                  pcap.toString(),
                  "-Y",
                  "http",
                  "-T",
                  "fields",
                  "-e",
                  "http.request.uri",
                  "-e",
                  "http.response.code")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      Assumptions.abort("tshark not installed: " + e.getMessage());
      return List.of();
    }
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
    List<String[]> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get.pcap",
        "pipelined-requests.pcap",
        "100-continue.pcap",
        "get-gzip.pcap",
        "x-gzip.pcap",
        "post.pcap",
        "byteranges.pcap",
        "missing-zlib-header.pcap",
        "multipart.pcap",
        "no_crlf.pcap",
        "http-body-match.pcap",
        "percent-end-of-line.pcap",
        "connect-with-header.pcap",
        "206_example_a.pcap",
        "basic-auth-with-colon.pcap",
        "fake-content-length.pcap"
      })
  void urisAndStatusCodesMatchTshark(String name) throws Exception {
    Path pcap = corpus().resolve(name);
    Assumptions.assumeTrue(Files.exists(pcap), "corpus not found at " + pcap);
    List<String[]> rows = tshark(pcap);
    List<String> wantUris = new ArrayList<>();
    List<String> wantCodes = new ArrayList<>();
    for (String[] row : rows) {
      if (row.length > 0 && !row[0].isEmpty()) {
        wantUris.add(row[0]);
      }
      if (row.length > 1 && !row[1].isEmpty() && !row[1].startsWith("1")) {
        wantCodes.add(row[1]);
      }
    }
    Seen seen = parse(pcap);
    assertEquals(sorted(wantUris), sorted(seen.uris()), name + " request URIs");
    assertEquals(sorted(wantCodes), sorted(seen.codes()), name + " status codes");
  }

  /** tshark dissects only the methods it knows; every request it sees must be ours too. */
  @Test
  void unusualMethodsAreParsedAsRequests() throws Exception {
    Path pcap = corpus().resolve("methods.pcap");
    Assumptions.assumeTrue(Files.exists(pcap), "corpus not found at " + pcap);
    List<String> want = new ArrayList<>();
    List<String> wantCodes = new ArrayList<>();
    for (String[] row : tshark(pcap)) {
      if (!row[0].isEmpty()) {
        want.add(row[0]);
      }
      if (row.length > 1 && !row[1].isEmpty()) {
        wantCodes.add(row[1]);
      }
    }
    Seen seen = parse(pcap);
    List<String> rest = new ArrayList<>(seen.uris());
    for (String u : want) {
      assertTrue(rest.remove(u), "tshark saw request URI " + u + " that Vigil did not");
    }
    assertEquals(sorted(wantCodes), sorted(seen.codes()), "status codes");
    assertTrue(seen.uris().size() > want.size(), "Vigil also parses methods tshark does not know");
  }

  private static List<String> sorted(List<String> l) {
    List<String> r = new ArrayList<>(l);
    r.sort(null);
    return r;
  }

  @Test
  void gzipResponseOfACaptureIsDecodedForFileData() throws Exception {
    Path pcap = corpus().resolve("get-gzip.pcap");
    Assumptions.assumeTrue(Files.exists(pcap), "corpus not found at " + pcap);
    Seen seen = parse(pcap);
    HttpTransaction tx = seen.txs().get(0);
    byte[] body = tx.fileData();
    assertTrue(body != null && body.length > 0);
    assertFalse(body[0] == 0x1f && body[1] == (byte) 0x8b, "still gzip");
    assertTrue(
        tx.events().isEmpty() || !tx.events().contains(HttpEvent.GZIP_DECOMPRESSION_FAILED),
        tx.events().toString());
    assertTrue(tx.length() > 0);
  }
}
