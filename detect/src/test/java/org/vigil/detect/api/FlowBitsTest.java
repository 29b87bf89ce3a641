package org.vigil.detect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowBitsTest {
  @Test
  void copyFromUndoesLaterChangesWhateverTheSizes() {
    FlowBits bits = new FlowBits();
    bits.set(3);
    FlowBits saved = new FlowBits();
    saved.copyFrom(bits);
    bits.toggle(3);
    bits.set(200); // grows past the saved copy
    bits.copyFrom(saved);
    assertTrue(bits.isSet(3));
    assertFalse(bits.isSet(200));
  }

  /** EVE's metadata.flowbits lists the bits set in the order they were set, as Suricata. */
  @Test
  void setNamesFollowTheOrderOfSettingThroughUnsetsTogglesCopiesAndRenumbering() {
    FlowBits bits = new FlowBits();
    bits.nameWith(java.util.List.of("a", "b", "c", "d"));
    bits.set(2);
    bits.set(0);
    bits.set(2); // already set: keeps its place
    bits.set(3);
    assertEquals(java.util.List.of("c", "a", "d"), bits.setNames());
    bits.unset(0);
    bits.toggle(1);
    bits.toggle(3);
    assertEquals(java.util.List.of("c", "b"), bits.setNames());
    FlowBits saved = new FlowBits();
    saved.nameWith(java.util.List.of("a", "b", "c", "d"));
    saved.copyFrom(bits);
    assertEquals(java.util.List.of("c", "b"), saved.setNames());
    // another ruleset numbers "c" as 0 and drops "b"
    bits.renumber(i -> i == 2 ? 0 : -1);
    bits.nameWith(java.util.List.of("c"));
    assertEquals(java.util.List.of("c"), bits.setNames());
    bits.clear();
    assertEquals(java.util.List.of(), bits.setNames());
    bits.setFlowint("n", 5);
    bits.setFlowint("m", 1);
    assertEquals(java.util.List.of("n", "m"), java.util.List.copyOf(bits.flowints().keySet()));
  }
}
