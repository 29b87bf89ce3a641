package org.vigil.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/** The file digests EVE's fileinfo records carry, and where suricata.yaml asks for them. */
class FileDigestsTest {
  @TempDir Path dir;

  @Test
  void digestsOfAFileFedInPieces() {
    FileDigests d = FileDigests.of(Set.of("md5", "sha256"));
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    d.update(abc, 0, 1);
    d.update(abc, 1, 2);
    String[] h = d.finish();
    assertEquals("900150983cd24fb0d6963f7d28e17f72", h[0]);
    assertNull(h[1]);
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", h[2]);
    assertNull(FileDigests.of(Set.of()));
  }

  @Test
  void forceHashIsReadFromTheEveFilesType() throws Exception {
    Path y =
        Files.writeString(
            dir.resolve("vigil.yaml"),
            "outputs:\n  - eve-log:\n      enabled: yes\n      types:\n        - alert\n"
                + "        - files:\n            force-hash: [md5, sha1]\n");
    VigilConfig cfg = VigilConfig.load(y, List.of());
    assertEquals(Set.of("md5", "sha1"), FileDigests.forceHash(cfg));
    assertEquals(Set.of("md5", "sha1"), HttpConfig.from(cfg).fileHashes());
    assertEquals(Set.of(), FileDigests.forceHash(VigilConfig.load(null, List.of())));
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "outputs:\n  - eve-log:\n      types:\n        - files:\n            force-hash: [crc]\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> FileDigests.forceHash(VigilConfig.load(bad, List.of())));
    assertEquals(
        "outputs.eve-log.types.files.force-hash: unknown hash 'crc' (md5, sha1, sha256)",
        e.getMessage());
  }
}
