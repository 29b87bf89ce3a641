package org.vigil.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket's protocol as a client sees it: Suricata's {@code suricatasc} negotiates the version
 * and runs version, uptime, running-mode, capture-mode, iface-list, iface-stat and shutdown; a raw
 * client gets one answer line per message, NOK for an unknown command, and is turned away after an
 * incompatible version; a socket file nobody answers on is replaced, one an engine answers on is
 * not.
 */
class ControlSocketTest {
  @TempDir Path dir;

  private final List<String> notices = new ArrayList<>();

  private ControlSocket open(Path path, CountDownLatch shutdown) throws IOException {
    EngineView view =
        new EngineView("1.2.3", "AF_PACKET_DEV", "workers", List.of("eth7"), shutdown::countDown);
    return ControlSocket.open(path, List.of(new EngineCommands(view)), notices::add);
  }

  private static String suricatasc(Path socket, String command) throws Exception {
    Process p =
        new ProcessBuilder("suricatasc", "-c", command, socket.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "suricatasc hung");
    return p.exitValue()
        + " "
        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void suricatascRunsTheEngineCommands() throws Exception {
    assumeTrue(
        new ProcessBuilder("sh", "-c", "command -v suricatasc").start().waitFor() == 0,
        "suricatasc not found (Debian's suricata package): skipped");
    Path path = dir.resolve("s.socket");
    CountDownLatch shutdown = new CountDownLatch(1);
    try (ControlSocket s = open(path, shutdown)) {
      assertEquals("0 {\"return\": \"OK\", \"message\": \"1.2.3\"}\n", suricatasc(path, "version"));
      assertEquals(
          "0 {\"return\": \"OK\", \"message\": \"workers\"}\n", suricatasc(path, "running-mode"));
      assertEquals(
          "0 {\"return\": \"OK\", \"message\": \"AF_PACKET_DEV\"}\n",
          suricatasc(path, "capture-mode"));
      assertTrue(
          suricatasc(path, "uptime").matches("0 \\{\"return\": \"OK\", \"message\": \\d+}\n"));
      assertEquals(
          "0 {\"return\": \"OK\", \"message\": {\"count\": 1, \"ifaces\": [\"eth7\"]}}\n",
          suricatasc(path, "iface-list"));
      assertTrue(suricatasc(path, "iface-stat eth7").contains("\"pkts\": 0"));
      assertTrue(suricatasc(path, "iface-stat eth9").startsWith("1 "), "unknown interface: NOK");
      assertTrue(suricatasc(path, "shutdown").startsWith("0 {\"return\": \"OK\""));
      assertTrue(shutdown.await(5, TimeUnit.SECONDS), "shutdown stops the engine");
    }
    assertTrue(!Files.exists(path), "the socket file is removed on close");
  }

  @Test
  void aRawClientGetsOneLinePerMessage() throws Exception {
    Path path = dir.resolve("raw.socket");
    try (ControlSocket s = open(path, new CountDownLatch(1));
        SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      // two messages in one write, the first without a newline, as suricatasc sends its version
      send(c, "{\"version\": \"0.2\"}{\"command\": \"version\"}");
      assertEquals("{\"return\":\"OK\"}\n{\"return\":\"OK\",\"message\":\"1.2.3\"}\n", read(c, 2));
      send(c, "{\"command\": \"no-such-command\"}\n");
      assertEquals(
          "{\"return\":\"NOK\",\"message\":\"Unknown command: no-such-command\"}\n", read(c, 1));
      send(c, "{\"command\": \"command-list\"}");
      assertTrue(read(c, 1).contains("\"dump-counters\",\"command-list\"]"));
    }
    try (ControlSocket s = open(path, new CountDownLatch(1));
        SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      send(c, "{\"version\": \"3.0\"}");
      assertTrue(read(c, 1).startsWith("{\"return\":\"NOK\""));
      assertEquals(-1, c.read(ByteBuffer.allocate(10)), "the server hangs up");
    }
  }

  @Test
  void aStaleSocketFileIsReplacedButALiveOneIsNot() throws Exception {
    Path path = dir.resolve("stale.socket");
    Files.writeString(path, "");
    try (ControlSocket s = open(path, new CountDownLatch(1))) {
      IOException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IOException.class, () -> open(path, new CountDownLatch(1)));
      assertTrue(e.getMessage().contains("another engine listens on it"), e.getMessage());
    }
  }

  private static void send(SocketChannel c, String text) throws IOException {
    c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Reads until {@code lines} newlines came. */
  private static String read(SocketChannel c, int lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    ByteBuffer b = ByteBuffer.allocate(4096);
    while (sb.chars().filter(ch -> ch == '\n').count() < lines) {
      b.clear();
      if (c.read(b) < 0) {
        break;
      }
      b.flip();
      sb.append(StandardCharsets.UTF_8.decode(b));
    }
    return sb.toString();
  }
}
