package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets as Suricata 7 keeps them: commands, types, files, memcap, definitions by name. */
class DatasetsTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void setMatchesOnlyWhenItAddsAndIssetSeesIt() {
    Dataset d = Datasets.inMemory().define("ua", Dataset.Type.STRING, null, null, 0);
    byte[] ua = b("curl/8");
    assertFalse(Datasets.match(d, 0, ua, 0, ua.length), "isset before set");
    assertTrue(Datasets.match(d, 1, ua, 0, ua.length), "isnotset before set");
    assertTrue(Datasets.match(d, 2, ua, 0, ua.length), "set adds");
    assertFalse(Datasets.match(d, 2, ua, 0, ua.length), "set again: nothing added");
    assertTrue(Datasets.match(d, 0, ua, 0, ua.length));
    assertTrue(Datasets.match(d, 3, ua, 0, ua.length), "unset removes");
    assertFalse(Datasets.match(d, 0, ua, 0, ua.length));
    assertFalse(Datasets.match(d, 1, ua, 0, 0), "an empty buffer never matches");
  }

  @Test
  void aValueOfTheWrongLengthIsNotSetButIsNotset() {
    Dataset md5 = Datasets.inMemory().define("h", Dataset.Type.MD5, null, null, 0);
    byte[] five = b("12345");
    assertFalse(Datasets.match(md5, 2, five, 0, 5));
    assertFalse(Datasets.match(md5, 0, five, 0, 5));
    assertTrue(Datasets.match(md5, 1, five, 0, 5), "isnotset matches what cannot be held");
  }

  @Test
  void filesOfEachTypeAreReadAndWrittenBack() throws IOException {
    Path f = dir.resolve("in.lst");
    Files.writeString(f, "Y3VybC84,7\n\nd2dldA==\n");
    Datasets sets = new Datasets(dir, 0);
    Dataset s = sets.define("s", Dataset.Type.STRING, f.toString(), null, 0);
    assertEquals(2, s.size());
    assertEquals(7, s.reputation(b("curl/8"), 0, 6));
    assertEquals(0, s.reputation(b("wget"), 0, 4));
    assertTrue(Datasets.reputation(s, 0, 6, b("curl/8"), 0, 6), "7 > 6");
    assertFalse(Datasets.reputation(s, 2, 6, b("nope"), 0, 4), "not in the set");
    Path ips = dir.resolve("ips.lst");
    Files.writeString(ips, "10.0.0.1\n::ffff:10.0.0.2\n2001:db8::1\n");
    Dataset ip = sets.define("ip", Dataset.Type.IPV6, ips.toString(), null, 0);
    assertEquals(1, ip.lookup(new byte[] {10, 0, 0, 2}, 0, 4), "a mapped address is IPv4");
    Dataset state = sets.define("st", Dataset.Type.SHA256, "st.lst", "st.lst", 0);
    byte[] h = new byte[32];
    h[0] = 1;
    assertEquals(1, state.add(h, 0, 32));
    sets.saveAll();
    assertEquals(List.of("01" + "00".repeat(31)), Files.readAllLines(dir.resolve("st.lst")));
    Datasets again = new Datasets(dir, 0);
    assertEquals(
        1,
        again.define("st", Dataset.Type.SHA256, "st.lst", "st.lst", 0).lookup(h, 0, 32),
        "a state file is read back by the next run");
  }

  @Test
  void aNameIsOneSetAndRulesMayNotContradictIt() {
    Datasets sets = Datasets.inMemory();
    Dataset a = sets.define("x", Dataset.Type.STRING, null, null, 0);
    assertSame(a, sets.define("x", null, null, null, 0), "a rule may leave the type out");
    assertThrows(
        IllegalArgumentException.class, () -> sets.define("x", Dataset.Type.MD5, null, null, 0));
    assertThrows(
        IllegalArgumentException.class, () -> sets.define("y", null, null, null, 0), "undefined");
  }

  @Test
  void theMemcapBoundsTheSet() {
    Dataset d = Datasets.inMemory().define("m", Dataset.Type.IPV4, null, null, 2 * (4 + 64));
    assertEquals(1, d.add(new byte[] {1, 1, 1, 1}, 0, 4));
    assertEquals(1, d.add(new byte[] {1, 1, 1, 2}, 0, 4));
    assertEquals(-1, d.add(new byte[] {1, 1, 1, 3}, 0, 4), "over the memcap");
    assertEquals(2, d.size());
  }
}
