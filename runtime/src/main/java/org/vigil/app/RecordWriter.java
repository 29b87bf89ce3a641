package org.vigil.app;

/**
 * Where an {@link AppRecord} writes its fields: a small structured sink (the EVE writer implements
 * it over JSON). Names are EVE's field names; inside an array, elements are written with a null
 * name. Null strings and null boxed numbers are skipped, so a record can pass optional fields
 * straight through. Failures of the underlying output are unchecked.
 */
public interface RecordWriter {
  /** A string field; nothing when {@code value} is null. */
  void string(String name, String value);

  /** A number field. */
  void number(String name, long value);

  /** A number field; nothing when {@code value} is null. */
  default void number(String name, Number value) {
    if (value != null) {
      number(name, value.longValue());
    }
  }

  /** A boolean field. */
  void bool(String name, boolean value);

  /** Opens a nested object; every field until {@link #endObject()} goes into it. */
  void startObject(String name);

  /** Closes the innermost open object. */
  void endObject();

  /** Opens an array; its elements are written with a null name until {@link #endArray()}. */
  void startArray(String name);

  /** Closes the innermost open array. */
  void endArray();
}
