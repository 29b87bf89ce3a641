package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ACK;
import static org.vigil.testing.PacketBuilder.FIN;
import static org.vigil.testing.PacketBuilder.PSH;
import static org.vigil.testing.PacketBuilder.SYN;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.VigilConfig;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.PacketBuilder;
import org.vigil.testing.PcapWriter;

/**
 * A protocol is one package plus one services line: the "magic" protocol of the test class path
 * ({@code org.vigil.app.magic}) is registered by the services file of {@code magic-plugin/}, put on
 * a class loader as a plugin jar would be, and a run with that registry gives it the flow (instead
 * of HTTP) and inspects the unit it reports.
 */
class RegisteredProtocolTest {
  private static final String RULE =
      "alert tcp any any -> any any (msg:\"magic message\"; flow:to_server;"
          + " file_data; content:\"hello\"; sid:9001; rev:1;)\n";

  @TempDir Path dir;

  private static AppLayers withPlugin() {
    URL plugin = RegisteredProtocolTest.class.getResource("/magic-plugin/");
    return AppLayers.load(
        VigilConfig.defaults(),
        new URLClassLoader(new URL[] {plugin}, RegisteredProtocolTest.class.getClassLoader()));
  }

  @Test
  void theServicesFileRegistersTheProtocolBesideTheBuiltInOnes() {
    assertEquals(
        List.of(
            "ssh",
            "tls",
            "ftp",
            "smtp",
            "dns",
            "smb",
            "dcerpc",
            "magic",
            "rdp",
            "rfb",
            "http",
            "ftp-data"),
        withPlugin().protocols().stream().map(AppProtocol::name).toList());
    assertEquals(
        List.of(
            "ssh", "tls", "ftp", "smtp", "dns", "smb", "dcerpc", "rdp", "rfb", "http", "ftp-data"),
        AppLayers.defaults().protocols().stream().map(AppProtocol::name).toList());
  }

  @Test
  void aRunGivesTheFlowToTheRegisteredProtocolAndInspectsItsUnit() throws IOException {
    Path pcap = capture("MAGIC!hello world\n");
    assertEquals(
        List.of("6 9001"),
        alerts(ZeekRun.runFile(dir, pcap, RULE, withPlugin())),
        "the app layer gets the message once the server ACKs it (packet 5); its unit is inspected on the client's next packet");
    assertEquals(
        List.of(),
        alerts(ZeekRun.runFile(dir, pcap, RULE, AppLayers.defaults())),
        "without the protocol the flow has no unit with file_data");
    assertEquals(
        List.of(),
        alerts(ZeekRun.runFile(dir, capture("MAGIC?hello world\n"), RULE, withPlugin())),
        "other first bytes are not claimed");
  }

  /**
   * The protocol's EVE record comes from its package alone (an {@link AppRecord}): eve.json logs it
   * as {@code event_type: magic} with the common header and {@code tx_id}, and the alert on its
   * transaction carries the same object.
   */
  @Test
  void theProtocolsRecordIsLoggedAndCarriedByItsAlerts() throws IOException {
    List<String> lines =
        Files.readAllLines(
            ZeekRun.runFile(dir, capture("MAGIC!hello world\n"), RULE, withPlugin())
                .resolve("eve.json"));
    String record = "\"magic\":{\"message\":\"hello world\\n\",\"length\":12}";
    List<String> magic =
        lines.stream().filter(l -> l.contains("\"event_type\":\"magic\"")).toList();
    assertEquals(1, magic.size(), lines.toString());
    assertTrue(magic.get(0).contains("\"src_port\":40000,\"dest_ip\":\"10.0.0.2\""), magic.get(0));
    assertTrue(magic.get(0).contains("\"tx_id\":0," + record), magic.get(0));
    List<String> alerts =
        lines.stream().filter(l -> l.contains("\"event_type\":\"alert\"")).toList();
    assertEquals(1, alerts.size(), lines.toString());
    assertTrue(alerts.get(0).contains(record + ",\"app_proto\":\"magic\""), alerts.get(0));
  }

  /** A client sending {@code message} to port 7000 and closing; the server only ACKs. */
  private Path capture(String message) throws IOException {
    byte[] m = message.getBytes(StandardCharsets.ISO_8859_1);
    String c = "10.0.0.1";
    String s = "10.0.0.2";
    int cs = 1000;
    int ss = 5000;
    PcapWriter w = PcapWriter.pcap(1);
    long t = 1_700_000_000_000_000L;
    w.packet(t, frame(c, s, PacketBuilder.tcp(40000, 7000, cs, 0, SYN, new byte[0])));
    w.packet(
        t + 1, frame(s, c, PacketBuilder.tcp(7000, 40000, ss, cs + 1, SYN | ACK, new byte[0])));
    w.packet(t + 2, frame(c, s, PacketBuilder.tcp(40000, 7000, cs + 1, ss + 1, ACK, new byte[0])));
    w.packet(t + 3, frame(c, s, PacketBuilder.tcp(40000, 7000, cs + 1, ss + 1, PSH | ACK, m)));
    w.packet(
        t + 4,
        frame(s, c, PacketBuilder.tcp(7000, 40000, ss + 1, cs + 1 + m.length, ACK, new byte[0])));
    w.packet(
        t + 5,
        frame(
            c,
            s,
            PacketBuilder.tcp(40000, 7000, cs + 1 + m.length, ss + 1, FIN | ACK, new byte[0])));
    w.packet(
        t + 6,
        frame(
            s,
            c,
            PacketBuilder.tcp(7000, 40000, ss + 1, cs + 2 + m.length, FIN | ACK, new byte[0])));
    w.packet(
        t + 7,
        frame(c, s, PacketBuilder.tcp(40000, 7000, cs + 2 + m.length, ss + 2, ACK, new byte[0])));
    return w.write(dir.resolve("magic-" + System.nanoTime() + ".pcap"));
  }

  private static byte[] frame(String src, String dst, byte[] tcp) {
    return PacketBuilder.ethernet(0x0800, PacketBuilder.ipv4(src, dst, 6, tcp));
  }

  /** "pcap_cnt sid" per alert of the run's eve.json, in order. */
  private static List<String> alerts(Path logs) throws IOException {
    List<String> got = new ArrayList<>();
    Pattern p = Pattern.compile("\"pcap_cnt\":(\\d+).*\"signature_id\":(\\d+)");
    for (String line : Files.readAllLines(logs.resolve("eve.json"))) {
      Matcher m = p.matcher(line);
      if (line.contains("\"event_type\":\"alert\"") && m.find()) {
        got.add(m.group(1) + " " + m.group(2));
      }
    }
    return got;
  }
}
