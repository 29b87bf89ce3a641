package org.vigil.app.http;

import org.vigil.app.RecordWriter;

/**
 * A response's {@code Content-Range} header as EVE's http {@code content_range} object shows it:
 * the raw value and, when it parses as Suricata 7 parses it (a unit, then {@code start-end/size},
 * {@code start-end/*} or {@code * /size}), the numbers it gives.
 *
 * @param raw the header's value
 * @param start the first byte, or null (not given or not parsed)
 * @param end the last byte, or null
 * @param size the whole size, or null ({@code *}, or not parsed)
 */
public record ContentRange(String raw, Long start, Long end, Long size) {

  /** The range of header value {@code raw}, its numbers null when it does not parse. */
  public static ContentRange parse(String raw) {
    int i = 0;
    int n = raw.length();
    while (i < n && raw.charAt(i) == ' ') {
      i++;
    }
    while (i < n && raw.charAt(i) != ' ') {
      i++;
    }
    if (i == n) {
      // the unit must be followed by a space (Suricata's parser wants more input)
      return new ContentRange(raw, null, null, null);
    }
    while (i < n && raw.charAt(i) == ' ') {
      i++;
    }
    String rest = raw.substring(i);
    if (rest.startsWith("*/")) {
      Long size = digits(rest, 2);
      return new ContentRange(raw, null, null, size);
    }
    int dash = rest.indexOf('-');
    int slash = rest.indexOf('/');
    if (dash <= 0 || slash < dash) {
      return new ContentRange(raw, null, null, null);
    }
    Long start = number(rest.substring(0, dash));
    Long end = number(rest.substring(dash + 1, slash));
    if (start == null || end == null) {
      return new ContentRange(raw, null, null, null);
    }
    if (rest.startsWith("*", slash + 1)) {
      return new ContentRange(raw, start, end, null);
    }
    Long size = digits(rest, slash + 1);
    return size == null
        ? new ContentRange(raw, null, null, null)
        : new ContentRange(raw, start, end, size);
  }

  /**
   * Whether Suricata 7 finds this range invalid when the response's body opens a file: it does not
   * parse, or it names a whole range (last byte and size known and positive, and not the whole file
   * from byte 0) whose first byte is after its last or whose last byte is at or past the size.
   */
  boolean invalid() {
    if (start == null && end == null && size == null) {
      return true;
    }
    if (end == null || size == null || end <= 0 || size <= 0) {
      return false; // "*/size", "a-b/*": not enough to check
    }
    if (start == 0 && end == size - 1) {
      return false;
    }
    return start > end || end > size - 1;
  }

  /** The number of the digits starting at {@code from} (anything may follow them), or null. */
  private static Long digits(String s, int from) {
    int to = from;
    while (to < s.length() && Character.isDigit(s.charAt(to)) && s.charAt(to) < 0x80) {
      to++;
    }
    return to == from ? null : number(s.substring(from, to));
  }

  /** The value of a string of ASCII digits only, or null (empty, other characters, too large). */
  private static Long number(String s) {
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Writes the {@code content_range} object. */
  void write(RecordWriter out) {
    out.startObject("content_range");
    out.string("raw", raw);
    out.number("start", start);
    out.number("end", end);
    out.number("size", size);
    out.endObject();
  }
}
