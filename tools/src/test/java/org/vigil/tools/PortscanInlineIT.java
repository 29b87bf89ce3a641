package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  static final String SERVER = InlineFixture.SERVER;
  static final String SERVER6 = "fd00:231:2::2";
  static final int QUEUE = 2377;

  @TempDir Path dir;
  private final InlineFixture net = new InlineFixture("a7-ps", QUEUE);

  @AfterEach
  void down() throws Exception {
    net.down();
  }

  @Test
  void scansThroughAnInlineRunAlertWithoutChangingVerdicts() throws Exception {
    net.up("inline portscan test", "ip", "iptables", "nmap", "python3");
    // the server answers every closed UDP port at once (no ICMP rate limit)
    sh(
        "ip netns exec "
            + net.name()
            + "s sysctl -qw net.ipv6.icmp.ratelimit=0 net.ipv4.icmp_ratelimit=0",
        10);
    net.serve(dir);
    Path rules =
        Files.writeString(
            dir.resolve("inline.rules"),
            "drop tcp any any -> any 8080 (msg:\"evil request\"; flow:to_server,established;"
                + " content:\"EVILPATTERN\"; sid:1001; rev:1;)\n");
    Path logs = dir.resolve("logs");
    Path out = dir.resolve("vigil.out");
    Process vigil =
        net.vigil(
            out,
            InlineFixture.inlineRun(
                String.valueOf(QUEUE),
                "-S",
                rules.toString(),
                "-l",
                logs.toString(),
                "--set",
                "portscan.enabled=yes"));
    String clean = InlineFixture.INDEX;
    String first = RunInlineIT.awaitServed(vigil, out, () -> net.request(clean), 40);
    assertTrue(first.startsWith("HTTP/1.0 200"), "through vigil: " + first + Files.readString(out));

    String tcp = nmap("-sS -p 1-20,8080 " + SERVER);
    assertTrue(tcp.contains("8080/tcp open"), "the SYN scan passes and finds the port: " + tcp);
    assertTrue(tcp.contains("closed"), "its probes are answered: " + tcp);
    String udp = nmap("-6 -sU -p 1-12 " + SERVER6);
    assertTrue(udp.contains("closed"), "the UDP scan over IPv6 is answered: " + udp);
    assertEquals(
        "TIMEOUT",
        net.request("GET /EVILPATTERN HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n"),
        "the drop rule still drops");
    assertTrue(net.request(clean).startsWith("HTTP/1.0 200"), "clean requests still pass");

    net.stop(vigil, 15, "portscan run");
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
  private String nmap(String args) throws Exception {
    RunInlineIT.Result r =
        RunInlineIT.exec(
            List.of(
                "sh",
                "-c",
                "ip netns exec "
                    + net.name()
                    + "c nmap -n -Pn -T4 --max-retries 1 "
                    + args
                    + " 2>&1"),
            30);
    assertEquals(0, r.code(), "nmap " + args + ": " + r.out());
    return r.out();
  }

  private static void sh(String script, long seconds) throws Exception {
    RunInlineIT.Result r = RunInlineIT.exec(List.of("sh", "-c", script), seconds);
    assertEquals(0, r.code(), script + ": " + r.out());
  }
}
