package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Portscan detection on an inline run: {@code vigil run -q} with {@code portscan.enabled} in the
 * router namespace of the runtime's {@code nfq/topology.sh} while real nmap scans the server
 * through it — a SYN scan over IPv4 (the server's HTTP port open among closed ones) and a UDP scan
 * over IPv6 (answered by ICMPv6 port unreachables). The scans raise their gid 122 alerts (TCP
 * Portscan with its Open Port, UDP Portscan from the IPv6 scanner) while the verdicts stay those of
 * the rules: the scans' packets pass (nmap sees the open port), a clean request is answered and a
 * drop rule's request is dropped. Skipped when not root or without ip/iptables/nmap/python3.
 */
class PortscanInlineIT {
  static final Path ROOT = RunInlineIT.ROOT;
  static final String NAME = "a7-ps";
  static final int QUEUE = 2377;
  static final String SERVER = "10.231.2.2";
  static final String SERVER6 = "fd00:231:2::2";

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void down() throws Exception {
    RunInlineIT.teardown(started, NAME + "c", NAME + "r", NAME + "s");
  }

  @Test
  void scansThroughAnInlineRunAlertWithoutChangingVerdicts() throws Exception {
    RunInlineIT.assumeRoot("inline portscan test", "ip", "iptables", "nmap", "python3");
    RunInlineIT.topologyUp(NAME, QUEUE);
    // the server answers every closed UDP port at once (no ICMP rate limit)
    sh(
        "ip netns exec "
            + NAME
            + "s sysctl -qw net.ipv6.icmp.ratelimit=0 net.ipv4.icmp_ratelimit=0",
        10);
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "hello\n");
    started.add(RunInlineIT.webServer(NAME + "s", web, dir.resolve("server.out")));
    Path rules =
        Files.writeString(
            dir.resolve("inline.rules"),
            "drop tcp any any -> any 8080 (msg:\"evil request\"; flow:to_server,established;"
                + " content:\"EVILPATTERN\"; sid:1001; rev:1;)\n");
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("vigil.out");
    Process vigil =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                NAME + "r",
                ROOT.resolve("bin/vigil").toString(),
                "run",
                "-q",
                String.valueOf(QUEUE),
                "--warm-up", // InlineWarmUpIT tests the warm-up; here it would only delay
                "none",
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--set",
                "portscan.enabled=yes")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    started.add(vigil);
    Path client = Files.writeString(dir.resolve("client.py"), RunInlineIT.CLIENT);
    String clean = "GET /index.html HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n";
    String first = RunInlineIT.awaitServed(vigil, out, () -> request(client, clean), 40);
    assertTrue(first.startsWith("HTTP/1.0 200"), "through vigil: " + first + Files.readString(out));

    String tcp = nmap("-sS -p 1-20,8080 " + SERVER);
    assertTrue(tcp.contains("8080/tcp open"), "the SYN scan passes and finds the port: " + tcp);
    assertTrue(tcp.contains("closed"), "its probes are answered: " + tcp);
    String udp = nmap("-6 -sU -p 1-12 " + SERVER6);
    assertTrue(udp.contains("closed"), "the UDP scan over IPv6 is answered: " + udp);
    assertEquals(
        "TIMEOUT",
        request(client, "GET /EVILPATTERN HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
        "the drop rule still drops");
    assertTrue(request(client, clean).startsWith("HTTP/1.0 200"), "clean requests still pass");

    RunInlineIT.exec(List.of("kill", "-TERM", Long.toString(vigil.pid())), 5);
    assertTrue(vigil.waitFor(15, TimeUnit.SECONDS), "vigil did not stop on SIGTERM");
    List<String> eve = Files.readAllLines(logs.resolve("eve.json"), StandardCharsets.UTF_8);
    String all = String.join("\n", eve) + "\n" + Files.readString(out);
    assertTrue(
        alert(eve, 122, 1, "10.231.1.2", SERVER, "\"action\":\"allowed\""),
        "TCP Portscan, allowed:\n" + all);
    assertTrue(
        alert(eve, 122, 27, "10.231.1.2", SERVER, "\"dest_port\":8080"),
        "its Open Port, 8080:\n" + all);
    assertTrue(
        alert(eve, 122, 17, "fd00:0231:0001:0000:0000:0000:0000:0002", "fd00:0231:0002", ""),
        "UDP Portscan over IPv6 from ICMPv6 port unreachables:\n" + all);
    assertTrue(
        alert(eve, 1, 1001, "10.231.1.2", SERVER, "\"action\":\"blocked\""),
        "the drop rule's blocked alert:\n" + all);
  }

  private static boolean alert(
      List<String> eve, int gid, int sid, String src, String dst, String also) {
    return eve.stream()
        .anyMatch(
            l ->
                l.contains("\"event_type\":\"alert\"")
                    && l.contains("\"gid\":" + gid + ",")
                    && l.contains("\"signature_id\":" + sid + ",")
                    && l.contains("\"src_ip\":\"" + src)
                    && l.contains("\"dest_ip\":\"" + dst)
                    && l.contains(also));
  }

  /** nmap from the client namespace (no ping, no DNS, one retry), its output. */
  private static String nmap(String args) throws Exception {
    RunInlineIT.Result r =
        RunInlineIT.exec(
            List.of(
                "sh",
                "-c",
                "ip netns exec " + NAME + "c nmap -n -Pn -T4 --max-retries 1 " + args + " 2>&1"),
            30);
    assertEquals(0, r.code(), "nmap " + args + ": " + r.out());
    return r.out();
  }

  private static void sh(String script, long seconds) throws Exception {
    RunInlineIT.Result r = RunInlineIT.exec(List.of("sh", "-c", script), seconds);
    assertEquals(0, r.code(), script + ": " + r.out());
  }

  private String request(Path client, String... parts) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("ip", "netns", "exec", NAME + "c", "python3", client.toString(), SERVER));
    cmd.addAll(List.of(parts));
    String o = RunInlineIT.exec(cmd, 15).out().trim();
    int nl = o.lastIndexOf('\n');
    return nl < 0 ? o : o.substring(nl + 1);
  }
}
