package org.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsFollowSuricataWithHomeNetAny() {
    VigilConfig c = VigilConfig.defaults();
    assertEquals("any", c.addressGroups().get("HOME_NET"));
    assertEquals("any", c.addressGroups().get("EXTERNAL_NET"));
    assertEquals("$HOME_NET", c.addressGroups().get("HTTP_SERVERS"));
    assertEquals("80", c.portGroups().get("HTTP_PORTS"));
    assertEquals("[$HTTP_PORTS,110,143]", c.portGroups().get("FILE_DATA_PORTS"));
    assertEquals("1521", c.portGroups().get("ORACLE_PORTS"));
    assertFalse(c.checksumsValidate());
    assertNull(c.streamInline());
    assertTrue(c.streamInline(true));
    assertFalse(c.streamInline(false));
    assertFalse(c.streamMidstream());
    assertEquals(1024 * 1024, c.streamReassemblyDepth());
    assertEquals("bsd", c.hostOsPolicyDefault());
    assertEquals(Map.of("windows", List.of("0.0.0.0/0")), c.hostOsPolicies());
    assertNull(c.classificationFile());
  }

  @Test
  void fileIsMergedOverDefaultsAndSetWins() throws IOException {
    Path y = dir.resolve("vigil.yaml");
    Files.writeString(
        y,
        """
        vars:
          address-groups:
            HOME_NET: "[10.0.0.0/8,192.168.0.0/16]"
          port-groups:
            SIP_PORTS: 5060
        host-os-policy:
          default: linux
          windows: []
          old-linux: [10.1.0.0/16, 10.2.0.0/16]
        checksums:
          validate: yes
        stream:
          inline: yes
          reassembly:
            depth: 64kb
        classification-file: my-classes.config
        """);
    VigilConfig c =
        VigilConfig.load(
            y,
            List.of(
                "vars.address-groups.EXTERNAL_NET=!$HOME_NET",
                "stream.midstream=true",
                "checksums.validate=no"));
    assertEquals("[10.0.0.0/8,192.168.0.0/16]", c.addressGroups().get("HOME_NET"));
    assertEquals("!$HOME_NET", c.addressGroups().get("EXTERNAL_NET"));
    assertEquals(
        "$HOME_NET", c.addressGroups().get("SQL_SERVERS"), "defaults kept beside the file's keys");
    assertEquals("5060", c.portGroups().get("SIP_PORTS"));
    assertEquals("linux", c.hostOsPolicyDefault());
    assertEquals(Map.of("old_linux", List.of("10.1.0.0/16", "10.2.0.0/16")), c.hostOsPolicies());
    assertFalse(c.checksumsValidate(), "--set overrides the file");
    assertTrue(c.streamInline());
    assertTrue(c.streamMidstream());
    assertEquals(64 * 1024, c.streamReassemblyDepth());
    assertEquals(dir.toAbsolutePath().resolve("my-classes.config"), c.classificationFile());
  }

  @Test
  void setCreatesKnownKeysAndListsAsText() {
    VigilConfig c =
        VigilConfig.load(
            null, List.of("host-os-policy.solaris=[1.2.3.0/24,1.2.4.0/24]", "stream.inline=yes"));
    assertEquals(List.of("1.2.3.0/24", "1.2.4.0/24"), c.hostOsPolicies().get("solaris"));
    assertEquals(Boolean.TRUE, c.streamInline());
  }

  @Test
  void packetAlertMaxIsOneTo255() {
    assertEquals(15, VigilConfig.load(null, List.of()).packetAlertMax());
    assertEquals(255, VigilConfig.load(null, List.of("packet-alert-max=255")).packetAlertMax());
    for (String bad : List.of("0", "256", "abc", "-1")) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> VigilConfig.load(null, List.of("packet-alert-max=" + bad)).packetAlertMax());
      assertEquals(
          "packet-alert-max: expected alerts per packet from 1 to 255, found '" + bad + "'",
          e.getMessage());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void setTakesAFlowSequenceAsAList() {
    VigilConfig c = VigilConfig.load(null, List.of("outputs.eve-log.types=[alert, http]"));
    Map<String, Object> eve =
        (Map<String, Object>) ((Map<String, Object>) c.get("outputs")).get("eve-log");
    assertEquals(List.of("alert", "http"), eve.get("types"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> VigilConfig.load(null, List.of("outputs.eve-log.types=[alert, [http]")));
    assertTrue(
        e.getMessage().startsWith("--set outputs.eve-log.types: invalid list"), e.getMessage());
  }

  @Test
  void unknownKeysAreErrorsNamingTheNearestKnownKey(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> VigilConfig.load(null, List.of("stream.reassembly.policy=linux")));
    assertEquals(
        "--set stream.reassembly.policy: unknown key 'stream.reassembly.policy' (did you mean"
            + " 'stream.reassembly.depth'?)",
        e.getMessage());
    e =
        assertThrows(
            ConfigException.class, () -> VigilConfig.load(null, List.of("zzzzzzzzzzzz=1")));
    assertEquals("--set zzzzzzzzzzzz: unknown key 'zzzzzzzzzzzz'", e.getMessage());
    java.nio.file.Path y =
        java.nio.file.Files.writeString(
            dir.resolve("v.yaml"), "checksums:\n  validate: yes\n  vaildate: no\n");
    e = assertThrows(ConfigException.class, () -> VigilConfig.load(y, List.of()));
    assertEquals(
        y + ": unknown key 'checksums.vaildate' (did you mean 'checksums.validate'?)",
        e.getMessage());
    java.nio.file.Path s =
        java.nio.file.Files.writeString(
            dir.resolve("s.yaml"),
            "pcap:\n  - interface: eth0\nnfq:\n  mode: accept\nchecksums:\n  validate: yes\n");
    VigilConfig c = VigilConfig.load(s, List.of());
    assertEquals(
        List.of(
            s + ": sections of suricata.yaml that Vigil does not implement are ignored: pcap, nfq"),
        c.warnings());
    assertEquals(true, c.checksumsValidate());
    c = VigilConfig.load(null, List.of("stats.decoder-events=true"));
    assertEquals(
        List.of(
            "--set stats.decoder-events: section 'stats' of suricata.yaml is not implemented by Vigil; ignored"),
        c.warnings());
  }

  @Test
  void aSuricataYamlIsReadWithItsOtherKeysListedOnceAsIgnored(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path s =
        java.nio.file.Files.writeString(
            dir.resolve("suricata.yaml"),
            "%YAML 1.1\n---\nsuricata-version: \"7.0\"\nstream:\n  memcap: 64mb\n"
                + "  checksum-validation: yes\n  inline: auto\n  reassembly:\n    depth: 2mb\n"
                + "    toserver-chunk-size: 2560\nthreading:\n  detect-thread-ratio: 1.0\n");
    VigilConfig c = VigilConfig.load(s, List.of());
    assertEquals(
        List.of(
            s
                + ": sections of suricata.yaml that Vigil does not implement are ignored: "
                + "suricata-version, stream.checksum-validation, "
                + "stream.reassembly.toserver-chunk-size, threading.detect-thread-ratio"),
        c.warnings());
    // auto: inline when the run is (Suricata's meaning)
    assertEquals(null, c.streamInline());
    assertEquals(true, c.streamInline(true));
    assertEquals(false, c.streamInline(false));
    assertEquals(2L * 1024 * 1024, c.streamReassemblyDepth());
    // a vigil.yaml (no suricata-version) still refuses a key it does not know
    java.nio.file.Path v =
        java.nio.file.Files.writeString(
            dir.resolve("vigil.yaml"), "stream:\n  checksum-validation: yes\n");
    assertThrows(ConfigException.class, () -> VigilConfig.load(v, List.of()));
  }

  @Test
  void theStockSuricataYamlLoads() {
    java.nio.file.Path stock = java.nio.file.Path.of("/etc/suricata/suricata.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isReadable(stock), "Suricata's suricata.yaml not installed");
    VigilConfig c = VigilConfig.load(stock, List.of());
    assertEquals(1, c.warnings().size(), c.warnings().toString());
    assertTrue(c.warnings().get(0).contains("stream.checksum-validation"), c.warnings().toString());
    assertEquals(null, c.streamInline());
  }

  @Test
  void pcapFileKeysAreReadAndItsOtherSuricataKeysWarned(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path s =
        java.nio.file.Files.writeString(
            dir.resolve("s.yaml"),
            "pcap-file:\n  checksum-checks: auto\n  recursive: yes\n  delay: 2\n");
    VigilConfig c = VigilConfig.load(s, List.of("pcap-file.poll-interval=0.5"));
    assertEquals(
        List.of(
            s
                + ": sections of suricata.yaml that Vigil does not implement are ignored: "
                + "pcap-file.checksum-checks"),
        c.warnings());
    assertEquals(true, c.getBoolean("pcap-file.recursive", false));
    assertEquals("2", c.getString("pcap-file.delay", null));
    assertEquals("0.5", c.getString("pcap-file.poll-interval", null));
    // the section's other keys are Suricata's: a warning, not an error
    c = VigilConfig.load(null, List.of("pcap-file.recursve=yes"));
    assertEquals(
        List.of(
            "--set pcap-file.recursve: not one of the keys of 'pcap-file' Vigil reads; ignored"),
        c.warnings());
    assertEquals(false, c.getBoolean("pcap-file.recursive", false));
  }

  @Test
  void errorsNameTheKey() throws IOException {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> VigilConfig.load(null, List.of("checksums.validate=maybe")));
    assertEquals(
        "checksums.validate: expected yes/no or true/false, found 'maybe'", e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> VigilConfig.load(null, List.of("host-os-policy.default=beos")));
    assertTrue(
        e.getMessage().startsWith("host-os-policy.default: unknown policy 'beos'"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> VigilConfig.load(null, List.of("host-os-policy.amiga=[1.2.3.4]")));
    assertTrue(e.getMessage().startsWith("host-os-policy.amiga: unknown policy"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> VigilConfig.load(null, List.of("stream.reassembly.depth=lots")));
    assertTrue(
        e.getMessage().startsWith("stream.reassembly.depth: expected a size"), e.getMessage());
    e =
        assertThrows(
            ConfigException.class, () -> VigilConfig.load(null, List.of("stream.ttl-delta=256")));
    assertEquals(
        "stream.ttl-delta: expected a whole number from 0 to 255, found '256'", e.getMessage());
    assertEquals(5, VigilConfig.load(null, List.of()).streamTtlDelta());
    assertEquals(0, VigilConfig.load(null, List.of("stream.ttl-delta=0")).streamTtlDelta());
    e = assertThrows(ConfigException.class, () -> VigilConfig.load(null, List.of("stream=yes")));
    assertEquals("--set stream: 'stream' is a section, not a value", e.getMessage());
    e = assertThrows(ConfigException.class, () -> VigilConfig.load(null, List.of("novalue")));
    assertEquals("--set novalue: expected key=value", e.getMessage());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "vars: [unclosed\n");
    e = assertThrows(ConfigException.class, () -> VigilConfig.load(bad, List.of()));
    assertTrue(e.getMessage().startsWith(bad + ": invalid YAML"), e.getMessage());
    Path badVar = dir.resolve("badvar.yaml");
    Files.writeString(badVar, "vars:\n  address-groups:\n    HOME-NET: any\n");
    e = assertThrows(ConfigException.class, () -> VigilConfig.load(badVar, List.of()));
    assertEquals("vars.address-groups.HOME-NET: invalid variable name", e.getMessage());
    e =
        assertThrows(
            ConfigException.class, () -> VigilConfig.load(dir.resolve("missing.yaml"), List.of()));
    assertTrue(e.getMessage().contains("missing.yaml: cannot read"), e.getMessage());
  }

  @Test
  void shippedVigilYamlEqualsTheBuiltInDefaults() {
    Path shipped =
        Path.of(System.getProperty("vigil.root", ".."))
            .resolve("rules/src/main/resources/vigil.yaml");
    Assumptions.assumeTrue(
        Files.isRegularFile(shipped), "shipped vigil.yaml not found at " + shipped);
    VigilConfig d = VigilConfig.defaults();
    VigilConfig s = VigilConfig.load(shipped, List.of());
    assertEquals(d.addressGroups(), s.addressGroups());
    assertEquals(d.portGroups(), s.portGroups());
    assertEquals(d.hostOsPolicyDefault(), s.hostOsPolicyDefault());
    assertEquals(d.hostOsPolicies(), s.hostOsPolicies());
    assertEquals(d.checksumsValidate(), s.checksumsValidate());
    assertEquals(d.streamMidstream(), s.streamMidstream());
    assertEquals(d.streamReassemblyDepth(), s.streamReassemblyDepth());
  }
}
