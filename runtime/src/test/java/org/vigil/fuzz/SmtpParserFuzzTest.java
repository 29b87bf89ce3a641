package org.vigil.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.vigil.app.smtp.MimeFile;
import org.vigil.app.smtp.SmtpParser;

/**
 * Any conversation (both directions interleaved in any chunking, with gaps; see {@link
 * FuzzSeeds#chunks}) given to the SMTP parser: it never throws and never keeps an attachment over
 * its limit, whatever it makes of the bytes. Seeded with the SMTP conversations of the shared
 * corpus's captures and a hand-made one with pipelining, MIME parts, BDAT and STARTTLS.
 */
class SmtpParserFuzzTest {
  private static final String METHOD = "anyConversationParses";

  @BeforeAll
  static void seeds() {
    FuzzSeeds.reset(SmtpParserFuzzTest.class, METHOD);
    for (var f :
        FuzzSeeds.sample(
            FuzzSeeds.corpusFiles("pcaps/zeek/smtp", FuzzSeeds.smallCapture(262144)), 100)) {
      byte[] conv = FuzzSeeds.payloads(f, port -> port == 25 || port == 587);
      if (conv.length > 0) {
        FuzzSeeds.add(SmtpParserFuzzTest.class, METHOD, conv);
      }
    }
    String[] parts = {
      "EHLO x\r\n",
      "250-mx\r\n250 PIPELINING\r\n",
      "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n"
          + "--q\r\nContent-Disposition: attachment; filename=\"f\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--q--\r\n.\r\nBDAT 5 LAST\r\nabcde",
      "250 ok\r\n354 go\r\n250 ok\r\n",
      "STARTTLS\r\n",
      "220 go\r\n"
    };
    boolean[] dirs = {true, false, true, false, true, false};
    byte[][] bytes = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = parts[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    FuzzSeeds.add(SmtpParserFuzzTest.class, METHOD, FuzzSeeds.conversation(dirs, bytes));
  }

  @FuzzTest(maxDuration = "8s")
  void anyConversationParses(byte[] input) {
    SmtpParser parser = new SmtpParser();
    for (FuzzSeeds.Chunk c : FuzzSeeds.chunks(input)) {
      if (c.gap()) {
        parser.onGap(c.toServer());
      } else {
        parser.onData(c.toServer(), c.data(), c.off(), c.len());
      }
      for (SmtpParser.FileUnit f : parser.drainFiles()) {
        if (f.file().data().length > MimeFile.LIMIT) {
          throw new AssertionError("attachment over its limit: " + f.file().data().length);
        }
      }
      parser.drainCompleted();
    }
    parser.onClose(true);
    parser.onClose(false);
    parser.drainFiles();
    parser.drainCompleted();
    parser.open();
    parser.upgraded();
  }
}
