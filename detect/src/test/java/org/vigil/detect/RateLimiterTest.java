package org.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.InspectionContext;
import org.vigil.detect.artifact.RuleAction;
import org.vigil.detect.artifact.RuleMeta;

class RateLimiterTest {
  private static RuleMeta rule(String kind, boolean bySrc, long count) {
    return new RuleMeta(
        0,
        1,
        1,
        1,
        RuleAction.ALERT,
        "m",
        null,
        3,
        List.of(),
        new RuleMeta.RateLimit(kind, bySrc, count, 10));
  }

  private static int alerts(RateLimiter rl, RuleMeta m, InspectionContext c, int n, long step) {
    int a = 0;
    for (int i = 0; i < n; i++) {
      if (rl.allow(m, c, i * step)) {
        a++;
      }
    }
    return a;
  }

  @Test
  void kindsAndTracking() {
    InspectionContext c = new InspectionContext();
    c.setIpv4(0x01020304, 0x05060708);
    assertEquals(3, alerts(new RateLimiter(), rule("limit", true, 3), c, 10, 1000));
    assertEquals(3, alerts(new RateLimiter(), rule("threshold", true, 3), c, 10, 1000));
    assertEquals(1, alerts(new RateLimiter(), rule("both", true, 3), c, 10, 1000));
    assertEquals(7, alerts(new RateLimiter(), rule("detection_filter", true, 3), c, 10, 1000));
    // windows of 10 s: one match every 6 s -> a new window every other match for limit 1
    assertEquals(5, alerts(new RateLimiter(), rule("limit", true, 1), c, 10, 6_000_000));
    RateLimiter rl = new RateLimiter();
    RuleMeta m = rule("limit", true, 1);
    assertEquals(1, alerts(rl, m, c, 3, 1000));
    c.setIpv4(0x01020305, 0x05060708);
    assertEquals(1, alerts(rl, m, c, 3, 1000), "tracked per source address");
  }
}
