package org.vigil.detect.api;

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
}
