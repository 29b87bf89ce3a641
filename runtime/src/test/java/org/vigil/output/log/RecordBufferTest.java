package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The record buffer writes the bytes Chronicle Bytes writes for the same calls, so logs written
 * before and after it read alike.
 */
class RecordBufferTest {

  private static final List<String> STRINGS =
      List.of(
          "",
          "a",
          "ET POLICY curl User-Agent Outbound",
          "\u0000nul",
          "caf\u00e9 \u07ff\u0800",
          "\u20ac\uffff",
          "emoji \ud83d\ude00 pair",
          "lone \ud800 high",
          "x".repeat(127),
          "x".repeat(128),
          "\u00e9".repeat(8192),
          "y".repeat(20_000));

  private static final long[] NUMBERS = {
    0,
    1,
    -1,
    127,
    128,
    16383,
    16384,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    -128,
    -129,
    1_795_719_042_123_456_789L
  };

  @Test
  void stringsAsChronicleWritesThem() {
    for (String s : STRINGS) {
      assertSame(b -> b.writeUtf8(s), r -> r.writeUtf8(s), s);
    }
    assertSame(b -> b.writeUtf8((String) null), r -> r.writeUtf8(null), "null");
  }

  @Test
  void utf8BytesAsChronicleWritesTheirString() {
    for (String s : STRINGS) {
      byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] padded = java.util.Arrays.copyOf(utf8, utf8.length + 3);
      String decoded = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
      assertSame(b -> b.writeUtf8(decoded), r -> r.writeUtf8(padded, utf8.length), s);
    }
  }

  @Test
  void numbersAsChronicleWritesThem() {
    for (long n : NUMBERS) {
      assertSame(b -> b.writeLong(n), r -> r.writeLong(n), "long " + n);
      assertSame(b -> b.writeInt((int) n), r -> r.writeInt((int) n), "int " + n);
      assertSame(b -> b.writeByte((byte) n), r -> r.writeByte((byte) n), "byte " + n);
      assertSame(b -> b.writeStopBit(n), r -> r.writeStopBit(n), "stop bit " + n);
      assertSame(b -> b.writeDouble(n / 3.0), r -> r.writeDouble(n / 3.0), "double " + n);
    }
  }

  @Test
  void patchedLengthAndRawBytesAsChronicleWritesThem() {
    byte[] raw = {1, 2, 3, (byte) 0xff};
    assertSame(
        b -> {
          b.writeByte((byte) 8);
          long at = b.writePosition();
          b.writeInt(0);
          b.write(raw);
          b.writeInt(at, (int) (b.writePosition() - at - 4));
        },
        r -> {
          r.writeByte((byte) 8);
          int at = r.writePosition();
          r.writeInt(0);
          r.write(raw);
          r.writeInt(at, r.writePosition() - at - 4);
        },
        "patched field");
  }

  @Test
  void growsAndClears() {
    RecordBuffer r = new RecordBuffer();
    r.writeUtf8("z".repeat(100_000));
    assertEquals(100_003, r.writePosition());
    r.clear();
    r.writeInt(7);
    Bytes<?> out = Bytes.allocateElasticOnHeap(8);
    r.copyTo(out);
    assertEquals(4, out.readRemaining());
    assertEquals(7, out.readInt());
  }

  private static void assertSame(
      Consumer<Bytes<?>> chronicle, Consumer<RecordBuffer> ours, String what) {
    Bytes<?> b = Bytes.allocateElasticOnHeap(64);
    chronicle.accept(b);
    byte[] want = new byte[(int) b.readRemaining()];
    b.read(want);
    RecordBuffer r = new RecordBuffer();
    ours.accept(r);
    assertArrayEquals(want, r.toByteArray(), what);
  }
}
