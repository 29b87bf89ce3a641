package org.vigil.output.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.BytesIn;

/**
 * A stats record's counter tree in the log: each value a tag byte and its body, so it reads back
 * into the values EVE's stats writer prints the same way.
 *
 * <pre>
 *   0 null, 1 i64 (whole numbers and counters), 2 f64 (fractions), 3 u8 boolean, 4 str (anything
 *   else, as its text), 5 map: i32 entries, then str key and value per entry, 6 list: i32 values,
 *   then each value
 * </pre>
 */
final class CounterTree {
  private static final byte NULL = 0;
  private static final byte LONG = 1;
  private static final byte DOUBLE = 2;
  private static final byte BOOLEAN = 3;
  private static final byte STRING = 4;
  private static final byte MAP = 5;
  private static final byte LIST = 6;

  private CounterTree() {}

  /** Appends {@code tree} to {@code out}. */
  static void write(RecordBuffer out, Map<String, ?> tree) {
    value(out, tree);
  }

  private static void value(RecordBuffer out, Object v) {
    switch (v) {
      case null -> out.writeByte(NULL);
      case Map<?, ?> m -> {
        out.writeByte(MAP);
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          out.writeUtf8(String.valueOf(e.getKey()));
          value(out, e.getValue());
        }
      }
      case List<?> l -> {
        out.writeByte(LIST);
        out.writeInt(l.size());
        for (Object o : l) {
          value(out, o);
        }
      }
      case Double d -> {
        out.writeByte(DOUBLE);
        out.writeDouble(d);
      }
      case Float f -> {
        out.writeByte(DOUBLE);
        out.writeDouble(f);
      }
      case java.util.concurrent.atomic.LongAdder a -> {
        out.writeByte(LONG);
        out.writeLong(a.sum());
      }
      case Number n -> {
        out.writeByte(LONG);
        out.writeLong(n.longValue());
      }
      case Boolean b -> {
        out.writeByte(BOOLEAN);
        out.writeByte((byte) (b ? 1 : 0));
      }
      default -> {
        out.writeByte(STRING);
        out.writeUtf8(v.toString());
      }
    }
  }

  /** Reads a tree written by {@link #write}. */
  static Map<String, Object> read(BytesIn<?> in) {
    if (in.readByte() != MAP) {
      throw new BadRecordException("a counter tree that is not a map");
    }
    return map(in, 0);
  }

  private static Map<String, Object> map(BytesIn<?> in, int depth) {
    int n = LogInput.count(in);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(LogInput.required(in, "a counter's name"), value(in, depth + 1));
    }
    return m;
  }

  private static Object value(BytesIn<?> in, int depth) {
    if (depth > LogInput.MAX_DEPTH) {
      throw new BadRecordException("a counter tree nested deeper than " + LogInput.MAX_DEPTH);
    }
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case BOOLEAN -> in.readByte() == 1;
      case STRING -> LogInput.required(in, "a counter's text");
      case MAP -> map(in, depth);
      case LIST -> {
        int n = LogInput.count(in);
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(value(in, depth + 1));
        }
        yield l;
      }
      default -> throw new BadRecordException("unknown counter tag " + tag);
    };
  }
}
