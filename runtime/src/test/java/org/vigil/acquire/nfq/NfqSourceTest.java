package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End to end through real NFQUEUEs: client, router and server namespaces, the source bound in the
 * router by a child JVM ({@link NfqTestListener}) with a payload-pattern predicate standing in for
 * compiled rules. Each test has its own namespaces and queue number. Needs root, iproute2,
 * iptables, curl, python3 and libnetfilter_queue; skipped otherwise.
 */
class NfqSourceTest {

  private static final String EVIL = "VIGIL-EVIL-7f3a";
  private static final String URL4 = "http://" + NfqTestbed.SERVER4 + ":8080/";
  private static final String URL6 = "http://[" + NfqTestbed.SERVER6 + "]:8080/";

  @Test
  void cleanRequestsPassAndARequestCarryingThePatternIsDropped() throws Exception {
    int queue = 2311;
    try (NfqTestbed bed = new NfqTestbed("vq1", queue, false)) {
      bed.startHttpServer();
      NfqTestbed.Listener vigil = bed.startListener(queue, "drop", EVIL);

      NfqTestbed.Result clean4 = bed.curl(URL4, 5);
      assertEquals(0, clean4.code(), clean4.output());
      assertTrue(clean4.output().contains("hello from the server namespace"), clean4.output());
      NfqTestbed.Result clean6 = bed.curl(URL6, 5);
      assertEquals(0, clean6.code(), clean6.output());
      assertTrue(clean6.output().contains("hello from the server namespace"), clean6.output());

      NfqTestbed.Result evil = bed.curl(URL4, 1.5, "-H", "X-Test: " + EVIL);
      assertEquals(28, evil.code(), "curl must time out without a response: " + evil.output());
      assertFalse(evil.output().contains("hello"), evil.output());

      String report = vigil.stop();
      assertTrue(counter(report, "dropped") >= 1, report);
      assertTrue(counter(report, "accepted") >= 10, report);
      assertEquals(0, counter(report, "handlerFailures"), report);
      assertEquals(0, counter(report, "malformed"), report);
    }
  }

  @Test
  void rejectResetsTcpAndAnswersUdpWithPortUnreachableOverIpv4AndIpv6() throws Exception {
    int queue = 2312;
    try (NfqTestbed bed = new NfqTestbed("vq2", queue, false)) {
      bed.startHttpServer();
      NfqTestbed.Listener vigil = bed.startListener(queue, "reject", EVIL);

      assertEquals(0, bed.curl(URL4, 5).code());
      NfqTestbed.Result evil4 = bed.curl(URL4, 5, "-H", "X-Test: " + EVIL);
      assertEquals(
          56, evil4.code(), "curl must see a reset (28 would be a timeout): " + evil4.output());
      assertTrue(evil4.output().toLowerCase().contains("reset"), evil4.output());
      NfqTestbed.Result evil6 = bed.curl(URL6, 5, "-H", "X-Test: " + EVIL);
      assertEquals(56, evil6.code(), "curl over IPv6 must see a reset: " + evil6.output());

      // UDP: an ICMP port unreachable makes the client's connected socket fail with "connection
      // refused"
      NfqTestbed.Result udp =
          NfqTestbed.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  bed.ns('c'),
                  "python3",
                  "-c",
                  String.join(
                      "\n",
                      "import socket",
                      "for fam, host in ((socket.AF_INET, '"
                          + NfqTestbed.SERVER4
                          + "'), (socket.AF_INET6, '"
                          + NfqTestbed.SERVER6
                          + "')):",
                      "    a = socket.socket(fam, socket.SOCK_DGRAM); a.connect((host, 9999)); a.settimeout(2)",
                      "    a.send(b'" + EVIL + "')",
                      "    try:",
                      "        a.recv(100); print('answer')",
                      "    except ConnectionRefusedError:",
                      "        print('refused')",
                      "    except socket.timeout:",
                      "        print('timeout')")),
              15);
      assertEquals("refused\nrefused\n", udp.output(), "ICMP and ICMPv6 port unreachable expected");

