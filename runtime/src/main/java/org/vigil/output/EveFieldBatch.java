package org.vigil.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;

/**
 * The plain fields of one EVE object (strings, numbers, a timestamp) collected, then written in one
 * loop: the JSON generator's code for each kind of value is compiled once there, instead of once
 * per field in every method that writes a record.
 */
final class EveFieldBatch {
  private static final int CAPACITY = 16;
  private static final byte STRING = 0;
  private static final byte NUMBER = 1;
  private static final byte CHARS = 2;

  private final SerializableString[] names = new SerializableString[CAPACITY];
  private final byte[] kinds = new byte[CAPACITY];
  private final String[] strings = new String[CAPACITY];
  private final long[] numbers = new long[CAPACITY];
  private final char[][] chars = new char[CAPACITY][];
  private int size;

  /** Forgets the fields collected and not written (an object left unfinished by an error). */
  void clear() {
    for (int i = 0; i < size; i++) {
      strings[i] = null;
      chars[i] = null;
    }
    size = 0;
  }

  /** The field {@code name} with string {@code value} (null: JSON null). */
  void string(SerializableString name, String value) {
    strings[slot(name, STRING)] = value;
  }

  /** The field {@code name} with number {@code value}. */
  void number(SerializableString name, long value) {
    numbers[slot(name, NUMBER)] = value;
  }

  /**
   * The field {@code name} with the string {@code text[0, length)}; {@code text} must hold it until
   * {@link #writeTo}.
   */
  void chars(SerializableString name, char[] text, int length) {
    int i = slot(name, CHARS);
    chars[i] = text;
    numbers[i] = length;
  }

  private int slot(SerializableString name, byte kind) {
    if (size == CAPACITY) {
      throw new IllegalStateException("more than " + CAPACITY + " fields collected");
    }
    int i = size++;
    names[i] = name;
    kinds[i] = kind;
    return i;
  }

  /** Writes the fields collected, in the order given, into {@code gen}'s current object. */
  void writeTo(JsonGenerator gen) throws IOException {
    int n = size;
    size = 0;
    for (int i = 0; i < n; i++) {
      gen.writeFieldName(names[i]);
      switch (kinds[i]) {
        case STRING -> {
          gen.writeString(strings[i]);
          strings[i] = null;
        }
        case NUMBER -> gen.writeNumber(numbers[i]);
        default -> {
          gen.writeString(chars[i], 0, (int) numbers[i]);
          chars[i] = null;
        }
      }
    }
  }
}
