package org.vigil.app.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.app.AppFile;

/** How an SMB file transaction counts the chunks read or written, and how its FileId is written. */
class SmbFileTest {
  private static SmbFile file() {
    return new SmbFile(
        3, false, new SmbFileRecord(4, "SMB2_COMMAND_READ", 1, 2, "a.txt", "", "fuid"));
  }

  @Test
  void chunksOutOfOrderCountOnceTheBytesBeforeThemArrive() {
    SmbFile f = file();
    f.chunk(0, 32768);
    f.chunk(45056, 30720); // waits: 32768..45056 not read yet
    assertEquals(32768, f.size());
    f.chunk(32768, 12288);
    assertEquals(75776, f.size());
    f.chunk(0, 100); // an overlap is dropped
    f.end(true);
    AppFile a = f.files().get(0);
    assertEquals(75776, a.size());
    assertEquals("CLOSED", a.state());
    assertFalse(a.gaps());
    assertFalse(a.toServer());
    assertEquals("a.txt", a.filename());
  }

  @Test
  void aChunkStillWaitingWhenTheFileEndsIsAGap() {
    SmbFile f = file();
    f.chunk(0, 10);
    f.chunk(20, 10);
    f.end(false);
    f.chunk(10, 10); // after the end: ignored
    AppFile a = f.files().get(0);
    assertEquals(10, a.size());
    assertTrue(a.gaps());
    assertEquals("TRUNCATED", a.state());
  }

  @Test
  void aFileIdIsWrittenAsSuricataWritesItsGuid() {
    // persistent id 0x4d, volatile id 0xffffffff00000009 (the file smb2.pcap writes)
    assertEquals(
        "0000004d-0000-0000-0009-0000ffffffff", Smb2Files.guid(0x4dL, 0xffffffff00000009L));
  }
}