      String report = vigil.stop();
      assertTrue(counter(report, "rejected") >= 4, report);
      assertTrue(
          counter(report, "rejectsSent") >= 6,
          report); // TCP: client and server side, twice; UDP: one each
      assertEquals(0, counter(report, "rejectErrors"), report);
    }
  }

  @Test
  void flowDropDropsEveryLaterPacketOfTheFlowOnly() throws Exception {
    int queue = 2313;
    try (NfqTestbed bed = new NfqTestbed("vq3", queue, false)) {
      Process server =
          bed.startIn(
              's',
              List.of(
                  "python3",
                  "-u",
                  "-c",
                  String.join(
                      "\n",
                      "import socket",
                      "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                      "s.bind(('0.0.0.0', 9999))",
                      "print('BOUND', flush=True)",
                      "while True:",
                      "    d, a = s.recvfrom(2048)",
                      "    print(d.decode(), flush=True)")));
      var serverOut = server.inputReader(StandardCharsets.UTF_8);
      assertEquals("BOUND", serverOut.readLine());
      StringBuffer got = new StringBuffer();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  serverOut.lines().forEach(l -> got.append(l).append('\n'));
                } catch (java.io.UncheckedIOException closed) {
                  // the testbed killed the server
                }
              });
      NfqTestbed.Listener vigil = bed.startListener(queue, "dropflow", EVIL);

      NfqTestbed.Result sent =
          NfqTestbed.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  bed.ns('c'),
                  "python3",
                  "-c",
                  String.join(
                      "\n",
                      "import socket, time",
                      "a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.connect(('"
                          + NfqTestbed.SERVER4
                          + "', 9999))",
                      "b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); b.connect(('"
                          + NfqTestbed.SERVER4
                          + "', 9999))",
                      "a.send(b'before-a'); time.sleep(0.1)",
                      "a.send(b'" + EVIL + "'); time.sleep(0.1)",
                      "a.send(b'after-a-1'); b.send(b'other-b'); time.sleep(0.1)",
                      "a.send(b'after-a-2'); time.sleep(0.3)")),
              10);
      assertEquals(0, sent.code(), sent.output());

      String report = vigil.stop();
      awaitUntil(() -> got.toString().contains("other-b"));
      assertEquals(
          "before-a\nother-b\n",
          got.toString(),
          "the server must see the flow up to the drop, and the other flow");
      assertEquals(2, counter(report, "flowDroppedPackets"), report);
      assertEquals(1, counter(report, "flowsDropped"), report);
    }
  }

  @Test
  void aFailingHandlerGetsTheFailVerdictAndBindErrorsAreClear() throws Exception {
    int queue = 2314;
    try (NfqTestbed bed = new NfqTestbed("vq4", queue, false)) {
      bed.startHttpServer();
      NfqTestbed.Listener vigil = bed.startListener(queue, "throw", EVIL);
      NfqTestbed.Result r = bed.curl(URL4, 5);
      assertEquals(0, r.code(), r.output());

      String busy = bed.listenerError(queue, List.of());
      assertTrue(busy.contains("NFQUEUE " + queue + " is already bound by another process"), busy);
      String denied =
          bed.listenerError(queue + 100, List.of("setpriv", "--bounding-set", "-net_admin"));
      assertTrue(denied.contains("needs root or CAP_NET_ADMIN"), denied);

      String report = vigil.stop();
      assertTrue(counter(report, "handlerFailures") >= 5, report);
      assertEquals(counter(report, "received"), counter(report, "accepted"), report);
    }
  }

  @Test
  void withQueueBypassTrafficFlowsAfterVigilIsKilled() throws Exception {
    int queue = 2315;
    try (NfqTestbed bed = new NfqTestbed("vq5", queue, true)) {
      bed.startHttpServer();
      NfqTestbed.Listener vigil = bed.startListener(queue, "drop", EVIL);
      assertEquals(0, bed.curl(URL4, 5).code());
      assertEquals(28, bed.curl(URL4, 1.5, "-H", "X-Test: " + EVIL).code(), "Vigil must be inline");

      vigil.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      NfqTestbed.Result after = bed.curl(URL4, 5, "-H", "X-Test: " + EVIL);
      assertEquals(
          0,
          after.code(),
          "with --queue-bypass traffic must flow without Vigil: " + after.output());
      assertTrue(after.output().contains("hello"), after.output());

      bed.rule(queue, false); // control: without bypass, no listener means no traffic
      assertEquals(28, bed.curl(URL4, 1).code(), "without --queue-bypass nothing must pass");
    }
  }

  @Test
  void kernelFailOpenAcceptsWhatOverflowsTheQueue() throws Exception {
    int queue = 2316;
    try (NfqTestbed bed = new NfqTestbed("vq6", queue, false)) {
      Process server =
          bed.startIn(
              's',
              List.of(
                  "python3",
                  "-u",
                  "-c",
                  String.join(
                      "\n",
                      "import socket",
                      "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                      "s.bind(('0.0.0.0', 9999))",
                      "print('BOUND', flush=True)",
                      "while True:",
                      "    d, a = s.recvfrom(2048)",
                      "    print(d.decode(), flush=True)")));
      var serverOut = server.inputReader(StandardCharsets.UTF_8);
      assertEquals("BOUND", serverOut.readLine());
      java.util.concurrent.atomic.AtomicInteger got =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  serverOut.lines().forEach(l -> got.incrementAndGet());
                } catch (java.io.UncheckedIOException closed) {
                  // the testbed killed the server
                }
              });
      // a handler taking 20 ms per packet behind a 4-packet queue: a burst of 50 overflows it
      NfqTestbed.Listener vigil =
          bed.startListener(queue, "slow", EVIL, true, "failopen", "maxlen=4");
      NfqTestbed.Result sent =
          NfqTestbed.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  bed.ns('c'),
                  "python3",
                  "-c",
                  String.join(
                      "\n",
                      "import socket, time",
                      "a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.connect(('"
                          + NfqTestbed.SERVER4
                          + "', 9999))",
                      "for i in range(50): a.send(b'datagram %d' % i)",
                      "time.sleep(0.5)")),
              10);
      assertEquals(0, sent.code(), sent.output());
      String report = vigil.stop();
      awaitUntil(() -> got.get() >= 50);
      assertEquals(50, got.get(), "with fail-open every datagram must reach the server: " + report);
      assertTrue(
          counter(report, "received") < 50,
          "some datagrams must have bypassed the full queue: " + report);
    }
  }

  @Test
  void aReceiveBufferOverrunIsCountedAndTheLoopCarriesOn() throws Exception {
    int queue = 2317;
    try (NfqTestbed bed = new NfqTestbed("vq7", queue, false)) {
      bed.startHttpServer();
      // a slow handler behind a tiny socket buffer: a burst overruns the socket (ENOBUFS)
      NfqTestbed.Listener vigil =
          bed.startListener(queue, "slow", EVIL, true, "rcvbuf=4096", "rxbatch=1");
      NfqTestbed.Result sent =
          NfqTestbed.exec(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  bed.ns('c'),
                  "python3",
                  "-c",
                  String.join(
                      "\n",
                      "import socket",
                      "a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.connect(('"
                          + NfqTestbed.SERVER4
                          + "', 9999))",
                      "for i in range(200): a.send(b'x' * 1000)")),
              10);
      assertEquals(0, sent.code(), sent.output());
      NfqTestbed.Result after = bed.curl(URL4, 10);
      assertEquals(0, after.code(), "the loop must go on after an overrun: " + after.output());
      String report = vigil.stop();
      assertTrue(counter(report, "enobufs") >= 1, report);
      assertTrue(counter(report, "userDropped") >= 1, report);
    }
  }

  @Test
  void repeatWithAMarkSendsThePacketThroughTheHookAgain() throws Exception {
    int queue = 2318;
    try (NfqTestbed bed = new NfqTestbed("vq8", queue, false)) {
      bed.rule(queue, false, true); // queue only packets without mark bit 0x1
      bed.startHttpServer();
      NfqTestbed.Listener vigil = bed.startListener(queue, "repeat", EVIL);
      NfqTestbed.Result r = bed.curl(URL4, 5);
      assertEquals(
          0,
          r.code(),
          "repeated packets carry the mark and pass the rule's second round: " + r.output());
      assertTrue(r.output().contains("hello"), r.output());
      String report = vigil.stop();
      long received = counter(report, "received");
      assertTrue(
          received >= 8 && received < 40,
          "each packet queued once, then passed on its mark: " + report);
      assertEquals(received, counter(report, "repeated"), report);
    }
  }

  /** Waits up to 5 s for {@code condition} (the server's output is read by another thread). */
  private static void awaitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) Thread.sleep(50);
  }

  /** The value of {@code name=N} in a listener's printed stats. */
  static long counter(String report, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=(-?\\d+)").matcher(report);
    if (!m.find()) throw new AssertionError("no " + name + " in " + report);
    return Long.parseLong(m.group(1));
  }
}
