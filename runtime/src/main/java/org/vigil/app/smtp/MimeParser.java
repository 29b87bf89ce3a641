package org.vigil.app.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The MIME structure of one mail, read line by line as Suricata 7's MIME decoder reads SMTP data:
 * each entity's headers (unfolded; Content-Type, Content-Disposition and Content-Transfer-Encoding
 * are kept), multipart bodies split at their boundaries (nested up to {@link #MAX_DEPTH}), and the
 * body of every attachment (an entity whose Content-Disposition has a filename or whose
 * Content-Type has a name) decoded from base64 or quoted-printable into a {@link MimeFile}. Other
 * bodies are skipped. Nothing is allocated per line beyond the attachment buffer.
 */
public final class MimeParser {
  /** The deepest nesting of multiparts followed; deeper boundaries are ordinary body lines. */
  static final int MAX_DEPTH = 8;

  /** The most characters of one header value kept. */
  static final int MAX_HEADER = 2048;

  private enum Encoding {
    RAW,
    BASE64,
    QP
  }

  private final Deque<byte[]> boundaries = new ArrayDeque<>();
  private final List<MimeFile> files = new ArrayList<>();

  private boolean inHeaders = true;
  private final StringBuilder header = new StringBuilder();
  private String contentType = "";
  private String disposition = "";
  private String encodingText = "";

  /** The current body is an attachment being decoded. */
  private boolean inFile;

  private String fileName = "";
  private Encoding encoding = Encoding.RAW;
  private byte[] buf = new byte[256];
  private int count;
  private long total;
  private boolean truncated;

  /** A raw or quoted-printable line break held back: it belongs to the next line, if any. */
  private boolean pendingBreak;

  private int quantum;
  private int quantumBits;

  /**
   * Reads one line of the mail ({@code len} bytes at {@code b[off]}, without its line break), or a
   * piece of an overlong one: {@code eol} false when more of the line follows, {@code continued}
   * true when the piece is not the line's start (such a piece is never a boundary).
   */
  public void line(byte[] b, int off, int len, boolean eol, boolean continued) {
    if (!continued && isBoundary(b, off, len)) {
      return;
    }
    if (inHeaders) {
      headerLine(b, off, len, continued);
      return;
    }
    if (inFile) {
      body(b, off, len, eol);
    }
  }

  /** The mail ended ({@code complete} false: before its end, the stream closed or had a gap). */
  public void end(boolean complete) {
    if (inHeaders) {
      endHeader();
    }
    closeFile(!complete);
    boundaries.clear();
    inHeaders = false;
  }

  /** The attachments completed since the last call, in order. */
  public List<MimeFile> drain() {
    if (files.isEmpty()) {
      return List.of();
    }
    List<MimeFile> out = List.copyOf(files);
    files.clear();
    return out;
  }

  private boolean isBoundary(byte[] b, int off, int len) {
    if (boundaries.isEmpty() || len < 3 || b[off] != '-' || b[off + 1] != '-') {
      return false;
    }
    int depth = 0;
    for (byte[] bd : boundaries) {
      int n = bd.length;
      if (len >= 2 + n && regionEquals(b, off + 2, bd)) {
        int rest = off + 2 + n;
        int end = off + len;
        boolean close = end - rest >= 2 && b[rest] == '-' && b[rest + 1] == '-';
        int tail = close ? rest + 2 : rest;
        if (blank(b, tail, end)) {
          onBoundary(depth, close);
          return true;
        }
      }
      depth++;
    }
    return false;
  }

  /** A boundary of the multipart {@code depth} levels up the stack; {@code close}: its last. */
  private void onBoundary(int depth, boolean close) {
    if (inHeaders) {
      endHeader();
    }
    closeFile(false);
    for (int i = 0; i < depth; i++) {
      boundaries.pop();
    }
    if (close) {
      boundaries.pop();
      inHeaders = false;
    } else {
      inHeaders = true;
      contentType = "";
      disposition = "";
      encodingText = "";
    }
  }

  private void headerLine(byte[] b, int off, int len, boolean continued) {
    if (!continued && len == 0) {
      endHeader();
      startBody();
      return;
    }
    boolean fold = continued || b[off] == ' ' || b[off] == '\t';
    if (!fold) {
      endHeader();
    }
    int room = MAX_HEADER - header.length();
    for (int i = 0; i < len && i < room; i++) {
      header.append((char) (b[off + i] & 0xFF));
    }
  }

  private void endHeader() {
    if (header.isEmpty()) {
      return;
    }
    int colon = header.indexOf(":");
    if (colon > 0) {
      String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).strip();
      switch (name) {
        case "content-type" -> contentType = value;
        case "content-disposition" -> disposition = value;
        case "content-transfer-encoding" -> encodingText = value;
        default -> {}
      }
    }
    header.setLength(0);
  }

  private void startBody() {
    inHeaders = false;
    String type = contentType.toLowerCase(Locale.ROOT);
    String boundary = type.startsWith("multipart/") ? param(contentType, "boundary") : null;
    if (boundary != null && !boundary.isEmpty() && boundaries.size() < MAX_DEPTH) {
      boundaries.push(boundary.getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    String name = param(disposition, "filename");
    if (name == null) {
      name = param(contentType, "name");
    }
    if (name == null) {
      return;
    }
    inFile = true;
    fileName = name;
    count = 0;
    total = 0;
    truncated = false;
    pendingBreak = false;
    quantum = 0;
    quantumBits = 0;
    String enc = encodingText.strip().toLowerCase(Locale.ROOT);
    encoding =
        enc.equals("base64")
            ? Encoding.BASE64
            : enc.equals("quoted-printable") ? Encoding.QP : Encoding.RAW;
  }

  private void closeFile(boolean cut) {
    if (!inFile) {
      return;
    }
    inFile = false;
    // Suricata counts the line break before the boundary (or the mail's end) as the file's
    long size = total + (pendingBreak ? 2 : 0);
    files.add(MimeFile.of(fileName, buf, count, truncated, size, cut));
  }

  private void body(byte[] b, int off, int len, boolean eol) {
    switch (encoding) {
      case BASE64 -> {
        for (int i = 0; i < len; i++) {
          base64(b[off + i]);
        }
      }
      case QP -> quotedPrintable(b, off, len, eol);
      case RAW -> {
        if (pendingBreak) {
          put((byte) '\r');
          put((byte) '\n');
        }
        for (int i = 0; i < len; i++) {
          put(b[off + i]);
        }
        pendingBreak = eol;
      }
    }
  }

  private void base64(byte c) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else {
      if (c == '=') {
        // padding: what the quantum holds so far is all of it
        if (quantumBits == 12) {
          put((byte) (quantum >>> 4));
        } else if (quantumBits == 18) {
          put((byte) (quantum >>> 10));
          put((byte) (quantum >>> 2));
        }
        quantum = 0;
        quantumBits = 0;
      }
      return;
    }
    quantum = (quantum << 6) | v;
    quantumBits += 6;
    if (quantumBits == 24) {
      put((byte) (quantum >>> 16));
      put((byte) (quantum >>> 8));
      put((byte) quantum);
      quantum = 0;
      quantumBits = 0;
    }
  }

  private void quotedPrintable(byte[] b, int off, int len, boolean eol) {
    if (pendingBreak) {
      put((byte) '\r');
      put((byte) '\n');
      pendingBreak = false;
    }
    int end = off + len;
    boolean soft = false;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (c == '=') {
        if (i + 2 < end && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
          put((byte) (hex(b[i + 1]) << 4 | hex(b[i + 2])));
          i += 2;
          continue;
        }
        if (blank(b, i + 1, end)) {
          soft = true;
          break;
        }
      }
      put(c);
    }
    pendingBreak = eol && !soft;
  }

  private void put(byte c) {
    total++;
    if (count == MimeFile.LIMIT) {
      truncated = true;
      return;
    }
    if (count == buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.min(MimeFile.LIMIT, buf.length * 2));
    }
    buf[count++] = c;
  }

  /**
   * The value of parameter {@code key} of a header value ({@code type; key=value} or {@code
   * key="value"}), or null.
   */
  static String param(String value, String key) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      int semi = indexOfUnquoted(value, i);
      String part = value.substring(i, semi).strip();
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(key)) {
        String v = part.substring(eq + 1).strip();
        if (v.length() >= 2 && v.charAt(0) == '"') {
          int close = v.indexOf('"', 1);
          v = close > 0 ? v.substring(1, close) : v.substring(1);
        }
        return v;
      }
      i = semi + 1;
    }
    return null;
  }

  private static int indexOfUnquoted(String s, int from) {
    boolean quoted = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return i;
      }
    }
    return s.length();
  }

  private static boolean regionEquals(byte[] b, int off, byte[] pat) {
    for (int i = 0; i < pat.length; i++) {
      if (b[off + i] != pat[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
