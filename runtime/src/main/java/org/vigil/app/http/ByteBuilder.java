package org.vigil.app.http;

import java.util.Arrays;
import org.vigil.app.BufferSink;

/**
 * A growable byte array that collects one HTTP buffer, with an optional hard cap on what it keeps.
 */
final class ByteBuilder {
  private byte[] buf;
  private int len;
  private byte[] snapshot;

  /** {@code buf} itself was handed out by toArray(): copy before writing into it again. */
  private boolean shared;

  /** {@code buf} was handed to a sink by putTo(): a reset must not write over it. */
  private boolean lent;

  ByteBuilder(int initial) {
    buf = new byte[Math.max(16, initial)];
  }

  /** A builder holding a copy of {@code src[off, off + n)} in an array of exactly that length. */
  static ByteBuilder copyOf(byte[] src, int off, int n) {
    return new ByteBuilder(Arrays.copyOfRange(src, off, off + n));
  }

  private ByteBuilder(byte[] full) {
    buf = full;
    len = full.length;
  }

  int length() {
    return len;
  }

  byte at(int i) {
    return buf[i];
  }

  void reset() {
    len = 0;
    snapshot = null;
    if (shared || lent) {
      buf = new byte[buf.length];
      shared = false;
      lent = false;
    }
  }

  /** Makes room for {@code n} bytes in all, e.g. a body of known length. */
  void reserve(int n) {
    if (n > buf.length) {
      buf = Arrays.copyOf(buf, n);
      shared = false;
    }
  }

  /** Appends at most {@code cap - length()} bytes; returns how many were kept. */
  int append(byte[] src, int off, int n, int cap) {
    int room = cap - len;
    if (room <= 0) {
      return 0;
    }
    int k = Math.min(room, n);
    ensure(len + k);
    System.arraycopy(src, off, buf, len, k);
    len += k;
    return k;
  }

  void append(byte[] src, int off, int n) {
    ensure(len + n);
    System.arraycopy(src, off, buf, len, n);
    len += n;
  }

  void append(byte b) {
    ensure(len + 1);
    buf[len++] = b;
  }

  void append(byte[] src) {
    append(src, 0, src.length);
  }

  void appendAscii(String s) {
    ensure(len + s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void ensure(int need) {
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
      shared = false;
    } else if (shared) {
      buf = buf.clone();
      shared = false;
    }
  }

  /** The contents as an exact-size array, copied once and reused until the builder changes. */
  byte[] toArray() {
    if (snapshot == null || snapshot.length != len) {
      if (buf.length == len) {
        shared = true;
        snapshot = buf;
      } else {
        snapshot = Arrays.copyOf(buf, len);
      }
    }
    return snapshot;
  }

  /**
   * Hands the contents to {@code sink} as buffer {@code id} without copying: the bytes handed out
   * never change: the builder only appends after them, and after a reset it writes into a new
   * array.
   */
  void putTo(BufferSink sink, int id) {
    lent = true;
    sink.put(id, buf, 0, len);
  }

  /** Appends this builder's first {@code n} bytes to {@code dst}, keeping it under {@code cap}. */
  void copyTo(ByteBuilder dst, int n, int cap) {
    dst.append(buf, 0, Math.min(n, len), cap);
  }

  /**
   * The array written into: its first {@link #length()} bytes are the data (valid until a write).
   */
  byte[] array() {
    return buf;
  }

  /** Writes this builder's bytes into {@code dst} at {@code at}; returns the index after them. */
  int copyInto(byte[] dst, int at) {
    System.arraycopy(buf, 0, dst, at, len);
    return at + len;
  }

  /** A copy of {@code [from, to)}. */
  byte[] copy(int from, int to) {
    return Arrays.copyOfRange(buf, from, to);
  }
}
