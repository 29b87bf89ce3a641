package org.vigil.output.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One log record encoded into a reusable array, then appended to the queue in one bulk write: the
 * codecs' many small fields cost array stores instead of a call chain each into the mapped queue.
 * Writes Chronicle Bytes' own encodings (little-endian numbers; strings as a stop-bit length of
 * their UTF-8 bytes, each char encoded alone, null as length -1), so {@code BytesIn} reads it back.
 * Single-threaded: one per log.
 */
final class RecordBuffer {
  private static final int INITIAL = 1 << 12;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf = new byte[INITIAL];
  private int pos;

  /** Forgets what was written, keeping the array. */
  void clear() {
    pos = 0;
  }

  /** How many bytes were written. */
  int writePosition() {
    return pos;
  }

  /** Appends what was written to {@code out} in one write. */
  void copyTo(Bytes<?> out) {
    out.write(buf, 0, pos);
  }

  /** A copy of what was written. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  void writeByte(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  void writeInt(int v) {
    ensure(4);
    putInt(pos, v);
    pos += 4;
  }

  /** Overwrites the int at {@code at} (written before). */
  void writeInt(int at, int v) {
    putInt(at, v);
  }

  void writeLong(long v) {
    ensure(8);
    LONG.set(buf, pos, v);
    pos += 8;
  }

  void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /** Appends {@code b} as it is (no length). */
  void write(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** Appends {@code s} as a stop-bit length of its UTF-8 bytes and the bytes (null: length -1). */
  void writeUtf8(CharSequence s) {
    if (s == null) {
      writeStopBit(-1);
      return;
    }
    int n = s.length();
    long len = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      len += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    writeStopBit(len);
    ensure((int) len);
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    pos = p;
  }

  /**
   * Appends the UTF-8 text {@code utf8[0, length)} as {@link #writeUtf8(CharSequence)} writes it as
   * a string: ASCII copied as it is, anything else decoded and encoded char by char.
   */
  void writeUtf8(byte[] utf8, int length) {
    for (int i = 0; i < length; i++) {
      if (utf8[i] < 0) {
        writeUtf8(new String(utf8, 0, length, StandardCharsets.UTF_8));
        return;
      }
    }
    writeStopBit(length);
    ensure(length);
    System.arraycopy(utf8, 0, buf, pos, length);
    pos += length;
  }

  /**
   * Seven bits a byte, low first, the top bit set on all but the last; a negative {@code n} as its
   * complement, ended by a set top bit and a zero byte.
   */
  void writeStopBit(long n) {
    ensure(11);
    long v = n < 0 ? ~n : n;
    byte[] b = buf;
    int p = pos;
    while ((v & ~0x7FL) != 0) {
      b[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    if (n < 0) {
      b[p++] = (byte) (v | 0x80);
      b[p++] = 0;
    } else {
      b[p++] = (byte) v;
    }
    pos = p;
  }

  private void putInt(int at, int v) {
    INT.set(buf, at, v);
  }

  private void ensure(int more) {
    if (buf.length - pos < more) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
