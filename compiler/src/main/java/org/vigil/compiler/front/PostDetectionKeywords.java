package org.vigil.compiler.front;

import java.util.Map;
import org.vigil.compiler.ir.DetectionFilter;
import org.vigil.compiler.ir.Tag;
import org.vigil.compiler.ir.Threshold;
import org.vigil.compiler.ir.Track;

/** Parsers of threshold, detection_filter and tag. */
final class PostDetectionKeywords {
  private PostDetectionKeywords() {}

  static void register(Map<String, KeywordParser> m) {
    m.put("threshold", PostDetectionKeywords::threshold);
    m.put("detection_filter", PostDetectionKeywords::detectionFilter);
    m.put("tag", PostDetectionKeywords::tag);
  }

  /** The "name value" settings of threshold-like keywords. */
  private static final class Settings {
    String type;
    Track track;
    Long count;
    Long seconds;
  }

  private static Settings settings(OptionArgs a, boolean allowType) {
    a.requireValue();
    Settings s = new Settings();
    for (OptionArgs p : a.split()) {
      String w = p.leadingWord();
      if (w == null) {
        throw p.error(
            p.size() == 0
                ? "empty setting (two commas in a row?)"
                : "unexpected '" + p.text() + "'");
      }
      OptionArgs rest = p.slice(1, p.size());
      switch (w) {
        case "type" -> {
          if (!allowType) {
            throw p.error("unknown setting 'type' (track, count, seconds)");
          }
          s.type = dup(p, s.type, rest.word("threshold type"));
        }
        case "track" -> {
          String t = rest.word("track");
          Track tr =
              switch (t) {
                case "by_src" -> Track.BY_SRC;
                case "by_dst" -> Track.BY_DST;
                default -> throw rest.error("track must be by_src or by_dst, found '" + t + "'");
              };
          if (s.track != null) {
            throw p.error("track given twice");
          }
          s.track = tr;
        }
        case "count" -> s.count = dup(p, s.count, rest.number("count", 1, 0xffffffffL));
        case "seconds" -> s.seconds = dup(p, s.seconds, rest.number("seconds", 1, 0xffffffffL));
        default ->
            throw p.error(
                "unknown setting '"
                    + w
                    + "' ("
                    + (allowType ? "type, " : "")
                    + "track, count, seconds)");
      }
    }
    String missing =
        s.track == null
            ? "track"
            : s.count == null
                ? "count"
                : s.seconds == null ? "seconds" : allowType && s.type == null ? "type" : null;
    if (missing != null) {
      throw a.error("missing '" + missing + "'");
    }
    return s;
  }

  private static <T> T dup(OptionArgs p, T old, T value) {
    if (old != null) {
      throw p.error("'" + p.leadingWord() + "' given twice");
    }
    return value;
  }

  private static void threshold(OptionArgs a, RuleBuilder r) {
    Settings s = settings(a, true);
    Threshold.Type t =
        switch (s.type) {
          case "limit" -> Threshold.Type.LIMIT;
          case "threshold" -> Threshold.Type.THRESHOLD;
          case "both" -> Threshold.Type.BOTH;
          default -> throw a.error("type must be limit, threshold or both, found '" + s.type + "'");
        };
    r.add(new Threshold(a.keywordPos(), t, s.track, s.count, s.seconds));
  }

  private static void detectionFilter(OptionArgs a, RuleBuilder r) {
    Settings s = settings(a, false);
    r.add(new DetectionFilter(a.keywordPos(), s.track, s.count, s.seconds));
  }

  private static void tag(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    var parts = a.split();
    String type = parts.get(0).word("tag type");
    Tag.Type t =
        switch (type) {
          case "session" -> Tag.Type.SESSION;
          case "host" -> Tag.Type.HOST;
          default ->
              throw parts.get(0).error("tag type must be session or host, found '" + type + "'");
        };
    long count = 0;
    Tag.Metric metric = null;
    Tag.HostSide side = null;
    boolean exclusive = false;
    int i = 1;
    if (parts.size() > i && !parts.get(i).isWord()) {
      count = parts.get(i).number("count", 1, 0xffffffffL);
      if (parts.size() <= i + 1) {
        throw a.error("a count needs a metric (packets, seconds, bytes)");
      }
      String mw = parts.get(i + 1).word("metric");
      metric =
          switch (mw) {
            case "packets" -> Tag.Metric.PACKETS;
            case "seconds" -> Tag.Metric.SECONDS;
            case "bytes" -> Tag.Metric.BYTES;
            default ->
                throw parts
                    .get(i + 1)
                    .error("metric must be packets, seconds or bytes, found '" + mw + "'");
          };
      i += 2;
    }
    for (; i < parts.size(); i++) {
      String w = parts.get(i).word("tag option");
      switch (w) {
        case "src" -> side = Tag.HostSide.SRC;
        case "dst" -> side = Tag.HostSide.DST;
        case "exclusive" -> exclusive = true;
        default -> throw parts.get(i).error("unknown option '" + w + "' (src, dst, exclusive)");
      }
    }
    if (t == Tag.Type.HOST && side == null) {
      throw a.error("host tags need src or dst");
    }
    if (t == Tag.Type.SESSION && side != null) {
      throw a.error("src/dst only apply to host tags");
    }
    r.add(new Tag(a.keywordPos(), t, count, metric, side, exclusive));
  }
}
