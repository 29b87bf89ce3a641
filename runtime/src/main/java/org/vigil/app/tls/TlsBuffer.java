package org.vigil.app.tls;

import java.util.Arrays;

/**
 * The bytes of one TLS message or record gathered as they arrive, counted in the run's {@link
 * TlsMemory}: the array starts at {@link #FIRST} bytes (or the whole length when shorter) and
 * doubles as bytes come, never past the length announced, so a header announcing much and sending
 * little holds little. What it holds is given back when it is {@link #clear cleared}.
 */
final class TlsBuffer {
  /** The first array of a buffer (it doubles as the bytes arrive). */
  static final int FIRST = 4096;

  private final TlsMemory memory;
  private byte[] bytes;
  private int size;
  private int length;

  TlsBuffer(TlsMemory memory) {
    this.memory = memory;
  }

  /** Starts gathering {@code length} bytes (what was held is given back). */
  void start(int length) {
    clear();
    this.length = length;
  }

  /**
   * Appends {@code b[p..p+n)} (at most what the announced length still takes); false when the
   * budget has no room for the array that needs (the buffer is then cleared and the miss counted).
   */
  boolean append(byte[] b, int p, int n) {
    n = Math.min(n, length - size);
    if (bytes == null || size + n > bytes.length) {
      int cur = bytes == null ? 0 : bytes.length;
      int cap = (int) Math.min(length, Math.max(Math.max(2L * cur, FIRST), size + n));
      if (!memory.reserve(cap - cur)) {
        memory.hit();
        clear();
        return false;
      }
      bytes = bytes == null ? new byte[cap] : Arrays.copyOf(bytes, cap);
    }
    System.arraycopy(b, p, bytes, size, n);
    size += n;
    return true;
  }

  /** True once the announced length was gathered. */
  boolean complete() {
    return bytes != null && size == length;
  }

  /** The array (its first {@link #size} bytes are the data). */
  byte[] bytes() {
    return bytes;
  }

  /** Bytes gathered. */
  int size() {
    return size;
  }

  /** Gives the array back to the budget; the buffer is empty. */
  void clear() {
    if (bytes != null) {
      memory.release(bytes.length);
      bytes = null;
    }
    size = 0;
  }
}
