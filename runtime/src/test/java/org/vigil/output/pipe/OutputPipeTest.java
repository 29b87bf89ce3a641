package org.vigil.output.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.OutputConfigException;

class OutputPipeTest {
  @TempDir Path dir;

  static final List<String> USER_AGENTS =
      List.of(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
          "curl/7.68.0",
          "Wget/1.21.2",
          "python-requests/2.31.0",
          "Ünïcödé-Agent/1.0",
          "line\nbreak");

  @Test
  void childProcessReceivesOneRecordPerLine() throws Exception {
    Path file = dir.resolve("ua.txt");
    OutputPipe pipe =
        OutputPipe.start(PipeConfig.shell("http.user_agent", "cat > ua.txt", 64), dir.toFile());
    for (String ua : USER_AGENTS) {
      assertTrue(pipe.offer(ua));
    }
    pipe.close();
    assertEquals(
        List.of(
            USER_AGENTS.get(0),
            "curl/7.68.0",
            "Wget/1.21.2",
            "python-requests/2.31.0",
            "Ünïcödé-Agent/1.0",
            "line\\nbreak"),
        Files.readAllLines(file));
    assertEquals(6, pipe.written());
    assertEquals(0, pipe.dropped());
  }

  @Test
  void slowConsumerNeverStallsTheProducerAndDropsAreCounted() throws Exception {
    // the consumer reads nothing for 5 s: the OS pipe fills, then the 16-record buffer
    OutputPipe pipe =
        OutputPipe.start(PipeConfig.shell("http.hostname", "sleep 5", 16), dir.toFile());
    String big = "h".repeat(4096) + ".example.com";
    long start = System.nanoTime();
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      if (pipe.offer(big)) {
        accepted++;
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        millis < 4_000, "offers took " + millis + " ms: the producer waited for the consumer");
    assertEquals(200_000, pipe.offered());
    assertEquals(200_000 - accepted, pipe.dropped());
    assertTrue(pipe.dropped() > 190_000, "dropped only " + pipe.dropped());
    pipe.close(200);
  }

  @Test
  void deadConsumerIsReportedAndLaterRecordsAreDropped() throws Exception {
    OutputPipe pipe = OutputPipe.start(PipeConfig.shell("http.url", "exit 0", 1024), dir.toFile());
    String rec = "/".repeat(1000);
    long deadline = System.currentTimeMillis() + 10_000;
    while (pipe.failure() == null && System.currentTimeMillis() < deadline) {
      pipe.offer(rec);
      Thread.sleep(1);
    }
    assertNotNull(pipe.failure(), "writing to an exited program must fail");
    assertTrue(pipe.failure().contains("http.url"), pipe.failure());
    long before = pipe.dropped();
    assertEquals(false, pipe.offer(rec));
    assertEquals(before + 1, pipe.dropped());
    pipe.close(200);
  }

  @Test
  void namedPipeReceivesRecords() throws Exception {
    Path fifo = dir.resolve("hosts.fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    Path out = dir.resolve("hosts.txt");
    Process reader = new ProcessBuilder("sh", "-c", "cat " + fifo + " > " + out).start();
    OutputPipe pipe =
        OutputPipe.start(new PipeConfig("http.hostname", null, fifo, 8), dir.toFile());
    List<String> hosts = new ArrayList<>(List.of("a.example", "b.example", "c.example"));
    for (String h : hosts) {
      assertTrue(pipe.offer(h));
    }
    pipe.close();
    assertEquals(0, reader.waitFor());
    assertEquals(hosts, Files.readAllLines(out));
  }

  @Test
  void configEntryIsReadAndBadOnesNameTheKey() {
    PipeConfig c =
        PipeConfig.fromMap(
            Map.of("field", "http.user_agent", "command", "sort -u > ua.txt", "buffer", 100),
            "outputs.pipes[0]",
            dir);
    assertEquals(List.of("/bin/sh", "-c", "sort -u > ua.txt"), c.command());
    assertEquals(100, c.capacity());
    OutputConfigException both =
        assertThrows(
            OutputConfigException.class,
            () ->
                PipeConfig.fromMap(
                    Map.of("field", "x", "command", "cat", "fifo", "f"), "outputs.pipes[1]", dir));
    assertEquals("outputs.pipes[1]", both.key());
    OutputConfigException noField =
        assertThrows(
            OutputConfigException.class,
            () -> PipeConfig.fromMap(Map.of("command", "cat"), "outputs.pipes[2]", dir));
    assertEquals("outputs.pipes[2].field", noField.key());
  }
}
