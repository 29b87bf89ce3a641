package org.vigil.app.ftp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.detect.api.Buffers;
import org.vigil.fuzz.FuzzSeeds;

/**
 * Any conversation (both directions interleaved in any chunking; see {@link FuzzSeeds#chunks})
 * given to the FTP transactions ftpbounce reads: they never throw, report each transaction once
 * (every one by flow end), and put only a PORT line as the FTP command buffer. Seeded with the FTP
 * conversations of the shared corpus's captures and a hand-made one with bounces and 1xx replies.
 */
class FtpTransactionsFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(FtpTransactionsFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/ftp", FuzzSeeds.smallCapture(262144)), 40)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 21);
      if (conv.length > 0) {
        FuzzSeeds.add(FtpTransactionsFuzzTest.class, METHOD, conv);
      }
    }
    String[] parts = {
      "220 ready\r\n",
      "USER a\r\nPORT 10,0,0,9,4,1\r\n",
      "331 pw\r\n150 opening\r\n200 ok\r\n",
      "XPORT 1,2,3,4,5,6\nEPRT |1|10.0.0.9|1025|\r\nLIST\r\n",
      "226 done\r\n"
    };
    boolean[] dirs = {false, true, false, true, false};
    byte[][] bytes = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = parts[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    FuzzSeeds.add(FtpTransactionsFuzzTest.class, METHOD, FuzzSeeds.conversation(dirs, bytes));
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    FtpTransactions t = new FtpTransactions();
    Set<Long> seen = new HashSet<>();
    long[] last = {-1};
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        continue;
      }
      if (c.toServer()) {
        t.onClientData(c.data(), c.off(), c.len());
      } else {
        t.onServerData(c.data(), c.off(), c.len());
      }
      t.units(c.toServer(), false, u -> check(u, seen));
    }
    t.units(true, true, u -> check(u, seen));
    t.units(true, true, u -> check(u, seen)); // nothing is left
  }

  private static void check(org.vigil.app.AppUnit u, Set<Long> seen) {
    if (!seen.add(u.tx().id())) {
      throw new AssertionError("transaction reported twice: " + u.tx().id());
    }
    u.buffers()
        .fill(
            (id, b, off, len) -> {
              String line = new String(b, off, len, StandardCharsets.ISO_8859_1);
              if (id != Buffers.FTP_COMMAND
                  || !line.toUpperCase(java.util.Locale.ROOT).contains("PORT")) {
                throw new AssertionError("not a PORT line: " + line);
              }
            });
    u.tx().appRecord().writeFields(new NullWriter());
  }

  /** Drops every field. */
  private static final class NullWriter implements org.vigil.app.RecordWriter {
    @Override
    public void string(String name, String value) {}

    @Override
    public void number(String name, long value) {}

    @Override
    public void bool(String name, boolean value) {}

    @Override
    public void startObject(String name) {}

    @Override
    public void endObject() {}

    @Override
    public void startArray(String name) {}

    @Override
    public void endArray() {}
  }
}
