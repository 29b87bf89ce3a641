package org.vigil.detect.artifact;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RulesetImageTest {
  @Test
  void badFilesAreNamedErrors() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> RulesetImage.read(new ByteArrayInputStream("hello world!".getBytes())));
    assertTrue(e.getMessage().contains("not a Vigil ruleset"), e.getMessage());
    byte[] truncated = {0x56, 0x52, 0x53, 0x31, 0, 0, 0, 1, 0};
    assertThrows(IOException.class, () -> RulesetImage.read(new ByteArrayInputStream(truncated)));
    byte[] future = {0x56, 0x52, 0x53, 0x31, 0, 0, 0, 9};
    e = assertThrows(IOException.class, () -> RulesetImage.read(new ByteArrayInputStream(future)));
    assertTrue(e.getMessage().contains("unsupported .vrs format 9"), e.getMessage());
  }

  /** Content behind a valid digest (a faulty writer) with an element count far beyond its size. */
  @Test
  void aCountBeyondTheContentIsRefusedNotAllocated() throws IOException {
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bos);
    out.writeUTF("v");
    out.writeUTF("h");
    out.writeInt(Integer.MAX_VALUE); // flowbit names
    out.writeInt(0);
    byte[] file = VrsEnvelope.seal(bos.toByteArray(), null, null);
    VrsException e =
        assertThrows(VrsException.class, () -> RulesetImage.read(new ByteArrayInputStream(file)));
    assertTrue(
        e.getMessage().contains("bad element count 2147483647 with 4 bytes left"), e.getMessage());
  }
}
