package org.vigil.output;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An app record read back from the alert log: its event type and its fields as the JSON object text
 * EVE wrote for them, so a reader prints it byte for byte as the run did without knowing the
 * protocol.
 *
 * @param eventType the record's event type ("http")
 * @param json the object holding its fields, as JSON text ({@code {"hostname":…}})
 */
public record StoredRecord(String eventType, String json) implements AppRecord {

  /** Checks the required parts. */
  public StoredRecord {
    if (eventType == null || json == null) {
      throw new IllegalArgumentException("eventType and json are required");
    }
  }

  /** The stored form of {@code record}: itself when already stored, else its JSON text. */
  public static StoredRecord of(AppRecord record) {
    return record instanceof StoredRecord s
        ? s
        : new StoredRecord(record.eventType(), JsonRecordWriter.text(record));
  }

  /** As {@link #of(AppRecord)}, the text rendered by {@code text}. */
  public static StoredRecord of(AppRecord record, RecordText text) {
    return record instanceof StoredRecord s
        ? s
        : new StoredRecord(record.eventType(), text.of(record));
  }

  /**
   * Not supported field by field: the EVE writer copies {@link #json()} as it is; other writers get
   * nothing.
   */
  @Override
  public void writeFields(RecordWriter out) {}
}
