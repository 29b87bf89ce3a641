package org.vigil.app.dcerpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.vigil.detect.api.DceState;

/** The app layer's copy of the call state layout is the one the compiler lowers onto. */
class DceStateBytesTest {
  @Test
  void sameLayoutAsTheDetectionSide() {
    assertArrayEquals(
        new int[] {
          DceState.LENGTH,
          DceState.UUID,
          DceState.VERSION,
          DceState.FLAGS,
          DceState.OPNUM,
          DceState.IFACE_ACCEPTED,
          DceState.FIRST_FRAG,
          DceState.LITTLE_ENDIAN
        },
        new int[] {
          DceStateBytes.LENGTH,
          DceStateBytes.UUID,
          DceStateBytes.VERSION,
          DceStateBytes.FLAGS,
          DceStateBytes.OPNUM,
          DceStateBytes.IFACE_ACCEPTED,
          DceStateBytes.FIRST_FRAG,
          DceStateBytes.LITTLE_ENDIAN
        });
  }
}
