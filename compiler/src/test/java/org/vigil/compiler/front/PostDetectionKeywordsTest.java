package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.DetectionFilter;
import org.vigil.compiler.ir.Tag;
import org.vigil.compiler.ir.Threshold;
import org.vigil.compiler.ir.Track;

class PostDetectionKeywordsTest {

  @Test
  void thresholdInAnyOrder() {
    Threshold t = one("threshold: type limit, track by_src, seconds 60, count 1;", Threshold.class);
    assertEquals(new Threshold(t.pos(), Threshold.Type.LIMIT, Track.BY_SRC, 1, 60), t);
    Threshold b = one("threshold:count 10,type both,seconds 120,track by_dst;", Threshold.class);
    assertEquals(Threshold.Type.BOTH, b.type());
    assertEquals(Track.BY_DST, b.track());
    assertEquals(
        Threshold.Type.THRESHOLD,
        one("threshold:type threshold,track by_src,count 3,seconds 5;", Threshold.class).type());
    assertEquals("threshold: missing 'seconds'", bad("threshold:type limit,track by_src,count 1;"));
    assertEquals(
        "threshold: type must be limit, threshold or both, found 'often'",
        bad("threshold:type often,track by_src,count 1,seconds 1;"));
    assertEquals(
        "threshold: track must be by_src or by_dst, found 'by_me'",
        bad("threshold:type limit,track by_me,count 1,seconds 1;"));
    assertEquals(
        "threshold: 'count' given twice",
        bad("threshold:type limit,track by_src,count 1,count 2,seconds 1;"));
  }

  @Test
  void detectionFilter() {
    DetectionFilter d =
        one("detection_filter:track by_src,count 15,seconds 2;", DetectionFilter.class);
    assertEquals(15, d.count());
    assertEquals(2, d.seconds());
    assertEquals(
        "detection_filter: unknown setting 'type' (track, count, seconds)",
        bad("detection_filter:type limit,track by_src,count 1,seconds 1;"));
  }

  @Test
  void tagForms() {
    Tag s = one("tag:session,5,packets;", Tag.class);
    assertEquals(Tag.Type.SESSION, s.type());
    assertEquals(5, s.count());
    assertEquals(Tag.Metric.PACKETS, s.metric());
    assertEquals(Tag.Metric.SECONDS, one("tag: session, 300, seconds;", Tag.class).metric());
    Tag h = one("tag:host,10,bytes,src;", Tag.class);
    assertEquals(Tag.HostSide.SRC, h.hostSide());
    assertTrue(one("tag:session,exclusive;", Tag.class).exclusive());
    assertEquals("tag: host tags need src or dst", bad("tag:host,10,packets;"));
    assertEquals(
        "tag: metric must be packets, seconds or bytes, found 'minutes'",
        bad("tag:session,5,minutes;"));
  }
}
