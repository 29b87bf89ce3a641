package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;
import org.vigil.app.http.HttpRecord;

/** The reused renderer gives each record the text a fresh generator gives it. */
class RecordTextTest {
  private static final AppRecord HTTP =
      new HttpRecord(
          "www.example.com", "/a?b=\"c\"", "curl/7.68.0", null, null, "GET", "HTTP/1.1", 200, 10L);

  private static final AppRecord DNS =
      new AppRecord() {
        @Override
        public String eventType() {
          return "dns";
        }

        @Override
        public void writeFields(RecordWriter out) {
          out.string("type", "query");
          out.number("id", 4660);
          out.startArray("answers");
          out.string(null, "caf\u00e9.example");
          out.endArray();
        }
      };

  @Test
  void recordsRenderedInARowAreEachTheirOwnObjectWithNothingBetween() {
    RecordText text = new RecordText();
    assertEquals(JsonRecordWriter.text(HTTP), text.of(HTTP));
    assertEquals(JsonRecordWriter.text(DNS), text.of(DNS));
    assertEquals(JsonRecordWriter.text(HTTP), text.of(HTTP));
    assertEquals(
        "{\"type\":\"query\",\"id\":4660,\"answers\":[\"caf\u00e9.example\"]}", text.of(DNS));
  }

  @Test
  void aRecordFailingHalfWayLeavesTheNextOneWhole() {
    RecordText text = new RecordText();
    AppRecord failing =
        new AppRecord() {
          @Override
          public String eventType() {
            return "x";
          }

          @Override
          public void writeFields(RecordWriter out) {
            out.startObject("half");
            throw new IllegalStateException("cut");
          }
        };
    assertThrows(IllegalStateException.class, () -> text.of(failing));
    assertEquals(JsonRecordWriter.text(DNS), text.of(DNS));
  }
}
