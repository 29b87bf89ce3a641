package org.vigil.app.http.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BestFitTest {

  @Test
  void mapsLookAlikesToAscii() {
    assertEquals('A', BestFit.map(0x0100)); // A with macron
    assertEquals('/', BestFit.map(0xff0f)); // full-width solidus
    assertEquals('.', BestFit.map(0xff0e)); // full-width full stop
    assertEquals('/', BestFit.map(0x2215)); // division slash
    assertEquals('e', BestFit.map(0x0113)); // e with macron
    assertEquals(0x41, BestFit.map(0x41));
    assertEquals(-1, BestFit.map(0x4e2d)); // CJK: no fit
    assertEquals(-1, BestFit.map(0x1f600));
  }
}
