package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * base64_decode's decoder against what Suricata 7.0.10 decodes (each case's decoded length and text
 * checked with bin/oracle through base64_data rules): a foreign character ends the decoding, a '='
 * pads its own group only, and a last incomplete group gives bytes by how it ended.
 */
class Base64DecodingTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SGVsbG8gV29ybGQ=|Hello World",
        "SGVsbG8=|Hello",
        "SGVs bG8=|Hel", // a space ends it
        "SGVs\\r\\nbG8=|Hel", // so do CR and LF
        "QQ==QkI=|ABB", // decoding goes on after a padded group
        "SGVsbG8*|Hello", // three digits cut short: two bytes
        "SGVsbG8|Hello", // three digits at the end: two bytes
        "SGVsb*|Hell", // one digit cut short: one byte
        "SGVsb|Hel", // one digit at the end: none
        "SGVsbG*|Hell", // two digits cut short: one byte
        "*SGVs|",
        "====|",
      })
  void decodesAsSuricata(String in, String want) {
    byte[] b = in.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[b.length + 3];
    int n = Base64Decoding.decode(b, 0, b.length, out);
    assertEquals(want == null ? "" : want, new String(out, 0, n, StandardCharsets.ISO_8859_1));
  }
}
