package org.vigil.app.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The header fields of one HTTP message in arrival order, repeated names merged into the first
 * occurrence with ", " between values (as libhtp does). Names keep their case; look-ups ignore it.
 */
public final class HttpHeaders {

  private final List<byte[]> names = new ArrayList<>();
  private final List<ByteBuilder> values = new ArrayList<>();
  private int modifications;

  /** The header-names buffer and the fields' state it was built for. */
  private byte[] namesBuf;

  private int namesMods = -1;

  /** The start buffer, the line and the fields' state it was built for. */
  private byte[] startBuf;

  private byte[] startLine;
  private int startMods = -1;

  /** Adds a field, merging it into an earlier one of the same name; returns true if it repeated. */
  boolean add(byte[] name, byte[] value, int off, int len) {
    modifications++;
    int i = indexOf(name, 0, name.length);
    if (i >= 0) {
      ByteBuilder v = values.get(i);
      v.append((byte) ',');
      v.append((byte) ' ');
      v.append(value, off, len);
      return true;
    }
    names.add(name);
    values.add(ByteBuilder.copyOf(value, off, len));
    return false;
  }

  /** Changes so far (a rendered buffer is stale when this moved on, e.g. after trailers). */
  int modifications() {
    return modifications;
  }

  /** Number of distinct fields. */
  public int size() {
    return names.size();
  }

  /** The name of field {@code i} as sent. */
  public byte[] name(int i) {
    return names.get(i);
  }

  /** The (merged) value of field {@code i}, without surrounding whitespace. */
  public byte[] value(int i) {
    return values.get(i).toArray();
  }

  /** The value of the field named {@code name} (ASCII, any case), or null. */
  public byte[] get(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (equalsIgnoreCaseAndNul(names.get(i), name)) {
        return values.get(i).toArray();
      }
    }
    return null;
  }

  /**
   * http.header_names: CRLF, each name followed by CRLF, then a final CRLF; null without fields.
   * Built once per state of the fields.
   */
  byte[] namesBuffer() {
    if (namesMods != modifications) {
      namesMods = modifications;
      namesBuf = null;
      if (!names.isEmpty()) {
        int n = 4;
        for (byte[] name : names) {
          n += name.length + 2;
        }
        byte[] b = new byte[n];
        int at = crlf(b, 0);
        for (byte[] name : names) {
          System.arraycopy(name, 0, b, at, name.length);
          at = crlf(b, at + name.length);
        }
        crlf(b, at);
        namesBuf = b;
      }
    }
    return namesBuf;
  }

  /**
   * http.start: {@code line}, CRLF, each field as "Name: value" CRLF, then a final CRLF; null
   * without a line. Built once per line and state of the fields.
   */
  byte[] startBuffer(byte[] line) {
    if (line == null) {
      return null;
    }
    if (startMods != modifications || startLine != line) {
      startMods = modifications;
      startLine = line;
      byte[] b = new byte[line.length + 4 + fieldsLength(null)];
      System.arraycopy(line, 0, b, 0, line.length);
      int at = writeFields(b, crlf(b, line.length), null);
      crlf(b, at);
      startBuf = b;
    }
    return startBuf;
  }

  /** The value of {@code name} as an ASCII string, or null. */
  public String getString(String name) {
    byte[] v = get(name);
    return v == null ? null : new String(v, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  int indexOf(byte[] n, int off, int len) {
    for (int i = 0; i < names.size(); i++) {
      if (equalsIgnoreCaseAndNul(names.get(i), n, off, len)) {
        return i;
      }
    }
    return -1;
  }

  static boolean equalsIgnoreCase(byte[] a, byte[] b, int off, int len) {
    if (a.length != len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      int x = a[k];
      int y = b[off + k];
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    return true;
  }

  /** Case-insensitive comparison that skips NUL bytes on both sides, as libhtp compares names. */
  static boolean equalsIgnoreCaseAndNul(byte[] a, byte[] b, int off, int len) {
    int i = 0;
    int j = off;
    int end = off + len;
    while (true) {
      while (i < a.length && a[i] == 0) {
        i++;
      }
      while (j < end && b[j] == 0) {
        j++;
      }
      if (i == a.length || j == end) {
        return i == a.length && j == end;
      }
      if (lower(a[i]) != lower(b[j])) {
        return false;
      }
      i++;
      j++;
    }
  }

  /** As {@link #equalsIgnoreCaseAndNul(byte[], byte[], int, int)} against an ASCII name. */
  static boolean equalsIgnoreCaseAndNul(byte[] a, String b) {
    int i = 0;
    int j = 0;
    int end = b.length();
    while (true) {
      while (i < a.length && a[i] == 0) {
        i++;
      }
      while (j < end && b.charAt(j) == 0) {
        j++;
      }
      if (i == a.length || j == end) {
        return i == a.length && j == end;
      }
      if (lower(a[i]) != lower((byte) b.charAt(j))) {
        return false;
      }
      i++;
      j++;
    }
  }

  static int lower(int c) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  }

  /**
   * Writes "Name: value\r\n" for every field except {@code skip} (case-insensitive), Suricata's
   * http_header layout (no final empty line).
   */
  byte[] render(String skip) {
    byte[] b = new byte[fieldsLength(skip)];
    writeFields(b, 0, skip);
    return b;
  }

  /** Bytes of "Name: value\r\n" for every field except {@code skip} (null: none skipped). */
  private int fieldsLength(String skip) {
    int n = 0;
    for (int i = 0; i < names.size(); i++) {
      if (skip == null || !equalsIgnoreCase(names.get(i), skip)) {
        n += names.get(i).length + values.get(i).length() + 4;
      }
    }
    return n;
  }

  /**
   * Writes "Name: value\r\n" for every field except {@code skip} at {@code at}; returns the end.
   */
  private int writeFields(byte[] b, int at, String skip) {
    for (int i = 0; i < names.size(); i++) {
      byte[] name = names.get(i);
      if (skip != null && equalsIgnoreCase(name, skip)) {
        continue;
      }
      System.arraycopy(name, 0, b, at, name.length);
      at += name.length;
      b[at++] = ':';
      b[at++] = ' ';
      at = crlf(b, values.get(i).copyInto(b, at));
    }
    return at;
  }

  private static int crlf(byte[] b, int at) {
    b[at] = '\r';
    b[at + 1] = '\n';
    return at + 2;
  }

  /** Whether {@code a} is the ASCII name {@code s}, ignoring case (NUL bytes count). */
  private static boolean equalsIgnoreCase(byte[] a, String s) {
    if (a.length != s.length()) {
      return false;
    }
    for (int k = 0; k < a.length; k++) {
      int x = a[k];
      int y = (byte) s.charAt(k);
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    return true;
  }
}
