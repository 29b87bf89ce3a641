package org.vigil.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.RuleMatcher;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.RuleMeta;

/**
 * When a reload is in place on every detect thread: threads that swap, threads that start after the
 * reload was published (they run its rules from their first packet), and threads that leave.
 */
class RulesetSwitchTest {
  private static Ruleset rules() {
    return new Ruleset(
        "test",
        "none",
        new RuleMeta[0],
        new RuleMatcher[0],
        List.of(),
        new PortGroup[3],
        new PortGroup[3][0],
        new int[3][0]);
  }

  @Test
  void aThreadStartingAfterThePublishIsInPlaceForThatReload() throws InterruptedException {
    RulesetSwitch s = new RulesetSwitch(rules());
    List<String> notices = new ArrayList<>();
    s.onNotice(notices::add);
    int running = s.follow();
    int gen = s.publish(rules());
    assertFalse(s.await(gen, 1), "the running thread has not swapped yet");
    assertEquals(gen, s.follow(), "a thread starting now starts on the reload");
    s.swapped(gen, 1_000);
    assertTrue(s.await(gen, 1), "both threads run the reload");
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("on 2 detect threads"), notices.get(0));
    assertEquals(0, running);
  }

  @Test
  void aThreadStartingOnTheReloadAndLeavingAgainLeavesTheCountRight() throws InterruptedException {
    RulesetSwitch s = new RulesetSwitch(rules());
    s.follow();
    int gen = s.publish(rules());
    int warmUp = s.follow();
    s.leave(warmUp, true);
    assertFalse(s.await(gen, 1), "the first thread still runs the old rules");
    s.swapped(gen, 1_000);
    assertTrue(s.await(gen, 1));
  }
}
