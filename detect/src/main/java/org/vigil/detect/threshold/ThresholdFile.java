package org.vigil.detect.threshold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vigil.detect.artifact.RuleAction;

/**
 * Reads a threshold file in Suricata's syntax: one {@code threshold}, {@code event_filter}, {@code
 * suppress} or {@code rate_filter} per line ({@code \} continues a line, {@code #} starts a
 * comment), options as {@code name value} separated by commas.
 */
public final class ThresholdFile {
  private static final Set<String> COUNTING_TYPES = Set.of("limit", "threshold", "both");

  private ThresholdFile() {}

  /**
   * The filters of {@code file} in file order; {@code vars} resolves {@code $VAR} in suppress
   * addresses.
   *
   * @throws ThresholdFileException naming {@code file:line} and what is wrong
   */
  public static List<GlobalFilter> read(Path file, Map<String, String> vars) throws IOException {
    return parse(file.toString(), Files.readAllLines(file), vars);
  }

  /** The filters of {@code lines}, errors naming {@code name}. */
  public static List<GlobalFilter> parse(
      String name, List<String> lines, Map<String, String> vars) {
    List<GlobalFilter> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (pending.isEmpty()) {
        startLine = i + 1;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
      }
      String t = line.strip();
      if (t.endsWith("\\")) {
        pending.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      pending.append(t);
      String where = name + ":" + startLine;
      try {
        out.add(parseLine(pending.toString().strip(), where, vars));
      } catch (IllegalArgumentException e) {
        throw new ThresholdFileException(where + ": " + e.getMessage());
      }
      pending.setLength(0);
    }
    if (!pending.isEmpty()) {
      throw new ThresholdFileException(
          name + ":" + startLine + ": line continued past the end of the file");
    }
    return out;
  }

  private static GlobalFilter parseLine(String text, String where, Map<String, String> vars) {
    int sp = text.indexOf(' ');
    if (sp < 0) {
      throw new IllegalArgumentException("expected options after '" + text + "'");
    }
    String kind = text.substring(0, sp).toLowerCase(Locale.ROOT);
    if (kind.endsWith(":")) {
      kind = kind.substring(0, kind.length() - 1);
    }
    Map<String, String> opts = options(text.substring(sp + 1));
    long gid = number(opts, "gen_id");
    long sid = number(opts, "sig_id");
    if (sid > 0 && gid == 0) {
      throw new IllegalArgumentException(
          "sig_id " + sid + " with gen_id 0: give the rule's gen_id");
    }
    return switch (kind) {
      case "threshold", "event_filter" -> {
        allow(opts, kind, "gen_id", "sig_id", "type", "track", "count", "seconds");
        String type = required(opts, "type").toLowerCase(Locale.ROOT);
        if (!COUNTING_TYPES.contains(type)) {
          throw new IllegalArgumentException(
              "type must be limit, threshold or both, not '" + type + "'");
        }
        Track track = track(opts, Track.BY_SRC, Track.BY_DST, Track.BY_RULE, Track.BY_BOTH);
        yield new ThresholdFilter(
            gid, sid, type, track, positive(opts, "count"), positive(opts, "seconds"), where);
      }
      case "rate_filter" -> {
        allow(opts, kind, "gen_id", "sig_id", "track", "count", "seconds", "new_action", "timeout");
        Track track = track(opts, Track.BY_SRC, Track.BY_DST, Track.BY_RULE, Track.BY_BOTH);
        String act = required(opts, "new_action").toLowerCase(Locale.ROOT);
        RuleAction action =
            switch (act) {
              case "alert" -> RuleAction.ALERT;
              case "drop" -> RuleAction.DROP;
              case "pass" -> RuleAction.PASS;
              case "reject" -> RuleAction.REJECT;
              default ->
                  throw new IllegalArgumentException(
                      "new_action must be alert, drop, pass or reject, not '" + act + "'");
            };
        yield new RateFilter(
            gid,
            sid,
            track,
            positive(opts, "count"),
            positive(opts, "seconds"),
            action,
            positive(opts, "timeout"),
            where);
      }
      case "suppress" -> {
        allow(opts, kind, "gen_id", "sig_id", "track", "ip");
        if (!opts.containsKey("track")) {
          if (opts.containsKey("ip")) {
            throw new IllegalArgumentException("suppress with ip needs track");
          }
          yield new SuppressFilter(gid, sid, null, null, null, where);
        }
        Track track = track(opts, Track.BY_SRC, Track.BY_DST, Track.BY_EITHER);
        String ip = required(opts, "ip");
        yield new SuppressFilter(gid, sid, track, ip, AddressList.parse(ip, vars), where);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown directive '"
                  + kind
                  + "' (threshold, event_filter, suppress or rate_filter)");
    };
  }

  private static Map<String, String> options(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : AddressList.split(s)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty option in '" + s + "'");
      }
      int sp = part.indexOf(' ');
      if (sp < 0) {
        throw new IllegalArgumentException("option '" + part + "' has no value");
      }
      String key = part.substring(0, sp).toLowerCase(Locale.ROOT);
      if (out.put(key, part.substring(sp + 1).strip()) != null) {
        throw new IllegalArgumentException("option '" + key + "' given twice");
      }
    }
    return out;
  }

  private static void allow(Map<String, String> opts, String kind, String... names) {
    Set<String> ok = Set.of(names);
    for (String k : opts.keySet()) {
      if (!ok.contains(k)) {
        throw new IllegalArgumentException("unknown option '" + k + "' for " + kind);
      }
    }
  }

  private static String required(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }

  private static long number(Map<String, String> opts, String key) {
    String v = required(opts, key);
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > 0xffffffffL) {
        throw new IllegalArgumentException(key + " out of range: " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a number: '" + v + "'", e);
    }
  }

  private static long positive(Map<String, String> opts, String key) {
    long n = number(opts, key);
    if (n == 0) {
      throw new IllegalArgumentException(key + " must be at least 1");
    }
    return n;
  }

  private static Track track(Map<String, String> opts, Track... allowed) {
    String v = required(opts, "track").toLowerCase(Locale.ROOT);
    Track t = Track.of(v);
    for (Track a : allowed) {
      if (a == t) {
        return t;
      }
    }
    throw new IllegalArgumentException("track '" + v + "' not allowed here");
  }
}
