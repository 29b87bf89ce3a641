package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NfqOptionsTest {

  @Test
  void defaultsAcceptOnFailureWithoutKernelFailOpen() {
    NfqOptions o = NfqOptions.defaults(3);
    assertEquals(3, o.queue());
    assertEquals(NfqVerdict.ACCEPT, o.failVerdict());
    assertEquals(false, o.failOpen());
    assertTrue(o.withFailOpen(true).failOpen());
    assertEquals(NfqVerdict.DROP, o.withFailVerdict(NfqVerdict.DROP).failVerdict());
  }

  @Test
  void badValuesNameTheSetting() {
    var e = assertThrows(IllegalArgumentException.class, () -> NfqOptions.defaults(70000));
    assertTrue(e.getMessage().contains("nfq queue"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> NfqOptions.defaults(1).withVerdictBatch(0));
    assertTrue(e.getMessage().contains("verdict-batch"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> NfqOptions.defaults(1).withMaxQueueLength(0));
    assertTrue(e.getMessage().contains("max-queue-length"), e.getMessage());
  }
}
