package org.vigil.example;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.api.KeywordPlugin;

/**
 * Example third-party keyword plugin (registered in the test resources' META-INF/services), as a
 * user would write one: {@code entropy:<op><bits>[,relative][,bytes <n>]} matches when the Shannon
 * entropy, in bits per byte, of the inspected data compares true with {@code bits} (0..8). The data
 * is the buffer from its start (or from the cursor with {@code relative}) to its end, or only the
 * next {@code n} bytes. Operators: {@code < <= > >= =}. Encrypted or compressed data is close to 8.
 */
public final class EntropyKeyword implements KeywordPlugin {
  private static final Pattern SYNTAX = Pattern.compile("(<=|>=|<|>|=)\\s*([0-9]+(?:\\.[0-9]+)?)");

  @Override
  public String name() {
    return "entropy";
  }

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public Prepared prepare(String value) {
    String[] parts = value.split(",");
    Matcher m = SYNTAX.matcher(parts[0].strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected <op><bits per byte> such as '>7.0', found '" + parts[0].strip() + "'");
    }
    double bits = Double.parseDouble(m.group(2));
    if (bits > 8) {
      throw new IllegalArgumentException("entropy is at most 8 bits per byte, found " + m.group(2));
    }
    boolean relative = false;
    int bytes = 0;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      if (p.equals("relative")) {
        relative = true;
      } else if (p.startsWith("bytes ")) {
        try {
          bytes = Integer.parseInt(p.substring(6).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "bytes takes a number, found '" + p.substring(6).strip() + "'");
        }
        if (bytes < 1) {
          throw new IllegalArgumentException("bytes must be at least 1");
        }
      } else {
        throw new IllegalArgumentException(
            "unknown modifier '" + parts[i].strip() + "' (relative, bytes <n>)");
      }
    }
    return new Check(m.group(1), bits, relative, bytes);
  }

  /** Shannon entropy in bits per byte of {@code data[from, to)}; 0 for no data. */
  public static double entropy(byte[] data, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return 0;
    }
    int[] counts = new int[256];
    for (int i = from; i < to; i++) {
      counts[data[i] & 0xff]++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * (Math.log(p) / Math.log(2));
      }
    }
    return h;
  }

  private record Check(String op, double bits, boolean relative, int bytes) implements Prepared {
    @Override
    public int match(InspectionContext ctx, byte[] data, int base, int len, int cursor) {
      int start = relative ? cursor : 0;
      int end = bytes > 0 ? (int) Math.min(len, (long) start + bytes) : len;
      if (start >= end) {
        return NO_MATCH;
      }
      double h = entropy(data, base + start, base + end);
      boolean ok =
          switch (op) {
            case "<" -> h < bits;
            case "<=" -> h <= bits;
            case ">" -> h > bits;
            case ">=" -> h >= bits;
            default -> Math.abs(h - bits) < 1e-9;
          };
      return ok ? cursor : NO_MATCH;
    }
  }
}
